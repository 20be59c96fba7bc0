package compare

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// vector is an entry of testdata/vectors/vectors.json.
type vector struct {
	ID                  string      `json:"id"`
	Method              string      `json:"method"`
	URL                 *string     `json:"url"`
	AuthorizationHeader *string     `json:"authorization_header"`
	Params              [][2]string `json:"params"`
	Body                *string     `json:"body"`
	ContentType         *string     `json:"content_type"`
	ConsumerSecret      *string     `json:"consumer_secret"`
	TokenSecret         *string     `json:"token_secret"`
	SignatureMethod     string      `json:"signature_method"`
	ExpectedSignature   *string     `json:"expected_signature"`
	ExpectedBaseString  *string     `json:"expected_base_string"`
	RSAPrivateKey       string      `json:"rsa_private_key_pem"`
	Verified            *bool       `json:"verified"`
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "vectors", "vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	return vs
}

var sigInHeader = regexp.MustCompile(`oauth_signature="[^"]*"`)

// vectorRequest builds the captured request of a vector with sig as its
// signature: the vector's Authorization header, or one made of the oauth_*
// parameters that are in neither the URL nor the body.
func vectorRequest(t *testing.T, v vector, sig string) (*inspect.Request, Secrets) {
	t.Helper()
	r := &inspect.Request{Method: v.Method, URL: *v.URL, SchemeKnown: true, Origin: inspect.Origin{Name: v.ID, Entry: -1}}
	r.Scheme, _, _ = strings.Cut(r.URL, "://")
	if v.Body != nil {
		r.Body = []byte(*v.Body)
	}
	if v.ContentType != nil {
		r.ContentType = *v.ContentType
		r.Headers = append(r.Headers, inspect.Header{Name: "Content-Type", Value: r.ContentType})
	}
	switch {
	case v.AuthorizationHeader != nil:
		h := *v.AuthorizationHeader
		if sig != "" {
			h = sigInHeader.ReplaceAllString(h, `oauth_signature="`+basestring.Encode(sig)+`"`)
		}
		r.Headers = append(r.Headers, inspect.Header{Name: "Authorization", Value: h})
	case !strings.Contains(r.URL, "oauth_signature="):
		// The parameters not in the URL or the body: oauth_* go to the
		// header, the others to the query (as the library's API sent them).
		sent := map[[2]string]int{}
		_, q, _ := strings.Cut(r.URL, "?")
		for _, src := range []string{q, string(r.Body)} {
			ps, _ := basestring.ParseForm(src, basestring.SourceQuery)
			for _, p := range ps {
				sent[[2]string{p.Name, p.Value}]++
			}
		}
		var pairs, query []string
		for _, p := range v.Params {
			switch {
			case sent[p] > 0:
				sent[p]--
			case strings.HasPrefix(p[0], "oauth_"):
				pairs = append(pairs, p[0]+`="`+basestring.Encode(p[1])+`"`)
			default:
				query = append(query, basestring.Encode(p[0])+"="+basestring.Encode(p[1]))
			}
		}
		if len(query) > 0 {
			sep := "?"
			if strings.Contains(r.URL, "?") {
				sep = "&"
			}
			r.URL += sep + strings.Join(query, "&")
		}
		pairs = append(pairs, `oauth_signature="`+basestring.Encode(sig)+`"`)
		r.Headers = append(r.Headers, inspect.Header{Name: "Authorization", Value: "OAuth " + strings.Join(pairs, ", ")})
	}
	var s Secrets
	if v.ConsumerSecret != nil {
		s.ConsumerSecret, s.HasConsumerSecret = NewSecret(*v.ConsumerSecret), true
	}
	if v.TokenSecret != nil {
		s.TokenSecret, s.HasTokenSecret = NewSecret(*v.TokenSecret), true
	}
	if v.RSAPrivateKey != "" {
		k, err := basestring.ParsePublicKey([]byte(v.RSAPrivateKey))
		if err != nil {
			t.Fatal(err)
		}
		s.PublicKey = k
	}
	return r, s
}

// TestVectors checks every published vector with a request: its signature
// verifies, except the traps, which are explained.
func TestVectors(t *testing.T) {
	explained := map[string]struct{ cause, reason string }{
		"madgex-access-token-plus":  {"signature-not-encoded", "the page prints the signature's \"+\" unencoded in the URL, so it arrives as a space"},
		"bettiolo-no-token-no-path": {"empty-path-no-slash", "bettiolo/oauth-signature-js signs the empty path as empty, the RFC as \"/\""},
	}
	n := 0
	for _, v := range loadVectors(t) {
		if v.URL == nil || v.ExpectedSignature == nil || v.Verified == nil || !*v.Verified {
			continue
		}
		n++
		t.Run(v.ID, func(t *testing.T) {
			req, s := vectorRequest(t, v, *v.ExpectedSignature)
			rep, err := Check(req, s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if want, ok := explained[v.ID]; ok {
				if rep.Valid || rep.Cause == nil || rep.Cause.IDs[0] != want.cause {
					t.Fatalf("valid %v, explanations %q; want cause %s: %s", rep.Valid, formatExplanations(rep.Explanations), want.cause, want.reason)
				}
				return
			}
			if !rep.Valid {
				t.Fatalf("not valid: unchecked %q, explanations %q, base string %s", rep.Unchecked, formatExplanations(rep.Explanations), rep.BaseString)
			}
			if v.ExpectedBaseString != nil && rep.BaseString != *v.ExpectedBaseString {
				t.Errorf("base string\n%s\nwant\n%s", rep.BaseString, *v.ExpectedBaseString)
			}
		})
	}
	if n < 25 {
		t.Fatalf("only %d vectors checked", n)
	}
}

func vectorByID(t *testing.T, id string) vector {
	t.Helper()
	for _, v := range loadVectors(t) {
		if v.ID == id {
			return v
		}
	}
	t.Fatalf("no vector %q", id)
	return vector{}
}

// TestPostman8879 is the signature Postman produced for the request of
// postmanlabs/postman-app-support#8879: the query value was not decoded
// before it was encoded.
func TestPostman8879(t *testing.T) {
	req, s := vectorRequest(t, vectorByID(t, "postman-8879-encoded-query"), "1tyKsJRLaTvpnCwKGayL4YgHmLM=")
	rep, err := Check(req, s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid || rep.Cause == nil {
		t.Fatalf("valid %v, unexplained %q", rep.Valid, rep.Unexplained)
	}
	if got := formatExplanations(rep.Explanations); got != "query-not-decoded (query) ~ double-encoded\n" {
		t.Errorf("explanations %q", got)
	}
	if rep.Signature.Expected != "cdQQuXon1opN/3wj5APnIF5NAMg=" {
		t.Errorf("expected signature %q, want the one the issue gives", rep.Signature.Expected)
	}
	if !strings.Contains(rep.Cause.BaseString, "foo%3Dfirst%25252Csecond") || rep.DiffAgainst != "cause" || rep.Diff == nil || rep.Diff.Equal() {
		t.Errorf("cause base string %q, diff against %q", rep.Cause.BaseString, rep.DiffAgainst)
	}
}

// TestPublishedSignatures checks that a signature copied from documentation
// is recognised, and never explained by a mistake it does not come from.
func TestPublishedSignatures(t *testing.T) {
	t.Run("rfc5849-erratum-2550", func(t *testing.T) {
		v := vectorByID(t, "rfc5849-3.4.1.1-request")
		req, s := vectorRequest(t, v, "") // the header as printed, with bYT5CMsGcbgUdFHObYMEfcx6bsw=
		rep, err := Check(req, s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Valid || rep.Published == nil || rep.Published.Signature != "bYT5CMsGcbgUdFHObYMEfcx6bsw=" {
			t.Fatalf("valid %v, published %+v", rep.Valid, rep.Published)
		}
		if rep.Signature.Expected != "r6/TJjbCOr97/+UU0NsvSne7s5g=" {
			t.Errorf("expected %q, want the corrected r6/TJjbCOr97/+UU0NsvSne7s5g=", rep.Signature.Expected)
		}
		// Replaying the catalogue shows where the printed value comes from:
		// the same request signed as GET instead of POST.
		if got := formatExplanations(rep.Explanations); got != "method-mismatch (method GET)\n" {
			t.Errorf("explanations %q", got)
		}
	})
	t.Run("twitter-v1-signature-on-v1.1", func(t *testing.T) {
		v := vectorByID(t, "twitter-authorizing-a-request-v1-path")
		u := strings.Replace(*v.URL, "/1/", "/1.1/", 1)
		v.URL = &u
		req, s := vectorRequest(t, v, *v.ExpectedSignature)
		rep, err := Check(req, s, Options{SignedURL: "https://api.twitter.com/1/statuses/update.json"})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Valid || rep.Published == nil {
			t.Errorf("valid %v, published %+v; want Twitter's /1/ doc signature recognised", rep.Valid, rep.Published)
		}
		if got := formatExplanations(rep.Explanations); got != "path-mismatch (path /1/statuses/update.json)\n" {
			t.Errorf("explanations %q; want the /1/ path from the signed URL", got)
		}
	})
}

// sign signs a request correctly, or with key rule, and returns its
// Authorization header value.
func signHeader(t *testing.T, method, rawURL, params string, creds basestring.Credentials, rule basestring.KeyRule) string {
	t.Helper()
	auth := "OAuth " + params
	rq := basestring.Request{Method: method, URL: rawURL, Authorization: auth}
	base, found, err := basestring.AppendBaseString(nil, &rq, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := basestring.MethodByName(found.SignatureMethod)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := m.Sign(base, creds, rule)
	if err != nil {
		t.Fatal(err)
	}
	return auth + `, oauth_signature="` + basestring.Encode(sig) + `"`
}

const stdParams = `oauth_consumer_key="ck", oauth_token="tok", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1700000000", oauth_nonce="n", oauth_version="1.0"`

func headerRequest(method, rawURL, auth string, schemeKnown bool) *inspect.Request {
	r := &inspect.Request{Method: method, URL: rawURL, SchemeKnown: schemeKnown, Headers: []inspect.Header{{Name: "Authorization", Value: auth}}, Origin: inspect.Origin{Name: "t", Entry: -1}}
	if schemeKnown {
		r.Scheme, _, _ = strings.Cut(rawURL, "://")
	}
	if u, err := basestring.SplitURL(rawURL); err == nil {
		r.Host = u.Authority
	}
	return r
}

// TestReadings checks that every reading of an open capture is tried and
// that Reading names the one that verified.
func TestReadings(t *testing.T) {
	creds := basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}
	httpAuth := signHeader(t, "GET", "http://api.example.com/x?a=1", stdParams, creds, basestring.KeyRFC)
	httpsAuth := signHeader(t, "GET", "https://api.example.com/x?a=1", stdParams, creds, basestring.KeyRFC)
	tests := []struct {
		name, reason string
		req          *inspect.Request
		secrets      Secrets
		scheme       string
		source       string
		consumer     string
		token        string
		tried        int
	}{
		{"scheme-unknown-http", "a raw request signed for http verifies under the second reading",
			headerRequest("GET", "http://api.example.com/x?a=1", httpAuth, false),
			Secrets{ConsumerSecret: NewSecret("cs"), TokenSecret: NewSecret("ts"), HasTokenSecret: true}, "http", "assumed", "consumer_secret", "token_secret", 2},
		{"scheme-unknown-https", "https is tried first when the capture does not say",
			headerRequest("GET", "http://api.example.com/x?a=1", httpsAuth, false),
			Secrets{ConsumerSecret: NewSecret("cs"), TokenSecret: NewSecret("ts"), HasTokenSecret: true}, "https", "assumed", "consumer_secret", "token_secret", 1},
		{"secret-by-key", "the entry for the request's consumer key wins over the single value",
			headerRequest("GET", "https://api.example.com/x?a=1", httpsAuth, true),
			Secrets{ConsumerSecret: NewSecret("wrong"), ConsumerSecrets: secretMap(map[string]string{"ck": "cs", "other": "x"}), TokenSecrets: secretMap(map[string]string{"tok": "ts"})},
			"https", "capture", `consumer_secrets["ck"]`, `token_secrets["tok"]`, 1},
		{"single-value-second", "when the entry by key does not verify, the single value is tried too",
			headerRequest("GET", "https://api.example.com/x?a=1", httpsAuth, true),
			Secrets{ConsumerSecret: NewSecret("cs"), ConsumerSecrets: secretMap(map[string]string{"ck": "stale"}), TokenSecret: NewSecret("ts"), HasTokenSecret: true},
			"https", "capture", "consumer_secret", "token_secret", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Check(tt.req, tt.secrets, Options{})
			if err != nil {
				t.Fatal(err)
			}
			rd := rep.Reading
			if !rep.Valid || rd.Scheme != tt.scheme || rd.SchemeSource != tt.source || rd.ConsumerSecretSource != tt.consumer || rd.TokenSecretSource != tt.token || rd.Tried != tt.tried {
				t.Errorf("valid %v, reading %+v; want scheme %s (%s), secrets %s and %s, %d tried (%s)", rep.Valid, rd, tt.scheme, tt.source, tt.consumer, tt.token, tt.tried, tt.reason)
			}
			if rd.ConsumerKey != "ck" || rd.Token != "tok" {
				t.Errorf("reading names consumer key %q and token %q", rd.ConsumerKey, rd.Token)
			}
			if b, _ := json.Marshal(rep); strings.Contains(string(b), `"cs"`) || strings.Contains(string(b), `"ts"`) {
				t.Errorf("the report holds a secret: %s", b)
			}
		})
	}
}

// TestServerURL checks that --server-url replaces the capture's view and
// that the capture's own URL becomes evidence: the client signed the public
// https URL, the server behind the proxy saw http on an internal host.
func TestServerURL(t *testing.T) {
	creds := basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}
	auth := signHeader(t, "GET", "https://api.example.com/v1/x?a=1", stdParams, creds, basestring.KeyRFC)
	req := headerRequest("GET", "https://api.example.com/v1/x?a=1", auth, true)
	secrets := Secrets{ConsumerSecret: NewSecret("cs"), TokenSecret: NewSecret("ts"), HasTokenSecret: true}

	rep, err := Check(req, secrets, Options{ServerURL: "http://internal.local:8080"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid || rep.Reading.Scheme != "http" || rep.Reading.SchemeSource != "server url" || rep.URL != "http://internal.local:8080/v1/x?a=1" {
		t.Fatalf("valid %v, reading %+v, url %q", rep.Valid, rep.Reading, rep.URL)
	}
	if got := formatExplanations(rep.Explanations); got != "scheme-mismatch (https) + host-mismatch (host api.example.com)\n" {
		t.Errorf("explanations %q; want the pair scheme-mismatch + host-mismatch", got)
	}
	if !strings.Contains(rep.Cause.Detail, "from the captured URL") {
		t.Errorf("detail %q does not say where the host came from", rep.Cause.Detail)
	}
}

// TestUnchecked checks what a report says without the secrets it needs: no
// claim on the signature, and still the base string and its diff.
func TestUnchecked(t *testing.T) {
	creds := basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}
	auth := signHeader(t, "GET", "https://api.example.com/x?a=1", stdParams, creds, basestring.KeyRFC)
	req := headerRequest("GET", "https://api.example.com/x?a=1", auth, true)
	noTokenAuth := signHeader(t, "GET", "https://api.example.com/x?a=1", stdParams, creds, basestring.KeyNoTokenSecret)
	tests := []struct {
		name, reason string
		req          *inspect.Request
		secrets      Secrets
		want         string
	}{
		{"no-secrets", "nothing is given", req, Secrets{}, `no consumer secret was given for oauth_consumer_key "ck"`},
		{"no-token-secret", "a token is sent but its secret is unknown", req, Secrets{ConsumerSecret: NewSecret("cs")}, `no token secret was given for oauth_token "tok"`},
		{"empty-token-verifies", "the signature verifies with an empty token secret: said, not claimed valid",
			headerRequest("GET", "https://api.example.com/x?a=1", noTokenAuth, true), Secrets{ConsumerSecret: NewSecret("cs")}, "verifies with an empty token secret"},
		{"other-key-only", "the secrets file has no entry for this consumer key", req, Secrets{ConsumerSecrets: secretMap(map[string]string{"other": "x"})}, `oauth_consumer_key "ck"`},
		{"rsa-no-key", "an RSA signature without a public key",
			headerRequest("GET", "https://api.example.com/x", `OAuth oauth_consumer_key="ck", oauth_signature_method="RSA-SHA1", oauth_signature="abc"`, true), Secrets{ConsumerSecret: NewSecret("cs")}, "no RSA public key"},
		{"unknown-method", "a signature method oauthdbg does not implement",
			headerRequest("GET", "https://api.example.com/x", `OAuth oauth_consumer_key="ck", oauth_signature_method="HMAC-MD5", oauth_signature="abc"`, true), Secrets{ConsumerSecret: NewSecret("cs")}, `"HMAC-MD5" is not one oauthdbg implements`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Check(tt.req, tt.secrets, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Valid || !strings.Contains(rep.Unchecked, tt.want) || rep.Cause != nil || rep.Unexplained != "" || rep.Signature.Expected != "" {
				t.Errorf("valid %v, unchecked %q (want %q: %s), cause %v, unexplained %q, expected %q", rep.Valid, rep.Unchecked, tt.want, tt.reason, rep.Cause, rep.Unexplained, rep.Signature.Expected)
			}
			if rep.BaseString == "" || len(rep.Steps) == 0 {
				t.Error("no base string or steps without secrets")
			}
		})
	}
}

// TestClientBaseString checks that, without secrets, a rebuild that gives
// the client's base string exactly is an explanation, and that the diff and
// its hints are made.
func TestClientBaseString(t *testing.T) {
	req := headerRequest("GET", "https://api.example.com/x?q=a%20b", `OAuth oauth_consumer_key="ck", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1", oauth_nonce="n", oauth_signature="abc"`, true)
	client := "GET&https%3A%2F%2Fapi.example.com%2Fx&oauth_consumer_key%3Dck%26oauth_nonce%3Dn%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1%26q%3Da%2Bb"
	rep, err := Check(req, Secrets{}, Options{ClientBaseString: client})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Cause == nil || rep.Cause.Proof != "client base string" || !slices.Contains(rep.Cause.IDs, "plus-for-space") {
		t.Fatalf("explanations %q", formatExplanations(rep.Explanations))
	}
	if rep.DiffAgainst != "client" || rep.Diff == nil || rep.Diff.B != client || !slices.ContainsFunc(rep.Hints, func(h DiffHint) bool { return h.ID == "plus-for-space" }) {
		t.Errorf("diff against %q, hints %+v", rep.DiffAgainst, rep.Hints)
	}
}

// TestServerBaseStringInResponse checks that a base string the provider put
// in its error response is read, diffed and hinted at.
func TestServerBaseStringInResponse(t *testing.T) {
	creds := basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}
	auth := signHeader(t, "GET", "https://api.example.com/x?a=1", stdParams, creds, basestring.KeyRFC)
	req := headerRequest("GET", "https://api.example.com/x?a=1", auth, true)
	server := "GET&http%3A%2F%2Fapi.example.com%2Fx&a%3D1%26oauth_consumer_key%3Dck%26oauth_nonce%3Dn%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1700000000%26oauth_token%3Dtok%26oauth_version%3D1.0"
	req.Response = &inspect.Response{Status: 401, Body: "oauth_problem=signature_invalid&debug_sbs=" + server}
	rep, err := Check(req, Secrets{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.ServerBaseString == nil || rep.ServerBaseString.BaseString != server {
		t.Fatalf("server base string %+v", rep.ServerBaseString)
	}
	if rep.DiffAgainst != "server" || rep.Diff == nil || rep.Diff.Equal() {
		t.Errorf("diff against %q", rep.DiffAgainst)
	}
}

// TestOnlyAndNoSearch checks the options that limit the search.
func TestOnlyAndNoSearch(t *testing.T) {
	creds := basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}
	auth := signHeader(t, "GET", "https://api.example.com/x?a=1", stdParams, creds, basestring.KeyNoTokenSecret)
	req := headerRequest("GET", "https://api.example.com/x?a=1", auth, true)
	secrets := Secrets{ConsumerSecret: NewSecret("cs"), TokenSecret: NewSecret("ts"), HasTokenSecret: true}
	tests := []struct {
		name, reason string
		opts         Options
		want         string
		searched     bool
	}{
		{"all", "the key mistake is found", Options{}, "key-missing-token-secret\n", true},
		{"only-it", "limited to the mistake made", Options{Only: []string{"key-missing-token-secret"}}, "key-missing-token-secret\n", true},
		{"only-others", "limited to mistakes not made: nothing explains it", Options{Only: []string{"plus-for-space", "scheme-mismatch"}}, "", true},
		{"no-search", "verify only", Options{NoSearch: true}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Check(req, secrets, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := formatExplanations(rep.Explanations); got != tt.want || (rep.Stats != nil) != tt.searched || (rep.Unexplained != "") != (tt.searched && tt.want == "") {
				t.Errorf("explanations %q, searched %v, unexplained %q; want %q (%s)", got, rep.Stats != nil, rep.Unexplained, tt.want, tt.reason)
			}
		})
	}
}

// TestCheckErrors checks the requests that cannot be checked at all.
func TestCheckErrors(t *testing.T) {
	ok := `OAuth oauth_consumer_key="ck", oauth_signature_method="HMAC-SHA1", oauth_signature="abc"`
	tests := []struct {
		name, reason string
		req          *inspect.Request
		opts         Options
		want         string
	}{
		{"nil", "no request", nil, Options{}, "compare: check: no request"},
		{"unsigned", "no oauth_signature anywhere", headerRequest("GET", "https://h/x", `OAuth oauth_consumer_key="ck", oauth_signature_method="HMAC-SHA1"`, true), Options{}, `compare: check t: no oauth_signature`},
		{"no-method", "oauth_signature without a method", headerRequest("GET", "https://h/x", `OAuth oauth_signature="abc"`, true), Options{}, "no oauth_signature_method"},
		{"bearer", "an Authorization header with another scheme is not a parameter source", headerRequest("GET", "https://h/x", "Bearer abc", true), Options{}, "no oauth_signature"},
		{"bad-only", "an unknown mistake id", headerRequest("GET", "https://h/x", ok, true), Options{Only: []string{"plus-for-spaces"}}, `unknown mistake id "plus-for-spaces"`},
		{"bad-server-url", "a server URL without a scheme", headerRequest("GET", "https://h/x", ok, true), Options{ServerURL: "internal:8080/x"}, "server url"},
		{"bad-query", "a malformed escape in the query", headerRequest("GET", "https://h/x?a=%zz", ok, true), Options{}, `malformed percent-encoding "%zz"`},
		{"no-host", "an origin-form URL with no Host header", &inspect.Request{Method: "GET", URL: "/x", Headers: []inspect.Header{{Name: "Authorization", Value: ok}}}, Options{}, "has no host"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Check(tt.req, Secrets{ConsumerSecret: NewSecret("cs")}, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q (%s)", err, tt.want, tt.reason)
			}
		})
	}
}

// TestReportJSON checks the JSON form: snake_case names, [] for empty lists,
// null for no cause, the HAR entry, and no PLAINTEXT secret.
func TestReportJSON(t *testing.T) {
	req := headerRequest("POST", "https://api.example.com/x", `OAuth oauth_consumer_key="ck", oauth_signature_method="PLAINTEXT", oauth_signature="s3cr3t-cs%26"`, true)
	req.Format, req.Origin.Entry = inspect.FormatHAR, 3
	rep, err := Check(req, Secrets{ConsumerSecret: NewSecret("s3cr3t-cs")}, Options{Steps: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(*rep) // a Report value, not only a pointer, is written in its JSON form
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema_version", "entry", "origin", "method", "url", "valid", "signature_method", "base_string", "reading", "signature", "cause", "explanations", "findings", "steps", "params"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON has no %q: %s", k, b)
		}
	}
	if m["valid"] != true || m["cause"] != nil || m["entry"] != float64(3) || m["schema_version"] != float64(SchemaVersion) {
		t.Errorf("valid %v, cause %v, entry %v, schema_version %v", m["valid"], m["cause"], m["entry"], m["schema_version"])
	}
	if ex, ok := m["explanations"].([]any); !ok || len(ex) != 0 {
		t.Errorf("explanations %v, want []", m["explanations"])
	}
	p := m["params"].([]any)[0].(map[string]any)
	for _, k := range []string{"name", "value", "source", "raw", "encoded_name", "encoded_value", "position"} {
		if _, ok := p[k]; !ok {
			t.Errorf("param has no %q: %v", k, p)
		}
	}
	if strings.Contains(string(b), "s3cr3t") {
		t.Errorf("the PLAINTEXT signature (the secret) is in the JSON: %s", b)
	}

	// An explanation's JSON.
	creds := basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}
	auth := signHeader(t, "GET", "https://api.example.com/x?a=1", stdParams, creds, basestring.KeyNoTokenSecret)
	rep, err = Check(headerRequest("GET", "https://api.example.com/x?a=1", auth, true), Secrets{ConsumerSecret: NewSecret("cs"), TokenSecret: NewSecret("ts"), HasTokenSecret: true}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(rep)
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	cause := m["cause"].(map[string]any)
	for _, k := range []string{"ids", "parts", "title", "detail", "fix", "base_string", "proof"} {
		if _, ok := cause[k]; !ok {
			t.Errorf("cause has no %q: %v", k, cause)
		}
	}
	if _, ok := m["search"].(map[string]any)["signatures"]; !ok {
		t.Errorf("no search stats: %s", b)
	}
}

// TestFoundCredentials checks that the consumer key and token the fast path
// finds are the ones the traced build collects, duplicates included (the
// first in collection order counts).
func TestFoundCredentials(t *testing.T) {
	for _, tc := range []struct {
		url, auth string
	}{
		{"https://a.example/x?b=1", `OAuth oauth_consumer_key="k%20%26%3D%25y", oauth_token="t~%C3%A9", oauth_signature_method="HMAC-SHA1", oauth_signature="x"`},
		{"https://a.example/x?oauth_token=", `OAuth oauth_consumer_key="k", oauth_signature_method="HMAC-SHA1", oauth_signature="x"`},
		{"https://a.example/x", `OAuth oauth_consumer_key="", oauth_signature_method="HMAC-SHA1", oauth_signature="x"`},
		{"https://a.example/x?oauth_consumer_key=b", `OAuth oauth_consumer_key="a", oauth_signature_method="HMAC-SHA1", oauth_signature="x"`},
		{"https://a.example/x?oauth_token=b", `OAuth oauth_consumer_key="a", oauth_token="z", oauth_signature_method="HMAC-SHA1", oauth_signature="x"`},
	} {
		rq := basestring.Request{Method: "GET", URL: tc.url, Authorization: tc.auth}
		res, err := basestring.Build(&rq, nil)
		if err != nil {
			t.Fatal(err)
		}
		ck, tok, has := requestParams(res)
		_, f, err := basestring.AppendBaseString(nil, &rq, nil)
		if err != nil {
			t.Fatal(err)
		}
		if f.ConsumerKey != ck || f.Token != tok || f.HasToken != has {
			t.Errorf("%s %s: AppendBaseString found %q, %q, %v; the traced build %q, %q, %v", tc.url, tc.auth, f.ConsumerKey, f.Token, f.HasToken, ck, tok, has)
		}
	}
}

// TestEmptyTokenAndSecret checks an oauth_token sent empty (read as no
// token: verified with an empty token secret even when the secrets name only
// other tokens, with an info finding) and a token whose given secret is
// empty (valid, with a warning that this is right only if the token's secret
// really is empty).
func TestEmptyTokenAndSecret(t *testing.T) {
	const u = "https://api.example.com/1/user"
	findingIDs := func(rep *Report) []string {
		var ids []string
		for _, f := range rep.Findings {
			ids = append(ids, f.ID)
		}
		return ids
	}
	t.Run("empty oauth_token", func(t *testing.T) {
		params := strings.Replace(stdParams, `oauth_token="tok"`, `oauth_token=""`, 1)
		auth := signHeader(t, "GET", u, params, basestring.Credentials{ConsumerSecret: "cs"}, basestring.KeyRFC)
		s := Secrets{ConsumerSecret: NewSecret("cs"), HasConsumerSecret: true, TokenSecrets: secretMap(map[string]string{"other": "ts"})}
		rep, err := Check(headerRequest("GET", u, auth, true), s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Valid || rep.Unchecked != "" || !slices.Contains(findingIDs(rep), "empty-token") {
			t.Errorf("valid %v, unchecked %q, findings %v; want valid with empty-token", rep.Valid, rep.Unchecked, findingIDs(rep))
		}
	})
	t.Run("empty token secret", func(t *testing.T) {
		auth := signHeader(t, "GET", u, stdParams, basestring.Credentials{ConsumerSecret: "cs"}, basestring.KeyRFC)
		s := Secrets{ConsumerSecret: NewSecret("cs"), HasConsumerSecret: true, HasTokenSecret: true}
		rep, err := Check(headerRequest("GET", u, auth, true), s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Valid || !slices.Contains(findingIDs(rep), "empty-token-secret") {
			t.Errorf("valid %v, findings %v; want valid with empty-token-secret", rep.Valid, findingIDs(rep))
		}
		// With the token's real secret the warning is not given.
		auth = signHeader(t, "GET", u, stdParams, basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}, basestring.KeyRFC)
		s.TokenSecret = NewSecret("ts")
		if rep, err = Check(headerRequest("GET", u, auth, true), s, Options{}); err != nil || !rep.Valid || slices.Contains(findingIDs(rep), "empty-token-secret") {
			t.Errorf("err %v, valid %v, findings %v; want valid without empty-token-secret", err, rep.Valid, findingIDs(rep))
		}
	})
}

// TestClientBaseVerified checks that the client's base string is signed with
// the secrets first: when it gives the supplied signature it is proven (the
// hints are then the cause, and the unexplained text says the secrets are
// right); with other secrets it is not; and its scheme picks the reading
// when the capture does not say the scheme, so no scheme hint contradicts it.
func TestClientBaseVerified(t *testing.T) {
	creds := basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}
	s := Secrets{ConsumerSecret: NewSecret("cs"), HasConsumerSecret: true, TokenSecret: NewSecret("ts"), HasTokenSecret: true}
	const u = "http://api.example.com/1/update?status=hello"
	auth := "OAuth " + stdParams
	rq := basestring.Request{Method: "GET", URL: u, Authorization: auth}
	res, err := basestring.Build(&rq, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The client signed another value than it sent: not a catalogue mistake.
	client := strings.Replace(res.BaseString, "status%3Dhello", "status%3Dhellp", 1)
	m, _ := basestring.MethodByName("HMAC-SHA1")
	sig, err := m.Sign([]byte(client), creds, basestring.KeyRFC)
	if err != nil {
		t.Fatal(err)
	}
	signed := auth + `, oauth_signature="` + basestring.Encode(sig) + `"`
	// Origin-form: the capture does not say http or https.
	req := headerRequest("GET", u, signed, false)
	rep, err := Check(req, s, Options{ClientBaseString: client})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid || rep.ClientBase == nil || !rep.ClientBase.Verified {
		t.Fatalf("valid %v, client base %+v: want a proven client base string", rep.Valid, rep.ClientBase)
	}
	if rep.Reading.Scheme != "http" {
		t.Errorf("reading scheme %q, want http from the client's base string", rep.Reading.Scheme)
	}
	for _, h := range rep.Hints {
		if h.ID == "scheme-mismatch" {
			t.Errorf("a scheme hint the client's own http base string contradicts: %+v", h)
		}
	}
	if !strings.Contains(rep.Unexplained, "the secrets are right") {
		t.Errorf("unexplained %q does not say the secrets are right", rep.Unexplained)
	}
	// With other secrets the client's base string is not proven.
	rep, err = Check(req, Secrets{ConsumerSecret: NewSecret("other"), HasConsumerSecret: true, TokenSecret: NewSecret("ts"), HasTokenSecret: true}, Options{ClientBaseString: client})
	if err != nil {
		t.Fatal(err)
	}
	if rep.ClientBase == nil || rep.ClientBase.Verified || strings.Contains(rep.Unexplained, "the secrets are right") {
		t.Errorf("client base %+v, unexplained %q: want unproven", rep.ClientBase, rep.Unexplained)
	}
}

// TestHostCandidatesFromCapture checks the hosts host-mismatch takes from
// the capture beyond its proxy headers: the host in the base string a
// provider's error body shows, and the hosts other requests of the capture
// went to (Options.CaptureHosts).
func TestHostCandidatesFromCapture(t *testing.T) {
	creds := basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}
	s := Secrets{ConsumerSecret: NewSecret("cs"), HasConsumerSecret: true, TokenSecret: NewSecret("ts"), HasTokenSecret: true}
	signedFor := func(host string) string {
		return signHeader(t, "GET", "https://"+host+"/1/user", stdParams, creds, basestring.KeyRFC)
	}
	t.Run("error body", func(t *testing.T) {
		req := headerRequest("GET", "https://api.example.com/1/user", signedFor("backend.example.net"), true)
		req.Response = &inspect.Response{Status: 401, Body: "oauth_problem=signature_invalid&debug_sbs=GET&https%3A%2F%2Fbackend.example.net%2F1%2Fuser&oauth_consumer_key%3Dck"}
		rep, err := Check(req, s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Cause == nil || rep.Cause.IDs[0] != "host-mismatch" || !strings.Contains(rep.Cause.Detail, "the provider's error body") {
			t.Errorf("cause %+v; want host-mismatch from the provider's error body", rep.Cause)
		}
	})
	t.Run("other requests", func(t *testing.T) {
		req := headerRequest("GET", "https://api.example.com/1/user", signedFor("api2.example.org"), true)
		rep, err := Check(req, s, Options{CaptureHosts: []string{"api2.example.org"}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Cause == nil || rep.Cause.IDs[0] != "host-mismatch" || !strings.Contains(rep.Cause.Detail, "another request of the capture") {
			t.Errorf("cause %+v; want host-mismatch from another request of the capture", rep.Cause)
		}
	})
}

// TestSignedURLHostCase checks that --signed-url is used when it differs
// from the capture only in the case of its host: the client signed that
// spelling without lower-casing it (host-case).
func TestSignedURLHostCase(t *testing.T) {
	s := Secrets{ConsumerSecret: NewSecret("cs"), HasConsumerSecret: true, TokenSecret: NewSecret("ts"), HasTokenSecret: true}
	rq := basestring.Request{Method: "GET", URL: "https://API.Example.com/1/user", Authorization: "OAuth " + stdParams}
	base, _, err := basestring.AppendBaseString(nil, &rq, &basestring.Options{ParamRules: basestring.ParamRules{}, KeepHostCase: true})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := basestring.MethodByName("HMAC-SHA1")
	sig, err := m.Sign(base, basestring.Credentials{ConsumerSecret: "cs", TokenSecret: "ts"}, basestring.KeyRFC)
	if err != nil {
		t.Fatal(err)
	}
	req := headerRequest("GET", "https://api.example.com/1/user", "OAuth "+stdParams+`, oauth_signature="`+basestring.Encode(sig)+`"`, true)
	rep, err := Check(req, s, Options{SignedURL: "https://API.Example.com/1/user"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Cause == nil || rep.Cause.IDs[0] != "host-case" || !strings.Contains(rep.Cause.Detail, "the signed URL") {
		t.Errorf("cause %+v, unexplained %q; want host-case from the signed URL", rep.Cause, rep.Unexplained)
	}
}
