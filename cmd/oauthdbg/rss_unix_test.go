//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/oauthdbg/oauthdbg/cmd/oauthdbg/internal/hargen"
)

// TestBinaryRSS builds oauthdbg, generates a ~100 MB HAR of signed
// requests and checks that check --json over it stays under 64 MiB peak
// RSS (issue 8). It takes about ten seconds on two cores, so it runs only
// with OAUTHDBG_RSS_TEST=1:
//
//	OAUTHDBG_RSS_TEST=1 go test ./cmd/oauthdbg -run TestBinaryRSS -v
func TestBinaryRSS(t *testing.T) {
	if os.Getenv("OAUTHDBG_RSS_TEST") != "1" {
		t.Skip("set OAUTHDBG_RSS_TEST=1 to build the binary and measure its RSS on a ~100 MB HAR")
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
		ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if !ok {
			t.Skip("no rusage here")
		}
		rss := int64(ru.Maxrss) << 10 // kilobytes, except on Darwin
		if runtime.GOOS == "darwin" {
			rss = int64(ru.Maxrss)
		}
		t.Logf("--format %s over %.0f MB (%d entries): peak RSS %.1f MiB, user %v, system %v",
			format, float64(fi.Size())/1e6, o.Entries, float64(rss)/(1<<20),
			cmd.ProcessState.UserTime(), cmd.ProcessState.SystemTime())
		if rss > 64<<20 {
			t.Errorf("--format %s: peak RSS %d MiB, want under 64 MiB", format, rss>>20)
		}
	}
}
