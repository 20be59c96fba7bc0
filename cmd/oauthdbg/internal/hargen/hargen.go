// Package hargen writes HAR files of OAuth 1.0a signed requests for the
// streaming tests and benchmarks of oauthdbg check.
package hargen

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
)

// The credentials the generated requests are signed with; Secrets is the
// matching --secrets file.
const (
	ConsumerKey    = "gEnKeY4hArStReAm"
	ConsumerSecret = "gEnCoNsUmErSeCrEt9q"
	Token          = "gEnToKeN7x"
	TokenSecret    = "gEnToKeNsEcReT2w"
	Timestamp      = "1767225600"
	Secrets        = `{"consumer_secrets": {"` + ConsumerKey + `": "` + ConsumerSecret + `"}, "token_secrets": {"` + Token + `": "` + TokenSecret + `"}}`
)

// Options says what Write generates.
type Options struct {
	// Entries is the number of HAR entries.
	Entries int
	// BadEvery makes every BadEvery-th entry (1-based) a mismatch: signed
	// without the token secret. 0 signs every entry correctly.
	BadEvery int
	// Padding is the length of a response body added to each entry, to
	// reach a file size with fewer requests; 0 adds none.
	Padding int
}

// Bad reports whether entry i (0-based) is generated with a mismatch.
func (o Options) Bad(i int) bool { return o.BadEvery > 0 && (i+1)%o.BadEvery == 0 }

// Write writes a HAR file with o.Entries signed GET requests, entry i to
// https://api.example.com/1/items?id=i.
func Write(w io.Writer, o Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(`{"log":{"version":"1.2","creator":{"name":"hargen","version":"1"},"entries":[`)
	pad := strings.Repeat("x", o.Padding)
	for i := range o.Entries {
		if i > 0 {
			// A failed write (the reader gone) ends an endless stream.
			if _, err := bw.WriteString(","); err != nil {
				return err
			}
		}
		auth := Authorization(i, o.Bad(i))
		fmt.Fprintf(bw, `{"startedDateTime":"2026-01-01T00:00:00Z","time":1,"request":{"method":"GET","url":"https://api.example.com/1/items?id=%d","httpVersion":"HTTP/1.1","cookies":[],"headers":[{"name":"Host","value":"api.example.com"},{"name":"Authorization","value":%s}],"queryString":[{"name":"id","value":"%d"}],"headersSize":-1,"bodySize":0},"response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"content":{"size":%d,"mimeType":"text/plain","text":"%s"},"redirectURL":"","headersSize":-1,"bodySize":%d},"cache":{},"timings":{"send":0,"wait":1,"receive":0}}`,
			i, strconv.Quote(auth), i, len(pad), pad, len(pad))
		fmt.Fprintln(bw)
	}
	bw.WriteString("]}}\n")
	return bw.Flush()
}

// Authorization returns the Authorization header of entry i, signed with
// HMAC-SHA1 (RFC 5849 §3.4.2), or without the token secret when bad.
func Authorization(i int, bad bool) string {
	nonce := "n" + strconv.Itoa(i)
	params := "id=" + strconv.Itoa(i) +
		"&oauth_consumer_key=" + ConsumerKey +
		"&oauth_nonce=" + nonce +
		"&oauth_signature_method=HMAC-SHA1" +
		"&oauth_timestamp=" + Timestamp +
		"&oauth_token=" + Token +
		"&oauth_version=1.0"
	base := "GET&" + enc("https://api.example.com/1/items") + "&" + enc(params)
	key := enc(ConsumerSecret) + "&" + enc(TokenSecret)
	if bad {
		key = enc(ConsumerSecret) + "&"
	}
	m := hmac.New(sha1.New, []byte(key))
	m.Write([]byte(base))
	sig := base64.StdEncoding.EncodeToString(m.Sum(nil))
	return `OAuth oauth_consumer_key="` + ConsumerKey + `", oauth_token="` + Token +
		`", oauth_signature_method="HMAC-SHA1", oauth_timestamp="` + Timestamp +
		`", oauth_nonce="` + nonce + `", oauth_version="1.0", oauth_signature="` + enc(sig) + `"`
}

// enc percent-encodes s as RFC 5849 §3.6 asks; url.QueryEscape differs
// only in writing a space as "+" and leaving "~" alone, and the generated
// values hold no space.
func enc(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
