package compare

import (
	"slices"
	"strings"
)

// Provider is what oauthdbg knows of one OAuth 1.0a provider: its endpoints
// and the rules where it departs from RFC 5849, each named by the catalogue
// mistake that builds the same base string, so that a request following the
// provider's own rule can be recognised rather than blamed on the client.
type Provider struct {
	// Name is the identifier of --provider, e.g. "bitbucket".
	Name string
	// Title names the provider and its API.
	Title string
	// RequestTokenURL, AuthorizeURL and AccessTokenURL are the endpoints of
	// the three-legged flow (RFC 5849 §2); "{base}" stands for the user's
	// own host where the provider is self-hosted, and "" for a provider
	// without that step (one-legged APIs).
	RequestTokenURL, AuthorizeURL, AccessTokenURL string
	// CallURL is an API call to try with the access token, "" for none.
	CallURL string
	// Methods are the signature methods it accepts.
	Methods []string
	// Deviations are the rules it follows instead of the RFC's.
	Deviations []Deviation
	// Notes are other facts a client needs (timestamp window, where the
	// error body carries the server's base string, realm rules).
	Notes []string
	// Sources are the public documents and code the facts come from.
	Sources []string
}

// Deviation is one rule where a provider's server departs from RFC 5849.
type Deviation struct {
	// Mistake is the catalogue id whose rebuild gives the provider's base
	// string.
	Mistake string
	// Rule says what the provider does.
	Rule string
}

// NeedsBase reports whether the endpoints are on the user's own host.
func (p Provider) NeedsBase() bool {
	return strings.Contains(p.RequestTokenURL+p.AuthorizeURL+p.AccessTokenURL+p.CallURL, "{base}")
}

// Endpoint returns an endpoint with "{base}" replaced by base.
func (p Provider) Endpoint(tmpl, base string) string {
	return strings.ReplaceAll(tmpl, "{base}", strings.TrimRight(base, "/"))
}

// providers is the table of known providers, in the order listed.
var providers = []Provider{
	{
		Name:            "bitbucket",
		Title:           "Bitbucket 1.0 API",
		RequestTokenURL: "https://bitbucket.org/api/1.0/oauth/request_token",
		AuthorizeURL:    "https://bitbucket.org/api/1.0/oauth/authenticate",
		AccessTokenURL:  "https://bitbucket.org/api/1.0/oauth/access_token",
		CallURL:         "https://api.bitbucket.org/1.0/user",
		Methods:         []string{"HMAC-SHA1", "PLAINTEXT"},
		Notes: []string{
			"the timestamp must be within about five minutes of the server's clock",
			"OAuth parameters may travel in the query string of the POST, as the documentation's examples do, or in the Authorization header",
			"a refused signature is answered 401 with the body \"Could not verify OAuth request.\"",
		},
		Sources: []string{"Bitbucket, \"OAuth on Bitbucket\" (1.0 API documentation)"},
	},
	{
		Name:            "twitter",
		Title:           "Twitter (X) API, OAuth 1.0a user context",
		RequestTokenURL: "https://api.twitter.com/oauth/request_token",
		AuthorizeURL:    "https://api.twitter.com/oauth/authorize",
		AccessTokenURL:  "https://api.twitter.com/oauth/access_token",
		Methods:         []string{"HMAC-SHA1"},
		Notes: []string{
			"form bodies are signed as parameters (RFC 5849 §3.4.1.3.1); JSON bodies are not",
			"errors come as JSON {\"errors\":[{\"code\":32,\"message\":\"Could not authenticate you.\"}]}",
		},
		Sources: []string{"Twitter developer documentation, \"Creating a signature\" and \"Obtaining user access tokens\""},
	},
	{
		Name:            "flickr",
		Title:           "Flickr API",
		RequestTokenURL: "https://www.flickr.com/services/oauth/request_token",
		AuthorizeURL:    "https://www.flickr.com/services/oauth/authorize",
		AccessTokenURL:  "https://www.flickr.com/services/oauth/access_token",
		Methods:         []string{"HMAC-SHA1"},
		Notes: []string{
			"a refused signature is answered with oauth_problem=signature_invalid&debug_sbs=… holding the server's base string, which check reads",
		},
		Sources: []string{"Flickr API documentation, \"User Authentication\" (OAuth)"},
	},
	{
		Name:            "jira",
		Title:           "Jira / Atlassian application links (Server and Data Center)",
		RequestTokenURL: "{base}/plugins/servlet/oauth/request-token",
		AuthorizeURL:    "{base}/plugins/servlet/oauth/authorize",
		AccessTokenURL:  "{base}/plugins/servlet/oauth/access-token",
		CallURL:         "{base}/rest/api/2/myself",
		Methods:         []string{"RSA-SHA1"},
		Notes: []string{
			"only RSA-SHA1 is accepted: the consumer's public key is registered in the application link",
			"a refused signature is answered with oauth_problem=signature_invalid and oauth_signature_base_string=…, which check reads",
		},
		Sources: []string{"Atlassian developer documentation, \"OAuth for REST APIs\" (Jira Server)"},
	},
	{
		Name:            "netsuite",
		Title:           "NetSuite token-based authentication (REST web services, RESTlets)",
		RequestTokenURL: "{base}/rest/requesttoken",
		AuthorizeURL:    "{base}/app/login/secure/authorizetoken.nl",
		AccessTokenURL:  "{base}/rest/accesstoken",
		Methods:         []string{"HMAC-SHA256", "HMAC-SHA1"},
		Notes: []string{
			"the Authorization header must carry realm, the account id (e.g. 1234567_SB1), which, as RFC 5849 §3.4.1.3.1 says, is not signed",
			"HMAC-SHA1 is deprecated; use HMAC-SHA256",
		},
		Sources: []string{"Oracle NetSuite help, \"The Three-Step TBA Authorization Flow\" and \"Using TBA for RESTlets\""},
	},
	{
		Name:    "woocommerce",
		Title:   "WooCommerce REST API over plain http (one-legged)",
		CallURL: "{base}/wp-json/wc/v3/system_status",
		Methods: []string{"HMAC-SHA1", "HMAC-SHA256"},
		Deviations: []Deviation{
			{Mistake: "sort-raw-not-encoded", Rule: "the server sorts parameters by their raw names (PHP uksort with strcmp) before it encodes them"},
			{Mistake: "duplicate-dropped", Rule: "parameters are a PHP array by name, so a repeated name keeps one value"},
			{Mistake: "duplicate-keys-indexed", Rule: "array parameters (name[]=a&name[]=b) are signed as PHP's http_build_query writes them, name[0]=a&name[1]=b"},
		},
		Notes: []string{
			"OAuth 1.0a is used only over http; over https the API takes the consumer key and secret as basic auth or query parameters",
			"the key is the consumer secret and \"&\" (there is no token)",
			"the base string URI is built from the site's configured home URL, not from the request's Host: behind a proxy it can differ",
			"the timestamp window and the nonce memory are 15 minutes",
		},
		Sources: []string{"woocommerce/woocommerce, includes/api/class-wc-rest-authentication.php (check_oauth_signature)", "WooCommerce REST API documentation, \"Authentication over HTTP\""},
	},
	{
		Name:            "magento",
		Title:           "Magento 1 REST API / Magento 2 integrations",
		RequestTokenURL: "{base}/oauth/initiate",
		AuthorizeURL:    "{base}/admin/oauth_authorize",
		AccessTokenURL:  "{base}/oauth/token",
		Methods:         []string{"HMAC-SHA1", "HMAC-SHA256"},
		Notes: []string{
			"Magento 1: request token at /oauth/initiate, customer authorization at /oauth/authorize, admin at /admin/oauth_authorize",
			"Magento 2 integrations sign with HMAC-SHA256 and receive their tokens by a callback instead of the authorize step",
		},
		Sources: []string{"Magento 1 developer documentation, \"REST API: Authentication\"", "Adobe Commerce developer documentation, \"OAuth-based authentication\""},
	},
}

// serveProvider is oauthdbg's own local provider ("oauthdbg serve").
var serveProvider = Provider{
	Name:            "serve",
	Title:           "oauthdbg serve, the local provider of this tool",
	RequestTokenURL: "{base}/api/1.0/oauth/request_token",
	AuthorizeURL:    "{base}/api/1.0/oauth/authenticate",
	AccessTokenURL:  "{base}/api/1.0/oauth/access_token",
	CallURL:         "{base}/api/1.0/user",
	Methods:         []string{"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256", "PLAINTEXT"},
	Notes:           []string{"the base defaults to http://127.0.0.1:8080, where serve listens by default", "every rejection carries oauth_problem_advice with the cause and debug_sbs with the server's base string"},
	Sources:         []string{"oauthdbg serve --help"},
}

func init() { providers = append(providers, serveProvider) }

// Providers returns the known providers.
func Providers() []Provider { return slices.Clone(providers) }

// LookupProvider returns the provider with that name (any case).
func LookupProvider(name string) (Provider, bool) {
	for _, p := range providers {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return Provider{}, false
}

// ProviderNames returns the names of the known providers.
func ProviderNames() []string {
	names := make([]string, len(providers))
	for i, p := range providers {
		names[i] = p.Name
	}
	return names
}
