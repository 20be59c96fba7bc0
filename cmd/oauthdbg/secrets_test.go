package main

import (
	"strings"
	"testing"
)

func TestEarlyScrubber(t *testing.T) {
	cases := []struct{ name, in, want, why string }{
		{"quoted", `invalid argument "x" for "--color" flag`, `invalid argument "[redacted 1 chars]" for "--color" flag`, "pflag quotes the argument"},
		{"version", `oauth_version=1.0&x=1`, `oauth_version=1.0&x=1`, "a value inside other text is left alone"},
		{"json", `{"schema_version":1,"n":"x1"}`, `{"schema_version":1,"n":"x1"}`, "JSON stays JSON"},
		{"placeholder", `[redacted 1 chars]`, `[redacted 1 chars]`, "a placeholder is never redacted again"},
		{"go-quoted", `open "a\"b": no such file`, `open "[redacted 3 chars]": no such file`, "the %q form of a value"},
		{"whole", `x`, `[redacted 1 chars]`, "the whole message"},
	}
	scrub := newEarlyScrubber([]string{"x", "1", `a"b`, ""})
	for _, tc := range cases {
		if got := scrub(tc.in); got != tc.want {
			t.Errorf("%s (%s): got %q, want %q", tc.name, tc.why, got, tc.want)
		}
	}
}

// TestPathArgNotEchoed: a key, JSON or long secret given where a path was
// expected is described, never echoed (issue 8 §5).
func TestPathArgNotEchoed(t *testing.T) {
	pemPriv := "-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretkeymaterial\n-----END RSA PRIVATE KEY-----\n"
	pemPub := "-----BEGIN PUBLIC KEY-----\nMIIBpublickeymaterial\n-----END PUBLIC KEY-----"
	jsonObj := `{"consumer_secret": "jsonsecretvalue"}`
	long := strings.Repeat("longsecretvalue", 20)
	cases := []struct {
		args    []string
		want    string
		content string
	}{
		{[]string{"check", "--secrets", jsonObj, "-"}, "--secrets: the value looks like a JSON object, not a file path", "jsonsecretvalue"},
		{[]string{"check", "--secrets", "[1]", "-"}, "--secrets: the value looks like a JSON array", "[1]"},
		{[]string{"check", "--public-key", pemPub, "-"}, "--public-key: the value looks like a PEM public key or certificate", "publickeymaterial"},
		{[]string{"sign", "--consumer-key", "ck", "--signature-method", "RSA-SHA1", "--private-key", pemPriv, "https://x.example/"}, "--private-key: the value looks like a PEM private key", "secretkeymaterial"},
		{[]string{"check", "--secrets", long, "-"}, "--secrets: the value looks like text of 300 characters", "longsecretvalue"},
		{[]string{"check", "--secrets", "a\nb", "-"}, "--secrets: the value looks like text of several lines", "a\nb"},
	}
	for _, tc := range cases {
		c, stdout, stderr := testCLI("", nil)
		code := c.main(tc.args)
		out := stdout.String() + stderr.String()
		if code != 2 || !strings.Contains(out, tc.want) {
			t.Errorf("oauthdbg %q: exit %d, output %q, want exit 2 and %q", tc.args, code, out, tc.want)
		}
		if strings.Contains(out, tc.content) {
			t.Errorf("oauthdbg %q: output echoes the value: %q", tc.args, out)
		}
	}
	// A path that does not exist is quoted, terminal-safe.
	c, _, stderr := testCLI("", nil)
	c.main([]string{"check", "--secrets", "no/such\x1b.json", "-"})
	if want := `read secrets file "no/such\\x1b.json": no such file or directory`; !strings.Contains(stderr.String(), want) {
		t.Errorf("missing file: stderr %q, want %q", stderr, want)
	}
}
