//go:build race

package search_test

// raceDetector is true when the tests run under the race detector, which
// makes them some ten times slower.
const raceDetector = true
