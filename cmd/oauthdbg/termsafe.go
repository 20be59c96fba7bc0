package main

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Terminal-safe text. Everything that came from an input (URL, method,
// header names and values, file names, base strings, hints quoting the
// input) and is written as text, markdown or a table goes through visible,
// so that no input can move the cursor, set the terminal's title, reorder
// text on screen or break a table row. JSON output does not: encoding/json
// already escapes control characters, and JSON must stay exact.
//
// What is made visible, and how:
//   - C0 controls and DEL: \t, \n, \r by name, the others as \xNN (\x1b, \x00, \x7f).
//     Tabs are escaped too: a tab in a URL or header value is a finding, and
//     a raw one would break the alignment of a table.
//   - invalid UTF-8: each bad byte as \xNN (\xff).
//   - C1 controls (U+0080–U+009F), line and paragraph separators
//     (U+2028, U+2029) and every format character (Unicode category Cf:
//     bidi overrides and isolates such as U+202E, zero-width spaces and
//     joiners, the byte-order mark, soft hyphen) as \uXXXX.
//
// Printable text, ASCII or not (é, ü, 中), is kept as is. A backslash is
// not doubled: the output is for reading, and a literal "\x1b" in the input
// is harmless on a terminal.

// visible returns s with its control characters, invisible format
// characters and invalid UTF-8 made visible (see above). It returns s
// itself, without allocating, when there is nothing to escape.
func visible(s string) string { return makeVisible(s, false) }

// visibleLines is visible but keeps "\n", for text made of lines such as a
// request body or a multi-line message; "\r" is still made visible.
func visibleLines(s string) string { return makeVisible(s, true) }

func makeVisible(s string, keepNewline bool) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f || keepNewline && c == '\n' {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !(r == utf8.RuneError && n == 1) && !hidden(r) {
				i += n
				continue
			}
		}
		break
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f, keepNewline && c == '\n':
			b.WriteByte(c)
			i++
		case c == '\t':
			b.WriteString(`\t`)
			i++
		case c == '\n':
			b.WriteString(`\n`)
			i++
		case c == '\r':
			b.WriteString(`\r`)
			i++
		case c < utf8.RuneSelf:
			writeHexByte(&b, c)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				writeHexByte(&b, c)
			case hidden(r):
				if r > 0xffff {
					b.WriteString(`\U`)
					b.WriteString(pad(strconv.FormatInt(int64(r), 16), 8))
				} else {
					b.WriteString(`\u`)
					b.WriteString(pad(strconv.FormatInt(int64(r), 16), 4))
				}
			default:
				b.WriteString(s[i : i+n])
			}
			i += n
		}
	}
	return b.String()
}

// hidden says a non-ASCII rune acts on the terminal or the layout instead
// of showing: a C1 control, a line or paragraph separator, or a format
// character (bidi controls, zero-width characters).
func hidden(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

func writeHexByte(b *strings.Builder, c byte) {
	const hex = "0123456789abcdef"
	b.WriteString(`\x`)
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&0xf])
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return strings.Repeat("0", n-len(s)) + s
}
