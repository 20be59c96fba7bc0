package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/compare"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// flowFlags are the flags of "oauthdbg flow".
type flowFlags struct {
	provider, baseURL                             string
	requestTokenURL, authorizeURL, accessTokenURL string
	consumerKey                                   string
	secrets                                       secretFlags
	sigMethod, privateKey, transport, realm       string
	callback                                      string
	open                                          bool
	timeout, httpTimeout                          time.Duration
	call, callMethod, callData                    string
	save, resume, record                          string
	mistake                                       string
	requestToken, verifier                        string
	steps, json                                   bool
}

// The limits of flow's network calls.
const (
	maxFlowResponse = 1 << 20 // bytes of a provider's answer read
	maxRedirects    = 5
)

// flowStep is one request of the flow and what came of it; with --json it
// is printed as one JSON object a line.
type flowStep struct {
	Step          string            `json:"step"`
	Method        string            `json:"method,omitempty"`
	URL           string            `json:"url"`
	Authorization string            `json:"authorization,omitempty"`
	BaseString    string            `json:"base_string,omitempty"`
	Status        int               `json:"status,omitempty"`
	Answer        map[string]string `json:"answer,omitempty"`
	Problem       *flowProblem      `json:"problem,omitempty"`
	OK            bool              `json:"ok"`
	ElapsedMS     int64             `json:"elapsed_ms"`
	Note          string            `json:"note,omitempty"`

	signedReq *signed
	creds     basestring.Credentials
	rawAnswer map[string]string // Answer with its secrets
}

// flowProblem is why a step failed, read from the provider's answer and
// from checking the request flow sent.
type flowProblem struct {
	OAuthProblem string `json:"oauth_problem,omitempty"`
	Advice       string `json:"advice,omitempty"`
	ServerBase   string `json:"server_base_string,omitempty"`
	OwnCheck     string `json:"own_check"`
	Cause        string `json:"cause,omitempty"`
	Likely       string `json:"likely"`
}

// flowRun is one run of flow.
type flowRun struct {
	c          *cli
	f          *flowFlags
	client     *http.Client
	sigMethod  basestring.Method
	consumer   basestring.Credentials
	showSecret bool
	har        *harRecorder
	mistake    string // catalogue id to sign one step with
	mistakeAt  string // the step it applies to
}

// errFlowFailed ends a flow whose step the provider refused (status 1).
var errFlowFailed = errProblem

func (c *cli) flow(args []string) error {
	f := flowFlags{}
	fs := c.newFlagSet("flow")
	fs.StringVar(&f.provider, "provider", "", "")
	fs.StringVar(&f.baseURL, "base-url", "", "")
	fs.StringVar(&f.requestTokenURL, "request-token-url", "", "")
	fs.StringVar(&f.authorizeURL, "authorize-url", "", "")
	fs.StringVar(&f.accessTokenURL, "access-token-url", "", "")
	fs.StringVar(&f.consumerKey, "consumer-key", "", "")
	f.secrets.register(fs)
	fs.StringVar(&f.sigMethod, "signature-method", "HMAC-SHA1", "")
	fs.StringVar(&f.privateKey, "private-key", "", "")
	fs.StringVar(&f.transport, "transport", "header", "")
	fs.StringVar(&f.realm, "realm", "", "")
	fs.StringVar(&f.callback, "callback", "", "")
	fs.BoolVar(&f.open, "open", false, "")
	fs.DurationVar(&f.timeout, "timeout", 5*time.Minute, "")
	fs.DurationVar(&f.httpTimeout, "http-timeout", 30*time.Second, "")
	fs.StringVar(&f.call, "call", "", "")
	fs.StringVarP(&f.callMethod, "method", "X", "GET", "")
	fs.StringVarP(&f.callData, "data", "d", "", "")
	fs.StringVar(&f.save, "save", "", "")
	fs.StringVar(&f.resume, "resume", "", "")
	fs.StringVar(&f.record, "record", "", "")
	fs.StringVar(&f.mistake, "mistake", "", "")
	fs.StringVar(&f.requestToken, "request-token", "", "")
	fs.StringVar(&f.verifier, "verifier", "", "")
	fs.BoolVar(&f.steps, "steps", false, "")
	fs.BoolVar(&f.json, "json", false, "")
	if done, err := c.parseFlags(fs, args, "flow"); done {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr(fmt.Sprintf("flow takes no arguments, got %q", truncate(fs.Arg(0), 60)), "run 'oauthdbg flow --help' for usage")
	}
	if f.resume != "" && f.secrets.file == "" {
		// The file --save wrote holds the consumer secret too.
		f.secrets.file = f.resume
	}
	run := &flowRun{c: c, f: &f, showSecret: f.secrets.show}
	if err := run.configure(fs.Changed("method")); err != nil {
		return err
	}
	secrets, err := c.loadSecrets(fs, &f.secrets)
	if err != nil {
		return err
	}
	if err := run.credentials(secrets); err != nil {
		return err
	}
	if f.record != "" {
		run.har = &harRecorder{show: run.showSecret, plaintext: run.sigMethod.Name() == "PLAINTEXT"}
	}
	err = run.run(secrets)
	if f.record != "" {
		if werr := run.har.write(f.record); werr != nil && err == nil {
			err = usageErr(werr.Error())
		}
	}
	return err
}

// configure checks the flags and fills the endpoints from --provider.
func (r *flowRun) configure(methodChanged bool) error {
	f := r.f
	if f.provider != "" {
		p, ok := compare.LookupProvider(f.provider)
		if !ok {
			return usageErr(fmt.Sprintf("--provider %q is not one flow knows", f.provider), "known: "+strings.Join(compare.ProviderNames(), ", ")+"; or give --request-token-url, --authorize-url and --access-token-url")
		}
		if p.RequestTokenURL == "" {
			return usageErr(fmt.Sprintf("--provider %s has no three-legged flow (%s)", p.Name, p.Title), "sign its calls with 'oauthdbg sign'")
		}
		base := strings.TrimRight(f.baseURL, "/")
		if p.NeedsBase() && base == "" {
			if p.Name == "serve" {
				base = "http://127.0.0.1:8080"
			} else {
				return usageErr(fmt.Sprintf("--provider %s runs on your own host: give --base-url", p.Name), "e.g. --base-url https://jira.example.com")
			}
		}
		fill := func(dst *string, tmpl string) {
			if *dst == "" {
				*dst = p.Endpoint(tmpl, base)
			}
		}
		fill(&f.requestTokenURL, p.RequestTokenURL)
		fill(&f.authorizeURL, p.AuthorizeURL)
		fill(&f.accessTokenURL, p.AccessTokenURL)
	}
	if f.resume == "" {
		for _, u := range []struct{ flag, val string }{{"--request-token-url", f.requestTokenURL}, {"--authorize-url", f.authorizeURL}, {"--access-token-url", f.accessTokenURL}} {
			if u.val == "" && !(f.requestToken != "" && u.flag != "--access-token-url") {
				return usageErr("flow needs "+u.flag, "give --provider NAME ("+strings.Join(compare.ProviderNames(), ", ")+") or the three endpoint URLs")
			}
			if u.val != "" {
				if _, err := basestring.SplitURL(u.val); err != nil {
					return usageErr(fmt.Sprintf("%s: %v", u.flag, err))
				}
			}
		}
	} else if f.call == "" {
		return usageErr("--resume FILE needs --call URL", "the saved access token is used for that call")
	}
	if f.consumerKey == "" {
		return usageErr("--consumer-key is required", "the consumer key the provider issued (oauth_consumer_key)")
	}
	switch f.transport {
	case "header", "query", "body":
	default:
		return usageErr(fmt.Sprintf("--transport %q is not header, query or body", f.transport))
	}
	if f.timeout <= 0 || f.httpTimeout <= 0 {
		return usageErr("--timeout and --http-timeout must be positive durations")
	}
	if methodChanged && f.call == "" {
		return usageErr("-X/--method is the method of --call; give --call URL")
	}
	if f.call != "" {
		if _, err := basestring.SplitURL(f.call); err != nil {
			return usageErr(fmt.Sprintf("--call: %v", err))
		}
	}
	if (f.requestToken == "") != (f.verifier == "") {
		return usageErr("--request-token and --verifier go together", "they resume the flow at access_token; the request token's secret comes from --token-secret or --secrets")
	}
	if f.mistake != "" {
		id, at, _ := strings.Cut(f.mistake, "@")
		if _, ok := compare.Lookup(id); !ok {
			return usageErr(fmt.Sprintf("--mistake: no mistake %q in the catalogue", id), "run 'oauthdbg explain' for the catalogue")
		}
		switch at {
		case "":
			at = "request_token"
			if f.resume != "" {
				at = "call"
			} else if f.requestToken != "" {
				at = "access_token"
			}
		case "request_token", "access_token", "call":
		default:
			return usageErr(fmt.Sprintf("--mistake %s: step %q is not request_token, access_token or call", f.mistake, at))
		}
		r.mistake, r.mistakeAt = id, at
	}
	m, err := basestring.MethodByName(f.sigMethod)
	if err != nil {
		return usageErr(fmt.Sprintf("--signature-method: %v", err))
	}
	r.sigMethod = m
	r.client = &http.Client{
		Timeout: f.httpTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("stopped after %d redirects (a redirect loop?)", maxRedirects)
			}
			return nil
		},
	}
	return nil
}

// credentials sets the consumer's secret or private key.
func (r *flowRun) credentials(s compare.Secrets) error {
	if strings.HasPrefix(r.sigMethod.Name(), "RSA-") {
		if r.f.privateKey == "" {
			return usageErr(r.sigMethod.Name()+" needs --private-key FILE", "give the consumer's RSA private key in PEM")
		}
		data, err := readPath(r.f.privateKey, 1<<20)
		if err != nil {
			return usageErr(fmt.Sprintf("--private-key: %v", err))
		}
		if r.consumer.PrivateKey, err = basestring.ParsePrivateKey(data); err != nil {
			return usageErr(fmt.Sprintf("--private-key %s: %v", r.f.privateKey, err), "the key must be PEM: RSA PRIVATE KEY or PRIVATE KEY")
		}
		r.consumer.PublicKey = &r.consumer.PrivateKey.PublicKey
		return nil
	}
	cs, ok := consumerSecretFor(s, r.f.consumerKey)
	if !ok {
		return usageErr("no consumer secret for consumer key "+strconv.Quote(r.f.consumerKey),
			"give it with --consumer-secret, "+envConsumerSecret+" or --secrets FILE")
	}
	r.consumer.ConsumerSecret = cs
	return nil
}

// run walks the steps.
func (r *flowRun) run(s compare.Secrets) error {
	f := r.f
	ctx := r.c.context()
	var accessToken, accessSecret string
	switch {
	case f.resume != "":
		tok, sec, err := loadSavedTokens(f.resume, f.consumerKey)
		if err != nil {
			return err
		}
		accessToken, accessSecret = tok, sec
		r.say("resumed: access token %s from %s\n", accessToken, f.resume)
	default:
		var reqToken, reqSecret, verifier string
		if f.requestToken != "" {
			ts, ok := tokenSecretFor(s, f.requestToken)
			if !ok {
				return usageErr("no token secret for --request-token "+strconv.Quote(f.requestToken), "give it with --token-secret or --secrets FILE")
			}
			reqToken, reqSecret, verifier = f.requestToken, ts, f.verifier
		} else {
			cb, wait, closeCB, err := r.callbackFor(ctx)
			if err != nil {
				return err
			}
			defer closeCB()
			st, err := r.request("request_token", "1", "POST", f.requestTokenURL, "", []kv{{"oauth_callback", cb}}, "", "")
			if err != nil {
				return err
			}
			if !st.OK {
				return errFlowFailed
			}
			reqToken, reqSecret = st.Answer["oauth_token"], st.secretAnswer("oauth_token_secret")
			if reqToken == "" {
				return usageErr("the provider's request_token answer has no oauth_token", "it must answer oauth_token=…&oauth_token_secret=…&oauth_callback_confirmed=true (RFC 5849 §2.1)")
			}
			if st.Answer["oauth_callback_confirmed"] != "true" {
				r.say("  note: oauth_callback_confirmed is not \"true\"; RFC 5849 §2.1 requires it\n")
			}
			if verifier, err = r.authorize(ctx, reqToken, wait); err != nil {
				return err
			}
		}
		st, err := r.request("access_token", "3", "POST", f.accessTokenURL, "", []kv{{"oauth_verifier", verifier}}, reqToken, reqSecret)
		if err != nil {
			return err
		}
		if !st.OK {
			return errFlowFailed
		}
		accessToken, accessSecret = st.Answer["oauth_token"], st.secretAnswer("oauth_token_secret")
		if accessToken == "" {
			return usageErr("the provider's access_token answer has no oauth_token", "it must answer oauth_token=…&oauth_token_secret=… (RFC 5849 §2.3)")
		}
		if f.save != "" {
			if err := saveTokens(f.save, f.consumerKey, r.consumer.ConsumerSecret, accessToken, accessSecret); err != nil {
				return err
			}
			r.say("  saved the consumer secret and the access token to %s (mode 0600); use: oauthdbg sign --secrets %s --consumer-key %s --token %s URL\n",
				f.save, shellQuote(f.save), shellQuote(f.consumerKey), shellQuote(accessToken))
		}
	}
	if f.call != "" {
		method := strings.ToUpper(f.callMethod)
		ct := ""
		if f.callData != "" {
			ct = "application/x-www-form-urlencoded"
		}
		st, err := r.request("call", "4", method, f.call, f.callData, nil, accessToken, accessSecret, ct)
		if err != nil {
			return err
		}
		if !st.OK {
			return errFlowFailed
		}
	}
	if !f.json {
		r.say("✓ flow complete: access token %s for consumer %s\n", accessToken, f.consumerKey)
	}
	return nil
}

// say writes a line of flow's text output at once (the user acts on it
// while flow waits), through the run's redactor.
func (r *flowRun) say(format string, args ...any) {
	if r.f.json {
		return
	}
	_, _ = io.WriteString(r.c.stdout, r.c.redact(fmt.Sprintf(format, args...)))
}

// emitJSON writes one step as a JSON line.
func (r *flowRun) emitJSON(st *flowStep) {
	data, err := json.Marshal(st)
	if err != nil {
		return
	}
	_, _ = io.WriteString(r.c.stdout, r.c.redact(string(data))+"\n")
}

// secretAnswer returns a secret field of the step's answer; Answer holds it
// redacted unless --show-secrets.
func (st *flowStep) secretAnswer(name string) string { return st.rawAnswer[name] }

// request signs and sends one step's request and reports it. args after
// tokenSecret: the Content-Type of body.
func (r *flowRun) request(step, num, method, rawURL, body string, extra []kv, token, tokenSecret string, contentType ...string) (*flowStep, error) {
	f := r.f
	now := r.c.now()
	nonce, err := r.c.nonce()
	if err != nil {
		return nil, err
	}
	in := signInput{method: method, url: rawURL, body: body, realm: f.realm, transport: f.transport, sigMethod: r.sigMethod, creds: r.consumer}
	if len(contentType) > 0 && contentType[0] != "" {
		in.contentType = contentType[0]
		in.headers = append(in.headers, "Content-Type: "+contentType[0])
	}
	if f.transport == "body" {
		in.contentType = "application/x-www-form-urlencoded"
		if method == "GET" {
			in.transport = "query"
		}
	}
	in.creds.TokenSecret = tokenSecret
	in.oauth = []kv{{"oauth_consumer_key", f.consumerKey}}
	if token != "" {
		in.oauth = append(in.oauth, kv{"oauth_token", token})
	}
	in.oauth = append(in.oauth, kv{"oauth_signature_method", r.sigMethod.Name()},
		kv{"oauth_timestamp", strconv.FormatInt(now.Unix(), 10)}, kv{"oauth_nonce", nonce}, kv{"oauth_version", "1.0"})
	in.oauth = append(in.oauth, extra...)
	if r.mistake != "" && r.mistakeAt == step {
		in.mistake = r.mistake
	}
	out, err := signRequest(in)
	if err != nil {
		return nil, err
	}
	st := &flowStep{Step: step, Method: method, URL: out.URL, Authorization: out.Authorization, BaseString: out.BaseString, signedReq: out, creds: in.creds}
	if r.sigMethod.Name() == "PLAINTEXT" && !r.showSecret {
		st.Authorization = redactPlaintextSig(st.Authorization)
		st.URL = redactPlaintextSig(st.URL)
	}
	if in.mistake != "" {
		st.Note = fmt.Sprintf("signed with the mistake %s on purpose (--mistake)", in.mistake)
	}
	r.say("step %s %s: %s %s\n", num, step, method, visible(st.URL))
	if st.Note != "" {
		r.say("  %s\n", st.Note)
	}
	if f.steps {
		r.say("  base string: %s\n", visible(st.BaseString))
		if st.Authorization != "" {
			r.say("  Authorization: %s\n", visible(st.Authorization))
		}
	}

	req, err := http.NewRequestWithContext(r.c.context(), method, out.URL, strings.NewReader(out.Body))
	if err != nil {
		return nil, usageErr(fmt.Sprintf("%s: %v", step, err))
	}
	if out.Authorization != "" {
		req.Header.Set("Authorization", out.Authorization)
	}
	if out.ContentType != "" {
		req.Header.Set("Content-Type", out.ContentType)
	}
	req.Header.Set("Accept", "application/x-www-form-urlencoded, application/json;q=0.9, */*;q=0.5")
	start := time.Now()
	resp, err := r.client.Do(req)
	st.ElapsedMS = time.Since(start).Milliseconds()
	if err != nil {
		return nil, networkErr(step, rawURL, err)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxFlowResponse+1))
	resp.Body.Close()
	if err != nil {
		return nil, networkErr(step, rawURL, err)
	}
	if len(data) > maxFlowResponse {
		return nil, usageErr(fmt.Sprintf("%s: the provider's answer is larger than %d bytes", step, maxFlowResponse))
	}
	if r.har != nil {
		r.har.add(req, out.Body, resp, data, start, time.Since(start))
	}
	st.Status = resp.StatusCode
	ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		st.OK = true
		if step == "call" {
			r.say("  → %d %s (%s, %d bytes)\n", resp.StatusCode, http.StatusText(resp.StatusCode), ct, len(data))
			r.say("%s\n", indent(visibleLines(truncate(string(data), 2048))))
			if f.json {
				st.Answer = map[string]string{"content_type": ct, "body": truncate(string(data), 64<<10)}
				r.emitJSON(st)
			}
			return st, nil
		}
		if err := st.readAnswer(ct, data, r.showSecret); err != nil {
			return nil, usageErr(fmt.Sprintf("%s: %v", step, err), "a token endpoint answers application/x-www-form-urlencoded (RFC 5849 §2.1, §2.3); check the URL")
		}
		r.say("  → %d %s: %s\n", resp.StatusCode, http.StatusText(resp.StatusCode), formatAnswer(st.Answer))
		if f.json {
			r.emitJSON(st)
		}
		return st, nil
	}
	st.Problem = r.explain(st, resp, ct, data, now)
	r.say("  → %d %s\n", resp.StatusCode, http.StatusText(resp.StatusCode))
	r.renderProblem(st)
	if f.json {
		r.emitJSON(st)
	}
	return st, nil
}

// readAnswer parses a token endpoint's form answer into Answer (secrets
// redacted unless show) and rawAnswer.
func (st *flowStep) readAnswer(ct string, data []byte, show bool) error {
	text := strings.TrimSpace(string(data))
	switch {
	case ct == "text/html" || strings.HasPrefix(strings.ToLower(text), "<!doctype") || strings.HasPrefix(text, "<"):
		return fmt.Errorf("the provider answered HTML, not a form body (%d bytes): a login or error page?", len(data))
	case ct == "application/json" || strings.HasPrefix(text, "{"):
		return fmt.Errorf("the provider answered JSON, not a form body: %s", truncate(visible(text), 200))
	}
	v, err := url.ParseQuery(text)
	if err != nil {
		return fmt.Errorf("the answer is not a form body: %v", err)
	}
	st.rawAnswer, st.Answer = map[string]string{}, map[string]string{}
	for k := range v {
		st.rawAnswer[k] = v.Get(k)
		st.Answer[k] = v.Get(k)
		if strings.HasSuffix(k, "_secret") && !show {
			st.Answer[k] = compare.Placeholder(v.Get(k))
		}
	}
	return nil
}

// formatAnswer lists an answer's fields in a stable order.
func formatAnswer(a map[string]string) string {
	order := []string{"oauth_token", "oauth_token_secret", "oauth_callback_confirmed"}
	var parts []string
	seen := map[string]bool{}
	for _, k := range order {
		if v, ok := a[k]; ok {
			parts = append(parts, k+"="+visible(v))
			seen[k] = true
		}
	}
	var rest []string
	for k := range a {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		parts = append(parts, k+"="+visible(a[k]))
	}
	return strings.Join(parts, ", ")
}

// redactPlaintextSig hides a PLAINTEXT signature (it is the secrets) in an
// Authorization header or a URL, by its place, not by searching.
func redactPlaintextSig(s string) string {
	for _, marker := range []string{`oauth_signature="`, "oauth_signature="} {
		i := strings.Index(s, marker)
		if i < 0 {
			continue
		}
		start := i + len(marker)
		end := strings.IndexAny(s[start:], `"&, `)
		if end < 0 {
			end = len(s) - start
		}
		return s[:start] + compare.Placeholder(basestring.DecodeLenient(s[start:start+end], false)) + s[start+end:]
	}
	return s
}

// networkErr turns a failed exchange into a usage-class error (status 2)
// that says what failed.
func networkErr(step, rawURL string, err error) error {
	var hint string
	var ue *url.Error
	var ne net.Error
	var ce *tls.CertificateVerificationError
	switch {
	case errors.As(err, &ce):
		hint = "the provider's TLS certificate is not trusted here; check the URL's host"
	case errors.As(err, &ne) && ne.Timeout():
		hint = "the provider did not answer in time; raise --http-timeout or check the URL"
	case strings.Contains(err.Error(), "redirect"):
		hint = "the endpoint redirects in a loop; give the URL it finally serves"
	case strings.Contains(err.Error(), "connection refused"), strings.Contains(err.Error(), "no such host"):
		hint = "nothing answers at that address; check the URL (is the provider running?)"
	}
	if errors.As(err, &ue) && ue.Err != nil {
		err = ue.Err
	}
	return usageErr(fmt.Sprintf("%s: %s %s: %v", step, "request to", rawURL, err), hint)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

// callbackFor returns the oauth_callback to send and a function that waits
// for the verifier: a one-shot listener on a loopback port, or "oob".
func (r *flowRun) callbackFor(ctx context.Context) (cb string, wait func(context.Context) (string, error), closeFn func(), err error) {
	f := r.f
	if f.callback == "oob" {
		return "oob", r.pasteVerifier, func() {}, nil
	}
	if f.callback != "" {
		// A callback of the user's own: flow cannot catch it, so the user
		// pastes the verifier from the redirected URL.
		return f.callback, r.pasteVerifier, func() {}, nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, nil, usageErr(fmt.Sprintf("callback listener: %v", err))
	}
	got := make(chan url.Values, 1)
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path != "/callback" {
			http.NotFound(w, req)
			return
		}
		q := req.URL.Query()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'")
		if q.Get("oauth_verifier") == "" && q.Get("denied") == "" {
			http.Error(w, "oauthdbg flow: this callback has no oauth_verifier", http.StatusBadRequest)
			return
		}
		_, _ = io.WriteString(w, "oauthdbg flow got the answer; you can close this tab and go back to the terminal.\n")
		select {
		case got <- q:
		default:
		}
	})}
	go func() { _ = srv.Serve(ln) }()
	cb = "http://" + ln.Addr().String() + "/callback"
	wait = func(ctx context.Context) (string, error) {
		ctx, cancel := context.WithTimeout(ctx, f.timeout)
		defer cancel()
		r.say("  waiting for the provider to redirect to %s (up to %s)…\n", cb, f.timeout)
		select {
		case q := <-got:
			if q.Get("denied") != "" {
				return "", usageErr("the user denied access on the authorize page", "run flow again and grant access")
			}
			return q.Get("oauth_verifier"), nil
		case <-ctx.Done():
			return "", usageErr(fmt.Sprintf("no callback within %s", f.timeout), "open the authorize URL and grant access, or raise --timeout")
		}
	}
	return cb, wait, func() { _ = srv.Close() }, nil
}

// pasteVerifier asks the user for the verifier the provider showed.
func (r *flowRun) pasteVerifier(ctx context.Context) (string, error) {
	fmt.Fprintf(r.c.stderr, "paste the oauth_verifier the provider showed, then Enter: ")
	line := make(chan string, 1)
	go func() {
		var b strings.Builder
		buf := make([]byte, 1)
		for b.Len() < 4096 {
			n, err := r.c.stdin.Read(buf)
			if n == 1 {
				if buf[0] == '\n' {
					break
				}
				b.WriteByte(buf[0])
			}
			if err != nil {
				fmt.Fprintln(r.c.stderr) // end the prompt's line
				break
			}
		}
		line <- strings.TrimSpace(b.String())
	}()
	ctx, cancel := context.WithTimeout(ctx, r.f.timeout)
	defer cancel()
	select {
	case v := <-line:
		if v == "" {
			return "", usageErr("no verifier pasted", "paste the value of oauth_verifier")
		}
		if u, err := url.Parse(v); err == nil && u.Query().Get("oauth_verifier") != "" {
			v = u.Query().Get("oauth_verifier") // the whole redirected URL was pasted
		}
		return v, nil
	case <-ctx.Done():
		return "", usageErr(fmt.Sprintf("no verifier within %s", r.f.timeout))
	}
}

// authorize is step 2: it sends the user to the authorize URL and waits for
// the verifier.
func (r *flowRun) authorize(ctx context.Context, token string, wait func(context.Context) (string, error)) (string, error) {
	u := r.f.authorizeURL
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	u += sep + "oauth_token=" + url.QueryEscape(token)
	r.say("step 2 authorize: open this URL in a browser and grant access:\n  %s\n", visible(u))
	if r.f.json {
		// stdout holds JSON; the user still needs the URL.
		fmt.Fprintf(r.c.stderr, "oauthdbg: open this URL in a browser and grant access: %s\n", visible(u))
	}
	if r.f.open {
		if err := exec.Command("xdg-open", u).Start(); err != nil {
			r.say("  note: could not open a browser (%v); open the URL by hand\n", err)
		}
	}
	if r.c.flowAuthorize != nil {
		go r.c.flowAuthorize(u)
	}
	v, err := wait(ctx)
	if err != nil {
		return "", err
	}
	r.say("  ← oauth_verifier=%s\n", visible(v))
	if r.f.json {
		r.emitJSON(&flowStep{Step: "authorize", URL: u, OK: true, Answer: map[string]string{"oauth_token": token, "oauth_verifier": v}})
	}
	return v, nil
}

// explain reads why the provider refused a step: its oauth_problem, advice
// and base string, and the request flow sent checked with its own secrets.
func (r *flowRun) explain(st *flowStep, resp *http.Response, ct string, data []byte, sentAt time.Time) *flowProblem {
	p := &flowProblem{}
	body := string(data)
	if form, err := url.ParseQuery(strings.SplitN(strings.TrimSpace(body), "\n", 2)[0]); err == nil {
		p.OAuthProblem, p.Advice = form.Get("oauth_problem"), form.Get("oauth_problem_advice")
	}
	if sb, ok := compare.ExtractServerBaseString(body); ok {
		p.ServerBase = sb.BaseString
		if p.OAuthProblem == "" {
			p.OAuthProblem = sb.Problem
		}
	}
	// Check the request as sent with flow's own secrets: a mismatch here is
	// a mistake flow made (on purpose with --mistake, or a bug).
	p.OwnCheck, p.Cause = r.ownCheck(st)
	p.Likely = likelyCause(p, resp, st, sentAt)
	return p
}

// ownCheck verifies the step's request with the secrets flow signed it with.
func (r *flowRun) ownCheck(st *flowStep) (verdict, cause string) {
	out := st.signedReq
	raw := out.Curl
	req := &inspect.Request{}
	err := inspect.Read(strings.NewReader(raw), inspect.ReadOptions{Name: "sent", Format: inspect.FormatCurl}, func(rq *inspect.Request) error {
		req = rq
		return nil
	})
	if err != nil {
		return "could not read the sent request back: " + err.Error(), ""
	}
	s := compare.Secrets{ConsumerSecret: st.creds.ConsumerSecret, HasConsumerSecret: true, PublicKey: st.creds.PublicKey}
	if st.creds.TokenSecret != "" || strings.Contains(out.Authorization+out.URL+out.Body, "oauth_token=") {
		s.TokenSecret, s.HasTokenSecret = st.creds.TokenSecret, true
	}
	rep, err := compare.Check(req, s, compare.Options{Now: r.c.now()})
	switch {
	case err != nil:
		return "not checked: " + err.Error(), ""
	case rep.Valid:
		return "valid: the request flow sent is correctly signed (RFC 5849) with the secrets given", ""
	case rep.Cause != nil:
		id := strings.Join(rep.Cause.IDs, "+")
		return fmt.Sprintf("invalid: flow's own request has the mistake %s: %s", id, rep.Cause.Title), id
	default:
		return "invalid: " + rep.Unexplained, ""
	}
}

// likelyCause names the most likely reason for a refusal.
func likelyCause(p *flowProblem, resp *http.Response, st *flowStep, sentAt time.Time) string {
	switch p.OAuthProblem {
	case "timestamp_refused":
		if d, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
			skew := d.Sub(sentAt).Round(time.Second)
			return fmt.Sprintf("clock skew: the provider's clock (Date: %s) is %s %s this machine's; set the clock right (NTP)", resp.Header.Get("Date"), absDuration(skew), aheadBehind(skew))
		}
		return "clock skew: the provider refused oauth_timestamp; set this machine's clock right (NTP)"
	case "nonce_used":
		return "the nonce was used before: each request needs a new random oauth_nonce"
	case "consumer_key_unknown":
		return "the provider does not know the consumer key: check --consumer-key against the key the provider issued"
	case "token_used":
		return "the request token and its verifier were already exchanged: a verifier works once; start the flow again"
	case "token_rejected", "token_expired":
		return "the provider does not accept the token: it expired, was already used, or belongs to another consumer; start the flow again"
	case "verifier_invalid":
		return "the verifier is not the one the provider gave: pass the callback's oauth_verifier unchanged"
	case "parameter_absent":
		return "a required parameter is missing: " + p.Advice
	case "parameter_rejected", "permission_denied":
		if strings.Contains(p.Advice, "oauth_callback") {
			return "the provider refused the callback: register it with the consumer, or use --callback oob"
		}
	case "signature_method_rejected":
		return "the provider refuses this signature method: try --signature-method HMAC-SHA1"
	}
	if p.Cause != "" {
		return fmt.Sprintf("the request flow sent has the mistake %s (see 'oauthdbg explain %s')", p.Cause, p.Cause)
	}
	if p.OAuthProblem == "signature_invalid" || resp.StatusCode == http.StatusUnauthorized {
		if strings.HasPrefix(p.OwnCheck, "valid") {
			if p.ServerBase != "" && p.ServerBase != st.BaseString {
				return "the provider built another base string than RFC 5849 gives for this request: compare the two below"
			}
			return "the request is correctly signed with the secrets given: the provider holds other secrets (check the consumer secret) or saw another URL (a proxy?)"
		}
	}
	if resp.StatusCode >= 500 {
		return "the provider failed (a server error), not the signature"
	}
	return "the provider refused the request; its answer is above"
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func aheadBehind(d time.Duration) string {
	if d < 0 {
		return "behind"
	}
	return "ahead of"
}

// renderProblem prints a failed step's explanation.
func (r *flowRun) renderProblem(st *flowStep) {
	p := st.Problem
	if p.OAuthProblem != "" {
		r.say("  oauth_problem: %s\n", visible(p.OAuthProblem))
	}
	if p.Advice != "" {
		r.say("  provider's advice: %s\n", visible(p.Advice))
	}
	r.say("  our request: %s\n", visible(p.OwnCheck))
	if p.ServerBase != "" && p.ServerBase != st.BaseString {
		r.say("  base strings differ:\n    ours:       %s\n    provider's: %s\n", visible(st.BaseString), visible(p.ServerBase))
	}
	r.say("✗ %s failed: %s\n", st.Step, visible(p.Likely))
}

// savedTokens is the file --save writes, in the form of --secrets.
type savedTokens struct {
	ConsumerSecrets map[string]string `json:"consumer_secrets"`
	TokenSecrets    map[string]string `json:"token_secrets"`
}

// saveTokens writes the consumer secret and the access token to path,
// readable by the owner only; an existing file that others may read is
// refused.
func saveTokens(path, consumerKey, consumerSecret, token, tokenSecret string) error {
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		return usageErr(fmt.Sprintf("--save %s: the file may be read by others (mode %v)", path, fi.Mode().Perm()), "chmod 600 it, or give a new file")
	}
	data, _ := json.MarshalIndent(savedTokens{
		ConsumerSecrets: map[string]string{consumerKey: consumerSecret},
		TokenSecrets:    map[string]string{token: tokenSecret},
	}, "", "  ")
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return usageErr(fmt.Sprintf("--save: %v", unwrapPathError(err)))
	}
	if err := fh.Chmod(0o600); err != nil {
		fh.Close()
		return usageErr(fmt.Sprintf("--save: %v", err))
	}
	if _, err := fh.Write(append(data, '\n')); err != nil {
		fh.Close()
		return usageErr(fmt.Sprintf("--save: %v", err))
	}
	if err := fh.Close(); err != nil {
		return usageErr(fmt.Sprintf("--save: %v", err))
	}
	return nil
}

// loadSavedTokens reads the access token of a file written by --save.
func loadSavedTokens(path, consumerKey string) (token, secret string, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", "", usageErr(fmt.Sprintf("--resume: %v", unwrapPathError(err)))
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return "", "", usageErr(fmt.Sprintf("--resume %s: the file may be read by others (mode %v)", path, fi.Mode().Perm()), "chmod 600 it")
	}
	data, err := readPath(path, 1<<20)
	if err != nil {
		return "", "", usageErr(fmt.Sprintf("--resume: %v", err))
	}
	var st savedTokens
	if err := json.Unmarshal(data, &st); err != nil {
		return "", "", usageErr(fmt.Sprintf("--resume %s: %v", path, err), "give a file written by flow --save")
	}
	if len(st.TokenSecrets) != 1 {
		return "", "", usageErr(fmt.Sprintf("--resume %s: want one token in token_secrets, found %d", path, len(st.TokenSecrets)))
	}
	for t, s := range st.TokenSecrets {
		token, secret = t, s
	}
	return token, secret, nil
}
