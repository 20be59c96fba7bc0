package basestring

import (
	"crypto/hmac"
	"fmt"
	"hash"
)

// A keyedMAC computes HMAC signatures (RFC 5849 §3.4.2 and its SHA-256 and
// SHA-512 extensions) of many base strings under one key, on crypto/hmac:
// it holds one hash.Hash made by hmac.New and resets it per base string, so
// that a search over many candidate base strings with the same secrets
// builds the keyed hash once. A MAC is not safe for concurrent use.
type keyedMAC struct {
	method string
	key    []byte
	h      hash.Hash
	// from and fromRule are the secrets and the rule that key was made
	// from, when fromKnown (builder.sumHMAC sets them).
	from      Credentials
	fromRule  KeyRule
	fromKnown bool
}

// madeFrom reports whether m is the MAC of method h for the key of c under
// rule, comparing the secrets in constant time: the key need not be built.
func (m *keyedMAC) madeFrom(h hmacMethod, c Credentials, rule KeyRule) bool {
	// Both comparisons run, whatever the first one finds.
	same := m != nil && m.fromKnown && m.method == h.name && m.fromRule == rule
	consumer := m != nil && sameKey(m.from.ConsumerSecret, c.ConsumerSecret)
	token := m != nil && sameKey(m.from.TokenSecret, c.TokenSecret)
	return same && consumer && token
}

// newMAC returns a MAC for the named HMAC signature method (HMAC-SHA1,
// HMAC-SHA256, HMAC-SHA512) and signing key (see [AppendKey]).
func newMAC(method string, key []byte) (*keyedMAC, error) {
	m, err := MethodByName(method)
	if err != nil {
		return nil, err
	}
	h, ok := m.(hmacMethod)
	if !ok {
		return nil, fmt.Errorf("%s is not an HMAC signature method", method)
	}
	return &keyedMAC{method: method, key: append([]byte(nil), key...), h: hmac.New(h.hash, key)}, nil
}

// Sum appends the HMAC of base to dst and returns it.
func (m *keyedMAC) Sum(dst, base []byte) []byte {
	m.h.Reset()
	m.h.Write(base)
	return m.h.Sum(dst)
}

// reuse returns m when it was made for the same method and key, or a new
// MAC; it is how the pooled builder keeps one hash per key.
func (m *keyedMAC) reuse(h hmacMethod, key []byte) *keyedMAC {
	if m != nil && m.method == h.name && sameKey(m.key, key) {
		return m
	}
	return &keyedMAC{method: h.name, key: append([]byte(nil), key...), h: hmac.New(h.hash, key)}
}

// sameKey reports whether two keys are equal, in a time that depends on
// their length only, as crypto/subtle.ConstantTimeCompare does, but eight
// bytes at a time: the pooled builder compares the key of each signature
// with the last one's.
func sameKey[T text](a, b T) bool {
	if len(a) != len(b) {
		return false
	}
	var diff uint64
	i := 0
	for ; i+8 <= len(a); i += 8 {
		diff |= load64(a, i) ^ load64(b, i)
	}
	for ; i < len(a); i++ {
		diff |= uint64(a[i] ^ b[i])
	}
	return diff == 0
}

// load64 reads s[i:i+8] as a little-endian word.
func load64[T text](s T, i int) uint64 {
	w := s[i : i+8] // one bounds check for the eight bytes
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}
