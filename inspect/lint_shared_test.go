package inspect

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestLintSharedParams checks, on every lint case, that Lint given what the
// signature engine collected (LintOptions.Collected, as compare.Check gives
// it) finds exactly what it finds reading the request itself, and that the
// engine's reading is taken whenever the engine could read the request.
func TestLintSharedParams(t *testing.T) {
	shared := 0
	for _, path := range lintCases(t) {
		a, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		r := caseRequest(t, a, path)
		opts := caseOptions(t, a, path)
		col, ok := engineCollected(r)
		if !ok {
			continue // compare does not lint what the engine cannot read
		}
		want := Lint(r, opts)
		opts.Collected = col
		got := Lint(r, opts)
		if !slices.Equal(got, want) {
			t.Errorf("%s: with the engine's parameters:\n%v\nreading the request:\n%v", name, got, want)
		}
		// Was the engine's reading taken? A marked copy of its
		// parameters shows in the findings only if it was.
		marked := *col
		marked.Params = append(slices.Clone(col.Params), basestring.Param{Name: "oauth_consumer_secret", Value: "x", Source: basestring.SourceQuery})
		opts.Collected = &marked
		if slices.ContainsFunc(Lint(r, opts), func(f Finding) bool { return f.ID == "secret-in-request" && f.Param == "oauth_consumer_secret" }) {
			shared++
		}
	}
	if shared < 20 {
		t.Errorf("the engine's parameters were taken in %d cases only", shared)
	}
	t.Logf("the engine's parameters were taken in %d cases", shared)
}

// engineCollected reads r with the signature engine, as compare does (the
// first Authorization header whose scheme is OAuth), and returns what it
// collected; ok is false when the engine cannot read r.
func engineCollected(r *Request) (*basestring.Collected, bool) {
	br := basestring.Request{Method: r.Method, URL: r.URL, Host: r.Host, ContentType: r.ContentType, Body: r.Body}
	for _, v := range r.HeaderValues("Authorization") {
		if isOAuthScheme(v) {
			br.Authorization = v
			break
		}
	}
	col := &basestring.Collected{}
	if _, _, err := basestring.AppendBaseStringCollected(nil, &br, col); err != nil {
		return nil, false
	}
	return col, true
}
