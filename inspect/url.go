package inspect

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

const opURL = "read URL"

// readURL reads an absolute http or https URL, such as one copied from a
// browser's address bar or a log line, as a request made with method (GET
// when empty).
//
// The URL is kept exactly as given: the escaped path and query bytes are not
// decoded or re-encoded, so the signature engine sees what the client sent.
// Surrounding whitespace is trimmed; a fragment ("#…") is dropped with a note,
// since clients do not send it. A raw space inside the URL, as documentation
// and logs print URLs, is read as %20 (what a client sends) with a note. Percent-encoding mistakes in the path or
// query are not errors here (the signature engine reports them with their
// position), but a relative URL, a scheme other than http or https, a space
// in the scheme or authority, a control character anywhere, and a malformed authority (host or port)
// are. origin says where the URL was found; its Entry is set to -1.
func readURL(raw string, method string, origin Origin) (*Request, error) {
	const op = opURL
	origin.Entry = -1
	if origin.Line == 0 {
		origin.Line = 1
	}
	fail := func(p *posProblem) error {
		return p.inputError(op, origin.Name, raw, origin.Line)
	}
	start, end := trimASCIISpace(raw)
	s := raw[start:end]
	if s == "" {
		return nil, &InputError{Op: op, Name: origin.Name, Err: textError("empty URL"),
			Hint: "give an absolute URL such as https://api.bitbucket.org/1.0/user"}
	}
	if p := checkMethodToken(method); p != nil {
		return nil, &InputError{Op: op, Name: origin.Name, Err: p, Hint: p.hint}
	}
	// Spaces after the authority are read as %20; one in the scheme or the
	// authority stays an error.
	spaces := 0
	if scheme, _, ok := strings.Cut(s, "://"); ok && !strings.Contains(scheme, " ") && !strings.Contains(authorityOf(s), " ") {
		spaces = strings.Count(s, " ")
		s = strings.ReplaceAll(s, " ", "%20")
	}
	u, p := parseAbsURL(s)
	if p != nil {
		p.off += start
		return nil, fail(p)
	}
	if method == "" {
		method = "GET"
	}
	req := &Request{
		Method:      method,
		URL:         u.withoutFragment(),
		Scheme:      strings.ToLower(u.scheme),
		SchemeKnown: true,
		Host:        u.host,
		Target:      u.sentTarget(),
		Origin:      origin,
		Format:      FormatURL,
	}
	req.Notes = append(req.Notes, u.notes()...)
	if spaces > 0 {
		req.Notes = append(req.Notes, fmt.Sprintf("warning: the URL held %d raw space(s), read as %%20 as a client sends them; if the client signed them otherwise (\"+\"), the search names it", spaces))
	}
	return req, nil
}

// authorityOf returns the authority of an absolute URL "scheme://authority/…",
// or "" when s has no "://".
func authorityOf(s string) string {
	_, rest, ok := strings.Cut(s, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		return rest[:i]
	}
	return rest
}

// textError is an error that is just a message.
type textError string

func (e textError) Error() string { return string(e) }

// trimASCIISpace returns the bounds of s without leading and trailing ASCII
// whitespace.
func trimASCIISpace(s string) (start, end int) {
	start, end = 0, len(s)
	for start < end && isASCIISpace(s[start]) {
		start++
	}
	for end > start && isASCIISpace(s[end-1]) {
		end--
	}
	return start, end
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// checkMethodToken checks a method given by the caller ("" is allowed).
func checkMethodToken(m string) *posProblem {
	if m == "" || isHTTPToken(m) {
		return nil
	}
	return problemAt(-1, "a method is a single word such as GET or POST", "invalid method %s", quoteCut(m, 40))
}

// urlParts is an absolute http(s) URL split without decoding anything. All
// parts are substrings of the URL as written.
type urlParts struct {
	raw         string
	scheme      string // as written
	userinfo    string // without "@"; hasUserinfo tells "" from none
	hasUserinfo bool
	host        string // host[:port] as written, without userinfo
	path        string // escaped path; may be empty
	query       string // without "?"
	hasQuery    bool
	fragment    string // without "#"
	hasFragment bool
	nonASCII    bool // the URL holds bytes >= 0x80
}

// target returns the request target a client sends for the URL: the path
// ("/" when empty) and the query.
func (u *urlParts) target() string {
	t := u.path
	if t == "" {
		t = "/"
	}
	if u.hasQuery {
		t += "?" + u.query
	}
	return t
}

// sentTarget returns the request target a client sends for the URL:
// target with bytes outside ASCII percent-encoded (as UTF-8 is), the way
// browsers and HTTP libraries send them.
func (u *urlParts) sentTarget() string {
	t := u.target()
	if !u.nonASCII {
		return t
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if c := t[i]; c >= 0x80 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// withoutFragment returns the URL as written, up to the fragment.
func (u *urlParts) withoutFragment() string {
	if i := strings.IndexByte(u.raw, '#'); i >= 0 {
		return u.raw[:i]
	}
	return u.raw
}

// notes returns the remarks a reader adds for the URL.
func (u *urlParts) notes() []string {
	var notes []string
	if u.hasFragment {
		notes = append(notes, "dropped the fragment "+quoteCut("#"+u.fragment, 60)+": clients do not send it, so it is not part of the request")
	}
	if u.hasUserinfo {
		notes = append(notes, "the URL holds user information before the host; it is not part of the request line (curl and browsers send it as Basic authentication, if at all)")
	}
	if u.nonASCII {
		notes = append(notes, "the URL holds characters outside ASCII; clients percent-encode them as UTF-8 before sending (the target shows them so), and the signature is computed on that encoded form")
	}
	return notes
}

// parseAbsURL splits an absolute http or https URL. Problems carry byte
// offsets into s.
func parseAbsURL(s string) (urlParts, *posProblem) {
	u := urlParts{raw: s}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			return u, problemAt(i, "percent-encode a space as %20: a URL cannot hold spaces", "space in the URL")
		case c < 0x20 || c == 0x7f:
			return u, problemAt(i, "remove it; a URL is a single line of visible characters", "control character %s in the URL", controlCharName(c))
		case c >= 0x80:
			u.nonASCII = true
		}
	}
	if u.nonASCII {
		if p := findBadUTF8(s, "URL"); p != nil {
			return u, p
		}
	}
	if s[0] == '\'' || s[0] == '"' || s[0] == '<' {
		return u, problemAt(0, "remove the quotes or brackets around the URL", "the URL starts with %q", s[0])
	}
	// RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
	colon := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ':' {
			colon = i
			break
		}
		if !(isAlphaByte(c) || i > 0 && (isDigitByte(c) || c == '+' || c == '-' || c == '.')) {
			break
		}
	}
	hint := "give the full URL with scheme and host, e.g. https://api.bitbucket.org/1.0/user"
	if colon <= 0 {
		switch {
		case strings.HasPrefix(s, "//"):
			return u, problemAt(0, "add https: or http: in front", "the URL has no scheme")
		case s[0] == '/' || s[0] == '?' || s[0] == '.':
			return u, problemAt(0, hint, "relative URL %s", quoteCut(s, 60))
		}
		return u, problemAt(0, "add https:// or http:// in front", "the URL has no scheme")
	}
	scheme := s[:colon]
	rest := s[colon+1:]
	lower := strings.ToLower(scheme)
	if lower != "http" && lower != "https" {
		if !strings.HasPrefix(rest, "//") && (strings.IndexByte(scheme, '.') >= 0 || rest == "" || isDigitByte(rest[0])) {
			// "api.example.com:8080/x" reads as scheme "api.example.com".
			return u, problemAt(0, "add https:// or http:// in front", "the URL has no scheme")
		}
		return u, problemAt(0, "OAuth 1.0a requests are made over http or https", "scheme %q is not http or https", scheme)
	}
	u.scheme = scheme
	if !strings.HasPrefix(rest, "//") {
		return u, problemAt(colon+1, "write "+scheme+"://host/path", "no \"//\" after %q", scheme+":")
	}
	aStart := colon + 3
	aEnd := len(s)
	if i := strings.IndexAny(s[aStart:], "/?#"); i >= 0 {
		aEnd = aStart + i
	}
	host, userinfo, hasUser, p := splitAuthority(s[aStart:aEnd], aStart)
	if p != nil {
		return u, p
	}
	u.host, u.userinfo, u.hasUserinfo = host, userinfo, hasUser
	rest = s[aEnd:]
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		u.fragment, u.hasFragment = rest[i+1:], true
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		u.query, u.hasQuery = rest[i+1:], true
		rest = rest[:i]
	}
	u.path = rest
	return u, nil
}

// splitAuthority splits "userinfo@host:port" (RFC 3986 §3.2) and checks the
// host and port. base is the authority's offset, for posProblem positions.
func splitAuthority(a string, base int) (host, userinfo string, hasUserinfo bool, p *posProblem) {
	if at := strings.LastIndexByte(a, '@'); at >= 0 {
		userinfo, hasUserinfo = a[:at], true
		if i := strings.IndexByte(userinfo, '@'); i >= 0 {
			return "", "", false, problemAt(base+i, "percent-encode \"@\" in a user name or password as %40", "more than one \"@\" in the authority")
		}
		host = a[at+1:]
		base += at + 1
	} else {
		host = a
	}
	if p := checkHostPort(host, base); p != nil {
		return "", "", false, p
	}
	return host, userinfo, hasUserinfo, nil
}

// checkHostPort checks "host[:port]" as it appears in a URL authority or a
// Host header: a registered name, an IPv4 address or a bracketed IPv6
// literal, then an optional decimal port up to 65535.
func checkHostPort(hp string, base int) *posProblem {
	if hp == "" {
		return problemAt(base, "give the server name, e.g. api.bitbucket.org", "no host")
	}
	host, port, hasPort := hp, "", false
	if hp[0] == '[' {
		end := strings.IndexByte(hp, ']')
		if end < 0 {
			return problemAt(base, "close the IPv6 address with \"]\"", "unterminated IPv6 address")
		}
		lit := hp[1:end]
		addr := lit
		// RFC 6874: a zone is written "%25zone".
		if i := strings.Index(lit, "%25"); i >= 0 {
			addr = lit[:i] + "%" + lit[i+3:]
		}
		if a, err := netip.ParseAddr(addr); err != nil || !a.Is6() {
			return problemAt(base+1, "write an IPv6 address in brackets, e.g. [2001:db8::1]", "invalid IPv6 address %s", quoteCut(lit, 50))
		}
		host = hp[:end+1]
		rest := hp[end+1:]
		switch {
		case rest == "":
		case rest[0] == ':':
			port, hasPort = rest[1:], true
		default:
			return problemAt(base+end+1, "only \":port\" may follow an IPv6 address", "unexpected %q after the IPv6 address", rest[0])
		}
	} else if i := strings.IndexByte(hp, ':'); i >= 0 {
		host, port, hasPort = hp[:i], hp[i+1:], true
		if host == "" {
			return problemAt(base, "give the server name before the port", "no host before the port")
		}
		if j := strings.IndexByte(port, ':'); j >= 0 {
			return problemAt(base+i+1+j, "put an IPv6 address in brackets, e.g. [2001:db8::1]:8443", "more than one \":\" in the host")
		}
		if p := checkRegName(host, base); p != nil {
			return p
		}
	} else if p := checkRegName(host, base); p != nil {
		return p
	}
	if hasPort {
		poff := base + len(host) + 1
		for i := 0; i < len(port); i++ {
			if !isDigitByte(port[i]) {
				return problemAt(poff+i, "a port is a number, e.g. :8443", "invalid port %s", quoteCut(port, 20))
			}
		}
		if port != "" {
			n, err := strconv.Atoi(port)
			if err != nil || n > 65535 {
				return problemAt(poff, "a port is a number from 0 to 65535", "port %s is out of range", port)
			}
		}
	}
	return nil
}

// checkRegName checks a registered name or IPv4 address (RFC 3986 §3.2.2):
// unreserved, sub-delims and well-formed percent-encoding.
func checkRegName(h string, base int) *posProblem {
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case isAlphaByte(c) || isDigitByte(c) || strings.IndexByte("-._~!$&'()*+,;=", c) >= 0:
		case c == '%':
			if i+2 >= len(h) || !isHexByte(h[i+1]) || !isHexByte(h[i+2]) {
				return problemAt(base+i, "a host name is written without percent-encoding, e.g. api.bitbucket.org", "broken percent-encoding in the host")
			}
			i += 2
		case c >= 0x80:
			return problemAt(base+i, "write an international host name in its ASCII (xn--…) form", "non-ASCII character in the host")
		default:
			return problemAt(base+i, "a host name holds only letters, digits, \"-\" and \".\"", "character %q is not allowed in a host", c)
		}
	}
	return nil
}

// controlCharName names a control byte for a message, e.g. "U+0009 (tab)".
func controlCharName(c byte) string {
	s := "U+" + strings.ToUpper(strconv.FormatUint(uint64(c)|0x10000, 16)[1:])
	switch c {
	case '\t':
		s += " (tab)"
	case '\n':
		s += " (line feed)"
	case '\r':
		s += " (carriage return)"
	case 0:
		s += " (NUL)"
	}
	return s
}

func isAlphaByte(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }
func isHexByte(c byte) bool {
	return isDigitByte(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
