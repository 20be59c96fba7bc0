package compare

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// DiffHint names a catalogue mistake that a diff alone shows, without the
// secrets: ID is the mistake id, Part the part of the base string (as in
// PartDiff) and Detail says what differs there.
type DiffHint struct {
	ID     string `json:"id"`
	Part   string `json:"part"`
	Detail string `json:"detail"`
}

// DiffHints names the catalogue mistakes that the differences between the
// reference base string A and base string B show by themselves. Each
// catalogue record that can be seen in a diff carries a hint function (or an
// encoder) that reads the two base strings and names the parts that show
// it: a value encoded twice, "+" for a space, the default port kept, a
// parameter left out, another sort order, …. Each id is given once, with the
// first part it was seen in; the detail names the others. The hints are in
// base-string order (method, URI, parameters, order), mistakes of one part in
// catalogue order. It returns nil when the base strings are equal or when
// either lacks the two "&" that separate method, URI and parameters.
func DiffHints(d *BaseStringDiff) []DiffHint {
	if d == nil || d.A == d.B {
		return nil
	}
	v := newDiffView(d.A, d.B)
	if v == nil {
		return nil
	}
	for _, m := range catalogue {
		if m.encoder != nil {
			v.encoders = append(v.encoders, m)
		}
	}
	var hs hintSet
	for _, m := range catalogue {
		if m.hint == nil {
			continue
		}
		m.hint(v, m, func(part, detail string) { hs.add(m.ID, part, detail) })
	}
	return hs.list(v)
}

// hintFunc names the parts of a diff that show mistake m, calling add once
// per part with what differs there.
type hintFunc func(v *diffView, m *mistake, add func(part, detail string))

// diffView is what a hint function reads: the two base strings parsed and
// their parameters matched.
type diffView struct {
	a, b     parsedBase
	ua, ub   basestring.URLParts
	uriSplit bool // both URIs split into parts
	matches  []pairMatch
	countA   map[string]int
	inB      map[string]bool
	// ownMissing is set when every parameter of the request's own (not
	// oauth_), one of them with a value, is missing from B: the client left
	// a whole source out. own lists their indexes in A.
	ownMissing bool
	own        []int
	// encoders are the catalogue's mistakes with an encoder, in catalogue
	// order.
	encoders []*mistake
	// encodedBy caches, per changed pair (by its index in matches), the
	// encoding mistake that explains it; nil when none does.
	encodedBy map[int]*mistake
}

func newDiffView(a, b string) *diffView {
	v := &diffView{a: parseBase(a), b: parseBase(b), encodedBy: map[int]*mistake{}}
	if v.a.seps != 2 || v.b.seps != 2 {
		// Not two base strings: which part is which is a guess.
		return nil
	}
	ua, errA := basestring.SplitURL(v.a.uri)
	ub, errB := basestring.SplitURL(v.b.uri)
	v.ua, v.ub, v.uriSplit = ua, ub, errA == nil && errB == nil
	v.matches = matchPairs(v.a.pairs, v.b.pairs)
	v.countA = map[string]int{}
	for _, p := range v.a.pairs {
		v.countA[p.name]++
	}
	v.inB = map[string]bool{}
	for _, p := range v.b.pairs {
		v.inB[p.name] = true
	}
	missing := make([]bool, len(v.a.pairs))
	for _, x := range v.matches {
		if x.ai >= 0 && x.bi < 0 {
			missing[x.ai] = true
		}
	}
	allMissing, withValue := true, false
	for i, p := range v.a.pairs {
		if strings.HasPrefix(p.name, "oauth_") {
			continue
		}
		v.own = append(v.own, i)
		if !missing[i] {
			allMissing = false
		} else if p.eVal != "" {
			withValue = true
		}
	}
	v.ownMissing = len(v.own) > 0 && allMissing && withValue
	return v
}

// uriChanged reports whether the URIs differ and split into parts.
func (v *diffView) uriChanged() bool { return v.uriSplit && v.a.uri != v.b.uri }

// changed calls f for each parameter present in both with another text.
func (v *diffView) changed(f func(k int, pa, pb basePair)) {
	for k, x := range v.matches {
		if x.ai >= 0 && x.bi >= 0 && v.a.pairs[x.ai].raw != v.b.pairs[x.bi].raw {
			f(k, v.a.pairs[x.ai], v.b.pairs[x.bi])
		}
	}
}

// onlyA calls f for each parameter of A that B lacks, onlyB for each of B
// that A lacks.
func (v *diffView) onlyA(f func(pa basePair)) {
	for _, x := range v.matches {
		if x.ai >= 0 && x.bi < 0 {
			f(v.a.pairs[x.ai])
		}
	}
}

func (v *diffView) onlyB(f func(pb basePair)) {
	for _, x := range v.matches {
		if x.ai < 0 && x.bi >= 0 {
			f(v.b.pairs[x.bi])
		}
	}
}

// encodingMistake returns the first catalogue mistake whose encoder turns
// raw into got, when the RFC's encoding of raw is want and got differs from
// it; catalogue order puts the simpler, commoner encoders first.
func (v *diffView) encodingMistake(raw, want, got string) *mistake {
	if want == got {
		return nil
	}
	var buf []byte
	for _, m := range v.encoders {
		buf = m.encoder(buf[:0], raw)
		if string(buf) == got {
			return m
		}
	}
	return nil
}

// pairEncoding returns the encoding mistake that explains a changed pair.
func (v *diffView) pairEncoding(k int, pa, pb basePair) *mistake {
	if m, ok := v.encodedBy[k]; ok {
		return m
	}
	var m *mistake
	switch {
	case pa.text == pb.text:
		m = v.encodingMistake(pa.text, basestring.Encode(pa.text), pb.raw)
	case pa.eName == pb.eName && !cutAtEquals(pa, pb) && !plusLiteral(pa, pb):
		if raw, err := basestring.Decode(pa.eVal); err == nil {
			m = v.encodingMistake(raw, pa.eVal, pb.eVal)
		}
	}
	v.encodedBy[k] = m
	return m
}

// encoderHint is the hint of a mistake with an encoder: the URI or a
// parameter encoded by it, in the base string's own encoding (the decoded
// text is the same) or in the value's.
func encoderHint(v *diffView, m *mistake, add func(part, detail string)) {
	if v.a.uriRaw != v.b.uriRaw && v.a.uri == v.b.uri && v.encodingMistake(v.a.uri, basestring.Encode(v.a.uri), v.b.uriRaw) == m {
		add("uri", fmt.Sprintf("the uri was %s in the base string", m.encodes))
	}
	v.changed(func(k int, pa, pb basePair) {
		if v.pairEncoding(k, pa, pb) != m {
			return
		}
		part := "param " + pa.name
		if pa.text == pb.text {
			add(part, fmt.Sprintf("the %s was %s in the base string", part, m.encodes))
			return
		}
		add(part, fmt.Sprintf("the value of %s was %s: %q where the RFC gives %q", pa.name, m.encodes, pb.eVal, pa.eVal))
	})
}

// hintSet collects hints, one per id.
type hintSet struct {
	hints []DiffHint
	more  [][]string // other parts per hint
}

func (s *hintSet) add(id, part, detail string) {
	for i, h := range s.hints {
		if h.ID == id {
			if h.Part != part && !slices.Contains(s.more[i], part) {
				s.more[i] = append(s.more[i], part)
			}
			return
		}
	}
	s.hints = append(s.hints, DiffHint{ID: id, Part: part, Detail: detail})
	s.more = append(s.more, nil)
}

// list returns the hints in base-string order of their parts.
func (s *hintSet) list(v *diffView) []DiffHint {
	for i := range s.hints {
		if m := s.more[i]; len(m) > 0 {
			s.hints[i].Detail += " (also " + strings.Join(m, ", ") + ")"
		}
	}
	rank := v.partRanks()
	sort.SliceStable(s.hints, func(i, j int) bool { return rank(s.hints[i].Part) < rank(s.hints[j].Part) })
	return s.hints
}

// partRanks returns the place of a part in the base string: the method,
// the URI, each parameter in match order, then the order of the parameters.
func (v *diffView) partRanks() func(part string) int {
	params := map[string]int{}
	for k, x := range v.matches {
		name := ""
		if x.ai >= 0 {
			name = v.a.pairs[x.ai].name
		} else {
			name = v.b.pairs[x.bi].name
		}
		if _, ok := params[name]; !ok {
			params[name] = k
		}
	}
	return func(part string) int {
		switch part {
		case "method":
			return 0
		case "uri":
			return 1
		case "order":
			return 3 + len(v.matches)
		}
		if k, ok := params[strings.TrimPrefix(part, "param ")]; ok {
			return 2 + k
		}
		return 2 + len(v.matches)
	}
}

func portOrNone(p string) string {
	if p == "" {
		return "none"
	}
	return p
}

func cutAtEquals(pa, pb basePair) bool {
	i := strings.Index(pa.eVal, "%3D")
	return pa.eName == pb.eName && i >= 0 && pb.eVal == pa.eVal[:i]
}

func plusLiteral(pa, pb basePair) bool {
	return pa.eName == pb.eName && strings.Contains(pa.eVal, "%20") && pb.eVal == strings.ReplaceAll(pa.eVal, "%20", "%2B")
}

func sameMultiset(a, b []basePair) bool {
	n := map[string]int{}
	for _, p := range a {
		n[p.raw]++
	}
	for _, p := range b {
		n[p.raw]--
		if n[p.raw] < 0 {
			return false
		}
	}
	return true
}

// reorderedOnly reports whether B holds A's parameters in another order.
func (v *diffView) reorderedOnly() bool {
	a, b := v.a.pairs, v.b.pairs
	return len(a) == len(b) && len(a) > 1 && sameMultiset(a, b) && !samePairOrder(a, b)
}

// sortedBy reports whether B is A sorted stably by less.
func (v *diffView) sortedBy(less func(x, y basePair) bool) bool {
	sorted := append([]basePair(nil), v.a.pairs...)
	sort.SliceStable(sorted, func(i, j int) bool { return less(sorted[i], sorted[j]) })
	return samePairOrder(sorted, v.b.pairs)
}

func samePairOrder(x, y []basePair) bool {
	for i := range x {
		if x[i].raw != y[i].raw {
			return false
		}
	}
	return true
}

// sortDetail says how the parameters were sorted.
func sortDetail(rule string) string {
	return fmt.Sprintf("the parameters were %s; the RFC sorts by encoded name, then encoded value", rule)
}
