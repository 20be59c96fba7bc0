package inspect

import (
	"fmt"
	"slices"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// The rules about the protocol parameters themselves: present, not empty,
// sent once in one place, spelt right (RFC 5849 §3.1, §3.5).

// lintNoOAuthParams reports a request with no OAuth parameter anywhere
// (RFC 5849 §3.5).
func lintNoOAuthParams(p *pass) {
	if len(p.uses) == 0 && !p.oauthHeader {
		p.report("", "no oauth parameters found: no Authorization header with the OAuth scheme and no oauth_ parameter in the query or a form body")
	}
}

// requiredParams are the protocol parameters every signed request carries
// (RFC 5849 §3.1); oauth_timestamp and oauth_nonce may be left out with
// PLAINTEXT, and oauth_token is optional.
var requiredParams = [...]int{nameConsumerKey, nameSignatureMethod, nameSignature, nameTimestamp, nameNonce}

// lintMissingParam reports the required parameters that are missing
// (RFC 5849 §3.1).
func lintMissingParam(p *pass) {
	for _, id := range requiredParams {
		if _, ok := p.protocol(id); ok {
			continue
		}
		name := suggestedNames[id]
		switch {
		case name != "oauth_timestamp" && name != "oauth_nonce":
			p.report(name, "missing required parameter %q", name)
		case p.method.name != "PLAINTEXT":
			p.report(name, "missing required parameter %q (only PLAINTEXT may leave it out)", name)
		}
	}
}

// lintParamEmpty reports the required parameters sent empty (RFC 5849
// §3.1); an empty timestamp or nonce has its own rule.
func lintParamEmpty(p *pass) {
	for _, id := range requiredParams {
		if v, ok := p.protocol(id); ok && v == "" && id != nameTimestamp && id != nameNonce {
			p.report(suggestedNames[id], "%q is sent with an empty value", suggestedNames[id])
		}
	}
}

// lintVersion checks that oauth_version, when sent, is "1.0" (RFC 5849 §3.1).
func lintVersion(p *pass) {
	v, ok := p.protocol(nameVersion)
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
	p.report("oauth_version", "oauth_version is %s, it must be \"1.0\" when sent (or left out)%s", lintQuote(v), hint)
}

// lintNonceEmpty checks that oauth_nonce, when sent, is not empty (RFC 5849
// §3.3).
func lintNonceEmpty(p *pass) {
	if v, ok := p.protocol(nameNonce); ok && v == "" {
		p.report("oauth_nonce", "oauth_nonce is empty; it must be a random string, unique for each timestamp")
	}
}

// lintParamWhitespace reports identifiers with white space around them:
// values are compared exactly (RFC 5849 §3.1).
func lintParamWhitespace(p *pass) {
	for _, id := range [...]int{nameConsumerKey, nameToken, nameVerifier, nameCallback, nameNonce} {
		if v, ok := p.protocol(id); ok && v != "" && strings.TrimSpace(v) != v {
			name := suggestedNames[id]
			p.report(name, "%s has white space around its value %s; values are compared exactly", lintQuote(name), lintQuote(v))
		}
	}
}

// lintSourceOrder is the order of preference of RFC 5849 §3.5.
var lintSourceOrder = [...]basestring.Source{basestring.SourceHeader, basestring.SourceBody, basestring.SourceQuery}

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

// lintParamDuplicated reports a protocol parameter sent more than once in
// one place (RFC 5849 §3.1 step 2).
func lintParamDuplicated(p *pass) {
	if !p.repeated {
		return
	}
	for i := range p.uses {
		u := &p.uses[i]
		for si, n := range u.counts {
			if n < 2 || u.secret {
				continue
			}
			same := "the same value"
			if u.differ[si] {
				same = "different values"
			}
			p.report(u.name, "%s is sent %d times in the %s, with %s; each protocol parameter must appear once", lintQuote(u.name), n, lintSourceName(lintSourceOrder[si]), same)
		}
	}
}

// lintParamInSeveralPlaces reports a protocol parameter sent in more than
// one place (RFC 5849 §3.5: one place per request).
func lintParamInSeveralPlaces(p *pass) {
	if !p.severalPlaces {
		return
	}
	for i := range p.uses {
		u := &p.uses[i]
		if u.secret || u.places() < 2 {
			continue
		}
		var places []string
		for si, n := range u.counts {
			if n > 0 {
				places = append(places, "the "+lintSourceName(lintSourceOrder[si]))
			}
		}
		p.report(u.name, "%s is sent in %s; send each protocol parameter in one place only", lintQuote(u.name), lintJoinAnd(places))
	}
}

// lintParamsSplit reports protocol parameters spread over several places,
// each holding a different set of names (RFC 5849 §3.5). The sets are equal
// when every name is sent in every place that holds any.
func lintParamsSplit(p *pass) {
	places := 0
	for _, n := range p.perSource {
		if n > 0 {
			places++
		}
	}
	if places < 2 {
		return
	}
	var holding []string
	for si, n := range p.perSource {
		if n > 0 {
			holding = append(holding, fmt.Sprintf("the %s (%d)", lintSourceName(lintSourceOrder[si]), n))
		}
	}
	for i := range p.uses {
		u := &p.uses[i]
		if u.secret || u.places() == 0 {
			continue
		}
		for si, n := range u.counts {
			if n == 0 && p.perSource[si] > 0 {
				p.report("", "protocol parameters are split between %s; send all of them in one place, the Authorization header preferably", lintJoinAnd(holding))
				return
			}
		}
	}
}

// The protocol parameters of RFC 5849 and its common extensions, which a
// misspelt name is compared with.
var (
	suggestedNames = [...]string{
		"oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_signature",
		"oauth_timestamp", "oauth_nonce", "oauth_version", "oauth_callback", "oauth_verifier",
		"oauth_body_hash",
	}
	otherKnownNames = [...]string{
		"oauth_session_handle", "oauth_callback_confirmed", "oauth_token_secret",
		"oauth_problem", "oauth_problem_advice", "oauth_expires_in", "oauth_authorization_expires_in",
	}
)

// lintParamNameTypo reports names that look like a misspelt protocol
// parameter: a wrong case, "-" for "_", or up to two letters off (RFC 5849
// §3.1: names are exact). Its cost is linear in the number of parameters:
// each distinct name is compared once with each protocol name.
func lintParamNameTypo(p *pass) {
	if !p.stray {
		return
	}
	seen := make(map[string]bool) // names not starting "oauth_"; those have p.uses
	var buf []byte
	for k := range p.c.params {
		q := &p.c.params[k]
		name := q.Name
		// The protocol names first: most names of a request are.
		if knownName(name) >= 0 || len(name) < len("oauth") || name[0]|0x20 != 'o' || !strings.EqualFold(name[:len("oauth")], "oauth") ||
			slices.Contains(otherKnownNames[:], name) || isSecretName(name) {
			continue
		}
		if i, ok := p.index[name]; ok {
			if int(p.uses[i].at) != k {
				continue // reported at its first occurrence
			}
		} else if seen[name] {
			continue
		} else {
			seen[name] = true
		}
		norm := name
		if strings.ContainsFunc(name, func(c rune) bool { return 'A' <= c && c <= 'Z' || c == '-' }) {
			buf = append(buf[:0], name...)
			for i, c := range buf {
				switch {
				case 'A' <= c && c <= 'Z':
					buf[i] = c + 'a' - 'A'
				case c == '-':
					buf[i] = '_'
				}
			}
			norm = string(buf)
		}
		best, bestDist := "", 3
		for _, k := range suggestedNames {
			if d := EditDistance(norm, k, bestDist); d < bestDist {
				best, bestDist = k, d
			}
		}
		if best != "" {
			p.report(name, "unknown parameter %s in the %s: did you mean %q? names are case-sensitive and must be exact", lintQuote(name), lintSourceName(q.Source), best)
		}
	}
}
