package compare

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// structuredMistakes are the ways clients turn structured data into
// parameters the RFC does not sign: a JSON body's fields, and repeated
// names written as PHP arrays (RFC 5849 §3.4.1.3.1).
func structuredMistakes() []*mistake {
	return []*mistake{
		{
			Mistake: Mistake{
				ID:    "json-body-signed",
				Title: "json body fields signed as parameters",
				Doc: "The client signed the top-level fields of a JSON body as if they were form parameters " +
					"(strings, numbers and booleans as their text, each item of an array under the field's name). " +
					"RFC 5849 signs a body only when it is application/x-www-form-urlencoded; a JSON body is not signed " +
					"(or is covered by oauth_body_hash).",
				Fix: "sign only the query, the Authorization header and a form-encoded body; leave a JSON body out of the base string",
				RFC: "3.4.1.3.1",
				KnownIn: []string{
					"connect-auth treated the attributes of a JSON body as parameters: https://github.com/ciaranj/connect-auth/issues/91",
					"ddo/oauth-1.0a signs its data object whatever the body's type: https://github.com/ddo/oauth-1.0a/issues/110",
					"mashape-oauth normalized a body that was not form-encoded: https://github.com/Kong/mashape-oauth/pull/14",
				},
			},
			variants: jsonBodySigned,
		},
		{
			Mistake: Mistake{
				ID:    "duplicate-keys-indexed",
				Title: "repeated names signed as indexed arrays",
				Doc: "The client (or a PHP server) read repeated names, name=a&name=b or name[]=a&name[]=b, into an array " +
					"and signed it as name[0]=a&name[1]=b, as PHP's http_build_query writes it, while the request carries " +
					"the names as sent.",
				Fix: "sign each name exactly as it is sent, once per occurrence (name=a&name=b or name[]=a&name[]=b), without indexes",
				RFC: "3.4.1.3.1",
				KnownIn: []string{
					"wc-api-php signs include[0]=…&include[1]=…; the Ruby client had to do the same: https://github.com/tradegecko/woocommerce_api/pull/55",
					"WooCommerce's own check of array parameters: https://github.com/woocommerce/woocommerce/issues/9639",
					"PHPoAuthLib with array-style query parameters: https://github.com/daviddesberg/PHPoAuthLib/issues/362",
				},
			},
			variants: duplicateKeysIndexed,
		},
	}
}

// maxJSONBody bounds the JSON body whose fields the search signs: a larger
// one is not parsed.
const maxJSONBody = 1 << 20

func jsonBodySigned(ev *evidence) []variant {
	body := bytes.TrimSpace(ev.req.Body)
	if len(body) == 0 || len(body) > maxJSONBody || body[0] != '{' || basestring.IsFormContentType(ev.req.ContentType) {
		return nil
	}
	fields, ok := jsonFields(body)
	if !ok || len(fields) == 0 {
		return nil
	}
	names := make([]string, 0, len(fields))
	for _, p := range fields {
		if len(names) == 0 || names[len(names)-1] != p.Name {
			names = append(names, p.Name)
		}
	}
	add := func(ps []basestring.Param) []basestring.Param { return append(ps, fields...) }
	return []variant{{
		detail: "signed the fields of the JSON body (" + nameList(names) + ") as parameters",
		apply:  func(r *basestring.Request, o *basestring.Options) { addRewrite(o, add) },
	}}
}

// jsonFields returns the top-level fields of a JSON object as a client that
// signs them makes them parameters: scalars as their text (null as ""),
// arrays of scalars as one parameter per item; nested objects are left out.
// ok is false when body is not a JSON object.
func jsonFields(body []byte) (ps []basestring.Param, ok bool) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil, false
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		raw := obj[k]
		if v, ok := jsonScalar(raw); ok {
			ps = append(ps, basestring.Param{Name: k, Value: v, Source: basestring.SourceBody})
			continue
		}
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) == nil {
			for _, it := range items {
				if v, ok := jsonScalar(it); ok {
					ps = append(ps, basestring.Param{Name: k, Value: v, Source: basestring.SourceBody})
				}
			}
		}
	}
	return ps, true
}

// jsonScalar returns the text a signer makes of a JSON string, number,
// boolean or null.
func jsonScalar(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", false
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return s, true
	case '{', '[':
		return "", false
	case 'n':
		return "", true
	}
	return string(raw), true // a number or a boolean, as written
}

func duplicateKeysIndexed(ev *evidence) []variant {
	count := make(map[string]int, len(ev.params))
	for _, p := range ev.params {
		count[strings.TrimSuffix(p.Name, "[]")]++
	}
	arrays := ev.distinctNames(func(p basestring.Param) bool { return count[strings.TrimSuffix(p.Name, "[]")] > 1 })
	if len(arrays) == 0 {
		return nil
	}
	index := func(ps []basestring.Param) []basestring.Param {
		next := map[string]int{}
		for i, p := range ps {
			base := strings.TrimSuffix(p.Name, "[]")
			if count[base] < 2 {
				continue
			}
			ps[i].Name = base + "[" + strconv.Itoa(next[base]) + "]"
			next[base]++
		}
		return ps
	}
	return []variant{{
		detail: "signed the repeated names " + nameList(arrays) + " as indexed arrays (name[0], name[1], …)",
		apply:  func(r *basestring.Request, o *basestring.Options) { addRewrite(o, index) },
	}}
}
