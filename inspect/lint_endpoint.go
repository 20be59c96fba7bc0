package inspect

import (
	"slices"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// The rules about the endpoints of RFC 5849 §2: the authorization step,
// oauth_callback for temporary credentials, oauth_token and oauth_verifier
// for token credentials.

// authorizationStep reports whether the request carries only oauth_token,
// oauth_verifier or oauth_callback on an authorization URL or a callback:
// the steps of RFC 5849 §2.2, which are not signed.
func (p *pass) authorizationStep() bool {
	if len(p.uses) == 0 {
		return false
	}
	for _, u := range p.uses {
		switch u.name {
		case "oauth_token", "oauth_verifier", "oauth_callback":
		default:
			return false
		}
	}
	if _, ok := p.protocol(nameVerifier); ok {
		return true
	}
	path := strings.ToLower(p.c.path)
	return strings.Contains(path, "authoriz") || strings.Contains(path, "authenticate")
}

// lintAuthorizationStep says that the request is an unsigned authorization
// step (RFC 5849 §2.2), which no other protocol rule applies to.
func lintAuthorizationStep(p *pass) {
	if !p.authStep {
		return
	}
	names := make([]string, 0, len(p.uses))
	for _, u := range p.uses {
		names = append(names, u.name)
	}
	slices.Sort(names)
	step := "the resource owner authorization request"
	if _, ok := p.protocol(nameVerifier); ok {
		step = "the callback to the client"
	}
	p.report("", "only %s sent, no oauth_consumer_key or oauth_signature: this looks like %s, which is not signed; no other check applies", strings.Join(names, " and "), step)
}

// The kinds of endpoint, told apart by endpointKind.
const (
	endpointTemporary = "temporary" // temporary credentials request (§2.1)
	endpointToken     = "token"     // token request (§2.3)
)

// endpointKind tells a temporary credentials request (§2.1) and a token
// request (§2.3) apart by the request path and parameters, or returns "".
// An empty oauth_token is no token.
func (p *pass) endpointKind() string {
	token, _ := p.protocol(nameToken)
	hasTemp := false
	hasToken := false
	if !mentionsTokenOrInitiate(p.c.path) {
		return "" // most paths: no segment below can match
	}
	path := strings.ToLower(p.c.path)
	for seg := range strings.SplitSeq(path, "/") {
		switch {
		case strings.Contains(seg, "access_token"), strings.Contains(seg, "accesstoken"), seg == "token":
			hasToken = true
		case strings.Contains(seg, "request_token"), strings.Contains(seg, "requesttoken"), strings.Contains(seg, "initiate"):
			hasTemp = true
		}
	}
	switch {
	case hasToken:
		return endpointToken
	case hasTemp && token == "":
		return endpointTemporary
	}
	return ""
}

// mentionsTokenOrInitiate reports whether s contains "token" or
// "initiate" in any case, in one pass and without lowering s first.
func mentionsTokenOrInitiate(s string) bool {
	// Setting 0x20 lowers a letter and never turns another byte into one.
	for i := 0; i < len(s); i++ {
		switch s[i] | 0x20 {
		case 't':
			if hasLettersAt(s, i+1, "oken") {
				return true
			}
		case 'i':
			if hasLettersAt(s, i+1, "nitiate") {
				return true
			}
		}
	}
	return false
}

// hasLettersAt reports whether s holds word, lower-case ASCII letters, at
// i in either case.
func hasLettersAt(s string, i int, word string) bool {
	if len(s)-i < len(word) {
		return false
	}
	for j := 0; j < len(word); j++ {
		if s[i+j]|0x20 != word[j] {
			return false
		}
	}
	return true
}

// isXAuth reports whether the request uses xAuth (x_auth_ parameters),
// which exchanges a password for a token without a verifier.
func (p *pass) isXAuth() bool {
	return slices.ContainsFunc(p.c.params, func(q basestring.Param) bool { return strings.HasPrefix(q.Name, "x_auth_") })
}

// lintCallbackMissing reports a temporary credentials request without
// oauth_callback (RFC 5849 §2.1).
func lintCallbackMissing(p *pass) {
	if p.endpoint != endpointTemporary {
		return
	}
	if _, ok := p.protocol(nameCallback); !ok {
		p.report("oauth_callback", "temporary credentials request to %s has no oauth_callback; it is required, send \"oob\" when there is no callback URI", lintQuote(p.c.path))
	}
}

// lintCallbackInvalid checks that oauth_callback is an absolute URI or
// "oob" (RFC 5849 §2.1).
func lintCallbackInvalid(p *pass) {
	const param = "oauth_callback"
	cb, ok := p.protocol(nameCallback)
	if !ok {
		return
	}
	cb = strings.TrimSpace(cb) // white space is param-whitespace's
	switch {
	case cb == "oob" || hasURIScheme(cb):
		return
	case strings.EqualFold(cb, "oob"):
		p.report(param, "oauth_callback %s: \"oob\" is case-sensitive, send \"oob\"", lintQuote(cb))
	case cb == "":
		p.report(param, "oauth_callback is empty; send an absolute URI, or \"oob\" when there is none")
	default:
		hint := ""
		if dec, err := basestring.Decode(cb); err == nil && dec != cb && hasURIScheme(dec) {
			hint = " (it is still percent-encoded once decoded: it was encoded twice)"
		}
		p.report(param, "oauth_callback %s is neither an absolute URI nor \"oob\"%s", lintQuote(cb), hint)
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

// lintVerifierMissing reports a token request without oauth_verifier
// (RFC 5849 §2.3); xAuth has none.
func lintVerifierMissing(p *pass) {
	if p.endpoint != endpointToken || p.isXAuth() {
		return
	}
	if v, ok := p.protocol(nameVerifier); !ok || v == "" {
		p.report("oauth_verifier", "token request to %s has no oauth_verifier; it is required, with the verification code from the authorization step", lintQuote(p.c.path))
	}
}

// lintTokenMissing reports a token request without oauth_token, or with an
// empty one, which is no token (RFC 5849 §2.3); xAuth has none.
func lintTokenMissing(p *pass) {
	if p.endpoint != endpointToken || p.isXAuth() {
		return
	}
	if v, ok := p.protocol(nameToken); !ok || v == "" {
		p.report("oauth_token", "token request to %s has no oauth_token; it is signed with the temporary credentials, oauth_token the request token", lintQuote(p.c.path))
	}
}
