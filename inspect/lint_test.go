package inspect

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// secretRequest is a request whose secrets must never show in a finding.
func secretRequest() (*Request, []string) {
	const (
		tokenSecret    = "TOKENSECRETpfkkdhi9sl3r4s00zzz"
		consumerSecret = "CONSUMERSECRETkd94hf93k423kf44"
		headerSecret   = "HEADERSECRETq8w7e6r5t4y3u2i1"
		plaintextSig   = "PLAINSIGkd94hf93k423kf44&pfkkdhi9sl3r4s00"
		bearer         = "BEARERTOKENabcdefghijklmnop"
		clientSecret   = "CLIENTSECRET0987654321qwerty"
	)
	r := &Request{
		Method: "POST", URL: "http://api.example.com/oauth/access_token?oauth_token_secret=" + tokenSecret +
			"&oauth_consumer_secret=" + consumerSecret + "&oauth_signature=" + strings.ReplaceAll(plaintextSig, "&", "%26") +
			"&oauth_signature_method=PLAINTEXT&oauth_consumer_key=k&oauth_token=t&oauth_verifier=v",
		Scheme: "http", SchemeKnown: true, Host: "api.example.com", Target: "/oauth/access_token",
		Headers: []Header{
			{Name: "Authorization", Value: "Bearer " + bearer},
			{Name: "X-Api-Secret", Value: headerSecret},
		},
		ContentType: "text/plain",
		Body:        []byte("client_id=abc&client_secret=" + clientSecret),
	}
	return r, []string{tokenSecret, consumerSecret, headerSecret, plaintextSig, "PLAINSIG", bearer, clientSecret}
}

func TestLintNeverShowsSecrets(t *testing.T) {
	r, secrets := secretRequest()
	got := Lint(r, LintOptions{})
	ids := map[string]int{}
	for _, f := range got {
		ids[f.ID]++
		for _, s := range secrets {
			if strings.Contains(f.Message, s) {
				t.Errorf("finding %s shows a secret: %s", f.ID, f.Message)
			}
		}
	}
	// Four secrets: two query parameters, a header, a body parameter.
	if ids["secret-in-request"] != 4 {
		t.Errorf("got %d secret-in-request findings, want 4: %v", ids["secret-in-request"], got)
	}
	for _, id := range []string{"plaintext-over-http", "header-scheme", "credentials-over-http", "form-body-content-type"} {
		if ids[id] != 1 {
			t.Errorf("got %d %s findings, want 1: %v", ids[id], id, got)
		}
	}
}

func TestLintTimestampClock(t *testing.T) {
	// Lint never reads the clock: with no Started and no Now, an ancient
	// timestamp is not compared with anything.
	mk := func(started time.Time) *Request {
		return &Request{
			Method: "GET", URL: "https://example.com/r?oauth_consumer_key=k&oauth_signature_method=HMAC-SHA1" +
				"&oauth_timestamp=137131200&oauth_nonce=n&oauth_signature=wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D",
			Scheme: "https", SchemeKnown: true, Started: started,
		}
	}
	started := time.Date(1974, 5, 7, 4, 3, 0, 0, time.UTC)
	now := time.Date(2016, 12, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		reason  string
		started time.Time
		opts    LintOptions
		want    string // message of the timestamp-skew finding, "" for none
	}{
		{"no-clock", "neither Started nor Now: no comparison", time.Time{}, LintOptions{}, ""},
		{"now", "Now is used when Started is zero", time.Time{}, LintOptions{Now: now},
			"oauth_timestamp 137131200 is 42 years 6 months before the current time 2016-12-01T00:00:00Z (allowed skew 5 minutes)"},
		{"started-wins", "Started is preferred to Now", started, LintOptions{Now: now}, ""},
		{"started-skew", "a smaller MaxSkew makes 3 minutes too far", started, LintOptions{Now: now, MaxSkew: time.Minute},
			"oauth_timestamp 137131200 is 3 minutes before the request time 1974-05-07T04:03:00Z (allowed skew 1 minute)"},
		{"negative-skew", "a negative MaxSkew means the default", started, LintOptions{MaxSkew: -time.Second}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			for _, f := range Lint(mk(tt.started), tt.opts) {
				if f.ID == "timestamp-skew" {
					got = f.Message
				}
			}
			if got != tt.want {
				t.Errorf("%s\ntimestamp-skew = %q\nwant            %q", tt.reason, got, tt.want)
			}
		})
	}
}

func TestLintSpan(t *testing.T) {
	base := time.Date(2011, 10, 14, 20, 9, 18, 0, time.UTC)
	tests := []struct {
		name   string
		reason string
		b      time.Time
		want   string
	}{
		{"zero", "no time at all", base, "less than a second"},
		{"subsecond", "under a second", base.Add(999 * time.Millisecond), "less than a second"},
		{"round-seconds", "seconds round to the nearest", base.Add(44*time.Second + 600*time.Millisecond), "45 seconds"},
		{"round-minutes", "over an hour, minutes round to the nearest", base.Add(2*time.Hour - 2*time.Second), "2 hours"},
		{"round-to-day", "rounding up to a whole day", base.Add(24*time.Hour - 10*time.Second), "1 day"},
		{"seconds", "plural seconds", base.Add(45 * time.Second), "45 seconds"},
		{"one-minute", "singular unit", base.Add(time.Minute), "1 minute"},
		{"minute-seconds", "two units", base.Add(7*time.Minute + 30*time.Second), "7 minutes 30 seconds"},
		{"hours", "seconds dropped after two units", base.Add(3*time.Hour + 12*time.Minute + 5*time.Second), "3 hours 12 minutes"},
		{"gap", "a zero unit after the first ends the phrase", base.Add(2*time.Hour + 5*time.Second), "2 hours"},
		{"days", "days and hours", base.Add(50 * time.Hour), "2 days 2 hours"},
		{"calendar", "years and months by the calendar", time.Date(2016, 12, 1, 0, 0, 0, 0, time.UTC), "5 years 1 month"},
		{"months-days", "months by the calendar, then whole days", time.Date(2012, 2, 28, 0, 0, 0, 0, time.UTC), "4 months 13 days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lintSpan(base, tt.b); got != tt.want {
				t.Errorf("%s: lintSpan = %q, want %q", tt.reason, got, tt.want)
			}
		})
	}
	if got := lintSpan(time.Date(2012, 1, 31, 0, 0, 0, 0, time.UTC), time.Date(2012, 2, 28, 0, 0, 0, 0, time.UTC)); got != "28 days" {
		t.Errorf("Jan 31 to Feb 28: lintSpan = %q, want %q", got, "28 days")
	}
	if got := lintDuration(5 * time.Minute); got != "5 minutes" {
		t.Errorf("lintDuration(5m) = %q, want %q", got, "5 minutes")
	}
}

func TestLintEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"oauth_nounce", "oauth_nonce", 3, 1},
		{"oauth_consumerkey", "oauth_consumer_key", 3, 1},
		{"oauth_nocne", "oauth_nonce", 3, 2},
		{"oauth_token", "oauth_nonce", 3, 3},
		{"", "abc", 3, 3},
		{"abc", "abc", 3, 0},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

func TestFindingJSON(t *testing.T) {
	f := Finding{ID: "missing-param", Severity: SeverityError, Message: "m", Section: "3.1", Param: "oauth_nonce"}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"id":"missing-param","severity":"error","message":"m","section":"3.1","param":"oauth_nonce"}`
	if string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
	f.Param = ""
	if b, _ := json.Marshal(f); strings.Contains(string(b), `"param"`) {
		t.Errorf("json = %s: an empty param is left out", b)
	}
}

func TestLintNil(t *testing.T) {
	if got := Lint(nil, LintOptions{}); got != nil {
		t.Errorf("Lint(nil) = %v, want nil", got)
	}
}

// fuzzRequest builds a request from fuzzed parts.
func fuzzRequest(method, url, auth, contentType, body, extraHeader string, started int64, plainHTTP bool) *Request {
	r := &Request{Method: method, URL: url, ContentType: contentType, Body: []byte(body)}
	if _, rest, ok := strings.Cut(url, "://"); ok {
		host, _, _ := strings.Cut(rest, "/")
		r.Host = host
		r.Target = strings.TrimPrefix(rest, host)
	} else {
		r.Target = url
	}
	if plainHTTP {
		r.Scheme, r.SchemeKnown = "http", true
	}
	for _, v := range strings.Split(auth, "\x00") {
		r.Headers = append(r.Headers, Header{Name: "Authorization", Value: v})
	}
	if name, value, ok := strings.Cut(extraHeader, ":"); ok {
		r.Headers = append(r.Headers, Header{Name: name, Value: value})
	}
	if contentType != "" {
		r.Headers = append(r.Headers, Header{Name: "Content-Type", Value: contentType})
	}
	if started != 0 {
		r.Started = time.Unix(started%(1<<40), 0)
	}
	return r
}

func FuzzLint(f *testing.F) {
	f.Add("POST", "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
		`OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature="tnnArxj06cWHq44gCs1OSKk%2FjLY%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"`,
		"application/x-www-form-urlencoded", "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21", "", int64(1318622960), false)
	f.Add("GET", "http://photos.example.net/photos?file=vacation.jpg&oauth_signature_method=PLAINTEXT&oauth_signature=a%26b&oauth_token_secret=x",
		"Bearer abc\x00OAuth realm=\"x\", oauth_nonce=unquoted oauth_timestamp=\"1318622958123\"", "", "a=1&b=2", "X-Secret:s", int64(0), true)
	f.Add("POST", "/oauth/request_token", `OAuth oauth_consumer_key="k", oauth_signature="%zz`, "application/json", `{"a":1}`, "Date:x", int64(-5), false)
	f.Add("POST", "https://h/oauth/access_token?oauth_body_hash=2jmj7l5rSw0yVb%2FvlWAYkK%2FYBwk%3D", `OAuth oauth_signature_method="hmac-sha1", oauth_signature="a b", oauth_version="1.0a", oauth_callback="OOB"`, "text/plain", "x", "", int64(1<<62), false)
	f.Fuzz(func(t *testing.T, method, url, auth, contentType, body, extraHeader string, started int64, plainHTTP bool) {
		r := fuzzRequest(method, url, auth, contentType, body, extraHeader, started, plainHTTP)
		opts := LintOptions{Now: time.Unix(1318622958, 0)}
		got := Lint(r, opts)
		if again := Lint(r, opts); !slices.Equal(got, again) {
			t.Fatalf("Lint is not deterministic:\n%v\n%v", got, again)
		}
		// Given what the engine collected, as compare gives it, Lint finds
		// the same.
		if col, ok := engineCollected(r); ok {
			shared := opts
			shared.Collected = col
			if with := Lint(r, shared); !slices.Equal(got, with) {
				t.Fatalf("with the engine's parameters:\n%v\nreading the request:\n%v", with, got)
			}
		}
		sorted := slices.IsSortedFunc(got, func(a, b Finding) int {
			if d := a.Severity.rank() - b.Severity.rank(); d != 0 {
				return d
			}
			if d := strings.Compare(a.ID, b.ID); d != 0 {
				return d
			}
			return strings.Compare(a.Message, b.Message)
		})
		if !sorted {
			t.Fatalf("findings not sorted: %v", got)
		}
		for _, fd := range got {
			if _, ok := ruleByID(fd.ID); !ok {
				t.Fatalf("finding %q is not in the catalogue", fd.ID)
			}
			if fd.Message == "" {
				t.Fatalf("finding %q has no message", fd.ID)
			}
		}
		ps, _ := OAuthParams(r)
		for _, p := range ps {
			if !strings.HasPrefix(p.Name, "oauth_") {
				t.Fatalf("OAuthParams returned %q", p.Name)
			}
			// HasOAuth does not decode: it sees the names sent unencoded.
			if strings.HasPrefix(p.Raw, "oauth_") && !HasOAuth(r) {
				t.Fatalf("OAuthParams found %q in the %s but HasOAuth is false", p.Raw, p.Source)
			}
		}
	})
}

// TestKnownName checks that knownName follows suggestedNames.
func TestKnownName(t *testing.T) {
	for i, name := range suggestedNames {
		if got := knownName(name); got != i {
			t.Errorf("knownName(%q) = %d, want %d", name, got, i)
		}
	}
	if got := knownName("oauth_other"); got != -1 {
		t.Errorf("knownName(oauth_other) = %d, want -1", got)
	}
}

// TestBadEscapeAndMentions checks badEscape, which skips ahead, and
// mentionsTokenOrInitiate, which does not lower the path, against plain
// readings of the same rules: badEscape on every string of up to four
// bytes drawn from the bytes that matter, the other on paths that mention
// the words or nearly do.
func TestBadEscapeAndMentions(t *testing.T) {
	slowBadEscape := func(s string) int {
		for i := 0; i < len(s); i++ {
			if s[i] == '%' {
				if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
					return i
				}
				i += 2
			}
		}
		return -1
	}
	slowMentions := func(s string) bool {
		l := strings.ToLower(s)
		return strings.Contains(l, "token") || strings.Contains(l, "initiate")
	}
	alphabet := "%aF0gT_tOKnINe/"
	var walk func(s string)
	walk = func(s string) {
		if got, want := badEscape(s), slowBadEscape(s); got != want {
			t.Errorf("badEscape(%q) = %d, want %d", s, got, want)
		}
		if len(s) == 4 {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			walk(s + alphabet[i:i+1])
		}
	}
	walk("")
	for _, s := range []string{"/oauth/request_token", "/OAuth/Access_TOKEN", "/initiate", "/INITIATE/x", "/tokens", "/toke", "/initiat", "/tt0ken", "/iinitiate", "/x/ttoken"} {
		for _, s := range []string{s, s + "/", "x" + s} {
			if got, want := mentionsTokenOrInitiate(s), slowMentions(s); got != want {
				t.Errorf("mentionsTokenOrInitiate(%q) = %v, want %v", s, got, want)
			}
		}
	}
}
