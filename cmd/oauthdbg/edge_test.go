package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/oauthdbg/oauthdbg/cmd/oauthdbg/internal/hargen"
)

// evil is what a hostile capture puts in a field: an OSC sequence that sets
// the terminal title, a CSI that clears the screen, CR, a C1 CSI, a line
// separator, a bidi override, and a raw 0xFF byte (invalid UTF-8).
const evil = "\x1b]0;pwned\x07\x1b[2J\r\u009b\u2028\u202e\xff"

// evilJSON is evil as a JSON string body; the 0xFF byte goes in raw, as a
// HAR written by a careless tool holds it.
func evilJSON() string {
	q, _ := json.Marshal(strings.ToValidUTF8(evil, ""))
	return strings.TrimSuffix(strings.TrimPrefix(string(q), `"`), `"`) + "\xff"
}

// TestEscapesEverywhere puts escape sequences and raw bytes in every field
// of a HAR entry (method, URL, header names and values, query, cookies,
// body, MIME type, startedDateTime, response) and in the file's own name,
// and checks each output format: text and Markdown hold no raw control
// byte, and JSON is valid JSON, one object a line (issue 8 §6).
func TestEscapesEverywhere(t *testing.T) {
	e := evilJSON()
	authJSON, _ := json.Marshal(hargen.Authorization(0, false))
	auth := string(authJSON)
	entry := func(method, url, hname, hval, body, mime, started, resp string) string {
		return `{"startedDateTime":"` + started + `","request":{"method":"` + method + `","url":"` + url + `","headers":[` +
			`{"name":"Authorization","value":` + auth + `},{"name":"` + hname + `","value":"` + hval + `"}],` +
			`"queryString":[{"name":"` + e + `","value":"` + e + `"}],"cookies":[{"name":"` + e + `","value":"` + e + `"}],` +
			`"postData":{"mimeType":"` + mime + `","text":"` + body + `"}},` +
			`"response":{"status":401,"statusText":"` + e + `","content":{"mimeType":"text/plain","text":"` + resp + `"}}}`
	}
	good := "https://api.example.com/1/items?id=0"
	entries := []string{
		entry("GET"+e, good, "X", "v", "", "text/plain", "2026-01-01T00:00:00Z", ""),
		entry("GET", good+"&x="+e, "X", "v", "", "text/plain", "2026-01-01T00:00:00Z", ""),
		entry("GET", "https://api.example.com/"+e, "X", "v", "", "text/plain", "2026-01-01T00:00:00Z", ""),
		entry("GET", good, "X"+e, e, "", "text/plain", "2026-01-01T00:00:00Z", ""),
		entry("POST", good, "Content-Type", "application/x-www-form-urlencoded", "a="+e, "application/x-www-form-urlencoded"+e, e, e),
		entry("GET", good, "Host", "api.example.com"+e, "", "text/plain", "2026-01-01T00:00:00Z", "oauth_problem="+e),
	}
	har := `{"log":{"version":"1.2","creator":{"name":"` + e + `"},"entries":[` + strings.Join(entries, ",") + `]}}`
	dir := t.TempDir()
	path := filepath.Join(dir, "capture"+strings.ReplaceAll(evil, "/", "")+".har")
	if err := os.WriteFile(path, []byte(har), 0o600); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	secrets := genSecrets(t)
	for _, format := range []string{"text", "markdown", "json"} {
		for _, extra := range [][]string{nil, {"--steps"}, {"--summary"}, {"--show-secrets"}} {
			name := format + strings.Join(extra, "")
			t.Run(name, func(t *testing.T) {
				var stdout, stderr bytes.Buffer
				args := append([]string{"check", "--format", format, "--secrets", secrets, "--now", hargen.Timestamp}, extra...)
				code := run(append(args, path), strings.NewReader(""), &stdout, &stderr)
				if code != 1 && code != 2 {
					t.Errorf("exit %d, want 1 (mismatches) or 2 (requests that cannot be checked)\n%s", code, stderr.String())
				}
				if i := rawControl(stderr.String()); i >= 0 {
					t.Errorf("stderr holds the raw control byte %#x at %d:\n%q", stderr.String()[i], i, stderr.String())
				}
				out := stdout.String()
				if format == "json" {
					sc := bufio.NewScanner(strings.NewReader(out))
					sc.Buffer(nil, 16<<20)
					n := 0
					for sc.Scan() {
						n++
						if !json.Valid(sc.Bytes()) {
							t.Errorf("line %d is not JSON: %q", n, sc.Text())
						}
						if i := rawControl(sc.Text()); i >= 0 {
							t.Errorf("line %d holds the raw byte %#x", n, sc.Text()[i])
						}
					}
					if n < len(entries) {
						t.Errorf("%d lines, want at least %d (one per entry)\n%s", n, len(entries), out)
					}
					return
				}
				if i := rawControl(out); i >= 0 {
					t.Errorf("stdout holds the raw control byte %#x at %d:\n%q", out[i], i, out[max(0, i-80):min(len(out), i+80)])
				}
				for _, bad := range []string{"\u2028", "\u202e", "\xff"} {
					if strings.Contains(out, bad) {
						t.Errorf("stdout holds %q raw", bad)
					}
				}
				if !strings.Contains(out, `\x1b]0;pwned\x07`) {
					t.Errorf("the escape sequence is not shown made visible:\n%s\n%s", out, stderr.String())
				}
			})
		}
	}
}

// failAfter is a stdout that takes n lines and then fails, as a pipe to
// head(1) does once head exits.
type failAfter struct {
	n    int
	seen int
}

func (f *failAfter) Write(p []byte) (int, error) {
	if f.seen >= f.n {
		return 0, errors.New("broken pipe")
	}
	f.seen += bytes.Count(p, []byte("\n"))
	return len(p), nil
}

// TestEndlessHARStdin feeds check an endless HAR of signed requests on
// stdin, as `producer | oauthdbg check --json - | head` does: reports flow
// out while the input is read, the heap stays flat, and the run ends once
// stdout is closed instead of judging the endless input for nobody.
func TestEndlessHARStdin(t *testing.T) {
	if testing.Short() {
		t.Skip("streams thousands of requests")
	}
	pr, pw := io.Pipe()
	gen := make(chan error, 1)
	go func() { gen <- hargen.Write(pw, hargen.Options{Entries: math.MaxInt32, BadEvery: 500}) }()
	out := &failAfter{n: 3000}
	var stderr bytes.Buffer
	done := make(chan int, 1)
	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			runtime.ReadMemStats(&ms) // stops the world: sampled, not in a loop
			peak = max(peak, ms.HeapAlloc)
		}
	}()
	go func() {
		done <- run([]string{"check", "--json", "--now", hargen.Timestamp, "--secrets", genSecrets(t), "-"}, pr, out, &stderr)
	}()
	code := <-done
	close(stop)
	<-sampled
	_ = pr.CloseWithError(errors.New("reader gone"))
	if err := <-gen; err == nil {
		t.Error("the generator ended on its own; the input was not endless")
	}
	if code != 2 || !strings.Contains(stderr.String(), "write the report to stdout: broken pipe") {
		t.Errorf("exit %d, want 2 with the write error\n%s", code, stderr.String())
	}
	if out.seen < out.n {
		t.Errorf("%d reports written before stdout closed, want %d", out.seen, out.n)
	}
	// HeapAlloc counts garbage not yet collected too; a stream that kept
	// its reports would pass this many times over (each is ~1 KB, and
	// with its request several).
	if peak > 64<<20 {
		t.Errorf("heap peaked at %d MiB over %d reports, want under 64 MiB", peak>>20, out.seen)
	}
	t.Logf("heap peaked at %.1f MiB over %s reports", float64(peak)/(1<<20), strconv.Itoa(out.seen))
}

// TestEscapeC1 checks that JSON output escapes C1 controls and decodes to
// the same value, leaving other non-ASCII text alone.
func TestEscapeC1(t *testing.T) {
	for _, in := range []string{"plain", "\u009b[2J", "a\u0080b\u009fc", "© é \u00a0", "\u009b\u00a9\u0085", "é"} {
		b, err := marshalJSON(in)
		if err != nil {
			t.Fatal(err)
		}
		var back string
		if err := json.Unmarshal(b, &back); err != nil || back != in {
			t.Errorf("%q: %s decodes to %q, %v", in, b, back, err)
		}
		if i := rawControl(string(b)); i >= 0 {
			t.Errorf("%q: %q holds a raw control byte at %d", in, b, i)
		}
	}
}

// TestFIFOInputs gives check's INPUT, its --secrets and a diff operand as
// named pipes, which yield their content to one read only, as <(cat file)
// does: each is read once, and the run gives the same answer as with files.
func TestFIFOInputs(t *testing.T) {
	dir := t.TempDir()
	feed := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := mkfifo(p); err != nil {
			t.Skipf("no FIFO here: %v", err)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			f, err := os.OpenFile(p, os.O_WRONLY, 0)
			if err != nil {
				return
			}
			_, _ = f.Write(data)
			_ = f.Close()
		}()
		return p
	}
	base := filepath.Join(dir, "base.txt")
	if err := os.WriteFile(base, []byte("GET&https%3A%2F%2Fa.example%2F&a%3D1"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args func() []string
		exit int
		out  string
	}{
		{"check-input-and-secrets", func() []string {
			return []string{"check", "--secrets", feed("secrets", demo("secrets.json")), "--now", "1767225600", feed("flow", demo("fail-flow.har"))}
		}, 1, "2 OAuth requests"},
		{"check-http-input", func() []string {
			return []string{"check", "--secrets", demo("secrets.json"), feed("req", demo("request-token.http"))}
		}, 0, "✓ signature valid"},
		{"diff-operand", func() []string { return []string{"diff", feed("a", base), base} }, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args(), strings.NewReader(""), &stdout, &stderr)
			if code != tc.exit || !strings.Contains(stdout.String(), tc.out) {
				t.Errorf("exit %d, want %d with %q\n%s\n%s", code, tc.exit, tc.out, stdout.String(), stderr.String())
			}
			if i := rawControl(stdout.String() + stderr.String()); i >= 0 {
				t.Errorf("the output holds a raw control byte at %d", i)
			}
		})
	}
}
