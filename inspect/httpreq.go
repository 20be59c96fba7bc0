package inspect

import (
	"io"
	"strconv"
	"strings"
)

const opHTTP = "read HTTP request"

// provisionalHeaders starts the warning Chrome shows above request headers
// it did not see on the wire ("Provisional headers are shown. …").
const provisionalHeaders = "Provisional headers are shown"

// ReadHTTP reads raw HTTP request text, as a proxy, a server log or browser
// devtools show it, and returns every request in it (at least one; requests
// follow each other, separated by blank lines). name is the input's name for
// messages. At most defaultMaxSize bytes are read. Lines starting with "#"
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
	data, err := readAllLimited(r, defaultMaxSize, opHTTP, name)
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
