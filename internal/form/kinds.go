package form

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// valueType is how a column's text becomes a TOML value.
type valueType uint8

const (
	textValue   valueType = iota
	slugValue             // a word of the format written as in the form: "Cổ phần" is co-phan
	yearValue             // an integer year
	intValue              // a plain whole number (a target's min or max)
	countValue            // a count, maybe approximate: "trên 200"
	dateValue             // a day: an Excel date, 02/02/2018 or 2018-02-02
	cellRef               // a cell, by id, name or former name
	referrerRef           // a referrer, by id or name
	rangeValue            // a target written whole: "200–220", "200"
	listValue             // names separated by ";" or new lines
)

// Key is a key of a record and the headers a form writes it with.
type Key struct {
	Name    string
	Type    valueType
	Headers []string // as forms write them; the key itself is always accepted
}

// Kind is a kind of record a form holds.
type Kind struct {
	Name string // the -kind word and the TOML table: admission
	// Row is the key of the column that names each row: a row without
	// it is not a record, and the header must have it.
	Row  string
	Keys []Key
	// Year says the records have a year that -year may give.
	Year bool
}

var (
	cellKey   = Key{"cell", cellRef, []string{"đơn vị", "tên đơn vị", "chi bộ, đảng bộ", "chi, đảng bộ", "tổ chức đảng", "tên tổ chức đảng", "tổ chức cơ sở đảng"}}
	yearKey   = Key{"year", yearValue, []string{"năm"}}
	sourceKey = Key{"source", textValue, []string{"ghi chú/nguồn", "ghi chú / nguồn", "nguồn/ghi chú", "nguồn", "ghi chú", "nguồn số liệu"}}
	fromKey   = Key{"from", yearValue, []string{"từ năm"}}
	toKey     = Key{"to", yearValue, []string{"đến năm"}}
)

// Kinds are the kinds of records `sitegen import -kind` reads, with the
// headers of the department's forms (and the format's keys, which a
// form may use as its headers).
var Kinds = []Kind{
	{Name: "admission", Row: "cell", Year: true, Keys: []Key{
		cellKey, yearKey, fromKey, toKey,
		{"as_of", dateValue, []string{"đến ngày", "tính đến ngày", "số liệu đến ngày"}},
		{"admitted", countValue, []string{"kết nạp", "kết nạp đảng viên", "số đảng viên kết nạp", "số kết nạp", "đảng viên mới", "đảng viên mới kết nạp", "số đảng viên mới kết nạp"}},
		{"confirmed", countValue, []string{"chuyển chính thức", "chuyển đảng chính thức"}},
		{"women", countValue, []string{"nữ", "đảng viên nữ"}},
		{"youth_union", countValue, []string{"đoàn viên", "đoàn viên thanh niên", "đoàn viên tncs hồ chí minh"}},
		{"ethnic_minority", countValue, []string{"dân tộc thiểu số", "dân tộc"}},
		{"religious", countValue, []string{"tôn giáo", "người có đạo"}},
		{"under_30", countValue, []string{"dưới 30 tuổi", "tuổi dưới 30", "dưới 30"}},
		{"workers", countValue, []string{"công nhân", "công nhân trực tiếp sản xuất"}},
		{"owners", countValue, []string{"chủ doanh nghiệp"}},
		sourceKey,
	}},
	{Name: "membership", Row: "cell", Keys: []Key{
		cellKey,
		{"date", dateValue, []string{"ngày", "đến ngày", "tính đến ngày", "thời điểm"}},
		{"members", countValue, []string{"đảng viên", "số đảng viên", "tổng số đảng viên"}},
		{"units", countValue, []string{"tổ chức trực thuộc", "chi, đảng bộ trực thuộc", "số chi, đảng bộ trực thuộc", "số tổ chức đảng trực thuộc"}},
		sourceKey,
	}},
	{Name: "target", Row: "cell", Year: true, Keys: []Key{
		cellKey, yearKey, fromKey, toKey,
		{"target", rangeValue, []string{"chỉ tiêu", "chỉ tiêu kết nạp"}},
		{"min", intValue, []string{"chỉ tiêu tối thiểu", "tối thiểu"}},
		{"max", intValue, []string{"chỉ tiêu tối đa", "tối đa"}},
		sourceKey,
	}},
	{Name: "referral", Row: "referrer", Year: true, Keys: []Key{
		{"referrer", referrerRef, []string{"tổ chức giới thiệu", "đơn vị giới thiệu", "đoàn thể giới thiệu"}},
		{"cell", cellRef, []string{"đơn vị", "đơn vị nhận", "chi, đảng bộ"}},
		yearKey,
		{"referred", countValue, []string{"giới thiệu", "số giới thiệu", "số được giới thiệu", "đoàn viên ưu tú được giới thiệu"}},
		{"admitted", countValue, []string{"kết nạp", "được kết nạp", "số được kết nạp", "đã kết nạp"}},
		sourceKey,
	}},
	{Name: "cell", Row: "id", Keys: []Key{
		{"id", textValue, []string{"mã", "mã đơn vị"}},
		{"name", textValue, []string{"tên", "tên đơn vị", "tên tổ chức đảng"}},
		{"kind", slugValue, []string{"loại", "loại tổ chức", "loại tổ chức đảng"}},
		{"parent", cellRef, []string{"trực thuộc", "cấp trên", "đơn vị cấp trên"}},
		{"enterprise", textValue, []string{"doanh nghiệp", "tên doanh nghiệp"}},
		{"ownership", slugValue, []string{"loại hình", "loại hình doanh nghiệp", "sở hữu"}},
		{"founded", dateValue, []string{"ngày thành lập", "thành lập"}},
		{"closed", dateValue, []string{"ngày giải thể", "giải thể"}},
		{"successor", cellRef, []string{"đơn vị kế thừa", "kế thừa"}},
		{"former_names", listValue, []string{"tên cũ", "tên gọi cũ"}},
	}},
}

// KindNames are the -kind words, for messages.
func KindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = k.Name
	}
	return out
}

// LookupKind is the kind named name.
func LookupKind(name string) (*Kind, bool) {
	for i := range Kinds {
		if Kinds[i].Name == name {
			return &Kinds[i], true
		}
	}
	return nil, false
}

func (k *Kind) key(name string) *Key {
	for i := range k.Keys {
		if k.Keys[i].Name == name {
			return &k.Keys[i]
		}
	}
	return nil
}

// headerKey is the key a header names: a header of the forms, a key of
// the format, or one the mapping file gives (mapping, by normalised
// header); nil for another column (STT, Trong đó …).
func (k *Kind) headerKey(header string, mapping map[string]string) *Key {
	h := normal(header)
	if h == "" {
		return nil
	}
	if name, ok := mapping[h]; ok {
		return k.key(name)
	}
	for i := range k.Keys {
		key := &k.Keys[i]
		if h == key.Name {
			return key
		}
		for _, alias := range key.Headers {
			if h == alias {
				return key
			}
		}
	}
	return nil
}

// normal is a header or a name as compared: NFC, lower case, one space
// between words, without a trailing colon or a unit in brackets
// ("Kết nạp (người):" is "kết nạp").
func normal(s string) string {
	s = strings.ToLower(norm.NFC.String(s))
	if i := strings.LastIndex(s, "("); i > 0 && strings.HasSuffix(strings.TrimSpace(s), ")") {
		s = s[:i]
	}
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
	return strings.TrimRight(s, ":*. ")
}
