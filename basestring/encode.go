package basestring

import (
	"fmt"
	"slices"
	"strings"
)

// unreserved marks the bytes RFC 5849 §3.6 leaves as they are: ALPHA, DIGIT,
// "-", ".", "_" and "~" (RFC 3986 §2.3). Every other byte is written %XX.
var unreserved = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['-'], t['.'], t['_'], t['~'] = true, true, true, true
	return t
}()

const upperHex = "0123456789ABCDEF"
const lowerHex = "0123456789abcdef"

// An Encoder appends the percent-encoded form of s to dst. The RFC's encoder
// is [appendEncode]; the others reproduce encoders that real clients use by
// mistake, so that a deviating base string is built by the same code.
type Encoder func(dst []byte, s string) []byte

// Encode percent-encodes s as RFC 5849 §3.6 requires: the UTF-8 bytes of s,
// unreserved characters (RFC 3986 §2.3) kept, every other byte as %XX with
// upper-case hex digits.
func Encode(s string) string {
	if !needsEncoding(s) {
		return s
	}
	return string(appendEncode(make([]byte, 0, len(s)+len(s)/2+8), s))
}

func needsEncoding(s string) bool {
	for i := 0; i < len(s); i++ {
		if !unreserved[s[i]] {
			return true
		}
	}
	return false
}

// appendEncode appends the RFC 5849 §3.6 encoding of s to dst.
func appendEncode(dst []byte, s string) []byte { return appendEncoded(dst, s) }

// AppendEncodeBytes is appendEncode for a byte slice, so that a caller
// holding bytes (the base string builder, a HAR reader) does not copy them
// into strings first.
func AppendEncodeBytes(dst, s []byte) []byte { return appendEncoded(dst, s) }

// appendEncoded is appendEncode for a string or a byte slice.
func appendEncoded[T text](dst []byte, s T) []byte {
	n := len(dst)
	dst = slices.Grow(dst, 3*len(s))[:n+3*len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved[c] {
			dst[n] = c
			n++
		} else {
			dst[n], dst[n+1], dst[n+2] = '%', upperHex[c>>4], upperHex[c&15]
			n += 3
		}
	}
	return dst[:n]
}

// AppendEncodePlusForSpace encodes like [appendEncode] but writes a space as
// "+", as application/x-www-form-urlencoded serializers (PHP urlencode,
// Python quote_plus, JavaScript URLSearchParams) do.
func AppendEncodePlusForSpace(dst []byte, s string) []byte { return plusEncoding.append(dst, s) }

// AppendEncodeLowerHex encodes like [appendEncode] with lower-case hex digits.
func AppendEncodeLowerHex(dst []byte, s string) []byte { return lowerHexEncoding.append(dst, s) }

// AppendEncodeJava encodes as java.net.URLEncoder does: "+" for a space, "*"
// kept raw and "~" written as %7E.
func AppendEncodeJava(dst []byte, s string) []byte { return javaEncoding.append(dst, s) }

// AppendEncodeTilde encodes like [appendEncode] but writes "~" as %7E, as
// encoders written for RFC 2396 (PHP rawurlencode before 5.3) do.
func AppendEncodeTilde(dst []byte, s string) []byte { return tildeEncoding.append(dst, s) }

// encoding is a percent-encoder described by its rules: the bytes it keeps,
// its hex digits, and whether a space becomes "+".
type encoding struct {
	keep         [256]bool
	hex          string
	plusForSpace bool
}

func (e *encoding) append(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case e.keep[c]:
			dst = append(dst, c)
		case c == ' ' && e.plusForSpace:
			dst = append(dst, '+')
		default:
			dst = append(dst, '%', e.hex[c>>4], e.hex[c&15])
		}
	}
	return dst
}

// The encoders clients use by mistake (the RFC's is appendEncoded).
var (
	plusEncoding     = &encoding{keep: unreserved, hex: upperHex, plusForSpace: true}
	lowerHexEncoding = &encoding{keep: unreserved, hex: lowerHex}
	javaEncoding     = &encoding{keep: keepAlso(unreserved, '*', '~'), hex: upperHex, plusForSpace: true}
	tildeEncoding    = &encoding{keep: keepAlso(unreserved, 0, '~'), hex: upperHex}
)

// keepAlso returns the table t with add kept and drop encoded (0: none).
func keepAlso(t [256]bool, add, drop byte) [256]bool {
	if add != 0 {
		t[add] = true
	}
	t[drop] = false
	return t
}

// AppendRaw appends s unchanged: a client that forgot to encode.
func AppendRaw(dst []byte, s string) []byte { return append(dst, s...) }

// AppendEncodeTwice appends the RFC encoding of the RFC encoding of s.
func AppendEncodeTwice(dst []byte, s string) []byte {
	return appendEncode(dst, Encode(s))
}

// AppendEncodeDoubleUTF8 encodes s after converting it to UTF-8 a second
// time: each byte of s read as a Latin-1 character. It reproduces clients
// that encode text that is already UTF-8 (mojibake, "Ã©" for "é").
func AppendEncodeDoubleUTF8(dst []byte, s string) []byte {
	return appendEncode(dst, Latin1ToUTF8(s))
}

// Latin1ToUTF8 reads each byte of s as a Latin-1 character and returns the
// UTF-8 encoding of the result. ASCII text is returned unchanged.
func Latin1ToUTF8(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

// A decodeError reports a malformed percent-encoding: a "%" not followed by
// two hex digits.
type decodeError struct {
	// Input is the text being decoded.
	Input string
	// Offset is the byte offset of the "%" in Input.
	Offset int
}

// Error describes the malformed escape and where it is.
func (e *decodeError) Error() string {
	end := e.Offset + 3
	if end > len(e.Input) {
		end = len(e.Input)
	}
	bad := e.Input[e.Offset:end]
	if end-e.Offset < 3 {
		return fmt.Sprintf("truncated percent-encoding %q at byte %d", bad, e.Offset)
	}
	return fmt.Sprintf("invalid percent-encoding %q at byte %d", bad, e.Offset)
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// Decode reverses percent-encoding (RFC 3986 §2.1). "+" is kept as it is;
// use [decodeForm] for application/x-www-form-urlencoded text. A malformed
// escape is reported as a *decodeError.
func Decode(s string) (string, error) { return decode(s, false) }

// decodeForm decodes application/x-www-form-urlencoded text: like [Decode],
// with "+" read as a space (RFC 5849 §3.4.1.3.1 via W3C HTML 4.01 §17.13.4).
func decodeForm(s string) (string, error) { return decode(s, true) }

func decode(s string, plusIsSpace bool) (string, error) {
	// Most names and values hold no escape: a byte search or two settles
	// it.
	i := strings.IndexByte(s, '%')
	plus := plusIsSpace && strings.IndexByte(s, '+') >= 0
	if i < 0 && !plus {
		return s, nil
	}
	// Decoded on the stack when it fits, so that the string is the one
	// allocation. Without a "+" in s, reading "+" as a space changes
	// nothing, and appendDecoded need not look for one.
	var room [128]byte
	out, bad := appendDecoded(room[:0], s, plus)
	if bad >= 0 {
		return "", &decodeError{Input: s, Offset: bad}
	}
	return string(out), nil
}

// DecodeLenient decodes percent-escapes like [Decode] (with "+" read as a
// space when plusIsSpace, like [decodeForm]) but keeps a malformed escape as
// it was written instead of failing, the way browsers and most servers read
// such text. It is for showing and comparing text, never for signing.
func DecodeLenient(s string, plusIsSpace bool) string {
	if out, err := decode(s, plusIsSpace); err == nil {
		return out
	}
	dst := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s):
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				dst = append(dst, hi<<4|lo)
				i += 2
			} else {
				dst = append(dst, c)
			}
		case c == '+' && plusIsSpace:
			dst = append(dst, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return string(dst)
}

// appendDecoded appends the decoded form of s to dst, checking it in the
// same pass: bad is the offset of the first "%" that does not start an
// escape of two hex digits (the output is then incomplete), or -1.
func appendDecoded(dst []byte, s string, plusIsSpace bool) (out []byte, bad int) {
	n := len(dst)
	dst = slices.Grow(dst, len(s))[:n+len(s)]
	if !plusIsSpace || strings.IndexByte(s, '+') < 0 {
		// Only escapes change the text: the runs between them are
		// copied whole.
		for i := 0; ; {
			j := strings.IndexByte(s[i:], '%')
			if j < 0 {
				n += copy(dst[n:], s[i:])
				return dst[:n], -1
			}
			n += copy(dst[n:], s[i:i+j])
			i += j
			if i+2 >= len(s) || hexValue[s[i+1]]|hexValue[s[i+2]] > 15 {
				return dst[:n], i
			}
			dst[n] = hexValue[s[i+1]]<<4 | hexValue[s[i+2]]
			n++
			i += 3
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%':
			if i+2 >= len(s) || hexValue[s[i+1]]|hexValue[s[i+2]] > 15 {
				return dst[:n], i
			}
			c = hexValue[s[i+1]]<<4 | hexValue[s[i+2]]
			i += 2
		case c == '+' && plusIsSpace:
			c = ' '
		}
		dst[n] = c
		n++
	}
	return dst[:n], -1
}
