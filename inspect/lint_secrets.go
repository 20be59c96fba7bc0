package inspect

import (
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// isSecretName reports whether a parameter or header name says it holds a
// secret.
func isSecretName(name string) bool {
	// Each byte compared with |0x20 matches one letter in either case.
	// Written out rather than with hasLettersAt: it runs on every name of
	// every request, and the loop cost a check about 100 instructions more.
	for i := 0; i+len("secret") <= len(name); i++ {
		if name[i]|0x20 == 's' && name[i+1]|0x20 == 'e' && name[i+2]|0x20 == 'c' &&
			name[i+3]|0x20 == 'r' && name[i+4]|0x20 == 'e' && name[i+5]|0x20 == 't' {
			return true
		}
	}
	return false
}

// lintSecretInRequest reports secrets sent in the request, by their name
// and length only (RFC 5849 §4.5: shared secrets work as passwords do): a
// parameter of the query, header or form body, a parameter of a body that
// reads as a form, or a header, whose name says it is a secret.
func lintSecretInRequest(p *pass) {
	const revoke = "anyone who saw the request has it: revoke it and issue a new one"
	report := func(q basestring.Param, where string) {
		n := utf8.RuneCountInString(q.Value)
		if n == 0 {
			p.report(q.Name, "secret parameter %s sent in the %s with an empty value: a client must never send its secrets", lintQuote(q.Name), where)
			return
		}
		p.report(q.Name, "secret sent in the request: %s (%d characters) in the %s; %s", lintQuote(q.Name), n, where, revoke)
	}
	if p.stray { // else no name says it is a secret
		for i := range p.c.params {
			// No protocol name says secret, and most names are protocol names.
			if q := &p.c.params[i]; knownName(q.Name) < 0 && isSecretName(q.Name) {
				report(*q, lintSourceName(q.Source))
			}
		}
	}
	for _, q := range p.guessed {
		if isSecretName(q.Name) {
			report(q, "body")
		}
	}
	for _, h := range p.r.Headers {
		if isSecretName(h.Name) {
			p.report("", "secret sent in the request: header %s (%d characters); %s", lintQuote(h.Name), utf8.RuneCountInString(h.Value), revoke)
		}
	}
}
