package inspect

import (
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// The rules about oauth_signature_method and oauth_signature (RFC 5849
// §3.4).

// methodMatch says how an oauth_signature_method value names a method.
type methodMatch int

const (
	methodAbsent  methodMatch = iota // not sent, or empty
	methodExact                      // a known method, as written
	methodCase                       // a known method in the wrong case
	methodSpace                      // a known method with white space around it
	methodSquash                     // a known method with other separators ("HMAC_SHA1")
	methodUnknown                    // no known method
)

// methodReading is how the client's oauth_signature_method reads.
type methodReading struct {
	value string      // as sent
	match methodMatch // how it names a method
	name  string      // the method the client meant, or "" when unknown
}

// readMethod reads an oauth_signature_method value: the method it names
// exactly, or the one the client meant when it is misspelt.
func readMethod(v string) methodReading {
	if v == "" {
		return methodReading{}
	}
	if _, err := basestring.MethodByName(v); err == nil {
		return methodReading{v, methodExact, v}
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
	methods := basestring.Methods()
	for _, m := range methods {
		if strings.EqualFold(m.Name(), v) {
			return methodReading{v, methodCase, m.Name()}
		}
	}
	for _, m := range methods {
		if strings.TrimSpace(v) == m.Name() {
			return methodReading{v, methodSpace, m.Name()}
		}
		if squash(v) == squash(m.Name()) {
			return methodReading{v, methodSquash, m.Name()}
		}
	}
	return methodReading{v, methodUnknown, ""}
}

// lintMethodCase reports a method name in the wrong case: names are
// case-sensitive (RFC 5849 §3.1).
func lintMethodCase(p *pass) {
	if m := p.method; m.match == methodCase {
		p.report("oauth_signature_method", "oauth_signature_method %s has the wrong case: method names are case-sensitive, send %q", lintQuote(m.value), m.name)
	}
}

// lintUnknownMethod reports an oauth_signature_method that names no method
// of RFC 5849 §3.4 (or its common extensions), with the one meant when it
// can tell.
func lintUnknownMethod(p *pass) {
	const param = "oauth_signature_method"
	m := p.method
	switch m.match {
	case methodSpace:
		p.report(param, "unknown oauth_signature_method %s: remove the white space around %q", lintQuote(m.value), m.name)
	case methodSquash:
		p.report(param, "unknown oauth_signature_method %s: did you mean %q?", lintQuote(m.value), m.name)
	case methodUnknown:
		var names []string
		for _, k := range basestring.Methods() {
			names = append(names, k.Name())
		}
		p.report(param, "unknown oauth_signature_method %s; the known methods are %s", lintQuote(m.value), strings.Join(names, ", "))
	}
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

// signatureSection is the section of RFC 5849 that defines the signature of
// a base64 method: §3.4.3 for RSA, §3.4.2 for HMAC.
func signatureSection(method string) string {
	if strings.HasPrefix(method, "RSA-") {
		return "3.4.3"
	}
	return "3.4.2"
}

// base64Signature returns oauth_signature and the method it was made with, when
// both are known and the method is not PLAINTEXT (whose signature is not
// base64).
func (p *pass) base64Signature() (sig, method string, ok bool) {
	sig, ok = p.protocol(nameSignature)
	method = p.method.name
	return sig, method, ok && sig != "" && method != "" && method != "PLAINTEXT"
}

// signatureBase64 returns the size oauth_signature decodes to as standard
// base64 and whether it is standard base64, decoded once per pass.
func (p *pass) signatureBase64() (size int, ok bool) {
	// A verified HMAC signature is the verifier's own base64 of the
	// digest, byte for byte.
	if want := hmacDigestSize(p.method.name); p.opts.Verified && want > 0 {
		return want, true
	}
	if !p.sigRead {
		sig, _ := p.protocol(nameSignature)
		p.sigSize, p.sigBase64 = stdBase64Size(sig)
		p.sigRead = true
	}
	return p.sigSize, p.sigBase64
}

// lintPlaintextFormat reports a PLAINTEXT signature without the "&" that
// joins the two encoded secrets (RFC 5849 §3.4.4); the value is never shown.
func lintPlaintextFormat(p *pass) {
	sig, ok := p.protocol(nameSignature)
	if ok && p.method.name == "PLAINTEXT" && sig != "" && !strings.Contains(sig, "&") {
		p.report("oauth_signature", "the PLAINTEXT oauth_signature (%d characters) has no \"&\": it must be the encoded consumer secret, \"&\", then the encoded token secret, the \"&\" kept when one is empty", utf8.RuneCountInString(sig))
	}
}

// lintSignatureNotBase64 reports an HMAC or RSA signature that is not
// standard base64 (RFC 5849 §3.4.2, §3.4.3), saying what it looks like.
func lintSignatureNotBase64(p *pass) {
	sig, method, ok := p.base64Signature()
	if !ok {
		return
	}
	if _, std := p.signatureBase64(); std {
		return
	}
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
	p.reportIn(signatureSection(method), "oauth_signature", "oauth_signature %s is not valid base64%s", lintQuote(sig), hint)
}

// lintSignatureLength reports an HMAC signature whose digest has the size of
// another method (RFC 5849 §3.4.2).
func lintSignatureLength(p *pass) {
	sig, method, ok := p.base64Signature()
	if !ok {
		return
	}
	want := hmacDigestSize(method)
	size, ok := p.signatureBase64()
	if want == 0 || !ok || size == want {
		return
	}
	hint := ""
	if isHexDigest(sig) && len(sig) == 2*want {
		hint = " (it looks like a hex digest; the digest must be base64-encoded)"
	}
	for _, m := range [...]string{"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512"} {
		if hint == "" && hmacDigestSize(m) == size {
			hint = fmt.Sprintf(" (the size of %s: is the method right?)", m)
		}
	}
	p.reportIn(signatureSection(method), "oauth_signature", "oauth_signature decodes to %d bytes but %s gives %d%s", size, method, want, hint)
}

func isStdBase64(s string) bool {
	_, ok := stdBase64Size(s)
	return ok
}

// stdBase64Size returns the size of what s decodes to as standard base64,
// and whether it is standard base64.
func stdBase64Size(s string) (int, bool) {
	var buf [128]byte // every signature of a hash: no allocation
	dst := buf[:]
	if n := base64.StdEncoding.DecodedLen(len(s)); n > len(dst) {
		dst = make([]byte, n)
	}
	n, err := base64.StdEncoding.Decode(dst, []byte(s))
	return n, err == nil
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
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}
