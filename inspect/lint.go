package inspect

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// Severity says how serious a lint finding is.
type Severity string

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
}

// DefaultMaxSkew is the timestamp tolerance many servers use.
const DefaultMaxSkew = 5 * time.Minute

// LintCheck describes one check of Lint.
type LintCheck struct {
	// ID is the Finding.ID the check reports.
	ID string `json:"id"`
	// Severity is the severity of its findings.
	Severity Severity `json:"severity"`
	// Section is the RFC 5849 section, or "" for an extension.
	Section string `json:"section"`
	// Doc is a one-line lowercase title.
	Doc string `json:"doc"`
}

// A lintRule is one analyzer of Lint, in the shape of go/analysis's
// Analyzer: a name, what it looks at, the phase it runs in, the checks
// (finding IDs, with their severity, RFC section and doc) it reports, and
// its own run function. Adding a check is one entry in a rule's checks (or
// one new rule), one function and one case in testdata/lint.
type lintRule struct {
	name   string
	doc    string
	phase  lintPhase
	checks []LintCheck
	run    func(*linter)
}

// lintPhase orders the rules: each phase runs after the one before, and a
// rule may end the run (linter.stop) for the phases after its own.
type lintPhase int

const (
	// phaseRequest looks at the request as a whole: headers, escapes, the
	// body, secrets, parameter names.
	phaseRequest lintPhase = iota
	// phaseOAuth finds the oauth_ parameters (none: the run ends) and
	// where they travel; an unsigned authorization step ends the run.
	phaseOAuth
	// phaseProtocol checks the protocol parameters of a signed request.
	phaseProtocol
)

// lintRules are Lint's analyzers, in the order they run within a phase. The
// table is never modified.
var lintRules = [...]lintRule{
	{"headers", "the Authorization header", phaseRequest, []LintCheck{
		{"header-multiple", SeverityError, "3.5.1", "several Authorization headers are sent"},
		{"header-scheme", SeverityError, "3.5.1", "the Authorization header scheme is not OAuth"},
		{"header-unreadable", SeverityError, "3.5.1", "the Authorization header cannot be read"},
		{"header-syntax", SeverityWarning, "3.5.1", "the Authorization header has a syntax error"},
	}, (*linter).checkHeaders},
	{"encoding", "the percent-escapes of the query and the form body", phaseRequest, []LintCheck{
		{"percent-encoding-invalid", SeverityError, "3.6", "the query or form body holds a malformed percent-escape"},
	}, (*linter).checkEncoding},
	{"body", "the body and its Content-Type", phaseRequest, []LintCheck{
		{"form-body-content-type", SeverityWarning, "3.4.1.3.1", "a form body is sent without the form Content-Type"},
		{"body-not-form", SeverityWarning, "3.4.1.3.1", "a body sent as a form does not look like one"},
	}, (*linter).checkBody},
	{"secrets", "secrets sent in the request", phaseRequest, []LintCheck{
		{"secret-in-request", SeverityError, "4.5", "a secret is sent in the request"},
	}, (*linter).checkSecrets},
	{"names", "parameter names", phaseRequest, []LintCheck{
		{"param-name-typo", SeverityWarning, "3.1", "a parameter name looks like a misspelt protocol parameter"},
	}, (*linter).checkNames},
	{"presence", "whether the request carries oauth_ parameters", phaseOAuth, []LintCheck{
		{"no-oauth-params", SeverityError, "3.5", "the request carries no oauth_ parameter at all"},
	}, (*linter).checkPresence},
	{"placement", "where the protocol parameters travel", phaseOAuth, []LintCheck{
		{"param-duplicated", SeverityError, "3.1", "a protocol parameter is sent more than once in one place"},
		{"param-in-several-places", SeverityError, "3.5", "a protocol parameter is sent in more than one place"},
		{"params-split", SeverityWarning, "3.5", "protocol parameters are spread over several places"},
	}, (*linter).checkPlacement},
	{"authorization-step", "the unsigned resource owner authorization step", phaseOAuth, []LintCheck{
		{"authorization-step", SeverityInfo, "2.2", "an unsigned resource owner authorization step"},
	}, (*linter).checkAuthorizationStep},
	{"method", "oauth_signature_method", phaseProtocol, []LintCheck{
		{"unknown-signature-method", SeverityError, "3.4", "oauth_signature_method names no known method"},
		{"signature-method-case", SeverityError, "3.1", "oauth_signature_method has the wrong letter case"},
	}, (*linter).checkMethod},
	{"required", "the required protocol parameters", phaseProtocol, []LintCheck{
		{"missing-param", SeverityError, "3.1", "a required protocol parameter is missing"},
		{"param-empty", SeverityError, "3.1", "a required protocol parameter is empty"},
	}, (*linter).checkRequired},
	{"version", "oauth_version", phaseProtocol, []LintCheck{
		{"version-not-1.0", SeverityError, "3.1", "oauth_version is sent with a value other than 1.0"},
	}, (*linter).checkVersion},
	{"timestamp", "oauth_timestamp", phaseProtocol, []LintCheck{
		{"timestamp-invalid", SeverityError, "3.3", "oauth_timestamp is not a positive integer of seconds"},
		{"timestamp-milliseconds", SeverityError, "3.3", "oauth_timestamp is in milliseconds, not seconds"},
		{"timestamp-skew", SeverityWarning, "3.3", "oauth_timestamp is far from the time of the request"},
	}, (*linter).checkTimestamp},
	{"nonce", "oauth_nonce", phaseProtocol, []LintCheck{
		{"nonce-empty", SeverityError, "3.3", "oauth_nonce is empty"},
	}, (*linter).checkNonce},
	{"signature", "the form of oauth_signature", phaseProtocol, []LintCheck{
		{"plaintext-signature-format", SeverityWarning, "3.4.4", "a PLAINTEXT signature has no \"&\" between the secrets"},
		{"signature-not-base64", SeverityError, "3.4.2", "oauth_signature is not valid base64"},
		{"signature-length", SeverityError, "3.4.2", "oauth_signature has the wrong length for its method"},
	}, (*linter).checkSignature},
	{"endpoint", "what each step of the flow needs", phaseProtocol, []LintCheck{
		{"callback-missing", SeverityWarning, "2.1", "a temporary credentials request has no oauth_callback"},
		{"callback-invalid", SeverityWarning, "2.1", "oauth_callback is neither an absolute URI nor \"oob\""},
		{"verifier-missing", SeverityWarning, "2.3", "a token request has no oauth_verifier"},
		{"token-missing", SeverityWarning, "2.3", "a token request has no oauth_token"},
		{"credentials-over-http", SeverityWarning, "2.1", "credentials are requested over plain http"},
	}, (*linter).checkEndpoint},
	{"plaintext-transport", "PLAINTEXT over plain http", phaseProtocol, []LintCheck{
		{"plaintext-over-http", SeverityError, "3.4.4", "a PLAINTEXT signature is sent over plain http"},
	}, (*linter).checkPlaintextTransport},
	{"body-hash", "oauth_body_hash (OAuth Request Body Hash)", phaseProtocol, []LintCheck{
		{"body-hash-with-form-body", SeverityWarning, "", "oauth_body_hash is sent with a form body"},
		{"body-hash-mismatch", SeverityError, "", "oauth_body_hash does not match the body"},
	}, (*linter).checkBodyHash},
	{"whitespace", "white space around protocol values", phaseProtocol, []LintCheck{
		{"param-whitespace", SeverityWarning, "3.1", "a protocol parameter value has white space around it"},
	}, (*linter).checkWhitespace},
}

// lintCheckIndex maps each check ID to its record, built once from lintRules.
var lintCheckIndex = func() map[string]LintCheck {
	m := map[string]LintCheck{}
	for _, r := range lintRules {
		for _, c := range r.checks {
			m[c.ID] = c
		}
	}
	return m
}()

// lintChecks returns every check Lint reports, rule by rule.
func lintChecks() []LintCheck {
	var out []LintCheck
	for _, r := range lintRules {
		out = append(out, r.checks...)
	}
	return out
}

// lintCheck returns the record of check id.
func lintCheck(id string) (LintCheck, bool) {
	c, ok := lintCheckIndex[id]
	return c, ok
}

// Lint checks a request against the protocol rules of RFC 5849 (§2, §3,
// §4) and the Request Body Hash extension, without any secret: missing,
// empty, misspelt, duplicated or misplaced parameters, the signature method,
// timestamp and nonce, the Authorization header syntax, the body and its
// Content-Type, the endpoint's own requirements (oauth_callback,
// oauth_verifier) and secrets sent in the clear.
//
// The timestamp is compared with r.Started, or opts.Now when the capture
// does not say when the request was made. Lint is deterministic: it never
// reads the clock, and findings come sorted by severity, then ID, then
// message. A nil request has no findings.
func Lint(r *Request, opts LintOptions) []Finding {
	if r == nil {
		return nil
	}
	if opts.MaxSkew <= 0 {
		opts.MaxSkew = DefaultMaxSkew
	}
	l := &linter{r: r, opts: opts, c: collectParams(r), index: lintCheckIndex}
	l.lint()
	out := l.out
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

// linter holds one run of Lint: the request, the facts one rule finds for
// the rules after it, and the findings.
type linter struct {
	r    *Request
	opts LintOptions
	c    collectedParams
	// oauth are the oauth_ parameters in the order collected; first maps a
	// name to its first occurrence (phaseOAuth, "presence").
	oauth []basestring.Param
	first map[string]basestring.Param
	// method is oauth_signature_method as the "method" rule read it.
	method string
	// stop ends the run after the current rule.
	stop bool
	// index is lintCheckIndex (a field, so that the rules' functions do not
	// refer to the table that refers to them).
	index map[string]LintCheck
	out   []Finding
}

// add records a finding of the check id. section overrides the catalogue's
// section when not empty.
func (l *linter) add(id, param, section, format string, args ...any) {
	c, ok := l.index[id]
	if !ok {
		c = LintCheck{ID: id, Severity: SeverityError}
	}
	if section == "" {
		section = c.Section
	}
	l.out = append(l.out, Finding{ID: id, Severity: c.Severity, Message: fmt.Sprintf(format, args...), Section: section, Param: param})
}

// value returns the value of the first occurrence of an oauth_ parameter.
func (l *linter) value(name string) (string, bool) {
	p, ok := l.first[name]
	return p.Value, ok
}

// lint runs the rules phase by phase, until one stops the run.
func (l *linter) lint() {
	for _, phase := range []lintPhase{phaseRequest, phaseOAuth, phaseProtocol} {
		for i := range lintRules {
			if r := &lintRules[i]; r.phase == phase {
				r.run(l)
				if l.stop {
					return
				}
			}
		}
	}
}

// checkPresence collects the oauth_ parameters. Without any, and without an
// Authorization header of the OAuth scheme, the request is not an OAuth
// request (no-oauth-params); with an unreadable OAuth header, checkHeaders
// has said so. Either ends the run.
func (l *linter) checkPresence() {
	l.first = make(map[string]basestring.Param)
	for _, p := range l.c.params {
		if strings.HasPrefix(p.Name, "oauth_") {
			l.oauth = append(l.oauth, p)
			if _, ok := l.first[p.Name]; !ok {
				l.first[p.Name] = p
			}
		}
	}
	if len(l.oauth) > 0 {
		return
	}
	if !slices.ContainsFunc(l.r.HeaderValues("Authorization"), isOAuthScheme) {
		l.add("no-oauth-params", "", "", "no oauth parameters found: no Authorization header with the OAuth scheme and no oauth_ parameter in the query or a form body")
		l.stop = true
		return
	}
	if l.c.auth == nil {
		l.stop = true // the header cannot be read, as checkHeaders says
	}
}

// checkAuthorizationStep ends the run for the unsigned authorization step,
// to which no other check applies.
func (l *linter) checkAuthorizationStep() {
	if l.isAuthorizationStep() {
		l.stop = true
	}
}
