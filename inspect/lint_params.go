package inspect

import (
	"fmt"
	"slices"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// lintSourceName names a parameter source in messages.
func lintSourceName(s basestring.Source) string {
	switch s {
	case basestring.SourceHeader:
		return "authorization header"
	case basestring.SourceBody:
		return "form body"
	case basestring.SourceQuery:
		return "query"
	}
	return string(s)
}

// lintSourceOrder is the order of preference of RFC 5849 §3.5.
var lintSourceOrder = [...]basestring.Source{basestring.SourceHeader, basestring.SourceBody, basestring.SourceQuery}

// checkPlacement checks that each protocol parameter is sent once, in one
// place (RFC 5849 §3.1 step 2, §3.5).
func (l *linter) checkPlacement() {
	oauth := l.oauth
	type use struct {
		name   string
		counts [len(lintSourceOrder)]int
		values [len(lintSourceOrder)][]string
	}
	var uses []*use
	useOf := make(map[string]int)
	var perSource [len(lintSourceOrder)][]string
	for _, p := range oauth {
		si := slices.Index(lintSourceOrder[:], p.Source)
		if si < 0 || isSecretName(p.Name) { // a secret is reported as such
			continue
		}
		i, ok := useOf[p.Name]
		if !ok {
			uses = append(uses, &use{name: p.Name})
			i = len(uses) - 1
			useOf[p.Name] = i
		}
		u := uses[i]
		u.counts[si]++
		u.values[si] = append(u.values[si], p.Value)
		if u.counts[si] == 1 { // the name's first time in this place
			perSource[si] = append(perSource[si], p.Name)
		}
	}
	for _, u := range uses {
		var places []string
		for si, n := range u.counts {
			if n == 0 {
				continue
			}
			places = append(places, "the "+lintSourceName(lintSourceOrder[si]))
			if n > 1 {
				same := "the same value"
				vs := u.values[si]
				for _, v := range vs[1:] {
					if v != vs[0] {
						same = "different values"
						break
					}
				}
				l.add("param-duplicated", u.name, "", "%s is sent %d times in the %s, with %s; each protocol parameter must appear once", lintQuote(u.name), n, lintSourceName(lintSourceOrder[si]), same)
			}
		}
		if len(places) > 1 {
			l.add("param-in-several-places", u.name, "", "%s is sent in %s; send each protocol parameter in one place only", lintQuote(u.name), lintJoinAnd(places))
		}
	}
	var holding []string
	var sets [][]string
	for si, names := range perSource {
		if len(names) > 0 {
			holding = append(holding, fmt.Sprintf("the %s (%d)", lintSourceName(lintSourceOrder[si]), len(names)))
			slices.Sort(names)
			sets = append(sets, names)
		}
	}
	if len(sets) > 1 {
		for _, s := range sets[1:] {
			if !slices.Equal(s, sets[0]) {
				l.add("params-split", "", "", "protocol parameters are split between %s; send all of them in one place, the Authorization header preferably", lintJoinAnd(holding))
				break
			}
		}
	}
}

// lintJoinAnd joins words as "a, b and c".
func lintJoinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// checkRequired reports the required parameters that are missing or empty
// (RFC 5849 §3.1). oauth_timestamp and oauth_nonce may be left out with
// PLAINTEXT; oauth_token is optional.
func (l *linter) checkRequired() {
	method := l.method
	for _, name := range [...]string{"oauth_consumer_key", "oauth_signature_method", "oauth_signature", "oauth_timestamp", "oauth_nonce"} {
		v, ok := l.value(name)
		switch {
		case !ok && (name == "oauth_timestamp" || name == "oauth_nonce"):
			if method != "PLAINTEXT" {
				l.add("missing-param", name, "", "missing required parameter %q (only PLAINTEXT may leave it out)", name)
			}
		case !ok:
			l.add("missing-param", name, "", "missing required parameter %q", name)
		case v == "" && name != "oauth_timestamp" && name != "oauth_nonce":
			l.add("param-empty", name, "", "%q is sent with an empty value", name)
		}
	}
}

// checkVersion checks that oauth_version, when sent, is "1.0" (RFC 5849 §3.1).
func (l *linter) checkVersion() {
	v, ok := l.value("oauth_version")
	if !ok || v == "1.0" {
		return
	}
	hint := ""
	switch {
	case strings.TrimSpace(v) == "1.0":
		hint = "; remove the white space"
	case strings.EqualFold(v, "1.0a"):
		hint = "; 1.0a names the revision of the protocol, the parameter stays \"1.0\""
	case v == "1":
		hint = "; write it \"1.0\""
	}
	l.add("version-not-1.0", "oauth_version", "", "oauth_version is %s, it must be \"1.0\" when sent (or left out)%s", lintQuote(v), hint)
}

// checkNonce checks that oauth_nonce, when sent, is not empty (RFC 5849 §3.3).
func (l *linter) checkNonce() {
	if v, ok := l.value("oauth_nonce"); ok && v == "" {
		l.add("nonce-empty", "oauth_nonce", "", "oauth_nonce is empty; it must be a random string, unique for each timestamp")
	}
}

// checkWhitespace reports identifiers with white space around them: values
// are compared exactly (RFC 5849 §3.1).
func (l *linter) checkWhitespace() {
	for _, name := range [...]string{"oauth_consumer_key", "oauth_token", "oauth_verifier", "oauth_callback", "oauth_nonce"} {
		if v, ok := l.value(name); ok && v != "" && strings.TrimSpace(v) != v {
			l.add("param-whitespace", name, "", "%s has white space around its value %s; values are compared exactly", lintQuote(name), lintQuote(v))
		}
	}
}
