package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/fatih/color"

	"github.com/oauthdbg/oauthdbg/compare"
)

// diffColors colors a rendered diff. A nil field leaves that kind of text
// plain; with every field nil, changed lines are marked by "-" and "+" only.
type diffColors struct {
	del, ins, faint *color.Color
}

// renderDiff writes the diff for people, go-cmp style: a "-labelA +labelB"
// header, then the method, the URI and one parameter per line. Runs of
// identical parameters are elided ("  … 5 identical parameters"); lines only
// in A start with "- ", lines only in B with "+ ", and a changed line is
// shown as its "-" line followed by its "+" line. With colors, the changed
// characters of a changed line are colored too. Text that is not printable
// is shown quoted. The output is the same for the same diff and colors.
func renderDiff(w io.Writer, d *compare.BaseStringDiff, labelA, labelB string, style diffColors) error {
	if d == nil {
		return fmt.Errorf("render diff: no diff")
	}
	var out strings.Builder
	out.WriteString(paint(style.del, "-"+labelA) + " " + paint(style.ins, "+"+labelB) + "\n")
	same := 0 // pending identical parameter lines
	var lastSame string
	flushSame := func() {
		switch {
		case same == 1:
			out.WriteString("  " + printable(lastSame) + "\n")
		case same > 1:
			out.WriteString(paint(style.faint, fmt.Sprintf("  … %d identical parameters", same)) + "\n")
		}
		same = 0
	}
	for _, l := range d.Lines() {
		switch l.Kind {
		case compare.LineSame:
			if l.Param {
				same++
				lastSame = l.A
				continue
			}
			flushSame()
			out.WriteString("  " + printable(l.A) + "\n")
		case compare.LineOnlyA:
			flushSame()
			out.WriteString(paint(style.del, "- "+printable(l.A)) + "\n")
		case compare.LineOnlyB:
			flushSame()
			out.WriteString(paint(style.ins, "+ "+printable(l.B)) + "\n")
		case compare.LineChanged:
			flushSame()
			renderChanged(&out, l, style)
		}
	}
	flushSame()
	if _, err := io.WriteString(w, out.String()); err != nil {
		return fmt.Errorf("render diff: %w", err)
	}
	return nil
}

// renderChanged writes a changed line as its "-" and "+" lines. With colors,
// the characters that differ are colored inside the lines.
func renderChanged(out *strings.Builder, l compare.DiffLine, style diffColors) {
	if l.Segments == nil || (style.del == nil && style.ins == nil) {
		out.WriteString(paint(style.del, "- "+printable(l.A)) + "\n")
		out.WriteString(paint(style.ins, "+ "+printable(l.B)) + "\n")
		return
	}
	var la, lb strings.Builder
	la.WriteString(paint(style.del, "-") + " ")
	lb.WriteString(paint(style.ins, "+") + " ")
	for _, s := range l.Segments {
		switch s.Op {
		case compare.OpEqual:
			la.WriteString(s.Text)
			lb.WriteString(s.Text)
		case compare.OpDelete:
			la.WriteString(paint(style.del, s.Text))
		case compare.OpInsert:
			lb.WriteString(paint(style.ins, s.Text))
		}
	}
	out.WriteString(la.String() + "\n" + lb.String() + "\n")
}

// paint colors s with c, or returns it unchanged when c is nil.
func paint(c *color.Color, s string) string {
	if c == nil || s == "" {
		return s
	}
	return c.Sprint(s)
}

// printable returns s, or s quoted when writing it as it is could break the
// line structure or send control sequences to a terminal (a base string can
// come from a server's error body).
func printable(s string) string {
	if compare.Printable(s) {
		return s
	}
	return strconv.Quote(s)
}
