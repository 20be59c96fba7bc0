package basestring

import (
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"
)

// Credentials are the secrets a signature is made or checked with.
type Credentials struct {
	// ConsumerSecret and TokenSecret make the key of HMAC and PLAINTEXT
	// signatures (RFC 5849 §3.4.2, §3.4.4). TokenSecret is "" when no token is used.
	ConsumerSecret string
	TokenSecret    string
	// PrivateKey signs RSA signatures; PublicKey verifies them (RFC 5849 §3.4.3).
	PrivateKey *rsa.PrivateKey
	PublicKey  *rsa.PublicKey
}

// AppendKey appends the signing key of HMAC and PLAINTEXT signatures to dst:
// under KeyRFC, encode(consumer secret) "&" encode(token secret), the "&"
// kept when the token secret is empty (RFC 5849 §3.4.2).
func AppendKey(dst []byte, c Credentials, rule KeyRule) []byte {
	switch rule {
	case KeyNoTokenSecret:
		dst = appendEncode(dst, c.ConsumerSecret)
		return append(dst, '&')
	case KeySwapped:
		dst = appendEncode(dst, c.TokenSecret)
		dst = append(dst, '&')
		return appendEncode(dst, c.ConsumerSecret)
	case KeyRawSecrets:
		dst = append(dst, c.ConsumerSecret...)
		dst = append(dst, '&')
		return append(dst, c.TokenSecret...)
	case KeyNoAmpersand:
		dst = appendEncode(dst, c.ConsumerSecret)
		return appendEncode(dst, c.TokenSecret)
	case KeyConsumerSecretOnly:
		return append(dst, c.ConsumerSecret...)
	}
	dst = appendEncode(dst, c.ConsumerSecret)
	dst = append(dst, '&')
	return appendEncode(dst, c.TokenSecret)
}

// Key returns the signing key; see [AppendKey].
func Key(c Credentials, rule KeyRule) string { return string(AppendKey(nil, c, rule)) }

// A Method is a signature method (RFC 5849 §3.4).
type Method interface {
	// Name is the oauth_signature_method value, e.g. "HMAC-SHA1".
	Name() string
	// Section is the RFC 5849 section or the specification that defines it.
	Section() string
	// Sign signs a base string. rule selects the key construction.
	Sign(base []byte, c Credentials, rule KeyRule) (string, error)
	// Verify reports whether signature (decoded from the request) is a valid
	// signature of base, comparing in constant time.
	Verify(base []byte, signature string, c Credentials, rule KeyRule) (bool, error)
}

// errUnknownMethod is returned for an oauth_signature_method oauthdbg does not implement.
var errUnknownMethod = errors.New("unknown signature method")

// Methods lists every implemented signature method.
func Methods() []Method { return methods[:] }

var methods = [...]Method{hmacSHA1, hmacSHA256, hmacSHA512, rsaSHA1, rsaSHA256, plaintext}

// methodNames are the names of methods, in the same order, compared
// without calling Name.
var methodNames = func() (names [len(methods)]string) {
	for i, m := range methods {
		names[i] = m.Name()
	}
	return names
}()

var (
	hmacSHA1   = hmacMethod{"HMAC-SHA1", "RFC 5849 §3.4.2", sha1.New}
	hmacSHA256 = hmacMethod{"HMAC-SHA256", "HMAC-SHA256 extension (RFC 5849 §3.4.2 with SHA-256)", sha256.New}
	hmacSHA512 = hmacMethod{"HMAC-SHA512", "HMAC-SHA512 extension (RFC 5849 §3.4.2 with SHA-512)", sha512.New}
	rsaSHA1    = rsaMethod{"RSA-SHA1", "RFC 5849 §3.4.3", crypto.SHA1}
	rsaSHA256  = rsaMethod{"RSA-SHA256", "RSA-SHA256 extension (RFC 5849 §3.4.3 with SHA-256)", crypto.SHA256}
	plaintext  = plaintextMethod{}
)

// MethodByName returns the signature method with the exact name (method
// names are case-sensitive, RFC 5849 §3.4).
func MethodByName(name string) (Method, error) {
	for i, n := range methodNames {
		if n == name {
			return methods[i], nil
		}
	}
	return nil, fmt.Errorf("%w %q (known: HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, PLAINTEXT)", errUnknownMethod, name)
}

type hmacMethod struct {
	name, section string
	hash          func() hash.Hash
}

func (m hmacMethod) Name() string    { return m.name }
func (m hmacMethod) Section() string { return m.section }

func (m hmacMethod) sum(dst, base []byte, c Credentials, rule KeyRule) []byte {
	var keyBuf [128]byte
	mac := hmac.New(m.hash, AppendKey(keyBuf[:0], c, rule))
	mac.Write(base)
	return mac.Sum(dst)
}

func (m hmacMethod) Sign(base []byte, c Credentials, rule KeyRule) (string, error) {
	var buf [64]byte
	return base64.StdEncoding.EncodeToString(m.sum(buf[:0], base, c, rule)), nil
}

func (m hmacMethod) Verify(base []byte, signature string, c Credentials, rule KeyRule) (bool, error) {
	var sum, want [64]byte
	got := m.sum(sum[:0], base, c, rule)
	n := base64.StdEncoding.EncodedLen(len(got))
	var enc []byte
	if n <= len(want) {
		enc = want[:n]
	} else {
		enc = make([]byte, n)
	}
	base64.StdEncoding.Encode(enc, got)
	return subtle.ConstantTimeCompare(enc, []byte(signature)) == 1, nil
}

type rsaMethod struct {
	name, section string
	hash          crypto.Hash
}

func (m rsaMethod) Name() string    { return m.name }
func (m rsaMethod) Section() string { return m.section }

func (m rsaMethod) digest(base []byte) []byte {
	h := m.hash.New()
	h.Write(base)
	return h.Sum(nil)
}

func (m rsaMethod) Sign(base []byte, c Credentials, _ KeyRule) (string, error) {
	if c.PrivateKey == nil {
		return "", fmt.Errorf("%s: no RSA private key", m.name)
	}
	sig, err := rsa.SignPKCS1v15(rand.Reader, c.PrivateKey, m.hash, m.digest(base))
	if err != nil {
		return "", fmt.Errorf("%s: %w", m.name, err)
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}

func (m rsaMethod) Verify(base []byte, signature string, c Credentials, _ KeyRule) (bool, error) {
	pub := c.PublicKey
	if pub == nil && c.PrivateKey != nil {
		pub = &c.PrivateKey.PublicKey
	}
	if pub == nil {
		return false, fmt.Errorf("%s: no RSA public key or certificate to verify with", m.name)
	}
	sig, err := base64.StdEncoding.DecodeString(signature)
	if err != nil {
		return false, nil
	}
	return rsa.VerifyPKCS1v15(pub, m.hash, m.digest(base), sig) == nil, nil
}

type plaintextMethod struct{}

func (plaintextMethod) Name() string    { return "PLAINTEXT" }
func (plaintextMethod) Section() string { return "RFC 5849 §3.4.4" }

func (plaintextMethod) Sign(_ []byte, c Credentials, rule KeyRule) (string, error) {
	return Key(c, rule), nil
}

func (plaintextMethod) Verify(_ []byte, signature string, c Credentials, rule KeyRule) (bool, error) {
	var keyBuf [128]byte
	return subtle.ConstantTimeCompare(AppendKey(keyBuf[:0], c, rule), []byte(signature)) == 1, nil
}

// BodyHash returns the oauth_body_hash of a raw body (OAuth Request Body
// Hash extension): base64 of its SHA-1, or of its SHA-256 for the SHA-256
// signature methods. A form-encoded body never carries one.
func BodyHash(body []byte, signatureMethod string) string {
	var sum []byte
	switch signatureMethod {
	case "HMAC-SHA256", "RSA-SHA256":
		s := sha256.Sum256(body)
		sum = s[:]
	case "HMAC-SHA512":
		s := sha512.Sum512(body)
		sum = s[:]
	default:
		s := sha1.Sum(body)
		sum = s[:]
	}
	return base64.StdEncoding.EncodeToString(sum)
}

// ParsePrivateKey reads an RSA private key from PEM (PKCS #1 "RSA PRIVATE
// KEY" or PKCS #8 "PRIVATE KEY").
func ParsePrivateKey(data []byte) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("parse private key: no PEM block found; want -----BEGIN PRIVATE KEY-----")
	}
	switch block.Type {
	case "RSA PRIVATE KEY":
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse private key: %w", err)
		}
		return k, nil
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse private key: %w", err)
		}
		rk, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("parse private key: %T is not an RSA key", k)
		}
		return rk, nil
	}
	return nil, fmt.Errorf("parse private key: PEM block %q is not a private key", block.Type)
}

// ParsePublicKey reads an RSA public key from PEM: an X.509 certificate
// ("CERTIFICATE"), a PKIX "PUBLIC KEY", a PKCS #1 "RSA PUBLIC KEY", or a
// private key whose public half is taken.
func ParsePublicKey(data []byte) (*rsa.PublicKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("parse public key: no PEM block found; want -----BEGIN CERTIFICATE----- or -----BEGIN PUBLIC KEY-----")
	}
	switch block.Type {
	case "CERTIFICATE":
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse certificate: %w", err)
		}
		pk, ok := cert.PublicKey.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("parse certificate: %T is not an RSA key", cert.PublicKey)
		}
		return pk, nil
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse public key: %w", err)
		}
		pk, ok := k.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("parse public key: %T is not an RSA key", k)
		}
		return pk, nil
	case "RSA PUBLIC KEY":
		pk, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parse public key: %w", err)
		}
		return pk, nil
	case "RSA PRIVATE KEY", "PRIVATE KEY":
		k, err := ParsePrivateKey(data)
		if err != nil {
			return nil, err
		}
		return &k.PublicKey, nil
	}
	return nil, fmt.Errorf("parse public key: PEM block %q is not a key or certificate", block.Type)
}
