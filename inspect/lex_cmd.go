package inspect

import "strings"

// cmdByte is one character after cmd.exe's caret processing, with its
// offset in the text.
type cmdByte struct {
	c   byte
	off int
}

// lexCmd splits text into commands and words as cmd.exe and then the C
// runtime's argument parser do.
func lexCmd(text string) ([]shellCommand, []string, *posProblem) {
	w := &wordBuilder{redirect: -1}
	var line []cmdByte
	inQuote := false
	flush := func(op string, off int) *posProblem {
		words, p := splitCRT(line)
		if p != nil {
			return p
		}
		w.cur.words = words
		line, inQuote = line[:0], false
		return w.endCommand(op, off)
	}
	t := text
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case c == '^':
			if i+1 >= len(t) {
				i++
				break
			}
			n := t[i+1]
			nl := 0
			if n == '\n' {
				nl = 1
			} else if n == '\r' && i+2 < len(t) && t[i+2] == '\n' {
				nl = 2
			}
			if nl == 0 {
				line = append(line, cmdByte{n, i})
				i += 2
				break
			}
			// A caret at the end of a line joins the next line; the first
			// character there is taken literally, so "^" and two line
			// breaks give one line break.
			i += 1 + nl
			const lfNote = "a line break inside a cmd value is read as LF: cmd quoting cannot carry CR, so a CRLF the browser sent became LF in the copy"
			switch {
			case i >= len(t):
			case t[i] == '\n':
				line = append(line, cmdByte{'\n', i})
				w.note(lfNote)
				i++
			case t[i] == '\r' && i+1 < len(t) && t[i+1] == '\n':
				line = append(line, cmdByte{'\n', i})
				w.note(lfNote)
				i += 2
			default:
				line = append(line, cmdByte{t[i], i})
				i++
			}
		case c == '"':
			inQuote = !inQuote
			line = append(line, cmdByte{c, i})
			i++
		case c == '\n':
			if p := flush("\n", i); p != nil {
				return nil, nil, p
			}
			i++
		case c == '\r':
			line = append(line, cmdByte{' ', i})
			i++
		case !inQuote && (c == '&' || c == '|'):
			op := string(c)
			if i+1 < len(t) && t[i+1] == c {
				op += string(c)
			}
			if p := flush(op, i); p != nil {
				return nil, nil, p
			}
			i += len(op)
		case !inQuote && (c == '<' || c == '>'):
			start := i
			// A single digit right before the operator is a handle number.
			if k := len(line); k > 0 && isDigitByte(line[k-1].c) && line[k-1].off == i-1 && (k == 1 || line[k-2].c == ' ' || line[k-2].c == '\t') {
				line = line[:k-1]
				start--
			}
			i++
			if i < len(t) && t[i] == '>' {
				i++
			}
			if i+1 < len(t) && t[i] == '&' && isDigitByte(t[i+1]) {
				i += 2
			} else {
				for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
					i++
				}
				q := false
				k := i
				for k < len(t) && t[k] != '\n' && t[k] != '\r' && (q || t[k] != ' ' && t[k] != '\t' && t[k] != '&' && t[k] != '|') {
					if t[k] == '"' {
						q = !q
					}
					k++
				}
				if k == i {
					return nil, nil, problemAt(start, "give the redirection a target or remove it", "redirection without a target")
				}
				i = k
			}
			w.note("skipped the shell redirection " + quoteCut(strings.TrimSpace(t[start:i]), 40))
		default:
			line = append(line, cmdByte{c, i})
			i++
		}
	}
	if p := flush("", len(t)); p != nil {
		return nil, nil, p
	}
	return w.cmds, w.notes, nil
}

// splitCRT splits one command line into arguments by the rules of the
// Microsoft C runtime (CommandLineToArgvW): space and tab separate arguments
// outside quotes, 2n backslashes before a quote give n backslashes and the
// quote toggles quoting, 2n+1 give n backslashes and a literal quote, other
// backslashes are literal, and "" inside quotes is a literal quote.
func splitCRT(line []cmdByte) ([]shellWord, *posProblem) {
	var words []shellWord
	var buf []byte
	for i := 0; i < len(line); {
		for i < len(line) && (line[i].c == ' ' || line[i].c == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		start := line[i].off
		buf = buf[:0]
		inQ, qStart := false, 0
		for i < len(line) {
			c := line[i].c
			if !inQ && (c == ' ' || c == '\t') {
				break
			}
			switch c {
			case '\\':
				k := i
				for k < len(line) && line[k].c == '\\' {
					k++
				}
				n := k - i
				if k < len(line) && line[k].c == '"' {
					buf = append(buf, strings.Repeat("\\", n/2)...)
					if n%2 == 1 {
						buf = append(buf, '"')
						k++
					}
				} else {
					buf = append(buf, strings.Repeat("\\", n)...)
				}
				i = k
			case '"':
				if inQ && i+1 < len(line) && line[i+1].c == '"' {
					buf = append(buf, '"')
					i += 2
					continue
				}
				if !inQ {
					qStart = line[i].off
				}
				inQ = !inQ
				i++
			default:
				buf = append(buf, c)
				i++
			}
		}
		if inQ {
			return nil, problemAt(qStart, pasteHint+"; the closing quote may have been cut off", "unterminated double quote starting")
		}
		words = append(words, shellWord{s: string(buf), off: start})
	}
	return words, nil
}
