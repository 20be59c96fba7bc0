package inspect

import (
	"errors"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// paramString writes parameters as "source:name=value" for comparison.
func paramString(ps []basestring.Param) string {
	var s []string
	for _, p := range ps {
		s = append(s, string(p.Source)+":"+p.Name+"="+p.Value)
	}
	return strings.Join(s, " ")
}

func TestOAuthParams(t *testing.T) {
	hdr := func(v string) []Header { return []Header{{Name: "Authorization", Value: v}} }
	tests := []struct {
		name    string
		reason  string
		r       *Request
		want    string
		wantErr string // part of the error message, "" for none
	}{
		{
			name:   "all-sources",
			reason: "query, header and form body, in that order, non-oauth parameters left out",
			r: &Request{
				URL:         "https://example.com/r?a=1&oauth_token=t%2Bq&oauth_x=a+b",
				Headers:     hdr(`OAuth realm="R", oauth_consumer_key="k%20k", oauth_nonce="n"`),
				ContentType: "application/x-www-form-urlencoded; charset=UTF-8",
				Body:        []byte("status=hi&oauth_callback=oob"),
			},
			want: "query:oauth_token=t+q query:oauth_x=a b header:oauth_consumer_key=k k header:oauth_nonce=n body:oauth_callback=oob",
		},
		{
			name:   "body-not-form",
			reason: "a body is a source only with the form Content-Type (RFC 5849 §3.4.1.3.1)",
			r:      &Request{URL: "https://example.com/", ContentType: "text/plain", Body: []byte("oauth_nonce=n")},
			want:   "",
		},
		{
			name:   "body-no-content-type",
			reason: "no Content-Type, no body parameters",
			r:      &Request{URL: "https://example.com/", Body: []byte("oauth_nonce=n")},
			want:   "",
		},
		{
			name:   "other-scheme",
			reason: "a Bearer header is not a parameter source; the first OAuth header is",
			r: &Request{URL: "https://example.com/", Headers: []Header{
				{Name: "Authorization", Value: `Bearer oauth_nonce="x"`},
				{Name: "authorization", Value: `oauth oauth_nonce="first"`},
				{Name: "Authorization", Value: `OAuth oauth_nonce="second"`},
			}},
			want: "header:oauth_nonce=first",
		},
		{
			name:   "origin-form",
			reason: "a URL that is not absolute: the query comes from the target",
			r:      &Request{URL: "/path?oauth_version=1.0#frag", Target: "/path?oauth_version=1.0"},
			want:   "query:oauth_version=1.0",
		},
		{
			name:   "target-only",
			reason: "no URL at all: the target is read",
			r:      &Request{Target: "/p?oauth_nonce=z"},
			want:   "query:oauth_nonce=z",
		},
		{
			name:   "duplicates-kept",
			reason: "duplicates are kept, as a server sees them",
			r:      &Request{URL: "https://example.com/?oauth_nonce=a&oauth_nonce=b"},
			want:   "query:oauth_nonce=a query:oauth_nonce=b",
		},
		{
			name:    "bad-query",
			reason:  "a malformed escape: the parameters before it and an error naming the part and input",
			r:       &Request{URL: "https://example.com/?oauth_nonce=a&oauth_token=%zz&oauth_version=1.0", Origin: Origin{Name: "req.http", Line: 3, Entry: -1}},
			want:    "query:oauth_nonce=a",
			wantErr: `inspect: read oauth parameters of req.http:3: query: malformed percent-encoding "%zz" at byte 26`,
		},
		{
			name:    "unclosed-quote",
			reason:  "a header that cannot be read gives an error, the other sources still count",
			r:       &Request{URL: "https://example.com/?oauth_token=t", Headers: hdr(`OAuth oauth_nonce="abc`)},
			want:    "query:oauth_token=t",
			wantErr: `inspect: read oauth parameters of request: authorization header: value of "oauth_nonce" has no closing quote at byte 18`,
		},
		{
			name:    "bad-body",
			reason:  "a malformed escape in a form body",
			r:       &Request{URL: "https://example.com/", ContentType: "application/x-www-form-urlencoded", Body: []byte("oauth_nonce=%4")},
			want:    "",
			wantErr: `body: malformed percent-encoding "%4" at byte 12`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := OAuthParams(tt.r)
			if got := paramString(ps); got != tt.want {
				t.Errorf("%s\nOAuthParams = %s\nwant          %s", tt.reason, got, tt.want)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("%s: unexpected error %v", tt.reason, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("%s: error %v, want one holding %q", tt.reason, err, tt.wantErr)
			}
		})
	}
	if ps, err := OAuthParams(nil); ps != nil || err != nil {
		t.Errorf("OAuthParams(nil) = %v, %v", ps, err)
	}
}

func TestOAuthParamsErrorUnwraps(t *testing.T) {
	_, err := OAuthParams(&Request{URL: "https://example.com/?oauth_nonce=%zz"})
	var fe *basestring.FormError
	if !errors.As(err, &fe) || fe.Offset != 12 {
		t.Errorf("error %v does not unwrap to a *basestring.FormError at offset 12", err)
	}
}

func TestHasOAuth(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		r      *Request
		want   bool
	}{
		{"nil", "no request", nil, false},
		{"empty", "nothing at all", &Request{}, false},
		{"header", "an OAuth Authorization header", &Request{Headers: []Header{{Name: "authorization", Value: " OAuth realm=\"x\""}}}, true},
		{"header-bare", "the scheme alone still says OAuth", &Request{Headers: []Header{{Name: "Authorization", Value: "oauth"}}}, true},
		{"bearer", "another scheme is not OAuth", &Request{Headers: []Header{{Name: "Authorization", Value: "Bearer oauth_token"}}}, false},
		{"oauth2", "the OAuth2 scheme is not OAuth", &Request{Headers: []Header{{Name: "Authorization", Value: "OAuth2 x"}}}, false},
		{"query-first", "an oauth_ pair first in the query", &Request{URL: "https://h/p?oauth_token=x"}, true},
		{"query-later", "an oauth_ pair after another", &Request{URL: "https://h/p?a=1&oauth_nonce=x"}, true},
		{"query-value", "oauth_ inside a value is not a parameter", &Request{URL: "https://h/p?a=oauth_token&b=xoauth_c"}, false},
		{"path", "oauth_ in the path is not a parameter", &Request{URL: "https://h/oauth_token/x"}, false},
		{"target", "the target when there is no URL", &Request{Target: "/p?oauth_nonce=1"}, true},
		{"body", "a body counts whatever its Content-Type", &Request{Body: []byte("x=1&oauth_signature=s")}, true},
		{"json-body", "a JSON key is not a form pair", &Request{Body: []byte(`{"oauth_token":"x"}`)}, false},
		{"other-header", "oauth_ in another header does not count", &Request{Headers: []Header{{Name: "X-Note", Value: "oauth_token=1"}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HasOAuth(tt.r); got != tt.want {
				t.Errorf("%s: HasOAuth = %v, want %v", tt.reason, got, tt.want)
			}
		})
	}
}

func BenchmarkHasOAuth(b *testing.B) {
	r := &Request{
		URL:     "https://api.example.com/1.1/statuses/home_timeline.json?count=200&include_entities=true&since_id=12345",
		Headers: []Header{{Name: "Accept", Value: "*/*"}, {Name: "User-Agent", Value: "x"}, {Name: "Authorization", Value: "Bearer abc"}},
		Body:    []byte(strings.Repeat("field=value&", 100)),
	}
	b.ReportAllocs()
	for b.Loop() {
		if HasOAuth(r) {
			b.Fatal("HasOAuth = true")
		}
	}
}

func BenchmarkLint(b *testing.B) {
	r := &Request{
		Method: "POST", URL: "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
		Scheme: "https", SchemeKnown: true, Host: "api.twitter.com",
		Headers:     []Header{{Name: "Authorization", Value: `OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature="tnnArxj06cWHq44gCs1OSKk%2FjLY%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"`}},
		ContentType: "application/x-www-form-urlencoded",
		Body:        []byte("status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21"),
	}
	b.ReportAllocs()
	for b.Loop() {
		if fs := Lint(r, LintOptions{}); len(fs) != 0 {
			b.Fatal(fs)
		}
	}
}
