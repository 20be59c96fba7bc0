package compare

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// Op says which of the two base strings a Segment of a diff belongs to.
type Op int

// The segment operations. A is the reference (correct) base string, B the other one.
const (
	OpEqual  Op = iota // in both base strings
	OpDelete           // only in A
	OpInsert           // only in B
)

// String returns "equal", "delete" or "insert".
func (o Op) String() string {
	switch o {
	case OpEqual:
		return "equal"
	case OpDelete:
		return "delete"
	case OpInsert:
		return "insert"
	}
	return "op(" + strconv.Itoa(int(o)) + ")"
}

// MarshalText writes the operation as its name, for the JSON report.
func (o Op) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads an operation name written by MarshalText.
func (o *Op) UnmarshalText(text []byte) error {
	switch string(text) {
	case "equal":
		*o = OpEqual
	case "delete":
		*o = OpDelete
	case "insert":
		*o = OpInsert
	default:
		return fmt.Errorf("compare: parse diff operation %q: want equal, delete or insert", text)
	}
	return nil
}

// Segment is a run of characters of a character-level diff.
type Segment struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// PartDiff is one part of the base string (RFC 5849 §3.4.1.1) that differs
// between the two base strings.
//
// Part is "method", "uri", "param NAME" (NAME decoded), "order" (the same
// parameters in another order) or "separator" (a base string without its
// two top-level "&"). The URI and parameters are shown decoded once, as they
// were before the base string's own encoding: the URI as signed and the pair
// as it is in the normalized parameter string (RFC 5849 §3.4.1.3.2), e.g.
// "oauth_callback=http%3A%2F%2Fx". When only that outer encoding differs,
// they are shown as they are in the base string.
type PartDiff struct {
	Part string `json:"part"`
	A    string `json:"a"`
	B    string `json:"b"`
}

// BaseStringDiff is a character diff of two signature base strings with each
// difference mapped to the part of the base string it falls in.
type BaseStringDiff struct {
	// A is the reference (correct) base string, B the other one.
	A string `json:"a"`
	B string `json:"b"`
	// Segments is the character-level diff after semantic cleanup:
	// the texts of the segments whose Op is not OpInsert join to A, those
	// whose Op is not OpDelete join to B.
	Segments []Segment `json:"segments"`
	// Parts lists only the parts that differ, in base-string order.
	Parts []PartDiff `json:"parts"`
}

// DiffBaseStrings diffs base string a (the reference) against b with
// github.com/sergi/go-diff: character level, no time limit (so the result is
// reproducible), semantic cleanup. Invalid UTF-8 is kept byte for byte.
// Base strings longer than 4 KiB together are diffed parameter by parameter
// first, and character by character only inside changed runs, so that the
// work stays bounded whatever the input.
func DiffBaseStrings(a, b string) *BaseStringDiff {
	d := &BaseStringDiff{A: a, B: b, Segments: charDiff(a, b)}
	if a != b {
		d.Parts = diffParts(parseBase(a), parseBase(b))
	}
	return d
}

// Equal reports whether the two base strings are identical (a nil diff is).
func (d *BaseStringDiff) Equal() bool { return d == nil || d.A == d.B }

// charDiffLimit bounds the character diff, which has no time limit: longer
// texts are first diffed by parameter (see chunkDiff).
const charDiffLimit = 4 << 10

// maxDiffUnits bounds the number of chunks or lines diffed as units; past it
// only the common prefix and suffix are found.
const maxDiffUnits = 4096

// charDiff is a character diff of a and b whose segments rebuild a and b
// exactly, whatever bytes they hold.
func charDiff(a, b string) []Segment {
	if a == b {
		if a == "" {
			return nil
		}
		return []Segment{{OpEqual, a}}
	}
	if len(a)+len(b) > charDiffLimit {
		return chunkDiff(a, b)
	}
	offA, runesA := diffUnits(a)
	offB, runesB := diffUnits(b)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	raw := dmp.DiffMainRunes(runesA, runesB, false)
	// DiffCleanupSemantic edits in place and can cut a multi-byte character
	// in two (it mixes byte and rune offsets), so it works on a copy and its
	// result is used only when it still maps back onto both inputs.
	cleaned := dmp.DiffCleanupSemantic(append([]diffmatchpatch.Diff(nil), raw...))
	if segs, ok := mapDiffs(cleaned, a, offA, runesA, b, offB, runesB); ok {
		return segs
	}
	if segs, ok := mapDiffs(raw, a, offA, runesA, b, offB, runesB); ok {
		return segs
	}
	var segs []Segment
	if a != "" {
		segs = append(segs, Segment{OpDelete, a})
	}
	if b != "" {
		segs = append(segs, Segment{OpInsert, b})
	}
	return segs
}

// chunkDiff diffs long base strings in two steps, so that the work stays
// bounded: first by chunk, each chunk ending after a "&" or "%26" (a
// parameter), then by character inside each changed run of chunks that is
// short enough.
func chunkDiff(a, b string) []Segment {
	ca, cb := diffChunks(a), diffChunks(b)
	if len(ca)+len(cb) > maxDiffUnits {
		return coarseDiff(a, b)
	}
	ids := map[string]rune{}
	toRunes := func(chunks []string) []rune {
		rs := make([]rune, len(chunks))
		for i, c := range chunks {
			r, ok := ids[c]
			if !ok {
				r = rune(len(ids) + 1)
				ids[c] = r
			}
			rs[i] = r
		}
		return rs
	}
	ra, rb := toRunes(ca), toRunes(cb)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	var out segmentBuilder
	var del, ins strings.Builder
	flush := func() {
		d, i := del.String(), ins.String()
		if len(d)+len(i) <= charDiffLimit {
			for _, s := range charDiff(d, i) {
				out.add(s.Op, s.Text)
			}
		} else {
			out.add(OpDelete, d)
			out.add(OpInsert, i)
		}
		del.Reset()
		ins.Reset()
	}
	ia, ib := 0, 0
	for _, df := range dmp.DiffMainRunes(ra, rb, false) {
		n := utf8.RuneCountInString(df.Text)
		switch df.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			for k := 0; k < n && ia < len(ca); k++ {
				out.add(OpEqual, ca[ia])
				ia++
				ib++
			}
		case diffmatchpatch.DiffDelete:
			for k := 0; k < n && ia < len(ca); k++ {
				del.WriteString(ca[ia])
				ia++
			}
		case diffmatchpatch.DiffInsert:
			for k := 0; k < n && ib < len(cb); k++ {
				ins.WriteString(cb[ib])
				ib++
			}
		}
	}
	flush()
	return out.done()
}

// diffChunks splits s after each "&" and each "%26".
func diffChunks(s string) []string {
	var chunks []string
	start := 0
	for i := 0; i < len(s); i++ {
		end := -1
		switch {
		case s[i] == '&':
			end = i + 1
		case s[i] == '%' && i+2 < len(s) && s[i+1] == '2' && s[i+2] == '6':
			end = i + 3
		}
		if end > 0 {
			chunks = append(chunks, s[start:end])
			start = end
			i = end - 1
		}
	}
	if start < len(s) {
		chunks = append(chunks, s[start:])
	}
	return chunks
}

// coarseDiff keeps the common prefix and suffix (whole characters) and
// shows the rest as one change.
func coarseDiff(a, b string) []Segment {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	for p > 0 && p < len(a) && !utf8.RuneStart(a[p]) {
		p--
	}
	q := 0
	for q < len(a)-p && q < len(b)-p && a[len(a)-1-q] == b[len(b)-1-q] {
		q++
	}
	for q > 0 && !utf8.RuneStart(a[len(a)-q]) {
		q--
	}
	var out segmentBuilder
	out.add(OpEqual, a[:p])
	out.add(OpDelete, a[p:len(a)-q])
	out.add(OpInsert, b[p:len(b)-q])
	out.add(OpEqual, a[len(a)-q:])
	return out.done()
}

// diffUnits splits s into the units go-diff compares: one rune per valid
// UTF-8 character, and one private-use rune per byte of invalid UTF-8 (which
// go-diff would otherwise turn into U+FFFD). off[i] is the byte offset of
// unit i; off[len(runes)] is len(s).
func diffUnits(s string) (off []int, runes []rune) {
	off = make([]int, 0, len(s)+1)
	runes = make([]rune, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = 0xF0000 + rune(s[i])
		}
		off = append(off, i)
		runes = append(runes, r)
		i += size
	}
	off = append(off, len(s))
	return off, runes
}

// mapDiffs turns go-diff's output back into segments of the original bytes.
// It reports false when the diff does not consume both inputs exactly.
func mapDiffs(diffs []diffmatchpatch.Diff, a string, offA []int, runesA []rune, b string, offB []int, runesB []rune) ([]Segment, bool) {
	var out segmentBuilder
	pa, pb := 0, 0
	for _, df := range diffs {
		n := utf8.RuneCountInString(df.Text)
		switch df.Type {
		case diffmatchpatch.DiffEqual:
			if pa+n > len(runesA) || pb+n > len(runesB) ||
				string(runesA[pa:pa+n]) != df.Text || string(runesB[pb:pb+n]) != df.Text {
				return nil, false
			}
			if ta, tb := a[offA[pa]:offA[pa+n]], b[offB[pb]:offB[pb+n]]; ta == tb {
				out.add(OpEqual, ta)
			} else {
				// A private-use rune met the invalid byte it stands for:
				// compare unit by unit.
				for k := 0; k < n; k++ {
					ua, ub := a[offA[pa+k]:offA[pa+k+1]], b[offB[pb+k]:offB[pb+k+1]]
					if ua == ub {
						out.add(OpEqual, ua)
					} else {
						out.add(OpDelete, ua)
						out.add(OpInsert, ub)
					}
				}
			}
			pa += n
			pb += n
		case diffmatchpatch.DiffDelete:
			if pa+n > len(runesA) || string(runesA[pa:pa+n]) != df.Text {
				return nil, false
			}
			out.add(OpDelete, a[offA[pa]:offA[pa+n]])
			pa += n
		case diffmatchpatch.DiffInsert:
			if pb+n > len(runesB) || string(runesB[pb:pb+n]) != df.Text {
				return nil, false
			}
			out.add(OpInsert, b[offB[pb]:offB[pb+n]])
			pb += n
		}
	}
	if pa != len(runesA) || pb != len(runesB) {
		return nil, false
	}
	return out.done(), true
}

// segmentBuilder merges adjacent segments of one kind and writes each run of
// changes as its deletion followed by its insertion.
type segmentBuilder struct {
	segs     []Segment
	del, ins strings.Builder
}

func (s *segmentBuilder) add(op Op, text string) {
	if text == "" {
		return
	}
	switch op {
	case OpDelete:
		s.del.WriteString(text)
	case OpInsert:
		s.ins.WriteString(text)
	default:
		s.flush()
		if n := len(s.segs); n > 0 && s.segs[n-1].Op == OpEqual {
			s.segs[n-1].Text += text
			return
		}
		s.segs = append(s.segs, Segment{OpEqual, text})
	}
}

func (s *segmentBuilder) flush() {
	if s.del.Len() > 0 {
		s.segs = append(s.segs, Segment{OpDelete, s.del.String()})
		s.del.Reset()
	}
	if s.ins.Len() > 0 {
		s.segs = append(s.segs, Segment{OpInsert, s.ins.String()})
		s.ins.Reset()
	}
}

func (s *segmentBuilder) done() []Segment {
	s.flush()
	return s.segs
}

// parsedBase is a base string split into its parts (RFC 5849 §3.4.1.1):
// method "&" encode(URI) "&" encode(normalized parameters).
type parsedBase struct {
	method    string
	uriRaw    string // as in the base string
	uri       string // decoded once
	paramsRaw string // as in the base string
	seps      int    // top-level "&" found: 0, 1 or 2
	pairs     []basePair
}

// basePair is one name=value pair of the normalized parameter string.
type basePair struct {
	raw   string // as in the base string, e.g. "a%3Db%2520c"
	text  string // decoded once, as in the normalized parameter string: "a=b%20c"
	eName string // text before the first "=": the encoded name
	eVal  string // text after it: the encoded value
	name  string // the name decoded
}

func parseBase(s string) parsedBase {
	var p parsedBase
	method, rest, ok := strings.Cut(s, "&")
	p.method = method
	if !ok {
		return p
	}
	p.seps = 1
	uriRaw, params, ok := strings.Cut(rest, "&")
	p.uriRaw = uriRaw
	p.uri = basestring.DecodeLenient(uriRaw, false)
	if !ok {
		return p
	}
	p.seps = 2
	p.paramsRaw = params
	if params == "" {
		return p
	}
	// A client that forgot the outer encoding leaves "&" and "=" raw in the
	// parameter part; everything else splits at the encoded "&", "%26".
	sep, decode := "%26", true
	if strings.ContainsAny(params, "&=") {
		sep, decode = "&", false
	}
	for _, raw := range strings.Split(params, sep) {
		pr := basePair{raw: raw, text: raw}
		if decode {
			pr.text = basestring.DecodeLenient(raw, false)
		}
		pr.eName, pr.eVal, _ = strings.Cut(pr.text, "=")
		pr.name = basestring.DecodeLenient(pr.eName, false)
		p.pairs = append(p.pairs, pr)
	}
	return p
}

// pairMatch pairs parameter ai of A with bi of B; -1 marks a side where the
// parameter is absent.
type pairMatch struct{ ai, bi int }

// matchPairs pairs the parameters of two base strings: identical pairs
// first, then by name and occurrence. The result is in base-string order:
// A's order, with parameters only in B placed after the parameter that
// precedes them in B.
func matchPairs(a, b []basePair) []pairMatch {
	bOf := make([]int, len(a))
	aOf := make([]int, len(b))
	for i := range bOf {
		bOf[i] = -1
	}
	for i := range aOf {
		aOf[i] = -1
	}
	byRaw := map[string][]int{}
	for j, p := range b {
		byRaw[p.raw] = append(byRaw[p.raw], j)
	}
	for i, p := range a {
		if q := byRaw[p.raw]; len(q) > 0 {
			bOf[i], aOf[q[0]] = q[0], i
			byRaw[p.raw] = q[1:]
		}
	}
	byName := map[string][]int{}
	for j, p := range b {
		if aOf[j] < 0 {
			byName[p.name] = append(byName[p.name], j)
		}
	}
	for i, p := range a {
		if bOf[i] >= 0 {
			continue
		}
		if q := byName[p.name]; len(q) > 0 {
			bOf[i], aOf[q[0]] = q[0], i
			byName[p.name] = q[1:]
		}
	}
	// B-only parameters go after the A parameter matched just before them in B.
	after := make(map[int][]int)
	last := -1
	var lead []int
	for j := range b {
		if aOf[j] >= 0 {
			if aOf[j] > last {
				last = aOf[j]
			}
			continue
		}
		if last < 0 {
			lead = append(lead, j)
		} else {
			after[last] = append(after[last], j)
		}
	}
	var out []pairMatch
	for _, j := range lead {
		out = append(out, pairMatch{-1, j})
	}
	for i := range a {
		out = append(out, pairMatch{i, bOf[i]})
		for _, j := range after[i] {
			out = append(out, pairMatch{-1, j})
		}
	}
	return out
}

// reordered reports whether the parameters present on both sides are in
// another order in B than in A.
func reordered(a, b []basePair, m []pairMatch) bool {
	aOf := make([]int, len(b))
	for i := range aOf {
		aOf[i] = -1
	}
	for _, x := range m {
		if x.ai >= 0 && x.bi >= 0 {
			aOf[x.bi] = x.ai
		}
	}
	prev := -1
	for _, i := range aOf {
		if i < 0 {
			continue
		}
		if i < prev {
			return true
		}
		prev = i
	}
	return false
}

func diffParts(a, b parsedBase) []PartDiff {
	var parts []PartDiff
	if a.seps != b.seps {
		parts = append(parts, PartDiff{"separator", strings.Repeat("&", a.seps), strings.Repeat("&", b.seps)})
	}
	if a.method != b.method {
		parts = append(parts, PartDiff{"method", a.method, b.method})
	}
	if a.uriRaw != b.uriRaw {
		if a.uri != b.uri {
			parts = append(parts, PartDiff{"uri", a.uri, b.uri})
		} else {
			parts = append(parts, PartDiff{"uri", a.uriRaw, b.uriRaw})
		}
	}
	m := matchPairs(a.pairs, b.pairs)
	for _, x := range m {
		var pa, pb basePair
		name := ""
		if x.ai >= 0 {
			pa = a.pairs[x.ai]
			name = pa.name
		}
		if x.bi >= 0 {
			pb = b.pairs[x.bi]
			if x.ai < 0 {
				name = pb.name
			}
		}
		if x.ai >= 0 && x.bi >= 0 && pa.raw == pb.raw {
			continue
		}
		ta, tb := pa.text, pb.text
		if x.ai >= 0 && x.bi >= 0 && ta == tb {
			ta, tb = pa.raw, pb.raw
		}
		parts = append(parts, PartDiff{"param " + name, ta, tb})
	}
	if reordered(a.pairs, b.pairs, m) {
		parts = append(parts, PartDiff{"order", basestring.DecodeLenient(a.paramsRaw, false), basestring.DecodeLenient(b.paramsRaw, false)})
	}
	if len(parts) == 0 && a.paramsRaw != b.paramsRaw {
		// The same pairs joined by "%26" on one side and by a raw "&" on
		// the other: only the separators differ.
		parts = append(parts, PartDiff{"separator", a.paramsRaw, b.paramsRaw})
	}
	return parts
}

// diffLine is one line of a rendered diff: the method, the URI or one
// parameter.
type diffLine struct {
	kind    byte   // 'm', 'u' or 'p'
	key     string // the text as in the base string: equal keys are equal lines
	show    string // the text shown
	name    string // parameter name, for pairing changed lines
	rawShow string // the text as in the base string, shown when show is equal on both sides
}

func diffLines(p parsedBase) []diffLine {
	lines := []diffLine{{kind: 'm', key: p.method, show: p.method, rawShow: p.method}}
	if p.seps >= 1 {
		lines = append(lines, diffLine{kind: 'u', key: p.uriRaw, show: p.uri, rawShow: p.uriRaw})
	}
	for _, pr := range p.pairs {
		lines = append(lines, diffLine{kind: 'p', key: pr.raw, show: pr.text, name: pr.name, rawShow: pr.raw})
	}
	return lines
}

// lineOps diffs two line lists with go-diff, each distinct line mapped to
// one rune.
func lineOps(a, b []diffLine) []diffmatchpatch.Diff {
	ids := map[string]rune{}
	next := rune(1)
	encode := func(lines []diffLine) []rune {
		rs := make([]rune, len(lines))
		for i, l := range lines {
			k := string(l.kind) + l.key
			r, ok := ids[k]
			if !ok {
				r = next
				ids[k] = r
				next++
				if next == 0xD800 { // skip the surrogates, which are not runes
					next = 0xE000
				}
			}
			rs[i] = r
		}
		return rs
	}
	ra, rb := encode(a), encode(b)
	if len(ra)+len(rb) > maxDiffUnits {
		// Too many lines to diff in bounded time: the common first and
		// last lines, the rest changed.
		p := 0
		for p < len(ra) && p < len(rb) && ra[p] == rb[p] {
			p++
		}
		q := 0
		for q < len(ra)-p && q < len(rb)-p && ra[len(ra)-1-q] == rb[len(rb)-1-q] {
			q++
		}
		var ds []diffmatchpatch.Diff
		for _, d := range [...]diffmatchpatch.Diff{
			{Type: diffmatchpatch.DiffEqual, Text: strings.Repeat("x", p)},
			{Type: diffmatchpatch.DiffDelete, Text: strings.Repeat("x", len(ra)-p-q)},
			{Type: diffmatchpatch.DiffInsert, Text: strings.Repeat("x", len(rb)-p-q)},
			{Type: diffmatchpatch.DiffEqual, Text: strings.Repeat("x", q)},
		} {
			if d.Text != "" {
				ds = append(ds, d)
			}
		}
		return ds
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	return dmp.DiffMainRunes(ra, rb, false)
}

// LineKind says how a line of a line diff (DiffLine) relates the two
// base strings.
type LineKind int

const (
	// LineSame is a line found in both base strings.
	LineSame LineKind = iota
	// LineOnlyA is a line found only in A.
	LineOnlyA
	// LineOnlyB is a line found only in B.
	LineOnlyB
	// LineChanged is the same part (method, URI or parameter of the same
	// name) with different text in A and in B.
	LineChanged
)

// DiffLine is one line of the line diff of two base strings: the method,
// the URI or one parameter, decoded for reading.
type DiffLine struct {
	Kind LineKind
	// Param reports whether the line is a parameter (a renderer may elide
	// runs of identical parameters).
	Param bool
	// A is the line's text in A (empty for LineOnlyB), B its text in B
	// (empty for LineOnlyA; equal to A for LineSame). For a LineChanged line
	// whose decoded texts are equal, A and B are the encoded texts.
	A, B string
	// Segments is, for a LineChanged line whose texts are both printable
	// (see Printable), the character diff of A against B; nil otherwise.
	Segments []Segment
}

// Lines returns the line diff of the two base strings in order: a run of
// changed lines lists each line of A, paired with the line of B of the same
// part when there is one (LineChanged), then the unpaired lines of B. A nil
// diff has no lines.
func (d *BaseStringDiff) Lines() []DiffLine {
	if d == nil {
		return nil
	}
	var out []DiffLine
	la, lb := diffLines(parseBase(d.A)), diffLines(parseBase(d.B))
	ia, ib := 0, 0
	var dels, inss []diffLine
	flushChanges := func() {
		if len(dels)+len(inss) > 0 {
			out = appendChanges(out, dels, inss)
		}
		dels, inss = dels[:0], inss[:0]
	}
	for _, op := range lineOps(la, lb) {
		n := utf8.RuneCountInString(op.Text)
		switch op.Type {
		case diffmatchpatch.DiffEqual:
			flushChanges()
			for k := 0; k < n && ia < len(la); k++ {
				l := la[ia]
				out = append(out, DiffLine{Kind: LineSame, Param: l.kind == 'p', A: l.show, B: l.show})
				ia++
				ib++
			}
		case diffmatchpatch.DiffDelete:
			for k := 0; k < n && ia < len(la); k++ {
				dels = append(dels, la[ia])
				ia++
			}
		case diffmatchpatch.DiffInsert:
			for k := 0; k < n && ib < len(lb); k++ {
				inss = append(inss, lb[ib])
				ib++
			}
		}
	}
	flushChanges()
	return out
}

// appendChanges appends a run of changed lines: each deleted line, paired
// with the first unused inserted line of the same kind and parameter name,
// then the inserted lines that pair with none, in their order.
func appendChanges(out []DiffLine, dels, inss []diffLine) []DiffLine {
	used := make([]bool, len(inss))
	pairOf := make([]int, len(dels))
	for i, dl := range dels {
		pairOf[i] = -1
		for j, il := range inss {
			if !used[j] && il.kind == dl.kind && il.name == dl.name {
				pairOf[i], used[j] = j, true
				break
			}
		}
	}
	for i, dl := range dels {
		if pairOf[i] < 0 {
			out = append(out, DiffLine{Kind: LineOnlyA, Param: dl.kind == 'p', A: dl.show})
			continue
		}
		il := inss[pairOf[i]]
		sa, sb := dl.show, il.show
		if sa == sb {
			sa, sb = dl.rawShow, il.rawShow
		}
		line := DiffLine{Kind: LineChanged, Param: dl.kind == 'p', A: sa, B: sb}
		if Printable(sa) && Printable(sb) {
			line.Segments = charDiff(sa, sb)
		}
		out = append(out, line)
	}
	for j, il := range inss {
		if !used[j] {
			out = append(out, DiffLine{Kind: LineOnlyB, Param: il.kind == 'p', B: il.show})
		}
	}
	return out
}

// Printable reports whether s is valid UTF-8 without control characters,
// so that it can be written to a terminal as it is.
func Printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// DiffHint names a catalogue mistake that a diff alone shows, without the
// secrets: ID is the mistake id, Part the part of the base string (as in
// PartDiff) and Detail says what differs there.
type DiffHint struct {
	ID     string `json:"id"`
	Part   string `json:"part"`
	Detail string `json:"detail"`
}

// DiffHints names the catalogue mistakes that the differences between the
// reference base string A and base string B show by themselves: B's URI,
// method and parameters are compared with what each known mistake makes of
// A's (a value encoded twice, "+" for a space, the default port kept, a
// parameter left out, another sort order, …). Each id is given once, with the
// first part it was seen in; the detail names the others. The hints are in
// base-string order. It returns nil when the base strings are equal or when
// either lacks the two "&" that separate method, URI and parameters.
func DiffHints(d *BaseStringDiff) []DiffHint {
	if d == nil || d.A == d.B {
		return nil
	}
	a, b := parseBase(d.A), parseBase(d.B)
	if a.seps != 2 || b.seps != 2 {
		// Not two base strings: which part is which is a guess.
		return nil
	}
	var hs hintSet
	if a.method != b.method {
		if strings.EqualFold(a.method, b.method) {
			hs.add("method-lowercase", "method", fmt.Sprintf("the method was signed as %q; the base string needs it upper-case, %q", b.method, a.method))
		} else {
			hs.add("method-mismatch", "method", fmt.Sprintf("%q was signed; the request was %q", b.method, a.method))
		}
	}
	if a.seps >= 1 && b.seps >= 1 && a.uriRaw != b.uriRaw {
		if a.uri == b.uri {
			outerHints(&hs, "uri", a.uri, b.uriRaw)
		} else {
			uriHints(&hs, a.uri, b.uri)
		}
	}
	paramHints(&hs, a.pairs, b.pairs)
	return hs.list()
}

// hintSet collects hints, one per id.
type hintSet struct {
	hints []DiffHint
	more  [][]string // other parts per hint
}

func (s *hintSet) add(id, part, detail string) {
	for i, h := range s.hints {
		if h.ID == id {
			if h.Part != part && !containsString(s.more[i], part) {
				s.more[i] = append(s.more[i], part)
			}
			return
		}
	}
	s.hints = append(s.hints, DiffHint{ID: id, Part: part, Detail: detail})
	s.more = append(s.more, nil)
}

func (s *hintSet) list() []DiffHint {
	for i := range s.hints {
		if m := s.more[i]; len(m) > 0 {
			s.hints[i].Detail += " (also " + strings.Join(m, ", ") + ")"
		}
	}
	return s.hints
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// uriHints compares the decoded base string URIs (RFC 5849 §3.4.1.2).
func uriHints(hs *hintSet, a, b string) {
	ua, errA := basestring.SplitURL(a)
	ub, errB := basestring.SplitURL(b)
	if errA != nil || errB != nil {
		return
	}
	if ua.Scheme != ub.Scheme {
		if strings.EqualFold(ua.Scheme, ub.Scheme) {
			hs.add("scheme-case", "uri", fmt.Sprintf("the scheme was signed as %q, not lower-case %q", ub.Scheme, ua.Scheme))
		} else {
			hs.add("scheme-mismatch", "uri", fmt.Sprintf("signed with %s://, the server saw %s://", ub.Scheme, ua.Scheme))
		}
	}
	hostA, portA := basestring.SplitHostPort(ua.Authority)
	hostB, portB := basestring.SplitHostPort(ub.Authority)
	if hostA != hostB {
		if strings.EqualFold(hostA, hostB) {
			hs.add("host-case", "uri", fmt.Sprintf("the host was signed as %q, not lower-case %q", hostB, hostA))
		} else {
			hs.add("host-mismatch", "uri", fmt.Sprintf("signed for host %q, the server saw %q", hostB, hostA))
		}
	}
	if portA != portB {
		switch {
		case portA == "" && portB != "" && (portB == basestring.DefaultPort(ub.Scheme) || portB == basestring.DefaultPort(ua.Scheme)):
			hs.add("default-port-included", "uri", fmt.Sprintf("the default port :%s was kept; the base string URI leaves it out", portB))
		case portB == "" && (portA == "80" || portA == "443") && portA != basestring.DefaultPort(ua.Scheme):
			hs.add("default-port-wrong-scheme", "uri", fmt.Sprintf(":%s was dropped from a %s:// URI, whose default port it is not", portA, ua.Scheme))
		default:
			hs.add("port-mismatch", "uri", fmt.Sprintf("signed with port %q, the server saw %q", portOrNone(portB), portOrNone(portA)))
		}
	}
	switch pa, pb := ua.Path, ub.Path; {
	case pa == pb:
	case pa == "/" && pb == "":
		hs.add("empty-path-no-slash", "uri", "the empty path was signed as empty; the base string URI needs \"/\"")
	case pa+"/" == pb:
		hs.add("trailing-slash", "uri", fmt.Sprintf("the path was signed with a trailing slash, %q, the request has %q", pb, pa))
	case pb+"/" == pa:
		hs.add("trailing-slash", "uri", fmt.Sprintf("the path was signed without its trailing slash, %q, the request has %q", pb, pa))
	case basestring.DecodeLenient(pa, false) == pb:
		hs.add("path-decoded", "uri", fmt.Sprintf("the path was signed decoded, %q; the base string keeps it as sent, %q", pb, pa))
	}
	if !ua.HasQuery && ub.HasQuery {
		hs.add("query-in-base-uri", "uri", fmt.Sprintf("the query %q was signed as part of the URI; it belongs in the parameters", "?"+ub.Query))
	}
}

func portOrNone(p string) string {
	if p == "" {
		return "none"
	}
	return p
}

// encodingHint reports the mistake whose encoder turns raw into got, when
// the RFC's encoding of raw is want and got differs from it. The encoders of
// known client mistakes are tried simplest first; the first whose output is
// got names the mistake.
func encodingHint(raw, want, got string) (id, what string, ok bool) {
	if want == got {
		return "", "", false
	}
	encoders := [...]struct {
		id   string
		what string
		enc  basestring.Encoder
	}{
		{"double-encoded", "encoded twice", basestring.AppendEncodeTwice},
		{"not-encoded", "not percent-encoded", basestring.AppendRaw},
		{"plus-for-space", `encoded with "+" for a space`, basestring.AppendEncodePlusForSpace},
		{"lowercase-hex", "encoded with lower-case hex digits", basestring.AppendEncodeLowerHex},
		{"tilde-encoded", `encoded with "~" as %7E`, basestring.AppendEncodeTilde},
		{"java-urlencoder", `encoded as java.net.URLEncoder does ("+" for a space, "*" raw, "~" as %7E)`, basestring.AppendEncodeJava},
		{"double-utf8", "converted to UTF-8 twice before encoding", basestring.AppendEncodeDoubleUTF8},
	}
	var buf []byte
	for _, e := range encoders {
		buf = e.enc(buf[:0], raw)
		if string(buf) == got {
			return e.id, e.what, true
		}
	}
	return "", "", false
}

// outerHints explains a part whose decoded text is equal on both sides but
// whose encoding in the base string differs: the base string's own encoding
// (RFC 5849 §3.4.1.1) was done by another encoder.
func outerHints(hs *hintSet, part, text, gotRaw string) {
	if id, what, ok := encodingHint(text, basestring.Encode(text), gotRaw); ok {
		hs.add(id, part, fmt.Sprintf("the %s was %s in the base string", part, what))
	}
}

// paramHints compares the parameters (RFC 5849 §3.4.1.3).
func paramHints(hs *hintSet, a, b []basePair) {
	m := matchPairs(a, b)
	countA := map[string]int{}
	for _, p := range a {
		countA[p.name]++
	}
	inB := map[string]bool{}
	for _, p := range b {
		inB[p.name] = true
	}
	// When every parameter of the request's own (not oauth_) is missing,
	// one of them with a value, the client left a whole source out.
	var own, aOnly []int
	missingValue := false
	for _, x := range m {
		if x.ai >= 0 && x.bi < 0 {
			aOnly = append(aOnly, x.ai)
		}
	}
	allOwnMissing := true
	for i, p := range a {
		if strings.HasPrefix(p.name, "oauth_") {
			continue
		}
		own = append(own, i)
		if !containsInt(aOnly, i) {
			allOwnMissing = false
		} else if p.eVal != "" {
			missingValue = true
		}
	}
	sourceMissing := len(own) > 0 && allOwnMissing && missingValue
	if sourceMissing {
		var names []string
		for _, i := range own {
			if !containsString(names, a[i].name) {
				names = append(names, a[i].name)
			}
		}
		hs.add("query-params-unsigned", "param "+a[own[0]].name, fmt.Sprintf("none of the request's own parameters (%s) were signed, only the oauth_ ones; query and form body parameters are signed too", strings.Join(names, ", ")))
	}
	for _, x := range m {
		if x.ai >= 0 && x.bi >= 0 {
			if pa, pb := a[x.ai], b[x.bi]; pa.raw != pb.raw {
				changedParamHints(hs, pa, pb)
			}
			continue
		}
		if x.bi >= 0 {
			pb := b[x.bi]
			part := "param " + pb.name
			switch pb.name {
			case "realm":
				hs.add("realm-signed", part, "realm was signed; RFC 5849 §3.4.1.3.1 leaves it out")
			case "oauth_signature":
				hs.add("signature-signed", part, "oauth_signature was signed; it is never part of the base string")
			default:
				hs.add("param-signed-not-sent", part, fmt.Sprintf("%s was signed but the request does not carry it", pb.name))
			}
			continue
		}
		pa := a[x.ai]
		part := "param " + pa.name
		switch {
		case sourceMissing && !strings.HasPrefix(pa.name, "oauth_"):
		case pa.eVal == "":
			hs.add("empty-param-dropped", part, fmt.Sprintf("%s has an empty value and was left out; it must be signed as %q", pa.name, pa.eName+"="))
		case countA[pa.name] > 1 && inB[pa.name]:
			hs.add("duplicate-dropped", part, fmt.Sprintf("only some of the %d %s parameters were signed; every one must be", countA[pa.name], pa.name))
		default:
			hs.add("param-sent-not-signed", part, fmt.Sprintf("%s is in the request but was not signed", pa.name))
		}
	}
	if len(a) == len(b) && len(a) > 1 && sameMultiset(a, b) {
		sortHints(hs, a, b)
	}
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// changedParamHints explains a parameter present on both sides with
// another text.
func changedParamHints(hs *hintSet, pa, pb basePair) {
	part := "param " + pa.name
	if pa.text == pb.text {
		outerHints(hs, part, pa.text, pb.raw)
		return
	}
	if pa.eName != pb.eName {
		return
	}
	av, bv := pa.eVal, pb.eVal
	if i := strings.Index(av, "%3D"); i >= 0 && bv == av[:i] {
		hs.add("value-cut-at-equals", part, fmt.Sprintf("the value of %s was cut at its first \"=\": %q signed, %q sent", pa.name, bv, av))
		return
	}
	if strings.Contains(av, "%20") && bv == strings.ReplaceAll(av, "%20", "%2B") {
		hs.add("plus-not-decoded", part, fmt.Sprintf("a \"+\" in the value of %s was signed as a plus (%%2B), not as the space it stands for (%%20)", pa.name))
		return
	}
	raw, err := basestring.Decode(av)
	if err != nil {
		return
	}
	if id, what, ok := encodingHint(raw, av, bv); ok {
		hs.add(id, part, fmt.Sprintf("the value of %s was %s: %q where the RFC gives %q", pa.name, what, bv, av))
	}
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

// sortHints names the order B's parameters follow when they are A's in
// another order (RFC 5849 §3.4.1.3.2 sorts by encoded name, then encoded
// value).
func sortHints(hs *hintSet, a, b []basePair) {
	same := true
	for i := range a {
		if a[i].raw != b[i].raw {
			same = false
			break
		}
	}
	if same {
		return
	}
	detail := func(rule string) string {
		return fmt.Sprintf("the parameters were %s; the RFC sorts by encoded name, then encoded value", rule)
	}
	byRaw := append([]basePair(nil), a...)
	sortPairs(byRaw, func(x, y basePair) bool {
		nx, ny := x.name, y.name
		if nx != ny {
			return nx < ny
		}
		return basestring.DecodeLenient(x.eVal, false) < basestring.DecodeLenient(y.eVal, false)
	})
	if samePairOrder(byRaw, b) {
		hs.add("sort-raw-not-encoded", "order", detail("sorted before they were encoded"))
	}
	keysSorted := true
	for i := 1; i < len(b); i++ {
		if b[i-1].eName > b[i].eName {
			keysSorted = false
			break
		}
	}
	if keysSorted {
		hs.add("sort-key-only", "order", detail("sorted by name only, parameters of one name left in the order sent"))
	}
	byText := append([]basePair(nil), a...)
	sortPairs(byText, func(x, y basePair) bool { return x.text < y.text })
	if samePairOrder(byText, b) {
		hs.add("sort-pair-strings", "order", detail(`sorted as joined "name=value" strings`))
	}
}

func samePairOrder(x, y []basePair) bool {
	for i := range x {
		if x[i].raw != y[i].raw {
			return false
		}
	}
	return true
}

// sortPairs sorts stably: parameters that compare equal keep A's order.
func sortPairs(p []basePair, less func(x, y basePair) bool) {
	sort.SliceStable(p, func(i, j int) bool { return less(p[i], p[j]) })
}
