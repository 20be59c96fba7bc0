package compare

import (
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// parsedBase is a base string split into its parts (RFC 5849 §3.4.1.1):
// method "&" encode(URI) "&" encode(normalized parameters).
type parsedBase struct {
	method    string
	uriRaw    string // as in the base string
	uri       string // decoded once
	paramsRaw string // as in the base string
	seps      int    // top-level "&" found: 0, 1 or 2
	pairs     []basePair
}

// basePair is one name=value pair of the normalized parameter string.
type basePair struct {
	raw   string // as in the base string, e.g. "a%3Db%2520c"
	text  string // decoded once, as in the normalized parameter string: "a=b%20c"
	eName string // text before the first "=": the encoded name
	eVal  string // text after it: the encoded value
	name  string // the name decoded
}

func parseBase(s string) parsedBase {
	var p parsedBase
	method, rest, ok := strings.Cut(s, "&")
	p.method = method
	if !ok {
		return p
	}
	p.seps = 1
	uriRaw, params, ok := strings.Cut(rest, "&")
	p.uriRaw = uriRaw
	p.uri = basestring.DecodeLenient(uriRaw, false)
	if !ok {
		return p
	}
	p.seps = 2
	p.paramsRaw = params
	if params == "" {
		return p
	}
	// A client that forgot the outer encoding leaves "&" and "=" raw in the
	// parameter part; everything else splits at the encoded "&", "%26".
	sep, decode := "%26", true
	if strings.ContainsAny(params, "&=") {
		sep, decode = "&", false
	}
	for _, raw := range strings.Split(params, sep) {
		pr := basePair{raw: raw, text: raw}
		if decode {
			pr.text = basestring.DecodeLenient(raw, false)
		}
		pr.eName, pr.eVal, _ = strings.Cut(pr.text, "=")
		pr.name = basestring.DecodeLenient(pr.eName, false)
		p.pairs = append(p.pairs, pr)
	}
	return p
}
