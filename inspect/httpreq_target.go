package inspect

import (
	"strings"
	"time"
)

// resolve fills Method, URL, Scheme, SchemeKnown, Host and Target.
func (h *httpHead) resolve(req *Request, text string, start int) *posProblem {
	method, target, targetOff := h.method, h.target, h.targetOff
	if !h.hasRequestLine {
		m, okM := h.pseudo[":method"]
		t, okT := h.pseudo[":path"]
		switch {
		case !okM:
			return problemAt(start, "copy all the pseudo-headers devtools show (:method, :scheme, :authority, :path)", "HTTP/2 request without :method")
		case !okT:
			return problemAt(start, "copy all the pseudo-headers devtools show (:method, :scheme, :authority, :path)", "HTTP/2 request without :path")
		}
		if i := firstNonTokenByte(m); i >= 0 {
			return problemAt(h.pseudoOff[":method"]+i, "a method is a single word such as GET or POST", "invalid character %q in the method", m[i])
		}
		for i := 0; i < len(t); i++ {
			if c := t[i]; c <= 0x20 || c == 0x7f {
				if c == ' ' {
					return problemAt(h.pseudoOff[":path"]+i, "clients send a space in a URL as %20; copy the request as it was sent", "space in :path")
				}
				return problemAt(h.pseudoOff[":path"]+i, "remove it; a path is visible characters only", "control character %s in :path", controlCharName(c))
			}
		}
		method, target, targetOff = m, t, h.pseudoOff[":path"]
		h.version = "HTTP/2"
	} else {
		if m, ok := h.pseudo[":method"]; ok && m != method {
			req.Notes = append(req.Notes, "the request line says "+method+" but :method says "+m+"; used the request line")
		}
		if t, ok := h.pseudo[":path"]; ok && t != target {
			req.Notes = append(req.Notes, "the request line's target differs from :path "+quoteCut(t, 60)+"; used the request line")
		}
	}
	req.Method = method

	// Host: the Host header, else :authority.
	host, hostOff := "", -1
	for i, hd := range h.headers {
		if !strings.EqualFold(hd.Name, "Host") {
			continue
		}
		if hostOff >= 0 && hd.Value != host {
			return problemAt(h.headerOff[i], "keep the Host header the request was sent with; servers reject two (RFC 9112 §3.2)", "second Host header %s differs from the first, %s", quoteCut(hd.Value, 40), quoteCut(host, 40))
		}
		if hostOff < 0 {
			host, hostOff = hd.Value, h.headerOff[i]
		}
	}
	if a, ok := h.pseudo[":authority"]; ok {
		switch {
		case hostOff < 0:
			host, hostOff = a, h.pseudoOff[":authority"]
		case !strings.EqualFold(a, host):
			req.Notes = append(req.Notes, "the Host header "+quoteCut(host, 40)+" differs from :authority "+quoteCut(a, 40)+"; used the Host header")
		}
	}

	switch {
	case target == "*":
		return problemAt(targetOff, "an OPTIONS * request has no URL to sign; give the request that failed", "asterisk-form request target")
	case strings.HasPrefix(target, "/"):
		// origin-form, below
	case strings.Contains(target, "://"):
		u, p := parseAbsURL(target)
		if p != nil {
			p.off += targetOff
			return p
		}
		req.URL = u.withoutFragment()
		req.Scheme = strings.ToLower(u.scheme)
		req.SchemeKnown = true
		req.Target = u.target()
		req.Notes = append(req.Notes, "the request line uses absolute-form (as sent to a proxy); the URL comes from it")
		req.Notes = append(req.Notes, u.notes()...)
		switch {
		case hostOff < 0:
			req.Host = u.host
		default:
			req.Host = host
			if p := checkHostPort(host, hostOff); p != nil {
				return p
			}
			if !strings.EqualFold(host, u.host) {
				req.Notes = append(req.Notes, "the Host header "+quoteCut(host, 40)+" differs from the URL's authority "+quoteCut(u.host, 40)+"; servers use the URL (RFC 9112 §3.2.2)")
			}
		}
		return nil
	case method == "CONNECT":
		return problemAt(targetOff, "a CONNECT request opens a tunnel and has no URL to sign; give the request sent through the tunnel", "CONNECT request")
	default:
		return problemAt(targetOff, "a request target is a path starting with / (or an absolute URL for a proxy)", "request target %s is not a path", quoteCut(target, 60))
	}

	// origin-form: the URL is rebuilt from the scheme, Host and target.
	if hostOff < 0 {
		return problemAt(start, "add a Host line naming the server, e.g. Host: api.bitbucket.org", "no Host header (or :authority), so the URL is unknown")
	}
	if p := checkHostPort(host, hostOff); p != nil {
		return p
	}
	req.Host = host
	for i := 0; i < len(target); i++ {
		if target[i] >= 0x80 {
			if p := findBadUTF8(target, "request"); p != nil {
				p.off += targetOff
				return p
			}
			req.Notes = append(req.Notes, "the request target holds bytes outside ASCII, sent unencoded; the signature is computed on their percent-encoded form")
			break
		}
	}
	if i := strings.IndexByte(target, '#'); i >= 0 {
		req.Notes = append(req.Notes, "dropped the fragment "+quoteCut(target[i:], 40)+" from the request target; clients do not send it")
		target = target[:i]
	}
	req.Target = target
	scheme, why := h.schemeEvidence(req)
	if scheme == "" {
		req.Scheme, req.SchemeKnown = "", false
		req.URL = "http://" + host + target
		note := "the capture does not say whether the request was made over http or https (origin-form request line, no :scheme or X-Forwarded-Proto); both will be tried"
		if strings.HasPrefix(h.version, "HTTP/2") {
			note += " (browsers use HTTP/2 only over https)"
		}
		req.Notes = append(req.Notes, note)
		return nil
	}
	req.Scheme, req.SchemeKnown = scheme, true
	req.URL = scheme + "://" + host + target
	if why != "" {
		req.Notes = append(req.Notes, why)
	}
	return nil
}

// schemeEvidence returns the scheme the capture shows for an origin-form
// request, and a note saying where it came from ("" for :scheme).
func (h *httpHead) schemeEvidence(req *Request) (scheme, why string) {
	if s, ok := h.pseudo[":scheme"]; ok {
		if l := strings.ToLower(s); l == "http" || l == "https" {
			return l, ""
		}
		req.Notes = append(req.Notes, "ignored :scheme "+quoteCut(s, 20)+", which is not http or https")
	}
	if v := req.Header("X-Forwarded-Proto"); v != "" {
		first, _, _ := strings.Cut(v, ",")
		if l := strings.ToLower(strings.TrimSpace(first)); l == "http" || l == "https" {
			return l, "scheme " + l + " taken from X-Forwarded-Proto (the scheme the client used to reach the proxy)"
		}
	}
	for _, v := range req.HeaderValues("Forwarded") {
		if proto := forwardedProto(v); proto == "http" || proto == "https" {
			return proto, "scheme " + proto + " taken from Forwarded proto= (the scheme the client used to reach the proxy)"
		}
	}
	if strings.HasPrefix(h.version, "HTTP/3") {
		return "https", "scheme https: HTTP/3 runs only over TLS"
	}
	return "", ""
}

// forwardedProto returns the proto= parameter of the first element of a
// Forwarded header value (RFC 7239 §4), lower-cased, or "".
func forwardedProto(v string) string {
	first, _, _ := strings.Cut(v, ",")
	for _, pair := range strings.Split(first, ";") {
		k, val, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "proto") {
			return strings.ToLower(strings.Trim(strings.TrimSpace(val), "\""))
		}
	}
	return ""
}

// setForwarding copies the proxy headers into req.Forwarding.
func setForwarding(req *Request) {
	req.Forwarding.Proto = req.Header("X-Forwarded-Proto")
	req.Forwarding.Host = req.Header("X-Forwarded-Host")
	req.Forwarding.Port = req.Header("X-Forwarded-Port")
	req.Forwarding.Forwarded = req.HeaderValues("Forwarded")
}

// parseHTTPDate parses an HTTP date in any of the three formats RFC 9110
// §5.6.7 allows.
func parseHTTPDate(s string) (time.Time, bool) {
	for _, layout := range []string{
		"Mon, 02 Jan 2006 15:04:05 GMT",  // IMF-fixdate
		"Monday, 02-Jan-06 15:04:05 GMT", // RFC 850
		"Mon Jan _2 15:04:05 2006",       // asctime
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
