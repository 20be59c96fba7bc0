package compare

import (
	"fmt"
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
