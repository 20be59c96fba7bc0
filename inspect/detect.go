package inspect

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// acceptedForms lists the inputs detectFormat recognizes, for error hints.
const acceptedForms = "give an absolute URL (https://…), a raw HTTP request (GET /path HTTP/1.1 and headers), " +
	"a curl command (curl 'https://…' -H …), a HAR file ({\"log\": …}) or an Authorization header " +
	"(Authorization: OAuth …), or name the form with --input-format"

// detectFormat tells the format of an input from its first bytes (a few KiB are
// plenty), never from a file name. A UTF-8 byte order mark, leading blank
// lines and comment lines starting with "#" are skipped. It recognizes:
//
//   - FormatHAR: a JSON object with a "log" member;
//   - FormatCurl: a command whose first word is curl or curl.exe;
//   - FormatHTTP: a request line (METHOD target HTTP/x.y) or HTTP/2
//     pseudo-header lines (:method: POST) as browser devtools show them;
//   - FormatAuthHeader: "Authorization: …" or a bare "OAuth …" value;
//   - FormatURL: an http:// or https:// URL.
//
// Anything else is an *InputError quoting the first line it could not read
// (cut to about 80 characters) and listing the accepted forms.
func detectFormat(head []byte) (Format, error) {
	const op = "detect input format"
	if p := binaryKind(head); p != nil {
		return FormatAuto, &InputError{Op: op, Err: p, Hint: p.hint}
	}
	text := string(trimUTF8BOM(head))
	start := skipCommentLines(text, 0)
	if start == len(text) {
		return FormatAuto, &InputError{Op: op, Err: textError("input is empty"), Hint: acceptedForms}
	}
	switch text[start] {
	case '{':
		if isHARHead(text[start:]) {
			return FormatHAR, nil
		}
		if isJSONLHead(text[start:], len(head) >= headSize) {
			return FormatJSONL, nil
		}
		return FormatAuto, &InputError{Op: op, Err: textError("JSON object without a \"log\" member is not a HAR file, nor a JSON Lines request with a \"url\""),
			Hint: "export the requests from the browser's network panel with \"Save all as HAR\""}
	case '[':
		return FormatAuto, &InputError{Op: op, Err: textError("a JSON array is not a HAR file"),
			Hint: "export the requests from the browser's network panel with \"Save all as HAR\""}
	}
	lineEnd := strings.IndexByte(text[start:], '\n')
	// A head that fills the whole peek window without a newline holds only
	// the start of a long first line, so its end (an HTTP version) is unseen.
	cut := lineEnd < 0 && len(head) >= headSize
	if lineEnd < 0 {
		lineEnd = len(text)
	} else {
		lineEnd += start
	}
	line := strings.TrimRight(text[start:lineEnd], " \t\r")
	switch {
	case isCurlLine(line):
		return FormatCurl, nil
	case looksLikeRequestLine(line) || cut && looksLikeRequestLineStart(line) || isPseudoHeaderLine(line) || strings.HasPrefix(line, provisionalHeaders):
		return FormatHTTP, nil
	case hasPrefixFold(line, "authorization:") || hasPrefixFold(line, "oauth "):
		return FormatAuthHeader, nil
	case hasPrefixFold(line, "http://") || hasPrefixFold(line, "https://"):
		return FormatURL, nil
	}
	e := &InputError{Op: op, Line: textLineAt(text, start), Column: 1, Hint: acceptedForms}
	switch {
	case looksLikeStatusLine(line):
		e.Err = textError("line " + strconv.Itoa(e.Line) + " " + quoteCut(line, 80) + " is an HTTP response, not a request")
		e.Hint = "copy the request (its request line and headers), not the response"
	case looksLikeHeaderLine(line):
		e.Err = textError("cannot read line " + strconv.Itoa(e.Line) + " " + quoteCut(line, 80) + ": a header without the request line before it")
		e.Hint = "copy the whole request, starting with its request line (GET /path HTTP/1.1), or the HTTP/2 pseudo-headers (:method, :path, …)"
	default:
		e.Err = textError("cannot read line " + strconv.Itoa(e.Line) + " " + quoteCut(line, 80) + " as any known input")
	}
	return FormatAuto, e
}

// skipCommentLines returns the offset of the first character at or after pos
// that is not whitespace and not on a line starting with "#" (a shell
// comment, or a comment in an .http file), or len(text).
func skipCommentLines(text string, pos int) int {
	for pos < len(text) {
		switch c := text[pos]; {
		case isASCIISpace(c):
			pos++
		case c == '#':
			i := strings.IndexByte(text[pos:], '\n')
			if i < 0 {
				return len(text)
			}
			pos += i + 1
		default:
			return pos
		}
	}
	return pos
}

// binaryKind recognizes inputs that are not text at all.
func binaryKind(head []byte) *posProblem {
	switch {
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return problemAt(-1, "save it as UTF-8 (PowerShell's > writes UTF-16; use Out-File -Encoding utf8)", "input is UTF-16 text")
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return problemAt(-1, "decompress it first, e.g. gunzip capture.har.gz", "input is gzip-compressed")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return problemAt(-1, "extract the capture from the archive first", "input is a zip archive")
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		text := string(head)
		l, c := textLineColumn(text, i)
		return problemAt(-1, "give the capture as text; check that the file is the capture itself and not a binary file",
			"binary data (NUL byte at line %d column %d)", l, c)
	}
	return nil
}

// isHARHead reports whether text, which starts with "{", opens a JSON object
// with a "log" member. The root of a HAR file has no other member, so the
// first key decides; a "log" key further on is accepted too.
func isHARHead(text string) bool {
	i := 1
	for i < len(text) && isWhiteSpace(text[i]) {
		i++
	}
	if strings.HasPrefix(text[i:], `"log"`) {
		return true
	}
	for off := 0; ; {
		k := strings.Index(text[off:], `"log"`)
		if k < 0 {
			return false
		}
		j := off + k + len(`"log"`)
		for j < len(text) && isWhiteSpace(text[j]) {
			j++
		}
		if j < len(text) && text[j] == ':' {
			return true
		}
		off = j
	}
}

// isWhiteSpace reports whether c is a space, a tab, a CR or an LF: the
// white space of JSON, and what separates words in a header value.
func isWhiteSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// isCurlLine reports whether a line starts a curl command: "curl" or
// "curl.exe" (any case, possibly with a directory, or after a "$ " prompt)
// followed by a space, a line continuation or the end of the line.
func isCurlLine(line string) bool {
	line = strings.TrimPrefix(line, "$ ")
	word := line
	if strings.HasPrefix(line, `"`) {
		// A quoted program path, "C:\Program Files\curl\curl.exe".
		if end := strings.IndexByte(line[1:], '"'); end >= 0 {
			word = line[1 : end+1]
		}
	} else if end := strings.IndexAny(line, " \t"); end >= 0 {
		word = line[:end]
	}
	word = strings.TrimRight(word, "\\^")
	if i := strings.LastIndexAny(word, "/\\"); i >= 0 {
		word = word[i+1:]
	}
	return strings.EqualFold(word, "curl") || strings.EqualFold(word, "curl.exe")
}

// looksLikeRequestLine reports whether line has the shape of an HTTP/1.x
// request line: a method token, a target and an HTTP version, separated by
// spaces. The target is not checked, so that the HTTP reader can say what is
// wrong with it.
func looksLikeRequestLine(line string) bool {
	sp := strings.IndexByte(line, ' ')
	if sp <= 0 || !isHTTPToken(line[:sp]) {
		return false
	}
	last := strings.LastIndexByte(line, ' ')
	return last > sp && isHTTPVersion(line[last+1:])
}

// looksLikeRequestLineStart reports whether line starts like a request line
// cut before its HTTP version: a method token, a space and a target starting
// with "/", "*" or an absolute http(s) URL.
func looksLikeRequestLineStart(line string) bool {
	sp := strings.IndexByte(line, ' ')
	if sp <= 0 || !isHTTPToken(line[:sp]) {
		return false
	}
	t := line[sp+1:]
	return strings.HasPrefix(t, "/") || strings.HasPrefix(t, "*") || hasPrefixFold(t, "http://") || hasPrefixFold(t, "https://")
}

// looksLikeStatusLine reports whether line is a response's status line,
// "HTTP/1.1 401 Unauthorized".
func looksLikeStatusLine(line string) bool {
	sp := strings.IndexByte(line, ' ')
	if sp < 0 || !isHTTPVersion(line[:sp]) {
		return false
	}
	rest := line[sp+1:]
	return len(rest) >= 3 && isDigitByte(rest[0]) && isDigitByte(rest[1]) && isDigitByte(rest[2]) && (len(rest) == 3 || rest[3] == ' ')
}

// looksLikeHeaderLine reports whether line has the shape "Name: value".
func looksLikeHeaderLine(line string) bool {
	c := strings.IndexByte(line, ':')
	return c > 0 && isHTTPToken(line[:c])
}

// isHTTPVersion reports whether s is "HTTP/" followed by a major version and
// an optional ".minor" (HTTP/1.1, HTTP/1.0, HTTP/2, HTTP/3, HTTP/2.0).
func isHTTPVersion(s string) bool {
	rest, ok := strings.CutPrefix(s, "HTTP/")
	if !ok || rest == "" || !isDigitByte(rest[0]) {
		return false
	}
	major, minor, hasMinor := strings.Cut(rest, ".")
	if !isAllDigits(major) || len(major) > 1 {
		return false
	}
	return !hasMinor || isAllDigits(minor) && len(minor) == 1
}

// isPseudoHeaderLine reports whether line is an HTTP/2 request pseudo-header
// as devtools show it, e.g. ":method: POST".
func isPseudoHeaderLine(line string) bool {
	for _, n := range []string{":method:", ":path:", ":authority:", ":scheme:"} {
		if strings.HasPrefix(line, n) {
			return true
		}
	}
	return false
}

func isAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isJSONLHead reports whether text starts with a line that is a complete JSON
// object with a "url" member: the first request of JSON Lines input. full
// says that text fills the peek window: a first line without its end is then
// read member by member, and a "url" member before the window ends decides.
func isJSONLHead(text string, full bool) bool {
	line, _, complete := strings.Cut(text, "\n")
	if complete || !full {
		var v map[string]json.RawMessage
		if json.Unmarshal([]byte(line), &v) != nil {
			return false
		}
		_, ok := v["url"]
		return ok
	}
	// The first line is longer than the peek window: its members are read
	// one by one until "url" is seen or the window ends.
	dec := json.NewDecoder(strings.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return false
		}
		if k == "url" {
			return true
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}
