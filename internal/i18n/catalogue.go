package i18n

// entry is one message or label in both languages. Strings may hold fmt
// verbs; the caller passes the arguments in the same order for both.
type entry struct{ vi, en string }

// catalogue is every message and label of the generator, in one place.
// Each stage keeps its part in its own file of this package (messages_*.go)
// so that the parts can grow apart; merge checks that no key is defined twice.
var catalogue = merge(common, dataMessages, contentMessages, labels, exportMessages, publishMessages)

var common = map[string]entry{
	"approx.over":  {"trên", "over"},
	"approx.under": {"gần", "nearly"},
	"approx.about": {"khoảng", "about"},
}

func merge(parts ...map[string]entry) map[string]entry {
	out := make(map[string]entry)
	for _, p := range parts {
		for k, v := range p {
			if _, dup := out[k]; dup {
				panic("i18n: key defined twice: " + k) // caught by TestCatalogue, never by a user
			}
			out[k] = v
		}
	}
	return out
}
