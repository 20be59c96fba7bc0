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

var update = flag.Bool("update", false, "rewrite testdata/trace/*.txtar from the current output")

// TestTraceGolden pins the step trace Build records, under the RFC and under
// rules that change the collected parameters, in testdata/trace/NAME.txtar
// (regenerate with -update). Each archive holds one section per step.
func TestTraceGolden(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		o    Options
	}{
		{"rfc", optionsRequest, Options{}},
		{"skip-query-realm", optionsRequest, Options{ParamRules: ParamRules{SkipQuery: true, IncludeRealm: true}}},
		{"plus-literal-drop-duplicates", optionsRequest, Options{ParamRules: ParamRules{PlusLiteral: true, DropDuplicates: true, DropEmpty: true}}},
		{"body-not-form", Request{Method: "PUT", URL: "http://h:80/p?x=1", ContentType: "application/json", Body: []byte(`{"a":1}`),
			Authorization: `OAuth oauth_consumer_key="k", oauth_signature_method="HMAC-SHA1", oauth_signature="s"`}, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Build(&tt.req, &tt.o)
			if err != nil {
				t.Fatal(err)
			}
			ar := &txtar.Archive{Comment: []byte(fmt.Sprintf("The step trace of Build for case %q; excluded: %q.\n", tt.name, res.Excluded))}
			for _, s := range res.Steps {
				ar.Files = append(ar.Files, txtar.File{Name: s.Name + " §" + s.Section, Data: []byte("input: " + s.Input + "\noutput: " + s.Output + "\n")})
			}
			got := txtar.Format(ar)
			file := filepath.Join("testdata", "trace", tt.name+".txtar")
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("trace of %s differs from %s (run go test -update if intended):\ngot:\n%s\nwant:\n%s", tt.name, file, got, strings.TrimSpace(string(want)))
			}
		})
	}
}
