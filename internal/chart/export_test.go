package chart

// NiceCeil is niceCeil, for the tests.
var NiceCeil = niceCeil

// Builders holds the kinds that have a builder, for the tests.
func Builders() map[string]bool {
	out := make(map[string]bool)
	for k := range builders {
		out[k] = true
	}
	return out
}
