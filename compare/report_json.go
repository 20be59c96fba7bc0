package compare

import (
	"strconv"
	"unicode/utf8"
)

// The JSON of the commonest report, written without reflection. A stream of
// HAR entries is mostly valid requests, whose reports have no cause, no
// search, no diff and no steps; encoding/json took longer to write such a
// report than Check took to make it. appendSimpleJSON writes the same bytes
// as marshalReflect for every report simple accepts (TestSimpleJSON and
// FuzzJSONString check it), and MarshalJSON falls back to encoding/json for
// any other.

// simple reports whether the report has none of the parts appendSimpleJSON
// does not write.
func (r *Report) simple() bool {
	return r.Cause == nil && len(r.Explanations) == 0 && r.Diff == nil && r.DiffAgainst == "" &&
		len(r.Hints) == 0 && r.ProviderRule == nil && r.ClientBase == nil && r.ServerBaseString == nil &&
		r.Published == nil && len(r.Steps) == 0 && len(r.Params) == 0 && r.Stats == nil
}

// appendSimpleJSON appends the report's JSON, in the field order and with
// the omissions of its struct tags, to dst.
func (r *Report) appendSimpleJSON(dst []byte) []byte {
	dst = append(dst, `{"schema_version":`...)
	dst = strconv.AppendInt(dst, int64(r.SchemaVersion), 10)
	if r.Entry != nil {
		dst = append(dst, `,"entry":`...)
		dst = strconv.AppendInt(dst, int64(*r.Entry), 10)
	}
	dst = appendJSONField(dst, "origin", r.Origin)
	dst = appendJSONField(dst, "method", r.Method)
	dst = appendJSONField(dst, "url", r.URL)
	dst = append(dst, `,"valid":`...)
	dst = strconv.AppendBool(dst, r.Valid)
	if r.Unchecked != "" {
		dst = appendJSONField(dst, "unchecked", r.Unchecked)
	}
	dst = appendJSONField(dst, "signature_method", r.SignatureMethod)
	dst = appendJSONField(dst, "base_string", r.BaseString)
	rd := &r.Reading
	dst = append(dst, `,"reading":{"scheme":`...)
	dst = appendJSONString(dst, rd.Scheme)
	dst = appendJSONField(dst, "scheme_source", rd.SchemeSource)
	dst = appendJSONField(dst, "consumer_key", rd.ConsumerKey)
	dst = appendJSONField(dst, "consumer_secret_source", rd.ConsumerSecretSource)
	if rd.Token != "" {
		dst = appendJSONField(dst, "token", rd.Token)
	}
	dst = appendJSONField(dst, "token_secret_source", rd.TokenSecretSource)
	if rd.PublicKeySource != "" {
		dst = appendJSONField(dst, "public_key_source", rd.PublicKeySource)
	}
	dst = append(dst, `,"tried":`...)
	dst = strconv.AppendInt(dst, int64(rd.Tried), 10)
	dst = append(dst, `},"signature":{"supplied":`...)
	dst = appendJSONString(dst, r.Signature.Supplied)
	dst = appendJSONField(dst, "expected", r.Signature.Expected)
	dst = append(dst, `},"cause":null,"explanations":[]`...)
	if r.Unexplained != "" {
		dst = appendJSONField(dst, "unexplained", r.Unexplained)
	}
	dst = append(dst, `,"findings":[`...)
	for i, f := range r.Findings {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"id":`...)
		dst = appendJSONString(dst, f.ID)
		dst = appendJSONField(dst, "severity", string(f.Severity))
		dst = appendJSONField(dst, "message", f.Message)
		dst = appendJSONField(dst, "section", f.Section)
		if f.Param != "" {
			dst = appendJSONField(dst, "param", f.Param)
		}
		dst = append(dst, '}')
	}
	return append(dst, `],"steps":[],"params":[]}`...)
}

// appendJSONField appends ,"name":value with value a JSON string.
func appendJSONField(dst []byte, name, value string) []byte {
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, '"', ':')
	return appendJSONString(dst, value)
}

// appendJSONString appends s as a JSON string exactly as encoding/json
// writes it: HTML-safe (<, > and & as \u003c, \u003e, \u0026), invalid
// UTF-8 as \ufffd, U+2028 and U+2029 escaped, \b \f \n \r \t short.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if jsonSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// jsonSafe marks the ASCII bytes encoding/json writes as they are, with
// HTML escaping on.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = true
	}
	for _, b := range `"\<>&` {
		t[b] = false
	}
	return t
}()
