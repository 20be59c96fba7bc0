package basestring

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Request is what a signature base string is built from: the request as the
// server received it.
type Request struct {
	// Method is the HTTP request method.
	Method string
	// URL is the absolute request URL as the client used it:
	// scheme://authority/path?query. The path is kept as sent (escaped).
	URL string
	// Host is the Host header the server received, or "" when there is none.
	// When set, it is the authority of the base string URI (RFC 5849
	// §3.4.1.2: the URI as the server sees it).
	Host string
	// Authorization is the Authorization header value, or "" when none was sent.
	Authorization string
	// ContentType is the Content-Type header value.
	ContentType string
	// Body is the raw entity body.
	Body []byte
}

// KeyRule selects how the signing key is made from the two secrets.
type KeyRule int

// The key constructions. KeyRFC is the RFC's; the others are client mistakes.
const (
	KeyRFC                KeyRule = iota // encode(consumer secret) "&" encode(token secret), RFC 5849 §3.4.2
	KeyNoTokenSecret                     // encode(consumer secret) "&": the token secret left out
	KeySwapped                           // encode(token secret) "&" encode(consumer secret)
	KeyRawSecrets                        // the secrets joined without percent-encoding
	KeyNoAmpersand                       // the secrets concatenated without "&"
	KeyConsumerSecretOnly                // the consumer secret alone, raw, with no "&"
)

// SortRule selects how parameters are ordered before they are joined.
type SortRule int

// The sort orders. SortEncoded is the RFC's; the others are client mistakes.
const (
	SortEncoded SortRule = iota // by encoded name, then encoded value, in byte order (RFC 5849 §3.4.1.3.2)
	SortRaw                     // by decoded name, then decoded value: sorted before encoding
	SortKeyOnly                 // by encoded name only, duplicates left in the order sent
	SortPairs                   // the joined "name=value" strings sorted as wholes
	SortNone                    // not sorted at all: the order collected
)

// Options selects the rules used to build a base string. The zero value is
// RFC 5849; every other setting reproduces a known client mistake, so that a
// deviating base string is built by the same code as the correct one.
type Options struct {
	// ParamRules are the rules for the parameters (§3.4.1.3); its fields
	// are reached as fields of Options.
	ParamRules

	// MethodAsIs keeps the method's case instead of upper-casing it.
	MethodAsIs bool
	// IgnoreHostHeader takes the authority from the URL even when the
	// request has a Host header.
	IgnoreHostHeader bool
	// KeepDefaultPort keeps :80 on http and :443 on https.
	KeepDefaultPort bool
	// DropAnyDefaultPort drops :80 and :443 whatever the scheme.
	DropAnyDefaultPort bool
	// DropPort drops any port.
	DropPort bool
	// KeepHostCase and KeepSchemeCase keep the case of host and scheme.
	KeepHostCase, KeepSchemeCase bool
	// EmptyPathNoSlash signs an empty path as empty instead of "/".
	EmptyPathNoSlash bool
	// KeepQuery signs the query as part of the base string URI.
	KeepQuery bool
	// DecodePath signs the percent-decoded path.
	DecodePath bool

	// Key selects the signing key construction.
	Key KeyRule
}

// ParamRules are the rules that choose, encode and order the parameters of
// a base string (RFC 5849 §3.4.1.3). The zero value is the RFC's. Every rule
// lives here, so that the one collector (builder.collect) and the check
// whether the encoded fast path applies (ParamRules.encodedFast) see all of
// them.
type ParamRules struct {
	// Encode encodes parameter names and values; nil means [appendEncode].
	Encode Encoder
	// EncodeOuter encodes the URI and the normalized parameter string into the
	// base string (RFC 5849 §3.4.1.1); nil means [appendEncode].
	EncodeOuter Encoder

	// PlusLiteral signs a "+" in the query or body as a literal plus instead
	// of a space.
	PlusLiteral bool
	// CutValueAtEquals signs a query or body value holding "=" only up to that "=".
	CutValueAtEquals bool

	// SkipQuery, SkipHeader and SkipBody leave a parameter source out.
	SkipQuery, SkipHeader, SkipBody bool
	// BodyAnyContentType signs the body as form parameters whatever its
	// Content-Type (a JSON or XML body read as parameters).
	BodyAnyContentType bool
	// BodyExactContentType signs the body only when its Content-Type is exactly
	// application/x-www-form-urlencoded, so "; charset=UTF-8" drops it.
	BodyExactContentType bool
	// IncludeRealm signs the realm parameter of the Authorization header.
	IncludeRealm bool
	// IncludeSignature signs oauth_signature itself.
	IncludeSignature bool
	// DropDuplicates signs only the first parameter of each name.
	DropDuplicates bool
	// DropEmpty leaves out parameters with an empty value.
	DropEmpty bool
	// Rewrite, when set, replaces the collected parameters before they are
	// encoded and sorted, e.g. to sign a parameter that was not sent.
	Rewrite func([]Param) []Param

	// Sort selects the parameter order.
	Sort SortRule
}

// Step is one step of building a base string, for showing how it was made.
type Step struct {
	// Name is a short title, e.g. "base string URI".
	Name string `json:"name"`
	// Section is the RFC 5849 section the step follows, e.g. "3.4.1.2".
	Section string `json:"section"`
	// Input is what the step started from.
	Input string `json:"input"`
	// Output is what it produced.
	Output string `json:"output"`
}

// TracedParam is a collected parameter with its encoded form and its place
// in the sorted order.
type TracedParam struct {
	Param
	// EncodedName and EncodedValue are the encoded forms that are sorted and joined.
	EncodedName  string
	EncodedValue string
	// Position is the 0-based place in the sorted order.
	Position int
}

// Result is a base string with the steps that made it.
type Result struct {
	// Method is the method as signed.
	Method string
	// URI is the base string URI (RFC 5849 §3.4.1.2).
	URI string
	// Params are the signed parameters in the order collected.
	Params []TracedParam
	// Excluded are parameters found but not signed (realm, oauth_signature).
	Excluded []Param
	// ParamString is the normalized parameter string (RFC 5849 §3.4.1.3.2).
	ParamString string
	// BaseString is the signature base string (RFC 5849 §3.4.1.1).
	BaseString string
	// Steps are the steps in order.
	Steps []Step
	// Signature and SignatureMethod are oauth_signature and
	// oauth_signature_method as found in the request ("" when absent).
	Signature, SignatureMethod string
}

// An Error is a request whose base string cannot be built, with the part of
// the request at fault.
type Error struct {
	// Part is "url", "query", "authorization header" or "body".
	Part string
	Err  error
}

// Error names the part of the request and the cause.
func (e *Error) Error() string { return "basestring: " + e.Part + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Build builds the signature base string of req under the rules o (nil means
// the RFC) and returns it with every step.
func Build(req *Request, o *Options) (*Result, error) {
	b := getBuilder()
	defer putBuilder(b)
	res := &Result{}
	if _, err := b.build(req, o, res); err != nil {
		return nil, err
	}
	return res, nil
}

// AppendBaseString appends the base string of req under the rules o (nil
// means the RFC) to dst, without recording steps. It also returns the
// protocol parameters the collector found on the way.
func AppendBaseString(dst []byte, req *Request, o *Options) (out []byte, found Found, err error) {
	return appendBaseString(dst, req, o, nil)
}

// appendBaseString is AppendBaseString, handing out in col, when it is not
// nil, every parameter read.
func appendBaseString(dst []byte, req *Request, o *Options, col *Collected) ([]byte, Found, error) {
	b := getBuilder()
	defer putBuilder(b)
	b.col = col
	// Into an empty dst, the base string is written in place rather than
	// built in the builder's room and copied.
	own := b.out
	if len(dst) == 0 {
		b.out = dst
	}
	base, err := b.build(req, o, nil)
	b.col, b.out = nil, own
	if err != nil {
		return dst, Found{}, err
	}
	b.found.Signature, b.found.SignatureMethod = b.suppliedSignature(), b.method
	if len(dst) == 0 {
		return base, b.found, nil
	}
	return append(dst, base...), b.found, nil
}

// AppendBaseStringCollected is AppendBaseString under the RFC's rules that
// also hands out, in col, every parameter the collector read on the way:
// for a caller that checks the parameters as well as the signature, without
// reading the request again.
func AppendBaseStringCollected(dst []byte, req *Request, col *Collected) (out []byte, found Found, err error) {
	col.reset(req)
	return appendBaseString(dst, req, nil, col)
}

// Collected is every parameter of a request as the collector read it, with
// what it read them from.
type Collected struct {
	// Params are the pairs of the query, the Authorization header and a
	// form body, in that order, decoded, the ones the base string leaves
	// out (realm, oauth_signature) included; a header name or value that
	// is not valid percent-encoding is kept as sent.
	Params []Param
	// Problems are the deviations from §3.5.1 that the header's reading
	// tolerated, as ParseAuthorization lists them.
	Problems []HeaderProblem
	// URL is the request URL read and Parts its parts (Parts.Query the
	// query read), so that a caller holding the same URL need not split
	// it again.
	URL   string
	Parts URLParts
	// Authorization and Body are the Authorization header value and the
	// form body read (Body "" when the body is not signed as a form): a
	// caller compares them, and the query, with its own reading of the
	// request before it uses Params.
	Authorization, Body string
}

// reset empties c for req, keeping its room.
func (c *Collected) reset(req *Request) {
	c.Params, c.Problems = c.Params[:0], c.Problems[:0]
	c.URL, c.Parts = "", URLParts{}
	c.Authorization, c.Body = req.Authorization, ""
}

// problem records a tolerated deviation of the header.
func (c *Collected) problem(offset int, format string, args ...any) {
	c.Problems = append(c.Problems, HeaderProblem{Offset: offset, Message: fmt.Sprintf(format, args...)})
}

// Found are the protocol parameters the collector notes while it builds a
// base string, decoded: what a verifier needs before it can choose the
// secrets, without parsing the request again.
type Found struct {
	// Signature and SignatureMethod are the first oauth_signature and
	// oauth_signature_method sent, before any exclusion ("" when absent).
	Signature, SignatureMethod string
	// ConsumerKey and Token are the first oauth_consumer_key and
	// oauth_token signed, in the order collected (§3.4.1.3.1); HasToken
	// says whether an oauth_token is signed.
	ConsumerKey, Token string
	HasToken           bool
	hasKey             bool
}

// note records a signed oauth_consumer_key or oauth_token.
func (f *Found) note(name, value string) {
	switch {
	case name == "oauth_consumer_key" && !f.hasKey:
		f.ConsumerKey, f.hasKey = value, true
	case name == "oauth_token" && !f.HasToken:
		f.Token, f.HasToken = value, true
	}
}

// builder holds the scratch space of one build; it is pooled so that
// verifying a request allocates little.
type builder struct {
	params  []Param
	enc     []byte
	items   []item
	sorted  []item  // scratch for sortEncoded
	order   []int32 // scratch for sortEncoded
	out     []byte
	scratch []byte
	// signature is the first non-empty oauth_signature found, decoded unless
	// signatureEncoded says it is as sent (form: form-encoded).
	signature                       string
	signatureEncoded, signatureForm bool
	method                          string
	methodEnd                       int
	mac                             *keyedMAC  // the HMAC of the last key, reset per base string
	key, sum                        []byte     // scratch for the signing key and the MAC
	found                           Found      // the credentials signed, noted by the collector
	col                             *Collected // every parameter read, when a caller asks
}

// suppliedSignature returns oauth_signature as found in the request, decoded.
func (b *builder) suppliedSignature() string {
	if !b.signatureEncoded {
		return b.signature
	}
	return decodeKept(b.signature, b.signatureForm)
}

// item locates one encoded parameter in builder.enc.
type item struct {
	param           int // index in builder.params
	start, nameEnd  int // encoded name: enc[start:nameEnd]
	valueStart, end int // encoded value: enc[valueStart:end]
	// key is the first 8 bytes of the encoded name, big-endian and
	// zero-padded: most comparisons of the RFC's sort need nothing else.
	key uint64
}

// sortKey packs the first 8 bytes of an encoded name. Zero padding sorts a
// shorter name first, as bytes.Compare does; equal keys fall back to the
// full comparison.
func sortKey(name []byte) uint64 {
	if len(name) >= 8 {
		return binary.BigEndian.Uint64(name)
	}
	var k uint64
	for i := 0; i < 8; i++ {
		k <<= 8
		if i < len(name) {
			k |= uint64(name[i])
		}
	}
	return k
}

var builders = sync.Pool{New: func() any { return new(builder) }}

func getBuilder() *builder { return builders.Get().(*builder) }

func putBuilder(b *builder) {
	if cap(b.enc) > 1<<20 || cap(b.out) > 1<<20 {
		return
	}
	clear(b.params)
	b.params, b.enc, b.items, b.out, b.scratch = b.params[:0], b.enc[:0], b.items[:0], b.out[:0], b.scratch[:0]
	b.signature, b.signatureEncoded, b.method, b.found = "", false, "", Found{}
	builders.Put(b)
}

// build returns the base string as a slice of b.out, valid until b is
// reused. A nil o means the RFC.
func (b *builder) build(req *Request, o *Options, res *Result) ([]byte, error) {
	if o == nil {
		o = &Options{}
	}
	if err := checkMethod(req.Method); err != nil {
		return nil, &Error{Part: "method", Err: err}
	}
	u, err := SplitURL(req.URL)
	if err != nil {
		return nil, &Error{Part: "url", Err: err}
	}
	encoded := res == nil && o.encodedFast()
	if err := b.collect(req, u, &o.ParamRules, encoded, res); err != nil {
		return nil, err
	}
	if encoded {
		b.sort(SortEncoded)
		return b.writeBaseString(req, u, o, nil)
	}
	for _, p := range b.params {
		b.found.note(p.Name, p.Value)
	}

	encode := o.Encode
	if encode == nil {
		encode = appendEncode
	}
	outer := func(dst, s []byte) []byte { return o.EncodeOuter(dst, string(s)) }
	if o.EncodeOuter == nil {
		outer = AppendEncodeBytes
	}

	// §3.4.1.3.2: encode names and values, sort, join.
	for i := range b.params {
		p := &b.params[i]
		it := item{param: i, start: len(b.enc)}
		b.enc = encode(b.enc, p.Name)
		it.nameEnd = len(b.enc)
		b.enc = append(b.enc, '=')
		it.valueStart = len(b.enc)
		b.enc = encode(b.enc, p.Value)
		it.end = len(b.enc)
		it.key = sortKey(b.enc[it.start:it.nameEnd])
		b.items = append(b.items, it)
	}
	b.sort(o.Sort)

	out, err := b.writeBaseString(req, u, o, outer)
	if err != nil {
		return nil, err
	}
	if res != nil {
		b.trace(req, u, o, res, out)
	}
	return out, nil
}

// writeBaseString writes method & encode(URI) & encode(parameter string)
// (§3.4.1.1) into b.out from the sorted items, and returns it. A nil outer
// means the items are already encoded for the base string (the fast path).
func (b *builder) writeBaseString(req *Request, u URLParts, o *Options, outer func(dst, s []byte) []byte) ([]byte, error) {
	out := b.out[:0]
	if o.MethodAsIs {
		out = append(out, req.Method...)
	} else {
		out = appendUpper(out, req.Method)
	}
	b.methodEnd = len(out)
	out = append(out, '&')
	uri, err := makeBaseURI(u, req.Host, o)
	if err != nil {
		return nil, &Error{Part: "url", Err: err}
	}
	if outer == nil {
		out = uri.appendEncoded(out)
	} else {
		b.scratch = uri.appendTo(b.scratch[:0])
		out = outer(out, b.scratch)
	}
	out = append(out, '&')
	for k, it := range b.items {
		if k > 0 {
			out = append(out, "%26"...)
		}
		if outer == nil {
			out = append(out, b.enc[it.start:it.end]...)
		} else {
			out = outer(out, b.enc[it.start:it.end])
		}
	}
	b.out = out
	return out, nil
}

// checkMethod accepts an HTTP method token (RFC 9110 §9.1: tchar).
func checkMethod(m string) error {
	if m == "" {
		return errors.New("empty method")
	}
	for i := 0; i < len(m); i++ {
		if !methodByte[m[i]] {
			return fmt.Errorf("method %q is not an HTTP method token", m)
		}
	}
	return nil
}

// methodByte marks the bytes of an HTTP method token (RFC 9110 §5.6.2:
// tchar) except "&", which would end the method in the base string.
var methodByte = func() (t [256]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%'*+-.^_`|~", byte(c)) >= 0
	}
	return t
}()

func (b *builder) sort(rule SortRule) {
	enc := b.enc
	name := func(it item) []byte { return enc[it.start:it.nameEnd] }
	switch rule {
	case SortEncoded:
		b.sortEncoded()
	case SortKeyOnly:
		slices.SortStableFunc(b.items, func(x, y item) int { return bytes.Compare(name(x), name(y)) })
	case SortPairs:
		slices.SortStableFunc(b.items, func(x, y item) int { return bytes.Compare(enc[x.start:x.end], enc[y.start:y.end]) })
	case SortRaw:
		ps := b.params
		slices.SortStableFunc(b.items, func(x, y item) int {
			if c := cmp.Compare(ps[x.param].Name, ps[y.param].Name); c != 0 {
				return c
			}
			return cmp.Compare(ps[x.param].Value, ps[y.param].Value)
		})
	case SortNone:
	}
}

// sortEncoded sorts by encoded name, then encoded value, in byte order
// (§3.4.1.3.2), comparing first the packed prefix of each name (item.key).
// It sorts a permutation of indexes, then lays the items out in that order
// in b.sorted and swaps the two.
func (b *builder) sortEncoded() {
	items, enc := b.items, b.enc
	compare := func(x, y *item) int {
		if x.key != y.key {
			return cmp.Compare(x.key, y.key)
		}
		if c := bytes.Compare(enc[x.start:x.nameEnd], enc[y.start:y.nameEnd]); c != 0 {
			return c
		}
		return bytes.Compare(enc[x.valueStart:x.end], enc[y.valueStart:y.end])
	}
	order := slices.Grow(b.order[:0], len(items))[:len(items)]
	for i := range order {
		order[i] = int32(i)
	}
	// By insertion, while it moves few items: a few items, or many nearly
	// in order (a client that sorts its query, the header after it). The
	// keys settle nearly every comparison without a call. Past a budget
	// linear in the count, the rest is left to pdqsort, so that no order
	// costs more than n log n.
	budget := 4 * len(order)
	if len(order) <= 16 {
		budget = len(order) * len(order)
	}
	i := 1
	for ; i < len(order) && budget >= 0; i++ {
		x := order[i]
		kx := items[x].key
		j := i
		for ; j > 0; j-- {
			y := order[j-1]
			if ky := items[y].key; ky < kx || ky == kx && compare(&items[y], &items[x]) <= 0 {
				break
			}
			order[j] = y
		}
		order[j] = x
		budget -= i - j
	}
	if i < len(order) {
		slices.SortFunc(order, func(i, j int32) int { return compare(&items[i], &items[j]) })
	}
	sorted := slices.Grow(b.sorted[:0], len(items))[:len(items)]
	for k, i := range order {
		sorted[k] = items[i]
	}
	b.order = order
	b.items, b.sorted = sorted, items
}

func appendUpper(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// trace fills res with the result and the steps that made it.
func (b *builder) trace(req *Request, u URLParts, o *Options, res *Result, out []byte) {
	res.Method = string(out[:b.methodEnd])
	res.URI = string(b.scratch)
	res.BaseString = string(out)
	res.Params = make([]TracedParam, len(b.params))
	for i, p := range b.params {
		res.Params[i].Param = p
	}
	var ps strings.Builder
	for pos, it := range b.items {
		tp := &res.Params[it.param]
		tp.EncodedName = string(b.enc[it.start:it.nameEnd])
		tp.EncodedValue = string(b.enc[it.valueStart:it.end])
		tp.Position = pos
		if pos > 0 {
			ps.WriteByte('&')
		}
		ps.Write(b.enc[it.start:it.end])
	}
	res.ParamString = ps.String()

	var collected strings.Builder
	for i, p := range res.Params {
		if i > 0 {
			collected.WriteByte('\n')
		}
		fmt.Fprintf(&collected, "%s: %s = %q", p.Source, p.Name, p.Value)
	}
	var encoded strings.Builder
	for i, p := range res.Params {
		if i > 0 {
			encoded.WriteByte('\n')
		}
		encoded.WriteString(p.EncodedName + "=" + p.EncodedValue)
	}
	sources := "query " + quoteOrNone(u.Query, u.HasQuery)
	sources += "; Authorization header " + quoteOrNone(req.Authorization, req.Authorization != "")
	bodyRule := "body not signed: Content-Type " + quoteOrNone(req.ContentType, req.ContentType != "") + " is not application/x-www-form-urlencoded"
	if len(req.Body) == 0 {
		bodyRule = "no body"
	} else if o.bodyIsForm(req.ContentType) {
		bodyRule = "form body " + quoteOrNone(truncate(string(req.Body), 200), true)
	}
	sources += "; " + bodyRule
	authority := u.Authority
	if req.Host != "" && !o.IgnoreHostHeader {
		authority = req.Host + " (Host header)"
	}
	res.Steps = []Step{
		{Name: "method", Section: "3.4.1.1", Input: req.Method, Output: res.Method},
		{Name: "base string URI", Section: "3.4.1.2", Input: "scheme " + u.Scheme + ", authority " + authority + ", path " + quoteOrNone(u.Path, true), Output: res.URI},
		{Name: "collect parameters", Section: "3.4.1.3.1", Input: sources, Output: collected.String()},
		{Name: "encode parameters", Section: "3.4.1.3.2", Input: collected.String(), Output: encoded.String()},
		{Name: "sort and join parameters", Section: "3.4.1.3.2", Input: encoded.String(), Output: res.ParamString},
		{Name: "base string", Section: "3.4.1.1", Input: res.Method + " & " + res.URI + " & " + res.ParamString, Output: res.BaseString},
	}
}

func quoteOrNone(s string, present bool) string {
	if !present {
		return "(none)"
	}
	return fmt.Sprintf("%q", s)
}
