package inspect

import (
	"strconv"
	"strings"
)

const opAuthHeader = "read Authorization header"

// readAuthHeader reads an OAuth Authorization header on its own, as copied
// from a log or a devtools panel: "Authorization: OAuth realm=…, oauth_…" or
// just the value "OAuth …", possibly wrapped over several lines. Other
// header lines ("Content-Type: …") may come with it and are kept. Since the
// header does not hold the URL, rawURL (required, from --url) gives it, and
// method the method (GET when empty); both are read as readURL reads them.
//
// A line break inside a quoted value is removed together with the
// indentation that follows it (wrapping must not add a space to a
// signature); elsewhere a line break and its surrounding whitespace become
// one space. Both are noted. The request has no body: a note says so for
// methods that usually carry one. origin says where the header was found;
// its Entry is set to -1, and a zero Line is set to the header's line.
func readAuthHeader(text string, rawURL string, method string, origin Origin) (*Request, error) {
	origin.Entry = -1
	name := origin.Name
	text = strings.TrimPrefix(text, utf8BOM)
	firstLine := origin.Line
	if firstLine == 0 {
		firstLine = 1
	}
	fail := func(p *posProblem) error { return p.inputError(opAuthHeader, name, text, firstLine) }
	if p := findNUL(text, 0, len(text), "header"); p != nil {
		return nil, fail(p)
	}
	if p := findBadUTF8(text, "header"); p != nil {
		return nil, fail(p)
	}
	if strings.Trim(text, " \t\r\n") == "" {
		return nil, &InputError{Op: opAuthHeader, Name: name, Err: textError("empty input"),
			Hint: "give the header, e.g. Authorization: OAuth oauth_consumer_key=\"…\", …"}
	}
	headers, offs, notes, p := splitHeaderBlock(text)
	if p != nil {
		return nil, fail(p)
	}
	auth := -1
	for i, h := range headers {
		if !strings.EqualFold(h.Name, "Authorization") {
			continue
		}
		if auth >= 0 {
			return nil, fail(problemAt(offs[i], "give the one header the request was sent with", "second Authorization header"))
		}
		auth = i
	}
	if auth < 0 {
		return nil, fail(problemAt(offs[0], "give the header, e.g. Authorization: OAuth oauth_consumer_key=\"…\", …", "no Authorization header"))
	}
	if scheme := authScheme(headers[auth].Value); !sameFold(scheme, "OAuth") {
		if scheme == "" {
			return nil, fail(problemAt(offs[auth], "give the header's value, e.g. OAuth oauth_consumer_key=\"…\", …", "empty Authorization header"))
		}
		return nil, fail(problemAt(offs[auth], "oauthdbg checks OAuth 1.0a signatures, sent as Authorization: OAuth …", "the Authorization header uses the %s scheme, not OAuth", quoteCut(scheme, 20)))
	}
	if strings.TrimSpace(rawURL) == "" {
		return nil, &InputError{Op: opAuthHeader, Name: name, Err: textError("no request URL"),
			Hint: "the header does not say where the request went; give the URL with --url https://…"}
	}
	req, err := readURL(rawURL, method, Origin{Name: "--url", Entry: -1})
	if err != nil {
		return nil, err
	}
	if origin.Line == 0 {
		origin.Line = textLineAt(text, offs[auth])
	}
	req.Origin = origin
	req.Format = FormatAuthHeader
	req.Headers = headers
	if h := req.Header("Host"); h != "" {
		req.Host = h
	}
	req.ContentType = req.Header("Content-Type")
	setForwarding(req)
	if d := req.Header("Date"); d != "" {
		if t, ok := parseHTTPDate(d); ok {
			req.Started = t
		}
	}
	req.Notes = append(req.Notes, notes...)
	switch strings.ToUpper(req.Method) {
	case "GET", "HEAD", "DELETE", "OPTIONS":
	default:
		req.Notes = append(req.Notes, "only the URL and the headers are known: if the "+req.Method+" request had a form body, its parameters are missing from the signature base string")
	}
	return req, nil
}

// splitHeaderBlock reads header lines. A line that does not start a new
// "Name:" field continues the one before (wrapped text); a first line
// starting with "OAuth" is the value of an Authorization header.
func splitHeaderBlock(text string) ([]Header, []int, []string, *posProblem) {
	type field struct {
		name  string
		lines []string
		offs  []int
	}
	var fields []field
	for pos := 0; pos < len(text); {
		// A line ends at LF, CRLF or a bare CR (old Mac text).
		lineOff := pos
		end := strings.IndexAny(text[pos:], "\r\n")
		var line string
		if end < 0 {
			line, pos = text[pos:], len(text)
		} else {
			line = text[pos : pos+end]
			pos += end + 1
			if text[pos-1] == '\r' && pos < len(text) && text[pos] == '\n' {
				pos++
			}
		}
		if isBlankLine(line) {
			continue
		}
		c := strings.IndexByte(line, ':')
		switch {
		case len(fields) == 0 && hasPrefixFold(strings.TrimLeft(line, " \t"), "oauth") && !startsField(line, c):
			lead := len(line) - len(strings.TrimLeft(line, " \t"))
			fields = append(fields, field{name: "Authorization", lines: []string{line[lead:]}, offs: []int{lineOff + lead}})
		case startsField(line, c):
			v := line[c+1:]
			voff := lineOff + c + 1
			for len(v) > 0 && (v[0] == ' ' || v[0] == '\t') {
				v, voff = v[1:], voff+1
			}
			fields = append(fields, field{name: line[:c], lines: []string{v}, offs: []int{voff}})
		case len(fields) == 0:
			return nil, nil, nil, problemAt(lineOff, "give the header, e.g. Authorization: OAuth oauth_consumer_key=\"…\", …", "not a header: %s", quoteCut(strings.TrimSpace(line), 60))
		default:
			f := &fields[len(fields)-1]
			f.lines = append(f.lines, line)
			f.offs = append(f.offs, lineOff)
		}
	}
	var headers []Header
	var offs []int
	var notes []string
	for _, f := range fields {
		v, wrapped := joinWrapped(f.lines)
		if wrapped {
			notes = append(notes, "joined the "+strconv.Itoa(len(f.lines))+" lines of the "+f.name+" header; a line break inside a quoted value was removed without adding a space")
		} else if len(f.lines) > 1 {
			notes = append(notes, "joined the "+strconv.Itoa(len(f.lines))+" lines of the "+f.name+" header with spaces")
		}
		headers = append(headers, Header{Name: f.name, Value: v})
		offs = append(offs, f.offs[0])
	}
	return headers, offs, notes, nil
}

// startsField reports whether line starts a "Name:" header field; c is the
// index of its first colon. "http:" and "https:" are parts of wrapped URLs.
func startsField(line string, c int) bool {
	if c <= 0 || !isHTTPToken(line[:c]) {
		return false
	}
	n := strings.ToLower(line[:c])
	return n != "http" && n != "https" && !strings.HasPrefix(n, "oauth_")
}

// joinWrapped joins the lines of one wrapped header value. Inside a quoted
// string a line break and the whitespace around it are dropped; elsewhere
// they become one space. wrapped reports a break inside quotes. A backslash
// inside quotes escapes the next character (RFC 9110 §5.6.4).
func joinWrapped(lines []string) (value string, wrapped bool) {
	var b strings.Builder
	inQuote := false
	for i, l := range lines {
		if i > 0 {
			l = strings.TrimLeft(l, " \t")
			if !inQuote && b.Len() > 0 {
				b.WriteByte(' ')
			}
			if inQuote {
				wrapped = true
			}
		}
		if i < len(lines)-1 {
			l = strings.TrimRight(l, " \t")
		}
		for k := 0; k < len(l); k++ {
			switch c := l[k]; {
			case c == '\\' && inQuote && k+1 < len(l):
				b.WriteByte(c)
				k++
				b.WriteByte(l[k])
				continue
			case c == '"':
				inQuote = !inQuote
			}
			b.WriteByte(l[k])
		}
	}
	return strings.TrimRight(b.String(), " \t"), wrapped
}
