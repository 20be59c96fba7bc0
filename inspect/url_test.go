package inspect

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

var urlCases = []struct {
	name, reason, raw, method string
	url, scheme, host, target string
	notes                     []string // substrings, one per note, in order
}{
	{name: "plain", reason: "an https URL, method defaults to GET", raw: "https://api.bitbucket.org/1.0/user",
		url: "https://api.bitbucket.org/1.0/user", scheme: "https", host: "api.bitbucket.org", target: "/1.0/user"},
	{name: "query-kept", reason: "escaped path and query bytes are kept exactly, + and %2B alike", raw: "https://api.bitbucket.org/1.0/repositories/acme/w%20x/issues?q=a+b%2Bc&sort=-x&empty=&flag",
		url: "https://api.bitbucket.org/1.0/repositories/acme/w%20x/issues?q=a+b%2Bc&sort=-x&empty=&flag", scheme: "https", host: "api.bitbucket.org",
		target: "/1.0/repositories/acme/w%20x/issues?q=a+b%2Bc&sort=-x&empty=&flag"},
	{name: "broken-percent", reason: "broken percent-encoding is left for the signature engine to report", raw: "https://h/a%zz/b%2?x=%G1%",
		url: "https://h/a%zz/b%2?x=%G1%", scheme: "https", host: "h", target: "/a%zz/b%2?x=%G1%"},
	{name: "case-kept", reason: "scheme and host case are kept in the URL; Scheme is lower-cased", raw: "HTTP://API.BitBucket.ORG:80/1.0/User",
		url: "HTTP://API.BitBucket.ORG:80/1.0/User", scheme: "http", host: "API.BitBucket.ORG:80", target: "/1.0/User"},
	{name: "method", reason: "the method is kept as given", raw: "https://h/x", method: "post", url: "https://h/x", scheme: "https", host: "h", target: "/x"},
	{name: "empty-path", reason: "an empty path is sent as /", raw: "https://h", url: "https://h", scheme: "https", host: "h", target: "/"},
	{name: "empty-path-query", reason: "an empty path with a query", raw: "https://h?x=1", url: "https://h?x=1", scheme: "https", host: "h", target: "/?x=1"},
	{name: "empty-query", reason: "a ? with nothing after it is kept", raw: "https://h/p?", url: "https://h/p?", scheme: "https", host: "h", target: "/p?"},
	{name: "trimmed", reason: "surrounding whitespace, such as a final line break, is trimmed", raw: "  https://h/p\r\n", url: "https://h/p", scheme: "https", host: "h", target: "/p"},
	{name: "fragment", reason: "the fragment is dropped with a note", raw: "https://h/p?x=1#top", url: "https://h/p?x=1", scheme: "https", host: "h", target: "/p?x=1",
		notes: []string{`dropped the fragment "#top"`}},
	{name: "userinfo", reason: "user information is noted and left out of Host", raw: "https://user:pa%40ss@h:8443/p", url: "https://user:pa%40ss@h:8443/p",
		scheme: "https", host: "h:8443", target: "/p", notes: []string{"user information"}},
	{name: "ipv6", reason: "a bracketed IPv6 address with a port", raw: "http://[2001:db8::1]:8080/p", url: "http://[2001:db8::1]:8080/p",
		scheme: "http", host: "[2001:db8::1]:8080", target: "/p"},
	{name: "ipv6-zone", reason: "an IPv6 zone written %25", raw: "http://[fe80::1%25eth0]/p", url: "http://[fe80::1%25eth0]/p", scheme: "http", host: "[fe80::1%25eth0]", target: "/p"},
	{name: "ipv4", reason: "an IPv4 address", raw: "http://127.0.0.1:8000/oauth/request_token", url: "http://127.0.0.1:8000/oauth/request_token",
		scheme: "http", host: "127.0.0.1:8000", target: "/oauth/request_token"},
	{name: "empty-port", reason: "an empty port is allowed by RFC 3986", raw: "https://h:/p", url: "https://h:/p", scheme: "https", host: "h:", target: "/p"},
	{name: "non-ascii", reason: "non-ASCII characters are kept in the URL and percent-encoded in the target, with a note", raw: "https://h/café?q=ü",
		url: "https://h/café?q=ü", scheme: "https", host: "h", target: "/caf%C3%A9?q=%C3%BC", notes: []string{"outside ASCII"}},
	{name: "dot-segments", reason: "dot segments are kept: a URL reader does not normalize", raw: "https://h/a/../b/./c", url: "https://h/a/../b/./c", scheme: "https", host: "h", target: "/a/../b/./c"},
	{name: "raw-spaces", reason: "spaces as docs and logs print them are read as %20, with a note", raw: "https://h/a b?q=hello world", url: "https://h/a%20b?q=hello%20world",
		scheme: "https", host: "h", target: "/a%20b?q=hello%20world", notes: []string{"2 raw space(s), read as %20"}},
	{name: "sub-delims-host", reason: "a host may hold sub-delims and _", raw: "https://my_host.example/", url: "https://my_host.example/", scheme: "https", host: "my_host.example", target: "/"},
}

func TestReadURL(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range urlCases {
		if seen[tc.name] {
			t.Fatalf("duplicate case %s", tc.name)
		}
		seen[tc.name] = true
		r, err := readURL(tc.raw, tc.method, Origin{Name: "argument", Line: 3})
		if err != nil {
			t.Errorf("%s: %v (%s)", tc.name, err, tc.reason)
			continue
		}
		method := tc.method
		if method == "" {
			method = "GET"
		}
		got := []string{r.Method, r.URL, r.Scheme, r.Host, r.Target, string(r.Format), r.Origin.String()}
		want := []string{method, tc.url, tc.scheme, tc.host, tc.target, string(FormatURL), "argument:3"}
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q (%s)", tc.name, got, want, tc.reason)
		}
		if !r.SchemeKnown || len(r.Headers) != 0 || r.Body != nil || r.Origin.Entry != -1 {
			t.Errorf("%s: SchemeKnown %v, %d headers, body %q, entry %d", tc.name, r.SchemeKnown, len(r.Headers), r.Body, r.Origin.Entry)
		}
		if len(r.Notes) != len(tc.notes) {
			t.Errorf("%s: notes %q, want %d (%s)", tc.name, r.Notes, len(tc.notes), tc.reason)
			continue
		}
		for i, n := range tc.notes {
			if !strings.Contains(r.Notes[i], n) {
				t.Errorf("%s: note %q does not contain %q", tc.name, r.Notes[i], n)
			}
		}
	}
}

func TestReadURLErrors(t *testing.T) {
	tests := []struct {
		name, reason, raw, method string
		want                      []string
		col                       int
	}{
		{"empty", "nothing given", "  ", "", []string{`inspect: read URL "argument": empty URL`, "https://api.bitbucket.org"}, 0},
		{"relative-path", "a path alone", "/1.0/user", "", []string{`relative URL "/1.0/user"`, "full URL with scheme and host"}, 1},
		{"relative-dot", "a relative reference", "./user", "", []string{"relative URL"}, 1},
		{"no-scheme", "host and path without scheme", "api.bitbucket.org/1.0/user", "", []string{"the URL has no scheme", "add https://"}, 1},
		{"no-scheme-port", "host:port reads as a scheme, but is none", "localhost:8080/oauth", "", []string{"the URL has no scheme"}, 1},
		{"scheme-relative", "//host/path", "//h/p", "", []string{"the URL has no scheme", "add https: or http:"}, 1},
		{"other-scheme", "ftp", "ftp://h/p", "", []string{`scheme "ftp" is not http or https`}, 1},
		{"mailto", "a scheme without //", "mailto:a@b", "", []string{`scheme "mailto" is not http or https`}, 1},
		{"no-slashes", "http: without //", "https:h/p", "", []string{`no "//" after "https:"`}, 7},
		{"space", "a space in the host", "https://h b/a", "", []string{"space in the URL at line 1 column 10", "%20"}, 10},
		{"space-after-trim", "the column counts from the raw text", "  https://h b/a", "", []string{"space in the URL at line 1 column 12"}, 12},
		{"tab", "a tab inside", "https://h/a\tb", "", []string{"control character U+0009 (tab) in the URL"}, 12},
		{"newline", "a line break inside", "https://h/a\nb", "", []string{"control character U+000A (line feed)"}, 12},
		{"del", "DEL", "https://h/\x7f", "", []string{"control character U+007F"}, 11},
		{"quoted", "quotes around the URL", `"https://h/"`, "", []string{`the URL starts with '"'`, "remove the quotes"}, 1},
		{"no-host", "empty authority", "https:///p", "", []string{"no host at line 1 column 9"}, 9},
		{"bad-host-char", "a character not allowed in a host", "https://a<b/", "", []string{`character '<' is not allowed in a host`}, 10},
		{"host-percent", "broken percent-encoding in the host is an error", "https://a%zb/", "", []string{"broken percent-encoding in the host"}, 10},
		{"host-non-ascii", "a host in Unicode", "https://bücher.example/", "", []string{"non-ASCII character in the host", "xn--"}, 10},
		{"bad-port", "a port with letters", "https://h:80a/", "", []string{`invalid port "80a"`}, 13},
		{"big-port", "a port over 65535", "https://h:65536/", "", []string{"port 65536 is out of range"}, 11},
		{"two-colons", "an IPv6 address without brackets", "https://2001:db8::1/", "", []string{`more than one ":" in the host`}, 17},
		{"no-host-port", "a port without host", "https://:443/", "", []string{"no host before the port"}, 9},
		{"bad-ipv6", "brackets around something else", "https://[zz]/", "", []string{`invalid IPv6 address "zz"`}, 10},
		{"ipv4-in-brackets", "an IPv4 address in brackets", "https://[127.0.0.1]/", "", []string{"invalid IPv6 address"}, 10},
		{"unterminated-ipv6", "no ]", "https://[::1/", "", []string{"unterminated IPv6 address"}, 9},
		{"after-ipv6", "junk after the IPv6 address", "https://[::1]x/", "", []string{`unexpected 'x' after the IPv6 address`}, 14},
		{"two-at", "two @ in the authority", "https://a@b@h/", "", []string{`more than one "@" in the authority`}, 10},
		{"bad-utf8", "invalid UTF-8", "https://h/\xff", "", []string{"invalid UTF-8 byte 0xFF"}, 11},
		{"bad-method", "a method with a space", "https://h/", "GE T", []string{`invalid method "GE T"`}, 0},
	}
	for _, tc := range tests {
		_, err := readURL(tc.raw, tc.method, Origin{Name: "argument"})
		if err == nil {
			t.Errorf("%s: no error (%s)", tc.name, tc.reason)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not contain %q (%s)", tc.name, err, w, tc.reason)
			}
		}
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("%s: %T is not an *InputError", tc.name, err)
		}
		if ie.Column != tc.col || ie.Hint == "" {
			t.Errorf("%s: column %d hint %q, want column %d and a hint (%s)", tc.name, ie.Column, ie.Hint, tc.col, tc.reason)
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func FuzzReadURL(f *testing.F) {
	for _, tc := range urlCases {
		f.Add(tc.raw, tc.method)
	}
	f.Add("https://[::1]:0/", "GET")
	f.Add("http://a@b@c/", "")
	f.Add("HTTPS://h?#", "x")
	f.Fuzz(func(t *testing.T, raw, method string) {
		r, err := readURL(raw, method, Origin{Name: "fuzz"})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Op != opURL || ie.Name != "fuzz" || ie.Hint == "" {
				t.Fatalf("error %v is not an InputError with a hint", err)
			}
			return
		}
		if r.Scheme != "http" && r.Scheme != "https" || !r.SchemeKnown {
			t.Fatalf("scheme %q known %v", r.Scheme, r.SchemeKnown)
		}
		if !strings.HasPrefix(r.Target, "/") || strings.ContainsAny(r.Target, " #") {
			t.Fatalf("target %q", r.Target)
		}
		// The URL is the input, trimmed, its raw spaces read as %20 and
		// without its fragment.
		s, e := trimASCIISpace(raw)
		in := strings.ReplaceAll(raw[s:e], " ", "%20")
		if i := strings.IndexByte(in, '#'); i >= 0 {
			in = in[:i]
		}
		if r.URL != in {
			t.Fatalf("URL %q, want the input %q unchanged", r.URL, in)
		}
		if !strings.HasSuffix(r.URL, strings.TrimPrefix(r.Target, "/")) && isASCII(r.URL) {
			t.Fatalf("target %q is not the end of URL %q", r.Target, r.URL)
		}
		// Reading the URL again gives the same request.
		again, err := readURL(r.URL, r.Method, Origin{Name: "fuzz"})
		if err != nil || again.URL != r.URL || again.Host != r.Host || again.Target != r.Target {
			t.Fatalf("reading %q again gives %+v, %v", r.URL, again, err)
		}
	})
}
