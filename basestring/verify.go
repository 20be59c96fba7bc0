package basestring

import (
	"crypto/subtle"
	"encoding/base64"
	"fmt"
)

// Verification is the outcome of checking a request's signature.
type Verification struct {
	// Valid is true when the supplied signature matches.
	Valid bool
	// Method is the oauth_signature_method of the request.
	Method string
	// Supplied is the oauth_signature as received (decoded).
	Supplied string
	// Expected is the signature a correct client would have sent. For the
	// RSA methods, which cannot be recomputed without the private key, it is
	// "" unless a private key was given.
	Expected string
}

// Verify checks the signature of req with its own oauth_signature_method,
// building the base string under o (nil means the RFC). A request without
// oauth_signature_method or oauth_signature, or with an unknown method, is an error.
func Verify(req *Request, c Credentials, o *Options) (Verification, error) {
	b := getBuilder()
	defer putBuilder(b)
	base, err := b.build(req, o, nil)
	if err != nil {
		return Verification{}, err
	}
	// b.method and b.signature are substrings of the request or copies:
	// neither points into the pooled builder.
	v := Verification{Method: b.method}
	if v.Method == "" {
		v.Supplied = b.suppliedSignature()
		return v, fmt.Errorf("basestring: verify: request has no oauth_signature_method")
	}
	m, err := MethodByName(v.Method)
	if err != nil {
		v.Supplied = b.suppliedSignature()
		return v, fmt.Errorf("basestring: verify: %w", err)
	}
	if h, isHMAC := m.(hmacMethod); isHMAC {
		b.verifyHMAC(&v, h, base, c, o.keyRule())
		return v, nil
	}
	v.Supplied = b.suppliedSignature()
	return v, verifyWith(&v, m, base, c, o.keyRule(), b)
}

// keyRule is o's signing key construction; a nil o means the RFC's.
func (o *Options) keyRule() KeyRule {
	if o == nil {
		return KeyRFC
	}
	return o.Key
}

// verifyHMAC fills v for an HMAC method: the expected signature, the
// supplied one decoded (both in one allocation) and whether they match,
// compared in constant time.
func (b *builder) verifyHMAC(v *Verification, m hmacMethod, base []byte, c Credentials, rule KeyRule) {
	mac := b.sumHMAC(m, base, c, rule)
	var buf [256]byte
	n := base64.StdEncoding.EncodedLen(len(mac))
	both := buf[:n]
	base64.StdEncoding.Encode(both, mac)
	if b.signatureEncoded {
		// As sent; a header value that is not valid percent-encoding is
		// compared as it is (suppliedSignature reads it the same way).
		decoded, bad := appendDecoded(both, b.signature, b.signatureForm)
		if bad >= 0 {
			decoded = append(both, b.signature...)
		}
		both = decoded
	} else {
		both = append(both, b.signature...)
	}
	v.Valid = subtle.ConstantTimeCompare(both[:n], both[n:]) == 1
	s := string(both)
	v.Expected, v.Supplied = s[:n], s[n:]
}

// VerifyBase checks signature against a base string already built, with the
// named signature method.
func VerifyBase(base []byte, signature, method string, c Credentials, rule KeyRule) (Verification, error) {
	v := Verification{Method: method, Supplied: signature}
	m, err := MethodByName(method)
	if err != nil {
		return v, fmt.Errorf("basestring: verify: %w", err)
	}
	b := getBuilder()
	defer putBuilder(b)
	return v, verifyWith(&v, m, base, c, rule, b)
}

func verifyWith(v *Verification, m Method, base []byte, c Credentials, rule KeyRule, b *builder) error {
	if h, isHMAC := m.(hmacMethod); isHMAC {
		// One MAC, encoded on the stack, compared, then kept as Expected.
		var enc [88]byte
		mac := b.sumHMAC(h, base, c, rule)
		e := enc[:base64.StdEncoding.EncodedLen(len(mac))]
		base64.StdEncoding.Encode(e, mac)
		v.Valid = subtle.ConstantTimeCompare(e, []byte(v.Supplied)) == 1
		if v.Expected = v.Supplied; !v.Valid {
			v.Expected = string(e)
		}
		return nil
	}
	if _, isRSA := m.(rsaMethod); !isRSA {
		// HMAC and PLAINTEXT: compute the expected signature once and compare.
		sig, err := m.Sign(base, c, rule)
		if err != nil {
			return fmt.Errorf("basestring: verify: %w", err)
		}
		v.Expected = sig
		v.Valid = subtle.ConstantTimeCompare([]byte(sig), []byte(v.Supplied)) == 1
		return nil
	}
	ok, err := m.Verify(base, v.Supplied, c, rule)
	if err != nil {
		return fmt.Errorf("basestring: verify: %w", err)
	}
	v.Valid = ok
	if ok {
		v.Expected = v.Supplied
		return nil
	}
	if _, isRSA := m.(rsaMethod); isRSA && c.PrivateKey == nil {
		return nil
	}
	sig, err := m.Sign(base, c, rule)
	if err != nil {
		return fmt.Errorf("basestring: verify: %w", err)
	}
	v.Expected = sig
	return nil
}

// sumHMAC returns the HMAC of base with the signing key of c under rule,
// valid until the next call. The builder keeps one [keyedMAC] per key, reset per
// base string.
func (b *builder) sumHMAC(m hmacMethod, base []byte, c Credentials, rule KeyRule) []byte {
	// The same secrets as the last signature's (a stream, a search): the
	// key is not built again.
	if !b.mac.madeFrom(m, c, rule) {
		b.key = AppendKey(b.key[:0], c, rule)
		b.mac = b.mac.reuse(m, b.key)
		clear(b.key)
		b.mac.from = Credentials{ConsumerSecret: c.ConsumerSecret, TokenSecret: c.TokenSecret}
		b.mac.fromRule, b.mac.fromKnown = rule, true
	}
	b.sum = b.mac.Sum(b.sum[:0], base)
	return b.sum
}
