package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
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
// being written. It bounds memory: at most this many requests and reports
// per worker are alive at once, however long the input.
const streamWindow = 4

// job is one request on its way to a worker; the worker answers on done,
// which the writer waits on in input order.
type job struct {
	req   *inspect.Request
	index int
	done  chan *checked
}

// pipeline reads the inputs in order, judges each request on a pool of
// GOMAXPROCS workers (judge also renders, so that rendering runs on
// every core) and calls emit with each checked request in input order,
// on the calling goroutine. keep decides which requests are judged (nil
// error and false: skipped, e.g. an unsigned HAR entry); an error from keep
// or from a reader ends the stream and is returned once every request read
// before it has been emitted. An error from emit stops the stream at once.
func pipeline(inputs []input, keep func(*inspect.Request) (bool, error),
	judge func(*inspect.Request, int) *checked, emit func(*checked) error) (read int, err error) {
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan job, workers)
	order := make(chan chan *checked, workers*streamWindow)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.done <- judge(j.req, j.index)
			}
		}()
	}
	var readErr error
	kept := -1
	go func() {
		defer close(order)
		defer close(jobs)
		errStopped := errors.New("stopped")
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
				done := make(chan *checked, 1)
				kept++
				select {
				case order <- done:
				case <-stop:
					return errStopped
				}
				select {
				case jobs <- job{req, kept, done}:
				case <-stop:
					// done is in order but its job is not queued: closing it
					// lets the writer's drain go on.
					close(done)
					return errStopped
				}
				return nil
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
	var emitErr error
	for done := range order {
		r, ok := <-done
		if !ok {
			continue // stopped before it was judged
		}
		if emitErr == nil {
			if emitErr = emit(r); emitErr != nil {
				close(stop)
			}
		}
	}
	wg.Wait()
	if emitErr != nil {
		return read, emitErr
	}
	// order is closed only after the reader's last write to readErr and read.
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
