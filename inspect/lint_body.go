package inspect

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// The rules about the encoding of the path, query and body, the body and its
// Content-Type (RFC 5849 §3.4.1.3.1, §3.6) and the body hash extension.

// lintPercentEncoding reports a malformed percent-escape ("%" not followed
// by two hex digits, RFC 3986 §2.1) in the path, the query or a form body,
// quoting the escape and giving its byte offset in that part (RFC 5849
// §3.6). In the query or body the parameters after it cannot be read; in
// the path a server either refuses the request or reads another path than
// the one the client signed.
func lintPercentEncoding(p *pass) {
	if i := badEscape(p.c.path); i >= 0 {
		p.report("", "path: malformed percent-encoding %q at byte %d; a server refuses the request or reads another path than the client signed: encode %q as %%25",
			p.c.path[i:min(i+3, len(p.c.path))], i, "%")
	}
	for _, pe := range p.c.errs {
		if pe.part == "authorization header" {
			continue
		}
		p.report("", "%s: %v; the parameters after it cannot be read", pe.part, pe.err)
	}
}

// badEscape returns the byte offset of the first "%" in s that two hex
// digits do not follow, or -1.
func badEscape(s string) int {
	for i := 0; ; i += 3 {
		// Most paths have no escape: IndexByte skips to the next one.
		k := strings.IndexByte(s[i:], '%')
		if k < 0 {
			return -1
		}
		i += k
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return i
		}
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// bodyLooksLikeForm reports whether a body reads as
// application/x-www-form-urlencoded text: name=value pairs joined by "&",
// made only of the characters such text holds, every pair named.
func bodyLooksLikeForm(body []byte) bool {
	if len(body) == 0 || !strings.Contains(string(body), "=") {
		return false
	}
	for _, c := range body {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~%&=+*!$'(),;:/?@[]", c) >= 0:
		default:
			return false
		}
	}
	for pair := range strings.SplitSeq(string(body), "&") {
		if pair != "" && (pair[0] == '=' || !strings.Contains(pair, "=")) {
			return false
		}
	}
	return true
}

// guessedBodyParams returns the parameters of a body that is not sent as a
// form but reads as one, or nil.
func (p *pass) guessedBodyParams() []basestring.Param {
	r := p.r
	if p.c.formBody || !bodyLooksLikeForm(r.Body) {
		return nil
	}
	ps, err := basestring.ParseForm(string(r.Body), basestring.SourceBody)
	if err != nil {
		return nil
	}
	return ps
}

// lintFormBodyContentType reports a body that reads as form parameters but
// is not sent with the form Content-Type, so that it is not signed
// (RFC 5849 §3.4.1.3.1).
func lintFormBodyContentType(p *pass) {
	if p.guessed == nil {
		return
	}
	var names []string
	named := make(map[string]bool)
	hasOAuth := false
	for _, q := range p.guessed {
		if !named[q.Name] {
			named[q.Name] = true
			names = append(names, q.Name)
		}
		hasOAuth = hasOAuth || strings.HasPrefix(q.Name, "oauth_")
	}
	ct := "there is no Content-Type"
	if strings.TrimSpace(p.r.ContentType) != "" {
		ct = "Content-Type is " + lintQuote(p.r.ContentType)
	}
	also := ""
	if hasOAuth {
		also = ", and its oauth_ parameters are not read"
	}
	p.report("", "the body looks like form parameters (%s) but %s: it is not signed%s; send Content-Type: application/x-www-form-urlencoded", lintQuoteList(names, 4), ct, also)
}

// lintBodyNotForm reports a JSON or XML body sent with the form
// Content-Type: a server signs its text as form parameters (RFC 5849
// §3.4.1.3.1).
func lintBodyNotForm(p *pass) {
	r := p.r
	if !p.c.formBody {
		return
	}
	t := bytes.TrimLeft(r.Body, " \t\r\n")
	kind := ""
	switch {
	case len(t) == 0:
	case t[0] == '{', t[0] == '[':
		kind = "JSON"
	case t[0] == '<':
		kind = "XML"
	}
	switch {
	case kind != "" && p.opts.Verified:
		p.report("", "the Content-Type is %s but the body looks like %s (it starts with %q): the signature verifies with its text read as form parameters, as a server reads it, but a server that parses the body as %s gets other values than were signed", lintQuote(r.ContentType), kind, string(t[:1]), kind)
	case kind != "":
		p.report("", "the Content-Type is %s but the body looks like %s (it starts with %q): a server signs its text as form parameters, which the client probably did not", lintQuote(r.ContentType), kind, string(t[:1]))
	}
}

// lintBodyHashWithForm reports oauth_body_hash sent with a form body, which
// the body hash extension forbids.
func lintBodyHashWithForm(p *pass) {
	if _, ok := p.protocol(nameBodyHash); ok && basestring.IsFormContentType(p.r.ContentType) {
		p.report("oauth_body_hash", "oauth_body_hash is sent with a form body; the body hash extension forbids it, form parameters are signed as they are")
	}
}

// hashNames names the body hash algorithm of each signature method.
var hashNames = map[string]string{"HMAC-SHA1": "SHA-1", "HMAC-SHA256": "SHA-256", "RSA-SHA256": "SHA-256", "HMAC-SHA512": "SHA-512"}

// lintBodyHashMismatch checks that oauth_body_hash is the base64 hash of the
// body with the algorithm of the signature method (body hash extension).
func lintBodyHashMismatch(p *pass) {
	const param = "oauth_body_hash"
	bh, ok := p.protocol(nameBodyHash)
	if !ok || basestring.IsFormContentType(p.r.ContentType) {
		return
	}
	method := p.method.name
	want := basestring.BodyHash(p.r.Body, method)
	if bh == want {
		return
	}
	alg := hashNames[method]
	if alg == "" {
		alg = "SHA-1"
	}
	hint := ""
	switch {
	case len(p.r.Body) > 0 && bh == basestring.BodyHash(nil, method):
		hint = "; the value sent is the hash of an empty body"
	default:
		for _, m := range [...]string{"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512"} {
			if bh == basestring.BodyHash(p.r.Body, m) {
				hint = fmt.Sprintf("; the value sent is its %s hash", hashNames[m])
			}
		}
	}
	p.report(param, "oauth_body_hash %s does not match the body (%d bytes), whose base64 %s hash is %q (body hash extension)%s", lintQuote(bh), len(p.r.Body), alg, want, hint)
}
