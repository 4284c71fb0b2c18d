package i18n

// labels are the words of the rendered site (internal/render, internal/chart).
var labels = map[string]entry{
	// Navigation and the frame of every page.
	"nav.skip":       {"Bỏ qua điều hướng", "Skip to content"},
	"nav.main":       {"Điều hướng chính", "Main navigation"},
	"nav.home":       {"Trang chủ", "Home"},
	"nav.cells":      {"Đơn vị", "Party cells"},
	"nav.year":       {"Năm %s", "Year %s"},
	"nav.years":      {"Các năm", "Years"},
	"nav.breadcrumb": {"Vị trí", "Breadcrumb"},
	"nav.data":       {"Số liệu", "Data"},

	// Descriptions of pages, for search engines and link previews.
	"meta.cell":     {"Số liệu kết nạp đảng viên, chỉ tiêu và số đảng viên của %s qua các năm.", "Members admitted, targets and party members of %s by year."},
	"meta.year":     {"Số liệu kết nạp đảng viên năm %s theo đơn vị.", "Members admitted in %s, by cell."},
	"meta.referrer": {"Số người %s giới thiệu cho Đảng và số được kết nạp.", "Candidates referred to the party by %s, and how many were admitted."},
	"meta.data":     {"Toàn bộ số liệu của trang: bảng CSV và JSON để tải về, với mô tả từng cột.", "Every figure of the site: CSV and JSON downloads, with a description of each column."},

	// Citing and downloading.
	"cite.this":         {"Trích dẫn", "Cite this"},
	"cite.copy":         {"Sao chép trích dẫn", "Copy citation"},
	"cite.copied":       {"Đã sao chép", "Copied"},
	"cite.figure":       {"Trích dẫn số liệu này", "Cite this figure"},
	"cite.link":         {"Liên kết cố định", "Permanent link"},
	"cite.figure_title": {"%s: %s", "%s: %s"},

	// What a figure's citation calls it, by the figure's name.
	"cite.name.admitted":          {"Kết nạp đảng viên", "Members admitted"},
	"cite.name.confirmed":         {"Chuyển đảng chính thức", "Made full members"},
	"cite.name.target":            {"Chỉ tiêu kết nạp đảng viên", "Admission target"},
	"cite.name.achieved":          {"Tỷ lệ đạt chỉ tiêu kết nạp", "Admission target achieved"},
	"cite.name.members":           {"Số đảng viên", "Party members"},
	"cite.name.units":             {"Số chi, đảng bộ trực thuộc", "Subordinate units"},
	"cite.name.referred":          {"Số người được giới thiệu", "Candidates referred"},
	"cite.name.referral_admitted": {"Số người được giới thiệu đã được kết nạp", "Referred candidates admitted"},
	"cite.name.conversion":        {"Tỷ lệ người được giới thiệu đã được kết nạp", "Share of referred candidates admitted"},
	"cite.name.women":             {"Đảng viên mới – Nữ", "New members – women"},
	"cite.name.youth_union":       {"Đảng viên mới – Đoàn viên", "New members – Youth Union members"},
	"cite.name.ethnic_minority":   {"Đảng viên mới – Dân tộc thiểu số", "New members – ethnic minorities"},
	"cite.name.religious":         {"Đảng viên mới – Có đạo", "New members – religious believers"},
	"cite.name.under_30":          {"Đảng viên mới – Dưới 30 tuổi", "New members – under 30"},
	"cite.name.workers":           {"Đảng viên mới – Công nhân trực tiếp sản xuất", "New members – production workers"},
	"cite.name.owners":            {"Đảng viên mới – Chủ doanh nghiệp", "New members – enterprise owners"},
	"chart.download":              {"Tải số liệu của biểu đồ:", "Download the chart's figures:"},

	// The data page.
	"data.title":           {"Số liệu", "Data"},
	"data.intro":           {"Mọi số liệu của trang, tải về dưới dạng bảng CSV (UTF-8, mở được bằng Excel) và một tệp JSON. Mỗi hàng ghi phiên bản dữ liệu.", "Every figure of the site, as CSV tables (UTF-8, opens in Excel) and one JSON file. Each row names the data version."},
	"data.json":            {"Toàn bộ số liệu trong một tệp JSON:", "The whole data set in one JSON file:"},
	"data.columns":         {"Các cột của %s", "Columns of %s"},
	"data.column":          {"Cột", "Column"},
	"data.description":     {"Ý nghĩa", "Meaning"},
	"data.rows":            {"%s hàng", "%s rows"},
	"data.too_many":        {"Bảng này có nhiều hàng hơn số hàng trang hiển thị được nên không hiện ở đây; tệp CSV ở trên và tệp JSON có đủ tất cả các hàng.", "This table has more rows than the page shows, so it is left out here; the CSV download above and the JSON file hold all of them."},
	"data.set.admissions":  {"Kết nạp đảng viên", "Admissions"},
	"data.set.memberships": {"Số đảng viên", "Memberships"},
	"data.set.targets":     {"Chỉ tiêu kết nạp", "Targets"},
	"data.set.referrals":   {"Giới thiệu đảng viên", "Referrals"},
	"data.set.cells":       {"Đơn vị", "Cells"},
	"data.set.referrers":   {"Tổ chức giới thiệu", "Referrers"},

	// Home.
	"home.headline":  {"Số liệu năm %s", "Figures for %s"},
	"home.chart":     {"Kết nạp đảng viên so với chỉ tiêu", "Members admitted against target"},
	"home.latest":    {"Bài viết mới", "Latest articles"},
	"home.referrers": {"Giới thiệu đảng viên", "Referrals"},

	// A figure.
	"figure.as_of":         {"đến %s", "as of %s"},
	"figure.on":            {"ngày %s", "on %s"},
	"figure.sum_all":       {"tổng của %s đơn vị trực thuộc", "sum of %s sub-cells"},
	"figure.sum_referrals": {"tổng của %s đơn vị được giới thiệu tới", "sum over %s cells referred to"},
	"figure.sum_partial":   {"tổng của %s/%s đơn vị trực thuộc có số liệu", "sum of the %s of %s sub-cells with figures"},
	"figure.source":        {"Nguồn: %s", "Source: %s"},
	"figure.whole_year":    {"cả năm", "whole year"},
	"figure.no_source":     {"Không ghi nguồn", "No source given"},

	// Table columns.
	"col.year":              {"Năm", "Year"},
	"col.period":            {"Giai đoạn", "Period"},
	"col.date":              {"Ngày", "Date"},
	"col.cell":              {"Đơn vị", "Cell"},
	"col.admitted":          {"Kết nạp", "Admitted"},
	"col.confirmed":         {"Chuyển chính thức", "Made full members"},
	"col.target":            {"Chỉ tiêu", "Target"},
	"col.achieved":          {"Đạt (% chỉ tiêu)", "Achieved (% of target)"},
	"col.members":           {"Đảng viên", "Members"},
	"col.units":             {"Chi, đảng bộ trực thuộc", "Subordinate units"},
	"col.referrer":          {"Tổ chức giới thiệu", "Referrer"},
	"col.referred":          {"Giới thiệu", "Referred"},
	"col.referral_admitted": {"Được kết nạp", "Admitted"},
	"col.conversion":        {"Tỷ lệ được kết nạp", "Share admitted"},
	"col.source":            {"Nguồn", "Source"},

	// Parts of admitted (data.AdmissionCounts).
	"col.women":           {"Nữ", "Women"},
	"col.youth_union":     {"Đoàn viên", "Youth Union members"},
	"col.ethnic_minority": {"Dân tộc thiểu số", "Ethnic minorities"},
	"col.religious":       {"Có đạo", "Religious believers"},
	"col.under_30":        {"Dưới 30 tuổi", "Under 30"},
	"col.workers":         {"Công nhân trực tiếp sản xuất", "Production workers"},
	"col.owners":          {"Chủ doanh nghiệp", "Enterprise owners"},

	// Kinds of cell, ownership, kinds of referrer.
	"kind.khoi":                 {"Đảng bộ Khối", "Bloc party committee"},
	"kind.dang-bo-co-so":        {"Đảng bộ cơ sở", "Grassroots party committee"},
	"kind.chi-bo-co-so":         {"Chi bộ cơ sở", "Grassroots party cell"},
	"kind.dang-bo-bo-phan":      {"Đảng bộ bộ phận", "Branch party committee"},
	"kind.chi-bo-truc-thuoc":    {"Chi bộ trực thuộc", "Subordinate party cell"},
	"ownership.nha-nuoc":        {"Nhà nước", "State-owned"},
	"ownership.co-phan":         {"Cổ phần", "Joint-stock"},
	"ownership.fdi":             {"Có vốn đầu tư nước ngoài", "Foreign-invested"},
	"ownership.tu-nhan":         {"Tư nhân", "Private"},
	"ownership.hop-tac-xa":      {"Hợp tác xã", "Cooperative"},
	"ownership.khac":            {"Khác", "Other"},
	"referrer.kind.youth-union": {"Đoàn Thanh niên", "Youth Union"},
	"referrer.kind.trade-union": {"Công đoàn", "Trade union"},
	"referrer.kind.other":       {"Khác", "Other"},

	// A cell's page.
	"cell.kind":                {"Loại", "Kind"},
	"cell.parent":              {"Trực thuộc", "Part of"},
	"cell.enterprise":          {"Doanh nghiệp", "Enterprise"},
	"cell.ownership":           {"Loại hình doanh nghiệp", "Ownership"},
	"cell.founded":             {"Thành lập", "Founded"},
	"cell.closed":              {"Kết thúc hoạt động", "Closed"},
	"cell.successor":           {"Đơn vị kế tục", "Succeeded by"},
	"cell.former_names":        {"Tên trước đây", "Former names"},
	"cell.figures":             {"Số liệu qua các năm", "Figures by year"},
	"cell.figures_caption":     {"Số liệu của %s qua các năm", "Figures of %s by year"},
	"cell.parts":               {"Thành phần đảng viên mới", "New members by group"},
	"cell.parts_caption":       {"Đảng viên mới của %s theo thành phần", "New members of %s by group"},
	"cell.periods":             {"Theo nhiệm kỳ", "By term"},
	"cell.periods_caption":     {"Kết nạp đảng viên của %s theo nhiệm kỳ", "Members admitted by %s, by term"},
	"cell.memberships":         {"Số đảng viên", "Party members"},
	"cell.memberships_caption": {"Số đảng viên của %s theo ngày", "Party members of %s by date"},
	"cell.children":            {"Đơn vị trực thuộc", "Sub-cells"},
	"cell.children_caption":    {"Các đơn vị trực thuộc %s, năm %s", "The sub-cells of %s in %s"},
	"cell.articles":            {"Bài viết", "Articles"},

	// A year's page.
	"year.title":             {"Năm %s", "Year %s"},
	"year.pager":             {"Năm trước, năm sau", "Previous and next year"},
	"year.cells":             {"Kết nạp đảng viên theo đơn vị", "Admissions by cell"},
	"year.cells_caption":     {"Kết nạp đảng viên năm %s theo đơn vị", "Members admitted in %s, by cell"},
	"year.referrals":         {"Giới thiệu đảng viên", "Referrals"},
	"year.referrals_caption": {"Giới thiệu đảng viên năm %s", "Candidates referred in %s"},
	"year.articles":          {"Bài viết về năm %s", "Articles about %s"},

	// Lists of articles.
	"articles.more": {"Các bài khác, theo năm được nói đến:", "More articles, by the year they are about:"},

	// An article.
	"article.source": {"Nguồn", "First published in"},
	"article.cells":  {"Đơn vị", "Cells"},
	"article.years":  {"Năm", "Years"},

	// A referrer's page.
	"referrer.kind":            {"Loại tổ chức", "Kind"},
	"referrer.figures":         {"Giới thiệu và kết nạp qua các năm", "Referred and admitted by year"},
	"referrer.figures_caption": {"Số người %s giới thiệu và số được kết nạp", "Candidates referred by %s and admitted"},
	"referrer.records":         {"Theo đơn vị", "By cell"},
	"referrer.records_caption": {"Số liệu giới thiệu của %s theo đơn vị", "Referrals by %s, by cell"},

	// 404.html.
	"notfound.title": {"Không tìm thấy trang", "Page not found"},
	"notfound.text":  {"Địa chỉ này không có trên trang. Có thể đường dẫn bị sai, hoặc trang đã được chuyển đi.", "There is no page at this address. The link may be wrong, or the page may have moved."},
	"notfound.home":  {"Về trang chủ", "Go to the home page"},

	// The one-sentence summaries of charts (internal/chart/summary.go).
	"summary.admissions":        {"Năm %s kết nạp %s đảng viên%s.", "In %s, %s members were admitted%s."},
	"summary.admissions_target": {"Năm %s kết nạp %s đảng viên%s, chỉ tiêu %s.", "In %s, %s members were admitted%s, against a target of %s."},
	"summary.target":            {"Chỉ tiêu kết nạp năm %s: %s đảng viên.", "The admission target for %s: %s members."},
	"summary.members":           {"Ngày %s có %s đảng viên.", "On %s there were %s party members."},
	"summary.members_from":      {"Ngày %s có %s đảng viên (ngày %s: %s).", "On %s there were %s party members (on %s: %s)."},
	"summary.referrals":         {"Năm %s giới thiệu %s người, %s người được kết nạp.", "In %s, %s candidates were referred and %s admitted."},
	"summary.referred":          {"Năm %s giới thiệu %s người.", "In %s, %s candidates were referred."},
	"summary.referral_admitted": {"Năm %s có %s người được giới thiệu đã được kết nạp.", "In %s, %s referred candidates were admitted."},
	"summary.cells":             {"Năm %s, %s đơn vị trực thuộc có số liệu; kết nạp nhiều nhất là %s với %s đảng viên%s.", "In %s, %s sub-cells have figures; the most admitted were in %s: %s%s."},

	// Notes of a build.
	"note.no_sitemap": {"Không tạo sitemap.xml: sitemap cần địa chỉ đầy đủ; hãy đặt base_url trong [site] để có sitemap.", "sitemap.xml left out: a sitemap needs full addresses; set base_url in [site] to get one."},

	// Charts.
	"chart.admitted":          {"Kết nạp", "Admitted"},
	"chart.admitted_approx":   {"Kết nạp (số gần đúng)", "Admitted (approximate)"},
	"chart.admitted_dated":    {"Kết nạp (chưa hết năm)", "Admitted (year not over)"},
	"chart.admitted_partial":  {"Kết nạp (tổng chưa đủ đơn vị)", "Admitted (a sum missing some sub-cells)"},
	"chart.coverage":          {"%s/%s đơn vị", "%s of %s cells"},
	"chart.target":            {"Chỉ tiêu", "Target"},
	"chart.members":           {"Đảng viên", "Members"},
	"chart.referred":          {"Giới thiệu", "Referred"},
	"chart.referral_admitted": {"Được kết nạp", "Admitted"},
	"chart.save_image":        {"Lưu ảnh", "Save as image"},
	"chart.known":             {"số liệu đã biết đến %s", "data known by %s"},
	"chart.title.admissions":  {"Kết nạp đảng viên so với chỉ tiêu: %s", "Members admitted against target: %s"},
	"chart.title.members":     {"Số đảng viên: %s", "Party members: %s"},
	"chart.title.referrals":   {"Giới thiệu và kết nạp: %s", "Referred and admitted: %s"},
	"chart.title.cells":       {"Kết nạp đảng viên năm %[2]s của các đơn vị trực thuộc %[1]s", "Members admitted in %[2]s by the sub-cells of %[1]s"},
}
