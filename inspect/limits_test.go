package inspect

import (
	"errors"
	"runtime"
	"testing"
)

// zeros is an endless input, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// endless is an endless input of one repeated byte, which unlike NUL is not
// refused as binary on sight.
type endless byte

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e)
	}
	return len(p), nil
}

// TestReadEndlessInput checks that an endless input ends with an input error
// and bounded memory, whatever the format (issue 8 §4).
func TestReadEndlessInput(t *testing.T) {
	tests := []struct {
		name, reason string
		in           interface{ Read([]byte) (int, error) }
		opts         ReadOptions
	}{
		{name: "zeros-auto", reason: "/dev/zero with detection", in: zeros{}},
		{name: "zeros-url", reason: "/dev/zero read as a URL", in: zeros{}, opts: ReadOptions{Format: FormatURL}},
		{name: "zeros-http", reason: "/dev/zero read as raw HTTP", in: zeros{}, opts: ReadOptions{Format: FormatHTTP}},
		{name: "zeros-curl", reason: "/dev/zero read as curl", in: zeros{}, opts: ReadOptions{Format: FormatCurl}},
		{name: "zeros-header", reason: "/dev/zero read as a header", in: zeros{}, opts: ReadOptions{Format: FormatAuthHeader, URL: "https://a/"}},
		{name: "zeros-har", reason: "/dev/zero read as HAR", in: zeros{}, opts: ReadOptions{Format: FormatHAR}},
		{name: "x-curl-default", reason: "endless text at the default limit", in: endless('x'), opts: ReadOptions{Format: FormatCurl}},
		{name: "x-http-small", reason: "endless text at a small limit", in: endless('x'), opts: ReadOptions{Format: FormatHTTP, MaxSize: 1 << 20}},
	}
	for _, tc := range tests {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		tc.opts.Name = tc.name
		err := Read(tc.in, tc.opts, func(*Request) error { return errors.New("no request expected") })
		runtime.ReadMemStats(&after)
		var ie *InputError
		var he *harError
		if !errors.As(err, &ie) && !errors.As(err, &he) {
			t.Errorf("%s (%s): error %v (%T), want an input error", tc.name, tc.reason, err, err)
		}
		if ie != nil && ie.Hint == "" {
			t.Errorf("%s: input error %q without a hint", tc.name, err)
		}
		// Reading up to the limit doubles a slice on the way: allow 4 times
		// the limit plus slack, far below what an unbounded read would take.
		limit := tc.opts.MaxSize
		if limit == 0 {
			limit = defaultMaxSize
		}
		// Under the race detector the same read allocates about twice as
		// much (measured: 315 MiB against 158 MiB at the 64 MiB limit).
		bound := uint64(4*limit + 16<<20)
		if raceEnabled {
			bound *= 2
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > bound {
			t.Errorf("%s: allocated %d MiB, want at most %d MiB", tc.name, got>>20, bound>>20)
		}
		t.Logf("%s: %v; allocated %d KiB", tc.name, err, (after.TotalAlloc-before.TotalAlloc)>>10)
	}
}
