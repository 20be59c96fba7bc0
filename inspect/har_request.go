package inspect

import (
	"fmt"
	"math"
	"strconv"
)

// Reading one entry's request (method, URL, headers, body) and response
// (status, content), within the limits of har.go.

func (h *harReader) readRequest() error {
	s, e := &h.s, &h.e
	e.resetRequest()
	ok, err := s.openObject()
	if err != nil || !ok {
		e.hasRequest = false
		return harField("request", err)
	}
	e.hasRequest = true
	return s.members("request", func() (err error) {
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
			err = harField("request", s.skipAny())
		}
		return err
	})
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
			if err := s.skipAny(); err != nil {
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
			if err := s.skipAny(); err != nil {
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
	return s.members("request.postData", func() (err error) {
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
			err = harField("request.postData", s.skipAny())
		}
		return err
	})
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
	return s.members("response", func() (err error) {
		switch string(s.key) {
		case "status":
			err = harField("response.status", h.readStatus())
		case "statusText":
			e.statusText, _, err = h.field(e.statusText[:0], "response.statusText", harMaxStatusText)
		case "redirectURL":
			e.redirect, _, err = h.field(e.redirect[:0], "response.redirectURL", harMaxURL)
		case "content":
			err = h.readContent()
		default:
			err = harField("response", s.skipAny())
		}
		return err
	})
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
	return s.members("response.content", func() (err error) {
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
		return err
	})
}
