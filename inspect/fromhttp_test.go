package inspect

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func TestFromHTTP(t *testing.T) {
	r := httptest.NewRequest("POST", "/api/1.0/oauth/request_token?a=%7E&b=c+d", strings.NewReader("x=1"))
	r.Host = "Provider.Example:8080"
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Authorization", `OAuth oauth_consumer_key="k"`)
	r.Header.Set("X-Forwarded-Proto", "https")
	req := FromHTTP(r, "http", []byte("x=1"))
	for _, c := range []struct{ name, got, want string }{
		{"url keeps the target as sent", req.URL, "http://Provider.Example:8080/api/1.0/oauth/request_token?a=%7E&b=c+d"},
		{"host", req.Host, "Provider.Example:8080"},
		{"scheme", req.Scheme, "http"},
		{"content type", req.ContentType, "application/x-www-form-urlencoded"},
		{"authorization header", req.Header("Authorization"), `OAuth oauth_consumer_key="k"`},
		{"forwarded proto", req.Forwarding.Proto, "https"},
		{"body", string(req.Body), "x=1"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if !HasOAuth(req) {
		t.Error("HasOAuth = false for a request with an OAuth Authorization header")
	}
}
