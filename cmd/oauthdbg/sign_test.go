package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/compare"
)

// writeRSAKey writes a fresh RSA key pair as PEM files and returns their paths.
func writeRSAKey(t *testing.T) (private, public string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	private = filepath.Join(dir, "key.pem")
	public = filepath.Join(dir, "pub.pem")
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(private, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(public, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}), 0o644); err != nil {
		t.Fatal(err)
	}
	return private, public
}

// runJSON runs oauthdbg in process and decodes its --json output.
func runJSON(t *testing.T, stdin string, args []string, v any) int {
	t.Helper()
	c, stdout, stderr := testCLI(stdin, nil)
	code := c.main(args)
	if code == 2 {
		t.Fatalf("oauthdbg %s: exit 2\n%s", strings.Join(args, " "), stderr)
	}
	if err := json.Unmarshal(stdout.Bytes(), v); err != nil {
		t.Fatalf("oauthdbg %s: %v\n%s%s", strings.Join(args, " "), err, stdout, stderr)
	}
	return code
}

// checkReport is the part of check's JSON the tests read.
type checkReport struct {
	Valid        bool   `json:"valid"`
	Unchecked    string `json:"unchecked"`
	Explanations []struct {
		IDs        []string `json:"ids"`
		Equivalent []string `json:"equivalent"`
	} `json:"explanations"`
}

// explains reports whether id is among the explanations of a report.
func (r *checkReport) explains(id string) bool {
	for _, e := range r.Explanations {
		if slices.Contains(e.IDs, id) {
			return true
		}
		for _, eq := range e.Equivalent {
			if slices.Contains(strings.Split(eq, "+"), id) {
				return true
			}
		}
	}
	return false
}

// TestSignThenCheck signs requests of every shape with sign and feeds each
// form of the result (curl command, signed URL, Authorization header) to
// check, which must find the signature valid.
func TestSignThenCheck(t *testing.T) {
	priv, pub := writeRSAKey(t)
	secrets := []string{"--consumer-secret", "c0nsumer+secret/with=specials", "--token-secret", "t0ken secret~"}
	cases := []struct {
		name   string
		reason string
		args   []string
		check  []string
	}{
		{"hmac-sha1-get", "the plain case", []string{"--token", "tok", "https://api.example.com/1/user"}, secrets},
		{"hmac-sha1-query", "a URL with a query, parameters encoded on the way", []string{"--token", "tok", "https://api.example.com/1/search?q=hello%20world&tag=a%2Bb&empty="}, secrets},
		{"hmac-sha256-post-form", "a form body is signed as parameters", []string{"--token", "tok", "--signature-method", "HMAC-SHA256", "-d", "status=hello world&n=1", "https://api.example.com/1/update"}, secrets},
		{"hmac-sha512-json-body", "a JSON body is covered by oauth_body_hash", []string{"--token", "tok", "--signature-method", "HMAC-SHA512", "-H", "Content-Type: application/json", "-d", `{"a":1}`, "https://api.example.com/1/items"}, secrets},
		{"request-token-callback", "the first leg, no token", []string{"-X", "POST", "--callback", "https://client.example.com/cb?x=1", "https://api.example.com/oauth/request_token"}, secrets[:2]},
		{"access-token-verifier", "the third leg", []string{"-X", "POST", "--token", "reqtok", "--verifier", "v3rifier", "https://api.example.com/oauth/access_token"}, secrets},
		{"transport-query", "parameters in the query", []string{"--token", "tok", "--transport", "query", "https://api.example.com/1/user?x=1"}, secrets},
		{"transport-body", "parameters in the form body", []string{"--token", "tok", "--transport", "body", "-d", "a=1", "https://api.example.com/1/update"}, secrets},
		{"realm", "the realm is sent but never signed", []string{"--token", "tok", "--realm", "https://api.example.com/", "https://api.example.com/1/user"}, secrets},
		{"port-and-path", "a non-default port and an escaped path", []string{"--token", "tok", "http://api.example.com:8080/files/a%20b.txt"}, secrets},
		{"plaintext", "PLAINTEXT over https", []string{"--token", "tok", "--signature-method", "PLAINTEXT", "https://api.example.com/1/user"}, append([]string{"--show-secrets"}, secrets...)},
		{"rsa-sha1", "RSA-SHA1 with a private key, checked with the public key", []string{"--signature-method", "RSA-SHA1", "--private-key", priv, "https://api.example.com/1/user"}, []string{"--public-key", pub}},
		{"rsa-sha256", "RSA-SHA256", []string{"--token", "tok", "--signature-method", "RSA-SHA256", "--private-key", priv, "https://api.example.com/1/user"}, []string{"--public-key", pub, "--token-secret", ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"sign", "--json", "--consumer-key", "ck", "--timestamp", "1767225600"}, secrets...)
			if slices.Contains(tc.check, "--show-secrets") {
				args = append(args, "--show-secrets")
			}
			args = append(args, tc.args...)
			var s signed
			if code := runJSON(t, "", args, &s); code != 0 {
				t.Fatalf("sign exit %d", code)
			}
			forms := map[string][]string{
				"curl": {"-"},
			}
			if s.SignedURL != "" {
				forms["signed URL"] = []string{"-X", s.Method, s.SignedURL}
				if s.Body != "" {
					forms["signed URL"] = []string{"-d", s.Body, "-H", "Content-Type: " + s.ContentType, s.SignedURL}
				}
			}
			if s.Authorization != "" && s.Body == "" {
				forms["header"] = []string{"--url", s.URL, "-X", s.Method, "-"}
			}
			for form, in := range forms {
				stdin := s.Curl
				if form == "header" {
					stdin = "Authorization: " + s.Authorization
				}
				args := append(append([]string{"check", "--json", "--now", "1767225630"}, tc.check...), in...)
				var rep checkReport
				code := runJSON(t, stdin, args, &rep)
				if !rep.Valid || code != 0 {
					t.Errorf("%s (%s): check says valid=%v exit %d %s, want a valid signature\ncurl: %s", form, tc.reason, rep.Valid, code, rep.Unchecked, s.Curl)
				}
			}
		})
	}
}

// signMistakeCases sign, for every catalogue mistake, a request the mistake
// changes: the evidence some mistakes replay from (another host, path or
// method) is given as headers, the way a proxy or a client would add it.
var signMistakeCases = []struct {
	id     string
	reason string
	args   []string
}{
	{"key-missing-token-secret", "token secret left out of the key", []string{"https://api.example.com/1/user"}},
	{"key-swapped-secrets", "secrets swapped in the key", []string{"https://api.example.com/1/user"}},
	{"key-secrets-not-encoded", "the secrets hold '+', '/' and a space", []string{"https://api.example.com/1/user"}},
	{"key-no-ampersand", "no & between the secrets", []string{"https://api.example.com/1/user"}},
	{"plus-for-space", "a space in a form value", []string{"-d", "status=hello world", "https://api.example.com/1/update"}},
	{"double-encoded", "a callback URL encoded twice", []string{"-X", "POST", "--callback", "https://client.example.com/cb", "https://api.example.com/oauth/request_token"}},
	{"not-encoded", "a callback URL not encoded", []string{"-X", "POST", "--callback", "https://client.example.com/cb", "https://api.example.com/oauth/request_token"}},
	{"default-port-included", "the client signs :443", []string{"https://api.example.com/1/user"}},
	{"scheme-mismatch", "the client signs http for an https request", []string{"https://api.example.com/1/user"}},
	{"trailing-slash", "the client adds a slash", []string{"https://api.example.com/1/user"}},
	{"query-params-unsigned", "query left out", []string{"https://api.example.com/1/search?q=x"}},
	{"body-params-unsigned", "form body left out", []string{"-d", "a=1", "https://api.example.com/1/update"}},
	{"method-lowercase", "method signed in lower case", []string{"https://api.example.com/1/user"}},
	{"lowercase-hex", "hex digits in lower case", []string{"https://api.example.com/1/user"}},
	{"tilde-encoded", "a ~ encoded", []string{"https://api.example.com/1/search?q=a~b"}},
	{"query-in-base-uri", "the query kept in the base string URI", []string{"https://api.example.com/1/search?q=x"}},
	{"realm-signed", "the realm signed", []string{"--realm", "Example", "https://api.example.com/1/user"}},
	{"duplicate-dropped", "a repeated name signed once", []string{"https://api.example.com/1/search?a=1&a=2"}},
	{"empty-param-dropped", "an empty value left out", []string{"https://api.example.com/1/search?a=&b=1"}},
	{"sort-pair-strings", "pairs sorted as strings", []string{"https://api.example.com/1/search?a-b=1&a=2"}},
	{"params-not-sorted", "parameters signed in the order sent", []string{"https://api.example.com/1/search?z=1&a=2"}},
	{"scheme-case", "the scheme signed in capitals", []string{"HTTPS://api.example.com/1/user"}},
	{"host-case", "the host signed in capitals", []string{"https://API.example.com/1/user"}},
	{"path-decoded", "the path signed decoded", []string{"https://api.example.com/files/a%20b.txt"}},
	{"java-urlencoder", "java.net.URLEncoder: + for space, * raw", []string{"-d", "q=a b*c", "https://api.example.com/1/search"}},
	{"non-form-body-signed", "a text body read as parameters", []string{"-H", "Content-Type: text/plain", "-d", "a=1", "https://api.example.com/1/notes"}},
	{"json-body-signed", "a JSON body's fields signed", []string{"-H", "Content-Type: application/json", "-d", `{"name":"blue chair","n":2}`, "https://api.example.com/1/items"}},
	{"duplicate-keys-indexed", "a repeated array name", []string{"https://api.example.com/1/orders?include%5B%5D=7&include%5B%5D=9"}},
	{"form-body-charset-dropped", "a form body with a charset left out", []string{"-H", "Content-Type: application/x-www-form-urlencoded; charset=UTF-8", "-d", "a=1", "https://api.example.com/1/update"}},
	{"sort-raw-not-encoded", "sorted before encoding", []string{"https://api.example.com/1/search?a%7B=1&a_=2"}},
	{"sort-key-only", "duplicate names left in the order sent", []string{"https://api.example.com/1/search?a=2&a=1"}},
	{"plus-not-decoded", "a + in the query signed as a plus", []string{"https://api.example.com/1/search?q=a+b"}},
	{"double-utf8", "UTF-8 encoded twice", []string{"https://api.example.com/1/search?q=caf%C3%A9"}},
	{"value-cut-at-equals", "a value with = cut", []string{"https://api.example.com/1/search?q=a=b"}},
	{"default-port-wrong-scheme", "the :443 of an http URL dropped", []string{"http://api.example.com:443/1/user"}},
	{"empty-path-no-slash", "an empty path signed without /", []string{"https://api.example.com"}},
	{"signature-not-encoded", "in the header the signature is sent encoded twice", []string{"https://api.example.com/1/user"}},
	{"host-mismatch", "the public host of X-Forwarded-Host signed behind a proxy", []string{"-H", "X-Forwarded-Host: api.example.com", "http://10.0.3.7:8080/1/user"}},
	{"port-mismatch", "a non-default port dropped", []string{"http://api.example.com:8080/1/user"}},
	{"param-signed-not-sent", "an oauth_callback signed, not sent", []string{"https://api.example.com/1/user"}},
	{"param-sent-not-signed", "a query parameter sent, not signed", []string{"https://api.example.com/1/search?page=2"}},
	{"path-mismatch", "the public path of X-Forwarded-Prefix signed", []string{"-H", "X-Forwarded-Prefix: /api", "https://api.example.com/1/user"}},
	{"method-mismatch", "the method of an override header signed", []string{"-X", "POST", "-H", "X-HTTP-Method-Override: DELETE", "https://api.example.com/1/user"}},
	{"signature-signed", "an empty oauth_signature signed", []string{"https://api.example.com/1/user"}},
	{"query-not-decoded", "a percent-encoded comma signed encoded", []string{"https://api.example.com/1/search?q=a%2Cb"}},
}

var (
	mistakeSecrets = []string{"--consumer-secret", "cs+1/x", "--token-secret", "ts 2~"}
	mistakeBase    = []string{"--consumer-key", "ck", "--token", "tok", "--timestamp", "1767225600", "--nonce", "n0nce"}
)

// signMistake signs with a mistake, checks the curl command sign prints,
// and returns sign's output and check's report.
func signMistake(t *testing.T, reason string, args ...string) (*signed, *checkReport) {
	t.Helper()
	args = append(append(append([]string{"sign", "--json"}, mistakeBase...), mistakeSecrets...), args...)
	var s signed
	if code := runJSON(t, "", args, &s); code != 0 {
		t.Fatalf("%s: sign exit %d", reason, code)
	}
	if s.Signature == s.CorrectSignature {
		t.Fatalf("%s: the mistaken signature equals the correct one", reason)
	}
	var rep checkReport
	code := runJSON(t, s.Curl, append(append([]string{"check", "--json", "--now", "1767225630"}, mistakeSecrets...), "-"), &rep)
	if code != 1 || rep.Valid {
		t.Fatalf("%s: check exit %d valid=%v, want an invalid signature\ncurl: %s", reason, code, rep.Valid, s.Curl)
	}
	return &s, &rep
}

// TestSignMistakeThenCheck signs a request the way a client with each
// catalogue mistake would, and checks that check explains it by that mistake.
func TestSignMistakeThenCheck(t *testing.T) {
	for _, tc := range signMistakeCases {
		t.Run(tc.id, func(t *testing.T) {
			s, rep := signMistake(t, tc.reason, append([]string{"--mistake", tc.id}, tc.args...)...)
			if s.Mistake != tc.id || !strings.HasPrefix(s.MistakeDetail, "The client ") {
				t.Errorf("%s: sign says mistake %q, detail %q", tc.reason, s.Mistake, s.MistakeDetail)
			}
			if !rep.explains(tc.id) {
				t.Errorf("%s: check's explanations %+v do not name %s\ncurl: %s", tc.reason, rep.Explanations, tc.id, s.Curl)
			}
		})
	}
}

// TestSignMistakeCoversCatalogue checks that TestSignMistakeThenCheck signs
// with every mistake of the catalogue, which sign replays through
// compare.Replay.
func TestSignMistakeCoversCatalogue(t *testing.T) {
	cased := map[string]bool{}
	for _, c := range signMistakeCases {
		cased[c.id] = true
	}
	for _, m := range compare.Catalogue() {
		if !cased[m.ID] && m.ID != "key-other-token-secret" { // another token's secret: sign has one token
			t.Errorf("no case of TestSignMistakeThenCheck signs with %s", m.ID)
		}
	}
}

// TestSignMistakePart signs with each part of a mistake that concerns
// several, and checks the errors and the note about the others.
func TestSignMistakePart(t *testing.T) {
	url := "https://api.example.com/1/search?a=1&a=2"
	first, _ := signMistake(t, "the default part", "--mistake", "duplicate-dropped", url)
	last, rep := signMistake(t, "the last value kept", "--mistake", "duplicate-dropped", "--mistake-part", "last kept", url)
	if first.MistakePart != "first kept" || last.MistakePart != "last kept" || first.Signature == last.Signature {
		t.Errorf("parts %q (%s) and %q (%s), want first kept and last kept with other signatures", first.MistakePart, first.Signature, last.MistakePart, last.Signature)
	}
	if !rep.explains("duplicate-dropped") {
		t.Errorf("check does not name duplicate-dropped for the last value kept: %+v", rep.Explanations)
	}

	cases := []struct {
		name   string
		reason string
		args   []string
		code   int
		stderr string
	}{
		{"note", "the other parts are named on stderr", []string{"--mistake", "duplicate-dropped", url}, 0,
			"oauthdbg: note: duplicate-dropped concerns 2 parts of this request; signed 'first kept', choose another with --mistake-part: 'last kept'\n"},
		{"chosen-no-note", "a chosen part needs no note", []string{"--mistake", "duplicate-dropped", "--mistake-part", "first kept", url}, 0, ""},
		{"unknown-part", "a part the mistake does not concern here", []string{"--mistake", "duplicate-dropped", "--mistake-part", "middle", url}, 2,
			"oauthdbg: error: --mistake-part middle: duplicate-dropped concerns no such part of this request\noauthdbg: hint: its parts here: 'first kept', 'last kept'\n"},
		{"part-without-mistake", "--mistake-part alone", []string{"--mistake-part", "x", url}, 2,
			"oauthdbg: error: --mistake-part needs --mistake\noauthdbg: hint: add --mistake ID; run 'oauthdbg explain' for the catalogue\n"},
		{"not-applicable", "the hint says what the request needs", []string{"--mistake", "path-mismatch", url}, 2,
			"oauthdbg: error: --mistake path-mismatch makes no difference to this request\noauthdbg: hint: it needs evidence of another path: X-Forwarded-Prefix, X-Original-URL, X-Original-URI or X-Rewrite-URL\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _, stderr := testCLI("", nil)
			args := append(append(append([]string{"sign", "--json"}, mistakeBase...), mistakeSecrets...), tc.args...)
			if code := c.main(args); code != tc.code || stderr.String() != tc.stderr {
				t.Errorf("%s: exit %d, stderr\n%s\nwant exit %d, stderr\n%s", tc.reason, code, stderr, tc.code, tc.stderr)
			}
		})
	}
}

// TestSignSignatureNotEncoded signs with a signature sent without
// percent-encoding: it shows only when the signature holds a "+" and travels
// in the query, where the server reads the "+" as a space, so the test looks
// for a nonce that gives one.
func TestSignSignatureNotEncoded(t *testing.T) {
	for i := 0; i < 100; i++ {
		args := []string{"sign", "--json", "--consumer-key", "ck", "--consumer-secret", "cs", "--timestamp", "1767225600",
			"--nonce", "n" + strings.Repeat("x", i), "--transport", "query", "--mistake", "signature-not-encoded",
			"--mistake-part", `"+" sent unencoded`, "https://api.example.com/1/user"}
		c, stdout, _ := testCLI("", nil)
		if c.main(args) != 0 {
			continue // no "+" in this signature: the mistake has no such part
		}
		var s signed
		if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(s.URL, "oauth_signature="+s.CorrectSignature) || !strings.Contains(s.CorrectSignature, "+") {
			t.Fatalf("the signature %q should be sent raw: %s", s.CorrectSignature, s.URL)
		}
		if s.Signature != strings.ReplaceAll(s.CorrectSignature, "+", " ") {
			t.Errorf("signature %q, want the server's reading of %q, with spaces", s.Signature, s.CorrectSignature)
		}
		var rep checkReport
		code := runJSON(t, "", []string{"check", "--json", "--now", "1767225600", "--consumer-secret", "cs", s.URL}, &rep)
		if code != 1 || !rep.explains("signature-not-encoded") {
			t.Errorf("check exit %d, explanations %+v: want signature-not-encoded\n%s", code, rep.Explanations, s.URL)
		}
		return
	}
	t.Fatal("no nonce gave a signature with a '+'")
}
