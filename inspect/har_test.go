package inspect

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"
)

// -update rewrites golden files. Another test file of the package may
// declare the same flag; package variables are initialized before init
// functions run, so this only registers it when nobody else has.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func harUpdate() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	b, _ := g.Get().(bool)
	return b
}

// readHARAll reads a whole HAR input and returns every request delivered.
func readHARAll(r io.Reader, name string) ([]*Request, harStats, error) {
	var reqs []*Request
	st, err := readHAR(r, name, func(req *Request) error {
		reqs = append(reqs, req)
		return nil
	})
	return reqs, st, err
}

func readHARString(t *testing.T, in string) ([]*Request, harStats) {
	t.Helper()
	reqs, st, err := readHARAll(strings.NewReader(in), "test.har")
	if err != nil {
		t.Fatalf("ReadHAR: %v", err)
	}
	if st.Entries != len(reqs) {
		t.Fatalf("stats.Entries = %d, but %d requests were delivered", st.Entries, len(reqs))
	}
	return reqs, st
}

// harEntryWant is what one entry of a testdata file must read as.
type harEntryWant struct {
	line        int
	method      string
	url         string
	scheme      string
	host        string
	target      string
	headers     int    // number of headers
	auth        string // Authorization header
	forwarding  Forwarding
	contentType string
	body        string
	started     string // RFC 3339 in UTC, or "" for the zero time
	status      int
	statusText  string
	respType    string
	respBody    string
	notes       []string // substrings, one per note
}

const (
	harChromeAuth = `OAuth realm="", oauth_consumer_key="9zTFgmPaRx5HQbdcvW", oauth_token="Tx6rYDBpcrZw8gnLv3", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1714558830", oauth_nonce="4572616e48616d6d65724c61686176", oauth_version="1.0", oauth_signature="Xl6Jr7k5nUHmbKXRzUDKkAUn1Rk%3D"`
	harPNG        = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\b\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\xdacd`\xf8_\x0f\x00\x02\x87\x01\x80\xebG\xba\x92\x00\x00\x00\x00IEND\xaeB`\x82"
)

var harFileTests = []struct {
	file    string
	reason  string
	stats   harStats
	entries []harEntryWant
}{
	{
		file:   "chrome-bitbucket.har",
		reason: "Chrome devtools export: HTTP/2 pseudo-headers, _initiator stacks, timings and cache before startedDateTime, OAuth in a header, in the query and with a form body",
		stats:  harStats{Entries: 5, Version: "1.2", Creator: "WebInspector 537.36"},
		entries: []harEntryWant{
			{line: 20, method: "GET", url: "https://bitbucket.org/atlassian/python-bitbucket/issues", scheme: "https",
				host: "bitbucket.org", target: "/atlassian/python-bitbucket/issues", headers: 9,
				started: "2024-05-01T10:20:30.052Z", status: 200, respType: "text/html",
				respBody: "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Issues — Bitbucket</title></head><body></body></html>\n"},
			{line: 123, method: "GET", url: "https://api.bitbucket.org/1.0/user", scheme: "https", host: "api.bitbucket.org",
				target: "/1.0/user", headers: 9, auth: harChromeAuth, started: "2024-05-01T10:20:31.104Z", status: 200,
				respType: "application/json",
				respBody: `{"user": {"username": "jdoe", "display_name": "Jane Doe", "is_team": false, "avatar": "https://bitbucket.org/account/jdoe/avatar/32/"}}`},
			{line: 244, method: "GET",
				url:    "https://api.bitbucket.org/1.0/repositories/atlassian/python-bitbucket/issues?limit=5&oauth_consumer_key=9zTFgmPaRx5HQbdcvW&oauth_nonce=7d8f3e4a9b2c1d0e&oauth_signature=wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1714558831&oauth_token=Tx6rYDBpcrZw8gnLv3&oauth_version=1.0&search=crash%20on%20start",
				scheme: "https", host: "api.bitbucket.org",
				target:  "/1.0/repositories/atlassian/python-bitbucket/issues?limit=5&oauth_consumer_key=9zTFgmPaRx5HQbdcvW&oauth_nonce=7d8f3e4a9b2c1d0e&oauth_signature=wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1714558831&oauth_token=Tx6rYDBpcrZw8gnLv3&oauth_version=1.0&search=crash%20on%20start",
				headers: 6, started: "2024-05-01T10:20:31.3Z", status: 200, respType: "application/json",
				respBody: `{"count": 0, "filter": {}, "search": "crash on start", "issues": []}`},
			{line: 374, method: "POST", url: "https://api.bitbucket.org/1.0/repositories/atlassian/python-bitbucket/issues",
				scheme: "https", host: "api.bitbucket.org", target: "/1.0/repositories/atlassian/python-bitbucket/issues", headers: 9,
				auth:        `OAuth realm="", oauth_consumer_key="9zTFgmPaRx5HQbdcvW", oauth_token="Tx6rYDBpcrZw8gnLv3", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1714558832", oauth_nonce="0a5f4c3b2e1d", oauth_version="1.0", oauth_signature="n0tAV4l1dS1gN4tur3xxxxxxxxx%3D"`,
				contentType: "application/x-www-form-urlencoded; charset=UTF-8",
				body:        "title=Crash+on+start&content=Steps%3A+open+the+app%2C+tap+%22Sync%22&kind=bug",
				started:     "2024-05-01T10:20:32.718Z", status: 401, respType: "text/plain", respBody: "Could not verify OAuth request."},
			{line: 490, method: "GET", url: "https://bitbucket.org/account/jdoe/avatar/32/", scheme: "https", host: "bitbucket.org",
				target: "/account/jdoe/avatar/32/", headers: 5, started: "2024-05-01T10:20:33.001Z", status: 200,
				respType: "image/png", respBody: harPNG},
		},
	},
	{
		file:   "firefox-bitbucket.har",
		reason: "Firefox export: browser and pages with pageTimings, HTTP/2 with a Host header, postData with params before text, base64 after mimeType and size",
		stats:  harStats{Entries: 4, Version: "1.2", Creator: "Firefox 125.0.3"},
		entries: []harEntryWant{
			{line: 24, method: "POST", url: "https://bitbucket.org/api/1.0/oauth/request_token", scheme: "https", host: "bitbucket.org",
				target: "/api/1.0/oauth/request_token", headers: 10, contentType: "application/x-www-form-urlencoded",
				body:    "oauth_callback=https%3A%2F%2Fapp.example.com%2Fcallback%3Ffrom%3Dbb&oauth_consumer_key=9zTFgmPaRx5HQbdcvW&oauth_nonce=e3f1b2a4c5d6&oauth_signature=N1vGxL2%2F0yYzvU3c6Qb3yG0tK1A%3D&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1714558830&oauth_version=1.0",
				started: "2024-05-01T10:20:30.414Z", status: 200, statusText: "OK", respType: "application/x-www-form-urlencoded",
				respBody: "oauth_token=kC4Qw9nA2bRt&oauth_token_secret=Hs8fD3kLq0pZ7xYv&oauth_callback_confirmed=true"},
			{line: 151, method: "GET", url: "https://api.bitbucket.org/1.0/user/repositories", scheme: "https", host: "api.bitbucket.org",
				target: "/1.0/user/repositories", headers: 5,
				auth:    `OAuth realm="",oauth_consumer_key="9zTFgmPaRx5HQbdcvW",oauth_token="kC4Qw9nA2bRt",oauth_signature_method="HMAC-SHA1",oauth_timestamp="1714558831",oauth_nonce="a1b2c3d4e5f6",oauth_version="1.0",oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"`,
				started: "2024-05-01T10:20:31.002Z", status: 200, statusText: "OK", respType: "application/json; charset=utf-8",
				respBody: `[{"slug": "café-app", "name": "Café app 😀", "owner": "jdoe", "is_private": true}]`},
			{line: 220, method: "GET",
				url:    "https://api.bitbucket.org/1.0/repositories/jdoe/caf%C3%A9-app/src/main/README.md?oauth_consumer_key=9zTFgmPaRx5HQbdcvW&oauth_nonce=b7c8d9e0f1&oauth_signature=fh%2BbV2MEqtk8ZJZ6wJ3pcKl1lVw%3D&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1714558831&oauth_token=kC4Qw9nA2bRt&oauth_version=1.0",
				scheme: "https", host: "api.bitbucket.org",
				target:  "/1.0/repositories/jdoe/caf%C3%A9-app/src/main/README.md?oauth_consumer_key=9zTFgmPaRx5HQbdcvW&oauth_nonce=b7c8d9e0f1&oauth_signature=fh%2BbV2MEqtk8ZJZ6wJ3pcKl1lVw%3D&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1714558831&oauth_token=kC4Qw9nA2bRt&oauth_version=1.0",
				headers: 3, started: "2024-05-01T10:20:31.25Z", status: 401, statusText: "Unauthorized", respType: "text/plain; charset=utf-8",
				respBody: "oauth_problem=signature_invalid&debug_sbs=GET&https%3A%2F%2Fapi.bitbucket.org%2F1.0%2Frepositories%2Fjdoe%2Fcaf%25C3%25A9-app%2Fsrc%2Fmain%2FREADME.md&oauth_consumer_key%3D9zTFgmPaRx5HQbdcvW%26oauth_nonce%3Db7c8d9e0f1"},
			{line: 310, method: "GET", url: "https://bitbucket.org/favicon.png", scheme: "https", host: "bitbucket.org", target: "/favicon.png",
				headers: 2, started: "2024-05-01T10:20:31.498Z", status: 200, statusText: "OK", respType: "image/png", respBody: harPNG},
		},
	},
	{
		file:   "charles-python-client.har",
		reason: "Charles Proxy export: HTTP/1.1, comment fields, _charlesStatus, redirectURL null, every response body base64, a null mimeType",
		stats:  harStats{Entries: 3, Version: "1.2", Creator: "Charles Proxy 4.6.6"},
		entries: []harEntryWant{
			{line: 9, method: "GET",
				url:    "https://api.bitbucket.org/1.0/repositories/atlassian/python-bitbucket/changesets?limit=15&oauth_consumer_key=9zTFgmPaRx5HQbdcvW&oauth_nonce=31337133713371337&oauth_signature=8GkP%2BHJhGz8DJ8lTnN3yTQi9oIE%3D&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1714558830&oauth_token=Tx6rYDBpcrZw8gnLv3&oauth_version=1.0",
				scheme: "https", host: "api.bitbucket.org",
				target:  "/1.0/repositories/atlassian/python-bitbucket/changesets?limit=15&oauth_consumer_key=9zTFgmPaRx5HQbdcvW&oauth_nonce=31337133713371337&oauth_signature=8GkP%2BHJhGz8DJ8lTnN3yTQi9oIE%3D&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1714558830&oauth_token=Tx6rYDBpcrZw8gnLv3&oauth_version=1.0",
				headers: 5, started: "2024-05-01T10:20:30.918Z", status: 401, statusText: "UNAUTHORIZED", respType: "text/plain",
				respBody: "Could not verify OAuth request."},
			{line: 128, method: "POST", url: "https://api.bitbucket.org/1.0/repositories/atlassian/python-bitbucket/issues/42/comments",
				scheme: "https", host: "api.bitbucket.org", target: "/1.0/repositories/atlassian/python-bitbucket/issues/42/comments", headers: 8,
				auth:        `OAuth oauth_nonce="48710212263117465561714558831", oauth_timestamp="1714558831", oauth_version="1.0", oauth_signature_method="HMAC-SHA1", oauth_consumer_key="9zTFgmPaRx5HQbdcvW", oauth_token="Tx6rYDBpcrZw8gnLv3", oauth_signature="Qe3nBq7R0oM%2FZb3pXl4s0pQpG1c%3D"`,
				contentType: "application/x-www-form-urlencoded", body: "content=Thanks%21+Fixed+in+%60a1b2c3d%60",
				started: "2024-05-01T10:20:31.377Z", status: 200, statusText: "OK", respType: "application/json; charset=utf-8",
				respBody: `{"content": "Thanks! Fixed in ` + "`a1b2c3d`" + `", "comment_id": 90210, "author_info": {"username": "jdoe", "display_name": "Jane Doé"}}`},
			{line: 219, method: "GET", url: "http://tracking.example.net:8080/collect?v=1&t=event&ec=sync&ea=start", scheme: "http",
				host: "tracking.example.net:8080", target: "/collect?v=1&t=event&ec=sync&ea=start", headers: 2,
				started: "2024-05-01T10:20:31.702Z", status: 204, statusText: "No Content"},
		},
	},
	{
		file:   "fiddler-windows-app.har",
		reason: "Fiddler-style export on Windows: byte order mark, CRLF, one entry per line, 7-digit fractional seconds, proxy headers, params-only postData",
		stats:  harStats{Entries: 3, Version: "1.2", Creator: "Fiddler 5.0.20211.51073"},
		entries: []harEntryWant{
			{line: 7, method: "POST", url: "http://10.0.0.12:8080/1.0/oauth/access_token", scheme: "http", host: "10.0.0.12:8080",
				target: "/1.0/oauth/access_token", headers: 9,
				auth:       `OAuth realm="https%3A%2F%2Fapi.bitbucket.org%2F", oauth_consumer_key="9zTFgmPaRx5HQbdcvW", oauth_token="kC4Qw9nA2bRt", oauth_verifier="5120684394", oauth_signature_method="PLAINTEXT", oauth_signature="Rk2tYx9a%26Hs8fD3kLq0pZ7xYv", oauth_timestamp="1714558830", oauth_nonce="eXs0Nz", oauth_version="1.0"`,
				forwarding: Forwarding{Proto: "https", Host: "api.bitbucket.org", Port: "443", Forwarded: []string{"for=192.0.2.60;proto=https;host=api.bitbucket.org", "for=10.0.0.3"}},
				started:    "2024-05-01T10:20:30.1234567Z", status: 401, statusText: "Unauthorized", respType: "application/x-www-form-urlencoded",
				respBody: "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1714558800-1714559400"},
			{line: 8, method: "POST", url: "https://api.bitbucket.org/1.0/repositories/jdoe/app/issues", scheme: "https", host: "api.bitbucket.org",
				target: "/1.0/repositories/jdoe/app/issues", headers: 5,
				auth:        `OAuth oauth_consumer_key="9zTFgmPaRx5HQbdcvW", oauth_token="Tx6rYDBpcrZw8gnLv3", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1714558831", oauth_nonce="ZmlkZGxlcg", oauth_version="1.0", oauth_signature="kqA7V%2BbZ0p1m0yY4xq2bQ6f5m3s%3D"`,
				contentType: "application/x-www-form-urlencoded", body: "title=Sync%20fails%3A%20%22401%22%20on%20start&kind=bug&priority=major%20~%20100%25",
				started: "2024-05-01T10:20:31.0046813Z", status: 200, statusText: "OK", respType: "application/json", respBody: `{"local_id": 7, "kind": "bug"}`,
				notes: []string{"body was rebuilt from them as application/x-www-form-urlencoded"}},
			{line: 9, method: "GET", url: "https://update.example.com/app/check.json?channel=stable", scheme: "https", host: "update.example.com",
				target: "/app/check.json?channel=stable", headers: 2, started: "2024-05-01T10:20:31.5Z", status: 304, statusText: "Not Modified"},
		},
	},
}

func TestReadHARFiles(t *testing.T) {
	for _, tt := range harFileTests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "har", tt.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			reqs, st, err := readHARAll(bytes.NewReader(data), tt.file)
			if err != nil {
				t.Fatalf("ReadHAR (%s): %v", tt.reason, err)
			}
			want := tt.stats
			want.Bytes = int64(len(data))
			if st != want {
				t.Errorf("stats = %+v, want %+v", st, want)
			}
			if len(reqs) != len(tt.entries) {
				t.Fatalf("%d requests, want %d", len(reqs), len(tt.entries))
			}
			for i, w := range tt.entries {
				checkHAREntry(t, tt.file, i, reqs[i], w)
			}
		})
	}
}

func checkHAREntry(t *testing.T, file string, i int, r *Request, w harEntryWant) {
	t.Helper()
	check := func(field string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("entry %d: %s = %q, want %q", i, field, got, want)
		}
	}
	check("Origin", r.Origin, Origin{Name: file, Line: w.line, Entry: i})
	check("Format", r.Format, FormatHAR)
	check("Method", r.Method, w.method)
	check("URL", r.URL, w.url)
	check("Scheme", r.Scheme, w.scheme)
	check("SchemeKnown", r.SchemeKnown, w.scheme != "")
	check("Host", r.Host, w.host)
	check("Target", r.Target, w.target)
	check("len(Headers)", len(r.Headers), w.headers)
	check("Authorization", r.Header("Authorization"), w.auth)
	check("Forwarding", r.Forwarding, w.forwarding)
	check("ContentType", r.ContentType, w.contentType)
	check("Body", string(r.Body), w.body)
	started := ""
	if !r.Started.IsZero() {
		started = r.Started.UTC().Format(time.RFC3339Nano)
	}
	check("Started", started, w.started)
	if r.Response == nil {
		t.Fatalf("entry %d: no Response", i)
	}
	check("Response", *r.Response, Response{Status: w.status, StatusText: w.statusText, ContentType: w.respType, Body: w.respBody})
	if len(r.Notes) != len(w.notes) {
		t.Errorf("entry %d: notes %q, want %d notes like %q", i, r.Notes, len(w.notes), w.notes)
	} else {
		for j, n := range w.notes {
			if !strings.Contains(r.Notes[j], n) {
				t.Errorf("entry %d: note %d = %q, want it to contain %q", i, j, r.Notes[j], n)
			}
		}
	}
}

// harDump renders requests completely, for golden files.
func harDump(reqs []*Request, st harStats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "-- stats --\nentries %d\nbytes %d\nversion %q\ncreator %q\n", st.Entries, st.Bytes, st.Version, st.Creator)
	for i, r := range reqs {
		fmt.Fprintf(&b, "-- entry %d --\n", i)
		fmt.Fprintf(&b, "origin %s line %d\nformat %s\nmethod %q\nurl %q\nscheme %q known %t\nhost %q\ntarget %q\n",
			r.Origin, r.Origin.Line, r.Format, r.Method, r.URL, r.Scheme, r.SchemeKnown, r.Host, r.Target)
		for _, h := range r.Headers {
			fmt.Fprintf(&b, "header %q %q\n", h.Name, h.Value)
		}
		fmt.Fprintf(&b, "forwarding proto %q host %q port %q forwarded %q\n", r.Forwarding.Proto, r.Forwarding.Host, r.Forwarding.Port, r.Forwarding.Forwarded)
		fmt.Fprintf(&b, "content-type %q\nbody %q\n", r.ContentType, r.Body)
		if r.Started.IsZero() {
			b.WriteString("started none\n")
		} else {
			fmt.Fprintf(&b, "started %s\n", r.Started.Format(time.RFC3339Nano))
		}
		if r.Response == nil {
			b.WriteString("response none\n")
		} else {
			fmt.Fprintf(&b, "response %d %q %q\nresponse-body %q\n", r.Response.Status, r.Response.StatusText, r.Response.ContentType, r.Response.Body)
		}
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "note %q\n", n)
		}
	}
	return b.String()
}

// TestReadHARGolden compares the complete reading of every testdata file
// with its golden file, and checks that reading through a one-byte reader
// and a reader that returns errors with data gives the same result.
func TestReadHARGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "har", "*.har"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			reqs, st, err := readHARAll(bytes.NewReader(data), name)
			if err != nil {
				t.Fatal(err)
			}
			got := "# readHAR of " + name + ": every field of every request. Rewrite with go test ./inspect -run TestReadHARGolden -update\n" + harDump(reqs, st)
			golden := strings.TrimSuffix(path, ".har") + ".golden"
			if harUpdate() {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("reading differs from %s (run with -update if the change is intended):\n%s", golden, harLineDiff(string(want), got))
			}
			for _, r := range []struct {
				name string
				r    io.Reader
			}{
				{"one byte at a time", iotest.OneByteReader(bytes.NewReader(data))},
				{"half reads", iotest.HalfReader(bytes.NewReader(data))},
				{"EOF with the last data", iotest.DataErrReader(bytes.NewReader(data))},
			} {
				reqs2, st2, err := readHARAll(r.r, name)
				if err != nil {
					t.Fatalf("%s: %v", r.name, err)
				}
				if got2 := "# readHAR of " + name + ": every field of every request. Rewrite with go test ./inspect -run TestReadHARGolden -update\n" + harDump(reqs2, st2); got2 != got {
					t.Errorf("%s: reading differs:\n%s", r.name, harLineDiff(got, got2))
				}
			}
		})
	}
}

// harLineDiff shows the first differing lines of two texts.
func harLineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n-%s\n+%s", i+1, w, g)
		}
	}
	return "(no difference)"
}

// harDoc wraps entries in a minimal HAR document.
func harDoc(entries ...string) string {
	return `{"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": [` + strings.Join(entries, ",") + `]}}`
}

func TestReadHARValues(t *testing.T) {
	big := func(n int, c byte) string { return strings.Repeat(string(c), n) }
	tests := []struct {
		name   string
		reason string
		in     string
		check  func(t *testing.T, reqs []*Request)
	}{
		{
			name:   "base64-response",
			reason: "content.encoding base64 is decoded, even when encoding comes before text",
			in:     harDoc(`{"request": {"method": "GET", "url": "https://a/"}, "response": {"status": 401, "content": {"encoding": "base64", "mimeType": "text/plain", "text": "Q291bGQgbm90IHZlcmlmeSBPQXV0aCByZXF1ZXN0"}}}`),
			check: func(t *testing.T, reqs []*Request) {
				wantResponse(t, reqs[0], Response{Status: 401, ContentType: "text/plain", Body: "Could not verify OAuth request"})
				wantNotes(t, reqs[0])
			},
		},
		{
			name:   "base64-invalid",
			reason: "a body marked base64 that does not decode is kept as it is, with a note",
			in:     harDoc(`{"request": {"url": "https://a/"}, "response": {"status": 500, "content": {"text": "not base64!", "encoding": "base64"}}}`),
			check: func(t *testing.T, reqs []*Request) {
				wantResponse(t, reqs[0], Response{Status: 500, Body: "not base64!"})
				wantNotes(t, reqs[0], "marked base64 but does not decode")
			},
		},
		{
			name:   "params-only-form",
			reason: "params without text are joined with & and percent-encoded per RFC 3986 (space as %20, * and ~ as RFC 3986 says)",
			in: harDoc(`{"request": {"method": "POST", "url": "https://a/", "postData": {"mimeType": "application/x-www-form-urlencoded; charset=UTF-8", "params": [
				{"name": "oauth_callback", "value": "https://c.example/cb?x=1&y=a b"}, {"name": "status", "value": "héllo *~+/"}, {"name": "empty"}, {"name": "a b", "value": ""}]}}}`),
			check: func(t *testing.T, reqs []*Request) {
				wantBody(t, reqs[0], "oauth_callback=https%3A%2F%2Fc.example%2Fcb%3Fx%3D1%26y%3Da%20b&status=h%C3%A9llo%20%2A~%2B%2F&empty=&a%20b=")
				if reqs[0].ContentType != "application/x-www-form-urlencoded; charset=UTF-8" {
					t.Errorf("ContentType = %q, want postData.mimeType", reqs[0].ContentType)
				}
				wantNotes(t, reqs[0], "rebuilt from them as application/x-www-form-urlencoded")
			},
		},
		{
			name:   "params-only-no-mime",
			reason: "params without a mimeType are rebuilt as a form too",
			in:     harDoc(`{"request": {"method": "POST", "url": "https://a/", "postData": {"params": [{"name": "a", "value": "1"}, {"name": "b", "value": "2"}]}}}`),
			check: func(t *testing.T, reqs []*Request) {
				wantBody(t, reqs[0], "a=1&b=2")
				wantNotes(t, reqs[0], "rebuilt")
			},
		},
		{
			name:   "params-multipart",
			reason: "a multipart body cannot be rebuilt from params: no body, and a note",
			in:     harDoc(`{"request": {"method": "POST", "url": "https://a/", "postData": {"mimeType": "multipart/form-data; boundary=x", "params": [{"name": "f", "fileName": "a.png", "contentType": "image/png"}]}}}`),
			check: func(t *testing.T, reqs []*Request) {
				wantBody(t, reqs[0], "")
				wantNotes(t, reqs[0], `a "multipart/form-data; boundary=x" body cannot be rebuilt`)
			},
		},
		{
			name:   "text-and-params",
			reason: "postData.text wins over params, whatever their order",
			in:     harDoc(`{"request": {"method": "POST", "url": "https://a/", "postData": {"params": [{"name": "a", "value": "x y"}], "text": "a=x+y", "mimeType": "application/x-www-form-urlencoded"}}}`),
			check: func(t *testing.T, reqs []*Request) {
				wantBody(t, reqs[0], "a=x+y")
				wantNotes(t, reqs[0])
			},
		},
		{
			name:   "content-type-header-wins",
			reason: "the Content-Type header (any case) wins over postData.mimeType",
			in:     harDoc(`{"request": {"method": "POST", "url": "https://a/", "headers": [{"name": "CONTENT-TYPE", "value": "application/x-www-form-urlencoded"}], "postData": {"mimeType": "text/plain", "text": "a=1"}}}`),
			check: func(t *testing.T, reqs []*Request) {
				if reqs[0].ContentType != "application/x-www-form-urlencoded" {
					t.Errorf("ContentType = %q", reqs[0].ContentType)
				}
			},
		},
		{
			name:   "host-and-forwarding",
			reason: "Host comes from the first Host or :authority header; forwarding headers are collected, Forwarded in order",
			in: harDoc(`{"request": {"url": "https://a/", "headers": [{"name": ":authority", "value": "api.example.com"}, {"name": "host", "value": "other"},
				{"name": "x-forwarded-proto", "value": "http"}, {"name": "X-Forwarded-Proto", "value": "https"}, {"name": "X-Forwarded-Host", "value": "h"},
				{"name": "X-Forwarded-Port", "value": "8443"}, {"name": "forwarded", "value": "for=1.2.3.4"}, {"name": "Forwarded", "value": "proto=https"}]}}`),
			check: func(t *testing.T, reqs []*Request) {
				r := reqs[0]
				if r.Host != "api.example.com" {
					t.Errorf("Host = %q", r.Host)
				}
				want := Forwarding{Proto: "http", Host: "h", Port: "8443", Forwarded: []string{"for=1.2.3.4", "proto=https"}}
				if fmt.Sprint(r.Forwarding) != fmt.Sprint(want) {
					t.Errorf("Forwarding = %+v, want %+v", r.Forwarding, want)
				}
				if len(r.Headers) != 8 || r.Headers[0] != (Header{":authority", "api.example.com"}) {
					t.Errorf("Headers = %q", r.Headers)
				}
			},
		},
		{
			name:   "targets",
			reason: "Target is the path and query: / for an empty path, no fragment, spaces and non-ASCII escaped; no target without an authority",
			in: harDoc(
				`{"request": {"url": "https://a.example"}}`,
				`{"request": {"url": "https://a.example?x=1"}}`,
				`{"request": {"url": "https://a.example:8443/p/q?r=s#frag"}}`,
				`{"request": {"url": "HTTP://a.example/a b/é?c=d e\"<>"}}`,
				`{"request": {"url": "data:image/png;base64,iVBORw0K"}}`,
				`{"request": {"url": "/relative?x=1"}}`,
				`{"request": {"url": "https://a.example#only"}}`,
			),
			check: func(t *testing.T, reqs []*Request) {
				want := []struct {
					scheme, target string
					notes          int
				}{
					{"https", "/", 0}, {"https", "/?x=1", 0}, {"https", "/p/q?r=s", 0},
					{"http", "/a%20b/%C3%A9?c=d%20e%22%3C%3E", 1}, {"data", "", 0}, {"", "", 0}, {"https", "/", 0},
				}
				for i, w := range want {
					r := reqs[i]
					if r.Scheme != w.scheme || r.SchemeKnown != (w.scheme != "") || r.Target != w.target || len(r.Notes) != w.notes {
						t.Errorf("%q: scheme %q (%t), target %q, notes %q; want %q, %q, %d notes", r.URL, r.Scheme, r.SchemeKnown, r.Target, r.Notes, w.scheme, w.target, w.notes)
					}
				}
			},
		},
		{
			name:   "escapes",
			reason: "JSON escapes decode as encoding/json decodes them, lone surrogates as U+FFFD",
			in:     harDoc(`{"request": {"method": "G\u0045T", "url": "https://a/\u00e9\ud83d\ude00\/\"\\", "postData": {"text": "\b\f\n\r\t\u0000|\ud800|\udc00|\ud800\u0041|\ud800\ud83d\ude00"}}}`),
			check: func(t *testing.T, reqs []*Request) {
				r := reqs[0]
				if r.Method != "GET" || r.URL != "https://a/é😀/\"\\" {
					t.Errorf("Method %q URL %q", r.Method, r.URL)
				}
				wantBody(t, r, "\b\f\n\r\t\x00|\uFFFD|\uFFFD|\uFFFDA|\uFFFD😀")
			},
		},
		{
			name:   "raw-control-and-invalid-utf8",
			reason: "raw control bytes and invalid UTF-8 in strings are kept byte for byte; invalid UTF-8 in the URL or headers gets a note",
			in:     harDoc("{\"request\": {\"url\": \"https://a/\xff\xfe\", \"headers\": [{\"name\": \"X\", \"value\": \"a\x00b\x01\xc3\"}], \"postData\": {\"text\": \"\x00\x1f\xff\"}}}"),
			check: func(t *testing.T, reqs []*Request) {
				r := reqs[0]
				if r.URL != "https://a/\xff\xfe" || r.Target != "/%FF%FE" || r.Headers[0].Value != "a\x00b\x01\xc3" {
					t.Errorf("URL %q Target %q header %q", r.URL, r.Target, r.Headers[0].Value)
				}
				wantBody(t, r, "\x00\x1f\xff")
				wantNotes(t, r, "request.url is not valid UTF-8", "Target has them percent-encoded", "request.headers are not valid UTF-8")
			},
		},
		{
			name:   "bom-crlf-tabs",
			reason: "a byte order mark and CRLF/tab white space are accepted; lines count LF",
			in:     "\ufeff{\r\n\t\"log\": {\r\n\t\t\"entries\": [\r\n\t\t\t{\"request\": {\"url\": \"https://a/\"}}\r\n\t\t]\r\n\t}\r\n}\r\n",
			check: func(t *testing.T, reqs []*Request) {
				if reqs[0].Origin.Line != 4 || reqs[0].URL != "https://a/" {
					t.Errorf("Origin %+v URL %q", reqs[0].Origin, reqs[0].URL)
				}
			},
		},
		{
			name:   "key-order-and-extras",
			reason: "entries before version and creator, response before request, unknown keys with nested values anywhere",
			in: `{"extra": [{"a": [1, 2.5e-3, -0, true, false, null, "x"]}], "log": {"entries": [{"_x": {"deep": [[[{}]]]}, "response": {"content": {"size": 3, "text": "abc", "compression": 0}, "status": 200.0, "_error": null},
				"timings": {"send": -1}, "request": {"headers": [], "_p": 1, "url": "https://a/", "method": "PUT", "comment": "c"}, "startedDateTime": "2024-05-01T10:20:30Z"}], "version": "1.1", "creator": {"version": "2", "name": "x"}, "comment": ""}, "more": {}}`,
			check: func(t *testing.T, reqs []*Request) {
				r := reqs[0]
				if r.Method != "PUT" || r.URL != "https://a/" || r.Started != time.Date(2024, 5, 1, 10, 20, 30, 0, time.UTC) {
					t.Errorf("Method %q URL %q Started %v", r.Method, r.URL, r.Started)
				}
				wantResponse(t, r, Response{Status: 200, Body: "abc"})
			},
		},
		{
			name:   "nulls",
			reason: "null stands for an absent value everywhere the reader looks",
			in: harDoc(`{"startedDateTime": null, "request": {"method": null, "url": null, "headers": null, "postData": null}, "response": null}`,
				`{"request": {"url": "https://a/", "headers": [{"name": null, "value": null}], "postData": {"mimeType": null, "text": null, "params": null}}, "response": {"status": null, "statusText": null, "content": null}}`),
			check: func(t *testing.T, reqs []*Request) {
				if r := reqs[0]; r.Method != "" || r.URL != "" || r.Headers != nil || r.Body != nil || r.Response != nil || !r.Started.IsZero() {
					t.Errorf("entry 0 = %+v", r)
				}
				if r := reqs[1]; len(r.Headers) != 1 || r.Headers[0] != (Header{}) || r.Body != nil || r.Response == nil || *r.Response != (Response{}) {
					t.Errorf("entry 1 = %+v", r)
				}
			},
		},
		{
			name:   "duplicate-keys",
			reason: "inside an entry the last of duplicate keys wins, as with encoding/json",
			in:     harDoc(`{"request": {"url": "https://first/", "headers": [{"name": "A", "value": "1"}], "url": "https://second/", "headers": [{"name": "B", "value": "2", "value": "3"}]}}`),
			check: func(t *testing.T, reqs []*Request) {
				r := reqs[0]
				if r.URL != "https://second/" || len(r.Headers) != 1 || r.Headers[0] != (Header{"B", "3"}) {
					t.Errorf("URL %q Headers %q", r.URL, r.Headers)
				}
			},
		},
		{
			name:   "escaped-and-long-keys",
			reason: "keys are compared after unescaping; a key longer than any HAR key never matches",
			in:     harDoc(`{"request": {"\u0075rl": "https://a/", "` + big(100, 'u') + `": "x", "method` + big(40, ' ') + `": "BAD"}}`),
			check: func(t *testing.T, reqs []*Request) {
				if reqs[0].URL != "https://a/" || reqs[0].Method != "" {
					t.Errorf("URL %q Method %q", reqs[0].URL, reqs[0].Method)
				}
			},
		},
		{
			name:   "started-formats",
			reason: "startedDateTime with fractional seconds and offsets, a numeric offset without colon, and a bad one with a note",
			in: harDoc(`{"startedDateTime": "2024-05-01T12:20:30.1234567+02:00", "request": {}}`, `{"startedDateTime": "2024-05-01T12:20:30.5+0200", "request": {}}`,
				`{"startedDateTime": "Wed, 01 May 2024 10:20:30 GMT", "request": {}}`),
			check: func(t *testing.T, reqs []*Request) {
				if got := reqs[0].Started.UTC(); got != time.Date(2024, 5, 1, 10, 20, 30, 123456700, time.UTC) {
					t.Errorf("entry 0 Started = %v", got)
				}
				if got := reqs[1].Started.UTC(); got != time.Date(2024, 5, 1, 10, 20, 30, 500000000, time.UTC) {
					t.Errorf("entry 1 Started = %v", got)
				}
				if !reqs[2].Started.IsZero() {
					t.Errorf("entry 2 Started = %v", reqs[2].Started)
				}
				wantNotes(t, reqs[2], "is not an RFC 3339 time")
			},
		},
		{
			name:   "status-numbers",
			reason: "status is any JSON number with an integer value",
			in:     harDoc(`{"request": {}, "response": {"status": 2e2}}`, `{"request": {}, "response": {"status": -1}}`, `{"request": {}, "response": {"status": 0.0}}`),
			check: func(t *testing.T, reqs []*Request) {
				for i, want := range []int{200, -1, 0} {
					if reqs[i].Response.Status != want {
						t.Errorf("entry %d status %d, want %d", i, reqs[i].Response.Status, want)
					}
				}
			},
		},
		{
			name:   "response-text-cut",
			reason: "response text is kept to 64 KiB, cut on a rune boundary, with a note",
			in:     harDoc(`{"request": {}, "response": {"content": {"text": "` + big(harMaxResponseText-1, 'a') + `é` + big(200000, 'b') + `"}}}`),
			check: func(t *testing.T, reqs []*Request) {
				if got := reqs[0].Response.Body; len(got) != harMaxResponseText-1 || !utf8.ValidString(got) {
					t.Errorf("body of %d bytes, valid UTF-8 %t; want %d bytes", len(got), utf8.ValidString(got), harMaxResponseText-1)
				}
				wantNotes(t, reqs[0], "response.content.text is longer than 64 KiB")
			},
		},
		{
			name:   "response-base64-cut",
			reason: "a long base64 response is decoded to 64 KiB",
			in:     harDoc(`{"request": {}, "response": {"content": {"text": "` + big(400000, 'A') + `", "encoding": "base64"}}}`),
			check: func(t *testing.T, reqs []*Request) {
				if got := reqs[0].Response.Body; got != big(harMaxResponseText, 0) {
					t.Errorf("body of %d bytes, want %d zero bytes", len(got), harMaxResponseText)
				}
				wantNotes(t, reqs[0], "longer than 64 KiB")
			},
		},
		{
			name:   "url-cut",
			reason: "a URL over 1 MiB is cut, with a note naming the field",
			in:     harDoc(`{"request": {"url": "https://a/` + big(harMaxURL, 'x') + `"}}`),
			check: func(t *testing.T, reqs []*Request) {
				if len(reqs[0].URL) != harMaxURL {
					t.Errorf("URL of %d bytes", len(reqs[0].URL))
				}
				wantNotes(t, reqs[0], "request.url is longer than 1 MiB")
			},
		},
		{
			name:   "body-cut",
			reason: "postData.text over 16 MiB is cut, with a note that the signature cannot be checked",
			in:     harDoc(`{"request": {"postData": {"text": "` + big(harMaxBody+10, 'b') + `"}}}`),
			check: func(t *testing.T, reqs []*Request) {
				if len(reqs[0].Body) != harMaxBody {
					t.Errorf("Body of %d bytes", len(reqs[0].Body))
				}
				wantNotes(t, reqs[0], "postData.text is longer than 16 MiB")
				want := []CutField{{Field: "request.postData.text", Limit: harMaxBody, Size: harMaxBody + 10}}
				if fmt.Sprint(reqs[0].Cut) != fmt.Sprint(want) {
					t.Errorf("Cut = %+v, want %+v", reqs[0].Cut, want)
				}
			},
		},
		{
			name:   "header-limits",
			reason: "a header value over 1 MiB is cut; past 4 MiB of headers values are cut to nothing",
			in: harDoc(`{"request": {"headers": [{"name": "A", "value": "` + big(harMaxHeaderValue+1, 'a') + `"},
				{"name": "B", "value": "` + big(harMaxHeaderValue, 'b') + `"}, {"name": "C", "value": "` + big(harMaxHeaderValue, 'c') + `"},
				{"name": "D", "value": "` + big(harMaxHeaderValue, 'd') + `"}, {"name": "E", "value": "e"}]}}`),
			check: func(t *testing.T, reqs []*Request) {
				h := reqs[0].Headers
				if len(h) != 5 || len(h[0].Value) != harMaxHeaderValue || len(h[3].Value) != harMaxHeaderValue-4 || h[4] != (Header{}) {
					t.Errorf("%d headers, value sizes %d %d, last %q", len(h), len(h[0].Value), len(h[3].Value), h[len(h)-1].Name)
				}
				wantNotes(t, reqs[0], "request.headers[0].value is longer than 1 MiB", "request.headers together are longer than 4 MiB: request.headers[3].value",
					"request.headers[4].name was cut", "request.headers[4].value was cut")
			},
		},
		{
			name:   "header-count",
			reason: "past 10,000 headers the rest are dropped with one note, and notes stop at 32",
			in:     harDoc(`{"request": {"headers": [` + strings.Repeat(`{"name": "X", "value": "1"},`, harMaxHeaders+5) + `{"name": "Y"}]}, "startedDateTime": "x"}`),
			check: func(t *testing.T, reqs []*Request) {
				if len(reqs[0].Headers) != harMaxHeaders {
					t.Errorf("%d headers", len(reqs[0].Headers))
				}
				wantNotes(t, reqs[0], "more than 10000 headers", "not an RFC 3339 time")
			},
		},
		{
			name:   "notes-capped",
			reason: "at most 32 notes per request, then one saying more were dropped",
			in:     harDoc(`{"request": {"headers": [` + strings.Repeat(`{"name": "`+big(harMaxHeaderName+1, 'n')+`"}, `, 40) + `{}]}}`),
			check: func(t *testing.T, reqs []*Request) {
				n := reqs[0].Notes
				if len(n) != harMaxNotes+1 || n[harMaxNotes] != "more notes about this entry were dropped" {
					t.Errorf("%d notes, last %q", len(n), n[len(n)-1])
				}
			},
		},
		{
			name:   "empty-entries",
			reason: "a HAR with no entries is valid and reads nothing",
			in:     `{"log": {"version": "1.2", "entries": []}}`,
			check: func(t *testing.T, reqs []*Request) {
				if len(reqs) != 0 {
					t.Errorf("%d requests", len(reqs))
				}
			},
		},
	}
	names := map[string]bool{}
	for _, tt := range tests {
		if names[tt.name] || tt.reason == "" {
			t.Fatalf("case %q: duplicate name or no reason", tt.name)
		}
		names[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			reqs, st := readHARString(t, tt.in)
			if st.Bytes != int64(len(tt.in)) {
				t.Errorf("stats.Bytes = %d, want %d", st.Bytes, len(tt.in))
			}
			for i, r := range reqs {
				if r.Format != FormatHAR || r.Origin.Entry != i || r.Origin.Name != "test.har" || r.Origin.Line < 1 {
					t.Errorf("entry %d: Format %q Origin %+v", i, r.Format, r.Origin)
				}
			}
			if tt.check != nil && (len(reqs) > 0 || tt.name == "empty-entries") {
				tt.check(t, reqs)
			} else if len(reqs) == 0 {
				t.Fatal("no requests")
			}
		})
	}
}

func wantBody(t *testing.T, r *Request, want string) {
	t.Helper()
	if string(r.Body) != want {
		t.Errorf("Body = %q, want %q", r.Body, want)
	}
	if want == "" && r.Body != nil {
		t.Errorf("Body = %q, want nil", r.Body)
	}
}

func wantResponse(t *testing.T, r *Request, want Response) {
	t.Helper()
	if r.Response == nil {
		t.Fatalf("no Response, want %+v", want)
	}
	if *r.Response != want {
		t.Errorf("Response = %+v, want %+v", *r.Response, want)
	}
}

// wantNotes checks that r has exactly one note per substring, in order.
func wantNotes(t *testing.T, r *Request, want ...string) {
	t.Helper()
	ok := len(r.Notes) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = strings.Contains(r.Notes[i], want[i])
	}
	if !ok {
		t.Errorf("Notes = %q, want notes containing %q", r.Notes, want)
	}
}

func TestReadHARErrors(t *testing.T) {
	entry := `{"request": {"method": "GET", "url": "https://a/"}}`
	tests := []struct {
		name      string
		reason    string
		in        string
		want      string // the cause, after the position
		entry     int    // harError.Entry
		offset    int    // harError.Offset, or -1 for the end of the input
		delivered int
	}{
		{"empty", "no input at all", "", "not a HAR file: the input is empty", -1, 0, 0},
		{"only-space", "white space and a BOM only", "\ufeff \n\t", "not a HAR file: the input is empty", -1, -1, 0},
		{"array", "a JSON array is not a HAR", `[{"log": {}}]`, "not a HAR file: it starts with an array, not with a JSON object", -1, 0, 0},
		{"curl", "a curl command is not a HAR", "curl 'https://a/'", "not a HAR file: it starts with invalid character 'c', not with a JSON object", -1, 0, 0},
		{"no-log", "JSON object without log", `{"logs": {"entries": []}}`, `not a HAR file: no "log" object at the top level`, -1, -1, 0},
		{"log-array", "log of the wrong type", `{"log": []}`, `not a HAR file: "log" is an array, not an object`, -1, 8, 0},
		{"no-entries", "log without entries", `{"log": {"version": "1.2", "pages": []}}`, `not a HAR file: "log" has no "entries" array`, -1, 39, 0},
		{"entries-object", "entries of the wrong type", `{"log": {"entries": {}}}`, "log.entries: expected an array, found an object", -1, 20, 0},
		{"entries-null", "entries null", `{"log": {"entries": null}}`, "log.entries: expected an array, found null", -1, 20, 0},
		{"entry-number", "an entry that is not an object", harDoc(entry, `42`), "expected an entry object, found a number", 1, -2, 1},
		{"trailing-comma", "a comma after the last entry", harDoc(entry + `,`), "invalid character ']' where a value was expected", 1, -2, 1},
		{"no-request", "an entry without request", harDoc(`{"response": {}}`), `the entry has no "request" object`, 0, -2, 0},
		{"request-null", "request null", harDoc(`{"request": null}`), `the entry has no "request" object`, 0, -2, 0},
		{"url-number", "a number where a string is expected", harDoc(entry, `{"request": {"url": 12}}`), "request.url: expected a string, found a number", 1, -2, 1},
		{"method-bool", "a boolean where a string is expected", harDoc(`{"request": {"method": true}}`), "request.method: expected a string, found a boolean", 0, -2, 0},
		{"headers-object", "headers of the wrong type", harDoc(`{"request": {"headers": {}}}`), "request.headers: expected an array, found an object", 0, -2, 0},
		{"header-string", "a header that is not an object", harDoc(`{"request": {"headers": [{"name": "a"}, "b: c"]}}`), "request.headers[1]: expected an object, found a string", 0, -2, 0},
		{"header-value-number", "a header value that is a number", harDoc(`{"request": {"headers": [{"name": "a", "value": 1}]}}`), "request.headers[0].value: expected a string, found a number", 0, -2, 0},
		{"params-object", "params of the wrong type", harDoc(`{"request": {"postData": {"params": {}}}}`), "request.postData.params: expected an array, found an object", 0, -2, 0},
		{"text-array", "postData.text of the wrong type", harDoc(`{"request": {"postData": {"text": []}}}`), "request.postData.text: expected a string, found an array", 0, -2, 0},
		{"status-string", "a string where a number is expected", harDoc(`{"request": {}, "response": {"status": "200"}}`), "response.status: expected a number, found a string", 0, -2, 0},
		{"status-fraction", "a status that is not an integer", harDoc(`{"request": {}, "response": {"status": 200.5}}`), "response.status: 200.5 is not an integer status code", 0, -2, 0},
		{"status-huge", "a status beyond int32", harDoc(`{"request": {}, "response": {"status": 1e300}}`), "response.status: 1e300 is not an integer status code", 0, -2, 0},
		{"content-string", "content of the wrong type", harDoc(`{"request": {}, "response": {"content": "x"}}`), "response.content: expected an object, found a string", 0, -2, 0},
		{"bad-escape", "an escape JSON does not have", harDoc(`{"request": {"url": "https://a/\q"}}`), `request.url: invalid escape "\\q" in string`, 0, -2, 0},
		{"bad-unicode-escape", "a \\u escape with a non-hex digit, in a skipped value", harDoc(`{"request": {}, "comment": "\u12x4"}`), `invalid escape "\\u12x4" in string`, 0, -2, 0},
		{"missing-colon", "a key without ':'", harDoc(`{"request" {}}`), "invalid character '{' after an object key; expected ':'", 0, -2, 0},
		{"missing-comma", "members without ','", harDoc(`{"request": {} "response": {}}`), `invalid character '"' after an object member; expected ',' or '}'`, 0, -2, 0},
		{"unquoted-key", "a key without quotes", harDoc(`{request: {}}`), "invalid character 'r' where an object key was expected", 0, -2, 0},
		{"nul", "a NUL byte between tokens", harDoc("{\"request\": {}, \x00}"), `invalid character '\x00' where an object key was expected`, 0, -2, 0},
		{"bad-literal", "a misspelled literal", harDoc(`{"request": {}, "cache": nul}`), "invalid character '}' in literal null", 0, -2, 0},
		{"bad-number", "a minus sign alone", harDoc(`{"request": {}, "time": -}`), "invalid character '}' in a number", 0, -2, 0},
		{"leading-zero", "a number with a leading zero", harDoc(`{"request": {}, "time": 01}`), "invalid character '1' after an object member; expected ',' or '}'", 0, -2, 0},
		{"skip-nesting", "a skipped value nested deeper than encoding/json allows, and left open, is skipped to where it breaks", harDoc(`{"request": {}, "x": ` + strings.Repeat("[", harMaxDepth+1) + `}`), "invalid character '}' where a value was expected", 0, -2, 0},
		{"duplicate-log", "two log keys", `{"log": {"entries": []}, "log": {"entries": []}}`, `duplicate "log" key at the top level`, -1, -2, 0},
		{"duplicate-entries", "two entries keys", `{"log": {"entries": [` + entry + `], "entries": []}}`, `duplicate "entries" key in "log"`, -1, -2, 1},
		{"trailing-data", "data after the HAR object", harDoc(entry) + "\n{}", "invalid character '{' after the HAR object", -1, -2, 1},
		{"truncated-string", "the file ends inside a string", harDoc(entry, entry)[:strings.LastIndex(harDoc(entry, entry), "//a/")], "request.url: " + errHARTruncated.Error(), 1, -1, 1},
		{"truncated-after-entry", "the file ends after an entry", harDoc(entry, entry)[:len(harDoc(entry))-3], errHARTruncated.Error(), 1, -1, 1},
		{"truncated-skipped", "the file ends inside a skipped value", `{"log": {"entries": [{"request": {}, "timings": {"send": 1, "wait": [`, errHARTruncated.Error(), 0, -1, 0},
		{"truncated-escape", "the file ends inside an escape", `{"log": {"entries": [{"request": {"url": "\u00`, "request.url: " + errHARTruncated.Error(), 0, -1, 0},
		{"truncated-end", "the file ends before the last brace", harDoc(entry)[:len(harDoc(entry))-1], errHARTruncated.Error(), -1, -1, 1},
	}
	names := map[string]bool{}
	for _, tt := range tests {
		if names[tt.name] || tt.reason == "" {
			t.Fatalf("case %q: duplicate name or no reason", tt.name)
		}
		names[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			reqs, st, err := readHARAll(strings.NewReader(tt.in), "bad.har")
			var he *harError
			if !errors.As(err, &he) {
				t.Fatalf("error %v (%T), want a *harError (%s)", err, err, tt.reason)
			}
			if he.Err.Error() != tt.want {
				t.Errorf("cause = %q, want %q", he.Err, tt.want)
			}
			if he.Name != "bad.har" || he.Entry != tt.entry {
				t.Errorf("Name %q Entry %d, want entry %d", he.Name, he.Entry, tt.entry)
			}
			switch {
			case tt.offset == -1 && he.Offset != int64(len(tt.in)):
				t.Errorf("Offset = %d, want the end of the input (%d)", he.Offset, len(tt.in))
			case tt.offset >= 0 && he.Offset != int64(tt.offset):
				t.Errorf("Offset = %d, want %d", he.Offset, tt.offset)
			case he.Offset < 0 || he.Offset > int64(len(tt.in)) || he.Line < 1:
				t.Errorf("Offset %d Line %d out of range", he.Offset, he.Line)
			}
			if wantMsg := `inspect: read HAR "bad.har": `; !strings.HasPrefix(err.Error(), wantMsg) || !strings.HasSuffix(err.Error(), tt.want) {
				t.Errorf("message %q", err)
			}
			if strings.Contains(tt.want, "truncated") && !errors.Is(err, errHARTruncated) {
				t.Errorf("errors.Is(err, errHARTruncated) is false for %v", err)
			}
			if len(reqs) != tt.delivered || st.Entries != tt.delivered {
				t.Errorf("%d requests delivered, stats say %d, want %d", len(reqs), st.Entries, tt.delivered)
			}
			if st.Bytes != he.Offset {
				t.Errorf("stats.Bytes = %d, want the error offset %d", st.Bytes, he.Offset)
			}
		})
	}
}

// TestReadHARErrorMessage pins the whole message: input name, entry, byte,
// line, field and the remedy.
func TestReadHARErrorMessage(t *testing.T) {
	in := "{\n  \"log\": {\n    \"entries\": [\n      {\"request\": {\"url\": \"https://a/\"}},\n      {\"request\": {\"url\": \"https://b/"
	_, _, err := readHARAll(strings.NewReader(in), "trace.har")
	want := `inspect: read HAR "trace.har": entry 1 at byte 109 (line 5): request.url: unexpected end of input; the file looks truncated, export it again from the browser's network panel`
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}

func TestReadHARReadError(t *testing.T) {
	in := harDoc(`{"request": {"url": "https://a/"}}`, `{"request": {"url": "https://b/"}}`)
	r := io.MultiReader(strings.NewReader(in[:len(in)-30]), iotest.ErrReader(iotest.ErrTimeout))
	reqs, _, err := readHARAll(r, "net.har")
	if !errors.Is(err, iotest.ErrTimeout) || errors.Is(err, errHARTruncated) {
		t.Fatalf("error %v, want one wrapping the read error", err)
	}
	if !strings.Contains(err.Error(), "read error: timeout") {
		t.Errorf("message %q does not say it was a read error", err)
	}
	if len(reqs) != 1 {
		t.Errorf("%d requests delivered before the error, want 1", len(reqs))
	}
}

func TestReadHARCallbackError(t *testing.T) {
	stop := errors.New("stop here")
	n := 0
	st, err := readHAR(strings.NewReader(harDoc(`{"request": {}}`, `{"request": {}}`, `{"request": {}}`)), "cb.har", func(*Request) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Errorf("error %v, want the callback's error unchanged", err)
	}
	if n != 2 || st.Entries != 2 {
		t.Errorf("%d calls, stats.Entries %d; want 2 and 2", n, st.Entries)
	}
}

// harHugeReader produces a HAR whose single line holds a string of n bytes,
// without ever holding it in memory.
type harHugeReader struct {
	head, tail string
	n          int64  // bytes of filler left
	fill       []byte // a block of filler bytes
	stage      int
}

func (h *harHugeReader) Read(p []byte) (int, error) {
	switch {
	case h.stage == 0 && len(h.head) > 0:
		n := copy(p, h.head)
		h.head = h.head[n:]
		return n, nil
	case h.n > 0:
		n := copy(p, h.fill[:min(int64(len(h.fill)), h.n)])
		h.n -= int64(n)
		h.stage = 1
		return n, nil
	case len(h.tail) > 0:
		n := copy(p, h.tail)
		h.tail = h.tail[n:]
		return n, nil
	}
	return 0, io.EOF
}

// TestReadHARHugeLine reads a HAR whose one line is 2 GiB long (a 1 GiB URL
// and a 1 GiB response body, with a 1 GiB skipped value between them) and
// checks that memory did not grow with it.
func TestReadHARHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 2 GiB")
	}
	const size = 1 << 30
	filler := func(c string) []byte { return bytes.Repeat([]byte(c), 64<<10) }
	in := io.MultiReader(
		&harHugeReader{head: `{"log": {"entries": [{"request": {"method": "GET", "url": "https://a/`, n: size, fill: filler("u"),
			tail: `"}, "_initiator": "`},
		&harHugeReader{n: size / 2, fill: filler("i"), tail: `", "response": {"status": 200, "content": {"text": "`},
		&harHugeReader{n: size / 2, fill: filler("x"), tail: `"}}}]}}`})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var req *Request
	st, err := readHAR(in, "huge.har", func(r *Request) error {
		req = r
		return nil
	})
	runtime.ReadMemStats(&after)
	if err != nil || st.Entries != 1 || st.Bytes < 2*size {
		t.Fatalf("ReadHAR: %v, stats %+v", err, st)
	}
	if len(req.URL) != harMaxURL || req.Response == nil || len(req.Response.Body) != harMaxResponseText {
		t.Errorf("kept a URL of %d bytes and %+v", len(req.URL), req.Response)
	}
	wantNotes(t, req, "request.url is longer than 1 MiB", "response.content.text is longer than 64 KiB")
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("allocated %d MiB reading a 2 GiB line", alloc>>20)
	}
}

// harMember is one member of a JSON object, as encoding/json reads it.
type harMember struct {
	key string
	val json.RawMessage
}

// harMembers splits a JSON object into its members, in order, duplicates
// kept; ok is false when raw is not an object.
func harMembers(raw json.RawMessage) (ms []harMember, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		ms = append(ms, harMember{tok.(string), v})
	}
	return ms, true
}

// harLast returns the value of the last member named key, as encoding/json
// decoding into a map or struct would keep it.
func harLast(ms []harMember, key string) (json.RawMessage, int) {
	var v json.RawMessage
	n := 0
	for _, m := range ms {
		if m.key == key {
			v, n = m.val, n+1
		}
	}
	return v, n
}

func harIsNull(v json.RawMessage) bool { return v == nil || string(v) == "null" }

// harOracleString decodes a string-or-null member; ok is false for another type.
func harOracleString(ms []harMember, key string) (s string, set, ok bool) {
	ok = harEach(ms, key, func(v json.RawMessage) bool {
		s, set = "", false
		if harIsNull(v) {
			return true
		}
		if err := json.Unmarshal(v, &s); err != nil || v[0] != '"' {
			return false
		}
		set = true
		return true
	})
	return s, set, ok
}

// harOraclePairs decodes an array-or-null of {name, value} objects.
func harOraclePairs(ms []harMember, key string) (pairs []Header, ok bool) {
	ok = harEach(ms, key, func(v json.RawMessage) bool {
		pairs = nil
		if harIsNull(v) {
			return true
		}
		var elems []json.RawMessage
		if v[0] != '[' || json.Unmarshal(v, &elems) != nil {
			return false
		}
		for _, e := range elems {
			em, ok := harMembers(e)
			if !ok {
				return false
			}
			name, _, ok1 := harOracleString(em, "name")
			value, _, ok2 := harOracleString(em, "value")
			if !ok1 || !ok2 {
				return false
			}
			pairs = append(pairs, Header{name, value})
		}
		return true
	})
	return pairs, ok
}

// harOracleEntry is what encoding/json sees in an entry that has the types
// readHAR requires.
type harOracleEntry struct {
	method, url string
	headers     []Header
	hasText     bool
	text        string
	hasResponse bool
	status      int
	statusText  string
	respType    string
	respText    string
	respBase64  bool
}

// harOracle reads a HAR with encoding/json. applicable is false when the
// input is not valid JSON or has no single log object with a single entries
// array; then n is meaningless. conforms says every entry has the types
// readHAR requires (see its doc comment), and then entries describes them.
func harOracle(data []byte) (n int, entries []harOracleEntry, applicable, conforms bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !json.Valid(data) {
		return 0, nil, false, false
	}
	top, ok := harMembers(data)
	if !ok {
		return 0, nil, false, false
	}
	logv, nlog := harLast(top, "log")
	if nlog != 1 {
		return 0, nil, false, false
	}
	logm, ok := harMembers(logv)
	if !ok {
		return 0, nil, false, false
	}
	ev, nent := harLast(logm, "entries")
	if nent != 1 || ev[0] != '[' {
		return 0, nil, false, false
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(ev, &raws); err != nil {
		return 0, nil, false, false
	}
	for _, raw := range raws {
		e, ok := harOracleConform(raw)
		if !ok {
			return len(raws), nil, true, false
		}
		entries = append(entries, e)
	}
	return len(raws), entries, true, true
}

func harOracleConform(raw json.RawMessage) (e harOracleEntry, ok bool) {
	em, ok := harMembers(raw)
	if !ok {
		return e, false
	}
	if _, _, ok := harOracleString(em, "startedDateTime"); !ok {
		return e, false
	}
	if reqv, _ := harLast(em, "request"); harIsNull(reqv) {
		return e, false
	}
	ok = harEach(em, "request", func(v json.RawMessage) bool {
		if harIsNull(v) {
			return false // an entry must have a request object
		}
		rm, ok := harMembers(v)
		if !ok {
			return false
		}
		var ok1, ok2, ok3 bool
		e.method, _, ok1 = harOracleString(rm, "method")
		e.url, _, ok2 = harOracleString(rm, "url")
		e.headers, ok3 = harOraclePairs(rm, "headers")
		if !ok1 || !ok2 || !ok3 {
			return false
		}
		e.text, e.hasText = "", false
		return harEach(rm, "postData", func(pv json.RawMessage) bool {
			e.text, e.hasText = "", false
			if harIsNull(pv) {
				return true
			}
			pm, ok := harMembers(pv)
			if !ok {
				return false
			}
			e.text, e.hasText, ok1 = harOracleString(pm, "text")
			_, _, ok2 = harOracleString(pm, "mimeType")
			_, ok3 = harOraclePairs(pm, "params")
			return ok1 && ok2 && ok3
		})
	})
	if !ok {
		return e, false
	}
	ok = harEach(em, "response", func(rv json.RawMessage) bool {
		e.hasResponse, e.status, e.statusText = false, 0, ""
		e.respType, e.respText, e.respBase64 = "", "", false
		if harIsNull(rv) {
			return true
		}
		e.hasResponse = true
		pm, ok := harMembers(rv)
		if !ok {
			return false
		}
		ok = harEach(pm, "status", func(sv json.RawMessage) bool {
			e.status = 0
			if harIsNull(sv) {
				return true
			}
			f, err := strconv.ParseFloat(string(sv), 64)
			if c := sv[0]; c != '-' && (c < '0' || c > '9') || len(sv) > harMaxNumber || err != nil || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
				return false
			}
			e.status = int(f)
			return true
		})
		if !ok {
			return false
		}
		if e.statusText, _, ok = harOracleString(pm, "statusText"); !ok {
			return false
		}
		return harEach(pm, "content", func(cv json.RawMessage) bool {
			e.respType, e.respText, e.respBase64 = "", "", false
			if harIsNull(cv) {
				return true
			}
			cm, ok := harMembers(cv)
			if !ok {
				return false
			}
			var enc string
			var ok1, ok2, ok3 bool
			e.respType, _, ok1 = harOracleString(cm, "mimeType")
			e.respText, _, ok2 = harOracleString(cm, "text")
			enc, _, ok3 = harOracleString(cm, "encoding")
			e.respBase64 = strings.EqualFold(enc, "base64")
			return ok1 && ok2 && ok3
		})
	})
	return e, ok
}

// harEach calls fn on every member named key in order and reports whether
// all returned true. readHAR, like encoding/json decoding into a struct, lets
// the last duplicate key win for the value but reports a wrong type in any of
// them, so the oracle checks every occurrence and keeps the last one's result.
func harEach(ms []harMember, key string, fn func(json.RawMessage) bool) bool {
	for _, m := range ms {
		if m.key == key && !fn(m.val) {
			return false
		}
	}
	return true
}

// FuzzReadHAR checks that readHAR never panics, that its errors carry a
// position inside the input, and that on valid JSON it agrees with
// encoding/json: the same number of entries, no error when the entries have
// the required types, and the same values for the fields it decodes.
func FuzzReadHAR(f *testing.F) {
	// The testdata files are not seeds: at 5 to 20 KB they make minimizing
	// slow, and the small documents below reach the same code.
	for _, s := range []string{
		"{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\": {\"name\": \"WebInspector\", \"version\": \"537.36\"},\n    \"pages\": [{\"id\": \"page_1\", \"pageTimings\": {\"onLoad\": 1604.92}}],\n" +
			"    \"entries\": [\n      {\n        \"_initiator\": {\"type\": \"script\", \"stack\": {\"callFrames\": []}},\n        \"cache\": {},\n" +
			"        \"request\": {\"method\": \"POST\", \"url\": \"https://api.bitbucket.org/1.0/issues?x=1#f\", \"headers\": [{\"name\": \":authority\", \"value\": \"api.bitbucket.org\"}, {\"name\": \"content-type\", \"value\": \"application/x-www-form-urlencoded\"}],\n" +
			"          \"postData\": {\"mimeType\": \"application/x-www-form-urlencoded\", \"text\": \"a=1&oauth_nonce=2\", \"params\": [{\"name\": \"a\", \"value\": \"1\"}]}},\n" +
			"        \"response\": {\"status\": 401, \"statusText\": \"\", \"headers\": [], \"content\": {\"size\": 31, \"mimeType\": \"text/plain\", \"text\": \"Could not verify OAuth request.\"}, \"_error\": null},\n" +
			"        \"startedDateTime\": \"2024-05-01T10:20:32.718Z\",\n        \"timings\": {\"blocked\": 1.02, \"dns\": -1}\n      }\n    ]\n  }\n}\n",
		harDoc(),
		harDoc(`{"request": {"method": "GET", "url": "https://a/?oauth_token=x", "headers": [{"name": "Authorization", "value": "OAuth oauth_signature=\"a%2Bb\""}]}, "response": {"status": 401, "content": {"text": "Could not verify OAuth request"}}}`),
		harDoc(`{"request": {"postData": {"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "a b", "value": "c&d"}]}}, "response": {"content": {"text": "QQ==", "encoding": "base64"}}}`),
		"\ufeff" + harDoc(`{"request": {"url": "\ud83d\ude00\u00e9\ud800"}, "x": [[{"y": -1.5e+3}], true, false, null]}`),
		`{"log": {"entries": [{"request": {"url": 1}}]}}`,
		`{"log": {"entries": [{"request": {}}], "entries": []}}`,
		`{"log": {"entries": [{"request": {"url": "`,
		`[]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(harCheckAgainstJSON)
}

// TestReadHARAgreesWithEncodingJSON runs the fuzz target's checks on the
// testdata files.
func TestReadHARAgreesWithEncodingJSON(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "har", "*.har"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, applicable, conforms := harOracle(data); !applicable || !conforms {
			t.Fatalf("%s: encoding/json does not read it as a HAR with the required types", p)
		}
		t.Run(filepath.Base(p), func(t *testing.T) { harCheckAgainstJSON(t, data) })
	}
}

// harCheckAgainstJSON reads data with readHAR and checks it against
// encoding/json's reading (harOracle).
func harCheckAgainstJSON(t *testing.T, data []byte) {
	calls := 0
	var reqs []*Request
	st, err := readHAR(bytes.NewReader(data), "fuzz.har", func(r *Request) error {
		if r.Format != FormatHAR || r.Origin.Entry != calls || r.Origin.Name != "fuzz.har" || r.Origin.Line < 1 {
			t.Errorf("entry %d: Format %q Origin %+v", calls, r.Format, r.Origin)
		}
		calls++
		reqs = append(reqs, r)
		return nil
	})
	if calls != st.Entries || st.Bytes < 0 || st.Bytes > int64(len(data)) {
		t.Fatalf("%d calls, stats %+v for %d bytes", calls, st, len(data))
	}
	if err != nil {
		var he *harError
		if !errors.As(err, &he) || he.Offset != st.Bytes || he.Line < 1 || he.Name != "fuzz.har" || he.Entry < -1 {
			t.Fatalf("error %v (%T) has no valid position", err, err)
		}
	}
	n, want, applicable, conforms := harOracle(data)
	if !applicable {
		return
	}
	if err == nil && st.Entries != n {
		t.Fatalf("ReadHAR read %d entries, encoding/json sees %d", st.Entries, n)
	}
	if !conforms {
		return
	}
	if err != nil {
		t.Fatalf("ReadHAR failed on a HAR encoding/json reads with the required types: %v", err)
	}
	if !utf8.Valid(data) {
		return // encoding/json replaces invalid UTF-8, readHAR keeps it
	}
	for i, w := range want {
		r := reqs[i]
		if r.Method != w.method || r.URL != w.url || fmt.Sprint(r.Headers) != fmt.Sprint(w.headers) {
			t.Errorf("entry %d: method %q url %q headers %q; encoding/json: %q %q %q", i, r.Method, r.URL, r.Headers, w.method, w.url, w.headers)
		}
		if w.hasText && string(r.Body) != w.text {
			t.Errorf("entry %d: body %q; encoding/json: %q", i, r.Body, w.text)
		}
		if (r.Response != nil) != w.hasResponse {
			t.Fatalf("entry %d: response %v; encoding/json has one: %t", i, r.Response, w.hasResponse)
		}
		if w.hasResponse {
			got := *r.Response
			if got.Status != w.status || got.StatusText != w.statusText || got.ContentType != w.respType || !w.respBase64 && got.Body != w.respText {
				t.Errorf("entry %d: response %+v; encoding/json: %+v", i, got, w)
			}
		}
	}
}
