package inspect

import (
	"errors"
	"fmt"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// OAuthParams returns every oauth_* parameter of the request with the place
// it was found (RFC 5849 §3.5): the query of r.URL, the Authorization header
// whose scheme is OAuth, and a form body when r.ContentType names
// application/x-www-form-urlencoded, in that order (the order of RFC 5849
// §3.4.1.3.1). Values are decoded; duplicates are kept.
//
// Only the first Authorization header with the OAuth scheme is read, as a
// server reads one; a header with another scheme is not a parameter source.
// A part that cannot be decoded (a malformed percent-escape, an unclosed
// quote in the header) is reported as an error naming the part, together with
// every parameter read before it and from the other parts.
func OAuthParams(r *Request) ([]basestring.Param, error) {
	if r == nil {
		return nil, nil
	}
	c := collectParams(r)
	var out []basestring.Param
	for _, p := range c.params {
		if strings.HasPrefix(p.Name, "oauth_") {
			out = append(out, p)
		}
	}
	if len(c.errs) > 0 {
		what := "request"
		if r.Origin.Name != "" {
			what = r.Origin.String()
		}
		pe := c.errs[0]
		var he *basestring.HeaderError
		if errors.As(pe.err, &he) { // its message names the header already
			return out, fmt.Errorf("inspect: read oauth parameters of %s: %w", what, pe.err)
		}
		return out, fmt.Errorf("inspect: read oauth parameters of %s: %s: %w", what, pe.part, pe.err)
	}
	return out, nil
}

// HasOAuth reports whether the request carries an Authorization header with
// the OAuth scheme or a parameter named oauth_… in its query or body. It does
// not decode anything, so that it can pick the entries of a large HAR file
// worth a closer look; a body counts whatever its Content-Type says.
func HasOAuth(r *Request) bool {
	if r == nil {
		return false
	}
	if OAuthHeader(r) != "" {
		return true
	}
	u := r.URL
	if u == "" {
		u = r.Target
	}
	if _, q, ok := strings.Cut(u, "?"); ok && hasOAuthPair(q) {
		return true
	}
	return hasOAuthPair(r.Body)
}

// OAuthHeader returns the value of the first Authorization header of r
// with the OAuth scheme (case-insensitive, RFC 5849 §3.5.1), or "": the
// header a server reads the protocol parameters from.
func OAuthHeader(r *Request) string {
	for _, h := range r.Headers {
		if sameFold(h.Name, "Authorization") && isOAuthScheme(h.Value) {
			return h.Value
		}
	}
	return ""
}

// hasOAuthPair reports whether form-like text s holds a pair whose name
// starts with "oauth_": at the start of s or right after "&".
func hasOAuthPair[T string | []byte](s T) bool {
	const prefix = "oauth_"
	for i := 0; i+len(prefix) <= len(s); i++ {
		if (i == 0 || s[i-1] == '&') && string(s[i:i+len(prefix)]) == prefix {
			return true
		}
	}
	return false
}

// authScheme returns the auth-scheme of an Authorization header value: its
// first word.
func authScheme(v string) string {
	i := 0
	for i < len(v) && isWhiteSpace(v[i]) {
		i++
	}
	j := i
	for j < len(v) && !isWhiteSpace(v[j]) {
		j++
	}
	return v[i:j]
}

// isOAuthScheme reports whether an Authorization header value uses the OAuth
// scheme (case-insensitive, RFC 5849 §3.5.1).
func isOAuthScheme(v string) bool { return sameFold(authScheme(v), "OAuth") }

// sameFold reports whether s is want in any case, want being an ASCII
// token (a header name, a scheme: RFC 9110 compares them in ASCII case,
// and a want without k or s has no fold of another length). Most captures
// spell it as want does, and a length that differs settles the rest, so
// that EqualFold runs only on the odd spelling.
func sameFold(s, want string) bool {
	return s == want || len(s) == len(want) && strings.EqualFold(s, want)
}

// paramPartError is a request part whose parameters could not all be read.
type paramPartError struct {
	part string // "query", "authorization header" or "body"
	err  error
}

// collectedParams are the parameters of a request, from every source, as
// a server collects them (RFC 5849 §3.4.1.3.1).
type collectedParams struct {
	// params are all parameters, oauth_ or not: the query, then the first
	// OAuth Authorization header (realm included), then a form body.
	params []basestring.Param
	// own is the room params are read into, unless they are shared.
	own []basestring.Param
	// auth is the first Authorization header with the OAuth scheme, parsed,
	// or nil when there is none or it could not be read. It points to
	// authBuf, or to shared when the engine's reading is used (whose
	// Problems are the engine's).
	auth            *basestring.Authorization
	authBuf, shared basestring.Authorization
	// authValues are the values of every Authorization header, in order;
	// oauthHeader says one of them has the OAuth scheme.
	authValues  []string
	oauthHeader bool
	// path is the escaped request path, for telling the endpoint.
	path string
	// formBody is whether the request has a body signed as a form.
	formBody bool
	// errs are the parts that could not be read completely.
	errs []paramPartError
}

// collectParams reads the parameters of every source of r with basestring's
// parsers. It never fails: what cannot be read is listed in errs.
func collectParams(r *Request) *collectedParams {
	c := &collectedParams{}
	c.collect(r, nil)
	return c
}

// collect fills c with the parameters of r, reusing the room of c's slices
// (Lint pools them: it runs on every request of a stream). When shared
// holds what the signature engine read from the same query, header and
// body (basestring.AppendBaseStringCollected), its parameters are taken as
// they are instead of being read again.
func (c *collectedParams) collect(r *Request, shared *basestring.Collected) {
	c.own, c.authValues, c.errs, c.auth = c.own[:0], c.authValues[:0], c.errs[:0], nil
	c.params = c.own
	query, hasQuery := "", false
	u, err := basestring.URLParts{}, error(nil)
	if shared != nil && shared.URL != "" && shared.URL == r.URL {
		u = shared.Parts // the engine split this very URL
	} else {
		u, err = basestring.SplitURL(r.URL)
	}
	if err == nil {
		query, hasQuery, c.path = u.Query, u.HasQuery, u.Path
	} else {
		// The URL is not absolute (a request in origin-form with no Host):
		// the target as sent holds the path and query.
		t := r.URL
		if t == "" {
			t = r.Target
		}
		t, _, _ = strings.Cut(t, "#")
		c.path, query, hasQuery = strings.Cut(t, "?")
	}
	header := ""
	for _, h := range r.Headers {
		if sameFold(h.Name, "Authorization") {
			c.authValues = append(c.authValues, h.Value)
			if header == "" && isOAuthScheme(h.Value) {
				header = h.Value
			}
		}
	}
	c.oauthHeader = header != ""
	c.formBody = len(r.Body) > 0 && basestring.IsFormContentType(r.ContentType)
	formBody := c.formBody
	if shared != nil && shared.Parts.Query == query && shared.Authorization == header &&
		(formBody && shared.Body == string(r.Body) || !formBody && shared.Body == "") {
		// Views of the engine's slices, never appended to: c.own and
		// c.authBuf keep the pool's room.
		c.params = shared.Params
		if header != "" {
			c.shared = basestring.Authorization{Problems: shared.Problems}
			c.auth = &c.shared
		}
		return
	}
	if hasQuery {
		if c.own, err = basestring.AppendForm(c.own, query, basestring.SourceQuery); err != nil {
			c.errs = append(c.errs, paramPartError{"query", err})
		}
	}
	if header != "" {
		if err := c.authBuf.Parse(header); err != nil {
			c.errs = append(c.errs, paramPartError{"authorization header", err})
		} else {
			c.auth = &c.authBuf
			c.own = append(c.own, c.authBuf.Params...)
		}
	}
	if formBody {
		if c.own, err = basestring.AppendForm(c.own, string(r.Body), basestring.SourceBody); err != nil {
			c.errs = append(c.errs, paramPartError{"body", err})
		}
	}
	c.params = c.own
}
