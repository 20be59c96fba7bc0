package inspect

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

// harGenReader produces a HAR on the fly: head, then body repeated n times
// (each copy made by part(i)), then tail. Nothing of the size of the whole
// input is ever held.
type harGenReader struct {
	head, tail string
	n, i       int
	part       func(i int) string
	cur        *strings.Reader
}

func (g *harGenReader) Read(p []byte) (int, error) {
	for {
		if g.cur != nil && g.cur.Len() > 0 {
			return g.cur.Read(p)
		}
		switch {
		case g.i == 0 && g.head != "":
			g.cur, g.head = strings.NewReader(g.head), ""
			continue
		case g.i < g.n:
			g.cur = strings.NewReader(g.part(g.i))
			g.i++
			continue
		case g.tail != "":
			g.cur, g.tail = strings.NewReader(g.tail), ""
			continue
		}
		return 0, io.EOF
	}
}

// harHeapUse runs fn and returns the growth of HeapInuse after it, once
// garbage is collected, and
// the bytes it allocated in total.
func harHeapUse(fn func()) (inuse, total uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if after.HeapInuse > before.HeapInuse {
		inuse = after.HeapInuse - before.HeapInuse
	}
	return inuse, after.TotalAlloc - before.TotalAlloc
}

// TestReadHARSizeBounded feeds generated HARs that are too large to keep
// and checks what the reader records and that its memory stays bounded.
func TestReadHARSizeBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("generates tens of megabytes")
	}
	const signed = `{"request": {"method": "POST", "url": "https://api.example.com/1/statuses", "headers": [` +
		`{"name": "Content-Type", "value": "application/x-www-form-urlencoded"}, ` +
		`{"name": "Authorization", "value": "OAuth oauth_consumer_key=\"k\", oauth_nonce=\"n%d\", oauth_signature=\"tnnArxj06cWHq44gCs1OSKk%%2FjLY%%3D\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1714558830\", oauth_version=\"1.0\""}], ` +
		`"postData": {"mimeType": "application/x-www-form-urlencoded", "text": "status=%s"}}, ` +
		`"response": {"status": 200, "content": {"text": "ok"}}}`
	const chunk = 64 << 10
	filler := strings.Repeat("a", chunk)
	for _, tc := range []struct {
		name, reason string
		in           func() io.Reader
		entries      int
		maxTotal     uint64 // bytes allocated while reading, in all
		check        func(t *testing.T, r *Request)
	}{
		{
			name:   "body-20MB",
			reason: "a 20 MB signed form body is cut at 16 MiB, recorded in Cut, and the rest is streamed past",
			in: func() io.Reader {
				pre, post, _ := strings.Cut(fmt.Sprintf(signed, 0, "\x00"), "\x00")
				return &harGenReader{
					head: `{"log": {"entries": [` + pre,
					n:    20_000_000 / chunk, part: func(int) string { return filler },
					tail: post + "]}}",
				}
			},
			entries:  1,
			maxTotal: 128 << 20, // the kept 16 MiB grown by append (about 5x in all), and one copy for the Request
			check: func(t *testing.T, r *Request) {
				if len(r.Cut) != 1 || r.Cut[0].Field != "request.postData.text" || r.Cut[0].Limit != harMaxBody || r.Cut[0].Size != int64(len("status=")+20_000_000/chunk*chunk) {
					t.Errorf("Cut = %+v, want request.postData.text cut at %d", r.Cut, harMaxBody)
				}
				if !strings.Contains(strings.Join(r.Notes, "\n"), "signature over the body cannot be checked") {
					t.Errorf("Notes = %q", r.Notes)
				}
			},
		},
		{
			name:   "entries-1M",
			reason: "one million signed entries stream through the callback in flat memory",
			in: func() io.Reader {
				return &harGenReader{
					head: `{"log": {"version": "1.2", "entries": [`,
					n:    1_000_000,
					part: func(i int) string {
						e := fmt.Sprintf(signed, i, "hello")
						if i > 0 {
							e = "," + e
						}
						return e
					},
					tail: "]}}",
				}
			},
			entries: 1_000_000,
			check: func(t *testing.T, r *Request) {
				if len(r.Cut) != 0 || len(r.Body) != len("status=hello") {
					t.Errorf("entry %d: Cut %+v, Body %q", r.Origin.Entry, r.Cut, r.Body)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n int
			var peak uint64
			var ms runtime.MemStats
			inuse, total := harHeapUse(func() {
				_, err := readHAR(tc.in(), "gen.har", func(r *Request) error {
					if n%100_000 == 0 || n < 1 {
						tc.check(t, r)
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapInuse)
					}
					n++
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			})
			if n != tc.entries {
				t.Fatalf("%d entries, want %d", n, tc.entries)
			}
			// The requests are dropped by the callback, so what stays in use
			// is the reader's reused buffers.
			const maxInuse, maxPeak = 48 << 20, 128 << 20
			if inuse > maxInuse || peak > maxPeak {
				t.Errorf("heap in use grew by %d bytes (peak %d), want under %d", inuse, peak, maxInuse)
			}
			if tc.maxTotal > 0 && total > tc.maxTotal {
				t.Errorf("allocated %d bytes in all, want under %d", total, tc.maxTotal)
			}
			t.Logf("heap in use +%d bytes, peak %d, allocated %d in all", inuse, peak, total)
		})
	}
}

// TestReadHARDeepResponse checks that the values the reader skips (they play
// no part in signing) are skipped at any depth, in a response or not.
func TestReadHARDeepResponse(t *testing.T) {
	deep := strings.Repeat(`{"a":[`, 3*harMaxDepth) + strings.Repeat(`]}`, 3*harMaxDepth)
	for _, tc := range []struct {
		name, reason, in, wantErr string
	}{
		{"response-headers", "response headers nested 60,000 deep are skipped", harDoc(`{"request": {"url": "https://a/"}, "response": {"status": 200, "headers": ` + deep + `}}`), ""},
		{"response-content", "an unknown content member nested 60,000 deep is skipped", harDoc(`{"request": {"url": "https://a/"}, "response": {"content": {"x": ` + deep + `, "text": "t"}}}`), ""},
		{"request-member", "an unknown request member nested 60,000 deep is skipped", harDoc(`{"request": {"url": "https://a/", "x": ` + deep + `}, "response": {}}`), ""},
		{"entry-member", "timings nested 60,000 deep are skipped", harDoc(`{"request": {"url": "https://a/"}, "timings": ` + deep + `, "response": {}}`), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			_, err := readHAR(strings.NewReader(tc.in), "deep.har", func(r *Request) error {
				n++
				if r.URL != "https://a/" || r.Response == nil {
					t.Errorf("URL %q, Response %v", r.URL, r.Response)
				}
				return nil
			})
			if tc.wantErr == "" {
				if err != nil || n != 1 {
					t.Fatalf("%d entries, error %v", n, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
		})
	}
}
