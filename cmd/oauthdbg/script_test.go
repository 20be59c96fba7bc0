package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// exitFileEnv names the file where the oauthdbg command of a script writes
// its exit status, for the script's "status" command to read.
const exitFileEnv = "OAUTHDBG_TEST_EXIT_FILE"

// TestMain lets the test binary run as oauthdbg inside scripts: "exec
// oauthdbg …" runs run in a subprocess with the test clock and nonce.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"oauthdbg": func() {
			code := scriptMain(os.Args[1:])
			if f := os.Getenv(exitFileEnv); f != "" {
				_ = os.WriteFile(f, []byte(strconv.Itoa(code)), 0o644)
			}
			os.Exit(code)
		},
	})
}

// scriptMain is run with the process's streams and environment but the
// tests' fixed clock and nonces, so that script output is deterministic.
func scriptMain(args []string) int {
	c, _, _ := testCLI("", nil)
	c.stdin, c.stdout, c.stderr = os.Stdin, os.Stdout, os.Stderr
	c.lookupEnv = os.LookupEnv
	return c.main(args)
}

// TestScripts runs testdata/script/*.txtar with testscript. Each script
// runs in its own $WORK, where testdata links to the repository's testdata
// so that paths in commands and output read as from the module root. The
// custom command "status N" checks the exit status of the last oauthdbg
// run. go test ./cmd/oauthdbg -update rewrites the cmp targets.
func TestScripts(t *testing.T) {
	root := repoRoot(t)
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join(root, "testdata", "script"),
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv(exitFileEnv, filepath.Join(env.WorkDir, ".exit-status"))
			return os.Symlink(filepath.Join(root, "testdata"), filepath.Join(env.WorkDir, "testdata"))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: status N")
				}
				data, err := os.ReadFile(ts.Getenv(exitFileEnv))
				ts.Check(err)
				if got := strings.TrimSpace(string(data)); got != args[0] {
					ts.Fatalf("exit status %s, want %s", got, args[0])
				}
			},
		},
	})
}

// TestScriptsHaveComments requires every script to start with a comment
// saying what it checks.
func TestScriptsHaveComments(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "script", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scripts in testdata/script")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "#") {
			t.Errorf("%s: the comment saying what the case checks is missing", f)
		}
	}
}
