package compare

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/oauthdbg/oauthdbg/inspect"
)

// TestNodeOAuth1a checks requests signed by the npm package oauth-1.0a
// (testdata/node/sign.js): those it signs as the RFC says verify, and the
// one where it signs a JSON body's fields is explained as json-body-signed.
// It needs node and the package, installed by .ci/run into the directory
// OAUTHDBG_NODE_PATH names; without them it is skipped.
func TestNodeOAuth1a(t *testing.T) {
	modules := os.Getenv("OAUTHDBG_NODE_PATH")
	if modules == "" {
		t.Skip("OAUTHDBG_NODE_PATH is not set (.ci/run installs oauth-1.0a with npm and sets it)")
	}
	if _, err := os.Stat(filepath.Join(modules, "oauth-1.0a")); err != nil {
		t.Skipf("oauth-1.0a is not installed in %s: %v", modules, err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skipf("node is not available: %v", err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(node, filepath.Join("testdata", "node", "sign.js"))
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sign.js: %v\n%s", err, stderr.String())
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	count := 0
	for sc.Scan() {
		var s struct {
			Method, URL, Body string
			Headers           [][2]string
			ConsumerSecret    string `json:"consumer_secret"`
			TokenSecret       string `json:"token_secret"`
			Expect            string
		}
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		count++
		req := &inspect.Request{Method: s.Method, URL: s.URL, Scheme: "https", SchemeKnown: true, Body: []byte(s.Body), Origin: inspect.Origin{Name: "node", Entry: -1}}
		for _, h := range s.Headers {
			req.Headers = append(req.Headers, inspect.Header{Name: h[0], Value: h[1]})
			if strings.EqualFold(h[0], "Content-Type") {
				req.ContentType = h[1]
			}
		}
		secrets := Secrets{ConsumerSecret: NewSecret(s.ConsumerSecret), HasConsumerSecret: true, TokenSecret: NewSecret(s.TokenSecret), HasTokenSecret: true}
		rep, err := Check(req, secrets, Options{Now: time.Now()})
		if err != nil {
			t.Fatalf("request %d: %v\n%s", count, err, sc.Text())
		}
		switch {
		case s.Expect == "valid" && !rep.Valid:
			t.Errorf("request %d signed correctly by oauth-1.0a reported invalid:\n%s\nbase string %s", count, sc.Text(), rep.BaseString)
		case s.Expect != "valid" && (rep.Valid || rep.Cause == nil || strings.Join(rep.Cause.IDs, "+") != s.Expect):
			t.Errorf("request %d: valid %v, cause %+v; want %s\n%s", count, rep.Valid, rep.Cause, s.Expect, sc.Text())
		}
	}
	if count != 3 {
		t.Fatalf("sign.js signed %d requests, want 3", count)
	}
}
