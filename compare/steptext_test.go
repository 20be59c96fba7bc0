package compare

import (
	"strings"
	"testing"
)

// TestDisplayStepsSecretParam checks that a *_secret parameter a client
// sent (its token secret in the query) is redacted in every step that
// quotes it, as it is in the URL, and shown with show.
func TestDisplayStepsSecretParam(t *testing.T) {
	req := headerRequest("GET", "https://api.example.com/x?a=1&oauth_consumer_key=ck&oauth_token=tok&oauth_signature_method=HMAC-SHA1&oauth_version=1.0&oauth_token_secret=SuperSecretValue&oauth_signature=abc", "", true)
	req.Headers = nil
	rep, err := Check(req, Secrets{ConsumerSecret: NewSecret("x"), TokenSecret: NewSecret("yz"), HasTokenSecret: true}, Options{Steps: true, NoSearch: true})
	if err != nil {
		t.Fatal(err)
	}
	hidden, shown := rep.Display(false, nil), rep.Display(true, nil)
	var h, s strings.Builder
	for i := range hidden.Steps {
		h.WriteString(hidden.Steps[i].Input + "\n" + hidden.Steps[i].Output + "\n")
		s.WriteString(shown.Steps[i].Input + "\n" + shown.Steps[i].Output + "\n")
		if shown.Steps[i] != rep.Steps[i] {
			t.Errorf("shown step %q differs from the step built:\n%q\n%q", rep.Steps[i].Name, shown.Steps[i], rep.Steps[i])
		}
	}
	if strings.Contains(h.String(), "SuperSecret") || !strings.Contains(h.String(), "[redacted 16 chars]") {
		t.Errorf("redacted steps:\n%s", h.String())
	}
	if n := strings.Count(s.String(), "SuperSecretValue"); n < 4 {
		t.Errorf("shown steps hold the value %d times, want every step that quotes it:\n%s", n, s.String())
	}
}

func TestHintText(t *testing.T) {
	rep := &Report{SignatureMethod: "HMAC-SHA1"}
	h := DiffHint{ID: "value-double-encoded", Part: "param oauth_token_secret",
		Detail: `the value of oauth_token_secret was encoded twice: "a%2520b" where the RFC gives "a%20b"`}
	if got, want := rep.hintText(&h).String(), `the value of oauth_token_secret was encoded twice: "[redacted 7 chars]" where the RFC gives "[redacted 5 chars]"`; got != want {
		t.Errorf("hintText = %q, want %q", got, want)
	}
	if got := rep.hintText(&h).Revealed(); got != h.Detail {
		t.Errorf("Revealed = %q, want %q", got, h.Detail)
	}
	other := DiffHint{Part: "param status", Detail: `the value of status was encoded twice: "a%2520b" where the RFC gives "a%20b"`}
	if got := rep.hintText(&other).String(); got != other.Detail {
		t.Errorf("a hint about a plain parameter is changed: %q", got)
	}
}

func TestMayHoldSecret(t *testing.T) {
	tests := []struct {
		s, method string
		want      bool
		reason    string
	}{
		{"a=1&b=2", "HMAC-SHA1", false, "no secret name: the fast path"},
		{"a=1", "PLAINTEXT", true, "every PLAINTEXT text may hold the signature"},
		{"x=1&oauth_token_secret=s", "HMAC-SHA1", true, "a *_secret name"},
		{"x=1&OAUTH_TOKEN_SECRET=s", "HMAC-SHA1", true, "in any letter case"},
		{"x%3D1%26my_Secret%3Ds", "HMAC-SHA1", true, "encoded, as in a base string"},
		{"_secre", "HMAC-SHA1", false, "too short"},
		{"a_b_c_secret", "HMAC-SHA1", true, "after other underscores"},
	}
	for _, tt := range tests {
		if got := mayHoldSecret(tt.s, tt.method); got != tt.want {
			t.Errorf("mayHoldSecret(%q, %q) = %v, want %v (%s)", tt.s, tt.method, got, tt.want, tt.reason)
		}
	}
	// A *_secret value in a long URL is marked, and the Text reveals the URL.
	u := "https://ex.com/?" + strings.Repeat("p=1&", 5000) + "client_secret=zz&q=2"
	tx := URLText(u, "HMAC-SHA1")
	if tx.Revealed() != u || !strings.HasSuffix(tx.String(), "client_secret=[redacted 2 chars]&q=2") || len(tx) != 3 {
		t.Errorf("URLText of a long URL: %d spans", len(tx))
	}
}
