package compare

import "github.com/oauthdbg/oauthdbg/basestring"

// keyMistakes are the wrong ways of making the HMAC or PLAINTEXT key from
// the two secrets (RFC 5849 §3.4.2, §3.4.4).
func keyMistakes() []*mistake {
	return []*mistake{
		{
			Mistake: Mistake{
				ID:    "key-other-token-secret",
				Title: "signed with another token's secret",
				Doc: "The client signed with the secret of another token than the oauth_token it sent: the request token's " +
					"secret kept after it was exchanged for the access token, the secret of another user's token, or a " +
					"token secret stored under the wrong key. The search tries every token secret known for the call: " +
					"the secrets given and the oauth_token_secret of the capture's own request_token and access_token responses.",
				Fix: "sign with the secret that was issued together with the oauth_token the request carries, and replace both when the access token arrives",
				RFC: "3.4.2",
				KnownIn: []string{
					"a client using the temporary credentials' secret at the token step (Tumblr via thephpleague/oauth1-client): https://github.com/thephpleague/oauth1-client/issues/64",
					"a token secret stored from another step: https://github.com/jrconlin/oauthsimple/issues/15",
				},
			},
			otherTokens: true,
		},
		{
			Mistake: Mistake{
				ID:    "key-missing-token-secret",
				Title: "signed without the token secret",
				Doc: "The client sent an oauth_token but signed with the key \"consumer_secret&\", as if there were no token: " +
					"the token secret was never passed to the signer, or the temporary credentials' secret was dropped " +
					"after the authorization step.",
				Fix: "pass the token secret that belongs to oauth_token to the signer, so that the key is encode(consumer secret)&encode(token secret)",
				RFC: "3.4.2",
				KnownIn: []string{
					"Yaak signed with cs& when only a token secret was configured: https://github.com/mountain-loop/yaak/pull/611",
					"WP-API/OAuth1 with ddo/oauth-1.0a when the token was not passed to authorize(): https://github.com/ddo/oauth-1.0a/issues/39",
				},
			},
			keys: []keyVariant{{rule: basestring.KeyNoTokenSecret, detail: "signed with the key encode(consumer secret)& although the request carries oauth_token"}},
		},
		{
			Mistake: Mistake{
				ID:    "key-swapped-secrets",
				Title: "consumer and token secrets swapped in the key",
				Doc:   "The client built the key as encode(token secret)&encode(consumer secret): the two secrets passed to the signer in the wrong order.",
				Fix:   "put the consumer secret first and the token secret second in the key",
				RFC:   "3.4.2",
				KnownIn: []string{
					"hand-written signers whose key function takes the secrets in the other order (no public bug report of a library was found; it is kept because the mistake is one argument swap)",
				},
			},
			keys: []keyVariant{{rule: basestring.KeySwapped, detail: "signed with the key encode(token secret)&encode(consumer secret)"}},
		},
		{
			Mistake: Mistake{
				ID:    "key-secrets-not-encoded",
				Title: "secrets not percent-encoded in the key",
				Doc:   "The client joined the secrets with \"&\" without percent-encoding them first, so a secret holding a reserved character (+ / = & % or a space) gives another key.",
				Fix:   "percent-encode each secret (RFC 5849 §3.6) before joining them with \"&\"",
				RFC:   "3.4.2",
				KnownIn: []string{
					"dghubble/oauth1 before v0.7.3 (CHANGES.md): https://github.com/dghubble/oauth1/pull/72",
					"request/request: https://github.com/request/request/pull/263",
					"AFNetworking/AFOAuth1Client: https://github.com/AFNetworking/AFOAuth1Client/pull/65",
					"Shinmera/north against the E*TRADE API: https://github.com/Shinmera/north/issues/2",
				},
			},
			keys: []keyVariant{{rule: basestring.KeyRawSecrets, detail: "signed with the secrets joined by \"&\" without percent-encoding"}},
		},
		{
			Mistake: Mistake{
				ID:    "key-no-ampersand",
				Title: "key without the \"&\" separator",
				Doc: "The client left out the \"&\" between the secrets, usually when the token secret is empty (two-legged requests, " +
					"the request-token step), signing with the consumer secret alone.",
				Fix: "always join the secrets with \"&\", even when the token secret is empty (the key is then \"consumer_secret&\")",
				RFC: "3.4.2",
				KnownIn: []string{
					"ddo/oauth-1.0a proposed dropping the \"&\" for an empty token secret: https://github.com/ddo/oauth-1.0a/pull/2",
					"guzzle/oauth-subscriber against the WooCommerce v2 API: https://github.com/guzzle/oauth-subscriber/issues/40",
					"WooCommerce REST API docs told clients to remove the \"&\": https://github.com/woocommerce/woocommerce-rest-api-docs/issues/8",
				},
			},
			keys: []keyVariant{
				{rule: basestring.KeyNoAmpersand, detail: "signed with the key encode(consumer secret)encode(token secret), without \"&\""},
				{rule: basestring.KeyConsumerSecretOnly, label: "consumer secret alone", detail: "signed with the consumer secret alone as the key"},
			},
		},
	}
}
