package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/oauthdbg/oauthdbg/compare"
)

// The output formats of check (--format).
const (
	formatText     = "text"
	formatJSON     = "json"
	formatMarkdown = "markdown"
)

// outputFormat reads --format and its shorthands --json and --markdown,
// checking each conflict with its own message.
func outputFormat(format string, asJSON, asMarkdown bool) (string, error) {
	switch format {
	case "", formatText, formatJSON, formatMarkdown:
	default:
		return "", usageErr(fmt.Sprintf("--format %q is not text, json or markdown", format))
	}
	switch {
	case asJSON && asMarkdown:
		return "", usageErr("--json and --markdown cannot be combined", "pick one output format")
	case asJSON && format != "" && format != formatJSON:
		return "", usageErr(fmt.Sprintf("--json and --format %s cannot be combined", format), "--json is short for --format json")
	case asMarkdown && format != "" && format != formatMarkdown:
		return "", usageErr(fmt.Sprintf("--markdown and --format %s cannot be combined", format), "--markdown is short for --format markdown")
	case asJSON:
		return formatJSON, nil
	case asMarkdown:
		return formatMarkdown, nil
	case format == "":
		return formatText, nil
	}
	return format, nil
}

// streamWriter writes the reports of check one at a time, in input order,
// each redacted and flushed to stdout before the next, and keeps only the
// counts and the short table rows.
//
// Whether the output is the report of one request or the stream of many is
// known only at the second request (or the first HAR entry, or a second
// INPUT), so the first request is held until then.
type streamWriter struct {
	c     *cli
	f     *checkFlags
	out   string // formatText, formatJSON or formatMarkdown
	p     *palette
	many  bool // several INPUTs: a stream whatever they hold
	multi bool // decided: a stream of many reports
	held  *checked
	n     int
	sum   summary
}

// emit takes the next checked request.
func (w *streamWriter) emit(r *checked) error {
	w.n++
	if !w.multi {
		if !w.many && w.held == nil && !isHAREntry(r) {
			w.held = r
			return nil
		}
		w.multi = true
		w.begin()
		if h := w.held; h != nil {
			w.held = nil
			if err := w.write(h); err != nil {
				return err
			}
		}
	}
	return w.write(r)
}

// isHAREntry reports whether a request came from a HAR file.
func isHAREntry(r *checked) bool { return r.req.Origin.Entry >= 0 }

// label names a request in the table and above its report: its HAR entry
// or place in the input, or with several INPUTs its origin (file:line,
// file#entry), since entry numbers repeat from file to file.
func (w *streamWriter) label(r *checked) string {
	if w.many {
		return r.req.Origin.String()
	}
	return entryLabel(r, r.index)
}

// begin writes what comes before the first report of a stream.
func (w *streamWriter) begin() {
	if w.out == formatMarkdown {
		fmt.Fprintln(&w.c.out, "## OAuth signature check")
		w.c.flush()
	}
}

// prerender renders and redacts the report of a request as a stream shows
// it, on the worker that judged it, so that the writer only writes.
func (w *streamWriter) prerender(r *checked) {
	var b bytes.Buffer
	switch w.out {
	case formatJSON:
		// The line is the chunk: no copy into a buffer.
		r.chunk, r.renderErr = jsonReportLine(r, w.c.show)
		return
	case formatMarkdown:
		if r.failed() || w.f.steps || len(textNotes(r)) > 0 {
			fmt.Fprintf(&b, "\n### #%s %s `%s`\n", visible(w.label(r)), visible(r.req.Method), mdCode(compare.RequestURLText(r.req).Render(w.c.show, visible)))
			writeMarkdownRequest(&b, r, w.f.steps, w.c.show)
		}
	default:
		// A request is shown in full when it failed, with --steps, or when
		// the reader left a note on it: every note reaches the user.
		if !w.f.quiet && (r.failed() || w.f.steps || len(textNotes(r)) > 0) {
			fmt.Fprintf(&b, "%s\n", w.p.bold.Sprintf("── #%s ──", visible(w.label(r))))
			fmt.Fprintln(&b, verdict(w.p, r))
			if r.err == nil {
				w.c.renderDetails(&b, w.p, r, w.f.steps)
			} else {
				writeTextNotes(&b, w.p, r)
			}
			fmt.Fprintln(&b)
		}
	}
	if b.Len() > 0 {
		r.chunk = b.Bytes()
	}
}

// write writes one report of a stream, rendered and redacted by prerender.
func (w *streamWriter) write(r *checked) error {
	if r.renderErr != nil {
		return r.renderErr
	}
	w.sum.add(r, w.label(r), w.out != formatJSON && !(w.f.quiet && w.f.summary))
	return w.c.writeRedacted(r.chunk)
}

// finish writes what follows the reports: the single report when there was
// only one request, else the table and its count line; then the summary.
func (w *streamWriter) finish(total int) error {
	c := w.c
	if !w.multi {
		r := w.held
		w.sum.add(r, "", false)
		if r.err != nil {
			// A request that cannot be checked is an input error (status
			// 2); its message goes to stderr, after the reader's notes.
			if !w.f.quiet {
				for _, n := range textNotes(r) {
					fmt.Fprintf(&c.errOut, "oauthdbg: note: %s\n", n)
				}
			}
			if w.f.summary {
				w.writeSummary()
			}
			return nil
		}
		switch {
		case w.out == formatJSON:
			if r.renderErr != nil {
				return r.renderErr
			}
			if err := c.writeRedacted(r.chunk); err != nil {
				return err
			}
		case w.out == formatMarkdown:
			fmt.Fprintln(&c.out, "## OAuth signature check")
			writeMarkdownRequest(&c.out, r, w.f.steps, c.show)
			w.markdownEnd()
			return nil
		case !(w.f.quiet && w.f.summary):
			c.renderText(w.p, r, w.f.quiet, w.f.steps)
		}
		c.flush()
		if w.f.summary {
			w.writeSummary()
		}
		return nil
	}
	switch w.out {
	case formatMarkdown:
		writeMarkdownTable(&c.out, w.sum.rows, total, &w.sum)
		w.markdownEnd()
		return nil
	case formatText:
		if !(w.f.quiet && w.f.summary) {
			writeTextTable(&c.out, w.p, w.sum.rows, total, &w.sum)
			if !w.f.quiet {
				fmt.Fprintln(&c.out)
				tip(&c.out, w.p, "--json prints one object per request, for scripts; --markdown a report for a ticket")
			}
		}
	}
	c.flush()
	if w.f.summary {
		w.writeSummary()
	}
	return nil
}

// markdownEnd writes the end of a Markdown report: the summary when asked
// for, then the footer.
func (w *streamWriter) markdownEnd() {
	if w.f.summary {
		w.writeSummary()
	}
	fmt.Fprintln(&w.c.out)
	fmt.Fprintln(&w.c.out, "_Checked with oauthdbg; secrets are redacted._")
	w.c.flush()
}

// jsonSummary is the last line of a --json --summary stream.
type jsonSummary struct {
	SchemaVersion int      `json:"schema_version"`
	Summary       *summary `json:"summary"`
}

// writeSummary writes the counts by verdict, by cause and by consumer key.
func (w *streamWriter) writeSummary() {
	c, s := w.c, &w.sum
	if w.out == formatJSON {
		enc := json.NewEncoder(&c.out)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(jsonSummary{compare.SchemaVersion, s})
		c.flush()
		return
	}
	o := &c.out
	if w.out == formatMarkdown {
		fmt.Fprintln(o, "\n### Summary\n\n```")
	} else if !w.f.quiet {
		fmt.Fprintln(o)
	}
	fmt.Fprintf(o, "summary: %s\n", plural(s.Total, "OAuth request"))
	tw := tabwriter.NewWriter(o, 0, 0, 2, ' ', 0)
	for _, v := range []struct {
		name string
		n    int
	}{{"valid", s.Valid}, {"invalid", s.Invalid}, {"lint errors", s.Lint}, {"unchecked", s.Unchecked}} {
		fmt.Fprintf(tw, "  %s\t%d\t%s\n", v.name, v.n, percent(v.n, s.Total))
	}
	_ = tw.Flush()
	notValid := s.Total - s.Valid
	if notValid > 0 {
		fmt.Fprintf(o, "by cause (of the %d not valid):\n", notValid)
		tw = tabwriter.NewWriter(o, 0, 0, 2, ' ', 0)
		for _, k := range byCount(s.Causes) {
			fmt.Fprintf(tw, "  %s\t%d\t%s\n", visible(k), s.Causes[k], percent(s.Causes[k], notValid))
		}
		_ = tw.Flush()
	}
	fmt.Fprintln(o, "by consumer key:")
	tw = tabwriter.NewWriter(o, 0, 0, 2, ' ', 0)
	for _, k := range byCount(s.Consumers) {
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%d not valid\n", visible(k), s.Consumers[k], percent(s.Consumers[k], s.Total), s.Failing[k])
	}
	_ = tw.Flush()
	if w.out == formatMarkdown {
		fmt.Fprintln(o, "```")
	}
	c.flush()
}

// byCount sorts a count map's keys, most frequent first, then by name.
func byCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(a, b)
	})
	return keys
}

// jsonReportLine is one line of check's JSON output, newline included: the
// report with the reader's notes, or the error of a request that could not
// be checked; secrets are shown only with show.
func jsonReportLine(r *checked, show bool) ([]byte, error) {
	if r.err != nil {
		e := jsonError{SchemaVersion: compare.SchemaVersion, Origin: r.req.Origin.String(),
			Method: r.req.Method, URL: compare.RequestURLText(r.req).JSON(show), Error: r.err.Error(), Notes: r.req.Notes}
		if r.req.Origin.Entry >= 0 {
			n := r.req.Origin.Entry
			e.Entry = &n
		}
		return marshalJSON(e)
	}
	// Report.MarshalJSON gives compact JSON; called directly it is not
	// compacted a second time, as an Encoder would.
	b, err := r.report.Display(show, nil).MarshalJSON()
	if err != nil {
		return nil, err
	}
	b = append(escapeC1(b), '\n')
	if len(r.req.Notes) > 0 {
		// The report's own MarshalJSON decides its fields; the reader's
		// notes are added as its last field.
		notes, err := marshalJSON(r.req.Notes)
		if err != nil {
			return nil, err
		}
		b = bytes.TrimRight(b, "\n")
		b = append(b[:len(b)-1], `,"notes":`...)
		b = append(b, bytes.TrimRight(notes, "\n")...)
		b = append(b, "}\n"...)
	}
	return b, nil
}

// marshalJSON encodes v on one line without HTML escaping, C1 controls
// escaped (see escapeC1).
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return escapeC1(buf.Bytes()), nil
}

// escapeC1 rewrites every C1 control (U+0080–U+009F, which some terminals
// act on as ESC sequences: U+009B is CSI) in JSON text as a \u escape.
// encoding/json escapes C0 controls, U+2028 and U+2029 but not these; the
// JSON decodes to the same value. Outside strings JSON is ASCII, so every
// such rune is inside a string.
func escapeC1(b []byte) []byte {
	i := bytes.IndexByte(b, 0xc2)
	if i < 0 {
		return b
	}
	const hex = "0123456789abcdef"
	out := make([]byte, 0, len(b)+16)
	for ; i >= 0; i = bytes.IndexByte(b, 0xc2) {
		if i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] < 0xa0 {
			out = append(out, b[:i]...)
			out = append(out, '\\', 'u', '0', '0', hex[b[i+1]>>4], hex[b[i+1]&0xf])
		} else {
			out = append(out, b[:i+1]...)
			i-- // keep the byte after 0xc2
		}
		b = b[i+2:]
	}
	return append(out, b...)
}

// countLine is the line under the table of a stream.
func countLine(s *summary, total int) string {
	what := "requests"
	if s.har && s.inputs < 2 {
		what = "entries"
	}
	line := fmt.Sprintf("%s of %d %s: %d valid, %d invalid", plural(s.Total, "OAuth request"), total, what, s.Valid, s.Invalid)
	if s.Lint > 0 {
		line += fmt.Sprintf(", %d with lint errors", s.Lint)
	}
	if s.Unchecked > 0 {
		line += fmt.Sprintf(", %d unchecked", s.Unchecked)
	}
	return line
}

// writeTextTable writes the table of a stream: one row per OAuth-signed
// request, then the count line.
func writeTextTable(w io.Writer, p *palette, rows []row, total int, s *summary) {
	// Colors are applied after tabwriter has measured the plain text.
	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tMETHOD\tURL\tVERDICT\tCAUSE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.label, r.method, truncate(r.url, 64), r.verdict, r.cause)
	}
	_ = tw.Flush()
	// tabwriter pads the last cells; trailing blanks help nobody.
	lines := strings.Split(table.String(), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	text := strings.Join(lines, "\n")
	if p.on {
		text = strings.NewReplacer("✓ valid", p.good.Sprint("✓ valid"), "✗ invalid", p.bad.Sprint("✗ invalid"),
			"✗ error", p.bad.Sprint("✗ error"), "✗ lint", p.bad.Sprint("✗ lint"), "? unchecked", p.warn.Sprint("? unchecked")).Replace(text)
	}
	_, _ = io.WriteString(w, text)
	if s.dropped > 0 {
		fmt.Fprintf(w, "… and %d more not in the table (--summary counts them, --json lists each)\n", s.dropped)
	}
	fmt.Fprintf(w, "\n%s\n", countLine(s, total))
}

// writeMarkdownTable writes the table of a stream as Markdown.
func writeMarkdownTable(w io.Writer, rows []row, total int, s *summary) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| # | method | URL | verdict | cause |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, r := range rows {
		cause := r.cause
		if cause != "" && !strings.Contains(r.verdict, "error") {
			cause = "`" + cause + "`"
		}
		fmt.Fprintf(w, "| %s | %s | `%s` | %s | %s |\n", r.label, r.method, mdCode(r.url), r.verdict, mdCell(cause))
	}
	if s.dropped > 0 {
		fmt.Fprintf(w, "\n… and %d more not in the table (--json lists each).\n", s.dropped)
	}
	fmt.Fprintf(w, "\n%s.\n", countLine(s, total))
}

// schemeNote is how the raw HTTP reader's note about an unknown scheme
// starts; the text and Markdown reports say the same with the outcome
// ("it verifies as https"), so they leave the note out. --json keeps it.
const schemeNote = "the capture does not say whether the request was made over http or https"

// writeTextNotes writes the reader's notes on a request, one a line.
func writeTextNotes(w io.Writer, p *palette, r *checked) {
	for _, n := range textNotes(r) {
		fmt.Fprintf(w, "  %s\n", p.faint.Sprint("note: "+n))
	}
}

// textNotes returns the reader's notes that the text and Markdown reports
// print.
func textNotes(r *checked) []string {
	var notes []string
	for _, n := range r.req.Notes {
		if strings.HasPrefix(n, schemeNote) && r.report != nil && r.report.Reading.SchemeSource == "assumed" && r.report.Unchecked == "" {
			continue
		}
		notes = append(notes, visible(n))
	}
	return notes
}
