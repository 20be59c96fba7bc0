package provider

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/compare"
)

// signedCall is one pre-signed two-legged GET of the user resource.
type signedCall struct{ url, auth string }

// presign signs n calls with distinct nonces, so that the load generator
// spends its time sending, not signing.
func presign(tb testing.TB, base string, n int, now time.Time, prefix string) []signedCall {
	tb.Helper()
	calls := make([]signedCall, n)
	ts := strconv.FormatInt(now.Unix(), 10)
	for i := range calls {
		nonce := prefix + strconv.Itoa(i)
		u := base + PathUser + "?page=" + strconv.Itoa(i%7)
		unsigned := `OAuth oauth_consumer_key="ck", oauth_nonce="` + nonce + `", oauth_signature_method="HMAC-SHA1", oauth_timestamp="` + ts + `", oauth_version="1.0"`
		res, err := basestring.Build(&basestring.Request{Method: "GET", URL: u, Authorization: unsigned}, nil)
		if err != nil {
			tb.Fatal(err)
		}
		m, _ := basestring.MethodByName("HMAC-SHA1")
		sig, err := m.Sign([]byte(res.BaseString), basestring.Credentials{ConsumerSecret: "cs"}, basestring.KeyRFC)
		if err != nil {
			tb.Fatal(err)
		}
		calls[i] = signedCall{u, unsigned + `, oauth_signature="` + basestring.Encode(sig) + `"`}
	}
	return calls
}

// loadServer starts the provider on a loopback port.
func loadServer(tb testing.TB, now time.Time, limits Limits) (*Provider, string) {
	tb.Helper()
	p := New([]*Consumer{{Key: "ck", Secret: "cs", TwoLegged: true}}, Options{Realm: "load", Explain: true, Now: func() time.Time { return now }, Limits: limits})
	mux := http.NewServeMux()
	p.Register(mux)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	tb.Cleanup(func() { _ = srv.Close() })
	return p, "http://" + ln.Addr().String()
}

// fire sends the calls from workers keep-alive connections and counts
// answers other than 200.
func fire(tb testing.TB, calls []signedCall, workers int) (failed int64, firstErr string) {
	tb.Helper()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers}}
	defer client.CloseIdleConnections()
	var next, bad atomic.Int64
	var once sync.Once
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(len(calls)) {
					return
				}
				req, _ := http.NewRequest("GET", calls[i].url, nil)
				req.Header.Set("Authorization", calls[i].auth)
				resp, err := client.Do(req)
				if err != nil {
					bad.Add(1)
					once.Do(func() { firstErr = err.Error() })
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					bad.Add(1)
					once.Do(func() { firstErr = fmt.Sprintf("%d %s", resp.StatusCode, body) })
				}
			}
		}()
	}
	wg.Wait()
	return bad.Load(), firstErr
}

// BenchmarkServeVerified measures verified requests per second through a
// real loopback server with keep-alive clients on the same machine; the
// baseline is the same server answering an unauthenticated handler, so the
// ratio is what verification costs over HTTP itself.
func BenchmarkServeVerified(b *testing.B) {
	now := time.Unix(1767225600, 0)
	for _, mode := range []string{"verified", "baseline-no-oauth"} {
		b.Run(mode, func(b *testing.B) {
			_, base := loadServer(b, now, Limits{NoncesPerConsumer: 1 << 20})
			calls := presign(b, base, b.N, now, "n")
			if mode != "verified" {
				for i := range calls {
					calls[i].url = base + "/api/1.0/oauth/page.css"
				}
			}
			b.ResetTimer()
			start := time.Now()
			failed, first := fire(b, calls, 8)
			elapsed := time.Since(start)
			b.StopTimer()
			if failed > 0 {
				b.Fatalf("%d of %d failed, first: %s", failed, b.N, first)
			}
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
		})
	}
}

// TestServeLoadBounded sends a bounded flood of verified calls (20,000, or
// 2,000 with -short) and checks that every one is accepted and that the
// nonce store and the heap stay bounded: it asserts counts and memory,
// never time.
func TestServeLoadBounded(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	now := time.Unix(1767225600, 0)
	p, base := loadServer(t, now, Limits{NoncesPerConsumer: 5000})
	// The store forgets the oldest nonces and then refuses timestamps not
	// newer than theirs, so the calls come in batches of 1,000 a second
	// apart, as a client sending 1,000 calls a second would.
	var calls []signedCall
	for i := 0; i < n; i += 1000 {
		calls = append(calls, presign(t, base, min(1000, n-i), now.Add(time.Duration(i/1000-150)*time.Second), "b"+strconv.Itoa(i)+"-")...)
	}
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	failed, first := fire(t, calls, 8)
	if failed > 0 {
		t.Fatalf("%d of %d calls failed, first: %s", failed, len(calls), first)
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	if c := p.Counts(); c.Nonces > 5000 {
		t.Errorf("nonce store holds %d, more than its bound 5000", c.Nonces)
	}
	grown := int64(after.HeapInuse) - int64(before.HeapInuse)
	t.Logf("%d verified calls; heap in use %d KiB before, %d KiB after; %d nonces kept", len(calls), before.HeapInuse>>10, after.HeapInuse>>10, p.Counts().Nonces)
	if grown > 64<<20 {
		t.Errorf("heap grew by %d MiB over %d calls", grown>>20, len(calls))
	}
}

// TestTokenFloodBounded makes far more request tokens than the table keeps
// and checks that the table stays at its bound and the newest still work.
func TestTokenFloodBounded(t *testing.T) {
	p := New([]*Consumer{{Key: "ck", Secret: "cs"}}, Options{Limits: Limits{RequestTokens: 100, AccessTokens: 50}})
	for i := range 5000 {
		p.mu.Lock()
		p.requests.put("rt"+strconv.Itoa(i), &requestToken{secret: "s", consumer: "ck", expires: time.Now().Add(time.Hour)})
		p.access.put("at"+strconv.Itoa(i), &accessToken{Secret: "s", Consumer: "ck"})
		p.mu.Unlock()
	}
	c := p.Counts()
	if c.RequestTokens != 100 || c.AccessTokens != 50 {
		t.Fatalf("counts %+v, want 100 request and 50 access tokens", c)
	}
	if len(p.requests.order) > 2*100+16 || len(p.access.order) > 2*50+16 {
		t.Fatalf("order lists grew: %d, %d", len(p.requests.order), len(p.access.order))
	}
	if _, err := p.lookup(t.Context(), "ck", "rt4999"); err != nil {
		t.Fatalf("newest request token: %v", err)
	}
	if _, err := p.lookup(t.Context(), "ck", "rt0"); err != compare.ErrUnknownToken {
		t.Fatalf("oldest request token: %v, want ErrUnknownToken", err)
	}
}
