package inspect

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

func TestReadJSONL(t *testing.T) {
	signed := `{"method":"POST","url":"https://api.example.com/1/x?a=b","transport":"header","oauth_params":{},"base_string":"POST&…",` +
		`"signature_method":"HMAC-SHA1","signature":"s","authorization":"OAuth oauth_consumer_key=\"k\"","headers":["X-Trace: 1"],` +
		`"content_type":"application/x-www-form-urlencoded","body":"c=d","signed_url":"","curl":"curl …"}`
	tests := []struct {
		name, reason, in string
		want             []string // method url origin auth content-type body per request
		wantErr          string
	}{
		{"plain", "the plain form, two lines and a blank one",
			`{"method":"GET","url":"https://a.example/x","headers":[["Authorization","OAuth a=\"1\""]]}` + "\n\n" +
				`{"url":"https://a.example/y","body":"q=1","headers":[["Content-Type","application/x-www-form-urlencoded"]]}` + "\n",
			[]string{"GET https://a.example/x t:1 OAuth a=\"1\"  ", "GET https://a.example/y t:3  application/x-www-form-urlencoded q=1"}, ""},
		{"sign-json", "an object sign --json prints", signed + "\n",
			[]string{"POST https://api.example.com/1/x?a=b t:1 OAuth oauth_consumer_key=\"k\" application/x-www-form-urlencoded c=d"}, ""},
		{"no-final-newline", "the last line without a newline", `{"url":"https://a.example/"}`,
			[]string{"GET https://a.example/ t:1   "}, ""},
		{"bad-json", "a malformed line names its line", `{"url":"https://a.example/"}` + "\n{\"url\":\n", nil, "line 2"},
		{"no-url", "a line without url", `{"method":"GET"}`, nil, `no "url"`},
		{"bad-header", "a header that is neither form", `{"url":"https://a.example/","headers":[1]}`, nil, "header 0"},
		{"bad-url", "a relative url is an error on its line", "\n\n" + `{"url":"/x"}`, nil, "line 3"},
	}
	for _, tc := range tests {
		var got []string
		err := Read(strings.NewReader(tc.in), ReadOptions{Name: "t", Format: FormatJSONL}, func(r *Request) error {
			got = append(got, r.Method+" "+r.URL+" "+r.Origin.String()+" "+r.Header("Authorization")+" "+r.ContentType+" "+string(r.Body))
			if r.Format != FormatJSONL {
				t.Errorf("%s: format %q", tc.name, r.Format)
			}
			return nil
		})
		if tc.wantErr != "" {
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s (%s): error %v, want an input error containing %q", tc.name, tc.reason, err, tc.wantErr)
			}
			continue
		}
		if err != nil || strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s (%s): got\n%s\nerror %v; want\n%s", tc.name, tc.reason, strings.Join(got, "\n"), err, strings.Join(tc.want, "\n"))
		}
	}
}

func TestDetectJSONL(t *testing.T) {
	in := `{"method":"GET","url":"https://a.example/x"}` + "\n" + `{"url":"https://a.example/y"}` + "\n"
	n := 0
	err := Read(strings.NewReader(in), ReadOptions{Name: "t"}, func(r *Request) error {
		n++
		if r.Format != FormatJSONL {
			t.Errorf("format %q, want jsonl", r.Format)
		}
		return nil
	})
	if err != nil || n != 2 {
		t.Errorf("read %d requests, error %v; want 2", n, err)
	}
}

// manyLines is an endless JSON Lines stream of one request repeated.
type manyLines struct {
	line string
	off  int
	left int
}

func (m *manyLines) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && m.left > 0 {
		c := copy(p[n:], m.line[m.off:])
		n += c
		m.off += c
		if m.off == len(m.line) {
			m.off = 0
			m.left--
		}
	}
	if n == 0 {
		return 0, errors.New("eof")
	}
	return n, nil
}

// TestReadJSONLStreams checks memory stays flat over many lines: the heap
// live after 50,000 to 200,000 requests is no bigger than a few MiB.
func TestReadJSONLStreams(t *testing.T) {
	m := &manyLines{line: `{"url":"https://a.example/x?a=b","headers":[["Authorization","OAuth a=\"1\""]]}` + "\n", left: 200000}
	var peak uint64
	n := 0
	stop := errors.New("stop")
	err := Read(m, ReadOptions{Name: "t", Format: FormatJSONL}, func(*Request) error {
		n++
		if n%50000 == 0 {
			var s runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&s)
			peak = max(peak, s.HeapAlloc)
		}
		if n == 200000 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 200000 {
		t.Fatalf("read %d requests, error %v", n, err)
	}
	if peak > 16<<20 {
		t.Errorf("heap in use %d MiB while streaming, want flat", peak>>20)
	}
}

func TestReadJSONLLongLine(t *testing.T) {
	err := Read(endless('x'), ReadOptions{Name: "t", Format: FormatJSONL}, func(*Request) error { return nil })
	var ie *InputError
	if !errors.As(err, &ie) || ie.Line != 1 || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("error %v, want line 1 longer than the limit", err)
	}
}

func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{
		`{"method":"GET","url":"https://a.example/x","headers":[["A","b"]],"body":"c"}`,
		`{"url":"https://a.example/"}` + "\n\n" + `{"url":"http://b/"}`,
		`{"url":"https://a/","headers":["X: y"],"authorization":"OAuth a=\"b\"","content_type":"text/plain"}`,
		`{"url":`, `{}`, "\ufeff{\"url\":\"https://a/\"}", `{"url":"https://a/","headers":[[1,2]]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = Read(strings.NewReader(s), ReadOptions{Name: "f", Format: FormatJSONL}, func(r *Request) error {
			if r.Origin.Line < 1 {
				t.Errorf("origin %v without a line", r.Origin)
			}
			return nil
		})
	})
}
