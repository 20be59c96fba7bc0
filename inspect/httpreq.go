package inspect

import (
	"io"
	"strconv"
	"strings"
	"time"
)

const opHTTP = "read HTTP request"

// provisionalHeaders starts the warning Chrome shows above request headers
// it did not see on the wire ("Provisional headers are shown. …").
const provisionalHeaders = "Provisional headers are shown"

// ReadHTTP reads raw HTTP request text, as a proxy, a server log or browser
// devtools show it, and returns every request in it (at least one; requests
// follow each other, separated by blank lines). name is the input's name for
// messages. At most DefaultMaxSize bytes are read. Lines starting with "#"
// before a request are comments and skipped.
//
// Each request starts with a request line in origin-form ("GET /1.0/user?x=1
// HTTP/1.1") or absolute-form ("GET http://host/path HTTP/1.1"), or with HTTP/2
// pseudo-header lines as devtools show them (":method: POST", ":scheme:
// https", ":authority: api.bitbucket.org", ":path: /1.0/x?y"), with or without
// a request line before them. Lines end in CRLF or a bare LF. Header fields
// keep their order and the case of their names; obsolete folded values
// (continuation lines starting with a space or tab) are joined with a space.
// Pseudo-headers are kept in Headers, in order, as the HAR reader keeps them,
// and set Method, Scheme, Host and Target.
//
// The body is framed by Transfer-Encoding: chunked (and de-chunked into Body,
// trailer fields appended to Headers) or by Content-Length. With neither,
// the text after the blank line, up to the next request or the end of the
// input and without its final line break, is taken as the body, with a note.
// Headers copied from devtools come without the body: when nothing follows
// them, a Content-Length or chunked encoding gives a note, not an error.
//
// When the capture does not say whether https was used (origin-form, no
// :scheme, no X-Forwarded-Proto or Forwarded proto=), Scheme is "",
// SchemeKnown is false and URL is built as "http://" + Host + Target, with a
// note: the explainer tries both schemes. A Date header sets Started;
// X-Forwarded-* and Forwarded set Forwarding. A response following a request
// is skipped with a note.
func ReadHTTP(r io.Reader, name string) ([]*Request, error) {
	data, err := readAllLimited(r, DefaultMaxSize, opHTTP, name)
	if err != nil {
		return nil, err
	}
	return parseHTTPText(string(trimUTF8BOM(data)), name)
}

// parseHTTPText reads every request in text.
func parseHTTPText(text, name string) ([]*Request, error) {
	var reqs []*Request
	lines := newLineStarts(text)
	pos := 0
	for {
		pos = skipBlankLines(text, pos)
		if pos >= len(text) {
			break
		}
		line, next := lineFrom(text, pos)
		if strings.HasPrefix(line, "#") {
			pos = next // a comment line, as .http files for editor HTTP clients have
			continue
		}
		if looksLikeStatusLine(line) {
			if len(reqs) == 0 {
				p := problemAt(pos, "copy the request (its request line and headers), not the response", "an HTTP response, not a request,")
				return nil, p.inputError(opHTTP, name, text, 1)
			}
			end := findBoundary(text, afterLine(text, pos), false)
			last := reqs[len(reqs)-1]
			last.Notes = append(last.Notes, "skipped the HTTP response at line "+strconv.Itoa(lines.line(pos))+" ("+quoteCut(line, 40)+")")
			pos = end
			continue
		}
		req, end, p := parseOneHTTP(text, lines, pos, name, len(reqs) > 0)
		if p != nil {
			return nil, p.inputError(opHTTP, name, text, 1)
		}
		reqs = append(reqs, req)
		pos = end
	}
	if len(reqs) == 0 {
		return nil, &InputError{Op: opHTTP, Name: name, Err: textError("no request in the input"),
			Hint: "give the request line (GET /path HTTP/1.1) followed by its headers"}
	}
	return reqs, nil
}

// lineFrom returns the line starting at pos without its line break (LF or
// CRLF), and the offset just after the break.
func lineFrom(text string, pos int) (line string, next int) {
	i := strings.IndexByte(text[pos:], '\n')
	if i < 0 {
		line, next = text[pos:], len(text)
	} else {
		line, next = text[pos:pos+i], pos+i+1
	}
	return strings.TrimSuffix(line, "\r"), next
}

// afterLine returns the offset after the line starting at pos.
func afterLine(text string, pos int) int {
	_, next := lineFrom(text, pos)
	return next
}

// isBlankLine reports whether a line holds nothing but spaces and tabs.
func isBlankLine(line string) bool {
	return strings.Trim(line, " \t\r") == ""
}

// skipBlankLines returns the offset of the first line at or after pos that
// is not blank, or len(text).
func skipBlankLines(text string, pos int) int {
	for pos < len(text) {
		line, next := lineFrom(text, pos)
		if !isBlankLine(line) {
			return pos
		}
		pos = next
	}
	return len(text)
}

// isMessageStart reports whether a line can start a new message: a request
// line, an HTTP/2 pseudo-header or a status line.
func isMessageStart(line string) bool {
	return looksLikeRequestLine(line) || isPseudoHeaderLine(line) || looksLikeStatusLine(line)
}

// findBoundary returns the offset of the first line at or after pos that
// starts a new message right after a blank line, or len(text). afterBlank
// says whether the line before pos was blank.
func findBoundary(text string, pos int, afterBlank bool) int {
	prevBlank := afterBlank
	for pos < len(text) {
		line, next := lineFrom(text, pos)
		if prevBlank && isMessageStart(line) {
			return pos
		}
		prevBlank = isBlankLine(line)
		pos = next
	}
	return len(text)
}

// httpHead is what the request line, the pseudo-headers and the header
// section of one request say.
type httpHead struct {
	method, target, version string
	targetOff               int // offset of the target in the text
	hasRequestLine          bool
	pseudo                  map[string]string // ":method" → value
	pseudoOff               map[string]int    // offset of each pseudo-header's value
	headers                 []Header
	headerOff               []int // offset of each header's value
	notes                   []string
	lines                   lineStarts
}

// parseOneHTTP reads the request starting at pos and returns it and the
// offset where the next message may start.
func parseOneHTTP(text string, lines lineStarts, pos int, name string, later bool) (*Request, int, *posProblem) {
	start := pos
	h := &httpHead{pseudo: map[string]string{}, pseudoOff: map[string]int{}, lines: lines}
	line, next := lineFrom(text, pos)
	if p := findNUL(text, pos, pos+len(line), "request"); p != nil {
		return nil, 0, p
	}
	if !strings.HasPrefix(line, ":") && !strings.HasPrefix(line, provisionalHeaders) {
		if p := h.parseRequestLine(line, pos, later); p != nil {
			return nil, 0, p
		}
		pos = next
	}
	pos, p := h.parseHeaders(text, pos)
	if p != nil {
		return nil, 0, p
	}
	req := &Request{
		Headers: h.headers,
		Origin:  Origin{Name: name, Line: lines.line(start), Entry: -1},
		Format:  FormatHTTP,
		Notes:   h.notes,
	}
	if p := h.resolve(req, text, start); p != nil {
		return nil, 0, p
	}
	body, end, p := h.readBody(req, text, pos)
	if p != nil {
		return nil, 0, p
	}
	if body != "" {
		req.Body = []byte(body)
	}
	req.ContentType = req.Header("Content-Type")
	setForwarding(req)
	if d := req.Header("Date"); d != "" {
		if t, ok := parseHTTPDate(d); ok {
			req.Started = t
		} else {
			req.Notes = append(req.Notes, "the Date header "+quoteCut(d, 40)+" is not an HTTP date; request time unknown")
		}
	}
	return req, end, nil
}

// parseRequestLine reads "METHOD target HTTP/x.y".
func (h *httpHead) parseRequestLine(line string, pos int, later bool) *posProblem {
	hint := "the first line of a request looks like GET /1.0/user HTTP/1.1"
	if later {
		hint = "a new request must start with its request line; if this text is part of the previous body, give a Content-Length that covers it (or remove Content-Length)"
	}
	if line != "" && (line[0] == ' ' || line[0] == '\t') {
		return problemAt(pos, hint, "request line starts with whitespace")
	}
	fields := strings.Fields(line)
	if len(fields) < 2 || !isHTTPVersion(fields[len(fields)-1]) {
		if looksLikeHeaderLine(line) {
			return problemAt(pos, "copy the whole request, starting with its request line (GET /path HTTP/1.1), or the HTTP/2 pseudo-headers (:method, :path, …)",
				"header %s without a request line before it", quoteCut(line, 60))
		}
		if len(fields) == 2 && isHTTPToken(fields[0]) && strings.ToUpper(fields[0]) == fields[0] && (strings.HasPrefix(fields[1], "/") || strings.Contains(fields[1], "://")) {
			return problemAt(pos, "add the HTTP version, e.g. "+fields[0]+" "+fields[1]+" HTTP/1.1", "request line %s has no HTTP version", quoteCut(line, 60))
		}
		if later {
			return problemAt(pos, hint, "expected the request line of another request, found %s", quoteCut(line, 60))
		}
		return problemAt(pos, hint, "not a request line: %s", quoteCut(line, 60))
	}
	method := fields[0]
	if i := firstNonTokenByte(method); i >= 0 {
		return problemAt(pos+i, hint, "invalid character %q in the method", method[i])
	}
	h.method = method
	h.version = fields[len(fields)-1]
	line = strings.TrimRight(line, " \t")
	ts := len(method)
	for ts < len(line) && (line[ts] == ' ' || line[ts] == '\t') {
		ts++
	}
	te := len(line) - len(h.version)
	for te > ts && (line[te-1] == ' ' || line[te-1] == '\t') {
		te--
	}
	target := line[ts:te]
	tStart := pos + ts
	if target == "" {
		return problemAt(tStart, hint, "request line has no target")
	}
	if i := strings.IndexAny(target, " \t"); i >= 0 {
		return problemAt(tStart+i, "clients send a space in a URL as %20; copy the request as it was sent", "space in the request target")
	}
	for i := 0; i < len(target); i++ {
		if c := target[i]; c < 0x20 || c == 0x7f {
			return problemAt(tStart+i, "remove it; a request target is visible characters only", "control character %s in the request target", controlCharName(c))
		}
	}
	if h.version != "HTTP/1.1" && h.version != "HTTP/1.0" && !strings.HasPrefix(h.version, "HTTP/2") && !strings.HasPrefix(h.version, "HTTP/3") {
		h.notes = append(h.notes, "unusual HTTP version "+h.version)
	}
	h.target, h.targetOff, h.hasRequestLine = target, tStart, true
	return nil
}

// parseHeaders reads header lines from pos up to and including the blank
// line that ends them, or to the end of the input.
func (h *httpHead) parseHeaders(text string, pos int) (end int, p *posProblem) {
	folded := map[string]bool{}
	// The continuation lines of the last header, joined when it ends.
	var fold []string
	endFold := func() {
		if len(fold) > 0 {
			last := &h.headers[len(h.headers)-1]
			last.Value = strings.TrimRight(last.Value+" "+strings.Join(fold, " "), " \t")
			fold = fold[:0]
		}
	}
	defer endFold()
	for {
		if pos >= len(text) {
			return pos, nil
		}
		line, next := lineFrom(text, pos)
		if p := findNUL(text, pos, pos+len(line), "request"); p != nil {
			return 0, p
		}
		if isBlankLine(line) {
			return next, nil
		}
		if line[0] != ' ' && line[0] != '\t' {
			endFold()
		}
		switch {
		case line[0] == ' ' || line[0] == '\t':
			// RFC 9112 §5.2: obs-fold, replaced by a space.
			if len(h.headers) == 0 {
				return 0, problemAt(pos, "a line starting with a space continues the header above it; remove the indentation", "continuation line with no header before it")
			}
			last := &h.headers[len(h.headers)-1]
			fold = append(fold, strings.Trim(line, " \t"))
			if !folded[last.Name] {
				folded[last.Name] = true
				h.notes = append(h.notes, "header "+last.Name+" is folded over several lines (obsolete line folding); the lines are joined with a space")
			}
		case strings.HasPrefix(line, provisionalHeaders):
			h.notes = append(h.notes, "Chrome showed provisional headers: the request may have carried headers that are not in the capture")
		case line[0] == ':':
			if p := h.parsePseudo(line, pos); p != nil {
				return 0, p
			}
		default:
			hd, voff, p := parseHeaderLine(line, pos)
			if p != nil {
				return 0, p
			}
			h.headers = append(h.headers, hd)
			h.headerOff = append(h.headerOff, voff)
		}
		pos = next
	}
}

// parseHeaderLine reads "Name: value" (RFC 9110 §5, RFC 9112 §5.1).
func parseHeaderLine(line string, pos int) (Header, int, *posProblem) {
	c := strings.IndexByte(line, ':')
	if c < 0 {
		if looksLikeRequestLine(line) {
			return Header{}, 0, problemAt(pos, "put a blank line between two requests", "request line %s inside the headers", quoteCut(line, 60))
		}
		return Header{}, 0, problemAt(pos, "a header is Name: value; a blank line must separate the headers from the body",
			"line %s is not a header field (no colon)", quoteCut(line, 60))
	}
	name := line[:c]
	if name == "" {
		return Header{}, 0, problemAt(pos, "a header is Name: value", "header with an empty name")
	}
	if n := strings.TrimRight(name, " \t"); n != name {
		return Header{}, 0, problemAt(pos+len(n), "remove the space before the colon; servers reject such headers (RFC 9112 §5.1)", "whitespace between header name %q and the colon", n)
	}
	if i := firstNonTokenByte(name); i >= 0 {
		return Header{}, 0, problemAt(pos+i, "a header name is a single word such as Content-Type", "invalid character %q in header name %s", name[i], quoteCut(name, 40))
	}
	v := line[c+1:]
	voff := pos + c + 1
	for len(v) > 0 && (v[0] == ' ' || v[0] == '\t') {
		v, voff = v[1:], voff+1
	}
	// RFC 9112 §2.2: a bare CR is replaced with a space.
	v = strings.ReplaceAll(v, "\r", " ")
	return Header{Name: name, Value: strings.TrimRight(v, " \t")}, voff, nil
}

// parsePseudo reads an HTTP/2 pseudo-header line ":name: value".
func (h *httpHead) parsePseudo(line string, pos int) *posProblem {
	const hint = "an HTTP/2 pseudo-header is written :name: value, e.g. :method: GET"
	c := strings.IndexByte(line[1:], ':')
	nameEnd := c + 1
	if c < 0 {
		nameEnd = len(line)
		if i := strings.IndexAny(line, " \t"); i >= 0 {
			nameEnd = i
		}
	}
	name := line[:nameEnd]
	if !isHTTPToken(name[1:]) {
		return problemAt(pos, hint, "invalid pseudo-header name %s", quoteCut(name, 40))
	}
	if c < 0 {
		return problemAt(pos, hint, "pseudo-header %s has no value", quoteCut(line, 40))
	}
	v := line[c+2:]
	voff := pos + c + 2
	for len(v) > 0 && (v[0] == ' ' || v[0] == '\t') {
		v, voff = v[1:], voff+1
	}
	v = strings.TrimRight(v, " \t")
	switch name {
	case ":method", ":path", ":scheme", ":authority", ":protocol":
	case ":status":
		return problemAt(pos, "copy the request headers, not the response headers", "response pseudo-header :status in a request")
	default:
		h.notes = append(h.notes, "ignored unknown pseudo-header "+name)
		h.headers = append(h.headers, Header{Name: name, Value: v})
		h.headerOff = append(h.headerOff, voff)
		return nil
	}
	if old, dup := h.pseudo[name]; dup {
		if old == v {
			return nil
		}
		return problemAt(pos, "keep the one the request was sent with", "pseudo-header %s given twice, as %s and %s", name, quoteCut(old, 30), quoteCut(v, 30))
	}
	if v == "" {
		return problemAt(pos, "give its value, e.g. :method: GET", "empty pseudo-header %s", name)
	}
	h.pseudo[name] = v
	h.pseudoOff[name] = voff
	h.headers = append(h.headers, Header{Name: name, Value: v})
	h.headerOff = append(h.headerOff, voff)
	return nil
}

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

// readBody reads the body starting at pos, framed by Transfer-Encoding or
// Content-Length (RFC 9112 §6.3), and returns it and the offset after it.
func (h *httpHead) readBody(req *Request, text string, pos int) (string, int, *posProblem) {
	var te []string
	teOff := -1
	var cl []string
	clOff := -1
	for i, hd := range h.headers {
		switch {
		case strings.EqualFold(hd.Name, "Transfer-Encoding"):
			for _, c := range strings.Split(hd.Value, ",") {
				if c = strings.ToLower(strings.TrimSpace(c)); c != "" {
					te = append(te, c)
				}
			}
			if teOff < 0 {
				teOff = h.headerOff[i]
			}
		case strings.EqualFold(hd.Name, "Content-Length"):
			for _, c := range strings.Split(hd.Value, ",") {
				cl = append(cl, strings.TrimSpace(c))
			}
			if clOff < 0 {
				clOff = h.headerOff[i]
			}
		}
	}
	// Devtools show the request headers without the body: a framed body
	// that is not there at all is a note, not an error.
	next := skipBlankLines(text, pos)
	if line, _ := lineFrom(text, next); next >= len(text) || isMessageStart(line) {
		what := ""
		switch {
		case len(te) > 0:
			what = "Transfer-Encoding is " + strings.Join(te, ", ")
		case len(cl) > 0 && cl[0] != "0":
			what = "Content-Length says " + cl[0] + " bytes"
		}
		if what != "" {
			req.Notes = append(req.Notes, "the capture holds no body, although "+what+"; parameters of a form body are missing from the signature base string")
			return "", next, nil
		}
	}
	switch {
	case len(te) > 0:
		if te[len(te)-1] != "chunked" {
			return "", 0, problemAt(teOff, "a request body with a Transfer-Encoding must end with chunked; fix the header", "Transfer-Encoding %s does not end in chunked, so the body length is unknown", quoteCut(strings.Join(te, ", "), 40))
		}
		if len(cl) > 0 {
			req.Notes = append(req.Notes, "both Transfer-Encoding and Content-Length are present; the chunked encoding frames the body (RFC 9112 §6.3)")
		}
		body, trailers, end, p := dechunk(text, pos)
		if p != nil {
			return "", 0, p
		}
		if len(te) > 1 {
			req.Notes = append(req.Notes, "the body is still encoded with "+strings.Join(te[:len(te)-1], ", ")+" after de-chunking")
		}
		if len(trailers) > 0 {
			req.Headers = append(req.Headers, trailers...)
			req.Notes = append(req.Notes, "appended "+strconv.Itoa(len(trailers))+" trailer field(s) after the chunked body to the headers")
		}
		return body, end, nil
	case len(cl) > 0:
		n := -1
		for _, v := range cl {
			if !isAllDigits(v) {
				return "", 0, problemAt(clOff, "Content-Length is the body size in bytes, a decimal number", "invalid Content-Length %s", quoteCut(v, 30))
			}
			k, err := strconv.ParseInt(v, 10, 64)
			if err != nil || k > int64(len(text)) {
				k = int64(len(text)) + 1
			}
			if n >= 0 && int(k) != n {
				return "", 0, problemAt(clOff, "keep the Content-Length the request was sent with", "Content-Length values differ (%s)", quoteCut(strings.Join(cl, ", "), 40))
			}
			n = int(k)
		}
		if left := len(text) - pos; n > left {
			return "", 0, problemAt(clOff, "the capture may have lost bytes (line endings changed from CRLF to LF?); correct Content-Length, or delete the header to take the rest of the input as the body",
				"Content-Length is %s but only %d bytes follow the headers", cl[0], left)
		}
		return text[pos : pos+n], pos + n, nil
	}
	end := findBoundary(text, pos, true)
	body := strings.TrimRight(text[pos:end], "\r\n")
	if body != "" {
		until := "the end of the input"
		if end < len(text) {
			until = "the next message at line " + strconv.Itoa(h.lines.line(end))
		}
		req.Notes = append(req.Notes, "no Content-Length or Transfer-Encoding: took the "+strconv.Itoa(len(body))+" bytes after the headers, up to "+until+" and without the final line break, as the body")
	}
	return body, end, nil
}

// dechunk decodes a chunked body (RFC 9112 §7.1) starting at pos and returns
// the body, the trailer fields and the offset after the chunked body.
func dechunk(text string, pos int) (string, []Header, int, *posProblem) {
	var body strings.Builder
	const sizeHint = "each chunk starts with its size in hexadecimal on a line of its own, and a chunk of size 0 ends the body"
	for {
		if pos >= len(text) {
			return "", nil, 0, problemAt(pos, sizeHint, "chunked body ends without its last (zero-size) chunk")
		}
		line, next := lineFrom(text, pos)
		size, _, _ := strings.Cut(line, ";")
		size = strings.Trim(size, " \t")
		if size == "" || len(size) > 15 {
			return "", nil, 0, problemAt(pos, sizeHint, "invalid chunk size %s", quoteCut(line, 30))
		}
		for i := 0; i < len(size); i++ {
			if !isHexByte(size[i]) {
				return "", nil, 0, problemAt(pos, sizeHint, "invalid chunk size %s", quoteCut(line, 30))
			}
		}
		n, _ := strconv.ParseInt(size, 16, 64)
		if n == 0 {
			pos = next
			break
		}
		if left := int64(len(text) - next); n > left {
			return "", nil, 0, problemAt(pos, "chunk sizes count bytes; if line endings were changed from CRLF to LF the sizes no longer match",
				"chunk of %d bytes (0x%s) runs past the end of the input (%d bytes left)", n, size, left)
		}
		body.WriteString(text[next : next+int(n)])
		pos = next + int(n)
		switch {
		case strings.HasPrefix(text[pos:], "\r\n"):
			pos += 2
		case strings.HasPrefix(text[pos:], "\n"):
			pos++
		default:
			return "", nil, 0, problemAt(pos, "chunk sizes count bytes; check the size of the chunk before this point", "chunk data is not followed by a line break")
		}
	}
	var trailers []Header
	for pos < len(text) {
		line, next := lineFrom(text, pos)
		if isBlankLine(line) {
			pos = next
			break
		}
		if p := findNUL(text, pos, pos+len(line), "request"); p != nil {
			return "", nil, 0, p
		}
		hd, _, p := parseHeaderLine(line, pos)
		if p != nil {
			return "", nil, 0, p
		}
		trailers = append(trailers, hd)
		pos = next
	}
	return body.String(), trailers, pos, nil
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
