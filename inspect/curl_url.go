package inspect

import (
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// setURL sets URL, Scheme, SchemeKnown and Target from the URL argument, the
// way curl turns it into a request target.
func (b *curlBuilder) setURL(req *Request) *posProblem {
	w := b.urls[0]
	raw := w.s
	if !b.globoff {
		raw = b.unglob(raw)
	}
	schemeKnown := true
	if !hasSchemePrefix(raw) {
		if raw == "" || raw[0] == '/' {
			return problemAt(w.off, "give the full URL with scheme and host, e.g. https://api.bitbucket.org/1.0/user", "relative URL %s", quoteCut(raw, 60))
		}
		raw = "http://" + raw
		schemeKnown = false
		b.note("the URL has no scheme: curl uses http://; both http and https will be tried")
	}
	u, p := parseAbsURL(raw)
	if p != nil {
		p.off = w.off
		return p
	}
	if u.hasFragment {
		b.note("dropped the fragment " + quoteCut("#"+u.fragment, 40) + ": curl does not send it")
	}
	if u.hasUserinfo {
		if b.user == nil {
			b.user = &shellWord{s: basestring.DecodeLenient(u.userinfo, false), off: w.off}
			b.note("curl sends the user name and password in the URL as Basic authentication")
		}
	}

	path := u.path
	if !b.pathAsIs {
		if clean := removeDotSegments(path); clean != path {
			b.note("curl resolves \"/./\" and \"/../\" in the path (use --path-as-is to keep them): " + quoteCut(path, 40) + " is sent as " + quoteCut(clean, 40))
			path = clean
		}
	}
	query, hasQuery := u.query, u.hasQuery
	appendQuery := func(q string) {
		if hasQuery && query != "" {
			query += "&" + q
		} else {
			query = q
		}
		hasQuery = true
	}
	if d := strings.Join(b.data, "&"); b.get && d != "" {
		appendQuery(d)
	}
	for _, q := range b.urlQuery {
		if q != "" {
			appendQuery(q)
		}
	}
	url := u.scheme + "://" + u.host + path
	if hasQuery {
		url += "?" + query
	}
	if query != u.query {
		// The data added to the query must still make a URL.
		if _, p := parseAbsURL(url); p != nil {
			p.off = b.urlQueryOff
			if b.get && b.hasData {
				p.off = b.dataOff
			}
			p.msg += " (in the query built from -G data or --url-query)"
			p.hint = "encode the data: use --data-urlencode, or write %20 for a space"
			return p
		}
	}
	req.URL = url
	req.Scheme = strings.ToLower(u.scheme)
	req.SchemeKnown = schemeKnown
	if !schemeKnown {
		req.Scheme = ""
	}
	sent := urlParts{path: path, query: query, hasQuery: hasQuery, nonASCII: u.nonASCII}
	req.Target = sent.sentTarget()
	if u.nonASCII {
		b.note(sent.notes()[0])
	}
	if b.requestTarget != "" {
		req.Target = b.requestTarget
		b.note("--request-target sends " + quoteCut(b.requestTarget, 40) + " as the request target instead of the URL's path and query")
	}
	return nil
}

// hasSchemePrefix reports whether s starts with "scheme://".
func hasSchemePrefix(s string) bool {
	i := strings.Index(s, "://")
	if i <= 0 {
		return false
	}
	for k := 0; k < i; k++ {
		c := s[k]
		if !(isAlphaByte(c) || k > 0 && (isDigitByte(c) || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// unglob removes the backslashes curl's URL globbing treats as escapes
// (\[ \] \{ \}) and notes glob characters left unescaped.
func (b *curlBuilder) unglob(s string) string {
	if !strings.ContainsAny(s, `[]{}`) {
		return s
	}
	var out strings.Builder
	afterHost := strings.Index(s, "://")
	if afterHost >= 0 {
		if k := strings.IndexAny(s[afterHost+3:], "/?#"); k >= 0 {
			afterHost += 3 + k
		} else {
			afterHost = len(s)
		}
	}
	glob := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && strings.IndexByte("[]{}", s[i+1]) >= 0 {
			out.WriteByte(s[i+1])
			i++
			continue
		}
		if i >= afterHost && strings.IndexByte("[]{}", c) >= 0 {
			glob = true
		}
		out.WriteByte(c)
	}
	if glob {
		b.note("curl treats [ ] { } in a URL as a glob pattern (use -g/--globoff); the URL is taken literally")
	}
	return out.String()
}

// removeDotSegments resolves "." and ".." segments (RFC 3986 §5.2.4), as
// curl does unless --path-as-is is given.
func removeDotSegments(path string) string {
	if !strings.Contains(path, ".") {
		return path
	}
	in := path
	var out []string
	for in != "" {
		switch {
		case strings.HasPrefix(in, "../"):
			in = in[3:]
		case strings.HasPrefix(in, "./"):
			in = in[2:]
		case strings.HasPrefix(in, "/./"):
			in = in[2:]
		case in == "/.":
			in = "/"
		case strings.HasPrefix(in, "/../"):
			in = in[3:]
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case in == "/..":
			in = "/"
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case in == "." || in == "..":
			in = ""
		default:
			k := strings.IndexByte(in[1:], '/')
			if k < 0 {
				out = append(out, in)
				in = ""
			} else {
				out = append(out, in[:k+1])
				in = in[k+1:]
			}
		}
	}
	return strings.Join(out, "")
}
