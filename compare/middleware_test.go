package compare

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// mwNow is the provider's clock in the middleware tests.
var mwNow = time.Unix(1767225600, 0)

// testLookup knows consumer "ck" (secret "cs") with token "tok" (secret "ts").
func testLookup(_ context.Context, consumerKey, token string) (Keys, error) {
	if consumerKey != "ck" {
		return Keys{}, ErrUnknownConsumer
	}
	k := Keys{ConsumerSecret: "cs"}
	switch token {
	case "":
	case "tok":
		k.TokenSecret = "ts"
	default:
		return Keys{}, ErrUnknownToken
	}
	return k, nil
}

// signedRequest returns a request to rawURL signed in the Authorization
// header with the given oauth_* parameters (oauth_signature computed with
// creds unless params sets it).
func signedRequest(t *testing.T, method, rawURL, body string, params map[string]string, creds basestring.Credentials) *http.Request {
	t.Helper()
	names := make([]string, 0, len(params))
	for n := range params {
		names = append(names, n)
	}
	sort.Strings(names)
	header := func(extra string) string {
		var parts []string
		for _, n := range names {
			parts = append(parts, n+`="`+basestring.Encode(params[n])+`"`)
		}
		if extra != "" {
			parts = append(parts, extra)
		}
		return "OAuth " + strings.Join(parts, ", ")
	}
	ct := ""
	if body != "" {
		ct = "application/x-www-form-urlencoded"
	}
	if _, ok := params["oauth_signature"]; !ok {
		res, err := basestring.Build(&basestring.Request{Method: method, URL: rawURL, Authorization: header(""), ContentType: ct, Body: []byte(body)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		m, err := basestring.MethodByName(params["oauth_signature_method"])
		if err != nil {
			t.Fatal(err)
		}
		sig, err := m.Sign([]byte(res.BaseString), creds, basestring.KeyRFC)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, "oauth_signature")
		params["oauth_signature"] = sig
	}
	r := httptest.NewRequest(method, rawURL, strings.NewReader(body))
	r.RemoteAddr = "192.0.2.7:4711"
	r.Header.Set("Authorization", header(""))
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	return r
}

func oauthParams(nonce string, ts int64, extra ...string) map[string]string {
	p := map[string]string{
		"oauth_consumer_key":     "ck",
		"oauth_signature_method": "HMAC-SHA1",
		"oauth_timestamp":        strconv.FormatInt(ts, 10),
		"oauth_nonce":            nonce,
		"oauth_version":          "1.0",
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] == "" {
			delete(p, extra[i])
			continue
		}
		p[extra[i]] = extra[i+1]
	}
	return p
}

func TestMiddleware(t *testing.T) {
	good := basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}
	const api = "http://provider.test/api/1.0/user?fields=a%20b"
	for _, tc := range []struct {
		name     string
		req      func(t *testing.T) *http.Request
		status   int
		problem  string
		advice   string // a substring of oauth_problem_advice
		explain  bool
		terse    bool
		absent   string
		hasSBS   bool
		verified bool
	}{
		{name: "valid three-legged call passes with the consumer and token", explain: true, status: 200, verified: true,
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "GET", api, "", oauthParams("n1", mwNow.Unix(), "oauth_token", "tok"), good)
			}},
		{name: "valid two-legged call passes", explain: true, status: 200, verified: true,
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "GET", api, "", oauthParams("n2", mwNow.Unix()), basestring.Credentials{ConsumerSecret: "cs"})
			}},
		{name: "form body signed and read", explain: true, status: 200, verified: true,
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "POST", api, "status=hello%20world", oauthParams("n3", mwNow.Unix(), "oauth_token", "tok"), good)
			}},
		{name: "missing token secret is named as the cause", explain: true, status: 401, problem: ProblemSignatureInvalid, advice: "[key-missing-token-secret]", hasSBS: true,
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "GET", api, "", oauthParams("n4", mwNow.Unix(), "oauth_token", "tok"), basestring.Credentials{ConsumerSecret: "cs"})
			}},
		{name: "terse provider gives no advice and no base string", explain: false, terse: true, status: 401, problem: ProblemSignatureInvalid,
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "GET", api, "", oauthParams("n5", mwNow.Unix(), "oauth_token", "tok"), basestring.Credentials{ConsumerSecret: "cs"})
			}},
		{name: "unknown consumer", explain: true, status: 401, problem: ProblemConsumerKeyUnknown, advice: `"other"`,
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "GET", api, "", oauthParams("n6", mwNow.Unix(), "oauth_consumer_key", "other"), good)
			}},
		{name: "unknown token", explain: true, status: 401, problem: ProblemTokenRejected,
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "GET", api, "", oauthParams("n7", mwNow.Unix(), "oauth_token", "nope"), good)
			}},
		{name: "stale timestamp", explain: true, status: 401, problem: ProblemTimestampRefused, advice: "600s behind",
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "GET", api, "", oauthParams("n8", mwNow.Unix()-600, "oauth_token", "tok"), good)
			}},
		{name: "missing nonce and timestamp", explain: true, status: 400, problem: ProblemParameterAbsent, absent: "oauth_timestamp&oauth_nonce",
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "GET", api, "", oauthParams("", 0, "oauth_nonce", "", "oauth_timestamp", ""), good)
			}},
		{name: "bad version", explain: true, status: 400, problem: ProblemVersionRejected,
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "GET", api, "", oauthParams("n9", mwNow.Unix(), "oauth_version", "2.0"), good)
			}},
		{name: "PLAINTEXT refused over http from another machine", explain: true, status: 400, problem: ProblemSignatureMethodRejected, advice: "https",
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "GET", api, "", oauthParams("n10", mwNow.Unix(), "oauth_signature_method", "PLAINTEXT"), good)
			}},
		{name: "PLAINTEXT from loopback passes", explain: true, status: 200, verified: true,
			req: func(t *testing.T) *http.Request {
				r := signedRequest(t, "GET", api, "", oauthParams("n11", mwNow.Unix(), "oauth_signature_method", "PLAINTEXT", "oauth_token", "tok"), good)
				r.RemoteAddr = "127.0.0.1:5000"
				return r
			}},
		{name: "no OAuth at all", explain: true, status: 400, problem: ProblemParameterAbsent,
			req: func(t *testing.T) *http.Request { return httptest.NewRequest("GET", api, nil) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &Middleware{Realm: "oauthdbg", Lookup: testLookup, Nonces: &MemoryNonces{}, Now: func() time.Time { return mwNow }, Explain: tc.explain}
			var got *Verified
			h := m.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got, _ = VerifiedFrom(r.Context())
				fmt.Fprint(w, "ok")
			}))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, tc.req(t))
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d; body %q", rec.Code, tc.status, rec.Body.String())
			}
			if tc.verified {
				if got == nil || got.ConsumerKey != "ck" || got.BaseString == "" {
					t.Fatalf("handler got %+v, want the verified consumer and base string", got)
				}
				return
			}
			if wa := rec.Header().Get("WWW-Authenticate"); wa != `OAuth realm="oauthdbg"` {
				t.Errorf("WWW-Authenticate %q", wa)
			}
			body := rec.Body.String()
			form, _ := url.ParseQuery(strings.SplitN(body, "\n", 2)[0])
			if form.Get("oauth_problem") != tc.problem {
				t.Errorf("oauth_problem %q, want %q (body %q)", form.Get("oauth_problem"), tc.problem, body)
			}
			if !strings.Contains(form.Get("oauth_problem_advice"), tc.advice) {
				t.Errorf("advice %q does not name %q", form.Get("oauth_problem_advice"), tc.advice)
			}
			if tc.absent != "" && form.Get("oauth_parameters_absent") != tc.absent {
				t.Errorf("oauth_parameters_absent %q, want %q", form.Get("oauth_parameters_absent"), tc.absent)
			}
			if (form.Get("debug_sbs") != "") != tc.hasSBS {
				t.Errorf("debug_sbs %q, want present=%v", form.Get("debug_sbs"), tc.hasSBS)
			}
			if tc.terse {
				if form.Get("oauth_problem_advice") != "" || !strings.Contains(body, "Could not verify OAuth request.") {
					t.Errorf("terse body %q", body)
				}
			}
			if strings.Contains(body, "cs&ts") || strings.Contains(body, "cs%26ts") {
				t.Errorf("the body leaks the secrets: %q", body)
			}
		})
	}
}

func TestMiddlewareNonceReplay(t *testing.T) {
	m := &Middleware{Realm: "r", Lookup: testLookup, Nonces: &MemoryNonces{}, Now: func() time.Time { return mwNow }, Explain: true}
	h := m.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	params := oauthParams("same", mwNow.Unix(), "oauth_token", "tok")
	good := basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}
	first := signedRequest(t, "GET", "http://p.test/x", "", params, good)
	again := signedRequest(t, "GET", "http://p.test/x", "", params, good)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, first)
	if rec.Code != 200 {
		t.Fatalf("first use: status %d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, again)
	if rec.Code != 401 || !strings.Contains(rec.Body.String(), "oauth_problem="+ProblemNonceUsed) {
		t.Fatalf("replay: status %d body %q, want 401 nonce_used", rec.Code, rec.Body)
	}
}

func TestMiddlewareBodyLimit(t *testing.T) {
	m := &Middleware{Lookup: testLookup, MaxBody: 10}
	rec := httptest.NewRecorder()
	m.Wrap(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("POST", "http://p.test/", strings.NewReader(strings.Repeat("x", 11))))
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", rec.Code)
	}
}

func TestMemoryNoncesBounded(t *testing.T) {
	s := &MemoryNonces{PerConsumer: 100}
	for i := range 10000 {
		if !s.Use("ck", "", "n"+strconv.Itoa(i), int64(1000+i)) {
			t.Fatalf("fresh nonce %d refused", i)
		}
	}
	if n := s.Len(); n != 100 {
		t.Fatalf("store holds %d nonces, want 100", n)
	}
	// A forgotten nonce cannot be replayed: its timestamp is at or below
	// the floor.
	if s.Use("ck", "", "n5", 1005) {
		t.Fatal("a forgotten nonce was accepted again")
	}
	if s.Use("ck", "", "n9999", 1000+9999) {
		t.Fatal("a remembered nonce was accepted again")
	}
	if !s.Use("other", "", "n5", 1005) {
		t.Fatal("another consumer's nonce was refused")
	}
}
