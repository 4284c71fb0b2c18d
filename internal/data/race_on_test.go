//go:build race

package data

// raceEnabled: the race detector makes the scale test's timing meaningless.
const raceEnabled = true
