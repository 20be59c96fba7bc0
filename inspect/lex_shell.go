package inspect

// shellWord is one argument after the shell's quote removal.
type shellWord struct {
	s   string
	off int // byte offset of the word's first character in the text
}

// shellCommand is one simple command.
type shellCommand struct {
	words     []shellWord
	afterPipe bool // reads the output of the command before it
}

// wordBuilder accumulates commands and words for both lexers.
type wordBuilder struct {
	cmds     []shellCommand
	cur      shellCommand
	word     []byte
	inWord   bool
	wordOff  int
	redirect int // >= 0: the next word is the target of a redirection at this offset
	notes    []string
	noted    map[string]bool
}

func (w *wordBuilder) start(off int) {
	if !w.inWord {
		w.inWord, w.wordOff = true, off
	}
}

func (w *wordBuilder) add(off int, c ...byte) {
	w.start(off)
	w.word = append(w.word, c...)
}

func (w *wordBuilder) endWord() {
	if !w.inWord {
		return
	}
	if w.redirect >= 0 {
		w.note("skipped the shell redirection to " + quoteCut(string(w.word), 40))
		w.redirect = -1
	} else {
		w.cur.words = append(w.cur.words, shellWord{s: string(w.word), off: w.wordOff})
	}
	w.word, w.inWord = w.word[:0], false
}

// endCommand ends the current command; op is the operator that ended it.
func (w *wordBuilder) endCommand(op string, off int) *posProblem {
	w.endWord()
	if w.redirect >= 0 {
		return problemAt(w.redirect, "give the redirection a target or remove it", "redirection without a target")
	}
	if len(w.cur.words) > 0 || op == "|" || op == "|&" {
		if len(w.cur.words) == 0 {
			return problemAt(off, "paste the command exactly as the browser copied it", "pipe %q without a command before it", op)
		}
		w.cmds = append(w.cmds, w.cur)
	}
	w.cur = shellCommand{afterPipe: op == "|" || op == "|&"}
	return nil
}

func (w *wordBuilder) note(n string) {
	if w.noted == nil {
		w.noted = map[string]bool{}
	}
	if !w.noted[n] {
		w.noted[n] = true
		w.notes = append(w.notes, n)
	}
}
