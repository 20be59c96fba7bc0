package basestring

import (
	"encoding/binary"
	"slices"
	"strings"
)

// The one parameter collector (§3.4.1.3.1). It walks the query, the
// Authorization header and a form body, in that order, with formScanner and
// headerScanner, and applies every ParamRules rule to each pair. Each pair
// then takes one of two forms:
//   - decoded into b.params, when a trace is wanted or a rule needs the
//     decoded parameters (another encoder, Rewrite, another sort order);
//     build then encodes them into b.enc;
//   - otherwise transcoded straight into b.enc in its base string form
//     (transcode), which is the verification fast path: the same collector
//     and the same writer, without the decoded strings and the trace.

// encodedFast reports whether the collector may transcode each pair
// straight into its base string form: the encoders are the RFC's, no
// Rewrite needs the decoded parameters, and the order is the RFC's, which
// the doubly encoded forms keep.
func (r *ParamRules) encodedFast() bool {
	return r.Encode == nil && r.EncodeOuter == nil && r.Rewrite == nil && r.Sort == SortEncoded
}

// collect gathers the parameters of req under r into b.params (decoded) or
// b.enc and b.items (encoded), noting the first oauth_signature and
// oauth_signature_method as sent, before any exclusion. res, when not nil,
// receives those and the parameters left out.
func (b *builder) collect(req *Request, u URLParts, r *ParamRules, encoded bool, res *Result) error {
	b.params, b.enc, b.items, b.found = b.params[:0], b.enc[:0], b.items[:0], Found{}
	if b.col != nil {
		b.col.URL, b.col.Parts = req.URL, u
	}
	if u.HasQuery {
		if err := collectForm(b, u.Query, SourceQuery, r, encoded, res); err != nil {
			return &Error{Part: "query", Err: err}
		}
	}
	if req.Authorization != "" {
		if err := b.collectHeader(req.Authorization, r, encoded, res); err != nil {
			return &Error{Part: "authorization header", Err: err}
		}
	}
	if len(req.Body) > 0 && r.bodyIsForm(req.ContentType) {
		var err error
		if b.col != nil {
			// The parameters handed out are strings: the body is copied
			// once, not each name and value.
			b.col.Body = string(req.Body)
			err = collectForm(b, b.col.Body, SourceBody, r, encoded, res)
		} else {
			err = collectForm(b, req.Body, SourceBody, r, encoded, res)
		}
		if err != nil {
			return &Error{Part: "body", Err: err}
		}
	}
	if res != nil {
		res.Signature, res.SignatureMethod = b.signature, b.method
	}
	if !encoded && r.Rewrite != nil {
		b.params = r.Rewrite(slices.Clone(b.params))
	}
	return nil
}

// collectForm collects the pairs of form-encoded text (a query or a body).
func collectForm[T text](b *builder, s T, src Source, r *ParamRules, encoded bool, res *Result) error {
	if encoded && !r.CutValueAtEquals {
		return transcodeForm(b, s, src, r)
	}
	form := !r.PlusLiteral
	sc := formScanner[T]{s: s, cut: r.CutValueAtEquals}
	for {
		p, ok := sc.next()
		if !ok {
			return nil
		}
		if !encoded {
			prm, err := formParam(s, p, src, form)
			if err != nil {
				return err
			}
			b.addParam(prm, r, res)
			continue
		}
		it := item{start: len(b.enc)}
		enc, okName := transcode(b.enc, s[p.start:p.nameEnd], form)
		it.nameEnd = len(enc)
		enc = append(enc, "%3D"...)
		it.valueStart = len(enc)
		enc, okValue := transcode(enc, s[p.valueStart:p.valueEnd], form)
		if !okName || !okValue {
			// The decoder names the malformed escape and where it is.
			_, err := formParam(s, p, src, form)
			return err
		}
		b.enc = enc
		it.end = len(enc)
		addEncoded(b, &it, s[p.valueStart:p.valueEnd], form, src, r)
	}
}

// collectHeader collects the pairs of an Authorization header. A name or
// value that is not valid percent-encoding is kept as sent (headerParam).
func (b *builder) collectHeader(s string, r *ParamRules, encoded bool, res *Result) error {
	_, sc, err := scanAuthorization(s)
	if err != nil {
		return err
	}
	var p headerPair
	for {
		ok, err := sc.next(&p)
		if err != nil || !ok {
			return err
		}
		if !encoded {
			b.addParam(headerParam(s, &p, nil), r, res)
			continue
		}
		// Most header values (keys, tokens, nonces, timestamps) are
		// unreserved throughout: each is its own decoding and its own
		// base string form.
		plain := allUnreserved(p.value)
		if b.col != nil {
			headerPairProblems(&p, b.col.problem)
			if p.protocol && plain {
				b.col.Params = append(b.col.Params, Param{Name: p.name, Value: p.value, Source: SourceHeader, Raw: s[p.start:p.end]})
			} else {
				b.col.Params = append(b.col.Params, headerParam(s, &p, b.col.problem))
			}
		}
		it := item{start: len(b.enc)}
		if p.protocol || allUnreserved(p.name) {
			b.enc = append(b.enc, p.name...)
		} else {
			b.enc = appendTranscoded(b.enc, p.name)
		}
		it.nameEnd = len(b.enc)
		b.enc = append(b.enc, "%3D"...)
		it.valueStart = len(b.enc)
		if plain {
			b.enc = append(b.enc, p.value...)
		} else {
			b.enc = appendTranscoded(b.enc, p.value)
		}
		it.end = len(b.enc)
		addEncoded(b, &it, p.value, false, SourceHeader, r)
	}
}

// appendTranscoded appends the base string form of a header name or value
// that is not unreserved throughout: transcoded, or, when it is not valid
// percent-encoding, the text as sent encoded twice, as headerParam keeps
// it.
func appendTranscoded(dst []byte, s string) []byte {
	n := len(dst)
	out, ok := transcode(dst, s, false)
	if ok {
		return out
	}
	out = out[:n]
	var form [8]byte
	for i := 0; i < len(s); i++ {
		binary.LittleEndian.PutUint64(form[:], twiceEncoded[s[i]])
		out = append(out, form[:twiceEncodedLen[s[i]]]...)
	}
	return out
}

// excludes reports whether a parameter found in src is left out of the base
// string: realm from the header and oauth_signature by §3.4.1.3.1, the
// others by a rule. dup reports whether a parameter of that name is already
// kept; it is asked only under DropDuplicates.
func excludes[T text](r *ParamRules, src Source, name T, empty bool, dup func() bool) bool {
	switch {
	// The rules first: a Source is a string, and most rules are off.
	case r.SkipQuery && src == SourceQuery, r.SkipHeader && src == SourceHeader, r.SkipBody && src == SourceBody:
		return true
	case !r.IncludeRealm && string(name) == "realm" && src == SourceHeader: // §3.4.1.3.1
		return true
	case string(name) == "oauth_signature" && !r.IncludeSignature: // §3.4.1.3.1
		return true
	case r.DropEmpty && empty:
		return true
	}
	return r.DropDuplicates && dup()
}

// addParam notes and keeps, unless excluded, a decoded parameter.
func (b *builder) addParam(p Param, r *ParamRules, res *Result) {
	if p.Name == "oauth_signature" && b.signature == "" {
		b.signature = p.Value
	}
	if p.Name == "oauth_signature_method" && b.method == "" {
		b.method = p.Value
	}
	if excludes(r, p.Source, p.Name, p.Value == "", func() bool { return containsName(b.params, p.Name) }) {
		if res != nil {
			res.Excluded = append(res.Excluded, p)
		}
		return
	}
	b.params = append(b.params, p)
}

// addEncoded notes and keeps, unless excluded, the pair just transcoded
// into b.enc as it. rawValue is the value as sent; form says whether it is
// form-encoded. oauth_signature is kept as sent and decoded only when asked
// for (builder.suppliedSignature).
func addEncoded[T text](b *builder, it *item, rawValue T, form bool, src Source, r *ParamRules) {
	name := b.enc[it.start:it.nameEnd]
	switch string(name) {
	case "oauth_signature":
		switch {
		case b.signature != "":
		case b.col != nil:
			b.signature = decodedValue(b, rawValue, form)
		default:
			b.signature, b.signatureEncoded, b.signatureForm = string(rawValue), true, form
		}
	case "oauth_signature_method":
		if b.method == "" {
			b.method = decodedValue(b, rawValue, form)
		}
	}
	dup := func() bool {
		for _, k := range b.items {
			if string(b.enc[k.start:k.nameEnd]) == string(name) {
				return true
			}
		}
		return false
	}
	if excludes(r, src, name, it.valueStart == it.end, dup) {
		b.enc = b.enc[:it.start]
		return
	}
	switch string(name) {
	case "oauth_consumer_key":
		b.found.note("oauth_consumer_key", decodedValue(b, rawValue, form))
	case "oauth_token":
		b.found.note("oauth_token", decodedValue(b, rawValue, form))
	}
	// Written field by field into its place: copied whole from the stack
	// right after its fields were stored there one by one, the item is
	// loaded in wider words than it was stored in, and the load waits.
	b.items = append(b.items, item{})
	e := &b.items[len(b.items)-1]
	e.param, e.key = -1, sortKey(name)
	e.start, e.nameEnd, e.valueStart, e.end = it.start, it.nameEnd, it.valueStart, it.end
}

// decodedValue returns the decoding of the value of the pair addEncoded is
// adding, rawValue as sent: the one the collector has just handed out,
// when it hands them out, else decodeKept's.
func decodedValue[T text](b *builder, rawValue T, form bool) string {
	if b.col != nil {
		return b.col.Params[len(b.col.Params)-1].Value
	}
	return decodeKept(rawValue, form)
}

// decodeKept decodes a raw value, or keeps it as sent when it is not valid
// percent-encoding (as headerParam keeps a header value).
func decodeKept[T text](raw T, form bool) string {
	v, err := decode(string(raw), form)
	if err != nil {
		return string(raw)
	}
	return v
}

func containsName(ps []Param, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}

// bodyIsForm reports whether a body of Content-Type ct is signed as form
// parameters.
func (r *ParamRules) bodyIsForm(ct string) bool {
	switch {
	case r.BodyAnyContentType:
		return true
	case r.BodyExactContentType:
		return strings.EqualFold(strings.TrimSpace(ct), "application/x-www-form-urlencoded")
	}
	return IsFormContentType(ct)
}
