package i18n

// publishMessages are the messages of internal/publish: why an output
// folder is refused. Arguments are in the order publish.CheckOut gives them.
var publishMessages = map[string]entry{
	"publish.out.is-site": {
		"thư mục đầu ra %s chính là thư mục của trang, mà mỗi lần dựng sẽ thay toàn bộ thư mục đầu ra; hãy chọn thư mục khác, ví dụ %s",
		"the output folder %s is the site folder itself, and a build replaces the whole output folder; choose another, e.g. %s",
	},
	"publish.out.contains-site": {
		"thư mục đầu ra %s chứa thư mục của trang %s, mà mỗi lần dựng sẽ thay toàn bộ thư mục đầu ra; hãy chọn một thư mục bên trong hoặc bên cạnh trang, ví dụ %s",
		"the output folder %s contains the site folder %s, and a build replaces the whole output folder; choose a folder inside or beside the site, e.g. %s",
	},
	"publish.out.inside-input": {
		"thư mục đầu ra %s nằm trong thư mục %s/ của trang, nơi chương trình đọc dữ liệu vào; hãy chọn thư mục bên ngoài, ví dụ %s",
		"the output folder %s is inside the site's %s/ folder, which the build reads; choose a folder outside it, e.g. %s",
	},
	"publish.out.not-a-site": {
		"thư mục đầu ra %s đã có tệp nhưng không có index.html, nên không phải một trang đã dựng trước đây, mà mỗi lần dựng sẽ thay toàn bộ thư mục; hãy chọn thư mục mới hoặc trống, hoặc làm trống thư mục này",
		"the output folder %s already holds files but no index.html, so it is not a site built before, and a build replaces the whole folder; choose a new or empty folder, or empty this one",
	},
}
