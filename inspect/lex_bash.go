package inspect

import (
	"strings"
	"unicode/utf8"
)

const pasteHint = "paste the command exactly as the browser copied it"

// lexBash splits text into commands and words as bash does, without running
// anything.
func lexBash(text string) ([]shellCommand, []string, *posProblem) {
	l := &bashLexer{text: text}
	l.redirect = -1
	if p := l.run(); p != nil {
		return nil, nil, p
	}
	return l.cmds, l.notes, nil
}

type bashLexer struct {
	wordBuilder
	text string
	pos  int
}

func (l *bashLexer) at(i int) byte {
	if i < len(l.text) {
		return l.text[i]
	}
	return 0
}

func (l *bashLexer) run() *posProblem {
	t := l.text
	for l.pos < len(t) {
		c := t[l.pos]
		switch {
		case c == ' ' || c == '\t':
			l.endWord()
			l.pos++
		case c == '\r' && l.at(l.pos+1) == '\n':
			l.pos++
		case c == '\r':
			l.endWord()
			l.pos++
		case c == '\n':
			if p := l.endCommand("\n", l.pos); p != nil {
				return p
			}
			l.pos++
		case c == '\\':
			switch {
			case l.at(l.pos+1) == '\n':
				l.pos += 2 // line continuation
			case l.at(l.pos+1) == '\r' && l.at(l.pos+2) == '\n':
				l.pos += 3
			case l.pos+1 >= len(t):
				l.add(l.pos, '\\')
				l.pos++
			default:
				l.add(l.pos, t[l.pos+1])
				l.pos += 2
			}
		case c == '\'':
			end := strings.IndexByte(t[l.pos+1:], '\'')
			if end < 0 {
				return problemAt(l.pos, pasteHint+"; the closing quote may have been cut off", "unterminated single quote starting")
			}
			l.add(l.pos, []byte(t[l.pos+1:l.pos+1+end])...)
			l.pos += end + 2
		case c == '"':
			if p := l.doubleQuoted(l.pos); p != nil {
				return p
			}
		case c == '$':
			switch n := l.at(l.pos + 1); {
			case n == '\'':
				if p := l.ansiC(); p != nil {
					return p
				}
			case n == '"':
				// $"…" is a locale-translated string; without a translation it is "…".
				l.start(l.pos)
				l.pos++
				if p := l.doubleQuoted(l.pos - 1); p != nil {
					return p
				}
			case isExpansionStart(n):
				return l.expansionProblem(l.pos)
			default:
				l.add(l.pos, '$')
				l.pos++
			}
		case c == '`':
			return problemAt(l.pos, "replace the command substitution with its output (this is not PowerShell: use the bash or cmd copy)", "command substitution with backquotes")
		case c == '#' && !l.inWord:
			for l.pos < len(t) && t[l.pos] != '\n' {
				l.pos++
			}
		case c == ';' || c == '&' || c == '|':
			if c == '&' && l.at(l.pos+1) == '>' {
				l.redirection()
				continue
			}
			op := string(c)
			if n := l.at(l.pos + 1); n == c || c == '|' && n == '&' || c == ';' && n == '&' {
				op += string(n)
			}
			if p := l.endCommand(op, l.pos); p != nil {
				return p
			}
			l.pos += len(op)
		case c == '<' || c == '>':
			if c == '<' && l.at(l.pos+1) == '<' {
				return problemAt(l.pos, "give the data with --data-raw instead of a here-document", "here-document or here-string")
			}
			if c == '<' && l.at(l.pos+1) == '(' || c == '>' && l.at(l.pos+1) == '(' {
				return problemAt(l.pos, "replace the process substitution with the data itself", "process substitution")
			}
			l.redirection()
		case c == '(' || c == ')':
			return problemAt(l.pos, pasteHint, "subshell or grouping with ( )")
		default:
			l.add(l.pos, c)
			l.pos++
		}
	}
	return l.endCommand("", len(t))
}

// redirection skips a redirection operator: a file descriptor number right
// before it is dropped, and the next word (its target) is skipped.
func (l *bashLexer) redirection() {
	if l.inWord && isAllDigits(string(l.word)) && l.pos > 0 && isDigitByte(l.text[l.pos-1]) {
		l.word, l.inWord = l.word[:0], false
	} else {
		l.endWord()
	}
	start := l.pos
	if l.text[l.pos] == '&' {
		l.pos++
	}
	l.pos++
	switch n := l.at(l.pos); {
	case n == '>' || n == '|':
		l.pos++
	case n == '&':
		l.pos++
		k := l.pos
		for k < len(l.text) && (isDigitByte(l.text[k]) || l.text[k] == '-') {
			k++
		}
		if k > l.pos {
			l.note("skipped the shell redirection " + quoteCut(l.text[start:k], 20))
			l.pos = k
			return
		}
	}
	l.redirect = start
}

// isExpansionStart reports whether c after "$" starts a parameter expansion,
// command substitution or arithmetic expansion.
func isExpansionStart(c byte) bool {
	return isAlphaByte(c) || isDigitByte(c) || strings.IndexByte("_{(@*#?$!-", c) >= 0
}

func (l *bashLexer) expansionProblem(off int) *posProblem {
	end := off + 1
	for end < len(l.text) && (isAlphaByte(l.text[end]) || isDigitByte(l.text[end]) || l.text[end] == '_') {
		end++
	}
	what := l.text[off:end]
	if end == off+1 {
		what = l.text[off : off+2]
	}
	return problemAt(off, "replace it with its value; the shell's variables are not known here", "shell expansion %q", what)
}

// doubleQuoted reads a "…" string starting at l.pos (a '"'); start is where
// the quoting began, for messages.
func (l *bashLexer) doubleQuoted(start int) *posProblem {
	t := l.text
	l.start(start)
	l.pos++
	for l.pos < len(t) {
		c := t[l.pos]
		switch c {
		case '"':
			l.pos++
			return nil
		case '\\':
			switch n := l.at(l.pos + 1); n {
			case '$', '`', '"', '\\':
				l.add(l.pos, n)
				l.pos += 2
			case '\n':
				l.pos += 2
			case '\r':
				if l.at(l.pos+2) == '\n' {
					l.pos += 3
				} else {
					l.add(l.pos, '\\')
					l.pos++
				}
			default:
				l.add(l.pos, '\\')
				l.pos++
			}
		case '$':
			if isExpansionStart(l.at(l.pos + 1)) {
				return l.expansionProblem(l.pos)
			}
			l.add(l.pos, '$')
			l.pos++
		case '`':
			return problemAt(l.pos, "replace the command substitution with its output", "command substitution with backquotes")
		default:
			l.add(l.pos, c)
			l.pos++
		}
	}
	return problemAt(start, pasteHint+"; the closing quote may have been cut off", "unterminated double quote starting")
}

// ansiC reads a $'…' string (bash ANSI-C quoting) starting at l.pos.
func (l *bashLexer) ansiC() *posProblem {
	t := l.text
	start := l.pos
	l.start(start)
	l.pos += 2
	for l.pos < len(t) {
		c := t[l.pos]
		if c == '\'' {
			l.pos++
			return nil
		}
		if c != '\\' {
			l.add(l.pos, c)
			l.pos++
			continue
		}
		if l.pos+1 >= len(t) {
			break
		}
		esc := l.pos
		n := t[l.pos+1]
		l.pos += 2
		switch n {
		case 'a':
			l.add(esc, 7)
		case 'b':
			l.add(esc, 8)
		case 'e', 'E':
			l.add(esc, 0x1b)
		case 'f':
			l.add(esc, '\f')
		case 'n':
			l.add(esc, '\n')
		case 'r':
			l.add(esc, '\r')
		case 't':
			l.add(esc, '\t')
		case 'v':
			l.add(esc, '\v')
		case '\\', '\'', '"', '?':
			l.add(esc, n)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(n - '0')
			for k := 0; k < 2 && l.pos < len(t) && t[l.pos] >= '0' && t[l.pos] <= '7'; k++ {
				v = v*8 + int(t[l.pos]-'0')
				l.pos++
			}
			l.addByte(esc, byte(v))
		case 'x':
			v, k := hexPrefix(t[l.pos:], 2)
			if k == 0 {
				l.add(esc, '\\', 'x')
				break
			}
			l.pos += k
			l.addByte(esc, byte(v))
		case 'u', 'U':
			max := 4
			if n == 'U' {
				max = 8
			}
			v, k := hexPrefix(t[l.pos:], max)
			if k == 0 {
				l.add(esc, '\\', n)
				break
			}
			l.pos += k
			if p := l.addCodePoint(esc, v); p != nil {
				return p
			}
		case 'c':
			if l.pos >= len(t) {
				l.add(esc, '\\', 'c')
				break
			}
			l.add(esc, t[l.pos]&0x1f)
			l.pos++
		default:
			l.add(esc, '\\', n)
		}
	}
	return problemAt(start, pasteHint+"; the closing quote may have been cut off", "unterminated $'…' string starting")
}

// addByte adds a byte written as an octal or hex escape.
func (l *bashLexer) addByte(off int, b byte) {
	l.add(off, b)
	if b >= 0x80 {
		l.note("a \\xHH or octal escape of 0x80 or more gives a single byte, as bash passes it; Firefox writes characters U+0080 to U+00FF this way, so the browser may have sent their UTF-8 encoding instead")
	}
	if b == 0 {
		l.note("an escape gives a NUL byte, which a shell cannot pass to curl; it is kept as a byte")
	}
}

// addCodePoint adds a \u or \U escape as UTF-8. A high surrogate followed by
// a low surrogate escape (Firefox writes characters outside the BMP as two
// UTF-16 code units) is joined into one character.
func (l *bashLexer) addCodePoint(off int, v uint32) *posProblem {
	t := l.text
	switch {
	case v >= 0xD800 && v <= 0xDBFF:
		if strings.HasPrefix(t[l.pos:], `\u`) {
			if lo, k := hexPrefix(t[l.pos+2:], 4); k == 4 && lo >= 0xDC00 && lo <= 0xDFFF {
				l.pos += 2 + k
				r := rune(0x10000 + (v-0xD800)<<10 + (lo - 0xDC00))
				l.add(off, []byte(string(r))...)
				l.note("joined UTF-16 surrogate pairs written as two \\u escapes (as Firefox writes characters outside the BMP) into single characters")
				return nil
			}
		}
		return problemAt(off, "write the character itself or its UTF-8 bytes (\\xHH)", "lone UTF-16 surrogate \\u%04x", v)
	case v >= 0xDC00 && v <= 0xDFFF:
		return problemAt(off, "write the character itself or its UTF-8 bytes (\\xHH)", "lone UTF-16 surrogate \\u%04x", v)
	case v > utf8.MaxRune:
		return problemAt(off, "a Unicode code point is at most \\U0010FFFF", "\\U escape beyond Unicode")
	case v == 0:
		l.note("an escape gives a NUL byte, which a shell cannot pass to curl; it is kept as a byte")
	}
	l.add(off, []byte(string(rune(v)))...)
	return nil
}

// hexPrefix reads up to max hex digits from the start of s.
func hexPrefix(s string, max int) (v uint32, n int) {
	for n < max && n < len(s) && isHexByte(s[n]) {
		c := s[n]
		var d byte
		switch {
		case isDigitByte(c):
			d = c - '0'
		case c >= 'a':
			d = c - 'a' + 10
		default:
			d = c - 'A' + 10
		}
		v = v<<4 | uint32(d)
		n++
	}
	return v, n
}
