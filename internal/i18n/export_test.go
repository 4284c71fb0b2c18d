package i18n

// Langs are the languages of the catalogue.
var Langs = func() []Lang {
	var out []Lang
	for _, n := range Names() {
		out = append(out, Lang(n))
	}
	return out
}()

// Texts is the catalogue in one language: every key with its text. It
// lets the tests of package i18n_test, which may import the packages that
// use the catalogue, see it.
func Texts(l Lang) map[string]string { return languages[l].texts }
