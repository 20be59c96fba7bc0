package compare

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/oauthdbg/oauthdbg/inspect"
)

// tricky holds what encoding/json escapes: HTML bytes, quotes, control
// bytes with and without a short form, invalid UTF-8, U+2028 and U+2029, and
// multi-byte runes it keeps.
const tricky = "a<b>&c\"d\\e\x00\x01\b\f\n\r\t\x1f\x7f\xff\xc3(\u2028\u2029é€😀"

// TestSimpleJSON checks that the reports MarshalJSON writes without
// reflection come out byte for byte as encoding/json writes them, and that
// every report that is not simple goes to encoding/json.
func TestSimpleJSON(t *testing.T) {
	valid, err := Check(validTypicalRequest(t), twitterSecrets, Options{})
	if err != nil || !valid.Valid {
		t.Fatal(err)
	}
	invalid, err := Check(typicalRequest("AAAAAAAAAAAAAAAAAAAAAAAAAAA="), twitterSecrets, Options{})
	if err != nil || invalid.Valid {
		t.Fatal(err)
	}
	entry := 7
	variants := map[string]func(r *Report){
		"as-checked": func(*Report) {},
		"har-entry":  func(r *Report) { r.Entry = &entry },
		"tricky-texts": func(r *Report) {
			r.Origin, r.Method, r.URL, r.BaseString = tricky, tricky, tricky, tricky
			r.Reading.ConsumerKey, r.Reading.Token = tricky, tricky
			r.Signature.Supplied, r.Signature.Expected = tricky, ""
		},
		"no-token": func(r *Report) { r.Reading.Token, r.Reading.TokenSecretSource = "", "" },
		"rsa":      func(r *Report) { r.Reading.PublicKeySource, r.SignatureMethod = "rsa_public_keys[\"k\"]", "RSA-SHA1" },
		"unchecked": func(r *Report) {
			r.Valid, r.Unchecked = false, "no consumer secret was given for oauth_consumer_key \"k\""
		},
		"unexplained": func(r *Report) { r.Valid, r.Unexplained = false, tricky },
		"findings": func(r *Report) {
			r.Findings = []inspect.Finding{
				{ID: "timestamp-skew", Severity: inspect.SeverityWarning, Message: tricky, Section: "3.3", Param: "oauth_timestamp"},
				{ID: "header-syntax", Severity: inspect.SeverityError, Message: "m", Section: ""},
			}
		},
		"empty-findings": func(r *Report) { r.Findings = []inspect.Finding{} },
	}
	simple := 0
	for name, change := range variants {
		for _, show := range []bool{false, true} {
			r := *valid
			change(&r)
			d := r.Display(show, nil)
			if !d.simple() {
				t.Fatalf("%s: not simple", name)
			}
			simple++
			got, err := d.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			want, err := d.marshalReflect()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s (show %v):\n got %s\nwant %s", name, show, got, want)
			}
		}
	}
	// A report with a cause, a search and steps is written by encoding/json.
	d := invalid.Display(false, nil)
	if d.simple() {
		t.Fatal("a mismatch with a search and steps counts as simple")
	}
	got, _ := d.MarshalJSON()
	want, _ := d.marshalReflect()
	if !bytes.Equal(got, want) {
		t.Error("a report that is not simple is not written by encoding/json")
	}
	if simple < len(variants)*2 {
		t.Fatalf("only %d simple reports checked", simple)
	}
}

// FuzzJSONString checks appendJSONString against encoding/json.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", tricky, "\xed\xa0\x80", "\U0010FFFF", "</script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}
