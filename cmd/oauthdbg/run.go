package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// cli is one run of oauthdbg: its streams, its environment, its clock and its
// nonce source. Only run builds one from the real process; tests build their
// own with a fixed clock and nonce.
type cli struct {
	stdin     io.Reader
	stdout    io.Writer // the real stdout, consulted for --color=auto
	stderr    io.Writer
	lookupEnv func(string) (string, bool)
	now       func() time.Time
	nonce     func() (string, error)
	readFile  func(string) ([]byte, error)
	// ctx stops long-running commands (serve); nil is context.Background.
	ctx context.Context
	// serveReady, when set, is called with serve's base URL once it listens.
	serveReady func(baseURL string)
	// flowAuthorize, when set, is called with the authorize URL flow shows
	// the user, so that a test can play the user.
	flowAuthorize func(authorizeURL string)

	// out and errOut stage what the command prints; flush writes them to
	// stdout and stderr and empties them: check flushes after every report,
	// the other commands once at the end, so stdout is never held whole.
	// What reaches out is redacted by construction (compare.Report.Display
	// and the Text of each field). errOut goes through redact, which hides
	// the secrets of the command line as whole arguments, for the error
	// messages of a command line the flag parser could not read.
	out, errOut bytes.Buffer
	redact      func(string) string
	early       []string // secrets seen before the flags were parsed
	// show is --show-secrets: fields that hold secrets show them.
	show bool

	// files caches what readFile read, by path, for the run: a file given
	// as <(…), /dev/stdin or a FIFO can be read only once.
	files map[string]fileData
}

// fileData is one cached read of a file flag.
type fileData struct {
	data []byte
	err  error
}

// run runs oauthdbg with the process's environment, clock and randomness and
// returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{
		stdin:     stdin,
		stdout:    stdout,
		stderr:    stderr,
		lookupEnv: os.LookupEnv,
		now:       time.Now,
		nonce:     randomNonce,
	}
	c.readFile = c.readFileOnce
	return c.main(args)
}

// randomNonce returns 16 random bytes in hex (RFC 5849 §3.3: unique per
// timestamp and credentials).
func randomNonce() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generate nonce: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// The exit statuses.
const (
	exitOK      = 0 // every signature valid, no lint error
	exitProblem = 1 // a signature mismatch or a lint error
	exitUsage   = 2 // a usage or input error
)

// errProblem ends a run with status 1 after the report was printed.
var errProblem = errors.New("a signature did not verify or a lint error was found")

// cliError ends a run with a message, hints and an exit status. It keeps the
// exit policy in one place (main), the way govulncheck's exit-code errors do.
type cliError struct {
	code  int
	msg   string
	hints []string
}

// Error returns the message without the hints.
func (e *cliError) Error() string { return e.msg }

// usageErr is a usage or input error (status 2) with hints.
func usageErr(msg string, hints ...string) error {
	return &cliError{code: exitUsage, msg: msg, hints: hints}
}

// main runs the command in args and prints its output, then any error, each
// redacted.
func (c *cli) main(args []string) int {
	// Until the flags are parsed, hide what looks like a secret in the
	// arguments and the environment, so that a mistyped command line does
	// not print one in an error message.
	c.early = earlySecrets(args, c.lookupEnv, c.readFile)
	c.redact = newEarlyScrubber(c.early)
	err := c.dispatch(args)
	c.flush()
	code := exitOK
	if err != nil {
		var ce *cliError
		switch {
		case errors.Is(err, errProblem):
			code = exitProblem
		case errors.As(err, &ce):
			code = ce.code
			c.printError(ce.msg, ce.hints)
		default:
			code = exitUsage
			c.printError(err.Error(), nil)
		}
	}
	c.flushErr()
	return code
}

// flush writes what out holds to stdout and empties it.
func (c *cli) flush() {
	if c.out.Len() > 0 {
		_, _ = c.stdout.Write(c.out.Bytes())
		c.out.Reset()
	}
}

// writeRedacted writes a chunk rendered on a worker (redacted by
// construction) to stdout, after what out holds. Its error (stdout closed)
// ends a stream, which would otherwise judge an endless input for nobody.
//
// Chunks are gathered in out and written once out holds streamFlushBytes,
// or when the stream has no other report ready (flushStream), so that a
// stream of small reports costs one write per few hundred, not one each,
// and a slow stream still shows each report as soon as it is judged.
func (c *cli) writeRedacted(chunk []byte) error {
	c.out.Write(chunk)
	if c.out.Len() < streamFlushBytes {
		return nil
	}
	return c.flushStream()
}

// streamFlushBytes is how much output a stream gathers before it writes.
const streamFlushBytes = 64 << 10

// flushStream writes what out holds to stdout and reports a failed write.
func (c *cli) flushStream() error {
	if c.out.Len() == 0 {
		return nil
	}
	_, err := c.stdout.Write(c.out.Bytes())
	c.out.Reset()
	if err != nil {
		return fmt.Errorf("write the report to stdout: %w", err)
	}
	return nil
}

// flushErr writes what errOut holds to stderr, redacted, and empties it.
func (c *cli) flushErr() {
	if c.errOut.Len() > 0 {
		_, _ = io.WriteString(c.stderr, c.redact(c.errOut.String()))
		c.errOut.Reset()
	}
}

// printError writes "oauthdbg: error: …" and one "oauthdbg: hint: …" line per hint.
func (c *cli) printError(msg string, hints []string) {
	for i, line := range strings.Split(strings.TrimRight(msg, "\n"), "\n") {
		if i == 0 {
			fmt.Fprintf(&c.errOut, "oauthdbg: error: %s\n", line)
		} else {
			fmt.Fprintf(&c.errOut, "oauthdbg:        %s\n", line)
		}
	}
	for _, h := range hints {
		fmt.Fprintf(&c.errOut, "oauthdbg: hint: %s\n", h)
	}
}

func (c *cli) dispatch(args []string) error {
	if len(args) == 0 {
		return usageErr("no command given", "to check a request, run: oauthdbg check URL|FILE|-", "run 'oauthdbg --help' for usage")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "check":
		return c.check(rest)
	case "sign":
		return c.sign(rest)
	case "diff":
		return c.diff(rest)
	case "explain":
		return c.explain(rest)
	case "serve":
		return c.serve(rest)
	case "flow":
		return c.flow(rest)
	case "-h", "--help", "help":
		if cmd == "help" && len(rest) > 0 {
			if u, ok := commandUsage[rest[0]]; ok {
				fmt.Fprint(&c.out, u)
				return nil
			}
			return usageErr(fmt.Sprintf("unknown help topic %q", rest[0]), "commands: check, sign, diff, explain")
		}
		fmt.Fprint(&c.out, usage)
		return nil
	case "--version", "version":
		fmt.Fprintf(&c.out, "oauthdbg %s\n", version())
		return nil
	}
	if looksLikeInput(cmd) {
		return usageErr(fmt.Sprintf("unknown command %q", truncate(cmd, 60)),
			"to check this request, run: oauthdbg check "+shellQuote(truncate(cmd, 200)))
	}
	return usageErr(fmt.Sprintf("unknown command %q", truncate(cmd, 60)),
		"commands: check, sign, diff, explain; run 'oauthdbg --help' for usage")
}

// looksLikeInput reports whether a misplaced first argument is probably the
// input of check: a URL, stdin, or a path.
func looksLikeInput(s string) bool {
	return s == "-" || strings.Contains(s, "://") || strings.ContainsAny(s, "/.\\") && !strings.HasPrefix(s, "-")
}

// version returns the module version the binary was built from.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// newFlagSet returns a flag set that reports errors instead of printing or
// exiting, keeps flags in declaration order and prints nothing by itself.
func (c *cli) newFlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet("oauthdbg "+name, pflag.ContinueOnError)
	fs.SetOutput(&c.errOut)
	fs.SortFlags = false
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args; on -h/--help it prints the command's usage and
// reports done. Any other error is a usage error (status 2).
func (c *cli) parseFlags(fs *pflag.FlagSet, args []string, name string) (done bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprint(&c.out, commandUsage[name])
			return true, nil
		}
		return true, usageErr(err.Error(), fmt.Sprintf("run 'oauthdbg %s --help' for usage", name))
	}
	return false, nil
}

// truncate shortens s to n bytes for messages.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,+%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
