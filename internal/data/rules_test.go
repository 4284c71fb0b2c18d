package data

import (
	"strings"
	"testing"
)

// TestRules checks every rule of the format: each case adds one mistake to
// baseSite (or, with full, is the whole site) and lists every message the
// keeper sees, with its file, line and column.
func TestRules(t *testing.T) {
	tests := []struct {
		name  string
		full  bool // files is the whole site, not an addition to baseSite
		files string
		want  string
	}{
		{
			name: "count with a dot",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = 5.921
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2022: admitted = 5.921 có dấu phân cách hàng nghìn; viết 5921, không có dấu chấm hay dấu phẩy
`,
		},
		{
			name: "count with a comma",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = 5,921
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2022: admitted = 5,921 có dấu phân cách hàng nghìn; viết 5921, không có dấu chấm hay dấu phẩy
`,
		},
		{
			name: "count in quotes with a separator",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = "5.921"
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2022: admitted = "5.921" có dấu phân cách hàng nghìn; viết 5921, không có dấu chấm hay dấu phẩy
`,
		},
		{
			name: "count in quotes",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = "17"
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2022: admitted là số nhưng được đặt trong dấu ngoặc kép; viết admitted = 17, không có dấu ngoặc kép
`,
		},
		{
			name: "negative count",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = -3
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2022: admitted = -3 là số âm; số lượng phải từ 0 trở lên
`,
		},
		{
			name: "fraction",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = 2.5
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2022: admitted = 2.5 không phải số nguyên; số lượng là số nguyên từ 0 trở lên, viết liền không dấu phân cách, ví dụ 17
`,
		},
		{
			name: "approx in Vietnamese",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = { value = 200, approx = "trên" }
`,
			want: `data/x.toml:4:27: admission cell="pxsx" year=2022: approx của admitted là "trên", từ này không dùng được ở đây; viết approx = "over"
`,
		},
		{
			name: "approximate count in words",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = trên 200
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2022: admitted = trên 200: số gần đúng viết bằng chữ; viết admitted = { value = 200, approx = "over" }
`,
		},
		{
			name: "approximate count in words, quoted",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = "gần 3.000"
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2022: admitted = "gần 3.000": số gần đúng viết bằng chữ; viết admitted = { value = 3000, approx = "under" }
`,
		},
		{
			name: "approx unknown",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = { value = 200, approx = "many" }
`,
			want: `data/x.toml:4:27: admission cell="pxsx" year=2022: approx của admitted là "many", không được dùng; approx chỉ nhận "over" (trên), "under" (gần) hoặc "about" (khoảng)
`,
		},
		{
			name: "approx missing",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = { value = 200 }
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2022: admitted viết dạng bảng nhưng thiếu approx; approx chỉ nhận "over" (trên), "under" (gần) hoặc "about" (khoảng)
`,
		},
		{
			name: "value missing",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = { approx = "over" }
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2022: admitted viết dạng bảng nhưng thiếu value; số gần đúng viết { value = 200, approx = "over" }
`,
		},
		{
			name: "count table with an unknown key",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = { value = 200, approx = "over", note = "x" }
`,
			want: `data/x.toml:4:44: admission cell="pxsx" year=2022: admitted có khóa "note" không được dùng; số gần đúng viết { value = 200, approx = "over" }
`,
		},
		{
			name: "date day/month/year in quotes",
			files: `-- data/x.toml --
[[membership]]
cell = "pxsx"
date = "31/12/2022"
members = 3
`,
			want: `data/x.toml:3:1: membership cell="pxsx" date="31/12/2022": date = "31/12/2022" viết theo kiểu ngày/tháng/năm; viết date = 2022-12-31, không có dấu ngoặc kép
`,
		},
		{
			name: "date day/month/year bare",
			files: `-- data/x.toml --
[[membership]]
cell = "pxsx"
date = 31/12/2022
members = 3
`,
			want: `data/x.toml:3:1: membership cell="pxsx": date = 31/12/2022 viết theo kiểu ngày/tháng/năm; viết date = 2022-12-31, không có dấu ngoặc kép
`,
		},
		{
			name: "impossible date",
			files: `-- data/x.toml --
[[membership]]
cell = "pxsx"
date = 2022-02-30
members = 3
`,
			want: `data/x.toml:3:1: membership cell="pxsx" date=2022-02-30: date = 2022-02-30 không phải một ngày có thật; ngày viết năm-tháng-ngày, không có dấu ngoặc kép, ví dụ 2022-12-31
`,
		},
		{
			name: "impossible date in quotes",
			files: `-- data/x.toml --
[[membership]]
cell = "pxsx"
date = "30/02/2022"
members = 3
`,
			want: `data/x.toml:3:1: membership cell="pxsx" date="30/02/2022": date = 30/02/2022 không phải một ngày có thật; ngày viết năm-tháng-ngày, không có dấu ngoặc kép, ví dụ 2022-12-31
`,
		},
		{
			name: "date in quotes",
			files: `-- data/x.toml --
[[membership]]
cell = "pxsx"
date = "2022-12-31"
members = 3
`,
			want: `data/x.toml:3:1: membership cell="pxsx" date="2022-12-31": date là ngày nhưng được đặt trong dấu ngoặc kép; viết date = 2022-12-31, không có dấu ngoặc kép
`,
		},
		{
			name: "date with a time",
			files: `-- data/x.toml --
[[membership]]
cell = "pxsx"
date = 2022-12-31T10:00:00
members = 3
`,
			want: `data/x.toml:3:1: membership cell="pxsx" date=2022-12-31: date có cả giờ, ở đây chỉ cần ngày; viết date = 2022-12-31
`,
		},
		{
			name: "date without zeros",
			files: `-- data/x.toml --
[[membership]]
cell = "pxsx"
date = 2022-1-5
members = 3
`,
			want: `data/x.toml:3:1: membership cell="pxsx" date=2022-1-5: date = 2022-1-5: tháng và ngày cần đủ hai chữ số; viết date = 2022-01-05, không có dấu ngoặc kép
`,
		},
		{
			name: "date of the wrong type",
			files: `-- data/x.toml --
[[membership]]
cell = "pxsx"
date = 2022
members = 3
`,
			want: `data/x.toml:3:1: membership cell="pxsx" date=2022: date phải là một ngày; ngày viết năm-tháng-ngày, không có dấu ngoặc kép, ví dụ 2022-12-31
`,
		},
		{
			name: "single brackets",
			files: `-- data/x.toml --
[admission]
cell = "pxsx"
year = 2022
admitted = 5
`,
			want: `data/x.toml:1:1: [admission] viết một ngoặc vuông; mỗi bản ghi bắt đầu bằng [[admission]] (hai ngoặc vuông)
`,
		},
		{
			name: "single and double brackets",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2021
admitted = 5

[admission]
cell = "pxsx"
year = 2022
admitted = 5
`,
			want: `data/x.toml:6:1: admission cell="pxsx" year=2022: [admission] viết một ngoặc vuông; mỗi bản ghi bắt đầu bằng [[admission]] (hai ngoặc vuông)
`,
		},
		{
			name: "single then double brackets",
			files: `-- data/x.toml --
[admission] # 2021
cell = "pxsx"
year = 2021
admitted = 5

[[admission]] # 2022
cell = "pxsx"
year = 2022
admitted = 5
`,
			want: `data/x.toml:1:1: admission cell="pxsx" year=2021: [admission] viết một ngoặc vuông; mỗi bản ghi bắt đầu bằng [[admission]] (hai ngoặc vuông)
`,
		},
		{
			name: "site then double brackets",
			full: true,
			files: `-- data/site.toml --
[site]
title = "Thử"
root = "khoi"

[[site]]
title = "Hai"
`,
			want: `data/site.toml:3:1: site: tổ chức đảng gốc "khoi" không có trong các [[cell]]; thêm [[cell]] có id này, hoặc sửa root
data/site.toml:5:1: bảng [site] viết hai lần; chỉ giữ một bảng [site]
`,
		},
		{
			name: "single brackets twice",
			files: `-- data/x.toml --
[admission]
cell = "pxsx"
year = 2021
admitted = 5

[admission]
cell = "pxsx"
year = 2022
admitted = 5
`,
			want: `data/x.toml:1:1: [admission] viết một ngoặc vuông; mỗi bản ghi bắt đầu bằng [[admission]] (hai ngoặc vuông)
data/x.toml:6:1: admission cell="pxsx" year=2022: [admission] viết một ngoặc vuông; mỗi bản ghi bắt đầu bằng [[admission]] (hai ngoặc vuông)
`,
		},
		{
			name: "site with double brackets",
			full: true,
			files: `-- data/site.toml --
[[site]]
title = "Thử"
root = "khoi"
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`,
			want: `data/site.toml:1:1: [[site]] viết hai ngoặc vuông; viết [site] (một ngoặc vuông): trang chỉ có một bảng site
`,
		},
		{
			name: "no site",
			full: true,
			files: `-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`,
			want: `data: không có bảng [site]; thêm [site] có title và root vào một tệp trong data/, ví dụ data/site.toml
`,
		},
		{
			name: "site twice",
			files: `-- data/x.toml --
[site]
title = "Hai"
root = "khoi"
`,
			want: `data/x.toml:1:1: site: [site] đã viết ở data/site.toml:1:1; chỉ giữ một bảng [site]
`,
		},
		{
			name: "unknown table",
			files: `-- data/x.toml --
[[admision]]
cell = "pxsx"
`,
			want: `data/x.toml:1:1: bảng hoặc khóa "admision" không có trong định dạng; có phải là "admission"?
`,
		},
		{
			name: "unknown top-level key",
			files: `-- data/x.toml --
titel = "x"
`,
			want: `data/x.toml:1:1: bảng hoặc khóa "titel" không có trong định dạng; các bảng được dùng: site, cell, admission, membership, target, referrer, referral
`,
		},
		{
			name: "unknown key",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = 5
admited = 6
`,
			want: `data/x.toml:5:1: admission cell="pxsx" year=2022: khóa "admited" không có trong định dạng; có phải là "admitted"?
`,
		},
		{
			name: "unknown key, nothing close",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = 5
note = "x"
`,
			want: `data/x.toml:5:1: admission cell="pxsx" year=2022: khóa "note" không có trong định dạng; các khóa được dùng: cell, year, from, to, admitted, confirmed, women, youth_union, ethnic_minority, religious, under_30, workers, owners, as_of, source
`,
		},
		{
			name: "missing key",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
`,
			want: `data/x.toml:1:1: admission cell="pxsx" year=2022: thiếu admitted; thêm dòng admitted = …
`,
		},
		{
			name: "id with capitals and a space",
			files: `-- data/x.toml --
[[cell]]
id = "Prime Group"
name = "P"
kind = "chi-bo-co-so"
parent = "khoi"
`,
			want: `data/x.toml:2:1: cell id="Prime Group": id = "Prime Group" không phải mã hợp lệ; mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối: viết "prime-group"
`,
		},
		{
			name: "id with diacritics",
			files: `-- data/x.toml --
[[cell]]
id = "in-phúc-yên"
name = "P"
kind = "chi-bo-co-so"
parent = "khoi"
`,
			want: `data/x.toml:2:1: cell id="in-phúc-yên": id = "in-phúc-yên" không phải mã hợp lệ; mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối: viết "in-phuc-yen"
`,
		},
		{
			name: "id with nothing to keep",
			files: `-- data/x.toml --
[[cell]]
id = "--"
name = "P"
kind = "chi-bo-co-so"
parent = "khoi"
`,
			want: `data/x.toml:2:1: cell id="--": id = "--" không phải mã hợp lệ; mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ prime-group
`,
		},
		{
			name: "kind close to one",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "P"
kind = "chi-bo-co-s"
parent = "khoi"
`,
			want: `data/x.toml:4:1: cell id="a": kind = "chi-bo-co-s" không phải giá trị được phép; có phải là "chi-bo-co-so"? Các giá trị được phép: khoi, dang-bo-co-so, chi-bo-co-so, dang-bo-bo-phan, chi-bo-truc-thuoc
`,
		},
		{
			name: "kind unknown",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "P"
kind = "dang-bo"
parent = "khoi"
`,
			want: `data/x.toml:4:1: cell id="a": kind = "dang-bo" không phải giá trị được phép; các giá trị được phép: khoi, dang-bo-co-so, chi-bo-co-so, dang-bo-bo-phan, chi-bo-truc-thuoc
`,
		},
		{
			name: "ownership unknown",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "P"
kind = "chi-bo-co-so"
parent = "khoi"
ownership = "private"
`,
			want: `data/x.toml:6:1: cell id="a": ownership = "private" không phải giá trị được phép; các giá trị được phép: nha-nuoc, co-phan, fdi, tu-nhan, hop-tac-xa, khac
`,
		},
		{
			name: "referrer kind unknown",
			files: `-- data/x.toml --
[[referrer]]
id = "cd"
name = "Công đoàn"
kind = "union"
`,
			want: `data/x.toml:4:1: referrer id="cd": kind = "union" không phải giá trị được phép; các giá trị được phép: youth-union, trade-union, other
`,
		},
		{
			name: "language unknown",
			full: true,
			files: `-- data/site.toml --
[site]
title = "T"
root = "khoi"
language = "fr"
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`,
			want: `data/site.toml:4:1: site: language = "fr" không phải giá trị được phép; các giá trị được phép: vi, en
`,
		},
		{
			name: "newer format",
			full: true,
			files: `-- data/site.toml --
[site]
title = "T"
root = "khoi"
format = 2
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`,
			want: `data/site.toml:4:1: site: dữ liệu viết cho định dạng phiên bản 2, mới hơn phiên bản mà sitegen này đọc được; cập nhật sitegen lên bản mới hơn (bản này đọc định dạng 1)
`,
		},
		{
			name: "format zero",
			full: true,
			files: `-- data/site.toml --
[site]
title = "T"
root = "khoi"
format = 0
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`,
			want: `data/site.toml:4:1: site: format = 0 không phải phiên bản định dạng; xóa dòng này hoặc viết format = 1
`,
		},
		{
			name: "base_url that would run script",
			full: true,
			files: `-- data/site.toml --
[site]
title = "T"
root = "khoi"
base_url = "javascript://x/%0aalert(document.domain)//"
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`,
			want: `data/site.toml:4:1: site: base_url "javascript://x/%0aalert(document.domain)//" dùng giao thức javascript; chỉ dùng được http hoặc https; viết đầy đủ, ví dụ base_url = "https://example.org/so-lieu/"
`,
		},
		{
			name: "base_url on ftp",
			full: true,
			files: `-- data/site.toml --
[site]
title = "T"
root = "khoi"
base_url = "ftp://intranet/so-lieu/"
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`,
			want: `data/site.toml:4:1: site: base_url "ftp://intranet/so-lieu/" dùng giao thức ftp; chỉ dùng được http hoặc https; viết đầy đủ, ví dụ base_url = "https://example.org/so-lieu/"
`,
		},
		{
			name: "a count too large",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = 5000000000000000000
women = { value = 100000001, approx = "about" }
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2022: admitted = 5000000000000000000 lớn hơn 100000000, số lớn nhất định dạng nhận; kiểm tra lại số này: có thể gõ thừa chữ số
data/x.toml:5:11: admission cell="pxsx" year=2022: women = 100000001 lớn hơn 100000000, số lớn nhất định dạng nhận; kiểm tra lại số này: có thể gõ thừa chữ số
`,
		},
		{
			name: "a target too large",
			files: `-- data/x.toml --
[[target]]
cell = "pxsx"
year = 2022
min = 200
max = 9000000000
`,
			want: `data/x.toml:5:1: target cell="pxsx" year=2022: max = 9000000000 lớn hơn 100000000, số lớn nhất định dạng nhận; kiểm tra lại số này: có thể gõ thừa chữ số
`,
		},
		{
			name: "base_url not absolute",
			full: true,
			files: `-- data/site.toml --
[site]
title = "T"
root = "khoi"
base_url = "so-lieu/"
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`,
			want: `data/site.toml:4:1: site: base_url "so-lieu/" không phải địa chỉ đầy đủ; viết đầy đủ, ví dụ base_url = "https://example.org/so-lieu/"
`,
		},
		{
			name: "empty title",
			full: true,
			files: `-- data/site.toml --
[site]
title = ""
root = "khoi"
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`,
			want: `data/site.toml:2:1: site: title để trống; điền nội dung cho title
`,
		},
		{
			name: "title not text",
			full: true,
			files: `-- data/site.toml --
[site]
title = 5
root = "khoi"
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`,
			want: `data/site.toml:2:1: site: title phải là chữ trong dấu ngoặc kép; viết title = "…"
`,
		},
		{
			name: "root not a cell",
			full: true,
			files: `-- data/site.toml --
[site]
title = "T"
root = "khoi-dn"
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
`,
			want: `data/site.toml:3:1: site: tổ chức đảng gốc "khoi-dn" không có trong các [[cell]]; thêm [[cell]] có id này, hoặc sửa root
`,
		},
		{
			name: "root with a parent",
			full: true,
			files: `-- data/site.toml --
[site]
title = "Thử"
root = "khoi"
-- data/cells.toml --
[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"
parent = "a"

[[cell]]
id = "a"
name = "A"
kind = "chi-bo-co-so"
parent = "khoi"
`,
			want: `data/cells.toml:5:1: cell id="khoi": tổ chức đảng gốc "khoi" lại có parent; xóa parent của tổ chức đảng gốc, hoặc sửa root trong [site]
data/cells.toml:11:1: cell id="a": các tổ chức đảng là cấp trên của nhau theo vòng: a → khoi → a; sửa parent để mọi tổ chức đảng đều dẫn về tổ chức đảng gốc
`,
		},
		{
			name: "unknown parent",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "A"
kind = "chi-bo-co-so"
parent = "kho"
`,
			want: `data/x.toml:5:1: cell id="a": tổ chức đảng cấp trên "kho" không tồn tại; có phải là "khoi"?
`,
		},
		{
			name: "second root",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "A"
kind = "chi-bo-co-so"
`,
			want: `data/x.toml:1:1: cell id="a": tổ chức đảng "a" không có parent; chỉ tổ chức đảng gốc "khoi" không có parent; thêm parent = "…"
`,
		},
		{
			name: "own parent",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "A"
kind = "chi-bo-co-so"
parent = "a"
`,
			want: `data/x.toml:5:1: cell id="a": tổ chức đảng "a" là cấp trên của chính nó; sửa parent để mọi tổ chức đảng đều dẫn về tổ chức đảng gốc
`,
		},
		{
			name: "cycle",
			files: `-- data/x.toml --
[[cell]]
id = "b"
name = "B"
kind = "chi-bo-co-so"
parent = "a"

[[cell]]
id = "a"
name = "A"
kind = "chi-bo-co-so"
parent = "b"
`,
			want: `data/x.toml:11:1: cell id="a": các tổ chức đảng là cấp trên của nhau theo vòng: a → b → a; sửa parent để mọi tổ chức đảng đều dẫn về tổ chức đảng gốc
`,
		},
		{
			name: "unknown successor",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "A"
kind = "chi-bo-co-so"
parent = "khoi"
closed = 2015-01-01
successor = "pxs"
`,
			want: `data/x.toml:7:1: cell id="a": tổ chức đảng "pxs" không tồn tại; có phải là "pxsx"?
`,
		},
		{
			name: "own successor",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "A"
kind = "chi-bo-co-so"
parent = "khoi"
successor = "a"
`,
			want: `data/x.toml:6:1: cell id="a": tổ chức đảng "a" là successor của chính nó; successor là id của tổ chức đảng tiếp nhận; xóa dòng này hoặc sửa id
`,
		},
		{
			name: "closed before founded",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "A"
kind = "chi-bo-co-so"
parent = "khoi"
founded = 2015-01-01
closed = 2014-01-01
`,
			want: `data/x.toml:7:1: cell id="a": closed = 2014-01-01 trước founded = 2015-01-01; sửa một trong hai ngày
`,
		},
		{
			name: "former names not a list",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "A"
kind = "chi-bo-co-so"
parent = "khoi"
former_names = "B"
`,
			want: `data/x.toml:6:1: cell id="a": former_names phải là danh sách chữ; viết former_names = ["…", "…"]
`,
		},
		{
			name: "duplicate cell across files",
			files: `-- data/x.toml --
[[cell]]
id = "pxsx"
name = "B"
kind = "chi-bo-co-so"
parent = "khoi"
`,
			want: `data/x.toml:2:1: cell id="pxsx": id "pxsx" đã dùng cho tổ chức đảng ở data/cells.toml:7:1; mỗi id chỉ dùng cho một bản ghi; đổi id hoặc xóa một trong hai bản ghi
`,
		},
		{
			name: "duplicate referrer",
			files: `-- data/x.toml --
[[referrer]]
id = "doan-khoi"
name = "Đoàn"
kind = "youth-union"
`,
			want: `data/x.toml:2:1: referrer id="doan-khoi": id "doan-khoi" đã dùng cho tổ chức giới thiệu ở data/cells.toml:13:1; mỗi id chỉ dùng cho một bản ghi; đổi id hoặc xóa một trong hai bản ghi
`,
		},
		{
			name: "duplicate admission",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = 5

[[admission]]
cell = "pxsx"
year = 2022
admitted = 6
`,
			want: `data/x.toml:6:1: admission cell="pxsx" year=2022: bản ghi này đã có ở data/x.toml:1:1; mỗi tổ chức đảng có một bản ghi cho một năm và một as_of; xóa một bản, hoặc ghi as_of cho số liệu tính đến một ngày
`,
		},
		{
			name: "duplicate membership",
			files: `-- data/x.toml --
[[membership]]
cell = "pxsx"
date = 2018-02-02
members = 3

[[membership]]
cell = "pxsx"
date = 2018-02-02
members = 4
`,
			want: `data/x.toml:6:1: membership cell="pxsx" date=2018-02-02: bản ghi này đã có ở data/x.toml:1:1; mỗi tổ chức đảng có một bản ghi cho một ngày; xóa một bản
`,
		},
		{
			name: "duplicate referral, cell omitted and root",
			files: `-- data/x.toml --
[[referral]]
referrer = "doan-khoi"
year = 2017
referred = 10
admitted = 5

[[referral]]
referrer = "doan-khoi"
cell = "khoi"
year = 2017
referred = 10
admitted = 5
`,
			want: `data/x.toml:7:1: referral referrer="doan-khoi" cell="khoi" year=2017: bản ghi này đã có ở data/x.toml:1:1; mỗi tổ chức giới thiệu có một bản ghi cho một tổ chức đảng và một năm (không ghi cell là tổ chức đảng gốc); xóa một bản
`,
		},
		{
			name: "two year targets",
			files: `-- data/x.toml --
[[target]]
cell = "khoi"
year = 2018
min = 200

[[target]]
cell = "khoi"
year = 2018
min = 210
`,
			want: `data/x.toml:6:1: target cell="khoi" year=2018: năm 2018 đã có chỉ tiêu cùng loại ở data/x.toml:1:1; các nhiệm kỳ không được trùng năm: nhiệm kỳ sau bắt đầu từ năm kế tiếp (ví dụ from = 2021); mỗi năm chỉ có một chỉ tiêu year
`,
		},
		{
			name: "overlapping terms",
			files: `-- data/x.toml --
[[target]]
cell = "khoi"
from = 2015
to = 2020
min = 200

[[target]]
cell = "khoi"
from = 2020
to = 2025
min = 210
`,
			want: `data/x.toml:7:1: target cell="khoi" from=2020 to=2025: năm 2020 đã có chỉ tiêu cùng loại ở data/x.toml:1:1; các nhiệm kỳ không được trùng năm: nhiệm kỳ sau bắt đầu từ năm kế tiếp (ví dụ from = 2021); mỗi năm chỉ có một chỉ tiêu year
`,
		},
		{
			name: "part more than admitted",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = 5
women = 6
`,
			want: `data/x.toml:5:1: admission cell="pxsx" year=2022: women = 6 lớn hơn admitted = 5; women là một phần của số kết nạp nên không thể lớn hơn admitted; kiểm tra lại hai số
`,
		},
		{
			name: "referral admitted more than referred",
			files: `-- data/x.toml --
[[referral]]
referrer = "doan-khoi"
year = 2017
referred = 10
admitted = 12
`,
			want: `data/x.toml:5:1: referral referrer="doan-khoi" year=2017: admitted = 12 lớn hơn referred = 10; người được kết nạp nằm trong số được giới thiệu nên không thể nhiều hơn; kiểm tra lại hai số
`,
		},
		{
			name: "target min zero",
			files: `-- data/x.toml --
[[target]]
cell = "khoi"
year = 2018
min = 0
`,
			want: `data/x.toml:4:1: target cell="khoi" year=2018: min = 0 nhỏ hơn 1; chỉ tiêu thấp nhất là 1
`,
		},
		{
			name: "target max under min",
			files: `-- data/x.toml --
[[target]]
cell = "khoi"
year = 2018
min = 220
max = 200
`,
			want: `data/x.toml:5:1: target cell="khoi" year=2018: max = 200 nhỏ hơn min = 220; đổi chỗ min và max
`,
		},
		{
			name: "year and from",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
from = 2015
to = 2020
admitted = 5
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2017 from=2015 to=2020: bản ghi có cả year lẫn from/to; ghi year = 2017 cho một năm, hoặc from = 2010 và to = 2015 cho một giai đoạn
`,
		},
		{
			name: "no year",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
admitted = 5
`,
			want: `data/x.toml:1:1: admission cell="pxsx": thiếu year (hoặc from và to); ghi year = 2017 cho một năm, hoặc from = 2010 và to = 2015 cho một giai đoạn
`,
		},
		{
			name: "from after to",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
from = 2015
to = 2010
admitted = 5
`,
			want: `data/x.toml:4:1: admission cell="pxsx" from=2015 to=2010: from = 2015 sau to = 2010; đổi chỗ hai năm
`,
		},
		{
			name: "from equals to",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
from = 2015
to = 2015
admitted = 5
`,
			want: `data/x.toml:4:1: admission cell="pxsx" from=2015 to=2015: from và to cùng là 2015; một năm viết year = 2015
`,
		},
		{
			name: "from without to",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
from = 2015
admitted = 5
`,
			want: `data/x.toml:1:1: admission cell="pxsx" from=2015: thiếu to; thêm dòng to = …
`,
		},
		{
			name: "year out of range",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 1900
admitted = 5
`,
			want: `data/x.toml:3:1: admission cell="pxsx" year=1900: year = 1900 nằm ngoài khoảng năm cho phép; năm phải từ 1930 đến 2100
`,
		},
		{
			name: "year in quotes",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = "2017"
admitted = 5
`,
			want: `data/x.toml:3:1: admission cell="pxsx" year="2017": year là số nhưng được đặt trong dấu ngoặc kép; viết year = 2017, không có dấu ngoặc kép
`,
		},
		{
			name: "year before the cell was founded",
			files: `-- data/x.toml --
[[admission]]
cell = "khoi"
year = 2005
admitted = 5
`,
			want: `data/x.toml:3:1: admission cell="khoi" year=2005: tổ chức đảng "khoi" không hoạt động vào 2005 (hoạt động 2009-03-31 – …); kiểm tra năm, ngày của bản ghi hoặc founded, closed của tổ chức đảng
`,
		},
		{
			name: "period before the cell was founded",
			files: `-- data/x.toml --
[[admission]]
cell = "khoi"
from = 2000
to = 2005
admitted = 5
`,
			want: `data/x.toml:3:1: admission cell="khoi" from=2000 to=2005: tổ chức đảng "khoi" không hoạt động vào 2000-2005 (hoạt động 2009-03-31 – …); kiểm tra năm, ngày của bản ghi hoặc founded, closed của tổ chức đảng
`,
		},
		{
			name: "membership before the cell was founded",
			files: `-- data/x.toml --
[[membership]]
cell = "khoi"
date = 2009-03-30
members = 5
`,
			want: `data/x.toml:3:1: membership cell="khoi" date=2009-03-30: tổ chức đảng "khoi" không hoạt động vào 2009-03-30 (hoạt động 2009-03-31 – …); kiểm tra năm, ngày của bản ghi hoặc founded, closed của tổ chức đảng
`,
		},
		{
			name: "target after the cell closed",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "A"
kind = "chi-bo-co-so"
parent = "khoi"
closed = 2015-06-30

[[target]]
cell = "a"
year = 2016
min = 2
`,
			want: `data/x.toml:10:1: target cell="a" year=2016: tổ chức đảng "a" không hoạt động vào 2016 (hoạt động … – 2015-06-30); kiểm tra năm, ngày của bản ghi hoặc founded, closed của tổ chức đảng
`,
		},
		{
			name: "as_of outside the year",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = 5
as_of = 2023-01-10
`,
			want: `data/x.toml:5:1: admission cell="pxsx" year=2022 as_of=2023-01-10: as_of = 2023-01-10 không thuộc năm 2022 của bản ghi; sửa year hoặc as_of cho khớp nhau
`,
		},
		{
			name: "unknown cell",
			files: `-- data/x.toml --
[[admission]]
cell = "pxs"
year = 2022
admitted = 5
`,
			want: `data/x.toml:2:1: admission cell="pxs" year=2022: tổ chức đảng "pxs" không tồn tại; có phải là "pxsx"?
`,
		},
		{
			name: "unknown referrer",
			files: `-- data/x.toml --
[[referral]]
referrer = "doan-kho"
year = 2017
referred = 10
admitted = 5
`,
			want: `data/x.toml:2:1: referral referrer="doan-kho" year=2017: tổ chức giới thiệu "doan-kho" không tồn tại; có phải là "doan-khoi"?
`,
		},
		{
			name: "unknown cell of a referral",
			files: `-- data/x.toml --
[[referral]]
referrer = "doan-khoi"
cell = "abc"
year = 2017
referred = 10
admitted = 5
`,
			want: `data/x.toml:3:1: referral referrer="doan-khoi" cell="abc" year=2017: tổ chức đảng "abc" không tồn tại; dùng id của một [[cell]] đã có, hoặc thêm tổ chức đảng đó
`,
		},
		{
			name: "text without quotes",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = Đảng bộ A
kind = "chi-bo-co-so"
parent = "khoi"
`,
			want: `data/x.toml:3:1: cell id="a": giá trị của name là chữ nhưng không có dấu ngoặc kép; đặt chữ trong dấu ngoặc kép: name = "…"
`,
		},
		{
			name: "unclosed quote",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "Đảng bộ A
kind = "chi-bo-co-so"
parent = "khoi"
`,
			want: `data/x.toml:3:1: cell id="a": chữ của name thiếu dấu ngoặc kép đóng; thêm dấu " ở cuối; chữ nhiều dòng viết trong """ … """
`,
		},
		{
			name: "key twice",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = 5
admitted = 6
`,
			want: `data/x.toml:5:1: admission cell="pxsx" year=2022: khóa admitted viết hai lần trong cùng một bản ghi; xóa một dòng; nếu đây là bản ghi mới, thêm tiêu đề [[…]] phía trên nó
`,
		},
		{
			name: "two keys on one line",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
from = 2010, to = 2015
admitted = 5
`,
			want: `data/x.toml:3:1: admission cell="pxsx": sau giá trị của from còn chữ thừa trên cùng dòng; mỗi dòng chỉ viết một khóa = giá trị; ghi chú đặt sau dấu #
`,
		},
		{
			name: "a word after a count",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
admitted = 17 người
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2017: sau giá trị của admitted còn chữ thừa trên cùng dòng; mỗi dòng chỉ viết một khóa = giá trị; ghi chú đặt sau dấu #
`,
		},
		{
			name: "quotes inside text",
			files: `-- data/x.toml --
[[cell]]
id = "abc"
name = "Đảng bộ "Prime" Group"
`,
			want: `data/x.toml:3:1: cell id="abc": chữ của name có dấu ngoặc kép bên trong; viết dấu ngoặc kép bên trong là \", hoặc đặt cả chữ trong dấu nháy đơn: name = 'Đảng bộ "A"'
`,
		},
		{
			name: "no value",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
admitted =
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2017: admitted chưa có giá trị; viết giá trị sau dấu =, hoặc xóa dòng này
`,
		},
		{
			name: "colon for equals",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
admitted: 17
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2017: dòng này thiếu dấu =; viết khóa = giá trị: admitted = 17
`,
		},
		{
			name: "text after a colon",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
admitted = 17
source: Báo cáo năm 2017
`,
			want: `data/x.toml:5:1: admission cell="pxsx" year=2017: dòng này thiếu dấu =; viết khóa = giá trị: source = "Báo cáo năm 2017"
`,
		},
		{
			name: "colon in a key",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
admit:ted = 17
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2017: khóa admit:ted không có trong định dạng: khóa viết bằng tiếng Anh, không dấu, không dấu cách; có phải là "admitted"?
`,
		},
		{
			name: "leading zero",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
admitted = 012
`,
			want: `data/x.toml:4:12: admission cell="pxsx" year=2017: số 012 bắt đầu bằng chữ số 0; viết admitted = 12; nếu đó là mã chứ không phải số, đặt trong dấu ngoặc kép
`,
		},
		{
			name: "decimal comma",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
admitted = 12
ty_le = 98,5
`,
			want: `data/x.toml:5:9: admission cell="pxsx" year=2017: số 98,5 viết dấu phẩy thập phân; TOML viết phần thập phân sau dấu chấm: ty_le = 98.5
`,
		},
		{
			name: "key in Vietnamese",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
kết_nạp = 12

[[admission]]
cell = "pxsx"
year = 2018
số lượng = 12

[[membership]]
cell = "pxsx"
date = 2018-12-31
số đảng viên = 30

[[target]]
cell = "pxsx"
year = 2018
mức thấp = 3
`,
			want: `data/x.toml:4:1: admission cell="pxsx" year=2017: khóa kết_nạp không có trong định dạng: khóa viết bằng tiếng Anh, không dấu, không dấu cách; viết bằng tiếng Anh: admitted
data/x.toml:9:1: admission cell="pxsx" year=2018: khóa số lượng không có trong định dạng: khóa viết bằng tiếng Anh, không dấu, không dấu cách; viết bằng tiếng Anh: admitted
data/x.toml:14:1: membership cell="pxsx" date=2018-12-31: khóa số đảng viên không có trong định dạng: khóa viết bằng tiếng Anh, không dấu, không dấu cách; viết bằng tiếng Anh: members
data/x.toml:19:1: target cell="pxsx" year=2018: khóa mức thấp không có trong định dạng: khóa viết bằng tiếng Anh, không dấu, không dấu cách; các khóa được dùng ở đây: cell, year, from, to, min, max, source
`,
		},
		{
			name: "key in Vietnamese without diacritics",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
admitted = 3
nu = 2
`,
			want: `data/x.toml:5:1: admission cell="pxsx" year=2017: khóa "nu" không có trong định dạng; viết bằng tiếng Anh: women
`,
		},
		{
			name: "single quote not closed",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
admitted = 3
source = 'Báo cáo
`,
			want: `data/x.toml:5:1: admission cell="pxsx" year=2017: chữ của source thiếu dấu ngoặc kép đóng; thêm dấu ' ở cuối; chữ nhiều dòng viết trong ''' … '''
`,
		},
		{
			name: "curly quotes",
			files: `-- data/x.toml --
[[cell]]
id = "to-1"
name = “Chi bộ Tổ 1”
kind = "chi-bo-truc-thuoc"
parent = "pxsx"
`,
			want: `data/x.toml:3:8: cell id="to-1": dòng này có dấu ngoặc kép cong “ ” (Word tự đổi dấu " thành dấu này); gõ lại bằng dấu ngoặc kép thẳng: name = "Chi bộ Tổ 1"
`,
		},
		{
			name: "inline table not closed",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2017
admitted = { value = 200, approx = "over"
`,
			want: `data/x.toml:4:12: admission cell="pxsx" year=2017: giá trị của admitted thiếu dấu } đóng; đóng bằng } trên cùng dòng: admitted = { value = 200, approx = "over" }
`,
		},
		{
			name: "key alone under a header",
			files: `-- data/x.toml --
[[admission]]
cell
year = 2017
`,
			want: `data/x.toml:2:1: admission year=2017: dòng này thiếu dấu =; viết khóa = giá trị, ví dụ admitted = 17
`,
		},
		{
			name: "no value under a header",
			files: `-- data/x.toml --
[[admission]]
cell =
year = 2017
`,
			want: `data/x.toml:2:1: admission year=2017: cell chưa có giá trị; viết giá trị sau dấu =, hoặc xóa dòng này
`,
		},
		{
			name: "broken header",
			files: `-- data/x.toml --
[[cell]
id = "a"
`,
			want: `data/x.toml:1:1: cell id="a": dòng tiêu đề bảng viết sai; tiêu đề bản ghi viết [[cell]], [[admission]]…; bảng site viết [site]
`,
		},
		{
			name: "other syntax error",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = [1, 2
`,
			want: `data/x.toml:4:12: admission cell="pxsx" year=2022: danh sách của admitted thiếu dấu ] đóng; đóng danh sách bằng ] trên cùng dòng: admitted = ["a", "b"]
`,
		},
		{
			name: "nested too deep",
			files: `-- data/x.toml --
[[admission]]
cell = "pxsx"
year = 2022
admitted = { value = { value = { value = { value = { value = { value = { value = { value = { value = { value = 5 } } } } } } } } } }
`,
			want: `data/x.toml:4:102: admission cell="pxsx" year=2022: bảng, mảng và các phần của khóa có dấu chấm lồng nhau quá 20 tầng ở đây; một bản ghi cần nhiều nhất 4 tầng: [[admission]], rồi admitted = { value = 200, approx = "over" }; viết như trong docs/data-format.md
`,
		},
		{
			name: "line too long",
			files: `-- data/x.toml --
[[cell]]
id = "a"
name = "` + strings.Repeat("Chi bộ ", 2000) + `"
`,
			want: `data/x.toml:3:10001: cell id="a": dòng dài 14009 ký tự, quá giới hạn 10000 ký tự; viết giá trị trên nhiều dòng: mảng mỗi dòng một phần tử, chữ dài đặt trong """ … """
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := tt.files
			if !tt.full {
				archive = baseSite + archive
			}
			d, diags := load(t, archive)
			if got := messages(diags); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if d != nil && !d.Partial() {
				t.Error("data handed on as whole despite errors")
			}
		})
	}
}
