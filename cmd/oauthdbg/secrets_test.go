package main

import "testing"

func TestRedactor(t *testing.T) {
	cases := []struct {
		name    string
		secrets []string
		in      string
		want    string
		reason  string
	}{
		{"plain", []string{"s3cretValue99"}, "key s3cretValue99 end", "key [redacted 13 chars] end", "a long secret is hidden wherever it is"},
		{"inside-word", []string{"s3cretValue99"}, "xs3cretValue99x", "x[redacted 13 chars]x", "a long secret is hidden inside other text too"},
		{"encoded", []string{"a+b/c d~long"}, "k=a%2Bb%2Fc%20d~long", "k=[redacted 12 chars]", "the percent-encoded form"},
		{"double-encoded", []string{"a+b/c d~long"}, "a%252Bb%252Fc%2520d~long", "[redacted 12 chars]", "encoded twice, as inside a base string"},
		{"form-encoded", []string{"a+b/c d~long"}, "a%2Bb%2Fc+d%7Elong", "[redacted 12 chars]", "form encoding: + for space, ~ encoded"},
		{"json", []string{`q"uote&amp<x>`}, `"q\"uote\u0026amp\u003cx\u003e"`, `"[redacted 13 chars]"`, "JSON-escaped with HTML escaping, as json.Marshal writes"},
		{"longest-first", []string{"abcdefgh", "abcdefghijkl"}, "abcdefghijkl", "[redacted 12 chars]", "a secret holding another is hidden whole"},
		{"short-alone", []string{"ts"}, `sig="cs&ts"`, `sig="cs&[redacted 2 chars]"`, "a short secret standing alone is hidden"},
		{"short-in-word", []string{"ts"}, "the secrets", "the secrets", "a short secret inside a word is left alone"},
		{"empty", []string{""}, "anything", "anything", "an empty secret hides nothing"},
		{"unicode", []string{"pässwörd-long"}, "p%C3%A4ssw%C3%B6rd-long", "[redacted 13 chars]", "length counts characters"},
	}
	for _, tc := range cases {
		if got := newRedactor(tc.secrets)(tc.in); got != tc.want {
			t.Errorf("%s (%s): got %q, want %q", tc.name, tc.reason, got, tc.want)
		}
	}
}
