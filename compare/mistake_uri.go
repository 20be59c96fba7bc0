package compare

import (
	"net"
	"slices"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// uriMistakes are the wrong ways of making the method and the base string
// URI (RFC 5849 §3.4.1.1, §3.4.1.2).
func uriMistakes() []*mistake {
	return []*mistake{
		{
			Mistake: Mistake{
				ID:    "scheme-mismatch",
				Title: "signed another scheme than the server sees",
				Doc: "The client signed http:// while the server sees https://, or the reverse: typically a TLS-terminating " +
					"proxy or load balancer forwards https requests to the server over http, or a client that was given a URL " +
					"without a scheme assumed one.",
				Fix: "sign the URL with the scheme the server sees, or make the server rebuild the public URL (X-Forwarded-Proto) before verifying",
				RFC: "3.4.1.2",
				KnownIn: []string{
					"WP-API/OAuth1 built its base URI with http whatever the request used: https://github.com/WP-API/OAuth1/issues/60",
					"Apereo OpenLRS behind a load balancer that forwards https as http: https://github.com/Apereo-Learning-Analytics-Initiative/OpenLRS/pull/21",
					"Postman signed before adding the missing http:// to a URL typed without a scheme: https://github.com/postmanlabs/postman-app-support/issues/123",
				},
			},
			variants: schemeMismatch,
			hint:     hintSchemeMismatch,
		},
		{
			Mistake: Mistake{
				ID:    "host-mismatch",
				Title: "signed another host than the server sees",
				Doc: "The client signed a host other than the one the server uses: an internal name behind a proxy, the public " +
					"name from X-Forwarded-Host, an IP address, or a www/non-www variant of the site.",
				Fix: "sign the URL with the host the server verifies against, or make the server use the public host (X-Forwarded-Host, Forwarded) when verifying",
				RFC: "3.4.1.2",
				KnownIn: []string{
					"WP-API/OAuth1 with the site URL with and without www: https://github.com/WP-API/OAuth1/issues/58",
					"WireMock proxying OAuth 1.0 requests under its own host: https://github.com/wiremock/wiremock/issues/1305",
				},
			},
			variants: hostMismatch,
			hint:     hintHostMismatch,
		},
		{
			Mistake: Mistake{
				ID:    "default-port-included",
				Title: "default port kept in the base string uri",
				Doc:   "The client kept the scheme's default port in the base string URI (https://host:443/path, http://host:80/path), which the RFC drops.",
				Fix:   "drop :80 from http and :443 from https URLs in the base string URI",
				RFC:   "3.4.1.2",
				KnownIn: []string{
					"ddo/oauth-1.0a: https://github.com/ddo/oauth-1.0a/issues/59",
					"scribejava BaseStringExtractorImpl: https://github.com/scribejava/scribejava/issues/428",
					"httr oauth_signature(): https://github.com/r-lib/httr/pull/435",
					"connect-auth with Host: example.com:80: https://github.com/ciaranj/connect-auth/issues/28",
				},
			},
			variants: defaultPortIncluded,
			hint:     hintDefaultPortIncluded,
		},
		{
			Mistake: Mistake{
				ID:    "port-mismatch",
				Title: "non-default port dropped or different",
				Doc: "The client dropped a non-default port from the base string URI, or signed another port than the server " +
					"sees (a proxy listening on one port and forwarding to another).",
				Fix: "keep a non-default port in the base string URI, and sign the port the server sees",
				RFC: "3.4.1.2",
				KnownIn: []string{
					"TDOAuth dropped :8080: https://github.com/yahoo/TDOAuth/issues/3",
					"Mastercard's Insomnia plugin dropped the port (and path): https://github.com/Mastercard/insomnia-plugin-mastercard/issues/6",
					"thephpleague/oauth1-client: https://github.com/thephpleague/oauth1-client/pull/81",
					"Magento's server ignored the port it listened on: https://github.com/mageplus/mageplus/issues/90",
				},
			},
			variants: portMismatch,
			hint:     hintPortMismatch,
		},
		{
			Mistake: Mistake{
				ID:      "host-case",
				Title:   "host not lower-cased",
				Doc:     "The client signed the host with the case it was written in (API.Example.com) instead of lower-casing it.",
				Fix:     "lower-case the scheme and host of the base string URI (keep the path's case)",
				RFC:     "3.4.1.2",
				KnownIn: []string{"DefactoSoftware/lti did not lower-case the URL: https://github.com/DefactoSoftware/lti/pull/33", "tmhOAuth (scheme and host must be lower-cased, the path not): https://github.com/themattharris/tmhOAuth/pull/56"},
			},
			variants: hostCase,
			hint:     hintHostCase,
		},
		{
			Mistake: Mistake{
				ID:      "scheme-case",
				Title:   "scheme not lower-cased",
				Doc:     "The client signed the scheme as written (HTTPS://) instead of lower-casing it.",
				Fix:     "lower-case the scheme of the base string URI",
				RFC:     "3.4.1.2",
				KnownIn: []string{"DefactoSoftware/lti did not lower-case the URL: https://github.com/DefactoSoftware/lti/pull/33", "gomodule/oauth1 tests an odd-case URL (HTTPS, apI.twItter.com, :443) that must sign like the lower-case one (oauth_test.go)"},
			},
			variants: schemeCase,
			hint:     hintSchemeCase,
		},
		{
			Mistake: Mistake{
				ID:    "trailing-slash",
				Title: "trailing slash added or dropped",
				Doc:   "The client signed the path with a trailing slash the request does not have, or without one it has (a URL library that normalizes paths).",
				Fix:   "sign the path exactly as it is sent, trailing slash included",
				RFC:   "3.4.1.2",
				KnownIn: []string{
					"WooCommerce REST API client library: https://github.com/kloon/WooCommerce-REST-API-Client-Library/pull/73",
					"cocoa-oauth dropped it through -[NSURL path]: https://github.com/guicocoa/cocoa-oauth/issues/5",
					"OAuthCore: https://github.com/lorenbrichter/OAuthCore/pull/5",
					"TDOAuth: https://github.com/yahoo/TDOAuth/pull/35",
				},
			},
			variants: trailingSlash,
			hint:     hintTrailingSlash,
		},
		{
			Mistake: Mistake{
				ID:    "query-in-base-uri",
				Title: "query kept in the base string uri",
				Doc:   "The client signed the URL with its query (…/path?a=1) as the base string URI, which must end at the path; the query belongs to the parameters.",
				Fix:   "cut the query off the base string URI and sign its pairs as parameters",
				RFC:   "3.4.1.2",
				KnownIn: []string{
					"SimpleOAuth in app-restconsole: https://github.com/ahmadnassri/app-restconsole/issues/64",
					"Insomnia: https://github.com/Kong/insomnia/issues/4238",
					"rauth: https://github.com/litl/rauth/issues/1",
				},
			},
			variants: queryInBaseURI,
			hint:     hintQueryInBaseURI,
		},
		{
			Mistake: Mistake{
				ID:    "path-decoded",
				Title: "path signed percent-decoded",
				Doc:   "The client signed the path decoded (/r v/X) instead of as sent (/r%20v/X): a URL library's decoded path was used.",
				Fix:   "sign the escaped path as it is sent on the request line (Go: URL.EscapedPath, not URL.Path)",
				RFC:   "3.4.1.2",
				KnownIn: []string{
					"RestKit through -[NSURL path]: https://github.com/RestKit/RestKit/pull/712",
					"OhhAuth with a space in the path: https://github.com/mw99/OhhAuth/issues/11",
				},
			},
			variants: pathDecoded,
			hint:     hintPathDecoded,
		},
		{
			Mistake: Mistake{
				ID:    "path-mismatch",
				Title: "signed another path than the server sees",
				Doc: "The client signed a path other than the one the server verifies: a proxy adds or strips a prefix " +
					"(X-Forwarded-Prefix), or the application is installed in a subfolder.",
				Fix: "sign the path the server sees, or make the server verify against the public path",
				RFC: "3.4.1.2",
				KnownIn: []string{
					"WP-API/OAuth1 installed in a subfolder: https://github.com/WP-API/OAuth1/issues/68",
					"WP-API/OAuth1 on an Apache VirtualHost: https://github.com/WP-API/OAuth1/issues/136",
				},
			},
			variants: pathMismatch,
		},
		{
			Mistake: Mistake{
				ID:      "empty-path-no-slash",
				Title:   "empty path signed without \"/\"",
				Doc:     "The client signed a URL with an empty path (http://api.example.com) as is, instead of with the path \"/\".",
				Fix:     "sign an empty path as \"/\"",
				RFC:     "3.4.1.2",
				KnownIn: []string{"bettiolo/oauth-signature-js keeps the empty path (oauthdbg public vector bettiolo-no-token-no-path)", "dghubble/oauth1 keeps the empty path too (its base URI is the URL without query)"},
			},
			variants: emptyPathNoSlash,
			hint:     hintEmptyPathNoSlash,
		},
		{
			Mistake: Mistake{
				ID:      "default-port-wrong-scheme",
				Title:   "default port of the other scheme dropped",
				Doc:     "The client dropped :443 from an http:// URL or :80 from an https:// URL: it drops 80 and 443 whatever the scheme.",
				Fix:     "drop only the default port of the URL's own scheme (80 for http, 443 for https)",
				RFC:     "3.4.1.2",
				KnownIn: []string{"dghubble/oauth1 drops :80 and :443 whatever the scheme (auther.go splits host:port and drops both)"},
			},
			variants: defaultPortWrongScheme,
			hint:     hintDefaultPortWrongScheme,
		},
		{
			Mistake: Mistake{
				ID:      "method-lowercase",
				Title:   "method not upper-cased",
				Doc:     "The client signed the HTTP method in lower case (\"get\"), as its HTTP library stores it.",
				Fix:     "upper-case the method in the base string",
				RFC:     "3.4.1.1",
				KnownIn: []string{"ruby-oauth/oauth RackRequest#method: https://github.com/ruby-oauth/oauth/issues/40"},
			},
			variants: methodLowercase,
			hint:     hintMethodLowercase,
		},
		{
			Mistake: Mistake{
				ID:      "method-mismatch",
				Title:   "signed another method than sent",
				Doc:     "The client signed one method and sent another: a POST signed as GET, a method override header, a library that changes the method after signing.",
				Fix:     "sign the method the request is sent with",
				RFC:     "3.4.1.1",
				KnownIn: []string{"flask-oauthlib signed the access token request as POST and sent GET: https://github.com/lepture/flask-oauthlib/pull/83"},
			},
			variants: methodMismatch,
			hint:     hintMethodMismatch,
		},
	}
}

func otherScheme(s string) string {
	if strings.EqualFold(s, "https") {
		return "http"
	}
	return "https"
}

func schemeMismatch(ev *evidence) []variant {
	if !ev.schemeFixed {
		return nil // the other scheme is a reading, tried already
	}
	cur := strings.ToLower(ev.url.Scheme)
	other := otherScheme(cur)
	detail := "signed " + other + ":// while the server saw " + cur + "://"
	if p := strings.ToLower(firstListItem(ev.forwarding().Proto)); p == other {
		detail += " (X-Forwarded-Proto says " + p + ")"
	}
	return []variant{{
		label:  other,
		detail: detail,
		apply: func(r *basestring.Request, o *basestring.Options) {
			editURL(r, func(u *basestring.URLParts) { u.Scheme = otherScheme(u.Scheme) })
		},
	}}
}

// authorityCandidate is a host[:port] the evidence says a client may have signed.
type authorityCandidate struct {
	authority string
	source    string
}

// authorityCandidates collects the authorities in the evidence: the
// capture's URL and Host header, X-Forwarded-Host and -Port, Forwarded
// host=, the Origin and Referer headers, and the signed and server URLs the
// user gave. When no proxy header names a host, it adds the guesses a
// client's configuration most often holds: the host with "www." added or
// removed, and its parent domains.
func (ev *evidence) authorityCandidates() []authorityCandidate {
	var out []authorityCandidate
	add := func(a, source string) {
		a = strings.TrimSpace(a)
		if a == "" || strings.ContainsAny(a, " /?#@") {
			return
		}
		out = append(out, authorityCandidate{a, source})
	}
	addURL := func(raw, source string) {
		if raw == "" {
			return
		}
		if raw, err := urlWithScheme(raw, ev.url.Scheme, ""); err == nil {
			if u, err := basestring.SplitURL(raw); err == nil {
				add(u.Authority, source)
			}
		}
	}
	host, _ := ev.hostPort()
	named := false
	if c := ev.capture; c != nil {
		if u, err := basestring.SplitURL(c.URL); err == nil {
			add(u.Authority, "the captured URL")
		}
		add(c.Host, "the Host header")
		for _, h := range strings.Split(c.Forwarding.Host, ",") {
			add(h, "X-Forwarded-Host")
		}
		for _, h := range strings.Split(forwardedParam(c.Forwarding.Forwarded, "host"), ",") {
			add(h, "Forwarded host=")
		}
		named = strings.TrimSpace(c.Forwarding.Host) != "" || forwardedParam(c.Forwarding.Forwarded, "host") != ""
		for _, p := range strings.Split(c.Forwarding.Port, ",") {
			if p = strings.TrimSpace(p); p != "" {
				add(host+":"+p, "X-Forwarded-Port")
			}
		}
		for _, h := range []string{"Origin", "Referer"} {
			if v := c.Header(h); v != "" && v != "null" {
				addURL(v, "the "+h+" header")
			}
		}
	}
	addURL(ev.opts.SignedURL, "the signed URL")
	addURL(ev.opts.ServerURL, "the server URL")
	if c := ev.capture; c != nil && c.Response != nil && c.Response.Body != "" {
		if sb, ok := ExtractServerBaseString(c.Response.Body); ok && sb.BaseString != "" {
			if _, rest, ok := strings.Cut(sb.BaseString, "&"); ok {
				uri, _, _ := strings.Cut(rest, "&")
				addURL(basestring.DecodeLenient(uri, false), "the provider's error body")
			}
		}
	}
	for _, h := range ev.opts.CaptureHosts {
		add(h, "another request of the capture")
	}
	if !named {
		for _, h := range hostGuesses(host) {
			add(h, "a guess: the host with www. toggled or a parent domain")
		}
	}
	return out
}

// hostGuesses returns the hosts a client may have been configured with
// instead of host: www. toggled, and each parent domain of at least two
// labels. An IP address or a single-label host gives none.
func hostGuesses(host string) []string {
	h := strings.ToLower(strings.Trim(host, "[]"))
	if h == "" || strings.Count(h, ".") == 0 || net.ParseIP(h) != nil {
		return nil
	}
	var out []string
	if rest, ok := strings.CutPrefix(h, "www."); ok {
		if strings.Contains(rest, ".") {
			out = append(out, rest)
		}
	} else {
		out = append(out, "www."+h)
	}
	labels := strings.Split(h, ".")
	for i := 1; len(labels)-i >= 2; i++ {
		p := strings.Join(labels[i:], ".")
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// normAuthority is an authority as the base string URI writes it: host
// lower-cased, the scheme's default port dropped.
func normAuthority(a, scheme string) string {
	h, p := basestring.SplitHostPort(a)
	h = strings.ToLower(h)
	if p == "" || p == basestring.DefaultPort(scheme) {
		return h
	}
	return h + ":" + p
}

// setAuthority returns a variant apply that signs another authority.
func setAuthority(a string) func(r *basestring.Request, o *basestring.Options) {
	return func(r *basestring.Request, o *basestring.Options) {
		editURL(r, func(u *basestring.URLParts) { u.Authority = a })
	}
}

func hostMismatch(ev *evidence) []variant {
	cur := normAuthority(ev.url.Authority, ev.url.Scheme)
	curHost, _ := ev.hostPort()
	seen := map[string]bool{cur: true}
	var out []variant
	for _, c := range ev.authorityCandidates() {
		n := normAuthority(c.authority, ev.url.Scheme)
		h, _ := basestring.SplitHostPort(c.authority)
		if seen[n] || strings.EqualFold(h, curHost) {
			continue
		}
		seen[n] = true
		out = append(out, variant{
			label:  "host " + c.authority,
			detail: "signed the host " + quote(c.authority) + " (from " + c.source + ") while the server saw " + quote(ev.url.Authority),
			apply:  setAuthority(c.authority),
		})
	}
	return out
}

func portMismatch(ev *evidence) []variant {
	curHost, curPort := ev.hostPort()
	cur := normAuthority(ev.url.Authority, ev.url.Scheme)
	var out []variant
	// :80 and :443 on the other scheme are default-port-wrong-scheme.
	if curPort != "" && curPort != "80" && curPort != "443" {
		out = append(out, variant{
			label:  "port " + curPort + " dropped",
			detail: "dropped the port :" + curPort + " from the base string URI",
			apply:  func(r *basestring.Request, o *basestring.Options) { o.DropPort = true },
		})
	}
	seen := map[string]bool{cur: true, strings.ToLower(curHost): true}
	for _, c := range ev.authorityCandidates() {
		h, p := basestring.SplitHostPort(c.authority)
		n := normAuthority(c.authority, ev.url.Scheme)
		if !strings.EqualFold(h, curHost) || seen[n] {
			continue
		}
		seen[n] = true
		a := curHost
		if p != "" {
			a += ":" + p
		}
		label := "port " + p
		if p == "" {
			label = "no port"
		}
		out = append(out, variant{
			label:  label,
			detail: "signed " + quote(a) + " (the port from " + c.source + ") while the server saw " + quote(ev.url.Authority),
			apply:  setAuthority(a),
		})
	}
	// The ports a service behind a proxy or in development most often
	// listens on: a client configured with one of them signs it.
	for _, p := range []string{"8080", "8443", "8000", "3000"} {
		a := curHost + ":" + p
		if seen[normAuthority(a, ev.url.Scheme)] {
			continue
		}
		seen[normAuthority(a, ev.url.Scheme)] = true
		out = append(out, variant{
			label:  "port " + p,
			detail: "signed " + quote(a) + " (a common port of a service behind a proxy) while the server saw " + quote(ev.url.Authority),
			apply:  setAuthority(a),
		})
	}
	return out
}

func defaultPortIncluded(ev *evidence) []variant {
	dp := basestring.DefaultPort(ev.url.Scheme)
	if dp == "" {
		return nil
	}
	return []variant{{
		detail: "kept the default port :" + dp + " in the base string URI",
		apply: func(r *basestring.Request, o *basestring.Options) {
			editURL(r, func(u *basestring.URLParts) {
				if h, p := basestring.SplitHostPort(u.Authority); p == "" {
					if d := basestring.DefaultPort(u.Scheme); d != "" {
						u.Authority = h + ":" + d
					}
				}
			})
			o.KeepDefaultPort = true
		},
	}}
}

func defaultPortWrongScheme(ev *evidence) []variant {
	_, p := ev.hostPort()
	if (p != "80" && p != "443") || p == basestring.DefaultPort(ev.url.Scheme) {
		return nil
	}
	return []variant{{
		detail: "dropped the port :" + p + " from the " + strings.ToLower(ev.url.Scheme) + ":// URL, where it is not the default",
		apply:  func(r *basestring.Request, o *basestring.Options) { o.DropAnyDefaultPort = true },
	}}
}

// hostCase applies when the host the server saw has capitals, or when the
// evidence names the same host with other capitals (--signed-url, a
// Host header): the client signed that spelling without lower-casing it.
func hostCase(ev *evidence) []variant {
	h, _ := ev.hostPort()
	var out []variant
	if h != strings.ToLower(h) {
		out = append(out, variant{
			detail: "signed the host " + quote(h) + " without lower-casing it",
			apply:  func(r *basestring.Request, o *basestring.Options) { o.KeepHostCase = true },
		})
	}
	seen := map[string]bool{h: true}
	for _, c := range ev.authorityCandidates() {
		ch, _ := basestring.SplitHostPort(c.authority)
		if ch == strings.ToLower(ch) || !strings.EqualFold(ch, h) || seen[ch] {
			continue
		}
		seen[ch] = true
		a := c.authority
		out = append(out, variant{
			label:  "host " + ch,
			detail: "signed the host as " + quote(ch) + " (from " + c.source + ") without lower-casing it",
			apply: func(r *basestring.Request, o *basestring.Options) {
				editURL(r, func(u *basestring.URLParts) {
					_, p := basestring.SplitHostPort(u.Authority)
					ah, _ := basestring.SplitHostPort(a)
					u.Authority = ah
					if p != "" {
						u.Authority += ":" + p
					}
				})
				o.KeepHostCase = true
			},
		})
	}
	return out
}

func schemeCase(ev *evidence) []variant {
	if ev.url.Scheme == strings.ToLower(ev.url.Scheme) {
		return nil
	}
	return []variant{{
		detail: "signed the scheme " + quote(ev.url.Scheme) + " without lower-casing it",
		apply:  func(r *basestring.Request, o *basestring.Options) { o.KeepSchemeCase = true },
	}}
}

func trailingSlash(ev *evidence) []variant {
	p := ev.url.Path
	if p == "" || p == "/" {
		return nil
	}
	if strings.HasSuffix(p, "/") {
		return []variant{{
			label:  "slash dropped",
			detail: "signed the path " + quote(strings.TrimSuffix(p, "/")) + " without the trailing slash of " + quote(p),
			apply: func(r *basestring.Request, o *basestring.Options) {
				editURL(r, func(u *basestring.URLParts) { u.Path = strings.TrimSuffix(u.Path, "/") })
			},
		}}
	}
	return []variant{{
		label:  "slash added",
		detail: "signed the path " + quote(p+"/") + " with a trailing slash the request does not have",
		apply: func(r *basestring.Request, o *basestring.Options) {
			editURL(r, func(u *basestring.URLParts) { u.Path += "/" })
		},
	}}
}

func queryInBaseURI(ev *evidence) []variant {
	if !ev.url.HasQuery || ev.url.Query == "" {
		return nil
	}
	return []variant{
		{
			label:  "query in the uri too",
			detail: "signed the query " + quote(ev.url.Query) + " in the base string URI as well as in the parameters",
			apply:  func(r *basestring.Request, o *basestring.Options) { o.KeepQuery = true },
		},
		{
			label:  "query in the uri instead",
			detail: "signed the query " + quote(ev.url.Query) + " in the base string URI instead of in the parameters",
			apply: func(r *basestring.Request, o *basestring.Options) {
				o.KeepQuery = true
				o.SkipQuery = true
			},
		},
	}
}

func pathDecoded(ev *evidence) []variant {
	if !strings.Contains(ev.url.Path, "%") {
		return nil
	}
	d, err := basestring.Decode(ev.url.Path)
	if err != nil {
		return nil
	}
	return []variant{{
		detail: "signed the path decoded, " + quote(d) + ", instead of as sent, " + quote(ev.url.Path),
		apply:  func(r *basestring.Request, o *basestring.Options) { o.DecodePath = true },
	}}
}

func pathMismatch(ev *evidence) []variant {
	type cand struct{ path, source string }
	var cands []cand
	add := func(p, source string) {
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		if p != "" && p != ev.url.Path {
			cands = append(cands, cand{p, source})
		}
	}
	if ev.opts.SignedURL != "" {
		if raw, err := urlWithScheme(ev.opts.SignedURL, ev.url.Scheme, "x"); err == nil {
			if u, err := basestring.SplitURL(raw); err == nil {
				add(u.Path, "the signed URL")
			}
		}
	}
	if ev.opts.ServerURL != "" && ev.capture != nil {
		if u, err := basestring.SplitURL(ev.capture.URL); err == nil {
			add(u.Path, "the captured URL")
		}
	}
	if pre := strings.TrimRight(strings.TrimSpace(firstListItem(ev.header("X-Forwarded-Prefix"))), "/"); pre != "" {
		if !strings.HasPrefix(pre, "/") {
			pre = "/" + pre
		}
		add(pre+ev.url.Path, "X-Forwarded-Prefix")
		if rest, ok := strings.CutPrefix(ev.url.Path, pre); ok && (rest == "" || rest[0] == '/') {
			add(rest, "X-Forwarded-Prefix")
		}
	}
	for _, h := range []string{"X-Original-URL", "X-Original-URI", "X-Rewrite-URL"} {
		add(ev.header(h), h)
	}
	var out []variant
	seen := map[string]bool{}
	for _, c := range cands {
		if seen[c.path] {
			continue
		}
		seen[c.path] = true
		path := c.path
		out = append(out, variant{
			label:  "path " + path,
			detail: "signed the path " + quote(path) + " (from " + c.source + ") while the server saw " + quote(ev.url.Path),
			apply: func(r *basestring.Request, o *basestring.Options) {
				editURL(r, func(u *basestring.URLParts) { u.Path = path })
			},
		})
	}
	return out
}

// emptyPathNoSlash applies whenever the path is empty or "/": a client
// given https://host signs it with an empty path, and its HTTP library then
// sends "/" on the wire.
func emptyPathNoSlash(ev *evidence) []variant {
	if ev.url.Path != "" && ev.url.Path != "/" {
		return nil
	}
	return []variant{{
		detail: "signed the empty path as empty instead of \"/\"",
		apply: func(r *basestring.Request, o *basestring.Options) {
			editURL(r, func(u *basestring.URLParts) { u.Path = "" })
			o.EmptyPathNoSlash = true
		},
	}}
}

func methodLowercase(ev *evidence) []variant {
	m := ev.req.Method
	if strings.ToLower(m) == strings.ToUpper(m) {
		return nil
	}
	return []variant{{
		detail: "signed the method as " + quote(strings.ToLower(m)) + " instead of " + quote(strings.ToUpper(m)),
		apply: func(r *basestring.Request, o *basestring.Options) {
			r.Method = strings.ToLower(r.Method)
			o.MethodAsIs = true
		},
	}}
}

// methodMismatch tries the methods of override headers, then the common ones.
func methodMismatch(ev *evidence) []variant {
	var cands []string
	for _, h := range []string{"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"} {
		if v := strings.ToUpper(strings.TrimSpace(ev.header(h))); v != "" {
			cands = append(cands, v)
		}
	}
	cands = append(cands, "GET", "POST", "PUT", "PATCH", "DELETE")
	var out []variant
	seen := map[string]bool{strings.ToUpper(ev.req.Method): true}
	for _, m := range cands {
		if seen[m] || strings.ContainsAny(m, " \t") {
			continue
		}
		seen[m] = true
		method := m
		out = append(out, variant{
			label:  "method " + method,
			detail: "signed the method " + method + " while the request was sent as " + strings.ToUpper(ev.req.Method),
			apply:  func(r *basestring.Request, o *basestring.Options) { r.Method = method },
		})
	}
	return out
}
