package compare

import (
	"fmt"
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
