package inspect

import (
	"bytes"
	"encoding/base64"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// build turns the entry read into a Request.
func (h *harReader) build(index, line int) *Request {
	e := &h.e
	req := &Request{
		Method: string(e.method),
		URL:    string(e.url),
		Origin: Origin{Name: h.name, Line: line, Entry: index},
		Format: FormatHAR,
	}
	if !utf8.Valid(e.method) || !utf8.Valid(e.url) {
		e.note("request.method or request.url is not valid UTF-8: the bytes were kept as they are")
	}
	req.Scheme = harURLScheme(req.URL)
	req.SchemeKnown = req.Scheme != ""
	var escaped bool
	req.Target, escaped = harRequestTarget(req.URL, req.Scheme)
	if escaped {
		e.note("request.url has bytes a client escapes when sending (spaces, quotes, control or non-ASCII bytes): Target has them percent-encoded")
	}

	if n := len(e.hdrSpans) / 4; n > 0 {
		if !utf8.Valid(e.hdr) {
			e.note("request.headers are not valid UTF-8: the bytes were kept as they are")
		}
		all := string(e.hdr)
		req.Headers = make([]Header, n)
		for i := range req.Headers {
			sp := e.hdrSpans[4*i : 4*i+4]
			req.Headers[i] = Header{Name: all[sp[0]:sp[1]], Value: all[sp[2]:sp[3]]}
		}
	}
	contentType, hasContentType := "", false
	for _, hd := range req.Headers {
		switch {
		case req.Host == "" && (strings.EqualFold(hd.Name, "Host") || hd.Name == ":authority"):
			req.Host = hd.Value
		case !hasContentType && strings.EqualFold(hd.Name, "Content-Type"):
			contentType, hasContentType = hd.Value, true
		case req.Forwarding.Proto == "" && strings.EqualFold(hd.Name, "X-Forwarded-Proto"):
			req.Forwarding.Proto = hd.Value
		case req.Forwarding.Host == "" && strings.EqualFold(hd.Name, "X-Forwarded-Host"):
			req.Forwarding.Host = hd.Value
		case req.Forwarding.Port == "" && strings.EqualFold(hd.Name, "X-Forwarded-Port"):
			req.Forwarding.Port = hd.Value
		case strings.EqualFold(hd.Name, "Forwarded"):
			req.Forwarding.Forwarded = append(req.Forwarding.Forwarded, hd.Value)
		}
	}
	req.ContentType = contentType
	if !hasContentType && e.hasPost {
		req.ContentType = string(e.postMime)
	}

	if e.hasPost {
		switch {
		case e.hasText:
			if len(e.body) > 0 {
				req.Body = bytes.Clone(e.body)
			}
		case e.hasParams && harIsFormMIME(e.postMime):
			req.Body = e.rebuildForm()
			e.note("request.postData has params but no text: the body was rebuilt from them as application/x-www-form-urlencoded, names and values percent-encoded per RFC 3986; the bytes the client sent may have differed")
		case e.hasParams:
			e.note("request.postData has params but no text: a %q body cannot be rebuilt from them, so Body is empty", e.postMime)
		}
	}

	if e.hasStarted {
		t, err := time.Parse(time.RFC3339Nano, string(e.started))
		if err != nil {
			t, err = time.Parse("2006-01-02T15:04:05.999999999Z0700", string(e.started))
		}
		if err == nil {
			req.Started = t
		} else {
			e.note("startedDateTime %q is not an RFC 3339 time: Started is left empty", e.started)
		}
	}

	if e.hasResponse {
		req.Response = &Response{
			Status:      e.status,
			StatusText:  string(e.statusText),
			ContentType: string(e.respMime),
			Body:        e.responseBody(),
			RedirectURL: string(e.redirect),
		}
	}
	req.Notes = e.notes
	req.Cut = e.cut
	e.notes, e.cut = nil, nil
	return req
}

// responseBody decodes the kept response text and cuts it to harMaxResponseText.
func (e *harEntry) responseBody() string {
	text, long := e.respText, e.respLong
	if strings.EqualFold(string(e.respEnc), "base64") && len(text) > 0 {
		raw := text
		if long {
			raw = raw[:len(raw)/4*4]
		}
		dec := make([]byte, base64.StdEncoding.DecodedLen(len(raw)))
		n, err := base64.StdEncoding.Decode(dec, raw)
		if err == nil {
			text = dec[:n]
		} else {
			e.note("response.content.text is marked base64 but does not decode (%v): it was kept as it is", err)
		}
	}
	if len(text) > harMaxResponseText {
		text, long = text[:harMaxResponseText], true
	}
	if long {
		text = harTrimPartialRune(text)
		e.note("response.content.text is longer than %s: only the first %s were kept", harSize(harMaxResponseText), harSize(harMaxResponseText))
	}
	return string(text)
}

// harTrimPartialRune drops a UTF-8 sequence cut short at the end of b, so that
// cutting a valid text keeps it valid.
func harTrimPartialRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < utf8.RuneSelf {
			return b // ASCII: nothing cut
		}
		if utf8.RuneStart(c) {
			if r, _ := utf8.DecodeRune(b[len(b)-i:]); r == utf8.RuneError && !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}

// harIsFormMIME reports whether a postData.mimeType allows rebuilding the body
// as a form: empty, or application/x-www-form-urlencoded with any parameters.
func harIsFormMIME(m []byte) bool {
	t, _, _ := bytes.Cut(m, []byte(";"))
	t = bytes.TrimSpace(t)
	return len(t) == 0 || bytes.EqualFold(t, []byte("application/x-www-form-urlencoded"))
}

// rebuildForm joins postData.params into an application/x-www-form-urlencoded
// body, percent-encoding names and values per RFC 3986 §2.1 (everything but
// unreserved characters, §2.3).
func (e *harEntry) rebuildForm() []byte {
	size := 0
	for i := 0; i < len(e.paramSpans); i += 4 {
		size += int(e.paramSpans[i+1]-e.paramSpans[i]) + int(e.paramSpans[i+3]-e.paramSpans[i+2]) + 2
	}
	out := make([]byte, 0, min(size+size/4, harMaxBody))
	for i := 0; i < len(e.paramSpans); i += 4 {
		sp := e.paramSpans[i : i+4]
		before := len(out)
		if i > 0 {
			out = append(out, '&')
		}
		out = basestring.AppendEncodeBytes(out, e.params[sp[0]:sp[1]])
		out = append(out, '=')
		out = basestring.AppendEncodeBytes(out, e.params[sp[2]:sp[3]])
		if len(out) > harMaxBody {
			out = out[:before]
			e.note("the body rebuilt from request.postData.params is longer than %s: params from index %d on were dropped", harSize(harMaxBody), i/4)
			e.recordCut("request.postData.params", harMaxBody, int64(size))
			break
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// harURLScheme returns the lower-cased scheme of u (RFC 3986 §3.1), or "" when u
// does not start with one.
func harURLScheme(u string) string {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return ""
			}
		case c == ':' && i > 0:
			return strings.ToLower(u[:i])
		default:
			return ""
		}
	}
	return ""
}

// harRequestTarget returns the path and query of an absolute URL with an
// authority (scheme://host/path?query) as an origin-form request target
// (RFC 9112 §3.2.1): "/" when the path is empty, the fragment dropped. Bytes a
// client escapes when sending (controls, space, '"', '<', '>', non-ASCII) are
// percent-encoded and escaped reports that. URLs without an authority give "".
func harRequestTarget(u, scheme string) (target string, escaped bool) {
	if scheme == "" {
		return "", false
	}
	rest, ok := strings.CutPrefix(u[len(scheme)+1:], "//")
	if !ok {
		return "", false
	}
	i := strings.IndexAny(rest, "/?#")
	if i < 0 {
		return "/", false
	}
	rest = rest[i:]
	if j := strings.IndexByte(rest, '#'); j >= 0 {
		rest = rest[:j]
	}
	if rest == "" || rest[0] == '?' {
		rest = "/" + rest
	}
	n := 0
	for i := 0; i < len(rest); i++ {
		if harEscapeInTarget(rest[i]) {
			n++
		}
	}
	if n == 0 {
		return rest, false
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(rest)+2*n)
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if harEscapeInTarget(c) {
			b = append(b, '%', hex[c>>4], hex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return string(b), true
}

func harEscapeInTarget(c byte) bool {
	return c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>'
}
