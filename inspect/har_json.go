package inspect

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// harScanner is a streaming JSON tokenizer over a fixed-size window of the
// input. It never holds more than one window plus the values it is asked to
// keep, so a huge string or a file without newlines costs no more memory than
// a small one.
type harScanner struct {
	r        io.Reader
	buf      []byte // buf[pos:] is unread; cap(buf) is the window size
	pos      int
	base     int64 // input offset of buf[0]
	fills    int   // number of fill calls, so that indexes into buf can be known stale
	eof      bool
	rerr     error
	lines    int // newlines before buf[lineMark]
	lineMark int
	key      []byte // the last object key read, empty when longer than harMaxKey
	num      []byte
	nest     []uint64 // skipValue's open containers, a bit a level: 1 for an object, 0 for an array
}

func (s *harScanner) offset() int64 { return s.base + int64(s.pos) }

// line returns the 1-based line of buf[pos].
func (s *harScanner) line() int {
	s.lines += bytes.Count(s.buf[s.lineMark:s.pos], []byte{'\n'})
	s.lineMark = s.pos
	return s.lines + 1
}

// fill drops the consumed part of the window and reads more input after the
// unread part. It reports whether any byte was added.
func (s *harScanner) fill() bool {
	if s.eof || s.rerr != nil {
		return false
	}
	s.fills++
	s.lines += bytes.Count(s.buf[s.lineMark:s.pos], []byte{'\n'})
	n := copy(s.buf[:cap(s.buf)], s.buf[s.pos:])
	s.base += int64(s.pos)
	s.pos, s.lineMark = 0, 0
	s.buf = s.buf[:n]
	for range 100 {
		m, err := s.r.Read(s.buf[n:cap(s.buf)])
		if m < 0 || m > cap(s.buf)-n {
			s.rerr = fmt.Errorf("reader returned an invalid count %d", m)
			return false
		}
		s.buf = s.buf[:n+m]
		if err == io.EOF {
			s.eof = true
			return m > 0
		}
		if err != nil {
			s.rerr = err
			return m > 0
		}
		if m > 0 {
			return true
		}
	}
	s.rerr = io.ErrNoProgress
	return false
}

// ensure makes at least n unread bytes available; false means the input
// ended first.
func (s *harScanner) ensure(n int) bool {
	for len(s.buf)-s.pos < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// endErr is the error for input that ended where more was needed.
func (s *harScanner) endErr() error {
	if s.rerr != nil {
		return fmt.Errorf("read error: %w", s.rerr)
	}
	return errHARTruncated
}

// peek skips white space and returns the next byte without consuming it.
func (s *harScanner) peek() (byte, error) {
	if s.pos < len(s.buf) {
		if c := s.buf[s.pos]; c > ' ' {
			return c, nil
		}
	}
	return s.peekSpace()
}

// peekSpace is peek's loop over white space. Pretty-printed HAR files are
// about one third indentation, so runs of spaces are skipped 8 at a time.
func (s *harScanner) peekSpace() (byte, error) {
	const spaces = 0x2020202020202020
	for {
		buf := s.buf
		for i := s.pos; i < len(buf); {
			if i+8 <= len(buf) {
				x := binary.LittleEndian.Uint64(buf[i:]) ^ spaces
				if x == 0 {
					i += 8
					continue
				}
				i += bits.TrailingZeros64(x) / 8 // the first byte that is not a space
			}
			c := buf[i]
			if c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
				s.pos = i
				return c, nil
			}
			i++
		}
		s.pos = len(buf)
		if !s.fill() {
			return 0, s.endErr()
		}
	}
}

// end checks that only white space is left.
func (s *harScanner) end() error {
	for {
		for ; s.pos < len(s.buf); s.pos++ {
			if c := s.buf[s.pos]; c != ' ' && c != '\n' && c != '\r' && c != '\t' {
				return fmt.Errorf("invalid character %s after the HAR object", harDescribe(c))
			}
		}
		if !s.fill() {
			if s.rerr != nil {
				return s.endErr()
			}
			return nil
		}
	}
}

// harDescribe names a byte for an error message.
func harDescribe(c byte) string {
	if c >= utf8.RuneSelf {
		return fmt.Sprintf("byte 0x%02x", c)
	}
	return strconv.QuoteRuneToASCII(rune(c))
}

// harKind names the kind of JSON value that starts with c.
func harKind(c byte) string {
	switch {
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	}
	return "invalid character " + harDescribe(c)
}

// wantErr reports a value of the wrong kind.
func (s *harScanner) wantErr(c byte, want string) error {
	if k := harKind(c); !strings.HasPrefix(k, "invalid") {
		return fmt.Errorf("expected %s, found %s", want, k)
	}
	return fmt.Errorf("invalid character %s where a value was expected", harDescribe(c))
}

// openObject consumes the '{' of an object and returns true, or consumes
// null and returns false. Any other value is an error.
func (s *harScanner) openObject() (bool, error) {
	return s.open('{', "an object")
}

// openArray is openObject for arrays.
func (s *harScanner) openArray() (bool, error) {
	return s.open('[', "an array")
}

func (s *harScanner) open(delim byte, want string) (bool, error) {
	c, err := s.peek()
	if err != nil {
		return false, err
	}
	switch c {
	case delim:
		s.pos++
		return true, nil
	case 'n':
		return false, s.literal("null")
	}
	return false, s.wantErr(c, want)
}

// members walks the members of an object whose '{' was consumed: for each
// one, s.key holds its key and member reads its value; it returns after the
// closing '}'. An error in the object's own syntax is prefixed with path
// (none when path is ""); member's errors are returned as they are. This is
// the one loop the HAR reader walks objects with (readPair, the hot path of
// headers, keeps its own, without a closure).
func (s *harScanner) members(path string, member func() error) error {
	first := true
	for {
		more, err := s.nextKey(&first)
		if err != nil {
			if path == "" {
				return err
			}
			return harField(path, err)
		}
		if !more {
			return nil
		}
		if err := member(); err != nil {
			return err
		}
	}
}

// nextKey moves to the next member of an object whose '{' was consumed: it
// reads the key into s.key and the ':' after it, and returns true; or it
// consumes the closing '}' and returns false. *first is true before the first
// member.
func (s *harScanner) nextKey(first *bool) (bool, error) {
	c, err := s.peek()
	if err != nil {
		return false, err
	}
	if *first {
		if c == '}' {
			s.pos++
			return false, nil
		}
	} else {
		switch c {
		case '}':
			s.pos++
			return false, nil
		case ',':
			s.pos++
			if c, err = s.peek(); err != nil {
				return false, err
			}
		default:
			return false, fmt.Errorf("invalid character %s after an object member; expected ',' or '}'", harDescribe(c))
		}
	}
	*first = false
	if c != '"' {
		return false, fmt.Errorf("invalid character %s where an object key was expected", harDescribe(c))
	}
	var long bool
	s.key, long, err = s.readString(s.key[:0], harMaxKey)
	if err != nil {
		return false, err
	}
	if long {
		s.key = s.key[:0]
	}
	return true, s.colon()
}

func (s *harScanner) colon() error {
	c, err := s.peek()
	if err != nil {
		return err
	}
	if c != ':' {
		return fmt.Errorf("invalid character %s after an object key; expected ':'", harDescribe(c))
	}
	s.pos++
	return nil
}

// nextElem moves to the next element of an array whose '[' was consumed and
// returns true, or consumes the closing ']' and returns false.
func (s *harScanner) nextElem(first *bool) (bool, error) {
	c, err := s.peek()
	if err != nil {
		return false, err
	}
	if *first {
		*first = false
		if c == ']' {
			s.pos++
			return false, nil
		}
		return true, nil
	}
	switch c {
	case ']':
		s.pos++
		return false, nil
	case ',':
		s.pos++
		return true, nil
	}
	return false, fmt.Errorf("invalid character %s after an array element; expected ',' or ']'", harDescribe(c))
}

// str reads a string value, appending at most limit-len(dst) bytes of it to
// dst, or reads null. set reports a string; long reports a string cut at the
// limit. Any other value is an error.
func (s *harScanner) str(dst []byte, limit int) (out []byte, set, long bool, err error) {
	c, err := s.peek()
	if err != nil {
		return dst, false, false, err
	}
	switch c {
	case '"':
		out, long, err = s.readString(dst, limit)
		return out, err == nil, long, err
	case 'n':
		return dst, false, false, s.literal("null")
	}
	return dst, false, false, s.wantErr(c, "a string")
}

// readString consumes the JSON string whose opening quote is at buf[pos] and
// appends its decoded bytes to dst while len(dst) < limit; long reports that
// some were left out. With limit 0 it checks and skips the string.
func (s *harScanner) readString(dst []byte, limit int) (out []byte, long bool, err error) {
	s.pos++
	// Most strings (keys, header fields) are short and have no escape: a
	// plain loop beats setting up the searches below.
	for i, end := s.pos, min(len(s.buf), s.pos+32); i < end; i++ {
		if c := s.buf[i]; c == '"' {
			dst, long = harAppendCapped(dst, s.buf[s.pos:i], limit, false)
			s.pos = i + 1
			return dst, long, nil
		} else if c == '\\' {
			break
		}
	}
	q := -1 // index in buf of the next '"' at or after pos; len(buf) when there is none
	for {
		if s.pos >= len(s.buf) {
			if !s.fill() {
				return dst, long, s.endErr()
			}
			q = -1
		}
		if q < s.pos {
			if i := bytes.IndexByte(s.buf[s.pos:], '"'); i >= 0 {
				q = s.pos + i
			} else {
				q = len(s.buf)
			}
		}
		run := s.buf[s.pos:q]
		b := bytes.IndexByte(run, '\\')
		if b < 0 {
			dst, long = harAppendCapped(dst, run, limit, long)
			s.pos = q
			if q < len(s.buf) {
				s.pos++
				return dst, long, nil
			}
			continue
		}
		dst, long = harAppendCapped(dst, run[:b], limit, long)
		s.pos += b
		fills := s.fills
		dst, long, err = s.escape(dst, limit, long)
		if err != nil {
			return dst, long, err
		}
		if s.fills != fills {
			q = -1 // the window changed
		}
	}
}

// escape decodes the escape sequence at buf[pos] (a backslash) as
// encoding/json does, including UTF-16 surrogate pairs; a lone surrogate
// becomes U+FFFD.
func (s *harScanner) escape(dst []byte, limit int, long bool) ([]byte, bool, error) {
	if !s.ensure(2) {
		s.pos = len(s.buf)
		return dst, long, s.endErr()
	}
	var c byte
	switch e := s.buf[s.pos+1]; e {
	case '"', '\\', '/':
		c = e
	case 'b':
		c = '\b'
	case 'f':
		c = '\f'
	case 'n':
		c = '\n'
	case 'r':
		c = '\r'
	case 't':
		c = '\t'
	case 'u':
		if !s.ensure(6) {
			s.pos = len(s.buf)
			return dst, long, s.endErr()
		}
		r := harHex4(s.buf[s.pos+2 : s.pos+6])
		if r < 0 {
			return dst, long, fmt.Errorf("invalid escape %q in string", s.buf[s.pos:s.pos+6])
		}
		s.pos += 6
		if utf16.IsSurrogate(r) {
			pair := rune(-1)
			if s.ensure(6) && s.buf[s.pos] == '\\' && s.buf[s.pos+1] == 'u' {
				pair = harHex4(s.buf[s.pos+2 : s.pos+6])
			}
			if d := utf16.DecodeRune(r, pair); d != utf8.RuneError {
				r = d
				s.pos += 6
			} else {
				r = utf8.RuneError
			}
		}
		var tmp [utf8.UTFMax]byte
		n := utf8.EncodeRune(tmp[:], r)
		dst, long = harAppendCapped(dst, tmp[:n], limit, long)
		return dst, long, nil
	default:
		return dst, long, fmt.Errorf("invalid escape %q in string", s.buf[s.pos:s.pos+2])
	}
	s.pos += 2
	if len(dst) < limit {
		return append(dst, c), long, nil
	}
	return dst, true, nil
}

func harHex4(b []byte) rune {
	var r rune
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

func harAppendCapped(dst, p []byte, limit int, long bool) ([]byte, bool) {
	if room := limit - len(dst); len(p) > room {
		if room > 0 {
			dst = append(dst, p[:room]...)
		}
		return dst, long || len(p) > 0
	}
	return append(dst, p...), long
}

// States of the JSON number grammar (RFC 8259 §6).
const (
	harNumStart = iota // nothing read
	harNumMinus        // "-"
	harNumZero         // leading "0"
	harNumInt          // integer digits
	harNumDot          // "."
	harNumFrac         // fraction digits
	harNumE            // "e" or "E"
	harNumESign        // exponent sign
	harNumExp          // exponent digits
)

func harNumNext(st int, c byte) (int, bool) {
	digit := '0' <= c && c <= '9'
	switch st {
	case harNumStart:
		if c == '-' {
			return harNumMinus, true
		}
		fallthrough
	case harNumMinus:
		if c == '0' {
			return harNumZero, true
		}
		if digit {
			return harNumInt, true
		}
	case harNumInt:
		if digit {
			return harNumInt, true
		}
		fallthrough
	case harNumZero:
		if c == '.' {
			return harNumDot, true
		}
		if c == 'e' || c == 'E' {
			return harNumE, true
		}
	case harNumDot, harNumFrac:
		if digit {
			return harNumFrac, true
		}
		if st == harNumFrac && (c == 'e' || c == 'E') {
			return harNumE, true
		}
	case harNumE:
		if c == '+' || c == '-' {
			return harNumESign, true
		}
		fallthrough
	case harNumESign, harNumExp:
		if digit {
			return harNumExp, true
		}
	}
	return st, false
}

// scanNumber consumes a number, keeping its first harMaxNumber bytes in
// s.num; long reports that it had more.
func (s *harScanner) scanNumber() (num []byte, long bool, err error) {
	s.num = s.num[:0]
	st := harNumStart
	for {
		if s.pos >= len(s.buf) && !s.fill() {
			if s.rerr != nil {
				return nil, false, s.endErr()
			}
			break
		}
		c := s.buf[s.pos]
		next, ok := harNumNext(st, c)
		if !ok {
			break
		}
		if len(s.num) < harMaxNumber {
			s.num = append(s.num, c)
		} else {
			long = true
		}
		st = next
		s.pos++
	}
	switch st {
	case harNumZero, harNumInt, harNumFrac, harNumExp:
		return s.num, long, nil
	}
	if s.pos >= len(s.buf) {
		return nil, false, s.endErr()
	}
	return nil, false, fmt.Errorf("invalid character %s in a number", harDescribe(s.buf[s.pos]))
}

// literal consumes true, false or null.
func (s *harScanner) literal(lit string) error {
	for i := 0; i < len(lit); i++ {
		if s.pos >= len(s.buf) && !s.fill() {
			return s.endErr()
		}
		if c := s.buf[s.pos]; c != lit[i] {
			return fmt.Errorf("invalid character %s in literal %s", harDescribe(c), lit)
		}
		s.pos++
	}
	return nil
}

// memberKey skips an object key and the ':' after it.
func (s *harScanner) memberKey() error {
	c, err := s.peek()
	if err != nil {
		return err
	}
	if c != '"' {
		return fmt.Errorf("invalid character %s where an object key was expected", harDescribe(c))
	}
	if _, _, err := s.readString(nil, 0); err != nil {
		return err
	}
	return s.colon()
}

// skipAny consumes one JSON value of any kind, checking its syntax without
// keeping it, at any depth: it is for the values the reader skips (they
// play no part in signing: responses, timings, cookies, members it does
// not know), and costs one bit of memory per level of nesting, so that no
// value nested however deep stops the HAR.
func (s *harScanner) skipAny() error { return s.skip(math.MaxInt) }

func (s *harScanner) skip(maxDepth int) error {
	depth := 0
	for {
		c, err := s.peek()
		if err != nil {
			return err
		}
		switch c {
		case '"':
			_, _, err = s.readString(nil, 0)
		case '{', '[':
			if depth >= maxDepth {
				return fmt.Errorf("values are nested more than %d deep", maxDepth)
			}
			if depth/64 >= len(s.nest) {
				s.nest = append(s.nest, 0)
			}
			s.pos++
			if c == '{' {
				s.nest[depth/64] |= 1 << (depth % 64)
			} else {
				s.nest[depth/64] &^= 1 << (depth % 64)
			}
			depth++
			d, err := s.peek()
			if err != nil {
				return err
			}
			if d == c+2 { // '}' is '{'+2 and ']' is '['+2
				s.pos++
				depth--
				break
			}
			if c == '{' {
				if err := s.memberKey(); err != nil {
					return err
				}
			}
			continue
		case 't':
			err = s.literal("true")
		case 'f':
			err = s.literal("false")
		case 'n':
			err = s.literal("null")
		default:
			if c != '-' && (c < '0' || c > '9') {
				return fmt.Errorf("invalid character %s where a value was expected", harDescribe(c))
			}
			_, _, err = s.scanNumber()
		}
		if err != nil {
			return err
		}
		// After a value: close containers until a ',' asks for another value.
	after:
		for {
			if depth == 0 {
				return nil
			}
			c, err := s.peek()
			if err != nil {
				return err
			}
			obj := s.nest[(depth-1)/64]&(1<<((depth-1)%64)) != 0
			switch {
			case c == ',':
				s.pos++
				if obj {
					if err := s.memberKey(); err != nil {
						return err
					}
				}
				break after
			case obj && c == '}', !obj && c == ']':
				s.pos++
				depth--
			case obj:
				return fmt.Errorf("invalid character %s after an object member; expected ',' or '}'", harDescribe(c))
			default:
				return fmt.Errorf("invalid character %s after an array element; expected ',' or ']'", harDescribe(c))
			}
		}
	}
}
