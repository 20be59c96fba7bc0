package inspect

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

const opCurl = "read curl command"

// ReadCurl reads one curl command, as a browser's "Copy as cURL" writes it,
// and returns the request curl would send. name is the input's name for
// messages. It fails when the text holds more than one curl command; use
// readCurlCommands for "Copy all as cURL" output.
func ReadCurl(cmd string, name string) (*Request, error) {
	reqs, err := readCurlCommands(cmd, name)
	if err != nil {
		return nil, err
	}
	if len(reqs) > 1 {
		lines := make([]string, len(reqs))
		for i, r := range reqs {
			lines[i] = strconv.Itoa(r.Origin.Line)
		}
		return nil, &InputError{Op: opCurl, Name: name,
			Err:  textError("the input holds " + strconv.Itoa(len(reqs)) + " curl commands (at lines " + strings.Join(lines, ", ") + ")"),
			Hint: "give one command at a time, or read them all with Read"}
	}
	return reqs[0], nil
}

// readCurlCommands reads every curl command in text and returns the requests
// curl would send, in order (at least one). Commands are separated as a shell
// separates them (line ends, ";", "&", "&&", "||"); other commands, and
// commands reading a curl command's output through a pipe, are skipped with
// a note.
//
// Two shell dialects are understood:
//
//   - bash, as Chrome's "Copy as cURL (bash)", Firefox's and Safari's "Copy as
//     cURL" write it: single quotes, double quotes with backslash escapes,
//     $'…' ANSI-C quoting (\n \t \\ \' \xHH \NNN \uHHHH \UHHHHHHHH \cX; a
//     UTF-16 surrogate pair written as two \u escapes, as Firefox does, is
//     joined into one character), backslash escapes and backslash-newline
//     continuations, # comments and redirections (skipped). Shell variables,
//     command substitution and subshells are errors: their value is unknown.
//   - Windows cmd, as Chrome's "Copy as cURL (cmd)" and Firefox on Windows
//     write it: ^ escapes (^" ^\^" ^% …), ^ at the end of a line as a
//     continuation, "^" followed by two line breaks for a line break inside a
//     value; then the C runtime's argument rules (quotes, \" and \\"). A
//     caret always escapes the next character, also inside double quotes, as
//     the browsers intend it.
//
// The dialect is cmd when the text holds ^" or ^%, or a line ending in ^, or
// starts with a Windows path (C:\…\curl.exe); bash otherwise.
//
// The curl options that shape the request are applied as curl applies them:
// -X/--request; -H/--header (repeatable; "Name:" removes a header curl would
// add, "Name;" sends it empty); -d/--data, --data-ascii, --data-binary,
// --data-raw, --json (several joined with "&", except --json), with a file
// argument (@file) an error; --data-urlencode (name=content, =content,
// content: the content percent-encoded as curl does, a space as "+");
// -G/--get (the data goes to the query); --url and URL arguments;
// --url-query; -A/--user-agent; -e/--referer; -b/--cookie; -u/--user and
// --oauth2-bearer (an Authorization header, unless -H gives one);
// -I/--head; -T/--upload-file (PUT, body not read); -F/--form (multipart,
// body not rebuilt); --request-target; -g/--globoff and --path-as-is (without
// them, curl's glob escapes \[ \] \{ \} are removed and "/./" and "/../" are
// resolved, as curl does). The default method is GET, POST when data is
// given without -G. As curl does, -d without a Content-Type header sends
// Content-Type: application/x-www-form-urlencoded; a note says so. Options
// that do not change the request (--compressed, -k, -L, -s, -i, -v, --http2
// and the like) are skipped silently, known options that do are skipped
// with a note, and unknown options are skipped with a note naming them.
//
// The input must be UTF-8 text without NUL bytes. Errors are *InputError
// values with the line and column of the problem.
func readCurlCommands(text string, name string) ([]*Request, error) {
	text = strings.TrimPrefix(text, utf8BOM)
	fail := func(p *posProblem) error { return p.inputError(opCurl, name, text, 1) }
	if p := findNUL(text, 0, len(text), "curl command"); p != nil {
		return nil, fail(p)
	}
	if p := findBadUTF8(text, "curl command"); p != nil {
		return nil, fail(p)
	}
	cmdStyle := isCmdDialect(text)
	var cmds []shellCommand
	var notes []string
	var p *posProblem
	if cmdStyle {
		cmds, notes, p = lexCmd(text)
	} else {
		cmds, notes, p = lexBash(text)
	}
	if p != nil {
		return nil, fail(p)
	}
	var reqs []*Request
	var ignored []string
	nIgnored := 0
	lines := newLineStarts(text)
	for _, c := range cmds {
		words := c.words
		if len(words) > 0 && words[0].s == "$" {
			words = words[1:] // a "$ " prompt copied with the command
		}
		if len(words) == 0 {
			continue
		}
		if !isCurlProgram(words[0].s) || c.afterPipe {
			if nIgnored++; nIgnored <= 3 {
				ignored = append(ignored, quoteCut(words[0].s, 30)+" at line "+strconv.Itoa(lines.line(words[0].off)))
			}
			continue
		}
		b := &curlBuilder{cmdOff: words[0].off}
		req, p := b.build(words[1:])
		if p != nil {
			return nil, fail(p)
		}
		req.Origin = Origin{Name: name, Line: lines.line(words[0].off), Entry: -1}
		if cmdStyle {
			req.Notes = append([]string{"read as a Windows cmd command (^ escapes)"}, req.Notes...)
		}
		reqs = append(reqs, req)
	}
	if len(reqs) == 0 {
		e := &InputError{Op: opCurl, Name: name, Err: textError("no curl command in the input"),
			Hint: "paste the command exactly as the browser copied it, starting with curl"}
		if nIgnored > len(ignored) {
			ignored = append(ignored, "and "+strconv.Itoa(nIgnored-len(ignored))+" more")
		}
		if len(ignored) > 0 {
			e.Err = textError("no curl command in the input (found " + strings.Join(ignored, ", ") + ")")
		}
		return nil, e
	}
	if nIgnored > len(ignored) {
		ignored = append(ignored, "and "+strconv.Itoa(nIgnored-len(ignored))+" more")
	}
	if len(ignored) > 0 {
		notes = append(notes, "skipped other commands: "+strings.Join(ignored, ", "))
	}
	reqs[0].Notes = append(reqs[0].Notes, notes...)
	return reqs, nil
}

// isCurlProgram reports whether a command's first word runs curl.
func isCurlProgram(w string) bool {
	if i := strings.LastIndexAny(w, "/\\"); i >= 0 {
		w = w[i+1:]
	}
	return strings.EqualFold(w, "curl") || strings.EqualFold(w, "curl.exe")
}

// isCmdDialect reports whether text is written for Windows cmd: it holds ^"
// or ^%, or a line ending in ^, which bash output never does, or starts with
// a Windows path (C:\…).
func isCmdDialect(text string) bool {
	// ^" quotes, ^% escapes a percent sign that cmd would expand.
	if strings.Contains(text, `^"`) || strings.Contains(text, "^%") {
		return true
	}
	// A program started by its Windows path, C:\…\curl.exe.
	if t := strings.TrimLeft(text, " \t\r\n\""); len(t) > 3 && isAlphaByte(t[0]) && t[1] == ':' && t[2] == '\\' {
		return true
	}
	for i := strings.IndexByte(text, '^'); i >= 0; {
		rest := text[i+1:]
		if strings.HasPrefix(rest, "\n") || strings.HasPrefix(rest, "\r\n") {
			return true
		}
		j := strings.IndexByte(rest, '^')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// curlHeader is a -H argument.
type curlHeader struct {
	name, value string
	remove      bool // "Name:" removes a header curl would add
	off         int
}

// curlBuilder applies a curl command's options.
type curlBuilder struct {
	cmdOff int // offset of the command's first word

	method        string
	head          bool
	urls          []shellWord
	headers       []curlHeader
	data          []string
	dataOff       int
	hasData       bool
	json          bool
	form          bool
	get           bool
	userAgent     *string
	referer       *string
	cookies       []string
	user          *shellWord
	bearer        string
	authMethod    string // "" (Basic) or the option that selects another method
	globoff       bool
	pathAsIs      bool
	requestTarget string
	urlQuery      []string
	urlQueryOff   int
	upload        string
	unknown       []string
	unknownSeen   map[string]bool
	notes         []string
}

func (b *curlBuilder) note(n string) {
	for _, have := range b.notes {
		if have == n {
			return
		}
	}
	b.notes = append(b.notes, n)
}

// build applies the arguments after "curl" and returns the request.
func (b *curlBuilder) build(args []shellWord) (*Request, *posProblem) {
	endOfOptions := false
	for i := 0; i < len(args); i++ {
		w := args[i]
		s := w.s
		switch {
		case endOfOptions || len(s) < 2 || s[0] != '-':
			b.urls = append(b.urls, w)
			continue
		case s == "--":
			endOfOptions = true
			continue
		}
		if strings.HasPrefix(s, "--") {
			name, kind, p := b.longOption(w)
			if p != nil {
				return nil, p
			}
			if name == "" {
				continue
			}
			var arg *shellWord
			if kind == curlArg {
				if i+1 >= len(args) {
					return nil, problemAt(w.off, "give the option its value, or remove it", "option %s needs an argument", s)
				}
				i++
				arg = &args[i]
			}
			if p := b.apply(name, s, arg, !strings.HasPrefix(s, "--no-")); p != nil {
				return nil, p
			}
			continue
		}
		// A cluster of single-letter options: -sSL, -XPOST, -H'…'.
		for j := 1; j < len(s); j++ {
			letter := s[j]
			name, ok := curlShortOptions[letter]
			if !ok {
				b.unknown = append(b.unknown, "-"+string(letter))
				b.note("skipped unknown option " + quoteCut("-"+s[j:], 30))
				break
			}
			if curlLongOptions[name] == curlFlag {
				if p := b.apply(name, "-"+string(letter), nil, true); p != nil {
					return nil, p
				}
				continue
			}
			var arg shellWord
			switch {
			case j+1 < len(s):
				arg = shellWord{s: s[j+1:], off: w.off}
			case i+1 < len(args):
				i++
				arg = args[i]
			default:
				return nil, problemAt(w.off, "give the option its value, or remove it", "option -%c needs an argument", letter)
			}
			if p := b.apply(name, "-"+string(letter), &arg, true); p != nil {
				return nil, p
			}
			break
		}
	}
	return b.request()
}

// longOption resolves "--name" to a known option name and its kind. An
// unknown option gives name "" and a note.
func (b *curlBuilder) longOption(w shellWord) (string, int, *posProblem) {
	s := w.s[2:]
	if eq := strings.IndexByte(s, '='); eq > 0 {
		if _, known := curlLongOptions[s[:eq]]; known {
			return "", 0, problemAt(w.off, "write the value as a separate argument: --"+s[:eq]+" '…'", "curl does not accept --%s=value", s[:eq])
		}
	}
	name := s
	if n, ok := strings.CutPrefix(s, "no-"); ok {
		if _, known := curlLongOptions[s]; !known {
			if kind, known := curlLongOptions[n]; known && kind == curlArg {
				return "", 0, problemAt(w.off, "remove the \"no-\" prefix, or the option", "--no- cannot be used with --%s, which takes a value", n)
			}
			name = n // --no-OPTION turns a flag off
		}
	}
	if n, ok := strings.CutPrefix(s, "expand-"); ok {
		if _, known := curlLongOptions[n]; known {
			name = n
			b.note("--" + s + " expands curl variables ({{name}}), which are not known here; the value is taken as written")
		}
	}
	if kind, ok := curlLongOptions[name]; ok {
		return name, kind, nil
	}
	if b.unknownSeen[s] {
		return "", 0, nil
	}
	// Older curl accepts an unambiguous prefix of a long option.
	var match string
	for k := range curlLongOptions {
		if strings.HasPrefix(k, name) {
			if match != "" {
				match = ""
				break
			}
			match = k
		}
	}
	if match != "" && len(name) >= 3 {
		b.note("read --" + name + " as --" + match + " (older curl accepts abbreviated options)")
		return match, curlLongOptions[match], nil
	}
	if b.unknownSeen == nil {
		b.unknownSeen = map[string]bool{}
	}
	b.unknownSeen[s] = true
	b.unknown = append(b.unknown, "--"+s)
	b.note("skipped unknown option --" + s)
	return "", 0, nil
}

// fileHint is the hint for option values that name a file.
func fileHint(opt, file string) string {
	return "files are not read; paste the content of " + quoteCut(file, 40) + " into the command, e.g. " + opt + " '…' (or --data-raw for data)"
}

// apply applies one option. flag is the option as written; on is false for
// --no-OPTION.
func (b *curlBuilder) apply(name, flag string, arg *shellWord, on bool) *posProblem {
	var v string
	if arg != nil {
		v = arg.s
	}
	switch name {
	case "request":
		b.method = v
		if !isHTTPToken(v) {
			return problemAt(arg.off, "a method is a single word such as GET or POST", "invalid method %s for %s", quoteCut(v, 30), flag)
		}
	case "header":
		return b.addHeader(v, arg.off, flag)
	case "data", "data-ascii", "data-binary", "json":
		if strings.HasPrefix(v, "@") {
			return problemAt(arg.off, fileHint(flag, v[1:]), "%s reads the body from the file %s", flag, quoteCut(v[1:], 40))
		}
		b.addData(v, arg.off, name == "json")
	case "data-raw":
		b.addData(v, arg.off, false)
	case "data-urlencode":
		enc, p := curlURLEncode(v, arg.off, flag)
		if p != nil {
			return p
		}
		if strings.Contains(v, " ") {
			b.note(flag + " encodes a space as \"+\" (as curl does), not %20")
		}
		b.addData(enc, arg.off, false)
	case "url-query":
		if len(b.urlQuery) == 0 {
			b.urlQueryOff = arg.off
		}
		if q, ok := strings.CutPrefix(v, "+"); ok {
			b.urlQuery = append(b.urlQuery, q)
			break
		}
		enc, p := curlURLEncode(v, arg.off, flag)
		if p != nil {
			return p
		}
		if strings.Contains(v, " ") {
			b.note(flag + " encodes a space as \"+\" (as curl does), not %20")
		}
		b.urlQuery = append(b.urlQuery, enc)
	case "form", "form-string":
		b.form = true
	case "get":
		b.get = on
	case "head":
		b.head = on
	case "url":
		b.urls = append(b.urls, *arg)
	case "user-agent":
		b.userAgent = &v
	case "referer":
		r := strings.TrimSuffix(v, ";auto")
		b.referer = &r
	case "cookie":
		if !strings.Contains(v, "=") {
			b.note(flag + " " + quoteCut(v, 40) + " names a cookie file, which is not read; its cookies are not in the request")
			break
		}
		b.cookies = append(b.cookies, v)
	case "user":
		b.user = arg
	case "oauth2-bearer":
		b.bearer = v
	case "digest", "ntlm", "negotiate", "anyauth", "ntlm-wb":
		if on {
			b.authMethod = "--" + name
		}
	case "basic":
		b.authMethod = ""
	case "upload-file":
		b.upload = v
	case "globoff":
		b.globoff = on
	case "path-as-is":
		b.pathAsIs = on
	case "request-target":
		b.requestTarget = v
	case "config":
		return problemAt(arg.off, "paste the options from the file into the command", "%s reads options from the file %s, which is not read", flag, quoteCut(v, 40))
	case "next":
		return problemAt(b.cmdOff, "split the command into one curl command per request", "%s starts a second transfer in the same command", flag)
	default:
		if why, ok := curlNotedOptions[name]; ok {
			b.note("skipped --" + name + ", which " + why)
		}
	}
	return nil
}

// addHeader applies a -H argument.
func (b *curlBuilder) addHeader(v string, off int, flag string) *posProblem {
	if strings.HasPrefix(v, "@") {
		return problemAt(off, fileHint(flag, v[1:]), "%s reads headers from the file %s", flag, quoteCut(v[1:], 40))
	}
	c := strings.IndexByte(v, ':')
	if c < 0 {
		if n, ok := strings.CutSuffix(strings.TrimRight(v, " \t"), ";"); ok && isHTTPToken(strings.TrimSpace(n)) {
			// "Name;" sends the header with an empty value.
			b.headers = append(b.headers, curlHeader{name: strings.TrimSpace(n), off: off})
			return nil
		}
		b.note("skipped header " + quoteCut(v, 40) + ", which has no colon (curl sends it as a broken line)")
		return nil
	}
	name := strings.TrimSpace(v[:c])
	if !isHTTPToken(name) {
		return problemAt(off, "a header is written 'Name: value'", "invalid header name %s in %s", quoteCut(name, 40), flag)
	}
	value := strings.Trim(v[c+1:], " \t")
	if i := strings.IndexAny(value, "\r\n"); i >= 0 {
		value = strings.TrimRight(value[:i], " \t")
		b.note("header " + name + " holds a line break; curl sends only the part before it")
	}
	b.headers = append(b.headers, curlHeader{name: name, value: value, remove: value == "", off: off})
	return nil
}

// addData appends one data argument.
func (b *curlBuilder) addData(v string, off int, json bool) {
	if !b.hasData {
		b.dataOff = off
	}
	switch {
	case json:
		b.json = true
		if len(b.data) > 0 {
			b.data[len(b.data)-1] += v // --json data is concatenated
			return
		}
	}
	b.data = append(b.data, v)
	b.hasData = true
}

// curlURLEncode applies --data-urlencode's rules to v: "name=content"
// encodes the content, "=content" encodes the content and drops the "=",
// "content" encodes it all; "name@file" and "@file" read a file, which is
// an error here. Bytes other than ALPHA, DIGIT and "-._~" are percent-
// encoded with upper-case hex, and %20 becomes "+" as curl does.
func curlURLEncode(v string, off int, flag string) (string, *posProblem) {
	sep := strings.IndexByte(v, '=')
	if sep < 0 {
		if at := strings.IndexByte(v, '@'); at >= 0 {
			return "", problemAt(off, fileHint(flag, v[at+1:]), "%s reads the content from the file %s", flag, quoteCut(v[at+1:], 40))
		}
		return string(basestring.AppendEncodePlusForSpace(nil, v)), nil
	}
	if sep == 0 {
		return string(basestring.AppendEncodePlusForSpace(nil, v[1:])), nil
	}
	return v[:sep] + "=" + string(basestring.AppendEncodePlusForSpace(nil, v[sep+1:])), nil
}

// request builds the request from the applied options.
func (b *curlBuilder) request() (*Request, *posProblem) {
	switch {
	case len(b.urls) == 0:
		return nil, problemAt(b.cmdOff, "give the URL, e.g. curl 'https://api.bitbucket.org/1.0/user'", "the curl command has no URL")
	case len(b.urls) > 1:
		hint := "give one URL per command"
		if len(b.unknown) > 0 {
			hint += "; the unknown option " + b.unknown[len(b.unknown)-1] + " may take an argument"
		}
		return nil, problemAt(b.urls[1].off, hint, "second URL %s in the curl command", quoteCut(b.urls[1].s, 60))
	}
	req := &Request{Format: FormatCurl}
	if p := b.setURL(req); p != nil {
		return nil, p
	}
	if p := b.setMethod(req); p != nil {
		return nil, p
	}
	b.setHeaders(req)
	switch {
	case b.form:
		b.note("multipart form data (-F) is not rebuilt, so the body is empty; multipart fields are not part of an OAuth 1.0a signature")
	case b.hasData && !b.get:
		body := strings.Join(b.data, "&")
		if body != "" {
			req.Body = []byte(body)
		}
	}
	if b.upload != "" {
		b.note("-T/--upload-file sends the file " + quoteCut(b.upload, 40) + " as the body; it is not read")
	}
	req.ContentType = req.Header("Content-Type")
	req.Host = req.Header("Host")
	if req.Host == "" {
		u, _ := parseAbsURL(req.URL)
		req.Host = u.host
	}
	setForwarding(req)
	req.Notes = append(req.Notes, b.notes...)
	return req, nil
}

// setMethod picks the method as curl does.
func (b *curlBuilder) setMethod(req *Request) *posProblem {
	switch {
	case b.head && b.hasData && !b.get:
		return problemAt(b.dataOff, "remove -I/--head or the data; curl refuses to combine them", "-I/--head cannot send data")
	case b.method != "":
		req.Method = b.method
	case b.head:
		req.Method = "HEAD"
	case b.upload != "":
		req.Method = "PUT"
	case (b.hasData || b.form) && !b.get:
		req.Method = "POST"
	default:
		req.Method = "GET"
	}
	return nil
}

// setHeaders builds Headers: first those curl derives from options, in the
// order curl sends them, each unless a -H header of the same name replaces or
// removes it; then the -H headers in order.
func (b *curlBuilder) setHeaders(req *Request) {
	custom := func(name string) (curlHeader, bool) {
		for _, h := range b.headers {
			if strings.EqualFold(h.name, name) {
				return h, true
			}
		}
		return curlHeader{}, false
	}
	add := func(name, value string) {
		if h, ok := custom(name); ok {
			if h.remove {
				b.note("the command removes the " + name + " header curl would send (" + quoteCut(name+": "+value, 60) + ")")
			}
			return
		}
		req.Headers = append(req.Headers, Header{Name: name, Value: value})
	}
	switch {
	case b.user != nil && b.authMethod != "":
		b.note("curl would negotiate " + b.authMethod + " authentication with -u; no Authorization header is added")
	case b.user != nil && !strings.Contains(b.user.s, ":"):
		b.note("-u gives no password, so curl would ask for one; no Authorization header is added")
	case b.user != nil:
		add("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(b.user.s)))
	case b.bearer != "":
		add("Authorization", "Bearer "+b.bearer)
	}
	if b.userAgent != nil && *b.userAgent != "" {
		add("User-Agent", *b.userAgent)
	}
	if b.json {
		add("Accept", "application/json")
	}
	if b.referer != nil && *b.referer != "" {
		add("Referer", *b.referer)
	}
	if len(b.cookies) > 0 {
		add("Cookie", strings.Join(b.cookies, ";"))
	}
	switch {
	case b.form:
		add("Content-Type", "multipart/form-data")
	case b.json && !b.get:
		add("Content-Type", "application/json")
	case b.hasData && !b.get:
		if _, ok := custom("Content-Type"); !ok {
			b.note("curl sends Content-Type: application/x-www-form-urlencoded with -d/--data when no Content-Type header is given")
		}
		add("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, h := range b.headers {
		if !h.remove {
			req.Headers = append(req.Headers, Header{Name: h.name, Value: h.value})
		}
	}
}
