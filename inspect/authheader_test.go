package inspect

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const testAuth = `OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_nonce="wIjqoS", oauth_signature="74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D"`

var authHeaderCases = []struct {
	name, reason, text, url, method string
	origin                          Origin
	wantMethod, wantHost            string
	headers                         []string // "Name: value", in order
	contentType                     string
	notes                           []string // substrings, one per note, in order
	line                            int
}{
	{name: "header-line", reason: "Authorization: OAuth … on one line", text: "Authorization: " + testAuth, url: "https://photos.example.net/initiate",
		wantMethod: "GET", wantHost: "photos.example.net", headers: []string{"Authorization: " + testAuth}, line: 1},
	{name: "value-only", reason: "the value alone gets the name Authorization", text: testAuth + "\n", url: "https://photos.example.net/initiate",
		wantMethod: "GET", wantHost: "photos.example.net", headers: []string{"Authorization: " + testAuth}, line: 1},
	{name: "lower-case", reason: "the name keeps its case", text: "authorization: oauth oauth_nonce=\"n\"", url: "https://h/",
		wantMethod: "GET", wantHost: "h", headers: []string{"authorization: oauth oauth_nonce=\"n\""}, line: 1},
	{name: "wrapped-between-pairs", reason: "wrapping after commas becomes one space", text: "Authorization: OAuth realm=\"Photos\",\n   oauth_consumer_key=\"k\",\n\toauth_nonce=\"n\"",
		url: "https://h/", wantMethod: "GET", wantHost: "h", headers: []string{`Authorization: OAuth realm="Photos", oauth_consumer_key="k", oauth_nonce="n"`},
		notes: []string{"joined the 3 lines of the Authorization header with spaces"}, line: 1},
	{name: "wrapped-inside-quotes", reason: "a break inside a quoted value is removed without a space", text: "OAuth oauth_nonce=\"n\", oauth_signature=\"74KNZJeDHn \n    MBp0EMJ9ZHt%2FXKycU%3D\"",
		url: "https://h/", wantMethod: "GET", wantHost: "h", headers: []string{`Authorization: OAuth oauth_nonce="n", oauth_signature="74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D"`},
		notes: []string{"a line break inside a quoted value was removed without adding a space"}, line: 1},
	{name: "escaped-quote", reason: "a backslash-escaped quote does not end a quoted value", text: "OAuth realm=\"a\\\"b\n c\"", url: "https://h/",
		wantMethod: "GET", wantHost: "h", headers: []string{`Authorization: OAuth realm="a\"bc"`}, notes: []string{"inside a quoted value"}, line: 1},
	{name: "with-other-headers", reason: "other header lines are kept; Content-Type and Host are read; POST notes the missing body",
		text: "Host: api.example.com\nContent-Type: application/x-www-form-urlencoded\nAuthorization: " + testAuth + "\nX-Forwarded-Proto: https\n", url: "http://10.0.0.5:8080/initiate", method: "POST",
		wantMethod: "POST", wantHost: "api.example.com", contentType: "application/x-www-form-urlencoded",
		headers: []string{"Host: api.example.com", "Content-Type: application/x-www-form-urlencoded", "Authorization: " + testAuth, "X-Forwarded-Proto: https"},
		notes:   []string{"if the POST request had a form body"}, line: 3},
	{name: "wrapped-url-realm", reason: "a wrapped line starting with http: is not a new header", text: "Authorization: OAuth realm=\"\nhttp://photos.example.net/\", oauth_nonce=\"n\"", url: "https://h/",
		wantMethod: "GET", wantHost: "h", headers: []string{`Authorization: OAuth realm="http://photos.example.net/", oauth_nonce="n"`},
		notes: []string{"inside a quoted value"}, line: 1},
	{name: "bare-cr", reason: "a bare CR ends a line like LF", text: "Authorization: OAuth a=\"1\",\r b=\"2\"\r", url: "https://h/",
		wantMethod: "GET", wantHost: "h", headers: []string{`Authorization: OAuth a="1", b="2"`}, notes: []string{"with spaces"}, line: 1},
	{name: "origin-line", reason: "a given origin line is kept", text: testAuth, url: "https://h/x#f", origin: Origin{Name: "log.txt", Line: 40},
		wantMethod: "GET", wantHost: "h", headers: []string{"Authorization: " + testAuth}, notes: []string{"dropped the fragment"}, line: 40},
}

func TestReadAuthHeader(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range authHeaderCases {
		if seen[tc.name] {
			t.Fatalf("duplicate case %s", tc.name)
		}
		seen[tc.name] = true
		r, err := readAuthHeader(tc.text, tc.url, tc.method, tc.origin)
		if err != nil {
			t.Errorf("%s: %v (%s)", tc.name, err, tc.reason)
			continue
		}
		var headers []string
		for _, h := range r.Headers {
			headers = append(headers, h.Name+": "+h.Value)
		}
		u, _ := parseAbsURL(strings.SplitN(tc.url, "#", 2)[0])
		for _, c := range []struct {
			field     string
			got, want any
		}{
			{"Method", r.Method, tc.wantMethod}, {"URL", r.URL, u.raw}, {"Host", r.Host, tc.wantHost}, {"Target", r.Target, u.target()},
			{"Headers", headers, tc.headers}, {"ContentType", r.ContentType, tc.contentType}, {"Format", r.Format, FormatAuthHeader},
			{"Origin.Line", r.Origin.Line, tc.line}, {"Origin.Entry", r.Origin.Entry, -1}, {"Origin.Name", r.Origin.Name, tc.origin.Name},
			{"SchemeKnown", r.SchemeKnown, true}, {"Body", string(r.Body), ""},
		} {
			if fmt.Sprintf("%q", c.got) != fmt.Sprintf("%q", c.want) {
				t.Errorf("%s: %s = %q, want %q (%s)", tc.name, c.field, c.got, c.want, tc.reason)
			}
		}
		if len(r.Notes) != len(tc.notes) {
			t.Errorf("%s: notes %q, want %d (%s)", tc.name, r.Notes, len(tc.notes), tc.reason)
			continue
		}
		for i, n := range tc.notes {
			if !strings.Contains(r.Notes[i], n) {
				t.Errorf("%s: note %q does not contain %q", tc.name, r.Notes[i], n)
			}
		}
	}
}

func TestReadAuthHeaderErrors(t *testing.T) {
	tests := []struct {
		name, reason, text, url string
		want                    []string
		line, col               int
	}{
		{"no-url", "the URL is required", "Authorization: " + testAuth, "", []string{`inspect: read Authorization header "h.txt": no request URL`, "--url https://"}, 0, 0},
		{"empty", "no text", " \n\t", "https://h/", []string{"empty input"}, 0, 0},
		{"bearer", "another scheme", "Authorization: Bearer abc.def", "https://h/", []string{`the Authorization header uses the "Bearer" scheme, not OAuth at line 1 column 16`}, 1, 16},
		{"basic-value", "a Basic value alone is not a header", "Basic dTpw", "https://h/", []string{`not a header: "Basic dTpw"`}, 1, 1},
		{"empty-value", "Authorization: with nothing after it", "Authorization:", "https://h/", []string{"empty Authorization header"}, 1, 15},
		{"no-authorization", "headers but no Authorization", "Content-Type: text/plain\nAccept: */*", "https://h/", []string{"no Authorization header at line 1 column 15"}, 1, 15},
		{"two", "two Authorization headers", "Authorization: " + testAuth + "\nAuthorization: OAuth x=\"y\"", "https://h/", []string{"second Authorization header at line 2 column 16"}, 2, 16},
		{"bad-url", "the URL is checked like a URL argument", testAuth, "/initiate", []string{`inspect: read URL "--url": relative URL "/initiate"`}, 1, 1},
		{"nul", "binary data", "Authorization: OAuth a=\"\x00\"", "https://h/", []string{"binary data (NUL byte) at line 1 column 25"}, 1, 25},
		{"bad-utf8", "invalid UTF-8", "Authorization: OAuth a=\"\xc3\"", "https://h/", []string{"invalid UTF-8 byte 0xC3"}, 1, 25},
	}
	for _, tc := range tests {
		_, err := readAuthHeader(tc.text, tc.url, "", Origin{Name: "h.txt"})
		if err == nil {
			t.Errorf("%s: no error (%s)", tc.name, tc.reason)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not contain %q (%s)", tc.name, err, w, tc.reason)
			}
		}
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("%s: %T is not an *InputError", tc.name, err)
		}
		if ie.Line != tc.line || ie.Column != tc.col || ie.Hint == "" {
			t.Errorf("%s: position %d:%d hint %q, want %d:%d and a hint (%s)", tc.name, ie.Line, ie.Column, ie.Hint, tc.line, tc.col, tc.reason)
		}
	}
}

func TestJoinWrapped(t *testing.T) {
	tests := []struct {
		lines   []string
		want    string
		wrapped bool
	}{
		{[]string{`OAuth a="1",`, `  b="2"`}, `OAuth a="1", b="2"`, false},
		{[]string{`OAuth a="1`, `  2"`}, `OAuth a="12"`, true},
		{[]string{`OAuth a="1 `, ` 2"  `}, `OAuth a="12"`, true},
		{[]string{`OAuth a="x\"`, `y"`}, `OAuth a="x\"y"`, true},
		{[]string{`OAuth`}, `OAuth`, false},
	}
	for _, tc := range tests {
		got, wrapped := joinWrapped(tc.lines)
		if got != tc.want || wrapped != tc.wrapped {
			t.Errorf("joinWrapped(%q) = %q, %v; want %q, %v", tc.lines, got, wrapped, tc.want, tc.wrapped)
		}
	}
}

func FuzzReadAuthHeader(f *testing.F) {
	for _, tc := range authHeaderCases {
		f.Add(tc.text, tc.url, tc.method)
	}
	data, err := os.ReadFile(filepath.Join(capturesDir, "authheader.txt"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(data), "https://api.bitbucket.org/1.0/repositories/acme/widgets/issues/42", "DELETE")
	f.Fuzz(func(t *testing.T, text, url, method string) {
		r, err := readAuthHeader(text, url, method, Origin{Name: "fuzz"})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Hint == "" {
				t.Fatalf("error %v is not an InputError with a hint", err)
			}
			return
		}
		auth := r.HeaderValues("Authorization")
		if len(auth) != 1 || !isOAuthScheme(auth[0]) {
			t.Fatalf("Authorization headers %q", auth)
		}
		for _, h := range r.Headers {
			if strings.ContainsAny(h.Value, "\r\n") || strings.ContainsAny(h.Name, " \t\r\n:") {
				t.Fatalf("header %q: %q holds a line break or a bad name", h.Name, h.Value)
			}
		}
		if !slices.Contains([]Format{FormatAuthHeader}, r.Format) || r.Origin.Entry != -1 || r.Method == "" {
			t.Fatalf("incomplete request %+v", r)
		}
	})
}
