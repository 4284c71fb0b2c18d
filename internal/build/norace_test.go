//go:build !race

package build

// raceDetector is true when the tests run under the race detector, which
// makes a build some ten times slower.
const raceDetector = false
