package content

import (
	"strings"
	"testing"
)

const head = "+++\ntitle = \"a\"\ndate = 2018-12-31\n+++\n"

// TestErrors: every mistake an author can make, with the line and column
// of the place to fix (front matter lines counted) and what to do.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, lang, src string
		want            []string
	}{
		{"unknown name", "vi", head + "Năm 2017: {{ admited khoi-dn 2017 }}.\n",
			[]string{`content/a.md:5:11: không có số liệu tên "admited"; có phải là "admitted"?`}},
		{"unknown name, no close one", "en", head + "{{ xyz khoi-dn 2017 }}\n",
			[]string{`content/a.md:5:1: there is no figure named "xyz"; use one of: admitted, confirmed, women, youth_union, ethnic_minority, religious, under_30, workers, owners, members, units, target, achieved, referred, referral_admitted, conversion`}},
		{"unknown cell", "vi", head + "\nA\nbc {{ admitted prime-grup 2017 }}\n",
			[]string{`content/a.md:7:4: không có đơn vị "prime-grup" trong data/; có phải là "prime-group"?`}},
		{"unknown referrer", "vi", head + "{{ referred doan-khoj 2017 }}\n",
			[]string{`content/a.md:5:1: không có tổ chức giới thiệu "doan-khoj" trong data/; có phải là "doan-khoi"?`}},
		{"cell given for a referrer figure", "en", head + "{{ referred khoi-dn 2017 }}\n",
			[]string{`content/a.md:5:1: there is no referrer "khoi-dn" in data/; use the id of a [[referrer]] in data/`}},
		{"malformed", "vi", head + "Đảng bộ {{ admitted khoi-dn }}\n",
			[]string{`content/a.md:5:9: số liệu "admitted khoi-dn" viết sai; viết {{ TÊN ĐƠN-VỊ NĂM }}, ví dụ {{ admitted khoi-dn 2017 }}; muốn viết {{ như chữ thường thì gõ \{{`}},
		{"unclosed", "en", head + "ở {{ admitted khoi-dn 2017\n",
			[]string{`content/a.md:5:3: a figure opened with {{ has no }} on the same line; write {{ NAME SUBJECT YEAR }}, e.g. {{ admitted khoi-dn 2017 }}; to write a literal {{, type \{{`}},
		{"bad period", "vi", head + "{{ admitted khoi-dn 17 }}\n",
			[]string{`content/a.md:5:1: kỳ "17" không hợp lệ; ghi một năm (2017) hoặc một giai đoạn (2010-2015), trong khoảng 1930–2100`}},
		{"no figure", "vi", head + "{{ admitted khoi-dn 2019 }}\n",
			[]string{`content/a.md:5:1: dữ liệu không có số liệu admitted của khoi-dn cho 2019; thêm bản ghi vào data/ hoặc sửa tên, đơn vị, kỳ của số liệu`}},
		{"not yet known", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02T08:02:00+07:00\n+++\n{{ admitted khoi-dn 2018 }}\n",
			[]string{`content/a.md:5:1: số liệu admitted của khoi-dn cho 2018 chỉ được biết từ ngày 15/11/2018, sau ngày của bài (02/02/2018); một bài chỉ trích số liệu đã biết vào ngày của nó: sửa date của bài hoặc trích số liệu khác`}},
		{"not yet known, en", "en", "+++\ntitle = \"a\"\ndate = 2017-06-01\n+++\n{{ admitted prime-group 2017 }}\n",
			[]string{`content/a.md:5:1: the admitted of prime-group for 2017 is known only from 31 December 2017, after the article's date (1 June 2017); an article cites only figures known on its date: correct the article's date or cite another figure`}},
		{"sum leaves out sub-cells", "vi", head + "{{ admitted khoi-dn 2015 }}\n",
			[]string{`content/a.md:5:1: tổng admitted của khoi-dn cho 2015 thiếu số liệu của: chinh-xac-vn1, in-phuc-yen; thêm số liệu của các đơn vị đó, hoặc một bản ghi của chính khoi-dn`}},
		{"target of a term", "vi", head + "{{ target khoi-dn 2015-2020 }}\n",
			[]string{`content/a.md:5:1: dữ liệu không có số liệu target của khoi-dn cho 2015-2020; thêm bản ghi vào data/ hoặc sửa tên, đơn vị, kỳ của số liệu`}},
		{"cell not open", "vi", head + "{{ admitted moi 2017 }}\n",
			[]string{`content/a.md:5:1: đơn vị moi không hoạt động trong 2017 (hoạt động 2019-01-01 – …); trích số liệu của năm đơn vị còn hoạt động, hoặc sửa founded, closed của đơn vị trong data/`}},
		{"chart with nothing known on the article's date", "vi", "+++\ntitle = \"a\"\ndate = 2017-06-01\n+++\n\n{{ chart cells khoi-dn 2017 }}\n",
			[]string{`content/a.md:6:1: biểu đồ cells của khoi-dn chưa có số liệu nào vào ngày của bài (01/06/2017); số liệu đầu tiên có từ ngày 31/12/2017; một bài chỉ cho thấy số liệu đã biết vào ngày của nó: sửa date của bài, hoặc bỏ biểu đồ`}},
		{"chart with nothing to draw", "en", head + "{{ chart members prime-group }}\n",
			[]string{`content/a.md:5:1: the data holds nothing to draw a members chart of prime-group; add records to data/, or correct the chart's kind, subject or year`}},
		{"achieved without target", "en", head + "{{ achieved in-phuc-yen 2017 }}\n",
			[]string{`content/a.md:5:1: achieved cannot be given: in-phuc-yen has no target for 2017; add a [[target]] for that cell and year, or leave the figure out`}},
		{"chart of unknown kind", "vi", head + "\n{{ chart admission khoi-dn }}\n",
			[]string{`content/a.md:6:1: không có loại biểu đồ "admission"; có phải là "admissions"?`}},
		{"cells chart without year", "vi", head + "{{ chart cells khoi-dn }}\n",
			[]string{`content/a.md:5:1: biểu đồ cells cần một năm; viết {{ chart cells khoi-dn 2017 }}`}},
		{"year on a chart without one", "en", head + "{{ chart members khoi-dn 2017 }}\n",
			[]string{`content/a.md:5:1: a members chart takes no year; leave the year out: {{ chart members khoi-dn }}`}},
		{"chart of unknown subject", "vi", head + "{{ chart referrals doan }}\n",
			[]string{`content/a.md:5:1: không có tổ chức giới thiệu "doan" trong data/; dùng id của một [[referrer]] trong data/`}},
		{"chart in running text", "vi", head + "Xem {{ chart admissions khoi-dn }}\n",
			[]string{`content/a.md:5:5: biểu đồ phải đứng riêng một đoạn; để một dòng trống trước và sau {{ chart … }}, ngoài danh sách và trích dẫn`}},
		{"chart in a list", "vi", head + "- {{ chart admissions khoi-dn }}\n",
			[]string{`content/a.md:5:3: biểu đồ phải đứng riêng một đoạn; để một dòng trống trước và sau {{ chart … }}, ngoài danh sách và trích dẫn`}},

		{"raw HTML", "vi", head + "<!-- ghi chú -->\n\nChữ <b onclick=\"x\">đậm</b>\n\n<div>khối</div>\n",
			[]string{
				`content/a.md:7:5: cảnh báo: HTML trong bài bị bỏ qua, không đưa ra trang; viết bằng Markdown: không đoạn chữ nào của bài được thành mã trên trang`,
				`content/a.md:7:23: cảnh báo: HTML trong bài bị bỏ qua, không đưa ra trang; viết bằng Markdown: không đoạn chữ nào của bài được thành mã trên trang`,
				`content/a.md:9:1: cảnh báo: HTML trong bài bị bỏ qua, không đưa ra trang; viết bằng Markdown: không đoạn chữ nào của bài được thành mã trên trang`,
			}},
		{"javascript link", "en", head + "[x](javascript:alert(1))\n",
			[]string{`content/a.md:5:1: warning: the link "javascript:alert(1)" was dropped: only http, https and mailto links, and paths within the site, are kept; write a link that starts with http://, https:// or mailto:, or a relative path`}},
		{"links of other schemes", "vi", head + "[a](irc:foo) [b](localhost:5001/foo)\n",
			[]string{
				`content/a.md:5:1: cảnh báo: liên kết "irc:foo" bị bỏ: chỉ giữ liên kết http, https, mailto hoặc đường dẫn trong trang; viết liên kết bắt đầu bằng http://, https:// hoặc mailto:, hoặc một đường dẫn tương đối`,
				`content/a.md:5:14: cảnh báo: liên kết "localhost:5001/foo" bị bỏ: chỉ giữ liên kết http, https, mailto hoặc đường dẫn trong trang; viết liên kết bắt đầu bằng http://, https:// hoặc mailto:, hoặc một đường dẫn tương đối`,
			}},
		{"a bare address found by Linkify", "vi", head + "Tải ftp://example.org/x và xem\n",
			[]string{`content/a.md:5:5: cảnh báo: liên kết "ftp://example.org/x" bị bỏ: chỉ giữ liên kết http, https, mailto hoặc đường dẫn trong trang; viết liên kết bắt đầu bằng http://, https:// hoặc mailto:, hoặc một đường dẫn tương đối`}},
		{"an indented comment", "vi", head + "  <!-- ghi chú -->\n", nil},
		{"text after a comment", "vi", head + "<!-- foo -->*bar*\n",
			[]string{`content/a.md:5:13: cảnh báo: chữ sau chú thích <!-- … --> trên cùng dòng bị bỏ cùng chú thích; xuống dòng sau -->, rồi viết chữ ở dòng mới`}},
		{"no front matter", "vi", "# Tiêu đề\n",
			[]string{`content/a.md:1:1: bài viết không có phần đầu (front matter); mở đầu tệp bằng một dòng +++, các dòng title = "…" và date = 2018-02-02, rồi một dòng +++`}},
		{"front matter not closed", "en", "+++\ntitle = \"a\"\n\ntext\n",
			[]string{`content/a.md:1:1: the front matter opened with +++ is never closed; add a line holding only +++ after the last key of the front matter`}},
		{"front matter text without quotes", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02\nauthor = Kim Hiền\n+++\n",
			[]string{`content/a.md:4:10: chữ của author không có dấu ngoặc kép; đặt chữ trong dấu ngoặc kép: author = "Kim Hiền"`}},
		{"front matter syntax", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02\nauthor = \"Kim\" Hiền\n+++\n",
			[]string{`content/a.md:4:16: phần đầu không đúng cú pháp TOML; chuỗi đặt trong dấu ngoặc kép, ngày viết không ngoặc như 2018-02-02, mỗi khóa một dòng`}},
		{"front matter in YAML", "vi", "---\ntitle: Kết quả năm 2017\ndate: 2018-02-02\n---\nText.\n",
			[]string{`content/a.md:1:1: phần đầu viết theo YAML (giữa hai dòng ---); sitegen đọc phần đầu viết theo TOML; mở và đóng phần đầu bằng dòng +++, mỗi dòng viết khóa = giá trị: title = "…", date = 2018-02-02`}},
		{"front matter in YAML, en", "en", "---\ntitle: a\n---\nText.\n",
			[]string{`content/a.md:1:1: the front matter is written in YAML (between --- lines); sitegen reads front matter written in TOML; open and close it with +++ lines, and write key = value on each line: title = "…", date = 2018-02-02`}},
		{"a YAML key in TOML front matter", "vi", "+++\ntitle: Kết quả năm 2017\ndate = 2018-02-02\n+++\n",
			[]string{`content/a.md:2:1: title: là cách viết của YAML; phần đầu viết theo TOML, với dấu =; viết title = "Kết quả năm 2017"`}},
		{"a key in Vietnamese", "vi", "+++\ntiêu_đề = \"a\"\ndate = 2018-02-02\n+++\n",
			[]string{`content/a.md:2:1: phần đầu không có khóa tiêu_đề: khóa viết bằng tiếng Anh, không dấu, không dấu cách; viết bằng tiếng Anh: title`}},
		{"a key in Vietnamese without diacritics", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02\ntac_gia = \"Kim\"\n+++\n",
			[]string{`content/a.md:4:1: phần đầu không có khóa "tac_gia"; viết bằng tiếng Anh: author`}},
		{"a key with a space", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02\ntác giả = \"Kim\"\n+++\n",
			[]string{`content/a.md:4:1: phần đầu không có khóa tác giả: khóa viết bằng tiếng Anh, không dấu, không dấu cách; viết bằng tiếng Anh: author`}},
		{"a key one letter off, with a space", "en", "+++\ntitle = \"a\"\ndate = 2018-02-02\nsumary x = \"Kim\"\n+++\n",
			[]string{`content/a.md:4:1: the front matter has no key sumary x: keys are English words, without diacritics or spaces; the keys are: title, date, author, cells, years, source, slug, draft, summary`}},
		{"curly quotes", "vi", "+++\ntitle = “Kết quả”\ndate = 2018-02-02\n+++\n",
			[]string{`content/a.md:2:9: dòng này có dấu ngoặc kép cong “ ” (Word tự đổi dấu " thành dấu này); gõ lại bằng dấu ngoặc kép thẳng: title = "Kết quả"`}},
		{"a year with a leading zero", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02\ndraft = 01\n+++\n",
			[]string{`content/a.md:4:9: số 01 bắt đầu bằng chữ số 0; viết draft = 1`}},
		{"a key written twice", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02\n  title = \"b\"\n+++\n",
			[]string{`content/a.md:4:3: khóa title viết hai lần trong phần đầu; giữ một dòng, xóa dòng kia`}},
		{"text not closed", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02\nauthor = \"Kim Hiền\n+++\n",
			[]string{`content/a.md:4:19: chữ của author thiếu dấu ngoặc kép đóng; viết author = "Kim Hiền"; chữ nhiều dòng viết trong """ … """`}},
		{"a day not in the calendar", "en", "+++\ntitle = \"a\"\ndate = 2018-02-30\n+++\n",
			[]string{`content/a.md:3:8: date = 2018-02-30 is not a day of the calendar; write a date as year-month-day, without quotes, e.g. date = 2018-02-02, or date = 2018-02-02T08:00:00+07:00 with the time`}},
		{"a day written day/month/year", "vi", "+++\ntitle = \"a\"\ndate = 20/11/2024\n+++\n",
			[]string{`content/a.md:3:8: date = 20/11/2024 viết theo kiểu ngày/tháng/năm; ngày viết năm-tháng-ngày, không có dấu ngoặc kép: date = 2024-11-20`}},
		{"a day written day/month/year in quotes", "vi", "+++\ntitle = \"a\"\ndate = \"20/11/2024\"\n+++\n",
			[]string{`content/a.md:3:8: date = "20/11/2024" viết theo kiểu ngày/tháng/năm; ngày viết năm-tháng-ngày, không có dấu ngoặc kép: date = 2024-11-20`}},
		{"a decimal comma", "en", "+++\ntitle = \"a\"\ndate = 2018-02-02\nty_le = 98,5\n+++\n",
			[]string{`content/a.md:4:9: the number 98,5 has decimals after a comma; every number of the format is a whole number (people, cells, years), with no decimals: write ty_le = 98`}},
		{"unknown key", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02\n  autor = \"Kim Hiền\"\n+++\n",
			[]string{`content/a.md:4:3: phần đầu không có khóa "autor"; có phải là "author"?`}},
		{"unknown table", "en", "+++\ntitle = \"a\"\ndate = 2018-02-02\n[extra]\nx = 1\n+++\n",
			[]string{`content/a.md:4:2: the front matter has no key "extra"; the keys are: title, date, author, cells, years, source, slug, draft, summary`}},
		{"title and date missing", "vi", "+++\nauthor = \"x\"\n+++\n",
			[]string{
				`content/a.md:2:1: thiếu khóa "date" trong phần đầu; thêm dòng date = 2018-02-02 vào giữa hai dòng +++`,
				`content/a.md:2:1: thiếu khóa "title" trong phần đầu; thêm dòng title = "Chú trọng tạo nguồn và phát triển đảng viên" vào giữa hai dòng +++`,
			}},
		{"wrong types", "en", "+++\ntitle = 1\ndate = \"2018-02-02\"\ndraft = \"no\"\ncells = \"khoi-dn\"\nyears = [\"2017\"]\n+++\n",
			[]string{
				`content/a.md:2:9: "title" must be a quoted string; write it like title = "Chú trọng tạo nguồn và phát triển đảng viên"`,
				`content/a.md:3:8: "date" must be a date (2018-02-02) or a date and time with its offset; write it like date = 2018-02-02T08:02:00+07:00`,
				`content/a.md:4:9: "draft" must be true or false; write it like draft = true`,
				`content/a.md:5:9: "cells" must be an array of strings; write it like cells = ["khoi-dn"]`,
				`content/a.md:6:9: "years" must be an array of years; write it like years = [2017, 2018]`,
			}},
		{"empty title", "vi", "+++\ntitle = \"  \"\ndate = 2018-02-02\n+++\n",
			[]string{`content/a.md:2:9: khóa "title" không được để trống; ghi nội dung vào giữa hai dấu ngoặc kép`}},
		{"date and time without offset", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02T08:02:00\n+++\n",
			[]string{`content/a.md:3:8: ngày giờ 2018-02-02T08:02:00 không có múi giờ; thêm múi giờ, ví dụ 2018-02-02T08:02:00+07:00, hoặc chỉ ghi ngày 2018-02-02`}},
		{"unknown cell in cells", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02\ncells = [\"khoi-dn\",\n  \"prime-grop\"]\n+++\n",
			[]string{`content/a.md:5:4: không có đơn vị "prime-grop" trong data/; có phải là "prime-group"?`}},
		{"year out of range", "en", "+++\ntitle = \"a\"\ndate = 2018-02-02\nyears = [2017, 18]\n+++\n",
			[]string{`content/a.md:4:9: the year 18 is not between 1930 and 2100; write the year with four digits, e.g. 2018`}},
		{"bad slug", "vi", "+++\ntitle = \"a\"\ndate = 2018-02-02\nslug = \"Chú trọng/../x\"\n+++\n",
			[]string{`content/a.md:4:8: slug "Chú trọng/../x" không đúng dạng; chỉ dùng chữ thường không dấu, chữ số và dấu - giữa các từ, ví dụ chu-trong-x`}},
		{"empty slug", "en", "+++\ntitle = \"a\"\ndate = 2018-02-02\nslug = \"\"\n+++\n",
			[]string{`content/a.md:4:8: the slug "" is not in the slug form; use lowercase letters without diacritics, digits, and - between words, e.g. chu-trong-tao-nguon`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := load(t, tt.lang, "-- content/a.md --\n"+tt.src)
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("source:\n%s\ngot:\n%s\nwant:\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
