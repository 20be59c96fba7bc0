package provider

import (
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestAuthenticatePageGolden renders the authorization page in each of its
// states (asking, an unknown token, the verifier shown for oob) with a
// consumer key and callback holding markup, and compares the HTML and the
// security headers with testdata/authenticate.txtar: the page escapes what
// it shows and keeps its strict CSP. Rewrite with -update.
func TestAuthenticatePageGolden(t *testing.T) {
	states := []struct {
		name string
		data pageData
	}{
		{"ask", pageData{Title: "Authorize <b>ck</b>", Token: "rt\"1", Consumer: "<script>ck</script>", Callback: "https://client.example/cb?a=1&b=<2>"}},
		{"unknown-token", pageData{Title: "Unknown request token", Error: "This link's oauth_token is not a request token this provider issued."}},
		{"oob-verifier", pageData{Title: "Access granted", Consumer: "ck", Verifier: "v<1>"}},
	}
	ar := &txtar.Archive{Comment: []byte("The authorization page of serve in each state. Rewrite with go test ./cmd/oauthdbg/internal/provider -run TestAuthenticatePageGolden -update.\n")}
	p := &Provider{}
	for _, s := range states {
		rec := httptest.NewRecorder()
		p.page(rec, 200, s.data)
		head := "Content-Security-Policy: " + rec.Header().Get("Content-Security-Policy") + "\nX-Frame-Options: " + rec.Header().Get("X-Frame-Options") + "\n\n"
		ar.Files = append(ar.Files, txtar.File{Name: s.name, Data: []byte(head + rec.Body.String())})
	}
	path := filepath.Join("testdata", "authenticate.txtar")
	got := txtar.Format(ar)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (rewrite with -update)", err)
	}
	if string(got) != string(want) {
		t.Errorf("the page differs from %s; check the change and rewrite with -update", path)
	}
}
