package basestring

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"
)

func TestKeyRules(t *testing.T) {
	c := Credentials{ConsumerSecret: "c s", TokenSecret: "t&s"}
	tests := []struct {
		rule KeyRule
		want string
	}{
		{KeyRFC, "c%20s&t%26s"},
		{KeyNoTokenSecret, "c%20s&"},
		{KeySwapped, "t%26s&c%20s"},
		{KeyRawSecrets, "c s&t&s"},
		{KeyNoAmpersand, "c%20st%26s"},
		{KeyConsumerSecretOnly, "c s"},
	}
	for _, tt := range tests {
		if got := Key(c, tt.rule); got != tt.want {
			t.Errorf("Key(rule %d) = %q, want %q", tt.rule, got, tt.want)
		}
	}
	if got := Key(Credentials{ConsumerSecret: "cs"}, KeyRFC); got != "cs&" {
		t.Errorf("empty token secret: key = %q, want %q (the & stays, §3.4.2)", got, "cs&")
	}
}

func testKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	v := loadVectors(t)
	for _, x := range v {
		if x.RSAPrivateKey != "" {
			k, err := ParsePrivateKey([]byte(x.RSAPrivateKey))
			if err != nil {
				t.Fatal(err)
			}
			return k
		}
	}
	t.Fatal("no RSA key in vectors")
	return nil
}

func TestMethodsRoundTrip(t *testing.T) {
	key := testKey(t)
	c := Credentials{ConsumerSecret: "cs", TokenSecret: "ts", PrivateKey: key, PublicKey: &key.PublicKey}
	base := []byte("GET&https%3A%2F%2Fh%2F&a%3D1")
	for _, m := range Methods() {
		t.Run(m.Name(), func(t *testing.T) {
			sig, err := m.Sign(base, c, KeyRFC)
			if err != nil {
				t.Fatal(err)
			}
			if ok, err := m.Verify(base, sig, c, KeyRFC); err != nil || !ok {
				t.Errorf("Verify(own signature) = %v, %v", ok, err)
			}
			if ok, _ := m.Verify(base, sig+"x", c, KeyRFC); ok {
				t.Errorf("Verify(tampered signature) = true")
			}
			if m.Name() != "PLAINTEXT" {
				if ok, _ := m.Verify(append([]byte("x"), base...), sig, c, KeyRFC); ok {
					t.Errorf("Verify(other base string) = true")
				}
			}
			if m.Section() == "" {
				t.Errorf("no section")
			}
			if got, err := MethodByName(m.Name()); err != nil || got.Name() != m.Name() {
				t.Errorf("MethodByName(%q) = %v, %v", m.Name(), got, err)
			}
		})
	}
}

func TestMethodByNameUnknown(t *testing.T) {
	for _, name := range []string{"hmac-sha1", "HMAC-MD5", ""} {
		if _, err := MethodByName(name); !errors.Is(err, errUnknownMethod) {
			t.Errorf("MethodByName(%q) error = %v, want errUnknownMethod", name, err)
		}
	}
}

func TestRSAWithoutKeys(t *testing.T) {
	if _, err := rsaSHA1.Sign(nil, Credentials{}, KeyRFC); err == nil {
		t.Error("Sign without a private key succeeded")
	}
	if _, err := rsaSHA256.Verify(nil, "x", Credentials{}, KeyRFC); err == nil {
		t.Error("Verify without a public key succeeded")
	}
	key := testKey(t)
	if ok, err := rsaSHA1.Verify(nil, "not base64!", Credentials{PublicKey: &key.PublicKey}, KeyRFC); ok || err != nil {
		t.Errorf("Verify(bad base64) = %v, %v; want false, nil", ok, err)
	}
}

func TestBodyHash(t *testing.T) {
	// The OAuth Request Body Hash draft's example: "Hello World!".
	if got, want := BodyHash([]byte("Hello World!"), "HMAC-SHA1"), "Lve95gjOVATpfV8EL5X4nxwjKHE="; got != want {
		t.Errorf("SHA-1 body hash = %q, want %q", got, want)
	}
	if got, want := BodyHash(nil, "HMAC-SHA1"), "2jmj7l5rSw0yVb/vlWAYkK/YBwk="; got != want {
		t.Errorf("empty body hash = %q, want %q", got, want)
	}
	if got, want := BodyHash([]byte("Hello World!"), "RSA-SHA256"), "f4OxZX/x/FO5LcGBSKHWXfwtSx+j1ncoSt3SABJtkGk="; got != want {
		t.Errorf("SHA-256 body hash = %q, want %q", got, want)
	}
}

func TestParseKeys(t *testing.T) {
	key := testKey(t)
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	if k, err := ParsePrivateKey(pkcs1); err != nil || !k.Equal(key) {
		t.Errorf("PKCS#1 private key: %v", err)
	}
	pkix, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	pkcs1pub := x509.MarshalPKCS1PublicKey(&key.PublicKey)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkixName("oauthdbg test"), NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1<<31, 0)}
	certDER, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"pkix":        pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pkix}),
		"pkcs1":       pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: pkcs1pub}),
		"certificate": pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certDER}),
		"private":     pkcs1,
	} {
		pub, err := ParsePublicKey(data)
		if err != nil || !pub.Equal(&key.PublicKey) {
			t.Errorf("%s: ParsePublicKey = %v", name, err)
		}
	}
	for name, data := range map[string]string{
		"not-pem":   "hello",
		"wrong-pem": "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n",
		"garbage":   "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
	} {
		if _, err := ParsePublicKey([]byte(data)); err == nil || !strings.HasPrefix(err.Error(), "parse") {
			t.Errorf("%s: ParsePublicKey error = %v", name, err)
		}
		if _, err := ParsePrivateKey([]byte(data)); err == nil {
			t.Errorf("%s: ParsePrivateKey succeeded", name)
		}
	}
}

func pkixName(cn string) pkix.Name { return pkix.Name{CommonName: cn} }

func TestVerifyRequest(t *testing.T) {
	req := &Request{Method: "GET", URL: "https://h/p?a=1", Authorization: `OAuth oauth_consumer_key="k", oauth_signature_method="HMAC-SHA1", oauth_signature="x"`}
	c := Credentials{ConsumerSecret: "cs"}
	res, _ := Build(req, nil)
	want, _ := hmacSHA1.Sign([]byte(res.BaseString), c, KeyRFC)
	v, err := Verify(req, c, nil)
	if err != nil || v.Valid || v.Expected != want || v.Supplied != "x" || v.Method != "HMAC-SHA1" {
		t.Errorf("Verify = %+v, %v", v, err)
	}
	req.Authorization = strings.Replace(req.Authorization, `"x"`, `"`+Encode(want)+`"`, 1)
	if v, err := Verify(req, c, nil); err != nil || !v.Valid {
		t.Errorf("Verify(correct) = %+v, %v", v, err)
	}
	if _, err := Verify(&Request{Method: "GET", URL: "https://h/"}, c, nil); err == nil || !strings.Contains(err.Error(), "no oauth_signature_method") {
		t.Errorf("no method: error = %v", err)
	}
	if _, err := Verify(&Request{Method: "GET", URL: "https://h/?oauth_signature_method=MD5"}, c, nil); !errors.Is(err, errUnknownMethod) {
		t.Errorf("unknown method: error = %v", err)
	}
	if v, err := VerifyBase([]byte(res.BaseString), want, "HMAC-SHA1", c, KeyRFC); err != nil || !v.Valid {
		t.Errorf("VerifyBase = %+v, %v", v, err)
	}
}

// TestMACReuse checks that one MAC, reset per base string, signs each base
// string as the method does, and that only HMAC methods make a MAC.
func TestMACReuse(t *testing.T) {
	c := Credentials{ConsumerSecret: "kd94hf93k423kf44", TokenSecret: "pfkkdhi9sl3r4s00"}
	for _, name := range []string{"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512"} {
		mac, err := newMAC(name, AppendKey(nil, c, KeyRFC))
		if err != nil {
			t.Fatal(err)
		}
		m, _ := MethodByName(name)
		for _, base := range []string{"GET&a&b", "", "POST&http%3A%2F%2Fexample.com%2F&a%3D1"} {
			want, _ := m.Sign([]byte(base), c, KeyRFC)
			if got := base64.StdEncoding.EncodeToString(mac.Sum(nil, []byte(base))); got != want {
				t.Errorf("%s: keyedMAC.Sum(%q) = %s, want %s", name, base, got, want)
			}
		}
	}
	for _, name := range []string{"RSA-SHA1", "PLAINTEXT", "HMAC-MD5"} {
		if _, err := newMAC(name, []byte("k&")); err == nil {
			t.Errorf("NewMAC(%q) succeeded, want an error", name)
		}
	}
}

// TestSameKey checks the word-at-a-time key comparison against bytes.Equal
// on keys of every length up to three words, differing in any one byte.
func TestSameKey(t *testing.T) {
	for n := 0; n <= 24; n++ {
		a := bytes.Repeat([]byte{'k'}, n)
		if !sameKey(a, bytes.Clone(a)) {
			t.Fatalf("length %d: equal keys reported different", n)
		}
		if n > 0 && sameKey(a, a[:n-1]) {
			t.Fatalf("length %d: keys of different lengths reported equal", n)
		}
		for i := range n {
			b := bytes.Clone(a)
			b[i] ^= 0x80
			if sameKey(a, b) {
				t.Fatalf("length %d: keys differing at byte %d reported equal", n, i)
			}
		}
	}
}
