package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// signRecipe says how a client with one catalogue mistake signs: the base
// string rules it follows, and how the request it signs differs from the
// request it sends. The mistakes' own definitions live in package compare;
// this table only maps the ids sign can replay to basestring.Options.
type signRecipe struct {
	// opts are the rules the client builds its base string with.
	opts basestring.Options
	// sent changes the request as sent (e.g. a host written in capitals).
	sent func(*signInput) error
	// signing changes the request as the client signs it, after sent.
	signing func(*signInput)
	// rawSignature sends the signature without percent-encoding it.
	rawSignature bool
	// needs says what a request must have for the mistake to show.
	needs string
}

// withParts edits the URL of a request through its parts.
func withParts(in *signInput, edit func(*basestring.URLParts)) {
	p, err := basestring.SplitURL(in.url)
	if err != nil {
		return
	}
	edit(&p)
	in.url = p.String()
}

// signRecipes are the mistakes sign can reproduce, by catalogue id.
var signRecipes = map[string]signRecipe{
	"key-missing-token-secret": {opts: basestring.Options{Key: basestring.KeyNoTokenSecret}, needs: "it needs --token and a token secret"},
	"key-swapped-secrets":      {opts: basestring.Options{Key: basestring.KeySwapped}, needs: "it needs --token and a token secret, with an HMAC or PLAINTEXT signature"},
	"key-secrets-not-encoded":  {opts: basestring.Options{Key: basestring.KeyRawSecrets}, needs: "it needs a secret with characters that percent-encoding changes, e.g. '+' or '/'"},
	"key-no-ampersand":         {opts: basestring.Options{Key: basestring.KeyNoAmpersand}, needs: "it needs an HMAC or PLAINTEXT signature"},
	"scheme-mismatch": {
		signing: func(in *signInput) {
			withParts(in, func(p *basestring.URLParts) {
				if strings.EqualFold(p.Scheme, "https") {
					p.Scheme = "http"
				} else {
					p.Scheme = "https"
				}
			})
		},
		needs: "it needs an http or https URL",
	},
	"default-port-included": {
		opts: basestring.Options{KeepDefaultPort: true},
		signing: func(in *signInput) {
			withParts(in, func(p *basestring.URLParts) {
				if _, port := basestring.SplitHostPort(p.Authority); port == "" && basestring.DefaultPort(p.Scheme) != "" {
					p.Authority += ":" + basestring.DefaultPort(p.Scheme)
				}
			})
		},
		needs: "it needs an http or https URL",
	},
	"host-case": {
		opts: basestring.Options{KeepHostCase: true},
		sent: func(in *signInput) error {
			withParts(in, func(p *basestring.URLParts) {
				if p.Authority == strings.ToLower(p.Authority) {
					p.Authority = strings.ToUpper(p.Authority[:1]) + p.Authority[1:]
				}
			})
			return nil
		},
		needs: "it needs a host name with letters",
	},
	"scheme-case": {
		opts: basestring.Options{KeepSchemeCase: true},
		sent: func(in *signInput) error {
			withParts(in, func(p *basestring.URLParts) { p.Scheme = strings.ToUpper(p.Scheme) })
			return nil
		},
	},
	"trailing-slash": {
		signing: func(in *signInput) {
			withParts(in, func(p *basestring.URLParts) {
				if strings.HasSuffix(p.Path, "/") && len(p.Path) > 1 {
					p.Path = strings.TrimSuffix(p.Path, "/")
				} else if p.Path != "/" && p.Path != "" {
					p.Path += "/"
				}
			})
		},
		needs: "it needs a URL path other than /",
	},
	"query-in-base-uri": {opts: basestring.Options{KeepQuery: true}, needs: "it needs a query in the URL"},
	"path-decoded":      {opts: basestring.Options{DecodePath: true}, needs: "it needs a percent-encoded path, e.g. /files/a%20b"},
	"double-encoded":    {opts: basestring.Options{Encode: basestring.AppendEncodeTwice}, needs: "it needs a parameter value with reserved characters, e.g. --callback https://example.com/cb"},
	"not-encoded":       {opts: basestring.Options{Encode: basestring.AppendRaw}, needs: "it needs a parameter value with reserved characters, e.g. --callback https://example.com/cb"},
	"plus-for-space":    {opts: basestring.Options{Encode: basestring.AppendEncodePlusForSpace}, needs: "it needs a space in a parameter value, e.g. --data 'status=hello world'"},
	"lowercase-hex": {
		opts:  basestring.Options{Encode: basestring.AppendEncodeLowerHex, EncodeOuter: basestring.AppendEncodeLowerHex},
		needs: "it needs a character encoded with a letter in its hex, e.g. ':' (%3A)",
	},
	"java-urlencoder": {
		opts:  basestring.Options{Encode: basestring.AppendEncodeJava},
		needs: "it needs a space, '*' or '~' in a parameter value",
	},
	"tilde-encoded":         {opts: basestring.Options{Encode: basestring.AppendEncodeTilde}, needs: "it needs a '~' in a parameter value"},
	"query-params-unsigned": {opts: basestring.Options{SkipQuery: true}, needs: "it needs a query in the URL and --transport header or body"},
	"body-params-unsigned":  {opts: basestring.Options{SkipBody: true}, needs: "it needs a form body (--data) and --transport header or query"},
	"non-form-body-signed":  {opts: basestring.Options{BodyAnyContentType: true}, needs: "it needs a body with another Content-Type that reads as name=value pairs"},
	"form-body-charset-dropped": {
		opts:  basestring.Options{BodyExactContentType: true},
		needs: "it needs a form body sent with -H 'Content-Type: application/x-www-form-urlencoded; charset=UTF-8'",
	},
	"realm-signed":         {opts: basestring.Options{IncludeRealm: true}, needs: "it needs --realm and --transport header"},
	"sort-raw-not-encoded": {opts: basestring.Options{Sort: basestring.SortRaw}, needs: "it needs parameters whose order changes when encoded"},
	"sort-key-only":        {opts: basestring.Options{Sort: basestring.SortKeyOnly}, needs: "it needs a parameter name sent twice with values out of order"},
	"params-not-sorted":    {opts: basestring.Options{Sort: basestring.SortNone}, needs: "it needs parameters sent out of order, e.g. ?b=1&a=2"},
	"sort-pair-strings":    {opts: basestring.Options{Sort: basestring.SortPairs}, needs: "it needs parameter names where one is a prefix of another, e.g. a and a-b"},
	"method-lowercase": {
		opts:    basestring.Options{MethodAsIs: true},
		signing: func(in *signInput) { in.method = strings.ToLower(in.method) },
	},
	"empty-path-no-slash": {
		opts: basestring.Options{EmptyPathNoSlash: true},
		sent: func(in *signInput) error {
			withParts(in, func(p *basestring.URLParts) {
				if p.Path == "/" {
					p.Path = ""
				}
			})
			return nil
		},
		needs: "it needs a URL with an empty path, e.g. https://example.com",
	},
	"duplicate-dropped":         {opts: basestring.Options{DropDuplicates: true}, needs: "it needs a parameter name sent twice, e.g. ?a=1&a=2"},
	"empty-param-dropped":       {opts: basestring.Options{DropEmpty: true}, needs: "it needs a parameter with an empty value, e.g. ?a="},
	"plus-not-decoded":          {opts: basestring.Options{PlusLiteral: true}, needs: "it needs a '+' in the query or form body"},
	"double-utf8":               {opts: basestring.Options{Encode: basestring.AppendEncodeDoubleUTF8}, needs: "it needs a non-ASCII character in a parameter value"},
	"value-cut-at-equals":       {opts: basestring.Options{CutValueAtEquals: true}, needs: "it needs a query or body value holding '='"},
	"default-port-wrong-scheme": {opts: basestring.Options{DropAnyDefaultPort: true}, needs: "it needs a URL such as http://example.com:443/"},
	"signature-not-encoded":     {rawSignature: true, needs: "it shows only when the signature holds a '+': try another --nonce"},
}

// signableMistakes lists the ids sign can reproduce, sorted.
func signableMistakes() []string {
	ids := make([]string, 0, len(signRecipes))
	for id := range signRecipes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// String describes a recipe for test messages.
func (r signRecipe) String() string { return fmt.Sprintf("%+v", r.opts) }
