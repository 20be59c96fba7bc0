package main

import (
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressDelay is how long a check runs before it shows a progress bar:
// a short input never draws one.
const progressDelay = time.Second

// progress counts the requests written and, once a run has taken more than
// progressDelay, shows the count on stderr. A nil *progress does nothing.
type progress struct {
	start time.Time
	n     int
	bar   *progressbar.ProgressBar
	f     *os.File
	now   func() time.Time
}

// newProgress returns the progress of a check, or nil when no bar may be
// drawn: stderr is not a terminal, the output is JSON, -q was given, or CI
// is set.
func (c *cli) newProgress(f *checkFlags, out string) *progress {
	if f.quiet || out == formatJSON {
		return nil
	}
	if v, _ := c.lookupEnv("CI"); v == "true" || v == "1" {
		return nil
	}
	file, ok := c.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(file.Fd())) {
		return nil
	}
	return &progress{start: time.Now(), f: file, now: time.Now}
}

// add counts one written request.
func (p *progress) add() {
	if p == nil {
		return
	}
	p.n++
	if p.bar == nil {
		if p.now().Sub(p.start) < progressDelay {
			return
		}
		// The total is unknown while the input is read: a spinner with
		// the count and the rate.
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(p.f),
			progressbar.OptionSetDescription("checking"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("requests"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		_ = p.bar.Add(p.n - 1)
	}
	_ = p.bar.Add(1)
}

// clear takes the bar off the terminal before a report is written, in
// case stdout is the same terminal; the next add draws it again.
func (p *progress) clear() {
	if p == nil || p.bar == nil {
		return
	}
	_ = p.bar.Clear()
}

// finish clears the bar.
func (p *progress) finish() {
	if p == nil || p.bar == nil {
		return
	}
	_ = p.bar.Finish()
}
