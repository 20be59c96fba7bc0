package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/oauthdbg/oauthdbg/compare"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// verdict is the first line of a checked request: the outcome and the
// signature method.
func verdict(p *palette, r *checked) string {
	if r.err != nil {
		return p.bad.Sprint("✗ cannot check") + ": " + visible(r.err.Error())
	}
	m := visible(r.report.SignatureMethod)
	if m == "" {
		m = "no signature method"
	}
	n := lintErrors(r.report.Findings)
	switch {
	case r.report.Unchecked != "":
		return p.warn.Sprint("? signature not checked") + " (" + m + "): " + visible(r.report.Unchecked)
	case !r.report.Valid:
		return p.bad.Sprint("✗ signature mismatch") + " (" + m + ")"
	case n > 0:
		return p.bad.Sprint("✗ signature valid") + " (" + m + "), but " + plural(n, "lint error")
	}
	if pr := r.report.ProviderRule; pr != nil {
		return p.good.Sprint("✓ signature valid for "+pr.Provider) + " (" + m + "): it follows " + pr.Provider + "'s own rule, not RFC 5849's: " + pr.Rule + " [" + strings.Join(pr.IDs, "+") + "]"
	}
	return p.good.Sprint("✓ signature valid") + " (" + m + ")"
}

// lintErrors counts the findings of severity error.
func lintErrors(fs []inspect.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == inspect.SeverityError {
			n++
		}
	}
	return n
}

// causeIDs names the mistakes of an explanation, e.g. "[plus-for-space]".
func causeIDs(e *compare.Explanation) string {
	return "[" + strings.Join(e.IDs, "+") + "]"
}

// renderText writes the text report of a single request.
func (c *cli) renderText(p *palette, r *checked, quiet, steps bool) {
	w := &c.out
	fmt.Fprintln(w, verdict(p, r))
	if quiet {
		return
	}
	c.renderDetails(w, p, r, steps)
	fmt.Fprintln(w)
	if steps {
		tip(w, p, "--json gives the same as one JSON object per request, for scripts")
	} else {
		tip(w, p, "--steps shows how the base string was built; --json for scripts")
	}
}

// renderDetails writes everything after the verdict: the request, the
// cause and its fix, the diff, lint findings and, with steps, the steps.
func (c *cli) renderDetails(w io.Writer, p *palette, r *checked, steps bool) {
	rep := r.report.Display(c.show, visible)
	fmt.Fprintf(w, "  %s %s\n", rep.Method, rep.URL)
	if rep.Origin != "" {
		fmt.Fprintf(w, "  %s\n", p.faint.Sprint("from "+rep.Origin))
	}
	writeTextNotes(w, p, r)
	if s := secretsLine(rep); s != "" {
		fmt.Fprintf(w, "  %s\n", p.faint.Sprint(s))
	}
	if rd := rep.Reading; rd.SchemeSource == "assumed" && rep.Unchecked == "" {
		if rep.Valid {
			fmt.Fprintf(w, "  %s\n", p.faint.Sprintf("the capture does not give the scheme; it verifies as %s", rd.Scheme))
		} else {
			fmt.Fprintf(w, "  %s\n", p.faint.Sprintf("the capture does not give the scheme; http and https were tried, %s is shown", rd.Scheme))
		}
	}
	if !rep.Valid && rep.Unchecked == "" {
		fmt.Fprintln(w)
		if rep.Cause != nil {
			fmt.Fprintf(w, "%s %s %s\n", p.bold.Sprint("cause:"), rep.Cause.Title, p.faint.Sprint(causeIDs(rep.Cause)))
			if d := strings.TrimSpace(rep.Cause.Detail); d != "" {
				writeIndented(w, "  ", d)
			}
			if rep.Cause.Fix != "" {
				fmt.Fprintf(w, "%s %s\n", p.bold.Sprint("fix:"), rep.Cause.Fix)
			}
			if len(rep.Cause.Equivalent) > 0 {
				fmt.Fprintf(w, "  %s\n", p.faint.Sprint("the same base string also comes from: "+strings.Join(rep.Cause.Equivalent, ", ")))
			}
			if len(rep.Explanations) > 1 {
				var others []string
				for _, e := range rep.Explanations[1:] {
					others = append(others, strings.Join(e.IDs, "+"))
				}
				fmt.Fprintf(w, "  %s\n", p.faint.Sprint("other explanations that reproduce the signature: "+strings.Join(others, ", ")))
			}
		} else {
			fmt.Fprintf(w, "%s %s\n", p.bold.Sprint("cause:"), notFound(rep, "not found in the catalogue", "not found before the search stopped"))
			if rep.Unexplained != "" {
				writeIndented(w, "  ", rep.Unexplained)
			}
		}
		if rep.Published != nil {
			fmt.Fprintf(w, "%s this signature is copied from %s\n", p.warn.Sprint("note:"), rep.Published.Source)
			if rep.Published.Explanation != "" {
				writeIndented(w, "  ", rep.Published.Explanation)
			}
		}
		if sb := rep.ServerBaseString; sb != nil {
			fmt.Fprintf(w, "%s the response (%s) shows the base string the server built", p.warn.Sprint("server:"), sb.Provider)
			if sb.Problem != "" {
				fmt.Fprintf(w, ", oauth_problem=%s", sb.Problem)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "  signature sent:     %s\n", rep.Signature.Supplied)
		if rep.Signature.Expected != "" {
			fmt.Fprintf(w, "  signature expected: %s\n", rep.Signature.Expected)
		}
	}
	if rep.Diff != nil && !rep.Diff.Equal() {
		fmt.Fprintln(w)
		_ = renderDiff(w, rep.Diff, "correct", diffLabel(rep), diffStyle(p))
	}
	if len(rep.Hints) > 0 {
		fmt.Fprintf(w, "\n%s\n", p.bold.Sprintf("what the %s base string shows (%s):", rep.DiffAgainst, hintsProof(rep)))
		for _, h := range rep.Hints {
			fmt.Fprintf(w, "  %s (%s) %s\n", h.Detail, h.Part, p.faint.Sprint("["+h.ID+"]"))
		}
	}
	if len(rep.Findings) > 0 {
		fmt.Fprintf(w, "\n%s\n", p.bold.Sprint("lint:"))
		for _, f := range rep.Findings {
			fmt.Fprintf(w, "  %s %s%s %s\n", severity(p, f.Severity), f.Message, section(f.Section), p.faint.Sprint("["+f.ID+"]"))
		}
	}
	if steps {
		fmt.Fprintf(w, "\n%s\n", p.bold.Sprint("how the base string is built (RFC 5849):"))
		for i, s := range rep.Steps {
			fmt.Fprintf(w, "%2d. %s%s\n", i+1, s.Name, section(s.Section))
			if s.Input != "" {
				fmt.Fprintf(w, "    %s %s\n", p.faint.Sprint("from: "), indentRest(s.Input, "           "))
			}
			fmt.Fprintf(w, "    %s %s\n", p.faint.Sprint("gives:"), indentRest(s.Output, "           "))
		}
	}
}

// diffLabel names the other side of a report's diff.
func diffLabel(rep *compare.Report) string {
	if rep.DiffAgainst == "cause" && rep.Cause != nil {
		return strings.Join(rep.Cause.IDs, "+")
	}
	if rep.DiffAgainst != "" {
		return rep.DiffAgainst
	}
	return "client"
}

// severity pads a lint severity and colors it.
func severity(p *palette, s inspect.Severity) string {
	t := fmt.Sprintf("%-7s", s)
	switch s {
	case inspect.SeverityError:
		return p.bad.Sprint(t)
	case inspect.SeverityWarning:
		return p.warn.Sprint(t)
	}
	return p.faint.Sprint(t)
}

// section formats an RFC section reference, " (RFC 5849 §3.4.1)", or "".
func section(s string) string {
	if s == "" {
		return ""
	}
	return " (" + rfcRef(s) + ")"
}

// rfcRef names a section: "3.4.1" is RFC 5849's; a reference that names
// its document is kept.
func rfcRef(s string) string {
	if strings.HasPrefix(s, "RFC") || strings.Contains(s, "§") || strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz") {
		return s
	}
	return "RFC 5849 §" + s
}

// indentRest indents every line of s but the first.
func indentRest(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}

// writeIndented writes text with every line indented.
func writeIndented(w io.Writer, indent, text string) {
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(w, "%s%s\n", indent, line)
	}
}

// entryLabel is the index column of the table: the HAR entry index, else
// the request's place in the input (1-based).
func entryLabel(r *checked, i int) string {
	if r.req.Origin.Entry >= 0 {
		return strconv.Itoa(r.req.Origin.Entry)
	}
	return strconv.Itoa(i + 1)
}

// shortVerdict is the verdict column of the table.
func shortVerdict(p *palette, r *checked) string {
	switch {
	case r.err != nil:
		return p.bad.Sprint("✗ error")
	case r.report.Unchecked != "":
		return p.warn.Sprint("? unchecked")
	case !r.report.Valid:
		return p.bad.Sprint("✗ invalid")
	case lintErrors(r.report.Findings) > 0:
		return p.bad.Sprint("✗ lint")
	}
	return p.good.Sprint("✓ valid")
}

// shortCause is the cause column of the table.
func shortCause(r *checked) string {
	switch {
	case r.err != nil: // the message may quote the input (a file name, a value)
		return visible(truncate(r.err.Error(), 70))
	case r.report.Unchecked != "":
		return visible(truncate(r.report.Unchecked, 70))
	case !r.report.Valid && r.report.Cause != nil:
		return strings.Join(r.report.Cause.IDs, "+")
	case !r.report.Valid:
		return notFound(r.report, "not in the catalogue", "search stopped early")
	case lintErrors(r.report.Findings) > 0:
		for _, f := range r.report.Findings {
			if f.Severity == inspect.SeverityError {
				return f.ID
			}
		}
	}
	return ""
}

// notFound says that no cause was found: inCatalogue when the search tried
// every mistake, cut when its budget stopped it first.
func notFound(rep *compare.Report, inCatalogue, cut string) string {
	if rep.Stats != nil && rep.Stats.CutOff != "" {
		return cut
	}
	return inCatalogue
}

// hintsProof says how far the hints are proven: only when the client's base
// string gives the supplied signature are its differences the cause.
func hintsProof(rep *compare.Report) string {
	switch {
	case rep.DiffAgainst == "client" && rep.ClientBase != nil && rep.ClientBase.Verified:
		return "proven: the client's base string gives the sent signature with these secrets"
	case rep.DiffAgainst == "server":
		return "plausible, not proven; the server built another base string than RFC 5849 gives for the request as sent, so the server, or something between client and server, read the request otherwise"
	}
	return "plausible, not proven"
}

// secretsLine says which secrets the report's reading used: those that
// verified, or those the mismatch was computed with; "" when none was.
func secretsLine(rep *compare.Report) string {
	rd := rep.Reading
	if rep.Unchecked != "" || rd.ConsumerSecretSource == "" && rd.PublicKeySource == "" {
		return ""
	}
	verb := "computed with"
	if rep.Valid {
		verb = "verified with"
	}
	if rd.PublicKeySource != "" {
		return verb + " the public key " + rd.PublicKeySource
	}
	line := verb + " " + rd.ConsumerSecretSource
	if rd.Token != "" && rd.TokenSecretSource != "" {
		line += " and " + rd.TokenSecretSource
	}
	return line
}
