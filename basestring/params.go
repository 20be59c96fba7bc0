package basestring

import (
	"errors"
	"fmt"
	"strings"
)

// Source says where a parameter was found in the request (RFC 5849 §3.4.1.3.1).
type Source string

// The parameter sources of RFC 5849 §3.4.1.3.1.
const (
	SourceQuery  Source = "query"  // the query component of the request URI
	SourceHeader Source = "header" // the Authorization: OAuth header
	SourceBody   Source = "body"   // an application/x-www-form-urlencoded entity body
)

// Param is one request parameter, decoded, with where it came from.
type Param struct {
	// Name and Value are decoded.
	Name  string
	Value string
	// Source is where the parameter was found.
	Source Source
	// Raw is the pair as it was sent, before decoding (name=value, or
	// name="value" in the Authorization header).
	Raw string
}

// ParseForm splits application/x-www-form-urlencoded text (a query component
// or a form body) into parameters, as RFC 5849 §3.4.1.3.1 requires: pairs
// separated by "&", empty pairs skipped, a name without "=" given an empty
// value, "+" decoded as a space, percent-escapes decoded. A malformed escape
// is reported with its byte offset in s.
func ParseForm(s string, src Source) ([]Param, error) {
	return parseForm(nil, s, src, formRules{})
}

// formRules are the deviations from the RFC's form parsing that a client may
// make: they select how the query and body are split.
type formRules struct {
	plusLiteral bool // "+" signed as a literal plus (%2B) instead of a space
	cutAtEquals bool // a value holding "=" cut at that "="
}

func parseForm(dst []Param, s string, src Source, rules formRules) ([]Param, error) {
	start := 0
	for start <= len(s) {
		end := strings.IndexByte(s[start:], '&')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		pair := s[start:end]
		if pair != "" {
			rawName, rawValue, _ := strings.Cut(pair, "=")
			if rules.cutAtEquals {
				rawValue, _, _ = strings.Cut(rawValue, "=")
			}
			name, err := decode(rawName, !rules.plusLiteral)
			if err != nil {
				return dst, offsetError(err, start)
			}
			value, err := decode(rawValue, !rules.plusLiteral)
			if err != nil {
				return dst, offsetError(err, start+len(rawName)+1)
			}
			dst = append(dst, Param{Name: name, Value: value, Source: src, Raw: pair})
		}
		start = end + 1
	}
	return dst, nil
}

// offsetError shifts a *DecodeError found in a part of a larger text so that
// its offset counts from the start of that text.
func offsetError(err error, base int) error {
	var de *DecodeError
	if errors.As(err, &de) {
		return &FormError{Offset: base + de.Offset, Err: de}
	}
	return err
}

// A FormError is a malformed escape in form-encoded text, with the byte offset
// of the escape in the whole text.
type FormError struct {
	Offset int
	Err    *DecodeError
}

// Error reports the malformed escape and its offset in the whole text.
func (e *FormError) Error() string {
	bad := e.Err.Input[e.Err.Offset:min(e.Err.Offset+3, len(e.Err.Input))]
	return fmt.Sprintf("malformed percent-encoding %q at byte %d", bad, e.Offset)
}

// Unwrap returns the underlying *DecodeError.
func (e *FormError) Unwrap() error { return e.Err }

// IsFormContentType reports whether a Content-Type value names
// application/x-www-form-urlencoded, with or without parameters such as
// "; charset=UTF-8" (RFC 5849 §3.4.1.3.1 includes such a body).
func IsFormContentType(ct string) bool {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	ct = strings.TrimSpace(ct)
	// Most clients send it in lower case: one comparison settles it.
	return ct == formContentType || strings.EqualFold(ct, formContentType)
}

const formContentType = "application/x-www-form-urlencoded"
