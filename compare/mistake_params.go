package compare

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// paramMistakes are the wrong ways of collecting, choosing and ordering the
// parameters (RFC 5849 §3.4.1.3).
func paramMistakes() []*mistake {
	return []*mistake{
		{
			Mistake: Mistake{
				ID:    "query-params-unsigned",
				Title: "query parameters not signed",
				Doc:   "The client signed only the OAuth parameters (and the body), leaving out the parameters of the URL's query.",
				Fix:   "collect the query's name/value pairs into the signed parameters",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"OAuthSwift: https://github.com/OAuthSwift/OAuthSwift/issues/142",
					"HERE aaa-java-sdk: https://github.com/heremaps/here-aaa-java-sdk/issues/87",
					"oauth-dotnetcore: https://github.com/rhargreaves/oauth-dotnetcore/pull/6",
				},
			},
			variants: skipSource(basestring.SourceQuery),
			hint:     hintSourceUnsigned,
		},
		{
			Mistake: Mistake{
				ID:    "body-params-unsigned",
				Title: "form body parameters not signed",
				Doc:   "The client left the parameters of an application/x-www-form-urlencoded body out of the signature.",
				Fix:   "collect the pairs of a form-encoded body into the signed parameters",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"RESTClient: https://github.com/chao/RESTClient/issues/18",
					"Insomnia: https://github.com/Kong/insomnia/issues/1137",
					"Tsung: https://github.com/processone/tsung/pull/202",
				},
			},
			variants: skipSource(basestring.SourceBody),
		},
		{
			Mistake: Mistake{
				ID:    "non-form-body-signed",
				Title: "non-form body signed as parameters",
				Doc:   "The client read a body that is not application/x-www-form-urlencoded (JSON, XML, text) as form parameters and signed them.",
				Fix:   "sign a body only when its Content-Type is application/x-www-form-urlencoded (use oauth_body_hash for other bodies)",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"oauthlib 0.3.5: https://github.com/oauthlib/oauthlib/issues/101",
					"mashape-oauth: https://github.com/Kong/mashape-oauth/pull/14",
					"superagent-oauth: https://github.com/LearnBoost/superagent-oauth/pull/13",
				},
			},
			variants: nonFormBodySigned,
		},
		{
			Mistake: Mistake{
				ID:    "form-body-charset-dropped",
				Title: "form body with a charset not signed",
				Doc:   "The client signed a form body only when its Content-Type is exactly application/x-www-form-urlencoded, so \"; charset=UTF-8\" made it leave the body out.",
				Fix:   "compare the media type only, ignoring parameters such as charset, when deciding to sign the body",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"requests-oauth: https://github.com/maraujop/requests-oauth/issues/32",
					"Rdio's API (Mashery) rejected it server-side: https://github.com/rdio/api/issues/11",
					"dghubble/oauth1 reads the body only when Content-Type equals application/x-www-form-urlencoded (auther.go)",
				},
			},
			variants: formBodyCharsetDropped,
		},
		{
			Mistake: Mistake{
				ID:    "realm-signed",
				Title: "realm signed",
				Doc:   "The client signed the realm parameter of the Authorization header, which the RFC excludes.",
				Fix:   "leave realm out of the signed parameters (it is only sent in the header)",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"ddo/oauth-1.0a: https://github.com/ddo/oauth-1.0a/issues/50",
					"mrjones/oauth: https://github.com/mrjones/oauth/pull/73",
					"connect-auth server side: https://github.com/ciaranj/connect-auth/pull/9",
				},
			},
			variants: realmSigned,
			hint:     hintRealmSigned,
		},
		{
			Mistake: Mistake{
				ID:    "signature-signed",
				Title: "oauth_signature signed",
				Doc:   "The client signed an oauth_signature parameter (empty, as a placeholder) together with the others.",
				Fix:   "leave oauth_signature out of the signed parameters",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"guzzle/oauth-subscriber signed an oauth_signature found in the query or body: https://github.com/guzzle/oauth-subscriber/pull/100",
				},
			},
			variants: signatureSigned,
			hint:     hintSignatureSigned,
		},
		{
			Mistake: Mistake{
				ID:    "param-signed-not-sent",
				Title: "parameter signed but not sent",
				Doc:   "The client signed a parameter it did not send: oauth_version, oauth_callback, an empty oauth_token, oauth_body_hash.",
				Fix:   "send every signed parameter, or do not sign it",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"Postman signed empty oauth_callback and oauth_verifier fields: https://github.com/postmanlabs/postman-runtime/pull/1063",
					"Postman signed an empty oauth_token: https://github.com/postmanlabs/postman-app-support/issues/2079",
				},
			},
			variants: paramSignedNotSent,
			hint:     hintSignedNotSent,
		},
		{
			Mistake: Mistake{
				ID:    "param-sent-not-signed",
				Title: "parameter sent but not signed",
				Doc:   "The client sent a parameter it did not sign: one added after signing (oauth_verifier, a paging parameter) or kept out of the signer.",
				Fix:   "sign every parameter the request carries in its query, Authorization header and form body",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"requests-oauth sent oauth_verifier in the header without signing it: https://github.com/maraujop/requests-oauth/issues/16",
					"Magento's header builder left out oauth_nonce, oauth_version, oauth_timestamp: https://github.com/magento/magento2/pull/30693",
				},
			},
			variants: paramSentNotSigned,
			hint:     hintSentNotSigned,
		},
		{
			Mistake: Mistake{
				ID:    "sort-raw-not-encoded",
				Title: "parameters sorted before encoding",
				Doc:   "The client sorted the parameters by their decoded names and values, then encoded them; the RFC sorts the encoded forms, which order differently (a space, %, non-ASCII).",
				Fix:   "encode names and values first, then sort by encoded name and encoded value",
				RFC:   "3.4.1.3.2",
				KnownIn: []string{
					"python-oauth2: https://github.com/joestump/python-oauth2/issues/75",
					"node-oauth: https://github.com/ciaranj/node-oauth/issues/14",
					"twitter-api-php: https://github.com/J7mbo/twitter-api-php/issues/12",
				},
			},
			variants: sortRule(basestring.SortRaw, "sorted the parameters by decoded name and value, before encoding them"),
			hint:     hintSortRaw,
		},
		{
			Mistake: Mistake{
				ID:      "sort-key-only",
				Title:   "duplicate names not ordered by value",
				Doc:     "The client sorted by name only, leaving parameters with the same name in the order sent instead of ordering them by value.",
				Fix:     "order parameters with the same name by their encoded value",
				RFC:     "3.4.1.3.2",
				KnownIn: []string{"ROAuth sorted by keys only: https://github.com/geoffjentry/ROAuth/pull/7", "Go's url.Values.Encode sorts by key only (a client using it for the parameter string)"},
			},
			variants: sortKeyOnly,
			hint:     hintSortKeyOnly,
		},
		{
			Mistake: Mistake{
				ID:    "sort-pair-strings",
				Title: "sorted the joined name=value strings",
				Doc:   "The client sorted the joined \"name=value\" strings, so a name that prefixes another sorts after it (a=… after a-b=…, since \"-\" < \"=\").",
				Fix:   "sort by name, then by value, not by the joined pair",
				RFC:   "3.4.1.3.2",
				KnownIn: []string{
					"Jersey OAuth (org and org-country): https://github.com/javaee/jersey/issues/1105",
					"OAuthConsumer (name1 and name10): https://github.com/jdg/oauthconsumer/pull/8",
					"jsOAuth (param1 and param1-2): https://github.com/bytespider/jsOAuth/pull/25",
				},
			},
			variants: sortRule(basestring.SortPairs, "sorted the joined \"name=value\" strings"),
			hint:     hintSortPairs,
		},
		{
			Mistake: Mistake{
				ID:    "params-not-sorted",
				Title: "parameters not sorted",
				Doc:   "The client joined the parameters in the order it had them (query, header, body) without sorting them.",
				Fix:   "sort the parameters by encoded name, then encoded value",
				RFC:   "3.4.1.3.2",
				KnownIn: []string{
					"OAuther's header: https://github.com/lexmag/oauther/issues/1",
					"OAuthSwift ordering id_10 before id_1: https://github.com/OAuthSwift/OAuthSwift/pull/283",
				},
			},
			variants: sortRule(basestring.SortNone, "joined the parameters in the order they were collected, without sorting"),
		},
		{
			Mistake: Mistake{
				ID:    "duplicate-dropped",
				Title: "only one of duplicate parameters signed",
				Doc:   "The client kept one parameter per name (a map or dictionary), signing the first or the last of duplicates such as a=1&a=2.",
				Fix:   "sign every parameter, duplicates included, ordered by value",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"signet: https://github.com/googleapis/signet/issues/173",
					"dghubble/oauth1 signs only the first value: https://github.com/dghubble/oauth1/pull/44",
					"RestSharp: https://github.com/restsharp/RestSharp/issues/234",
					"google-oauth-java-client kept only the last value: https://github.com/googleapis/google-oauth-java-client/issues/91",
				},
			},
			variants: duplicateDropped,
			hint:     hintDuplicateDropped,
		},
		{
			Mistake: Mistake{
				ID:    "empty-param-dropped",
				Title: "empty parameters not signed",
				Doc:   "The client left parameters with an empty value (c2=, oauth_token=) out of the signature while sending them.",
				Fix:   "sign parameters with empty values (as \"name=\")",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"ruby oauth filtered out empty parameters: https://github.com/ruby-oauth/oauth/pull/155",
					"guzzle/oauth-subscriber with a null form value: https://github.com/guzzle/oauth-subscriber/issues/29",
					"scribejava dropped an empty oauth_token: https://github.com/scribejava/scribejava/issues/625",
				},
			},
			variants: emptyParamDropped,
			hint:     hintEmptyDropped,
		},
		{
			Mistake: Mistake{
				ID:    "plus-not-decoded",
				Title: "\"+\" in the query or body signed as a plus",
				Doc:   "The client signed a \"+\" of the query or form body as a literal plus (%2B), although form decoding reads it as a space (%20).",
				Fix:   "decode \"+\" as a space when reading the query and form body, or send a literal plus as %2B",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"Nango's OAuth 1.0 proxy: https://github.com/NangoHQ/nango/issues/7098",
					"jsOAuth's urlDecode kept \"+\": https://github.com/bytespider/jsOAuth/issues/45",
				},
			},
			variants: plusNotDecoded,
			hint:     hintPlusNotDecoded,
		},
		{
			Mistake: Mistake{
				ID:    "value-cut-at-equals",
				Title: "value cut at an \"=\"",
				Doc:   "The client split each pair at every \"=\", so a value holding a raw \"=\" (base64 padding, a nested query) was signed only up to it.",
				Fix:   "split each pair at its first \"=\" only",
				RFC:   "3.4.1.3.1",
				KnownIn: []string{
					"apps-script-oauth1: https://github.com/googleworkspace/apps-script-oauth1/pull/15",
					"mrjones/oauth: https://github.com/mrjones/oauth/pull/44",
				},
			},
			variants: valueCutAtEquals,
			hint:     hintValueCutAtEquals,
		},
	}
}

func (ev *evidence) hasSource(src basestring.Source) bool {
	return slices.ContainsFunc(ev.params, func(p basestring.Param) bool { return p.Source == src })
}

func skipSource(src basestring.Source) func(ev *evidence) []variant {
	return func(ev *evidence) []variant {
		if !ev.hasSource(src) {
			return nil
		}
		names := ev.distinctNames(func(p basestring.Param) bool { return p.Source == src })
		return []variant{{
			detail: "left the " + string(src) + " parameters (" + nameList(names) + ") out of the signature",
			apply: func(r *basestring.Request, o *basestring.Options) {
				if src == basestring.SourceQuery {
					o.SkipQuery = true
				} else {
					o.SkipBody = true
				}
			},
		}}
	}
}

func nonFormBodySigned(ev *evidence) []variant {
	if len(ev.req.Body) == 0 || basestring.IsFormContentType(ev.req.ContentType) {
		return nil
	}
	ct := ev.req.ContentType
	if ct == "" {
		ct = "no Content-Type"
	}
	return []variant{{
		detail: "read the body (" + ct + ") as form parameters and signed them",
		apply:  func(r *basestring.Request, o *basestring.Options) { o.BodyAnyContentType = true },
	}}
}

func formBodyCharsetDropped(ev *evidence) []variant {
	if !ev.hasSource(basestring.SourceBody) || !strings.Contains(ev.req.ContentType, ";") {
		return nil
	}
	return []variant{{
		detail: "did not sign the form body because its Content-Type, " + quote(ev.req.ContentType) + ", has parameters",
		apply:  func(r *basestring.Request, o *basestring.Options) { o.BodyExactContentType = true },
	}}
}

func realmSigned(ev *evidence) []variant {
	if !slices.ContainsFunc(ev.excluded, func(p basestring.Param) bool { return p.Name == "realm" && p.Source == basestring.SourceHeader }) {
		return nil
	}
	return []variant{{
		detail: "signed the realm parameter of the Authorization header",
		apply:  func(r *basestring.Request, o *basestring.Options) { o.IncludeRealm = true },
	}}
}

// addParam returns a rewrite that signs one more parameter.
func addParam(p basestring.Param) func([]basestring.Param) []basestring.Param {
	return func(ps []basestring.Param) []basestring.Param { return append(ps, p) }
}

func signatureSigned(ev *evidence) []variant {
	add := addParam(basestring.Param{Name: "oauth_signature", Source: basestring.SourceHeader})
	return []variant{{
		label:  "empty oauth_signature",
		detail: "signed an empty oauth_signature parameter with the others",
		apply:  func(r *basestring.Request, o *basestring.Options) { addRewrite(o, add) },
	}}
}

// paramSignedNotSent tries the parameters clients add to the signature and
// may leave out of the request.
func paramSignedNotSent(ev *evidence) []variant {
	type cand struct{ name, value string }
	var cands []cand
	if !ev.hasParam("oauth_version") {
		cands = append(cands, cand{"oauth_version", "1.0"})
	}
	if !ev.hasParam("oauth_callback") {
		cands = append(cands, cand{"oauth_callback", "oob"}, cand{"oauth_callback", ""})
	}
	if !ev.hasParam("oauth_token") {
		cands = append(cands, cand{"oauth_token", ""})
	}
	if !ev.hasParam("oauth_verifier") {
		cands = append(cands, cand{"oauth_verifier", ""})
	}
	if !ev.hasParam("oauth_body_hash") && !basestring.IsFormContentType(ev.req.ContentType) {
		cands = append(cands, cand{"oauth_body_hash", basestring.BodyHash(ev.req.Body, ev.method)})
	}
	var out []variant
	for _, c := range cands {
		add := addParam(basestring.Param{Name: c.name, Value: c.value, Source: basestring.SourceHeader})
		label := c.name
		if c.value == "" {
			label += " (empty)"
		}
		out = append(out, variant{
			label:  label,
			detail: "signed " + c.name + "=" + quote(c.value) + " but did not send it",
			apply:  func(r *basestring.Request, o *basestring.Options) { addRewrite(o, add) },
		})
	}
	return out
}

func paramSentNotSigned(ev *evidence) []variant {
	var out []variant
	seen := map[string]bool{}
	for _, p := range ev.params {
		if seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		name := p.Name
		drop := func(ps []basestring.Param) []basestring.Param {
			return slices.DeleteFunc(ps, func(q basestring.Param) bool { return q.Name == name })
		}
		out = append(out, variant{
			label:  name,
			param:  name,
			detail: "sent " + name + " (in the " + string(p.Source) + ") but did not sign it",
			apply:  func(r *basestring.Request, o *basestring.Options) { addRewrite(o, drop) },
		})
	}
	return out
}

func sortRule(rule basestring.SortRule, detail string) func(ev *evidence) []variant {
	return func(ev *evidence) []variant {
		if len(ev.params) < 2 {
			return nil
		}
		return []variant{{
			detail: detail,
			apply:  func(r *basestring.Request, o *basestring.Options) { o.Sort = rule },
		}}
	}
}

// duplicateNames returns the names that appear more than once, in the
// order of their first appearance.
func (ev *evidence) duplicateNames() []string {
	count := make(map[string]int, len(ev.params))
	for _, p := range ev.params {
		count[p.Name]++
	}
	return ev.distinctNames(func(p basestring.Param) bool { return count[p.Name] > 1 })
}

// distinctNames returns the names of the parameters that satisfy keep, each
// once, in the order of their first appearance.
func (ev *evidence) distinctNames(keep func(basestring.Param) bool) []string {
	var names []string
	seen := map[string]bool{}
	for _, p := range ev.params {
		if !seen[p.Name] && keep(p) {
			seen[p.Name] = true
			names = append(names, p.Name)
		}
	}
	return names
}

// nameList joins names for a detail sentence, naming at most eight.
func nameList(names []string) string {
	const most = 8
	if len(names) <= most {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:most], ", ") + " and " + strconv.Itoa(len(names)-most) + " more"
}

func sortKeyOnly(ev *evidence) []variant {
	dup := ev.duplicateNames()
	if len(dup) == 0 {
		return nil
	}
	return []variant{{
		detail: "sorted by name only, leaving the values of " + strings.Join(dup, ", ") + " in the order sent",
		apply:  func(r *basestring.Request, o *basestring.Options) { o.Sort = basestring.SortKeyOnly },
	}}
}

func duplicateDropped(ev *evidence) []variant {
	dup := ev.duplicateNames()
	if len(dup) == 0 {
		return nil
	}
	names := nameList(dup)
	keepLast := func(ps []basestring.Param) []basestring.Param {
		last := make(map[string]int, len(ps))
		for i, p := range ps {
			last[p.Name] = i
		}
		out := make([]basestring.Param, 0, len(last))
		for i, p := range ps {
			if last[p.Name] == i {
				out = append(out, p)
			}
		}
		return out
	}
	return []variant{
		{
			label:  "first kept",
			detail: "signed only the first of the parameters named " + names,
			apply:  func(r *basestring.Request, o *basestring.Options) { o.DropDuplicates = true },
		},
		{
			label:  "last kept",
			detail: "signed only the last of the parameters named " + names,
			apply:  func(r *basestring.Request, o *basestring.Options) { addRewrite(o, keepLast) },
		},
	}
}

func emptyParamDropped(ev *evidence) []variant {
	names := ev.distinctNames(func(p basestring.Param) bool { return p.Value == "" })
	if len(names) == 0 {
		return nil
	}
	return []variant{{
		detail: "left the empty parameters (" + nameList(names) + ") out of the signature",
		apply:  func(r *basestring.Request, o *basestring.Options) { o.DropEmpty = true },
	}}
}

// rawPairs reports whether a raw query or form pair satisfies f.
func (ev *evidence) rawPairs(f func(name, value string) bool) bool {
	return slices.ContainsFunc(ev.params, func(p basestring.Param) bool {
		if p.Source == basestring.SourceHeader {
			return false
		}
		n, v, _ := strings.Cut(p.Raw, "=")
		return f(n, v)
	})
}

func plusNotDecoded(ev *evidence) []variant {
	if !ev.rawPairs(func(n, v string) bool { return strings.Contains(n+v, "+") }) {
		return nil
	}
	return []variant{{
		detail: "signed \"+\" in the query or form body as a literal plus (%2B) instead of a space",
		apply:  func(r *basestring.Request, o *basestring.Options) { o.PlusLiteral = true },
	}}
}

func valueCutAtEquals(ev *evidence) []variant {
	if !ev.rawPairs(func(n, v string) bool { return strings.Contains(v, "=") }) {
		return nil
	}
	return []variant{{
		detail: "cut values holding a raw \"=\" at it",
		apply:  func(r *basestring.Request, o *basestring.Options) { o.CutValueAtEquals = true },
	}}
}

// The hints of the parameter mistakes: what a diff of two base strings
// shows of them (see DiffHints).

func hintSourceUnsigned(v *diffView, m *mistake, add func(part, detail string)) {
	if !v.ownMissing {
		return
	}
	var names []string
	for _, i := range v.own {
		if n := v.a.pairs[i].name; !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	add("param "+v.a.pairs[v.own[0]].name, fmt.Sprintf("none of the request's own parameters (%s) were signed, only the oauth_ ones; query and form body parameters are signed too", nameList(names)))
}

func hintRealmSigned(v *diffView, m *mistake, add func(part, detail string)) {
	v.onlyB(func(pb basePair) {
		if pb.name == "realm" {
			add("param realm", "realm was signed; RFC 5849 §3.4.1.3.1 leaves it out")
		}
	})
}

func hintSignatureSigned(v *diffView, m *mistake, add func(part, detail string)) {
	v.onlyB(func(pb basePair) {
		if pb.name == "oauth_signature" {
			add("param oauth_signature", "oauth_signature was signed; it is never part of the base string")
		}
	})
}

func hintSignedNotSent(v *diffView, m *mistake, add func(part, detail string)) {
	v.onlyB(func(pb basePair) {
		if pb.name != "realm" && pb.name != "oauth_signature" {
			add("param "+pb.name, fmt.Sprintf("%s was signed but the request does not carry it", pb.name))
		}
	})
}

// unsigned is what a parameter of A that B lacks shows.
type unsigned int

const (
	unsignedWithSource unsigned = iota // a whole source was left out (hintSourceUnsigned)
	unsignedEmpty                      // an empty parameter dropped
	unsignedDuplicate                  // one of several of a name dropped
	unsignedOne                        // any other parameter left out
)

func (v *diffView) unsignedKind(pa basePair) unsigned {
	switch {
	case v.ownMissing && !strings.HasPrefix(pa.name, "oauth_"):
		return unsignedWithSource
	case pa.eVal == "":
		return unsignedEmpty
	case v.countA[pa.name] > 1 && v.inB[pa.name]:
		return unsignedDuplicate
	}
	return unsignedOne
}

func hintEmptyDropped(v *diffView, m *mistake, add func(part, detail string)) {
	v.onlyA(func(pa basePair) {
		if v.unsignedKind(pa) == unsignedEmpty {
			add("param "+pa.name, fmt.Sprintf("%s has an empty value and was left out; it must be signed as %q", pa.name, pa.eName+"="))
		}
	})
}

func hintDuplicateDropped(v *diffView, m *mistake, add func(part, detail string)) {
	v.onlyA(func(pa basePair) {
		if v.unsignedKind(pa) == unsignedDuplicate {
			add("param "+pa.name, fmt.Sprintf("only some of the %d %s parameters were signed; every one must be", v.countA[pa.name], pa.name))
		}
	})
}

func hintSentNotSigned(v *diffView, m *mistake, add func(part, detail string)) {
	v.onlyA(func(pa basePair) {
		if v.unsignedKind(pa) == unsignedOne {
			add("param "+pa.name, fmt.Sprintf("%s is in the request but was not signed", pa.name))
		}
	})
}

func hintValueCutAtEquals(v *diffView, m *mistake, add func(part, detail string)) {
	v.changed(func(_ int, pa, pb basePair) {
		if pa.text != pb.text && cutAtEquals(pa, pb) {
			add("param "+pa.name, fmt.Sprintf("the value of %s was cut at its first \"=\": %q signed, %q sent", pa.name, pb.eVal, pa.eVal))
		}
	})
}

func hintPlusNotDecoded(v *diffView, m *mistake, add func(part, detail string)) {
	v.changed(func(_ int, pa, pb basePair) {
		if pa.text != pb.text && !cutAtEquals(pa, pb) && plusLiteral(pa, pb) {
			add("param "+pa.name, fmt.Sprintf("a \"+\" in the value of %s was signed as a plus (%%2B), not as the space it stands for (%%20)", pa.name))
		}
	})
}

func hintSortRaw(v *diffView, m *mistake, add func(part, detail string)) {
	if v.reorderedOnly() && v.sortedBy(func(x, y basePair) bool {
		if x.name != y.name {
			return x.name < y.name
		}
		return basestring.DecodeLenient(x.eVal, false) < basestring.DecodeLenient(y.eVal, false)
	}) {
		add("order", sortDetail("sorted before they were encoded"))
	}
}

func hintSortKeyOnly(v *diffView, m *mistake, add func(part, detail string)) {
	if !v.reorderedOnly() {
		return
	}
	b := v.b.pairs
	for i := 1; i < len(b); i++ {
		if b[i-1].eName > b[i].eName {
			return
		}
	}
	add("order", sortDetail("sorted by name only, parameters of one name left in the order sent"))
}

func hintSortPairs(v *diffView, m *mistake, add func(part, detail string)) {
	if v.reorderedOnly() && v.sortedBy(func(x, y basePair) bool { return x.text < y.text }) {
		add("order", sortDetail(`sorted as joined "name=value" strings`))
	}
}
