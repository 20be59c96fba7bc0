package inspect

import (
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

// lintChecks is the catalogue of checks, in the order they are documented.
// It is never modified.
var lintChecks = [...]LintCheck{
	{"no-oauth-params", SeverityError, "3.5", "the request carries no oauth_ parameter at all"},
	{"missing-param", SeverityError, "3.1", "a required protocol parameter is missing"},
	{"param-empty", SeverityError, "3.1", "a required protocol parameter is empty"},
	{"version-not-1.0", SeverityError, "3.1", "oauth_version is sent with a value other than 1.0"},
	{"unknown-signature-method", SeverityError, "3.4", "oauth_signature_method names no known method"},
	{"signature-method-case", SeverityError, "3.1", "oauth_signature_method has the wrong letter case"},
	{"timestamp-invalid", SeverityError, "3.3", "oauth_timestamp is not a positive integer of seconds"},
	{"timestamp-milliseconds", SeverityError, "3.3", "oauth_timestamp is in milliseconds, not seconds"},
	{"timestamp-skew", SeverityWarning, "3.3", "oauth_timestamp is far from the time of the request"},
	{"nonce-empty", SeverityError, "3.3", "oauth_nonce is empty"},
	{"param-duplicated", SeverityError, "3.1", "a protocol parameter is sent more than once in one place"},
	{"param-in-several-places", SeverityError, "3.5", "a protocol parameter is sent in more than one place"},
	{"params-split", SeverityWarning, "3.5", "protocol parameters are spread over several places"},
	{"param-name-typo", SeverityWarning, "3.1", "a parameter name looks like a misspelt protocol parameter"},
	{"param-whitespace", SeverityWarning, "3.1", "a protocol parameter value has white space around it"},
	{"secret-in-request", SeverityError, "4.5", "a secret is sent in the request"},
	{"authorization-step", SeverityInfo, "2.2", "an unsigned resource owner authorization step"},
	{"callback-missing", SeverityWarning, "2.1", "a temporary credentials request has no oauth_callback"},
	{"callback-invalid", SeverityWarning, "2.1", "oauth_callback is neither an absolute URI nor \"oob\""},
	{"verifier-missing", SeverityWarning, "2.3", "a token request has no oauth_verifier"},
	{"token-missing", SeverityWarning, "2.3", "a token request has no oauth_token"},
	{"credentials-over-http", SeverityWarning, "2.1", "credentials are requested over plain http"},
	{"header-multiple", SeverityError, "3.5.1", "several Authorization headers are sent"},
	{"header-scheme", SeverityError, "3.5.1", "the Authorization header scheme is not OAuth"},
	{"header-unreadable", SeverityError, "3.5.1", "the Authorization header cannot be read"},
	{"header-syntax", SeverityWarning, "3.5.1", "the Authorization header has a syntax error"},
	{"percent-encoding-invalid", SeverityError, "3.6", "the query or form body holds a malformed percent-escape"},
	{"form-body-content-type", SeverityWarning, "3.4.1.3.1", "a form body is sent without the form Content-Type"},
	{"body-not-form", SeverityWarning, "3.4.1.3.1", "a body sent as a form does not look like one"},
	{"plaintext-over-http", SeverityError, "3.4.4", "a PLAINTEXT signature is sent over plain http"},
	{"plaintext-signature-format", SeverityWarning, "3.4.4", "a PLAINTEXT signature has no \"&\" between the secrets"},
	{"signature-not-base64", SeverityError, "3.4.2", "oauth_signature is not valid base64"},
	{"signature-length", SeverityError, "3.4.2", "oauth_signature has the wrong length for its method"},
	{"body-hash-with-form-body", SeverityWarning, "", "oauth_body_hash is sent with a form body"},
	{"body-hash-mismatch", SeverityError, "", "oauth_body_hash does not match the body"},
}

// LintChecks lists every check Lint runs, for documentation and for
// selecting findings by ID.
func LintChecks() []LintCheck { return slices.Clone(lintChecks[:]) }

// lintCheck returns the catalogue entry of id.
func lintCheck(id string) (LintCheck, bool) {
	for _, c := range lintChecks {
		if c.ID == id {
			return c, true
		}
	}
	return LintCheck{}, false
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
	l := &linter{r: r, opts: opts, c: collectParams(r)}
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

// linter holds one run of Lint.
type linter struct {
	r    *Request
	opts LintOptions
	c    collectedParams
	// first maps an oauth_ parameter name to its first occurrence.
	first map[string]basestring.Param
	out   []Finding
}

// add records a finding of the check id. section overrides the catalogue's
// section when not empty.
func (l *linter) add(id, param, section, format string, args ...any) {
	c, ok := lintCheck(id)
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

func (l *linter) lint() {
	l.checkHeaders()
	l.checkEncoding()
	l.checkBody()
	l.checkSecrets()
	l.checkNames()

	var oauth []basestring.Param
	l.first = make(map[string]basestring.Param)
	for _, p := range l.c.params {
		if strings.HasPrefix(p.Name, "oauth_") {
			oauth = append(oauth, p)
			if _, ok := l.first[p.Name]; !ok {
				l.first[p.Name] = p
			}
		}
	}
	if len(oauth) == 0 {
		if !slices.ContainsFunc(l.r.HeaderValues("Authorization"), isOAuthScheme) {
			l.add("no-oauth-params", "", "", "no oauth parameters found: no Authorization header with the OAuth scheme and no oauth_ parameter in the query or a form body")
			return
		}
		if l.c.auth == nil {
			return // the header cannot be read, as checkHeaders says
		}
	}
	l.checkPlacement(oauth)
	if l.isAuthorizationStep() {
		return
	}
	method := l.checkMethod()
	l.checkRequired(method)
	l.checkVersion()
	l.checkTimestamp()
	l.checkNonce()
	l.checkSignature(method)
	l.checkEndpoint()
	l.checkPlaintextTransport(method)
	l.checkBodyHash(method)
	l.checkWhitespace()
}

// lintSourceName names a parameter source in messages.
func lintSourceName(s basestring.Source) string {
	switch s {
	case basestring.SourceHeader:
		return "authorization header"
	case basestring.SourceBody:
		return "form body"
	case basestring.SourceQuery:
		return "query"
	}
	return string(s)
}

// lintSourceOrder is the order of preference of RFC 5849 §3.5.
var lintSourceOrder = [...]basestring.Source{basestring.SourceHeader, basestring.SourceBody, basestring.SourceQuery}

// lintQuote quotes s for a message, cut to n bytes with "…" when longer.
func lintQuote(s string) string {
	const n = 64
	if len(s) > n {
		cut := n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "…"
	}
	return strconv.Quote(s)
}

// isSecretName reports whether a parameter or header name says it holds a
// secret.
func isSecretName(name string) bool {
	const word = "secret"
	for i := 0; i+len(word) <= len(name); i++ {
		if strings.EqualFold(name[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

// checkHeaders checks the Authorization headers (RFC 5849 §3.5.1).
func (l *linter) checkHeaders() {
	values := l.r.HeaderValues("Authorization")
	if len(values) > 1 {
		schemes := make([]string, len(values))
		for i, v := range values {
			schemes[i] = lintQuote(authScheme(v))
		}
		l.add("header-multiple", "", "", "%d Authorization headers are sent (schemes %s); a server reads one of them, send exactly one", len(values), strings.Join(schemes, ", "))
	}
	// With an OAuth header among several, header-multiple says it all.
	hasOAuth := slices.ContainsFunc(values, isOAuthScheme)
	for _, v := range values {
		scheme := authScheme(v)
		switch {
		case hasOAuth:
		case scheme == "":
			l.add("header-scheme", "", "", "the Authorization header is empty, want %q", `OAuth name="value", …`)
		case !strings.EqualFold(scheme, "OAuth"):
			hint := ""
			if strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "OAuth2") {
				hint = ": that is OAuth 2.0, not an OAuth 1.0a signature"
			}
			// The rest of the header is a credential: it is not quoted.
			l.add("header-scheme", "", "", "the Authorization header scheme is %s, not \"OAuth\"%s", lintQuote(scheme), hint)
		}
	}
	for _, pe := range l.c.errs {
		if pe.part != "authorization header" {
			continue
		}
		var he *basestring.HeaderError
		if errors.As(pe.err, &he) {
			l.add("header-unreadable", "", "", "the Authorization header cannot be read: %s at byte %d, so none of its parameters count", he.Reason, he.Offset)
		} else {
			l.add("header-unreadable", "", "", "the Authorization header cannot be read: %v", pe.err)
		}
	}
	if l.c.auth != nil {
		for _, p := range l.c.auth.Problems {
			l.add("header-syntax", "", "", "authorization header at byte %d: %s", p.Offset, p.Message)
		}
	}
}

// checkEncoding reports query and body text that cannot be decoded (§3.6).
func (l *linter) checkEncoding() {
	for _, pe := range l.c.errs {
		if pe.part == "authorization header" {
			continue
		}
		l.add("percent-encoding-invalid", "", "", "%s: %v; the parameters after it cannot be read", pe.part, pe.err)
	}
}

// bodyLooksLikeForm reports whether a body reads as
// application/x-www-form-urlencoded text: name=value pairs joined by "&",
// made only of the characters such text holds, every pair named.
func bodyLooksLikeForm(body []byte) bool {
	if len(body) == 0 || !strings.Contains(string(body), "=") {
		return false
	}
	for _, c := range body {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~%&=+*!$'(),;:/?@[]", c) >= 0:
		default:
			return false
		}
	}
	for pair := range strings.SplitSeq(string(body), "&") {
		if pair != "" && (pair[0] == '=' || !strings.Contains(pair, "=")) {
			return false
		}
	}
	return true
}

// guessedBodyParams returns the parameters of a body that is not sent as a
// form but reads as one, or nil.
func (l *linter) guessedBodyParams() []basestring.Param {
	if basestring.IsFormContentType(l.r.ContentType) || !bodyLooksLikeForm(l.r.Body) {
		return nil
	}
	ps, err := basestring.ParseForm(string(l.r.Body), basestring.SourceBody)
	if err != nil {
		return nil
	}
	return ps
}

// checkBody checks that a form body is sent as one and the reverse
// (§3.4.1.3.1: only a body with Content-Type
// application/x-www-form-urlencoded is signed).
func (l *linter) checkBody() {
	r := l.r
	if len(r.Body) == 0 {
		return
	}
	if ps := l.guessedBodyParams(); ps != nil {
		var names []string
		named := make(map[string]bool)
		hasOAuth := false
		for _, p := range ps {
			if !named[p.Name] {
				named[p.Name] = true
				names = append(names, p.Name)
			}
			hasOAuth = hasOAuth || strings.HasPrefix(p.Name, "oauth_")
		}
		list := lintQuoteList(names, 4)
		ct := "there is no Content-Type"
		if strings.TrimSpace(r.ContentType) != "" {
			ct = "Content-Type is " + lintQuote(r.ContentType)
		}
		also := ""
		if hasOAuth {
			also = ", and its oauth_ parameters are not read"
		}
		l.add("form-body-content-type", "", "", "the body looks like form parameters (%s) but %s: it is not signed%s; send Content-Type: application/x-www-form-urlencoded", list, ct, also)
		return
	}
	if basestring.IsFormContentType(r.ContentType) {
		t := strings.TrimLeft(string(r.Body), " \t\r\n")
		kind := ""
		switch {
		case strings.HasPrefix(t, "{"), strings.HasPrefix(t, "["):
			kind = "JSON"
		case strings.HasPrefix(t, "<"):
			kind = "XML"
		}
		if kind != "" {
			l.add("body-not-form", "", "", "the Content-Type is %s but the body looks like %s (it starts with %q): a server signs its text as form parameters, which the client probably did not", lintQuote(r.ContentType), kind, t[:1])
		}
	}
}

// lintQuoteList quotes up to n strings and says how many more there are.
func lintQuoteList(s []string, n int) string {
	var b strings.Builder
	for i, v := range s {
		if i == n {
			fmt.Fprintf(&b, " and %d more", len(s)-n)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(lintQuote(v))
	}
	return b.String()
}

// checkSecrets reports secrets sent in the request, by their name and
// length only (RFC 5849 §4.5: shared secrets work as passwords do).
func (l *linter) checkSecrets() {
	const revoke = "anyone who saw the request has it: revoke it and issue a new one"
	report := func(p basestring.Param, where string) {
		n := utf8.RuneCountInString(p.Value)
		if n == 0 {
			l.add("secret-in-request", p.Name, "", "secret parameter %s sent in the %s with an empty value: a client must never send its secrets", lintQuote(p.Name), where)
			return
		}
		l.add("secret-in-request", p.Name, "", "secret sent in the request: %s (%d characters) in the %s; %s", lintQuote(p.Name), n, where, revoke)
	}
	for _, p := range l.c.params {
		if isSecretName(p.Name) {
			report(p, lintSourceName(p.Source))
		}
	}
	for _, p := range l.guessedBodyParams() {
		if isSecretName(p.Name) {
			report(p, "body")
		}
	}
	for _, h := range l.r.Headers {
		if isSecretName(h.Name) {
			l.add("secret-in-request", "", "", "secret sent in the request: header %s (%d characters); %s", lintQuote(h.Name), utf8.RuneCountInString(h.Value), revoke)
		}
	}
}

// The protocol parameters of RFC 5849 and its common extensions, which a
// misspelt name is compared with.
var (
	suggestedNames = [...]string{
		"oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_signature",
		"oauth_timestamp", "oauth_nonce", "oauth_version", "oauth_callback", "oauth_verifier",
		"oauth_body_hash",
	}
	otherKnownNames = [...]string{
		"oauth_session_handle", "oauth_callback_confirmed", "oauth_token_secret",
		"oauth_problem", "oauth_problem_advice", "oauth_expires_in", "oauth_authorization_expires_in",
	}
)

// checkNames reports names that look like a misspelt protocol parameter:
// a wrong case, "-" for "_", or up to two letters off.
func (l *linter) checkNames() {
	seen := make(map[string]bool)
	for _, p := range l.c.params {
		name := p.Name
		lower := strings.ToLower(name)
		if !strings.HasPrefix(lower, "oauth") || isSecretName(name) || seen[name] ||
			slices.Contains(suggestedNames[:], name) || slices.Contains(otherKnownNames[:], name) {
			continue
		}
		seen[name] = true
		norm := strings.ReplaceAll(lower, "-", "_")
		best, bestDist := "", 3
		for _, k := range suggestedNames {
			d := EditDistance(norm, k, bestDist)
			if d < bestDist {
				best, bestDist = k, d
			}
		}
		if best != "" {
			l.add("param-name-typo", name, "", "unknown parameter %s in the %s: did you mean %q? names are case-sensitive and must be exact", lintQuote(name), lintSourceName(p.Source), best)
		}
	}
}

// checkPlacement checks that each protocol parameter is sent once, in one
// place (RFC 5849 §3.1 step 2, §3.5).
func (l *linter) checkPlacement(oauth []basestring.Param) {
	type use struct {
		name   string
		counts [len(lintSourceOrder)]int
		values [len(lintSourceOrder)][]string
	}
	var uses []*use
	useOf := make(map[string]int)
	var perSource [len(lintSourceOrder)][]string
	for _, p := range oauth {
		si := slices.Index(lintSourceOrder[:], p.Source)
		if si < 0 || isSecretName(p.Name) { // a secret is reported as such
			continue
		}
		i, ok := useOf[p.Name]
		if !ok {
			uses = append(uses, &use{name: p.Name})
			i = len(uses) - 1
			useOf[p.Name] = i
		}
		u := uses[i]
		u.counts[si]++
		u.values[si] = append(u.values[si], p.Value)
		if u.counts[si] == 1 { // the name's first time in this place
			perSource[si] = append(perSource[si], p.Name)
		}
	}
	for _, u := range uses {
		var places []string
		for si, n := range u.counts {
			if n == 0 {
				continue
			}
			places = append(places, "the "+lintSourceName(lintSourceOrder[si]))
			if n > 1 {
				same := "the same value"
				vs := u.values[si]
				for _, v := range vs[1:] {
					if v != vs[0] {
						same = "different values"
						break
					}
				}
				l.add("param-duplicated", u.name, "", "%s is sent %d times in the %s, with %s; each protocol parameter must appear once", lintQuote(u.name), n, lintSourceName(lintSourceOrder[si]), same)
			}
		}
		if len(places) > 1 {
			l.add("param-in-several-places", u.name, "", "%s is sent in %s; send each protocol parameter in one place only", lintQuote(u.name), lintJoinAnd(places))
		}
	}
	var holding []string
	var sets [][]string
	for si, names := range perSource {
		if len(names) > 0 {
			holding = append(holding, fmt.Sprintf("the %s (%d)", lintSourceName(lintSourceOrder[si]), len(names)))
			slices.Sort(names)
			sets = append(sets, names)
		}
	}
	if len(sets) > 1 {
		for _, s := range sets[1:] {
			if !slices.Equal(s, sets[0]) {
				l.add("params-split", "", "", "protocol parameters are split between %s; send all of them in one place, the Authorization header preferably", lintJoinAnd(holding))
				break
			}
		}
	}
}

// lintJoinAnd joins words as "a, b and c".
func lintJoinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// isAuthorizationStep reports, and says so, a request that carries only
// oauth_token, oauth_verifier or oauth_callback on an authorization URL or
// a callback: the steps of RFC 5849 §2.2, which are not signed.
func (l *linter) isAuthorizationStep() bool {
	if len(l.first) == 0 {
		return false
	}
	var names []string
	for name := range l.first {
		switch name {
		case "oauth_token", "oauth_verifier", "oauth_callback":
			names = append(names, name)
		default:
			return false
		}
	}
	path := strings.ToLower(l.c.path)
	_, hasVerifier := l.first["oauth_verifier"]
	if !hasVerifier && !strings.Contains(path, "authoriz") && !strings.Contains(path, "authenticate") {
		return false
	}
	slices.Sort(names)
	step := "the resource owner authorization request"
	if hasVerifier {
		step = "the callback to the client"
	}
	l.add("authorization-step", "", "", "only %s sent, no oauth_consumer_key or oauth_signature: this looks like %s, which is not signed; no other check applies", strings.Join(names, " and "), step)
	return true
}

// checkMethod checks oauth_signature_method (RFC 5849 §3.1, §3.4) and returns
// the name of the method the client meant, or "" when it is unknown or absent.
func (l *linter) checkMethod() string {
	const param = "oauth_signature_method"
	v, ok := l.value(param)
	if !ok || v == "" {
		return ""
	}
	if m, err := basestring.MethodByName(v); err == nil {
		return m.Name()
	}
	var names []string
	for _, m := range basestring.Methods() {
		names = append(names, m.Name())
	}
	for _, name := range names {
		if strings.EqualFold(name, v) {
			l.add("signature-method-case", param, "", "oauth_signature_method %s has the wrong case: method names are case-sensitive, send %q", lintQuote(v), name)
			return name
		}
	}
	squash := func(s string) string {
		var b strings.Builder
		for _, c := range strings.ToUpper(s) {
			if 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	for _, name := range names {
		if strings.TrimSpace(v) == name {
			l.add("unknown-signature-method", param, "", "unknown oauth_signature_method %s: remove the white space around %q", lintQuote(v), name)
			return name
		}
		if squash(v) == squash(name) {
			l.add("unknown-signature-method", param, "", "unknown oauth_signature_method %s: did you mean %q?", lintQuote(v), name)
			return name
		}
	}
	l.add("unknown-signature-method", param, "", "unknown oauth_signature_method %s; the known methods are %s", lintQuote(v), strings.Join(names, ", "))
	return ""
}

// checkRequired reports the required parameters that are missing or empty
// (RFC 5849 §3.1). oauth_timestamp and oauth_nonce may be left out with
// PLAINTEXT; oauth_token is optional.
func (l *linter) checkRequired(method string) {
	for _, name := range [...]string{"oauth_consumer_key", "oauth_signature_method", "oauth_signature", "oauth_timestamp", "oauth_nonce"} {
		v, ok := l.value(name)
		switch {
		case !ok && (name == "oauth_timestamp" || name == "oauth_nonce"):
			if method != "PLAINTEXT" {
				l.add("missing-param", name, "", "missing required parameter %q (only PLAINTEXT may leave it out)", name)
			}
		case !ok:
			l.add("missing-param", name, "", "missing required parameter %q", name)
		case v == "" && name != "oauth_timestamp" && name != "oauth_nonce":
			l.add("param-empty", name, "", "%q is sent with an empty value", name)
		}
	}
}

// checkVersion checks that oauth_version, when sent, is "1.0" (RFC 5849 §3.1).
func (l *linter) checkVersion() {
	v, ok := l.value("oauth_version")
	if !ok || v == "1.0" {
		return
	}
	hint := ""
	switch {
	case strings.TrimSpace(v) == "1.0":
		hint = "; remove the white space"
	case strings.EqualFold(v, "1.0a"):
		hint = "; 1.0a names the revision of the protocol, the parameter stays \"1.0\""
	case v == "1":
		hint = "; write it \"1.0\""
	}
	l.add("version-not-1.0", "oauth_version", "", "oauth_version is %s, it must be \"1.0\" when sent (or left out)%s", lintQuote(v), hint)
}

// lintMaxUnix is 9999-12-31T23:59:59Z, the last second a timestamp is read as.
const lintMaxUnix = 253402300799

// checkTimestamp checks oauth_timestamp (RFC 5849 §3.3): a positive integer
// of seconds since the epoch, close to the time the request was made.
func (l *linter) checkTimestamp() {
	const param = "oauth_timestamp"
	v, ok := l.value(param)
	if !ok {
		return
	}
	const want = "seconds since 1970-01-01T00:00:00Z"
	if v == "" {
		l.add("timestamp-invalid", param, "", "oauth_timestamp is empty, want %s", want)
		return
	}
	digits := strings.TrimLeft(v, "0")
	if strings.Trim(v, "0123456789") != "" || digits == "" {
		hint := ""
		ip, fp, dot := strings.Cut(v, ".")
		switch {
		case dot && ip != "" && strings.Trim(ip, "0123456789") == "" && strings.Trim(fp, "0123456789") == "":
			hint = ": fractional seconds are not allowed"
		case strings.TrimSpace(v) != v && strings.Trim(strings.TrimSpace(v), "0123456789") == "":
			hint = ": remove the white space"
		case strings.HasPrefix(v, "-"):
			hint = ": it is negative"
		default:
			if _, err := time.Parse(time.RFC3339, v); err == nil {
				hint = ": it is a date, not a number"
			} else if _, err := time.Parse(time.RFC1123, v); err == nil {
				hint = ": it is a date, not a number"
			}
		}
		l.add("timestamp-invalid", param, "", "oauth_timestamp %s is not a positive integer of %s%s", lintQuote(v), want, hint)
		return
	}
	switch len(digits) {
	case 13, 16, 19:
		unit := map[int]string{13: "milliseconds", 16: "microseconds", 19: "nanoseconds"}[len(digits)]
		secs := digits[:10]
		extra := ""
		if ref, which := l.refTime(); !ref.IsZero() {
			n, _ := strconv.ParseInt(secs, 10, 64)
			extra = "; as seconds it is " + l.skewPhrase(n, ref, which)
		}
		l.add("timestamp-milliseconds", param, "", "oauth_timestamp %s has %d digits: it looks like %s, but it must be %s (%s)%s", digits, len(digits), unit, want, secs, extra)
		return
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > lintMaxUnix {
		l.add("timestamp-invalid", param, "", "oauth_timestamp %s is after the year 9999; it must be %s", lintQuote(v), want)
		return
	}
	ref, which := l.refTime()
	if ref.IsZero() {
		return
	}
	diff := time.Unix(n, 0).Sub(ref)
	if diff.Abs() <= l.opts.MaxSkew {
		return
	}
	hint := ""
	if a := diff.Abs(); a >= 30*time.Minute && a <= 15*time.Hour {
		off := a % (15 * time.Minute)
		if off <= 2*time.Minute || off >= 13*time.Minute {
			hint = "; a difference of whole hours suggests a clock set to local time read as UTC"
		}
	}
	l.add("timestamp-skew", param, "", "oauth_timestamp %d is %s (allowed skew %s)%s", n, l.skewPhrase(n, ref, which), lintDuration(l.opts.MaxSkew), hint)
}

// refTime returns the time the request was made, or opts.Now, with words
// naming it; the zero time when neither is known.
func (l *linter) refTime() (time.Time, string) {
	if !l.r.Started.IsZero() {
		return l.r.Started, "the request time"
	}
	if !l.opts.Now.IsZero() {
		return l.opts.Now, "the current time"
	}
	return time.Time{}, ""
}

// skewPhrase says how far a timestamp is from ref: "5 years 2 months before
// the request time 2016-12-01T00:00:00Z".
func (l *linter) skewPhrase(ts int64, ref time.Time, which string) string {
	t := time.Unix(ts, 0).UTC()
	ref = ref.UTC()
	at := which + " " + ref.Format(time.RFC3339)
	switch {
	case t.Equal(ref):
		return "equal to " + at
	case t.Before(ref):
		return lintSpan(t, ref) + " before " + at
	}
	return lintSpan(ref, t) + " after " + at
}

// lintDuration writes d in words, e.g. "5 minutes".
func lintDuration(d time.Duration) string {
	t := time.Unix(0, 0).UTC()
	return lintSpan(t, t.Add(d))
}

// lintSpan writes the time from a to b (a before b) in words, the two
// largest units that are not zero: "5 years 1 month", "2 hours",
// "7 minutes 30 seconds". Under a day the span is rounded to the smaller
// unit shown; from a day on, years, months and days follow the calendar and
// are rounded down.
func lintSpan(a, b time.Time) string {
	if d := b.Sub(a); d < 24*time.Hour {
		if d < time.Second {
			return "less than a second"
		}
		if d >= time.Hour {
			d = d.Round(time.Minute)
		} else {
			d = d.Round(time.Second)
		}
		if d < 24*time.Hour {
			return lintSpanWords(0, 0, 0, int64(d/time.Hour), int64(d%time.Hour/time.Minute), int64(d%time.Minute/time.Second))
		}
		b = a.Add(d)
	}
	y := b.Year() - a.Year()
	m := int(b.Month()) - int(a.Month())
	if m < 0 {
		y, m = y-1, m+12
	}
	if a.AddDate(y, m, 0).After(b) {
		if m--; m < 0 {
			y, m = y-1, m+12
		}
	}
	rest := b.Sub(a.AddDate(y, m, 0))
	days := int64(rest / (24 * time.Hour))
	rest -= time.Duration(days) * 24 * time.Hour
	return lintSpanWords(int64(y), int64(m), days, int64(rest/time.Hour), int64(rest%time.Hour/time.Minute), int64(rest%time.Minute/time.Second))
}

// lintSpanWords writes the first unit that is not zero and the next one when it
// is not zero either: "2 days 2 hours", "3 minutes".
func lintSpanWords(n ...int64) string {
	names := [...]string{"year", "month", "day", "hour", "minute", "second"}
	var parts []string
	for i, v := range n {
		if v == 0 {
			if len(parts) > 0 {
				break
			}
			continue
		}
		s := strconv.FormatInt(v, 10) + " " + names[i]
		if v != 1 {
			s += "s"
		}
		if parts = append(parts, s); len(parts) == 2 {
			break
		}
	}
	if len(parts) == 0 {
		return "less than a second"
	}
	return strings.Join(parts, " ")
}

// checkNonce checks that oauth_nonce, when sent, is not empty (RFC 5849 §3.3).
func (l *linter) checkNonce() {
	if v, ok := l.value("oauth_nonce"); ok && v == "" {
		l.add("nonce-empty", "oauth_nonce", "", "oauth_nonce is empty; it must be a random string, unique for each timestamp")
	}
}

// hmacDigestSize is the digest size of each HMAC method, for the length check.
func hmacDigestSize(method string) int {
	switch method {
	case "HMAC-SHA1":
		return 20
	case "HMAC-SHA256":
		return 32
	case "HMAC-SHA512":
		return 64
	}
	return 0
}

// checkSignature checks the form of oauth_signature: base64 of the right
// length for HMAC and RSA (RFC 5849 §3.4.2, §3.4.3), the two secrets joined
// by "&" for PLAINTEXT (§3.4.4), whose value is never shown.
func (l *linter) checkSignature(method string) {
	const param = "oauth_signature"
	sig, ok := l.value(param)
	if !ok || sig == "" || method == "" {
		return
	}
	if method == "PLAINTEXT" {
		if !strings.Contains(sig, "&") {
			l.add("plaintext-signature-format", param, "", "the PLAINTEXT oauth_signature (%d characters) has no \"&\": it must be the encoded consumer secret, \"&\", then the encoded token secret, the \"&\" kept when one is empty", utf8.RuneCountInString(sig))
		}
		return
	}
	section := "3.4.2"
	if strings.HasPrefix(method, "RSA-") {
		section = "3.4.3"
	}
	raw, err := base64.StdEncoding.DecodeString(sig)
	if err != nil {
		hint := ""
		if i := strings.IndexByte(sig, ' '); i >= 0 {
			hint = fmt.Sprintf(": the space at byte %d is probably a \"+\" sent unencoded and decoded as a space; encode \"+\" as %%2B", i)
		} else if dec, derr := basestring.Decode(sig); derr == nil && dec != sig && isStdBase64(dec) {
			hint = fmt.Sprintf(": it is still percent-encoded (%s once decoded), so it was encoded twice", lintQuote(dec))
		} else if strings.ContainsAny(sig, "-_") && isURLBase64(sig) {
			hint = ": it uses the URL-safe alphabet (\"-\" and \"_\"); use standard base64 (\"+\" and \"/\")"
		} else if _, rerr := base64.RawStdEncoding.DecodeString(sig); rerr == nil {
			hint = ": the \"=\" padding is missing"
		} else if isHexDigest(sig) {
			hint = ": it looks like hex; the digest must be base64-encoded"
		}
		l.add("signature-not-base64", param, section, "oauth_signature %s is not valid base64%s", lintQuote(sig), hint)
		return
	}
	if want := hmacDigestSize(method); want != 0 && len(raw) != want {
		hint := ""
		if isHexDigest(sig) && len(sig) == 2*want {
			hint = " (it looks like a hex digest; the digest must be base64-encoded)"
		}
		for _, m := range [...]string{"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512"} {
			if hint == "" && hmacDigestSize(m) == len(raw) {
				hint = fmt.Sprintf(" (the size of %s: is the method right?)", m)
			}
		}
		l.add("signature-length", param, section, "oauth_signature decodes to %d bytes but %s gives %d%s", len(raw), method, want, hint)
	}
}

func isStdBase64(s string) bool {
	_, err := base64.StdEncoding.DecodeString(s)
	return err == nil
}

func isURLBase64(s string) bool {
	if _, err := base64.URLEncoding.DecodeString(s); err == nil {
		return true
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

func isHexDigest(s string) bool {
	if len(s) < 32 || len(s)%2 != 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// endpointKind tells a temporary credentials request (§2.1) and a token
// request (§2.3) apart by the request path and parameters.
func (l *linter) endpointKind() string {
	token, _ := l.value("oauth_token")
	hasTemp := false
	hasToken := false
	for seg := range strings.SplitSeq(strings.ToLower(l.c.path), "/") {
		switch {
		case strings.Contains(seg, "access_token"), strings.Contains(seg, "accesstoken"), seg == "token":
			hasToken = true
		case strings.Contains(seg, "request_token"), strings.Contains(seg, "requesttoken"), strings.Contains(seg, "initiate"):
			hasTemp = true
		}
	}
	switch {
	case hasToken:
		return "token"
	case hasTemp && token == "":
		return "temporary"
	}
	return ""
}

// displayURL is the request URL without its query, for messages: the query
// may hold the signature or a secret.
func (l *linter) displayURL() string {
	if u, err := basestring.SplitURL(l.r.URL); err == nil {
		return u.Scheme + "://" + u.Authority + u.Path
	}
	if l.r.Host != "" {
		return l.r.Host + l.c.path
	}
	return l.c.path
}

// isPlainHTTP reports whether the request is known to have gone over http.
func (l *linter) isPlainHTTP() bool {
	return l.r.SchemeKnown && strings.EqualFold(l.r.Scheme, "http")
}

// checkEndpoint checks what the endpoints of RFC 5849 §2 require:
// oauth_callback for temporary credentials, oauth_token and oauth_verifier
// for token credentials, TLS for both.
func (l *linter) checkEndpoint() {
	if cb, ok := l.value("oauth_callback"); ok {
		l.checkCallback(cb)
	}
	xauth := false
	for _, p := range l.c.params {
		xauth = xauth || strings.HasPrefix(p.Name, "x_auth_")
	}
	path := lintQuote(l.c.path)
	switch l.endpointKind() {
	case "temporary":
		if _, ok := l.value("oauth_callback"); !ok {
			l.add("callback-missing", "oauth_callback", "", "temporary credentials request to %s has no oauth_callback; it is required, send \"oob\" when there is no callback URI", path)
		}
		if l.isPlainHTTP() {
			l.add("credentials-over-http", "", "2.1", "temporary credentials requested over plain http from %s: the response carries oauth_token_secret in clear text; use https", lintQuote(l.displayURL()))
		}
	case "token":
		if !xauth {
			if v, ok := l.value("oauth_verifier"); !ok || v == "" {
				l.add("verifier-missing", "oauth_verifier", "", "token request to %s has no oauth_verifier; it is required, with the verification code from the authorization step", path)
			}
			if v, ok := l.value("oauth_token"); !ok || v == "" {
				l.add("token-missing", "oauth_token", "", "token request to %s has no oauth_token; it is signed with the temporary credentials, oauth_token the request token", path)
			}
		}
		if l.isPlainHTTP() {
			l.add("credentials-over-http", "", "2.3", "token credentials requested over plain http from %s: the response carries oauth_token_secret in clear text; use https", lintQuote(l.displayURL()))
		}
	}
}

// checkCallback checks that oauth_callback is an absolute URI or "oob"
// (RFC 5849 §2.1).
func (l *linter) checkCallback(cb string) {
	const param = "oauth_callback"
	cb = strings.TrimSpace(cb) // white space is param-whitespace's
	switch {
	case cb == "oob" || hasURIScheme(cb):
		return
	case strings.EqualFold(cb, "oob"):
		l.add("callback-invalid", param, "", "oauth_callback %s: \"oob\" is case-sensitive, send \"oob\"", lintQuote(cb))
	case cb == "":
		l.add("callback-invalid", param, "", "oauth_callback is empty; send an absolute URI, or \"oob\" when there is none")
	default:
		hint := ""
		if dec, err := basestring.Decode(cb); err == nil && dec != cb && hasURIScheme(dec) {
			hint = " (it is still percent-encoded once decoded: it was encoded twice)"
		}
		l.add("callback-invalid", param, "", "oauth_callback %s is neither an absolute URI nor \"oob\"%s", lintQuote(cb), hint)
	}
}

// hasURIScheme reports whether s starts with a URI scheme and ":" (RFC 3986
// §3.1), as an absolute URI does.
func hasURIScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return false
	}
	for k := 0; k < i; k++ {
		c := s[k]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || k > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// checkPlaintextTransport reports PLAINTEXT over http (RFC 5849 §3.4.4
// requires TLS: the signature is the secrets).
func (l *linter) checkPlaintextTransport(method string) {
	if method == "PLAINTEXT" && l.isPlainHTTP() {
		l.add("plaintext-over-http", "oauth_signature", "", "signature method PLAINTEXT sent over plain http to %s: the signature is the client and token secrets themselves, readable on the way; use https and revoke them", lintQuote(l.displayURL()))
	}
}

// checkBodyHash checks oauth_body_hash (OAuth Request Body Hash extension):
// never with a form body, else the base64 hash of the body.
func (l *linter) checkBodyHash(method string) {
	const param = "oauth_body_hash"
	bh, ok := l.value(param)
	if !ok {
		return
	}
	if basestring.IsFormContentType(l.r.ContentType) {
		l.add("body-hash-with-form-body", param, "", "oauth_body_hash is sent with a form body; the body hash extension forbids it, form parameters are signed as they are")
		return
	}
	want := basestring.BodyHash(l.r.Body, method)
	if bh == want {
		return
	}
	alg := map[string]string{"HMAC-SHA256": "SHA-256", "RSA-SHA256": "SHA-256", "HMAC-SHA512": "SHA-512"}[method]
	if alg == "" {
		alg = "SHA-1"
	}
	hint := ""
	switch {
	case len(l.r.Body) > 0 && bh == basestring.BodyHash(nil, method):
		hint = "; the value sent is the hash of an empty body"
	default:
		for _, m := range [...]string{"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512"} {
			if bh == basestring.BodyHash(l.r.Body, m) {
				hint = fmt.Sprintf("; the value sent is its %s hash", map[string]string{"HMAC-SHA1": "SHA-1", "HMAC-SHA256": "SHA-256", "HMAC-SHA512": "SHA-512"}[m])
			}
		}
	}
	l.add("body-hash-mismatch", param, "", "oauth_body_hash %s does not match the body (%d bytes), whose base64 %s hash is %q (body hash extension)%s", lintQuote(bh), len(l.r.Body), alg, want, hint)
}

// checkWhitespace reports identifiers with white space around them: values
// are compared exactly (RFC 5849 §3.1).
func (l *linter) checkWhitespace() {
	for _, name := range [...]string{"oauth_consumer_key", "oauth_token", "oauth_verifier", "oauth_callback", "oauth_nonce"} {
		if v, ok := l.value(name); ok && v != "" && strings.TrimSpace(v) != v {
			l.add("param-whitespace", name, "", "%s has white space around its value %s; values are compared exactly", lintQuote(name), lintQuote(v))
		}
	}
}
