package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEClaims checks what the README says of secrets and RSA against
// what the commands do: the order secrets are tried in and which one the
// report names, token secrets taken from a HAR's own responses, and an RSA
// mismatch explained with the public key alone.
func TestREADMEClaims(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, claim := range []string{
		"For each request they are tried in this order, and the report\nsays which verified",
		"They apply to every key and token, after the file's entry for it when there is one.",
		"the entries after them are checked with it",
		"each rebuild of the search is\n  verified with the public key",
	} {
		if !strings.Contains(string(readme), claim) {
			t.Errorf("the README no longer says %q: update this test with it", claim)
		}
	}
	source := func(t *testing.T, stdin string, args ...string) (string, string, bool) {
		t.Helper()
		c, stdout, stderr := testCLI(stdin, nil)
		c.main(append([]string{"check", "--json"}, args...))
		var rep struct {
			Valid   bool `json:"valid"`
			Reading struct {
				Consumer string `json:"consumer_secret_source"`
				Token    string `json:"token_secret_source"`
			} `json:"reading"`
			Cause *struct {
				IDs []string `json:"ids"`
			} `json:"cause"`
		}
		if err := json.Unmarshal([]byte(strings.SplitN(stdout.String(), "\n", 2)[0]), &rep); err != nil {
			t.Fatalf("%v\n%s%s", err, stdout, stderr)
		}
		cause := ""
		if rep.Cause != nil {
			cause = strings.Join(rep.Cause.IDs, "+")
		}
		return rep.Reading.Consumer + " / " + rep.Reading.Token, cause, rep.Valid
	}
	demoSecrets := filepath.Join(repoRoot(t), "testdata", "demo", "secrets.json")
	url, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "demo", "api-user.url"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("file first, then flags", func(t *testing.T) {
		// The file's entry is right: it is the one named, though the flags are wrong.
		src, _, valid := source(t, "", "--secrets", demoSecrets, "--consumer-secret", "wrong", "--token-secret", "wrong", "--now", "1767225625", strings.TrimSpace(string(url)))
		if !valid || src != `consumer_secrets["dEmOkEy7Xq2mVz4Lp9"] / token_secrets["dEmOaCcEsStOkEn8Tf"]` {
			t.Errorf("valid %v, sources %q", valid, src)
		}
		// The flags are right and the file has no entry for the token: the flag is named.
		src, _, valid = source(t, "", "--consumer-secret", "dEmOcOnSuMeRsEcReT5Wn8Rk", "--token-secret", "dEmOaCcEsSsEcReT2Yd", "--now", "1767225625", strings.TrimSpace(string(url)))
		if !valid || src != "consumer_secret / token_secret" {
			t.Errorf("valid %v, sources %q", valid, src)
		}
	})
	t.Run("token secrets from the HAR's responses", func(t *testing.T) {
		c, stdout, stderr := testCLI("", nil)
		code := c.main([]string{"check", "--json", "--consumer-secret", "dEmOcOnSuMeRsEcReT5Wn8Rk", "--now", "1767225630", filepath.Join(repoRoot(t), "testdata", "demo", "flow.har")})
		if code != 0 || strings.Count(stdout.String(), `"token_secret_source":"oauth_token_secret from the response of`) != 2 {
			t.Errorf("exit %d; want the access_token and API entries verified with the secrets of the responses before them:\n%s%s", code, stdout, stderr)
		}
	})
	t.Run("RSA explained with the public key", func(t *testing.T) {
		priv, pub := writeRSAKey(t)
		c, stdout, stderr := testCLI("", nil)
		if code := c.main([]string{"sign", "--json", "--consumer-key", "ck", "--signature-method", "RSA-SHA1", "--private-key", priv,
			"--mistake", "plus-for-space", "-d", "status=hello world", "https://api.example.com/1/update"}); code != 0 {
			t.Fatalf("sign: exit %d\n%s", code, stderr)
		}
		var s signed
		if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		_, cause, valid := source(t, s.Curl, "--public-key", pub, "-")
		if valid || cause != "plus-for-space" {
			t.Errorf("valid %v, cause %q; want plus-for-space explained with the public key alone", valid, cause)
		}
	})
}
