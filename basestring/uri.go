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

// A URLError is an absolute URL that cannot be split.
type URLError struct {
	URL    string
	Reason string
}

// Error quotes the URL and says what is wrong with it.
func (e *URLError) Error() string {
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
	i := strings.Index(raw, "://")
	if i <= 0 {
		return p, &URLError{URL: raw, Reason: "not an absolute URL (want scheme://host/path)"}
	}
	p.Scheme = raw[:i]
	for k := 0; k < len(p.Scheme); k++ {
		c := p.Scheme[k]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || k > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return p, &URLError{URL: raw, Reason: fmt.Sprintf("invalid scheme %q", p.Scheme)}
		}
	}
	rest := raw[i+3:]
	if f := strings.IndexByte(rest, '#'); f >= 0 {
		rest = rest[:f]
	}
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	p.Authority = rest[:end]
	if at := strings.LastIndexByte(p.Authority, '@'); at >= 0 {
		p.Authority = p.Authority[at+1:]
	}
	if p.Authority == "" {
		return p, &URLError{URL: raw, Reason: "no host"}
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

// appendBaseURI appends the base string URI of RFC 5849 §3.4.1.2 to dst: the
// scheme and host lower-cased, the port kept unless it is the scheme's default,
// the path as sent ("/" when empty), no query or fragment. host, when not
// empty, is the Host header and replaces the URL's authority.
func appendBaseURI(dst []byte, u URLParts, host string, o *Options) ([]byte, error) {
	scheme := u.Scheme
	authority := u.Authority
	if host != "" && !o.IgnoreHostHeader {
		authority = host
	}
	h, port := SplitHostPort(authority)
	if h == "" {
		return dst, &URLError{URL: u.Scheme + "://" + authority, Reason: "no host"}
	}
	if o.KeepSchemeCase {
		dst = append(dst, scheme...)
	} else {
		dst = appendLower(dst, scheme)
	}
	dst = append(dst, "://"...)
	if o.KeepHostCase {
		dst = append(dst, h...)
	} else {
		dst = appendLower(dst, h)
	}
	switch {
	case port == "" || o.DropPort:
	case o.KeepDefaultPort:
		dst = append(dst, ':')
		dst = append(dst, port...)
	case o.DropAnyDefaultPort && (port == "80" || port == "443"):
	case port == DefaultPort(scheme):
	default:
		dst = append(dst, ':')
		dst = append(dst, port...)
	}
	path := u.Path
	if o.DecodePath {
		if d, err := Decode(path); err == nil {
			path = d
		}
	}
	if path == "" && !o.EmptyPathNoSlash {
		path = "/"
	}
	dst = append(dst, path...)
	if o.KeepQuery && u.HasQuery {
		dst = append(dst, '?')
		dst = append(dst, u.Query...)
	}
	return dst, nil
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
