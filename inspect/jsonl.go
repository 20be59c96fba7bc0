package inspect

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

const opJSONL = "read JSON Lines"

// jsonlLine is one line of JSON Lines input: either the plain form
// {"method","url","headers":[[name,value]…],"body"} or an object printed by
// "oauthdbg sign --json", whose headers are "Name: value" strings.
type jsonlLine struct {
	Method        string            `json:"method"`
	URL           *string           `json:"url"`
	Headers       []json.RawMessage `json:"headers"`
	Body          string            `json:"body"`
	Authorization string            `json:"authorization"`
	ContentType   string            `json:"content_type"`
}

// readJSONL streams JSON Lines from br: one request per line, each with the
// origin name:line. Blank lines are skipped; a line longer than
// maxJSONLLineSize is an error naming it. Memory stays within one line.
func readJSONL(br *bufio.Reader, name string, fn func(*Request) error) error {
	var line []byte
	for n := 1; ; n++ {
		line = line[:0]
		tooLong := false
		for {
			chunk, err := br.ReadSlice('\n')
			if len(line)+len(chunk) > maxJSONLLineSize {
				tooLong = true
			} else {
				line = append(line, chunk...)
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				if tooLong {
					break
				}
				continue
			}
			if err != nil && err != io.EOF {
				return &InputError{Op: opJSONL, Name: name, Line: n, Err: err}
			}
			if tooLong {
				break
			}
			if err == io.EOF && len(bytes.TrimSpace(line)) == 0 {
				return nil
			}
			break
		}
		if tooLong {
			return &InputError{Op: opJSONL, Name: name, Line: n,
				Err:  fmt.Errorf("line %d is longer than %s", n, byteSizeString(maxJSONLLineSize)),
				Hint: "give one request per line; for a large body use a HAR file"}
		}
		t := bytes.TrimSpace(line)
		if n == 1 {
			t = trimUTF8BOM(t)
		}
		if len(t) == 0 {
			continue
		}
		req, err := jsonlRequest(t, name, n)
		if err != nil {
			return err
		}
		if err := fn(req); err != nil {
			return err
		}
	}
}

// jsonlRequest builds the request of one non-blank line.
func jsonlRequest(t []byte, name string, n int) (*Request, error) {
	bad := func(msg string) error {
		return &InputError{Op: opJSONL, Name: name, Line: n, Err: textError("line " + strconv.Itoa(n) + ": " + msg),
			Hint: `give one JSON object a line: {"method":"GET","url":"https://…","headers":[["Name","value"]],"body":""}`}
	}
	var l jsonlLine
	if err := json.Unmarshal(t, &l); err != nil {
		return nil, bad(err.Error())
	}
	if l.URL == nil || *l.URL == "" {
		return nil, bad(`no "url"`)
	}
	method := l.Method
	if method == "" {
		method = "GET"
	}
	req, err := readURL(*l.URL, method, Origin{Name: name, Line: n})
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			ie.Op, ie.Name, ie.Line = opJSONL, name, n
		}
		return nil, err
	}
	for i, raw := range l.Headers {
		var pair []string
		var s string
		switch {
		case json.Unmarshal(raw, &pair) == nil && len(pair) == 2:
			req.Headers = append(req.Headers, Header{Name: pair[0], Value: pair[1]})
		case json.Unmarshal(raw, &s) == nil && strings.Contains(s, ":"):
			k, v, _ := strings.Cut(s, ":")
			req.Headers = append(req.Headers, Header{Name: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
		default:
			return nil, bad("header " + strconv.Itoa(i) + ` is neither ["Name","value"] nor "Name: value"`)
		}
	}
	if l.Authorization != "" && req.Header("Authorization") == "" {
		req.Headers = append(req.Headers, Header{Name: "Authorization", Value: l.Authorization})
	}
	if l.ContentType != "" && req.Header("Content-Type") == "" {
		req.Headers = append(req.Headers, Header{Name: "Content-Type", Value: l.ContentType})
	}
	req.ContentType = req.Header("Content-Type")
	if l.Body != "" {
		req.Body = []byte(l.Body)
	}
	req.Format = FormatJSONL
	setForwarding(req)
	return req, nil
}
