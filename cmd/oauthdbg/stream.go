package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"

	"github.com/oauthdbg/oauthdbg/compare"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// input is one INPUT of check: a file, stdin, or a URL argument.
type input struct {
	name string
	path string    // opened when its turn comes; "" for stdin and arguments
	r    io.Reader // stdin, or nil for a URL argument (ro.URL holds it)
	ro   inspect.ReadOptions
}

// streamWindow is how many requests per worker may be read ahead of the one
// being written, and streamWindowBytes how many bytes of request bodies. They
// bound memory: however long the input, at most that many requests and
// their reports are alive at once (and always one, however large).
const (
	streamWindow      = 64
	streamWindowBytes = 16 << 20
)

// streamBatch is the most requests a worker takes at once. A worker takes
// whatever the reader has queued, up to this many, so that an idle pool
// judges each request as soon as it is read, and a busy one pays for its
// synchronisation once per batch rather than once per request.
const streamBatch = 16

// job is one request on its way to a worker.
type job struct {
	req   *inspect.Request
	index int
}

// done is a batch of judged requests with consecutive indices, from first.
type done struct {
	first int
	out   []*checked
}

// queue is what the reader, the workers and the writer of a pipeline share.
type queue struct {
	mu       sync.Mutex
	work     sync.Cond // a worker waits on it for pending requests
	room     sync.Cond // the reader waits on it for room in the window
	pending  []job     // read and kept, not yet taken by a worker
	inflight int       // read and kept, not yet written
	bytes    int       // the body bytes of the requests in flight
	closed   bool      // the reader has queued its last request
	stopped  bool      // the writer has stopped the stream
}

// errStopped ends the reader when the writer has stopped the stream.
var errStopped = errors.New("stopped")

// put queues a request read by the reader, waiting while the window is full.
func (q *queue) put(j job, workers int) error {
	size := len(j.req.Body)
	q.mu.Lock()
	defer q.mu.Unlock()
	for !q.stopped && q.inflight > 0 && (q.inflight >= workers*streamWindow || q.bytes+size > streamWindowBytes) {
		q.room.Wait()
	}
	if q.stopped {
		return errStopped
	}
	q.pending = append(q.pending, j)
	q.inflight++
	q.bytes += size
	q.work.Signal()
	return nil
}

// take returns the next batch of pending requests for a worker, waiting for
// one; ok is false once the reader is done and nothing is pending.
func (q *queue) take(workers int) (batch []job, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.pending) == 0 && !q.closed {
		q.work.Wait()
	}
	if len(q.pending) == 0 {
		return nil, false
	}
	// Shared out among the workers, so that one does not take every
	// request queued while the others wait.
	n := min(len(q.pending), streamBatch, max(1, len(q.pending)/workers))
	batch = slices.Clone(q.pending[:n])
	q.pending = append(q.pending[:0], q.pending[n:]...)
	return batch, true
}

// written gives back the window room of requests the writer has written.
func (q *queue) written(rs []*checked) {
	size := 0
	for _, r := range rs {
		size += len(r.req.Body)
	}
	q.mu.Lock()
	q.inflight -= len(rs)
	q.bytes -= size
	q.mu.Unlock()
	q.room.Signal()
}

// close says the reader has queued its last request.
func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.work.Broadcast()
}

// stop drops what is pending and wakes everyone: the writer has failed.
func (q *queue) stop() {
	q.mu.Lock()
	q.stopped, q.closed, q.pending = true, true, nil
	q.mu.Unlock()
	q.work.Broadcast()
	q.room.Broadcast()
}

// pipeline reads the inputs in order, judges each request on a pool of
// GOMAXPROCS workers (judge also renders, so that rendering runs on
// every core) and calls emit with each checked request in input order,
// on the calling goroutine, then idle whenever no other checked request is
// ready. keep decides which requests are judged (nil
// error and false: skipped, e.g. an unsigned HAR entry); an error from keep
// or from a reader ends the stream and is returned once every request read
// before it has been emitted. An error from emit or idle stops the stream at
// once.
func pipeline(inputs []input, keep func(*inspect.Request) (bool, error),
	judge func(*inspect.Request, int) *checked, emit func(*checked) error, idle func() error) (read int, err error) {
	workers := runtime.GOMAXPROCS(0)
	q := &queue{}
	q.work.L, q.room.L = &q.mu, &q.mu
	results := make(chan done, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				batch, ok := q.take(workers)
				if !ok {
					return
				}
				d := done{first: batch[0].index, out: make([]*checked, len(batch))}
				for i, j := range batch {
					d.out[i] = judge(j.req, j.index)
				}
				results <- d
			}
		}()
	}
	var readErr error
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		defer q.close()
		kept := -1
		for _, in := range inputs {
			r := in.r
			if in.path != "" {
				f, err := os.Open(in.path)
				if err != nil {
					readErr = usageErr(unwrapPathError(err).Error())
					return
				}
				r = f
			}
			err := inspect.Read(r, in.ro, func(req *inspect.Request) error {
				read++
				ok, err := keep(req)
				if err != nil || !ok {
					return err
				}
				kept++
				return q.put(job{req, kept}, workers)
			})
			if f, ok := r.(*os.File); ok && in.path != "" {
				_ = f.Close()
			}
			if errors.Is(err, errStopped) {
				return
			}
			if err != nil {
				readErr = err
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	// The batches come back in any order; each is written when every
	// request before it has been.
	var emitErr error
	next := 0
	waiting := map[int][]*checked{}
	for d := range results {
		waiting[d.first] = d.out
		for {
			out, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next += len(out)
			for _, r := range out {
				if emitErr == nil {
					if emitErr = emit(r); emitErr != nil {
						q.stop()
					}
				}
			}
			q.written(out)
		}
		if len(results) == 0 && emitErr == nil {
			if emitErr = idle(); emitErr != nil {
				q.stop()
			}
		}
	}
	<-readerDone // after a stop, the reader returns at its next request
	if emitErr != nil {
		return read, emitErr
	}
	return read, readErr
}

// summary is what a run keeps of the requests it has written: the counts
// --summary and the closing line print, and for the text and Markdown table
// one short row per request.
type summary struct {
	Total     int            `json:"requests"`
	Valid     int            `json:"valid"`
	Invalid   int            `json:"invalid"`
	Lint      int            `json:"lint_errors"`
	Unchecked int            `json:"unchecked"`
	Causes    map[string]int `json:"causes"`
	Consumers map[string]int `json:"consumer_keys"`
	// Failing counts, by consumer key, the requests that are not valid.
	Failing map[string]int `json:"failing_by_consumer_key"`
	rows    []row
	first   string // the first reason a request was not checked
	firstE  error  // the first request that could not be checked at all
	har     bool   // some request was a HAR entry
	inputs  int    // the number of INPUTs
	dropped int    // requests past maxTableRows, not in the table
	show    bool   // --show-secrets: the table's URLs show secrets
}

// maxTableRows bounds the table of a text or Markdown stream, so that its
// memory stays flat however long the input; the counts cover every request.
const maxTableRows = 10000

// row is one line of the table of a stream.
type row struct {
	label, method, url, verdict, cause string
	failed                             bool
}

// verdictOf sorts a checked request into one of the summary's verdicts.
func verdictOf(r *checked) string {
	switch {
	case r.err != nil || r.report.Unchecked != "":
		return "unchecked"
	case !r.report.Valid:
		return "invalid"
	case lintErrors(r.report.Findings) > 0:
		return "lint"
	}
	return "valid"
}

// add counts one checked request.
func (s *summary) add(r *checked, label string, keepRow bool) {
	if s.Causes == nil {
		s.Causes, s.Consumers, s.Failing = map[string]int{}, map[string]int{}, map[string]int{}
	}
	s.Total++
	s.har = s.har || isHAREntry(r)
	v := verdictOf(r)
	switch v {
	case "unchecked":
		s.Unchecked++
		if r.err != nil && s.firstE == nil {
			s.firstE = r.err
		}
		if r.err == nil && s.first == "" {
			s.first = r.report.Unchecked
		}
	case "invalid":
		s.Invalid++
	case "lint":
		s.Lint++
	default:
		s.Valid++
	}
	key := ""
	if r.report != nil {
		key = r.report.Reading.ConsumerKey
	}
	if key == "" {
		if params, _ := inspect.OAuthParams(r.req); params != nil {
			for _, p := range params {
				if p.Name == "oauth_consumer_key" {
					key = p.Value
				}
			}
		}
	}
	if key == "" {
		key = "(none)"
	}
	s.Consumers[key]++
	if v != "valid" {
		s.Failing[key]++
		s.Causes[summaryCause(r, v)]++
	}
	if keepRow && len(s.rows) >= maxTableRows {
		s.dropped++
	} else if keepRow {
		// The table is text: what came from the input is made visible,
		// and the URL is redacted by its structure (see compare.URLText).
		method, u := visible(r.req.Method), compare.RequestURLText(r.req).Render(s.show, visible)
		if r.report != nil {
			d := r.report.Display(s.show, visible)
			method, u = d.Method, d.URL
		}
		s.rows = append(s.rows, row{visible(label), method, u,
			shortVerdict(newPalette(false), r), shortCause(r), r.failed()})
	}
}

// summaryCause names why a request is not valid, for the counts by cause:
// a catalogue id, or a short reason.
func summaryCause(r *checked, v string) string {
	switch {
	case r.err != nil:
		return "cannot check"
	case v == "unchecked":
		return "not checked"
	case v == "lint":
		for _, f := range r.report.Findings {
			if f.Severity == inspect.SeverityError {
				return "lint:" + f.ID
			}
		}
	case r.report.Cause != nil:
		return joinIDs(r.report.Cause)
	}
	return notFound(r.report, "not in the catalogue", "search stopped early")
}

// joinIDs names the mistakes of an explanation, "a+b".
func joinIDs(e *compare.Explanation) string {
	s := ""
	for i, id := range e.IDs {
		if i > 0 {
			s += "+"
		}
		s += id
	}
	return s
}

// percent writes n of total as a percentage: "92%", or "99.9%" when it is
// not whole, so that 1 in 1,000 does not read as 0%.
func percent(n, total int) string {
	if total == 0 {
		return "0%"
	}
	if n*100%total == 0 {
		return fmt.Sprintf("%d%%", n*100/total)
	}
	return fmt.Sprintf("%.1f%%", float64(n)*100/float64(total))
}
