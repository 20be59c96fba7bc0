package basestring

import (
	"fmt"
	"strings"
)

// Authorization is a parsed "Authorization: OAuth …" header value (RFC 5849 §3.5.1).
type Authorization struct {
	// Scheme is the auth-scheme as sent ("OAuth", "oauth", …).
	Scheme string
	// Params are every pair in order, decoded, realm and oauth_signature
	// included, each with Source SourceHeader.
	Params []Param
	// Problems are syntax deviations the parser tolerated: values not quoted,
	// pairs not separated by commas, values that were not valid percent-encoding.
	Problems []HeaderProblem
}

// HeaderProblem is a tolerated syntax error in an Authorization header.
type HeaderProblem struct {
	// Offset is the byte offset in the header value.
	Offset int
	// Message describes the problem, lowercase, e.g. `value of "oauth_nonce" is not quoted`.
	Message string
}

// Realm returns the realm parameter and whether there was one.
func (a *Authorization) Realm() (string, bool) {
	for _, p := range a.Params {
		if p.Name == "realm" {
			return p.Value, true
		}
	}
	return "", false
}

// A HeaderError is an Authorization header that cannot be read at all.
type HeaderError struct {
	Offset int
	Reason string
}

// Error describes why and where the header cannot be read.
func (e *HeaderError) Error() string {
	return fmt.Sprintf("authorization header: %s at byte %d", e.Reason, e.Offset)
}

// ParseAuthorization parses an Authorization header value whose scheme is
// OAuth (case-insensitive), as RFC 5849 §3.5.1 defines it: `OAuth
// name="value", name="value"`, values percent-encoded. It is tolerant, the way
// servers are: any whitespace (including newlines) between pairs, missing
// commas, unquoted values and bad escapes are accepted and listed in
// Problems. It fails only when the scheme is not OAuth or a quoted value is
// never closed.
func ParseAuthorization(value string) (*Authorization, error) {
	a := &Authorization{}
	if err := a.Parse(value); err != nil {
		return nil, err
	}
	return a, nil
}

// Parse is [ParseAuthorization] into a, reusing the room of its Params and
// Problems, so that a caller reading many requests allocates once. On an
// error a is left empty.
func (a *Authorization) Parse(value string) error {
	var err error
	a.Problems = a.Problems[:0]
	// One parameter a comma, give or take: the list grows once, if at all.
	if n := strings.Count(value, ",") + 1; cap(a.Params) < n {
		a.Params = make([]Param, 0, n)
	}
	a.Scheme, a.Params, err = parseAuthorization(a.Params[:0], value, &a.Problems)
	if err != nil {
		a.Scheme, a.Params, a.Problems = "", a.Params[:0], a.Problems[:0]
	}
	return err
}

// parseAuthorization appends the header's parameters to dst, decoded, and
// records in problems the deviations from §3.5.1 it tolerated.
func parseAuthorization(dst []Param, s string, problems *[]HeaderProblem) (string, []Param, error) {
	problem := func(offset int, format string, args ...any) {
		*problems = append(*problems, HeaderProblem{Offset: offset, Message: fmt.Sprintf(format, args...)})
	}
	scheme, sc, err := scanAuthorization(s)
	if err != nil {
		return "", dst, err
	}
	var p headerPair
	for {
		ok, err := sc.next(&p)
		if err != nil {
			return "", dst, err
		}
		if !ok {
			break
		}
		headerPairProblems(&p, problem)
		dst = append(dst, headerParam(s, &p, problem))
	}
	return scheme, dst, nil
}

// headerPairProblems reports to problem how the pair p deviates from the
// syntax of §3.5.1.
func headerPairProblems(p *headerPair, problem func(offset int, format string, args ...any)) {
	if p.noComma {
		problem(p.start, "pairs not separated by a comma")
	}
	if !p.hasValue {
		problem(p.start, "%q has no value", p.name)
	}
	if !p.quoted && p.value != "" {
		problem(p.start, "value of %q is not quoted", p.name)
	}
}

// headerParam decodes a pair of the header s. A name or value that is not
// valid percent-encoding is kept as sent, as servers do, and reported to
// problem unless it is nil.
func headerParam(s string, p *headerPair, problem func(offset int, format string, args ...any)) Param {
	name, err := p.name, error(nil)
	if !p.protocol { // a protocol name is its own decoding
		name, err = Decode(p.name)
	}
	if err != nil {
		if problem != nil {
			problem(p.start, "name %q: %v", p.name, err)
		}
		name = p.name
	}
	val, err := Decode(p.value)
	if err != nil {
		if problem != nil {
			problem(p.start, "value of %q: %v", name, err)
		}
		val = p.value
	}
	return Param{Name: name, Value: val, Source: SourceHeader, Raw: s[p.start:p.end]}
}

// scanAuthorization reads the auth-scheme of an Authorization header value,
// which must be OAuth (case-insensitive), and returns a scanner of the pairs
// that follow it.
func scanAuthorization(s string) (scheme string, sc headerScanner, err error) {
	i := skipSpace(s, 0)
	j := i
	for j < len(s) && !isSpace(s[j]) {
		j++
	}
	scheme = s[i:j]
	if scheme != "OAuth" && !strings.EqualFold(scheme, "OAuth") {
		if scheme == "" {
			return "", sc, &HeaderError{Offset: i, Reason: "empty value, want \"OAuth name=\\\"value\\\", …\""}
		}
		return "", sc, &HeaderError{Offset: i, Reason: fmt.Sprintf("scheme is %q, not OAuth", scheme)}
	}
	return scheme, headerScanner{s: s, pos: j, first: true}, nil
}

// headerScanner walks the name=value pairs of an Authorization header
// value, tolerating what servers tolerate (§3.5.1 written loosely): any
// whitespace between pairs, missing or repeated commas, unquoted values.
type headerScanner struct {
	s     string
	pos   int
	first bool
}

// headerPair is one pair of an Authorization header as sent: name and value
// still percent-encoded, with the deviations from §3.5.1 it shows.
type headerPair struct {
	name, value string
	start, end  int  // the pair is s[start:end]
	hasValue    bool // an "=" follows the name
	quoted      bool // the value is in double quotes
	noComma     bool // no comma separates it from the pair before
	protocol    bool // the name is one of protocolNames
}

// Where the parts of a pair end: a name at "=", "," or the whitespace
// skipSpace skips; an unquoted value at "," or whitespace.
var (
	headerNameEnd     = stopSetOf("=, \t\r\n")
	headerUnquotedEnd = stopSetOf(", \t\r\n")
)

// next reads the next pair into p; ok is false after the last. A quoted
// value that is never closed is an error. The pair is filled in place
// rather than returned: a result this large comes back through memory,
// and the caller's copy of it, loaded right after its fields were stored
// one by one, waits for the stores.
func (h *headerScanner) next(p *headerPair) (ok bool, err error) {
	s, pos := h.s, skipSpace(h.s, h.pos)
	sawComma := false
	for pos < len(s) && s[pos] == ',' {
		sawComma = true
		pos = skipSpace(s, pos+1)
	}
	if pos >= len(s) {
		h.pos = pos
		return false, nil
	}
	*p = headerPair{noComma: !h.first && !sawComma, start: pos}
	h.first = false
	if n := protocolNameLen(s[pos:]); n > 0 {
		pos += n
		p.protocol = true
	} else {
		pos += nameLen(s[pos:])
	}
	p.name = s[p.start:pos]
	pos = skipSpace(s, pos)
	if pos < len(s) && s[pos] == '=' {
		p.hasValue = true
		pos = skipSpace(s, pos+1)
		if pos < len(s) && s[pos] == '"' {
			end := strings.IndexByte(s[pos+1:], '"')
			if end < 0 {
				return false, &HeaderError{Offset: pos, Reason: fmt.Sprintf("value of %q has no closing quote", p.name)}
			}
			p.value = s[pos+1 : pos+1+end]
			pos += end + 2
			p.quoted = true
		} else {
			vs := pos
			for pos < len(s) && !headerUnquotedEnd[s[pos]] {
				pos++
			}
			p.value = s[vs:pos]
		}
	}
	p.end, h.pos = pos, pos
	return true, nil
}

// protocolNameLen returns the length of the name of protocolNames at the
// start of s when one is there and ends where nameLen would end it,
// or 0. Nearly every name of a header is one, and matching it costs less
// than scanning it byte by byte and looking it up.
func protocolNameLen(s string) int {
	var candidates []string
	switch {
	case len(s) > len("oauth_") && s[:len("oauth_")] == "oauth_":
		candidates = protocolNamesAfterPrefix[s[len("oauth_")]]
	case len(s) >= len("realm") && s[:len("realm")] == "realm":
		candidates = []string{"realm"}
	}
	for _, name := range candidates {
		// Where a name must end first: that settles most candidates
		// without comparing their bytes.
		if (len(s) == len(name) || len(s) > len(name) && headerNameEnd[s[len(name)]]) && s[:len(name)] == name {
			return len(name)
		}
	}
	return 0
}

// protocolNames are the parameter names of RFC 5849 (and of the body hash
// extension) that an Authorization header holds. Each is made of
// unreserved bytes: it is its own decoding and its own base string form.
var protocolNames = [...]string{"oauth_signature_method", "oauth_consumer_key", "oauth_signature", "oauth_timestamp",
	"oauth_body_hash", "oauth_callback", "oauth_verifier", "oauth_version", "oauth_token", "oauth_nonce", "realm"}

// protocolNamesAfterPrefix lists the oauth_ names of protocolNames by the
// byte that follows "oauth_". Their order does not matter: a match counts
// only where a name ends, so oauth_signature never matches the start of
// oauth_signature_method.
var protocolNamesAfterPrefix = func() (t [256][]string) {
	for _, name := range protocolNames {
		if strings.HasPrefix(name, "oauth_") {
			c := name[len("oauth_")]
			t[c] = append(t[c], name)
		}
	}
	return t
}()

func isSpace(c byte) bool { return spaceBytes[c] }

// spaceBytes marks the white space of a header: space, tab, CR and LF.
var spaceBytes = stopSetOf(" \t\r\n")

// nameLen returns the length of the name at the start of s: up to "=", a
// comma or white space. It scans its own slice, so that the loop has no
// bounds check.
func nameLen(s string) int {
	i := 0
	for i < len(s) && !headerNameEnd[s[i]] {
		i++
	}
	return i
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}
