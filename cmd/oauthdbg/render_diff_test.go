package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fatih/color"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/oauthdbg/oauthdbg/compare"
)

// TestRenderDiffGolden checks the plain rendering of each pair of base
// strings in compare/testdata/diff against the archive's want section;
// -update rewrites it (compare's own test checks the parts and hints).
func TestRenderDiffGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "compare", "testdata", "diff", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no compare/testdata/diff/*.txtar cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string]int{}
			for i, f := range ar.Files {
				sections[f.Name] = i
			}
			ia, okA := sections["a"]
			ib, okB := sections["b"]
			iw, okW := sections["want"]
			if !okA || !okB || !okW {
				t.Fatalf("%s: want sections a, b and want", file)
			}
			a := strings.TrimSuffix(string(ar.Files[ia].Data), "\n")
			b := strings.TrimSuffix(string(ar.Files[ib].Data), "\n")
			var out bytes.Buffer
			if err := renderDiff(&out, compare.DiffBaseStrings(a, b), "correct", "client", diffColors{}); err != nil {
				t.Fatal(err)
			}
			if *update {
				ar.Files[iw].Data = out.Bytes()
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(ar.Files[iw].Data); out.String() != want {
				t.Errorf("%s: rendering differs (run go test ./cmd/oauthdbg -update to accept)\ngot:\n%s\nwant:\n%s", file, out.String(), want)
			}
		})
	}
}

// TestRenderDiffColor pins the escape codes of a colored diff: the markers
// and the changed characters of a changed line in the delete and insert
// colors, the elision line faint.
func TestRenderDiffColor(t *testing.T) {
	del, ins, faint := color.New(color.FgRed), color.New(color.FgGreen), color.New(color.Faint)
	for _, c := range []*color.Color{del, ins, faint} {
		c.EnableColor()
	}
	d := compare.DiffBaseStrings(
		"GET&https%3A%2F%2Fh%2Fp&a%3D1%26b%3D2%26c%3Dx%2520y",
		"GET&https%3A%2F%2Fh%2Fp&a%3D1%26b%3D2%26c%3Dx%252520y",
	)
	var out bytes.Buffer
	if err := renderDiff(&out, d, "correct", "client", diffColors{del: del, ins: ins, faint: faint}); err != nil {
		t.Fatal(err)
	}
	const (
		red   = "\x1b[31m"
		green = "\x1b[32m"
		dim   = "\x1b[2m"
		reset = "\x1b[0m"
	)
	want := red + "-correct" + reset + " " + green + "+client" + reset + "\n" +
		"  GET\n" +
		"  https://h/p\n" +
		dim + "  … 2 identical parameters" + "\x1b[22m" + "\n" +
		red + "-" + reset + " c=x%20y\n" +
		green + "+" + reset + " c=x%" + green + "25" + reset + "20y\n"
	if out.String() != want {
		t.Errorf("colored render =\n%q\nwant\n%q", out.String(), want)
	}

	// The same diff plain marks lines only.
	out.Reset()
	if err := renderDiff(&out, d, "correct", "client", diffColors{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "\x1b") {
		t.Errorf("plain render has escape codes: %q", out.String())
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderDiffErrors(t *testing.T) {
	err := renderDiff(failWriter{}, compare.DiffBaseStrings("GET&a&b", "GET&a&c"), "a", "b", diffColors{})
	if err == nil || err.Error() != "render diff: disk full" {
		t.Errorf("error = %v, want the write error wrapped", err)
	}
	if err := renderDiff(&bytes.Buffer{}, nil, "a", "b", diffColors{}); err == nil {
		t.Error("a nil diff rendered without error")
	}
}

func TestRenderDiffUnprintable(t *testing.T) {
	d := compare.DiffBaseStrings("GET&http%3A%2F%2Fh%2F&a%3D1", "GET&http%3A%2F%2Fh%2F&a%3D1\x1b[2J\n")
	var out bytes.Buffer
	if err := renderDiff(&out, d, "correct", "server", diffColors{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "\x1b") || strings.Count(out.String(), "\n") != 5 {
		t.Errorf("control characters not quoted:\n%s", out.String())
	}
	if !strings.Contains(out.String(), `+ "a=1\x1b[2J\n"`) {
		t.Errorf("changed line not shown quoted:\n%s", out.String())
	}
}

// TestRenderDiffSecrets checks that a diff whose other base string holds a
// PLAINTEXT signature (a mistake signed it) shows it as a placeholder, with
// and without colors, and as it is with --show-secrets.
func TestRenderDiffSecrets(t *testing.T) {
	a := "GET&https%3A%2F%2Fex.com%2F&a%3D1%26oauth_version%3D1.0"
	b := "GET&https%3A%2F%2Fex.com%2F&a%3D1%26oauth_signature%3Dx%2526yz%26oauth_version%3D1.0"
	rep := &compare.Report{SignatureMethod: "PLAINTEXT", Diff: compare.DiffBaseStrings(a, b)}
	on := color.New(color.FgRed)
	on.EnableColor()
	for _, style := range []diffColors{{}, {del: on, ins: on, faint: on}} {
		var hidden, shown bytes.Buffer
		if err := renderDiff(&hidden, rep.Display(false, visible).Diff, "correct", "cause", style); err != nil {
			t.Fatal(err)
		}
		if err := renderDiff(&shown, rep.Display(true, visible).Diff, "correct", "cause", style); err != nil {
			t.Fatal(err)
		}
		for _, form := range []string{"x%26yz", "=x", "yz"} {
			if strings.Contains(hidden.String(), form) {
				t.Errorf("the redacted diff holds %q:\n%s", form, hidden.String())
			}
		}
		if !strings.Contains(hidden.String(), "+ oauth_signature=[redacted ") {
			t.Errorf("the redacted diff does not show the placeholders:\n%s", hidden.String())
		}
		if !strings.Contains(regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(shown.String(), ""), "x%26yz") {
			t.Errorf("with --show-secrets the diff does not show the signature:\n%s", shown.String())
		}
	}
}
