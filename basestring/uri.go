package basestring

import (
	"fmt"
	"strings"
)

// URLParts is an absolute URL split into its components without decoding or
// re-encoding anything, so that the path keeps the form it was sent in.
type URLParts struct {
	Scheme    string // as written, e.g. "HTTPS"
	Authority string // host[:port], userinfo removed
	Path      string // escaped path as sent; may be empty
	Query     string // without "?"; HasQuery tells an empty query from none
	HasQuery  bool
}

// A urlError is an absolute URL that cannot be split.
type urlError struct {
	URL    string
	Reason string
}

// Error quotes the URL and says what is wrong with it.
func (e *urlError) Error() string {
	return fmt.Sprintf("url %q: %s", truncate(e.URL, 120), e.Reason)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// SplitURL splits an absolute URL (scheme://authority/path?query#fragment)
// into its parts (RFC 3986 §3). The fragment is dropped; userinfo is dropped
// from the authority.
func SplitURL(raw string) (URLParts, error) {
	var p URLParts
	// The first "://" starts at the first ":" when one follows it, as it
	// nearly always does.
	i := strings.IndexByte(raw, ':')
	if i < 0 || !strings.HasPrefix(raw[i:], "://") {
		i = strings.Index(raw, "://")
	}
	if i <= 0 {
		return p, &urlError{URL: raw, Reason: "not an absolute URL (want scheme://host/path)"}
	}
	p.Scheme = raw[:i]
	for k := 0; k < len(p.Scheme); k++ {
		c := p.Scheme[k]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || k > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return p, &urlError{URL: raw, Reason: fmt.Sprintf("invalid scheme %q", p.Scheme)}
		}
	}
	rest := raw[i+3:]
	if f := strings.IndexByte(rest, '#'); f >= 0 {
		rest = rest[:f]
	}
	end := 0 // the authority is short: a loop beats strings.IndexAny
	for end < len(rest) && rest[end] != '/' && rest[end] != '?' {
		end++
	}
	p.Authority = rest[:end]
	if at := strings.LastIndexByte(p.Authority, '@'); at >= 0 {
		p.Authority = p.Authority[at+1:]
	}
	if p.Authority == "" {
		return p, &urlError{URL: raw, Reason: "no host"}
	}
	rest = rest[end:]
	if q := strings.IndexByte(rest, '?'); q >= 0 {
		p.Path, p.Query, p.HasQuery = rest[:q], rest[q+1:], true
	} else {
		p.Path = rest
	}
	return p, nil
}

// SplitHostPort splits an authority into host and port. The port is "" when
// absent. IPv6 literals keep their brackets.
func SplitHostPort(authority string) (host, port string) {
	if strings.HasPrefix(authority, "[") {
		if end := strings.IndexByte(authority, ']'); end >= 0 {
			host = authority[:end+1]
			if rest := authority[end+1:]; strings.HasPrefix(rest, ":") {
				port = rest[1:]
			}
			return host, port
		}
		return authority, ""
	}
	if c := strings.LastIndexByte(authority, ':'); c >= 0 {
		return authority[:c], authority[c+1:]
	}
	return authority, ""
}

// DefaultPort returns the default port of an http or https scheme
// (case-insensitive), or "" for any other scheme.
func DefaultPort(scheme string) string {
	switch {
	case strings.EqualFold(scheme, "http"):
		return "80"
	case strings.EqualFold(scheme, "https"):
		return "443"
	}
	return ""
}

// baseURI is the base string URI of RFC 5849 §3.4.1.2 in its parts, as
// the rules o select: the scheme and host lower-cased unless kept, the port
// kept unless it is the scheme's default, the path as sent ("/" when
// empty), no query or fragment.
type baseURI struct {
	scheme, host           string
	lowerScheme, lowerHost bool
	port                   string // "" when dropped
	path                   string
	query                  string // with KeepQuery only
	hasQuery               bool
}

// makeBaseURI applies the rules o to u. host, when not empty, is the Host
// header and replaces the URL's authority.
func makeBaseURI(u URLParts, host string, o *Options) (baseURI, error) {
	authority := u.Authority
	if host != "" && !o.IgnoreHostHeader {
		authority = host
	}
	h, port := SplitHostPort(authority)
	if h == "" {
		return baseURI{}, &urlError{URL: u.Scheme + "://" + authority, Reason: "no host"}
	}
	p := baseURI{scheme: u.Scheme, host: h, lowerScheme: !o.KeepSchemeCase, lowerHost: !o.KeepHostCase}
	switch {
	case port == "" || o.DropPort:
	case o.KeepDefaultPort:
		p.port = port
	case o.DropAnyDefaultPort && (port == "80" || port == "443"):
	case port == DefaultPort(u.Scheme):
	default:
		p.port = port
	}
	p.path = u.Path
	if o.DecodePath {
		if d, err := Decode(p.path); err == nil {
			p.path = d
		}
	}
	if p.path == "" && !o.EmptyPathNoSlash {
		p.path = "/"
	}
	if o.KeepQuery && u.HasQuery {
		p.query, p.hasQuery = u.Query, true
	}
	return p, nil
}

// appendTo appends the base string URI to dst.
func (p *baseURI) appendTo(dst []byte) []byte {
	dst = appendLowerIf(dst, p.scheme, p.lowerScheme)
	dst = append(dst, "://"...)
	dst = appendLowerIf(dst, p.host, p.lowerHost)
	if p.port != "" {
		dst = append(dst, ':')
		dst = append(dst, p.port...)
	}
	dst = append(dst, p.path...)
	if p.hasQuery {
		dst = append(dst, '?')
		dst = append(dst, p.query...)
	}
	return dst
}

// appendEncoded appends the base string URI encoded by the RFC's rules
// (§3.6), as it appears in the base string, in one pass.
func (p *baseURI) appendEncoded(dst []byte) []byte {
	dst = appendEncodedLowerIf(dst, p.scheme, p.lowerScheme)
	dst = append(dst, "%3A%2F%2F"...)
	dst = appendEncodedLowerIf(dst, p.host, p.lowerHost)
	if p.port != "" {
		dst = append(dst, "%3A"...)
		dst = appendEncoded(dst, p.port)
	}
	dst = appendEncoded(dst, p.path)
	if p.hasQuery {
		dst = append(dst, "%3F"...)
		dst = appendEncoded(dst, p.query)
	}
	return dst
}

func appendLowerIf(dst []byte, s string, lower bool) []byte {
	if !lower {
		return append(dst, s...)
	}
	return appendLower(dst, s)
}

// appendEncodedLowerIf appends s encoded, lower-cased first when lower is set.
func appendEncodedLowerIf(dst []byte, s string, lower bool) []byte {
	if !lower {
		return appendEncoded(dst, s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if unreserved[c] {
			dst = append(dst, c)
		} else {
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return dst
}

func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// String joins the parts back into an absolute URL.
func (p URLParts) String() string {
	s := p.Scheme + "://" + p.Authority + p.Path
	if p.HasQuery {
		s += "?" + p.Query
	}
	return s
}
