package inspect

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
)

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
