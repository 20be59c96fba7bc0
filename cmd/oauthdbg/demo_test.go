package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The demo: Bitbucket's three-legged OAuth 1.0a flow (request token,
// authorize, access token, an API call) signed by "oauthdbg sign" with the
// demo secrets of testdata/demo/secrets.json, and failing variants of it.
// These secrets are demo values, not credentials of any real account.
const (
	demoTimestamp      = 1767225600 // 2026-01-01T00:00:00Z
	demoConsumerKey    = "dEmOkEy7Xq2mVz4Lp9"
	demoConsumerSecret = "dEmOcOnSuMeRsEcReT5Wn8Rk"
	demoRequestToken   = "dEmOrEqUeStToKeN3Hb"
	demoRequestSecret  = "dEmOrEqUeStSeCrEt6Jc"
	demoVerifier       = "dEmOvErIfIeR1234"
	demoAccessToken    = "dEmOaCcEsStOkEn8Tf"
	demoAccessSecret   = "dEmOaCcEsSsEcReT2Yd"
	demoCallback       = "https://ci.example.com/oauth/bitbucket/callback?team=demo"
)

// demoSecretsJSON is testdata/demo/secrets.json.
func demoSecretsJSON() string {
	return fmt.Sprintf(`{
  "consumer_secrets": {
    %q: %q
  },
  "token_secrets": {
    %q: %q,
    %q: %q
  }
}
`, demoConsumerKey, demoConsumerSecret, demoRequestToken, demoRequestSecret, demoAccessToken, demoAccessSecret)
}

// demoStep is one signed request of the demo.
type demoStep struct {
	name string   // what it is
	args []string // the sign arguments, before the common ones
	at   int64    // seconds after demoTimestamp
}

var (
	stepRequestToken = demoStep{"request token", []string{
		"-X", "POST", "--callback", demoCallback, "https://bitbucket.org/api/1.0/oauth/request_token"}, 0}
	stepAccessToken = demoStep{"access token", []string{
		"-X", "POST", "--token", demoRequestToken, "--verifier", demoVerifier,
		"https://bitbucket.org/api/1.0/oauth/access_token"}, 20}
	stepUser = demoStep{"API call", []string{
		"--token", demoAccessToken, "https://api.bitbucket.org/1.0/user"}, 25}
	stepIssues = demoStep{"API call with a query", []string{
		"--token", demoAccessToken, "--transport", "query",
		"https://api.bitbucket.org/1.0/repositories/demo-team/widgets/issues?search=login%20fails&status=new"}, 30}
)

// demoSign signs a demo step with sign --json, in process.
func demoSign(t *testing.T, st demoStep, nonce string, extra ...string) *signed {
	t.Helper()
	args := []string{"sign", "--json", "--secrets", "testdata/demo/secrets.json",
		"--consumer-key", demoConsumerKey, "--nonce", nonce,
		"--timestamp", fmt.Sprint(demoTimestamp + st.at),
		"-H", "Date: " + time.Unix(demoTimestamp+st.at, 0).UTC().Format(http.TimeFormat)}
	args = append(args, extra...)
	args = append(args, st.args...)
	c, stdout, stderr := testCLI("", nil)
	if code := c.main(args); code != 0 {
		t.Fatalf("oauthdbg %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	var s signed
	if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
		t.Fatalf("sign --json: %v\n%s", err, stdout)
	}
	return &s
}

// rawHTTP writes a signed request as raw HTTP/1.1, as a server would log it.
// host replaces the URL's authority in the Host header when not empty;
// extra headers follow the others.
func rawHTTP(s *signed, host string, extra ...string) string {
	rest := s.URL[strings.Index(s.URL, "://")+3:]
	authority, target := rest, "/"
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		authority, target = rest[:i], rest[i:]
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
	}
	if host == "" {
		host = authority
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", s.Method, target, host)
	if s.Authorization != "" {
		fmt.Fprintf(&b, "Authorization: %s\r\n", s.Authorization)
	}
	for _, h := range s.Headers {
		fmt.Fprintf(&b, "%s\r\n", h)
	}
	for _, h := range extra {
		fmt.Fprintf(&b, "%s\r\n", h)
	}
	fmt.Fprintf(&b, "User-Agent: demo-client/1.0\r\nAccept: */*\r\n")
	if s.Body != "" || s.Method == "POST" {
		if s.ContentType != "" {
			fmt.Fprintf(&b, "Content-Type: %s\r\n", s.ContentType)
		}
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(s.Body))
	}
	b.WriteString("\r\n" + s.Body)
	return b.String()
}

// harEntry is one entry of a HAR file the demo writes.
type harEntry struct {
	at       int64
	method   string
	url      string
	headers  [][2]string
	body     string
	mime     string
	status   int
	respMime string
	respBody string
}

func harFromSigned(s *signed, at int64, status int, respMime, respBody string) harEntry {
	e := harEntry{at: at, method: s.Method, url: s.URL, body: s.Body, mime: s.ContentType,
		status: status, respMime: respMime, respBody: respBody}
	host := strings.SplitN(strings.SplitN(s.URL, "://", 2)[1], "/", 2)[0]
	e.headers = append(e.headers, [2]string{"Host", host})
	if s.Authorization != "" {
		e.headers = append(e.headers, [2]string{"Authorization", s.Authorization})
	}
	for _, h := range s.Headers {
		name, value, _ := strings.Cut(h, ": ")
		e.headers = append(e.headers, [2]string{name, value})
	}
	e.headers = append(e.headers, [2]string{"User-Agent", "demo-client/1.0"})
	if s.ContentType != "" {
		e.headers = append(e.headers, [2]string{"Content-Type", s.ContentType})
	}
	return e
}

// harFile writes a HAR 1.2 file with the entries.
func harFile(t *testing.T, entries []harEntry) string {
	type nv struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	var out []map[string]any
	for _, e := range entries {
		headers := []nv{}
		for _, h := range e.headers {
			headers = append(headers, nv{h[0], h[1]})
		}
		req := map[string]any{
			"method": e.method, "url": e.url, "httpVersion": "HTTP/1.1",
			"headers": headers, "queryString": []nv{}, "cookies": []nv{},
			"headersSize": -1, "bodySize": len(e.body),
		}
		if e.body != "" || e.method == "POST" {
			req["postData"] = map[string]any{"mimeType": e.mime, "text": e.body}
		}
		out = append(out, map[string]any{
			"startedDateTime": time.Unix(demoTimestamp+e.at, 0).UTC().Format("2006-01-02T15:04:05.000Z"),
			"time":            120,
			"request":         req,
			"response": map[string]any{
				"status": e.status, "statusText": statusText(e.status), "httpVersion": "HTTP/1.1",
				"headers": []nv{{"Content-Type", e.respMime}}, "cookies": []nv{},
				"content":     map[string]any{"size": len(e.respBody), "mimeType": e.respMime, "text": e.respBody},
				"redirectURL": "", "headersSize": -1, "bodySize": len(e.respBody),
			},
			"cache":   map[string]any{},
			"timings": map[string]any{"send": 1, "wait": 110, "receive": 9},
		})
	}
	doc := map[string]any{"log": map[string]any{
		"version": "1.2",
		"creator": map[string]any{"name": "oauthdbg demo", "version": "1"},
		"entries": out,
	}}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data) + "\n"
}

func statusText(code int) string {
	switch code {
	case 200:
		return "OK"
	case 302:
		return "Found"
	case 401:
		return "Unauthorized"
	}
	return ""
}

// demoFile is one file of testdata/demo and what check says of it.
type demoFile struct {
	name    string
	data    string
	args    []string // extra check arguments
	exit    int      // check's exit status
	mistake string   // the mistake check must name as the cause ("" when valid)
}

// demoFiles builds every file of testdata/demo from sign's output.
func demoFiles(t *testing.T) []demoFile {
	rt := demoSign(t, stepRequestToken, "n0nceRequestT0ken")
	at := demoSign(t, stepAccessToken, "n0nceAccessT0ken")
	user := demoSign(t, stepUser, "n0nceUserCa11")
	userQuery := demoSign(t, stepUser, "n0nceUserQuery", "--transport", "query")
	issuesPlus := demoSign(t, stepIssues, "n0ncePlusSpace", "--mistake", "plus-for-space")
	rtDouble := demoSign(t, stepRequestToken, "n0nceDoub1eEnc", "--mistake", "double-encoded")
	atNoSecret := demoSign(t, stepAccessToken, "n0nceNoT0kenSecret", "--mistake", "key-missing-token-secret")
	userNoSecret := demoSign(t, stepUser, "n0nceUserNoSecret", "--mistake", "key-missing-token-secret")
	userProxy := demoSign(t, stepUser, "n0nceBehindPr0xy")

	authorize := harEntry{at: 10, method: "GET",
		url:     "https://bitbucket.org/api/1.0/oauth/authenticate?oauth_token=" + demoRequestToken,
		headers: [][2]string{{"Host", "bitbucket.org"}, {"User-Agent", "Mozilla/5.0"}},
		status:  302, respMime: "text/html", respBody: ""}
	tokenBody := func(tok, sec string, extra string) string {
		return "oauth_token_secret=" + sec + "&oauth_token=" + tok + extra
	}
	flow := harFile(t, []harEntry{
		harFromSigned(rt, 0, 200, "application/x-www-form-urlencoded", tokenBody(demoRequestToken, demoRequestSecret, "&oauth_callback_confirmed=true")),
		authorize,
		harFromSigned(at, 20, 200, "application/x-www-form-urlencoded", tokenBody(demoAccessToken, demoAccessSecret, "")),
		harFromSigned(user, 25, 200, "application/json", `{"user": {"username": "demo-user", "display_name": "Demo User"}}`),
	})
	failFlow := harFile(t, []harEntry{
		harFromSigned(rt, 0, 200, "application/x-www-form-urlencoded", tokenBody(demoRequestToken, demoRequestSecret, "&oauth_callback_confirmed=true")),
		authorize,
		harFromSigned(atNoSecret, 20, 401, "text/plain", "Could not verify OAuth request."),
	})
	secrets := []string{"--secrets", "testdata/demo/secrets.json"}
	with := func(extra ...string) []string { return append(slices.Clone(secrets), extra...) }
	return []demoFile{
		{name: "secrets.json", data: demoSecretsJSON()},
		{name: "flow.har", data: flow, args: secrets},
		{name: "request-token.http", data: rawHTTP(rt, ""), args: secrets},
		{name: "access-token.curl", data: at.Curl + "\n", args: secrets},
		{name: "api-user.url", data: userQuery.SignedURL + "\n", args: secrets},
		{name: "api-user.header", data: "Authorization: " + user.Authorization + "\n",
			args: with("--url", "https://api.bitbucket.org/1.0/user")},
		{name: "fail-double-encoded-callback.http", data: rawHTTP(rtDouble, ""), args: secrets, exit: 1, mistake: "double-encoded"},
		{name: "fail-proxy-host.http", args: secrets, exit: 1, mistake: "host-mismatch",
			data: rawHTTP(userProxy, "10.0.3.7:8080", "X-Forwarded-Proto: https", "X-Forwarded-Host: api.bitbucket.org", "X-Forwarded-Port: 443")},
		{name: "fail-missing-token-secret.curl", data: userNoSecret.Curl + "\n", args: secrets, exit: 1, mistake: "key-missing-token-secret"},
		{name: "fail-plus-for-space.url", data: issuesPlus.URL + "\n", args: secrets, exit: 1, mistake: "plus-for-space"},
		{name: "fail-flow.har", data: failFlow, args: secrets, exit: 1, mistake: "key-missing-token-secret"},
	}
}

// TestDemo regenerates testdata/demo with "oauthdbg sign" and checks that
// the committed files are what it makes (-update rewrites them), then that
// "oauthdbg check" finds each valid file valid and each failing variant
// explained by the mistake it was signed with.
func TestDemo(t *testing.T) {
	root := repoRoot(t)
	t.Chdir(root)
	dir := filepath.Join("testdata", "demo")
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		// secrets.json first: sign reads it.
		if err := os.WriteFile(filepath.Join(dir, "secrets.json"), []byte(demoSecretsJSON()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := demoFiles(t)
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if *update {
			if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil || string(got) != f.data {
			t.Errorf("%s is stale: run go test ./cmd/oauthdbg -update", p)
		}
	}
	for _, f := range files {
		if f.name == "secrets.json" {
			continue
		}
		t.Run(f.name, func(t *testing.T) {
			args := append([]string{"check", "--json"}, f.args...)
			args = append(args, filepath.Join(dir, f.name))
			c, stdout, stderr := testCLI("", nil)
			code := c.main(args)
			if code != f.exit {
				t.Fatalf("oauthdbg %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, f.exit, stdout, stderr)
			}
			var causes []string
			for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
				var rep struct {
					Valid bool `json:"valid"`
					Cause *struct {
						IDs []string `json:"ids"`
					} `json:"cause"`
				}
				if err := json.Unmarshal([]byte(line), &rep); err != nil {
					t.Fatalf("line %q: %v", line, err)
				}
				if !rep.Valid && rep.Cause != nil {
					causes = append(causes, rep.Cause.IDs...)
				}
			}
			if f.mistake != "" && !slices.Contains(causes, f.mistake) {
				t.Errorf("causes %q, want %q among them\n%s", causes, f.mistake, stdout)
			}
		})
	}
}
