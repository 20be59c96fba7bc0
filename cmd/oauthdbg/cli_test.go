package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testNow is the clock of every test run: a minute after the demo captures
// were signed, so that their timestamps are fresh.
var testNow = time.Unix(demoTimestamp+60, 0).UTC()

// testCLI returns a cli with a fixed clock and nonce, the given environment
// only, and the given stdin.
func testCLI(stdin string, env map[string]string) (*cli, *bytes.Buffer, *bytes.Buffer) {
	var stdout, stderr bytes.Buffer
	n := 0
	c := &cli{
		stdin:  strings.NewReader(stdin),
		stdout: &stdout,
		stderr: &stderr,
		lookupEnv: func(k string) (string, bool) {
			v, ok := env[k]
			return v, ok
		},
		now: func() time.Time { return testNow },
		nonce: func() (string, error) {
			n++
			return "testnonce" + strconv.Itoa(n), nil
		},
		readFile: os.ReadFile,
	}
	return c, &stdout, &stderr
}

// repoRoot is the module root, where README commands and scripts run.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
