package main

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/compare"
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
