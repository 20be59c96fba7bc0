package inspect

import (
	"fmt"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// The rules about the transport: TLS where RFC 5849 requires it, and the
// scheme of the base string against what the capture says of the transport.

// isPlainHTTP reports whether the request is known to have gone over http.
func (p *pass) isPlainHTTP() bool {
	return p.r.SchemeKnown && strings.EqualFold(p.r.Scheme, "http")
}

// displayURL is the request URL without its query, for messages: the query
// may hold the signature or a secret.
func (p *pass) displayURL() string {
	if u, err := basestring.SplitURL(p.r.URL); err == nil {
		return u.Scheme + "://" + u.Authority + u.Path
	}
	if p.r.Host != "" {
		return p.r.Host + p.c.path
	}
	return p.c.path
}

// lintCredentialsOverHTTP reports a request for temporary or token
// credentials over plain http: the response carries a secret (RFC 5849
// §2.1, §2.3 require TLS).
func lintCredentialsOverHTTP(p *pass) {
	if !p.isPlainHTTP() {
		return
	}
	switch p.endpoint {
	case endpointTemporary:
		p.reportIn("2.1", "", "temporary credentials requested over plain http from %s: the response carries oauth_token_secret in clear text; use https", lintQuote(p.displayURL()))
	case endpointToken:
		p.reportIn("2.3", "", "token credentials requested over plain http from %s: the response carries oauth_token_secret in clear text; use https", lintQuote(p.displayURL()))
	}
}

// lintPlaintextOverHTTP reports PLAINTEXT over http (RFC 5849 §3.4.4
// requires TLS: the signature is the secrets).
func lintPlaintextOverHTTP(p *pass) {
	if p.method.name == "PLAINTEXT" && p.isPlainHTTP() {
		p.report("oauth_signature", "signature method PLAINTEXT sent over plain http to %s: the signature is the client and token secrets themselves, readable on the way; use https and revoke them", lintQuote(p.displayURL()))
	}
}

// signedScheme is the scheme of the base string URI, lower-cased: the one
// the caller says the signature verified with, else the request's own when
// the capture says it, else "".
func (p *pass) signedScheme() string {
	if s := p.opts.SignedScheme; s != "" {
		return strings.ToLower(s)
	}
	if p.r.SchemeKnown {
		return strings.ToLower(p.r.Scheme)
	}
	return ""
}

// authority is the host and port the request was sent to: the Host header,
// else the URL's authority.
func (r *Request) authority() string {
	if r.Host != "" {
		return r.Host
	}
	if u, err := basestring.SplitURL(r.URL); err == nil {
		return u.Authority
	}
	return ""
}

// httpsEvidence lists what in the capture says the request went over https:
// port 443 in its authority, an HTTP/2 :scheme of https, an Origin or Referer
// that is an https URL of the same host and port. Each item quotes only the
// scheme and authority, never a path or query.
func httpsEvidence(r *Request) []string {
	var ev []string
	auth := r.authority()
	if _, port := basestring.SplitHostPort(auth); port == "443" {
		ev = append(ev, "the host "+lintQuote(auth)+" names port 443")
	}
	for _, h := range r.Headers {
		if h.Name == ":scheme" && strings.EqualFold(strings.TrimSpace(h.Value), "https") {
			ev = append(ev, "the :scheme pseudo-header is \"https\"")
			break
		}
	}
	own := strings.ToLower(strings.TrimSuffix(auth, ":443"))
	for _, name := range [...]string{"Origin", "Referer"} {
		u, err := basestring.SplitURL(r.Header(name))
		if err != nil || !strings.EqualFold(u.Scheme, "https") || own == "" {
			continue
		}
		if strings.ToLower(strings.TrimSuffix(u.Authority, ":443")) == own {
			ev = append(ev, "the "+name+" "+lintQuote(u.Scheme+"://"+u.Authority)+" is an https URL of the same host")
		}
	}
	if rs := r.Response; rs != nil && rs.Status >= 300 && rs.Status < 400 && rs.RedirectURL != "" {
		if u, err := basestring.SplitURL(rs.RedirectURL); err == nil && strings.EqualFold(u.Scheme, "https") &&
			strings.EqualFold(strings.TrimSuffix(u.Authority, ":443"), strings.TrimSuffix(strings.TrimSuffix(auth, ":80"), ":443")) {
			ev = append(ev, fmt.Sprintf("the server redirected it (%d) to %s, where a client that follows the redirect sends it again", rs.Status, lintQuote(u.Scheme+"://"+u.Authority)))
		}
	}
	return ev
}

// lintHTTPSSignedAsHTTP reports a base string built with http for a request
// whose transport says https (RFC 5849 §3.4.1.2: the scheme is the one the
// request is sent with). A server that received it over https builds its
// base string with https, so such a signature fails there even when it
// verifies as http here.
func lintHTTPSSignedAsHTTP(p *pass) {
	if p.signedScheme() != "http" {
		return
	}
	ev := httpsEvidence(p.r)
	if len(ev) == 0 {
		return
	}
	p.report("", "the base string uses http but the request went over https: %s; a server that received it over https builds the base string with https, so this signature fails there", lintJoinAnd(ev))
}
