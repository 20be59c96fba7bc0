package compare

import (
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

func BenchmarkStageTmp(b *testing.B) {
	req := validTypicalRequest(b)
	rq, _ := baseRequest(req, "https", nil)
	var col basestring.Collected
	buf, found, _ := basestring.AppendBaseStringCollected(nil, &rq, &col)
	cred := basestring.Credentials{ConsumerSecret: twitterSecrets.ConsumerSecret.Reveal(), TokenSecret: twitterSecrets.TokenSecret.Reveal()}
	b.Run("collected", func(b *testing.B) {
		for b.Loop() {
			buf, _, _ = basestring.AppendBaseStringCollected(buf[:0], &rq, &col)
		}
	})
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			buf, _, _ = basestring.AppendBaseString(buf[:0], &rq, nil)
		}
	})
	b.Run("verifybase", func(b *testing.B) {
		for b.Loop() {
			basestring.VerifyBase(buf, found.Signature, found.SignatureMethod, cred, basestring.KeyRFC)
		}
	})
	b.Run("lint", func(b *testing.B) {
		for b.Loop() {
			inspect.Lint(req, inspect.LintOptions{Verified: true, SignedScheme: "https", Collected: &col})
		}
	})
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			Check(req, twitterSecrets, Options{})
		}
	})
}
