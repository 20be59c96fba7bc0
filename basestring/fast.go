package basestring

import (
	"encoding/binary"
	"slices"
	"strings"
)

// The verification fast path. When the parameter rules are the RFC's and no
// trace is wanted, the base string is built without decoding each value
// into a string of its own: every raw name and value is transcoded straight
// from its percent-encoded (or form-encoded) form to the form it takes in
// the base string, Encode(Encode(Decode(raw))), in the same pass that finds
// where it ends. oauth_signature_method is decoded; oauth_signature is kept as
// sent and decoded only when asked for. Any malformed input makes the fast
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

// text is what the fast path reads in place: the query and the
// Authorization header as strings, the body as the request's bytes, so that
// the body is never copied into a string.
type text interface{ ~string | ~[]byte }

// A stopSet marks the bytes that end a raw name or value where transcode
// reads it. They are all reserved bytes, never "%".
type stopSet [256]bool

func stopSetOf(chars string) (t stopSet) {
	for i := 0; i < len(chars); i++ {
		t[chars[i]] = true
	}
	return t
}

// Where raw names and values end in form-encoded text (a query or a
// body); see also headerNameEnd.
var (
	formNameEnd  = stopSetOf("&=")
	formValueEnd = stopSetOf("&")
)

// transcodeChunk is how much input transcode encodes between two checks of
// its output's room.
const transcodeChunk = 4096

// transcode appends Encode(Encode(decode(s[i:end]))) to dst without building
// the decoded string, where end is the first byte at or after i in stops
// (len(s) when none is), and returns end. This is the form a name or value
// takes inside the base string, where the parameter string is encoded a
// second time (§3.4.1.1). Encoding again maps only "%" to "%25", which keeps
// the byte order of encoded names and values, so the doubly encoded forms
// sort as the RFC's. form reads "+" as a space. ok is false on a malformed
// escape.
func transcode[T text](dst []byte, s T, i int, stops *stopSet, form bool) (out []byte, end int, ok bool) {
	n := len(dst)
	t := &unreservedBit
	for i < len(s) {
		// The output grows a chunk of input at a time: an escaped byte is
		// written as one 8-byte store of its packed base string form (at
		// most 5 bytes), and the slack of 8 bytes lets the last store
		// overrun safely. Growing for the whole rest of s at once would
		// reserve five times a large body before its first byte.
		lim := min(len(s), i+transcodeChunk)
		room := 5*(lim-i) + 8
		if cap(dst)-n < room {
			// Double, so that a long value costs a few copies, not one
			// per chunk.
			dst = slices.Grow(dst[:n], max(room, n))
		}
		dst = dst[:n+room]
		for i < lim {
			// Most bytes are unreserved and kept as they are: a run of
			// them is copied two bytes at a time, and an odd last byte
			// without a branch, by advancing over it only when it is
			// unreserved.
			for i+1 < lim && t[s[i]]&t[s[i+1]] == 1 {
				dst[n], dst[n+1] = s[i], s[i+1]
				n += 2
				i += 2
			}
			if i < lim {
				dst[n] = s[i]
				step := int(t[s[i]])
				n += step
				i += step
			}
			if i == lim {
				break
			}
			// s[i] is not unreserved.
			c := s[i]
			switch {
			case c == '%':
				if i+2 >= len(s) {
					return dst[:n], i, false
				}
				hi, lo := hexValue[s[i+1]], hexValue[s[i+2]]
				if hi|lo > 15 {
					return dst[:n], i, false
				}
				c = hi<<4 | lo
				i += 2
			case stops[c]:
				return dst[:n], i, true
			case c == '+' && form:
				c = ' '
			}
			binary.LittleEndian.PutUint64(dst[n:], twiceEncoded[c])
			n += int(twiceEncodedLen[c])
			i++
		}
	}
	return dst[:n], i, true
}

// unreservedBit is the unreserved table as 0 and 1, so that bytes are
// tested together with AND and a run is advanced over by adding.
var unreservedBit = func() (t [256]uint8) {
	for c, ok := range unreserved {
		if ok {
			t[c] = 1
		}
	}
	return t
}()

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

// hexValue is the value of each hex digit, either case, and 0xFF for any
// other byte, so that one test of hi|lo finds a malformed escape.
var hexValue = func() (t [256]uint8) {
	for c := range t {
		if v, ok := unhex(byte(c)); ok {
			t[c] = v
		} else {
			t[c] = 0xFF
		}
	}
	return t
}()

// addForm transcodes form-encoded text (a query or a body) pair by pair
// into b.enc and records each pair. ok is false on a malformed escape.
func addForm[T text](b *builder, s T, src Source, o *Options) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '&' {
			continue // §3.4.1.3.1: an empty pair is skipped
		}
		start := len(b.enc)
		enc, end, ok := transcode(b.enc, s, i, &formNameEnd, true)
		if !ok {
			return false
		}
		nameEnd := len(enc)
		enc = append(enc, "%3D"...)
		valueStart, rawValue := len(enc), end
		if end < len(s) && s[end] == '=' {
			rawValue = end + 1
			if enc, end, ok = transcode(enc, s, rawValue, &formValueEnd, true); !ok {
				return false
			}
		}
		b.enc = enc
		addPair(b, item{start: start, nameEnd: nameEnd, valueStart: valueStart, end: len(enc)}, s[rawValue:end], true, src, o)
		i = end
	}
	return true
}

// addHeader transcodes the pairs of an Authorization header into b.enc and
// records each. It reads the header as headerScanner does (FuzzBuild checks
// that the two agree), but finds where each name and value ends in the pass
// that transcodes it. ok is false when the header cannot be read or holds a
// malformed escape.
func (b *builder) addHeader(s string, o *Options) bool {
	_, sc, err := scanAuthorization(s)
	if err != nil {
		return false
	}
	var ok bool
	for pos := sc.pos; ; {
		pos = skipSpace(s, pos)
		for pos < len(s) && s[pos] == ',' {
			pos = skipSpace(s, pos+1)
		}
		if pos >= len(s) {
			return true
		}
		start := len(b.enc)
		var enc []byte
		var end int
		if eq := strings.IndexByte(s[pos:], '='); eq > 0 && isOAuthName(s[pos:pos+eq]) {
			enc, end = append(b.enc, s[pos:pos+eq]...), pos+eq
		} else if enc, end, ok = transcode(b.enc, s, pos, &headerNameEnd, false); !ok {
			return false
		}
		nameEnd := len(enc)
		enc = append(enc, "%3D"...)
		valueStart := len(enc)
		pos = skipSpace(s, end)
		rawValue, valueEnd := pos, pos // a name without "=" has an empty value
		if pos < len(s) && s[pos] == '=' {
			pos = skipSpace(s, pos+1)
			if pos < len(s) && s[pos] == '"' {
				rawValue = pos + 1
				if enc, valueEnd, ok = transcode(enc, s, rawValue, &headerQuotedEnd, false); !ok || valueEnd == len(s) {
					return false // a malformed escape, or no closing quote
				}
				pos = valueEnd + 1
			} else {
				rawValue = pos
				if enc, valueEnd, ok = transcode(enc, s, rawValue, &headerUnquotedEnd, false); !ok {
					return false
				}
				pos = valueEnd
			}
		}
		b.enc = enc
		addPair(b, item{start: start, nameEnd: nameEnd, valueStart: valueStart, end: len(enc)}, s[rawValue:valueEnd], false, SourceHeader, o)
	}
}

// isOAuthName reports whether name is one of the parameter names of RFC
// 5849 (or of the body hash extension). Nearly every name in an
// Authorization header is; made of unreserved bytes, each is its own
// encoding, so the header can copy it without transcoding.
func isOAuthName(name string) bool {
	switch name {
	case "oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_signature", "oauth_timestamp",
		"oauth_nonce", "oauth_version", "oauth_callback", "oauth_verifier", "oauth_body_hash", "realm":
		return true
	}
	return false
}

// addPair records the pair just transcoded into b.enc as it, unless the RFC
// excludes it, and notes the first oauth_signature and
// oauth_signature_method. rawValue is the value as sent; form says whether
// it is form-encoded.
func addPair[T text](b *builder, it item, rawValue T, form bool, src Source, o *Options) {
	name := b.enc[it.start:it.nameEnd]
	switch string(name) {
	case "oauth_signature":
		if b.signature == "" {
			// Kept as sent, copied when it is the body's bytes; decoded
			// only when asked for (builder.suppliedSignature).
			b.signature, b.signatureEncoded, b.signatureForm = string(rawValue), true, form
		}
		b.enc = b.enc[:it.start]
		return // §3.4.1.3.1: never signed
	case "oauth_signature_method":
		if b.method == "" {
			b.method, _ = decode(string(rawValue), form)
		}
	case "realm":
		if src == SourceHeader && !o.IncludeRealm {
			b.enc = b.enc[:it.start]
			return
		}
	}
	if o.DropEmpty && it.valueStart == it.end {
		b.enc = b.enc[:it.start]
		return
	}
	it.param = -1
	it.key = sortKey(name)
	b.items = append(b.items, it)
}

// buildFast builds the base string by the fast path; ok is false when the
// request holds something the general path must report.
func (b *builder) buildFast(req *Request, u URLParts, o *Options) ([]byte, bool) {
	b.enc = b.enc[:0]
	b.items = b.items[:0]
	if u.HasQuery && !addForm(b, u.Query, SourceQuery, o) {
		return nil, false
	}
	if req.Authorization != "" && !b.addHeader(req.Authorization, o) {
		return nil, false
	}
	if len(req.Body) > 0 && o.bodyIsForm(req.ContentType) && !addForm(b, req.Body, SourceBody, o) {
		return nil, false
	}
	b.sort(SortEncoded)
	out, err := b.writeBaseString(req, u, o, nil)
	if err != nil {
		return nil, false
	}
	return out, true
}
