package compare

import (
	"crypto/rsa"
	"fmt"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// reading is one interpretation of a capture: the scheme the server saw and
// the secrets that apply. Its request is what the server received.
type reading struct {
	scheme       string
	schemeSource string
	req          basestring.Request
	consumer     secretChoice
	token        secretChoice
	pub          *rsa.PublicKey
	pubSource    string
}

func (rd *reading) credentials() basestring.Credentials {
	return basestring.Credentials{ConsumerSecret: rd.consumer.value, TokenSecret: rd.token.value, PublicKey: rd.pub}
}

// schemeReadings returns the schemes to try, in order, and where they come
// from. A capture that does not say is read both ways, the one the evidence
// (forwarding headers, a port) points to first.
func schemeReadings(dst []string, r *inspect.Request, o *Options, server *basestring.URLParts) (schemes []string, source string) {
	if server != nil {
		return append(dst, server.Scheme), "server url"
	}
	if r.SchemeKnown {
		// Keep the case as written, for scheme-case.
		s := r.Scheme
		if i := strings.IndexByte(r.URL, ':'); i > 0 && strings.EqualFold(r.URL[:i], s) {
			s = r.URL[:i]
		} else if u, err := basestring.SplitURL(r.URL); err == nil {
			s = u.Scheme
		}
		if s == "" {
			s = "https"
		}
		return append(dst, s), "capture"
	}
	first := guessScheme(r)
	other := "http"
	if first == "http" {
		other = "https"
	}
	return append(dst, first, other), "assumed"
}

// guessScheme picks the scheme tried first when the capture does not say:
// X-Forwarded-Proto, Forwarded proto=, the port of the Host header, else https.
func guessScheme(r *inspect.Request) string {
	for _, p := range []string{r.Forwarding.Proto, forwardedParam(r.Forwarding.Forwarded, "proto")} {
		p = strings.ToLower(strings.TrimSpace(firstListItem(p)))
		if p == "http" || p == "https" {
			return p
		}
	}
	if r.Scheme == "http" || r.Scheme == "https" {
		return r.Scheme
	}
	if _, port := basestring.SplitHostPort(r.Host); port == "80" {
		return "http"
	}
	return "https"
}

// baseRequest converts a capture into the request a base string is built
// from, as the server saw it under scheme: the URL with that scheme (and,
// when Options.ServerURL is set, its host, port and path), the Host header,
// the first OAuth Authorization header, the Content-Type and the body.
func baseRequest(r *inspect.Request, scheme string, server *basestring.URLParts) (basestring.Request, error) {
	raw, err := urlWithScheme(r.URL, scheme, r.Host)
	if err != nil {
		return basestring.Request{}, err
	}
	host := r.Host
	if server != nil {
		u, err := basestring.SplitURL(raw)
		if err != nil {
			return basestring.Request{}, err
		}
		u.Scheme = server.Scheme
		u.Authority = server.Authority
		if server.Path != "" && server.Path != "/" {
			u.Path = server.Path
		}
		raw = u.String()
		host = ""
	}
	return basestring.Request{
		Method:        r.Method,
		URL:           raw,
		Host:          host,
		Authorization: inspect.OAuthHeader(r),
		ContentType:   r.ContentType,
		Body:          r.Body,
	}, nil
}

// urlWithScheme gives raw the scheme: it replaces the scheme of an absolute
// URL and completes a scheme-relative or origin-form one with host.
func urlWithScheme(raw, scheme, host string) (string, error) {
	// The common case, settled without a search: the URL has the scheme.
	if len(raw) > len(scheme)+3 && raw[:len(scheme)] == scheme && raw[len(scheme):len(scheme)+3] == "://" {
		return raw, nil
	}
	sep := strings.Index(raw, "://")
	end := strings.IndexAny(raw, "/?#")
	if end < 0 {
		end = len(raw)
	}
	switch {
	case sep >= 0 && sep < end:
		if raw[:sep] == scheme {
			return raw, nil
		}
		return scheme + raw[sep:], nil
	case strings.HasPrefix(raw, "//"):
		return scheme + ":" + raw, nil
	case raw == "" || raw[0] == '/' || raw[0] == '?':
		if host == "" {
			return "", fmt.Errorf("url %q has no host and the request has no Host header", raw)
		}
		return scheme + "://" + host + raw, nil
	}
	return scheme + "://" + raw, nil
}

// requestParams returns the oauth_consumer_key and oauth_token of a request
// (the first of each) as the base string engine collects them.
func requestParams(res *basestring.Result) (consumerKey, token string, hasToken bool) {
	seenKey := false
	for _, p := range res.Params {
		switch {
		case p.Name == "oauth_consumer_key" && !seenKey:
			consumerKey, seenKey = p.Value, true
		case p.Name == "oauth_token" && !hasToken:
			token, hasToken = p.Value, true
		}
	}
	return consumerKey, token, hasToken
}

// verifyReadings checks the signature under every reading and returns the
// first that verifies, or the first reading with valid false. It compares in
// constant time (basestring does).
func (c *check) verifyReadings(readings []*reading, sig, method string) (best *reading, v basestring.Verification, valid bool, err error) {
	for i, rd := range readings {
		base, err := c.base(rd)
		if err != nil {
			return nil, v, false, err
		}
		ver, err := basestring.VerifyBase(base, sig, method, rd.credentials(), basestring.KeyRFC)
		if err != nil {
			return nil, v, false, err
		}
		if i == 0 {
			best, v = rd, ver
		}
		if ver.Valid {
			return rd, ver, true, nil
		}
	}
	return best, v, false, nil
}
