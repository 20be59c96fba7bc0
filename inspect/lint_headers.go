package inspect

import (
	"errors"
	"slices"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// The rules about the Authorization header (RFC 5849 §3.5.1).

// lintHeaderMultiple reports several Authorization headers: a server reads
// one of them.
func lintHeaderMultiple(p *pass) {
	values := p.c.authValues
	if len(values) < 2 {
		return
	}
	schemes := make([]string, len(values))
	for i, v := range values {
		schemes[i] = lintQuote(authScheme(v))
	}
	p.report("", "%d Authorization headers are sent (schemes %s); a server reads one of them, send exactly one", len(values), strings.Join(schemes, ", "))
}

// lintHeaderScheme reports an Authorization header whose scheme is not
// OAuth, when no header has it (with an OAuth header among several,
// header-multiple says it all).
func lintHeaderScheme(p *pass) {
	values := p.c.authValues
	if slices.ContainsFunc(values, isOAuthScheme) {
		return
	}
	for _, v := range values {
		switch scheme := authScheme(v); {
		case scheme == "":
			p.report("", "the Authorization header is empty, want %q", `OAuth name="value", …`)
		default:
			hint := ""
			if strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "OAuth2") {
				hint = ": that is OAuth 2.0, not an OAuth 1.0a signature"
			}
			// The rest of the header is a credential: it is not quoted.
			p.report("", "the Authorization header scheme is %s, not \"OAuth\"%s", lintQuote(scheme), hint)
		}
	}
}

// lintHeaderUnreadable reports an OAuth Authorization header that cannot be
// parsed, so that none of its parameters count.
func lintHeaderUnreadable(p *pass) {
	for _, pe := range p.c.errs {
		if pe.part != "authorization header" {
			continue
		}
		var he *basestring.HeaderError
		if errors.As(pe.err, &he) {
			p.report("", "the Authorization header cannot be read: %s at byte %d, so none of its parameters count", he.Reason, he.Offset)
		} else {
			p.report("", "the Authorization header cannot be read: %v", pe.err)
		}
	}
}

// lintHeaderSyntax reports what the header parser tolerated but RFC 5849
// §3.5.1 does not allow (unquoted values, stray separators).
func lintHeaderSyntax(p *pass) {
	if p.c.auth == nil {
		return
	}
	for _, pr := range p.c.auth.Problems {
		p.report("", "authorization header at byte %d: %s", pr.Offset, pr.Message)
	}
}
