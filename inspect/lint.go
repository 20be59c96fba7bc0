package inspect

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// Severity says how serious a lint finding is.
type Severity string

// The severities, most serious first.
const (
	// SeverityError is a request a server following RFC 5849 rejects, or a
	// leaked secret.
	SeverityError Severity = "error"
	// SeverityWarning is a likely mistake that some servers tolerate.
	SeverityWarning Severity = "warning"
	// SeverityInfo is worth knowing but not wrong.
	SeverityInfo Severity = "info"
)

// rank orders severities for sorting: errors first.
func (s Severity) rank() int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	case SeverityInfo:
		return 2
	}
	return 3
}

// Finding is one protocol problem found by Lint.
type Finding struct {
	// ID names the check, kebab-case and stable, e.g. "missing-param".
	ID string `json:"id"`
	// Severity is how serious the problem is.
	Severity Severity `json:"severity"`
	// Message says what is wrong, lowercase, quoting the offending value.
	// It never holds the value of a secret.
	Message string `json:"message"`
	// Section is the RFC 5849 section the check follows, e.g. "3.1", or ""
	// when the rule comes from an extension that the message names.
	Section string `json:"section"`
	// Param is the parameter concerned, or "" when the finding is about the
	// request as a whole.
	Param string `json:"param,omitempty"`
}

// LintOptions tune Lint.
type LintOptions struct {
	// Now is the time the timestamp is compared with when the request does
	// not say when it was made (Request.Started is zero). Lint never reads
	// the clock: the caller passes time.Now() when it wants "now"; with both
	// zero, the timestamp skew is not checked.
	Now time.Time
	// MaxSkew is how far oauth_timestamp may be from the time of the request
	// before a warning; zero or negative means DefaultMaxSkew.
	MaxSkew time.Duration
	// SignedScheme is the scheme of the URL in the signature base string,
	// "http" or "https", when the caller knows it: the scheme the signature
	// verified with. Empty means the request's own scheme when the capture
	// says it (Request.SchemeKnown), and no check of the scheme otherwise.
	SignedScheme string
	// Verified says the caller verified the signature: a finding that
	// guesses what the client signed words it as what the signature proves.
	Verified bool
	// Collected, when set, is what the signature engine read from the
	// request (basestring.AppendBaseStringCollected): Lint takes the
	// parameters from it instead of reading them again, when it read the
	// same query, OAuth Authorization header and form body. Lint keeps
	// nothing of it.
	Collected *basestring.Collected
}

// DefaultMaxSkew is the timestamp tolerance many servers use.
const DefaultMaxSkew = 5 * time.Minute

// lintCheck describes one check of Lint.
type lintCheck struct {
	// ID is the Finding.ID the check reports.
	ID string `json:"id"`
	// Severity is the severity of its findings.
	Severity Severity `json:"severity"`
	// Section is the RFC 5849 section, or "" for an extension.
	Section string `json:"section"`
	// Spec names the extension the check follows when it is not RFC 5849
	// (Section is then ""), or is "" for RFC 5849.
	Spec string `json:"spec,omitempty"`
	// Doc is a one-line lowercase title.
	Doc string `json:"doc"`
}

// lintPhase is a group of rules that run on the requests it applies to. The
// phases run in order; rules share what they need through the facts of the
// pass, computed before any rule runs, never through each other's findings.
type lintPhase int

const (
	// phaseRequest rules run on every request: the headers, the encoding,
	// the body, secrets and parameter names.
	phaseRequest lintPhase = iota
	// phaseOAuth rules run on requests with OAuth parameters: where they
	// are sent, and whether the request is an unsigned authorization step.
	phaseOAuth
	// phaseSigned rules run on OAuth requests that must be signed (not an
	// authorization step): each protocol parameter, and the request as a
	// whole (endpoint, transport, body hash).
	phaseSigned
	lintPhases
)

// applies reports whether the rules of phase ph run on the pass.
func (ph lintPhase) applies(p *pass) bool {
	switch ph {
	case phaseRequest:
		return true
	case phaseOAuth:
		return p.isOAuth
	case phaseSigned:
		return p.isOAuth && !p.authStep
	}
	return false
}

// lintRule is one check of Lint, in the shape of go/analysis's Analyzer: a
// documented record with its own run function. Every finding run reports
// carries the rule's ID, severity and section.
type lintRule struct {
	lintCheck
	// phase says which requests the rule runs on.
	phase lintPhase
	// run reports the rule's findings through pass.report.
	run func(*pass)
}

// lintRules returns the registry of checks, in the order they are
// documented. Adding a check is one record here, its run function in the
// file of its subject, and a case under testdata/lint that triggers it.
func lintRules() []lintRule {
	return []lintRule{
		// lint_params.go
		{lintCheck{ID: "no-oauth-params", Severity: SeverityError, Section: "3.5", Doc: "the request carries no oauth_ parameter at all"}, phaseRequest, lintNoOAuthParams},
		{lintCheck{ID: "missing-param", Severity: SeverityError, Section: "3.1", Doc: "a required protocol parameter is missing"}, phaseSigned, lintMissingParam},
		{lintCheck{ID: "param-empty", Severity: SeverityError, Section: "3.1", Doc: "a required protocol parameter is empty"}, phaseSigned, lintParamEmpty},
		{lintCheck{ID: "version-not-1.0", Severity: SeverityError, Section: "3.1", Doc: "oauth_version is sent with a value other than 1.0"}, phaseSigned, lintVersion},
		// lint_signature.go
		{lintCheck{ID: "unknown-signature-method", Severity: SeverityError, Section: "3.4", Doc: "oauth_signature_method names no known method"}, phaseSigned, lintUnknownMethod},
		{lintCheck{ID: "signature-method-case", Severity: SeverityError, Section: "3.1", Doc: "oauth_signature_method has the wrong letter case"}, phaseSigned, lintMethodCase},
		// lint_time.go
		{lintCheck{ID: "timestamp-invalid", Severity: SeverityError, Section: "3.3", Doc: "oauth_timestamp is not a positive integer of seconds"}, phaseSigned, lintTimestampInvalid},
		{lintCheck{ID: "timestamp-milliseconds", Severity: SeverityError, Section: "3.3", Doc: "oauth_timestamp is in milliseconds, not seconds"}, phaseSigned, lintTimestampMilliseconds},
		{lintCheck{ID: "timestamp-skew", Severity: SeverityWarning, Section: "3.3", Doc: "oauth_timestamp is far from the time of the request"}, phaseSigned, lintTimestampSkew},
		// lint_params.go
		{lintCheck{ID: "nonce-empty", Severity: SeverityError, Section: "3.3", Doc: "oauth_nonce is empty"}, phaseSigned, lintNonceEmpty},
		{lintCheck{ID: "param-duplicated", Severity: SeverityError, Section: "3.1", Doc: "a protocol parameter is sent more than once in one place"}, phaseOAuth, lintParamDuplicated},
		{lintCheck{ID: "param-in-several-places", Severity: SeverityError, Section: "3.5", Doc: "a protocol parameter is sent in more than one place"}, phaseOAuth, lintParamInSeveralPlaces},
		{lintCheck{ID: "params-split", Severity: SeverityWarning, Section: "3.5", Doc: "protocol parameters are spread over several places"}, phaseOAuth, lintParamsSplit},
		{lintCheck{ID: "param-name-typo", Severity: SeverityWarning, Section: "3.1", Doc: "a parameter name looks like a misspelt protocol parameter"}, phaseRequest, lintParamNameTypo},
		{lintCheck{ID: "param-whitespace", Severity: SeverityWarning, Section: "3.1", Doc: "a protocol parameter value has white space around it"}, phaseSigned, lintParamWhitespace},
		// lint_secrets.go
		{lintCheck{ID: "secret-in-request", Severity: SeverityError, Section: "4.5", Doc: "a secret is sent in the request"}, phaseRequest, lintSecretInRequest},
		// lint_endpoint.go
		{lintCheck{ID: "authorization-step", Severity: SeverityInfo, Section: "2.2", Doc: "an unsigned resource owner authorization step"}, phaseOAuth, lintAuthorizationStep},
		{lintCheck{ID: "callback-missing", Severity: SeverityWarning, Section: "2.1", Doc: "a temporary credentials request has no oauth_callback"}, phaseSigned, lintCallbackMissing},
		{lintCheck{ID: "callback-invalid", Severity: SeverityWarning, Section: "2.1", Doc: "oauth_callback is neither an absolute URI nor \"oob\""}, phaseSigned, lintCallbackInvalid},
		{lintCheck{ID: "verifier-missing", Severity: SeverityWarning, Section: "2.3", Doc: "a token request has no oauth_verifier"}, phaseSigned, lintVerifierMissing},
		{lintCheck{ID: "token-missing", Severity: SeverityWarning, Section: "2.3", Doc: "a token request has no oauth_token"}, phaseSigned, lintTokenMissing},
		// lint_transport.go
		{lintCheck{ID: "credentials-over-http", Severity: SeverityWarning, Section: "2.1", Doc: "credentials are requested over plain http"}, phaseSigned, lintCredentialsOverHTTP},
		// lint_headers.go
		{lintCheck{ID: "header-multiple", Severity: SeverityError, Section: "3.5.1", Doc: "several Authorization headers are sent"}, phaseRequest, lintHeaderMultiple},
		{lintCheck{ID: "header-scheme", Severity: SeverityError, Section: "3.5.1", Doc: "the Authorization header scheme is not OAuth"}, phaseRequest, lintHeaderScheme},
		{lintCheck{ID: "header-unreadable", Severity: SeverityError, Section: "3.5.1", Doc: "the Authorization header cannot be read"}, phaseRequest, lintHeaderUnreadable},
		{lintCheck{ID: "header-syntax", Severity: SeverityWarning, Section: "3.5.1", Doc: "the Authorization header has a syntax error"}, phaseRequest, lintHeaderSyntax},
		// lint_body.go
		{lintCheck{ID: "percent-encoding-invalid", Severity: SeverityError, Section: "3.6", Doc: "a malformed percent-escape in the path, query or body"}, phaseRequest, lintPercentEncoding},
		{lintCheck{ID: "form-body-content-type", Severity: SeverityWarning, Section: "3.4.1.3.1", Doc: "a form body is sent without the form Content-Type"}, phaseRequest, lintFormBodyContentType},
		{lintCheck{ID: "body-not-form", Severity: SeverityWarning, Section: "3.4.1.3.1", Doc: "a body sent as a form does not look like one"}, phaseRequest, lintBodyNotForm},
		// lint_transport.go
		{lintCheck{ID: "plaintext-over-http", Severity: SeverityError, Section: "3.4.4", Doc: "a PLAINTEXT signature is sent over plain http"}, phaseSigned, lintPlaintextOverHTTP},
		{lintCheck{ID: "https-signed-as-http", Severity: SeverityError, Section: "3.4.1.2", Doc: "the transport says https but the base string uses http"}, phaseSigned, lintHTTPSSignedAsHTTP},
		// lint_signature.go
		{lintCheck{ID: "plaintext-signature-format", Severity: SeverityWarning, Section: "3.4.4", Doc: "a PLAINTEXT signature has no \"&\" between the secrets"}, phaseSigned, lintPlaintextFormat},
		{lintCheck{ID: "signature-not-base64", Severity: SeverityError, Section: "3.4.2", Doc: "oauth_signature is not valid base64"}, phaseSigned, lintSignatureNotBase64},
		{lintCheck{ID: "signature-length", Severity: SeverityError, Section: "3.4.2", Doc: "oauth_signature has the wrong length for its method"}, phaseSigned, lintSignatureLength},
		// lint_body.go
		{lintCheck{ID: "body-hash-with-form-body", Severity: SeverityWarning, Spec: bodyHashSpec, Doc: "oauth_body_hash is sent with a form body"}, phaseSigned, lintBodyHashWithForm},
		{lintCheck{ID: "body-hash-mismatch", Severity: SeverityError, Spec: bodyHashSpec, Doc: "oauth_body_hash does not match the body"}, phaseSigned, lintBodyHashMismatch},
	}
}

// lintRulesByPhase is lintRules built once and split by phase, in their
// order: Lint runs on every request of a stream, and the table never
// changes.
var lintRulesByPhase = sync.OnceValue(func() (by [lintPhases][]lintRule) {
	for _, r := range lintRules() {
		by[r.phase] = append(by[r.phase], r)
	}
	return by
})

// bodyHashSpec names the OAuth Request Body Hash extension.
const bodyHashSpec = "OAuth Request Body Hash 1.0"

// lintChecks lists every check Lint runs, for documentation and for
// selecting findings by ID.
func lintChecks() []lintCheck {
	rules := lintRules()
	out := make([]lintCheck, len(rules))
	for i, r := range rules {
		out[i] = r.lintCheck
	}
	return out
}

// Lint checks a request against the protocol rules of RFC 5849 (§2, §3,
// §4) and the Request Body Hash extension, without any secret: missing,
// empty, misspelt, duplicated or misplaced parameters, the signature method,
// timestamp and nonce, the Authorization header syntax, the encoding of the
// path, query and body, the body and its Content-Type, the endpoint's own
// requirements (oauth_callback, oauth_verifier), the transport and secrets
// sent in the clear.
//
// The timestamp is compared with r.Started, or opts.Now when the capture
// does not say when the request was made. Lint is deterministic: it never
// reads the clock, and findings come sorted by severity, then ID, then
// message. A nil request has no findings. Its time is linear in the size of
// the request.
func Lint(r *Request, opts LintOptions) []Finding {
	if r == nil {
		return nil
	}
	if opts.MaxSkew <= 0 {
		opts.MaxSkew = DefaultMaxSkew
	}
	p := newPass(r, opts)
	defer passPool.Put(p)
	byPhase := lintRulesByPhase()
	for ph := range lintPhases {
		if !ph.applies(p) {
			continue
		}
		p.phaseRules = byPhase[ph]
		for i := range p.phaseRules {
			p.ruleAt = i
			p.phaseRules[i].run(p)
		}
	}
	if len(p.out) == 0 {
		return nil
	}
	out := slices.Clone(p.out)
	slices.SortFunc(out, func(a, b Finding) int {
		if d := a.Severity.rank() - b.Severity.rank(); d != 0 {
			return d
		}
		if d := strings.Compare(a.ID, b.ID); d != 0 {
			return d
		}
		if d := strings.Compare(a.Message, b.Message); d != 0 {
			return d
		}
		return strings.Compare(a.Param, b.Param)
	})
	return slices.Compact(out)
}

// passPool keeps the room of passes: Lint runs on every request of a
// stream, and a pass's slices and map outlive the request they served.
var passPool = sync.Pool{New: func() any { return &pass{index: map[string]int{}} }}

// pass is one run of Lint on one request: the request, the facts every rule
// may read, computed once before any rule runs, and the findings so far.
type pass struct {
	r    *Request
	opts LintOptions
	c    collectedParams
	// uses are the distinct oauth_ parameter names, in the order first
	// seen, each with where it is sent.
	uses  []paramUse
	index map[string]int
	// known holds, for each of suggestedNames, 1 + the index of its use,
	// or 0, and index holds the other names: most names are protocol
	// names, and a switch beats hashing.
	known [len(suggestedNames)]int
	// perSource counts the distinct protocol parameter names sent in each
	// place of lintSourceOrder, secrets left out.
	perSource [len(lintSourceOrder)]int
	// oauthHeader is whether an Authorization header has the OAuth scheme.
	oauthHeader bool
	// isOAuth is whether the request carries OAuth parameters to check: an
	// oauth_ parameter, or an OAuth Authorization header that could be read.
	isOAuth bool
	// authStep is whether the request is an unsigned authorization step of
	// RFC 5849 §2.2 (see authorizationStep).
	authStep bool
	// method is how oauth_signature_method reads; method.name is the
	// method the client meant, or "".
	method methodReading
	// guessed are the parameters of a body that reads as a form but is not
	// sent as one, or nil.
	guessed []basestring.Param
	// endpoint is the kind of endpoint the request goes to
	// (endpointKind).
	endpoint string
	// knownValues are the values of the first occurrence of each of
	// suggestedNames sent (known says which).
	knownValues [len(suggestedNames)]string
	// stray says a parameter may be a misspelt protocol parameter or a
	// secret: its name is an oauth_ name other than the protocol's, or
	// starts with "o" in either case, or says it is a secret. Most
	// requests have none, and the rules that look for them stop there.
	stray bool
	// repeated says a protocol parameter other than a secret is sent twice
	// in one place, severalPlaces that one is sent in several places.
	repeated, severalPlaces bool
	// ts is how oauth_timestamp reads, once timestampRead (timestamp).
	ts            timestampReading
	timestampRead bool
	// sigSize is the size oauth_signature decodes to as standard base64,
	// once sigRead, and sigBase64 whether it is standard base64
	// (signatureBase64).
	sigSize            int
	sigBase64, sigRead bool

	// phaseRules are the rules of the running phase and ruleAt the index
	// of the running one (an index, not a pointer per rule: the pass is
	// pooled, and a pointer stored in it costs a write barrier while the
	// collector runs).
	phaseRules []lintRule
	ruleAt     int
	out        []Finding
}

// newPass collects the parameters of r and the facts the rules share, in
// a pass from passPool.
func newPass(r *Request, opts LintOptions) *pass {
	p := passPool.Get().(*pass)
	p.r, p.opts, p.out = r, opts, p.out[:0]
	p.ts, p.timestampRead, p.sigRead = timestampReading{}, false, false
	p.c.collect(r, opts.Collected)
	clear(p.index)
	p.known, p.knownValues = [len(suggestedNames)]int{}, [len(suggestedNames)]string{}
	p.uses = p.uses[:0]
	p.perSource = [len(lintSourceOrder)]int{}
	p.stray, p.repeated, p.severalPlaces = false, false, false
	for k := range p.c.params {
		q := &p.c.params[k]
		if !strings.HasPrefix(q.Name, "oauth_") {
			p.stray = p.stray || q.Name != "" && q.Name[0]|0x20 == 'o' || isSecretName(q.Name)
			continue
		}
		// A protocol name is found by a switch, any other by the map.
		id := knownName(q.Name)
		p.stray = p.stray || id < 0
		var i int
		var ok bool
		if id >= 0 {
			i, ok = p.known[id]-1, p.known[id] > 0
		} else {
			i, ok = p.index[q.Name]
		}
		if !ok {
			i = len(p.uses)
			if id >= 0 {
				p.known[id] = i + 1
				p.knownValues[id] = q.Value // the first occurrence's
			} else {
				p.index[q.Name] = i
			}
			// No protocol name says it is a secret.
			p.uses = append(p.uses, paramUse{})
			u := &p.uses[i]
			u.name, u.at, u.secret = q.Name, int32(k), id < 0 && isSecretName(q.Name)
		}
		p.count(&p.uses[i], k)
	}
	p.oauthHeader = p.c.oauthHeader
	// An OAuth header that cannot be read is header-unreadable's alone.
	p.isOAuth = len(p.uses) > 0 || p.oauthHeader && p.c.auth != nil
	p.authStep = p.isOAuth && p.authorizationStep()
	sm, _ := p.protocol(nameSignatureMethod)
	p.method = readMethod(sm)
	p.endpoint = p.endpointKind()
	p.guessed = p.guessedBodyParams()
	return p
}

// report records a finding of the running rule about param ("" for the
// request as a whole).
func (p *pass) report(param, format string, args ...any) {
	p.reportIn("", param, format, args...)
}

// reportIn records a finding of the running rule under an RFC section other
// than the rule's own ("" for the rule's).
func (p *pass) reportIn(section, param, format string, args ...any) {
	c := p.phaseRules[p.ruleAt].lintCheck
	if section == "" {
		section = c.Section
	}
	p.out = append(p.out, Finding{ID: c.ID, Severity: c.Severity, Message: fmt.Sprintf(format, args...), Section: section, Param: param})
}

// The indexes of suggestedNames, for the rules that read one of them
// (pass.protocol).
const (
	nameConsumerKey = iota
	nameToken
	nameSignatureMethod
	nameSignature
	nameTimestamp
	nameNonce
	nameVersion
	nameCallback
	nameVerifier
	nameBodyHash
)

// protocol returns the value of the first occurrence of the protocol
// parameter suggestedNames[id].
func (p *pass) protocol(id int) (string, bool) {
	return p.knownValues[id], p.known[id] > 0
}

// knownName returns the index of name in suggestedNames, or -1.
func knownName(name string) int {
	switch name {
	case "oauth_consumer_key":
		return nameConsumerKey
	case "oauth_token":
		return nameToken
	case "oauth_signature_method":
		return nameSignatureMethod
	case "oauth_signature":
		return nameSignature
	case "oauth_timestamp":
		return nameTimestamp
	case "oauth_nonce":
		return nameNonce
	case "oauth_version":
		return nameVersion
	case "oauth_callback":
		return nameCallback
	case "oauth_verifier":
		return nameVerifier
	case "oauth_body_hash":
		return nameBodyHash
	}
	return -1
}

// paramUse is one oauth_ parameter name and where it is sent.
type paramUse struct {
	name string
	// at is the index of the name's first occurrence in the collected
	// parameters. The indexes and counts are 32 bits, so that a use, made
	// per distinct name of every request, stays small.
	at int32
	// secret is whether the name says it is a secret: secret-in-request
	// reports it, and the placement rules leave it out.
	secret bool
	// counts are the occurrences in each place of lintSourceOrder, firstAt
	// the index of the first in each, differ whether a later value there
	// is another.
	counts  [len(lintSourceOrder)]int32
	firstAt [len(lintSourceOrder)]int32
	differ  [len(lintSourceOrder)]bool
	// nPlaces is how many places of lintSourceOrder it is sent in.
	nPlaces int32
}

// places counts the places the name is sent in.
func (u *paramUse) places() int { return int(u.nPlaces) }

// count counts the occurrence k of the collected parameters under its
// use u, and keeps the facts of the pass that the counts give: the
// distinct names sent in each place, whether a name other than a secret
// repeats in one place or is sent in several.
func (p *pass) count(u *paramUse, k int) {
	params := p.c.params
	si := slices.Index(lintSourceOrder[:], params[k].Source)
	if si < 0 {
		return
	}
	if u.counts[si]++; u.counts[si] == 1 {
		u.firstAt[si] = int32(k)
		u.nPlaces++
		if !u.secret {
			p.perSource[si]++
			p.severalPlaces = p.severalPlaces || u.nPlaces > 1
		}
		return
	}
	p.repeated = p.repeated || !u.secret
	if params[k].Value != params[u.firstAt[si]].Value {
		u.differ[si] = true
	}
}
