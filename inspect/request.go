package inspect

import (
	"strconv"
	"strings"
	"time"
)

// Format names a kind of input oauthdbg can read.
type Format string

// The input formats, as accepted by --input-format.
const (
	FormatAuto       Format = ""       // detect from the content
	FormatURL        Format = "url"    // an absolute http or https URL
	FormatHTTP       Format = "http"   // raw HTTP/1.x request text, or HTTP/2 pseudo-headers as devtools shows them
	FormatCurl       Format = "curl"   // a curl command line, bash or Windows cmd style
	FormatHAR        Format = "har"    // a HAR 1.2 file
	FormatAuthHeader Format = "header" // an Authorization: OAuth … header
	FormatJSONL      Format = "jsonl"  // JSON Lines, one request a line
)

// Header is one header field as it appeared in the input, name case preserved.
type Header struct {
	Name  string
	Value string
}

// Origin says where in the input a request was found, for messages.
type Origin struct {
	// Name is the input's name: a file name, "stdin" or "argument".
	Name string
	// Line is the 1-based line where the request starts, or 0 when unknown.
	Line int
	// Entry is the 0-based index of the HAR entry, or -1 when the input is not a HAR file.
	Entry int
}

// String formats the origin as name:line, or name#entry for HAR entries.
func (o Origin) String() string {
	if o.Entry < 0 && o.Line <= 0 {
		return o.Name
	}
	var b strings.Builder
	b.WriteString(o.Name)
	if o.Entry >= 0 {
		b.WriteString("#")
		b.WriteString(strconv.Itoa(o.Entry))
	} else if o.Line > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(o.Line))
	}
	return b.String()
}

// Forwarding holds what a proxy in front of the server may have added. It is
// evidence of how the server saw the request; none of it changes the URL.
type Forwarding struct {
	Proto     string   // X-Forwarded-Proto
	Host      string   // X-Forwarded-Host
	Port      string   // X-Forwarded-Port
	Forwarded []string // Forwarded (RFC 7239), each header value as sent
}

// Response is the part of a captured response that helps explain a failure,
// e.g. a provider's "Could not verify OAuth request" body.
type Response struct {
	Status      int
	StatusText  string
	ContentType string
	Body        string
	// RedirectURL is where a redirect sent the client (HAR
	// response.redirectURL), or "".
	RedirectURL string
}

// Request is one captured HTTP request: the single model every reader
// produces and the base string engine and explainer work on. Raw bytes are
// kept next to everything parsed from them.
type Request struct {
	// Method is the request method as captured (case preserved).
	Method string
	// URL is the request URL as the client used it. When the scheme or the
	// host is not in the capture, URL is built from what is known, with
	// Scheme empty and SchemeKnown false.
	URL string
	// Scheme is "http" or "https" as captured, or "" when the capture does not say.
	Scheme string
	// SchemeKnown is false when the scheme had to be assumed (a raw request in origin-form).
	SchemeKnown bool
	// Host is the Host header (or HTTP/2 :authority), or "" when the capture has none.
	Host string
	// Target is the request target as sent: the escaped path and query.
	Target string
	// Headers are all header fields in their original order.
	Headers []Header
	// Forwarding is what proxy headers say about the server's view.
	Forwarding Forwarding
	// ContentType is the Content-Type header value, or HAR postData.mimeType.
	ContentType string
	// Body is the raw entity body, after de-chunking.
	Body []byte
	// Started is when the request was made, if the capture says (HAR
	// startedDateTime or the Date header); zero otherwise.
	Started time.Time
	// Response is the captured response, if any (HAR only).
	Response *Response
	// Origin says where the request was found.
	Origin Origin
	// Format is the reader that produced the request.
	Format Format
	// Notes are remarks from the reader, e.g. curl options it skipped.
	Notes []string
	// Cut lists the values the reader cut at a limit (HAR only). A request
	// with a cut body or URL cannot be judged: its signature covers bytes
	// that were not kept.
	Cut []CutField
}

// HeaderValues returns every value of the named header, in order (case-insensitive name).
func (r *Request) HeaderValues(name string) []string {
	var out []string
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, name) {
			out = append(out, h.Value)
		}
	}
	return out
}

// Header returns the first value of the named header, or "".
func (r *Request) Header(name string) string {
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}
