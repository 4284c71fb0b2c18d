package build

import (
	"os"
	"strings"
	"testing"
)

// One run of check says every mistake of the site: the syntax errors of
// a data file, each in its record, the rule errors of the records around
// them, and the mistakes of the articles (front matter, figure names,
// unknown cells, charts). Only the figures a broken record may change are
// left, said once for the whole site.
func TestEveryErrorInOneRun(t *testing.T) {
	site := writeTxtar(t, `
-- data/site.toml --
[site]
title = "Thử"
root = "khoi"

[[cell]]
id = "khoi"
name = "Đảng bộ Khối"
kind = "khoi"

[[cell]]
id = "pxsx"
name = "Chi bộ Phân xưởng"
kind = "chi-bo-co-so"
parent = "khoi"

[[cell]]
id = "pkt"
name = "Chi bộ Phòng kỹ thuật"
kind = "chi-bo-co-so"
parent = "khoi"
-- data/2017.toml --
[[admission]]
cell = "pxsx"
year = 2016
admitted = 17 người

[[admission]]
cell = "pxsx"
year = 2017
admitted = 5
admitted = 6

[[membership]
cell = "pxsx"
date = 2017-12-31
members = 30

[[target]]
cell = "pxsx"
year = 2017
min = 0

[[admission]]
cell = "pkt"
year = 2016
admitted = 3
source = "Báo cáo"
-- content/a.md --
+++
title = "Năm 2017"
date = 2018-01-10
cells = ["pkt", "pxs"]
+++
Khối kết nạp {{ admitted khoi 2017 }}; Phân xưởng {{ admited pxsx 2017 }},
Phòng kỹ thuật {{ admitted pkt 2016 }} và {{ admitted pkt 2015 }}.

{{ chart admissions pxsx }}
-- content/b.md --
+++
title = "Năm 2016"
date = 2017-01-10
+++
Phân xưởng {{ members pxsx 2016 }}.
`)
	_, diags := Check(os.DirFS(site), "")
	var got strings.Builder
	for _, d := range diags {
		got.WriteString(d.Error() + "\n")
	}
	want := `content/a.md:4:18: không có đơn vị "pxs" trong data/; có phải là "pxsx"?
content/a.md:6:14: warning: 3 hình số và biểu đồ trong các bài viết chưa được kiểm tra, vì dữ liệu chúng dựa vào có lỗi trong data/; sửa các lỗi trong data/ rồi chạy lại để kiểm tra chúng
content/a.md:6:51: không có số liệu tên "admited"; có phải là "admitted"?
content/a.md:7:43: dữ liệu không có số liệu admitted của pkt cho 2015; thêm bản ghi vào data/ hoặc sửa tên, đơn vị, kỳ của số liệu
data/2017.toml:4:1: admission cell="pxsx" year=2016: sau giá trị của admitted còn chữ thừa trên cùng dòng; mỗi dòng chỉ viết một khóa = giá trị; ghi chú đặt sau dấu #
data/2017.toml:10:1: admission cell="pxsx" year=2017: khóa admitted viết hai lần trong cùng một bản ghi; xóa một dòng; nếu đây là bản ghi mới, thêm tiêu đề [[…]] phía trên nó
data/2017.toml:12:1: membership cell="pxsx" date=2017-12-31: dòng tiêu đề bảng viết sai; tiêu đề bản ghi viết [[cell]], [[admission]]…; bảng site viết [site]
data/2017.toml:20:1: target cell="pxsx" year=2017: min = 0 nhỏ hơn 1; chỉ tiêu thấp nhất là 1
`
	if got.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", got.String(), want)
	}
}
