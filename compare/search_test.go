package compare

import (
	"crypto/hmac"
	"crypto/sha1"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// typicalRequest is Twitter's documented status update: ten parameters in
// the query, the Authorization header and a form body.
func typicalRequest(sig string) *inspect.Request {
	return &inspect.Request{
		Method:      "POST",
		URL:         "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
		Scheme:      "https",
		SchemeKnown: true,
		Host:        "api.twitter.com",
		Headers: []inspect.Header{
			{Name: "Authorization", Value: `OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature="` + basestring.Encode(sig) + `", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"`},
			{Name: "Content-Type", Value: "application/x-www-form-urlencoded"},
		},
		ContentType: "application/x-www-form-urlencoded",
		Body:        []byte("status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21&lang=en&place=~here"),
		Origin:      inspect.Origin{Name: "bench", Entry: -1},
	}
}

var twitterSecrets = Secrets{
	ConsumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
	TokenSecret:    "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
	HasTokenSecret: true,
}

// TestFullSearchUnexplained checks that a signature made with another
// secret is never explained, and that the whole search (singles and pairs
// crossed with the key variants) ran.
func TestFullSearchUnexplained(t *testing.T) {
	rep, err := Check(typicalRequest("AAAAAAAAAAAAAAAAAAAAAAAAAAA="), twitterSecrets, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Valid || rep.Cause != nil || len(rep.Explanations) != 0 {
		t.Fatalf("valid %v, explanations %q; a made-up signature must not be explained", rep.Valid, formatExplanations(rep.Explanations))
	}
	if !strings.HasPrefix(rep.Unexplained, "No known mistake reproduces the supplied signature") || !strings.Contains(rep.Unexplained, `"xvz1evFS4wEEPTGEFPHBog"`) {
		t.Errorf("unexplained = %q", rep.Unexplained)
	}
	st := rep.Stats
	if st == nil || st.Distinct < 300 || st.Signatures < 4*st.Distinct {
		t.Errorf("search stats %+v: want pairs searched (hundreds of distinct base strings) each signed with every key", st)
	}
}

func BenchmarkExplain(b *testing.B) {
	req := typicalRequest("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
	var sigs int
	start := time.Now()
	for b.Loop() {
		rep, err := Check(req, twitterSecrets, Options{})
		if err != nil || rep.Stats == nil {
			b.Fatal(err)
		}
		sigs += rep.Stats.Signatures
	}
	b.ReportMetric(float64(sigs)/float64(b.N), "candidates/op")
	b.ReportMetric(float64(sigs)/time.Since(start).Seconds(), "candidates/s")
}

// BenchmarkHMACSHA1 is one HMAC-SHA1 of the typical request's base string:
// the cost of one candidate if nothing else were done.
func BenchmarkHMACSHA1(b *testing.B) {
	rq, err := baseRequest(typicalRequest("x"), "https", nil)
	if err != nil {
		b.Fatal(err)
	}
	base, _, _, err := basestring.AppendBaseString(nil, &rq, nil)
	if err != nil {
		b.Fatal(err)
	}
	key := basestring.Key(basestring.Credentials{ConsumerSecret: twitterSecrets.ConsumerSecret, TokenSecret: twitterSecrets.TokenSecret}, basestring.KeyRFC)
	mac := hmac.New(sha1.New, []byte(key))
	var sum []byte
	for b.Loop() {
		mac.Reset()
		mac.Write(base)
		sum = mac.Sum(sum[:0])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "hmacs/s")
}

// TestReusedCollection checks that reusing the engine's collection of the
// correct reading builds, for every rebuild of the search, the base string
// the engine builds from the request itself.
func TestReusedCollection(t *testing.T) {
	for _, req := range []*inspect.Request{typicalRequest("x"), readRequest(t, "GET https://API.example.com:8443/a%20b/?q=1&q=0&e=&p=a+b&c=x=y&t=~*%C3%A9 HTTP/1.1\nAuthorization: OAuth realm=\"r\", oauth_consumer_key=\"k\", oauth_signature_method=\"HMAC-SHA1\", oauth_signature=\"x\"\nX-Forwarded-Host: public.example.com\n\n")} {
		rq, err := baseRequest(req, "https", nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := basestring.Build(&rq, nil)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := newEvidence(&reading{scheme: "https", req: rq}, res, req, &Options{}, true)
		if err != nil {
			t.Fatal(err)
		}
		s := newSearcher(ev, nil, basestring.Credentials{}, "x", nil, "")
		s.correct()
		s.singles()
		combos := [][]*variant{}
		for i, a := range s.effective {
			combos = append(combos, []*variant{a})
			for _, b := range s.effective[i+1:] {
				combos = append(combos, []*variant{a, b})
			}
		}
		for _, c := range combos {
			var bases [2]string
			r, o := s.rebuild(c)
			b, _, _, err := basestring.AppendBaseString(nil, &r, &o)
			if err != nil {
				t.Fatal(err)
			}
			bases[1] = string(b)
			// The reference: the variants applied to the request itself, built
			// by Build, which takes the engine's general path.
			r = ev.req
			o = basestring.Options{}
			for _, v := range c {
				v.apply(&r, &o)
			}
			res, err := basestring.Build(&r, &o)
			if err != nil {
				t.Fatal(err)
			}
			bases[0] = res.BaseString
			if bases[0] != bases[1] {
				var names []string
				for _, v := range c {
					names = append(names, v.m.ID+" "+v.label)
				}
				t.Errorf("%q: reused collection builds\n%s\nthe engine builds\n%s", names, bases[1], bases[0])
			}
		}
	}
}

// TestManyParametersBounded checks that the search of a request with
// hundreds of parameters stops at maxPairs pairs and says so. It asserts
// counts only; how long it takes is for benchmarks.
func TestManyParametersBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("searches hundreds of parameters")
	}
	var q []string
	for i := range 300 {
		q = append(q, "p"+strconv.Itoa(i)+"=v%20"+strconv.Itoa(i))
	}
	req := typicalRequest("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
	req.URL += "&" + strings.Join(q, "&")
	rep, err := Check(req, twitterSecrets, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Stats == nil || !rep.Stats.Truncated || !strings.Contains(rep.Unexplained, "tried only up to") {
		t.Errorf("stats %+v, unexplained %q", rep.Stats, rep.Unexplained)
	}
	if max := maxPairs + 2*len(catalogue)*(300+20); rep.Stats != nil && rep.Stats.BaseStrings > max {
		t.Errorf("%d rebuilds, want at most %d (maxPairs and the singles)", rep.Stats.BaseStrings, max)
	}
}
