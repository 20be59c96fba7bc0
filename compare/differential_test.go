package compare

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	mrand "math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// gen makes random requests signed correctly, for the differential tests.
type gen struct {
	rng *mrand.Rand
	rsa *rsa.PrivateKey
}

// text returns a random string of up to n characters drawn from ASCII
// letters, reserved and unsafe characters, and non-ASCII text.
func (g *gen) text(n int) string {
	pieces := []string{"a", "Z", "0", "-", ".", "_", "~", " ", "!", "\"", "#", "$", "%", "&", "'", "(", ")", "*", "+", ",", "/", ":", ";", "<", "=", ">", "?", "@", "[", "\\", "]", "^", "`", "{", "|", "}", "é", "中", "🦊", "\t"}
	var b strings.Builder
	for range g.rng.IntN(n + 1) {
		b.WriteString(pieces[g.rng.IntN(len(pieces))])
	}
	return b.String()
}

// pick returns one of the choices.
func pick[T any](g *gen, choices ...T) T { return choices[g.rng.IntN(len(choices))] }

// formEncode encodes s for a query or form body the many ways clients do:
// unreserved bytes raw or escaped, a space as "+" or %20, hex in either case.
func (g *gen) formEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' && g.rng.IntN(2) == 0:
			b.WriteByte('+')
		case basestring.Encode(string(c)) == string(c) && g.rng.IntN(8) != 0:
			b.WriteByte(c)
		default:
			hex := fmt.Sprintf("%%%02X", c)
			if g.rng.IntN(3) == 0 {
				hex = strings.ToLower(hex)
			}
			b.WriteString(hex)
		}
	}
	return b.String()
}

// pathSegment is a path segment as sent: unreserved, sub-delims and escapes.
func (g *gen) pathSegment() string {
	pieces := []string{"a", "B", "9", "-", ".", "_", "~", "!", "$", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@", "%20", "%2F", "%C3%A9", "%7e", "&"}
	var b strings.Builder
	for range 1 + g.rng.IntN(6) {
		b.WriteString(pieces[g.rng.IntN(len(pieces))])
	}
	return b.String()
}

type genParam struct{ name, value string }

func (g *gen) params(n int) []genParam {
	var ps []genParam
	for range g.rng.IntN(n + 1) {
		p := genParam{g.text(6), g.text(8)}
		switch g.rng.IntN(6) {
		case 0:
			if len(ps) > 0 { // a duplicate name
				p.name = ps[g.rng.IntN(len(ps))].name
			}
		case 1:
			p.value = ""
		}
		ps = append(ps, p)
	}
	return ps
}

func (g *gen) form(ps []genParam) string {
	var pairs []string
	for _, p := range ps {
		if p.value == "" && g.rng.IntN(3) == 0 {
			pairs = append(pairs, g.formEncode(p.name)) // a name without "="
			continue
		}
		pairs = append(pairs, g.formEncode(p.name)+"="+g.formEncode(p.value))
	}
	return strings.Join(pairs, "&")
}

// request returns a request signed correctly (RFC 5849) and its secrets.
func (g *gen) request(i int) (*inspect.Request, Secrets) {
	scheme := pick(g, "http", "https", "HTTP", "Https")
	host := pick(g, "api", "API", "a-b") + strconv.Itoa(g.rng.IntN(100)) + pick(g, ".example.com", ".Example.ORG", ".xn--bcher-kva.example")
	if g.rng.IntN(12) == 0 {
		host = "[2001:db8::" + strconv.Itoa(g.rng.IntN(99)) + "]"
	}
	switch g.rng.IntN(5) {
	case 0:
		host += ":" + basestring.DefaultPort(scheme)
	case 1:
		host += ":" + pick(g, "80", "443") // the other scheme's default: kept
	case 2:
		host += ":" + strconv.Itoa(1024+g.rng.IntN(60000))
	}
	path := ""
	if g.rng.IntN(6) != 0 {
		for range 1 + g.rng.IntN(3) {
			path += "/" + g.pathSegment()
		}
		if g.rng.IntN(4) == 0 {
			path += "/"
		}
	}
	method := pick(g, "GET", "POST", "PUT", "DELETE", "PATCH", "get", "Post")

	sigMethod := pick(g, "HMAC-SHA1", "HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT", "RSA-SHA1", "RSA-SHA256")
	oauth := []genParam{
		{"oauth_consumer_key", g.text(10)},
		{"oauth_signature_method", sigMethod},
		{"oauth_timestamp", strconv.Itoa(1e9 + g.rng.IntN(1e9))},
		{"oauth_nonce", g.text(12)},
	}
	hasToken := g.rng.IntN(3) != 0
	if hasToken {
		oauth = append(oauth, genParam{"oauth_token", g.text(10)})
	}
	if g.rng.IntN(2) == 0 {
		oauth = append(oauth, genParam{"oauth_version", "1.0"})
	}
	if g.rng.IntN(5) == 0 {
		oauth = append(oauth, genParam{"oauth_callback", "https://client.example/cb?x=" + g.text(5)})
	}
	g.rng.Shuffle(len(oauth), func(i, j int) { oauth[i], oauth[j] = oauth[j], oauth[i] })

	query := g.params(5)
	var bodyParams []genParam
	var body []byte
	ct := ""
	switch g.rng.IntN(4) {
	case 0:
		ct = pick(g, "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8", "Application/X-WWW-Form-URLEncoded")
		bodyParams = g.params(5)
	case 1:
		ct = pick(g, "application/json", "text/plain", "")
		body = []byte(pick(g, `{"status":"a b&c=d"}`, "a=b&c=%zz", "\x00\x01binary"))
	}
	place := pick(g, "header", "header", "header", "query", "body")
	if place == "body" && ct == "" || place == "body" && !basestring.IsFormContentType(ct) {
		place = "query"
	}
	switch place {
	case "query":
		query = append(query, oauth...)
	case "body":
		bodyParams = append(bodyParams, oauth...)
	}
	target := path
	if q := g.form(query); q != "" || g.rng.IntN(5) == 0 {
		target += "?" + q
	}
	if basestring.IsFormContentType(ct) {
		body = []byte(g.form(bodyParams))
	}
	auth := ""
	if place == "header" {
		var pairs []string
		if g.rng.IntN(3) == 0 {
			pairs = append(pairs, `realm="`+basestring.Encode(g.text(5))+`"`)
		}
		for _, p := range oauth {
			pairs = append(pairs, p.name+`="`+basestring.Encode(p.value)+`"`)
		}
		auth = pick(g, "OAuth ", "oauth ", "OAuth  ") + strings.Join(pairs, pick(g, ", ", ",", ",\n  "))
	}

	creds := basestring.Credentials{ConsumerSecret: g.text(12), PrivateKey: g.rsa}
	if hasToken {
		creds.TokenSecret = g.text(12)
	}
	urlPath := target
	if urlPath == "" || urlPath[0] == '?' {
		urlPath = target // an empty path: the base string URI gets "/"
	}
	rq := basestring.Request{Method: method, URL: scheme + "://" + host + urlPath, Authorization: auth, ContentType: ct, Body: body}
	base, _, err := basestring.AppendBaseString(nil, &rq, nil)
	if err != nil {
		panic(fmt.Sprintf("gen %d: %v", i, err))
	}
	m, _ := basestring.MethodByName(sigMethod)
	sig, err := m.Sign(base, creds, basestring.KeyRFC)
	if err != nil {
		panic(fmt.Sprintf("gen %d: %v", i, err))
	}
	switch place {
	case "header":
		auth += `, oauth_signature="` + basestring.Encode(sig) + `"`
	case "query":
		sep := "&"
		if !strings.Contains(target, "?") {
			sep = "?"
		}
		target += sep + "oauth_signature=" + basestring.Encode(sig)
	case "body":
		body = append(body, "&oauth_signature="+basestring.Encode(sig)...)
	}

	r := &inspect.Request{Method: method, ContentType: ct, Body: body, Origin: inspect.Origin{Name: "gen-" + strconv.Itoa(i), Entry: -1}}
	if auth != "" {
		r.Headers = append(r.Headers, inspect.Header{Name: pick(g, "Authorization", "authorization"), Value: auth})
	}
	if ct != "" {
		r.Headers = append(r.Headers, inspect.Header{Name: "Content-Type", Value: ct})
	}
	if g.rng.IntN(4) == 0 {
		r.Forwarding.Host = "public.example.net"
		r.Forwarding.Proto = "https"
	}
	switch g.rng.IntN(3) {
	case 0: // a raw request that does not say its scheme
		r.Host = host
		r.URL = "http://" + host + target
	case 1: // an absolute URL and a Host header
		r.Host, r.URL, r.SchemeKnown = host, scheme+"://"+host+target, true
	default: // an absolute URL only (HTTP/2, HAR without Host)
		r.URL, r.SchemeKnown = scheme+"://"+host+target, true
	}
	if r.SchemeKnown {
		r.Scheme = strings.ToLower(scheme)
	}
	r.Target = target

	var s Secrets
	ck := ""
	for _, p := range oauth {
		if p.name == "oauth_consumer_key" {
			ck = p.value
		}
	}
	if g.rng.IntN(2) == 0 {
		s.ConsumerSecret, s.HasConsumerSecret, s.TokenSecret, s.HasTokenSecret = NewSecret(creds.ConsumerSecret), true, NewSecret(creds.TokenSecret), true
	} else {
		s.ConsumerSecrets = secretMap(map[string]string{ck: creds.ConsumerSecret, "other": "x"})
		s.TokenSecret, s.HasTokenSecret = NewSecret(creds.TokenSecret), true
		s.ConsumerSecret = NewSecret("a stale secret for other keys")
	}
	if g.rsa != nil {
		s.RSAPublicKeys = map[string]*rsa.PublicKey{ck: &g.rsa.PublicKey}
	}
	return r, s
}

// TestDifferentialCorrect signs thousands of generated requests correctly
// (random names and values with reserved and non-ASCII characters,
// duplicates, empty values, default and other ports, schemes in odd case,
// form and other bodies, parameters in the header, query or body, every
// signature method) and checks that none is reported invalid.
func TestDifferentialCorrect(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	g := &gen{rng: mrand.New(mrand.NewPCG(1, 2)), rsa: key}
	n := 2000
	if testing.Short() {
		n = 300
	}
	for i := range n {
		req, s := g.request(i)
		rep, err := Check(req, s, Options{})
		if err != nil {
			t.Fatalf("request %d (%s %q, Host %q, Authorization %q, body %q): %v", i, req.Method, req.URL, req.Host, req.Header("Authorization"), req.Body, err)
		}
		if !rep.Valid || rep.Unchecked != "" {
			t.Fatalf("request %d reported invalid (unchecked %q, explanations %q):\n%s %s\nHost: %q\nAuthorization: %s\nContent-Type: %q\nbody %q\nbase string %s", i, rep.Unchecked, formatExplanations(rep.Explanations), req.Method, req.URL, req.Host, req.Header("Authorization"), req.ContentType, req.Body, rep.BaseString)
		}
	}
}
