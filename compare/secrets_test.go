package compare

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/rogpeppe/go-internal/txtar"
	"os"
	"strings"
	"testing"
)

func TestParseSecretsFile(t *testing.T) {
	pub, err := os.ReadFile("testdata/mistakes/host-mismatch.rsa.txtar")
	if err != nil {
		t.Fatal(err)
	}
	secretsJSON, _ := archiveFile(txtar.Parse(pub), "secrets.json")
	pem := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(secretsJSON), `{"rsa_public_key": `), "}")

	tests := []struct {
		name, reason, in string
		check            func(Secrets) bool
		wantErr          string
	}{
		{"maps", "secrets by consumer key and token",
			`{"consumer_secrets": {"k1": "s1", "k2": "s2"}, "token_secrets": {"t1": "ts1"}}`,
			func(s Secrets) bool {
				return s.ConsumerSecrets["k2"].Reveal() == "s2" && s.TokenSecrets["t1"].Reveal() == "ts1" && !s.HasConsumerSecret && !s.HasTokenSecret
			}, ""},
		{"single-empty-token", "an empty token secret is a value, not an absence",
			`{"consumer_secret": "cs", "token_secret": ""}`,
			func(s Secrets) bool {
				return s.ConsumerSecret.Reveal() == "cs" && s.HasConsumerSecret && s.TokenSecret.IsEmpty() && s.HasTokenSecret
			}, ""},
		{"rsa", "a PEM public key, single and by consumer key",
			`{"rsa_public_key": ` + pem + `, "rsa_public_keys": {"k": ` + pem + `}}`,
			func(s Secrets) bool {
				return s.PublicKey != nil && s.RSAPublicKeys["k"] != nil && s.PublicKey.N.Cmp(s.RSAPublicKeys["k"].N) == 0
			}, ""},
		{"unknown-field", "a misspelt name must not silently drop a secret", `{"consumer_secrets": {}, "token_secret_map": {}}`, nil,
			`compare: parse secrets file "s.json": unknown field "token_secret_map"; known fields are`},
		{"syntax", "a JSON syntax error is located", "{\n  \"consumer_secret\": \"x\",\n}", nil,
			`compare: parse secrets file "s.json":3:1: invalid character '}'`},
		{"type", "a map given where a string is expected", `{"consumer_secret": {"k": "v"}}`, nil,
			`field "consumer_secret" holds a JSON object; want a string`},
		{"empty", "an empty file", ``, nil, "empty file"},
		{"unclosed", "a truncated object", `{"consumer_secret": "x"`, nil, "the JSON object is not closed"},
		{"trailing", "two objects", `{} {}`, nil, "text after the JSON object"},
		{"bad-pem", "a public key that is not PEM", `{"rsa_public_keys": {"k": "not a key"}}`, nil, `rsa_public_keys["k"]: parse public key: no PEM block found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSecretsFile([]byte(tt.in), "s.json")
			if tt.wantErr != "" {
				var se *secretsError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &se) || se.Name != "s.json" {
					t.Fatalf("error %v, want a *secretsError containing %q (%s)", err, tt.wantErr, tt.reason)
				}
				return
			}
			if err != nil || !tt.check(s) {
				t.Errorf("secrets %+v, error %v (%s)", s, err, tt.reason)
			}
		})
	}
}

// secretValues lists every secret of s, revealed, without empty ones.
func secretValues(s Secrets) []string {
	var out []string
	for _, v := range []Secret{s.ConsumerSecret, s.TokenSecret} {
		if !v.IsEmpty() {
			out = append(out, v.Reveal())
		}
	}
	for _, m := range []map[string]Secret{s.ConsumerSecrets, s.TokenSecrets} {
		for _, v := range m {
			if !v.IsEmpty() {
				out = append(out, v.Reveal())
			}
		}
	}
	return out
}

// maskSecrets returns s with every secret replaced by "x" repeated to the
// same number of characters.
func maskSecrets(s Secrets) Secrets {
	mask := func(v Secret) Secret { return NewSecret(strings.Repeat("x", v.Len())) }
	m := s
	m.ConsumerSecret, m.TokenSecret = mask(s.ConsumerSecret), mask(s.TokenSecret)
	m.ConsumerSecrets, m.TokenSecrets = nil, nil
	for k, v := range s.ConsumerSecrets {
		if m.ConsumerSecrets == nil {
			m.ConsumerSecrets = map[string]Secret{}
		}
		m.ConsumerSecrets[k] = mask(v)
	}
	for k, v := range s.TokenSecrets {
		if m.TokenSecrets == nil {
			m.TokenSecrets = map[string]Secret{}
		}
		m.TokenSecrets[k] = mask(v)
	}
	return m
}

// TestSecretsNeverPrinted checks that Secrets printed by fmt with any verb
// or marshalled to JSON show "[redacted N chars]" for each secret, never a
// secret, whatever its length.
func TestSecretsNeverPrinted(t *testing.T) {
	s := Secrets{ConsumerSecret: NewSecret("kd94 hf/93"), HasConsumerSecret: true, TokenSecret: NewSecret("é"),
		ConsumerSecrets: secretMap(map[string]string{"k": "kd94 hf/93-long"}), TokenSecrets: secretMap(map[string]string{"t": "a"}),
		CaptureTokenSecrets: map[string]CaptureSecret{"c": {Secret: NewSecret("capturedsecret"), Source: "the response of entry #0"}}}
	j, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	outs := []string{string(j)}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		outs = append(outs, fmt.Sprintf(verb, s), fmt.Sprintf(verb, &s))
	}
	for _, out := range outs {
		for _, v := range []string{"kd94", "hf/93", "é", `"a"`, ":a", " a", "captured"} {
			if strings.Contains(out, v) {
				t.Errorf("%q shows %q", out, v)
			}
		}
		for _, want := range []string{"[redacted 10 chars]", "[redacted 1 chars]", "[redacted 15 chars]", "[redacted 14 chars]"} {
			if !strings.Contains(out, want) {
				t.Errorf("%q does not show %q", out, want)
			}
		}
	}
}

// TestParseSecretsFileBOM checks that a UTF-8 byte order mark, as Windows
// editors write, is ignored (issue 10 item 5).
func TestParseSecretsFileBOM(t *testing.T) {
	s, err := ParseSecretsFile([]byte("\ufeff{\"consumer_secret\": \"cs\"}"), "bom.json")
	if err != nil {
		t.Fatalf("a secrets file with a BOM: %v", err)
	}
	if s.ConsumerSecret.Reveal() != "cs" || !s.HasConsumerSecret {
		t.Errorf("consumer secret %q, want \"cs\"", s.ConsumerSecret.Reveal())
	}
}
