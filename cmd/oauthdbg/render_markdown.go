package main

import (
	"fmt"
	"io"
	"strings"
)

// writeMarkdownRequest writes one checked request as Markdown.
func writeMarkdownRequest(w io.Writer, r *checked, steps, show bool) {
	plain := newPalette(false)
	fmt.Fprintf(w, "\n**%s**\n\n", verdict(plain, r))
	if r.err != nil {
		for _, n := range textNotes(r) {
			fmt.Fprintf(w, "- note: %s\n", mdCell(n))
		}
		return
	}
	rep := r.report.Display(show, visible)
	fmt.Fprintf(w, "- request: `%s %s`\n", rep.Method, mdCode(rep.URL))
	if rep.Origin != "" {
		fmt.Fprintf(w, "- from: `%s`\n", mdCode(rep.Origin))
	}
	for _, n := range textNotes(r) {
		fmt.Fprintf(w, "- note: %s\n", mdCell(n))
	}
	if s := secretsLine(rep); s != "" {
		fmt.Fprintf(w, "- secrets: %s\n", mdCell(s))
	}
	if !rep.Valid && rep.Unchecked == "" {
		fmt.Fprintf(w, "- signature sent: `%s`\n", rep.Signature.Supplied)
		if rep.Signature.Expected != "" {
			fmt.Fprintf(w, "- signature expected: `%s`\n", rep.Signature.Expected)
		}
		if rep.Cause != nil {
			fmt.Fprintf(w, "- cause: %s (`%s`)\n", rep.Cause.Title, strings.Join(rep.Cause.IDs, "+"))
			if d := strings.TrimSpace(rep.Cause.Detail); d != "" {
				fmt.Fprintf(w, "  %s\n", strings.ReplaceAll(d, "\n", "\n  "))
			}
			if rep.Cause.Fix != "" {
				fmt.Fprintf(w, "- fix: %s\n", rep.Cause.Fix)
			}
		} else {
			fmt.Fprintf(w, "- cause: %s", notFound(rep, "not found in the catalogue", "not found before the search stopped"))
			if rep.Unexplained != "" {
				fmt.Fprintf(w, ": %s", rep.Unexplained)
			}
			fmt.Fprintln(w)
		}
	}
	if rep.Diff != nil && !rep.Diff.Equal() {
		label := diffLabel(rep)
		fmt.Fprintf(w, "\nBase string diff:\n\n```diff\n")
		_ = renderDiff(w, rep.Diff, "correct", label, diffStyle(plain))
		fmt.Fprintf(w, "```\n")
	}
	if len(rep.Hints) > 0 {
		fmt.Fprintf(w, "\nWhat the %s base string shows (%s):\n\n", rep.DiffAgainst, hintsProof(rep))
		for _, h := range rep.Hints {
			fmt.Fprintf(w, "- %s (%s) `%s`\n", mdCell(h.Detail), mdCell(h.Part), h.ID)
		}
	}
	if len(rep.Findings) > 0 {
		fmt.Fprintf(w, "\nProtocol lint:\n\n")
		for _, f := range rep.Findings {
			fmt.Fprintf(w, "- **%s** %s%s `%s`\n", f.Severity, mdCell(f.Message), section(f.Section), f.ID)
		}
	}
	if steps {
		fmt.Fprintf(w, "\nHow the base string is built:\n\n")
		fmt.Fprintln(w, "| step | RFC 5849 | result |")
		fmt.Fprintln(w, "|---|---|---|")
		for _, s := range rep.Steps {
			fmt.Fprintf(w, "| %s | %s | `%s` |\n", mdCell(s.Name), mdCell(s.Section), mdCode(s.Output))
		}
	}
	fmt.Fprintf(w, "\nCorrect base string (RFC 5849 §3.4.1):\n\n```\n%s\n```\n", rep.BaseString)
}

// mdCode makes text safe inside inline code in a table cell.
func mdCode(s string) string {
	s = strings.ReplaceAll(s, "`", "'")
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}
