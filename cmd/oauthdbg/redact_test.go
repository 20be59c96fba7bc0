package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// Distinctive secrets: each holds characters that percent-encoding,
// form-encoding and JSON escaping change, so that every form can be told
// apart.
const (
	leakConsumerSecret = "Cs9+Leak/Me=Zq~x y"
	leakTokenSecret    = "Ts7&Leak\"Me%Wv!"
	leakFileSecret     = "Fs3+File/Leak*Kp"
	leakFileToken      = "Ft5 File&Leak=Rm"
)

// secretForms lists the ways a secret can show up in output.
func secretForms(v string) []string {
	enc := basestring.Encode(v)
	forms := []string{v, enc, basestring.Encode(enc), url.QueryEscape(v), url.PathEscape(v),
		string(basestring.AppendEncodeLowerHex(nil, v))}
	for _, f := range append([]string(nil), forms...) {
		q := strconv.Quote(f)
		forms = append(forms, jsonEscape(f), jsonEscapeHTML(f), q[1:len(q)-1])
	}
	return forms
}

// TestNoSecretInOutput runs many commands with distinctive secrets, from
// flags, the environment and a secrets file, and fails if any secret, in
// any form, appears on stdout or stderr without --show-secrets.
func TestNoSecretInOutput(t *testing.T) {
	t.Chdir(repoRoot(t))
	dir := t.TempDir()
	secretsFile := filepath.Join(dir, "secrets.json")
	sf, _ := json.Marshal(map[string]any{
		"consumer_secrets": map[string]string{"filekey": leakFileSecret},
		"token_secrets":    map[string]string{"filetok": leakFileToken},
	})
	if err := os.WriteFile(secretsFile, sf, 0o600); err != nil {
		t.Fatal(err)
	}
	badSecrets := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badSecrets, []byte(`{"consumer_secrets": {"k": "`+leakFileSecret+`" "x"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	flags := []string{"--consumer-secret", leakConsumerSecret, "--token-secret", leakTokenSecret}
	env := map[string]string{envConsumerSecret: leakConsumerSecret, envTokenSecret: leakTokenSecret}
	stamp := []string{"--timestamp", "1767225600", "--nonce", "leaknonce"}

	// Requests signed correctly and with mistakes, to check in every form.
	sign := func(extra ...string) *signed {
		args := append(append(append([]string{"sign", "--json", "--consumer-key", "ck", "--token", "tok"}, stamp...), flags...), extra...)
		c, stdout, stderr := testCLI("", nil)
		if code := c.main(args); code != 0 {
			t.Fatalf("sign: exit %d\n%s", code, stderr)
		}
		var s signed
		if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		return &s
	}
	good := sign("-d", "status=a b", "https://api.example.com/1/update")
	swapped := sign("--mistake", "key-swapped-secrets", "https://api.example.com/1/user")
	plaintext := sign("--signature-method", "PLAINTEXT", "--show-secrets", "https://api.example.com/1/user")
	// PLAINTEXT in the query, and sent encoded twice (the secrets then
	// appear encoded three times on the wire, twice in the report).
	plaintextQuery := sign("--signature-method", "PLAINTEXT", "--show-secrets", "--transport", "query", "https://api.example.com/1/user?x=1")
	plaintextTwice := sign("--signature-method", "PLAINTEXT", "--show-secrets", "--mistake", "signature-not-encoded", "https://api.example.com/1/user")
	fileSigned := func() *signed {
		args := append([]string{"sign", "--json", "--consumer-key", "filekey", "--token", "filetok", "--secrets", secretsFile}, stamp...)
		args = append(args, "--mistake", "key-missing-token-secret", "https://api.example.com/1/user")
		c, stdout, stderr := testCLI("", nil)
		if code := c.main(args); code != 0 {
			t.Fatalf("sign: exit %d\n%s", code, stderr)
		}
		var s signed
		if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		return &s
	}()
	har := filepath.Join(dir, "capture.har")
	if err := os.WriteFile(har, []byte(harFile(t, []harEntry{
		harFromSigned(good, 0, 200, "text/plain", "ok"),
		harFromSigned(swapped, 1, 401, "text/plain", "Could not verify OAuth request."),
		harFromSigned(plaintext, 2, 401, "text/plain", "oauth_problem=signature_invalid"),
		harFromSigned(plaintextQuery, 3, 200, "text/plain", "ok"),
		harFromSigned(plaintextTwice, 4, 401, "text/plain", "oauth_problem=signature_invalid"),
	})), 0o600); err != nil {
		t.Fatal(err)
	}

	type run struct {
		args  []string
		stdin string
		env   map[string]string
	}
	var runs []run
	for _, s := range []*signed{good, swapped, plaintext, plaintextQuery, plaintextTwice} {
		for _, out := range [][]string{nil, {"--json"}, {"--markdown"}, {"--steps"}, {"--steps", "--json"}, {"-q"}, {"--color=always"}} {
			runs = append(runs,
				run{args: append(append(append([]string{"check"}, flags...), out...), "-"), stdin: s.Curl},
				run{args: append(append([]string{"check"}, out...), "-"), stdin: s.Curl, env: env},
			)
		}
	}
	runs = append(runs,
		run{args: []string{"check", "--secrets", secretsFile, "-"}, stdin: fileSigned.Curl},
		run{args: []string{"check", "--secrets", secretsFile, "--json", "-"}, stdin: fileSigned.Curl},
		run{args: []string{"check", "--secrets", secretsFile, "--markdown", "--steps", "-"}, stdin: fileSigned.Curl},
		run{args: append(append([]string{"check"}, flags...), har)},
		run{args: append(append([]string{"check", "--json"}, flags...), har)},
		run{args: append(append([]string{"check", "--markdown", "--steps"}, flags...), har)},
		run{args: append(append([]string{"check", "--markdown"}, flags...), har)},
		run{args: append(append([]string{"check", "--steps"}, flags...), har)},
		run{args: append(append([]string{"sign", "--json", "--consumer-key", "ck", "--token", "tok", "--signature-method", "PLAINTEXT", "--transport", "query"}, flags...), "https://api.example.com/1/user")},
		run{args: append(append([]string{"sign", "--consumer-key", "ck", "--token", "tok", "--signature-method", "PLAINTEXT", "--transport", "body"}, flags...), "-d", "a=1", "https://api.example.com/1/user")},
		run{args: append(append([]string{"sign", "--consumer-key", "ck", "--token", "tok", "--signature-method", "PLAINTEXT", "--mistake", "signature-not-encoded"}, flags...), "https://api.example.com/1/user")},
		run{args: append(append([]string{"check", "--client-base-string", swapped.BaseString}, flags...), "-"), stdin: swapped.Curl},
		run{args: append(append([]string{"sign", "--consumer-key", "ck", "--token", "tok"}, flags...), "https://api.example.com/1/user")},
		run{args: append(append([]string{"sign", "--consumer-key", "ck", "--token", "tok", "--signature-method", "PLAINTEXT"}, flags...), "https://api.example.com/1/user")},
		run{args: append(append([]string{"sign", "--json", "--consumer-key", "ck", "--token", "tok", "--signature-method", "PLAINTEXT"}, flags...), "https://api.example.com/1/user")},
		run{args: append(append([]string{"sign", "--consumer-key", "ck", "--token", "tok", "--mistake", "key-secrets-not-encoded"}, flags...), "https://api.example.com/1/user")},
		run{args: []string{"sign", "--consumer-key", "ck", "https://api.example.com/1/user"}, env: env},
		run{args: []string{"diff", swapped.CorrectBaseString, swapped.BaseString}},
		// Errors: the secret must not leak into messages either.
		run{args: []string{"check", "--secrets", badSecrets, "-"}, stdin: good.Curl},
		run{args: append(append([]string{"check"}, flags...), "--now", leakConsumerSecret, "-"), stdin: good.Curl},
		run{args: append(append([]string{"check"}, flags...), "--bogus-flag", leakTokenSecret)},
		run{args: []string{"check", "--consumer-secret", "--token-secret", leakTokenSecret}},
		run{args: []string{"check", "--color", leakConsumerSecret, "--consumer-secret=" + leakConsumerSecret, "-"}},
		run{args: []string{"check", "--secrets", secretsFile, "--color", leakFileSecret, "-"}},
		run{args: append(append([]string{"check"}, flags...), "-"), stdin: "curl '" + leakTokenSecret},
		run{args: append(append([]string{"sign"}, flags...), "--consumer-key", "ck", "--timestamp", leakConsumerSecret, "https://x.example/")},
		run{args: append(append([]string{"check"}, flags...), "https://api.example.com/1/user?oauth_consumer_key=ck&oauth_signature="+url.QueryEscape(leakConsumerSecret))},
	)
	var forms []string
	for _, v := range []string{leakConsumerSecret, leakTokenSecret, leakFileSecret, leakFileToken} {
		forms = append(forms, secretForms(v)...)
	}
	for i, r := range runs {
		c, stdout, stderr := testCLI(r.stdin, r.env)
		code := c.main(r.args)
		for _, stream := range []struct {
			name, text string
		}{{"stdout", stdout.String()}, {"stderr", stderr.String()}} {
			for _, f := range forms {
				if strings.Contains(stream.text, f) {
					t.Errorf("run %d (oauthdbg %s, exit %d): %s holds the secret form %q:\n%s", i, strings.Join(r.args, " "), code, stream.name, f, stream.text)
				}
			}
		}
		if stdout.Len()+stderr.Len() == 0 {
			t.Errorf("run %d (oauthdbg %s): no output at all", i, strings.Join(r.args, " "))
		}
		if slices.Contains(r.args, "--json") && code != exitUsage {
			if err := validJSON(stdout.String()); err != nil {
				t.Errorf("run %d (oauthdbg %s): invalid JSON: %v\n%s", i, strings.Join(r.args, " "), err, stdout)
			}
		}
		if cut := cutFromText(stdout.String()); cut != "" {
			t.Errorf("run %d (oauthdbg %s): a placeholder is cut into other text: %q", i, strings.Join(r.args, " "), cut)
		}
	}

	// The test can see a leak: with --show-secrets, a PLAINTEXT signature
	// shows the secrets.
	c, stdout, _ := testCLI("", nil)
	c.main(append(append([]string{"sign", "--show-secrets", "--consumer-key", "ck", "--token", "tok", "--signature-method", "PLAINTEXT"}, flags...), "https://api.example.com/1/user"))
	if !strings.Contains(stdout.String(), basestring.Encode(leakConsumerSecret)) {
		t.Errorf("with --show-secrets the PLAINTEXT signature should show the consumer secret:\n%s", stdout)
	}
}

// placeholderRE finds redaction placeholders.
var placeholderRE = regexp.MustCompile(`\[redacted \d+ chars\]`)

// cutFromText reports a placeholder that stands inside unrelated text: next
// to a letter, digit or "." (as in "oauth_version=[redacted 1 chars].0"),
// unless it follows a percent escape such as "%26" or a JSON one ("\u0026").
func cutFromText(s string) string {
	for _, m := range placeholderRE.FindAllStringIndex(s, -1) {
		i, end := m[0], m[1]
		jsonEsc := i >= 6 && s[i-6:i-4] == `\u` // "\u0026" is & in JSON
		if i > 0 && (isAlnum(s[i-1]) || s[i-1] == '.') && !afterEscape(s, i) && !jsonEsc {
			return s[max(0, i-20):min(len(s), end+20)]
		}
		if end < len(s) && (isAlnum(s[end]) || s[end] == '.') {
			return s[max(0, i-20):min(len(s), end+20)]
		}
		if inPlaceholder(s, i) {
			return s[max(0, i-20):min(len(s), end+20)]
		}
	}
	return ""
}

// validJSON says s is a sequence of JSON values (one, or JSON Lines).
func validJSON(s string) error {
	dec := json.NewDecoder(strings.NewReader(s))
	for {
		var v any
		if err := dec.Decode(&v); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// TestSecretLeakMatrix signs and checks requests with secrets of length 1,
// 2, 7 and 25 and with characters that need encoding, in every output mode,
// and asserts that no form of a secret appears, that no placeholder is cut
// into other text and that JSON stays valid (issue 8 §5).
func TestSecretLeakMatrix(t *testing.T) {
	secrets := []struct{ name, cs, ts string }{
		{"len1", "x", "y"},
		{"len2", "ab", "cd"},
		{"len7", "Q7w+E/r", "Zk9~Lp%"},
		{"len25", "Cs9+Le/ab cd&ef=gh%ij~klm", "Ts7&Leak\"Me%Wv!Qz+Tok/en"},
		{"encode", "a+b/c", "ü"},
	}
	for _, sc := range secrets {
		for _, method := range []string{"HMAC-SHA1", "PLAINTEXT"} {
			flags := []string{"--consumer-secret", sc.cs, "--token-secret", sc.ts}
			c, stdout, stderr := testCLI("", nil)
			args := append([]string{"sign", "--json", "--show-secrets", "--consumer-key", "ck", "--token", "tok", "--signature-method", method,
				"--timestamp", "1767225600", "--nonce", "leaknonce"}, flags...)
			if code := c.main(append(args, "https://api.example.com/1/user?status=a%20b")); code != 0 {
				t.Fatalf("sign: exit %d\n%s", code, stderr)
			}
			var s signed
			if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
				t.Fatal(err)
			}
			modes := map[string][]string{
				"sign-text":       append(append([]string{"sign", "--consumer-key", "ck", "--token", "tok", "--signature-method", method}, flags...), "https://api.example.com/1/user"),
				"sign-json":       append(append([]string{"sign", "--json", "--consumer-key", "ck", "--token", "tok", "--signature-method", method}, flags...), "https://api.example.com/1/user"),
				"check-text":      append(append([]string{"check"}, flags...), "-"),
				"check-json":      append(append([]string{"check", "--json"}, flags...), "-"),
				"check-markdown":  append(append([]string{"check", "--markdown"}, flags...), "-"),
				"check-steps":     append(append([]string{"check", "--steps"}, flags...), "-"),
				"check-stepsjson": append(append([]string{"check", "--steps", "--json"}, flags...), "-"),
			}
			for mode, margs := range modes {
				t.Run(sc.name+"/"+method+"/"+mode, func(t *testing.T) {
					c, stdout, stderr := testCLI(s.Curl, nil)
					code := c.main(margs)
					out := stdout.String() + stderr.String()
					var problems []string
					if code == 2 {
						problems = append(problems, fmt.Sprintf("exit 2: %s", stderr))
					}
					if strings.Contains(mode, "json") {
						if err := validJSON(stdout.String()); err != nil {
							problems = append(problems, fmt.Sprintf("invalid JSON: %v", err))
						}
					}
					if cut := cutFromText(out); cut != "" {
						problems = append(problems, fmt.Sprintf("placeholder cut into text: %q", cut))
					}
					for _, v := range []string{sc.cs, sc.ts} {
						if utf8.RuneCountInString(v) < 3 && v != "ü" {
							continue // any text holds one or two letters; the checks above catch mangling
						}
						for _, f := range append(secretForms(v), strconv.Quote(v), strconv.QuoteToASCII(v)) {
							if strings.Contains(out, f) {
								problems = append(problems, fmt.Sprintf("holds the secret form %q", f))
							}
						}
					}
					if len(problems) == 0 {
						return
					}
					t.Errorf("oauthdbg %q:\n%s\n%s", margs, strings.Join(problems, "\n"), out)
				})
			}
		}
	}
}

// TestShowSecretsConsistent: with --show-secrets a PLAINTEXT signature is
// shown as itself in every field of sign and check (issue 8 §5).
func TestShowSecretsConsistent(t *testing.T) {
	cs, ts := "a+b/c", "Tok~en7"
	flags := []string{"--show-secrets", "--consumer-secret", cs, "--token-secret", ts}
	var s signed
	c, stdout, stderr := testCLI("", nil)
	if code := c.main(append(append([]string{"sign", "--json", "--consumer-key", "ck", "--token", "tok", "--signature-method", "PLAINTEXT"}, flags...), "https://api.example.com/1/user")); code != 0 {
		t.Fatalf("sign: exit %d\n%s", code, stderr)
	}
	if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	sig := basestring.Encode(cs) + "&" + basestring.Encode(ts)
	for name, field := range map[string]string{"signature": s.Signature, "authorization": s.Authorization, "signed_url": s.SignedURL, "curl": s.Curl} {
		if !strings.Contains(field, sig) && !strings.Contains(field, basestring.Encode(sig)) {
			t.Errorf("sign --json --show-secrets: %s = %q lacks the signature %q", name, field, sig)
		}
	}
	var rep struct {
		Signature struct{ Supplied, Expected string } `json:"signature"`
	}
	c, stdout, stderr = testCLI(s.Curl, nil)
	c.main(append(append([]string{"check", "--json"}, flags...), "-"))
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s%s", err, stdout, stderr)
	}
	if rep.Signature.Supplied != sig || rep.Signature.Expected != sig {
		t.Errorf("check --json --show-secrets: signature %+v, want %q in both", rep.Signature, sig)
	}

	// In the query: the URL line, the steps and signature.supplied show
	// the signature itself, encoded as sent.
	c, stdout, stderr = testCLI("", nil)
	if code := c.main(append(append([]string{"sign", "--json", "--consumer-key", "ck", "--token", "tok", "--signature-method", "PLAINTEXT", "--transport", "query"}, flags...), "https://api.example.com/1/user")); code != 0 {
		t.Fatalf("sign: exit %d\n%s", code, stderr)
	}
	if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	wire := basestring.Encode(sig)
	for _, tc := range []struct {
		mode   []string
		places int // the URL line, and in the text steps the query quoted
	}{{[]string{"--steps"}, 2}, {[]string{"--markdown", "--steps"}, 1}} {
		mode := tc.mode
		c, stdout, _ = testCLI(s.Curl, nil)
		c.main(append(append(append([]string{"check"}, mode...), flags...), "--consumer-secret", "other", "-"))
		out := stdout.String()
		if n := strings.Count(out, wire); n < tc.places {
			t.Errorf("check %q --show-secrets: the sent signature %q is in %d places, want the URL line and the steps:\n%s", mode, wire, n, out)
		}
		if !strings.Contains(out, sig) {
			t.Errorf("check %q --show-secrets: signature sent %q is not shown:\n%s", mode, sig, out)
		}
		if strings.Contains(out, "[redacted") {
			t.Errorf("check %q --show-secrets: a placeholder is shown:\n%s", mode, out)
		}
	}
}

// jsonEscape returns s as it appears inside a JSON string written by
// encoding/json with HTML escaping off.
func jsonEscape(s string) string { return jsonString(s, false) }

// jsonEscapeHTML returns s as json.Marshal writes it inside a string, with
// <, > and & escaped.
func jsonEscapeHTML(s string) string { return jsonString(s, true) }

func jsonString(s string, html bool) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	_ = enc.Encode(s)
	out := strings.TrimSuffix(b.String(), "\n")
	return out[1 : len(out)-1]
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// afterEscape says s[:i] ends with a percent escape such as "%26" (or
// "%2526", the escape encoded once more).
func afterEscape(s string, i int) bool {
	return i >= 3 && s[i-3] == '%' && isHex(s[i-2]) && isHex(s[i-1]) ||
		i >= 5 && s[i-5:i-2] == "%25" && isHex(s[i-2]) && isHex(s[i-1])
}
