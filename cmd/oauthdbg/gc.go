package main

import (
	"runtime/debug"
	"sync"

	"github.com/oauthdbg/oauthdbg/inspect"
)

// Garbage collection for a stream of checks. A check allocates a few
// kilobytes per request and keeps almost none of it: the live heap of a
// stream of ordinary requests is the window of requests in flight, a few
// megabytes. Under the default GOGC=100 the collector then runs every few
// hundred requests and, on two cores, its assists take as much time as the
// checks. A stream rather lets the heap grow to five times what is live,
// capped by a soft memory limit well under the 64 MiB a stream is meant to
// stay within.
//
// A request of several megabytes makes a live heap of many times its size
// (its body, the base string, the steps). Under the soft limit the
// collector would then run without pause, so the first such request puts
// the collector back as it was for the rest of the run.
const (
	streamGCPercent   = 400
	streamMemoryLimit = 48 << 20
	// bigRequest is the size past which a request ends the tuning.
	bigRequest = 2 << 20
)

// streamGC is the collector tuning of one check run.
type streamGC struct {
	tuned      bool
	oldPercent int
	oldLimit   int64
	once       sync.Once
}

// tuneGC applies the stream's collector settings, unless GOGC or GOMEMLIMIT
// in the environment says how the user wants it.
func (c *cli) tuneGC() *streamGC {
	g := &streamGC{}
	_, gogc := c.lookupEnv("GOGC")
	_, limit := c.lookupEnv("GOMEMLIMIT")
	if gogc || limit {
		return g
	}
	g.tuned = true
	g.oldPercent = debug.SetGCPercent(streamGCPercent)
	g.oldLimit = debug.SetMemoryLimit(streamMemoryLimit)
	return g
}

// saw ends the tuning when req is big. It runs on the reader, before req
// is judged.
func (g *streamGC) saw(req *inspect.Request) {
	if g.tuned && len(req.Body)+len(req.URL) > bigRequest {
		g.restore()
	}
}

// restore puts the collector back as it was before tuneGC.
func (g *streamGC) restore() {
	if g.tuned {
		g.once.Do(func() {
			debug.SetGCPercent(g.oldPercent)
			debug.SetMemoryLimit(g.oldLimit)
		})
	}
}
