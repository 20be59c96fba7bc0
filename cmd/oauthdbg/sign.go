package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/compare"
)

// signFlags are the flags of "oauthdbg sign".
type signFlags struct {
	url, method, data  string
	headers            []string
	consumerKey, token string
	secrets            secretFlags
	sigMethod          string
	privateKey         string
	nonce, timestamp   string
	callback, verifier string
	realm              string
	transport          string
	mistake            string
	mistakePart        string
	json               bool
	color              colorMode
}

// signed is what sign prints: the request a client would send, and how it
// was signed. It is also sign's --json output.
type signed struct {
	Method          string   `json:"method"`
	URL             string   `json:"url"`
	Transport       string   `json:"transport"`
	OAuthParams     []kv     `json:"oauth_params"`
	BaseString      string   `json:"base_string"`
	SignatureMethod string   `json:"signature_method"`
	Signature       string   `json:"signature"`
	Authorization   string   `json:"authorization,omitempty"`
	Headers         []string `json:"headers,omitempty"`
	ContentType     string   `json:"content_type,omitempty"`
	Body            string   `json:"body,omitempty"`
	SignedURL       string   `json:"signed_url,omitempty"`
	Curl            string   `json:"curl"`
	// Mistake is the catalogue id signed with, the part of the request it
	// concerns (compare.Replayed's Label) and what the client did, and the
	// correct values next to them.
	Mistake           string `json:"mistake,omitempty"`
	MistakePart       string `json:"mistake_part,omitempty"`
	MistakeDetail     string `json:"mistake_detail,omitempty"`
	CorrectBaseString string `json:"correct_base_string,omitempty"`
	CorrectSignature  string `json:"correct_signature,omitempty"`

	// requestURL is the URL before any oauth_ parameter was added.
	requestURL string
	// note is a remark for stderr, e.g. the other parts a mistake concerns.
	note string
	// final is the request as sent, from which display rebuilds the curl.
	final signInput
}

// display returns the signed request as it is shown: each field that holds
// a secret (a PLAINTEXT signature in the signature, the Authorization
// header, the query or the body) rebuilt as compare.Text from its structure
// and rendered with show and escape (nil for JSON), and the curl command
// made again from the shown parts.
func (s *signed) display(show bool, escape func(string) string) *signed {
	m := s.SignatureMethod
	d := *s
	d.Signature = compare.SignatureText(s.Signature, m).Render(show, escape)
	d.CorrectSignature = compare.SignatureText(s.CorrectSignature, m).Render(show, escape)
	d.Authorization = compare.HeaderText("Authorization", s.Authorization, m).Render(show, escape)
	d.URL = compare.URLText(s.URL, m).Render(show, escape)
	d.SignedURL = compare.URLText(s.SignedURL, m).Render(show, escape)
	d.requestURL = compare.URLText(s.requestURL, m).Render(show, escape)
	d.Body = compare.BodyText(s.Body, m).Render(show, escape)
	d.BaseString = compare.BaseStringText(s.BaseString, m).Render(show, escape)
	d.CorrectBaseString = compare.BaseStringText(s.CorrectBaseString, m).Render(show, escape)
	if escape != nil {
		d.Method, d.MistakePart, d.MistakeDetail = escape(s.Method), escape(s.MistakePart), escape(s.MistakeDetail)
		d.Headers = make([]string, len(s.Headers))
		for i, h := range s.Headers {
			d.Headers[i] = escape(h)
		}
	}
	f := s.final
	f.url, f.body, f.headers, f.method = d.URL, d.Body, d.Headers, d.Method
	d.Curl = curlCommand(f, d.Authorization)
	return &d
}

// kv is one parameter, in order.
type kv struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

func (c *cli) sign(args []string) error {
	var f signFlags
	f.color = colorAuto
	fs := c.newFlagSet("sign")
	fs.StringVar(&f.url, "url", "", "")
	fs.StringVarP(&f.method, "method", "X", "", "")
	fs.StringVarP(&f.data, "data", "d", "", "")
	fs.StringArrayVarP(&f.headers, "header", "H", nil, "")
	fs.StringVar(&f.consumerKey, "consumer-key", "", "")
	fs.StringVar(&f.token, "token", "", "")
	f.secrets.register(fs)
	fs.StringVar(&f.sigMethod, "signature-method", "HMAC-SHA1", "")
	fs.StringVar(&f.privateKey, "private-key", "", "")
	fs.StringVar(&f.nonce, "nonce", "", "")
	fs.StringVar(&f.timestamp, "timestamp", "", "")
	fs.StringVar(&f.callback, "callback", "", "")
	fs.StringVar(&f.verifier, "verifier", "", "")
	fs.StringVar(&f.realm, "realm", "", "")
	fs.StringVar(&f.transport, "transport", "header", "")
	fs.StringVar(&f.mistake, "mistake", "", "")
	fs.StringVar(&f.mistakePart, "mistake-part", "", "")
	fs.BoolVar(&f.json, "json", false, "")
	fs.Var(&f.color, "color", "")
	if done, err := c.parseFlags(fs, args, "sign"); done {
		return err
	}
	secrets, err := c.loadSecrets(fs, &f.secrets)
	if err != nil {
		return err
	}

	switch {
	case fs.NArg() > 1:
		return usageErr(fmt.Sprintf("sign takes one URL, got %d arguments", fs.NArg()),
			"quote the URL: oauthdbg sign 'https://example.com/path?a=1&b=2'")
	case fs.NArg() == 1 && f.url != "":
		return usageErr("give the URL either as an argument or with --url, not both")
	case fs.NArg() == 1:
		f.url = fs.Arg(0)
	case f.url == "":
		return usageErr("no URL to sign", "run: oauthdbg sign --consumer-key KEY --url 'https://example.com/path'")
	}
	if f.consumerKey == "" {
		return usageErr("--consumer-key is required", "the consumer key identifies the client (oauth_consumer_key)")
	}
	if fs.Changed("mistake-part") && f.mistake == "" {
		return usageErr("--mistake-part needs --mistake", "add --mistake ID; run 'oauthdbg explain' for the catalogue")
	}
	in := signInput{url: f.url, body: f.data, realm: f.realm, transport: f.transport}
	switch f.transport {
	case "header", "query", "body":
	default:
		return usageErr(fmt.Sprintf("--transport %q is not header, query or body", f.transport))
	}
	for _, h := range f.headers {
		name, value, ok := strings.Cut(h, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return usageErr(fmt.Sprintf("--header %q is not NAME: VALUE", truncate(h, 60)), `write it as -H 'Content-Type: application/json'`)
		}
		value = strings.TrimSpace(value)
		if strings.ContainsAny(name, "\r\n") || strings.ContainsAny(value, "\r\n") {
			// A CR or LF would end the header inside the request and the curl
			// command sign prints (header injection).
			return usageErr(fmt.Sprintf("--header %s holds a CR or LF", visible(truncate(name, 60))), "give each header with its own -H; a header value cannot span lines")
		}
		switch strings.ToLower(name) {
		case "authorization":
			return usageErr("--header Authorization is what sign writes", "drop it; use --realm for the realm")
		case "content-type":
			in.contentType = value
		case "host":
			in.host = value
		}
		in.headers = append(in.headers, name+": "+value)
	}
	if in.contentType == "" && (f.data != "" || f.transport == "body") {
		in.contentType = "application/x-www-form-urlencoded"
		in.defaultContentType = true
	}
	if f.data != "" && basestring.IsFormContentType(in.contentType) {
		enc, err := formEncodeData(f.data)
		if err != nil {
			return usageErr(fmt.Sprintf("-d/--data: %v", err), "give name=value pairs joined by &, as text or already percent-encoded")
		}
		if enc != f.data {
			in.body = enc
			fmt.Fprintf(&c.errOut, "oauthdbg: note: -d form-encoded for an application/x-www-form-urlencoded body: %s\n", visible(truncate(enc, 200)))
		}
	}
	in.method = f.method
	if in.method == "" {
		in.method = "GET"
		if f.data != "" || f.transport == "body" {
			in.method = "POST"
		}
	}
	if f.transport == "body" {
		if !basestring.IsFormContentType(in.contentType) {
			return usageErr(fmt.Sprintf("--transport body needs a form body, and the Content-Type is %q", in.contentType),
				"RFC 5849 §3.5.2: parameters go in the body only when it is application/x-www-form-urlencoded")
		}
		if m := strings.ToUpper(in.method); m == "GET" || m == "HEAD" {
			return usageErr(fmt.Sprintf("--transport body needs a method with a body, not %s", in.method), "add -X POST")
		}
	}

	m, err := basestring.MethodByName(f.sigMethod)
	if err != nil {
		return usageErr(fmt.Sprintf("--signature-method: %v", err))
	}
	in.sigMethod = m
	isRSA := strings.HasPrefix(m.Name(), "RSA-")
	if isRSA {
		if f.privateKey == "" {
			return usageErr(m.Name()+" needs --private-key FILE", "give the client's RSA private key in PEM")
		}
		data, err := c.readFile(f.privateKey)
		if err != nil {
			return pathArgError("--private-key", "private key", f.privateKey, err)
		}
		if in.creds.PrivateKey, err = basestring.ParsePrivateKey(data); err != nil {
			return usageErr(fmt.Sprintf("read private key %s: %v", f.privateKey, err), "the key must be PEM: RSA PRIVATE KEY (PKCS #1) or PRIVATE KEY (PKCS #8)")
		}
	} else {
		if f.privateKey != "" {
			return usageErr(fmt.Sprintf("--private-key is for RSA-SHA1 and RSA-SHA256, not %s", m.Name()))
		}
		cs, ok := consumerSecretFor(secrets, f.consumerKey)
		if !ok {
			return usageErr("no consumer secret for consumer key "+strconv.Quote(f.consumerKey),
				"give it with --consumer-secret, "+envConsumerSecret+" or --secrets FILE")
		}
		in.creds.ConsumerSecret = cs
		if f.token != "" {
			ts, ok := tokenSecretFor(secrets, f.token)
			if !ok {
				return usageErr("no token secret for token "+strconv.Quote(f.token),
					"give it with --token-secret, "+envTokenSecret+" or --secrets FILE")
			}
			in.creds.TokenSecret = ts
		}
	}

	ts := f.timestamp
	if ts == "" {
		ts = strconv.FormatInt(c.now().Unix(), 10)
	} else if _, err := strconv.ParseUint(ts, 10, 63); err != nil {
		return usageErr(fmt.Sprintf("--timestamp %q is not a number of seconds since 1970", ts))
	}
	nonce := f.nonce
	if nonce == "" {
		if nonce, err = c.nonce(); err != nil {
			return err
		}
	}
	in.oauth = []kv{{"oauth_consumer_key", f.consumerKey}}
	if f.token != "" {
		in.oauth = append(in.oauth, kv{"oauth_token", f.token})
	}
	in.oauth = append(in.oauth,
		kv{"oauth_signature_method", m.Name()},
		kv{"oauth_timestamp", ts},
		kv{"oauth_nonce", nonce},
		kv{"oauth_version", "1.0"})
	if f.callback != "" {
		in.oauth = append(in.oauth, kv{"oauth_callback", f.callback})
	}
	if f.verifier != "" {
		in.oauth = append(in.oauth, kv{"oauth_verifier", f.verifier})
	}
	if f.data != "" && !basestring.IsFormContentType(in.contentType) {
		// OAuth Request Body Hash: a body that is not signed as parameters
		// is covered by its hash.
		in.oauth = append(in.oauth, kv{"oauth_body_hash", basestring.BodyHash([]byte(in.body), m.Name())})
	}
	in.mistake, in.mistakePart, in.partSet = f.mistake, f.mistakePart, fs.Changed("mistake-part")

	out, err := signRequest(in)
	if err != nil {
		return err
	}
	if out.note != "" {
		fmt.Fprintf(&c.errOut, "oauthdbg: note: %s\n", out.note)
	}
	if f.json {
		enc := json.NewEncoder(&c.out)
		enc.SetEscapeHTML(false)
		return enc.Encode(out.display(c.show, nil))
	}
	c.renderSigned(newPalette(c.useColor(f.color)), out.display(c.show, visible))
	return nil
}

// signInput is a request to sign, with its secrets and the way to sign it.
type signInput struct {
	method, url        string
	host               string
	headers            []string // "Name: Value", Authorization excluded
	contentType        string
	defaultContentType bool // contentType was not given but implied by --data
	body               string
	oauth              []kv // the oauth_ parameters, signature excluded, in order
	realm              string
	transport          string
	sigMethod          basestring.Method
	creds              basestring.Credentials
	// mistake is the catalogue id to sign with ("" signs correctly), and
	// mistakePart the part it concerns when partSet (else the first).
	mistake     string
	mistakePart string
	partSet     bool
}

// signRequest signs in: it places the oauth_ parameters in the transport,
// builds the base string of the request as sent (RFC 5849 §3.4.1), signs it,
// and writes the signature into the request.
func signRequest(in signInput) (*signed, error) {
	if _, err := basestring.SplitURL(in.url); err != nil {
		return nil, usageErr(fmt.Sprintf("--url: %v", err), "give an absolute URL, e.g. https://api.example.com/1.0/user")
	}
	req := in.request("")
	correct, err := basestring.Build(req, nil)
	if err != nil {
		return nil, usageErr(err.Error())
	}
	out := &signed{
		Method:          in.method,
		requestURL:      in.url,
		Transport:       in.transport,
		OAuthParams:     in.oauth,
		SignatureMethod: in.sigMethod.Name(),
		BaseString:      correct.BaseString,
	}
	sig, err := in.sigMethod.Sign([]byte(correct.BaseString), in.creds, basestring.KeyRFC)
	if err != nil {
		return nil, usageErr(fmt.Sprintf("sign: %v", err))
	}
	out.Signature = sig
	encSig := basestring.Encode(sig)
	if in.mistake != "" {
		mc, err := replayMistake(in)
		if err != nil {
			return nil, err
		}
		r := mc.chosen
		out.Mistake, out.MistakePart, out.MistakeDetail = r.ID, r.Label, r.Detail
		out.CorrectBaseString, out.CorrectSignature = correct.BaseString, sig
		out.BaseString, out.Signature = r.BaseString, r.Signature
		encSig = r.Encoded
		if !in.partSet {
			out.note = mc.note(r.ID)
		}
	}

	final, authorization := in.withSignature(encSig)
	out.Authorization = authorization
	out.URL = final.url
	out.Headers = in.headers
	out.ContentType = in.contentType
	out.Body = final.body
	if in.transport == "query" {
		out.SignedURL = final.url
	} else if in.mistake == "" && in.transport == "header" {
		// The base string does not depend on where the parameters travel
		// (RFC 5849 §3.4.1.3.1), so the same signature works in the query.
		out.SignedURL = addPairs(in.url, in.oauth, basestring.Encode(out.Signature))
	}
	out.Curl = curlCommand(final, out.Authorization)
	out.final = final
	return out, nil
}

// withSignature returns the request with the oauth_ parameters in its
// transport and oauth_signature=encSig among them ("" leaves it out), and
// the Authorization header when they travel in it.
func (in signInput) withSignature(encSig string) (final signInput, authorization string) {
	final = in
	switch in.transport {
	case "header":
		authorization = authHeader(in.realm, in.oauth, encSig)
	case "query":
		final.url = addPairs(in.url, in.oauth, encSig)
	case "body":
		final.body = joinForm(in.body, in.oauth, encSig)
	}
	return final, authorization
}

// request returns the request as the server receives it, for base strings;
// authSig is the encoded signature to put in the Authorization header, or "".
func (in signInput) request(authSig string) *basestring.Request {
	r := &basestring.Request{Method: in.method, URL: in.url, Host: in.host, ContentType: in.contentType, Body: []byte(in.body)}
	switch in.transport {
	case "header":
		r.Authorization = authHeader(in.realm, in.oauth, authSig)
	case "query":
		r.URL = addPairs(in.url, in.oauth, authSig)
	case "body":
		r.Body = []byte(joinForm(in.body, in.oauth, authSig))
	}
	return r
}

// authHeader writes an Authorization header value (RFC 5849 §3.5.1):
// realm first, then each parameter encoded and quoted, then the signature
// when encSig is not empty.
func authHeader(realm string, params []kv, encSig string) string {
	var b strings.Builder
	b.WriteString("OAuth ")
	sep := ""
	if realm != "" {
		b.WriteString(`realm="` + strings.ReplaceAll(realm, `"`, `\"`) + `"`)
		sep = ", "
	}
	for _, p := range params {
		b.WriteString(sep + basestring.Encode(p.Name) + `="` + basestring.Encode(p.Value) + `"`)
		sep = ", "
	}
	if encSig != "" {
		b.WriteString(sep + `oauth_signature="` + encSig + `"`)
	}
	return b.String()
}

// encodePairs joins params as name=value&…, encoded (RFC 5849 §3.5.2, §3.5.3).
func encodePairs(params []kv, encSig string) string {
	parts := make([]string, 0, len(params)+1)
	for _, p := range params {
		parts = append(parts, basestring.Encode(p.Name)+"="+basestring.Encode(p.Value))
	}
	if encSig != "" {
		parts = append(parts, "oauth_signature="+encSig)
	}
	return strings.Join(parts, "&")
}

// addPairs appends params to the query of rawURL, before any fragment.
func addPairs(rawURL string, params []kv, encSig string) string {
	frag := ""
	if i := strings.IndexByte(rawURL, '#'); i >= 0 {
		rawURL, frag = rawURL[:i], rawURL[i:]
	}
	pairs := encodePairs(params, encSig)
	switch {
	case !strings.Contains(rawURL, "?"):
		rawURL += "?" + pairs
	case strings.HasSuffix(rawURL, "?") || strings.HasSuffix(rawURL, "&"):
		rawURL += pairs
	default:
		rawURL += "&" + pairs
	}
	return rawURL + frag
}

// joinForm appends params to a form body.
func joinForm(body string, params []kv, encSig string) string {
	pairs := encodePairs(params, encSig)
	if body == "" {
		return pairs
	}
	return body + "&" + pairs
}

// curlCommand writes a curl command that sends the request.
func curlCommand(in signInput, authorization string) string {
	parts := []string{"curl"}
	defaultMethod := "GET"
	if in.body != "" {
		defaultMethod = "POST"
	}
	if in.method != defaultMethod {
		parts = append(parts, "-X", shellQuote(in.method))
	}
	if authorization != "" {
		parts = append(parts, "-H", shellQuote("Authorization: "+authorization))
	}
	for _, h := range in.headers {
		parts = append(parts, "-H", shellQuote(h))
	}
	if in.body != "" {
		parts = append(parts, "--data-raw", shellQuote(in.body))
	}
	parts = append(parts, shellQuote(in.url))
	return strings.Join(parts, " ")
}

// formEncodeData makes -d text an application/x-www-form-urlencoded body:
// each name and value between the "&" and the first "=" keeps its valid
// %XX escapes and "+" (a space in form encoding) and has every other byte
// outside the unreserved set percent-encoded (RFC 3986, a space as %20), so
// that what is sent is what a server decodes. A "%" not followed by two hex
// digits is refused: whether it is a literal or a broken escape is not
// known.
func formEncodeData(data string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '%':
			if i+2 >= len(data) || !isHex(data[i+1]) || !isHex(data[i+2]) {
				return "", fmt.Errorf("%q at byte %d is not a percent-escape; write a literal %% as %%25", truncate(data[i:], 8), i+1)
			}
			b.WriteString(data[i : i+3])
			i += 2
		case c == '&' || c == '=' || c == '+' || isUnreservedByte(c):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String(), nil
}

// isUnreservedByte reports whether c is unreserved (RFC 3986 §2.3).
func isUnreservedByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}
