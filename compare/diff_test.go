package compare

import (
	"flag"
	"fmt"
	"github.com/rogpeppe/go-internal/txtar"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// The package's -update flag ("go test ./compare -update" rewrites the golden
// files) is registered here only when no other test file of the package has
// registered it, and read through flag.Lookup, so that every golden test of
// the package shares one flag.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

// diffUpdate reports whether -update was given.
func diffUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// formatParts writes the parts of a diff, one block per part.
func formatParts(parts []PartDiff) string {
	var b strings.Builder
	for _, p := range parts {
		fmt.Fprintf(&b, "%s\n-%s\n+%s\n", p.Part, spaced(p.A), spaced(p.B))
	}
	return b.String()
}

// spaced puts a space before a non-empty text.
func spaced(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

// formatHints writes hints one per line.
func formatHints(hints []DiffHint) string {
	var b strings.Builder
	for _, h := range hints {
		fmt.Fprintf(&b, "%s [%s] %s\n", h.ID, h.Part, h.Detail)
	}
	return b.String()
}

// TestDiffGolden checks the plain rendering, the parts and the hints of each
// pair of base strings in testdata/diff against the archive; -update
// rewrites the want, parts and hints sections.
func TestDiffGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "diff", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/diff/*.txtar cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ar := txtar.Parse(data)
			if strings.TrimSpace(string(ar.Comment)) == "" {
				t.Errorf("%s: no comment saying what the case checks", file)
			}
			a, okA := archiveFile(ar, "a")
			b, okB := archiveFile(ar, "b")
			if !okA || !okB {
				t.Fatalf("%s: want sections a and b", file)
			}
			a, b = strings.TrimSuffix(a, "\n"), strings.TrimSuffix(b, "\n")
			d := DiffBaseStrings(a, b)
			// The want section, the rendering, is checked by cmd/oauthdbg,
			// which draws the diff.
			got := map[string]string{
				"parts": formatParts(d.Parts),
				"hints": formatHints(DiffHints(d)),
			}
			if diffUpdate() {
				for _, k := range []string{"parts", "hints"} {
					setArchiveFile(ar, k, got[k])
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, k := range []string{"parts", "hints"} {
				if want, _ := archiveFile(ar, k); got[k] != want {
					t.Errorf("%s: section %s differs (run go test ./compare -update to accept)\ngot:\n%s\nwant:\n%s", file, k, got[k], want)
				}
			}
			checkSegments(t, d)
		})
	}
}

// checkSegments checks that the segments rebuild both base strings.
func checkSegments(t *testing.T, d *BaseStringDiff) {
	t.Helper()
	var a, b strings.Builder
	for i, s := range d.Segments {
		if s.Text == "" {
			t.Errorf("segment %d is empty", i)
		}
		if i > 0 && d.Segments[i-1].Op == s.Op {
			t.Errorf("segments %d and %d have the same op %v", i-1, i, s.Op)
		}
		if s.Op != OpInsert {
			a.WriteString(s.Text)
		}
		if s.Op != OpDelete {
			b.WriteString(s.Text)
		}
	}
	if a.String() != d.A {
		t.Errorf("segments without insertions = %q, want A %q", a.String(), d.A)
	}
	if b.String() != d.B {
		t.Errorf("segments without deletions = %q, want B %q", b.String(), d.B)
	}
}

func TestDiffSegments(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       []Segment
		reason     string
	}{
		{"equal", "GET&x&y", "GET&x&y", []Segment{{OpEqual, "GET&x&y"}}, "one equal segment"},
		{"empty", "", "", nil, "no segments"},
		{"insert-all", "", "GET", []Segment{{OpInsert, "GET"}}, "B only"},
		{"delete-all", "GET", "", []Segment{{OpDelete, "GET"}}, "A only"},
		{"double", "a%3Dx%2520y", "a%3Dx%252520y", []Segment{{OpEqual, "a%3Dx%252"}, {OpInsert, "52"}, {OpEqual, "0y"}}, "the two characters a second encoding adds, where go-diff puts them"},
		{"invalid-utf8", "a\xffb", "a\xfeb", []Segment{{OpEqual, "a"}, {OpDelete, "\xff"}, {OpInsert, "\xfe"}, {OpEqual, "b"}}, "invalid bytes kept, not U+FFFD"},
		{"private-use", "a\U000F00FFb", "a\xffb", []Segment{{OpEqual, "a"}, {OpDelete, "\U000F00FF"}, {OpInsert, "\xff"}, {OpEqual, "b"}}, "a private-use rune is not the invalid byte it stands for"},
		{"multibyte", "x=é", "x=è", []Segment{{OpEqual, "x="}, {OpDelete, "é"}, {OpInsert, "è"}}, "whole characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DiffBaseStrings(tt.a, tt.b)
			if !reflect.DeepEqual(d.Segments, tt.want) {
				t.Errorf("segments = %q, want %q (%s)", d.Segments, tt.want, tt.reason)
			}
			if d.Equal() != (tt.a == tt.b) {
				t.Errorf("Equal() = %v for %q, %q", d.Equal(), tt.a, tt.b)
			}
			checkSegments(t, d)
		})
	}
}

// TestDiffLarge checks the bounded path for long base strings: a one-value
// change in a 40 KiB base string is still found character by character, and
// segments rebuild both strings whatever path was taken.
func TestDiffLarge(t *testing.T) {
	var x strings.Builder
	x.WriteString("POST&https%3A%2F%2Fh%2Fp&")
	for i := 0; x.Len() < 40<<10; i++ {
		fmt.Fprintf(&x, "p%d%%3Dv%d%%26", i, i)
	}
	a := x.String() + "z%3D1"
	b := strings.Replace(a, "p500%3Dv500%26", "p500%3Dv5000%26", 1)
	d := DiffBaseStrings(a, b)
	checkSegments(t, d)
	var changed []Segment
	for _, s := range d.Segments {
		if s.Op != OpEqual {
			changed = append(changed, s)
		}
	}
	if want := []Segment{{OpInsert, "0"}}; !reflect.DeepEqual(changed, want) {
		t.Errorf("changed segments = %q, want %q", changed, want)
	}
	if want := []PartDiff{{"param p500", "p500=v500", "p500=v5000"}}; !reflect.DeepEqual(d.Parts, want) {
		t.Errorf("parts = %q, want %q", d.Parts, want)
	}
	// Unrelated long strings with too many chunks: prefix and suffix kept.
	u := strings.Repeat("a%26", 3000) + "x\xff"
	v := strings.Repeat("b%26", 3000) + "x\xff"
	checkSegments(t, DiffBaseStrings(u, v))
	checkSegments(t, DiffBaseStrings("é"+u, "è"+u))
}

func TestDiffParts(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       []PartDiff
		reason     string
	}{
		{"method", "GET&u&", "POST&u&", []PartDiff{{"method", "GET", "POST"}}, "method only"},
		{"uri-decoded", "GET&http%3A%2F%2Fh%2Fp&", "GET&https%3A%2F%2Fh%2Fp&", []PartDiff{{"uri", "http://h/p", "https://h/p"}}, "the URI decoded once"},
		{"uri-outer", "GET&http%3A%2F%2Fh%2Fp&", "GET&http%3a%2f%2fh%2fp&", []PartDiff{{"uri", "http%3A%2F%2Fh%2Fp", "http%3a%2f%2fh%2fp"}}, "only the outer encoding differs: shown as in the base string"},
		{"param-value", "GET&u&a%3D1%26b%3D2", "GET&u&a%3D1%26b%3D3", []PartDiff{{"param b", "b=2", "b=3"}}, "pair decoded once"},
		{"param-only-b", "GET&u&a%3D1", "GET&u&a%3D1%26z%3D9", []PartDiff{{"param z", "", "z=9"}}, "absent on one side"},
		{"param-only-a", "GET&u&a%3D1%26z%3D9", "GET&u&a%3D1", []PartDiff{{"param z", "z=9", ""}}, "absent on the other"},
		{"param-name-decoded", "GET&u&c%2540%3D1", "GET&u&c%2540%3D2", []PartDiff{{"param c@", "c%40=1", "c%40=2"}}, "the part names the decoded name"},
		{"duplicates", "GET&u&a%3D1%26a%3D2", "GET&u&a%3D1%26a%3D3", []PartDiff{{"param a", "a=2", "a=3"}}, "identical pairs matched first, the rest by occurrence"},
		{"order", "GET&u&a%3D1%26b%3D2", "GET&u&b%3D2%26a%3D1", []PartDiff{{"order", "a=1&b=2", "b=2&a=1"}}, "same pairs, other order"},
		{"separator", "GET&u&p", "GET&u", []PartDiff{{"separator", "&&", "&"}, {"param p", "p", ""}}, "a base string without its parameter part"},
		{"raw-params", "GET&u&a%3D1%26b%3D2", "GET&u&a=1&b=3", []PartDiff{{"param a", "a%3D1", "a=1"}, {"param b", "b=2", "b=3"}}, "parameter part not encoded by the client: split at raw &, an equal pair shown as in the base string"},
		{"separators-only", "GET&u&x%26y", "GET&u&x&y", []PartDiff{{"separator", "x%26y", "x&y"}}, "the same pairs joined by a raw &"},
		{"b-only-first", "GET&u&m%3D1", "GET&u&a%3D0%26m%3D1", []PartDiff{{"param a", "", "a=0"}}, "a B-only parameter before every matched one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DiffBaseStrings(tt.a, tt.b)
			if !reflect.DeepEqual(d.Parts, tt.want) {
				t.Errorf("parts = %q, want %q (%s)", d.Parts, tt.want, tt.reason)
			}
		})
	}
}

// hintRequest is signed wrongly by each hint case through the engine's own
// options: a Host header, query parameters with a space, "*", "~", a
// non-ASCII character, an "=", a "+", duplicates and an empty value.
func hintRequest() basestring.Request {
	return basestring.Request{
		Method:        "GET",
		URL:           "https://api.example.com/v1/a%20b?q=x+y&s=a*b%20c&t=a~b&u=%C3%A9&k=x=y&d=2&d=1&e=",
		Authorization: `OAuth realm="R", oauth_consumer_key="ck", oauth_nonce="n", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1", oauth_callback="http%3A%2F%2Fc.example%2Fready", oauth_signature="c2ln%3D"`,
	}
}

// diffHintCase is a request signed with a mistake and the hints its diff
// must give.
type diffHintCase struct {
	name    string
	correct func(*basestring.Request) // changes the request the server saw
	client  func(*basestring.Request) // changes the request the client signed
	opts    basestring.Options        // the client's mistake
	simple  bool                      // sign a request with only oauth_ parameters and q
	want    []string
	reason  string
}

// diffHintCases are the cases of TestDiffHints; TestHintsCovered checks
// that every mistake with a hint is wanted by one.
func diffHintCases() []diffHintCase {
	withURL := func(u string) func(*basestring.Request) {
		return func(r *basestring.Request) { r.URL = u }
	}
	return []diffHintCase{
		{name: "double-encoded", opts: basestring.Options{ParamRules: basestring.ParamRules{Encode: basestring.AppendEncodeTwice}}, want: []string{"double-encoded"}, reason: "values encoded twice: %2520 for %20"},
		{name: "not-encoded", simple: true, opts: basestring.Options{ParamRules: basestring.ParamRules{Encode: basestring.AppendRaw}}, want: []string{"not-encoded"}, reason: "values signed raw"},
		{name: "plus-for-space", opts: basestring.Options{ParamRules: basestring.ParamRules{Encode: basestring.AppendEncodePlusForSpace}}, want: []string{"plus-for-space"}, reason: "%2B in the base string where the RFC gives %2520"},
		{name: "lowercase-hex", opts: basestring.Options{ParamRules: basestring.ParamRules{Encode: basestring.AppendEncodeLowerHex}}, want: []string{"lowercase-hex"}, reason: "%3a for %3A inside values"},
		{name: "lowercase-hex-outer", opts: basestring.Options{ParamRules: basestring.ParamRules{EncodeOuter: basestring.AppendEncodeLowerHex}}, want: []string{"lowercase-hex"}, reason: "the base string's own encoding in lower-case hex"},
		{name: "tilde-encoded", opts: basestring.Options{ParamRules: basestring.ParamRules{Encode: basestring.AppendEncodeTilde}}, want: []string{"tilde-encoded"}, reason: "%7E for ~"},
		{name: "java-urlencoder", opts: basestring.Options{ParamRules: basestring.ParamRules{Encode: basestring.AppendEncodeJava}}, want: []string{"plus-for-space", "java-urlencoder", "tilde-encoded"}, reason: `q has only a space (plus-for-space alone shows it), s has "*" with a space, t has "~"`},
		{name: "double-utf8", opts: basestring.Options{ParamRules: basestring.ParamRules{Encode: basestring.AppendEncodeDoubleUTF8}}, want: []string{"double-utf8"}, reason: "é as %C3%83%C2%A9"},
		{name: "scheme-mismatch", client: withURL("http://api.example.com/v1/a%20b?q=x+y"), simple: true, want: []string{"scheme-mismatch"}, reason: "signed http, arrived https"},
		{name: "scheme-case", client: withURL("HTTPS://api.example.com/v1/a%20b?q=x+y"), simple: true, opts: basestring.Options{KeepSchemeCase: true}, want: []string{"scheme-case"}, reason: "scheme kept upper-case"},
		{name: "host-mismatch", client: withURL("https://internal.local/v1/a%20b?q=x+y"), simple: true, want: []string{"host-mismatch"}, reason: "signed an internal host name"},
		{name: "host-case", client: withURL("https://API.Example.com/v1/a%20b?q=x+y"), simple: true, opts: basestring.Options{KeepHostCase: true}, want: []string{"host-case"}, reason: "host case kept"},
		{name: "default-port-included", client: withURL("https://api.example.com:443/v1/a%20b?q=x+y"), simple: true, opts: basestring.Options{KeepDefaultPort: true}, want: []string{"default-port-included"}, reason: ":443 kept"},
		{name: "default-port-wrong-scheme", correct: withURL("http://api.example.com:443/v1/a%20b?q=x+y"), client: withURL("http://api.example.com:443/v1/a%20b?q=x+y"), simple: true, opts: basestring.Options{DropAnyDefaultPort: true}, want: []string{"default-port-wrong-scheme"}, reason: ":443 dropped from http"},
		{name: "port-mismatch", correct: withURL("https://api.example.com:8443/v1/a%20b?q=x+y"), client: withURL("https://api.example.com:8443/v1/a%20b?q=x+y"), simple: true, opts: basestring.Options{DropPort: true}, want: []string{"port-mismatch"}, reason: "non-default port dropped"},
		{name: "trailing-slash", client: withURL("https://api.example.com/v1/a%20b/?q=x+y"), simple: true, want: []string{"trailing-slash"}, reason: "signed with a trailing slash"},
		{name: "query-in-base-uri", simple: true, opts: basestring.Options{KeepQuery: true}, want: []string{"query-in-base-uri"}, reason: "query kept in the URI"},
		{name: "path-decoded", simple: true, opts: basestring.Options{DecodePath: true}, want: []string{"path-decoded"}, reason: "/v1/a b signed"},
		{name: "empty-path-no-slash", correct: withURL("https://api.example.com?q=x+y"), client: withURL("https://api.example.com?q=x+y"), simple: true, opts: basestring.Options{EmptyPathNoSlash: true}, want: []string{"empty-path-no-slash"}, reason: "empty path signed empty"},
		{name: "method-lowercase", client: func(r *basestring.Request) { r.Method = "get" }, simple: true, opts: basestring.Options{MethodAsIs: true}, want: []string{"method-lowercase"}, reason: "method case kept"},
		{name: "method-mismatch", client: func(r *basestring.Request) { r.Method = "POST" }, simple: true, want: []string{"method-mismatch"}, reason: "signed POST, sent GET"},
		{name: "realm-signed", simple: true, opts: basestring.Options{ParamRules: basestring.ParamRules{IncludeRealm: true}}, want: []string{"realm-signed"}, reason: "realm in the parameters"},
		{name: "signature-signed", simple: true, opts: basestring.Options{ParamRules: basestring.ParamRules{IncludeSignature: true}}, want: []string{"signature-signed"}, reason: "oauth_signature in the parameters"},
		{name: "param-signed-not-sent", simple: true, opts: basestring.Options{ParamRules: basestring.ParamRules{Rewrite: func(p []basestring.Param) []basestring.Param {
			return append(p, basestring.Param{Name: "oauth_version", Value: "1.0"})
		}}}, want: []string{"param-signed-not-sent"}, reason: "oauth_version signed, not sent"},
		{name: "param-sent-not-signed", simple: true, opts: basestring.Options{ParamRules: basestring.ParamRules{Rewrite: func(p []basestring.Param) []basestring.Param {
			var out []basestring.Param
			for _, x := range p {
				if x.Name != "oauth_callback" {
					out = append(out, x)
				}
			}
			return out
		}}}, want: []string{"param-sent-not-signed"}, reason: "oauth_callback sent, not signed"},
		{name: "query-params-unsigned", opts: basestring.Options{ParamRules: basestring.ParamRules{SkipQuery: true}}, want: []string{"query-params-unsigned"}, reason: "every non-oauth parameter missing"},
		{name: "empty-param-dropped", opts: basestring.Options{ParamRules: basestring.ParamRules{DropEmpty: true}}, want: []string{"empty-param-dropped"}, reason: "e= left out"},
		{name: "duplicate-dropped", opts: basestring.Options{ParamRules: basestring.ParamRules{DropDuplicates: true}}, want: []string{"duplicate-dropped"}, reason: "second d left out"},
		{name: "value-cut-at-equals", opts: basestring.Options{ParamRules: basestring.ParamRules{CutValueAtEquals: true}}, want: []string{"value-cut-at-equals"}, reason: "k=x signed for k=x=y"},
		{name: "plus-not-decoded", opts: basestring.Options{ParamRules: basestring.ParamRules{PlusLiteral: true}}, want: []string{"plus-not-decoded"}, reason: "+ in the query signed as %2B"},
		{name: "sort-raw-not-encoded", client: withURL("https://api.example.com/v1/a%20b?z=1&%C3%A9=2"), correct: withURL("https://api.example.com/v1/a%20b?z=1&%C3%A9=2"), opts: basestring.Options{ParamRules: basestring.ParamRules{Sort: basestring.SortRaw}}, want: []string{"sort-raw-not-encoded"}, reason: "é (0xC3) sorts after z raw, before it encoded (%)"},
		{name: "sort-raw-or-key-only", client: withURL("https://api.example.com/v1/a%20b?d=z&d=%C3%A9"), correct: withURL("https://api.example.com/v1/a%20b?d=z&d=%C3%A9"), opts: basestring.Options{ParamRules: basestring.ParamRules{Sort: basestring.SortRaw}}, want: []string{"sort-raw-not-encoded", "sort-key-only"}, reason: "values of one name: the order fits both rules"},
		{name: "empty-only-dropped", client: withURL("https://api.example.com/v1/?e="), correct: withURL("https://api.example.com/v1/?e="), opts: basestring.Options{ParamRules: basestring.ParamRules{DropEmpty: true}}, want: []string{"empty-param-dropped"}, reason: "the only own parameter is empty: not a whole source left out"},
		{name: "sort-key-only", opts: basestring.Options{ParamRules: basestring.ParamRules{Sort: basestring.SortKeyOnly}}, want: []string{"sort-key-only"}, reason: "d=2 before d=1, as sent"},
		{name: "sort-pair-strings", client: withURL("https://api.example.com/v1/?a=1&a-b=2"), correct: withURL("https://api.example.com/v1/?a=1&a-b=2"), opts: basestring.Options{ParamRules: basestring.ParamRules{Sort: basestring.SortPairs}}, want: []string{"sort-pair-strings"}, reason: `"a-b=2" sorts before "a=1"`},
	}
}

func TestDiffHints(t *testing.T) {
	for _, tt := range diffHintCases() {
		t.Run(tt.name, func(t *testing.T) {
			req := hintRequest()
			if tt.simple {
				req.URL = "https://api.example.com/v1/a%20b?q=x+y"
			}
			sent, signed := req, req
			if tt.correct != nil {
				tt.correct(&sent)
			}
			if tt.client != nil {
				tt.client(&signed)
			}
			a, err := basestring.Build(&sent, nil)
			if err != nil {
				t.Fatal(err)
			}
			opts := tt.opts
			b, err := basestring.Build(&signed, &opts)
			if err != nil {
				t.Fatal(err)
			}
			hints := DiffHints(DiffBaseStrings(a.BaseString, b.BaseString))
			var got []string
			for _, h := range hints {
				got = append(got, h.ID)
				if h.Part == "" || h.Detail == "" {
					t.Errorf("hint %s has no part or detail: %+v", h.ID, h)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("hints = %v, want %v (%s)\n%s\n%s\n%s", got, tt.want, tt.reason, a.BaseString, b.BaseString, formatHints(hints))
			}
		})
	}
}

func TestDiffHintsEqual(t *testing.T) {
	if h := DiffHints(DiffBaseStrings("GET&u&a%3D1", "GET&u&a%3D1")); h != nil {
		t.Errorf("hints for equal base strings: %v", h)
	}
	if h := DiffHints(nil); h != nil {
		t.Errorf("hints for a nil diff: %v", h)
	}
}

// TestDiffHintsMerge checks that an id seen in several parts is given once,
// naming the other parts.
func TestDiffHintsMerge(t *testing.T) {
	h := DiffHints(DiffBaseStrings("GET&u&a%3Dx%2520y%26b%3Dx%2520z", "GET&u&a%3Dx%25252520y%26b%3Dx%25252520z"))
	if len(h) != 0 {
		t.Errorf("three encodings named a mistake: %v", h)
	}
	h = DiffHints(DiffBaseStrings("GET&u&a%3Dx%2520y%26b%3Dx%2520z", "GET&u&a%3Dx%252520y%26b%3Dx%252520z"))
	if len(h) != 1 || h[0].ID != "double-encoded" || h[0].Part != "param a" || !strings.HasSuffix(h[0].Detail, "(also param b)") {
		t.Errorf("hints = %+v, want one double-encoded for param a, also param b", h)
	}
}

// TestOpText checks the JSON names of the operations.
func TestOpText(t *testing.T) {
	for _, op := range []Op{OpEqual, OpDelete, OpInsert} {
		text, err := op.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Op
		if err := back.UnmarshalText(text); err != nil || back != op {
			t.Errorf("%v: round trip gave %v, %v", op, back, err)
		}
	}
	var o Op
	if err := o.UnmarshalText([]byte("move")); err == nil {
		t.Error("unknown op accepted")
	}
	if s := Op(7).String(); s != "op(7)" {
		t.Errorf("Op(7) = %q", s)
	}
}

// FuzzDiffBaseStrings checks that any two strings diff without panic, that
// Equal holds exactly when they are identical, that the segments rebuild
// both, and that rendering and hints never fail.
func FuzzDiffBaseStrings(f *testing.F) {
	seeds := [][2]string{
		{"GET&http%3A%2F%2Fh%2F&a%3D1", "GET&https%3A%2F%2Fh%2F&a%3D1"},
		{"POST&u&a%3Dx%2520y", "POST&u&a%3Dx%252520y"},
		{"", "GET"},
		{"a\xffb", "a\xfeb"},
		{"GET&u&a%3D1%26a%3D2", "GET&u&a%3D2%26a%3D1"},
		{"x=é&%", "x=è&%2"},
		{"GET&http%3A%2F%2Fh%3A443%2F&", "get&http%3a%2f%2fH%2f&b=1&c"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		d := DiffBaseStrings(a, b)
		if d.Equal() != (a == b) {
			t.Fatalf("Equal() = %v for %q, %q", d.Equal(), a, b)
		}
		if (len(d.Parts) == 0) != (a == b) {
			t.Fatalf("parts %q for base strings %q, %q", d.Parts, a, b)
		}
		var ra, rb strings.Builder
		for _, s := range d.Segments {
			if s.Op != OpInsert {
				ra.WriteString(s.Text)
			}
			if s.Op != OpDelete {
				rb.WriteString(s.Text)
			}
		}
		if ra.String() != a || rb.String() != b {
			t.Fatalf("segments rebuild %q, %q; want %q, %q", ra.String(), rb.String(), a, b)
		}
		for _, l := range d.Lines() {
			if l.Segments == nil {
				continue
			}
			var sa, sb strings.Builder
			for _, s := range l.Segments {
				if s.Op != OpInsert {
					sa.WriteString(s.Text)
				}
				if s.Op != OpDelete {
					sb.WriteString(s.Text)
				}
			}
			if sa.String() != l.A || sb.String() != l.B {
				t.Fatalf("line segments rebuild %q, %q; want %q, %q", sa.String(), sb.String(), l.A, l.B)
			}
		}
		hints := DiffHints(d)
		ids := map[string]bool{}
		for _, h := range hints {
			if ids[h.ID] {
				t.Fatalf("id %s given twice", h.ID)
			}
			ids[h.ID] = true
		}
		if a == b && len(hints) > 0 {
			t.Fatalf("hints for equal strings: %v", hints)
		}
	})
}

// BenchmarkDiffBaseStrings diffs the RFC 5849 §3.4.1.1 base string against
// the same request with oauth_callback-style double encoding, renders it and
// names the hints: the work behind one explained mismatch.
func BenchmarkDiffBaseStrings(b *testing.B) {
	req := hintRequest()
	a, err := basestring.Build(&req, nil)
	if err != nil {
		b.Fatal(err)
	}
	c, err := basestring.Build(&req, &basestring.Options{ParamRules: basestring.ParamRules{Encode: basestring.AppendEncodeTwice}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		d := DiffBaseStrings(a.BaseString, c.BaseString)
		d.Lines()
		DiffHints(d)
	}
}

// BenchmarkDiffBaseStringsLarge diffs unrelated base strings: at the size
// where the character diff still runs (4 KiB together, its worst case without
// a time limit), and two of 64 KiB, which are diffed by parameter first.
func BenchmarkDiffBaseStringsLarge(b *testing.B) {
	gen := func(size int, name string, mul int) string {
		var s strings.Builder
		s.WriteString("POST&https%3A%2F%2Fh%2Fp&")
		for i := 0; s.Len() < size; i++ {
			fmt.Fprintf(&s, "%s%d%%3D%d%%26", name, i, i*mul%1000)
		}
		return s.String()[:size]
	}
	for _, size := range []int{charDiffLimit / 2, maxServerBody} {
		x, y := gen(size, "a", 7919), gen(size, "b", 104729)
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				DiffBaseStrings(x, y)
			}
		})
	}
}

// TestDiffHugeBounded diffs two 50 MB inputs (as "oauthdbg diff - X
// </dev/zero" would) and checks that the work falls back to the coarse diff:
// the bytes allocated stay within a small multiple of the input.
func TestDiffHugeBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 100 MB of input")
	}
	const size = 50 << 20
	a := strings.Repeat("\x00", size)
	b := strings.Repeat("a%3D1%26", size/8)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	d := DiffBaseStrings(a, b)
	d.Lines()
	DiffHints(d)
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 20*size { // measured: about 14 times size
		t.Errorf("two %d-byte inputs allocated %d bytes", size, n)
	} else {
		t.Logf("two %d-byte inputs allocated %d bytes", size, n)
	}
}
