package inspect

import (
	"strconv"
	"strings"
)

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
