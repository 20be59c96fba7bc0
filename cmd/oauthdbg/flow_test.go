package main

import (
	"bufio"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// flowResult is one run of flow in the test.
type flowResult struct {
	code           int
	stdout, stderr string
}

// runFlow runs flow with args; the test plays the user: it opens the
// authorize URL, grants access and follows the redirect to flow's
// callback listener. skew shifts flow's clock.
func runFlow(t *testing.T, skew time.Duration, args ...string) flowResult {
	t.Helper()
	var stdout, stderr syncBuffer
	c, _, _ := testCLI("", nil)
	c.now = func() time.Time { return time.Now().Add(skew) }
	c.nonce = randomNonce
	c.stdout, c.stderr = &stdout, &stderr
	c.flowAuthorize = func(authorizeURL string) {
		u, _ := url.Parse(authorizeURL)
		base := u.Scheme + "://" + u.Host
		loc := approve(t, base, u.Query().Get("oauth_token"))
		resp, err := http.Get(loc.String())
		if err != nil {
			t.Errorf("deliver the callback: %v", err)
			return
		}
		resp.Body.Close()
	}
	code := c.main(append([]string{"flow"}, args...))
	return flowResult{code, stdout.String(), stderr.String()}
}

// writeFile writes a file in dir and returns its path.
func writeFile(t *testing.T, dir, name, data string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	return p
}

// flowConsumers starts serve with consumer ck (secret "cs&=é") and an RSA
// consumer rk, and returns it with the path of rk's private key.
func flowConsumers(t *testing.T, extra string) (*testServer, string) {
	t.Helper()
	dir := t.TempDir()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	priv := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	pubDER, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	pub := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})
	pubJSON, _ := json.Marshal(string(pub))
	consumers := fmt.Sprintf(`{"consumer_secrets": {"ck": "cs&=é"}, "rsa_public_keys": {"rk": %s}, "consumers": {"ck": {"two_legged": true}%s}}`, pubJSON, extra)
	path := writeFile(t, dir, "consumers.json", consumers, 0o600)
	keyPath := writeFile(t, dir, "rk.pem", string(priv), 0o600)
	return startServe(t, "--consumers", path), keyPath
}

// TestFlowAgainstServe runs the whole flow against serve for each
// signature method and transport, then checks the recorded HAR.
func TestFlowAgainstServe(t *testing.T) {
	ts, keyPath := flowConsumers(t, "")
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"HMAC-SHA1 header", []string{"--consumer-key", "ck", "--consumer-secret", "cs&=é"}},
		{"HMAC-SHA256 query", []string{"--consumer-key", "ck", "--consumer-secret", "cs&=é", "--signature-method", "HMAC-SHA256", "--transport", "query"}},
		{"PLAINTEXT header", []string{"--consumer-key", "ck", "--consumer-secret", "cs&=é", "--signature-method", "PLAINTEXT"}},
		{"RSA-SHA1 header", []string{"--consumer-key", "rk", "--signature-method", "RSA-SHA1", "--private-key", keyPath}},
		{"RSA-SHA1 query", []string{"--consumer-key", "rk", "--signature-method", "RSA-SHA1", "--private-key", keyPath, "--transport", "query"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--provider", "serve", "--base-url", ts.base, "--call", ts.base + "/api/1.0/user", "--timeout", "20s"}, tc.args...)
			res := runFlow(t, 0, args...)
			if res.code != 0 || !strings.Contains(res.stdout, "✓ flow complete") || !strings.Contains(res.stdout, `"demo-user"`) {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s\nserver log:\n%s", res.code, res.stdout, res.stderr, ts.stderr)
			}
			for _, leak := range []string{"cs&=é", "cs%26%3D%C3%A9"} {
				if strings.Contains(res.stdout+res.stderr, leak) {
					t.Errorf("output holds the consumer secret as %q:\n%s", leak, res.stdout)
				}
			}
			if !strings.Contains(res.stdout, "oauth_token_secret=[redacted") {
				t.Errorf("token secrets are not redacted:\n%s", res.stdout)
			}
		})
	}

	t.Run("save, resume, record and check", func(t *testing.T) {
		dir := t.TempDir()
		saved, har := filepath.Join(dir, "tokens.json"), filepath.Join(dir, "flow.har")
		res := runFlow(t, 0, "--provider", "serve", "--base-url", ts.base, "--consumer-key", "ck", "--consumer-secret", "cs&=é",
			"--save", saved, "--record", har, "--call", ts.base+"/api/1.0/echo?q=a%20b", "--timeout", "20s", "--json", "--show-secrets")
		if res.code != 0 {
			t.Fatalf("flow: exit %d\n%s\n%s", res.code, res.stdout, res.stderr)
		}
		if fi, err := os.Stat(saved); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("saved file: %v mode %v, want 0600", err, fi)
		}
		// The request token's secret, from the JSON steps, for check.
		var reqSecret string
		sc := bufio.NewScanner(strings.NewReader(res.stdout))
		steps := 0
		for sc.Scan() {
			var st flowStep
			if err := json.Unmarshal(sc.Bytes(), &st); err != nil {
				t.Fatalf("a --json line is not JSON: %q", sc.Text())
			}
			steps++
			if st.Step == "request_token" {
				reqSecret = st.Answer["oauth_token_secret"]
			}
		}
		if steps != 4 || reqSecret == "" {
			t.Fatalf("%d JSON steps, request token secret %q:\n%s", steps, reqSecret, res.stdout)
		}
		c, stdout, stderr := testCLI("", nil)
		c.now = time.Now
		if code := c.main([]string{"check", "--secrets", saved, "--token-secret", reqSecret, har}); code != 0 {
			t.Fatalf("check of the recorded HAR: exit %d\n%s\n%s", code, stdout, stderr)
		}
		if n := strings.Count(stdout.String(), "valid"); n < 3 {
			t.Errorf("check found %d valid entries, want 3:\n%s", n, stdout)
		}
		res = runFlow(t, 0, "--provider", "serve", "--base-url", ts.base, "--consumer-key", "ck", "--resume", saved, "--call", ts.base+"/api/1.0/user")
		if res.code != 0 || !strings.Contains(res.stdout, `"demo-user"`) {
			t.Fatalf("resume: exit %d\n%s\n%s", res.code, res.stdout, res.stderr)
		}
		// Without --show-secrets the recording holds no token secret.
		har2 := filepath.Join(dir, "redacted.har")
		if res := runFlow(t, 0, "--provider", "serve", "--base-url", ts.base, "--consumer-key", "ck", "--consumer-secret", "cs&=é", "--record", har2, "--timeout", "20s"); res.code != 0 {
			t.Fatalf("flow: %d %s", res.code, res.stdout)
		}
		data, _ := os.ReadFile(har2)
		if !strings.Contains(string(data), "oauth_token_secret=%5Bredacted") {
			t.Errorf("the recorded answers keep their token secrets:\n%s", data)
		}
		if err := os.Chmod(saved, 0o644); err != nil {
			t.Fatal(err)
		}
		if res := runFlow(t, 0, "--provider", "serve", "--base-url", ts.base, "--consumer-key", "ck", "--resume", saved, "--call", ts.base+"/api/1.0/user"); res.code != 2 || !strings.Contains(res.stderr, "may be read by others") {
			t.Errorf("a world-readable token file: exit %d %s", res.code, res.stderr)
		}
	})
}

// TestFlowFailures injects failures on the server and the client side and
// checks that flow exits 1 and names the cause.
func TestFlowFailures(t *testing.T) {
	ts, _ := flowConsumers(t, `, "strict": {"callbacks": ["https://app.example/cb"]}`)
	// "strict" has no secret of its own; give it one through a second serve.
	strictDir := t.TempDir()
	strict := startServe(t, "--consumers", writeFile(t, strictDir, "c.json", `{"consumer_secrets": {"strict": "s"}, "consumers": {"strict": {"callbacks": ["https://app.example/cb"]}}}`, 0o600))
	common := []string{"--provider", "serve", "--base-url", ts.base, "--timeout", "20s"}
	for _, tc := range []struct {
		name string
		skew time.Duration
		args []string
		want []string
	}{
		{"clock skew", -time.Hour, append(common, "--consumer-key", "ck", "--consumer-secret", "cs&=é"), []string{"timestamp_refused", "clock skew", "ahead of"}},
		{"unknown consumer", 0, append(common, "--consumer-key", "nobody", "--consumer-secret", "x"), []string{"consumer_key_unknown", "does not know the consumer key"}},
		{"refused callback", 0, []string{"--provider", "serve", "--base-url", strict.base, "--consumer-key", "strict", "--consumer-secret", "s"}, []string{"refused the callback"}},
		{"wrong consumer secret", 0, append(common, "--consumer-key", "ck", "--consumer-secret", "wrong-secret"), []string{"signature_invalid", "valid: the request flow sent is correctly signed", "holds other secrets"}},
		{"client mistake on request_token", 0, append(common, "--consumer-key", "ck", "--consumer-secret", "cs&=é", "--mistake", "double-encoded@request_token"), []string{"signature_invalid", "double-encoded", "mistake double-encoded"}},
		{"client mistake on access_token", 0, append(common, "--consumer-key", "ck", "--consumer-secret", "cs&=é", "--mistake", "key-missing-token-secret@access_token"), []string{"access_token failed", "key-missing-token-secret"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := runFlow(t, tc.skew, tc.args...)
			if res.code != 1 {
				t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, res.stdout)
				}
			}
		})
	}

	t.Run("reused verifier", func(t *testing.T) {
		res := runFlow(t, 0, append(common, "--consumer-key", "ck", "--consumer-secret", "cs&=é", "--json", "--show-secrets")...)
		if res.code != 0 {
			t.Fatalf("flow: %d\n%s\n%s", res.code, res.stdout, res.stderr)
		}
		var token, secret, verifier string
		for _, line := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
			var st flowStep
			_ = json.Unmarshal([]byte(line), &st)
			switch st.Step {
			case "request_token":
				token, secret = st.Answer["oauth_token"], st.Answer["oauth_token_secret"]
			case "authorize":
				verifier = st.Answer["oauth_verifier"]
			}
		}
		again := runFlow(t, 0, append(common, "--consumer-key", "ck", "--consumer-secret", "cs&=é", "--request-token", token, "--token-secret", secret, "--verifier", verifier)...)
		if again.code != 1 || !strings.Contains(again.stdout, "token_used") || !strings.Contains(again.stdout, "a verifier works once") {
			t.Fatalf("reused verifier: exit %d\n%s\n%s", again.code, again.stdout, again.stderr)
		}
	})
}

// TestFlowBadProviders checks that network and answer errors end with
// status 2 and a message, never a hang.
func TestFlowBadProviders(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	handler := func(f http.HandlerFunc) string {
		srv := httptest.NewServer(f)
		t.Cleanup(srv.Close)
		return srv.URL
	}
	html := handler(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!doctype html><title>Log in</title>")
	})
	jsonURL := handler(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"token": "x"}`)
	})
	loopURL := handler(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path, http.StatusTemporaryRedirect)
	})
	slow := handler(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	tlsSrv := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	for _, tc := range []struct {
		name, url string
		extra     []string
		want      string
	}{
		{"unreachable", closed, nil, "nothing answers"},
		{"html answer", html, nil, "answered HTML"},
		{"json answer", jsonURL, nil, "answered JSON"},
		{"redirect loop", loopURL, nil, "redirect"},
		{"time-out", slow, []string{"--http-timeout", "300ms"}, "did not answer in time"},
		{"tls", tlsSrv.URL, nil, "certificate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--request-token-url", tc.url + "/rt", "--authorize-url", tc.url + "/a", "--access-token-url", tc.url + "/at",
				"--consumer-key", "ck", "--consumer-secret", "cs", "--timeout", "5s"}, tc.extra...)
			res := runFlow(t, 0, args...)
			if res.code != 2 || !strings.Contains(res.stderr, tc.want) {
				t.Fatalf("exit %d, want 2 with %q\nstderr:\n%s", res.code, tc.want, res.stderr)
			}
		})
	}
}

// TestFlowUsage covers flow's usage errors.
func TestFlowUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no endpoints", []string{"--consumer-key", "k", "--consumer-secret", "s"}, "flow needs --request-token-url"},
		{"unknown provider", []string{"--provider", "myspace", "--consumer-key", "k"}, "not one flow knows"},
		{"jira needs a base", []string{"--provider", "jira", "--consumer-key", "k"}, "--base-url"},
		{"no consumer key", []string{"--provider", "bitbucket"}, "--consumer-key is required"},
		{"no secret", []string{"--provider", "bitbucket", "--consumer-key", "k"}, "no consumer secret"},
		{"unknown mistake", []string{"--provider", "bitbucket", "--consumer-key", "k", "--mistake", "nope"}, "no mistake"},
		{"verifier alone", []string{"--provider", "bitbucket", "--consumer-key", "k", "--verifier", "1"}, "go together"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := runFlow(t, 0, tc.args...)
			if res.code != 2 || !strings.Contains(res.stderr, tc.want) {
				t.Fatalf("exit %d stderr %q, want 2 and %q", res.code, res.stderr, tc.want)
			}
		})
	}
}

// TestFlowRecordServerBaseString records a step serve refused and checks
// that check reads the provider's base string (debug_sbs) back from the
// HAR, even without secrets.
func TestFlowRecordServerBaseString(t *testing.T) {
	ts, _ := flowConsumers(t, "")
	har := filepath.Join(t.TempDir(), "refused.har")
	res := runFlow(t, 0, "--provider", "serve", "--base-url", ts.base, "--consumer-key", "ck", "--consumer-secret", "cs&=é",
		"--mistake", "double-encoded@request_token", "--record", har, "--timeout", "20s")
	if res.code != 1 {
		t.Fatalf("flow: exit %d\n%s\n%s", res.code, res.stdout, res.stderr)
	}
	c, stdout, stderr := testCLI("", nil)
	c.now = time.Now
	c.main([]string{"check", "--json", har})
	var rep struct {
		ServerBaseString *struct {
			BaseString string `json:"base_string"`
		} `json:"server_base_string"`
	}
	line := strings.SplitN(stdout.String(), "\n", 2)[0]
	if err := json.Unmarshal([]byte(line), &rep); err != nil || rep.ServerBaseString == nil || !strings.HasPrefix(rep.ServerBaseString.BaseString, "POST&http") {
		t.Fatalf("check did not read the server's base string back (%v):\n%s\n%s", err, stdout, stderr)
	}
}
