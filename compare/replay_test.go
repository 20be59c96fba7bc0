package compare

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// replayRequest is a request to replay a mistake on, written as the curl
// command a client would run, with the oauth_ parameters in its transport.
type replayRequest struct {
	method    string // "" is GET, or POST with a body
	url       string
	headers   []string
	body      string
	transport string      // header (default), query or body
	oauth     [][2]string // oauth_ parameters after the defaults, e.g. oauth_callback
	noToken   bool        // leave oauth_token out
	noVersion bool        // leave oauth_version out
	realm     string
	sigMethod string // "" is HMAC-SHA1
}

const (
	replayConsumerSecret = "cs+1/x"
	replayTokenSecret    = "ts 2~"
)

func (rr replayRequest) creds() basestring.Credentials {
	c := basestring.Credentials{ConsumerSecret: replayConsumerSecret}
	if !rr.noToken {
		c.TokenSecret = replayTokenSecret
	}
	return c
}

func (rr replayRequest) secrets() Secrets {
	s := Secrets{ConsumerSecret: NewSecret(replayConsumerSecret), HasConsumerSecret: true}
	if !rr.noToken {
		s.TokenSecret, s.HasTokenSecret = NewSecret(replayTokenSecret), true
	}
	return s
}

func (rr replayRequest) signatureMethod() string {
	if rr.sigMethod == "" {
		return "HMAC-SHA1"
	}
	return rr.sigMethod
}

// shq quotes a word for a POSIX shell.
func shq(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// curl writes the request as a curl command, with oauth_signature=encSig
// when encSig is not empty.
func (rr replayRequest) curl(encSig string) string {
	params := [][2]string{{"oauth_consumer_key", "ck"}}
	if !rr.noToken {
		params = append(params, [2]string{"oauth_token", "tok"})
	}
	params = append(params,
		[2]string{"oauth_signature_method", rr.signatureMethod()},
		[2]string{"oauth_timestamp", "1767225600"},
		[2]string{"oauth_nonce", "n0nce"})
	if !rr.noVersion {
		params = append(params, [2]string{"oauth_version", "1.0"})
	}
	params = append(params, rr.oauth...)
	var pairs []string
	for _, p := range params {
		pairs = append(pairs, basestring.Encode(p[0])+"="+basestring.Encode(p[1]))
	}
	if encSig != "" {
		pairs = append(pairs, "oauth_signature="+encSig)
	}
	url, body := rr.url, rr.body
	parts := []string{"curl"}
	switch rr.transport {
	case "", "header":
		var quoted []string
		if rr.realm != "" {
			quoted = append(quoted, `realm="`+rr.realm+`"`)
		}
		for _, p := range pairs {
			n, v, _ := strings.Cut(p, "=")
			quoted = append(quoted, n+`="`+v+`"`)
		}
		parts = append(parts, "-H", shq("Authorization: OAuth "+strings.Join(quoted, ", ")))
	case "query":
		sep := "?"
		if strings.Contains(url, "?") {
			sep = "&"
		}
		url += sep + strings.Join(pairs, "&")
	case "body":
		if body != "" {
			body += "&"
		}
		body += strings.Join(pairs, "&")
	}
	if rr.method != "" {
		parts = append(parts, "-X", rr.method)
	}
	for _, h := range rr.headers {
		parts = append(parts, "-H", shq(h))
	}
	if body != "" {
		parts = append(parts, "--data-raw", shq(body))
	}
	return strings.Join(append(parts, shq(url)), " ")
}

func (rr replayRequest) read(t *testing.T, encSig string) *inspect.Request {
	t.Helper()
	req, err := inspect.ReadCurl(rr.curl(encSig), "test")
	if err != nil {
		t.Fatalf("read %s: %v", rr.curl(encSig), err)
	}
	return req
}

func (rr replayRequest) replay(t *testing.T, id string) ([]Replayed, error) {
	t.Helper()
	m, err := basestring.MethodByName(rr.signatureMethod())
	if err != nil {
		t.Fatal(err)
	}
	return Replay(id, rr.read(t, ""), rr.creds(), m)
}

// causeNames reports whether the best explanation of a report, or one
// equivalent to it, holds the mistake id.
func causeNames(rep *Report, id string) bool {
	if rep.Cause == nil {
		return false
	}
	if slices.Contains(rep.Cause.IDs, id) {
		return true
	}
	for _, eq := range rep.Cause.Equivalent {
		if slices.Contains(strings.Split(eq, "+"), id) {
			return true
		}
	}
	return false
}

const (
	plainURL = "https://api.example.com/1/user"
	callback = "https://client.example.com/cb?x=1"
)

// replayCases give, for every catalogue id, a request the mistake changes.
var replayCases = []struct {
	id     string
	reason string
	req    replayRequest
}{
	{"key-missing-token-secret", "a token with a secret", replayRequest{url: plainURL}},
	{"scheme-mismatch", "an https URL", replayRequest{url: plainURL}},
	{"signature-not-encoded", "in the header only the signature encoded twice shows", replayRequest{url: plainURL}},
	{"host-mismatch", "a proxy's X-Forwarded-Host names the public host", replayRequest{url: "http://10.0.3.7:8080/1/user", headers: []string{"X-Forwarded-Host: api.example.com"}}},
	{"json-body-signed", "a JSON body", replayRequest{method: "POST", url: "https://api.example.com/1/items", headers: []string{"Content-Type: application/json"}, body: `{"name":"a b","count":2,"tags":["x","y"],"meta":{"k":1}}`}},
	{"duplicate-keys-indexed", "a repeated array name in the query", replayRequest{url: "https://api.example.com/1/orders?include[]=7&include[]=9"}},
	{"plus-for-space", "a space in a form value", replayRequest{url: "https://api.example.com/1/update", body: "status=hello world"}},
	{"plus-not-decoded", "a + in the query", replayRequest{url: "https://api.example.com/1/search?q=a+b"}},
	{"query-not-decoded", "a percent-encoded comma in the query", replayRequest{url: "https://api.example.com/1/search?q=a%2Cb"}},
	{"double-encoded", "a callback URL", replayRequest{method: "POST", url: "https://api.example.com/oauth/request_token", noToken: true, oauth: [][2]string{{"oauth_callback", callback}}}},
	{"query-params-unsigned", "a query", replayRequest{url: "https://api.example.com/1/search?q=x"}},
	{"form-body-charset-dropped", "a form body with a charset", replayRequest{url: "https://api.example.com/1/update", headers: []string{"Content-Type: application/x-www-form-urlencoded; charset=UTF-8"}, body: "a=1"}},
	{"body-params-unsigned", "a form body", replayRequest{url: "https://api.example.com/1/update", body: "a=1"}},
	{"default-port-included", "an https URL", replayRequest{url: plainURL}},
	{"port-mismatch", "a non-default port, and X-Forwarded-Port", replayRequest{url: "http://api.example.com:8080/1/user", headers: []string{"X-Forwarded-Port: 9090"}}},
	{"param-signed-not-sent", "no oauth_version, no callback", replayRequest{url: plainURL, noVersion: true}},
	{"empty-param-dropped", "an empty value", replayRequest{url: "https://api.example.com/1/search?a=&b=1"}},
	{"param-sent-not-signed", "any parameter", replayRequest{url: "https://api.example.com/1/search?page=2"}},
	{"key-secrets-not-encoded", "the secrets hold +, / and a space", replayRequest{url: plainURL}},
	{"tilde-encoded", "a ~ in the query", replayRequest{url: "https://api.example.com/1/search?q=a~b"}},
	{"java-urlencoder", "a space and a * in a form value", replayRequest{url: "https://api.example.com/1/search", body: "q=a b*c"}},
	{"not-encoded", "a callback URL", replayRequest{method: "POST", url: "https://api.example.com/oauth/request_token", noToken: true, oauth: [][2]string{{"oauth_callback", callback}}}},
	{"non-form-body-signed", "a text body that reads as pairs", replayRequest{url: "https://api.example.com/1/notes", headers: []string{"Content-Type: text/plain"}, body: "a=1"}},
	{"realm-signed", "a realm in the header", replayRequest{url: plainURL, realm: "Example"}},
	{"duplicate-dropped", "a name sent twice", replayRequest{url: "https://api.example.com/1/search?a=1&a=2"}},
	{"trailing-slash", "a path", replayRequest{url: plainURL}},
	{"path-mismatch", "a proxy's X-Forwarded-Prefix", replayRequest{url: plainURL, headers: []string{"X-Forwarded-Prefix: /api"}}},
	{"query-in-base-uri", "a query", replayRequest{url: "https://api.example.com/1/search?q=x"}},
	{"key-no-ampersand", "two secrets", replayRequest{url: plainURL}},
	{"key-swapped-secrets", "two different secrets", replayRequest{url: plainURL}},
	{"method-mismatch", "a method override header", replayRequest{method: "POST", url: plainURL, headers: []string{"X-HTTP-Method-Override: DELETE"}}},
	{"lowercase-hex", "the URI is percent-encoded", replayRequest{url: plainURL}},
	{"sort-raw-not-encoded", "a{ sorts after a_, %7B before", replayRequest{url: "https://api.example.com/1/search?a%7B=1&a_=2"}},
	{"sort-key-only", "values out of order", replayRequest{url: "https://api.example.com/1/search?a=2&a=1"}},
	{"sort-pair-strings", "a name prefixing another", replayRequest{url: "https://api.example.com/1/search?a-b=1&a=2"}},
	{"params-not-sorted", "parameters out of order", replayRequest{url: "https://api.example.com/1/search?z=1&a=2"}},
	{"path-decoded", "an escaped path", replayRequest{url: "https://api.example.com/files/a%20b.txt"}},
	{"host-case", "a host in capitals", replayRequest{url: "https://API.example.com/1/user"}},
	{"scheme-case", "a scheme in capitals", replayRequest{url: "HTTPS://api.example.com/1/user"}},
	{"method-lowercase", "a method", replayRequest{url: plainURL}},
	{"empty-path-no-slash", "an empty path", replayRequest{url: "https://api.example.com"}},
	{"default-port-wrong-scheme", ":443 on http", replayRequest{url: "http://api.example.com:443/1/user"}},
	{"double-utf8", "a non-ASCII value", replayRequest{url: "https://api.example.com/1/search?q=caf%C3%A9"}},
	{"value-cut-at-equals", "a raw = in a value", replayRequest{url: "https://api.example.com/1/search?q=a=b"}},
	{"signature-signed", "any request", replayRequest{url: plainURL}},
	{"signature-not-encoded", "in the query a + sent raw shows too", replayRequest{url: plainURL, transport: "query"}},
	{"body-params-unsigned", "oauth_ parameters in the body as well", replayRequest{url: "https://api.example.com/1/update", body: "a=1", transport: "body"}},
	{"key-no-ampersand", "PLAINTEXT signs with the key itself", replayRequest{url: plainURL, sigMethod: "PLAINTEXT"}},
	{"double-encoded", "HMAC-SHA256", replayRequest{method: "POST", url: "https://api.example.com/oauth/request_token", noToken: true, oauth: [][2]string{{"oauth_callback", callback}}, sigMethod: "HMAC-SHA256"}},
}

// TestReplayThenCheck replays every mistake of the catalogue on a request it
// changes, and checks that Check, given the request with each replayed
// signature, finds the signature wrong and names the mistake as the cause
// (or as equivalent to it), reading the signature Replay says it reads.
func TestReplayThenCheck(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range replayCases {
		covered[tc.id] = true
		t.Run(tc.id+"/"+tc.reason, func(t *testing.T) {
			rs, err := tc.req.replay(t, tc.id)
			if err != nil {
				t.Fatalf("%s: Replay: %v", tc.reason, err)
			}
			if len(rs) == 0 {
				t.Fatalf("%s: Replay gave nothing and no error", tc.reason)
			}
			for _, r := range rs {
				if r.ID != tc.id || !strings.HasPrefix(r.Detail, "The client ") || r.BaseString == "" || r.Signature == "" || r.Encoded == "" {
					t.Errorf("%s: incomplete %+v", tc.reason, r)
				}
				rep, err := Check(tc.req.read(t, r.Encoded), tc.req.secrets(), Options{})
				if err != nil {
					t.Fatalf("%s (%s): Check: %v", tc.reason, r.Label, err)
				}
				switch {
				case rep.Valid:
					t.Errorf("%s (%s): Check finds the signature valid\n%s", tc.reason, r.Label, tc.req.curl(r.Encoded))
				case !causeNames(rep, tc.id):
					var got []string
					for _, e := range rep.Explanations {
						got = append(got, strings.Join(e.IDs, "+")+" "+strings.Join(e.Equivalent, ","))
					}
					t.Errorf("%s (%s): Check's cause is not %s: %q\n%s", tc.reason, r.Label, tc.id, got, tc.req.curl(r.Encoded))
				case tc.req.sigMethod != "PLAINTEXT" && rep.Signature.Supplied != r.Signature:
					t.Errorf("%s (%s): Check read the signature %q, Replay says %q", tc.reason, r.Label, rep.Signature.Supplied, r.Signature)
				}
				if rep.Cause != nil && slices.Equal(rep.Cause.IDs, []string{tc.id}) && rep.Cause.BaseString != r.BaseString {
					t.Errorf("%s (%s): Check's cause signed\n%s\nReplay signed\n%s", tc.reason, r.Label, rep.Cause.BaseString, r.BaseString)
				}
			}
		})
	}
	for _, m := range Catalogue() {
		if !covered[m.ID] && !lookup(m.ID).otherTokens {
			t.Errorf("no case replays %s: add one to replayCases", m.ID)
		}
	}
	// key-other-token-secret needs the secret of another token, which one
	// request's credentials do not hold: Replay says so.
	if _, err := Replay("key-other-token-secret", readRequest(t, "GET https://api.example.com/1/user HTTP/1.1\nAuthorization: OAuth oauth_consumer_key=\"ck\", oauth_token=\"t\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1\", oauth_nonce=\"n\"\n\n"),
		basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}, mustMethod(t, "HMAC-SHA1")); !errors.As(err, new(*NotApplicableError)) {
		t.Errorf("Replay(key-other-token-secret) = %v, want a NotApplicableError", err)
	}
}

// TestReplayNotApplicable checks the error of a mistake that changes nothing
// on the request: it says what the request would need.
func TestReplayNotApplicable(t *testing.T) {
	cases := []struct {
		id     string
		reason string
		req    replayRequest
		want   string
	}{
		{"double-encoded", "nothing to encode twice", replayRequest{url: plainURL}, "it needs a parameter value with characters that percent-encoding changes"},
		{"plus-for-space", "no space anywhere", replayRequest{url: plainURL}, "it needs a space in a parameter name or value"},
		{"host-mismatch", "no other host in the evidence", replayRequest{url: "https://10.0.3.7/1/user"}, "it needs evidence of another host"},
		{"path-mismatch", "no other path in the evidence", replayRequest{url: plainURL}, "it needs evidence of another path"},
		{"key-missing-token-secret", "no token, so the key is the same", replayRequest{url: plainURL, noToken: true}, "it needs an oauth_token whose token secret is not empty"},
		{"query-params-unsigned", "no query", replayRequest{url: plainURL}, "it needs parameters in the URL's query"},
		{"sort-pair-strings", "no name prefixes another", replayRequest{url: "https://api.example.com/1/search?b=1"}, "it needs a parameter name that is a prefix of another"},
		{"double-encoded", "PLAINTEXT signs no base string", replayRequest{url: plainURL, sigMethod: "PLAINTEXT", oauth: [][2]string{{"oauth_callback", callback}}}, "a PLAINTEXT signature is the key itself"},
	}
	for _, tc := range cases {
		t.Run(tc.id+"/"+tc.reason, func(t *testing.T) {
			rs, err := tc.req.replay(t, tc.id)
			var na *NotApplicableError
			if !errors.As(err, &na) {
				t.Fatalf("%s: Replay = %d variants, error %v; want a NotApplicableError", tc.reason, len(rs), err)
			}
			if na.ID != tc.id || !strings.HasPrefix(na.Reason, tc.want) {
				t.Errorf("%s: NotApplicableError{%q, %q}, want the reason to start %q", tc.reason, na.ID, na.Reason, tc.want)
			}
			if want := `compare: replay: mistake "` + tc.id + `" does not apply to this request: ` + tc.want; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("%s: error %q, want it to start %q", tc.reason, err, want)
			}
		})
	}
}

// TestReplayRSAKey checks that a key mistake does not apply to an RSA
// signature, which no key built from the secrets makes.
func TestReplayRSAKey(t *testing.T) {
	m, err := basestring.MethodByName("RSA-SHA1")
	if err != nil {
		t.Fatal(err)
	}
	rr := replayRequest{url: plainURL, sigMethod: "RSA-SHA1"}
	_, err = Replay("key-swapped-secrets", rr.read(t, ""), rr.creds(), m)
	var na *NotApplicableError
	if !errors.As(err, &na) || !strings.Contains(na.Reason, "private key") {
		t.Errorf("Replay on RSA-SHA1 = %v, want a NotApplicableError about the private key", err)
	}
}

// TestReplayErrors checks the errors for requests Replay cannot replay on.
func TestReplayErrors(t *testing.T) {
	hmac, err := basestring.MethodByName("HMAC-SHA1")
	if err != nil {
		t.Fatal(err)
	}
	rr := replayRequest{url: plainURL}
	originForm := rr.read(t, "")
	originForm.Scheme, originForm.SchemeKnown = "", false
	cases := []struct {
		name   string
		reason string
		id     string
		req    *inspect.Request
		method basestring.Method
		want   string
	}{
		{"unknown-id", "a typo in the id", "plus-for-spaces", rr.read(t, ""), hmac, `compare: replay: unknown mistake "plus-for-spaces"; run 'oauthdbg explain' for the list`},
		{"no-request", "nil request", "plus-for-space", nil, hmac, `compare: replay "plus-for-space": no request`},
		{"no-method", "nil method", "plus-for-space", rr.read(t, ""), nil, `compare: replay "plus-for-space": no signature method`},
		{"method-differs", "the request names another method", "plus-for-space", rr.read(t, ""), mustMethod(t, "HMAC-SHA256"),
			`compare: replay "plus-for-space": the request's oauth_signature_method is "HMAC-SHA1", not "HMAC-SHA256"; sign with the method the request names`},
		{"scheme-unknown", "a request whose scheme the capture does not say is read both ways by Check", "scheme-mismatch", originForm, hmac,
			`compare: replay: mistake "scheme-mismatch" does not apply to this request: it needs an absolute http or https URL`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Replay(tc.id, tc.req, basestring.Credentials{ConsumerSecret: "cs"}, tc.method)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("%s: error %v, want %q", tc.reason, err, tc.want)
			}
		})
	}
	_, err = Replay("x", nil, basestring.Credentials{}, hmac)
	if !errors.Is(err, ErrUnknownMistake) {
		t.Errorf("unknown id: %v does not wrap ErrUnknownMistake", err)
	}
}

func mustMethod(t *testing.T, name string) basestring.Method {
	t.Helper()
	m, err := basestring.MethodByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestReplaySignatureNotEncoded checks the two ways signature-not-encoded
// sends a signature: raw in the query (a "+" arrives as a space), and
// encoded twice in the header (the server reads %2B, %2F, %3D).
func TestReplaySignatureNotEncoded(t *testing.T) {
	m := mustMethod(t, "HMAC-SHA1")
	// Find a nonce whose signature holds a "+": the raw variant needs one.
	for i := 0; i < 200; i++ {
		rr := replayRequest{url: plainURL, transport: "query", oauth: [][2]string{{"oauth_callback", strings.Repeat("x", i)}}}
		rs, err := Replay("signature-not-encoded", rr.read(t, ""), rr.creds(), m)
		if err != nil {
			t.Fatal(err)
		}
		correct, err := m.Sign([]byte(rs[0].BaseString), rr.creds(), basestring.KeyRFC)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(correct, "+") {
			if len(rs) != 1 || rs[0].Label != "encoded twice" {
				t.Fatalf("no + in %q: variants %+v, want only encoded twice", correct, rs)
			}
			continue
		}
		if len(rs) != 2 {
			t.Fatalf("a + in %q in the query: %d variants, want 2", correct, len(rs))
		}
		raw, twice := rs[0], rs[1]
		if raw.Label != `"+" sent unencoded` || raw.Encoded != correct || raw.Signature != strings.ReplaceAll(correct, "+", " ") {
			t.Errorf("raw variant %+v, want %q sent as is and read with spaces", raw, correct)
		}
		if twice.Label != "encoded twice" || twice.Encoded != basestring.Encode(basestring.Encode(correct)) || twice.Signature != basestring.Encode(correct) {
			t.Errorf("twice variant %+v, want %q encoded twice", twice, correct)
		}
		// In the header, the raw "+" arrives as a plus: only the other way shows.
		hr := rr
		hr.transport = "header"
		hs, err := Replay("signature-not-encoded", hr.read(t, ""), hr.creds(), m)
		if err != nil {
			t.Fatal(err)
		}
		if len(hs) != 1 || hs[0].Label != "encoded twice" {
			t.Errorf("in the header: %+v, want only encoded twice", hs)
		}
		return
	}
	t.Fatal("no callback gave a signature with a +")
}

// TestReplayNeeds checks that every catalogue mistake says what a request
// needs for it to show.
func TestReplayNeeds(t *testing.T) {
	for _, m := range Catalogue() {
		if n := replayNeeds(m.ID); n == "" || strings.HasSuffix(n, ".") {
			t.Errorf("replayNeeds(%q) = %q: want a phrase without a final period", m.ID, n)
		}
	}
}

// TestSentSignaturesInvert checks that every way sentSignatures sends a
// signature is mapped back to it by the transport mistakes' targets.
func TestSentSignaturesInvert(t *testing.T) {
	sigs := []string{"tR3+Ty81lMeYAr/Fid0kMTYa/WM=", "abc", "cs%2B1&ts%202", "ab+cd+ef==", "a/b"}
	for _, sig := range sigs {
		for _, form := range []bool{true, false} {
			for _, s := range sentSignatures(sig, form) {
				if !slices.ContainsFunc(signatureTransport(s.received), func(t target) bool { return t.sig == sig }) {
					t.Errorf("sentSignatures(%q, %v) sends %+v, which signatureTransport does not map back", sig, form, s)
				}
			}
		}
	}
}

// FuzzReplay checks that Replay never panics on any request, and that no
// replayed signature is one Check finds valid: a mistake that Replay says
// changes the signature does change it.
func FuzzReplay(f *testing.F) {
	f.Add("GET", "https://api.example.com/1/user", "", `oauth_consumer_key="ck", oauth_token="t", oauth_signature_method="HMAC-SHA1", oauth_nonce="n", oauth_timestamp="1"`, "", "", "cs", "ts", uint8(0))
	f.Add("post", "HTTP://API.example.com:80/p%20q/?b=%2B+c&b=a~", "h:8080", `realm="r",oauth_consumer_key="c%20k",oauth_signature_method="HMAC-SHA256",oauth_callback="https%3A%2F%2Fc%2Fcb"`, "application/x-www-form-urlencoded; charset=utf-8", "x=%C3%A9&x=&y=a=b", "c s", "", uint8(7))
	f.Add("PUT", "https://h", "", `oauth_consumer_key=ck oauth_signature_method=PLAINTEXT`, "text/plain", `a=1`, "&", "%", uint8(2))
	f.Add("GET", "https://h/x?oauth_signature_method=HMAC-SHA1&oauth_consumer_key=k", "", "", "", "", "cs", "", uint8(2))
	ids := make([]string, 0, len(catalogue))
	for _, m := range catalogue {
		ids = append(ids, m.ID)
	}
	f.Fuzz(func(t *testing.T, method, rawURL, host, authParams, ct, body, cs, ts string, which uint8) {
		req := &inspect.Request{Method: method, URL: rawURL, Host: host, ContentType: ct, Body: []byte(body), SchemeKnown: strings.Contains(rawURL, "://"), Origin: inspect.Origin{Name: "fuzz", Entry: -1}}
		if authParams != "" {
			req.Headers = append(req.Headers, inspect.Header{Name: "Authorization", Value: "OAuth " + authParams})
		}
		req.Headers = append(req.Headers, inspect.Header{Name: "X-Forwarded-Host", Value: "public.example.com"})
		req.Forwarding.Host = "public.example.com"
		creds := basestring.Credentials{ConsumerSecret: cs, TokenSecret: ts}
		id := ids[int(which)%len(ids)]
		for _, name := range []string{"HMAC-SHA1", "PLAINTEXT"} {
			m, err := basestring.MethodByName(name)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := Replay(id, req, creds, m)
			if err != nil || authParams == "" || !req.SchemeKnown {
				continue
			}
			// The signature is added to the header below: a request whose
			// protocol parameters are in the query or body has its
			// signature replayed there, where a raw "+" reads as a space.
			if _, res, err := replayEvidence(req); err != nil || signatureSource(res) != basestring.SourceHeader {
				continue
			}
			for _, r := range rs {
				signed := *req
				signed.Headers = slices.Clone(req.Headers)
				signed.Headers[0].Value += `, oauth_signature="` + r.Encoded + `"`
				s := Secrets{ConsumerSecret: NewSecret(cs), HasConsumerSecret: true, TokenSecret: NewSecret(ts), HasTokenSecret: true}
				if rep, err := Check(&signed, s, Options{NoSearch: true}); err == nil && rep.Valid {
					t.Errorf("%s (%s) replayed %q, which Check finds valid", id, r.Label, r.Encoded)
				}
			}
		}
	})
}

// TestReplayDistinct checks that a part giving what an earlier part gives
// is left out, and that parts that differ are all kept, in catalogue order.
func TestReplayDistinct(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		id     string
		req    replayRequest
		want   []string
	}{
		{"plus-for-space", "no space in the URI: everywhere signs what names and values signs", "plus-for-space",
			replayRequest{url: "https://api.example.com/1/update", body: "status=hello world"}, []string{"names and values"}},
		{"java-urlencoder", "the outer encoding leaves the * of the parameter string raw", "java-urlencoder",
			replayRequest{url: "https://api.example.com/1/search", body: "q=a b*c"}, []string{"names and values", "everywhere"}},
		{"lowercase-hex", "no letter hex in names and values: only the base string parts change", "lowercase-hex",
			replayRequest{url: plainURL}, []string{"base string parts"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := tc.req.replay(t, tc.id)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rs {
				got = append(got, r.Label)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s: parts %q, want %q", tc.reason, got, tc.want)
			}
		})
	}
}

// TestReplayTokenSecretWithoutToken checks that a token secret given for a
// request without oauth_token is not used, as Check does not use it (RFC
// 5849 §3.4.2: the token secret is then empty), so that a key mistake is
// not replayed where Check would find the signature valid.
func TestReplayTokenSecretWithoutToken(t *testing.T) {
	rr := replayRequest{url: plainURL, noToken: true}
	c := basestring.Credentials{ConsumerSecret: replayConsumerSecret, TokenSecret: replayTokenSecret}
	_, err := Replay("key-missing-token-secret", rr.read(t, ""), c, mustMethod(t, "HMAC-SHA1"))
	var na *NotApplicableError
	if !errors.As(err, &na) {
		t.Errorf("Replay = %v, want a NotApplicableError: the request has no oauth_token", err)
	}
	rs, err := Replay("key-no-ampersand", rr.read(t, ""), c, mustMethod(t, "HMAC-SHA1"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := mustMethod(t, "HMAC-SHA1").Sign([]byte(rs[0].BaseString), basestring.Credentials{ConsumerSecret: replayConsumerSecret}, basestring.KeyNoAmpersand)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Signature != want {
		t.Errorf("key-no-ampersand signed %q, want %q (with an empty token secret)", rs[0].Signature, want)
	}
}
