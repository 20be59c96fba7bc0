package compare

import (
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// transportMistakes change the signature between the signer and the server.
func transportMistakes() []*mistake {
	return []*mistake{
		{
			Mistake: Mistake{
				ID:    "signature-not-encoded",
				Title: "signature not percent-encoded on the wire",
				Doc: "The client put the base64 signature in the request without percent-encoding it, so a \"+\" in it " +
					"arrived as a space (a query or form body is decoded with \"+\" as a space); or it encoded the " +
					"signature twice, so the server decoded it to text still holding %2B, %2F or %3D.",
				Fix: "percent-encode oauth_signature exactly once (RFC 5849 §3.6) wherever it is sent",
				RFC: "3.5",
				KnownIn: []string{
					"WooCommerce maps a space in oauth_signature back to \"+\" for such clients: https://github.com/woocommerce/woocommerce/pull/13632",
					"Mastercard/oauth1-signer-python 1.2.0 and 1.3.0 sent the signature unencoded: https://github.com/Mastercard/oauth1-signer-python/issues/35",
					"Postman encoded the signature twice (%253D): https://github.com/postmanlabs/postman-app-support/issues/845",
					"scribejava with a signature encoded before OAuthEncoder: https://github.com/scribejava/scribejava/issues/565",
				},
			},
			targets: signatureTransport,
		},
	}
}

// signatureTransport returns the signatures the client may have computed
// for the one the server received: with each space put back to "+", and
// percent-decoded once more.
func signatureTransport(supplied string) []target {
	var out []target
	if strings.Contains(supplied, " ") {
		out = append(out, target{
			label:  "\"+\" sent unencoded",
			detail: "sent oauth_signature with \"+\" unencoded, so it arrived as a space",
			sig:    strings.ReplaceAll(supplied, " ", "+"),
		})
	}
	if strings.Contains(supplied, "%") {
		if d, err := basestring.Decode(supplied); err == nil && d != supplied {
			out = append(out, target{
				label:  "encoded twice",
				detail: "sent oauth_signature percent-encoded twice, so it arrived still encoded (" + quote(supplied) + ")",
				sig:    d,
			})
		}
	}
	return out
}

// sentSignature is one way a client sends the signature it computed: wire is
// oauth_signature as written into the request, received is what the server
// reads from it once it has percent-decoded it.
type sentSignature struct {
	wire, received string
}

// base64Chars are the characters of a base64 signature (HMAC, RSA).
const base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="

// sentSignatures is the inverse of signatureTransport: the ways a client
// with a transport mistake sends the signature it computed. form says the
// signature travels in the query or the form body, where a "+" is read as
// a space; in the Authorization header it is read as a plus (RFC 5849
// §3.5.1 percent-decodes header values only), so sending it raw changes
// nothing there. Replay keeps each one that a transport mistake's targets
// map back to the computed signature.
func sentSignatures(computed string, form bool) []sentSignature {
	var out []sentSignature
	if form && strings.Contains(computed, "+") && strings.Trim(computed, base64Chars) == "" {
		out = append(out, sentSignature{wire: computed, received: strings.ReplaceAll(computed, "+", " ")})
	}
	if once := basestring.Encode(computed); once != computed {
		out = append(out, sentSignature{wire: basestring.Encode(once), received: once})
	}
	return out
}
