package compare

import (
	"fmt"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// The hints of the URI and method mistakes: what a diff of two base strings
// shows of them (see DiffHints).

func hintMethodLowercase(v *diffView, m *mistake, add func(part, detail string)) {
	if a, b := v.a.method, v.b.method; a != b && strings.EqualFold(a, b) {
		add("method", fmt.Sprintf("the method was signed as %q; the base string needs it upper-case, %q", b, a))
	}
}

func hintMethodMismatch(v *diffView, m *mistake, add func(part, detail string)) {
	if a, b := v.a.method, v.b.method; !strings.EqualFold(a, b) {
		add("method", fmt.Sprintf("%q was signed; the request was %q", b, a))
	}
}

func hintSchemeCase(v *diffView, m *mistake, add func(part, detail string)) {
	if a, b := v.ua.Scheme, v.ub.Scheme; v.uriChanged() && a != b && strings.EqualFold(a, b) {
		add("uri", fmt.Sprintf("the scheme was signed as %q, not lower-case %q", b, a))
	}
}

func hintSchemeMismatch(v *diffView, m *mistake, add func(part, detail string)) {
	if a, b := v.ua.Scheme, v.ub.Scheme; v.uriChanged() && !strings.EqualFold(a, b) {
		add("uri", fmt.Sprintf("signed with %s://, the server saw %s://", b, a))
	}
}

func hintHostCase(v *diffView, m *mistake, add func(part, detail string)) {
	a, _ := basestring.SplitHostPort(v.ua.Authority)
	b, _ := basestring.SplitHostPort(v.ub.Authority)
	if v.uriChanged() && a != b && strings.EqualFold(a, b) {
		add("uri", fmt.Sprintf("the host was signed as %q, not lower-case %q", b, a))
	}
}

func hintHostMismatch(v *diffView, m *mistake, add func(part, detail string)) {
	a, _ := basestring.SplitHostPort(v.ua.Authority)
	b, _ := basestring.SplitHostPort(v.ub.Authority)
	if v.uriChanged() && !strings.EqualFold(a, b) {
		add("uri", fmt.Sprintf("signed for host %q, the server saw %q", b, a))
	}
}

// portChange is how the port of B's URI differs from A's.
type portChange int

const (
	portSame           portChange = iota
	portDefaultKept               // the default port kept
	portDefaultDropped            // :80 or :443 dropped from the other scheme
	portOther                     // any other change
)

func (v *diffView) portChange() (change portChange, pa, pb string) {
	if !v.uriChanged() {
		return portSame, "", ""
	}
	_, pa = basestring.SplitHostPort(v.ua.Authority)
	_, pb = basestring.SplitHostPort(v.ub.Authority)
	switch {
	case pa == pb:
		return portSame, pa, pb
	case pa == "" && pb != "" && (pb == basestring.DefaultPort(v.ub.Scheme) || pb == basestring.DefaultPort(v.ua.Scheme)):
		return portDefaultKept, pa, pb
	case pb == "" && (pa == "80" || pa == "443") && pa != basestring.DefaultPort(v.ua.Scheme):
		return portDefaultDropped, pa, pb
	}
	return portOther, pa, pb
}

func hintDefaultPortIncluded(v *diffView, m *mistake, add func(part, detail string)) {
	if c, _, pb := v.portChange(); c == portDefaultKept {
		add("uri", fmt.Sprintf("the default port :%s was kept; the base string URI leaves it out", pb))
	}
}

func hintDefaultPortWrongScheme(v *diffView, m *mistake, add func(part, detail string)) {
	if c, pa, _ := v.portChange(); c == portDefaultDropped {
		add("uri", fmt.Sprintf(":%s was dropped from a %s:// URI, whose default port it is not", pa, v.ua.Scheme))
	}
}

func hintPortMismatch(v *diffView, m *mistake, add func(part, detail string)) {
	if c, pa, pb := v.portChange(); c == portOther {
		add("uri", fmt.Sprintf("signed with port %q, the server saw %q", portOrNone(pb), portOrNone(pa)))
	}
}

func hintEmptyPathNoSlash(v *diffView, m *mistake, add func(part, detail string)) {
	if v.uriChanged() && v.ua.Path == "/" && v.ub.Path == "" {
		add("uri", "the empty path was signed as empty; the base string URI needs \"/\"")
	}
}

func hintTrailingSlash(v *diffView, m *mistake, add func(part, detail string)) {
	pa, pb := v.ua.Path, v.ub.Path
	switch {
	case !v.uriChanged() || pa == pb || pa == "/" && pb == "":
	case pa+"/" == pb:
		add("uri", fmt.Sprintf("the path was signed with a trailing slash, %q, the request has %q", pb, pa))
	case pb+"/" == pa:
		add("uri", fmt.Sprintf("the path was signed without its trailing slash, %q, the request has %q", pb, pa))
	}
}

func hintPathDecoded(v *diffView, m *mistake, add func(part, detail string)) {
	pa, pb := v.ua.Path, v.ub.Path
	if v.uriChanged() && pa != pb && pa+"/" != pb && pb+"/" != pa && basestring.DecodeLenient(pa, false) == pb {
		add("uri", fmt.Sprintf("the path was signed decoded, %q; the base string keeps it as sent, %q", pb, pa))
	}
}

func hintQueryInBaseURI(v *diffView, m *mistake, add func(part, detail string)) {
	if v.uriChanged() && !v.ua.HasQuery && v.ub.HasQuery {
		add("uri", fmt.Sprintf("the query %q was signed as part of the URI; it belongs in the parameters", "?"+v.ub.Query))
	}
}
