package compare

import (
	"strings"
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// Display returns a copy of the report ready to be shown: every field that
// came from the request or may hold a secret is rebuilt from its structure
// as a Text (the query and body pairs of the URL, the parameters of the
// Authorization header, the parameter string of a base string, the two
// encoded secrets of a PLAINTEXT signature) and rendered with
// Text.Render(show, escape). Without show, a secret is "[redacted N
// chars]" wherever it stands; no output text is searched for secrets after
// the fact. escape (a terminal-safe escaper, or nil for JSON) is applied to
// every plain span, never to a placeholder.
//
// The copy shares nothing mutable with r; rendering it in any format shows
// no secret unless show is true.
func (r *Report) Display(show bool, escape func(string) string) *Report {
	if escape == nil {
		escape = func(s string) string { return s }
	}
	m := r.SignatureMethod
	plain := func(s string) string { return escape(s) }
	// Texts made of lines are escaped line by line, keeping their breaks.
	lines := func(s string) string {
		if !strings.Contains(s, "\n") {
			return escape(s)
		}
		ls := strings.Split(s, "\n")
		for i := range ls {
			ls[i] = escape(ls[i])
		}
		return strings.Join(ls, "\n")
	}
	d := *r
	d.shown, d.secretForms = true, nil
	d.Origin = plain(r.Origin)
	d.Method = plain(r.Method)
	d.URL = URLText(r.URL, m).Render(show, escape)
	d.BaseString = renderBaseString(r.BaseString, m, show, escape)
	d.Unchecked = lines(r.Unchecked)
	d.Unexplained = lines(r.Unexplained)
	d.Signature = SignaturePair{
		Supplied: r.signatureText(r.Signature.Supplied).Render(show, escape),
		Expected: r.signatureText(r.Signature.Expected).Render(show, escape),
	}
	d.Reading.ConsumerKey = plain(r.Reading.ConsumerKey)
	d.Reading.Token = plain(r.Reading.Token)
	d.Explanations = make([]Explanation, len(r.Explanations))
	for i, e := range r.Explanations {
		e.Detail = r.fieldText(e.Detail).Render(show, lines)
		e.BaseString = BaseStringText(e.BaseString, m).Render(show, escape)
		e.Parts = mapStrings(e.Parts, plain)
		d.Explanations[i] = e
	}
	if r.Cause != nil && len(d.Explanations) > 0 {
		d.Cause = &d.Explanations[0]
	}
	d.Steps = make([]basestring.Step, len(r.Steps))
	for i, s := range r.Steps {
		// A step's structure marks a *_secret value and the PLAINTEXT
		// signature where the step quotes them; the forms recorded from
		// the request mark what the structure did not.
		in, out := r.stepText(s)
		d.Steps[i] = basestring.Step{Name: s.Name, Section: s.Section,
			Input:  r.markForms(in).Render(show, lines),
			Output: r.markForms(out).Render(show, lines)}
	}
	d.Params = make([]basestring.TracedParam, len(r.Params))
	for i, p := range r.Params {
		if secretParam(p.Name, m) && !show {
			ph := Placeholder(p.Value)
			p.Value, p.Raw, p.EncodedValue = ph, ph, ph
		}
		p.Name, p.Value, p.Raw = plain(p.Name), plain(p.Value), plain(p.Raw)
		p.EncodedName, p.EncodedValue = plain(p.EncodedName), plain(p.EncodedValue)
		d.Params[i] = p
	}
	d.Findings = make([]inspect.Finding, len(r.Findings))
	for i, f := range r.Findings {
		f.Message, f.Param = plain(f.Message), plain(f.Param)
		d.Findings[i] = f
	}
	d.Hints = make([]DiffHint, len(r.Hints))
	for i, h := range r.Hints {
		d.Hints[i] = DiffHint{ID: h.ID, Part: plain(h.Part), Detail: r.hintText(&h).Render(show, escape)}
	}
	if r.Hints == nil {
		d.Hints = nil
	}
	if r.Diff != nil {
		diff := *r.Diff
		diff.A = BaseStringText(r.Diff.A, m).Render(show, escape)
		diff.B = BaseStringText(r.Diff.B, m).Render(show, escape)
		if diff.A != r.Diff.A || diff.B != r.Diff.B {
			// A secret (or a byte escaped) in a base string: the segments
			// and parts are redone on the shown texts.
			diff = *DiffBaseStrings(diff.A, diff.B)
		}
		d.Diff = &diff
	}
	if sb := r.ServerBaseString; sb != nil {
		s := *sb
		s.BaseString = BaseStringText(sb.BaseString, m).Render(show, escape)
		s.Signature = r.signatureText(sb.Signature).Render(show, escape)
		s.Received = r.signatureText(sb.Received).Render(show, escape)
		s.Problem = plain(sb.Problem)
		d.ServerBaseString = &s
	}
	return &d
}

// renderBaseString is BaseStringText(base, method).Render(show, escape),
// without splitting the parameter string when no span of it can be secret
// (the spans split at ASCII bytes, so escaping the whole is the same):
// base is built by this program, so a parameter name ending in "_secret"
// stands in it as those letters, and the only other secret parameter,
// oauth_signature, is never in a base string (RFC 5849 §3.4.1.3.1). This is
// the common case (every valid HMAC or RSA request of a HAR).
func renderBaseString(base, method string, show bool, escape func(string) string) string {
	if show || (!hasFoldASCII(base, "_secret") && !strings.EqualFold(method, "PLAINTEXT")) {
		if escape == nil {
			return base
		}
		return escape(base)
	}
	return BaseStringText(base, method).Render(show, escape)
}

// hasFoldASCII reports whether s contains the lower-case ASCII word sub,
// whose first byte is not a letter, ignoring ASCII case, without
// allocating: it looks for that first byte with IndexByte.
func hasFoldASCII(s, sub string) bool {
	for i := strings.IndexByte(s, sub[0]); i >= 0 && i+len(sub) <= len(s); {
		j := 1
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
		k := strings.IndexByte(s[i+1:], sub[0])
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

func mapStrings(in []string, f func(string) string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

// signatureText is a signature of the report as Text (see SignatureText).
func (r *Report) signatureText(sig string) Text { return SignatureText(sig, r.SignatureMethod) }

// fieldText is a text of the report that quotes the request (a step's input
// and output, an explanation's detail) as Text: the forms the PLAINTEXT
// signature takes in the request (as sent, and decoded), recorded when the
// report was made, are marked secret where they stand. A detail quotes a
// long form cut short (see quote): that cut form is marked too.
func (r *Report) fieldText(s string) Text {
	var forms []string
	for _, f := range r.secretForms {
		if f != "" && strings.Contains(s, f) {
			forms = append(forms, f)
		}
		if q := quote(f); q[1:len(q)-1] != f {
			if cut := q[1 : len(q)-1]; strings.Contains(s, cut) {
				forms = append(forms, cut)
			}
		}
	}
	if len(forms) == 0 {
		return Plain(s)
	}
	var t Text
	for s != "" {
		at, form := -1, ""
		for _, f := range forms {
			if i := strings.Index(s, f); i >= 0 && (at < 0 || i < at || i == at && len(f) > len(form)) {
				at, form = i, f
			}
		}
		if at < 0 {
			return t.Append(s)
		}
		t = t.Append(s[:at]).Append("").AppendSecret(form, r.secretChars)
		s = s[at+len(form):]
	}
	return t
}

// markForms marks, in the plain spans of t, the forms of the PLAINTEXT
// signature recorded from the request (see fieldText).
func (r *Report) markForms(t Text) Text {
	if len(r.secretForms) == 0 {
		return t
	}
	var out Text
	for _, sp := range t {
		if sp.Secret {
			out = append(out, sp)
			continue
		}
		out = append(out, r.fieldText(sp.S)...)
	}
	return out
}

// SignatureText returns a signature as Text: a PLAINTEXT signature is the
// key enc(consumer secret)&enc(token secret) (RFC 5849 §3.4.4), each part a
// secret of its own length; any other signature is plain.
func SignatureText(sig, method string) Text {
	if !strings.EqualFold(method, "PLAINTEXT") || sig == "" {
		return Plain(sig)
	}
	cs, ts, ok := strings.Cut(sig, "&")
	if !ok {
		return secretText(sig, utf8.RuneCountInString(basestring.DecodeLenient(sig, false)))
	}
	t := secretText(cs, utf8.RuneCountInString(basestring.DecodeLenient(cs, false))).Append("&")
	return t.AppendSecret(ts, utf8.RuneCountInString(basestring.DecodeLenient(ts, false)))
}

// RequestURLText returns the URL of a captured request as Text (see
// URLText), reading its oauth_signature_method from the query, the
// Authorization header or the form body, for a request that was not
// checked (a Report's URL is shown through Display).
func RequestURLText(req *inspect.Request) Text {
	return URLText(req.URL, requestSignatureMethod(req))
}

// requestSignatureMethod returns the oauth_signature_method a request
// carries, or "".
func requestSignatureMethod(req *inspect.Request) string {
	find := func(pairs string, sep byte) string {
		for _, pair := range strings.Split(pairs, string(sep)) {
			name, value, ok := strings.Cut(strings.TrimSpace(pair), "=")
			if ok && basestring.DecodeLenient(name, true) == "oauth_signature_method" {
				return basestring.DecodeLenient(strings.Trim(value, `"`), true)
			}
		}
		return ""
	}
	if i := strings.IndexByte(req.URL, '?'); i >= 0 {
		if m := find(req.URL[i+1:], '&'); m != "" {
			return m
		}
	}
	if h := inspect.OAuthHeader(req); h != "" {
		if m := find(h, ','); m != "" {
			return m
		}
	}
	return find(string(req.Body), '&')
}
