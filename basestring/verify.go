package basestring

import (
	"crypto/subtle"
	"fmt"
	"strings"
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
	if o == nil {
		o = &Options{}
	}
	b := getBuilder()
	defer putBuilder(b)
	base, err := b.build(req, o, nil)
	if err != nil {
		return Verification{}, err
	}
	v := Verification{Method: strings.Clone(b.method), Supplied: strings.Clone(b.signature)}
	if v.Method == "" {
		return v, fmt.Errorf("basestring: verify: request has no oauth_signature_method")
	}
	m, err := MethodByName(v.Method)
	if err != nil {
		return v, fmt.Errorf("basestring: verify: %w", err)
	}
	return v, verifyWith(&v, m, base, c, o.Key)
}

// VerifyBase checks signature against a base string already built, with the
// named signature method.
func VerifyBase(base []byte, signature, method string, c Credentials, rule KeyRule) (Verification, error) {
	v := Verification{Method: method, Supplied: signature}
	m, err := MethodByName(method)
	if err != nil {
		return v, fmt.Errorf("basestring: verify: %w", err)
	}
	return v, verifyWith(&v, m, base, c, rule)
}

func verifyWith(v *Verification, m Method, base []byte, c Credentials, rule KeyRule) error {
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
