package compare

import (
	"fmt"
	"github.com/rogpeppe/go-internal/txtar"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// formatServer writes an extraction result as the want section of a
// testdata/serverbase case.
func formatServer(r ServerBaseString, ok bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ok: %v\n", ok)
	for _, f := range [][2]string{
		{"provider", r.Provider},
		{"base_string", r.BaseString},
		{"signature", r.Signature},
		{"received", r.Received},
		{"problem", r.Problem},
	} {
		if f[1] != "" {
			fmt.Fprintf(&b, "%s: %s\n", f[0], f[1])
		}
	}
	return b.String()
}

// TestExtractServerBaseString reads each error body in testdata/serverbase
// and checks the fields found; -update rewrites the want sections.
func TestExtractServerBaseString(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "serverbase", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/serverbase/*.txtar cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ar := txtar.Parse(data)
			if strings.TrimSpace(string(ar.Comment)) == "" {
				t.Errorf("%s: no comment saying where the body comes from", file)
			}
			body, ok := archiveFile(ar, "body")
			if !ok {
				t.Fatalf("%s: no body section", file)
			}
			r, found := ExtractServerBaseString(body)
			got := formatServer(r, found)
			if diffUpdate() {
				setArchiveFile(ar, "want", got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want, _ := archiveFile(ar, "want"); got != want {
				t.Errorf("%s: got\n%s\nwant\n%s(run go test ./compare -update to accept)", file, got, want)
			}
			if found != (r.BaseString != "" || r.Signature != "") {
				t.Errorf("ok = %v with %+v", found, r)
			}
			if r.BaseString != "" {
				if p := parseBase(r.BaseString); p.seps != 2 {
					t.Errorf("base string %q does not have three parts", r.BaseString)
				}
			}
		})
	}
}

// TestExtractServerBaseStringBounded checks that only the first 64 KiB of a
// body are read and that a body of many near-misses is read with bounded
// memory (BenchmarkExtractServerBaseString measures the time).
func TestExtractServerBaseStringBounded(t *testing.T) {
	bs := "GET&https%3A%2F%2Fh%2F&a%3D1"
	tail := "oauth_problem=signature_invalid&debug_sbs=" + bs
	if r, ok := ExtractServerBaseString(strings.Repeat("x", 100) + tail); !ok || r.BaseString != bs {
		t.Fatalf("short body: %+v, %v", r, ok)
	}
	if r, ok := ExtractServerBaseString(strings.Repeat("x", maxServerBody) + tail); ok {
		t.Errorf("a base string after 64 KiB was read: %+v", r)
	}
	// A body of many near-misses: every marker and "%" many times.
	junk := strings.Repeat("debug_sbs=GET&http%3A oauth_signature_base_string:GET%26 base_string: %zz&amp;", 4000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if r, ok := ExtractServerBaseString(junk); ok {
		t.Errorf("junk gave %+v", r)
	}
	runtime.ReadMemStats(&after)
	// Reading is linear: a few copies of the 64 KiB read, not one per marker.
	if n := after.TotalAlloc - before.TotalAlloc; n > 64*maxServerBody {
		t.Errorf("a %d-byte body allocated %d bytes", len(junk), n)
	} else {
		t.Logf("a %d-byte body allocated %d bytes", len(junk), n)
	}
}

// FuzzExtractServerBaseString checks that any body is read without panic,
// that ok matches the fields, and that a base string found has its three parts.
func FuzzExtractServerBaseString(f *testing.F) {
	for _, s := range []string{
		"oauth_problem=signature_invalid&debug_sbs=GET&https%3A%2F%2Fh%2F&a%3D1",
		"oauth_problem=signature_invalid&oauth_signature=abc%3D&oauth_signature_base_string=GET%26https%253A%252F%252Fh%252F%26a%253D1",
		"signature_invalid\nbase_string:GET&https%3A%2F%2Fh%2F&",
		"oauth_signature [a] does not match expected value [b]",
		`{"oauth_signature_base_string":"GET\u0026http%3A%2F%2Fh\u0026"}`,
		"oauth_problem=signature_invalid&amp;debug_sbs=%",
		"Could not verify OAuth request.",
		"debug_sbs=wOJIO9A2W5mFwDgiDvZbTSMK/PY=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r, ok := ExtractServerBaseString(body)
		if ok != (r.BaseString != "" || r.Signature != "") {
			t.Fatalf("ok = %v with %+v", ok, r)
		}
		if ok && r.Provider == "" {
			t.Fatalf("found without a provider: %+v", r)
		}
		if r.BaseString != "" && parseBase(r.BaseString).seps != 2 {
			t.Fatalf("base string %q without its three parts", r.BaseString)
		}
	})
}

// BenchmarkExtractServerBaseString reads a 64 KiB body full of near misses.
func BenchmarkExtractServerBaseString(b *testing.B) {
	body := strings.Repeat("debug_sbs=GET&http%3A oauth_signature_base_string:GET%26 base_string: %zz&amp;", 1000)
	body = body[:maxServerBody-200] + "oauth_problem=signature_invalid&debug_sbs=GET&https%3A%2F%2Fh%2F&a%3D1"
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := ExtractServerBaseString(body); !ok {
			b.Fatal("base string not found")
		}
	}
}
