//go:build race

package inspect

// raceEnabled is whether the tests run under the race detector, which
// changes how much some reads allocate.
const raceEnabled = true
