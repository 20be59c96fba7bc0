package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dghubble/oauth1"
)

// syncBuffer is a bytes.Buffer safe for a server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is "oauthdbg serve" running in the test on a loopback port.
type testServer struct {
	base           string
	stdout, stderr *syncBuffer
}

// startServe runs serve with args on 127.0.0.1:0 until the test ends.
func startServe(t *testing.T, args ...string) *testServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	ready := make(chan string, 1)
	c, _, _ := testCLI("", nil)
	c.now = time.Now
	c.stdout, c.stderr = ts.stdout, ts.stderr
	c.ctx = ctx
	c.serveReady = func(base string) { ready <- base }
	done := make(chan int, 1)
	go func() { done <- c.main(append([]string{"serve", "--listen", "127.0.0.1:0"}, args...)) }()
	select {
	case ts.base = <-ready:
	case code := <-done:
		cancel()
		t.Fatalf("serve exited with %d before listening: %s", code, ts.stderr)
	case <-time.After(20 * time.Second):
		cancel()
		t.Fatal("serve did not start listening within 20s")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited with %d: %s", code, ts.stderr)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop within 10s of its context ending")
		}
	})
	return ts
}

// demoConsumer returns the key and secret serve printed for its demo consumer.
func (ts *testServer) demoConsumer(t *testing.T) (key, secret string) {
	t.Helper()
	out := ts.stdout.String()
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, "key:"); ok {
			key = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "secret:"); ok {
			secret = strings.TrimSpace(v)
		}
	}
	if key == "" || secret == "" {
		t.Fatalf("no demo consumer in serve's output:\n%s", out)
	}
	return key, secret
}

// noRedirect is an HTTP client that returns redirects instead of following them.
var noRedirect = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// approve plays the user on the authenticate page: it grants access to the
// request token and returns the callback URL the provider redirects to.
func approve(t *testing.T, base, requestToken string) *url.URL {
	t.Helper()
	page, err := noRedirect.Get(base + "/api/1.0/oauth/authenticate?oauth_token=" + url.QueryEscape(requestToken))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if page.StatusCode != 200 || !bytes.Contains(body, []byte(`value="approve"`)) {
		t.Fatalf("authenticate page: %d %s", page.StatusCode, body)
	}
	if csp := page.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("authenticate page CSP %q", csp)
	}
	resp, err := noRedirect.PostForm(base+"/api/1.0/oauth/authenticate", url.Values{"oauth_token": {requestToken}, "decision": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("approve: status %d, want a redirect", resp.StatusCode)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestServeFlowGoClient runs the three-legged flow and a call against serve
// with dghubble/oauth1, a Go client library.
func TestServeFlowGoClient(t *testing.T) {
	ts := startServe(t)
	key, secret := ts.demoConsumer(t)
	cfg := &oauth1.Config{
		ConsumerKey:    key,
		ConsumerSecret: secret,
		CallbackURL:    "http://127.0.0.1:9/callback?state=xyz",
		Endpoint: oauth1.Endpoint{
			RequestTokenURL: ts.base + "/api/1.0/oauth/request_token",
			AuthorizeURL:    ts.base + "/api/1.0/oauth/authenticate",
			AccessTokenURL:  ts.base + "/api/1.0/oauth/access_token",
		},
	}
	reqToken, reqSecret, err := cfg.RequestToken()
	if err != nil {
		t.Fatalf("request token: %v\nserver log:\n%s", err, ts.stderr)
	}
	cb := approve(t, ts.base, reqToken)
	if cb.Query().Get("state") != "xyz" || cb.Query().Get("oauth_token") != reqToken {
		t.Fatalf("callback %s lost its query or the token", cb)
	}
	verifier := cb.Query().Get("oauth_verifier")
	accessToken, accessSecret, err := cfg.AccessToken(reqToken, reqSecret, verifier)
	if err != nil {
		t.Fatalf("access token: %v\nserver log:\n%s", err, ts.stderr)
	}
	client := cfg.Client(context.Background(), oauth1.NewToken(accessToken, accessSecret))
	resp, err := client.Get(ts.base + "/api/1.0/user")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"demo-user"`)) {
		t.Fatalf("GET user: %d %s\nserver log:\n%s", resp.StatusCode, body, ts.stderr)
	}
	// The verifier works once.
	if _, _, err := cfg.AccessToken(reqToken, reqSecret, verifier); err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("a reused verifier: err %v, want a 401", err)
	}
	log := ts.stderr.String()
	for _, want := range []string{"POST /api/1.0/oauth/request_token 200 ok", "GET /api/1.0/user 200 ok", "401 token_used"} {
		if !strings.Contains(log, want) {
			t.Errorf("server log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, secret) || strings.Contains(log, accessSecret) {
		t.Errorf("server log holds a secret:\n%s", log)
	}
}

// systemPython returns Debian's python3 with requests-oauthlib, or skips.
func systemPython(t *testing.T) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import requests_oauthlib").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s has no requests_oauthlib in CI (.ci/run installs python3-requests-oauthlib): %v", py, err)
		}
		t.Skipf("%s has no requests_oauthlib (apt-get install python3-requests-oauthlib): %v", py, err)
	}
	return py
}

// pythonFlow does the three-legged flow with requests-oauthlib, approving
// on the authenticate page with requests, then a two-legged call.
const pythonFlow = `
import json, sys
from urllib.parse import urlparse
import requests
from requests_oauthlib import OAuth1, OAuth1Session

base, key, secret, method = sys.argv[1:5]
out = {}
s = OAuth1Session(key, client_secret=secret, callback_uri="http://127.0.0.1:9/cb", signature_method=method,
                  signature_type=sys.argv[5])
tokens = s.fetch_request_token(base + "/api/1.0/oauth/request_token")
r = requests.post(base + "/api/1.0/oauth/authenticate", data={"oauth_token": tokens["oauth_token"], "decision": "approve"},
                  allow_redirects=False, timeout=10)
s.parse_authorization_response(r.headers["Location"])
access = s.fetch_access_token(base + "/api/1.0/oauth/access_token")
r = s.get(base + "/api/1.0/echo", params={"q": "hello world", "tag": ["a", "b"]})
out["echo_status"] = r.status_code
out["echo"] = r.json()
r = s.post(base + "/api/1.0/echo", data={"status": "Hello Ladies + Gentlemen, a signed OAuth request!"})
out["post_status"] = r.status_code
two = OAuth1(key, client_secret=secret, signature_method=method, signature_type=sys.argv[5])
r = requests.get(base + "/api/1.0/user", auth=two, timeout=10)
out["two_legged_status"] = r.status_code
print(json.dumps(out))
`

// TestServeFlowPythonClient runs the flow with requests-oauthlib (Debian's
// python3) for HMAC-SHA1, HMAC-SHA256 and PLAINTEXT, in the header and in
// the query.
func TestServeFlowPythonClient(t *testing.T) {
	py := systemPython(t)
	ts := startServe(t)
	key, secret := ts.demoConsumer(t)
	for _, method := range []string{"HMAC-SHA1", "HMAC-SHA256", "PLAINTEXT"} {
		for _, transport := range []string{"AUTH_HEADER", "QUERY"} {
			t.Run(method+"/"+transport, func(t *testing.T) {
				cmd := exec.Command(py, "-c", pythonFlow, ts.base, key, secret, method, transport)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("python flow: %v\n%s\nserver log:\n%s", err, stderr.String(), ts.stderr)
				}
				var got struct {
					EchoStatus, PostStatus, TwoLeggedStatus int `json:"-"`
				}
				var raw map[string]any
				if err := json.Unmarshal(out, &raw); err != nil {
					t.Fatalf("python output %q: %v", out, err)
				}
				got.EchoStatus = int(raw["echo_status"].(float64))
				got.PostStatus = int(raw["post_status"].(float64))
				got.TwoLeggedStatus = int(raw["two_legged_status"].(float64))
				if got.EchoStatus != 200 || got.PostStatus != 200 || got.TwoLeggedStatus != 200 {
					t.Fatalf("statuses %+v, want all 200\nserver log:\n%s", got, ts.stderr)
				}
			})
		}
	}
}

// problemOf sends a request and returns its status and parsed form body.
func problemOf(t *testing.T, req *http.Request) (int, url.Values) {
	t.Helper()
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	form, _ := url.ParseQuery(strings.SplitN(string(body), "\n", 2)[0])
	return resp.StatusCode, form
}

// signJSON runs "oauthdbg sign --json" in process and returns its output.
func signJSON(t *testing.T, args ...string) signed {
	t.Helper()
	c, stdout, stderr := testCLI("", nil)
	c.now, c.nonce = time.Now, randomNonce
	if code := c.main(append([]string{"sign", "--json"}, args...)); code != 0 {
		t.Fatalf("sign %v: exit %d: %s", args, code, stderr)
	}
	var s signed
	if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
		t.Fatalf("sign --json output: %v\n%s", err, stdout)
	}
	return s
}

// sendSigned sends what sign produced.
func sendSigned(t *testing.T, s signed) (int, url.Values) {
	t.Helper()
	req, err := http.NewRequest(s.Method, s.URL, strings.NewReader(s.Body))
	if err != nil {
		t.Fatal(err)
	}
	if s.Authorization != "" {
		req.Header.Set("Authorization", s.Authorization)
	}
	if s.ContentType != "" {
		req.Header.Set("Content-Type", s.ContentType)
	}
	return problemOf(t, req)
}

// TestServeRejections injects each failure class and checks the status,
// the oauth_problem and that the advice names the cause; for the bad
// signature, check on the same request names the same mistake.
func TestServeRejections(t *testing.T) {
	dir := t.TempDir()
	consumers := filepath.Join(dir, "consumers.json")
	if err := os.WriteFile(consumers, []byte(`{"consumer_secrets": {"ck": "cs+/é"}, "consumers": {"ck": {"two_legged": true}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := startServe(t, "--consumers", consumers)
	user := ts.base + "/api/1.0/user"
	now := strconv.FormatInt(time.Now().Unix(), 10)
	for _, tc := range []struct {
		name    string
		args    []string
		status  int
		problem string
		advice  string
	}{
		{"valid two-legged call", []string{"--consumer-key", "ck", "--consumer-secret", "cs+/é", "--nonce", "n-valid", "--timestamp", now, user}, 200, "", ""},
		{"plus-for-space", []string{"--consumer-key", "ck", "--consumer-secret", "cs+/é", "--nonce", "n-plus", "--timestamp", now, "--mistake", "plus-for-space", user + "?q=hello%20world"}, 401, "signature_invalid", "[plus-for-space]"},
		{"stale timestamp", []string{"--consumer-key", "ck", "--consumer-secret", "cs+/é", "--nonce", "n-stale", "--timestamp", "1700000000", user}, 401, "timestamp_refused", "behind"},
		{"unknown consumer", []string{"--consumer-key", "nobody", "--consumer-secret", "x", "--nonce", "n-unknown", "--timestamp", now, user}, 401, "consumer_key_unknown", `"nobody"`},
		{"wrong secret", []string{"--consumer-key", "ck", "--consumer-secret", "other", "--nonce", "n-wrong", "--timestamp", now, user}, 401, "signature_invalid", "no known mistake"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := signJSON(t, tc.args...)
			status, form := sendSigned(t, s)
			if status != tc.status || form.Get("oauth_problem") != tc.problem {
				t.Fatalf("status %d problem %q, want %d %q (%v)", status, form.Get("oauth_problem"), tc.status, tc.problem, form)
			}
			if !strings.Contains(strings.ToLower(form.Get("oauth_problem_advice")), strings.ToLower(tc.advice)) {
				t.Errorf("advice %q does not name %q", form.Get("oauth_problem_advice"), tc.advice)
			}
			if tc.problem == "signature_invalid" && form.Get("debug_sbs") == "" {
				t.Errorf("no debug_sbs in %v", form)
			}
		})
	}
	t.Run("reused nonce", func(t *testing.T) {
		s := signJSON(t, "--consumer-key", "ck", "--consumer-secret", "cs+/é", "--nonce", "n-twice", "--timestamp", now, user)
		if status, form := sendSigned(t, s); status != 200 {
			t.Fatalf("first: %d %v", status, form)
		}
		status, form := sendSigned(t, s)
		if status != 401 || form.Get("oauth_problem") != "nonce_used" {
			t.Fatalf("replay: %d %v, want 401 nonce_used", status, form)
		}
	})
	t.Run("check agrees with the server", func(t *testing.T) {
		s := signJSON(t, "--consumer-key", "ck", "--consumer-secret", "cs+/é", "--nonce", "n-check", "--timestamp", now, "--mistake", "plus-for-space", user+"?q=hello%20world")
		c, stdout, _ := testCLI("", nil)
		c.now = time.Now
		code := c.main([]string{"check", "--consumer-secret", "cs+/é", s.URL, "-H", "Authorization: " + s.Authorization})
		if code != 1 || !strings.Contains(stdout.String(), "[plus-for-space]") {
			t.Fatalf("check: exit %d, output:\n%s", code, stdout)
		}
	})
	t.Run("wrong and reused verifier", func(t *testing.T) {
		rt := signJSON(t, "-X", "POST", "--consumer-key", "ck", "--consumer-secret", "cs+/é", "--callback", "http://127.0.0.1:9/cb", ts.base+"/api/1.0/oauth/request_token")
		status, form := sendSigned(t, rt)
		if status != 200 || form.Get("oauth_callback_confirmed") != "true" {
			t.Fatalf("request_token: %d %v", status, form)
		}
		token, tokenSecret := form.Get("oauth_token"), form.Get("oauth_token_secret")
		loc := approve(t, ts.base, token)
		verifier := loc.Query().Get("oauth_verifier")
		exchange := func(v string) (int, url.Values) {
			s := signJSON(t, "-X", "POST", "--consumer-key", "ck", "--consumer-secret", "cs+/é", "--token", token, "--token-secret", tokenSecret, "--verifier", v, ts.base+"/api/1.0/oauth/access_token")
			return sendSigned(t, s)
		}
		if status, form := exchange(verifier + "0"); status != 401 || form.Get("oauth_problem") != "verifier_invalid" {
			t.Fatalf("wrong verifier: %d %v", status, form)
		}
		if status, form := exchange(verifier); status != 200 || form.Get("oauth_token") == "" {
			t.Fatalf("right verifier: %d %v", status, form)
		}
		if status, form := exchange(verifier); status != 401 || form.Get("oauth_problem") != "token_used" {
			t.Fatalf("reused verifier: %d %v", status, form)
		}
	})
	if log := ts.stderr.String(); strings.Contains(log, "cs+/é") || strings.Contains(log, "cs%2B%2F") {
		t.Errorf("server log holds the consumer secret:\n%s", log)
	}
}

// TestServeBadFlags covers serve's usage errors.
func TestServeBadFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"argument", []string{"serve", "extra"}, "serve takes no arguments"},
		{"busy port", []string{"serve", "--listen", "256.0.0.1:1"}, "--listen"},
		{"missing consumers file", []string{"serve", "--consumers", "/nonexistent/c.json"}, "--consumers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _, stderr := testCLI("", nil)
			if code := c.main(tc.args); code != 2 || !strings.Contains(stderr.String(), tc.want) {
				t.Fatalf("exit %d stderr %q, want 2 and %q", code, stderr, tc.want)
			}
		})
	}
}
