package inspect

import (
	"slices"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

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
