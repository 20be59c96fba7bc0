package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// maxShownPath is the longest file-path argument an error message quotes.
// A longer value is more likely a secret or a key pasted in its place.
const maxShownPath = 200

// pathArgError is the error for a flag that names a file (--secrets,
// --public-key, --private-key) whose file cannot be read. It never echoes a
// value that looks like the file's content given in place of its path (a
// PEM key, a JSON object, text with line breaks, a long token): it says
// what the value looks like instead. A value that looks like a path is
// quoted, made terminal-safe. what names the file ("secrets file").
func pathArgError(flag, what, value string, err error) error {
	if desc := describeNonPath(value); desc != "" {
		return usageErr(fmt.Sprintf("%s: the value looks like %s, not a file path; give the file's path", flag, desc),
			fmt.Sprintf("save the %s in a file and pass its path, e.g. %s ./file", what, flag))
	}
	cause := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		cause = pe.Err // the path is quoted below, once
	}
	return usageErr(fmt.Sprintf("read %s %q: %v", what, visible(value), cause))
}

// describeNonPath says what value looks like when it is not a file path
// ("a PEM key", "a JSON object"), or "" when it may be one.
func describeNonPath(value string) string {
	v := strings.TrimSpace(value)
	switch {
	case strings.Contains(v, "-----BEGIN"):
		kind := "a PEM block"
		if strings.Contains(v, "PRIVATE KEY") {
			kind = "a PEM private key"
		} else if strings.Contains(v, "PUBLIC KEY") || strings.Contains(v, "CERTIFICATE") {
			kind = "a PEM public key or certificate"
		}
		return kind
	case strings.HasPrefix(v, "{"):
		return "a JSON object"
	case strings.HasPrefix(v, "["):
		return "a JSON array"
	case strings.ContainsAny(value, "\r\n"):
		return "text of several lines"
	case utf8.RuneCountInString(value) > maxShownPath:
		return fmt.Sprintf("text of %d characters", utf8.RuneCountInString(value))
	}
	return ""
}

// newEarlyScrubber returns the scrub applied to messages written before
// the flags are parsed, for values that may be secrets (the arguments of
// the secret flags, the environment's secrets). It replaces a value only
// where it stands as a whole argument: the whole message, or delimited on
// both sides by the start or end of the text, a space, a quote or a line
// break (and ":" or "," after it), as pflag and oauthdbg quote an argument. It never
// replaces a substring of other text, so a one-letter value does not
// mangle "1.0" or JSON. The Go-quoted form (%q, as pflag quotes) is
// replaced too.
func newEarlyScrubber(values []string) func(string) string {
	type form struct{ text, with string }
	var forms []form
	for _, v := range values {
		if v == "" {
			continue
		}
		with := "[redacted " + fmt.Sprint(utf8.RuneCountInString(v)) + " chars]"
		forms = append(forms, form{v, with})
		if q := fmt.Sprintf("%q", v); q[1:len(q)-1] != v {
			forms = append(forms, form{q[1 : len(q)-1], with})
		}
	}
	return func(s string) string {
		for _, f := range forms {
			s = replaceWhole(s, f.text, f.with)
		}
		return s
	}
}

// replaceWhole replaces each occurrence of old in s that stands as a whole
// argument (see newEarlyScrubber), outside placeholders.
func replaceWhole(s, old, with string) string {
	if !strings.Contains(s, old) {
		return s
	}
	return replaceWhere(s, old, with, func(i, end int) bool {
		return (i == 0 || argStart(s[i-1])) && (end == len(s) || argEnd(s[end]))
	})
}

// argStart and argEnd are the bytes that may stand before and after an
// argument quoted in a message: quotes and spaces, and after it ":" or ","
// ("open FILE: …"). "=" is not one, so that "x=1" keeps its 1.
func argStart(c byte) bool { return c == ' ' || c == '"' || c == '\'' || c == '\n' }

func argEnd(c byte) bool {
	return c == ' ' || c == '"' || c == '\'' || c == '\n' || c == ':' || c == ','
}

// replaceWhere replaces each occurrence s[i:end] of old for which ok holds
// and which is not inside a "[redacted N chars]" placeholder.
func replaceWhere(s, old, with string, ok func(i, end int) bool) string {
	var b strings.Builder
	last := 0
	for from := 0; from <= len(s); {
		k := strings.Index(s[from:], old)
		if k < 0 {
			break
		}
		i := from + k
		end := i + len(old)
		if ok(i, end) && !inPlaceholder(s, i) {
			b.WriteString(s[last:i])
			b.WriteString(with)
			last, from = end, end
			continue
		}
		from = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// inPlaceholder says s[i] is inside a "[redacted N chars]" placeholder.
func inPlaceholder(s string, i int) bool {
	p := strings.LastIndex(s[:i], "[redacted ")
	return p >= 0 && !strings.Contains(s[p:i], "]")
}
