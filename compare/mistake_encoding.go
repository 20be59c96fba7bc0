package compare

import (
	"slices"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// encodingMistakes are the wrong ways of percent-encoding names, values and
// the base string parts (RFC 5849 §3.6, §3.4.1.3).
func encodingMistakes() []*mistake {
	return []*mistake{
		{
			Mistake: Mistake{
				ID:    "double-encoded",
				Title: "value percent-encoded twice",
				Doc: "The client percent-encoded a value before giving it to the signer, which encoded it again: " +
					"oauth_callback signed as http%253A%252F%252F…, or a value that was already encoded in the URL.",
				Fix: "give the signer decoded values and let it encode each name and value exactly once",
				RFC: "3.6",
				KnownIn: []string{
					"Postman double-encoded query parameters: https://github.com/postmanlabs/postman-app-support/issues/1869",
					"Postman: https://github.com/postmanlabs/postman-app-support/issues/291",
					"requests-oauth with an encoded JSON value: https://github.com/maraujop/requests-oauth/issues/29",
				},
			},
			variants: doubleEncoded,
			encoder:  basestring.AppendEncodeTwice,
			encodes:  "encoded twice",
			hint:     encoderHint,
		},
		{
			Mistake: Mistake{
				ID:    "query-not-decoded",
				Title: "query signed without decoding it first",
				Doc: "The client took the query's names and values as they appear in the URL, still percent-encoded, and " +
					"encoded them again (first%2Csecond signed as first%252Csecond), instead of decoding them first.",
				Fix: "decode the query's names and values (as application/x-www-form-urlencoded) before encoding them for the base string",
				RFC: "3.4.1.3.1",
				KnownIn: []string{
					"Postman: https://github.com/postmanlabs/postman-app-support/issues/8879",
					"the Postman runtime fix: https://github.com/postmanlabs/postman-runtime/pull/1157",
					"Insomnia with a query needing encoding: https://github.com/Kong/insomnia/issues/943",
				},
			},
			variants: queryNotDecoded,
		},
		{
			Mistake: Mistake{
				ID:    "not-encoded",
				Title: "names and values not percent-encoded",
				Doc:   "The client put names and values (or the base string's parts) into the base string without percent-encoding them, so reserved characters such as , : / and spaces appear raw.",
				Fix:   "percent-encode every name and value (RFC 5849 §3.6), then encode the URI and the parameter string again when joining the base string",
				RFC:   "3.6",
				KnownIn: []string{
					"liboauthcpp left \",\" raw (Twitter rejected locations=-74,40,-73,41): https://github.com/sirikata/liboauthcpp/pull/20",
					"Jersey OAuth with spaces: https://github.com/javaee/jersey/issues/705",
					"WP-API/OAuth1 support thread, parameter string not encoded: https://github.com/WP-API/OAuth1/issues/184",
				},
			},
			variants: notEncoded,
			encoder:  basestring.AppendRaw,
			encodes:  "not percent-encoded",
			hint:     encoderHint,
		},
		{
			Mistake: Mistake{
				ID:    "plus-for-space",
				Title: "space encoded as \"+\"",
				Doc:   "The client encoded a space as \"+\" (form encoding: PHP urlencode, Python quote_plus, JavaScript URLSearchParams) instead of %20.",
				Fix:   "encode a space as %20 (RFC 3986 percent-encoding, not form encoding)",
				RFC:   "3.6",
				KnownIn: []string{
					"Postman with spaces in form fields: https://github.com/postmanlabs/postman-app-support/issues/1874",
					"oauth-client-rs used url::form_urlencoded: https://github.com/gifnksm/oauth-client-rs/pull/16",
					"mrjones/oauth (a patch proposing url.QueryEscape): https://github.com/mrjones/oauth/issues/40",
				},
			},
			variants: encoderVariants(basestring.AppendEncodePlusForSpace, "encoded a space as \"+\"", " "),
			encoder:  basestring.AppendEncodePlusForSpace,
			encodes:  "encoded with \"+\" for a space",
			hint:     encoderHint,
		},
		{
			Mistake: Mistake{
				ID:    "lowercase-hex",
				Title: "percent-encoding with lower-case hex",
				Doc:   "The client wrote percent-encodings with lower-case hex digits (%2f) where the RFC requires upper case (%2F).",
				Fix:   "write the hex digits of percent-encodings in upper case",
				RFC:   "3.6",
				KnownIn: []string{
					"jq's @uri (used to script Twitter signatures): https://github.com/jqlang/jq/issues/451",
					"Erlang urilib percent_encode (Twitter's example \"Ladies + Gentlemen\"): https://github.com/gmr/urilib/issues/2",
				},
			},
			variants: lowercaseHex,
			encoder:  basestring.AppendEncodeLowerHex,
			encodes:  "encoded with lower-case hex digits",
			hint:     encoderHint,
		},
		{
			Mistake: Mistake{
				ID:    "java-urlencoder",
				Title: "encoded with java.net.urlencoder",
				Doc:   "The client used java.net.URLEncoder, which writes a space as \"+\", leaves \"*\" raw and encodes \"~\" as %7E (RFC 2396 form encoding).",
				Fix:   "use an RFC 3986 encoder, or fix URLEncoder's output: \"+\" to %20, \"*\" to %2A, %7E to \"~\"",
				RFC:   "3.6",
				KnownIn: []string{
					"Jersey OAuth's URLCodec: https://github.com/javaee/jersey/issues/900",
					"HERE aaa-java-sdk with \"*\" and \"~\": https://github.com/heremaps/here-aaa-java-sdk/pull/89",
					"gomodule/oauth1's QuickBooks test case (\"*\" must be %2A, URLEncoder leaves it raw)",
				},
			},
			variants: encoderVariants(basestring.AppendEncodeJava, "encoded as java.net.URLEncoder does (\"+\" for a space, \"*\" raw, \"~\" as %7E)", " *~"),
			encoder:  basestring.AppendEncodeJava,
			encodes:  "encoded as java.net.URLEncoder does (\"+\" for a space, \"*\" raw, \"~\" as %7E)",
			hint:     encoderHint,
		},
		{
			Mistake: Mistake{
				ID:    "tilde-encoded",
				Title: "\"~\" percent-encoded",
				Doc:   "The client encoded \"~\" as %7E (an RFC 2396 encoder such as PHP rawurlencode before 5.3 or Python 2 urllib.quote), though it is unreserved.",
				Fix:   "leave \"~\" unencoded",
				RFC:   "3.6",
				KnownIn: []string{
					"python-oauth2: https://github.com/joestump/python-oauth2/issues/15",
					"request/oauth-sign (escape()): https://github.com/request/oauth-sign/issues/4",
					"AFOAuth1Client: https://github.com/AFNetworking/AFOAuth1Client/issues/48",
					"AppEngine-OAuth-Library with a tilde in a tweet: https://github.com/mikeknapp/AppEngine-OAuth-Library/issues/4",
				},
			},
			variants: encoderVariants(basestring.AppendEncodeTilde, "encoded \"~\" as %7E", "~"),
			encoder:  basestring.AppendEncodeTilde,
			encodes:  "encoded with \"~\" as %7E",
			hint:     encoderHint,
		},
		{
			Mistake: Mistake{
				ID:    "double-utf8",
				Title: "non-ascii text encoded to utf-8 twice",
				Doc:   "The client converted text that was already UTF-8 to UTF-8 again (each byte read as Latin-1, PHP utf8_encode), so é was signed as Ã© (%C3%83%C2%A9).",
				Fix:   "encode text to UTF-8 once, then percent-encode the bytes",
				RFC:   "3.6",
				KnownIn: []string{
					"oauthlib under Python 2 encoded UTF-8 form values to UTF-8 again (status=%E5%95%A6 signed as %C3%A5%C2%95%C2%A6): https://github.com/oauthlib/oauthlib/pull/127",
					"a RestSharp user's server wanted \"£\" signed as utf8_encode gives it (\"Â£\"): https://github.com/restsharp/RestSharp/issues/1945",
				},
			},
			variants: doubleUTF8,
			encoder:  basestring.AppendEncodeDoubleUTF8,
			encodes:  "converted to UTF-8 twice before encoding",
			hint:     encoderHint,
		},
	}
}

// paramHasAny reports whether a signed name or value holds one of chars.
func (ev *evidence) paramHasAny(chars string) bool {
	return slices.ContainsFunc(ev.params, func(p basestring.Param) bool {
		return strings.ContainsAny(p.Name, chars) || strings.ContainsAny(p.Value, chars)
	})
}

// replaceValues returns a rewrite that replaces the value of every
// parameter equal to p (same name, value and source) by value.
func replaceValues(p basestring.Param, value string) func([]basestring.Param) []basestring.Param {
	return func(ps []basestring.Param) []basestring.Param {
		for i := range ps {
			if ps[i].Name == p.Name && ps[i].Value == p.Value && ps[i].Source == p.Source {
				ps[i].Value = value
			}
		}
		return ps
	}
}

func doubleEncoded(ev *evidence) []variant {
	var out []variant
	seen := map[basestring.Param]bool{}
	for _, p := range ev.params {
		enc := basestring.Encode(p.Value)
		key := basestring.Param{Name: p.Name, Value: p.Value, Source: p.Source}
		if enc == p.Value || seen[key] {
			continue
		}
		seen[key] = true
		rewrite := replaceValues(key, enc)
		out = append(out, variant{
			label:  p.Name,
			param:  p.Name,
			detail: "encoded the value of " + p.Name + " twice: " + quote(p.Value) + " signed as " + quote(basestring.Encode(enc)),
			apply:  func(r *basestring.Request, o *basestring.Options) { addRewrite(o, rewrite) },
		})
	}
	if len(out) > 1 {
		out = append(out, variant{
			label:  "every parameter",
			detail: "encoded every name and value twice",
			apply:  func(r *basestring.Request, o *basestring.Options) { o.Encode = basestring.AppendEncodeTwice },
		})
	}
	return out
}

func queryNotDecoded(ev *evidence) []variant {
	differs := false
	for _, p := range ev.params {
		if p.Source != basestring.SourceQuery {
			continue
		}
		n, v, _ := strings.Cut(p.Raw, "=")
		if n != p.Name || v != p.Value {
			differs = true
		}
	}
	if !differs {
		return nil
	}
	return []variant{{
		label:  "query",
		detail: "signed the query " + quote(ev.url.Query) + " with its names and values still percent-encoded, so they were encoded twice",
		apply: func(r *basestring.Request, o *basestring.Options) {
			addRewrite(o, func(ps []basestring.Param) []basestring.Param {
				for i := range ps {
					if ps[i].Source == basestring.SourceQuery {
						n, v, _ := strings.Cut(ps[i].Raw, "=")
						ps[i].Name, ps[i].Value = n, v
					}
				}
				return ps
			})
		},
	}}
}

func notEncoded(ev *evidence) []variant {
	var out []variant
	if slices.ContainsFunc(ev.params, func(p basestring.Param) bool {
		return basestring.Encode(p.Name) != p.Name || basestring.Encode(p.Value) != p.Value
	}) {
		out = append(out, variant{
			label:  "names and values",
			detail: "put names and values into the parameter string without percent-encoding them",
			apply:  func(r *basestring.Request, o *basestring.Options) { o.Encode = basestring.AppendRaw },
		})
	}
	out = append(out, variant{
		label:  "base string parts",
		detail: "joined the URI and the parameter string into the base string without percent-encoding them",
		apply:  func(r *basestring.Request, o *basestring.Options) { o.EncodeOuter = basestring.AppendRaw },
	})
	return out
}

// encoderVariants returns the rebuilds of a client whose encoder is enc: for
// the names and values, and for the base string parts as well. chars are the
// characters enc treats differently from the RFC; without them in the request
// the encoder changes nothing.
func encoderVariants(enc basestring.Encoder, what, chars string) func(ev *evidence) []variant {
	return func(ev *evidence) []variant {
		inParams := ev.paramHasAny(chars)
		inPath := strings.ContainsAny(ev.url.Path, chars)
		var out []variant
		if inParams {
			out = append(out, variant{
				label:  "names and values",
				detail: what + " in names and values",
				apply:  func(r *basestring.Request, o *basestring.Options) { o.Encode = enc },
			})
		}
		if inParams || inPath {
			out = append(out, variant{
				label:  "everywhere",
				detail: what + " in names and values and in the base string parts",
				apply: func(r *basestring.Request, o *basestring.Options) {
					o.Encode = enc
					o.EncodeOuter = enc
				},
			})
		}
		return out
	}
}

func lowercaseHex(ev *evidence) []variant {
	enc := basestring.AppendEncodeLowerHex
	return []variant{
		{
			label:  "names and values",
			detail: "wrote lower-case hex digits in the percent-encoding of names and values",
			apply:  func(r *basestring.Request, o *basestring.Options) { o.Encode = enc },
		},
		{
			label:  "base string parts",
			detail: "wrote lower-case hex digits when encoding the URI and the parameter string into the base string",
			apply:  func(r *basestring.Request, o *basestring.Options) { o.EncodeOuter = enc },
		},
		{
			label:  "everywhere",
			detail: "wrote lower-case hex digits in every percent-encoding",
			apply: func(r *basestring.Request, o *basestring.Options) {
				o.Encode = enc
				o.EncodeOuter = enc
			},
		},
	}
}

func doubleUTF8(ev *evidence) []variant {
	if !slices.ContainsFunc(ev.params, func(p basestring.Param) bool {
		return basestring.Latin1ToUTF8(p.Name) != p.Name || basestring.Latin1ToUTF8(p.Value) != p.Value
	}) {
		return nil
	}
	return []variant{{
		detail: "converted non-ASCII text to UTF-8 a second time before percent-encoding it",
		apply:  func(r *basestring.Request, o *basestring.Options) { o.Encode = basestring.AppendEncodeDoubleUTF8 },
	}}
}
