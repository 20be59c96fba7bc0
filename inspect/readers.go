package inspect

import (
	"bufio"
	"strconv"
	"strings"
)

// FormatInfo describes one input format Read understands, for help text and
// flag validation.
type FormatInfo struct {
	// Format is the name given to --input-format and set in Request.Format.
	Format Format
	// Title names the input in messages, e.g. "curl command".
	Title string
	// Doc is a one-line description for help text.
	Doc string
}

// reader is one entry of the readers table: everything Read needs to know
// about an input format. Adding a format is one entry here and one file
// holding its read function.
type reader struct {
	FormatInfo
	// op is the InputError Op of this reader's size-limit errors.
	op string
	// streams is true for a reader that reads br itself; the others get the
	// whole input, up to ReadOptions.MaxSize, as text.
	streams bool
	// readStream reads a streamed input (streams true).
	readStream func(br *bufio.Reader, name string, fn func(*Request) error) error
	// readText reads a whole text input (streams false).
	readText func(text, name string, opts ReadOptions, fn func(*Request) error) error
}

// readers lists every input format, in the order help text shows them.
var readers = []reader{
	{
		FormatInfo: FormatInfo{FormatURL, "URL", "an absolute http or https URL, one per line"},
		op:         opURL,
		readText: func(text, name string, opts ReadOptions, fn func(*Request) error) error {
			return readURLLines(text, name, opts.Method, fn)
		},
	},
	{
		FormatInfo: FormatInfo{FormatHTTP, "raw HTTP request", "raw HTTP/1.x request text, or HTTP/2 pseudo-headers as devtools shows them"},
		op:         opHTTP,
		readText: func(text, name string, _ ReadOptions, fn func(*Request) error) error {
			reqs, err := parseHTTPText(text, name)
			if err != nil {
				return err
			}
			return each(reqs, fn)
		},
	},
	{
		FormatInfo: FormatInfo{FormatCurl, "curl command", "a curl command line, bash or Windows cmd style"},
		op:         opCurl,
		readText: func(text, name string, _ ReadOptions, fn func(*Request) error) error {
			reqs, err := readCurlCommands(text, name)
			if err != nil {
				return err
			}
			return each(reqs, fn)
		},
	},
	{
		FormatInfo: FormatInfo{FormatHAR, "HAR file", "a HAR 1.2 file, streamed"},
		streams:    true,
		readStream: func(br *bufio.Reader, name string, fn func(*Request) error) error {
			_, err := readHAR(br, name, fn)
			return err
		},
	},
	{
		FormatInfo: FormatInfo{FormatAuthHeader, "Authorization header", "an Authorization: OAuth … header, with the URL given apart"},
		op:         opAuthHeader,
		readText: func(text, name string, opts ReadOptions, fn func(*Request) error) error {
			req, err := readAuthHeader(text, opts.URL, opts.Method, Origin{Name: name})
			if err != nil {
				return err
			}
			return fn(req)
		},
	},
	{
		FormatInfo: FormatInfo{FormatJSONL, "JSON Lines", `one request a line: {"method","url","headers":[[name,value]…],"body"} or the objects sign --json prints`},
		streams:    true,
		readStream: readJSONL,
	},
}

// readerFor returns the table entry of f, or nil.
func readerFor(f Format) *reader {
	for i := range readers {
		if readers[i].Format == f {
			return &readers[i]
		}
	}
	return nil
}

// Formats lists the input formats Read understands, in help order.
func Formats() []FormatInfo {
	out := make([]FormatInfo, len(readers))
	for i, r := range readers {
		out[i] = r.FormatInfo
	}
	return out
}

// formatNames returns the valid format names, comma-separated.
func formatNames() string {
	names := make([]string, len(readers))
	for i, r := range readers {
		names[i] = string(r.Format)
	}
	return strings.Join(names, ", ")
}

// ParseFormat returns the Format named s ("" and "auto" are FormatAuto). Its
// error lists the valid names.
func ParseFormat(s string) (Format, error) {
	if s == "" || s == "auto" {
		return FormatAuto, nil
	}
	if r := readerFor(Format(s)); r != nil {
		return r.Format, nil
	}
	return FormatAuto, &InputError{Op: "read input", Err: textError("unknown input format " + strconv.Quote(s)),
		Hint: "use auto or one of " + formatNames()}
}

// formatTitle names format f in messages.
func formatTitle(f Format) string {
	if r := readerFor(f); r != nil {
		return r.Title
	}
	return string(f) + " input"
}
