package compare

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// The oauth_problem values of the OAuth Problem Reporting extension
// (oauth.pbworks.com/ProblemReporting) that the middleware answers with.
const (
	ProblemParameterAbsent         = "parameter_absent"
	ProblemParameterRejected       = "parameter_rejected"
	ProblemVersionRejected         = "version_rejected"
	ProblemSignatureMethodRejected = "signature_method_rejected"
	ProblemSignatureInvalid        = "signature_invalid"
	ProblemTimestampRefused        = "timestamp_refused"
	ProblemNonceUsed               = "nonce_used"
	ProblemConsumerKeyUnknown      = "consumer_key_unknown"
	ProblemTokenRejected           = "token_rejected"
	ProblemTokenUsed               = "token_used"
	ProblemTokenExpired            = "token_expired"
	ProblemPermissionDenied        = "permission_denied"
	ProblemPermissionUnknown       = "permission_unknown"
	ProblemVerifierInvalid         = "verifier_invalid"
)

// ErrUnknownConsumer and ErrUnknownToken are what a Lookup returns (wrapped
// or not) for a consumer key or a token it does not know.
var (
	ErrUnknownConsumer = errors.New("unknown consumer key")
	ErrUnknownToken    = errors.New("unknown or expired token")
)

// Keys are what a provider knows of the consumer (and token) a request names.
type Keys struct {
	// ConsumerSecret is the consumer's shared secret (HMAC and PLAINTEXT).
	ConsumerSecret string
	// PublicKey verifies the consumer's RSA signatures; nil when it has none.
	PublicKey *rsa.PublicKey
	// TokenSecret is the secret of the request's oauth_token, "" when the
	// request has none.
	TokenSecret string
	// Methods are the signature methods the consumer may use; empty allows
	// every method package basestring knows.
	Methods []string
}

// KeyLookup finds the keys for a consumer key and a token ("" when the request
// has no oauth_token). It returns an error wrapping ErrUnknownConsumer or
// ErrUnknownToken for keys it does not know; any other error is a server
// failure (500).
type KeyLookup func(ctx context.Context, consumerKey, token string) (Keys, error)

// Verified is what the middleware passes on with a request whose signature,
// timestamp and nonce it accepted.
type Verified struct {
	// ConsumerKey and Token are the request's oauth_consumer_key and
	// oauth_token ("" for a two-legged call).
	ConsumerKey, Token string
	// SignatureMethod is the request's oauth_signature_method.
	SignatureMethod string
	// Params are the request's oauth_* protocol parameters, decoded, from
	// wherever the client sent them (header, query or body).
	Params map[string]string
	// BaseString is the base string the signature was verified over.
	BaseString string
	// Body is the request body the middleware read (the handler's r.Body
	// reads it again).
	Body []byte
}

type verifiedKey struct{}

// VerifiedFrom returns what the middleware verified about the request whose
// context ctx is.
func VerifiedFrom(ctx context.Context) (*Verified, bool) {
	v, ok := ctx.Value(verifiedKey{}).(*Verified)
	return v, ok
}

// Problem is a rejection in the form OAuth clients parse: an HTTP status, an
// oauth_problem name and, when the provider explains, the advice and the
// server's base string.
type Problem struct {
	// Status is the HTTP status: 400 for a malformed request, 401 otherwise.
	Status int
	// Name is the oauth_problem value, e.g. ProblemSignatureInvalid.
	Name string
	// Advice says what went wrong and how to fix it
	// (oauth_problem_advice).
	Advice string
	// Absent lists the missing parameters (oauth_parameters_absent).
	Absent []string
	// AcceptableTimestamps is "from-to" in unix seconds
	// (oauth_acceptable_timestamps) for timestamp_refused.
	AcceptableTimestamps string
	// BaseString is the server's base string (debug_sbs), for
	// signature_invalid.
	BaseString string
	// Cause is the catalogue id that reproduces the signature the client
	// sent, when one does (oauthdbg_cause).
	Cause string
}

// Form returns the problem as an application/x-www-form-urlencoded body.
// With explain false it holds only oauth_problem (and the parameters a
// client needs to recover: the absent ones and the acceptable timestamps).
func (p *Problem) Form(explain bool) string {
	var b strings.Builder
	add := func(name, value string) {
		if value == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(name + "=" + url.QueryEscape(value))
	}
	add("oauth_problem", p.Name)
	if explain {
		add("oauth_problem_advice", p.Advice)
	}
	add("oauth_parameters_absent", strings.Join(p.Absent, "&"))
	add("oauth_acceptable_timestamps", p.AcceptableTimestamps)
	if explain {
		add("oauthdbg_cause", p.Cause)
		add("debug_sbs", p.BaseString)
	}
	return b.String()
}

// WriteProblem answers a rejected request: the status, WWW-Authenticate
// with the realm (RFC 5849 §3.5.1), and the problem as a form body; with
// explain false the body is the one line a terse provider gives.
func WriteProblem(w http.ResponseWriter, realm string, p *Problem, explain bool) {
	if rec, ok := w.(*statusRecorder); ok {
		rec.problem = p
	}
	h := w.Header()
	h.Set("WWW-Authenticate", `OAuth realm="`+strings.ReplaceAll(realm, `"`, `'`)+`"`)
	h.Set("Cache-Control", "no-store")
	body := p.Form(explain)
	if !explain {
		body += "\nCould not verify OAuth request.\n"
	}
	h.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	w.WriteHeader(p.Status)
	_, _ = io.WriteString(w, body)
}

// Event is one judged request, for the provider's log. It never holds a
// secret.
type Event struct {
	Method, URL       string
	ConsumerKey       string
	Token             string
	Status            int
	Problem           string // "" when the request was accepted
	Cause             string // the catalogue id that explains a bad signature
	Advice            string
	Elapsed           time.Duration
	RemoteAddr        string
	SignatureMethod   string
	ExplainedByReplay bool
}

// Middleware verifies OAuth 1.0a (RFC 5849 §3.2) on every request before
// passing it on, and answers a rejected one with the reason (Problem). The
// zero value is not usable: Lookup is required.
type Middleware struct {
	// Realm is the realm of WWW-Authenticate.
	Realm string
	// Lookup finds the consumer's and the token's secrets.
	Lookup KeyLookup
	// Nonces rejects a nonce used before; nil accepts every nonce.
	Nonces NonceStore
	// MaxSkew is how far oauth_timestamp may be from Now (zero: 5 minutes).
	MaxSkew time.Duration
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Explain puts the cause, the fix and the server's base string in every
	// rejection (oauth_problem_advice, debug_sbs); false answers like a
	// terse provider.
	Explain bool
	// MaxBody is the largest request body read (zero: 1 MiB); a larger one
	// is refused with 413.
	MaxBody int64
	// Scheme returns the scheme the client used (nil: https when the
	// connection is TLS, else http).
	Scheme func(r *http.Request) string
	// RequireToken refuses two-legged calls (no oauth_token).
	RequireToken bool
	// Log receives every judged request; nil logs nothing.
	Log func(Event)
}

// Wrap returns a handler that verifies each request and passes the accepted
// ones to next with a *Verified in their context (VerifiedFrom). The log
// event of a passed request has the status next answered with, and the
// oauth_problem when next rejected it with WriteProblem.
func (m *Middleware) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := m.now()
		v, p := m.Verify(r)
		ev := Event{Method: r.Method, URL: r.URL.Path, RemoteAddr: r.RemoteAddr}
		if v != nil {
			ev.ConsumerKey, ev.Token, ev.SignatureMethod = v.ConsumerKey, v.Token, v.SignatureMethod
		}
		if p != nil {
			ev.Status, ev.Problem, ev.Cause, ev.Advice = p.Status, p.Name, p.Cause, p.Advice
			ev.Elapsed = m.now().Sub(start)
			m.log(ev)
			WriteProblem(w, m.Realm, p, m.Explain)
			return
		}
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), verifiedKey{}, v)))
		ev.Status, ev.Elapsed = rec.status, m.now().Sub(start)
		if rec.problem != nil {
			ev.Problem, ev.Advice = rec.problem.Name, rec.problem.Advice
		}
		m.log(ev)
	})
}

// statusRecorder remembers the status and the Problem a handler answered with.
type statusRecorder struct {
	http.ResponseWriter
	status  int
	problem *Problem
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (m *Middleware) log(ev Event) {
	if m.Log != nil {
		m.Log(ev)
	}
}

func (m *Middleware) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// maxSkew is MaxSkew or its default.
func (m *Middleware) maxSkew() time.Duration {
	if m.MaxSkew > 0 {
		return m.MaxSkew
	}
	return 5 * time.Minute
}

// Verify judges one request: nil Problem when it is accepted. It reads the
// body (within MaxBody) and leaves r.Body readable again. The *Verified is
// filled as far as the request could be read, also when it is rejected.
func (m *Middleware) Verify(r *http.Request) (*Verified, *Problem) {
	limit := m.MaxBody
	if limit <= 0 {
		limit = 1 << 20
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, &Problem{Status: http.StatusBadRequest, Name: ProblemParameterRejected, Advice: "the request body could not be read: " + err.Error()}
	}
	if int64(len(body)) > limit {
		return nil, &Problem{Status: http.StatusRequestEntityTooLarge, Name: ProblemParameterRejected,
			Advice: fmt.Sprintf("the request body is larger than %d bytes, the most this provider reads", limit)}
	}
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	scheme := "http"
	if m.Scheme != nil {
		scheme = m.Scheme(r)
	} else if r.TLS != nil {
		scheme = "https"
	}
	req := inspect.FromHTTP(r, scheme, body)
	params, err := inspect.OAuthParams(req)
	if err != nil {
		return nil, &Problem{Status: http.StatusBadRequest, Name: ProblemParameterRejected,
			Advice: "the OAuth parameters cannot be read: " + err.Error()}
	}
	v := &Verified{Params: make(map[string]string, len(params)), Body: body}
	for _, p := range params {
		if _, dup := v.Params[p.Name]; dup {
			return v, &Problem{Status: http.StatusBadRequest, Name: ProblemParameterRejected,
				Advice: fmt.Sprintf("%s is sent more than once; send each protocol parameter once, in one place (RFC 5849 §3.1)", p.Name)}
		}
		v.Params[p.Name] = p.Value
	}
	v.ConsumerKey, v.Token, v.SignatureMethod = v.Params["oauth_consumer_key"], v.Params["oauth_token"], v.Params["oauth_signature_method"]
	if p := m.checkParams(v, r, scheme); p != nil {
		return v, p
	}
	keys, err := m.Lookup(r.Context(), v.ConsumerKey, v.Token)
	switch {
	case errors.Is(err, ErrUnknownConsumer):
		return v, &Problem{Status: http.StatusUnauthorized, Name: ProblemConsumerKeyUnknown,
			Advice: fmt.Sprintf("this provider has no consumer with the key %q; check oauth_consumer_key against the key the provider issued", v.ConsumerKey)}
	case errors.Is(err, ErrUnknownToken):
		return v, &Problem{Status: http.StatusUnauthorized, Name: ProblemTokenRejected,
			Advice: fmt.Sprintf("the token %q is unknown, expired or already exchanged; start the flow again with a new request token", v.Token)}
	case err != nil:
		return v, &Problem{Status: http.StatusInternalServerError, Name: ProblemPermissionUnknown, Advice: "the provider could not look up the keys"}
	}
	if len(keys.Methods) > 0 && !containsFold(keys.Methods, v.SignatureMethod) {
		return v, &Problem{Status: http.StatusBadRequest, Name: ProblemSignatureMethodRejected,
			Advice: fmt.Sprintf("this consumer may sign with %s, not %s", strings.Join(keys.Methods, ", "), v.SignatureMethod)}
	}
	if p := m.checkSignature(v, req, keys); p != nil {
		return v, p
	}
	if p := m.checkTimestamp(v); p != nil {
		return v, p
	}
	if m.Nonces != nil && !m.Nonces.Use(v.ConsumerKey, v.Token, v.Params["oauth_nonce"], m.timestamp(v)) {
		return v, &Problem{Status: http.StatusUnauthorized, Name: ProblemNonceUsed,
			Advice: fmt.Sprintf("the nonce %q was already used with this timestamp and these credentials, or the timestamp is older than the nonces the provider still remembers (RFC 5849 §3.3); generate a new random nonce and take a fresh timestamp for every request", v.Params["oauth_nonce"])}
	}
	return v, nil
}

// checkParams checks that the protocol parameters a signature needs are
// there and that the method may be used on this connection.
func (m *Middleware) checkParams(v *Verified, r *http.Request, scheme string) *Problem {
	required := []string{"oauth_consumer_key", "oauth_signature_method", "oauth_signature"}
	if !strings.EqualFold(v.SignatureMethod, "PLAINTEXT") {
		// RFC 5849 §3.1: timestamp and nonce MAY be omitted with PLAINTEXT.
		required = append(required, "oauth_timestamp", "oauth_nonce")
	}
	if m.RequireToken {
		required = append(required, "oauth_token")
	}
	var absent []string
	for _, name := range required {
		if _, ok := v.Params[name]; !ok {
			absent = append(absent, name)
		}
	}
	if len(absent) > 0 {
		return &Problem{Status: http.StatusBadRequest, Name: ProblemParameterAbsent, Absent: absent,
			Advice: "the request lacks " + strings.Join(absent, ", ") + "; send them in the Authorization header, the query or the form body (RFC 5849 §3.1)"}
	}
	if ver, ok := v.Params["oauth_version"]; ok && ver != "1.0" {
		return &Problem{Status: http.StatusBadRequest, Name: ProblemVersionRejected,
			Advice: fmt.Sprintf("oauth_version is %q; when sent it must be \"1.0\" (RFC 5849 §3.1)", ver)}
	}
	if _, err := basestring.MethodByName(v.SignatureMethod); err != nil {
		return &Problem{Status: http.StatusBadRequest, Name: ProblemSignatureMethodRejected,
			Advice: fmt.Sprintf("unknown oauth_signature_method %q; use HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256 or PLAINTEXT", v.SignatureMethod)}
	}
	if strings.EqualFold(v.SignatureMethod, "PLAINTEXT") && scheme != "https" && !isLoopback(r.RemoteAddr) {
		return &Problem{Status: http.StatusBadRequest, Name: ProblemSignatureMethodRejected,
			Advice: "PLAINTEXT sends the secrets themselves; it is accepted only over https or from this machine (RFC 5849 §3.4.4)"}
	}
	return nil
}

// checkSignature verifies the signature with the engine of check and, when
// it does not verify, searches the catalogue for the client's mistake.
func (m *Middleware) checkSignature(v *Verified, req *inspect.Request, keys Keys) *Problem {
	s := Secrets{ConsumerSecret: NewSecret(keys.ConsumerSecret), HasConsumerSecret: true, PublicKey: keys.PublicKey}
	if v.Token != "" {
		s.TokenSecret, s.HasTokenSecret = NewSecret(keys.TokenSecret), true
	}
	rep, err := Check(req, s, Options{Now: m.now(), MaxSkew: m.maxSkew(), ServerURL: req.URL, NoSearch: !m.Explain})
	if err != nil {
		return &Problem{Status: http.StatusBadRequest, Name: ProblemParameterRejected, Advice: err.Error()}
	}
	v.BaseString = rep.BaseString
	if rep.Valid {
		return nil
	}
	p := &Problem{Status: http.StatusUnauthorized, Name: ProblemSignatureInvalid, BaseString: rep.BaseString}
	switch {
	case rep.Unchecked != "":
		p.Advice = "the signature could not be checked: " + rep.Unchecked
	case rep.Cause != nil:
		c := rep.Cause
		p.Cause = strings.Join(c.IDs, "+")
		p.Advice = fmt.Sprintf("%s [%s]: %s Fix: %s", c.Title, p.Cause, strings.TrimSpace(c.Detail), c.Fix)
	case rep.Unexplained != "":
		p.Advice = rep.Unexplained
	default:
		p.Advice = "the signature does not match the one computed over debug_sbs with the consumer's (and token's) secrets"
	}
	return p
}

// timestamp returns oauth_timestamp in seconds, 0 when absent or malformed.
func (m *Middleware) timestamp(v *Verified) int64 {
	ts, _ := strconv.ParseInt(v.Params["oauth_timestamp"], 10, 64)
	return ts
}

// checkTimestamp refuses a timestamp outside Now ± MaxSkew (RFC 5849 §3.3).
func (m *Middleware) checkTimestamp(v *Verified) *Problem {
	raw, ok := v.Params["oauth_timestamp"]
	if !ok {
		return nil // PLAINTEXT without a timestamp
	}
	now := m.now().Unix()
	skew := int64(m.maxSkew() / time.Second)
	window := fmt.Sprintf("%d-%d", now-skew, now+skew)
	ts, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || ts <= 0 {
		return &Problem{Status: http.StatusBadRequest, Name: ProblemTimestampRefused, AcceptableTimestamps: window,
			Advice: fmt.Sprintf("oauth_timestamp %q is not a positive number of seconds since 1970 (RFC 5849 §3.3)", raw)}
	}
	if d := ts - now; d > skew || -d > skew {
		return &Problem{Status: http.StatusUnauthorized, Name: ProblemTimestampRefused, AcceptableTimestamps: window,
			Advice: fmt.Sprintf("oauth_timestamp is %s the provider's clock (allowed: %s); set the client's clock right (NTP) and take the timestamp when signing", skewWords(d), m.maxSkew())}
	}
	return nil
}

// skewWords says how far a timestamp is from now: "312s behind".
func skewWords(d int64) string {
	if d < 0 {
		return strconv.FormatInt(-d, 10) + "s behind"
	}
	return strconv.FormatInt(d, 10) + "s ahead of"
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// isLoopback reports whether a RemoteAddr is on this machine.
func isLoopback(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
