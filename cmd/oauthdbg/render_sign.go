package main

import (
	"fmt"
	"io"

	"github.com/oauthdbg/oauthdbg/compare"
)

// renderSigned writes sign's text output.
func (c *cli) renderSigned(p *palette, s *signed) {
	w := &c.out
	if s.Mistake != "" {
		title := ""
		if mk, ok := compare.Lookup(s.Mistake); ok {
			title = ": " + mk.Title
		}
		fmt.Fprintf(w, "%s %s %s with %s, as a client with the mistake %s would%s\n",
			p.bold.Sprint("signed"), s.Method, s.requestURL, s.SignatureMethod, p.warn.Sprint(s.Mistake), title)
	} else {
		fmt.Fprintf(w, "%s %s %s with %s\n", p.bold.Sprint("signed"), s.Method, s.requestURL, s.SignatureMethod)
	}
	section := func(title, value string) {
		fmt.Fprintf(w, "\n%s\n  %s\n", p.bold.Sprint(title), value)
	}
	if s.Mistake != "" {
		section("base string, as that client builds it:", s.BaseString)
		section("correct base string (RFC 5849 §3.4.1):", s.CorrectBaseString)
		if s.BaseString != s.CorrectBaseString {
			fmt.Fprintln(w)
			d := compare.DiffBaseStrings(s.CorrectBaseString, s.BaseString)
			_ = renderDiff(w, d, "correct", s.Mistake, diffStyle(p))
		}
		section("signature sent:", s.Signature)
		section("correct signature:", s.CorrectSignature)
	} else {
		section("base string:", s.BaseString)
		section("signature:", s.Signature)
	}
	if s.Authorization != "" {
		section("Authorization header:", s.Authorization)
	}
	if s.Transport == "body" {
		section("body:", s.Body)
	}
	if s.SignedURL != "" {
		if s.Transport == "query" {
			section("signed URL:", s.SignedURL)
		} else {
			section("signed URL (the same signature, parameters in the query):", s.SignedURL)
		}
	}
	section("curl:", s.Curl)
	fmt.Fprintln(w)
	if s.Mistake != "" {
		tip(w, p, "oauthdbg check explains this request: pipe the curl command into 'oauthdbg check -' with the same secrets")
	} else {
		tip(w, p, "oauthdbg check verifies it: pipe the curl command into 'oauthdbg check -' with the same secrets")
	}
}

// diffStyle returns the colors of base string diffs.
func diffStyle(p *palette) diffColors {
	if !p.on {
		return diffColors{}
	}
	return diffColors{del: p.del, ins: p.ins, faint: p.faint}
}

// tip writes the closing one-line tip of text output.
func tip(w io.Writer, p *palette, text string) {
	fmt.Fprintf(w, "%s %s\n", p.faint.Sprint("tip:"), text)
}
