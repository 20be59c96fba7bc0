package basestring

import (
	"crypto/hmac"
	"crypto/sha1"
	"fmt"
	"strings"
	"testing"
	"time"
)

// benchRequests are a typical signed API call (10 parameters, a base string
// of about 700 bytes) and a large one (100 parameters, about 4 KB).
func benchRequests(b *testing.B) map[string]*Request {
	typical := &Request{
		Method: "POST",
		URL:    "https://api.bitbucket.org/1.0/repositories/atlassian-team/oauth-debugging-example/issues?limit=50&sort=-utc_last_updated",
		Authorization: `OAuth realm="", oauth_consumer_key="vK7hPq2nXc9dRt4yWm", oauth_token="Zq8sL3pVn6yXc1tRw9Ke4mUj", ` +
			`oauth_signature_method="HMAC-SHA1", oauth_timestamp="1764514855", oauth_nonce="a61f0e8d3c2b49f7b5e4d3c2b1a09f8e", ` +
			`oauth_version="1.0", oauth_signature="placeholder%3D"`,
		ContentType: "application/x-www-form-urlencoded; charset=UTF-8",
		Body:        []byte("title=Signature%20fails%20behind%20the%20proxy%20%28port%208443%29&content=Every%20call%20answers%20%22Could%20not%20verify%20OAuth%20request%22%20since%20Monday%3B%20see%20https%3A%2F%2Fexample.com%2Flogs%3Fid%3D42&kind=bug"),
	}
	var q []string
	for i := 0; i < 93; i++ {
		q = append(q, fmt.Sprintf("field_%02d=value%%20number%%20%d%%2Fwith%%3Dreserved", i, i))
	}
	large := &Request{
		Method:        "GET",
		URL:           "https://api.example.com/1.0/search?" + strings.Join(q, "&"),
		Authorization: typical.Authorization,
	}
	reqs := map[string]*Request{"typical": typical, "large": large}
	for name, r := range reqs {
		res, err := Build(r, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: %d parameters, base string %d bytes", name, len(res.Params), len(res.BaseString))
	}
	return reqs
}

// BenchmarkVerify measures a whole verification: split the URL, collect the
// parameters from query, header and body, transcode, sort, build the base
// string, HMAC-SHA1 and compare. It reports, as x-hmac, its time over the
// bare HMAC of the same base string (hmacBaseline) in the same run.
func BenchmarkVerify(b *testing.B) {
	c := Credentials{ConsumerSecret: "kd94hf93k423kf44", TokenSecret: "pfkkdhi9sl3r4s00"}
	for _, name := range []string{"typical", "large"} {
		req := benchRequests(b)[name]
		baseline := hmacBaseline(b, req)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			verify := func() {
				if _, err := Verify(req, c, nil); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				verify()
			}
			reportRatio(b, verify, baseline)
		})
	}
}

// reportRatio reports, as the metric x-hmac, how many times baseline's
// time op takes. After b's timed loop it runs the two in alternating
// batches, so that a noisy machine slows both alike, and compares the
// fastest batch of each.
func reportRatio(b *testing.B, op, baseline func()) {
	b.Helper()
	batch := min(max(b.N/10, 1), 1000)
	timeBatch := func(f func()) time.Duration {
		start := time.Now()
		for range batch {
			f()
		}
		return time.Since(start)
	}
	bestOp, bestBase := time.Duration(1<<62), time.Duration(1<<62)
	for range 10 {
		bestOp = min(bestOp, timeBatch(op))
		bestBase = min(bestBase, timeBatch(baseline))
	}
	if bestBase > 0 {
		b.ReportMetric(float64(bestOp)/float64(bestBase), "x-hmac")
	}
}

// hmacBaseline returns the physical limit of verifying req: the bare
// HMAC-SHA1 over its precomputed base string, keyed afresh each time.
func hmacBaseline(b *testing.B, req *Request) func() {
	key := []byte("kd94hf93k423kf44&pfkkdhi9sl3r4s00")
	res, err := Build(req, nil)
	if err != nil {
		b.Fatal(err)
	}
	base := []byte(res.BaseString)
	var sum [sha1.Size]byte
	return func() {
		mac := hmac.New(sha1.New, key)
		mac.Write(base)
		mac.Sum(sum[:0])
	}
}

// BenchmarkHMACSHA1Baseline is the physical limit of BenchmarkVerify on its
// own: the bare HMAC-SHA1 over the precomputed base string.
func BenchmarkHMACSHA1Baseline(b *testing.B) {
	for _, name := range []string{"typical", "large"} {
		baseline := hmacBaseline(b, benchRequests(b)[name])
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				baseline()
			}
		})
	}
}

// BenchmarkBuild measures building the base string with its full trace, as
// the explainer shows it.
func BenchmarkBuild(b *testing.B) {
	req := benchRequests(b)["typical"]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(req, nil); err != nil {
			b.Fatal(err)
		}
	}
}
