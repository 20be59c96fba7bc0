package compare

import (
	"slices"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// Mistake is one known client mistake of the catalogue: a way real clients
// build a wrong base string, key or signature.
type Mistake struct {
	// ID is the user-visible name, kebab-case, e.g. "double-encoded".
	ID string `json:"id"`
	// Title is a lowercase title under 60 characters.
	Title string `json:"title"`
	// Doc says what the client did.
	Doc string `json:"doc"`
	// Fix says how to fix the client, as a verb phrase.
	Fix string `json:"fix"`
	// RFC is the RFC 5849 section the client broke, e.g. "3.4.1.3.2".
	RFC string `json:"rfc"`
	// KnownIn names libraries and tools known for the mistake, each with a
	// public reference (an issue, a pull request, a changelog) when one
	// exists.
	KnownIn []string `json:"known_in"`
}

// mistake is a catalogue entry with the code that replays it. Exactly one of
// variants, keys and targets is set: a mistake changes the base string, the
// key, or the signature on the wire.
type mistake struct {
	Mistake
	// rank orders mistakes from the most common; explanations made of more
	// common mistakes are listed first.
	rank int
	// hint, when set, names the parts of a diff of two base strings that
	// show this mistake by themselves (see DiffHints).
	hint hintFunc
	// encoder is how the mistake percent-encodes, for the mistakes that are
	// another encoder; encodes says what it does ("encoded twice").
	encoder basestring.Encoder
	encodes string
	// order is the mistake's place in the catalogue: a pair of variants is
	// applied in this order.
	order int
	// variants returns the rebuilds this mistake makes of a request: one per
	// part it can concern (which parameter, which host). Each is made only by
	// changing the request or the basestring Options.
	variants func(ev *evidence) []variant
	// keys are the key constructions this mistake uses.
	keys []keyVariant
	// otherTokens marks the mistake whose keys are the consumer secret with
	// the secret of another token known for the call (the secrets given,
	// the capture's own responses): they depend on the secrets, not on the
	// request.
	otherTokens bool
	// targets returns the signatures the client computed, given the one the
	// server received (a transport mistake changes the signature on the way).
	targets func(supplied string) []target
}

// variant is one rebuild of a request by a mistake.
type variant struct {
	m *mistake
	// label names the part concerned ("oauth_callback", "host
	// api.internal:8080"), or "" when the mistake concerns no single part.
	label string
	// detail says what the client did to this request.
	detail string
	// param is the name of the one parameter the variant concerns, or ""
	// when it concerns the whole request. The search tries whole-request
	// variants first and bounds the per-parameter ones by its budget. A
	// per-parameter variant must not depend on the order of the parameters
	// (it changes or drops parameters by name and value): the search hands
	// its rewrite the parameters already sorted, which the engine then sorts
	// in linear time.
	param string
	// apply changes the request and the options. It reads the request it is
	// given, so that two variants compose (a scheme changed, then the
	// default port of the new scheme added).
	apply func(r *basestring.Request, o *basestring.Options)
}

// keyVariant is one key construction of a key mistake.
type keyVariant struct {
	rule   basestring.KeyRule
	label  string
	detail string
}

// target is one signature a client may have computed before the transport
// changed it.
type target struct {
	m      *mistake
	label  string
	detail string
	sig    string
}

// commonness lists the mistake ids from the most to the least common; it is
// the order of Catalogue and decides between explanations of equal size.
var commonness = []string{
	"key-missing-token-secret",
	"scheme-mismatch",
	"signature-not-encoded",
	"host-mismatch",
	"plus-for-space",
	"plus-not-decoded",
	"query-not-decoded",
	"double-encoded",
	"query-params-unsigned",
	"form-body-charset-dropped",
	"body-params-unsigned",
	"default-port-included",
	"port-mismatch",
	"param-signed-not-sent",
	"empty-param-dropped",
	"param-sent-not-signed",
	"key-secrets-not-encoded",
	"tilde-encoded",
	"java-urlencoder",
	"not-encoded",
	"non-form-body-signed",
	"realm-signed",
	"duplicate-dropped",
	"trailing-slash",
	"path-mismatch",
	"query-in-base-uri",
	"key-no-ampersand",
	"key-swapped-secrets",
	"method-mismatch",
	"lowercase-hex",
	"sort-raw-not-encoded",
	"sort-key-only",
	"sort-pair-strings",
	"params-not-sorted",
	"path-decoded",
	"host-case",
	"scheme-case",
	"method-lowercase",
	"empty-path-no-slash",
	"default-port-wrong-scheme",
	"double-utf8",
	"value-cut-at-equals",
	"signature-signed",
	"json-body-signed",
	"duplicate-keys-indexed",
	"key-other-token-secret",
}

// catalogue is the registry, in commonness order. It is built once and never
// changed; Catalogue and Lookup hand out copies.
var catalogue = buildCatalogue()

func buildCatalogue() []*mistake {
	var all []*mistake
	all = append(all, keyMistakes()...)
	all = append(all, uriMistakes()...)
	all = append(all, encodingMistakes()...)
	all = append(all, paramMistakes()...)
	all = append(all, structuredMistakes()...)
	all = append(all, transportMistakes()...)
	for _, m := range all {
		m.rank = slices.Index(commonness, m.ID)
		if m.rank < 0 {
			m.rank = len(commonness)
		}
	}
	slices.SortStableFunc(all, func(a, b *mistake) int { return a.rank - b.rank })
	for i, m := range all {
		m.order = i
	}
	return all
}

// Catalogue returns every known mistake, from the most to the least common.
func Catalogue() []Mistake {
	out := make([]Mistake, len(catalogue))
	for i, m := range catalogue {
		out[i] = m.Mistake
		out[i].KnownIn = slices.Clone(m.KnownIn)
	}
	return out
}

// Lookup returns the mistake with the given id.
func Lookup(id string) (Mistake, bool) {
	m := lookup(id)
	if m == nil {
		return Mistake{}, false
	}
	out := m.Mistake
	out.KnownIn = slices.Clone(m.KnownIn)
	return out, true
}

func lookup(id string) *mistake {
	for _, m := range catalogue {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// evidence is what the catalogue knows about a request when it builds the
// rebuilds: the request under the reading being explained, its parts, and
// the capture's other clues (forwarding headers, the URLs the user gave).
type evidence struct {
	// req is the request as the server saw it, with the authority the base
	// string uses (the Host header, when there was one) moved into the URL,
	// so that a rebuild changes the URL only.
	req basestring.Request
	url basestring.URLParts
	// params are the signed parameters, in the order collected, and sorted
	// the same in the RFC's order; excluded are realm and oauth_signature.
	params   []basestring.Param
	sorted   []basestring.Param
	excluded []basestring.Param
	// method is oauth_signature_method.
	method string
	// schemeFixed is false when the scheme is a reading (the capture does
	// not say), so that a scheme change is not a mistake but the other reading.
	schemeFixed bool
	capture     *inspect.Request
	opts        *Options
}

// newEvidence prepares a reading's request for the catalogue.
func newEvidence(rd *reading, res *basestring.Result, capture *inspect.Request, o *Options, schemeFixed bool) (*evidence, error) {
	u, err := basestring.SplitURL(rd.req.URL)
	if err != nil {
		return nil, err
	}
	if rd.req.Host != "" {
		u.Authority = rd.req.Host
	}
	ev := &evidence{
		req:         rd.req,
		url:         u,
		method:      res.SignatureMethod,
		schemeFixed: schemeFixed,
		capture:     capture,
		opts:        o,
	}
	ev.req.URL = u.String()
	ev.req.Host = ""
	ev.params = make([]basestring.Param, len(res.Params))
	ev.sorted = make([]basestring.Param, len(res.Params))
	for i, p := range res.Params {
		ev.params[i] = p.Param
	}
	placed := make([]bool, len(res.Params))
	for _, p := range res.Params {
		if p.Position < 0 || p.Position >= len(placed) || placed[p.Position] {
			ev.sorted = ev.params // not a permutation: the collected order will do
			break
		}
		placed[p.Position] = true
		ev.sorted[p.Position] = p.Param
	}
	ev.excluded = res.Excluded
	return ev, nil
}

// hostname and port of the authority the server saw.
func (ev *evidence) hostPort() (host, port string) { return basestring.SplitHostPort(ev.url.Authority) }

// header returns the first value of a header of the capture.
func (ev *evidence) header(name string) string {
	if ev.capture == nil {
		return ""
	}
	return ev.capture.Header(name)
}

// forwarding returns the capture's proxy headers.
func (ev *evidence) forwarding() inspect.Forwarding {
	if ev.capture == nil {
		return inspect.Forwarding{}
	}
	return ev.capture.Forwarding
}

// hasParam reports whether a parameter with the name was signed.
func (ev *evidence) hasParam(name string) bool {
	return slices.ContainsFunc(ev.params, func(p basestring.Param) bool { return p.Name == name })
}

// editURL changes the request's URL through its parts.
func editURL(r *basestring.Request, f func(u *basestring.URLParts)) {
	u, err := basestring.SplitURL(r.URL)
	if err != nil {
		return
	}
	f(&u)
	r.URL = u.String()
}

// addRewrite chains a parameter rewrite after any already set, so that two
// mistakes that both change the parameters compose.
func addRewrite(o *basestring.Options, f func([]basestring.Param) []basestring.Param) {
	prev := o.Rewrite
	if prev == nil {
		o.Rewrite = f
		return
	}
	o.Rewrite = func(ps []basestring.Param) []basestring.Param { return f(prev(ps)) }
}

// firstListItem returns the first element of a comma-separated header value.
func firstListItem(v string) string {
	first, _, _ := strings.Cut(v, ",")
	return strings.TrimSpace(first)
}

// forwardedParam returns every value of a parameter (host, proto) in
// Forwarded header values (RFC 7239 §4), unquoted, joined by commas.
func forwardedParam(values []string, name string) string {
	var out []string
	for _, v := range values {
		for _, elem := range strings.Split(v, ",") {
			for _, pair := range strings.Split(elem, ";") {
				k, val, ok := strings.Cut(strings.TrimSpace(pair), "=")
				if !ok || !strings.EqualFold(strings.TrimSpace(k), name) {
					continue
				}
				val = strings.Trim(strings.TrimSpace(val), `"`)
				if val != "" {
					out = append(out, val)
				}
			}
		}
	}
	return strings.Join(out, ",")
}

// quote formats a value for a detail sentence.
func quote(s string) string {
	const max = 60
	if len(s) > max {
		s = s[:max] + "…"
	}
	return `"` + s + `"`
}
