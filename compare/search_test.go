package compare

import (
	"crypto/hmac"
	"crypto/sha1"
	"slices"
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
	ConsumerSecret: NewSecret("kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"),
	TokenSecret:    NewSecret("LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"),
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
	base, _, err := basestring.AppendBaseString(nil, &rq, nil)
	if err != nil {
		b.Fatal(err)
	}
	key := basestring.Key(basestring.Credentials{ConsumerSecret: twitterSecrets.ConsumerSecret.Reveal(), TokenSecret: twitterSecrets.TokenSecret.Reveal()}, basestring.KeyRFC)
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
	for _, req := range []*inspect.Request{typicalRequest("x"), manyParamsRequest("x", 12), readRequest(t, "GET https://API.example.com:8443/a%20b/?q=1&q=0&e=&p=a+b&c=x=y&t=~*%C3%A9 HTTP/1.1\nAuthorization: OAuth realm=\"r\", oauth_consumer_key=\"k\", oauth_signature_method=\"HMAC-SHA1\", oauth_signature=\"x\"\nX-Forwarded-Host: public.example.com\n\n")} {
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
			b, _, err := basestring.AppendBaseString(nil, &r, &o)
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

// manyParamsRequest is typicalRequest with n query parameters more, each
// value holding a space, and an oauth_callback that needs encoding.
func manyParamsRequest(sig string, n int) *inspect.Request {
	req := typicalRequest(sig)
	var q []string
	for i := range n {
		q = append(q, "p"+strconv.Itoa(i)+"=v%20"+strconv.Itoa(i))
	}
	req.URL += "&" + strings.Join(q, "&")
	req.Headers[0].Value = strings.Replace(req.Headers[0].Value, "OAuth ", `OAuth oauth_callback="http%3A%2F%2Fexample.com%2Fcb%3Fa%3D1", `, 1)
	return req
}

// TestManyParametersBounded checks that the search of a request with
// hundreds of parameters stops at its budget and says so honestly, without
// ruling the catalogue out. It asserts counts only; how long it takes is for
// benchmarks.
func TestManyParametersBounded(t *testing.T) {
	req := manyParamsRequest("AAAAAAAAAAAAAAAAAAAAAAAAAAA=", 300)
	const budget = 1 << 20
	rep, err := Check(req, twitterSecrets, Options{Budget: Budget{Bytes: budget, Time: -1}})
	if err != nil {
		t.Fatal(err)
	}
	st := rep.Stats
	if st == nil || st.CutOff == "" || len(st.Untried) == 0 {
		t.Fatalf("stats %+v: want a cut-off search", st)
	}
	if st.Bytes > budget {
		t.Errorf("%d bytes of base strings built, budget %d", st.Bytes, budget)
	}
	for _, want := range []string{"stopped early", "budget of 1 MiB", "pairs of mistakes", "--search-budget 8MiB"} {
		if !strings.Contains(rep.Unexplained, want) {
			t.Errorf("unexplained %q lacks %q", rep.Unexplained, want)
		}
	}
	if strings.Contains(rep.Unexplained, "not in the catalogue") {
		t.Errorf("a cut-off search claims the catalogue is ruled out: %q", rep.Unexplained)
	}
}

// TestSearchTooLarge checks that a request whose correct base string alone
// is over the search budget is neither searched nor traced, and that the
// report says so and how much room a search would need.
func TestSearchTooLarge(t *testing.T) {
	req := manyParamsRequest("AAAAAAAAAAAAAAAAAAAAAAAAAAA=", 300)
	rep, err := Check(req, twitterSecrets, Options{Budget: Budget{Bytes: 1024, Time: -1}})
	if err != nil {
		t.Fatal(err)
	}
	st := rep.Stats
	if st == nil || st.BaseStrings != 0 || len(rep.Explanations) != 0 || rep.Cause != nil {
		t.Fatalf("stats %+v, %d explanations: want no rebuild at all", st, len(rep.Explanations))
	}
	if len(rep.Steps) != 0 || len(rep.Params) != 0 {
		t.Errorf("%d steps, %d params: the trace is built only when asked for", len(rep.Steps), len(rep.Params))
	}
	for _, want := range []string{"stopped early (0 base strings built)", "is larger than its budget of 1 KiB, so not one rebuild fits", "every mistake of the catalogue", "--search-budget 1MiB"} {
		if !strings.Contains(rep.Unexplained, want) {
			t.Errorf("unexplained %q lacks %q", rep.Unexplained, want)
		}
	}
	// Asked for, the steps are there.
	rep, err = Check(req, twitterSecrets, Options{Budget: Budget{Bytes: 1024, Time: -1}, Steps: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Steps) == 0 {
		t.Error("--steps: no steps")
	}
}

// TestManyParametersFound checks that the budget is spent where causes are:
// a whole-request mistake and a mistake on oauth_callback are found in a
// request with a thousand parameters under the default budget.
func TestManyParametersFound(t *testing.T) {
	for _, tt := range []struct{ id, label string }{
		{"plus-for-space", "names and values"},
		{"double-encoded", "oauth_callback"},
	} {
		t.Run(tt.id, func(t *testing.T) {
			creds := basestring.Credentials{ConsumerSecret: twitterSecrets.ConsumerSecret.Reveal(), TokenSecret: twitterSecrets.TokenSecret.Reveal()}
			reps, err := Replay(tt.id, manyParamsRequest("x", 1000), creds, mustMethod(t, "HMAC-SHA1"))
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(reps, func(r Replayed) bool { return r.Label == tt.label })
			if i < 0 {
				t.Fatalf("no replay labelled %q among %d", tt.label, len(reps))
			}
			rep, err := Check(manyParamsRequest(reps[i].Signature, 1000), twitterSecrets, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Cause == nil || rep.Cause.IDs[0] != tt.id || rep.Cause.Parts[0] != tt.label {
				t.Fatalf("cause %+v, unexplained %q; want %s (%s)", rep.Cause, rep.Unexplained, tt.id, tt.label)
			}
		})
	}
}

// TestUnboundedSearchExhausts checks that with no bound the search of a
// request with many parameters tries everything and then rules the
// catalogue out.
func TestUnboundedSearchExhausts(t *testing.T) {
	if testing.Short() {
		t.Skip("searches every pair of a request with 40 parameters")
	}
	rep, err := Check(manyParamsRequest("AAAAAAAAAAAAAAAAAAAAAAAAAAA=", 40), twitterSecrets, Options{Budget: Budget{Bytes: -1, Time: -1}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Stats.CutOff != "" || !strings.Contains(rep.Unexplained, "not in the catalogue") {
		t.Errorf("stats %+v, unexplained %q", rep.Stats, rep.Unexplained)
	}
}
