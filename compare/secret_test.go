package compare

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// secretForms lists every form of v that oauthdbg's output could hold: as
// is, percent-encoded once and twice, form-encoded, JSON- and Go-quoted.
func secretForms(v string) []string {
	enc := basestring.Encode(v)
	forms := []string{v, enc, basestring.Encode(enc), url.QueryEscape(v)}
	for _, f := range append([]string(nil), forms...) {
		j, _ := json.Marshal(f)
		forms = append(forms, string(j[1:len(j)-1]), strconv.Quote(f)[1:len(strconv.Quote(f))-1])
	}
	return forms
}

// testSecrets are secrets of the lengths and characters that broke the
// search-and-replace redactor: 1, 2, 7 and 25 characters, and ones that
// need percent-encoding.
var testSecrets = []string{"x", "cd", "s3cr3t7", "Cs9+Le/ab cd&ef=gh%ij~kl", "a+b/c", "ü", "\u00a0nb"}

func TestSecretFormatsRedacted(t *testing.T) {
	for _, v := range testSecrets {
		s := NewSecret(v)
		want := fmt.Sprintf("[redacted %d chars]", len([]rune(v)))
		j, err := json.Marshal(struct{ S Secret }{s})
		if err != nil {
			t.Fatal(err)
		}
		txt, _ := s.MarshalText()
		outs := map[string]string{
			"%s": fmt.Sprintf("%s", s), "%v": fmt.Sprintf("%v", s), "%+v": fmt.Sprintf("%+v", s),
			"%#v": fmt.Sprintf("%#v", s), "%q": fmt.Sprintf("%q", s), "%x": fmt.Sprintf("%x", s),
			"%d": fmt.Sprintf("%d", s), "struct %#v": fmt.Sprintf("%#v", struct{ S Secret }{s}),
			"struct %+v": fmt.Sprintf("%+v", struct{ S Secret }{s}), "String": s.String(),
			"json": string(j), "text": string(txt), "slice %v": fmt.Sprint([]Secret{s}),
		}
		for name, out := range outs {
			if !strings.Contains(out, want) {
				t.Errorf("%q %s = %q, want it to hold %q", v, name, out, want)
			}
			for _, f := range secretForms(v) {
				if strings.Contains(strings.ReplaceAll(out, want, ""), f) {
					t.Errorf("%q %s = %q holds the secret form %q", v, name, out, f)
				}
			}
		}
		if s.Reveal() != v {
			t.Errorf("Reveal() = %q, want %q", s.Reveal(), v)
		}
	}
}

func TestTextFromStructure(t *testing.T) {
	tests := []struct {
		name, why string
		got       Text
		redacted  string
		revealed  string
	}{
		{"url-plaintext", "the PLAINTEXT signature in the query is the key",
			URLText("https://ex.com/p?a=1&oauth_signature=cs%26ts&oauth_version=1.0#f", "PLAINTEXT"),
			"https://ex.com/p?a=1&oauth_signature=[redacted 5 chars]&oauth_version=1.0#f",
			"https://ex.com/p?a=1&oauth_signature=cs%26ts&oauth_version=1.0#f"},
		{"url-hmac", "an HMAC signature is not a secret",
			URLText("https://ex.com/p?oauth_signature=abc%3D", "HMAC-SHA1"),
			"https://ex.com/p?oauth_signature=abc%3D", "https://ex.com/p?oauth_signature=abc%3D"},
		{"url-leaked-secret", "a secret sent as a parameter is hidden whatever the method",
			URLText("https://ex.com/?oauth_token_secret=x&v=1.0", "HMAC-SHA1"),
			"https://ex.com/?oauth_token_secret=[redacted 1 chars]&v=1.0", "https://ex.com/?oauth_token_secret=x&v=1.0"},
		{"url-escaped-secret-name", "a secret's name spelt with escapes is still a secret's name",
			URLText("https://ex.com/?consumer%5Fsecret=abc&v=1.0", "HMAC-SHA1"),
			"https://ex.com/?consumer%5Fsecret=[redacted 3 chars]&v=1.0", "https://ex.com/?consumer%5Fsecret=abc&v=1.0"},
		{"short-secret-no-mangling", "a one-letter secret does not touch the 1 of 1.0",
			BodyText("oauth_consumer_secret=1&oauth_version=1.0", ""),
			"oauth_consumer_secret=[redacted 1 chars]&oauth_version=1.0", "oauth_consumer_secret=1&oauth_version=1.0"},
		{"header", "the quoted PLAINTEXT signature in the Authorization header",
			HeaderText("Authorization", `OAuth oauth_signature_method="PLAINTEXT", oauth_signature="a%2Bb%252Fc%26cd", oauth_version="1.0"`, "PLAINTEXT"),
			`OAuth oauth_signature_method="PLAINTEXT", oauth_signature="[redacted 10 chars]", oauth_version="1.0"`,
			`OAuth oauth_signature_method="PLAINTEXT", oauth_signature="a%2Bb%252Fc%26cd", oauth_version="1.0"`},
		{"other-header", "a header other than Authorization is plain",
			HeaderText("X-Sig", "oauth_signature=abc", "PLAINTEXT"), "oauth_signature=abc", "oauth_signature=abc"},
		{"base-string", "a leaked PLAINTEXT signature inside a base string is encoded twice",
			BaseStringText("GET&https%3A%2F%2Fex.com%2F&a%3D1%26oauth_signature%3Dcs%2526ts%26oauth_version%3D1.0", "PLAINTEXT"),
			"GET&https%3A%2F%2Fex.com%2F&a%3D1%26oauth_signature%3D[redacted 5 chars]%26oauth_version%3D1.0",
			"GET&https%3A%2F%2Fex.com%2F&a%3D1%26oauth_signature%3Dcs%2526ts%26oauth_version%3D1.0"},
		{"key", "the signing key: each secret counted alone",
			keyText(NewSecret("a+b/c"), NewSecret("ü")),
			"[redacted 5 chars]&[redacted 1 chars]", "a%2Bb%2Fc&%C3%BC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.got.Render(false, nil); got != tt.redacted {
				t.Errorf("Render(false) = %q, want %q (%s)", got, tt.redacted, tt.why)
			}
			if got := tt.got.Render(true, nil); got != tt.revealed {
				t.Errorf("Render(true) = %q, want %q (%s)", got, tt.revealed, tt.why)
			}
			if got := fmt.Sprintf("%v|%s|%q|%#v", tt.got, tt.got, tt.got, tt.got); tt.got.HasSecret() && strings.Contains(got, tt.revealed) {
				t.Errorf("fmt shows the revealed text: %s", got)
			}
			j, err := json.Marshal(tt.got)
			if err != nil || !json.Valid(j) {
				t.Fatalf("json.Marshal = %s, %v", j, err)
			}
			var back string
			_ = json.Unmarshal(j, &back)
			if back != tt.redacted {
				t.Errorf("JSON = %q, want %q", back, tt.redacted)
			}
		})
	}
}

// TestTextNoSecretForm feeds every test secret through each builder as a
// PLAINTEXT signature and checks that no form of it survives redaction.
func TestTextNoSecretForm(t *testing.T) {
	for _, cs := range testSecrets {
		for _, ts := range testSecrets {
			key := keyText(NewSecret(cs), NewSecret(ts)).Revealed()
			enc := basestring.Encode(key)
			texts := map[string]Text{
				"url":    URLText("https://ex.com/?oauth_version=1.0&oauth_signature="+enc+"&b=2", "PLAINTEXT"),
				"body":   BodyText("oauth_signature="+enc+"&oauth_version=1.0", "PLAINTEXT"),
				"header": HeaderText("Authorization", `OAuth oauth_version="1.0", oauth_signature="`+enc+`"`, "PLAINTEXT"),
				"base":   BaseStringText("POST&https%3A%2F%2Fex.com%2F&oauth_signature%3D"+basestring.Encode(enc)+"%26oauth_version%3D1.0", "PLAINTEXT"),
				"key":    keyText(NewSecret(cs), NewSecret(ts)),
			}
			for name, tx := range texts {
				out := tx.Render(false, strconv.Quote)
				j, _ := json.Marshal(tx)
				for _, o := range []string{out, string(j), fmt.Sprintf("%#v", tx)} {
					rest := o
					for _, p := range []string{"[redacted 1 chars]", "[redacted 2 chars]", "[redacted 3 chars]", "[redacted 5 chars]", "[redacted 7 chars]", "[redacted 24 chars]"} {
						rest = strings.ReplaceAll(rest, p, "")
					}
					rest = strings.NewReplacer("oauth_version", "", "oauth_signature", "", "1.0", "", "https", "", "ex.com", "", "POST", "", "OAuth", "").Replace(rest)
					for _, s := range []string{cs, ts} {
						if len(s) < 3 {
							continue // a 1–2 letter secret is in any text; the placeholders are checked below
						}
						for _, f := range secretForms(s) {
							if strings.Contains(rest, f) {
								t.Errorf("%s with secrets %q, %q: %q holds %q", name, cs, ts, o, f)
							}
						}
					}
					if strings.Contains(o, enc) {
						t.Errorf("%s with secrets %q, %q: %q holds the signature", name, cs, ts, o)
					}
				}
			}
		}
	}
}

// Example shows how a renderer writes a request's URL and base string: the
// Text is built from the structure of the request, then rendered redacted
// (or revealed with --show-secrets), escaped span by span.
func ExampleURLText() {
	u := URLText("https://api.example.com/r?oauth_signature_method=PLAINTEXT&oauth_signature=kd94hf93k423kf44%26pfkkdhi9sl3r4s00", "PLAINTEXT")
	fmt.Println(u.Render(false, nil))
	fmt.Println(u.Render(true, nil))
	b, _ := json.Marshal(map[string]Text{"url": u})
	fmt.Println(string(b))
	fmt.Printf("%q\n", NewSecret("kd94hf93k423kf44"))
	// Output:
	// https://api.example.com/r?oauth_signature_method=PLAINTEXT&oauth_signature=[redacted 33 chars]
	// https://api.example.com/r?oauth_signature_method=PLAINTEXT&oauth_signature=kd94hf93k423kf44%26pfkkdhi9sl3r4s00
	// {"url":"https://api.example.com/r?oauth_signature_method=PLAINTEXT\u0026oauth_signature=[redacted 33 chars]"}
	// "[redacted 16 chars]"
}

// FuzzTextRevealed: a Text built from any URL, body, header or base string
// reveals exactly its input, and its redacted form is valid in JSON.
func FuzzTextRevealed(f *testing.F) {
	f.Add("https://ex.com/?oauth_signature=a%26b&x=1", "PLAINTEXT")
	f.Add(`OAuth oauth_signature="a%26b", oauth_token_secret=x`, "PLAINTEXT")
	f.Add("GET&u&oauth_signature%3Da%2526b%26v%3D1", "PLAINTEXT")
	f.Fuzz(func(t *testing.T, s, method string) {
		for name, tx := range map[string]Text{
			"url": URLText(s, method), "body": BodyText(s, method),
			"header": HeaderText("Authorization", s, method), "base": BaseStringText(s, method),
		} {
			if got := tx.Revealed(); got != s {
				t.Fatalf("%s: Revealed() = %q, want %q", name, got, s)
			}
			if _, err := json.Marshal(tx); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	})
}
