package compare

import (
	"crypto/hmac"
	"crypto/sha1"
	"runtime/metrics"
	"strconv"
	"testing"
)

// BenchmarkExplainManyParams explains a mismatch of a request with many
// query parameters whose signature is made up, so the search runs until its
// default budget stops it. Beside each, its baseline in the same run: one
// bare HMAC-SHA1 of the request's base string. heap-at-end-MiB is the heap
// of live and unswept objects after the run; rebuilds/op and base-MiB/op
// are what the budget let the search build.
func BenchmarkExplainManyParams(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		req := manyParamsRequest("AAAAAAAAAAAAAAAAAAAAAAAAAAA=", n)
		b.Run(strconv.Itoa(n)+"/explain", func(b *testing.B) {
			b.ReportAllocs()
			var st SearchStats
			for b.Loop() {
				rep, err := Check(req, twitterSecrets, Options{})
				if err != nil {
					b.Fatal(err)
				}
				st = *rep.Stats
			}
			b.ReportMetric(float64(st.BaseStrings), "rebuilds/op")
			b.ReportMetric(float64(st.Bytes)/(1<<20), "base-MiB/op")
			s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
			metrics.Read(s)
			b.ReportMetric(float64(s[0].Value.Uint64())/(1<<20), "heap-at-end-MiB")
		})
		b.Run(strconv.Itoa(n)+"/baseline-hmac", func(b *testing.B) {
			rep, err := Check(req, twitterSecrets, Options{NoSearch: true})
			if err != nil {
				b.Fatal(err)
			}
			base := []byte(rep.BaseString)
			key := []byte(twitterSecrets.ConsumerSecret.Reveal() + "&" + twitterSecrets.TokenSecret.Reveal())
			b.SetBytes(int64(len(base)))
			for b.Loop() {
				m := hmac.New(sha1.New, key)
				m.Write(base)
				m.Sum(nil)
			}
		})
	}
}
