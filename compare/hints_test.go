package compare

import (
	"slices"
	"testing"
)

// TestHintsCovered checks the hints of the catalogue's records: a mistake
// with an encoder says what it does and has the encoder hint, and every
// mistake with a hint is the one a case of TestDiffHints wants, so that no
// hint goes untested. Hints name mistakes through their records, so a
// renamed mistake cannot leave a stale hint behind.
func TestHintsCovered(t *testing.T) {
	wanted := map[string]bool{}
	for _, c := range diffHintCases() {
		for _, id := range c.want {
			wanted[id] = true
			if lookup(id) == nil {
				t.Errorf("case %s wants %q, not a catalogue mistake", c.name, id)
			}
		}
	}
	var withHint []string
	for _, m := range catalogue {
		if m.encoder != nil && (m.encodes == "" || m.hint == nil) {
			t.Errorf("mistake %q has an encoder but no encodes text or hint", m.ID)
		}
		if m.hint == nil {
			continue
		}
		withHint = append(withHint, m.ID)
		if !wanted[m.ID] {
			t.Errorf("mistake %q has a hint that no case of TestDiffHints wants", m.ID)
		}
	}
	if len(withHint) < 30 || !slices.Contains(withHint, "plus-for-space") {
		t.Errorf("only %d mistakes carry a hint: %v", len(withHint), withHint)
	}
}
