package inspect

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
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
	harMaxDepth        = 10000    // nesting depth of skipped values, as encoding/json allows
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

// ErrHARTruncated is the cause reported when a HAR file ends in the middle of
// its JSON, which usually means an export that did not finish.
var ErrHARTruncated = errors.New("unexpected end of input; the file looks truncated, export it again from the browser's network panel")

// HARStats describes what ReadHAR read.
type HARStats struct {
	// Entries is the number of entries passed to the callback.
	Entries int
	// Bytes is the number of bytes read from the input.
	Bytes int64
	// Version is log.version, e.g. "1.2", or "" when absent.
	Version string
	// Creator is log.creator's name and version, e.g. "WebInspector 537.36", or "" when absent.
	Creator string
}

// HARError reports a HAR file ReadHAR cannot read, with the position of the
// problem.
type HARError struct {
	// Name is the input's name as given to ReadHAR.
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
func (e *HARError) Error() string {
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
func (e *HARError) Unwrap() error { return e.Err }

// ReadHAR reads a HAR 1.2 file (as Chrome, Firefox, Safari, Charles and
// Fiddler export it) from r as a stream and calls fn with one Request for
// every entry of log.entries, in file order. name names the input in
// Request.Origin and in errors. The caller decides which entries matter;
// ReadHAR does not filter.
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
// Errors are *HARError values naming the input, the entry and the byte
// offset. Entries already passed to fn stay delivered; the error is returned
// after them. If fn returns an error, ReadHAR stops and returns that error
// unchanged. The returned stats count what was read either way.
func ReadHAR(r io.Reader, name string, fn func(*Request) error) (HARStats, error) {
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
	return h.stats, &HARError{Name: name, Entry: h.entry, Offset: h.s.offset(), Line: h.s.line(), Err: err}
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
	stats HARStats
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
	first, seenLog := true, false
	for {
		more, err := s.nextKey(&first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		if string(s.key) != "log" {
			if err := s.skipValue(); err != nil {
				return err
			}
			continue
		}
		if seenLog {
			return errors.New(`duplicate "log" key at the top level`)
		}
		seenLog = true
		if err := h.readLog(); err != nil {
			return err
		}
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
	first, seenEntries := true, false
	for {
		more, err := s.nextKey(&first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		switch string(s.key) {
		case "version":
			err = h.readInfo(&h.stats.Version)
		case "creator":
			err = h.readCreator()
		case "entries":
			if seenEntries {
				return errors.New(`duplicate "entries" key in "log"`)
			}
			seenEntries = true
			err = h.readEntries()
		default:
			err = s.skipValue()
		}
		if err != nil {
			return err
		}
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
		return s.skipValue()
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
		return s.skipValue()
	}
	s.pos++
	var name, version string
	first := true
	for {
		more, err := s.nextKey(&first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		switch string(s.key) {
		case "name":
			err = h.readInfo(&name)
		case "version":
			err = h.readInfo(&version)
		default:
			err = s.skipValue()
		}
		if err != nil {
			return err
		}
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
	first := true
	for {
		more, err := s.nextKey(&first)
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		switch string(s.key) {
		case "startedDateTime":
			e.started, e.hasStarted, err = h.field(e.started[:0], "startedDateTime", harMaxShort)
		case "request":
			err = h.readRequest()
		case "response":
			err = h.readResponse()
		default:
			err = s.skipValue()
		}
		if err != nil {
			return nil, err
		}
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

func (h *harReader) readRequest() error {
	s, e := &h.s, &h.e
	e.resetRequest()
	ok, err := s.openObject()
	if err != nil || !ok {
		e.hasRequest = false
		return harField("request", err)
	}
	e.hasRequest = true
	first := true
	for {
		more, err := s.nextKey(&first)
		if err != nil {
			return harField("request", err)
		}
		if !more {
			return nil
		}
		switch string(s.key) {
		case "method":
			e.method, _, err = h.field(e.method[:0], "request.method", harMaxMethod)
		case "url":
			e.url, _, err = h.field(e.url[:0], "request.url", harMaxURL)
		case "headers":
			err = h.readHeaders()
		case "postData":
			err = h.readPostData()
		default:
			err = harField("request", s.skipValue())
		}
		if err != nil {
			return err
		}
	}
}

func (h *harReader) readHeaders() error {
	e := &h.e
	e.resetHeaders()
	_, err := h.readPairs("request.headers", "request has more than %d headers: the rest were dropped",
		&e.hdr, &e.hdrSpans, &e.hdrCut, harMaxHeaders, harMaxHeaderName, harMaxHeaderValue, harMaxHeaderTotal)
	return err
}

// readPairs reads an array of {"name": …, "value": …} objects at path into
// *buf and *spans (four offsets a pair), keeping at most maxCount pairs
// (noting the cut once with cutFormat) within the given size limits. ok is
// false when the value was null.
func (h *harReader) readPairs(path, cutFormat string, buf *[]byte, spans *[]int32, cut *bool, maxCount, maxName, maxValue, maxTotal int) (ok bool, err error) {
	s := &h.s
	ok, err = s.openArray()
	if err != nil || !ok {
		return false, harField(path, err)
	}
	first := true
	for i := 0; ; i++ {
		more, err := s.nextElem(&first)
		if err != nil {
			return true, harField(path, err)
		}
		if !more {
			return true, nil
		}
		if len(*spans)/4 >= maxCount {
			if !*cut {
				*cut = true
				h.e.note(cutFormat, maxCount)
			}
			if err := s.skipValue(); err != nil {
				return true, harField(fmt.Sprintf("%s[%d]", path, i), err)
			}
			continue
		}
		ns, ne, vs, ve, err := h.readPair(buf, maxName, maxValue, maxTotal, path, i)
		if err != nil {
			return true, err
		}
		*spans = append(*spans, ns, ne, vs, ve)
	}
}

// readPair reads a {"name": …, "value": …} object (a header or a param),
// appending name and value to *buf within the given limits, and returns their
// spans in *buf.
func (h *harReader) readPair(buf *[]byte, maxName, maxValue, maxTotal int, array string, i int) (ns, ne, vs, ve int32, err error) {
	s, e := &h.s, &h.e
	c, err := s.peek()
	if err != nil {
		return 0, 0, 0, 0, harField(fmt.Sprintf("%s[%d]", array, i), err)
	}
	if c != '{' {
		return 0, 0, 0, 0, harField(fmt.Sprintf("%s[%d]", array, i), s.wantErr(c, "an object"))
	}
	s.pos++
	start := int32(len(*buf))
	ns, ne, vs, ve = start, start, start, start
	first := true
	for {
		more, err := s.nextKey(&first)
		if err != nil {
			return 0, 0, 0, 0, harField(fmt.Sprintf("%s[%d]", array, i), err)
		}
		if !more {
			return ns, ne, vs, ve, nil
		}
		var key string // a constant, so that nothing is allocated
		limit := maxName
		switch string(s.key) {
		case "name":
			key = "name"
		case "value":
			key, limit = "value", maxValue
		default:
			if err := s.skipValue(); err != nil {
				return 0, 0, 0, 0, harField(fmt.Sprintf("%s[%d]", array, i), err)
			}
			continue
		}
		from := len(*buf)
		total := false
		if from+limit > maxTotal {
			limit, total = maxTotal-from, true
		}
		var long bool
		var size int64
		*buf, _, long, size, err = h.cutStr(*buf, from+limit)
		if err != nil {
			return 0, 0, 0, 0, harField(fmt.Sprintf("%s[%d].%s", array, i, key), err)
		}
		if long {
			e.recordCut(fmt.Sprintf("%s[%d].%s", array, i, key), limit, size)
			if total {
				e.note("%s together are longer than %s: %s[%d].%s was cut", array, harSize(maxTotal), array, i, key)
			} else {
				e.cutNote(fmt.Sprintf("%s[%d].%s", array, i, key), limit)
			}
		}
		if key == "name" {
			ns, ne = int32(from), int32(len(*buf))
		} else {
			vs, ve = int32(from), int32(len(*buf))
		}
	}
}

func (h *harReader) readPostData() error {
	s, e := &h.s, &h.e
	e.resetPost()
	ok, err := s.openObject()
	if err != nil || !ok {
		return harField("request.postData", err)
	}
	e.hasPost = true
	first := true
	for {
		more, err := s.nextKey(&first)
		if err != nil {
			return harField("request.postData", err)
		}
		if !more {
			return nil
		}
		var long bool
		switch string(s.key) {
		case "mimeType":
			e.postMime, _, err = h.field(e.postMime[:0], "request.postData.mimeType", harMaxMIME)
		case "text":
			var size int64
			e.body, e.hasText, long, size, err = h.cutStr(e.body[:0], harMaxBody)
			if long {
				e.note("request.postData.text is longer than %s (%d bytes as stored): only the first %s were kept, so a signature over the body cannot be checked", harSize(harMaxBody), size, harSize(harMaxBody))
				e.recordCut("request.postData.text", harMaxBody, size)
			}
			err = harField("request.postData.text", err)
		case "params":
			err = h.readParams()
		default:
			err = harField("request.postData", s.skipValue())
		}
		if err != nil {
			return err
		}
	}
}

func (h *harReader) readParams() error {
	e := &h.e
	e.params, e.paramSpans, e.paramsCut, e.hasParams = e.params[:0], e.paramSpans[:0], false, false
	var err error
	e.hasParams, err = h.readPairs("request.postData.params", "request.postData has more than %d params: the rest were dropped",
		&e.params, &e.paramSpans, &e.paramsCut, harMaxParams, harMaxBody, harMaxBody, harMaxBody)
	return err
}

func (h *harReader) readResponse() error {
	s, e := &h.s, &h.e
	e.resetResponse()
	ok, err := s.openObject()
	if err != nil || !ok {
		return harField("response", err)
	}
	e.hasResponse = true
	first := true
	for {
		more, err := s.nextKey(&first)
		if err != nil {
			return harField("response", err)
		}
		if !more {
			return nil
		}
		switch string(s.key) {
		case "status":
			err = harField("response.status", h.readStatus())
		case "statusText":
			e.statusText, _, err = h.field(e.statusText[:0], "response.statusText", harMaxStatusText)
		case "content":
			err = h.readContent()
		default:
			err = harField("response", s.skipAny())
		}
		if err != nil {
			return err
		}
	}
}

func (h *harReader) readStatus() error {
	s, e := &h.s, &h.e
	c, err := s.peek()
	if err != nil {
		return err
	}
	if c == 'n' {
		e.status = 0
		return s.literal("null")
	}
	if c != '-' && (c < '0' || c > '9') {
		return s.wantErr(c, "a number")
	}
	num, long, err := s.scanNumber()
	if err != nil {
		return err
	}
	if long {
		return fmt.Errorf("number longer than %d characters", harMaxNumber)
	}
	f, err := strconv.ParseFloat(string(num), 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
		return fmt.Errorf("%s is not an integer status code", num)
	}
	e.status = int(f)
	return nil
}

func (h *harReader) readContent() error {
	s, e := &h.s, &h.e
	e.respMime, e.respText, e.respEnc, e.respLong = e.respMime[:0], e.respText[:0], e.respEnc[:0], false
	ok, err := s.openObject()
	if err != nil || !ok {
		return harField("response.content", err)
	}
	first := true
	for {
		more, err := s.nextKey(&first)
		if err != nil {
			return harField("response.content", err)
		}
		if !more {
			return nil
		}
		switch string(s.key) {
		case "mimeType":
			e.respMime, _, err = h.field(e.respMime[:0], "response.content.mimeType", harMaxMIME)
		case "text":
			e.respText, _, e.respLong, err = s.str(e.respText[:0], harMaxResponseRaw)
			err = harField("response.content.text", err)
		case "encoding":
			e.respEnc, _, _, err = s.str(e.respEnc[:0], harMaxShort)
			err = harField("response.content.encoding", err)
		default:
			err = harField("response.content", s.skipAny())
		}
		if err != nil {
			return err
		}
	}
}

// build turns the entry read into a Request.
func (h *harReader) build(index, line int) *Request {
	e := &h.e
	req := &Request{
		Method: string(e.method),
		URL:    string(e.url),
		Origin: Origin{Name: h.name, Line: line, Entry: index},
		Format: FormatHAR,
	}
	if !utf8.Valid(e.method) || !utf8.Valid(e.url) {
		e.note("request.method or request.url is not valid UTF-8: the bytes were kept as they are")
	}
	req.Scheme = harURLScheme(req.URL)
	req.SchemeKnown = req.Scheme != ""
	var escaped bool
	req.Target, escaped = harRequestTarget(req.URL, req.Scheme)
	if escaped {
		e.note("request.url has bytes a client escapes when sending (spaces, quotes, control or non-ASCII bytes): Target has them percent-encoded")
	}

	if n := len(e.hdrSpans) / 4; n > 0 {
		if !utf8.Valid(e.hdr) {
			e.note("request.headers are not valid UTF-8: the bytes were kept as they are")
		}
		all := string(e.hdr)
		req.Headers = make([]Header, n)
		for i := range req.Headers {
			sp := e.hdrSpans[4*i : 4*i+4]
			req.Headers[i] = Header{Name: all[sp[0]:sp[1]], Value: all[sp[2]:sp[3]]}
		}
	}
	contentType, hasContentType := "", false
	for _, hd := range req.Headers {
		switch {
		case req.Host == "" && (strings.EqualFold(hd.Name, "Host") || hd.Name == ":authority"):
			req.Host = hd.Value
		case !hasContentType && strings.EqualFold(hd.Name, "Content-Type"):
			contentType, hasContentType = hd.Value, true
		case req.Forwarding.Proto == "" && strings.EqualFold(hd.Name, "X-Forwarded-Proto"):
			req.Forwarding.Proto = hd.Value
		case req.Forwarding.Host == "" && strings.EqualFold(hd.Name, "X-Forwarded-Host"):
			req.Forwarding.Host = hd.Value
		case req.Forwarding.Port == "" && strings.EqualFold(hd.Name, "X-Forwarded-Port"):
			req.Forwarding.Port = hd.Value
		case strings.EqualFold(hd.Name, "Forwarded"):
			req.Forwarding.Forwarded = append(req.Forwarding.Forwarded, hd.Value)
		}
	}
	req.ContentType = contentType
	if !hasContentType && e.hasPost {
		req.ContentType = string(e.postMime)
	}

	if e.hasPost {
		switch {
		case e.hasText:
			if len(e.body) > 0 {
				req.Body = bytes.Clone(e.body)
			}
		case e.hasParams && harIsFormMIME(e.postMime):
			req.Body = e.rebuildForm()
			e.note("request.postData has params but no text: the body was rebuilt from them as application/x-www-form-urlencoded, names and values percent-encoded per RFC 3986; the bytes the client sent may have differed")
		case e.hasParams:
			e.note("request.postData has params but no text: a %q body cannot be rebuilt from them, so Body is empty", e.postMime)
		}
	}

	if e.hasStarted {
		t, err := time.Parse(time.RFC3339Nano, string(e.started))
		if err != nil {
			t, err = time.Parse("2006-01-02T15:04:05.999999999Z0700", string(e.started))
		}
		if err == nil {
			req.Started = t
		} else {
			e.note("startedDateTime %q is not an RFC 3339 time: Started is left empty", e.started)
		}
	}

	if e.hasResponse {
		req.Response = &Response{
			Status:      e.status,
			StatusText:  string(e.statusText),
			ContentType: string(e.respMime),
			Body:        e.responseBody(),
		}
	}
	req.Notes = e.notes
	req.Cut = e.cut
	e.notes, e.cut = nil, nil
	return req
}

// responseBody decodes the kept response text and cuts it to harMaxResponseText.
func (e *harEntry) responseBody() string {
	text, long := e.respText, e.respLong
	if strings.EqualFold(string(e.respEnc), "base64") && len(text) > 0 {
		raw := text
		if long {
			raw = raw[:len(raw)/4*4]
		}
		dec := make([]byte, base64.StdEncoding.DecodedLen(len(raw)))
		n, err := base64.StdEncoding.Decode(dec, raw)
		if err == nil {
			text = dec[:n]
		} else {
			e.note("response.content.text is marked base64 but does not decode (%v): it was kept as it is", err)
		}
	}
	if len(text) > harMaxResponseText {
		text, long = text[:harMaxResponseText], true
	}
	if long {
		text = harTrimPartialRune(text)
		e.note("response.content.text is longer than %s: only the first %s were kept", harSize(harMaxResponseText), harSize(harMaxResponseText))
	}
	return string(text)
}

// harTrimPartialRune drops a UTF-8 sequence cut short at the end of b, so that
// cutting a valid text keeps it valid.
func harTrimPartialRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < utf8.RuneSelf {
			return b // ASCII: nothing cut
		}
		if utf8.RuneStart(c) {
			if r, _ := utf8.DecodeRune(b[len(b)-i:]); r == utf8.RuneError && !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}

// harIsFormMIME reports whether a postData.mimeType allows rebuilding the body
// as a form: empty, or application/x-www-form-urlencoded with any parameters.
func harIsFormMIME(m []byte) bool {
	t, _, _ := bytes.Cut(m, []byte(";"))
	t = bytes.TrimSpace(t)
	return len(t) == 0 || bytes.EqualFold(t, []byte("application/x-www-form-urlencoded"))
}

// rebuildForm joins postData.params into an application/x-www-form-urlencoded
// body, percent-encoding names and values per RFC 3986 §2.1 (everything but
// unreserved characters, §2.3).
func (e *harEntry) rebuildForm() []byte {
	size := 0
	for i := 0; i < len(e.paramSpans); i += 4 {
		size += int(e.paramSpans[i+1]-e.paramSpans[i]) + int(e.paramSpans[i+3]-e.paramSpans[i+2]) + 2
	}
	out := make([]byte, 0, min(size+size/4, harMaxBody))
	for i := 0; i < len(e.paramSpans); i += 4 {
		sp := e.paramSpans[i : i+4]
		before := len(out)
		if i > 0 {
			out = append(out, '&')
		}
		out = basestring.AppendEncodeBytes(out, e.params[sp[0]:sp[1]])
		out = append(out, '=')
		out = basestring.AppendEncodeBytes(out, e.params[sp[2]:sp[3]])
		if len(out) > harMaxBody {
			out = out[:before]
			e.note("the body rebuilt from request.postData.params is longer than %s: params from index %d on were dropped", harSize(harMaxBody), i/4)
			e.recordCut("request.postData.params", harMaxBody, int64(size))
			break
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// harURLScheme returns the lower-cased scheme of u (RFC 3986 §3.1), or "" when u
// does not start with one.
func harURLScheme(u string) string {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return ""
			}
		case c == ':' && i > 0:
			return strings.ToLower(u[:i])
		default:
			return ""
		}
	}
	return ""
}

// harRequestTarget returns the path and query of an absolute URL with an
// authority (scheme://host/path?query) as an origin-form request target
// (RFC 9112 §3.2.1): "/" when the path is empty, the fragment dropped. Bytes a
// client escapes when sending (controls, space, '"', '<', '>', non-ASCII) are
// percent-encoded and escaped reports that. URLs without an authority give "".
func harRequestTarget(u, scheme string) (target string, escaped bool) {
	if scheme == "" {
		return "", false
	}
	rest, ok := strings.CutPrefix(u[len(scheme)+1:], "//")
	if !ok {
		return "", false
	}
	i := strings.IndexAny(rest, "/?#")
	if i < 0 {
		return "/", false
	}
	rest = rest[i:]
	if j := strings.IndexByte(rest, '#'); j >= 0 {
		rest = rest[:j]
	}
	if rest == "" || rest[0] == '?' {
		rest = "/" + rest
	}
	n := 0
	for i := 0; i < len(rest); i++ {
		if harEscapeInTarget(rest[i]) {
			n++
		}
	}
	if n == 0 {
		return rest, false
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(rest)+2*n)
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if harEscapeInTarget(c) {
			b = append(b, '%', hex[c>>4], hex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return string(b), true
}

func harEscapeInTarget(c byte) bool {
	return c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>'
}
