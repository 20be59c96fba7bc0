package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestRunSignRandom runs sign through run itself, with the process's clock
// and crypto/rand nonces: two runs give different nonces, the timestamp is
// now, and check verifies what sign printed.
func TestRunSignRandom(t *testing.T) {
	args := []string{"sign", "--json", "--consumer-key", "ck", "--consumer-secret", "cs-random-test", "https://api.example.com/1/user"}
	var nonces []string
	for i := 0; i < 2; i++ {
		var stdout, stderr bytes.Buffer
		before := time.Now().Unix()
		if code := run(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("sign: exit %d\n%s", code, stderr.String())
		}
		var s signed
		if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		for _, p := range s.OAuthParams {
			switch p.Name {
			case "oauth_nonce":
				if len(p.Value) != 32 {
					t.Errorf("nonce %q: want 32 hex digits", p.Value)
				}
				nonces = append(nonces, p.Value)
			case "oauth_timestamp":
				ts, err := strconv.ParseInt(p.Value, 10, 64)
				if err != nil || ts < before || ts > time.Now().Unix() {
					t.Errorf("timestamp %q is not the current time", p.Value)
				}
			}
		}
		var out, errOut bytes.Buffer
		if code := run([]string{"check", "--consumer-secret", "cs-random-test", "-"}, strings.NewReader(s.Curl), &out, &errOut); code != 0 {
			t.Errorf("check of sign's curl command: exit %d\n%s%s", code, out.String(), errOut.String())
		}
	}
	if len(nonces) != 2 || nonces[0] == nonces[1] {
		t.Errorf("nonces %q: want two different ones", nonces)
	}
}

// TestUseColor checks the --color decision, made from the stdout given to
// run and the environment, never from fatih/color's globals.
func TestUseColor(t *testing.T) {
	tty, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	if fi, err := tty.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Skip(os.DevNull, "is not a character device here")
	}
	cases := []struct {
		name   string
		mode   colorMode
		file   bool
		env    map[string]string
		want   bool
		reason string
	}{
		{"always-buffer", colorAlways, false, nil, true, "--color=always forces color into a pipe"},
		{"always-no-color", colorAlways, true, map[string]string{"NO_COLOR": "1"}, true, "the flag wins over NO_COLOR"},
		{"never-tty", colorNever, true, nil, false, "--color=never on a terminal"},
		{"auto-buffer", colorAuto, false, nil, false, "auto: a pipe or buffer is not a terminal"},
		{"auto-tty", colorAuto, true, nil, true, "auto: a character device counts as a terminal"},
		{"auto-no-color", colorAuto, true, map[string]string{"NO_COLOR": "1"}, false, "NO_COLOR set"},
		{"auto-no-color-empty", colorAuto, true, map[string]string{"NO_COLOR": ""}, true, "an empty NO_COLOR does not count (no-color.org)"},
		{"auto-dumb", colorAuto, true, map[string]string{"TERM": "dumb"}, false, "TERM=dumb"},
	}
	for _, tc := range cases {
		c, _, _ := testCLI("", tc.env)
		if tc.file {
			c.stdout = tty
		}
		if got := c.useColor(tc.mode); got != tc.want {
			t.Errorf("%s (%s): useColor = %v, want %v", tc.name, tc.reason, got, tc.want)
		}
	}
	// The palette follows the decision, whatever fatih/color's globals say.
	if s := newPalette(true).bad.Sprint("x"); !strings.Contains(s, "\x1b[") {
		t.Errorf("palette with color: %q has no escape code", s)
	}
	if s := newPalette(false).bad.Sprint("x"); s != "x" {
		t.Errorf("palette without color: %q", s)
	}
}

// FuzzCheckStdin feeds arbitrary input to check: whatever it is, check
// exits 0, 1 or 2, prints no stack trace, and writes an error message when
// it exits 2.
func FuzzCheckStdin(f *testing.F) {
	for _, name := range []string{"access-token.curl", "request-token.http", "api-user.url", "api-user.header", "fail-flow.har"} {
		data, err := os.ReadFile("../../testdata/demo/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("curl 'https://x.example/?oauth_signature=a' -H 'Authorization: OAuth oauth_consumer_key=\"k\"")
	f.Add("GET / HTTP/1.1\r\nHost: x\r\nAuthorization: OAuth oauth_signature=\"%zz\"\r\n\r\n")
	f.Add(`{"log": {"entries": [{"request": {"method": "GET", "url": "https://x/?oauth_signature=1&oauth_signature_method=RSA-SHA1"}}]}}`)
	f.Fuzz(func(t *testing.T, input string) {
		c, stdout, stderr := testCLI(input, nil)
		code := c.main([]string{"check", "--consumer-secret", "cs", "--token-secret", "ts", "-"})
		if code < 0 || code > 2 {
			t.Fatalf("exit %d", code)
		}
		if code == 2 && !strings.Contains(stderr.String(), "oauthdbg: error: ") {
			t.Fatalf("exit 2 without an error message:\nstdout: %s\nstderr: %s", stdout, stderr)
		}
		if strings.Contains(stderr.String(), "goroutine ") || strings.Contains(stderr.String(), "panic") {
			t.Fatalf("stack trace on stderr: %s", stderr)
		}
	})
}
