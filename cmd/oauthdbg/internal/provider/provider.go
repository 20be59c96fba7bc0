// Package provider is the OAuth 1.0a provider of "oauthdbg serve": the
// three-legged flow of Bitbucket's 1.0 API (request_token, authenticate,
// access_token under /api/1.0/oauth/) and two protected resources, each
// request verified by compare.Middleware so that every rejection says why.
//
// State (consumers, tokens, nonces) is in memory and bounded; access tokens
// can be saved to a file and loaded again.
package provider

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/oauthdbg/oauthdbg/compare"
)

// Consumer is an application registered with the provider.
type Consumer struct {
	// Key and Secret are the consumer key and shared secret.
	Key, Secret string
	// PublicKey verifies RSA signatures; nil when the consumer has none.
	PublicKey *rsa.PublicKey
	// Callbacks are the URL prefixes oauth_callback may start with; empty
	// allows any absolute http(s) URL. "oob" is always allowed.
	Callbacks []string
	// Methods are the signature methods the consumer may use; empty allows all.
	Methods []string
	// TwoLegged allows calls to the resources without a token.
	TwoLegged bool
}

// Limits bound the provider's state.
type Limits struct {
	// RequestTokens is how many request tokens are kept (oldest dropped first).
	RequestTokens int
	// AccessTokens is how many access tokens are kept (oldest dropped first).
	AccessTokens int
	// RequestTokenTTL is how long a request token may be authorized and
	// exchanged.
	RequestTokenTTL time.Duration
	// NoncesPerConsumer is the nonce store's size per consumer.
	NoncesPerConsumer int
}

// DefaultLimits are the limits of "oauthdbg serve".
var DefaultLimits = Limits{RequestTokens: 10000, AccessTokens: 100000, RequestTokenTTL: 10 * time.Minute, NoncesPerConsumer: 1 << 16}

// Provider is the provider's state and its HTTP handler.
type Provider struct {
	realm     string
	consumers map[string]*Consumer
	limits    Limits
	now       func() time.Time
	random    func([]byte) error
	mw        *compare.Middleware
	nonces    *compare.MemoryNonces

	mu       sync.Mutex
	requests tokenTable[*requestToken]
	access   tokenTable[*accessToken]
}

// requestToken is a temporary credential (RFC 5849 §2.1) on its way to
// becoming an access token.
type requestToken struct {
	secret, consumer, callback string
	verifier                   string // set when the user approved
	denied                     bool
	used                       bool // exchanged for an access token
	expires                    time.Time
}

// accessToken is a token credential (RFC 5849 §2.3).
type accessToken struct {
	Secret   string `json:"secret"`
	Consumer string `json:"consumer_key"`
	User     string `json:"user"`
}

// Options configure a Provider.
type Options struct {
	// Realm is the realm of WWW-Authenticate.
	Realm string
	// Explain puts the cause, the fix and the base string in rejections.
	Explain bool
	// MaxSkew is the timestamp window (zero: 5 minutes).
	MaxSkew time.Duration
	// Limits bound the state (zero fields: DefaultLimits).
	Limits Limits
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Log receives every judged request (nil: none).
	Log func(compare.Event)
}

// New returns a provider for the consumers.
func New(consumers []*Consumer, o Options) *Provider {
	l := o.Limits
	d := DefaultLimits
	if l.RequestTokens <= 0 {
		l.RequestTokens = d.RequestTokens
	}
	if l.AccessTokens <= 0 {
		l.AccessTokens = d.AccessTokens
	}
	if l.RequestTokenTTL <= 0 {
		l.RequestTokenTTL = d.RequestTokenTTL
	}
	if l.NoncesPerConsumer <= 0 {
		l.NoncesPerConsumer = d.NoncesPerConsumer
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	p := &Provider{
		realm:     o.Realm,
		consumers: map[string]*Consumer{},
		limits:    l,
		now:       now,
		random:    func(b []byte) error { _, err := rand.Read(b); return err },
		nonces:    &compare.MemoryNonces{PerConsumer: l.NoncesPerConsumer},
	}
	p.requests.limit, p.access.limit = l.RequestTokens, l.AccessTokens
	for _, c := range consumers {
		p.consumers[c.Key] = c
	}
	p.mw = &compare.Middleware{
		Realm:   o.Realm,
		Lookup:  p.lookup,
		Nonces:  p.nonces,
		MaxSkew: o.MaxSkew,
		Now:     now,
		Explain: o.Explain,
		Log:     o.Log,
	}
	return p
}

// Middleware returns the verifying middleware the provider's endpoints use.
func (p *Provider) Middleware() *compare.Middleware { return p.mw }

// The paths of the provider's endpoints, as Bitbucket's 1.0 API has them.
const (
	PathRequestToken = "/api/1.0/oauth/request_token"
	PathAuthenticate = "/api/1.0/oauth/authenticate"
	PathAuthorize    = "/api/1.0/oauth/authorize"
	PathAccessToken  = "/api/1.0/oauth/access_token"
	PathUser         = "/api/1.0/user"
	PathEcho         = "/api/1.0/echo"
)

// Register adds the provider's endpoints to mux.
func (p *Provider) Register(mux *http.ServeMux) {
	mux.Handle("POST "+PathRequestToken, p.mw.Wrap(http.HandlerFunc(p.requestToken)))
	mux.HandleFunc("GET "+PathAuthenticate, p.authenticatePage)
	mux.HandleFunc("GET "+PathAuthorize, p.authenticatePage)
	mux.HandleFunc("POST "+PathAuthenticate, p.authenticateDecision)
	mux.HandleFunc("GET /api/1.0/oauth/page.css", pageCSS)
	mux.Handle("POST "+PathAccessToken, p.mw.Wrap(http.HandlerFunc(p.accessTokenHandler)))
	mux.Handle(PathUser, p.mw.Wrap(http.HandlerFunc(p.user)))
	mux.Handle(PathEcho, p.mw.Wrap(http.HandlerFunc(p.echo)))
}

// lookup is the middleware's KeyLookup: consumers, then request or access
// tokens of that consumer.
func (p *Provider) lookup(_ context.Context, consumerKey, token string) (compare.Keys, error) {
	c, ok := p.consumers[consumerKey]
	if !ok {
		return compare.Keys{}, compare.ErrUnknownConsumer
	}
	k := compare.Keys{ConsumerSecret: c.Secret, PublicKey: c.PublicKey, Methods: c.Methods}
	if token == "" {
		return k, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if rt, ok := p.requests.get(token); ok && rt.consumer == consumerKey && p.now().Before(rt.expires) {
		k.TokenSecret = rt.secret
		return k, nil
	}
	if at, ok := p.access.get(token); ok && at.Consumer == consumerKey {
		k.TokenSecret = at.Secret
		return k, nil
	}
	return compare.Keys{}, compare.ErrUnknownToken
}

// randomToken returns n random bytes in URL-safe base64.
func (p *Provider) randomToken(n int) (string, error) {
	b := make([]byte, n)
	if err := p.random(b); err != nil {
		return "", fmt.Errorf("provider: random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// newCredentials makes a token and its secret, or answers 500 and reports
// false when the random source fails.
func (p *Provider) newCredentials(w http.ResponseWriter) (token, secret string, ok bool) {
	token, err1 := p.randomToken(12)
	secret, err2 := p.randomToken(24)
	if err := errors.Join(err1, err2); err != nil {
		http.Error(w, "could not make a token", http.StatusInternalServerError)
		return "", "", false
	}
	return token, secret, true
}

// reject answers a verified request that the endpoint refuses.
func (p *Provider) reject(w http.ResponseWriter, pr *compare.Problem) {
	compare.WriteProblem(w, p.realm, pr, p.mw.Explain)
}

// writeForm answers with an application/x-www-form-urlencoded body.
func writeForm(w http.ResponseWriter, v url.Values) {
	w.Header().Set("Content-Type", "application/x-www-form-urlencoded")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(v.Encode()))
}

// requestToken is step 1 (RFC 5849 §2.1): temporary credentials for a
// consumer, bound to its callback.
func (p *Provider) requestToken(w http.ResponseWriter, r *http.Request) {
	v, _ := compare.VerifiedFrom(r.Context())
	if v.Token != "" {
		p.reject(w, &compare.Problem{Status: http.StatusBadRequest, Name: compare.ProblemParameterRejected,
			Advice: "request_token takes no oauth_token; leave it out of the first step"})
		return
	}
	cb, ok := v.Params["oauth_callback"]
	if !ok || cb == "" {
		p.reject(w, &compare.Problem{Status: http.StatusBadRequest, Name: compare.ProblemParameterAbsent, Absent: []string{"oauth_callback"},
			Advice: `request_token needs oauth_callback: the URL the user returns to, or "oob" to show the verifier instead (RFC 5849 §2.1)`})
		return
	}
	if why := p.callbackRefused(p.consumers[v.ConsumerKey], cb); why != "" {
		p.reject(w, &compare.Problem{Status: http.StatusBadRequest, Name: compare.ProblemParameterRejected, Advice: why})
		return
	}
	token, secret, ok := p.newCredentials(w)
	if !ok {
		return
	}
	p.mu.Lock()
	p.requests.put(token, &requestToken{secret: secret, consumer: v.ConsumerKey, callback: cb, expires: p.now().Add(p.limits.RequestTokenTTL)})
	p.mu.Unlock()
	writeForm(w, url.Values{"oauth_token": {token}, "oauth_token_secret": {secret}, "oauth_callback_confirmed": {"true"}})
}

// callbackRefused says why a consumer may not use a callback, "" when it may.
func (p *Provider) callbackRefused(c *Consumer, cb string) string {
	if cb == "oob" {
		return ""
	}
	u, err := url.Parse(cb)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("oauth_callback %q is not an absolute http(s) URL or \"oob\"; encode it once, as any parameter (RFC 5849 §3.6)", cb)
	}
	if len(c.Callbacks) == 0 {
		return ""
	}
	for _, prefix := range c.Callbacks {
		if strings.HasPrefix(cb, prefix) {
			return ""
		}
	}
	return fmt.Sprintf("oauth_callback %q is not one this consumer registered (%s)", cb, strings.Join(c.Callbacks, ", "))
}

// accessTokenHandler is step 3 (RFC 5849 §2.3): the approved request token
// and its verifier for an access token; a verifier works once.
func (p *Provider) accessTokenHandler(w http.ResponseWriter, r *http.Request) {
	v, _ := compare.VerifiedFrom(r.Context())
	if v.Token == "" {
		p.reject(w, &compare.Problem{Status: http.StatusBadRequest, Name: compare.ProblemParameterAbsent, Absent: []string{"oauth_token"},
			Advice: "access_token needs oauth_token: the request token of step 1, signed with its secret"})
		return
	}
	verifier, ok := v.Params["oauth_verifier"]
	if !ok {
		p.reject(w, &compare.Problem{Status: http.StatusBadRequest, Name: compare.ProblemParameterAbsent, Absent: []string{"oauth_verifier"},
			Advice: "access_token needs oauth_verifier: the value the provider gave the callback (or showed, for oob) after the user approved"})
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	rt, ok := p.requests.get(v.Token)
	switch {
	case !ok:
		p.reject(w, &compare.Problem{Status: http.StatusUnauthorized, Name: compare.ProblemTokenRejected,
			Advice: "oauth_token is an access token, not a request token; access_token exchanges the request token of step 1"})
		return
	case rt.used:
		p.reject(w, &compare.Problem{Status: http.StatusUnauthorized, Name: compare.ProblemTokenUsed,
			Advice: "this request token and its verifier were already exchanged for an access token; a verifier works once (RFC 5849 §2.3): start again at request_token"})
		return
	case rt.denied:
		p.reject(w, &compare.Problem{Status: http.StatusUnauthorized, Name: compare.ProblemPermissionDenied, Advice: "the user denied access to this request token"})
		return
	case rt.verifier == "":
		p.reject(w, &compare.Problem{Status: http.StatusUnauthorized, Name: compare.ProblemPermissionUnknown,
			Advice: "the user has not approved this request token yet: send the user to " + PathAuthenticate + "?oauth_token=… first"})
		return
	case verifier != rt.verifier:
		p.reject(w, &compare.Problem{Status: http.StatusUnauthorized, Name: compare.ProblemVerifierInvalid,
			Advice: "oauth_verifier is not the one given for this request token; pass the value of the callback's oauth_verifier unchanged"})
		return
	}
	token, secret, ok := p.newCredentials(w)
	if !ok {
		return
	}
	rt.used = true
	p.access.put(token, &accessToken{Secret: secret, Consumer: v.ConsumerKey, User: "demo-user"})
	writeForm(w, url.Values{"oauth_token": {token}, "oauth_token_secret": {secret}})
}

// user is the protected resource GET /api/1.0/user.
func (p *Provider) user(w http.ResponseWriter, r *http.Request) {
	v, ok := p.resource(w, r)
	if !ok {
		return
	}
	writeJSON(w, map[string]any{"user": map[string]string{"username": "demo-user", "display_name": "oauthdbg demo user"},
		"consumer_key": v.ConsumerKey, "two_legged": v.Token == ""})
}

// echo returns what the provider verified about the request.
func (p *Provider) echo(w http.ResponseWriter, r *http.Request) {
	v, ok := p.resource(w, r)
	if !ok {
		return
	}
	params := make(map[string]string, len(v.Params))
	for k, val := range v.Params {
		if k != "oauth_signature" || !strings.EqualFold(v.SignatureMethod, "PLAINTEXT") {
			params[k] = val
		}
	}
	writeJSON(w, map[string]any{"verified": true, "method": r.Method, "consumer_key": v.ConsumerKey, "token": v.Token,
		"signature_method": v.SignatureMethod, "base_string": v.BaseString, "oauth_params": params, "body": string(v.Body)})
}

// resource admits access tokens, and two-legged calls from consumers that
// may make them.
func (p *Provider) resource(w http.ResponseWriter, r *http.Request) (*compare.Verified, bool) {
	v, _ := compare.VerifiedFrom(r.Context())
	if v.Token == "" {
		if !p.consumers[v.ConsumerKey].TwoLegged {
			p.reject(w, &compare.Problem{Status: http.StatusUnauthorized, Name: compare.ProblemPermissionDenied,
				Advice: "this consumer may not make two-legged calls; sign with an access token (oauth_token) from the three-legged flow"})
			return nil, false
		}
		return v, true
	}
	p.mu.Lock()
	_, isAccess := p.access.get(v.Token)
	p.mu.Unlock()
	if !isAccess {
		p.reject(w, &compare.Problem{Status: http.StatusUnauthorized, Name: compare.ProblemTokenRejected,
			Advice: "oauth_token is a request token; resources need the access token that access_token returned"})
		return nil, false
	}
	return v, true
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// Counts says how many tokens and nonces the provider holds.
type Counts struct{ RequestTokens, AccessTokens, Nonces int }

// Counts returns the sizes of the provider's stores.
func (p *Provider) Counts() Counts {
	p.mu.Lock()
	defer p.mu.Unlock()
	return Counts{p.requests.len(), p.access.len(), p.nonces.Len()}
}

// savedState is the file form of the provider's access tokens.
type savedState struct {
	AccessTokens map[string]*accessToken `json:"access_tokens"`
}

// Save writes the access tokens to path (mode 0600), so that a restarted
// provider accepts them.
func (p *Provider) Save(path string) error {
	p.mu.Lock()
	st := savedState{AccessTokens: map[string]*accessToken{}}
	for _, k := range p.access.order {
		if t, ok := p.access.m[k]; ok {
			st.AccessTokens[k] = t
		}
	}
	p.mu.Unlock()
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("provider: save state: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("provider: save state: %w", err)
	}
	return nil
}

// MaxStateSize bounds the state file Load reads: far more than the tokens
// a test provider issues, and small enough that a wrong path (a device, an
// endless pipe) ends with an error instead of exhausting memory.
const MaxStateSize = 16 << 20

// Load reads access tokens saved by Save; a missing file is no error. A
// file longer than MaxStateSize is an error.
func (p *Provider) Load(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("provider: load state: %w", err)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxStateSize+1))
	_ = f.Close()
	if err != nil {
		return fmt.Errorf("provider: load state: %w", err)
	}
	if len(data) > MaxStateSize {
		return fmt.Errorf("provider: load state %s: more than %d MiB, not a file written by serve --state", path, MaxStateSize>>20)
	}
	var st savedState
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return fmt.Errorf("provider: load state %s: %w", path, err)
	}
	keys := make([]string, 0, len(st.AccessTokens))
	for k := range st.AccessTokens {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, k := range keys {
		if t := st.AccessTokens[k]; t != nil && p.consumers[t.Consumer] != nil {
			p.access.put(k, t)
		}
	}
	return nil
}

// tokenTable is a map that keeps at most limit entries, dropping the oldest.
type tokenTable[T any] struct {
	limit int
	m     map[string]T
	order []string // insertion order; may hold keys already dropped
}

func (t *tokenTable[T]) get(k string) (T, bool) {
	v, ok := t.m[k]
	return v, ok
}

func (t *tokenTable[T]) put(k string, v T) {
	if t.m == nil {
		t.m = map[string]T{}
	}
	t.m[k] = v
	t.order = append(t.order, k)
	for len(t.m) > t.limit && len(t.order) > 0 {
		delete(t.m, t.order[0])
		t.order = t.order[1:]
	}
	if len(t.order) > 2*t.limit+16 {
		// Compact: keep only keys still present, in order.
		kept := t.order[:0:0]
		for _, k := range t.order {
			if _, ok := t.m[k]; ok {
				kept = append(kept, k)
			}
		}
		t.order = kept
	}
}

func (t *tokenTable[T]) len() int { return len(t.m) }

// ConsumersFromSecrets makes consumers from a secrets-shaped file: the
// consumer_secrets and rsa_public_keys of compare.ParseSecretsFile, and the
// rules of its "consumers" object.
func ConsumersFromSecrets(s compare.Secrets, rules map[string]Rules) []*Consumer {
	keys := map[string]bool{}
	for k := range s.ConsumerSecrets {
		keys[k] = true
	}
	for k := range s.RSAPublicKeys {
		keys[k] = true
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	slices.Sort(names)
	var out []*Consumer
	for _, k := range names {
		c := &Consumer{Key: k, Secret: s.ConsumerSecrets[k].Reveal(), PublicKey: s.RSAPublicKeys[k]}
		if r, ok := rules[k]; ok {
			c.Callbacks, c.Methods, c.TwoLegged = r.Callbacks, r.Methods, r.TwoLegged
		}
		out = append(out, c)
	}
	return out
}

// Rules are a consumer's rules in the consumers file.
type Rules struct {
	Callbacks []string `json:"callbacks"`
	Methods   []string `json:"methods"`
	TwoLegged bool     `json:"two_legged"`
}
