package inspect

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ReadOptions says how Read reads its input.
type ReadOptions struct {
	// Name is the input's name for messages and Request.Origin: a file
	// name, "stdin" or "argument".
	Name string
	// Format is the input's format; FormatAuto detects it from the content
	// (see detectFormat).
	Format Format
	// Method is the request method for URL and Authorization header input
	// (GET when empty). The other formats carry their own method, and giving
	// one for them is an error.
	Method string
	// URL is the request URL for Authorization header input, which does not
	// hold one. When Read is given a nil reader, URL is the input itself: a
	// URL given as a command-line argument. Giving it for other input is an
	// error.
	URL string
	// MaxSize is the largest text input (URL, raw HTTP, curl command,
	// Authorization header) read, in bytes; defaultMaxSize when zero. HAR
	// files are streamed whatever their size.
	MaxSize int64
}

// Read is the one entry point for captured requests: it detects the input's
// format (unless opts.Format names it) from its first 64 KiB, reads it with
// the matching reader and calls fn with each request in input order. If fn
// returns an error, Read stops and returns it unchanged.
//
// A HAR file is streamed through readHAR and never held in memory whole;
// other input is read whole, up to opts.MaxSize bytes, and is an error when
// larger. A raw HTTP input may hold several requests, a curl input several
// commands ("Copy all as cURL") and a URL input one URL per line (blank
// lines and lines starting with "#" are skipped); each becomes a request.
//
// With a nil r, the input is opts.URL, read as a URL.
//
// Errors about the input are *InputError values (or *harError from readHAR)
// naming the input and, where there is one, the line and column.
func Read(r io.Reader, opts ReadOptions, fn func(*Request) error) error {
	name := opts.Name
	if r == nil {
		if opts.URL == "" {
			return &InputError{Op: "read input", Name: name, Err: textError("no input"), Hint: "give a file, - for stdin, or a URL"}
		}
		if opts.Format != FormatAuto && opts.Format != FormatURL {
			return &InputError{Op: "read input", Name: name, Err: textError("a URL argument cannot be read as " + string(opts.Format) + " input"),
				Hint: "give the capture as a file or on stdin"}
		}
		if name == "" {
			name = "argument"
		}
		req, err := readURL(opts.URL, opts.Method, Origin{Name: name, Line: 1})
		if err != nil {
			return err
		}
		return fn(req)
	}
	if opts.Format != FormatAuto && readerFor(opts.Format) == nil {
		return &InputError{Op: "read input", Name: name, Err: textError("unknown input format " + strconv.Quote(string(opts.Format))),
			Hint: "use one of " + formatNames()}
	}
	br := bufio.NewReaderSize(r, headSize)
	head, err := peekHead(br)
	if err != nil {
		return &InputError{Op: "read input", Name: name, Err: err}
	}
	format := opts.Format
	if format == FormatAuto {
		if format, err = detectFormat(head); err != nil {
			if e, ok := err.(*InputError); ok {
				e.Name = name
			}
			return err
		}
	}
	if opts.Method != "" && format != FormatURL && format != FormatAuthHeader {
		return &InputError{Op: "read input", Name: name, Err: textError("a method can be given only for URL and Authorization header input"),
			Hint: "this " + formatTitle(format) + " says which method was used; drop the method option"}
	}
	if opts.URL != "" && format != FormatAuthHeader {
		return &InputError{Op: "read input", Name: name, Err: textError("a URL can be given only for Authorization header input"),
			Hint: "this " + formatTitle(format) + " holds its own URL; drop the URL option"}
	}
	rd := readerFor(format)
	if rd.streams {
		return rd.readStream(br, name, fn)
	}
	data, err := readAllLimited(br, opts.MaxSize, rd.op, name)
	if err != nil {
		return err
	}
	return rd.readText(string(trimUTF8BOM(data)), name, opts, fn)
}

// peekHead returns the first bytes of the input without consuming them:
// enough for detectFormat (the first line that is not blank or a comment, or the
// first key of a JSON object), at most headSize bytes. It reads no more than
// it needs, so that a HAR file arriving slowly through a pipe is read as it
// comes.
func peekHead(br *bufio.Reader) ([]byte, error) {
	n := 1
	for {
		_, err := br.Peek(n)
		if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
		// Look at everything the reads so far brought.
		head, _ := br.Peek(br.Buffered())
		if err != nil || len(head) >= headSize || canDetect(head) {
			return head, nil
		}
		n = len(head) + 1
	}
}

// canDetect reports whether head is enough for detectFormat to decide.
func canDetect(head []byte) bool {
	if len(head) < 4 {
		return false
	}
	text := string(trimUTF8BOM(head))
	start := skipCommentLines(text, 0)
	if start == len(text) {
		return false
	}
	if text[start] == '{' {
		// A HAR is known by its "log" key; JSON Lines by a complete first line.
		return strings.IndexByte(text[start:], '\n') >= 0 || isHARHead(text[start:])
	}
	return text[start] == '[' || strings.IndexByte(text[start:], '\n') >= 0
}

// readURLLines reads one URL per line.
func readURLLines(text, name, method string, fn func(*Request) error) error {
	if p := findNUL(text, 0, len(text), "URL"); p != nil {
		return p.inputError(opURL, name, text, 1)
	}
	n := 0
	for pos, line := 0, 1; pos < len(text); line++ {
		l, next := lineFrom(text, pos)
		pos = next
		if t := strings.TrimSpace(l); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		req, err := readURL(l, method, Origin{Name: name, Line: line})
		if err != nil {
			return err
		}
		n++
		if err := fn(req); err != nil {
			return err
		}
	}
	if n == 0 {
		return &InputError{Op: opURL, Name: name, Err: textError("no URL in the input"),
			Hint: "give an absolute URL such as https://api.bitbucket.org/1.0/user"}
	}
	return nil
}

// each calls fn with every request until it fails.
func each(reqs []*Request, fn func(*Request) error) error {
	for _, r := range reqs {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// InputError reports input that cannot be read: what was being done, which
// input, where, and what to do about it. It prints in the url.Error shape,
// followed by the hint:
//
//	inspect: read curl command "request.curl": unterminated single quote starting at line 3 column 12; paste the command exactly as the browser copied it
type InputError struct {
	// Op is what was being done, e.g. "read curl command".
	Op string
	// Name is the input's name ("stdin", a file name, "argument"), or "".
	Name string
	// Line and Column are the 1-based position of the problem in the input
	// (Column counts characters), or 0 when unknown. They are also part of
	// Err's message.
	Line, Column int
	// Err is the cause.
	Err error
	// Hint says what to do about it, or is "".
	Hint string
}

// Error formats the error as `inspect: op "name": cause; hint`.
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString("inspect: ")
	b.WriteString(e.Op)
	if e.Name != "" {
		b.WriteString(" ")
		b.WriteString(strconv.Quote(e.Name))
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *InputError) Unwrap() error { return e.Err }

// posProblem is something wrong at a byte offset of a text, found by code that
// does not know the input's name. Its message gets " at line L column C"
// appended when it becomes an InputError.
type posProblem struct {
	off  int    // byte offset in the text; -1 when the problem has no position
	msg  string // lowercase, no position, no final period
	hint string
}

func (p *posProblem) Error() string { return p.msg }

func problemAt(off int, hint, format string, args ...any) *posProblem {
	return &posProblem{off: off, msg: fmt.Sprintf(format, args...), hint: hint}
}

// inputError turns p into an InputError whose position is computed in text.
// firstLine is the line number of text's first line (1 for a whole input).
func (p *posProblem) inputError(op, name, text string, firstLine int) *InputError {
	e := &InputError{Op: op, Name: name, Hint: p.hint}
	if p.off < 0 {
		e.Err = p
		return e
	}
	e.Line, e.Column = textLineColumn(text, p.off)
	e.Line += firstLine - 1
	e.Err = fmt.Errorf("%s at line %d column %d", p.msg, e.Line, e.Column)
	return e
}

// textLineColumn returns the 1-based line and character column of byte offset
// off in text. Offsets past the end count as the end.
func textLineColumn(text string, off int) (line, col int) {
	if off > len(text) {
		off = len(text)
	}
	if off < 0 {
		off = 0
	}
	line = 1 + strings.Count(text[:off], "\n")
	start := strings.LastIndexByte(text[:off], '\n') + 1
	col = 1 + utf8.RuneCountInString(text[start:off])
	return line, col
}

// lineStarts holds the offsets of a text's line feeds, for many line
// lookups in one text.
type lineStarts []int

func newLineStarts(text string) lineStarts {
	var ls lineStarts
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			ls = append(ls, i)
		}
	}
	return ls
}

// line returns the 1-based line number of byte offset off.
func (ls lineStarts) line(off int) int {
	return 1 + sort.SearchInts(ls, off)
}

// textLineAt returns the 1-based line number of byte offset off in text.
func textLineAt(text string, off int) int {
	l, _ := textLineColumn(text, off)
	return l
}

// readAllLimited reads all of r, failing when it holds more than max bytes.
func readAllLimited(r io.Reader, max int64, op, name string) ([]byte, error) {
	if max <= 0 {
		max = defaultMaxSize
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, &InputError{Op: op, Name: name, Err: err}
	}
	if int64(len(data)) > max {
		return nil, &InputError{Op: op, Name: name,
			Err:  fmt.Errorf("input is larger than %s", byteSizeString(max)),
			Hint: "give a single captured request, not a whole log; for a large capture use a HAR file"}
	}
	return data, nil
}

// byteSizeString formats n bytes as "64 MiB", "512 KiB" or "100 bytes".
func byteSizeString(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// utf8BOM is the byte order mark some editors put at the start of UTF-8 text.
const utf8BOM = "\ufeff"

// trimUTF8BOM removes a leading UTF-8 byte order mark.
func trimUTF8BOM(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte(utf8BOM))
}

// findNUL reports the first NUL byte in text[from:to] as binary data.
func findNUL(text string, from, to int, what string) *posProblem {
	if to > len(text) {
		to = len(text)
	}
	if from >= to {
		return nil
	}
	if i := strings.IndexByte(text[from:to], 0); i >= 0 {
		return problemAt(from+i, "give the "+what+" as text; if this is a saved file, check that it is the capture itself and not a compressed or binary file",
			"binary data (NUL byte)")
	}
	return nil
}

// findBadUTF8 reports the first byte of text that is not valid UTF-8.
func findBadUTF8(text string, what string) *posProblem {
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && n == 1 {
			return problemAt(i, "save the "+what+" as UTF-8 text (a terminal or editor in another encoding, such as Windows-1252, changes the bytes)",
				"invalid UTF-8 byte 0x%02X", text[i])
		}
		i += n
	}
	return nil
}

// isHTTPTokenByte reports whether c may appear in an HTTP token (RFC 9110 §5.6.2):
// a method or a field name.
func isHTTPTokenByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// isHTTPToken reports whether s is a non-empty HTTP token.
func isHTTPToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHTTPTokenByte(s[i]) {
			return false
		}
	}
	return true
}

// firstNonTokenByte returns the index of the first byte of s that is not a token
// byte, or -1.
func firstNonTokenByte(s string) int {
	for i := 0; i < len(s); i++ {
		if !isHTTPTokenByte(s[i]) {
			return i
		}
	}
	return -1
}

// quoteCut quotes s for a message, cut to about n characters.
func quoteCut(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		k := 0
		for i := range s {
			if k == n {
				s = s[:i] + "…"
				break
			}
			k++
		}
	}
	return strconv.Quote(s)
}
