package inspect

import (
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// checkMethod checks oauth_signature_method (RFC 5849 §3.1, §3.4) and returns
// the name of the method the client meant, or "" when it is unknown or absent.
func (l *linter) checkMethod() {
	l.method = l.readMethod()
}

// readMethod reads oauth_signature_method and reports its problems.
func (l *linter) readMethod() string {
	const param = "oauth_signature_method"
	v, ok := l.value(param)
	if !ok || v == "" {
		return ""
	}
	if m, err := basestring.MethodByName(v); err == nil {
		return m.Name()
	}
	var names []string
	for _, m := range basestring.Methods() {
		names = append(names, m.Name())
	}
	for _, name := range names {
		if strings.EqualFold(name, v) {
			l.add("signature-method-case", param, "", "oauth_signature_method %s has the wrong case: method names are case-sensitive, send %q", lintQuote(v), name)
			return name
		}
	}
	squash := func(s string) string {
		var b strings.Builder
		for _, c := range strings.ToUpper(s) {
			if 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	for _, name := range names {
		if strings.TrimSpace(v) == name {
			l.add("unknown-signature-method", param, "", "unknown oauth_signature_method %s: remove the white space around %q", lintQuote(v), name)
			return name
		}
		if squash(v) == squash(name) {
			l.add("unknown-signature-method", param, "", "unknown oauth_signature_method %s: did you mean %q?", lintQuote(v), name)
			return name
		}
	}
	l.add("unknown-signature-method", param, "", "unknown oauth_signature_method %s; the known methods are %s", lintQuote(v), strings.Join(names, ", "))
	return ""
}

// hmacDigestSize is the digest size of each HMAC method, for the length check.
func hmacDigestSize(method string) int {
	switch method {
	case "HMAC-SHA1":
		return 20
	case "HMAC-SHA256":
		return 32
	case "HMAC-SHA512":
		return 64
	}
	return 0
}

// checkSignature checks the form of oauth_signature: base64 of the right
// length for HMAC and RSA (RFC 5849 §3.4.2, §3.4.3), the two secrets joined
// by "&" for PLAINTEXT (§3.4.4), whose value is never shown.
func (l *linter) checkSignature() {
	method := l.method
	const param = "oauth_signature"
	sig, ok := l.value(param)
	if !ok || sig == "" || method == "" {
		return
	}
	if method == "PLAINTEXT" {
		if !strings.Contains(sig, "&") {
			l.add("plaintext-signature-format", param, "", "the PLAINTEXT oauth_signature (%d characters) has no \"&\": it must be the encoded consumer secret, \"&\", then the encoded token secret, the \"&\" kept when one is empty", utf8.RuneCountInString(sig))
		}
		return
	}
	section := "3.4.2"
	if strings.HasPrefix(method, "RSA-") {
		section = "3.4.3"
	}
	raw, err := base64.StdEncoding.DecodeString(sig)
	if err != nil {
		hint := ""
		if i := strings.IndexByte(sig, ' '); i >= 0 {
			hint = fmt.Sprintf(": the space at byte %d is probably a \"+\" sent unencoded and decoded as a space; encode \"+\" as %%2B", i)
		} else if dec, derr := basestring.Decode(sig); derr == nil && dec != sig && isStdBase64(dec) {
			hint = fmt.Sprintf(": it is still percent-encoded (%s once decoded), so it was encoded twice", lintQuote(dec))
		} else if strings.ContainsAny(sig, "-_") && isURLBase64(sig) {
			hint = ": it uses the URL-safe alphabet (\"-\" and \"_\"); use standard base64 (\"+\" and \"/\")"
		} else if _, rerr := base64.RawStdEncoding.DecodeString(sig); rerr == nil {
			hint = ": the \"=\" padding is missing"
		} else if isHexDigest(sig) {
			hint = ": it looks like hex; the digest must be base64-encoded"
		}
		l.add("signature-not-base64", param, section, "oauth_signature %s is not valid base64%s", lintQuote(sig), hint)
		return
	}
	if want := hmacDigestSize(method); want != 0 && len(raw) != want {
		hint := ""
		if isHexDigest(sig) && len(sig) == 2*want {
			hint = " (it looks like a hex digest; the digest must be base64-encoded)"
		}
		for _, m := range [...]string{"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512"} {
			if hint == "" && hmacDigestSize(m) == len(raw) {
				hint = fmt.Sprintf(" (the size of %s: is the method right?)", m)
			}
		}
		l.add("signature-length", param, section, "oauth_signature decodes to %d bytes but %s gives %d%s", len(raw), method, want, hint)
	}
}

func isStdBase64(s string) bool {
	_, err := base64.StdEncoding.DecodeString(s)
	return err == nil
}

func isURLBase64(s string) bool {
	if _, err := base64.URLEncoding.DecodeString(s); err == nil {
		return true
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

func isHexDigest(s string) bool {
	if len(s) < 32 || len(s)%2 != 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// checkPlaintextTransport reports PLAINTEXT over http (RFC 5849 §3.4.4
// requires TLS: the signature is the secrets).
func (l *linter) checkPlaintextTransport() {
	method := l.method
	if method == "PLAINTEXT" && l.isPlainHTTP() {
		l.add("plaintext-over-http", "oauth_signature", "", "signature method PLAINTEXT sent over plain http to %s: the signature is the client and token secrets themselves, readable on the way; use https and revoke them", lintQuote(l.displayURL()))
	}
}

// checkBodyHash checks oauth_body_hash (OAuth Request Body Hash extension):
// never with a form body, else the base64 hash of the body.
func (l *linter) checkBodyHash() {
	method := l.method
	const param = "oauth_body_hash"
	bh, ok := l.value(param)
	if !ok {
		return
	}
	if basestring.IsFormContentType(l.r.ContentType) {
		l.add("body-hash-with-form-body", param, "", "oauth_body_hash is sent with a form body; the body hash extension forbids it, form parameters are signed as they are")
		return
	}
	want := basestring.BodyHash(l.r.Body, method)
	if bh == want {
		return
	}
	alg := map[string]string{"HMAC-SHA256": "SHA-256", "RSA-SHA256": "SHA-256", "HMAC-SHA512": "SHA-512"}[method]
	if alg == "" {
		alg = "SHA-1"
	}
	hint := ""
	switch {
	case len(l.r.Body) > 0 && bh == basestring.BodyHash(nil, method):
		hint = "; the value sent is the hash of an empty body"
	default:
		for _, m := range [...]string{"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512"} {
			if bh == basestring.BodyHash(l.r.Body, m) {
				hint = fmt.Sprintf("; the value sent is its %s hash", map[string]string{"HMAC-SHA1": "SHA-1", "HMAC-SHA256": "SHA-256", "HMAC-SHA512": "SHA-512"}[m])
			}
		}
	}
	l.add("body-hash-mismatch", param, "", "oauth_body_hash %s does not match the body (%d bytes), whose base64 %s hash is %q (body hash extension)%s", lintQuote(bh), len(l.r.Body), alg, want, hint)
}
