package compare

import (
	"crypto/hmac"
	"crypto/sha1"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// BenchmarkCheckValid measures Check of a correctly signed typical request
// against its baseline in the same run: one bare HMAC-SHA1 (key setup
// included) of the same base string. The goal is check ≤ 4× hmac-sha1.
// lint and build-trace show what two parts of a check cost on their own.
func BenchmarkCheckValid(b *testing.B) {
	req := validTypicalRequest(b)
	rq, err := baseRequest(req, "https", nil)
	if err != nil {
		b.Fatal(err)
	}
	base, _, _, err := basestring.AppendBaseString(nil, &rq, nil)
	if err != nil {
		b.Fatal(err)
	}
	key := basestring.AppendKey(nil, basestring.Credentials{ConsumerSecret: twitterSecrets.ConsumerSecret.Reveal(), TokenSecret: twitterSecrets.TokenSecret.Reveal()}, basestring.KeyRFC)
	b.Run("hmac-sha1", func(b *testing.B) {
		b.ReportAllocs()
		var sum [sha1.Size]byte
		for b.Loop() {
			mac := hmac.New(sha1.New, key)
			mac.Write(base)
			mac.Sum(sum[:0])
		}
	})
	b.Run("check", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rep, err := Check(req, twitterSecrets, Options{})
			if err != nil || !rep.Valid {
				b.Fatal(err)
			}
		}
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

// validTypicalRequest is typicalRequest signed correctly with twitterSecrets.
func validTypicalRequest(tb testing.TB) *inspect.Request {
	rep, err := Check(typicalRequest("x"), twitterSecrets, Options{NoSearch: true})
	if err != nil {
		tb.Fatal(err)
	}
	return typicalRequest(rep.Signature.Expected)
}
