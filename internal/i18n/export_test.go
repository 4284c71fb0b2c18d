package i18n

// Langs are the languages of the catalogue.
var Langs = []Lang{VI, EN}

// Texts is the catalogue in one language: every key with its text, ""
// where the language has none. It lets the tests of package i18n_test,
// which may import the packages that use the catalogue, see it.
func Texts(l Lang) map[string]string {
	out := make(map[string]string, len(catalogue))
	for k, e := range catalogue {
		s := e.vi
		if l == EN {
			s = e.en
		}
		out[k] = s
	}
	return out
}
