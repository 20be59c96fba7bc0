package inspect

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// httpCase is raw request text and what its first request must read as.
type httpCase struct {
	name, reason, in string
	method, url      string
	scheme           string // "" when unknown
	host, target     string
	body             string
	headers          []string // "Name: value", all of them, in order
	notes            []string // substrings that some note must hold
	started          string   // RFC 3339
	requests         int      // number of requests, 1 when 0
	line             int      // line of the first request, 1 when 0
}

var httpCases = []httpCase{
	{name: "origin-form", reason: "origin-form without scheme evidence: http:// URL, scheme unknown",
		in:     "GET /1.0/user?x=1 HTTP/1.1\nHost: api.bitbucket.org\n\n",
		method: "GET", url: "http://api.bitbucket.org/1.0/user?x=1", host: "api.bitbucket.org", target: "/1.0/user?x=1",
		headers: []string{"Host: api.bitbucket.org"}, notes: []string{"both will be tried"}},
	{name: "no-final-blank-line", reason: "the input may end right after the headers",
		in:     "GET / HTTP/1.1\r\nHost: h",
		method: "GET", url: "http://h/", host: "h", target: "/", headers: []string{"Host: h"}, notes: []string{"both will be tried"}},
	{name: "crlf-body", reason: "CRLF lines and a Content-Length body that holds CRLF",
		in:     "POST /x HTTP/1.1\r\nHost: h\r\nX-Forwarded-Proto: https\r\nContent-Length: 5\r\n\r\na\r\nbc",
		method: "POST", url: "https://h/x", scheme: "https", host: "h", target: "/x", body: "a\r\nbc",
		headers: []string{"Host: h", "X-Forwarded-Proto: https", "Content-Length: 5"}, notes: []string{"X-Forwarded-Proto"}},
	{name: "header-case-order", reason: "header names keep their case and order, duplicates kept, values trimmed",
		in:     "GET / HTTP/1.1\nhost: h\nX-A:1\nx-a:   2  \nX-Empty:\n\n",
		method: "GET", url: "http://h/", host: "h", target: "/",
		headers: []string{"host: h", "X-A: 1", "x-a: 2", "X-Empty: "}, notes: []string{"both will be tried"}},
	{name: "folded", reason: "obsolete folding joins continuation lines with one space",
		in:     "GET / HTTP/1.1\nHost: h\nAuthorization: OAuth oauth_consumer_key=\"k\",\n  oauth_nonce=\"n\",\n\toauth_signature=\"s\"\nAccept: */*\n\n",
		method: "GET", url: "http://h/", host: "h", target: "/",
		headers: []string{"Host: h", `Authorization: OAuth oauth_consumer_key="k", oauth_nonce="n", oauth_signature="s"`, "Accept: */*"},
		notes:   []string{"both will be tried", "header Authorization is folded over several lines"}},
	{name: "chunked", reason: "chunked body with extensions and a trailer; sizes in hex",
		in:     "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n",
		method: "POST", url: "http://h/x", host: "h", target: "/x", body: "abc0123456789",
		headers: []string{"Host: h", "Transfer-Encoding: chunked", "X-Trailer: t"}, notes: []string{"both will be tried", "appended 1 trailer field"}},
	{name: "chunked-lf", reason: "chunked body with bare LF and no final blank line",
		in:     "POST /x HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n2\nab\n0\n",
		method: "POST", url: "http://h/x", host: "h", target: "/x", body: "ab",
		headers: []string{"Host: h", "Transfer-Encoding: chunked"}, notes: []string{"both will be tried"}},
	{name: "chunked-and-length", reason: "Transfer-Encoding wins over Content-Length, with a note",
		in:     "POST /x HTTP/1.1\nHost: h\nContent-Length: 100\nTransfer-Encoding: gzip, chunked\n\n1\nz\n0\n\n",
		method: "POST", url: "http://h/x", host: "h", target: "/x", body: "z",
		headers: []string{"Host: h", "Content-Length: 100", "Transfer-Encoding: gzip, chunked"},
		notes:   []string{"both will be tried", "the chunked encoding frames the body", "still encoded with gzip"}},
	{name: "no-length-body", reason: "a body without framing is the rest of the input without its final line break",
		in:     "POST /x HTTP/1.1\nHost: h\nContent-Type: application/x-www-form-urlencoded\n\na=1&b=2\n",
		method: "POST", url: "http://h/x", host: "h", target: "/x", body: "a=1&b=2",
		headers: []string{"Host: h", "Content-Type: application/x-www-form-urlencoded"}, notes: []string{"both will be tried", "took the 7 bytes after the headers, up to the end of the input"}},
	{name: "absolute-form", reason: "absolute-form: scheme known, Host differing from the URL noted",
		in:     "GET https://api.bitbucket.org/1.0/user?a=b#frag HTTP/1.1\nHost: proxy.local\n\n",
		method: "GET", url: "https://api.bitbucket.org/1.0/user?a=b", scheme: "https", host: "proxy.local", target: "/1.0/user?a=b",
		headers: []string{"Host: proxy.local"}, notes: []string{"absolute-form", "dropped the fragment", "differs from the URL's authority"}},
	{name: "absolute-form-no-host", reason: "absolute-form without Host takes the URL's authority",
		in:     "GET http://h:8080/p HTTP/1.0\n\n",
		method: "GET", url: "http://h:8080/p", scheme: "http", host: "h:8080", target: "/p", notes: []string{"absolute-form"}},
	{name: "h2-pseudo", reason: "pseudo-headers alone give method, scheme, host and target",
		in:     ":method: POST\n:scheme: https\n:authority: api.bitbucket.org\n:path: /1.0/x?y\ncontent-type: application/x-www-form-urlencoded\n",
		method: "POST", url: "https://api.bitbucket.org/1.0/x?y", scheme: "https", host: "api.bitbucket.org", target: "/1.0/x?y",
		headers: []string{":method: POST", ":scheme: https", ":authority: api.bitbucket.org", ":path: /1.0/x?y", "content-type: application/x-www-form-urlencoded"}},
	{name: "h2-request-line", reason: "Firefox: an HTTP/2 request line and Host; scheme unknown, but likely https",
		in:     "GET /1.0/user HTTP/2\nHost: api.bitbucket.org\n",
		method: "GET", url: "http://api.bitbucket.org/1.0/user", host: "api.bitbucket.org", target: "/1.0/user",
		headers: []string{"Host: api.bitbucket.org"}, notes: []string{"browsers use HTTP/2 only over https"}},
	{name: "h2-line-and-pseudo", reason: "a request line with pseudo-headers: the line wins, :scheme gives the scheme",
		in:     "GET /a HTTP/2\n:method: POST\n:scheme: https\n:authority: h\n:path: /b\n",
		method: "GET", url: "https://h/a", scheme: "https", host: "h", target: "/a",
		headers: []string{":method: POST", ":scheme: https", ":authority: h", ":path: /b"},
		notes:   []string{"the request line says GET but :method says POST", "differs from :path"}},
	{name: "h3", reason: "HTTP/3 runs only over TLS",
		in:     "GET /x HTTP/3\nHost: h\n\n",
		method: "GET", url: "https://h/x", scheme: "https", host: "h", target: "/x", headers: []string{"Host: h"}, notes: []string{"HTTP/3 runs only over TLS"}},
	{name: "forwarded", reason: "Forwarded proto= gives the scheme",
		in:     "GET /x HTTP/1.1\nHost: h\nForwarded: for=192.0.2.60;proto=HTTPS;by=203.0.113.43, for=198.51.100.17\n\n",
		method: "GET", url: "https://h/x", scheme: "https", host: "h", target: "/x",
		headers: []string{"Host: h", "Forwarded: for=192.0.2.60;proto=HTTPS;by=203.0.113.43, for=198.51.100.17"}, notes: []string{"Forwarded proto="}},
	{name: "xfp-list", reason: "the first X-Forwarded-Proto element is the client's scheme",
		in:     "GET /x HTTP/1.1\nHost: h\nX-Forwarded-Proto: http, https\n\n",
		method: "GET", url: "http://h/x", scheme: "http", host: "h", target: "/x",
		headers: []string{"Host: h", "X-Forwarded-Proto: http, https"}, notes: []string{"X-Forwarded-Proto"}},
	{name: "authority-and-host", reason: "Host wins over :authority, noted",
		in:     ":method: GET\n:path: /\n:scheme: https\n:authority: a\nhost: b\n",
		method: "GET", url: "https://b/", scheme: "https", host: "b", target: "/",
		headers: []string{":method: GET", ":path: /", ":scheme: https", ":authority: a", "host: b"}, notes: []string{"differs from :authority"}},
	{name: "date", reason: "Date sets Started",
		in:     "GET / HTTP/1.1\nHost: h\nDate: Sunday, 06-Nov-94 08:49:37 GMT\n\n",
		method: "GET", url: "http://h/", host: "h", target: "/", headers: []string{"Host: h", "Date: Sunday, 06-Nov-94 08:49:37 GMT"},
		notes: []string{"both will be tried"}, started: "1994-11-06T08:49:37Z"},
	{name: "bad-date", reason: "an unreadable Date is a note, not an error",
		in:     "GET / HTTP/1.1\nHost: h\nDate: yesterday\n\n",
		method: "GET", url: "http://h/", host: "h", target: "/", headers: []string{"Host: h", "Date: yesterday"},
		notes: []string{"both will be tried", "is not an HTTP date"}},
	{name: "provisional", reason: "Chrome's provisional headers warning is skipped with a note",
		in:     "Provisional headers are shown. Disable cache to see full headers.\n:method: GET\n:path: /x\n:authority: h\n:scheme: https\n",
		method: "GET", url: "https://h/x", scheme: "https", host: "h", target: "/x",
		headers: []string{":method: GET", ":path: /x", ":authority: h", ":scheme: https"}, notes: []string{"provisional headers"}},
	{name: "comments", reason: "# lines before a request are comments (editor .http files)",
		in:     "### get the user\n# note\nGET /u HTTP/1.1\nHost: h\n",
		method: "GET", url: "http://h/u", host: "h", target: "/u", headers: []string{"Host: h"}, notes: []string{"both will be tried"}, line: 3},
	{name: "two-requests", reason: "requests follow each other after blank lines",
		in:     "GET /a HTTP/1.1\nHost: h\n\n\nPOST /b HTTP/1.1\nHost: h\nContent-Length: 1\n\nx\n\nGET /c HTTP/1.1\nHost: h\n",
		method: "GET", url: "http://h/a", host: "h", target: "/a", headers: []string{"Host: h"}, notes: []string{"both will be tried"}, requests: 3},
	{name: "undelimited-then-request", reason: "an unframed body ends where the next request starts",
		in:     "POST /a HTTP/1.1\nHost: h\n\na=1\n\nGET /b HTTP/1.1\nHost: h\n",
		method: "POST", url: "http://h/a", host: "h", target: "/a", body: "a=1", headers: []string{"Host: h"},
		notes: []string{"both will be tried", "up to the next message at line 6"}, requests: 2},
	{name: "response-skipped", reason: "a response after the request is skipped with a note",
		in:     "GET /a HTTP/1.1\nHost: h\n\nHTTP/1.1 401 Unauthorized\nContent-Type: text/plain\n\noauth_problem=signature_invalid\n",
		method: "GET", url: "http://h/a", host: "h", target: "/a", headers: []string{"Host: h"},
		notes: []string{"both will be tried", `skipped the HTTP response at line 4 ("HTTP/1.1 401 Unauthorized")`}},
	{name: "blank-line-spaces", reason: "a line of spaces ends the headers",
		in:     "POST /a HTTP/1.1\nHost: h\nContent-Length: 2\n   \nab",
		method: "POST", url: "http://h/a", host: "h", target: "/a", body: "ab", headers: []string{"Host: h", "Content-Length: 2"}, notes: []string{"both will be tried"}},
	{name: "multiple-spaces", reason: "extra spaces around the target are tolerated",
		in:     "GET   /a   HTTP/1.1  \nHost: h\n",
		method: "GET", url: "http://h/a", host: "h", target: "/a", headers: []string{"Host: h"}, notes: []string{"both will be tried"}},
	{name: "same-host-twice", reason: "two equal Host headers are accepted",
		in:     "GET / HTTP/1.1\nHost: h\nHost: h\n",
		method: "GET", url: "http://h/", host: "h", target: "/", headers: []string{"Host: h", "Host: h"}, notes: []string{"both will be tried"}},
	{name: "equal-lengths", reason: "Content-Length listing the same value twice",
		in:     "POST / HTTP/1.1\nHost: h\nContent-Length: 1, 1\n\na\n",
		method: "POST", url: "http://h/", host: "h", target: "/", body: "a", headers: []string{"Host: h", "Content-Length: 1, 1"}, notes: []string{"both will be tried"}},
	{name: "raw-utf8-target", reason: "raw UTF-8 in the target is kept, with a note",
		in:     "GET /café HTTP/1.1\nHost: h\n",
		method: "GET", url: "http://h/café", host: "h", target: "/café", headers: []string{"Host: h"}, notes: []string{"both will be tried", "bytes outside ASCII"}},
	{name: "bare-cr", reason: "a bare CR in a header value becomes a space (RFC 9112 §2.2)",
		in:     "GET / HTTP/1.1\nHost: h\nX: a\rb\n",
		method: "GET", url: "http://h/", host: "h", target: "/", headers: []string{"Host: h", "X: a b"}, notes: []string{"both will be tried"}},
	{name: "headers-without-body", reason: "devtools show Content-Length but not the body: a note, no error",
		in:     "POST /1.0/x HTTP/1.1\nHost: h\nContent-Type: application/x-www-form-urlencoded\nContent-Length: 43\n",
		method: "POST", url: "http://h/1.0/x", host: "h", target: "/1.0/x",
		headers: []string{"Host: h", "Content-Type: application/x-www-form-urlencoded", "Content-Length: 43"},
		notes:   []string{"both will be tried", "the capture holds no body, although Content-Length says 43 bytes"}},
	{name: "h2-without-body", reason: "Chrome's HTTP/2 headers of a POST, no body after them",
		in:     ":method: POST\n:path: /x\n:authority: h\n:scheme: https\ncontent-length: 10\n\n\n",
		method: "POST", url: "https://h/x", scheme: "https", host: "h", target: "/x",
		headers: []string{":method: POST", ":path: /x", ":authority: h", ":scheme: https", "content-length: 10"},
		notes:   []string{"the capture holds no body"}},
	{name: "chunked-without-body", reason: "chunked headers without the body, followed by another request",
		in:     "POST /a HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\nGET /b HTTP/1.1\nHost: h\n",
		method: "POST", url: "http://h/a", host: "h", target: "/a", headers: []string{"Host: h", "Transfer-Encoding: chunked"},
		notes: []string{"both will be tried", "although Transfer-Encoding is chunked"}, requests: 2},
	{name: "binary-body", reason: "NUL bytes are allowed in a framed body",
		in:     "POST / HTTP/1.1\nHost: h\nContent-Length: 3\n\na\x00b",
		method: "POST", url: "http://h/", host: "h", target: "/", body: "a\x00b", headers: []string{"Host: h", "Content-Length: 3"}, notes: []string{"both will be tried"}},
}

func TestReadHTTP(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range httpCases {
		if seen[tc.name] {
			t.Fatalf("duplicate case %s", tc.name)
		}
		seen[tc.name] = true
		reqs, err := ReadHTTP(strings.NewReader(tc.in), "request.http")
		if err != nil {
			t.Errorf("%s: %v (%s)", tc.name, err, tc.reason)
			continue
		}
		n := tc.requests
		if n == 0 {
			n = 1
		}
		if len(reqs) != n {
			t.Errorf("%s: %d requests, want %d (%s)", tc.name, len(reqs), n, tc.reason)
			continue
		}
		r := reqs[0]
		var headers []string
		for _, h := range r.Headers {
			headers = append(headers, h.Name+": "+h.Value)
		}
		line := tc.line
		if line == 0 {
			line = 1
		}
		started := ""
		if !r.Started.IsZero() {
			started = r.Started.Format(time.RFC3339)
		}
		for _, c := range []struct {
			field     string
			got, want any
		}{
			{"Method", r.Method, tc.method}, {"URL", r.URL, tc.url}, {"Scheme", r.Scheme, tc.scheme}, {"SchemeKnown", r.SchemeKnown, tc.scheme != ""},
			{"Host", r.Host, tc.host}, {"Target", r.Target, tc.target}, {"Body", string(r.Body), tc.body}, {"Headers", headers, tc.headers},
			{"Started", started, tc.started}, {"Format", r.Format, FormatHTTP}, {"Origin", r.Origin.String(), fmt.Sprintf("request.http:%d", line)},
		} {
			if fmt.Sprintf("%q", c.got) != fmt.Sprintf("%q", c.want) {
				t.Errorf("%s: %s = %q, want %q (%s)", tc.name, c.field, c.got, c.want, tc.reason)
			}
		}
		if len(r.Notes) != len(tc.notes) {
			t.Errorf("%s: notes %q, want %d (%s)", tc.name, r.Notes, len(tc.notes), tc.reason)
		}
		for _, n := range tc.notes {
			if !slices.ContainsFunc(r.Notes, func(s string) bool { return strings.Contains(s, n) }) {
				t.Errorf("%s: no note contains %q; notes %q", tc.name, n, r.Notes)
			}
		}
	}
}

func TestReadHTTPSeveral(t *testing.T) {
	in := "GET /a HTTP/1.1\nHost: h\n\n\nPOST /b HTTP/1.1\nHost: h\nContent-Length: 1\n\nx\n\nGET /c HTTP/1.1\nHost: h\n"
	reqs, err := ReadHTTP(strings.NewReader(in), "r")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range reqs {
		got = append(got, fmt.Sprintf("%s %s %q line %d", r.Method, r.Target, r.Body, r.Origin.Line))
	}
	want := []string{`GET /a "" line 1`, `POST /b "x" line 5`, `GET /c "" line 11`}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestReadHTTPErrors(t *testing.T) {
	tests := []struct {
		name, reason, in string
		want             []string
		line, col        int
	}{
		{"empty", "nothing but blank lines", "\n \n", []string{"no request in the input"}, 0, 0},
		{"response", "a response first", "HTTP/1.1 200 OK\n", []string{"an HTTP response, not a request, at line 1 column 1"}, 1, 1},
		{"not-request-line", "a first line that is no request line", "hello there\n", []string{`not a request line: "hello there"`}, 1, 1},
		{"no-version", "a request line without version", "GET /x\nHost: h\n", []string{`request line "GET /x" has no HTTP version`, "GET /x HTTP/1.1"}, 1, 1},
		{"header-first", "a header before any request line", "Host: h\n", []string{`header "Host: h" without a request line before it`}, 1, 1},
		{"leading-space", "a request line starting with a space", " GET / HTTP/1.1\n", []string{"request line starts with whitespace"}, 1, 1},
		{"bad-method", "a method with a bad character", "GE\"T / HTTP/1.1\n", []string{`invalid character '"' in the method`}, 1, 3},
		{"space-in-target", "an unencoded space in the target", "GET /a b HTTP/1.1\nHost: h\n", []string{"space in the request target at line 1 column 7", "%20"}, 1, 7},
		{"control-in-target", "a control character in the target", "GET /a\x01b HTTP/1.1\nHost: h\n", []string{"control character U+0001 in the request target"}, 1, 7},
		{"no-host", "origin-form without Host", "GET /x HTTP/1.0\n\n", []string{"no Host header (or :authority), so the URL is unknown", "Host: api.bitbucket.org"}, 1, 1},
		{"bad-host", "a Host header with a bad character", "GET / HTTP/1.1\nHost: a b\n", []string{`character ' ' is not allowed in a host at line 2 column 8`}, 2, 8},
		{"bad-host-port", "a Host header with a bad port", "GET / HTTP/1.1\nHost: h:99999\n", []string{"port 99999 is out of range at line 2 column 9"}, 2, 9},
		{"two-hosts", "two different Host headers", "GET / HTTP/1.1\nHost: a\nHost: b\n", []string{`second Host header "b" differs from the first, "a"`}, 3, 7},
		{"asterisk", "OPTIONS *", "OPTIONS * HTTP/1.1\nHost: h\n", []string{"asterisk-form request target"}, 1, 9},
		{"connect", "a CONNECT request", "CONNECT h:443 HTTP/1.1\nHost: h\n", []string{"CONNECT request", "tunnel"}, 1, 9},
		{"bad-target", "a target that is neither a path nor a URL", "GET x/y HTTP/1.1\nHost: h\n", []string{`request target "x/y" is not a path`}, 1, 5},
		{"bad-absolute", "an absolute-form target with a bad port", "GET http://h:x/ HTTP/1.1\n", []string{`invalid port "x" at line 1 column 14`}, 1, 14},
		{"ftp-absolute", "an absolute-form ftp URL", "GET ftp://h/ HTTP/1.1\n", []string{`scheme "ftp" is not http or https at line 1 column 5`}, 1, 5},
		{"no-colon", "a header line without a colon", "GET / HTTP/1.1\nHost: h\nbody text\n", []string{`line "body text" is not a header field (no colon) at line 3 column 1`, "blank line"}, 3, 1},
		{"request-in-headers", "two requests without a blank line", "GET / HTTP/1.1\nHost: h\nGET /b HTTP/1.1\n", []string{`request line "GET /b HTTP/1.1" inside the headers`, "blank line between two requests"}, 3, 1},
		{"space-before-colon", "whitespace between name and colon", "GET / HTTP/1.1\nHost : h\n", []string{`whitespace between header name "Host" and the colon at line 2 column 5`}, 2, 5},
		{"bad-header-name", "a header name with a bad character", "GET / HTTP/1.1\nX(a): b\n", []string{`invalid character '(' in header name "X(a)"`}, 2, 2},
		{"empty-header-name", "a line starting with a colon that is no pseudo-header", "GET / HTTP/1.1\nHost: h\n: x\n", []string{"invalid pseudo-header name"}, 3, 1},
		{"fold-first", "a continuation line before any header", "GET / HTTP/1.1\n  folded\n", []string{"continuation line with no header before it"}, 2, 1},
		{"pseudo-no-method", "pseudo-headers without :method", ":path: /\n:authority: h\n", []string{"HTTP/2 request without :method"}, 1, 1},
		{"pseudo-no-path", "pseudo-headers without :path", ":method: GET\n:authority: h\n", []string{"HTTP/2 request without :path"}, 1, 1},
		{"pseudo-status", "a response pseudo-header", ":status: 200\n", []string{"response pseudo-header :status in a request"}, 1, 1},
		{"pseudo-twice", "a pseudo-header given twice with different values", ":method: GET\n:method: POST\n:path: /\n", []string{`pseudo-header :method given twice, as "GET" and "POST"`}, 2, 1},
		{"pseudo-empty", "an empty pseudo-header", ":method: \n", []string{"empty pseudo-header :method"}, 1, 1},
		{"pseudo-no-value", "a pseudo-header without its colon", ":method GET\n", []string{`pseudo-header ":method GET" has no value`}, 1, 1},
		{"pseudo-space-path", "a space in :path", ":method: GET\n:path: /a b\n:authority: h\n", []string{"space in :path at line 2 column 10"}, 2, 10},
		{"pseudo-bad-method", "a bad character in :method", ":method: G(T\n:path: /\n:authority: h\n", []string{"invalid character '(' in the method at line 1 column 11"}, 1, 11},
		{"bad-length", "Content-Length that is not a number", "POST / HTTP/1.1\nHost: h\nContent-Length: 1e3\n\nx", []string{`invalid Content-Length "1e3" at line 3 column 17`}, 3, 17},
		{"lengths-differ", "two Content-Length values", "POST / HTTP/1.1\nHost: h\nContent-Length: 1\nContent-Length: 2\n\nxy", []string{"Content-Length values differ"}, 3, 17},
		{"short-body", "fewer bytes than Content-Length", "POST / HTTP/1.1\nHost: h\nContent-Length: 10\n\nabc", []string{"Content-Length is 10 but only 3 bytes follow the headers", "line endings"}, 3, 17},
		{"junk-after-body", "text after a Content-Length body", "POST / HTTP/1.1\nHost: h\nContent-Length: 1\n\nabc\n", []string{`expected the request line of another request, found "bc"`, "Content-Length that covers it"}, 5, 2},
		{"te-not-chunked", "a Transfer-Encoding that does not end in chunked", "POST / HTTP/1.1\nHost: h\nTransfer-Encoding: gzip\n\nx", []string{`Transfer-Encoding "gzip" does not end in chunked`}, 3, 20},
		{"chunk-size", "a chunk size that is not hex", "POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\nzz\nab\n0\n\n", []string{`invalid chunk size "zz" at line 5 column 1`}, 5, 1},
		{"chunk-empty-size", "an empty chunk size line", "POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n\nab\n", []string{`invalid chunk size ""`}, 5, 1},
		{"chunk-too-long", "a chunk larger than the input", "POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\nff\nab\n0\n", []string{"chunk of 255 bytes (0xff) runs past the end of the input"}, 5, 1},
		{"chunk-no-break", "chunk data not followed by a line break", "POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n1\nab\n0\n", []string{"chunk data is not followed by a line break at line 6 column 2"}, 6, 2},
		{"chunk-no-last", "no zero-size chunk", "POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n2\nab\n", []string{"chunked body ends without its last (zero-size) chunk"}, 7, 1},
		{"chunk-huge", "a chunk size that overflows", "POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\nffffffffffffffffff\n", []string{"invalid chunk size"}, 5, 1},
		{"bad-trailer", "a trailer line without colon", "POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n0\nnope\n\n", []string{`line "nope" is not a header field`}, 6, 1},
		{"bad-utf8-target", "a target byte that is not UTF-8", "GET /a\xb1 HTTP/1.1\nHost: h\n", []string{"invalid UTF-8 byte 0xB1 at line 1 column 7"}, 1, 7},
		{"nul-in-header", "a NUL byte in a header", "GET / HTTP/1.1\nHost: h\nX: a\x00\n", []string{"binary data (NUL byte) at line 3 column 5"}, 3, 5},
		{"response-pseudo-first", "a response status first, after a comment", "# x\nHTTP/2 200\n", []string{"an HTTP response, not a request"}, 2, 1},
	}
	for _, tc := range tests {
		_, err := ReadHTTP(strings.NewReader(tc.in), "request.http")
		if err == nil {
			t.Errorf("%s: no error (%s)", tc.name, tc.reason)
			continue
		}
		if !strings.HasPrefix(err.Error(), `inspect: read HTTP request "request.http": `) {
			t.Errorf("%s: %q does not name the input", tc.name, err)
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

func TestReadHTTPTooLarge(t *testing.T) {
	big := "GET / HTTP/1.1\nHost: h\nX: " + strings.Repeat("a", int(defaultMaxSize)) + "\n"
	_, err := ReadHTTP(strings.NewReader(big), "big.http")
	if err == nil || !strings.Contains(err.Error(), "input is larger than 64 MiB") {
		t.Errorf("got %v, want an error about the 64 MiB limit", err)
	}
}

func FuzzReadHTTP(f *testing.F) {
	for _, tc := range httpCases {
		f.Add(tc.in)
	}
	files, _ := filepath.Glob(filepath.Join(capturesDir, "*.http"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n1;x\na\n0\nT: 1\n\nGET / HTTP/1.1\nHost: h\n")
	f.Fuzz(func(t *testing.T, in string) {
		reqs, err := parseHTTPText(in, "fuzz")
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Op != opHTTP || ie.Name != "fuzz" || ie.Hint == "" {
				t.Fatalf("error %v is not an InputError with a hint", err)
			}
			if ie.Line > strings.Count(in, "\n")+1 {
				t.Fatalf("line %d past the input", ie.Line)
			}
			return
		}
		if len(reqs) == 0 {
			t.Fatal("no requests and no error")
		}
		prev := 0
		for _, r := range reqs {
			if !isHTTPToken(r.Method) || r.Host == "" || r.Format != FormatHTTP {
				t.Fatalf("incomplete request %+v", r)
			}
			if _, p := parseAbsURL(r.URL); p != nil {
				t.Fatalf("URL %q does not parse: %v", r.URL, p)
			}
			if !strings.HasPrefix(r.Target, "/") || !strings.HasSuffix(r.URL, r.Target) && !strings.Contains(r.URL, "://") {
				t.Fatalf("target %q, URL %q", r.Target, r.URL)
			}
			if r.SchemeKnown != (r.Scheme != "") {
				t.Fatalf("Scheme %q with SchemeKnown %v", r.Scheme, r.SchemeKnown)
			}
			if r.Origin.Line <= prev {
				t.Fatalf("requests out of order: line %d after %d", r.Origin.Line, prev)
			}
			prev = r.Origin.Line
			if len(r.Body) > len(in) {
				t.Fatalf("body longer than the input")
			}
		}
	})
}
