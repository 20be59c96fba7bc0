//go:build unix

package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/oauthdbg/oauthdbg/cmd/oauthdbg/internal/hargen"
)

// TestBinaryRSS builds oauthdbg, generates a ~100 MB HAR of signed
// requests and checks that check --json over it stays under 64 MiB peak
// RSS (issue 8); and that a HAR whose one 20 MB body is cut at the reader's
// 16 MiB limit is judged unchecked within a few times the part kept. It
// takes about ten seconds on two cores; -short skips it:
//
//	go test ./cmd/oauthdbg -run TestBinaryRSS -v
func TestBinaryRSS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and measures its RSS on a ~100 MB HAR")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "oauthdbg")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	har := filepath.Join(dir, "big.har")
	f, err := os.Create(har)
	if err != nil {
		t.Fatal(err)
	}
	o := hargen.Options{Entries: 120000, BadEvery: 1000}
	if err := hargen.Write(f, o); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(har)
	for _, format := range []string{"json", "text"} {
		cmd := exec.Command(bin, "check", "--format", format, "--now", hargen.Timestamp, "--secrets", genSecrets(t), har)
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Fatalf("--format %s: %v, want exit status 1 (a few mismatches)", format, err)
		}
		rss := peakRSS(t, cmd)
		t.Logf("--format %s over %.0f MB (%d entries): peak RSS %.1f MiB, user %v, system %v",
			format, float64(fi.Size())/1e6, o.Entries, float64(rss)/(1<<20),
			cmd.ProcessState.UserTime(), cmd.ProcessState.SystemTime())
		if rss > 64<<20 {
			t.Errorf("--format %s: peak RSS %d MiB, want under 64 MiB", format, rss>>20)
		}
	}

	// One 20 MB form body, cut at 16 MiB: the reader keeps 16 MiB, the
	// engine builds one base string over it, and nothing explains or
	// traces it (it was about 7 GB once, then 316 MiB).
	cut := filepath.Join(dir, "cut.har")
	body := "status=" + strings.Repeat("a", 20_000_000)
	auth := `OAuth oauth_consumer_key="ck", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1767225600", oauth_nonce="n", oauth_version="1.0", oauth_signature="abc%3D"`
	doc := `{"log":{"version":"1.2","entries":[{"request":{"method":"POST","url":"https://api.example.com/1/update","headers":[{"name":"Authorization","value":` +
		strconv.Quote(auth) + `},{"name":"Content-Type","value":"application/x-www-form-urlencoded"}],"postData":{"mimeType":"application/x-www-form-urlencoded","text":"` + body + `"}}}]}}`
	if err := os.WriteFile(cut, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"json", "text"} {
		cmd := exec.Command(bin, "check", "--format", format, "--consumer-secret", "cs", "--now", "1767225600", cut)
		cmd.Stdout = io.Discard
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Fatalf("cut body, --format %s: %v, want exit status 2 (unchecked)", format, err)
		}
		rss := peakRSS(t, cmd)
		t.Logf("cut 20 MB body, --format %s: peak RSS %.1f MiB", format, float64(rss)/(1<<20))
		if rss > 256<<20 {
			t.Errorf("cut body, --format %s: peak RSS %d MiB, want under 256 MiB (16 times the 16 MiB kept)", format, rss>>20)
		}
	}

	// A 60 MB curl command with a wrong signature: a mismatch (exit 1)
	// whose base string alone is over the search budget, so that neither
	// the search nor the steps are built (it took 1.4 GB once).
	curl := filepath.Join(dir, "big.curl")
	cmdline := "curl 'https://api.example.com/1/update' -H " + strconv.Quote("Authorization: "+auth) +
		" -H 'Content-Type: application/x-www-form-urlencoded' --data-raw 'status=" + strings.Repeat("a", 60_000_000) + "'\n"
	if err := os.WriteFile(curl, []byte(cmdline), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	cmd := exec.Command(bin, "check", "--consumer-secret", "cs", "--now", "1767225600", curl)
	cmd.Stdout = &out
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("60 MB curl: %v, want exit status 1 (a mismatch)", err)
	}
	if !strings.Contains(out.String(), "so not one rebuild fits") || !strings.Contains(out.String(), "signature mismatch") {
		t.Errorf("60 MB curl: the report does not say the request is too large to search:\n%.2000s", out.String())
	}
	rss := peakRSS(t, cmd)
	t.Logf("60 MB curl with a wrong signature: peak RSS %.1f MiB", float64(rss)/(1<<20))
	if rss > 768<<20 {
		t.Errorf("60 MB curl: peak RSS %d MiB, want under 768 MiB (about 13 times the request)", rss>>20)
	}
}

// peakRSS returns the peak resident set of the finished command, in bytes.
func peakRSS(t *testing.T, cmd *exec.Cmd) int64 {
	t.Helper()
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no rusage here")
	}
	if runtime.GOOS == "darwin" {
		return int64(ru.Maxrss) // bytes there
	}
	return int64(ru.Maxrss) << 10 // kilobytes
}
