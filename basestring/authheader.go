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
	var err error
	a.Scheme, a.Params, err = parseAuthorization(nil, value, &a.Problems, true)
	if err != nil {
		return nil, err
	}
	return a, nil
}

// parseAuthorization appends the header's parameters to dst. Problems are
// recorded only when problems is not nil, so that the verification path
// does not format messages it will not show. With decodeValues false, names
// and values are left as sent (still percent-encoded).
func parseAuthorization(dst []Param, s string, problems *[]HeaderProblem, decodeValues bool) (string, []Param, error) {
	problem := func(offset int, format string, args ...any) {
		if problems != nil {
			*problems = append(*problems, HeaderProblem{Offset: offset, Message: fmt.Sprintf(format, args...)})
		}
	}
	i := skipSpace(s, 0)
	j := i
	for j < len(s) && !isSpace(s[j]) {
		j++
	}
	scheme := s[i:j]
	if !strings.EqualFold(scheme, "OAuth") {
		if scheme == "" {
			return "", dst, &HeaderError{Offset: i, Reason: "empty value, want \"OAuth name=\\\"value\\\", …\""}
		}
		return "", dst, &HeaderError{Offset: i, Reason: fmt.Sprintf("scheme is %q, not OAuth", scheme)}
	}
	pos := j
	first := true
	for {
		pos = skipSpace(s, pos)
		sawComma := false
		for pos < len(s) && s[pos] == ',' {
			sawComma = true
			pos = skipSpace(s, pos+1)
		}
		if pos >= len(s) {
			break
		}
		if !first && !sawComma {
			problem(pos, "pairs not separated by a comma")
		}
		first = false
		start := pos
		for pos < len(s) && s[pos] != '=' && s[pos] != ',' && !isSpace(s[pos]) {
			pos++
		}
		rawName := s[start:pos]
		pos = skipSpace(s, pos)
		var rawValue string
		quoted := false
		if pos < len(s) && s[pos] == '=' {
			pos = skipSpace(s, pos+1)
			if pos < len(s) && s[pos] == '"' {
				end := strings.IndexByte(s[pos+1:], '"')
				if end < 0 {
					return "", dst, &HeaderError{Offset: pos, Reason: fmt.Sprintf("value of %q has no closing quote", rawName)}
				}
				rawValue = s[pos+1 : pos+1+end]
				pos += end + 2
				quoted = true
			} else {
				vs := pos
				for pos < len(s) && s[pos] != ',' && !isSpace(s[pos]) {
					pos++
				}
				rawValue = s[vs:pos]
			}
		} else {
			problem(start, "%q has no value", rawName)
		}
		if !quoted && rawValue != "" {
			problem(start, "value of %q is not quoted", rawName)
		}
		if !decodeValues {
			dst = append(dst, Param{Name: rawName, Value: rawValue, Source: SourceHeader})
			continue
		}
		name, err := Decode(rawName)
		if err != nil {
			problem(start, "name %q: %v", rawName, err)
			name = rawName
		}
		val, err := Decode(rawValue)
		if err != nil {
			problem(start, "value of %q: %v", name, err)
			val = rawValue
		}
		dst = append(dst, Param{Name: name, Value: val, Source: SourceHeader, Raw: s[start:pos]})
	}
	return scheme, dst, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}
