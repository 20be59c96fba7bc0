package main

import (
	"fmt"
	"io"
	"strings"
)

// renderMarkdown writes a report to paste into a support ticket: a summary
// table, then each request (or, for several, each failure) in full.
// Secrets are redacted like every other output.
func (c *cli) renderMarkdown(rs []*checked, multi bool, total int, steps bool) {
	w := &c.out
	plain := newPalette(false)
	fmt.Fprintln(w, "## OAuth signature check")
	if multi {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| # | method | URL | verdict | cause |")
		fmt.Fprintln(w, "|---|---|---|---|---|")
		valid := 0
		for i, r := range rs {
			method, u := r.req.Method, r.req.URL
			if r.report != nil {
				method, u = r.report.Method, r.report.URL
			}
			if !r.failed() {
				valid++
			}
			cause := shortCause(r)
			if cause != "" && r.err == nil {
				cause = "`" + cause + "`"
			}
			fmt.Fprintf(w, "| %s | %s | `%s` | %s | %s |\n", entryLabel(r, i), method, mdCode(u), shortVerdict(plain, r), mdCell(cause))
		}
		fmt.Fprintf(w, "\n%s of %d: %d without problems, %d with.\n", plural(len(rs), "OAuth request"), total, valid, len(rs)-valid)
	}
	for i, r := range rs {
		if multi && !r.failed() && !steps {
			continue
		}
		if multi {
			fmt.Fprintf(w, "\n### #%s %s `%s`\n", entryLabel(r, i), r.req.Method, mdCode(r.req.URL))
		}
		writeMarkdownRequest(w, r, steps)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "_Checked with oauthdbg; secrets are redacted._")
}

// writeMarkdownRequest writes one checked request as Markdown.
func writeMarkdownRequest(w io.Writer, r *checked, steps bool) {
	plain := newPalette(false)
	fmt.Fprintf(w, "\n**%s**\n\n", verdict(plain, r))
	if r.err != nil {
		return
	}
	rep := r.report
	fmt.Fprintf(w, "- request: `%s %s`\n", rep.Method, mdCode(rep.URL))
	if rep.Origin != "" {
		fmt.Fprintf(w, "- from: `%s`\n", mdCode(rep.Origin))
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
			fmt.Fprintf(w, "- cause: not found in the catalogue")
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
