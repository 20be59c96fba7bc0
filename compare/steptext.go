package compare

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// The steps and diff hints of a report quote the request; the functions
// here rebuild them as Text from their structure (which line is which
// parameter, which quoted string is a *_secret value or the Authorization
// header), so that Display marks a secret in them without searching.

// hintText is the detail of a diff hint as Text. A hint about a secret
// parameter (its Part is "param NAME", NAME a *_secret or a PLAINTEXT
// oauth_signature) quotes its values with Go quoting: each quoted string
// is secret.
func (r *Report) hintText(h *DiffHint) Text {
	name, ok := strings.CutPrefix(h.Part, "param ")
	if !ok || !secretParam(name, r.SignatureMethod) {
		return Plain(h.Detail)
	}
	var t Text
	s := h.Detail
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			return t.appendRaw(s).coalesce()
		}
		v, rest, ok := quotedPrefix(s[i:])
		if !ok {
			return t.appendRaw(s).coalesce()
		}
		t = append(t.appendRaw(s[:i]), quoteText(secretText(v, utf8.RuneCountInString(v)))...)
		s = rest
	}
}

// stepText returns a step's input and output as Text. The steps quote the
// Authorization header, the query and the body, list the parameters one a
// line and end with the parameter string and the base string; in each, a
// PLAINTEXT signature and the value of a *_secret parameter are secret.
func (r *Report) stepText(s basestring.Step) (in, out Text) {
	m := r.SignatureMethod
	if !mayHoldSecret(s.Input, m) && !mayHoldSecret(s.Output, m) {
		return Plain(s.Input), Plain(s.Output)
	}
	switch s.Name {
	case "collect parameters":
		return sourcesText(s.Input, m), collectedText(s.Output, m)
	case "encode parameters":
		return collectedText(s.Input, m), markPairs(nil, s.Output, '\n', m, false)
	case "sort and join parameters":
		return markPairs(nil, s.Input, '\n', m, false), BodyText(s.Output, m)
	case "base string":
		return joinedText(s.Input, m), BaseStringText(s.Output, m)
	}
	return Plain(s.Input), Plain(s.Output)
}

// quoteText returns t Go-quoted (strconv.Quote), each span quoted alone so
// that a secret span stays one span.
func quoteText(t Text) Text {
	out := Plain(`"`)
	for _, sp := range t {
		q := strconv.Quote(sp.S)
		q = q[1 : len(q)-1]
		if sp.Secret {
			chars := sp.Chars
			if chars == 0 {
				chars = utf8.RuneCountInString(sp.S)
			}
			out = out.AppendSecret(q, chars)
		} else {
			out = out.Append(q)
		}
	}
	return out.Append(`"`)
}

// quotedPrefix splits a Go-quoted string off the start of s, unquoted.
func quotedPrefix(s string) (val, rest string, ok bool) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", s, false
	}
	v, err := strconv.Unquote(q)
	if err != nil {
		return "", s, false
	}
	return v, s[len(q):], true
}

// sourcesText reads the input of the "collect parameters" step: query
// "…"; Authorization header "…"; form body "…" (each "(none)" when absent).
func sourcesText(s, method string) Text {
	var t Text
	parts := []struct {
		prefix string
		mark   func(string) Text
	}{
		{"query ", func(v string) Text { return markPairs(nil, v, '&', method, false) }},
		{"; Authorization header ", func(v string) Text { return HeaderText("Authorization", v, method) }},
		{"; form body ", func(v string) Text { return BodyText(v, method) }},
	}
	for _, p := range parts {
		if !strings.HasPrefix(s, p.prefix) {
			continue
		}
		t, s = t.Append(p.prefix), s[len(p.prefix):]
		if v, rest, ok := quotedPrefix(s); ok {
			t, s = append(t, quoteText(p.mark(v))...), rest
		} else if rest, ok := strings.CutPrefix(s, "(none)"); ok {
			t, s = t.Append("(none)"), rest
		}
	}
	return t.Append(s)
}

// collectedText reads the lines of collected parameters, `source: name =
// "value"`, marking the value of a secret parameter.
func collectedText(s, method string) Text {
	var t Text
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			t = t.appendRaw("\n")
		}
		head, q, ok := strings.Cut(line, " = ")
		v, rest, qok := quotedPrefix(q)
		_, name, _ := strings.Cut(head, ": ")
		if !ok || !qok || !secretParam(name, method) {
			t = t.appendRaw(line)
			continue
		}
		t = t.appendRaw(head + " = ")
		t = append(t, quoteText(secretText(v, utf8.RuneCountInString(v)))...)
		t = t.appendRaw(rest)
	}
	return t.coalesce()
}

// joinedText reads the input of the "base string" step: METHOD & URI &
// parameter string.
func joinedText(s, method string) Text {
	i := strings.Index(s, " & ")
	if i < 0 {
		return Plain(s)
	}
	j := strings.Index(s[i+3:], " & ")
	if j < 0 {
		return Plain(s)
	}
	k := i + 3 + j + 3
	return append(Plain(s[:k]), BodyText(s[k:], method)...)
}
