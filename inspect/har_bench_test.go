package inspect

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The benchmarks generate Chrome-style HAR files (not committed) and read
// them with readHAR and, as a baseline, with encoding/json's streaming
// Decoder. The 100 MB file (20,000 entries) always runs; set
// OAUTHDBG_HAR_BENCH_500MB=1 to add a 500 MB one (100,000 entries):
//
//	go test -run '^$' -bench 'readHAR|HARBaseline' -benchmem ./inspect/
//	OAUTHDBG_HAR_BENCH_500MB=1 go test -run '^$' -bench 'readHAR|HARBaseline' -benchmem -timeout 30m ./inspect/
//	go test -run '^$' -bench 'ReadHARVsBaseline' -benchtime 5x ./inspect/   # the speed-up, paired
//
// Each benchmark also reports peak-RSS-MB: the peak resident set size (Linux
// VmHWM) of a fresh test process that reads the file once, so the figure is
// the whole process's memory, not a heap estimate. On a busy machine MB/s
// swings with the load, so they also report MB/cpu-s, the throughput per
// second of CPU time the process used (all threads, GC included, from
// /proc/self/stat), which compares the two readers more steadily.

type harBenchSize struct {
	name    string
	entries int
}

func harBenchSizes() []harBenchSize {
	sizes := []harBenchSize{{"100MB", 20000}}
	if os.Getenv("OAUTHDBG_HAR_BENCH_500MB") != "" {
		sizes = append(sizes, harBenchSize{"500MB", 100000})
	}
	return sizes
}

// harBenchFile writes a generated HAR of the given size under dir.
func harBenchFile(tb testing.TB, dir string, size harBenchSize) (string, int64) {
	tb.Helper()
	path := filepath.Join(dir, "bench-"+size.name+".har")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := writeHARBench(w, size.entries, 1); err != nil {
		tb.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	return path, fi.Size()
}

func BenchmarkReadHAR(b *testing.B) {
	dir := b.TempDir()
	for _, size := range harBenchSizes() {
		path, n := harBenchFile(b, dir, size)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(n)
			b.ReportAllocs()
			cpu := harStartCPU()
			for b.Loop() {
				if got := harBenchRead(b, path); got != size.entries {
					b.Fatalf("read %d entries, want %d", got, size.entries)
				}
			}
			cpu.report(b, n)
			harReportPeakRSS(b, path, "readhar", size.entries)
		})
	}
}

func BenchmarkHARBaselineJSONDecoder(b *testing.B) {
	dir := b.TempDir()
	for _, size := range harBenchSizes() {
		path, n := harBenchFile(b, dir, size)
		b.Run(size.name+"/decode-entries", func(b *testing.B) {
			b.SetBytes(n)
			b.ReportAllocs()
			cpu := harStartCPU()
			for b.Loop() {
				got, err := harBenchDecode(path)
				if err != nil || got != size.entries {
					b.Fatalf("decoded %d entries (%v), want %d", got, err, size.entries)
				}
			}
			cpu.report(b, n)
			harReportPeakRSS(b, path, "decode-entries", size.entries)
		})
		b.Run(size.name+"/token-walk", func(b *testing.B) {
			b.SetBytes(n)
			b.ReportAllocs()
			cpu := harStartCPU()
			for b.Loop() {
				if err := harBenchTokenWalk(path); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b, n)
		})
	}
}

// BenchmarkReadHARVsBaseline reads the file with readHAR and with the
// decode-entries baseline in turn, so that both see the same machine load,
// and reports how many times faster readHAR was in wall time and in CPU time.
func BenchmarkReadHARVsBaseline(b *testing.B) {
	dir := b.TempDir()
	for _, size := range harBenchSizes() {
		path, n := harBenchFile(b, dir, size)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(2 * n)
			var wall [2]time.Duration
			var ticks [2]int64
			for b.Loop() {
				for i := range 2 {
					t0, c0 := time.Now(), harStartCPU()
					if i == 0 {
						harBenchRead(b, path)
					} else if _, err := harBenchDecode(path); err != nil {
						b.Fatal(err)
					}
					wall[i] += time.Since(t0)
					if c1, ok := harProcessTicks(); ok && c0.ok {
						ticks[i] += c1 - c0.ticks
					}
				}
			}
			b.ReportMetric(float64(wall[1])/float64(wall[0]), "x-faster-wall")
			if ticks[0] > 0 {
				b.ReportMetric(float64(ticks[1])/float64(ticks[0]), "x-faster-cpu")
			}
		})
	}
}

// harBenchRead reads the file with readHAR, looking at the fields a caller
// filtering OAuth requests would look at.
func harBenchRead(tb testing.TB, path string) int {
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	oauth := 0
	st, err := readHAR(f, path, func(r *Request) error {
		if strings.HasPrefix(r.Header("Authorization"), "OAuth ") || strings.Contains(r.URL, "oauth_signature=") || bytes.Contains(r.Body, []byte("oauth_signature=")) {
			oauth++
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if oauth == 0 {
		tb.Fatal("no OAuth request found")
	}
	return st.Entries
}

// harBenchEntry holds what readHAR extracts, for the encoding/json baseline.
type harBenchEntry struct {
	StartedDateTime string `json:"startedDateTime"`
	Request         struct {
		Method   string `json:"method"`
		URL      string `json:"url"`
		Headers  []struct{ Name, Value string }
		PostData *struct {
			MimeType string `json:"mimeType"`
			Text     string `json:"text"`
			Params   []struct{ Name, Value string }
		} `json:"postData"`
	} `json:"request"`
	Response struct {
		Status     int    `json:"status"`
		StatusText string `json:"statusText"`
		Content    struct {
			MimeType string `json:"mimeType"`
			Text     string `json:"text"`
			Encoding string `json:"encoding"`
		} `json:"content"`
	} `json:"response"`
}

// harBenchDecode walks to log.entries with Token and decodes the entries
// one by one into harBenchEntry: a plain streaming use of encoding/json.
func harBenchDecode(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 64<<10))
	if err := harBenchSeek(dec, "log"); err != nil {
		return 0, err
	}
	if err := harBenchSeek(dec, "entries"); err != nil {
		return 0, err
	}
	if _, err := dec.Token(); err != nil { // [
		return 0, err
	}
	n := 0
	for dec.More() {
		var e harBenchEntry
		if err := dec.Decode(&e); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// harBenchSeek reads the next '{' and the members of that object up to the value of key.
func harBenchSeek(dec *json.Decoder, key string) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("expected an object, got %v (%v)", t, err)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if t == key {
			return nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return err
		}
	}
	return fmt.Errorf("no %q key", key)
}

// harBenchTokenWalk reads every token of the file.
func harBenchTokenWalk(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 64<<10))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// harCPU is the process's CPU time at the start of a measurement.
type harCPU struct {
	ticks int64
	ok    bool
}

// harProcessTicks returns the user and system CPU time of the process in
// clock ticks (fields 14 and 15 of /proc/self/stat), or false elsewhere.
func harProcessTicks() (int64, bool) {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// The command name (field 2) is in parentheses and may hold spaces.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return utime + stime, true
}

func harStartCPU() harCPU {
	t, ok := harProcessTicks()
	return harCPU{t, ok}
}

// report adds MB/cpu-s for b.N reads of size bytes. Linux counts CPU time in
// ticks of 10 ms (USER_HZ is 100 on every architecture Go supports there).
func (c harCPU) report(b *testing.B, size int64) {
	end, ok := harProcessTicks()
	if !c.ok || !ok || end <= c.ticks {
		return
	}
	secs := float64(end-c.ticks) / 100
	b.ReportMetric(float64(size)*float64(b.N)/1e6/secs, "MB/cpu-s")
}

// harReportPeakRSS runs a fresh test process that reads path once in the given
// mode and reports its peak resident set size. It reports nothing where
// /proc/self/status is missing.
func harReportPeakRSS(b *testing.B, path, mode string, entries int) {
	b.StopTimer()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHARBenchPeakChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "OAUTHDBG_HAR_PEAK_FILE="+path, "OAUTHDBG_HAR_PEAK_MODE="+mode,
		"OAUTHDBG_HAR_PEAK_ENTRIES="+strconv.Itoa(entries))
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("peak memory child: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "peak-rss-kb "); ok {
			kb, err := strconv.ParseFloat(v, 64)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(kb/1024, "peak-RSS-MB")
			return
		}
	}
	if !strings.Contains(string(out), "no /proc/self/status") {
		b.Fatalf("peak memory child printed no figure:\n%s", out)
	}
}

// TestHARBenchPeakChild is the process harReportPeakRSS starts; it does nothing
// in a normal test run.
func TestHARBenchPeakChild(t *testing.T) {
	path := os.Getenv("OAUTHDBG_HAR_PEAK_FILE")
	if path == "" {
		t.Skip("runs only as a child of the HAR benchmarks")
	}
	want, _ := strconv.Atoi(os.Getenv("OAUTHDBG_HAR_PEAK_ENTRIES"))
	var got int
	switch mode := os.Getenv("OAUTHDBG_HAR_PEAK_MODE"); mode {
	case "readhar":
		got = harBenchRead(t, path)
	case "decode-entries":
		var err error
		if got, err = harBenchDecode(path); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("unknown mode %q", mode)
	}
	if got != want {
		t.Fatalf("read %d entries, want %d", got, want)
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		fmt.Println("no /proc/self/status")
		return
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fmt.Printf("peak-rss-kb %s\n", strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
		}
	}
	fmt.Printf("go-sys-mb %.1f heap-sys-mb %.1f\n", float64(ms.Sys)/(1<<20), float64(ms.HeapSys)/(1<<20))
}

// harJSON writes indented JSON the way Chrome's HAR export does (two spaces).
type harJSON struct {
	w     *bufio.Writer
	depth int
	first bool // no member written yet at this depth
}

func (j *harJSON) newline() {
	j.w.WriteByte('\n')
	for range j.depth {
		j.w.WriteString("  ")
	}
}

// sep starts a value in an array or a member in an object.
func (j *harJSON) sep() {
	if !j.first {
		j.w.WriteByte(',')
	}
	j.first = false
	j.newline()
}

func (j *harJSON) open(c byte) {
	j.w.WriteByte(c)
	j.depth++
	j.first = true
}

func (j *harJSON) close(c byte) {
	j.depth--
	if !j.first {
		j.newline()
	}
	j.w.WriteByte(c)
	j.first = false
}

func (j *harJSON) key(k string) {
	j.sep()
	j.quote(k)
	j.w.WriteString(": ")
}

func (j *harJSON) str(k, v string) {
	j.key(k)
	j.quote(v)
}

func (j *harJSON) num(k string, v float64) {
	j.key(k)
	j.w.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
}

func (j *harJSON) raw(k, v string) {
	j.key(k)
	j.w.WriteString(v)
}

func (j *harJSON) obj(k string) {
	j.key(k)
	j.open('{')
}

func (j *harJSON) arr(k string) {
	j.key(k)
	j.open('[')
}

// elem starts an object element of an array.
func (j *harJSON) elem() {
	j.sep()
	j.open('{')
}

func (j *harJSON) pairs(k string, kv ...string) {
	j.arr(k)
	for i := 0; i+1 < len(kv); i += 2 {
		j.elem()
		j.str("name", kv[i])
		j.str("value", kv[i+1])
		j.close('}')
	}
	j.close(']')
}

// quote writes s as a JSON string, escaping like Chrome does (non-ASCII as is).
func (j *harJSON) quote(s string) {
	const hex = "0123456789abcdef"
	j.w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		j.w.WriteString(s[start:i])
		switch c {
		case '"', '\\':
			j.w.WriteByte('\\')
			j.w.WriteByte(c)
		case '\n':
			j.w.WriteString(`\n`)
		case '\r':
			j.w.WriteString(`\r`)
		case '\t':
			j.w.WriteString(`\t`)
		default:
			j.w.WriteString(`\u00`)
			j.w.WriteByte(hex[c>>4])
			j.w.WriteByte(hex[c&15])
		}
		start = i + 1
	}
	j.w.WriteString(s[start:])
	j.w.WriteByte('"')
}

// harBenchPools holds text that response bodies are harBenchCut from.
type harBenchPools struct {
	json, script, b64 string
}

func newHARBenchPools(r *rand.Rand) harBenchPools {
	words := []string{"id", "name", "full_name", "description", "is_private", "owner", "links", "html", "href",
		"created_on", "updated_on", "size", "language", "has_issues", "uuid", "{7f3c2a1e-9b1d-4e57-a2f0-3c1d5e6f7a8b}",
		"slug", "repository", "mainbranch", "type", "commit", "hash", "author", "raw", "message", "date", "Fix the build",
		"parents", "summary", "markup", "markdown", "rendered", "é", "naïve", "日本語"}
	var js strings.Builder
	for js.Len() < 1<<20 {
		js.WriteString(`{"`)
		js.WriteString(words[r.IntN(len(words))])
		js.WriteString(`": "`)
		js.WriteString(words[r.IntN(len(words))])
		js.WriteString(` `)
		js.WriteString(words[r.IntN(len(words))])
		js.WriteString(`", "`)
		js.WriteString(words[r.IntN(len(words))])
		fmt.Fprintf(&js, `": %d, "values": [true, null, %d.%d]}, `, r.IntN(100000), r.IntN(1000), r.IntN(100))
		if r.IntN(8) == 0 {
			js.WriteString("\n  ")
		}
	}
	var sc strings.Builder
	for sc.Len() < 2<<20 {
		fmt.Fprintf(&sc, "function f%d(a, b) {\n\tvar s = \"%s\" + a;\n\treturn s.replace(/\\s+/g, '%s') || b[%d];\n}\n",
			r.IntN(1e6), words[r.IntN(len(words))], words[r.IntN(len(words))], r.IntN(64))
	}
	bin := make([]byte, 1<<20)
	for i := range bin {
		bin[i] = byte(r.Uint32())
	}
	return harBenchPools{json: js.String(), script: sc.String(), b64: base64.StdEncoding.EncodeToString(bin)}
}

func harBenchCut(r *rand.Rand, pool string, n int) string {
	n = min(n, len(pool))
	i := r.IntN(len(pool) - n + 1)
	return strings.ToValidUTF8(pool[i:i+n], "")
}

// writeHARBench writes a Chrome-style HAR of n entries: JSON XHRs, images
// with base64 bodies, scripts, a few large bundles, requests without a body,
// and OAuth 1.0a signed requests to api.bitbucket.org (Authorization header,
// query string and form body).
func writeHARBench(w *bufio.Writer, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 2))
	pools := newHARBenchPools(r)
	j := &harJSON{w: w}
	j.open('{')
	j.obj("log")
	j.str("version", "1.2")
	j.obj("creator")
	j.str("name", "WebInspector")
	j.str("version", "537.36")
	j.close('}')
	j.arr("pages")
	j.elem()
	j.str("startedDateTime", "2024-05-01T10:20:30.000Z")
	j.str("id", "page_1")
	j.str("title", "https://bitbucket.org/dashboard/overview")
	j.obj("pageTimings")
	j.num("onContentLoad", 812.331)
	j.num("onLoad", 1604.92)
	j.close('}')
	j.close('}')
	j.close(']')
	j.arr("entries")
	for i := range n {
		writeHARBenchEntry(j, r, &pools, i)
	}
	j.close(']')
	j.close('}')
	j.close('}')
	w.WriteByte('\n')
	return w.Flush()
}

func writeHARBenchEntry(j *harJSON, r *rand.Rand, p *harBenchPools, i int) {
	const ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
	method, host, path, query := "GET", "bitbucket.org", "", ""
	resType, mime, status, body, enc := "xhr", "application/json", 200, "", ""
	var extra []string // extra request headers
	post, postMime := "", ""
	switch k := r.IntN(100); {
	case k < 5: // OAuth 1.0a signed API call
		host = "api.bitbucket.org"
		path = fmt.Sprintf("/1.0/repositories/team%d/repo-%d/issues", r.IntN(50), r.IntN(500))
		oauth := fmt.Sprintf(`oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%d", oauth_signature="tnnArxj06cWHq44gCs1OSKk%%2FjLY%%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="%d", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"`, i, 1714558830+i)
		switch r.IntN(3) {
		case 0:
			extra = append(extra, "authorization", `OAuth realm="", `+oauth)
		case 1:
			query = fmt.Sprintf("?oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_nonce=kYjzVBB8Y0Z%d&oauth_signature=tnnArxj06cWHq44gCs1OSKk%%2FjLY%%3D&oauth_signature_method=HMAC-SHA1&oauth_timestamp=%d&oauth_token=370773112-GmHxMAg&oauth_version=1.0", i, 1714558830+i)
		default:
			method, postMime = "POST", "application/x-www-form-urlencoded"
			post = fmt.Sprintf("title=Crash%%20on%%20start%%20%d&content=Steps%%20to%%20reproduce&oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_nonce=kYjzVBB%d&oauth_signature=tnnArxj06cWHq44gCs1OSKk%%2FjLY%%3D&oauth_signature_method=HMAC-SHA1&oauth_timestamp=%d&oauth_token=370773112-GmHxMAg&oauth_version=1.0", i, i, 1714558830+i)
		}
		if r.IntN(4) == 0 {
			status, mime, body = 401, "text/plain", "Could not verify OAuth request."
		} else {
			body = harBenchCut(r, p.json, 500+r.IntN(4000))
		}
	case k < 50: // JSON XHR
		host = "bitbucket.org"
		path = fmt.Sprintf("/!api/internal/repositories/team/repo-%d/pullrequests", r.IntN(1000))
		query = fmt.Sprintf("?pagelen=25&fields=%%2Bvalues.participants&q=state%%3D%%22OPEN%%22&page=%d", r.IntN(9))
		body = harBenchCut(r, p.json, 200+r.IntN(1000))
	case k < 70: // image
		resType, mime, enc = "image", "image/png", "base64"
		host = "bbc-object-storage--frontbucket.us-east-1.prod.public.atl-paas.net"
		path = fmt.Sprintf("/static/frontbucket/img/avatar-%d.png", r.IntN(5000))
		body = harBenchCut(r, p.b64, (600+r.IntN(1800))/4*4)
	case k < 85: // script or stylesheet
		resType, mime = "script", "application/javascript"
		host = "bbc-object-storage--frontbucket.us-east-1.prod.public.atl-paas.net"
		path = fmt.Sprintf("/static/frontbucket/chunk-%x.js", r.Uint32())
		body = harBenchCut(r, p.script, 1000+r.IntN(2000))
	case k < 85 || k == 85 && r.IntN(5) == 0: // large bundle (0.2%), beyond what readHAR keeps
		resType, mime = "script", "application/javascript"
		host = "bbc-object-storage--frontbucket.us-east-1.prod.public.atl-paas.net"
		path = fmt.Sprintf("/static/frontbucket/app-%x.js", r.Uint32())
		body = harBenchCut(r, p.script, 80000+r.IntN(160000))
	default: // beacon or not modified
		resType, mime, status = "ping", "text/plain", 204
		host = "bitbucket.org"
		path = "/gateway/api/public/beacon"
		if r.IntN(2) == 0 {
			resType, status, mime = "stylesheet", 304, "text/css"
			path = fmt.Sprintf("/static/css/site-%d.css", r.IntN(100))
		}
	}
	url := "https://" + host + path + query

	j.elem()
	j.obj("_initiator")
	switch r.IntN(10) {
	case 0, 1, 2:
		j.str("type", "script")
		j.obj("stack")
		j.arr("callFrames")
		for f := range 1 + r.IntN(3) {
			j.elem()
			j.str("functionName", fmt.Sprintf("fetchJson%d", f))
			j.str("scriptId", strconv.Itoa(100+r.IntN(900)))
			j.str("url", "https://bbc-object-storage--frontbucket.us-east-1.prod.public.atl-paas.net/static/frontbucket/app.js")
			j.num("lineNumber", float64(r.IntN(5)))
			j.num("columnNumber", float64(r.IntN(900000)))
			j.close('}')
		}
		j.close(']')
		j.close('}')
	case 3, 4, 5:
		j.str("type", "parser")
		j.str("url", "https://bitbucket.org/dashboard/overview")
		j.num("lineNumber", float64(r.IntN(300)))
	default:
		j.str("type", "other")
	}
	j.close('}')
	j.str("_priority", "High")
	j.str("_resourceType", resType)
	j.raw("cache", "{}")
	j.str("connection", strconv.Itoa(100000+r.IntN(900000)))
	j.str("pageref", "page_1")

	j.obj("request")
	j.str("method", method)
	j.str("url", url)
	j.str("httpVersion", "http/2.0")
	hdr := []string{":authority", host, ":method", method, ":path", path + query, ":scheme", "https",
		"accept", "application/json, text/plain, */*", "accept-encoding", "gzip, deflate, br, zstd",
		"accept-language", "en-GB,en;q=0.9,de;q=0.8", "cookie", fmt.Sprintf("csrftoken=%x; bb_session=%x%x", r.Uint64(), r.Uint64(), r.Uint64()),
		"sec-ch-ua", `"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"`,
		"sec-fetch-dest", "empty", "sec-fetch-mode", "cors", "sec-fetch-site", "same-origin", "user-agent", ua}
	if post != "" {
		hdr = append(hdr, "content-type", postMime, "content-length", strconv.Itoa(len(post)))
	}
	j.pairs("headers", append(hdr, extra...)...)
	j.arr("queryString")
	if query != "" {
		for _, kv := range strings.Split(query[1:], "&") {
			k, v, _ := strings.Cut(kv, "=")
			j.elem()
			j.str("name", k)
			j.str("value", v)
			j.close('}')
		}
	}
	j.close(']')
	j.arr("cookies")
	for c := range 2 * (r.IntN(5) / 4) {
		j.elem()
		j.str("name", []string{"csrftoken", "bb_session"}[c])
		j.str("value", fmt.Sprintf("%x", r.Uint64()))
		j.str("path", "/")
		j.str("domain", ".bitbucket.org")
		j.str("expires", "2025-05-01T10:20:30.000Z")
		j.raw("httpOnly", "false")
		j.raw("secure", "true")
		j.close('}')
	}
	j.close(']')
	j.num("headersSize", -1)
	j.num("bodySize", float64(len(post)))
	if post != "" {
		j.obj("postData")
		j.str("mimeType", postMime)
		j.str("text", post)
		j.arr("params")
		for _, kv := range strings.Split(post, "&") {
			k, v, _ := strings.Cut(kv, "=")
			j.elem()
			j.str("name", k)
			j.str("value", v)
			j.close('}')
		}
		j.close(']')
		j.close('}')
	}
	j.close('}')

	j.obj("response")
	j.num("status", float64(status))
	j.str("statusText", "")
	j.str("httpVersion", "http/2.0")
	j.pairs("headers", "cache-control", "no-cache, no-store", "content-encoding", "br", "content-type", mime,
		"date", "Wed, 01 May 2024 10:20:30 GMT", "server", "envoy", "x-request-id", fmt.Sprintf("%x-%x", r.Uint32(), r.Uint64()))
	j.raw("cookies", "[]")
	j.obj("content")
	j.num("size", float64(len(body)))
	j.str("mimeType", mime)
	if body != "" {
		j.num("compression", float64(r.IntN(400)))
		j.str("text", body)
		if enc != "" {
			j.str("encoding", enc)
		}
	}
	j.close('}')
	j.str("redirectURL", "")
	j.num("headersSize", -1)
	j.num("bodySize", -1)
	j.num("_transferSize", float64(200+len(body)/3))
	j.raw("_error", "null")
	j.raw("_fetchedViaServiceWorker", "false")
	j.close('}')

	j.str("serverIPAddress", "104.192.141.1")
	j.str("startedDateTime", fmt.Sprintf("2024-05-01T10:%02d:%02d.%03dZ", 20+i/60000%40, i/1000%60, i%1000))
	j.num("time", float64(r.IntN(400000))/1000)
	j.obj("timings")
	for _, t := range []string{"blocked", "dns", "ssl", "connect", "send", "wait", "receive", "_blocked_queueing"} {
		j.num(t, float64(r.IntN(200000))/1000-1)
	}
	j.close('}')
	j.close('}')
}
