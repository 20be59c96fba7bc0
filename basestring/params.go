package basestring

import (
	"bytes"
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
	return AppendForm(nil, s, src)
}

// AppendForm is [ParseForm] appending to dst, so that a caller reading many
// requests reuses one slice. On a malformed escape it returns dst with the
// pairs before it.
func AppendForm(dst []Param, s string, src Source) ([]Param, error) {
	sc := formScanner[string]{s: s}
	for {
		p, ok := sc.next()
		if !ok {
			return dst, nil
		}
		prm, err := formParam(s, p, src, true)
		if err != nil {
			return dst, err
		}
		dst = append(dst, prm)
	}
}

// formPair locates one name=value pair of form-encoded text s: the pair is
// s[start:end], its name s[start:nameEnd], its value
// s[valueStart:valueEnd] (empty when there is no "=").
type formPair struct{ start, nameEnd, valueStart, valueEnd, end int }

// formScanner walks the pairs of form-encoded text (a query or a body) as
// §3.4.1.3.1 splits it: at "&", empty pairs skipped, the name ending at the
// first "=". With cut, a value ends at its own first "=" (a client mistake).
type formScanner[T text] struct {
	s   T
	pos int
	cut bool
}

// next returns the next pair; ok is false after the last.
func (f *formScanner[T]) next() (p formPair, ok bool) {
	s := f.s
	for f.pos < len(s) && s[f.pos] == '&' {
		f.pos++
	}
	if f.pos >= len(s) {
		return p, false
	}
	p.start = f.pos
	p.end = indexByte(s, p.start, len(s), '&')
	p.nameEnd = indexByte(s, p.start, p.end, '=')
	p.valueStart, p.valueEnd = p.end, p.end
	if p.nameEnd < p.end {
		p.valueStart = p.nameEnd + 1
		if f.cut {
			p.valueEnd = indexByte(s, p.valueStart, p.end, '=')
		}
	}
	f.pos = p.end
	return p, true
}

// indexByte returns the index of the first c in s[from:to], or to.
func indexByte[T text](s T, from, to int, c byte) int {
	var i int
	switch s := any(s[from:to]).(type) {
	case string:
		i = strings.IndexByte(s, c)
	case []byte:
		i = bytes.IndexByte(s, c)
	}
	if i < 0 {
		return to
	}
	return from + i
}

// formParam decodes the pair p of s; form reads "+" as a space. A malformed
// escape is reported with its offset in s.
func formParam[T text](s T, p formPair, src Source, form bool) (Param, error) {
	name, err := decode(string(s[p.start:p.nameEnd]), form)
	if err != nil {
		return Param{}, offsetError(err, p.start)
	}
	value, err := decode(string(s[p.valueStart:p.valueEnd]), form)
	if err != nil {
		return Param{}, offsetError(err, p.valueStart)
	}
	return Param{Name: name, Value: value, Source: src, Raw: string(s[p.start:p.end])}, nil
}

// offsetError shifts a *decodeError found in a part of a larger text so that
// its offset counts from the start of that text.
func offsetError(err error, base int) error {
	var de *decodeError
	if errors.As(err, &de) {
		return &FormError{Offset: base + de.Offset, escape: de}
	}
	return err
}

// A FormError is a malformed escape in form-encoded text, with the byte offset
// of the escape in the whole text.
type FormError struct {
	// Offset is the byte offset of the escape in the whole text.
	Offset int
	escape *decodeError // the escape, with its offset in the part decoded
}

// Error reports the malformed escape and its offset in the whole text.
func (e *FormError) Error() string {
	bad := e.escape.Input[e.escape.Offset:min(e.escape.Offset+3, len(e.escape.Input))]
	return fmt.Sprintf("malformed percent-encoding %q at byte %d", bad, e.Offset)
}

// Unwrap returns the error of the escape itself.
func (e *FormError) Unwrap() error { return e.escape }

// IsFormContentType reports whether a Content-Type value names
// application/x-www-form-urlencoded, with or without parameters such as
// "; charset=UTF-8" (RFC 5849 §3.4.1.3.1 includes such a body).
func IsFormContentType(ct string) bool {
	// Most clients send it in lower case, alone or before its parameters:
	// one comparison settles it.
	if strings.HasPrefix(ct, formContentType) && (len(ct) == len(formContentType) || ct[len(formContentType)] == ';') {
		return true
	}
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.EqualFold(strings.TrimSpace(ct), formContentType)
}

const formContentType = "application/x-www-form-urlencoded"
