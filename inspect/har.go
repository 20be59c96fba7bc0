package inspect

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Limits of the HAR reader. A value longer than its limit is cut and the
// request gets a note; nothing is ever buffered whole, so memory stays
// bounded whatever the file size.
const (
	harMaxURL          = 1 << 20  // request.url
	harMaxMethod       = 1 << 10  // request.method
	harMaxHeaderName   = 64 << 10 // one request header name
	harMaxHeaderValue  = 1 << 20  // one request header value
	harMaxHeaderTotal  = 4 << 20  // all request header names and values of one entry
	harMaxHeaders      = 10000    // request headers kept per entry
	harMaxBody         = 16 << 20 // postData.text, postData.params, and a body rebuilt from params
	harMaxParams       = 100000   // postData.params kept per entry
	harMaxMIME         = 1 << 10  // postData.mimeType, response content.mimeType
	harMaxResponseText = 64 << 10 // response content.text, after base64 decoding
	harMaxStatusText   = 1 << 10  // response.statusText
	harMaxShort        = 128      // startedDateTime, content.encoding, log.version, log.creator fields
	harMaxNotes        = 32       // notes per request
	harMaxKey          = 32       // longer object keys are never keys the reader looks for
	harMaxNumber       = 32       // digits kept of a number the reader needs (response.status)
	harMaxDepth        = 10000    // the nesting encoding/json allows; skipped values may nest deeper
	harBufSize         = 64 << 10 // read window
	// Raw response text kept before decoding: enough base64 for harMaxResponseText bytes.
	harMaxResponseRaw = (harMaxResponseText+2)/3*4 + 4
)

// CutField records a value a reader cut at a limit.
type CutField struct {
	// Field is the value's path in the input, e.g. "request.postData.text".
	Field string
	// Limit is the number of bytes kept.
	Limit int64
	// Size is the value's length in the input as stored (for HAR, the JSON
	// string with its escapes, without the quotes); it is more than Limit.
	Size int64
}

// errHARTruncated is the cause reported when a HAR file ends in the middle of
// its JSON, which usually means an export that did not finish.
var errHARTruncated = errors.New("unexpected end of input; the file looks truncated, export it again from the browser's network panel")

// harStats describes what readHAR read.
type harStats struct {
	// Entries is the number of entries passed to the callback.
	Entries int
	// Bytes is the number of bytes read from the input.
	Bytes int64
	// Version is log.version, e.g. "1.2", or "" when absent.
	Version string
	// Creator is log.creator's name and version, e.g. "WebInspector 537.36", or "" when absent.
	Creator string
}

// harError reports a HAR file readHAR cannot read, with the position of the
// problem.
type harError struct {
	// Name is the input's name as given to readHAR.
	Name string
	// Entry is the 0-based index of the entry being read, or -1 outside log.entries.
	Entry int
	// Offset is the 0-based byte offset in the input where the problem was found.
	Offset int64
	// Line is the 1-based line of Offset.
	Line int
	// Err is the cause.
	Err error
}

// Error formats the error as
// `inspect: read HAR "name": entry 12 at byte 50213 (line 1803): cause`.
func (e *harError) Error() string {
	var b strings.Builder
	b.WriteString("inspect: read HAR ")
	b.WriteString(strconv.Quote(e.Name))
	b.WriteString(": ")
	if e.Entry >= 0 {
		b.WriteString("entry ")
		b.WriteString(strconv.Itoa(e.Entry))
		b.WriteString(" ")
	}
	b.WriteString("at byte ")
	b.WriteString(strconv.FormatInt(e.Offset, 10))
	if e.Line > 0 {
		b.WriteString(" (line ")
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(")")
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the cause.
func (e *harError) Unwrap() error { return e.Err }

// readHAR reads a HAR 1.2 file (as Chrome, Firefox, Safari, Charles and
// Fiddler export it) from r as a stream and calls fn with one Request for
// every entry of log.entries, in file order. name names the input in
// Request.Origin and in errors. The caller decides which entries matter;
// readHAR does not filter.
//
// Only the values that end up in the Request are decoded; everything else
// (response headers and cookies, timings, cache, _initiator, page data, the
// part of a response body beyond what is kept) is skipped without building Go
// values, and the memory used does not grow with the file size.
//
// Each Request gets Method, URL (request.url), Scheme and SchemeKnown from the
// URL's scheme (lower-cased, whatever it is), Host (the first Host or HTTP/2
// ":authority" header), Target (the URL's path and query; bytes a client
// escapes when sending, such as spaces, control and non-ASCII bytes, are
// percent-encoded, with a note), Headers in order with pseudo-headers kept,
// Forwarding, ContentType (Content-Type header, else postData.mimeType), Body
// (postData.text), Started (startedDateTime), Response (status, statusText,
// content.mimeType and content.text, base64-decoded when content.encoding is
// "base64"), Origin{Name: name, Line: line of the entry's "{", Entry: index}
// and Format FormatHAR. When postData has params but no text and its
// mimeType is empty or application/x-www-form-urlencoded, Body is rebuilt as
// name=value pairs joined with "&" in the given order, both percent-encoded
// per RFC 3986 (HAR params are usually stored decoded), and a note says so.
//
// Limits: request.url 1 MiB; request.method 1 KiB; a header name 64 KiB, a
// header value 1 MiB, all request headers of an entry 4 MiB and 10,000
// headers; postData.text, postData.params and a rebuilt body 16 MiB each and
// 100,000 params; mime types and statusText 1 KiB; response content.text 64
// KiB (after base64 decoding; the response text is only for showing a
// provider's complaint); startedDateTime 128 bytes. A longer value is cut and
// the request gets a note saying which value and where; invalid UTF-8 is kept
// as raw bytes, with a note for the URL and headers. Memory is the entry being
// read (at most about 40 MiB at these limits, a few KiB for a usual entry)
// plus about 200 KiB of buffers, whatever the size of the file or of its
// lines: the whole process peaks at 11 to 15 MB RSS reading 100 MB and 500 MB
// devtools exports (BenchmarkReadHAR).
//
// The JSON is checked as it is read: syntax errors, invalid escapes and
// truncation are reported, \uXXXX escapes (with surrogate pairs) are decoded
// as encoding/json does, a leading UTF-8 byte order mark is ignored as the
// HAR spec asks, and raw control characters inside strings, which strict JSON
// forbids, are accepted. The fields the reader uses must have the HAR types
// (a string or null where a string is expected, an object or null for
// request.postData, response and content, an integer for response.status);
// a wrong type is an error. An entry must have a request object. Duplicate
// "log" or "entries" keys are errors; for other duplicate keys the last one
// wins, and, as when encoding/json decodes into a struct, a wrong type in an
// earlier one is still an error.
//
// Errors are *harError values naming the input, the entry and the byte
// offset. Entries already passed to fn stay delivered; the error is returned
// after them. If fn returns an error, readHAR stops and returns that error
// unchanged. The returned stats count what was read either way.
func readHAR(r io.Reader, name string, fn func(*Request) error) (harStats, error) {
	h := &harReader{name: name, fn: fn, entry: -1}
	h.s.r = r
	h.s.buf = make([]byte, 0, harBufSize)
	err := h.readFile()
	h.stats.Bytes = h.s.offset()
	if err == nil {
		return h.stats, nil
	}
	if ce, ok := err.(harCallbackError); ok {
		return h.stats, ce.err
	}
	return h.stats, &harError{Name: name, Entry: h.entry, Offset: h.s.offset(), Line: h.s.line(), Err: err}
}

// harCallbackError carries an error returned by the caller's function out of
// the reader unchanged.
type harCallbackError struct{ err error }

func (c harCallbackError) Error() string { return c.err.Error() }

// harReader walks the HAR structure with a harScanner and builds Requests.
type harReader struct {
	s     harScanner
	name  string
	fn    func(*Request) error
	stats harStats
	entry int // index of the entry being read, or -1
	e     harEntry
}

// harEntry holds what has been read of one entry. Its buffers are reused from
// entry to entry; build copies what a Request keeps.
type harEntry struct {
	started    []byte
	hasStarted bool
	hasRequest bool

	method, url []byte
	hdr         []byte  // request header names and values, back to back
	hdrSpans    []int32 // per header: name start, name end, value start, value end in hdr
	hdrCut      bool    // the header total or count limit was hit

	hasPost    bool
	postMime   []byte
	body       []byte
	hasText    bool
	hasParams  bool
	params     []byte  // postData.params names and values, back to back
	paramSpans []int32 // like hdrSpans
	paramsCut  bool

	hasResponse bool
	status      int
	statusText  []byte
	redirect    []byte
	respMime    []byte
	respText    []byte
	respLong    bool
	respEnc     []byte

	notes []string
	cut   []CutField
}

func (e *harEntry) reset() {
	e.started = e.started[:0]
	e.hasStarted, e.hasRequest = false, false
	e.resetRequest()
	e.resetResponse()
	e.notes = nil
	e.cut = nil
}

func (e *harEntry) resetRequest() {
	e.method, e.url = e.method[:0], e.url[:0]
	e.resetHeaders()
	e.resetPost()
}

func (e *harEntry) resetHeaders() {
	if cap(e.hdr) > 1<<20 {
		e.hdr = nil
	}
	e.hdr, e.hdrSpans, e.hdrCut = e.hdr[:0], e.hdrSpans[:0], false
}

func (e *harEntry) resetPost() {
	// A body of megabytes should not pin that much memory for the rest of the file.
	if cap(e.body) > 1<<20 {
		e.body = nil
	}
	if cap(e.params) > 1<<20 {
		e.params = nil
	}
	e.hasPost, e.hasText, e.hasParams, e.paramsCut = false, false, false, false
	e.postMime, e.body, e.params, e.paramSpans = e.postMime[:0], e.body[:0], e.params[:0], e.paramSpans[:0]
}

func (e *harEntry) resetResponse() {
	e.hasResponse, e.respLong, e.status = false, false, 0
	e.statusText, e.respMime, e.respText, e.respEnc = e.statusText[:0], e.respMime[:0], e.respText[:0], e.respEnc[:0]
	e.redirect = e.redirect[:0]
}

func (e *harEntry) note(format string, args ...any) {
	switch {
	case len(e.notes) < harMaxNotes:
		e.notes = append(e.notes, fmt.Sprintf(format, args...))
	case len(e.notes) == harMaxNotes:
		e.notes = append(e.notes, "more notes about this entry were dropped")
	}
}

// cutNote records that a value was cut at a limit.
func (e *harEntry) cutNote(name string, limit int) {
	e.note("%s is longer than %s: only the first %s were kept", name, harSize(limit), harSize(limit))
}

func harSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + " KiB"
	}
	return strconv.Itoa(n) + " bytes"
}

func (h *harReader) readFile() error {
	s := &h.s
	if s.ensure(3) && bytes.HasPrefix(s.buf[s.pos:], []byte("\xef\xbb\xbf")) {
		s.pos += 3 // byte order mark
	}
	c, err := s.peek()
	if err != nil {
		if s.rerr == nil {
			return errors.New("not a HAR file: the input is empty")
		}
		return err
	}
	if c != '{' {
		return fmt.Errorf("not a HAR file: it starts with %s, not with a JSON object", harKind(c))
	}
	s.pos++
	seenLog := false
	err = s.members("", func() error {
		if string(s.key) != "log" {
			return s.skipAny()
		}
		if seenLog {
			return errors.New(`duplicate "log" key at the top level`)
		}
		seenLog = true
		return h.readLog()
	})
	if err != nil {
		return err
	}
	if !seenLog {
		return errors.New(`not a HAR file: no "log" object at the top level`)
	}
	return s.end()
}

func (h *harReader) readLog() error {
	s := &h.s
	c, err := s.peek()
	if err != nil {
		return err
	}
	if c != '{' {
		return fmt.Errorf(`not a HAR file: "log" is %s, not an object`, harKind(c))
	}
	s.pos++
	seenEntries := false
	err = s.members("", func() error {
		switch string(s.key) {
		case "version":
			return h.readInfo(&h.stats.Version)
		case "creator":
			return h.readCreator()
		case "entries":
			if seenEntries {
				return errors.New(`duplicate "entries" key in "log"`)
			}
			seenEntries = true
			return h.readEntries()
		}
		return s.skipAny()
	})
	if err != nil {
		return err
	}
	if !seenEntries {
		return errors.New(`not a HAR file: "log" has no "entries" array`)
	}
	return nil
}

// readInfo reads a string that only informs (log.version and the like). A
// value of another type is skipped rather than reported.
func (h *harReader) readInfo(dst *string) error {
	s := &h.s
	c, err := s.peek()
	if err != nil {
		return err
	}
	if c != '"' {
		return s.skipAny()
	}
	b, _, err := s.readString(s.num[:0], harMaxShort)
	s.num = b[:0]
	*dst = string(b)
	return err
}

func (h *harReader) readCreator() error {
	s := &h.s
	c, err := s.peek()
	if err != nil {
		return err
	}
	if c != '{' {
		return s.skipAny()
	}
	s.pos++
	var name, version string
	err = s.members("", func() error {
		switch string(s.key) {
		case "name":
			return h.readInfo(&name)
		case "version":
			return h.readInfo(&version)
		}
		return s.skipAny()
	})
	if err != nil {
		return err
	}
	h.stats.Creator = strings.TrimSpace(name + " " + version)
	return nil
}

func (h *harReader) readEntries() error {
	s := &h.s
	c, err := s.peek()
	if err != nil {
		return err
	}
	if c != '[' {
		return harField("log.entries", s.wantErr(c, "an array"))
	}
	s.pos++
	first := true
	for i := 0; ; i++ {
		h.entry = i
		more, err := s.nextElem(&first)
		if err != nil {
			return err
		}
		if !more {
			h.entry = -1
			return nil
		}
		req, err := h.readEntry(i)
		if err != nil {
			return err
		}
		h.stats.Entries++
		if h.fn != nil {
			if err := h.fn(req); err != nil {
				return harCallbackError{err}
			}
		}
	}
}

func (h *harReader) readEntry(index int) (*Request, error) {
	s, e := &h.s, &h.e
	c, err := s.peek()
	if err != nil {
		return nil, err
	}
	if c != '{' {
		return nil, s.wantErr(c, "an entry object")
	}
	line := s.line()
	s.pos++
	e.reset()
	err = s.members("", func() (err error) {
		switch string(s.key) {
		case "startedDateTime":
			e.started, e.hasStarted, err = h.field(e.started[:0], "startedDateTime", harMaxShort)
		case "request":
			err = h.readRequest()
		case "response":
			err = h.readResponse()
		default:
			err = s.skipAny()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if !e.hasRequest {
		return nil, errors.New(`the entry has no "request" object`)
	}
	return h.build(index, line), nil
}

// harField prefixes a non-nil error with the HAR field it happened in.
func harField(name string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", name, err)
}

// field reads the string value of the member name into dst, keeping at most
// limit bytes and noting a cut; set reports whether the value was a string
// rather than null.
func (h *harReader) field(dst []byte, name string, limit int) (out []byte, set bool, err error) {
	out, set, long, size, err := h.cutStr(dst, limit)
	if long {
		h.e.cutNote(name, limit)
		h.e.recordCut(name, limit-len(dst), size)
	}
	return out, set, harField(name, err)
}

// cutStr is harScanner.str that also returns the value's size in the input
// (without quotes) when it was cut.
func (h *harReader) cutStr(dst []byte, limit int) (out []byte, set, long bool, size int64, err error) {
	s := &h.s
	if _, err := s.peek(); err != nil {
		return dst, false, false, 0, err
	}
	start := s.offset()
	out, set, long, err = s.str(dst, limit)
	if long {
		size = s.offset() - start - 2
	}
	return out, set, long, size, err
}

// recordCut records that the value at path was cut after limit bytes.
func (e *harEntry) recordCut(path string, limit int, size int64) {
	if len(e.cut) < harMaxNotes {
		e.cut = append(e.cut, CutField{Field: path, Limit: int64(limit), Size: size})
	}
}
