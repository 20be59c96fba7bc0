package basestring

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestTraceGolden writes every step of the traced build of each published
// vector's request to testdata/trace.txtar and compares: the text --steps
// shows is pinned, step by step. Rewrite with go test ./basestring -update.
func TestTraceGolden(t *testing.T) {
	ar := &txtar.Archive{Comment: []byte("The steps of the base string of each published vector, as Build traces them.\nRewrite with go test ./basestring -run TestTraceGolden -update.\n")}
	for _, v := range loadVectors(t) {
		if v.URL == nil {
			continue // a vector of the key or the signature alone
		}
		res, err := Build(vectorRequest(t, v), nil)
		if err != nil {
			continue // vectors whose request is malformed on purpose have no trace
		}
		var b strings.Builder
		for i, s := range res.Steps {
			fmt.Fprintf(&b, "%d. %s (§%s)\n   from: %s\n   gives: %s\n", i+1, s.Name, s.Section,
				strings.ReplaceAll(s.Input, "\n", "\n         "), strings.ReplaceAll(s.Output, "\n", "\n          "))
		}
		ar.Files = append(ar.Files, txtar.File{Name: v.ID, Data: []byte(b.String())})
	}
	path := filepath.Join("testdata", "trace.txtar")
	got := txtar.Format(ar)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./basestring -run TestTraceGolden -update writes it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("the traced steps differ from %s; check the change and rewrite with -update", path)
	}
}
