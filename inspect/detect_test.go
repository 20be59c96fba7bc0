package inspect

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var detectCases = []struct {
	name, reason, head string
	want               Format
}{
	{"har", "a HAR file starts with {\"log\"", `{"log": {"version": "1.2"}}`, FormatHAR},
	{"har-pretty", "browsers write the HAR pretty-printed", "{\n  \"log\": {\n", FormatHAR},
	{"har-bom", "a BOM before a HAR file", "\ufeff{\"log\":{}}", FormatHAR},
	{"har-later-key", "a \"log\" key that is not the first", `{"comment": "x", "log": {}}`, FormatHAR},
	{"curl", "curl followed by a space", "curl 'https://a/'", FormatCurl},
	{"curl-indented", "leading blank lines and spaces", "\n\n   curl https://a/", FormatCurl},
	{"curl-continuation", "curl alone on its line, continued", "curl \\\n  'https://a/'", FormatCurl},
	{"curl-cmd-continuation", "curl ^ as Chrome (cmd) writes a long command", "curl ^\n  ^\"https://a/^\"", FormatCurl},
	{"curl-exe", "curl.exe in any case", "CURL.EXE https://a/", FormatCurl},
	{"curl-path", "curl started by its path", "/usr/bin/curl https://a/", FormatCurl},
	{"curl-windows-path", "curl.exe started by a quoted Windows path", `"C:\Program Files\curl\curl.exe" https://a/`, FormatCurl},
	{"curl-prompt", "a copied shell prompt", "$ curl https://a/", FormatCurl},
	{"curl-comment", "a # comment line before the command", "# get the user\ncurl https://a/", FormatCurl},
	{"curl-bom", "a BOM before a curl command", "\ufeffcurl https://a/", FormatCurl},
	{"http", "a request line", "GET /1.0/user HTTP/1.1\r\nHost: a\r\n", FormatHTTP},
	{"http-absolute", "absolute-form request line", "POST https://a/b?c HTTP/1.0\n", FormatHTTP},
	{"http-2", "Firefox shows HTTP/2 requests with a request line", "GET /x HTTP/2\nHost: a\n", FormatHTTP},
	{"http-space-target", "a target with a space is still HTTP, for the reader to explain", "GET /a b HTTP/1.1\n", FormatHTTP},
	{"http-pseudo", "HTTP/2 pseudo-headers as Chrome shows them", ":authority: a\n:method: GET\n", FormatHTTP},
	{"http-pseudo-method", "pseudo-headers in another order", ":method: POST\n", FormatHTTP},
	{"http-provisional", "Chrome's provisional headers warning", "Provisional headers are shown. Learn more\n:method: GET\n", FormatHTTP},
	{"http-comment", "an .http file comment", "### list issues\nGET /1.0/x HTTP/1.1\n", FormatHTTP},
	{"header", "Authorization: OAuth", "Authorization: OAuth oauth_consumer_key=\"k\"", FormatAuthHeader},
	{"header-lower", "authorization: in lower case", "authorization: OAuth realm=\"x\"", FormatAuthHeader},
	{"header-value", "the value alone", "OAuth oauth_consumer_key=\"k\", oauth_nonce=\"n\"", FormatAuthHeader},
	{"url", "an https URL", "https://api.bitbucket.org/1.0/user", FormatURL},
	{"url-upper", "an HTTP URL in upper case", "HTTP://API.BITBUCKET.ORG/", FormatURL},
	{"url-lines", "several URLs", "https://a/\nhttps://b/\n", FormatURL},
}

func TestDetect(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range detectCases {
		if seen[tc.name] {
			t.Fatalf("duplicate case %s", tc.name)
		}
		seen[tc.name] = true
		got, err := detectFormat([]byte(tc.head))
		if err != nil || got != tc.want {
			t.Errorf("%s: detectFormat = %q, %v; want %q (%s)", tc.name, got, err, tc.want, tc.reason)
		}
	}
}

func TestDetectCaptures(t *testing.T) {
	want := map[string]Format{".http": FormatHTTP, ".curl": FormatCurl, ".txt": FormatAuthHeader}
	files, _ := filepath.Glob(filepath.Join(capturesDir, "*.*"))
	for _, f := range files {
		w, ok := want[filepath.Ext(f)]
		if !ok {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := detectFormat(data); got != w || err != nil {
			t.Errorf("%s: detectFormat = %q, %v; want %q", filepath.Base(f), got, err, w)
		}
	}
}

func TestDetectErrors(t *testing.T) {
	tests := []struct {
		name, reason, head string
		want               []string
		line               int
	}{
		{"empty", "no bytes at all", "", []string{"inspect: detect input format: input is empty", "give an absolute URL"}, 0},
		{"blank", "only whitespace and comments", " \n\t\r\n# note\n", []string{"input is empty"}, 0},
		{"unknown", "a line that fits no form is quoted with its number", "\n\nfoo bar baz\n", []string{`cannot read line 3 "foo bar baz" as any known input`, "curl command (curl 'https://…' -H …)", "--input-format"}, 3},
		{"cut", "the quoted line is cut to about 80 characters", "x" + strings.Repeat("y", 100), []string{`"x` + strings.Repeat("y", 79) + `…"`}, 1},
		{"curling", "a word that starts with curl is not curl", "curling https://a/", []string{`cannot read line 1 "curling https://a/"`}, 1},
		{"relative-url", "a path alone", "/1.0/user?x=1", []string{`cannot read line 1 "/1.0/user?x=1"`}, 1},
		{"status", "a response status line", "HTTP/1.1 401 Unauthorized\r\n", []string{`line 1 "HTTP/1.1 401 Unauthorized" is an HTTP response, not a request`, "copy the request"}, 1},
		{"header-only", "headers without a request line", "Host: api.bitbucket.org\nAccept: */*\n", []string{"a header without the request line before it", "GET /path HTTP/1.1"}, 1},
		{"json-not-har", "JSON without log", `{"entries": []}`, []string{`JSON object without a "log" member is not a HAR file`, "Save all as HAR"}, 0},
		{"json-array", "a JSON array", `[{"log": {}}]`, []string{"a JSON array is not a HAR file"}, 0},
		{"utf16le", "UTF-16 with a byte order mark", "\xff\xfeG\x00E\x00T\x00", []string{"input is UTF-16 text"}, 0},
		{"utf16be", "big-endian UTF-16", "\xfe\xff\x00G", []string{"input is UTF-16 text"}, 0},
		{"gzip", "a gzip file", "\x1f\x8b\x08\x00\x00", []string{"input is gzip-compressed", "gunzip"}, 0},
		{"zip", "a zip archive", "PK\x03\x04rest", []string{"input is a zip archive"}, 0},
		{"nul", "a NUL byte is binary", "curl https://a/\n\x00", []string{"binary data (NUL byte at line 2 column 1)"}, 0},
		{"no-version", "a request line without HTTP version is not recognized", "GET /1.0/user\n", []string{`cannot read line 1 "GET /1.0/user"`}, 1},
	}
	for _, tc := range tests {
		f, err := detectFormat([]byte(tc.head))
		if err == nil {
			t.Errorf("%s: detectFormat = %q, want an error (%s)", tc.name, f, tc.reason)
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
		if ie.Line != tc.line || ie.Hint == "" {
			t.Errorf("%s: line %d hint %q, want line %d and a hint", tc.name, ie.Line, ie.Hint, tc.line)
		}
	}
}

func TestIsHTTPVersion(t *testing.T) {
	for v, want := range map[string]bool{
		"HTTP/1.1": true, "HTTP/1.0": true, "HTTP/2": true, "HTTP/3": true, "HTTP/2.0": true,
		"HTTP/": false, "HTTP/1.": false, "HTTP/11": false, "http/1.1": false, "HTTP/1.1x": false, "HTTPS/1.1": false,
	} {
		if got := isHTTPVersion(v); got != want {
			t.Errorf("isHTTPVersion(%q) = %v, want %v", v, got, want)
		}
	}
}

func FuzzDetect(f *testing.F) {
	for _, tc := range detectCases {
		f.Add([]byte(tc.head))
	}
	f.Add([]byte("\xff\xfe"))
	f.Add([]byte("{"))
	f.Add([]byte("#"))
	f.Fuzz(func(t *testing.T, head []byte) {
		format, err := detectFormat(head)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Op != "detect input format" || ie.Hint == "" {
				t.Fatalf("error %v is not an InputError with a hint", err)
			}
			if format != FormatAuto {
				t.Fatalf("error with format %q", format)
			}
			if ie.Line > strings.Count(string(head), "\n")+1 {
				t.Fatalf("line %d past the input", ie.Line)
			}
			return
		}
		switch format {
		case FormatHAR, FormatCurl, FormatHTTP, FormatAuthHeader, FormatURL:
		default:
			t.Fatalf("unknown format %q", format)
		}
		// Detection depends on the content, not on what follows the part
		// that decided: more text after a complete first line changes nothing.
		if format != FormatHAR && strings.HasSuffix(string(head), "\n") {
			if again, err := detectFormat(append(append([]byte{}, head...), "more\n"...)); err != nil || again != format {
				t.Fatalf("appending a line changed the format from %q to %q (%v)", format, again, err)
			}
		}
	})
}

// TestReadLongFirstLine checks that detection does not depend on the first
// line fitting in the 64 KiB peek window (issue 8 §4).
func TestReadLongFirstLine(t *testing.T) {
	long := strings.Repeat("x", 100<<10)
	tests := []struct {
		name, reason, in string
		want             Format
	}{
		{"url", "a URL with a 100 KiB query", "https://example.com/?a=" + long + "\n", FormatURL},
		{"curl", "a curl command on one 100 KiB line", "curl 'https://example.com/?a=" + long + "'\n", FormatCurl},
		{"http", "a request line whose version lies past 64 KiB", "GET /?a=" + long + " HTTP/1.1\nHost: example.com\n\n", FormatHTTP},
		{"http-absolute", "an absolute-form request line past 64 KiB", "GET https://example.com/?a=" + long + " HTTP/1.1\n\n", FormatHTTP},
		{"jsonl", "a JSON Lines file whose first object is 100 KiB long", `{"method":"GET","url":"https://example.com/?a=` + long + `","headers":[]}` + "\n", FormatJSONL},
		{"har-one-line", "a HAR written on one line, its first entry past 64 KiB", `{"log":{"version":"1.2","creator":{"name":"` + long + `"},"entries":[{"request":{"method":"GET","url":"https://example.com/","headers":[]}}]}}`, FormatHAR},
		{"header", "an Authorization header whose value is 100 KiB long", `Authorization: OAuth oauth_consumer_key="` + long + `", oauth_signature="s"` + "\n", FormatAuthHeader},
		{"bare-oauth", "a bare OAuth value 100 KiB long", `OAuth oauth_consumer_key="` + long + `", oauth_signature="s"` + "\n", FormatAuthHeader},
	}
	for _, tc := range tests {
		var got []Format
		o := ReadOptions{Name: "t"}
		if tc.want == FormatAuthHeader {
			o.URL = "https://example.com/" // a header alone needs the URL it was sent to
		}
		err := Read(strings.NewReader(tc.in), o, func(r *Request) error {
			got = append(got, r.Format)
			return nil
		})
		if err != nil || len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s (%s): formats %v, error %v; want one %q", tc.name, tc.reason, got, err, tc.want)
		}
	}
}
