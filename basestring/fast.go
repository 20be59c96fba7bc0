package basestring

import (
	"encoding/binary"
	"slices"
	"strings"
)

// The verification fast path. When the parameter rules are the RFC's and no
// trace is wanted, the base string is built without decoding each value
// into a string of its own: every raw name and value is transcoded straight
// from its percent-encoded (or form-encoded) form to its RFC 5849 §3.6 form,
// which is what Encode(Decode(raw)) gives. Only oauth_signature and
// oauth_signature_method are decoded. Any malformed input makes the fast
// path give up, so that the general path reports the error; FuzzBuild checks
// that both paths agree.

// plainRFCParams reports whether the parameters are collected, encoded and
// sorted and encoded into the base string by the RFC's rules (the URI and
// key rules may differ).
func (o *Options) plainRFCParams() bool {
	return o.Encode == nil && o.EncodeOuter == nil && !o.PlusLiteral && !o.CutValueAtEquals && !o.DropDuplicates &&
		o.Rewrite == nil && o.Sort == SortEncoded && !o.IncludeSignature &&
		!o.SkipQuery && !o.SkipHeader && !o.SkipBody
}

// appendTranscoded appends Encode(Encode(decode(raw))) to dst without
// building the decoded string: the form a name or value takes inside the
// base string, where the parameter string is encoded a second time
// (§3.4.1.1). Encoding again maps only "%" to "%25", which keeps the byte
// order of encoded names and values, so the doubly encoded forms sort as
// the RFC's. form reads "+" as a space. ok is false on a malformed escape.
func appendTranscoded(dst []byte, raw string, form bool) ([]byte, bool) {
	n := len(dst)
	// Each byte is written as one 8-byte store of its packed base string
	// form; the slack of 8 bytes lets the last store overrun safely.
	dst = slices.Grow(dst, 5*len(raw)+8)[:n+5*len(raw)+8]
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '%':
			if i+2 >= len(raw) {
				return dst[:n], false
			}
			hi, ok1 := unhex(raw[i+1])
			lo, ok2 := unhex(raw[i+2])
			if !ok1 || !ok2 {
				return dst[:n], false
			}
			c = hi<<4 | lo
			i += 2
		case c == '+' && form:
			c = ' '
		}
		binary.LittleEndian.PutUint64(dst[n:], twiceEncoded[c])
		n += int(twiceEncodedLen[c])
	}
	return dst[:n], true
}

// twiceEncoded packs, little-endian, the form each byte takes in the base
// string's parameter part: itself when unreserved, else %25XX (its %XX
// encoded once more); twiceEncodedLen is that form's length.
var twiceEncoded, twiceEncodedLen = func() (packed [256]uint64, length [256]uint8) {
	for c := 0; c < 256; c++ {
		if unreserved[c] {
			packed[c], length[c] = uint64(c), 1
			continue
		}
		form := [8]byte{'%', '2', '5', upperHex[c>>4], upperHex[c&15]}
		packed[c], length[c] = binary.LittleEndian.Uint64(form[:]), 5
	}
	return packed, length
}()

// addRaw encodes one raw pair into b.enc and records it, unless the RFC
// excludes it. ok is false on a malformed escape.
func (b *builder) addRaw(rawName, rawValue string, src Source, form bool, o *Options) bool {
	start := len(b.enc)
	enc, ok := appendTranscoded(b.enc, rawName, form)
	if !ok {
		return false
	}
	nameEnd := len(enc)
	name := enc[start:nameEnd]
	enc = append(enc, "%3D"...)
	valueStart := len(enc)
	if enc, ok = appendTranscoded(enc, rawValue, form); !ok {
		return false
	}
	b.enc = enc
	switch string(name) {
	case "oauth_signature":
		if b.signature == "" {
			b.signature, _ = decode(rawValue, form)
		}
		b.enc = b.enc[:start]
		return true // §3.4.1.3.1: never signed
	case "oauth_signature_method":
		if b.method == "" {
			b.method, _ = decode(rawValue, form)
		}
	case "realm":
		if src == SourceHeader && !o.IncludeRealm {
			b.enc = b.enc[:start]
			return true
		}
	}
	if o.DropEmpty && valueStart == len(b.enc) {
		b.enc = b.enc[:start]
		return true
	}
	b.items = append(b.items, item{param: -1, start: start, nameEnd: nameEnd, valueStart: valueStart, end: len(b.enc)})
	return true
}

// addRawForm splits form-encoded text into pairs and adds each.
func (b *builder) addRawForm(s string, src Source, o *Options) bool {
	for s != "" {
		var pair string
		pair, s, _ = strings.Cut(s, "&")
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		if !b.addRaw(name, value, src, true, o) {
			return false
		}
	}
	return true
}

// buildFast builds the base string by the fast path; ok is false when the
// request holds something the general path must report.
func (b *builder) buildFast(req *Request, u URLParts, o *Options) ([]byte, bool) {
	b.enc = b.enc[:0]
	b.items = b.items[:0]
	if u.HasQuery && !b.addRawForm(u.Query, SourceQuery, o) {
		return nil, false
	}
	if req.Authorization != "" {
		var err error
		if _, b.params, err = parseAuthorization(b.params[:0], req.Authorization, nil, false); err != nil {
			return nil, false
		}
		for _, p := range b.params {
			if !b.addRaw(p.Name, p.Value, SourceHeader, false, o) {
				return nil, false
			}
		}
	}
	if len(req.Body) > 0 && o.bodyIsForm(req.ContentType) && !b.addRawForm(string(req.Body), SourceBody, o) {
		return nil, false
	}
	b.sort(SortEncoded)
	out, err := b.writeBaseString(req, u, o, nil)
	if err != nil {
		return nil, false
	}
	return out, true
}
