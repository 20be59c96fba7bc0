package basestring

import (
	"encoding/binary"
	"slices"
	"strings"
)

// transcode is the encoded fast path of the collector (collect.go): when no
// trace is wanted and the rules allow it (ParamRules.encodedFast), every raw
// name and value is transcoded straight from its percent-encoded (or
// form-encoded) form to the form it takes in the base string,
// Encode(Encode(Decode(raw))), without decoding it into a string of its own.
// FuzzBuild checks that the encoded and the decoded paths agree.

// text is what the collector reads in place: the query and the
// Authorization header as strings, the body as the request's bytes, so that
// the body is never copied into a string.
type text interface{ string | []byte }

// A stopSet marks the bytes that end a raw name or value where transcode
// reads it. They are all reserved bytes, never "%".
type stopSet [256]bool

func stopSetOf(chars string) (t stopSet) {
	for i := 0; i < len(chars); i++ {
		t[chars[i]] = true
	}
	return t
}

// transcodeChunk is how much input transcode encodes between two checks of
// its output's room.
const transcodeChunk = 4096

// transcode appends Encode(Encode(decode(s))) to dst without building the
// decoded string. This is the form a name or value takes inside the base
// string, where the parameter string is encoded a second time (§3.4.1.1).
// Encoding again maps only "%" to "%25", which keeps the byte order of
// encoded names and values, so the doubly encoded forms sort as the RFC's.
// form reads "+" as a space. ok is false on a malformed escape.
func transcode[T text](dst []byte, s T, form bool) (out []byte, ok bool) {
	n, i := len(dst), 0
	for i < len(s) {
		var lim int
		dst, lim = growChunk(dst, n, i, len(s))
		for i < lim {
			i, n = transcodeRun(dst, n, s[:lim], i, form, &noStop)
			if i == lim {
				break
			}
			// s[i] is a "%" that does not start an escape in the chunk:
			// malformed, or an escape the chunk's end cuts.
			if i+2 >= len(s) {
				return dst[:n], false
			}
			hi, lo := hexValue[s[i+1]], hexValue[s[i+2]]
			if hi|lo > 15 {
				return dst[:n], false
			}
			n = putTwiceEncoded(dst, n, hi<<4|lo)
			i += 3
		}
	}
	return dst[:n], true
}

// allUnreserved reports whether every byte of s is unreserved, testing
// eight bytes at a time.
func allUnreserved(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if reservedBytes(load64(s, i)) != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if !unreserved[s[i]] {
			return false
		}
	}
	return true
}

// The bytes of a word, and their high bits.
const (
	bytesOne  = 0x0101010101010101
	bytesHigh = 0x8080808080808080
)

// reservedBytes returns the high bit of each byte of w that is not
// unreserved (ALPHA, DIGIT, "-", ".", "_", "~"; §3.6), testing the eight
// bytes at once. On 7-bit bytes y, y + (0x80-lo) sets the high bit exactly
// when y >= lo, and y + (0x7F-hi) exactly when y > hi, without a carry
// into the next byte; y ^ c + 0x7F sets it unless y == c. A byte with its
// own high bit set is never unreserved. TestReservedBytes checks it
// against the table.
func reservedBytes(w uint64) uint64 {
	y := w &^ bytesHigh
	l := y | 0x20*bytesOne // a letter in lower case
	unreserved := (l+(0x80-'a')*bytesOne)&^(l+(0x7F-'z')*bytesOne) |
		(y+(0x80-'-')*bytesOne)&^(y+(0x7F-'.')*bytesOne) |
		(y+(0x80-'0')*bytesOne)&^(y+(0x7F-'9')*bytesOne) |
		^((y ^ '_'*bytesOne) + 0x7F*bytesOne) |
		^((y ^ '~'*bytesOne) + 0x7F*bytesOne)
	return (^unreserved | w) & bytesHigh
}

// transcodeRun transcodes src from the offset from into out at n, as
// transcode does, up to the end of src, a byte of stop, or a "%" that does
// not start an escape within src, and returns where it stopped reading src
// and writing out. out has room for five bytes a byte of src read, and
// eight more. The offsets, not slices cut at them, are passed: cutting two
// slices for each call cost more than a short run. Escapes, "+" and other
// reserved bytes are transcoded here too, not by the caller: in a value
// they come every few bytes (a space is one), and a return to the caller
// for each cost more than the bytes between them. It is kept out of line
// on purpose: alone, its loop keeps its state in registers.
//
//go:noinline
func transcodeRun[T text](out []byte, n int, src T, from int, form bool, stop *stopSet) (readTo, writtenTo int) {
	// An unsigned index lets the compiler see that src[j] is in range.
	j := uint(from)
	for ; j < uint(len(src)); j++ {
		c := src[j]
		if unreserved[c] { // most bytes: kept as they are
			out[n] = c
			n++
			continue
		}
		switch {
		case stop[c]:
			return int(j), n
		case c == '%':
			if j+2 >= uint(len(src)) {
				return int(j), n
			}
			hi, lo := hexValue[src[j+1]], hexValue[src[j+2]]
			if hi|lo > 15 {
				return int(j), n
			}
			c = hi<<4 | lo
			j += 2
		case c == '+' && form:
			c = ' '
		}
		n = putTwiceEncoded(out, n, c)
	}
	return int(j), n
}

// The bytes that end a run of transcodeRun: none in a whole value, "&"
// in a form's value, "&" and "=" in a form's name.
var (
	noStop        stopSet
	formValueStop = stopSetOf("&")
	formNameStop  = stopSetOf("&=")
)

// putEquals writes "%3D", the "=" between a name and its value in the
// base string, at dst[n:] (dst has the room), and returns the new end:
// three stores, not a call to copy.
func putEquals(dst []byte, n int) int {
	_ = dst[n+2]
	dst[n], dst[n+1], dst[n+2] = '%', '3', 'D'
	return n + 3
}

// putTwiceEncoded writes the base string form of the byte c at dst[n:], in
// one 8-byte store (dst has the room), and returns the new end.
func putTwiceEncoded(dst []byte, n int, c byte) int {
	binary.LittleEndian.PutUint64(dst[n:], twiceEncoded[c])
	return n + int(twiceEncodedLen[c])
}

// growChunk makes room in dst, whose first n bytes are written, for the
// chunk of input from i that ends at lim, which it returns: the output
// grows a chunk of input at a time. An escaped byte is written as one
// 8-byte store of its packed base string form (at most 5 bytes), and the
// slack of 8 bytes lets the last store overrun safely. Growing for the
// whole rest of the input at once would reserve five times a large body
// before its first byte.
func growChunk(dst []byte, n, i, length int) ([]byte, int) {
	lim := min(length, i+transcodeChunk)
	room := 5*(lim-i) + 8
	if cap(dst)-n < room {
		// Double, so that a long value costs a few copies, not one per
		// chunk.
		dst = slices.Grow(dst[:n], max(room, n))
	}
	return dst[:n+room], lim
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

// transcodeForm is collectForm's encoded path in one pass over form-encoded
// text (a query or a body): it transcodes each name and value as transcode
// does and splits the pairs at "&" and the first "=" as formScanner does,
// without scanning each pair first. It does not apply CutValueAtEquals,
// which collectForm leaves to the scanner. On a malformed escape it returns
// the error formParam gives for the pair.
func transcodeForm[T text](b *builder, s T, src Source, r *ParamRules) error {
	form := !r.PlusLiteral
	dst := b.enc
	n, i := len(dst), 0
	var pair openPair
	for i < len(s) {
		// Every input byte gives at most 5 bytes ("=" gives 3, "&" none).
		var lim int
		dst, lim = growChunk(dst, n, i, len(s))
		for i < lim {
			c := s[i]
			if !pair.open {
				if c == '&' {
					i++
					continue
				}
				pair = openPair{open: true, inName: true, start: i, it: item{start: n}}
			}
			stop := &formValueStop
			if pair.inName {
				stop = &formNameStop
			}
			i, n = transcodeRun(dst, n, s[:lim], i, form, stop)
			if i == lim {
				break
			}
			// s[i] ends the name or the pair, or is a "%" that does not
			// start an escape in the chunk: malformed, or an escape the
			// chunk's end cuts.
			c = s[i]
			switch {
			case c == '&':
				b.enc = dst[:n]
				closeFormPair(b, &pair, s, i, src, r, form)
				n = len(b.enc)
				i++
				continue
			case c == '=' && pair.inName:
				pair.rawNameEnd = i
				pair.it.nameEnd = n
				n = putEquals(dst, n)
				pair.it.valueStart = n
				pair.inName = false
				i++
				pair.rawValueStart = i
				continue
			case c == '%':
				if i+2 >= len(s) || hexValue[s[i+1]]|hexValue[s[i+2]] > 15 {
					b.enc = dst[:pair.it.start]
					end := indexByte(s, pair.start, len(s), '&')
					p := formPair{start: pair.start, end: end, nameEnd: indexByte(s, pair.start, end, '=')}
					p.valueStart, p.valueEnd = end, end
					if p.nameEnd < end {
						p.valueStart = p.nameEnd + 1
					}
					_, err := formParam(s, p, src, form)
					return err
				}
				c = hexValue[s[i+1]]<<4 | hexValue[s[i+2]]
				i += 2
			}
			n = putTwiceEncoded(dst, n, c)
			i++
		}
	}
	b.enc = dst[:n]
	if pair.open {
		closeFormPair(b, &pair, s, len(s), src, r, form)
	}
	return nil
}

// openPair is the pair transcodeForm is reading: where it starts in the
// input, where its raw name ends and its raw value starts, and its item
// so far.
type openPair struct {
	it                               item
	start, rawNameEnd, rawValueStart int
	open, inName                     bool
}

// closeFormPair ends the pair open in s up to end, whose base string form
// ends b.enc, and hands it to addEncoded, which may drop it from b.enc.
func closeFormPair[T text](b *builder, pair *openPair, s T, end int, src Source, r *ParamRules, form bool) {
	it := &pair.it
	if pair.inName { // no "=": the value is empty
		it.nameEnd = len(b.enc)
		b.enc = append(b.enc, "%3D"...)
		pair.rawNameEnd, pair.rawValueStart = end, end
	}
	it.valueStart = max(it.valueStart, it.nameEnd+3)
	it.end = len(b.enc)
	if b.col != nil {
		b.col.Params = append(b.col.Params, Param{
			Name:   decodeTranscoded(string(s[pair.start:pair.rawNameEnd]), it.nameEnd-it.start, form),
			Value:  decodeTranscoded(string(s[pair.rawValueStart:end]), it.end-it.valueStart, form),
			Source: src,
			Raw:    string(s[pair.start:end]),
		})
	}
	addEncoded(b, it, s[pair.rawValueStart:end], form, src, r)
	pair.open, pair.inName = false, false
}

// decodeTranscoded returns the decoding of raw, a name or value of form
// text whose base string form is encLen bytes long, as decodeKept does.
// Transcoding keeps an unreserved byte, turns any other byte into five,
// and shrinks nothing but an escape: a form as long as raw, with no "%" in
// raw, means that raw is unreserved throughout and is its own decoding.
// (The collector hands out parameters only from text held as a string, so
// the conversion of raw never copies.)
func decodeTranscoded(raw string, encLen int, form bool) string {
	if encLen == len(raw) && strings.IndexByte(raw, '%') < 0 {
		return raw
	}
	return decodeKept(raw, form)
}
