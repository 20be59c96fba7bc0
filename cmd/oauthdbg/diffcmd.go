package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/oauthdbg/oauthdbg/compare"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// baseStringRE matches the start of a signature base string: a method, "&",
// then an encoded absolute URI (RFC 5849 §3.4.1.1).
var baseStringRE = regexp.MustCompile(`^[A-Za-z]+&[A-Za-z][A-Za-z0-9+.-]*%3[Aa]%2[Ff]%2[Ff]`)

// diffJSON is diff's --json output.
type diffJSON struct {
	SchemaVersion int            `json:"schema_version"`
	Equal         bool           `json:"equal"`
	A             string         `json:"a"`
	B             string         `json:"b"`
	Parts         []diffPartJSON `json:"parts"`
	Hints         []diffHintJSON `json:"mistakes"`
}

type diffPartJSON struct {
	Part string `json:"part"`
	A    string `json:"a"`
	B    string `json:"b"`
}

type diffHintJSON struct {
	ID     string `json:"id"`
	Part   string `json:"part"`
	Detail string `json:"detail"`
}

func (c *cli) diff(args []string) error {
	var asJSON bool
	mode := colorAuto
	fs := c.newFlagSet("diff")
	fs.BoolVar(&asJSON, "json", false, "")
	fs.Var(&mode, "color", "")
	if done, err := c.parseFlags(fs, args, "diff"); done {
		return err
	}
	if fs.NArg() != 2 {
		return usageErr(fmt.Sprintf("diff takes two base strings or files, got %d", fs.NArg()),
			"run: oauthdbg diff server-base.txt client-base.txt")
	}
	if fs.Arg(0) == "-" && fs.Arg(1) == "-" {
		return usageErr(`only one of A and B can be "-" (standard input)`)
	}
	a, la, err := c.loadBaseString(fs.Arg(0), "A")
	if err != nil {
		return err
	}
	b, lb, err := c.loadBaseString(fs.Arg(1), "B")
	if err != nil {
		return err
	}
	d := compare.DiffBaseStrings(a, b)
	hints := compare.DiffHints(d)
	if asJSON {
		out := diffJSON{SchemaVersion: compare.SchemaVersion, Equal: d.Equal(), A: a, B: b,
			Parts: []diffPartJSON{}, Hints: []diffHintJSON{}}
		for _, p := range d.Parts {
			out.Parts = append(out.Parts, diffPartJSON{p.Part, p.A, p.B})
		}
		for _, h := range hints {
			out.Hints = append(out.Hints, diffHintJSON{h.ID, h.Part, h.Detail})
		}
		enc := json.NewEncoder(&c.out)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		p := newPalette(c.useColor(mode))
		w := &c.out
		if d.Equal() {
			fmt.Fprintf(w, "%s the base strings are identical\n", p.good.Sprint("="))
			return nil
		}
		fmt.Fprintf(w, "%s the base strings differ in %s\n\n", p.bad.Sprint("≠"), plural(len(d.Parts), "part"))
		if err := renderDiff(w, d, la, lb, diffStyle(p)); err != nil {
			return err
		}
		if len(hints) > 0 {
			fmt.Fprintf(w, "\n%s\n", p.bold.Sprint("what the difference shows:"))
			for _, h := range hints {
				title := ""
				if m, ok := compare.Lookup(h.ID); ok {
					title = m.Title + ": "
				}
				fmt.Fprintf(w, "  %s%s (%s) [%s]\n", title, h.Detail, h.Part, h.ID)
			}
		} else {
			fmt.Fprintf(w, "\nno catalogue mistake explains this difference by itself\n")
		}
		fmt.Fprintln(w)
		tip(w, p, "'oauthdbg explain ID' describes a mistake; 'oauthdbg check' with the secrets confirms it")
	}
	if !d.Equal() {
		return errProblem
	}
	return nil
}

// loadBaseString reads one side of diff: "-" (stdin), a file, or the base
// string itself. A file or stdin holding a request rather than a base string
// is read as one and its base string built (RFC 5849 §3.4.1).
func (c *cli) loadBaseString(arg, side string) (text, label string, err error) {
	var data []byte
	name := arg
	switch {
	case arg == "-":
		if data, err = readLimited(c.stdin, diffOperandLimit); err != nil {
			return "", "", usageErr(fmt.Sprintf("read %s from stdin: %v", side, err),
				"a base string or a request is at most "+byteSize(diffOperandLimit))
		}
		name = "stdin"
	case baseStringRE.MatchString(arg):
		return arg, side, nil
	default:
		data, err = c.readFileLimit(arg, diffOperandLimit)
		if errors.Is(err, errTooLarge) {
			return "", "", usageErr(err.Error(), "a base string or a request is at most "+byteSize(diffOperandLimit))
		}
		if err != nil {
			hint := "each of A and B is a base string (GET&https%3A%2F%2F…), a file, or \"-\""
			if !errors.Is(err, os.ErrNotExist) {
				hint = ""
			}
			return "", "", usageErr(unwrapPathError(err).Error(), hint)
		}
	}
	s := strings.TrimSpace(string(data))
	if baseStringRE.MatchString(s) {
		return s, name, nil
	}
	var req *inspect.Request
	err = inspect.Read(bytes.NewReader(data), inspect.ReadOptions{Name: name}, func(r *inspect.Request) error {
		if req == nil {
			req = r
		}
		return nil
	})
	if err != nil {
		return "", "", inputErr(fmt.Errorf("%s is neither a base string nor a request: %w", name, err))
	}
	if req == nil {
		return "", "", usageErr(fmt.Sprintf("%s holds no request", name))
	}
	// The base string as check builds it (the same reading of the scheme
	// and the Host header), without secrets or search.
	rep, err := compare.Check(req, compare.Secrets{}, compare.Options{NoSearch: true})
	if err != nil {
		return "", "", inputErr(err)
	}
	return rep.BaseString, name, nil
}

// plural writes "1 part" or "3 parts".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
