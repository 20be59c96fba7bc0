package inspect

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"github.com/rogpeppe/go-internal/txtar"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// The -update flag may be registered by another test file of the package;
// register it here only if it is not.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

// updateGolden reports whether -update was given.
func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const capturesDir = "testdata/captures"

// wantRequest is what a capture must read as, field by field.
type wantRequest struct {
	format      Format
	method      string
	url         string
	scheme      string
	schemeKnown bool
	host        string
	target      string
	contentType string
	body        string
	nHeaders    int               // number of headers
	headers     map[string]string // selected headers (first value, name case-insensitive)
	firstHeader string            // name of the first header, case kept
	notes       []string          // substrings, each in its own note, in order
	nNotes      int
	started     string // RFC 3339, or "" for none
	fwdProto    string
	line        int
}

// authOf returns the Authorization header of a capture, for expectations.
func captureAuth(nonce, ts, sig string) string {
	return `OAuth oauth_consumer_key="Xq7bWn3kPzR2dLs9aF", oauth_nonce="` + nonce + `", oauth_signature_method="HMAC-SHA1", oauth_timestamp="` + ts +
		`", oauth_token="tHr3eVz7GqLw2Nc8", oauth_version="1.0", oauth_signature="` + sig + `"`
}

var captureCases = []struct {
	file   string
	reason string
	opts   ReadOptions
	want   wantRequest
}{
	{
		file: "http-get-lf.http", reason: "origin-form GET with bare LF: scheme unknown, URL built with http:// and a note",
		want: wantRequest{
			format: FormatHTTP, method: "GET",
			url:    "http://api.bitbucket.org/1.0/repositories/acme/widgets/issues?limit=5&sort=-utc_last_updated",
			scheme: "", schemeKnown: false, host: "api.bitbucket.org",
			target:   "/1.0/repositories/acme/widgets/issues?limit=5&sort=-utc_last_updated",
			nHeaders: 6, firstHeader: "Host",
			headers: map[string]string{
				"Authorization": captureAuth("a9f3c1e07b5d4e2f8c6a1b3d5e7f9021", "1718031600", "CShGG4KfzdeH5vq4LDgG%2BawjeZE%3D"),
				"User-Agent":    "python-requests/2.31.0",
			},
			notes: []string{"does not say whether the request was made over http or https"}, nNotes: 1, line: 1,
		},
	},
	{
		file: "http-post-crlf.http", reason: "CRLF form POST behind a proxy: X-Forwarded-Proto gives https, Date gives Started, Content-Length frames the body",
		want: wantRequest{
			format: FormatHTTP, method: "POST",
			url:    "https://api.bitbucket.org/1.0/repositories/acme/widgets/issues/42/comments",
			scheme: "https", schemeKnown: true, host: "api.bitbucket.org",
			target:      "/1.0/repositories/acme/widgets/issues/42/comments",
			contentType: "application/x-www-form-urlencoded",
			body:        "content=Fixed%20in%20r1024%2C%20see%20%2342",
			nHeaders:    8, firstHeader: "Host",
			headers: map[string]string{
				"Content-Length": "43",
				"Authorization":  captureAuth("Zm9vYmFyYmF6cXV4", "1718031722", "cGyCR1OdpFZdkV0SqPiSWSNp30w%3D"),
			},
			notes: []string{"scheme https taken from X-Forwarded-Proto"}, nNotes: 1,
			started: "2024-06-10T15:02:02Z", fwdProto: "https", line: 1,
		},
	},
	{
		file: "http-post-chunked.http", reason: "chunked POST is de-chunked (chunk extension ignored); scheme unknown",
		want: wantRequest{
			format: FormatHTTP, method: "POST",
			url:  "http://api.bitbucket.org/1.0/repositories/acme/widgets/issues",
			host: "api.bitbucket.org", target: "/1.0/repositories/acme/widgets/issues",
			contentType: "application/x-www-form-urlencoded; charset=UTF-8",
			body:        "title=Login%20fails%20with%20%2B%20in%20password&kind=bug&priority=major",
			nHeaders:    5, firstHeader: "Host",
			headers: map[string]string{"Transfer-Encoding": "chunked"},
			notes:   []string{"both will be tried"}, nNotes: 1, line: 1,
		},
	},
	{
		file: "http-absolute-form.http", reason: "absolute-form request line gives the URL and a known http scheme",
		want: wantRequest{
			format: FormatHTTP, method: "GET",
			url:    "http://api.bitbucket.org/1.0/repositories/acme/widgets/changesets?limit=15&start=tip",
			scheme: "http", schemeKnown: true, host: "api.bitbucket.org",
			target:   "/1.0/repositories/acme/widgets/changesets?limit=15&start=tip",
			nHeaders: 5, firstHeader: "Host",
			headers: map[string]string{"Proxy-Connection": "Keep-Alive",
				"Authorization": captureAuth("c2ba4e0e88f347d2", "1718032100", "i0bkPe%2Frye05YRdvn5cSb%2BwIOtU%3D")},
			notes: []string{"absolute-form"}, nNotes: 1, line: 1,
		},
	},
	{
		file: "http2-chrome.http", reason: "HTTP/2 pseudo-headers without a request line: method, scheme, host and target from them, kept in Headers",
		want: wantRequest{
			format: FormatHTTP, method: "GET",
			url:    "https://api.bitbucket.org/1.0/user/repositories?role=member",
			scheme: "https", schemeKnown: true, host: "api.bitbucket.org",
			target:   "/1.0/user/repositories?role=member",
			nHeaders: 18, firstHeader: ":authority",
			headers: map[string]string{":scheme": "https", ":path": "/1.0/user/repositories?role=member",
				"authorization": captureAuth("NzE4MDMyMjAwODQ1", "1718032200", "vemFak6GlHZFLxRzh0Z5sRwyC%2FI%3D"),
				"sec-ch-ua":     `"Not/A)Brand";v="8", "Chromium";v="126", "Google Chrome";v="126"`},
			line: 1,
		},
	},
	{
		file: "curl-chrome-bash.curl", reason: "Chrome bash: $'…' with \\' and \\u0021 decoded, -b becomes Cookie, --data-raw makes a POST",
		want: wantRequest{
			format: FormatCurl, method: "POST",
			url:    "https://api.bitbucket.org/1.0/repositories/acme/widgets/issues/42/comments",
			scheme: "https", schemeKnown: true, host: "api.bitbucket.org",
			target:      "/1.0/repositories/acme/widgets/issues/42/comments",
			contentType: "application/x-www-form-urlencoded; charset=UTF-8",
			body:        "content=Don't%20merge%20yet!%20(see%20review)",
			nHeaders:    16, firstHeader: "Cookie",
			headers: map[string]string{"Cookie": "_ga=GA1.2.1183.1718031000; csrftoken=Qm9vM2x5",
				"authorization": captureAuth("b64nonce7Qx2LmZp", "1718032300", "XtAqUc3KDq5gTUC6BcdwVAygut4%3D"),
				"sec-ch-ua":     `"Not/A)Brand";v="8", "Chromium";v="126", "Google Chrome";v="126"`},
			line: 1,
		},
	},
	{
		file: "curl-chrome-cmd.curl", reason: "Chrome cmd with CRLF: ^\" quoting, ^\\^\" for inner quotes, ^%^ for percent signs",
		want: wantRequest{
			format: FormatCurl, method: "POST",
			url:    "https://api.bitbucket.org/1.0/repositories/acme/widgets/issues/42/comments?notify=true",
			scheme: "https", schemeKnown: true, host: "api.bitbucket.org",
			target:      "/1.0/repositories/acme/widgets/issues/42/comments?notify=true",
			contentType: "application/x-www-form-urlencoded; charset=UTF-8",
			body:        "content=100%25%20done%20%26%20%22tested%22",
			nHeaders:    8, firstHeader: "accept",
			headers: map[string]string{"sec-ch-ua-platform": `"Windows"`,
				"authorization": captureAuth("win7nonce5Yt3Bv", "1718032500", "hZEYHiAd2WK3gK00IZd2GhBPRAc%3D")},
			notes: []string{"Windows cmd"}, nNotes: 1, line: 1,
		},
	},
	{
		file: "curl-firefox-bash.curl", reason: "Firefox bash: -X PUT, --compressed skipped, \\041 decoded to !",
		want: wantRequest{
			format: FormatCurl, method: "PUT",
			url:    "https://api.bitbucket.org/1.0/repositories/acme/widgets/issues/7?fields=status",
			scheme: "https", schemeKnown: true, host: "api.bitbucket.org",
			target:      "/1.0/repositories/acme/widgets/issues/7?fields=status",
			contentType: "application/x-www-form-urlencoded; charset=UTF-8",
			body:        "status=resolved&comment=Ship%20it!",
			nHeaders:    14, firstHeader: "User-Agent",
			headers: map[string]string{"TE": "trailers",
				"Authorization": captureAuth("ff128nonceAq93Kd", "1718032400", "aFhD%2Ffyr92%2FvXFTmVqEGp%2BhZ96o%3D")},
			line: 1,
		},
	},
	{
		file: "curl-firefox-cmd.curl", reason: "Firefox cmd: ^\" quoting and %^ escapes in the query",
		want: wantRequest{
			format: FormatCurl, method: "GET",
			url:    "https://api.bitbucket.org/1.0/repositories/acme/widgets/issues?title=50%25%20off%20%26%20more",
			scheme: "https", schemeKnown: true, host: "api.bitbucket.org",
			target:   "/1.0/repositories/acme/widgets/issues?title=50%25%20off%20%26%20more",
			nHeaders: 3, firstHeader: "User-Agent",
			headers: map[string]string{"Accept": "*/*",
				"Authorization": captureAuth("ffwin9nonceLm4", "1718032900", "luxbqCjuMzZaJEfui5SYkAcbIKM%3D")},
			notes: []string{"Windows cmd"}, nNotes: 1, line: 1,
		},
	},
	{
		file: "curl-safari.curl", reason: "Safari: -X 'POST' and --data-binary",
		want: wantRequest{
			format: FormatCurl, method: "POST",
			url:    "https://api.bitbucket.org/1.0/repositories/acme/widgets/issues/42/watch",
			scheme: "https", schemeKnown: true, host: "api.bitbucket.org",
			target:      "/1.0/repositories/acme/widgets/issues/42/watch",
			contentType: "application/x-www-form-urlencoded; charset=UTF-8",
			body:        "watch=true",
			nHeaders:    8, firstHeader: "Content-Type",
			headers: map[string]string{"Authorization": captureAuth("safari17nonceP0q", "1718032800", "23nE5DKoTTpnFBfzT5i2bnfYKfA%3D")},
			line:    1,
		},
	},
	{
		file: "curl-urlencode-get.curl", reason: "-G moves --data-urlencode and -d data to the query; the space becomes +; a leading # comment is skipped",
		want: wantRequest{
			format: FormatCurl, method: "GET",
			url:    "https://api.bitbucket.org/1.0/repositories/acme/widgets/issues?search=login+bug&status=open&limit=10",
			scheme: "https", schemeKnown: true, host: "api.bitbucket.org",
			target:   "/1.0/repositories/acme/widgets/issues?search=login+bug&status=open&limit=10",
			nHeaders: 2, firstHeader: "Accept",
			headers: map[string]string{"Authorization": captureAuth("4a1f0c9d2e", "1718032600", "cvGaGoMrIKz5aFBcg37ey59kWFA%3D")},
			notes:   []string{`encodes a space as "+"`}, nNotes: 1, line: 2,
		},
	},
	{
		file: "authheader.txt", reason: "header alone, wrapped inside the signature: joined without a space; URL and method from the options",
		opts: ReadOptions{URL: "https://api.bitbucket.org/1.0/repositories/acme/widgets/issues/42", Method: "DELETE"},
		want: wantRequest{
			format: FormatAuthHeader, method: "DELETE",
			url:    "https://api.bitbucket.org/1.0/repositories/acme/widgets/issues/42",
			scheme: "https", schemeKnown: true, host: "api.bitbucket.org",
			target:   "/1.0/repositories/acme/widgets/issues/42",
			nHeaders: 1, firstHeader: "Authorization",
			headers: map[string]string{"Authorization": captureAuth("del42nonceR8w2", "1718032700", "5EL4eIQVwoD7aCbr%2BhjQTBwXU0E%3D")},
			notes:   []string{"inside a quoted value was removed without adding a space"}, nNotes: 1, line: 1,
		},
	},
}

// readCapture reads one capture file with Read.
func readCapture(t *testing.T, file string, opts ReadOptions) []*Request {
	t.Helper()
	f, err := os.Open(filepath.Join(capturesDir, file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opts.Name = file
	var reqs []*Request
	if err := Read(f, opts, func(r *Request) error { reqs = append(reqs, r); return nil }); err != nil {
		t.Fatalf("Read(%s): %v", file, err)
	}
	return reqs
}

func TestReadCaptures(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range captureCases {
		t.Run(tc.file, func(t *testing.T) {
			if seen[tc.file] {
				t.Fatalf("duplicate case %s", tc.file)
			}
			seen[tc.file] = true
			reqs := readCapture(t, tc.file, tc.opts)
			if len(reqs) != 1 {
				t.Fatalf("%s: got %d requests, want 1", tc.reason, len(reqs))
			}
			checkRequest(t, tc.reason, reqs[0], tc.want)
			if reqs[0].Origin.Name != tc.file || reqs[0].Origin.Entry != -1 {
				t.Errorf("Origin = %+v, want name %q and entry -1", reqs[0].Origin, tc.file)
			}
		})
	}
	files, _ := filepath.Glob(filepath.Join(capturesDir, "*"))
	for _, f := range files {
		b := filepath.Base(f)
		if !seen[b] && b != "README.md" && b != "requests.golden" {
			t.Errorf("capture %s has no case in captureCases", b)
		}
	}
}

// checkRequest compares a request with its expectations field by field.
func checkRequest(t *testing.T, reason string, r *Request, w wantRequest) {
	t.Helper()
	check := func(field string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %q, want %q (%s)", field, fmt.Sprint(got), fmt.Sprint(want), reason)
		}
	}
	check("Format", r.Format, w.format)
	check("Method", r.Method, w.method)
	check("URL", r.URL, w.url)
	check("Scheme", r.Scheme, w.scheme)
	check("SchemeKnown", r.SchemeKnown, w.schemeKnown)
	check("Host", r.Host, w.host)
	check("Target", r.Target, w.target)
	check("ContentType", r.ContentType, w.contentType)
	check("Body", string(r.Body), w.body)
	check("len(Headers)", len(r.Headers), w.nHeaders)
	if w.firstHeader != "" && len(r.Headers) > 0 {
		check("Headers[0].Name", r.Headers[0].Name, w.firstHeader)
	}
	names := make([]string, 0, len(w.headers))
	for n := range w.headers {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		found := false
		for _, h := range r.Headers {
			if h.Name == n {
				found = true
				check("header "+n, h.Value, w.headers[n])
				break
			}
		}
		if !found {
			t.Errorf("no header named exactly %q (%s); headers: %v", n, reason, r.Headers)
		}
	}
	check("len(Notes)", len(r.Notes), w.nNotes)
	for i, sub := range w.notes {
		if i >= len(r.Notes) || !strings.Contains(r.Notes[i], sub) {
			t.Errorf("note %d should contain %q (%s); notes: %q", i, sub, reason, r.Notes)
		}
	}
	started := ""
	if !r.Started.IsZero() {
		started = r.Started.Format(time.RFC3339)
	}
	check("Started", started, w.started)
	check("Forwarding.Proto", r.Forwarding.Proto, w.fwdProto)
	check("Origin.Line", r.Origin.Line, w.line)
}

// renderRequest writes every field of a request, for golden files.
func renderRequest(r *Request) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format: %s\norigin: %s\nmethod: %s\nurl: %s\n", r.Format, r.Origin, r.Method, r.URL)
	fmt.Fprintf(&b, "scheme: %q known=%v\nhost: %s\ntarget: %s\ncontent-type: %s\n", r.Scheme, r.SchemeKnown, r.Host, r.Target, r.ContentType)
	fmt.Fprintf(&b, "body: %q\n", r.Body)
	if !r.Started.IsZero() {
		fmt.Fprintf(&b, "started: %s\n", r.Started.Format(time.RFC3339))
	}
	if f := r.Forwarding; f.Proto != "" || f.Host != "" || f.Port != "" || len(f.Forwarded) > 0 {
		fmt.Fprintf(&b, "forwarding: proto=%q host=%q port=%q forwarded=%q\n", f.Proto, f.Host, f.Port, f.Forwarded)
	}
	b.WriteString("headers:\n")
	for _, h := range r.Headers {
		fmt.Fprintf(&b, "  %s: %s\n", h.Name, h.Value)
	}
	if len(r.Notes) > 0 {
		b.WriteString("notes:\n")
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "  - %s\n", n)
		}
	}
	return b.String()
}

// goldenSections splits a txtar golden file into its files by name.
func goldenSections(text string) map[string]string {
	out := map[string]string{}
	for _, f := range txtar.Parse([]byte(text)).Files {
		out[f.Name] = string(f.Data)
	}
	return out
}

func TestReadCapturesGolden(t *testing.T) {
	path := filepath.Join(capturesDir, "requests.golden")
	got := map[string]string{}
	var names []string
	for _, tc := range captureCases {
		var b strings.Builder
		for _, r := range readCapture(t, tc.file, tc.opts) {
			b.WriteString(renderRequest(r))
		}
		got[tc.file] = b.String()
		names = append(names, tc.file)
	}
	sort.Strings(names)
	if updateGolden() {
		ar := &txtar.Archive{Comment: []byte("Every field of the request each capture reads as. Rewrite with go test ./inspect -run TestReadCapturesGolden -update.\n")}
		for _, n := range names {
			ar.Files = append(ar.Files, txtar.File{Name: n, Data: []byte(got[n])})
		}
		if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	want := goldenSections(string(data))
	for _, n := range names {
		if want[n] != got[n] {
			t.Errorf("%s: request differs from %s (run with -update after checking):\n--- got\n%s--- want\n%s", n, path, got[n], want[n])
		}
	}
	if len(want) != len(names) {
		t.Errorf("%s has %d sections, want %d", path, len(want), len(names))
	}
}

func TestReadSeveralRequests(t *testing.T) {
	tests := []struct {
		name, reason, input string
		opts                ReadOptions
		wantURLs            []string
		wantLines           []int
	}{
		{
			name: "http-two", reason: "two raw requests separated by a blank line",
			input:    "GET /1.0/user HTTP/1.1\nHost: api.bitbucket.org\n\nPOST /1.0/x HTTP/1.1\nHost: api.bitbucket.org\nContent-Length: 3\n\na=1\n",
			wantURLs: []string{"http://api.bitbucket.org/1.0/user", "http://api.bitbucket.org/1.0/x"}, wantLines: []int{1, 4},
		},
		{
			name: "curl-all-bash", reason: "Chrome's Copy all as cURL (bash) joins commands with ' ;'",
			input:    "curl 'https://api.bitbucket.org/1.0/a' ;\ncurl 'https://api.bitbucket.org/1.0/b' -H 'accept: */*'",
			wantURLs: []string{"https://api.bitbucket.org/1.0/a", "https://api.bitbucket.org/1.0/b"}, wantLines: []int{1, 2},
		},
		{
			name: "curl-all-cmd", reason: "Chrome's Copy all as cURL (cmd) joins commands with ' &' and CRLF",
			input:    "curl ^\"https://api.bitbucket.org/1.0/a^\" &\r\ncurl ^\"https://api.bitbucket.org/1.0/b^\" ^\r\n  -H ^\"accept: */*^\"\r\n",
			wantURLs: []string{"https://api.bitbucket.org/1.0/a", "https://api.bitbucket.org/1.0/b"}, wantLines: []int{1, 2},
		},
		{
			name: "url-lines", reason: "one URL per line, blank and # lines skipped",
			input:    "# issues\nhttps://api.bitbucket.org/1.0/a\n\n  https://api.bitbucket.org/1.0/b?x=1  \n",
			wantURLs: []string{"https://api.bitbucket.org/1.0/a", "https://api.bitbucket.org/1.0/b?x=1"}, wantLines: []int{2, 4},
		},
		{
			name: "url-argument", reason: "a nil reader reads opts.URL",
			opts:     ReadOptions{URL: "https://api.bitbucket.org/1.0/user", Method: "POST"},
			wantURLs: []string{"https://api.bitbucket.org/1.0/user"}, wantLines: []int{1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r io.Reader
			if tc.input != "" {
				r = strings.NewReader(tc.input)
			}
			var urls []string
			var lines []int
			err := Read(r, tc.opts, func(req *Request) error {
				urls = append(urls, req.URL)
				lines = append(lines, req.Origin.Line)
				return nil
			})
			if err != nil {
				t.Fatalf("%s: %v", tc.reason, err)
			}
			if !slices.Equal(urls, tc.wantURLs) || !slices.Equal(lines, tc.wantLines) {
				t.Errorf("%s: got URLs %q at lines %v, want %q at %v", tc.reason, urls, lines, tc.wantURLs, tc.wantLines)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, reason, input string
		opts                ReadOptions
		nilReader           bool
		calls               int      // requests delivered before the error
		want                []string // substrings of the message
		line, col           int      // 0: not checked
	}{
		{name: "empty", reason: "nothing to read", input: "  \n\n", want: []string{`inspect: detect input format "in": input is empty`}},
		{name: "unknown-first-line", reason: "the first line fits no form; it is quoted and the forms listed",
			input: "\n\nhello world\n", want: []string{`cannot read line 3 "hello world"`, "curl command", "HAR file", "--input-format"}, line: 3, col: 1},
		{name: "long-first-line", reason: "the quoted line is cut to about 80 characters",
			input: strings.Repeat("x", 200), want: []string{`"` + strings.Repeat("x", 80) + `…"`}},
		{name: "nul", reason: "binary data is named with its position",
			input: "GET / HTTP/1.1\nHost: a\x00b\n", want: []string{"binary data (NUL byte at line 2 column 8)"}},
		{name: "nul-given-format", reason: "binary data in a curl command when the format is given",
			input: "curl 'https://a/\x00'", opts: ReadOptions{Format: FormatCurl}, want: []string{`read curl command "in": binary data (NUL byte) at line 1 column 17`}, line: 1, col: 17},
		{name: "bad-utf8-curl", reason: "invalid UTF-8 in a curl command",
			input: "curl 'https://a/\xe9t\xe9'", want: []string{"invalid UTF-8 byte 0xE9 at line 1 column 17", "save the curl command as UTF-8"}, line: 1, col: 17},
		{name: "utf16", reason: "PowerShell's UTF-16 output is recognized",
			input: "\xff\xfec\x00u\x00", want: []string{"input is UTF-16 text", "Out-File -Encoding utf8"}},
		{name: "gzip", reason: "a compressed HAR is recognized", input: "\x1f\x8b\x08\x00", want: []string{"gzip-compressed", "gunzip"}},
		{name: "too-large", reason: "text input over MaxSize", input: "curl 'https://api.bitbucket.org/1.0/user' -H 'a: b'",
			opts: ReadOptions{MaxSize: 20}, want: []string{`read curl command "in": input is larger than 20 bytes`}},
		{name: "method-for-curl", reason: "a method option does not apply to a curl command",
			input: "curl https://a/", opts: ReadOptions{Method: "POST"}, want: []string{"a method can be given only for URL and Authorization header input", "curl command says which method"}},
		{name: "url-for-http", reason: "a URL option does not apply to raw HTTP",
			input: "GET / HTTP/1.1\nHost: a\n", opts: ReadOptions{URL: "https://a/"}, want: []string{"a URL can be given only for Authorization header input"}},
		{name: "unknown-format", reason: "an unknown format name", input: "x", opts: ReadOptions{Format: "xml"}, want: []string{`unknown input format "xml"`}},
		{name: "no-input", reason: "nil reader and no URL", nilReader: true, want: []string{"no input"}},
		{name: "url-arg-as-curl", reason: "a URL argument cannot be read as another format", nilReader: true,
			opts: ReadOptions{URL: "https://a/", Format: FormatCurl}, want: []string{"a URL argument cannot be read as curl input"}},
		{name: "header-without-url", reason: "an Authorization header needs the URL",
			input: "Authorization: OAuth oauth_nonce=\"1\"", want: []string{`read Authorization header "in": no request URL`, "--url"}},
		{name: "url-line-error", reason: "a bad URL on line 3 of a URL list names line and column",
			input: "https://a/\n\nhttps://a b/c\n", calls: 1, want: []string{`read URL "in": space in the URL at line 3 column 10`}, line: 3, col: 10},
		{name: "har-not-json", reason: "an object without log is not HAR", input: `{"entries": []}`, want: []string{`JSON object without a "log" member`}},
		{name: "response", reason: "a response is not a request", input: "HTTP/1.1 401 Unauthorized\n", want: []string{"is an HTTP response, not a request"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r io.Reader
			if !tc.nilReader {
				r = strings.NewReader(tc.input)
			}
			if tc.opts.Name == "" {
				tc.opts.Name = "in"
			}
			calls := 0
			err := Read(r, tc.opts, func(*Request) error { calls++; return nil })
			if err == nil {
				t.Fatalf("%s: no error", tc.reason)
			}
			if calls != tc.calls {
				t.Errorf("%s: %d requests delivered before the error, want %d", tc.reason, calls, tc.calls)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%s: error %q does not contain %q", tc.reason, err, w)
				}
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("%s: error %T is not an *InputError", tc.reason, err)
			}
			if tc.line != 0 && (ie.Line != tc.line || ie.Column != tc.col) {
				t.Errorf("%s: position %d:%d, want %d:%d", tc.reason, ie.Line, ie.Column, tc.line, tc.col)
			}
		})
	}
}

func TestReadCallbackError(t *testing.T) {
	stop := errors.New("stop here")
	inputs := map[string]string{
		"http": "GET /a HTTP/1.1\nHost: h\n\nGET /b HTTP/1.1\nHost: h\n",
		"curl": "curl https://h/a; curl https://h/b",
		"url":  "https://h/a\nhttps://h/b\n",
		"har":  `{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"https://h/a","headers":[]}},{"request":{"method":"GET","url":"https://h/b","headers":[]}}]}}`,
	}
	for name, in := range inputs {
		n := 0
		err := Read(strings.NewReader(in), ReadOptions{Name: name}, func(*Request) error { n++; return stop })
		if err != stop || n != 1 {
			t.Errorf("%s: Read returned %v after %d calls, want the callback's error unchanged after 1 call", name, err, n)
		}
	}
}

// TestReadPassesHARAsStream checks that a HAR file is handed to readHAR as a stream:
// the first entry reaches the callback before the rest of the file is
// written, and MaxSize does not apply.
func TestReadPassesHARAsStream(t *testing.T) {
	pr, pw := io.Pipe()
	first := `{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "entries": [` +
		`{"startedDateTime": "2024-06-10T15:02:02.000Z", "request": {"method": "GET", "url": "https://api.bitbucket.org/1.0/a", "httpVersion": "HTTP/1.1", "headers": [], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0}, "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [], "content": {"size": 0, "mimeType": "application/json"}, "redirectURL": "", "headersSize": -1, "bodySize": 0}, "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}},`
	rest := `{"startedDateTime": "2024-06-10T15:02:03.000Z", "request": {"method": "GET", "url": "https://api.bitbucket.org/1.0/b", "httpVersion": "HTTP/1.1", "headers": [], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0}, "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [], "content": {"size": 0, "mimeType": "application/json"}, "redirectURL": "", "headersSize": -1, "bodySize": 0}, "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}}]}}`
	gotFirst := make(chan struct{})
	go func() {
		pw.Write([]byte(first))
		select {
		case <-gotFirst:
		case <-time.After(10 * time.Second):
		}
		pw.Write([]byte(rest))
		pw.Close()
	}()
	var urls []string
	done := make(chan error, 1)
	go func() {
		done <- Read(pr, ReadOptions{Name: "pipe.har", MaxSize: 16}, func(r *Request) error {
			if len(urls) == 0 {
				close(gotFirst)
			}
			urls = append(urls, r.URL)
			return nil
		})
	}()
	select {
	case <-gotFirst:
	case <-time.After(5 * time.Second):
		t.Fatal("the first HAR entry was not delivered before the rest of the input arrived: Read does not stream HAR files")
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	want := []string{"https://api.bitbucket.org/1.0/a", "https://api.bitbucket.org/1.0/b"}
	if !slices.Equal(urls, want) {
		t.Errorf("got %q, want %q (MaxSize must not limit a HAR file)", urls, want)
	}
}

func TestPeekHeadReadsOnlyWhatDetectNeeds(t *testing.T) {
	// A curl command whose first line arrives, then the pipe stalls: the
	// format must be known without waiting for 64 KiB.
	tests := []struct{ name, first string }{
		{"curl", "curl 'https://api.bitbucket.org/1.0/user' \\\n"},
		{"har", "{\n  \"log\": {"},
		{"comment-then-url", "# list\nhttps://a/\n"},
	}
	for _, tc := range tests {
		pr, pw := io.Pipe()
		go pw.Write([]byte(tc.first))
		got := make(chan []byte, 1)
		go func() {
			head, _ := peekHead(bufio.NewReaderSize(pr, headSize))
			got <- head
		}()
		select {
		case head := <-got:
			if !bytes.Equal(head, []byte(tc.first)) {
				t.Errorf("%s: peeked %q, want %q", tc.name, head, tc.first)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("%s: peekHead blocked although the first line was there", tc.name)
		}
		pw.Close()
	}
}

func TestInputErrorFormat(t *testing.T) {
	tests := []struct {
		name string
		err  *InputError
		want string
	}{
		{"full", &InputError{Op: "read curl command", Name: "request.curl", Err: errors.New("unterminated single quote starting at line 3 column 12"), Hint: "paste the command exactly as the browser copied it"},
			`inspect: read curl command "request.curl": unterminated single quote starting at line 3 column 12; paste the command exactly as the browser copied it`},
		{"no-name-no-hint", &InputError{Op: "detect input format", Err: errors.New("input is empty")}, "inspect: detect input format: input is empty"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	cause := errors.New("cause")
	if !errors.Is(&InputError{Op: "x", Err: cause}, cause) {
		t.Error("InputError does not unwrap to its cause")
	}
}

// benchCapture reads a capture file for a benchmark.
func benchCapture(b *testing.B, name string) string {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(capturesDir, name))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

func BenchmarkReadCurlChromeBash(b *testing.B) {
	cmd := benchCapture(b, "curl-chrome-bash.curl")
	b.SetBytes(int64(len(cmd)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadCurl(cmd, "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadCurlChromeCmd(b *testing.B) {
	cmd := benchCapture(b, "curl-chrome-cmd.curl")
	b.SetBytes(int64(len(cmd)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadCurl(cmd, "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadHTTPChunked(b *testing.B) {
	text := benchCapture(b, "http-post-chunked.http")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadHTTP(strings.NewReader(text), "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadURL(b *testing.B) {
	const u = "https://api.bitbucket.org/1.0/repositories/acme/widgets/issues?limit=5&sort=-utc_last_updated"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readURL(u, "", Origin{Name: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDetect(b *testing.B) {
	head := []byte(benchCapture(b, "http2-chrome.http"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := detectFormat(head); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadHTTPLargeBody reads a form POST with a 4 MiB body through
// Read, detection included.
func BenchmarkReadHTTPLargeBody(b *testing.B) {
	body := strings.Repeat("a=1&", 1<<20)
	text := fmt.Sprintf("POST /1.0/x HTTP/1.1\r\nHost: api.bitbucket.org\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Read(strings.NewReader(text), ReadOptions{Name: "bench"}, func(*Request) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadCurlManyCommands reads 1,000 commands, as "Copy all as cURL"
// writes them.
func BenchmarkReadCurlManyCommands(b *testing.B) {
	one := strings.TrimRight(benchCapture(b, "curl-chrome-bash.curl"), "\n")
	text := strings.Repeat(one+" ;\n", 1000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		reqs, err := readCurlCommands(text, "bench")
		if err != nil || len(reqs) != 1000 {
			b.Fatal(len(reqs), err)
		}
	}
}
