package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNotesReachUser checks that every note a reader records reaches the
// user in every output format (issue 8 §4): on a valid HAR entry, which a
// stream otherwise shows as a table row only, on a failing one, and on a
// single request that cannot be checked at all (its notes go to stderr
// before the error).
func TestNotesReachUser(t *testing.T) {
	data, err := os.ReadFile(demo("fail-flow.har"))
	if err != nil {
		t.Fatal(err)
	}
	// Every entry gets a startedDateTime the HAR reader notes as not a time.
	har := regexp.MustCompile(`"startedDateTime":\s*"[^"]*"`).ReplaceAll(data, []byte(`"startedDateTime": "yesterday"`))
	dir := t.TempDir()
	harPath := filepath.Join(dir, "notes.har")
	httpPath := filepath.Join(dir, "frag.http")
	if err := os.WriteFile(harPath, har, 0o600); err != nil {
		t.Fatal(err)
	}
	raw := "GET /r?a=1#frag HTTP/1.1\nHost: api.example.com\nAuthorization: OAuth oauth_consumer_key=\"k\", oauth_signature_method=\"HMAC-SHA1\"\n\n"
	if err := os.WriteFile(httpPath, []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	const harNote = `is not an RFC 3339 time: Started is left empty` // the quotes around "yesterday" differ in JSON
	const httpNote = `dropped the fragment "#frag" from the request target`
	tests := []struct {
		name, format string
		in           string
		exit         int
		stdoutNotes  int // times harNote appears on stdout
		stderr       string
	}{
		// fail-flow.har has two signed entries: #0 valid, #2 a mismatch.
		{"har-text", "text", harPath, 1, 2, ""},
		{"har-markdown", "markdown", harPath, 1, 2, ""},
		{"har-json", "json", harPath, 1, 2, ""},
		{"error-text", "text", httpPath, 2, 0, httpNote},
		{"error-markdown", "markdown", httpPath, 2, 0, httpNote},
		{"error-json", "json", httpPath, 2, 0, httpNote},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"check", "--format", tc.format, "--secrets", demo("secrets.json"), "--now", "1767225600", tc.in},
				strings.NewReader(""), &stdout, &stderr)
			if code != tc.exit {
				t.Errorf("exit %d, want %d\n%s\n%s", code, tc.exit, stdout.String(), stderr.String())
			}
			if n := strings.Count(stdout.String(), harNote); n != tc.stdoutNotes {
				t.Errorf("the HAR note is on stdout %d times, want %d (one per signed entry, valid or not)\n%s", n, tc.stdoutNotes, stdout.String())
			}
			if tc.stderr != "" && !strings.Contains(stderr.String(), "note: "+tc.stderr) {
				t.Errorf("stderr lacks the note %q\n%s", tc.stderr, stderr.String())
			}
			if tc.stderr != "" && strings.Index(stderr.String(), "note:") > strings.Index(stderr.String(), "error:") {
				t.Errorf("the notes come after the error\n%s", stderr.String())
			}
		})
	}
}
