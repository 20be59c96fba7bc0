package compare

import (
	"crypto/hmac"
	"crypto/sha1"
	"testing"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// BenchmarkCheckValid measures Check of a correctly signed typical request
// against its baseline in the same run: one bare HMAC-SHA1 (key setup
// included) of the same base string. The goal is check ≤ 4× hmac-sha1; check reports
// that ratio as x-hmac.
// lint and build-trace show what two parts of a check cost on their own.
func BenchmarkCheckValid(b *testing.B) {
	req := validTypicalRequest(b)
	rq, err := baseRequest(req, "https", nil)
	if err != nil {
		b.Fatal(err)
	}
	base, _, err := basestring.AppendBaseString(nil, &rq, nil)
	if err != nil {
		b.Fatal(err)
	}
	key := basestring.AppendKey(nil, basestring.Credentials{ConsumerSecret: twitterSecrets.ConsumerSecret.Reveal(), TokenSecret: twitterSecrets.TokenSecret.Reveal()}, basestring.KeyRFC)
	var sum [sha1.Size]byte
	baseline := func() {
		mac := hmac.New(sha1.New, key)
		mac.Write(base)
		mac.Sum(sum[:0])
	}
	b.Run("hmac-sha1", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			baseline()
		}
	})
	b.Run("check", func(b *testing.B) {
		b.ReportAllocs()
		check := func() {
			rep, err := Check(req, twitterSecrets, Options{})
			if err != nil || !rep.Valid {
				b.Fatal(err)
			}
		}
		for b.Loop() {
			check()
		}
		reportRatio(b, check, baseline)
	})
	b.Run("check-steps", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rep, err := Check(req, twitterSecrets, Options{Steps: true})
			if err != nil || !rep.Valid {
				b.Fatal(err)
			}
		}
	})
	b.Run("lint", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			inspect.Lint(req, inspect.LintOptions{})
		}
	})
	b.Run("build-trace", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := basestring.Build(&rq, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
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

// validTypicalRequest is typicalRequest signed correctly with twitterSecrets.
func validTypicalRequest(tb testing.TB) *inspect.Request {
	rep, err := Check(typicalRequest("x"), twitterSecrets, Options{NoSearch: true})
	if err != nil {
		tb.Fatal(err)
	}
	return typicalRequest(rep.Signature.Expected)
}
