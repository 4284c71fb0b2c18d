// Package testsite makes large synthetic sites in the input format
// (DATA-FORMAT.md), for the benchmark and for tests that need scale: a
// bloc with a tree of cells two or three levels deep, admissions for every
// cell and year (some approximate, some counted to a day before the year
// was over), targets by term and by year, memberships, referrers and
// referrals, and articles that cite the figures with {{ … }} and draw
// charts. The same arguments give the same bytes.
package testsite

import (
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
)

// Root is the id of the generated bloc.
const Root = "khoi"

// FirstYear is the first year the generated data holds figures for.
const FirstYear = 2016

// Referrer ids: the first refers to the root every year, the second to
// cells under it (its figure is a sum), the third to the root in some
// years.
const (
	YouthUnion = "doan-khoi"
	TradeUnion = "cong-doan-khoi"
	Women      = "hoi-phu-nu"
)

// Kinds of cells, as the format names them.
const (
	kindBloc      = "khoi"
	kindBase      = "dang-bo-co-so"
	kindBaseCell  = "chi-bo-co-so"
	kindPart      = "dang-bo-bo-phan"
	kindAttached  = "chi-bo-truc-thuoc"
	recordsAbout  = 50 // one leaf record in this many is published as "about"
	ownRecordsOne = 5  // one parent in this many publishes its own total
)

type cell struct {
	id, name, kind, parent string
	founded, closed        int // years; 0 when open from before FirstYear / still open
	successor              string
	formerNames            []string
	children               []*cell
	depth                  int

	own     map[int]int64 // admitted per year, own record (leaves, and some parents)
	approx  map[int]string
	total   map[int]int64 // own if held, else the sum under it
	has     map[int]bool  // a figure exists for the year
	members map[int]int64
	target  bool // has targets (root, some first-level cells)
}

func (c *cell) openIn(y int) bool {
	return (c.founded == 0 || c.founded <= y) && (c.closed == 0 || c.closed >= y)
}

type site struct {
	rng          *rand.Rand
	years        []int
	cells        []*cell // root first, then in order of creation
	byLevel      [][]*cell
	files        fstest.MapFS
	lastYear     int
	articleCount int
}

// Generate returns a site folder (data/ and content/) with about the
// given number of cells, years from FirstYear on, and articles. seed
// chooses the figures and names; the same arguments give the same files.
func Generate(cells, years, articles int, seed int64) fstest.MapFS {
	if cells < 2 {
		cells = 2
	}
	if years < 2 {
		years = 2
	}
	s := &site{
		rng:          rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x5eed)),
		files:        make(fstest.MapFS),
		articleCount: articles,
	}
	for y := FirstYear; y < FirstYear+years; y++ {
		s.years = append(s.years, y)
	}
	s.lastYear = s.years[len(s.years)-1]
	s.tree(cells)
	s.figures()
	s.writeSite()
	s.writeCells()
	s.writeAdmissions()
	s.writeTargets()
	s.writeMemberships()
	s.writeReferrals()
	s.writeArticles()
	return s.files
}

// WriteDir writes fsys into dir (made if missing), as a site folder to
// build from disk.
func WriteDir(fsys fstest.MapFS, dir string) error {
	for _, name := range slices.Sorted(maps.Keys(fsys)) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, fsys[name].Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

var (
	companyKinds = []string{"Công ty cổ phần", "Công ty TNHH", "Công ty TNHH MTV", "Tổng công ty", "Hợp tác xã", "Công ty"}
	companyWords = []string{
		"An Phát", "Ánh Dương", "Bình Minh", "Bạch Đằng", "Cơ khí", "Chính xác", "Dược phẩm", "Đại Việt",
		"Điện lực", "Đồng Tâm", "Gốm sứ", "Hòa Bình", "Hoàng Long", "Hưng Thịnh", "Kim Long", "Lạc Hồng",
		"May mặc", "Minh Phát", "Nhựa", "Ô tô", "Phúc Yên", "Quang Minh", "Sông Hồng", "Tam Đảo",
		"Thành Công", "Thép", "Toàn Cầu", "Ưu Việt", "Vĩnh Phúc", "Xây dựng", "Xi măng", "Yên Lạc",
	}
	units = []string{"Phân xưởng", "Phòng", "Nhà máy", "Chi nhánh", "Xí nghiệp", "Đội"}
)

func (s *site) pick(list []string) string { return list[s.rng.IntN(len(list))] }

// tree makes the root, first-level cells (dang-bo-co-so with sub-cells,
// chi-bo-co-so without), second-level cells under them and a third level
// under the dang-bo-bo-phan among the second.
func (s *site) tree(n int) {
	root := &cell{id: Root, name: "Đảng bộ Khối Doanh nghiệp tỉnh", kind: kindBloc, target: true}
	s.cells = []*cell{root}
	s.byLevel = [][]*cell{{root}}
	add := func(parent *cell, kind, name string) *cell {
		c := &cell{
			id:     fmt.Sprintf("c%04d", len(s.cells)),
			name:   name,
			kind:   kind,
			parent: parent.id,
			depth:  parent.depth + 1,
		}
		parent.children = append(parent.children, c)
		s.cells = append(s.cells, c)
		for len(s.byLevel) <= c.depth {
			s.byLevel = append(s.byLevel, nil)
		}
		s.byLevel[c.depth] = append(s.byLevel[c.depth], c)
		return c
	}
	rest := n - 1
	first := max(1, rest/30)
	var bases []*cell
	for i := range first {
		enterprise := fmt.Sprintf("%s %s %d", s.pick(companyKinds), s.pick(companyWords), i+1)
		if i%5 == 4 || rest <= first {
			add(root, kindBaseCell, "Chi bộ "+enterprise)
			continue
		}
		c := add(root, kindBase, "Đảng bộ "+enterprise)
		c.target = i%2 == 0
		bases = append(bases, c)
	}
	rest -= first
	if len(bases) == 0 {
		return
	}
	third := rest / 6
	var parts []*cell
	for i := range rest - third {
		p := bases[s.rng.IntN(len(bases))]
		if i%8 == 0 {
			parts = append(parts, add(p, kindPart, fmt.Sprintf("Đảng bộ bộ phận %s %d", s.pick(units), i+1)))
		} else {
			add(p, kindAttached, fmt.Sprintf("Chi bộ %s %s %d", s.pick(units), s.pick(companyWords), i+1))
		}
	}
	if len(parts) == 0 {
		parts = bases
	}
	for i := range third {
		p := parts[s.rng.IntN(len(parts))]
		add(p, kindAttached, fmt.Sprintf("Chi bộ %s %d", s.pick(units), i+1))
	}
	// Some leaves open late or close early (a merger), with a successor.
	for i, c := range s.cells {
		if c.depth < 2 || len(c.children) > 0 {
			continue
		}
		switch i % 97 {
		case 13:
			c.founded = FirstYear + 1 + s.rng.IntN(len(s.years)-1)
		case 41:
			c.closed = FirstYear + s.rng.IntN(len(s.years)-1)
			for _, sib := range s.cellByID(c.parent).children {
				if sib != c && sib.closed == 0 && len(sib.children) == 0 {
					c.successor = sib.id
					break
				}
			}
		}
		if i%23 == 7 {
			c.formerNames = []string{"Chi bộ " + s.pick(companyWords) + " (cũ)"}
		}
	}
}

func (s *site) cellByID(id string) *cell {
	for _, c := range s.cells {
		if c.id == id {
			return c
		}
	}
	return nil
}

// figures draws admissions and memberships bottom-up, so that a parent's
// own record is never smaller than the sum under it (check warns then).
func (s *site) figures() {
	var walk func(c *cell)
	walk = func(c *cell) {
		c.own, c.total, c.has = map[int]int64{}, map[int]int64{}, map[int]bool{}
		c.approx, c.members = map[int]string{}, map[int]int64{}
		for _, ch := range c.children {
			walk(ch)
		}
		for _, y := range s.years {
			if !c.openIn(y) {
				continue
			}
			if len(c.children) == 0 {
				v := int64(s.rng.IntN(6))
				c.own[y], c.total[y], c.has[y] = v, v, true
				if v > 0 && s.rng.IntN(recordsAbout) == 0 {
					c.approx[y] = "about"
				}
				c.members[y] = v*3 + int64(5+s.rng.IntN(40))
				continue
			}
			var sum, members int64
			any := false
			for _, ch := range c.children {
				if ch.has[y] {
					sum += ch.total[y]
					members += ch.members[y]
					any = true
				}
			}
			c.total[y], c.has[y] = sum, any
			c.members[y] = members + int64(s.rng.IntN(20))
			// A parent whose sub-cells all closed publishes its own figure:
			// a sum over none would leave it out of its parent's total.
			if c.depth == 0 || !any || s.rng.IntN(ownRecordsOne) == 0 {
				own := sum + int64(s.rng.IntN(5))
				c.own[y], c.total[y], c.has[y] = own, own, true
				if c.depth == 0 && y == s.years[len(s.years)/2] {
					c.approx[y] = "over"
				}
			}
		}
	}
	walk(s.cells[0])
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func count(v int64, approx string) string {
	if approx == "" {
		return fmt.Sprint(v)
	}
	return fmt.Sprintf("{ value = %d, approx = %q }", v, approx)
}

func (s *site) put(name string, b *strings.Builder) {
	s.files[name] = &fstest.MapFile{Data: []byte(b.String()), Mode: 0o644}
}

func (s *site) writeSite() {
	var b strings.Builder
	fmt.Fprintf(&b, "[site]\ntitle = %s\nroot = %q\nformat = 1\nlanguage = \"vi\"\nbase_url = \"https://intranet.example/bao-cao/\"\n",
		tomlString("Số liệu phát triển đảng viên (dữ liệu thử)"), Root)
	fmt.Fprintf(&b, "description = %s\n", tomlString("Một trang tạo ra để đo tốc độ: các con số là ngẫu nhiên."))
	s.put("data/site.toml", &b)
}

func (s *site) writeCells() {
	var b strings.Builder
	for i, c := range s.cells {
		b.WriteString("[[cell]]\n")
		fmt.Fprintf(&b, "id = %q\nname = %s\nkind = %q\n", c.id, tomlString(c.name), c.kind)
		if c.parent != "" {
			fmt.Fprintf(&b, "parent = %q\n", c.parent)
		}
		if c.depth == 1 {
			fmt.Fprintf(&b, "enterprise = %s\nownership = %q\n", tomlString(strings.TrimPrefix(strings.TrimPrefix(c.name, "Đảng bộ "), "Chi bộ ")),
				[]string{"nha-nuoc", "co-phan", "fdi", "tu-nhan", "hop-tac-xa", "khac"}[i%6])
		}
		if c.depth == 0 {
			b.WriteString("founded = 2009-03-31\n")
		}
		if c.founded != 0 {
			fmt.Fprintf(&b, "founded = %d-06-01\n", c.founded)
		}
		if c.closed != 0 {
			fmt.Fprintf(&b, "closed = %d-09-30\n", c.closed)
			if c.successor != "" {
				fmt.Fprintf(&b, "successor = %q\n", c.successor)
			}
		}
		if len(c.formerNames) > 0 {
			b.WriteString("former_names = [")
			for i, n := range c.formerNames {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(tomlString(n))
			}
			b.WriteString("]\n")
		}
		b.WriteByte('\n')
	}
	s.put("data/cells.toml", &b)
}

// writeAdmissions writes one file per year, as a keeper might.
func (s *site) writeAdmissions() {
	root := s.cells[0]
	for _, y := range s.years {
		var b strings.Builder
		for _, c := range s.cells {
			v, ok := c.own[y]
			if !ok {
				continue
			}
			if c == root && y == s.lastYear {
				// Counted to mid-November first, then the whole year.
				fmt.Fprintf(&b, "[[admission]]\ncell = %q\nyear = %d\nadmitted = %d\nconfirmed = %d\nas_of = %d-11-15\nsource = %s\n\n",
					c.id, y, v*9/10, v*8/10, y, tomlString(fmt.Sprintf("Báo cáo tháng 11/%d", y)))
			}
			fmt.Fprintf(&b, "[[admission]]\ncell = %q\nyear = %d\nadmitted = %s\n", c.id, y, count(v, c.approx[y]))
			if v > 0 && (c.depth <= 1 || s.rng.IntN(3) == 0) {
				fmt.Fprintf(&b, "women = %d\nyouth_union = %d\n", v/2, v*2/3)
			}
			if c.depth <= 1 {
				fmt.Fprintf(&b, "confirmed = %d\n", v*95/100)
			}
			if c.depth == 0 {
				fmt.Fprintf(&b, "owners = %d\nunder_30 = %d\nsource = %s\n", v/50, v*3/5, tomlString(fmt.Sprintf("Báo cáo tổng kết năm %d", y)))
			} else {
				fmt.Fprintf(&b, "source = %s\n", tomlString(fmt.Sprintf("Báo cáo của đơn vị năm %d", y)))
			}
			b.WriteByte('\n')
		}
		s.put(fmt.Sprintf("data/admissions/%d.toml", y), &b)
	}
	// A term total, as published for a whole congress term.
	var b strings.Builder
	fmt.Fprintf(&b, "[[admission]]\ncell = %q\nfrom = %d\nto = %d\nadmitted = %d\nowners = 14\nsource = %s\n", Root, FirstYear-6, FirstYear-1, 1071, tomlString("Văn kiện Đại hội lần thứ II"))
	s.put("data/admissions/terms.toml", &b)
}

func (s *site) writeTargets() {
	var b strings.Builder
	root := s.cells[0]
	for from := FirstYear; from <= s.lastYear; from += 5 {
		to := min(from+4, s.lastYear-1) // the last year has a year target
		if to < from {
			break
		}
		lo := max(1, root.own[from]*9/10)
		period := fmt.Sprintf("from = %d\nto = %d", from, to)
		if from == to {
			period = fmt.Sprintf("year = %d", from)
		}
		fmt.Fprintf(&b, "[[target]]\ncell = %q\n%s\nmin = %d\nmax = %d\nsource = %s\n\n", Root, period, lo, lo+20, tomlString("Nghị quyết Đại hội"))
	}
	// A year target overrides the term's for that year.
	if y := FirstYear + 2; y < s.lastYear {
		fmt.Fprintf(&b, "[[target]]\ncell = %q\nyear = %d\nmin = %d\nsource = %s\n\n", Root, y, max(1, root.own[y]-5), tomlString("Nghị quyết năm"))
	}
	// The last year's target, set on its own.
	fmt.Fprintf(&b, "[[target]]\ncell = %q\nyear = %d\nmin = %d\nmax = %d\nsource = %s\n\n", Root, s.lastYear, max(1, root.own[s.lastYear]), max(1, root.own[s.lastYear])+20, tomlString("Nghị quyết năm"))
	for _, c := range s.byLevel[1] {
		if !c.target {
			continue
		}
		for _, y := range s.years {
			if c.has[y] {
				m := max(1, c.total[y]-2)
				fmt.Fprintf(&b, "[[target]]\ncell = %q\nyear = %d\nmin = %d\nsource = %s\n", c.id, y, m, tomlString("Nghị quyết của đơn vị"))
				if y%2 == 0 {
					fmt.Fprintf(&b, "max = %d\n", m+3)
				}
				b.WriteByte('\n')
			}
		}
	}
	s.put("data/targets.toml", &b)
}

// writeMemberships writes one file per year, as admissions: a whole
// country's counts in one file pass the size a file of data/ may have.
func (s *site) writeMemberships() {
	for _, y := range s.years {
		var b strings.Builder
		for _, c := range s.cells {
			if !c.openIn(y) || (len(c.children) > 0 && !c.has[y]) {
				continue
			}
			date := fmt.Sprintf("%d-01-01", y)
			if c.founded == y {
				date = fmt.Sprintf("%d-06-01", y) // counted when it was founded
			}
			fmt.Fprintf(&b, "[[membership]]\ncell = %q\ndate = %s\nmembers = %d\nsource = %s\n", c.id, date, c.members[y], tomlString("Sổ đảng viên"))
			if len(c.children) > 0 {
				fmt.Fprintf(&b, "units = %d\n", len(c.children))
			}
			b.WriteByte('\n')
		}
		s.put(fmt.Sprintf("data/memberships/%d.toml", y), &b)
	}
}

func (s *site) writeReferrals() {
	var b strings.Builder
	for _, r := range [][3]string{
		{YouthUnion, "Đoàn Khối Doanh nghiệp tỉnh", "youth-union"},
		{TradeUnion, "Công đoàn Khối Doanh nghiệp tỉnh", "trade-union"},
		{Women, "Hội Liên hiệp Phụ nữ", "other"},
	} {
		fmt.Fprintf(&b, "[[referrer]]\nid = %q\nname = %s\nkind = %q\n\n", r[0], tomlString(r[1]), r[2])
	}
	for _, y := range s.years {
		referred := int64(120 + s.rng.IntN(80))
		fmt.Fprintf(&b, "[[referral]]\nreferrer = %q\nyear = %d\nreferred = %d\nadmitted = %d\nsource = %s\n\n",
			YouthUnion, y, referred, referred*7/10, tomlString(fmt.Sprintf("Báo cáo Đoàn Khối năm %d", y)))
		for i, c := range s.byLevel[1] {
			if !c.has[y] || i%3 == 2 {
				continue
			}
			r := int64(1 + s.rng.IntN(6))
			fmt.Fprintf(&b, "[[referral]]\nreferrer = %q\ncell = %q\nyear = %d\nreferred = %d\nadmitted = %d\nsource = %s\n\n", TradeUnion, c.id, y, r, r/2, tomlString("Báo cáo Công đoàn Khối"))
		}
		if y%2 == 1 {
			fmt.Fprintf(&b, "[[referral]]\nreferrer = %q\ncell = %q\nyear = %d\nreferred = %s\nadmitted = 10\nsource = %s\n\n", Women, Root, y, count(40, "about"), tomlString("Báo cáo Hội Phụ nữ"))
		}
	}
	s.put("data/referrals.toml", &b)
}

// writeArticles writes articles dated in every year but the first; each
// cites figures of the year before it, which were whole-year figures by
// then, so every citation is known on the article's date.
func (s *site) writeArticles() {
	var withFigures []*cell
	for _, c := range s.cells {
		if c.depth > 0 {
			withFigures = append(withFigures, c)
		}
	}
	var targeted []*cell
	for _, c := range s.byLevel[1] {
		if c.target {
			targeted = append(targeted, c)
		}
	}
	var parents []*cell
	for _, c := range s.cells {
		if len(c.children) > 0 {
			parents = append(parents, c)
		}
	}
	span := len(s.years) - 1
	for i := range s.articleCount {
		y := s.years[1+i%span]
		prev := y - 1
		day := 1 + (i/span)%28
		month := 1 + (i/span/28)%12
		c := withFigures[s.rng.IntN(len(withFigures))]
		for tries := 0; !c.has[prev] && tries < 50; tries++ {
			c = withFigures[s.rng.IntN(len(withFigures))]
		}
		var b strings.Builder
		b.WriteString("+++\n")
		fmt.Fprintf(&b, "title = %s\n", tomlString(fmt.Sprintf("%s: kết quả phát triển đảng viên năm %d (%d)", c.name, prev, i+1)))
		fmt.Fprintf(&b, "date = %d-%02d-%02dT08:%02d:00+07:00\n", y, month, day, i%60)
		fmt.Fprintf(&b, "author = %s\n", tomlString(s.pick([]string{"Kim Hiền", "Minh Anh", "Thu Hà", "Quốc Huy"})))
		cells := []string{Root}
		if c.has[prev] {
			cells = append(cells, c.id)
		}
		fmt.Fprintf(&b, "cells = [%s]\nyears = [%d]\n", quoteAll(cells), prev)
		if i%7 == 0 {
			fmt.Fprintf(&b, "source = %s\n", tomlString(fmt.Sprintf("Báo Vĩnh Phúc, %02d/%02d/%d", day, month, y)))
		}
		if i%100 == 99 {
			b.WriteString("draft = true\n")
		}
		if i%11 == 0 {
			fmt.Fprintf(&b, "slug = \"tin-%d-%05d\"\n", y, i)
		}
		b.WriteString("+++\n\n")
		fmt.Fprintf(&b, "Năm %d, Đảng bộ Khối kết nạp {{ admitted %s %d }} đảng viên mới, chỉ tiêu là {{ target %s %d }}", prev, Root, prev, Root, prev)
		fmt.Fprintf(&b, " (đạt {{ achieved %s %d }}).\n\n", Root, prev)
		if c.has[prev] {
			fmt.Fprintf(&b, "Riêng **%s** kết nạp {{ admitted %s %d }} đảng viên", c.name, c.id, prev)
			if c.openIn(prev) {
				fmt.Fprintf(&b, " và có {{ members %s %d }} đảng viên đầu năm", c.id, prev)
			}
			b.WriteString(".\n\n")
		}
		fmt.Fprintf(&b, "Đoàn Khối giới thiệu {{ referred %s %d }} đoàn viên ưu tú, {{ referral_admitted %s %d }} người được kết nạp (tỷ lệ {{ conversion %s %d }}).\n\n",
			YouthUnion, prev, YouthUnion, prev, YouthUnion, prev)
		if len(targeted) > 0 && i%3 == 0 {
			t := targeted[i%len(targeted)]
			if t.has[prev] {
				fmt.Fprintf(&b, "- %s: {{ admitted %s %d }} trên chỉ tiêu {{ target %s %d }}\n", t.name, t.id, prev, t.id, prev)
			}
			b.WriteString("- Các chi bộ _trực thuộc_ đều có đảng viên mới.\n\n")
		}
		switch {
		case i%10 == 0:
			fmt.Fprintf(&b, "{{ chart admissions %s }}\n\n", Root)
		case i%10 == 5 && c.has[prev]:
			fmt.Fprintf(&b, "{{ chart admissions %s }}\n\n", c.id)
		case i%25 == 3:
			p := parents[i%len(parents)]
			// A parent may publish its own figure while none of its
			// sub-cells has one: the chart would have nothing to draw.
			if slices.ContainsFunc(p.children, func(ch *cell) bool { return ch.has[prev] }) {
				fmt.Fprintf(&b, "{{ chart cells %s %d }}\n\n", p.id, prev)
			}
		case i%50 == 7:
			fmt.Fprintf(&b, "{{ chart referrals %s }}\n\n", YouthUnion)
		case i%50 == 17:
			fmt.Fprintf(&b, "{{ chart members %s }}\n\n", Root)
		}
		b.WriteString("| Chỉ số | Năm " + fmt.Sprint(prev) + " |\n|---|---:|\n")
		fmt.Fprintf(&b, "| Kết nạp | {{ admitted %s %d }} |\n| Đảng viên | {{ members %s %d }} |\n\n", Root, prev, Root, prev)
		b.WriteString("Cấp ủy các cơ sở tiếp tục chú trọng tạo nguồn, bồi dưỡng quần chúng ưu tú; viết \\{{ như thế này }} để in hai dấu ngoặc.\n")
		s.put(fmt.Sprintf("content/%d/bai-%05d.md", y, i), &b)
	}
}

func quoteAll(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return strings.Join(q, ", ")
}

// Files is the number of files in fsys; a small helper for reports.
func Files(fsys fs.FS) int {
	n := 0
	fs.WalkDir(fsys, ".", func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}
