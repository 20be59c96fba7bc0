package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// helpExamples returns the "$ oauthdbg …" example lines of a help text,
// continuation lines joined and "# …" comments dropped.
func helpExamples(help string) []string {
	var out []string
	lines := strings.Split(help, "\n")
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(l, "$ ") {
			continue
		}
		l = strings.TrimPrefix(l, "$ ")
		for strings.HasSuffix(l, `\`) && i+1 < len(lines) {
			i++
			l = strings.TrimSuffix(l, `\`) + strings.TrimSpace(lines[i])
		}
		if j := strings.Index(l, "  #"); j >= 0 {
			l = strings.TrimSpace(l[:j])
		}
		out = append(out, l)
	}
	return out
}

// TestHelpExamples runs every example of every --help text as printed, with
// bash, in a directory holding the files the examples name (made from
// testdata/demo) and the secrets they name in the environment: each must
// end with status 0 or 1 (never a usage or input error) and print no error.
// pbpaste is a script printing a captured request. The serve example is
// started on a free port and stopped; the flow examples need a person to
// grant access (or Bitbucket itself) and are only checked to name existing
// flags, by the flag parser, with --help appended.
func TestHelpExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs every example")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not available")
	}
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq is not available (one example pipes into it)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "oauthdbg"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	demo := filepath.Join(repoRoot(t), "testdata", "demo")
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(filepath.Join(work, "testdata", "demo"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"secrets.json":               "secrets.json",
		"request.http":               "fail-double-encoded-callback.http",
		"capture.har":                "flow.har",
		"monday.har":                 "flow.har",
		"tuesday.har":                "fail-flow.har",
		"signed.url":                 "api-user.url",
		"auth.header":                "api-user.header",
		"testdata/demo/secrets.json": "secrets.json",
	}
	for name, from := range files {
		data, err := os.ReadFile(filepath.Join(demo, from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bases := map[string]string{
		"server-base.txt": "GET&https%3A%2F%2Fapi.example.com%2F1%2Fsearch&oauth_consumer_key%3Dk%26q%3Dhello%2520world\n",
		"client-base.txt": "GET&https%3A%2F%2Fapi.example.com%2F1%2Fsearch&oauth_consumer_key%3Dk%26q%3Dhello%2Bworld\n",
	}
	for name, data := range bases {
		if err := os.WriteFile(filepath.Join(work, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pbpaste := "#!/bin/sh\ncat " + filepath.Join(demo, "fail-plus-for-space.url") + "\n"
	if err := os.WriteFile(filepath.Join(bin, "pbpaste"), []byte(pbpaste), 0o755); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "NO_COLOR=1", "CI=true",
		"CS=dEmOcOnSuMeRsEcReT5Wn8Rk", "TS=dEmOaCcEsSsEcReT2Yd")

	helps := map[string]string{"oauthdbg": usage, "check": checkUsage, "sign": signUsage, "diff": diffUsage,
		"explain": explainUsage, "serve": serveUsage, "flow": flowUsage}
	ran := 0
	for cmd, help := range helps {
		for _, ex := range helpExamples(help) {
			t.Run(cmd+"/"+ex, func(t *testing.T) {
				line := ex
				switch {
				case strings.HasPrefix(line, "oauthdbg serve"):
					line = serveOnFreePort(t, line)
				case strings.HasPrefix(line, "oauthdbg flow"):
					line += " --help"
				}
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				c := exec.CommandContext(ctx, bash, "-o", "pipefail", "-c", line)
				c.Dir, c.Env = work, env
				var stdout, stderr bytes.Buffer
				c.Stdout, c.Stderr = &stdout, &stderr
				err := c.Run()
				code := 0
				if ee, ok := err.(*exec.ExitError); ok {
					code = ee.ExitCode()
				} else if err != nil {
					t.Fatalf("%s: %v", line, err)
				}
				if code > 1 || strings.Contains(stderr.String(), "error:") {
					t.Errorf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", line, code, stdout.String(), stderr.String())
				}
				if stdout.Len() == 0 {
					t.Errorf("%s: printed nothing", line)
				}
			})
			ran++
		}
	}
	if ran < 12 {
		t.Errorf("ran %d examples; the help texts hold more", ran)
	}
}

// serveOnFreePort returns a command that runs the serve example on a free
// loopback port for a second, asks it for its page, and stops it.
func serveOnFreePort(t *testing.T, line string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return line + " --listen " + addr + " & pid=$!; for i in $(seq 50); do curl -sf http://" + addr + "/ >/dev/null && break; sleep 0.1; done; curl -sf http://" + addr + "/ | head -c 100; kill -INT $pid; wait $pid"
}
