package compare

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// FuzzCheck checks that Check never panics on any request, and that a
// request signed correctly (by the fuzzer's own signer, with the RFC's
// rules) is always reported valid.
func FuzzCheck(f *testing.F) {
	f.Add("GET", "https://api.example.com/x?a=1&a=2", "", `oauth_consumer_key="ck", oauth_token="t", oauth_signature_method="HMAC-SHA1", oauth_nonce="n", oauth_timestamp="1"`, "", "", "cs", "ts")
	f.Add("post", "/p%20q/?b=%2B+c", "API.example.com:443", `realm="r",oauth_consumer_key="c%20k",oauth_signature_method="HMAC-SHA256"`, "application/x-www-form-urlencoded; charset=utf-8", "x=%C3%A9&x=&y", "c s", "")
	f.Add("PUT", "HTTP://h:80", "", `oauth_consumer_key=ck oauth_signature_method=PLAINTEXT`, "application/json", `{"a":"b"}`, "&", "%")
	f.Add("DELETE", "https://[2001:db8::1]:8443/a/b/", "", `oauth_signature_method="HMAC-SHA512", oauth_callback="https%3A%2F%2Fc%2Fcb"`, "", "", "", "")
	f.Add("GET", "https://h/x?oauth_signature=A+B%3D&oauth_signature_method=HMAC-SHA1", "", "", "", "", "cs", "")
	f.Fuzz(func(t *testing.T, method, rawURL, host, authParams, ct, body, cs, ts string) {
		req := &inspect.Request{Method: method, URL: rawURL, Host: host, ContentType: ct, Body: []byte(body), SchemeKnown: strings.Contains(rawURL, "://"), Origin: inspect.Origin{Name: "fuzz", Entry: -1}}
		if authParams != "" {
			req.Headers = append(req.Headers, inspect.Header{Name: "Authorization", Value: "OAuth " + authParams})
		}
		secrets := Secrets{ConsumerSecret: NewSecret(cs), HasConsumerSecret: true, TokenSecret: NewSecret(ts), HasTokenSecret: true}
		for _, o := range []Options{{}, {ClientBaseString: body, ServerURL: "https://" + host + "/"}, {SignedURL: rawURL}} {
			if rep, err := Check(req, secrets, o); err == nil {
				if _, err := json.Marshal(rep); err != nil {
					t.Fatalf("report cannot be written as JSON: %v", err)
				}
			}
		}

		// Sign the request correctly and check it verifies.
		scheme := "https"
		if req.SchemeKnown {
			scheme, _, _ = strings.Cut(rawURL, "://")
		}
		rq, err := baseRequest(req, scheme, nil)
		if err != nil || rq.Authorization == "" {
			return
		}
		base, found, err := basestring.AppendBaseString(nil, &rq, nil)
		sig, sm := found.Signature, found.SignatureMethod
		if err != nil || sig != "" || !strings.HasPrefix(sm, "HMAC-") && sm != "PLAINTEXT" {
			return
		}
		m, err := basestring.MethodByName(sm)
		if err != nil {
			return
		}
		res, err := basestring.Build(&rq, nil)
		if err != nil {
			return
		}
		ck, tok, hasToken := requestParams(res)
		// Check reads these from what the fast path found.
		if found.ConsumerKey != ck || found.Token != tok || found.HasToken != hasToken {
			t.Fatalf("AppendBaseString found %q, %q, %v; the traced build collected %q, %q, %v", found.ConsumerKey, found.Token, found.HasToken, ck, tok, hasToken)
		}
		creds := basestring.Credentials{ConsumerSecret: cs}
		if hasToken {
			creds.TokenSecret = ts // without oauth_token the token secret is empty (RFC 5849 §3.4.2)
		}
		s, err := m.Sign(base, creds, basestring.KeyRFC)
		if err != nil {
			t.Fatal(err)
		}
		signed := *req
		signed.Headers = []inspect.Header{{Name: "Authorization", Value: "OAuth " + authParams + `, oauth_signature="` + basestring.Encode(s) + `"`}}
		rs, err := baseRequest(&signed, scheme, nil)
		if err != nil {
			return
		}
		// Appending the signature must not change how the rest is read.
		if again, got, err := basestring.AppendBaseString(nil, &rs, nil); err != nil || string(again) != string(base) || got.Signature != s {
			return
		}
		rep, err := Check(&signed, secrets, Options{NoSearch: true})
		if err != nil {
			t.Fatalf("a correctly signed request cannot be checked: %v", err)
		}
		if !rep.Valid {
			t.Fatalf("a correctly signed request is reported invalid (unchecked %q):\n%s %s\nHost %q\nAuthorization %s\nbase %s", rep.Unchecked, method, rawURL, host, signed.Headers[0].Value, base)
		}
	})
}

// FuzzParseSecretsFile checks that no secrets file makes the parser, Values
// or Redact panic, and that Redact leaves no secret behind.
func FuzzParseSecretsFile(f *testing.F) {
	f.Add([]byte(`{"consumer_secrets": {"k": "s"}, "token_secret": "t"}`), "text with s and t")
	f.Add([]byte(`{"consumer_secret": "a b", "rsa_public_keys": {"k": "x"}}`), "a+b a%20b")
	f.Add([]byte("{\n"), "")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		s, err := ParseSecretsFile(data, "fuzz.json")
		if err != nil {
			if !strings.HasPrefix(err.Error(), `compare: parse secrets file "fuzz.json"`) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		// Each secret sent as a *_secret parameter after the fuzzed text is
		// marked by the body's structure, whatever the text around it.
		// Printed in any way, the secrets show only their length: the
		// output is the same with every secret replaced by another of the
		// same length.
		masked := maskSecrets(s)
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			if got, want := fmt.Sprintf(verb, s), fmt.Sprintf(verb, masked); got != want {
				t.Fatalf("%s of the secrets depends on their content:\n%s\n%s", verb, got, want)
			}
		}
		if got, err1 := json.Marshal(s); err1 != nil {
			t.Fatal(err1)
		} else if want, _ := json.Marshal(masked); string(got) != string(want) {
			t.Fatalf("JSON of the secrets depends on their content:\n%s\n%s", got, want)
		}
		for _, v := range secretValues(s) {
			enc := basestring.Encode(v)
			body := strings.ReplaceAll(text, "&", "%26") + "&oauth_token_secret=" + enc
			out := BodyText(body, "").String()
			if len(enc) >= 3 && strings.Contains(out, enc) && !strings.Contains(body[:len(body)-len(enc)], enc) && !strings.Contains("[redacted 0123456789 chars]", enc) {
				t.Fatalf("BodyText left %q in %q", enc, out)
			}
		}
	})
}
