package basestring

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestBaseURI(t *testing.T) {
	tests := []struct {
		name, url, host, want, reason string
	}{
		{"lowercase", "HTTP://Example.COM/Path", "", "http://example.com/Path", "scheme and host lower-cased, path case kept"},
		{"default-http", "http://h:80/p", "", "http://h/p", "port 80 dropped for http"},
		{"default-https", "https://h:443/p", "", "https://h/p", "port 443 dropped for https"},
		{"https-80", "https://h:80/p", "", "https://h:80/p", "80 is not https's default"},
		{"http-443", "http://h:443/p", "", "http://h:443/p", "443 is not http's default"},
		{"other-port", "https://h:8443/p", "", "https://h:8443/p", "other ports kept"},
		{"empty-path", "https://h", "", "https://h/", "empty path becomes /"},
		{"empty-path-query", "https://h?x=1", "", "https://h/", "empty path before a query"},
		{"query-fragment", "https://h/p?q=1#frag", "", "https://h/p", "query and fragment dropped"},
		{"escaped-path", "https://h/a%20b/%7Ec", "", "https://h/a%20b/%7Ec", "path kept as sent"},
		{"userinfo", "https://user:pw@h/p", "", "https://h/p", "userinfo dropped"},
		{"host-header", "https://internal:8080/p", "api.example.com", "https://api.example.com/p", "the Host header is what the server sees"},
		{"host-header-port", "http://h/p", "H.example:8080", "http://h.example:8080/p", "Host header port kept and host lower-cased"},
		{"host-header-default-port", "http://h/p", "h:80", "http://h/p", "Host header default port dropped"},
		{"ipv6", "http://[::1]:8080/p", "", "http://[::1]:8080/p", "IPv6 literal with port"},
		{"ipv6-default", "http://[::1]:80/p", "", "http://[::1]/p", "IPv6 literal default port"},
		{"trailing-slash", "https://h/p/", "", "https://h/p/", "trailing slash kept"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Build(&Request{Method: "GET", URL: tt.url, Host: tt.host}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.URI != tt.want {
				t.Errorf("URI = %q, want %q (%s)", res.URI, tt.want, tt.reason)
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"relative", Request{Method: "GET", URL: "/p?q=1"}, `basestring: url: url "/p?q=1": not an absolute URL (want scheme://host/path)`},
		{"no-host", Request{Method: "GET", URL: "https:///p"}, `basestring: url: url "https:///p": no host`},
		{"bad-query", Request{Method: "GET", URL: "https://h/p?a=%zz"}, `basestring: query: malformed percent-encoding "%zz" at byte 2`},
		{"bad-body", Request{Method: "POST", URL: "https://h/p", ContentType: "application/x-www-form-urlencoded", Body: []byte("a=1&b=%")}, `basestring: body: malformed percent-encoding "%" at byte 6`},
		{"bad-header", Request{Method: "GET", URL: "https://h/p", Authorization: "Basic abc"}, `basestring: authorization header: authorization header: scheme is "Basic", not OAuth at byte 0`},
		{"bad-scheme", Request{Method: "GET", URL: "ht tp://h/p"}, `basestring: url: url "ht tp://h/p": invalid scheme "ht tp"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(&tt.req, nil)
			var be *Error
			if !errors.As(err, &be) || err.Error() != tt.want {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

// optionsRequest exercises every rule: a Host header with the default port
// in the URL, a query with a + and an "=" in a value, realm, duplicates, an
// empty value, a non-ASCII value, "~" and "*".
var optionsRequest = Request{
	Method:        "post",
	URL:           "HTTPS://API.Example.com:443/a%20b?q=x+y&d=2&d=1&e=&c=k=v",
	Authorization: `OAuth realm="R", oauth_consumer_key="ck", oauth_signature="sig%3D"`,
	ContentType:   "application/x-www-form-urlencoded; charset=UTF-8",
	Body:          []byte("t=%7E%2A&u=%C3%A9"),
}

func TestOptions(t *testing.T) {
	const rfc = "POST&https%3A%2F%2Fapi.example.com%2Fa%2520b&c%3Dk%253Dv%26d%3D1%26d%3D2%26e%3D%26oauth_consumer_key%3Dck%26q%3Dx%2520y%26t%3D~%252A%26u%3D%25C3%25A9"
	tests := []struct {
		name   string
		opts   Options
		want   string
		reason string
	}{
		{"rfc", Options{}, rfc, "zero Options is RFC 5849"},
		{"plus-for-space", Options{ParamRules: ParamRules{Encode: AppendEncodePlusForSpace}}, strings.Replace(rfc, "x%2520y", "x%2By", 1), "space encoded +"},
		{"lower-hex", Options{ParamRules: ParamRules{Encode: AppendEncodeLowerHex}}, strings.NewReplacer("%252A", "%252a", "%25C3%25A9", "%25c3%25a9", "k%253Dv", "k%253dv", "a%2520b", "a%2520b").Replace(rfc), "inner lower-case hex"},
		{"not-encoded", Options{ParamRules: ParamRules{Encode: AppendRaw}}, "POST&https%3A%2F%2Fapi.example.com%2Fa%2520b&c%3Dk%3Dv%26d%3D1%26d%3D2%26e%3D%26oauth_consumer_key%3Dck%26q%3Dx%20y%26t%3D~%2A%26u%3D%C3%A9", "values not encoded"},
		{"plus-literal", Options{ParamRules: ParamRules{PlusLiteral: true}}, strings.Replace(rfc, "x%2520y", "x%252By", 1), "+ in query signed as a literal plus"},
		{"cut-at-equals", Options{ParamRules: ParamRules{CutValueAtEquals: true}}, strings.Replace(rfc, "c%3Dk%253Dv", "c%3Dk", 1), "value cut at ="},
		{"skip-query", Options{ParamRules: ParamRules{SkipQuery: true}}, "POST&https%3A%2F%2Fapi.example.com%2Fa%2520b&oauth_consumer_key%3Dck%26t%3D~%252A%26u%3D%25C3%25A9", "query not signed"},
		{"skip-body", Options{ParamRules: ParamRules{SkipBody: true}}, "POST&https%3A%2F%2Fapi.example.com%2Fa%2520b&c%3Dk%253Dv%26d%3D1%26d%3D2%26e%3D%26oauth_consumer_key%3Dck%26q%3Dx%2520y", "body not signed"},
		{"exact-content-type", Options{ParamRules: ParamRules{BodyExactContentType: true}}, "POST&https%3A%2F%2Fapi.example.com%2Fa%2520b&c%3Dk%253Dv%26d%3D1%26d%3D2%26e%3D%26oauth_consumer_key%3Dck%26q%3Dx%2520y", "; charset drops the body"},
		{"realm", Options{ParamRules: ParamRules{IncludeRealm: true}}, strings.Replace(rfc, "%26t%3D", "%26realm%3DR%26t%3D", 1), "realm signed"},
		{"signature", Options{ParamRules: ParamRules{IncludeSignature: true}}, strings.Replace(rfc, "%26q%3D", "%26oauth_signature%3Dsig%253D%26q%3D", 1), "oauth_signature signed"},
		{"skip-header", Options{ParamRules: ParamRules{SkipHeader: true}}, strings.Replace(rfc, "oauth_consumer_key%3Dck%26", "", 1), "header not signed"},
		{"any-content-type", Options{ParamRules: ParamRules{BodyAnyContentType: true}}, rfc, "a form body is signed anyway"},
		{"drop-port", Options{DropPort: true}, rfc, "the default port is dropped anyway"},
		{"ignore-host-header", Options{IgnoreHostHeader: true}, rfc, "no Host header to ignore"},
		{"rewrite", Options{ParamRules: ParamRules{Rewrite: func(ps []Param) []Param { return append(ps, Param{Name: "oauth_version", Value: "1.0"}) }}}, strings.Replace(rfc, "%26q%3D", "%26oauth_version%3D1.0%26q%3D", 1), "a parameter signed but not sent"},
		{"drop-duplicates", Options{ParamRules: ParamRules{DropDuplicates: true}}, strings.Replace(rfc, "d%3D1%26", "", 1), "only the first d (d=2) kept"},
		{"drop-empty", Options{ParamRules: ParamRules{DropEmpty: true}}, strings.Replace(rfc, "e%3D%26", "", 1), "empty value dropped"},
		{"sort-key-only", Options{ParamRules: ParamRules{Sort: SortKeyOnly}}, strings.Replace(rfc, "d%3D1%26d%3D2", "d%3D2%26d%3D1", 1), "duplicates in sent order"},
		{"method-as-is", Options{MethodAsIs: true}, "post" + rfc[4:], "method case kept"},
		{"keep-default-port", Options{KeepDefaultPort: true}, strings.Replace(rfc, "example.com%2F", "example.com%3A443%2F", 1), ":443 kept"},
		{"keep-host-case", Options{KeepHostCase: true}, strings.Replace(rfc, "api.example.com", "API.Example.com", 1), "host case kept"},
		{"keep-scheme-case", Options{KeepSchemeCase: true}, strings.Replace(rfc, "https%3A", "HTTPS%3A", 1), "scheme case kept"},
		{"keep-query", Options{KeepQuery: true}, strings.Replace(rfc, "a%2520b&", "a%2520b%3Fq%3Dx%2By%26d%3D2%26d%3D1%26e%3D%26c%3Dk%3Dv&", 1), "query in the URI"},
		{"decode-path", Options{DecodePath: true}, strings.Replace(rfc, "a%2520b", "a%20b", 1), "decoded path"},
		{"key-rule-ignored", Options{Key: KeyNoAmpersand}, rfc, "the key rule does not change the base string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "realm" {
				res, err := Build(&optionsRequest, &tt.opts)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(res.BaseString, "realm%3DR%26") {
					t.Errorf("base string %q does not sign realm=R", res.BaseString)
				}
				return
			}
			res, err := Build(&optionsRequest, &tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.BaseString != tt.want {
				t.Errorf("base string =\n%s\nwant\n%s\n(%s)", res.BaseString, tt.want, tt.reason)
			}
			fast, _, err := AppendBaseString(nil, &optionsRequest, &tt.opts)
			if err != nil || string(fast) != tt.want {
				t.Errorf("AppendBaseString = %q, %v; differs from Build", fast, err)
			}
		})
	}
}

func TestOptionsOuterEncoder(t *testing.T) {
	res, err := Build(&Request{Method: "GET", URL: "https://h/p?a=%C3%A9"}, &Options{ParamRules: ParamRules{EncodeOuter: AppendEncodeLowerHex}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "GET&https%3a%2f%2fh%2fp&a%3d%25C3%25A9"; res.BaseString != want {
		t.Errorf("base string = %q, want %q", res.BaseString, want)
	}
	// The fast path must not ignore the outer encoder.
	fast, _, err := AppendBaseString(nil, &Request{Method: "GET", URL: "https://h/p?a=%C3%A9"}, &Options{ParamRules: ParamRules{EncodeOuter: AppendEncodeLowerHex}})
	if err != nil || string(fast) != res.BaseString {
		t.Errorf("AppendBaseString = %q, %v; want %q", fast, err, res.BaseString)
	}
}

func TestOptionsURI(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		opts Options
		want string
	}{
		{"empty-path-no-slash", Request{URL: "https://h?x=1"}, Options{EmptyPathNoSlash: true}, "https://h"},
		{"drop-port", Request{URL: "https://h:8443/p"}, Options{DropPort: true}, "https://h/p"},
		{"drop-any-default-port-443-on-http", Request{URL: "http://h:443/p"}, Options{DropAnyDefaultPort: true}, "http://h/p"},
		{"drop-any-default-port-80-on-https", Request{URL: "https://h:80/p"}, Options{DropAnyDefaultPort: true}, "https://h/p"},
		{"drop-any-default-port-keeps-other", Request{URL: "https://h:8080/p"}, Options{DropAnyDefaultPort: true}, "https://h:8080/p"},
		{"ignore-host-header", Request{URL: "http://internal:8080/p", Host: "api.example.com"}, Options{IgnoreHostHeader: true}, "http://internal:8080/p"},
		{"keep-default-port-none", Request{URL: "https://h/p"}, Options{KeepDefaultPort: true}, "https://h/p"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Method = "GET"
			res, err := Build(&tt.req, &tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.URI != tt.want {
				t.Errorf("URI = %q, want %q", res.URI, tt.want)
			}
		})
	}
}

func TestSortRules(t *testing.T) {
	// "é" encodes to %C3%A9, which sorts before "z" encoded but after it raw;
	// "a=" sorts after "a-b=" as whole pairs but before it by name.
	req := &Request{Method: "GET", URL: "https://h/?a=z&a-b=1&a=%C3%A9"}
	tests := []struct {
		rule SortRule
		want string
	}{
		{SortEncoded, "a=%C3%A9&a=z&a-b=1"},
		{SortRaw, "a=z&a=%C3%A9&a-b=1"},
		{SortKeyOnly, "a=z&a=%C3%A9&a-b=1"},
		{SortPairs, "a-b=1&a=%C3%A9&a=z"},
		{SortNone, "a=z&a-b=1&a=%C3%A9"},
	}
	for _, tt := range tests {
		res, err := Build(req, &Options{ParamRules: ParamRules{Sort: tt.rule}})
		if err != nil {
			t.Fatal(err)
		}
		if res.ParamString != tt.want {
			t.Errorf("sort %d: parameters = %q, want %q", tt.rule, res.ParamString, tt.want)
		}
	}
}

func TestTrace(t *testing.T) {
	res, err := Build(&optionsRequest, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantSteps := []struct{ name, section string }{
		{"method", "3.4.1.1"}, {"base string URI", "3.4.1.2"}, {"collect parameters", "3.4.1.3.1"},
		{"encode parameters", "3.4.1.3.2"}, {"sort and join parameters", "3.4.1.3.2"}, {"base string", "3.4.1.1"},
	}
	if len(res.Steps) != len(wantSteps) {
		t.Fatalf("%d steps, want %d", len(res.Steps), len(wantSteps))
	}
	for i, w := range wantSteps {
		if res.Steps[i].Name != w.name || res.Steps[i].Section != w.section {
			t.Errorf("step %d = %s §%s, want %s §%s", i, res.Steps[i].Name, res.Steps[i].Section, w.name, w.section)
		}
	}
	if last := res.Steps[len(res.Steps)-1]; last.Output != res.BaseString {
		t.Errorf("last step output %q is not the base string", last.Output)
	}
	if res.Signature != "sig=" || res.SignatureMethod != "" {
		t.Errorf("signature, method = %q, %q", res.Signature, res.SignatureMethod)
	}
	if len(res.Excluded) != 2 || res.Excluded[0].Name != "realm" || res.Excluded[1].Name != "oauth_signature" {
		t.Errorf("excluded = %+v, want realm and oauth_signature", res.Excluded)
	}
	// Params keep the collection order (query, header, body) and know their sorted place.
	var order []string
	positions := map[int]bool{}
	for _, p := range res.Params {
		order = append(order, string(p.Source)+":"+p.Name)
		positions[p.Position] = true
	}
	if got, want := strings.Join(order, " "), "query:q query:d query:d query:e query:c header:oauth_consumer_key body:t body:u"; got != want {
		t.Errorf("collection order = %s, want %s", got, want)
	}
	if len(positions) != len(res.Params) {
		t.Errorf("positions not distinct: %v", positions)
	}
	for _, p := range res.Params {
		if p.Name == "c" && (p.Position != 0 || p.EncodedValue != "k%3Dv" || p.Raw != "c=k=v") {
			t.Errorf("param c = %+v", p)
		}
	}
}

// TestSortManyParams checks the fast path's sort against the traced build
// on queries of many parameters in every kind of order: random, reversed,
// sorted, nearly sorted (the insertion sort's budget holds) and sorted
// with a tail out of order, with repeated names and names that share
// their first eight bytes, so that both the insertion sort and its
// fallback to pdqsort run.
func TestSortManyParams(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"a", "b", "field_0001", "field_0002", "field_00", "oauth_x", "%7E", "z%20z", "A"}
	for _, n := range []int{2, 15, 16, 17, 40, 100, 300} {
		pairs := make([]string, n)
		for i := range pairs {
			pairs[i] = fmt.Sprintf("%s=%d", names[rng.IntN(len(names))], rng.IntN(5))
		}
		sorted := slices.Clone(pairs)
		slices.Sort(sorted)
		reversed := slices.Clone(sorted)
		slices.Reverse(reversed)
		nearly := slices.Clone(sorted)
		nearly[0], nearly[n-1] = nearly[n-1], nearly[0]
		tail := append(slices.Clone(sorted[n/2:]), sorted[:n/2]...)
		for name, order := range map[string][]string{"random": pairs, "sorted": sorted, "reversed": reversed, "nearly": nearly, "tail": tail} {
			req := &Request{Method: "GET", URL: "https://h/p?" + strings.Join(order, "&"),
				Authorization: `OAuth oauth_consumer_key="k", oauth_signature_method="HMAC-SHA1", oauth_signature="s"`}
			// The RFC's order, built apart from the engine: every pair
			// encoded, sorted by name, then value (§3.4.1.3.2).
			type pair struct{ name, value string }
			want := []pair{{"oauth_consumer_key", "k"}, {"oauth_signature_method", "HMAC-SHA1"}}
			for _, p := range order {
				nm, v, _ := strings.Cut(p, "=")
				dn, _ := decodeForm(nm)
				dv, _ := decodeForm(v)
				want = append(want, pair{Encode(dn), Encode(dv)})
			}
			slices.SortFunc(want, func(a, b pair) int {
				if c := strings.Compare(a.name, b.name); c != 0 {
					return c
				}
				return strings.Compare(a.value, b.value)
			})
			var joined []string
			for _, p := range want {
				joined = append(joined, p.name+"="+p.value)
			}
			wantBase := "GET&" + Encode("https://h/p") + "&" + Encode(strings.Join(joined, "&"))
			fast, _, err := AppendBaseString(nil, req, nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Build(req, nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(fast) != wantBase || res.BaseString != wantBase {
				t.Errorf("%d params, %s order: fast path\n%s\ntraced\n%s\nwant\n%s", n, name, fast, res.BaseString, wantBase)
			}
		}
	}
}

// TestTranscodeChunkEdges checks the encoded path, which transcodes a
// chunk of transcodeChunk input bytes at a time, against the traced path
// with an escape, a "+", a reserved byte or an "&" or "=" at every offset
// around the end of the first and second chunks, in a query, a form body
// and a header value, malformed escapes included.
func TestTranscodeChunkEdges(t *testing.T) {
	for _, piece := range []string{"%2F", "%2f", "%41", "+", "*", "&b=", "=", "%", "%4", "%zz", "%E2%82%AC"} {
		for _, edge := range []int{transcodeChunk, 2 * transcodeChunk} {
			for off := edge - 12; off <= edge+3; off++ {
				pre := "a="
				fill := strings.Repeat("x", max(off-len(pre), 0))
				value := fill + piece + "tail"
				for _, req := range []*Request{
					{Method: "GET", URL: "https://h/p?" + pre + value},
					{Method: "POST", URL: "https://h/p", ContentType: "application/x-www-form-urlencoded", Body: []byte(pre + value)},
					{Method: "GET", URL: "https://h/p", Authorization: `OAuth a="` + value + `"`},
				} {
					res, err := Build(req, nil)
					fast, _, ferr := AppendBaseString(nil, req, nil)
					if (err == nil) != (ferr == nil) {
						t.Fatalf("%q at %d: Build error %v, AppendBaseString error %v", piece, off, err, ferr)
					}
					if err == nil && string(fast) != res.BaseString {
						t.Fatalf("%q at %d (%s): AppendBaseString and Build differ", piece, off, req.URL)
					}
					if ferr != nil && err.Error() != ferr.Error() {
						t.Fatalf("%q at %d: errors differ: %v / %v", piece, off, err, ferr)
					}
				}
			}
		}
	}
}
