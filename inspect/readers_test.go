package inspect

import (
	"strings"
	"testing"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		name, in string
		want     Format
		wantErr  bool
	}{
		{"empty is auto", "", FormatAuto, false},
		{"auto word", "auto", FormatAuto, false},
		{"curl", "curl", FormatCurl, false},
		{"har", "har", FormatHAR, false},
		{"header", "header", FormatAuthHeader, false},
		{"unknown lists names", "yaml", FormatAuto, true},
		{"case matters", "CURL", FormatAuto, true},
	}
	for _, tc := range tests {
		got, err := ParseFormat(tc.in)
		if got != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("%s: ParseFormat(%q) = %q, %v; want %q, error %v", tc.name, tc.in, got, err, tc.want, tc.wantErr)
		}
		if err != nil {
			for _, f := range Formats() {
				if !strings.Contains(err.Error(), string(f.Format)) {
					t.Errorf("%s: error %q does not list %q", tc.name, err, f.Format)
				}
			}
		}
	}
}

// TestReadersTable checks every entry is complete and names are unique.
func TestReadersTable(t *testing.T) {
	seen := map[Format]bool{}
	for _, r := range readers {
		if r.Format == FormatAuto || seen[r.Format] {
			t.Errorf("format %q empty or repeated", r.Format)
		}
		seen[r.Format] = true
		if r.Title == "" || r.Doc == "" {
			t.Errorf("format %q has no title or doc", r.Format)
		}
		if r.streams && r.readStream == nil || !r.streams && (r.readText == nil || r.op == "") {
			t.Errorf("format %q has no read function or op", r.Format)
		}
		if got, _ := ParseFormat(string(r.Format)); got != r.Format {
			t.Errorf("ParseFormat(%q) = %q", r.Format, got)
		}
	}
}
