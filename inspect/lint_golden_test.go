package inspect

import (
	"bytes"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The lint cases live in testdata/lint/*.txtar, one case a file, in the
// manner of go/analysis's analysistest. A case's comment says what it
// checks and cites the RFC section, extension or issue; its sections are:
//
//	request.http   raw HTTP/1.1 request text, read by testHTTPRequest; or
//	input          any input the readers take (raw HTTP/2 as devtools show
//	               it, curl, HAR…), read by Read, which must give one request
//	scheme         (request.http only) "http", "https" (the default) or
//	               "none" for a capture that does not say
//	now            LintOptions.Now, RFC 3339
//	max-skew       LintOptions.MaxSkew, a Go duration
//	signed-scheme  LintOptions.SignedScheme
//	want           the findings, one "severity id: message" a line; -update
//	               rewrites it
//
// The test fails on any finding missing and any finding unexpected.

// section returns the data of the section called name.
func section(a *txtar.Archive, name string) (string, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

// testHTTPRequest turns raw HTTP/1.1 request text (request line, header
// lines with obsolete folding allowed, a blank line, the body) into a
// Request, for the lint tests only: unlike ReadHTTP it takes requests the
// reader refuses or reads otherwise, so that each rule can be fed exactly
// what it checks. scheme is "http", "https", or "none" for a request whose
// scheme is not known. A Date header sets Started, as the readers do. The
// final newline the txtar format adds is not part of the body.
func testHTTPRequest(t *testing.T, raw, scheme, name string) *Request {
	t.Helper()
	head, body, _ := strings.Cut(raw, "\n\n")
	lines := strings.Split(head, "\n")
	parts := strings.Fields(lines[0])
	if len(parts) != 3 {
		t.Fatalf("%s: request line %q: want METHOD target HTTP/1.1", name, lines[0])
	}
	r := &Request{Method: parts[0], Target: parts[1], Format: FormatHTTP, Origin: Origin{Name: name, Line: 1, Entry: -1}}
	for _, line := range lines[1:] {
		if line == "" {
			continue
		}
		if (line[0] == ' ' || line[0] == '\t') && len(r.Headers) > 0 {
			r.Headers[len(r.Headers)-1].Value += " " + strings.TrimSpace(line)
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("%s: header line %q has no colon", name, line)
		}
		r.Headers = append(r.Headers, Header{Name: k, Value: strings.TrimSpace(v)})
	}
	r.Host = r.Header("Host")
	r.ContentType = r.Header("Content-Type")
	if body != "" {
		r.Body = []byte(strings.TrimSuffix(body, "\n"))
	}
	if d := r.Header("Date"); d != "" {
		st, err := http.ParseTime(d)
		if err != nil {
			t.Fatalf("%s: Date header: %v", name, err)
		}
		r.Started = st
	}
	switch {
	case strings.Contains(r.Target, "://"):
		r.URL = r.Target
		r.Scheme, _, _ = strings.Cut(r.Target, "://")
		r.SchemeKnown = true
	case scheme == "none":
		r.URL = r.Target
	default:
		r.Scheme, r.SchemeKnown = scheme, true
		r.URL = scheme + "://" + r.Host + r.Target
	}
	return r
}

// caseRequest returns the request of a case: its request.http section, or
// its input section read by Read.
func caseRequest(t *testing.T, a *txtar.Archive, path string) *Request {
	t.Helper()
	name := filepath.Base(path)
	if raw, ok := section(a, "request.http"); ok {
		scheme := "https"
		if s, ok := section(a, "scheme"); ok {
			scheme = strings.TrimSpace(s)
		}
		return testHTTPRequest(t, raw, scheme, name)
	}
	in, ok := section(a, "input")
	if !ok {
		t.Fatalf("%s: no request.http or input section", path)
	}
	var reqs []*Request
	err := Read(strings.NewReader(in), ReadOptions{Name: name}, func(r *Request) error {
		reqs = append(reqs, r)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: input: %v", path, err)
	}
	if len(reqs) != 1 {
		t.Fatalf("%s: input holds %d requests, want 1", path, len(reqs))
	}
	return reqs[0]
}

// caseOptions returns the LintOptions of a case.
func caseOptions(t *testing.T, a *txtar.Archive, path string) LintOptions {
	t.Helper()
	var opts LintOptions
	var err error
	if s, ok := section(a, "now"); ok {
		if opts.Now, err = time.Parse(time.RFC3339, strings.TrimSpace(s)); err != nil {
			t.Fatalf("%s: now section: %v", path, err)
		}
	}
	if s, ok := section(a, "max-skew"); ok {
		if opts.MaxSkew, err = time.ParseDuration(strings.TrimSpace(s)); err != nil {
			t.Fatalf("%s: max-skew section: %v", path, err)
		}
	}
	if s, ok := section(a, "signed-scheme"); ok {
		opts.SignedScheme = strings.TrimSpace(s)
	}
	if _, ok := section(a, "verified"); ok {
		opts.Verified = true
	}
	return opts
}

// findingLine is the golden form of a finding: "severity id: message".
func findingLine(f Finding) string {
	return fmt.Sprintf("%s %s: %s", f.Severity, f.ID, f.Message)
}

// wantLines splits a want section into its non-empty lines.
func wantLines(s string) []string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// lintCases returns the paths of the lint cases.
func lintCases(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("testdata/lint/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no cases in testdata/lint")
	}
	return paths
}

// citation is what a case's comment must cite.
var citation = regexp.MustCompile(`§\d|RFC \d|extension|issue \d`)

func TestLintGolden(t *testing.T) {
	for _, path := range lintCases(t) {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(string(a.Comment)) == "" {
				t.Errorf("%s: no comment saying what the case checks", path)
			}
			if !citation.Match(a.Comment) {
				t.Errorf("%s: the comment cites no RFC section, extension or issue", path)
			}
			r, opts := caseRequest(t, a, path), caseOptions(t, a, path)
			got := Lint(r, opts)
			if again := Lint(r, opts); !slices.Equal(got, again) {
				t.Errorf("%s: Lint is not deterministic:\n%v\n%v", path, got, again)
			}
			var gotLines []string
			for _, f := range got {
				gotLines = append(gotLines, findingLine(f))
				checkFinding(t, f)
			}
			if *update {
				var want bytes.Buffer
				for _, g := range gotLines {
					want.WriteString(g + "\n")
				}
				i := slices.IndexFunc(a.Files, func(f txtar.File) bool { return f.Name == "want" })
				if i < 0 {
					a.Files = append(a.Files, txtar.File{Name: "want"})
					i = len(a.Files) - 1
				}
				a.Files[i].Data = want.Bytes()
				if err := os.WriteFile(path, txtar.Format(a), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantText, ok := section(a, "want")
			if !ok {
				t.Fatalf("no want section (run go test ./inspect -run TestLintGolden -update)")
			}
			want := wantLines(wantText)
			for _, w := range want {
				if !slices.Contains(gotLines, w) {
					t.Errorf("missing finding:\n\t%s", w)
				}
			}
			for _, g := range gotLines {
				if !slices.Contains(want, g) {
					t.Errorf("unexpected finding:\n\t%s", g)
				}
			}
		})
	}
}

// ruleByID returns the registry's record of id.
func ruleByID(id string) (lintRule, bool) {
	for _, r := range lintRules() {
		if r.ID == id {
			return r, true
		}
	}
	return lintRule{}, false
}

// checkFinding checks what every finding must satisfy.
func checkFinding(t *testing.T, f Finding) {
	t.Helper()
	c, ok := ruleByID(f.ID)
	if !ok {
		t.Errorf("finding %q is not in the registry", f.ID)
		return
	}
	if f.Severity != c.Severity {
		t.Errorf("finding %q has severity %q, the registry says %q", f.ID, f.Severity, c.Severity)
	}
	if f.Section == "" && c.Section != "" {
		t.Errorf("finding %q has no section", f.ID)
	}
	if r, _ := utf8.DecodeRuneInString(f.Message); unicode.IsUpper(r) || strings.HasSuffix(f.Message, ".") || strings.Contains(f.Message, "\n") {
		t.Errorf("finding %q message %q: want lowercase, one line, no final period", f.ID, f.Message)
	}
}

// TestLintRegistry checks every record of the registry, as
// analysis.Validate does: a unique kebab-case id, a severity, an RFC 5849
// section or the extension it follows, a lowercase one-line doc, a phase, a
// run function, and at least one case under testdata/lint whose want
// section holds a finding of it. A clean case, with no finding, must exist
// too.
func TestLintRegistry(t *testing.T) {
	triggered := map[string][]string{}
	clean := false
	for _, path := range lintCases(t) {
		a, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, ok := section(a, "want")
		if !ok {
			continue // TestLintGolden reports it
		}
		lines := wantLines(want)
		clean = clean || len(lines) == 0
		for _, line := range lines {
			if _, rest, ok := strings.Cut(line, " "); ok {
				id, _, _ := strings.Cut(rest, ":")
				triggered[id] = append(triggered[id], filepath.Base(path))
			}
		}
	}
	if !clean {
		t.Error("no case of a clean request without findings in testdata/lint")
	}
	kebab := regexp.MustCompile(`^[a-z0-9]+(?:[-.][a-z0-9]+)*$`)
	seen := map[string]bool{}
	for _, r := range lintRules() {
		if !kebab.MatchString(r.ID) {
			t.Errorf("rule id %q is not kebab-case", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("rule id %q is registered twice", r.ID)
		}
		seen[r.ID] = true
		if r.Severity.rank() > 2 {
			t.Errorf("rule %q: unknown severity %q", r.ID, r.Severity)
		}
		if doc, _ := utf8.DecodeRuneInString(r.Doc); r.Doc == "" || unicode.IsUpper(doc) || len(r.Doc) > 60 || strings.HasSuffix(r.Doc, ".") {
			t.Errorf("rule %q: doc %q: want a lowercase title under 60 characters without a final period", r.ID, r.Doc)
		}
		if (r.Section == "") == (r.Spec == "") {
			t.Errorf("rule %q: section %q, spec %q: want an RFC 5849 section, or the extension it follows", r.ID, r.Section, r.Spec)
		}
		if r.phase < 0 || r.phase >= lintPhases {
			t.Errorf("rule %q: unknown phase %d", r.ID, r.phase)
		}
		if r.run == nil {
			t.Errorf("rule %q has no run function", r.ID)
		}
		if len(triggered[r.ID]) == 0 {
			t.Errorf("rule %q has no case in testdata/lint whose want section holds its finding", r.ID)
		}
	}
	for id, cases := range triggered {
		if !seen[id] {
			t.Errorf("%s: finding %q of no registered rule", strings.Join(cases, ", "), id)
		}
	}
	// lintChecks returns a copy: changing it changes nothing.
	cs := lintChecks()
	if len(cs) != len(seen) {
		t.Errorf("LintChecks lists %d checks, the registry %d", len(cs), len(seen))
	}
	cs[0].ID = "changed"
	if lintChecks()[0].ID == "changed" {
		t.Error("LintChecks returns the registry itself, not a copy")
	}
}

// TestLintRuleReportsOwnID checks that a finding carries the ID, severity
// and section of the rule that reported it, whatever the rule: the pass
// fills them in.
func TestLintRuleReportsOwnID(t *testing.T) {
	for _, r := range lintRules() {
		p := &pass{phaseRules: []lintRule{r}}
		p.report("oauth_x", "m")
		p.reportIn("9.9", "", "m")
		want := []Finding{
			{ID: r.ID, Severity: r.Severity, Section: r.Section, Message: "m", Param: "oauth_x"},
			{ID: r.ID, Severity: r.Severity, Section: "9.9", Message: "m"},
		}
		if !slices.Equal(p.out, want) {
			t.Errorf("rule %q: findings %v, want %v", r.ID, p.out, want)
		}
	}
}
