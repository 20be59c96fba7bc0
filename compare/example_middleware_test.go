package compare_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/oauthdbg/oauthdbg/compare"
)

// A provider wraps its handlers with the middleware: each request's OAuth
// 1.0a signature, timestamp and nonce are checked before the handler runs,
// and a rejected request is answered with its oauth_problem and, with
// Explain, the cause and the fix.
func ExampleMiddleware() {
	mw := &compare.Middleware{
		Realm: "photos",
		Lookup: func(_ context.Context, consumerKey, token string) (compare.Keys, error) {
			if consumerKey != "dpf43f3p2l4k3l03" {
				return compare.Keys{}, compare.ErrUnknownConsumer
			}
			if token != "" && token != "nnch734d00sl2jdk" {
				return compare.Keys{}, compare.ErrUnknownToken
			}
			return compare.Keys{ConsumerSecret: "kd94hf93k423kf44", TokenSecret: "pfkkdhi9sl3r4s00"}, nil
		},
		Nonces:  &compare.MemoryNonces{},
		Now:     func() time.Time { return time.Unix(1191242096, 0) },
		Explain: true,
	}
	photos := mw.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, _ := compare.VerifiedFrom(r.Context())
		fmt.Fprintf(w, "photos of %s, for consumer %s\n", v.Token, v.ConsumerKey)
	}))

	// The request of the OAuth 1.0 specification's appendix A.5, sent
	// once, then replayed with the same nonce.
	send := func(signature string) {
		r := httptest.NewRequest("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", nil)
		r.Header.Set("Authorization", `OAuth realm="photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", `+
			`oauth_signature_method="HMAC-SHA1", oauth_signature="`+signature+`", oauth_timestamp="1191242096", `+
			`oauth_nonce="kllo9940pd9333jh", oauth_version="1.0"`)
		w := httptest.NewRecorder()
		photos.ServeHTTP(w, r)
		body, _ := io.ReadAll(w.Result().Body)
		fmt.Printf("%d %s", w.Code, body)
	}
	send("tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D")
	send("tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D") // the same nonce again
	// Output:
	// 200 photos of nnch734d00sl2jdk, for consumer dpf43f3p2l4k3l03
	// 401 oauth_problem=nonce_used&oauth_problem_advice=the+nonce+%22kllo9940pd9333jh%22+was+already+used+with+this+timestamp+and+these+credentials%2C+or+the+timestamp+is+older+than+the+nonces+the+provider+still+remembers+%28RFC+5849+%C2%A73.3%29%3B+generate+a+new+random+nonce+and+take+a+fresh+timestamp+for+every+request
}
