package compare

import (
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"time"
)

// Default bounds of the search for explanations (see Budget).
const (
	// DefaultSearchBytes is the default bound of the base strings a search
	// builds: nine times what the whole search of a typical request builds,
	// about 1,500 rebuilds of a request with a hundred parameters, and a
	// few tens of milliseconds for a request with a thousand parameters.
	DefaultSearchBytes = 3 << 20
	// DefaultSearchTime is the default bound of a search's duration, for
	// base strings so long that even a few rebuilds take seconds.
	DefaultSearchTime = 5 * time.Second
)

// Budget bounds the search for explanations. The search tries the mistakes
// that concern the whole request first, then those of single parameters
// (oauth_* parameters first), then pairs; it stops when either bound is
// reached, and the report says so and what it did not try.
type Budget struct {
	// Bytes bounds the total length of the base strings the search builds:
	// the work of a rebuild is proportional to its length. Zero means
	// DefaultSearchBytes; negative means no bound.
	Bytes int64
	// Time bounds the search's duration. Zero means DefaultSearchTime;
	// negative means no bound.
	Time time.Duration
}

// searchBudget is what is left of a Budget during one Check, shared by the
// searches of every reading.
type searchBudget struct {
	bytesLeft int64 // negative: no bound
	deadline  time.Time
	time      time.Duration
	spent     int64
	cut       string // why the search stopped: "" while it goes on
	raise     string // the flag that gives it more
}

func newSearchBudget(b Budget, now time.Time) *searchBudget {
	sb := &searchBudget{bytesLeft: b.Bytes}
	if b.Bytes == 0 {
		sb.bytesLeft = DefaultSearchBytes
	}
	switch {
	case b.Time == 0:
		sb.time = DefaultSearchTime
	case b.Time > 0:
		sb.time = b.Time
	}
	if sb.time > 0 {
		sb.deadline = now.Add(sb.time)
	}
	return sb
}

// spend takes the cost of one rebuild of about n bytes from the budget. It
// reports false, and remembers why, when the budget cannot pay it.
func (b *searchBudget) spend(n int) bool {
	if b == nil {
		return true
	}
	if b.cut != "" {
		return false
	}
	if b.bytesLeft >= 0 && int64(n) > b.bytesLeft {
		b.cut = fmt.Sprintf("its budget of %s of base strings ran out", sizeText(b.spent+b.bytesLeft))
		b.raise = "--search-budget " + flagSize(8*(b.spent+b.bytesLeft))
		return false
	}
	if !b.deadline.IsZero() && time.Now().After(b.deadline) {
		b.cut = fmt.Sprintf("its time (%s) ran out", b.time)
		b.raise = fmt.Sprintf("--search-time %s", 8*b.time)
		return false
	}
	if b.bytesLeft >= 0 {
		b.bytesLeft -= int64(n)
	}
	b.spent += int64(n)
	return true
}

// searchTooLarge returns the statistics of a search that cannot make one
// rebuild of a request whose correct base string is n bytes long within the
// budget b, or nil when it can.
func searchTooLarge(n int, b Budget) *SearchStats {
	limit := b.Bytes
	if limit == 0 {
		limit = DefaultSearchBytes
	}
	if limit < 0 || int64(n) <= limit {
		return nil
	}
	// Room for eight rebuilds, in whole MiB.
	raise := (8*int64(n) + 1<<20 - 1) >> 20 << 20
	return &SearchStats{
		CutOff:  fmt.Sprintf("the correct base string alone (%s) is larger than its budget of %s, so not one rebuild fits", sizeText(int64(n)), sizeText(limit)),
		Raise:   "--search-budget " + flagSize(raise),
		Untried: []string{"every mistake of the catalogue"},
	}
}

// sizeText formats a byte count for a sentence.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// flagSize formats a byte count as --search-budget reads it.
func flagSize(n int64) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

// digest identifies a base string: two independent 64-bit hashes, so that
// the search remembers the base strings it built without keeping them.
type digest [2]uint64

// digester computes digests with seeds of its own.
type digester struct{ a, b maphash.Seed }

func newDigester() digester { return digester{maphash.MakeSeed(), maphash.MakeSeed()} }

func (d digester) of(p []byte) digest { return digest{maphash.Bytes(d.a, p), maphash.Bytes(d.b, p)} }

// add counts what another search left untried.
func (u *untried) add(v untried) {
	u.singles += v.singles
	u.pairs = u.pairs || v.pairs
	for _, id := range v.mistakes {
		if !slices.Contains(u.mistakes, id) {
			u.mistakes = append(u.mistakes, id)
		}
	}
	for p := range v.params {
		if u.params == nil {
			u.params = map[string]bool{}
		}
		u.params[p] = true
	}
}

// describe says what was not tried, for the report.
func (u *untried) describe() []string {
	var out []string
	if u.singles > 0 {
		s := fmt.Sprintf("%d single mistakes (%s)", u.singles, strings.Join(u.mistakes, ", "))
		if n := len(u.params); n > 0 {
			s += fmt.Sprintf(" on %d parameters", n)
		}
		out = append(out, s)
	}
	if u.pairs || u.singles > 0 {
		out = append(out, "pairs of mistakes")
	}
	return out
}
