package basestring

import (
	"bytes"
	"crypto/hmac"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func isEncoded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved[c] {
			continue
		}
		if c != '%' || i+2 >= len(s) || !isUpperHex(s[i+1]) || !isUpperHex(s[i+2]) {
			return false
		}
		i += 2
	}
	return true
}

func isUpperHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

func FuzzEncodeDecode(f *testing.F) {
	for _, s := range []string{"", "abc", "a b+c", "%", "%2", "%zz", "å你好", "\x00\xff", "-._~!*'()", "ab%20c+d%2", "x+%2By+z%41", "+%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := Encode(s)
		if !isEncoded(enc) {
			t.Fatalf("Encode(%q) = %q holds bytes other than unreserved and %%XX", s, enc)
		}
		dec, err := Decode(enc)
		if err != nil || dec != s {
			t.Fatalf("Decode(Encode(%q)) = %q, %v", s, dec, err)
		}
		if d2, err := decodeForm(enc); err != nil || d2 != s {
			t.Fatalf("DecodeForm(Encode(%q)) = %q, %v", s, d2, err)
		}
		// Decoding agrees with net/url's, which reads the same escapes
		// and, in a query, "+" as a space.
		d, err := Decode(s)
		if want, werr := url.PathUnescape(s); (err == nil) != (werr == nil) || err == nil && d != want {
			t.Fatalf("Decode(%q) = %q, %v; net/url gives %q, %v", s, d, err, want, werr)
		}
		df, ferr := decodeForm(s)
		if want, werr := url.QueryUnescape(s); (ferr == nil) != (werr == nil) || ferr == nil && df != want {
			t.Fatalf("decodeForm(%q) = %q, %v; net/url gives %q, %v", s, df, ferr, want, werr)
		}
		// Decoding arbitrary text never panics and, when it succeeds, re-encodes to text that decodes the same.
		if err == nil {
			if d3, err := Decode(Encode(d)); err != nil || d3 != d {
				t.Fatalf("round trip of Decode(%q) = %q, %v", s, d3, err)
			}
		}
	})
}

func FuzzParseForm(f *testing.F) {
	for _, s := range []string{"a=1&b=2", "&&", "c2&a3=2+q", "b5=%3D%253D", "a=%", "=x", "a==", "%zz=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := ParseForm(s, SourceQuery)
		if err != nil {
			if _, ok := err.(*FormError); !ok {
				t.Fatalf("ParseForm(%q) error %T, want *FormError", s, err)
			}
			return
		}
		var raws []string
		for _, p := range ps {
			if p.Raw == "" || p.Source != SourceQuery {
				t.Fatalf("ParseForm(%q) gave %+v", s, p)
			}
			raws = append(raws, p.Raw)
		}
		// Re-encoding the pairs the RFC way and parsing again gives the same parameters.
		var b strings.Builder
		for i, p := range ps {
			if i > 0 {
				b.WriteByte('&')
			}
			b.WriteString(Encode(p.Name) + "=" + Encode(p.Value))
		}
		again, err := ParseForm(b.String(), SourceQuery)
		if err != nil || len(again) != len(ps) {
			t.Fatalf("re-encoded %q: %v, %d params, want %d", b.String(), err, len(again), len(ps))
		}
		for i := range ps {
			if again[i].Name != ps[i].Name || again[i].Value != ps[i].Value {
				t.Fatalf("re-encoded param %d = %+v, want %+v", i, again[i], ps[i])
			}
		}
		_ = raws
	})
}

func FuzzParseAuthorization(f *testing.F) {
	for _, s := range []string{
		`OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"`,
		`oauth a=b c="d"`, `OAuth a="`, `Bearer x`, "OAuth\n a=\"1\",\r\n b=\"%zz\"", `OAuth ,,, a`, `OAuth =`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAuthorization(s)
		if err != nil {
			if _, ok := err.(*HeaderError); !ok {
				t.Fatalf("error %T, want *HeaderError", err)
			}
			return
		}
		// Writing the parameters back in the RFC's syntax parses to the same parameters, with no problems.
		parts := make([]string, 0, len(a.Params))
		for _, p := range a.Params {
			if p.Name == "" {
				return
			}
			parts = append(parts, Encode(p.Name)+`="`+Encode(p.Value)+`"`)
		}
		again, err := ParseAuthorization("OAuth " + strings.Join(parts, ", "))
		if err != nil || len(again.Problems) != 0 || len(again.Params) != len(a.Params) {
			t.Fatalf("re-serialized %v: %v, problems %v", parts, err, again)
		}
		for i := range a.Params {
			if again.Params[i].Name != a.Params[i].Name || again.Params[i].Value != a.Params[i].Value {
				t.Fatalf("param %d = %+v, want %+v", i, again.Params[i], a.Params[i])
			}
		}
	})
}

func FuzzBuild(f *testing.F) {
	f.Add("POST", "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b", "", `OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2"`, "application/x-www-form-urlencoded", "c2&a3=2+q")
	f.Add("get", "HTTPS://H:443", "h:80", "", "", "")
	f.Add("GET", "http://[::1]:80/p#f", "", "oauth x", "text/plain", "a=b")
	f.Add("POST", "https://h/p?oauth_signature_method=HMAC-SHA256&a=%2B", "", `OAuth oauth_signature="tR3%2Bty81lMeYAr%2FFid0kMTYa%2FWM%3D", oauth_signature_method="HMAC-SHA1"`, "application/x-www-form-urlencoded", "oauth_signature=x+y%3D&b=")
	f.Add("GET", "http://h/", "", `OAuth realm="r", oauth_signature="", oauth_signature_method="PLAINTEXT"`, "application/x-www-form-urlencoded", "oauth_signature=a%26b&oauth_signature_method=HMAC-SHA512")
	f.Fuzz(func(t *testing.T, method, url, host, auth, ct, body string) {
		req := &Request{Method: method, URL: url, Host: host, Authorization: auth, ContentType: ct, Body: []byte(body)}
		res, err := Build(req, nil)
		fast, _, ferr := AppendBaseString(nil, req, nil)
		if (err == nil) != (ferr == nil) {
			t.Fatalf("Build error %v, AppendBaseString error %v", err, ferr)
		}
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T, want *Error", err)
			}
			return
		}
		if string(fast) != res.BaseString {
			t.Fatalf("AppendBaseString %q != Build %q", fast, res.BaseString)
		}
		// Appended after a prefix, or written into an empty buffer with
		// room, the base string is the same, and the prefix is kept.
		if again, _, _ := AppendBaseString([]byte("prefix:"), req, nil); string(again) != "prefix:"+res.BaseString {
			t.Fatalf("AppendBaseString after a prefix = %q", again)
		}
		if again, _, _ := AppendBaseString(make([]byte, 0, 3), req, nil); string(again) != res.BaseString {
			t.Fatalf("AppendBaseString into an empty buffer = %q", again)
		}
		// Method & encoded URI & encoded parameters: the parts hold only unreserved bytes and %XX.
		parts := strings.Split(res.BaseString, "&")
		if len(parts) != 3 {
			t.Fatalf("base string %q has %d parts", res.BaseString, len(parts))
		}
		if !isEncoded(parts[1]) || !isEncoded(parts[2]) {
			t.Fatalf("base string %q is not encoded", res.BaseString)
		}
		if res.Steps[len(res.Steps)-1].Output != res.BaseString {
			t.Fatal("trace does not end in the base string")
		}
		checkVerify(t, req, nil, res)
		checkCollected(t, req, string(fast))
		// Under every rule set, the fast path (no trace) and the traced path agree.
		for i, o := range fuzzOptions {
			res, err := Build(req, &o)
			fast, _, ferr := AppendBaseString(nil, req, &o)
			if (err == nil) != (ferr == nil) || err == nil && string(fast) != res.BaseString {
				t.Fatalf("options #%d: AppendBaseString %q, %v; Build %v", i, fast, ferr, err)
			}
			if err == nil {
				checkVerify(t, req, &o, res)
			}
		}
	})
}

// checkVerify checks Verify on req against what the traced build res says:
// the signature and method found, and for the HMAC methods the signature
// crypto/hmac computes over the traced base string.
func checkVerify(t *testing.T, req *Request, o *Options, res *Result) {
	t.Helper()
	c := Credentials{ConsumerSecret: "kd94hf93k423kf44", TokenSecret: "pfkkdhi9sl3r4s00"}
	v, err := Verify(req, c, o)
	if v.Method != res.SignatureMethod || v.Supplied != res.Signature {
		t.Fatalf("Verify found method %q, signature %q; Build found %q, %q", v.Method, v.Supplied, res.SignatureMethod, res.Signature)
	}
	m, merr := MethodByName(res.SignatureMethod)
	if merr != nil || res.SignatureMethod == "" {
		if err == nil {
			t.Fatalf("Verify of method %q succeeded", res.SignatureMethod)
		}
		return
	}
	if _, isHMAC := m.(hmacMethod); !isHMAC {
		return
	}
	var rule KeyRule
	if o != nil {
		rule = o.Key
	}
	want, _ := m.Sign([]byte(res.BaseString), c, rule)
	if err != nil || v.Expected != want || v.Valid != (want == res.Signature) {
		t.Fatalf("Verify = %+v, %v; want Expected %q", v, err, want)
	}
}

func FuzzHMAC(f *testing.F) {
	f.Add("kd94hf93k423kf44", "pfkkdhi9sl3r4s00", []byte("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&a%3Db"))
	f.Add("", "", []byte{})
	// Keys of 64, 65, 128 and 129 bytes: either side of the SHA-1 and SHA-512
	// block sizes, past which a key is replaced by its hash.
	f.Add(strings.Repeat("k", 63), "", []byte("a key of one SHA-1 block"))
	f.Add(strings.Repeat("k", 32), strings.Repeat("t", 32), []byte("a key one byte longer than the SHA-1 block"))
	f.Add(strings.Repeat("k", 64), strings.Repeat("t", 63), []byte("a key of one SHA-512 block"))
	f.Add(strings.Repeat("k", 64), strings.Repeat("t", 64), []byte("a key one byte longer than the SHA-512 block"))
	f.Add(strings.Repeat("é", 70), "", []byte("a long key that is not ASCII"))
	f.Fuzz(func(t *testing.T, consumerSecret, tokenSecret string, msg []byte) {
		c := Credentials{ConsumerSecret: consumerSecret, TokenSecret: tokenSecret}
		// One builder for every method and rule, as a pooled builder is used:
		// its MAC must be remade whenever the method or the key changes.
		var s builder
		for _, m := range []hmacMethod{hmacSHA1, hmacSHA256, hmacSHA512, hmacSHA1} {
			for _, rule := range []KeyRule{KeyRFC, KeyRawSecrets} {
				mac := hmac.New(m.hash, AppendKey(nil, c, rule))
				mac.Write(msg)
				if got, want := s.sumHMAC(m, msg, c, rule), mac.Sum(nil); !bytes.Equal(got, want) {
					t.Fatalf("%s, rule %d: HMAC %x, crypto/hmac %x", m.name, rule, got, want)
				}
			}
		}
	})
}

var fuzzOptions = []Options{
	{ParamRules: ParamRules{IncludeRealm: true}}, {ParamRules: ParamRules{DropEmpty: true}}, {KeepDefaultPort: true}, {ParamRules: ParamRules{EncodeOuter: AppendEncodeLowerHex}},
	{MethodAsIs: true}, {ParamRules: ParamRules{BodyExactContentType: true}}, {ParamRules: ParamRules{BodyAnyContentType: true}}, {ParamRules: ParamRules{SkipQuery: true}},
	{ParamRules: ParamRules{Encode: AppendEncodePlusForSpace}}, {ParamRules: ParamRules{PlusLiteral: true}}, {ParamRules: ParamRules{Sort: SortPairs}}, {ParamRules: ParamRules{IncludeSignature: true}},
	{ParamRules: ParamRules{DropDuplicates: true}}, {EmptyPathNoSlash: true, KeepQuery: true, DecodePath: true}, {Key: KeySwapped},
}

// checkCollected checks that AppendBaseStringCollected gives the base
// string base and hands out the parameters the parsers read from each part,
// in order, with the header's problems.
func checkCollected(t *testing.T, req *Request, base string) {
	t.Helper()
	var col Collected
	got, found, err := AppendBaseStringCollected(nil, req, &col)
	if err != nil || string(got) != base {
		t.Fatalf("AppendBaseStringCollected = %q, %v; want %q", got, err, base)
	}
	// What the collector notes is the same whether it hands out the
	// parameters or not.
	if _, plain, _ := AppendBaseString(nil, req, nil); found != plain {
		t.Fatalf("AppendBaseStringCollected found %+v; AppendBaseString found %+v", found, plain)
	}
	var want []Param
	var problems []HeaderProblem
	u, _ := SplitURL(req.URL)
	if col.URL != req.URL || col.Parts != u {
		t.Fatalf("collected URL %q, parts %+v; want %q, %+v", col.URL, col.Parts, req.URL, u)
	}
	if u.HasQuery {
		ps, err := ParseForm(u.Query, SourceQuery)
		if err != nil {
			t.Fatalf("the base string was built but the query does not parse: %v", err)
		}
		want = append(want, ps...)
	}
	if req.Authorization != "" {
		a, err := ParseAuthorization(req.Authorization)
		if err != nil {
			t.Fatalf("the base string was built but the header does not parse: %v", err)
		}
		want, problems = append(want, a.Params...), a.Problems
	}
	if len(req.Body) > 0 && IsFormContentType(req.ContentType) {
		ps, err := ParseForm(string(req.Body), SourceBody)
		if err != nil {
			t.Fatalf("the base string was built but the body does not parse: %v", err)
		}
		want = append(want, ps...)
	}
	if !slices.Equal(col.Params, want) || !slices.Equal(col.Problems, problems) {
		t.Fatalf("collected %+v, problems %+v;\nthe parsers read %+v, problems %+v", col.Params, col.Problems, want, problems)
	}
}
