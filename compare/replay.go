package compare

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// Replayed is one way a client with a catalogue mistake signs and sends a
// request: one per part the mistake can concern (which parameter, which
// host, which key construction).
type Replayed struct {
	// ID is the mistake's id.
	ID string `json:"id"`
	// Label names the part concerned, as Check's explanations name it
	// ("oauth_callback", "host api.internal:8080"), or "" when the mistake
	// concerns no single part.
	Label string `json:"label"`
	// Detail says what the client did to this request, as a sentence.
	Detail string `json:"detail"`
	// BaseString is the base string the client signed.
	BaseString string `json:"base_string"`
	// Signature is oauth_signature as the server reads it, percent-decoded:
	// the signature the client computed or, for a transport mistake, the
	// correct signature changed on its way (a "+" read as a space, a
	// signature still percent-encoded). Check reports it as the supplied
	// signature.
	Signature string `json:"signature"`
	// Encoded is oauth_signature as the client writes it into the request:
	// percent-encoded once (RFC 5849 §3.6), or as a transport mistake writes
	// it (raw, or encoded twice).
	Encoded string `json:"encoded_signature"`
}

// ErrUnknownMistake is the cause of Replay's error for an id that is not in
// the catalogue.
var ErrUnknownMistake = errors.New("unknown mistake")

// NotApplicableError is Replay's error when a known mistake makes no
// difference to the request: the client would send the correct signature.
type NotApplicableError struct {
	// ID is the mistake's id.
	ID string
	// Reason says what the request would need for the mistake to show, or
	// why the signature method rules the mistake out.
	Reason string
}

// Error names the mistake and the reason.
func (e *NotApplicableError) Error() string {
	return fmt.Sprintf("compare: replay: mistake %q does not apply to this request: %s", e.ID, e.Reason)
}

// Replay reproduces the mistake id on a request: what a client with that
// mistake signs, and the signature it puts on the wire. It returns one
// Replayed per part of the request the mistake concerns, in the order of the
// catalogue's own rebuilds; a part the mistake leaves unchanged, or that
// gives the same base string and signature as an earlier part, is left out.
//
// The request is what the client sends, without oauth_signature (one
// present is ignored, as the base string ignores it); its oauth_ parameters
// and any evidence it carries (a Host header, X-Forwarded-Host, a method
// override header, X-Forwarded-Prefix) are what the catalogue replays the
// mistake from, the way Check's search does, so that Check on the request
// carrying a Replayed signature names the mistake. The credentials sign:
// the secrets for HMAC and PLAINTEXT (the token secret only when the
// request carries oauth_token), the private key for RSA.
//
// The error wraps ErrUnknownMistake for an id not in the catalogue, is a
// *NotApplicableError when the mistake makes no difference to this
// request, and otherwise names what in the request cannot be read.
func Replay(id string, req *inspect.Request, c basestring.Credentials, method basestring.Method) ([]Replayed, error) {
	m := lookup(id)
	if m == nil {
		return nil, fmt.Errorf("compare: replay: %w %q; run 'oauthdbg explain' for the list", ErrUnknownMistake, id)
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("compare: replay %q: "+format, append([]any{id}, args...)...)
	}
	switch {
	case req == nil:
		return nil, fail("no request")
	case method == nil:
		return nil, fail("no signature method")
	}
	ev, res, err := replayEvidence(req)
	if err != nil {
		var be *basestring.Error
		if errors.As(err, &be) {
			return nil, fail("%s: %w; give the request as the client sends it", be.Part, be.Err)
		}
		return nil, fail("%w", err)
	}
	if res.SignatureMethod != "" && res.SignatureMethod != method.Name() {
		return nil, fail("the request's oauth_signature_method is %q, not %q; sign with the method the request names", res.SignatureMethod, method.Name())
	}
	if ev.method == "" {
		ev.method = method.Name()
	}
	if _, _, hasToken := requestParams(res); !hasToken {
		// Without oauth_token the token secret is empty (RFC 5849 §3.4.2),
		// whatever the caller holds, as Check reads it.
		c.TokenSecret = ""
	}
	if why := ruledOut(m, method); why != "" {
		return nil, &NotApplicableError{ID: m.ID, Reason: why}
	}
	base, _, err := basestring.AppendBaseString(nil, &ev.req, nil)
	if err != nil {
		return nil, fail("%w", err)
	}
	correct, err := method.Sign(base, c, basestring.KeyRFC)
	if err != nil {
		return nil, fail("sign: %w", err)
	}
	r := replayer{m: m, ev: ev, base: base, correct: correct, creds: c, method: method}
	var out []Replayed
	switch {
	case m.variants != nil:
		out, err = r.variants()
	case len(m.keys) > 0:
		out, err = r.keys()
	case m.targets != nil:
		out = r.targets(signatureSource(res) != basestring.SourceHeader)
	}
	if err != nil {
		return nil, fail("%w", err)
	}
	out = distinct(out)
	if len(out) == 0 {
		return nil, &NotApplicableError{ID: m.ID, Reason: needsReason(m.ID)}
	}
	return out, nil
}

// distinct drops each replay that gives the base string and the signature
// of an earlier one (the catalogue's "everywhere" variant of an encoder, on
// a request whose URI the encoder leaves alone).
func distinct(rs []Replayed) []Replayed {
	var out []Replayed
	for _, r := range rs {
		if !slices.ContainsFunc(out, func(o Replayed) bool { return o.BaseString == r.BaseString && o.Encoded == r.Encoded }) {
			out = append(out, r)
		}
	}
	return out
}

// ruledOut says why the signature method rules a mistake out, or "": a
// PLAINTEXT signature signs no base string (the search tries only key and
// transport mistakes on it), and an RSA signature uses no key made of the
// secrets.
func ruledOut(m *mistake, method basestring.Method) string {
	name := method.Name()
	switch {
	case m.variants != nil && name == "PLAINTEXT":
		return "a PLAINTEXT signature is the key itself and signs no base string, so only key and transport mistakes change it"
	case len(m.keys) > 0 && name != "PLAINTEXT" && hmacHash(name) == nil:
		return "an " + name + " signature is made with the client's private key, not with a key built from the secrets; the mistake needs an HMAC or PLAINTEXT signature"
	}
	return ""
}

// replayEvidence reads a request the way Check reads its first reading, and
// prepares it for the catalogue. A scheme the capture does not say is not
// fixed: scheme-mismatch is then the other reading, not a mistake.
func replayEvidence(req *inspect.Request) (*evidence, *basestring.Result, error) {
	o := &Options{}
	schemes, source := schemeReadings(nil, req, o, nil)
	rq, err := baseRequest(req, schemes[0], nil)
	if err != nil {
		return nil, nil, err
	}
	res, err := basestring.Build(&rq, nil)
	if err != nil {
		return nil, nil, err
	}
	rd := &reading{scheme: schemes[0], schemeSource: source, req: rq}
	ev, err := newEvidence(rd, res, req, o, source != "assumed")
	if err != nil {
		return nil, nil, err
	}
	return ev, res, nil
}

// signatureSource returns where the request carries oauth_signature: where
// it is, else where the other oauth_ parameters are, else the header.
func signatureSource(res *basestring.Result) basestring.Source {
	for _, p := range res.Excluded {
		if p.Name == "oauth_signature" {
			return p.Source
		}
	}
	for _, name := range []string{"oauth_signature_method", "oauth_consumer_key"} {
		for _, p := range res.Params {
			if p.Name == name {
				return p.Source
			}
		}
	}
	return basestring.SourceHeader
}

// replayer replays one mistake on one request.
type replayer struct {
	m       *mistake
	ev      *evidence
	base    []byte // the correct base string
	correct string // the correct signature
	creds   basestring.Credentials
	method  basestring.Method
}

func (r *replayer) replayed(label, detail string, base []byte, sig, encoded string) Replayed {
	return Replayed{ID: r.m.ID, Label: label, Detail: "The client " + detail + ".", BaseString: string(base), Signature: sig, Encoded: encoded}
}

// variants signs each of the mistake's rebuilds that changes the base
// string, built as the search builds it.
func (r *replayer) variants() ([]Replayed, error) {
	s := &searcher{ev: r.ev, full: true}
	var out []Replayed
	vs := r.m.variants(r.ev)
	for i := range vs {
		v := &vs[i]
		v.m = r.m
		req, o := s.rebuild([]*variant{v})
		base, _, err := basestring.AppendBaseString(nil, &req, &o)
		if err != nil || bytes.Equal(base, r.base) {
			continue // the search skips both as well
		}
		sig, err := r.method.Sign(base, r.creds, basestring.KeyRFC)
		if err != nil {
			return nil, fmt.Errorf("sign: %w", err)
		}
		out = append(out, r.replayed(v.label, v.detail, base, sig, basestring.Encode(sig)))
	}
	return out, nil
}

// keys signs the correct base string with each of the mistake's key
// constructions that gives another key than the RFC's.
func (r *replayer) keys() ([]Replayed, error) {
	rfc := basestring.AppendKey(nil, r.creds, basestring.KeyRFC)
	var out []Replayed
	for _, kv := range r.m.keys {
		if bytes.Equal(basestring.AppendKey(nil, r.creds, kv.rule), rfc) {
			continue
		}
		sig, err := r.method.Sign(r.base, r.creds, kv.rule)
		if err != nil {
			return nil, fmt.Errorf("sign: %w", err)
		}
		out = append(out, r.replayed(kv.label, kv.detail, r.base, sig, basestring.Encode(sig)))
	}
	return out, nil
}

// targets sends the correct signature each way the transport mistakes send
// one, and keeps those that the mistake's own targets map back to it: the
// label and detail are then the ones Check gives.
func (r *replayer) targets(form bool) []Replayed {
	var out []Replayed
	for _, s := range sentSignatures(r.correct, form) {
		if s.received == r.correct {
			continue
		}
		for _, t := range r.m.targets(s.received) {
			if t.sig == r.correct {
				out = append(out, r.replayed(t.label, t.detail, r.base, s.received, s.wire))
				break
			}
		}
	}
	return out
}

// needsReason says what a request would need for the mistake to show.
func needsReason(id string) string {
	if n := replayNeeds(id); n != "" {
		return "it needs " + n
	}
	return "no part of the request is one the mistake changes; see 'oauthdbg explain " + id + "'"
}

// replayNeeds says, for each mistake, what a request must have for the
// mistake to change its signature. TestReplayNeeds checks that every
// catalogue id has an entry.
func replayNeeds(id string) string {
	switch id {
	case "key-missing-token-secret":
		return "an oauth_token whose token secret is not empty"
	case "key-swapped-secrets":
		return "a consumer secret and a token secret that differ"
	case "key-secrets-not-encoded":
		return "a secret holding a character that percent-encoding changes, e.g. \"+\", \"/\" or a space"
	case "key-no-ampersand":
		return "an HMAC or PLAINTEXT signature"
	case "scheme-mismatch":
		return "an absolute http or https URL (a request whose scheme the capture does not say is checked under both schemes already)"
	case "signature-not-encoded":
		return "a signature holding \"+\", \"/\" or \"=\" (sent encoded twice), or holding \"+\" and sent in the query or form body (sent raw)"
	case "key-other-token-secret":
		return "the secret of another token known for the call (--secrets or a HAR's own responses), which one request's credentials do not hold; check finds it, sign cannot replay it"
	case "json-body-signed":
		return "a JSON object body (not form-encoded) with string, number or boolean fields"
	case "duplicate-keys-indexed":
		return "a name sent more than once, e.g. ?id=1&id=2 or ?id[]=1&id[]=2"
	case "host-mismatch":
		return "evidence of another host (a Host header that differs from the URL's host, X-Forwarded-Host, Forwarded host=, Origin or Referer), or a host name with a parent domain or a www. to toggle (an IP address has none)"
	case "plus-for-space":
		return "a space in a parameter name or value, e.g. a form body status=hello world"
	case "plus-not-decoded":
		return "a \"+\" in the query or the form body, e.g. ?q=a+b"
	case "query-not-decoded":
		return "a query name or value written percent-encoded, e.g. ?q=a%2Cb"
	case "double-encoded":
		return "a parameter value with characters that percent-encoding changes, e.g. an oauth_callback URL"
	case "query-params-unsigned":
		return "parameters in the URL's query"
	case "form-body-charset-dropped":
		return "a form body whose Content-Type has parameters, e.g. application/x-www-form-urlencoded; charset=UTF-8"
	case "body-params-unsigned":
		return "parameters in an application/x-www-form-urlencoded body"
	case "default-port-included":
		return "an http or https URL"
	case "port-mismatch":
		return "a port other than 80 and 443 in the URL, another port in the evidence (X-Forwarded-Port, a Host header with a port), or a URL without one of the common ports 8080, 8443, 8000 and 3000"
	case "param-signed-not-sent":
		return "an OAuth parameter clients sign without sending missing from the request: oauth_version, oauth_callback, oauth_token, oauth_verifier or oauth_body_hash"
	case "empty-param-dropped":
		return "a parameter with an empty value, e.g. ?a="
	case "param-sent-not-signed":
		return "a parameter"
	case "tilde-encoded":
		return "a \"~\" in a parameter name or value, or in the path"
	case "java-urlencoder":
		return "a space, \"*\" or \"~\" in a parameter name or value, or in the path"
	case "not-encoded":
		return "an http or https URL"
	case "non-form-body-signed":
		return "a body that is not application/x-www-form-urlencoded but reads as name=value pairs, e.g. a=1 sent as text/plain"
	case "realm-signed":
		return "a realm in the Authorization header"
	case "duplicate-dropped":
		return "a parameter name sent twice, e.g. ?a=1&a=2"
	case "trailing-slash":
		return "a URL path other than \"/\""
	case "path-mismatch":
		return "evidence of another path: X-Forwarded-Prefix, X-Original-URL, X-Original-URI or X-Rewrite-URL"
	case "query-in-base-uri":
		return "a query in the URL"
	case "method-mismatch":
		return "a request method"
	case "lowercase-hex":
		return "a percent-encoding with a letter in its hex digits, e.g. \":\" (%3A)"
	case "sort-raw-not-encoded":
		return "parameters that sort differently before and after encoding, e.g. the names a{ and a_"
	case "sort-key-only":
		return "a parameter name sent twice with its values out of order, e.g. ?a=2&a=1"
	case "sort-pair-strings":
		return "a parameter name that is a prefix of another, e.g. a and a-b"
	case "params-not-sorted":
		return "parameters collected out of order, e.g. ?b=1&a=2"
	case "path-decoded":
		return "a percent-encoded path, e.g. /files/a%20b"
	case "host-case":
		return "a host name with capital letters, e.g. https://API.example.com/"
	case "scheme-case":
		return "a scheme in capitals, e.g. HTTPS://api.example.com/"
	case "method-lowercase":
		return "a method with letters"
	case "empty-path-no-slash":
		return "a URL with an empty path, e.g. https://api.example.com"
	case "default-port-wrong-scheme":
		return "the other scheme's default port in the URL, e.g. http://api.example.com:443/"
	case "double-utf8":
		return "a non-ASCII character in a parameter name or value"
	case "value-cut-at-equals":
		return "a raw \"=\" in a query or form body value, e.g. ?q=a=b"
	case "signature-signed":
		return "an HMAC or RSA signature"
	}
	return ""
}
