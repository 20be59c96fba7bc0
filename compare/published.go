package compare

import (
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// PublishedSignature is a signature printed in documentation or a test
// suite: a request that carries it was copied from that example.
type PublishedSignature struct {
	// Signature is the value as published.
	Signature string `json:"signature"`
	// Source names the document and the example.
	Source string `json:"source"`
	// Explanation says which request it belongs to and what to expect.
	Explanation string `json:"explanation"`
}

// lookupPublishedSignature reports whether signature is one of the example signatures
// published in RFC 5849, OAuth Core 1.0/1.0a, the OAuth wiki, Twitter's
// documentation, public test servers and peer libraries' test suites (every
// signature in testdata/vectors/vectors.json), including the ones printed
// wrong: RFC 5849 §3.1's bYT5CMsGcbgUdFHObYMEfcx6bsw= (erratum 2550) and the
// /1/-path signature tnnArxj06cWHq44gCs1OSKk/jLY= that Twitter shows next to
// a /1.1/ example. The signature may be given as sent (percent-encoded) or
// decoded, and with a "+" turned into a space by form decoding.
func lookupPublishedSignature(signature string) (PublishedSignature, bool) {
	e, ok := lookupPublished(signature)
	return e.PublishedSignature, ok
}

// publishedEntry is a table row with the vector it comes from.
type publishedEntry struct {
	vector string // id in testdata/vectors/vectors.json
	PublishedSignature
}

func lookupPublished(signature string) (publishedEntry, bool) {
	signature = strings.TrimSpace(signature)
	if signature == "" {
		return publishedEntry{}, false
	}
	given := signatureForms(signature)
	for _, e := range publishedTable() {
		for _, f := range signatureForms(e.Signature) {
			for _, g := range given {
				if f == g {
					return e, true
				}
			}
		}
	}
	return publishedEntry{}, false
}

// signatureForms returns s, s percent-decoded once, and both with spaces
// read back as the "+" they were.
func signatureForms(s string) []string {
	forms := []string{s}
	if d, err := basestring.Decode(s); err == nil && d != s {
		forms = append(forms, d)
	}
	for _, f := range forms[:len(forms):len(forms)] {
		if strings.Contains(f, " ") {
			forms = append(forms, strings.ReplaceAll(f, " ", "+"))
		}
	}
	return forms
}

// publishedTable is the table of published signatures, one row per vector
// with a signature plus the wrong values the vectors' notes name. It is Go
// source so that the binary needs no testdata; TestPublishedTable keeps it
// in step with testdata/vectors/vectors.json.
func publishedTable() []publishedEntry {
	return []publishedEntry{
		{"rfc5849-1.2-initiate", PublishedSignature{
			Signature:   "74KNZJeDHnMBp0EMJ9ZHt/XKycU=",
			Source:      "RFC 5849 §1.2, temporary credentials request",
			Explanation: "This is the signature of the RFC 5849 §1.2 request for temporary credentials (POST https://photos.example.net/initiate); it verifies only with an https:// base string URI. A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"rfc5849-1.2-token", PublishedSignature{
			Signature:   "gKgrFCywp7rO0OXSjdot/IHF7IU=",
			Source:      "RFC 5849 §1.2, token credentials request",
			Explanation: "This is the signature of the RFC 5849 §1.2 request for token credentials (POST https://photos.example.net/token, token secret hdhd0244k9j7ao03); it verifies only with an https:// base string URI. A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"rfc5849-1.2-photos", PublishedSignature{
			Signature:   "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
			Source:      "RFC 5849 §1.2, protected resource request",
			Explanation: "This is the signature of the RFC 5849 §1.2 request for a photo (GET http://photos.example.net/photos?file=vacation.jpg&size=original); it verifies only with an http:// base string URI. A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"rfc5849-3.4.1.1-request", PublishedSignature{
			Signature:   "r6/TJjbCOr97/+UU0NsvSne7s5g=",
			Source:      "RFC 5849 §3.4.1.1 (corrected by erratum 2550)",
			Explanation: "This is the corrected signature of the RFC 5849 §3.1/§3.4.1.1 example (POST http://example.com/request with query, header and form body parameters); the RFC itself prints bYT5CMsGcbgUdFHObYMEfcx6bsw=, which is wrong. A request carrying it was copied from the RFC: it verifies only for that request with its secrets (j49sk3j29djd, dh893hdasih9); sign your own request with your own secrets.",
		}},
		{"oauth-core-1.0a-A.5", PublishedSignature{
			Signature:   "tR3+Ty81lMeYAr/Fid0kMTYa/WM=",
			Source:      "OAuth Core 1.0a Appendix A.5",
			Explanation: "This is the signature of the OAuth Core 1.0a Appendix A.5 photo request (GET http://photos.example.net/photos?file=vacation.jpg&size=original, with oauth_version=1.0). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"wiki-hmac-cs-empty", PublishedSignature{
			Signature:   "egQqG5AJep5sJ7anhXju1unge2I=",
			Source:      "OAuth wiki TestCases, HMAC-SHA1",
			Explanation: "This is the signature of the OAuth wiki HMAC-SHA1 test: key \"cs&\", text \"bs\" (not a request at all). It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"wiki-hmac-cs-ts", PublishedSignature{
			Signature:   "VZVjXceV7JgPq/dOTnNmEfO0Fv8=",
			Source:      "OAuth wiki TestCases, HMAC-SHA1",
			Explanation: "This is the signature of the OAuth wiki HMAC-SHA1 test: key \"cs&ts\", text \"bs\" (not a request at all). It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"wiki-rsa-sha1", PublishedSignature{
			Signature:   "jvTp/wX1TYtByB1m+Pbyo0lnCOLIsyGCH7wke8AUs3BpnwZJtAuEJkvQL2/9n4s5wUmUl4aCI4BwpraNx4RtEXMe5qg5T1LVTGliMRpKasKsW//e+RinhejgCuzoH26dyF8iY2ZZ/5D1ilgeijhV/vBka5twt399mXwaYdCwFYE=",
			Source:      "OAuth wiki TestCases, RSA-SHA1",
			Explanation: "This is the signature of the OAuth wiki RSA-SHA1 photo request (file=vacaction.jpg, misspelt as in the original) signed with the wiki's published test key, which must never be used for real. A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"oauth-core-1.0-9.4.1-plaintext-jjd999tj88uiths3", PublishedSignature{
			Signature:   "djr9rjt0jd78jf88%26jjd999tj88uiths3",
			Source:      "OAuth Core 1.0 §9.4.1, PLAINTEXT",
			Explanation: "This is the signature of the OAuth Core 1.0 §9.4.1 PLAINTEXT example (consumer secret djr9rjt0jd78jf88, token secret jjd999tj88uiths3) in its on-the-wire form, encoded once more. It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"oauth-core-1.0-9.4.1-plaintext-jjd99$tj88uiths3", PublishedSignature{
			Signature:   "djr9rjt0jd78jf88%26jjd99%2524tj88uiths3",
			Source:      "OAuth Core 1.0 §9.4.1, PLAINTEXT",
			Explanation: "This is the signature of the OAuth Core 1.0 §9.4.1 PLAINTEXT example (consumer secret djr9rjt0jd78jf88, token secret jjd99$tj88uiths3) in its on-the-wire form, encoded once more. It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"oauth-core-1.0-9.4.1-plaintext-empty", PublishedSignature{
			Signature:   "djr9rjt0jd78jf88%26",
			Source:      "OAuth Core 1.0 §9.4.1, PLAINTEXT",
			Explanation: "This is the signature of the OAuth Core 1.0 §9.4.1 PLAINTEXT example with no token secret (consumer secret djr9rjt0jd78jf88) in its on-the-wire form. It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"twitter-creating-a-signature-1.1", PublishedSignature{
			Signature:   "hCtSmYh+iHYCEqBWrE7C7hYmtUk=",
			Source:      "Twitter developer docs, \"Creating a signature\"",
			Explanation: "This is the signature of the Twitter \"Creating a signature\" status update (POST https://api.twitter.com/1.1/statuses/update.json, status \"Hello Ladies + Gentlemen, a signed OAuth request!\"). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"twitter-authorizing-a-request-v1-path", PublishedSignature{
			Signature:   "tnnArxj06cWHq44gCs1OSKk/jLY=",
			Source:      "Twitter developer docs, \"Authorizing a request\"",
			Explanation: "This is the signature Twitter's \"Authorizing a request\" page shows next to its /1.1/statuses/update.json example; it was computed for the old /1/ path, so it never verifies for /1.1/, whose signature is hCtSmYh+iHYCEqBWrE7C7hYmtUk=. A request carrying it was copied from the documentation: sign your own request with your own secrets.",
		}},
		{"twitter-sign-in-request-token", PublishedSignature{
			Signature:   "F1Li3tvehgcraF8DMJ7OyxO4w9Y=",
			Source:      "Twitter docs, \"Implementing Sign in with Twitter\"",
			Explanation: "This is the signature of the Twitter \"Sign in with Twitter\" request token (POST https://api.twitter.com/oauth/request_token with oauth_callback). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"twitter-sign-in-access-token", PublishedSignature{
			Signature:   "39cipBtIOHEEnybAR4sATQTpl2I=",
			Source:      "Twitter docs, \"Implementing Sign in with Twitter\"",
			Explanation: "This is the signature of the Twitter \"Sign in with Twitter\" access token request (POST https://api.twitter.com/oauth/access_token with oauth_verifier). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"oauthlib-hmac-sha1", PublishedSignature{
			Signature:   "wsdNmjGB7lvis0UJuPAmjvX/PXw=",
			Source:      "oauthlib tests (test_signatures.py)",
			Explanation: "This is the signature of oauthlib's HMAC-SHA1 signature test, whose token secret holds spaces. It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"oauthlib-hmac-sha256", PublishedSignature{
			Signature:   "wdfdHUKXHbOnOGZP8WFAWMSAmWzN3EVBWWgXGlC/Eo4=",
			Source:      "oauthlib tests (test_signatures.py)",
			Explanation: "This is the signature of oauthlib's HMAC-SHA256 signature test, whose token secret holds spaces. It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"oauthlib-hmac-sha512", PublishedSignature{
			Signature:   "u/vlyZFDxOWOZ9UUXwRBJHvq8/T4jCA74ocRmn2ECnjUBTAeJiZIRU8hDTjS88Tz1fGONffMpdZxUkUTW3k1kg==",
			Source:      "oauthlib tests (test_signatures.py)",
			Explanation: "This is the signature of oauthlib's HMAC-SHA512 signature test, whose token secret holds spaces. It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"oauthlib-plaintext", PublishedSignature{
			Signature:   "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ&just-a-string%20%20%20%20asdasd",
			Source:      "oauthlib tests (test_signatures.py)",
			Explanation: "This is the signature of oauthlib's PLAINTEXT test: the key itself, secrets percent-encoded. It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"oauthlib-client-hmac-sha1", PublishedSignature{
			Signature:   "hH5BWYVqo7QI4EmPBUUe9owRUUQ=",
			Source:      "oauthlib tests (test_client.py)",
			Explanation: "This is the signature of oauthlib's client test_hmac_sha1_method (GET http://example.com, empty secrets, fixed nonce and timestamp). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"oauthlib-client-hmac-sha256", PublishedSignature{
			Signature:   "JzgJWBxX664OiMW3WE4MEjtYwOjI/paUWHqtdHe68Es=",
			Source:      "oauthlib tests (test_client.py)",
			Explanation: "This is the signature of oauthlib's client test_hmac_sha256_method (GET http://example.com, fixed nonce and timestamp). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"oauthlib-client-params-in-body", PublishedSignature{
			Signature:   "2JAQomgbShqoscqKWBiYQZwWq94=",
			Source:      "oauthlib tests (test_client.py)",
			Explanation: "This is the signature of oauthlib's client test_params_in_body (POST http://i.b/path, OAuth parameters in the form body). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"oauthlib-client-params-in-query", PublishedSignature{
			Signature:   "08G5Snvw+gDAzBF+CmT5KqlrPKo=",
			Source:      "oauthlib tests (test_client.py)",
			Explanation: "This is the signature of oauthlib's client test_params_in_query (POST http://i.b/path, OAuth parameters in the query). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"oauthlib-client-unicode-95A6", PublishedSignature{
			Signature:   "yrtSqp88m/c5UDaucI8BXK4oEtk=",
			Source:      "oauthlib tests (test_client.py)",
			Explanation: "This is the signature of oauthlib's client test_sign_unicode (POST http://i.b/path, UTF-8 form body, timestamp \"abc\"). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"oauthlib-client-unicode-C3B8", PublishedSignature{
			Signature:   "oG5t3Eg/XO5FfQgUUlTtUeeZzvk=",
			Source:      "oauthlib tests (test_client.py)",
			Explanation: "This is the signature of oauthlib's client test_sign_unicode (POST http://i.b/path, UTF-8 form body, timestamp \"abc\"). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"gomodule-twitter-oauth-tool", PublishedSignature{
			Signature:   "o5cx1ggJrY9ognZuVVeUwglKV8U=",
			Source:      "gomodule/oauth1 tests, \"Simple example from Twitter OAuth tool\"",
			Explanation: "This is the signature of gomodule/oauth1's Twitter OAuth tool example (GET https://api.twitter.com/1/?page=10). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"gomodule-netflix-oauth-tool", PublishedSignature{
			Signature:   "0JAoaqt6oz6TJx8N+06XmhPjcOs=",
			Source:      "gomodule/oauth1 tests, \"Example generated using the Netflix OAuth tool\"",
			Explanation: "This is the signature of gomodule/oauth1's Netflix OAuth tool example (GET http://api-public.netflix.com/catalog/titles?term=Dark%20Knight&count=2). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"gomodule-special-chars", PublishedSignature{
			Signature:   "n1UAoQy2PoIYizZUiWvkdCxM3P0=",
			Source:      "gomodule/oauth1 tests, \"Special characters in form values\"",
			Explanation: "This is the signature of gomodule/oauth1's special-characters example (GET http://PHOTOS.example.net:8001/Photos). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"gomodule-path-space-dup-values", PublishedSignature{
			Signature:   "TZZ5u7qQorLnmKs+iqunb8gqkh4=",
			Source:      "gomodule/oauth1 tests, \"Special characters in path, multiple values for same key in form\"",
			Explanation: "This is the signature of gomodule/oauth1's example with a space in the path and duplicate values (GET http://EXAMPLE.COM:80/Space%20Craft). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"gomodule-slash-in-form", PublishedSignature{
			Signature:   "LcxylEOnNdgoKSJi7jX07mxcvfM=",
			Source:      "gomodule/oauth1 tests, \"/ in form value\"",
			Explanation: "This is the signature of gomodule/oauth1's example with \"/\" in a form value (POST https://stream.twitter.com/1.1/statuses/filter.json). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"gomodule-slash-in-query", PublishedSignature{
			Signature:   "OAldqvRrKDXRGZ9BqSi2CqeVH0g=",
			Source:      "gomodule/oauth1 tests, \"/ in query string\"",
			Explanation: "This is the signature of gomodule/oauth1's example with \"/\" in the query (POST https://stream.twitter.com/1.1/statuses/filter.json?track=example.com/query). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"gomodule-quickbooks-query", PublishedSignature{
			Signature:   "7crYee+JLvg7dksQiHbarUHN3rY=",
			Source:      "gomodule/oauth1 tests, \"QuickBooks query string\"",
			Explanation: "This is the signature of gomodule/oauth1's QuickBooks query example (select * from account), where \"*\" must be %2A. A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"gomodule-hmac-sha256", PublishedSignature{
			Signature:   "GFfMidiFmlO+sI3tkXVTIqxOwM7EhnMwpB4ULsnPLlQ=",
			Source:      "gomodule/oauth1 tests, \"HMACSHA256 signature method\"",
			Explanation: "This is the signature of gomodule/oauth1's HMAC-SHA256 example (GET https://example.com/1/?page=10). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"gomodule-plaintext", PublishedSignature{
			Signature:   "secret&accesssecret",
			Source:      "gomodule/oauth1 tests, \"Plain text signature method\"",
			Explanation: "This is the signature of gomodule/oauth1's PLAINTEXT example: consumer secret \"secret\", token secret \"accesssecret\". It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"termie-request-token", PublishedSignature{
			Signature:   "8jqDKrI1fk8jVDO0fOCQNce/Sjg=",
			Source:      "term.ie OAuth test server",
			Explanation: "This is the signature of the term.ie test server's example request token URL (consumer key \"key\", secret \"secret\"). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"termie-access-token", PublishedSignature{
			Signature:   "v1cVGeVz+B2rsNOr7c5kGBCs8s0=",
			Source:      "term.ie OAuth test server",
			Explanation: "This is the signature of the term.ie test server's example access token URL (token \"requestkey\", secret \"requestsecret\"). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"termie-echo-api", PublishedSignature{
			Signature:   "+ngfqAYiXAouC+SzZX8IryKpd2o=",
			Source:      "term.ie OAuth test server",
			Explanation: "This is the signature of the term.ie test server's example echo_api.php URL (token \"accesskey\", secret \"accesssecret\"). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"madgex-echo", PublishedSignature{
			Signature:   "LT3RpOHvb071nF/45N4DeXahzXE=",
			Source:      "Madgex OAuth echo service page",
			Explanation: "This is the signature of the Madgex echo service page's example echo.ashx URL (token \"accesskey\", secret \"accesssecret\"). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"madgex-access-token-plus", PublishedSignature{
			Signature:   "A+Tj2aQkalun03sebOsyXXPi7Ws=",
			Source:      "Madgex OAuth echo service page",
			Explanation: "This is the signature of the Madgex echo service page's example access-token URL, whose signature holds a \"+\" that must be sent as %2B or it arrives as a space. A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"madgex-readme-echo", PublishedSignature{
			Signature:   "zCmKoF9rVlNxAkD8wUCizFUajs4=",
			Source:      "bettiolo/oauth-signature-js README (Madgex echo example)",
			Explanation: "This is the signature of the oauth-signature-js README's Madgex echo example (GET http://echo.lab.madgex.com/echo.ashx?foo=bar). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"bettiolo-no-token-no-path", PublishedSignature{
			Signature:   "5vNiG7RrEtOHXZ8gE1HQiJ7ssoc=",
			Source:      "bettiolo/oauth-signature-js tests, \"optional token not provided\"",
			Explanation: "This is the signature of oauth-signature-js's test for a request without a token, signed with the empty path of http://api.example.com kept empty; the RFC signs it as \"/\", which gives iVpxHh/XZdsNurgqQF1owp/F35Y=. A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"bettiolo-separator-empty-token", PublishedSignature{
			Signature:   "9ynBsPmHokLVL8g3UQ3QX3czNXk=",
			Source:      "bettiolo/oauth-signature-js tests, \"Appends the secrets separator\"",
			Explanation: "This is the signature of oauth-signature-js's test that the key keeps its \"&\" when there is no token secret. It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"bettiolo-utf8-secrets", PublishedSignature{
			Signature:   "JXcouSrYw1x7ql1ArjfT1Bg8O9g=",
			Source:      "bettiolo/oauth-signature-js tests, \"Encodes the secrets following the RFC3986\"",
			Explanation: "This is the signature of oauth-signature-js's test with non-ASCII secrets (你好 and åçñ), UTF-8 and percent-encoded in the key. It was copied from a test suite: a real request needs a signature made from its own base string and secrets.",
		}},
		{"postman-8879-encoded-query", PublishedSignature{
			Signature:   "cdQQuXon1opN/3wj5APnIF5NAMg=",
			Source:      "postmanlabs/postman-app-support#8879",
			Explanation: "This is the signature of the correct signature of the request in Postman issue #8879 (GET http://localhost:4567/fun?foo=first%2Csecond, consumer secret \"b\", token secret \"abc\"). A request carrying it was copied from that example: it verifies only with the example's secrets, timestamp, nonce and parameters; sign your own request with your own secrets.",
		}},
		{"rfc5849-3.1-printed-wrong", PublishedSignature{
			Signature:   "bYT5CMsGcbgUdFHObYMEfcx6bsw=",
			Source:      "RFC 5849 §3.1 (printed value, erratum 2550)",
			Explanation: "RFC 5849 prints this oauth_signature for its §3.1 example, but it is wrong (erratum 2550): the printed request and secrets (j49sk3j29djd, dh893hdasih9) give r6/TJjbCOr97/+UU0NsvSne7s5g=. A verifier that rejects bYT5CMsGcbgUdFHObYMEfcx6bsw= for that request is right.",
		}},
		{"bettiolo-no-token-no-path", PublishedSignature{
			Signature:   "iVpxHh/XZdsNurgqQF1owp/F35Y=",
			Source:      "bettiolo/oauth-signature-js tests, \"optional token not provided\" (recomputed the RFC way)",
			Explanation: "This is the RFC 5849 signature of oauth-signature-js's request without a token (GET http://api.example.com, consumer secret \"secret\"): the empty path signed as \"/\", as oauthlib, the OAuth wiki and gomodule/oauth1 do. The library itself keeps the path empty and expects 5vNiG7RrEtOHXZ8gE1HQiJ7ssoc=. A request carrying it was copied from that example.",
		}},
		{"postman-8879-encoded-query", PublishedSignature{
			Signature:   "1tyKsJRLaTvpnCwKGayL4YgHmLM=",
			Source:      "postmanlabs/postman-app-support#8879 (what Postman sent)",
			Explanation: "This is the signature Postman produced in issue #8879 for GET http://localhost:4567/fun?foo=first%2Csecond: it signed the query value without decoding it first (first%252Csecond, then %25252C in the base string). The correct signature is cdQQuXon1opN/3wj5APnIF5NAMg=.",
		}},
	}
}
