package compare

import (
	"errors"
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
				return s.ConsumerSecrets["k2"] == "s2" && s.TokenSecrets["t1"] == "ts1" && !s.HasConsumerSecret && !s.HasTokenSecret
			}, ""},
		{"single-empty-token", "an empty token secret is a value, not an absence",
			`{"consumer_secret": "cs", "token_secret": ""}`,
			func(s Secrets) bool {
				return s.ConsumerSecret == "cs" && s.HasConsumerSecret && s.TokenSecret == "" && s.HasTokenSecret
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
				var se *SecretsError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &se) || se.Name != "s.json" {
					t.Fatalf("error %v, want a *SecretsError containing %q (%s)", err, tt.wantErr, tt.reason)
				}
				return
			}
			if err != nil || !tt.check(s) {
				t.Errorf("secrets %+v, error %v (%s)", s, err, tt.reason)
			}
		})
	}
}

// TestParseSecretsFileBOM checks that a secrets file saved with a UTF-8 byte
// order mark, as Windows editors write it, is read.
func TestParseSecretsFileBOM(t *testing.T) {
	s, err := ParseSecretsFile([]byte("\xef\xbb\xbf{\"consumer_secrets\": {\"ck\": \"cs\"}}"), "bom.json")
	if err != nil || s.ConsumerSecrets["ck"] != "cs" {
		t.Fatalf("secrets %+v, err %v", s, err)
	}
}
