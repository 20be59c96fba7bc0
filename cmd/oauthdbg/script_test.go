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

// archive is a txtar archive: a comment, then named files.
type archive struct {
	comment string
	files   []archiveFile
}

type archiveFile struct {
	name string
	data string
}

// parseArchive reads txtar: "-- name --" lines start files; text before the
// first marker is the comment. There are no syntax errors.
func parseArchive(data string) *archive {
	a := &archive{}
	cur := -1
	var b strings.Builder
	flush := func() {
		if cur < 0 {
			a.comment = b.String()
		} else {
			a.files[cur].data = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			a.files = append(a.files, archiveFile{name: strings.TrimSpace(trimmed[3 : len(trimmed)-3])})
			cur = len(a.files) - 1
			continue
		}
		b.WriteString(line)
	}
	flush()
	return a
}

func (a *archive) format() string {
	var b strings.Builder
	b.WriteString(a.comment)
	for _, f := range a.files {
		b.WriteString("-- " + f.name + " --\n")
		b.WriteString(f.data)
		if f.data != "" && !strings.HasSuffix(f.data, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func (a *archive) get(name string) (string, bool) {
	for _, f := range a.files {
		if f.name == name {
			return f.data, true
		}
	}
	return "", false
}

func (a *archive) set(name, data string) {
	for i := range a.files {
		if a.files[i].name == name {
			a.files[i].data = data
			return
		}
	}
	a.files = append(a.files, archiveFile{name, data})
}

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

// TestScripts runs every testdata/script/*.txtar case through run in
// process, from the module root: "args" holds one argument per line ($WORK
// is the case's temporary directory, where every section other than args,
// stdin, env, stdout, stderr and exit is written as a file), "env" NAME=VALUE
// lines (the whole environment), "stdin" the standard input; stdout, stderr
// and exit are compared, with $WORK put back for the directory. -update
// rewrites them.
func TestScripts(t *testing.T) {
	root := repoRoot(t)
	files, err := filepath.Glob(filepath.Join(root, "testdata", "script", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scripts in testdata/script")
	}
	t.Chdir(root)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(string(data))
			if strings.TrimSpace(a.comment) == "" {
				t.Errorf("%s: the comment saying what the case checks is missing", file)
			}
			work := t.TempDir()
			env := map[string]string{}
			var args []string
			stdin, _ := a.get("stdin")
			for _, f := range a.files {
				switch f.name {
				case "args":
					if f.data == "" {
						break
					}
					for _, line := range strings.Split(strings.TrimSuffix(f.data, "\n"), "\n") {
						args = append(args, strings.ReplaceAll(line, "$WORK", work))
					}
				case "env":
					for _, line := range strings.Split(strings.TrimSpace(f.data), "\n") {
						if k, v, ok := strings.Cut(line, "="); ok {
							env[k] = v
						}
					}
				case "stdin", "stdout", "stderr", "exit":
				default:
					p := filepath.Join(work, f.name)
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			if _, ok := a.get("args"); !ok {
				t.Fatalf("%s: no args section", file)
			}
			c, stdout, stderr := testCLI(stdin, env)
			code := c.main(args)
			got := map[string]string{
				"stdout": strings.ReplaceAll(stdout.String(), work, "$WORK"),
				"stderr": strings.ReplaceAll(stderr.String(), work, "$WORK"),
				"exit":   strconv.Itoa(code) + "\n",
			}
			for _, bad := range []string{"panic", "goroutine ", ".go:"} {
				if strings.Contains(got["stderr"], bad) {
					t.Errorf("stderr holds %q, like a stack trace:\n%s", bad, got["stderr"])
				}
			}
			if *update {
				for _, k := range []string{"stdout", "stderr", "exit"} {
					a.set(k, got[k])
				}
				if err := os.WriteFile(file, []byte(a.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, k := range []string{"exit", "stdout", "stderr"} {
				want, _ := a.get(k)
				if got[k] != want {
					t.Errorf("%s differs (run go test ./cmd/oauthdbg -update to accept)\n--- want\n%s--- got\n%s", k, want, got[k])
				}
			}
		})
	}
}
