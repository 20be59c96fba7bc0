package compare

import (
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkExplainManyParams explains a mismatch of a request with many
// query parameters whose signature is made up, so the search exhausts.
// heap-at-end-MiB is the heap of live and unswept objects after the run;
// rebuilds/op and base-MiB/op are what the default budget let it build.
func BenchmarkExplainManyParams(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var q []string
			for i := range n {
				q = append(q, "p"+strconv.Itoa(i)+"=v%20"+strconv.Itoa(i))
			}
			req := typicalRequest("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
			req.URL += "&" + strings.Join(q, "&")
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
	}
}
