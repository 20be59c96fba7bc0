package inspect

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// manyParamsRequest is a request whose Authorization header carries n
// distinct oauth_ parameters besides the protocol ones (issue 8: lint was
// quadratic in the number of parameters).
func manyParamsRequest(n int) *Request {
	var b strings.Builder
	b.WriteString(`OAuth oauth_consumer_key="k", oauth_nonce="n", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1700000000", oauth_version="1.0", oauth_signature="wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D"`)
	for i := range n {
		b.WriteString(`, oauth_x`)
		b.WriteString(strconv.Itoa(i))
		b.WriteString(`="v"`)
	}
	return &Request{Method: "GET", URL: "https://example.com/r", Headers: []Header{{Name: "Authorization", Value: b.String()}}}
}

// TestLintManyParamsBounded checks that Lint's allocations grow linearly
// with the parameter count: 10× the parameters may cost at most 15× the
// allocations (a quadratic step would cost 100×).
func TestLintManyParamsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds requests with 100k parameters")
	}
	small, large := manyParamsRequest(10_000), manyParamsRequest(100_000)
	a := testing.AllocsPerRun(1, func() { Lint(small, LintOptions{}) })
	b := testing.AllocsPerRun(1, func() { Lint(large, LintOptions{}) })
	if b > 15*a {
		t.Errorf("Lint allocations: %v for 10k params, %v for 100k: not linear", a, b)
	}
}

// BenchmarkLintManyParams lints a valid header with 10k and 100k oauth_
// parameters (issue 8: 100k took 53 s, then 2.08 s; it must take under a
// second and grow linearly). Its baseline, parsing the same header alone,
// runs in the same benchmark: lint cannot cost less than reading its input.
func BenchmarkLintManyParams(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		r := manyParamsRequest(n)
		b.Run(fmt.Sprintf("baseline-parse-header-%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				if _, err := basestring.ParseAuthorization(r.Headers[0].Value); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("lint-%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				if fs := Lint(r, LintOptions{}); len(fs) != 0 {
					b.Fatalf("a valid header has findings: %v", fs[0])
				}
			}
		})
	}
}
