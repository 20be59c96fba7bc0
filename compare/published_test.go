package compare

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// publishedVector is the part of a testdata/vectors/vectors.json entry the
// table is checked against.
type publishedVector struct {
	ID                string  `json:"id"`
	ExpectedSignature *string `json:"expected_signature"`
	Notes             string  `json:"notes"`
}

// TestPublishedTable fails when the table and testdata/vectors/vectors.json
// drift apart: every signature of a vector must be in the table under that
// vector, and every row must come from a vector, its signature or its notes.
func TestPublishedTable(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "vectors", "vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var vectors []publishedVector
	if err := json.Unmarshal(data, &vectors); err != nil {
		t.Fatal(err)
	}
	byID := map[string]publishedVector{}
	for _, v := range vectors {
		byID[v.ID] = v
		if v.ExpectedSignature == nil {
			continue
		}
		e, ok := lookupPublished(*v.ExpectedSignature)
		if !ok {
			t.Errorf("vector %s: signature %q is not in the published table", v.ID, *v.ExpectedSignature)
			continue
		}
		if e.vector != v.ID {
			t.Errorf("vector %s: signature %q found under vector %s", v.ID, *v.ExpectedSignature, e.vector)
		}
	}
	seen := map[string]bool{}
	for _, e := range publishedTable() {
		if seen[e.Signature] {
			t.Errorf("signature %q is in the table twice", e.Signature)
		}
		seen[e.Signature] = true
		v, ok := byID[e.vector]
		if !ok {
			t.Errorf("row %q names vector %s, which vectors.json does not have", e.Signature, e.vector)
			continue
		}
		fromVector := v.ExpectedSignature != nil && *v.ExpectedSignature == e.Signature
		if !fromVector && !strings.Contains(v.Notes, e.Signature) {
			t.Errorf("row %q is neither the signature of vector %s nor named in its notes", e.Signature, e.vector)
		}
		if e.Source == "" || e.Explanation == "" || strings.HasSuffix(e.Explanation, " ") {
			t.Errorf("row %q: source %q, explanation %q", e.Signature, e.Source, e.Explanation)
		}
	}
}

func TestLookupPublished(t *testing.T) {
	tests := []struct {
		name, sig  string
		found      bool
		wantSource string // part of the source
		wantExpl   string // part of the explanation
		reason     string
	}{
		{"rfc-erratum", "bYT5CMsGcbgUdFHObYMEfcx6bsw=", true, "erratum 2550", "r6/TJjbCOr97/+UU0NsvSne7s5g=", "the RFC's printed signature is wrong and the right one is named"},
		{"rfc-erratum-encoded", "bYT5CMsGcbgUdFHObYMEfcx6bsw%3D", true, "erratum 2550", "", "as sent in a header, percent-encoded"},
		{"rfc-corrected", "r6/TJjbCOr97/+UU0NsvSne7s5g=", true, "RFC 5849 §3.4.1.1", "bYT5CMsGcbgUdFHObYMEfcx6bsw=", "the corrected value names the printed one"},
		{"twitter-v1", "tnnArxj06cWHq44gCs1OSKk/jLY=", true, "Authorizing a request", "hCtSmYh+iHYCEqBWrE7C7hYmtUk=", "the /1/ signature next to a /1.1/ example"},
		{"plus-as-space", "A Tj2aQkalun03sebOsyXXPi7Ws=", true, "Madgex", "%2B", `a "+" read as a space by form decoding`},
		{"plaintext-decoded", "djr9rjt0jd78jf88&jjd999tj88uiths3", true, "PLAINTEXT", "", "the wire form is stored, the decoded form matches"},
		{"postman-bug", "1tyKsJRLaTvpnCwKGayL4YgHmLM=", true, "8879", "cdQQuXon1opN/3wj5APnIF5NAMg=", "Postman's wrong signature from the issue"},
		{"spaces-around", "  74KNZJeDHnMBp0EMJ9ZHt/XKycU=\n", true, "§1.2", "https://", "pasted with spaces"},
		{"unknown", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", false, "", "", "not published"},
		{"empty", "", false, "", "", "nothing"},
		{"bad-escape", "%zz", false, "", "", "malformed percent-encoding is just not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := lookupPublishedSignature(tt.sig)
			if ok != tt.found {
				t.Fatalf("LookupPublished(%q) found = %v, want %v (%s)", tt.sig, ok, tt.found, tt.reason)
			}
			if !ok {
				if p != (PublishedSignature{}) {
					t.Errorf("not found but returned %+v", p)
				}
				return
			}
			if !strings.Contains(p.Source, tt.wantSource) || !strings.Contains(p.Explanation, tt.wantExpl) {
				t.Errorf("got source %q, explanation %q; want %q and %q in them (%s)", p.Source, p.Explanation, tt.wantSource, tt.wantExpl, tt.reason)
			}
		})
	}
}
