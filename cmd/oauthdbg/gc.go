package main

import "runtime/debug"

// Garbage collection for a stream of checks. A check allocates a few
// kilobytes per request and keeps almost none of it: the live heap of a
// stream is the window of requests in flight, a few megabytes. Under the
// default GOGC=100 the collector then runs every few hundred requests and,
// on two cores, its assists take as much time as the checks. A stream
// rather lets the heap grow to five times what is live, capped by a soft
// memory limit well under the 64 MiB a stream is meant to stay within, so
// that a large live heap (big bodies in flight) is collected as before.
const (
	streamGCPercent   = 400
	streamMemoryLimit = 48 << 20
)

// tuneGC applies the stream's collector settings, unless GOGC or GOMEMLIMIT
// in the environment says how the user wants it, and returns what puts the
// previous settings back.
func (c *cli) tuneGC() (restore func()) {
	_, gogc := c.lookupEnv("GOGC")
	_, limit := c.lookupEnv("GOMEMLIMIT")
	if gogc || limit {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(streamGCPercent)
	oldLimit := debug.SetMemoryLimit(streamMemoryLimit)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}
