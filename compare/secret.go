package compare

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// A Secret is a consumer or token secret. It cannot be printed by accident:
// every way of formatting it (fmt with any verb, JSON, text marshalling)
// gives "[redacted N chars]", where N counts characters (runes). Reveal
// returns the secret itself, for signing and for --show-secrets.
type Secret struct {
	v string
}

// NewSecret wraps s as a Secret.
func NewSecret(s string) Secret { return Secret{v: s} }

// Reveal returns the secret itself.
func (s Secret) Reveal() string { return s.v }

// Len is the number of characters (runes) of the secret, the N of its
// placeholder.
func (s Secret) Len() int { return utf8.RuneCountInString(s.v) }

// IsEmpty says the secret is the empty string.
func (s Secret) IsEmpty() bool { return s.v == "" }

// Placeholder is what the secret shows as: "[redacted N chars]".
func (s Secret) Placeholder() string { return Placeholder(s.v) }

// Placeholder is the text that stands for the secret v in output.
func Placeholder(v string) string {
	return "[redacted " + strconv.Itoa(utf8.RuneCountInString(v)) + " chars]"
}

// String returns the placeholder.
func (s Secret) String() string { return s.Placeholder() }

// GoString returns the placeholder, so that %#v does not show the secret.
func (s Secret) GoString() string { return s.Placeholder() }

// Format writes the placeholder for every verb; %q quotes the placeholder.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprint(f, strconv.Quote(s.Placeholder()))
		return
	}
	fmt.Fprint(f, s.Placeholder())
}

// MarshalJSON writes the placeholder as a JSON string.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.Placeholder()) }

// MarshalText returns the placeholder.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.Placeholder()), nil }

// A Span is one piece of a Text: plain text, or text that holds a secret.
type Span struct {
	// S is the text of the span.
	S string
	// Secret says S is (a form of) a secret: it renders as a placeholder
	// unless revealed.
	Secret bool
	// Chars is the length the placeholder states, in characters of the
	// secret itself (not of its encoded form S); 0 means count S.
	Chars int
}

// A Text is output text that may hold secrets, as a sequence of spans built
// from the structure of what it shows (which parameter is the PLAINTEXT
// signature, which is the key), never by searching finished text. Render
// it with Render (text and markdown, after escaping each span with an
// escape function such as a terminal-safe one), or let encoding/json
// marshal it (redacted). The zero Text is empty.
type Text []Span

// Plain returns a Text of one plain span.
func Plain(s string) Text {
	if s == "" {
		return nil
	}
	return Text{{S: s}}
}

// secretText returns a Text of one secret span whose placeholder counts
// chars characters (the length of the secret the form s was made from).
func secretText(s string, chars int) Text {
	if s == "" {
		return nil
	}
	return Text{{S: s, Secret: true, Chars: chars}}
}

// Append returns t followed by a plain span s.
func (t Text) Append(s string) Text {
	if s == "" {
		return t
	}
	if n := len(t); n > 0 && !t[n-1].Secret {
		t[n-1].S += s
		return t
	}
	return append(t, Span{S: s})
}

// AppendSecret returns t followed by a secret span s whose placeholder
// counts chars characters.
func (t Text) AppendSecret(s string, chars int) Text {
	if s == "" {
		return t
	}
	return append(t, Span{S: s, Secret: true, Chars: chars})
}

// appendRaw returns t followed by a plain span s, not merged with the span
// before it, so that building a long Text costs linear time; coalesce
// merges the spans once it is built.
func (t Text) appendRaw(s string) Text {
	if s == "" {
		return t
	}
	return append(t, Span{S: s})
}

// coalesce merges each run of adjacent plain spans of t into one.
func (t Text) coalesce() Text {
	out := t[:0:0]
	var b strings.Builder
	for _, sp := range t {
		if !sp.Secret {
			b.WriteString(sp.S)
			continue
		}
		if b.Len() > 0 {
			out = append(out, Span{S: b.String()})
			b.Reset()
		}
		out = append(out, sp)
	}
	if b.Len() > 0 {
		out = append(out, Span{S: b.String()})
	}
	return out
}

// mayHoldSecret says s may hold a secret parameter under method: every
// PLAINTEXT request may (its oauth_signature is the key); any other only
// when s names a parameter ending in "_secret" (in any letter case).
func mayHoldSecret(s, method string) bool {
	if strings.EqualFold(method, "PLAINTEXT") {
		return true
	}
	if strings.IndexByte(s, '%') >= 0 {
		// A name may spell "_secret" with escapes ("%5Fsecret").
		s = basestring.DecodeLenient(s, true)
	}
	return hasFoldASCII(s, "_secret")
}

// HasSecret says some span of t is secret.
func (t Text) HasSecret() bool {
	for _, sp := range t {
		if sp.Secret {
			return true
		}
	}
	return false
}

// placeholder is what a secret span shows as.
func (sp Span) placeholder() string {
	n := sp.Chars
	if n == 0 {
		n = utf8.RuneCountInString(sp.S)
	}
	return "[redacted " + strconv.Itoa(n) + " chars]"
}

// Render returns t with each secret span replaced by its placeholder, or
// kept when show is true. escape, when not nil, is applied to each plain
// span and to each revealed secret span; a placeholder is never escaped nor
// split, so that no escaped or quoted form of a secret can appear.
func (t Text) Render(show bool, escape func(string) string) string {
	var b strings.Builder
	for _, sp := range t {
		switch {
		case sp.Secret && !show:
			b.WriteString(sp.placeholder())
		case escape != nil:
			b.WriteString(escape(sp.S))
		default:
			b.WriteString(sp.S)
		}
	}
	return b.String()
}

// Revealed returns t with every span as is: the text to compute with.
func (t Text) Revealed() string { return t.Render(true, nil) }

// String returns t redacted.
func (t Text) String() string { return t.Render(false, nil) }

// GoString returns t redacted and Go-quoted, so that %#v does not show a
// secret.
func (t Text) GoString() string { return strconv.Quote(t.String()) }

// Format writes t redacted for every verb; %q quotes the redacted text.
func (t Text) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprint(f, strconv.Quote(t.String()))
		return
	}
	fmt.Fprint(f, t.String())
}

// MarshalJSON writes t redacted as one JSON string. For --show-secrets,
// marshal t.Revealed() instead (see JSON).
func (t Text) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// JSON returns the string a JSON report holds for t: redacted, or the text
// itself when show is true. JSON quoting is done by encoding/json on the
// result, after redaction, so no JSON-escaped form of a secret appears.
func (t Text) JSON(show bool) string { return t.Render(show, nil) }

// secretParam says a parameter's value is a secret by its name: a secret
// sent as a parameter (oauth_consumer_secret, oauth_token_secret, any name
// ending in "_secret"), or the oauth_signature of a PLAINTEXT request, which
// is enc(consumer secret)&enc(token secret) (RFC 5849 §3.4.4).
func secretParam(name, method string) bool {
	if strings.HasSuffix(strings.ToLower(name), "_secret") {
		return true
	}
	return name == "oauth_signature" && strings.EqualFold(method, "PLAINTEXT")
}

// paramChars is the placeholder count of a secret parameter's decoded
// value: the characters of the secret, not of its encoded form.
func paramChars(raw string) int {
	return utf8.RuneCountInString(basestring.DecodeLenient(raw, true))
}

// markPairs splits s, a list of name=value pairs joined by sep, and marks
// the value of every pair whose decoded name is secret for method. unquote
// trims one pair of double quotes around a value (Authorization header).
func markPairs(t Text, s string, sep byte, method string, unquote bool) Text {
	if !mayHoldSecret(s, method) {
		return t.Append(s)
	}
	for s != "" {
		pair := s
		rest := ""
		if i := strings.IndexByte(s, sep); i >= 0 {
			pair, rest = s[:i+1], s[i+1:]
		}
		s = rest
		body := strings.TrimSuffix(pair, string(sep))
		eq := strings.IndexByte(body, '=')
		if eq < 0 {
			t = t.appendRaw(pair)
			continue
		}
		name := strings.TrimSpace(basestring.DecodeLenient(body[:eq], true))
		if !secretParam(name, method) {
			t = t.appendRaw(pair)
			continue
		}
		val := body[eq+1:]
		t = t.appendRaw(body[:eq+1])
		lead, trail := "", ""
		if unquote {
			v := strings.TrimSpace(val)
			ls := strings.Index(val, v)
			lead, trail = val[:ls], val[ls+len(v):]
			val = v
			if len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"' {
				lead, trail, val = lead+`"`, `"`+trail, val[1:len(val)-1]
			}
		}
		t = t.appendRaw(lead).AppendSecret(val, paramChars(val)).appendRaw(trail)
		if len(body) < len(pair) {
			t = t.appendRaw(pair[len(body):])
		}
	}
	return t.coalesce()
}

// URLText returns a request URL as Text, with the value of every secret
// query parameter (see secretParam) marked secret. method is the request's
// oauth_signature_method ("" when unknown: then only *_secret names are).
func URLText(rawURL, method string) Text {
	q := strings.IndexByte(rawURL, '?')
	if q < 0 {
		return Plain(rawURL)
	}
	frag := ""
	rest := rawURL[q+1:]
	if h := strings.IndexByte(rest, '#'); h >= 0 {
		rest, frag = rest[:h], rest[h:]
	}
	return markPairs(Plain(rawURL[:q+1]), rest, '&', method, false).Append(frag)
}

// BodyText returns a form-encoded body as Text, with secret parameter
// values marked (see URLText). A body that is not a form is plain.
func BodyText(body, method string) Text { return markPairs(nil, body, '&', method, false) }

// HeaderText returns a header value as Text. For an Authorization header of
// the OAuth scheme, the value of every secret parameter (see secretParam) is
// marked, inside its quotes; any other header is plain.
func HeaderText(name, value, method string) Text {
	if !strings.EqualFold(name, "Authorization") {
		return Plain(value)
	}
	v := strings.TrimLeft(value, " \t")
	if len(v) < 5 || !strings.EqualFold(v[:5], "OAuth") {
		return Plain(value)
	}
	n := len(value) - len(v) + 5
	return markPairs(Plain(value[:n]), value[n:], ',', method, true)
}

// BaseStringText returns a signature base string (RFC 5849 §3.4.1) as Text.
// Its third part is the parameter string percent-encoded once more, so a
// secret value appears encoded twice; the value of every secret parameter
// (see secretParam) is marked. A string that is not a base string is plain.
func BaseStringText(base, method string) Text {
	if !mayHoldSecret(base, method) {
		return Plain(base)
	}
	i := strings.IndexByte(base, '&')
	if i < 0 {
		return Plain(base)
	}
	j := strings.IndexByte(base[i+1:], '&')
	if j < 0 {
		return Plain(base)
	}
	head := base[:i+1+j+1]
	params := base[i+1+j+1:]
	// In the encoded parameter string, "&" is %26 and "=" is %3D.
	t := Plain(head)
	for params != "" {
		pair := params
		rest := ""
		if k := strings.Index(params, "%26"); k >= 0 {
			pair, rest = params[:k], params[k:]
		}
		params = ""
		if rest != "" {
			params = rest[3:]
		}
		if eq := strings.Index(pair, "%3D"); eq >= 0 {
			name := basestring.DecodeLenient(basestring.DecodeLenient(pair[:eq], false), false)
			if secretParam(name, method) {
				val := pair[eq+3:]
				chars := utf8.RuneCountInString(basestring.DecodeLenient(basestring.DecodeLenient(val, false), false))
				t = t.appendRaw(pair[:eq+3]).AppendSecret(val, chars)
			} else {
				t = t.appendRaw(pair)
			}
		} else {
			t = t.appendRaw(pair)
		}
		if rest != "" {
			t = t.appendRaw("%26")
		}
	}
	return t.coalesce()
}

// keyText returns a signing key (RFC 5849 §3.4.2: enc(consumer secret) "&"
// enc(token secret)) as Text, each secret marked with its own length, the
// "&" plain. It is also the PLAINTEXT signature itself (§3.4.4).
func keyText(consumer, token Secret) Text {
	return secretText(basestring.Encode(consumer.v), consumer.Len()).
		Append("&").
		AppendSecret(basestring.Encode(token.v), token.Len())
}
