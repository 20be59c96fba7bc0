package main

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/compare"
	"github.com/oauthdbg/oauthdbg/inspect"
	"github.com/spf13/pflag"
)

// checkFlags are the flags of "oauthdbg check".
type checkFlags struct {
	method, data, url string
	headers           []string
	inputFormat       string
	serverURL         string
	clientBaseString  string
	signedURL         string
	only              []string
	searchBudget      string
	searchTime        string
	provider          string
	secrets           secretFlags
	publicKey         string
	now, maxSkew      string
	steps, quiet      bool
	json, markdown    bool
	format            string
	summary           bool
	color             colorMode
}

// checked is one request of the input and what came of checking it.
type checked struct {
	req    *inspect.Request
	report *compare.Report
	err    error // the request could not be checked at all
	index  int   // the request's place among the checked requests, from 0
	// skip marks a HAR entry that carries oauth_ parameters but no
	// oauth_signature: the worker found it is not a signed request, and it
	// is not written.
	skip bool

	chunk     []byte // the report as a stream shows it, redacted
	renderErr error  // rendering the report failed
}

func (c *cli) check(args []string) error {
	var f checkFlags
	f.color = colorAuto
	fs := c.newFlagSet("check")
	fs.StringVarP(&f.method, "method", "X", "", "")
	fs.StringArrayVarP(&f.headers, "header", "H", nil, "")
	fs.StringVarP(&f.data, "data", "d", "", "")
	fs.StringVar(&f.url, "url", "", "")
	fs.StringVar(&f.inputFormat, "input-format", "", "")
	fs.StringVar(&f.serverURL, "server-url", "", "")
	fs.StringVar(&f.clientBaseString, "client-base-string", "", "")
	fs.StringVar(&f.signedURL, "signed-url", "", "")
	fs.StringSliceVar(&f.only, "only", nil, "")
	fs.StringVar(&f.searchBudget, "search-budget", "", "")
	fs.StringVar(&f.searchTime, "search-time", "", "")
	fs.StringVar(&f.provider, "provider", "", "")
	f.secrets.register(fs)
	fs.StringVar(&f.publicKey, "public-key", "", "")
	fs.StringVar(&f.now, "now", "", "")
	fs.StringVar(&f.maxSkew, "max-skew", "", "")
	fs.BoolVar(&f.steps, "steps", false, "")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "")
	fs.BoolVar(&f.json, "json", false, "")
	fs.BoolVar(&f.markdown, "markdown", false, "")
	fs.StringVar(&f.format, "format", "", "")
	fs.BoolVar(&f.summary, "summary", false, "")
	fs.Var(&f.color, "color", "")
	if done, err := c.parseFlags(fs, args, "check"); done {
		return err
	}
	out, err := outputFormat(f.format, f.json, f.markdown)
	if err != nil {
		return err
	}
	switch {
	case f.quiet && (f.json || f.markdown):
		return usageErr("-q/--quiet cannot be combined with --json or --markdown")
	case f.quiet && out != formatText:
		return usageErr(fmt.Sprintf("-q/--quiet cannot be combined with --format %s", out),
			"-q prints the verdict only, in text")
	case f.quiet && f.steps:
		return usageErr("-q/--quiet cannot be combined with --steps")
	}
	for _, a := range fs.Args() {
		if isURL(a) && !fileExists(a) && fs.NArg() > 1 {
			return usageErr(fmt.Sprintf("check takes one URL or several files, got the URL %q among %d arguments", truncate(a, 60), fs.NArg()),
				"quote a URL so that the shell keeps it whole: oauthdbg check 'https://…?a=1&b=2'")
		}
		if a == "-" && fs.NArg() > 1 {
			if n := countArg(fs.Args(), "-"); n > 1 {
				return usageErr(`"-" (standard input) can be given only once`)
			}
		}
	}
	secrets, err := c.loadSecrets(fs, &f.secrets)
	if err != nil {
		return err
	}
	if f.publicKey != "" {
		data, err := c.readFile(f.publicKey)
		if err != nil {
			return pathArgError("--public-key", "public key", f.publicKey, err)
		}
		if secrets.PublicKey, err = basestring.ParsePublicKey(data); err != nil {
			return usageErr(fmt.Sprintf("read public key %s: %v", f.publicKey, err),
				"give a PEM certificate, PUBLIC KEY or RSA PUBLIC KEY")
		}
	}
	opts := compare.Options{ServerURL: f.serverURL, ClientBaseString: f.clientBaseString, SignedURL: f.signedURL, Only: f.only, Steps: f.steps}
	for _, id := range f.only {
		if _, ok := compare.Lookup(id); !ok {
			hints := []string{"run 'oauthdbg explain' for the catalogue"}
			if near := nearestIDs(id); len(near) > 0 {
				hints = append([]string{"did you mean " + strings.Join(near, " or ") + "?"}, hints...)
			}
			return usageErr(fmt.Sprintf("--only: no mistake %q in the catalogue", id), hints...)
		}
	}
	if opts.Budget, err = parseSearchBudget(f.searchBudget, f.searchTime); err != nil {
		return err
	}
	if f.provider != "" {
		p, ok := compare.LookupProvider(strings.ToLower(f.provider))
		if !ok {
			var names []string
			for _, p := range compare.Providers() {
				names = append(names, p.Name)
			}
			return usageErr(fmt.Sprintf("--provider %q is not one oauthdbg knows", visible(truncate(f.provider, 40))),
				"known: "+strings.Join(names, ", ")+"; 'oauthdbg explain --providers' lists their rules")
		}
		opts.Provider = p.Name
	}
	opts.Now = c.now()
	if f.now != "" {
		if opts.Now, err = parseNow(f.now); err != nil {
			return err
		}
	}
	if f.maxSkew != "" {
		d, err := time.ParseDuration(f.maxSkew)
		if err != nil || d <= 0 {
			return usageErr(fmt.Sprintf("--max-skew %q is not a positive duration", f.maxSkew), "write it as 30s, 5m or 1h")
		}
		opts.MaxSkew = d
	}
	if f.serverURL != "" {
		if _, err := basestring.SplitURL(f.serverURL); err != nil {
			return usageErr(fmt.Sprintf("--server-url: %v", err), "give the URL the server saw, e.g. http://10.0.3.7:8080/1.0/user")
		}
	}
	if f.signedURL != "" {
		if _, err := basestring.SplitURL(f.signedURL); err != nil {
			return usageErr(fmt.Sprintf("--signed-url: %v", err), "give the URL the client signed, e.g. https://api.example.com/1.0/user")
		}
	}
	format, ferr := inspect.ParseFormat(f.inputFormat)
	if ferr != nil {
		var names []string
		for _, fi := range inspect.Formats() {
			names = append(names, string(fi.Format))
		}
		return usageErr(fmt.Sprintf("--input-format %q is not auto, %s", visible(f.inputFormat), strings.Join(names, ", ")))
	}

	inputs, err := c.checkInputs(fs, &f, format)
	if err != nil {
		return err
	}
	if len(inputs) > 1 && (len(f.headers) > 0 || f.data != "" || f.method != "" || f.url != "") {
		return usageErr("-X, -H, -d and --url apply to a single request, not to several INPUT files")
	}
	sw := &streamWriter{c: c, f: &f, out: out, p: newPalette(c.useColor(f.color)), many: len(inputs) > 1}
	sw.sum.show = c.show
	sw.sum.inputs = len(inputs)
	sawHAR := false
	keepRequest := func(req *inspect.Request) (bool, error) {
		if req.Format == inspect.FormatJSONL && (len(f.headers) > 0 || f.data != "") {
			return false, usageErr("-H/--header and -d/--data apply to a single request, not to the lines of a JSON Lines file")
		}
		if req.Format != inspect.FormatHAR {
			return true, applyRequestFlags(req, &f)
		}
		sawHAR = true
		if len(f.headers) > 0 || f.data != "" {
			return false, usageErr("-H/--header and -d/--data apply to a single request, not to the entries of a HAR file")
		}
		// An entry with no oauth_ parameter at all is dropped here, which
		// costs no decoding; whether the others carry an oauth_signature
		// (not the page itself, nor the authorization redirect, which
		// carries oauth_token only) is decided on a worker.
		return inspect.HasOAuth(req), nil
	}
	// The token secrets the capture's own responses hold (a HAR of the
	// flow carries each token's oauth_token_secret in the request_token and
	// access_token responses), for the entries after them. The map is
	// replaced, never changed, so each request keeps the one it was read
	// with: keep runs on the reader, judge on the workers.
	var fromCapture map[string]compare.CaptureSecret
	// The hosts the capture's OAuth requests went to, for host-mismatch:
	// like fromCapture, replaced and never changed.
	var hosts []string
	var captured sync.Map // *inspect.Request → captureFacts
	keep := func(req *inspect.Request) (bool, error) {
		ok, err := keepRequest(req)
		if req.Format == inspect.FormatHAR && ok {
			if fromCapture != nil || len(hosts) > 0 {
				captured.Store(req, captureFacts{fromCapture, hosts})
			}
			hosts = learnHost(hosts, req)
		}
		if req.Format == inspect.FormatHAR {
			fromCapture = learnTokenSecret(fromCapture, req)
		}
		return ok, err
	}
	judge := func(req *inspect.Request, index int) *checked {
		s, o := secrets, opts
		if v, ok := captured.LoadAndDelete(req); ok {
			facts := v.(captureFacts)
			s.CaptureTokenSecrets, o.CaptureHosts = facts.tokens, facts.hosts
		}
		rep, err := compare.Check(req, s, o)
		// A request Check could judge carries an oauth_signature; only one
		// it could not is looked at again, to skip it when it is not signed.
		if err != nil && req.Format == inspect.FormatHAR && !isSigned(req) {
			return &checked{req: req, index: index, skip: true}
		}
		r := &checked{req: req, report: rep, err: err, index: index}
		sw.prerender(r)
		return r
	}
	prog := c.newProgress(&f, out)
	gc := c.tuneGC()
	defer gc.restore()
	tunedKeep := func(req *inspect.Request) (bool, error) {
		gc.saw(req)
		return keep(req)
	}
	total, err := pipeline(inputs, tunedKeep, judge, func(r *checked) error {
		if r.skip {
			return nil
		}
		if prog == nil {
			return sw.emit(r)
		}
		// With a progress bar on the terminal, each report is written at
		// once, where the bar was, before the bar is drawn again.
		if len(r.chunk) > 0 {
			prog.clear()
		}
		if err := sw.emit(r); err != nil {
			return err
		}
		if err := c.flushStream(); err != nil {
			return err
		}
		prog.add()
		return nil
	}, c.flushStream)
	prog.finish()
	if err != nil {
		c.flush()
		var ce *cliError
		if errors.As(err, &ce) {
			return err
		}
		return inputErr(err)
	}
	if sw.n == 0 {
		name := inputs[0].name
		if len(inputs) > 1 {
			name = fmt.Sprintf("%d inputs", len(inputs))
		}
		if sawHAR {
			return usageErr(fmt.Sprintf("%s: none of its %d entries is an OAuth-signed request", name, total),
				"a sanitized export drops the Authorization header, where the signature usually travels: Chrome and Edge sanitize by default; export with sensitive data (DevTools Network panel, \"Export HAR (with sensitive data)\"), or from Firefox",
				"if the failing request is not in the file, export again while it is in the network panel")
		}
		return usageErr(fmt.Sprintf("%s: no request found", name))
	}
	if err := sw.finish(total); err != nil {
		return err
	}
	return sw.sum.exit(sw.multi)
}

// exit turns the counts of a run into its status: 1 when a signature does
// not verify or lint found an error, else 2 when a request could not be
// checked (the same alone and inside a HAR), else 0.
func (s *summary) exit(multi bool) error {
	switch {
	case s.Invalid+s.Lint > 0:
		return errProblem
	case s.firstE != nil && !multi:
		return inputErr(s.firstE)
	case s.firstE != nil:
		return usageErr(fmt.Sprintf("%s could not be checked; the first: %v", plural(s.Unchecked, "request"), s.firstE))
	case s.Unchecked > 0 && strings.Contains(s.first, " cut at "):
		return usageErr("signature not checked: "+visible(s.first),
			"a value past the HAR reader's limit cannot be signed over; check that request alone from its raw HTTP or curl form (text input is read up to 64 MiB)")
	case s.Unchecked > 0:
		return usageErr("signature not checked: "+visible(s.first),
			"give the secrets with --consumer-secret and --token-secret, "+envConsumerSecret+" and "+envTokenSecret+", or --secrets FILE")
	}
	return nil
}

// countArg counts the arguments equal to a.
func countArg(args []string, a string) int {
	n := 0
	for _, x := range args {
		if x == a {
			n++
		}
	}
	return n
}

// checkInputs turns check's arguments into its inputs: files and stdin in
// the order given, a URL argument, or the URL of --url when -H gives the
// Authorization header.
func (c *cli) checkInputs(fs *pflag.FlagSet, f *checkFlags, format inspect.Format) ([]input, error) {
	ro := inspect.ReadOptions{Format: format, Method: f.method, URL: f.url}
	args := fs.Args()
	if len(args) == 0 {
		if f.url != "" && len(f.headers) > 0 {
			ro.Name = "argument"
			return []input{{name: "argument", ro: ro}}, nil
		}
		args = []string{"-"}
	}
	var inputs []input
	for _, arg := range args {
		in := input{name: arg, ro: ro}
		switch {
		case arg == "-":
			in.name, in.r = "stdin", c.stdin
		case isURL(arg) && !fileExists(arg):
			if f.url != "" {
				return nil, usageErr("give the URL either as INPUT or with --url, not both")
			}
			in.name, in.ro.URL = "argument", arg
		default:
			// Opened when its turn comes, so that many files do not hold
			// many descriptors; a missing one is reported before any output.
			if _, err := os.Stat(arg); err != nil {
				var hint string
				if errors.Is(err, os.ErrNotExist) {
					hint = `INPUT is a URL (http:// or https://), a file, or "-" for standard input`
				}
				var pe *os.PathError
				if errors.As(err, &pe) {
					err = fmt.Errorf("open %s: %w", pe.Path, pe.Err)
				}
				return nil, usageErr(err.Error(), hint)
			}
			in.path = arg
		}
		in.ro.Name = in.name
		inputs = append(inputs, in)
	}
	return inputs, nil
}

// failed reports whether a checked request is shown in full among many: its
// signature does not verify, it could not be checked, or lint found an error.
func (r *checked) failed() bool {
	if r.err != nil || !r.report.Valid && r.report.Unchecked == "" {
		return true
	}
	// Unchecked, but the provider's answer holds its base string: the diff
	// is worth showing.
	if r.report.Unchecked != "" && r.report.DiffAgainst == "server" {
		return true
	}
	for _, f := range r.report.Findings {
		if f.Severity == inspect.SeverityError {
			return true
		}
	}
	return false
}

// isSigned reports whether a request carries an oauth_signature.
func isSigned(req *inspect.Request) bool {
	if !inspect.HasOAuth(req) {
		return false
	}
	params, _ := inspect.OAuthParams(req)
	for _, p := range params {
		if p.Name == "oauth_signature" {
			return true
		}
	}
	return false
}

// applyRequestFlags adds what -X, -H and -d say to a request read from the input.
func applyRequestFlags(req *inspect.Request, f *checkFlags) error {
	for _, h := range f.headers {
		name, value, ok := strings.Cut(h, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return usageErr(fmt.Sprintf("--header %q is not NAME: VALUE", truncate(h, 60)),
				`write it as -H 'Authorization: OAuth oauth_consumer_key="…", …'`)
		}
		value = strings.TrimSpace(value)
		req.Headers = append(req.Headers, inspect.Header{Name: name, Value: value})
		switch strings.ToLower(name) {
		case "host":
			req.Host = value
		case "content-type":
			req.ContentType = value
		case "x-forwarded-proto":
			req.Forwarding.Proto = value
		case "x-forwarded-host":
			req.Forwarding.Host = value
		case "x-forwarded-port":
			req.Forwarding.Port = value
		case "forwarded":
			req.Forwarding.Forwarded = append(req.Forwarding.Forwarded, value)
		}
	}
	if f.data != "" {
		req.Body = []byte(f.data)
		if req.ContentType == "" {
			// As curl does with -d.
			req.ContentType = "application/x-www-form-urlencoded"
		}
		if f.method == "" && req.Format == inspect.FormatURL {
			req.Method = "POST"
		}
	}
	return nil
}

// parseNow reads --now: unix seconds or RFC 3339.
func parseNow(s string) (time.Time, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usageErr(fmt.Sprintf("--now %q is neither unix seconds nor RFC 3339", s),
			"write it as 1767225600 or 2026-01-01T00:00:00Z")
	}
	return t, nil
}

// inputErr turns a reader's or checker's error into a status-2 error, its
// hint on a line of its own.
func inputErr(err error) error {
	var ie *inspect.InputError
	if errors.As(err, &ie) && ie.Hint != "" {
		msg := strings.TrimSuffix(err.Error(), "; "+ie.Hint)
		return &cliError{code: exitUsage, msg: msg, hints: []string{ie.Hint}}
	}
	return &cliError{code: exitUsage, msg: err.Error()}
}

// isURL reports whether s is an http or https URL.
func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// unwrapPathError keeps "open NAME: cause" without Go's wording changes.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s %s: %w", pe.Op, pe.Path, pe.Err)
	}
	return err
}

// learnTokenSecret returns known with the token and token secret that a
// successful response of req grants (oauth_token and oauth_token_secret in a
// form body, RFC 5849 §2.1 and §2.3) added; known itself when it grants
// none. known is never changed.
func learnTokenSecret(known map[string]compare.CaptureSecret, req *inspect.Request) map[string]compare.CaptureSecret {
	resp := req.Response
	if resp == nil || resp.Status < 200 || resp.Status > 299 || !strings.Contains(resp.Body, "oauth_token_secret=") {
		return known
	}
	vals, err := url.ParseQuery(strings.TrimSpace(resp.Body))
	token, secret := vals.Get("oauth_token"), vals.Get("oauth_token_secret")
	if err != nil || token == "" || !vals.Has("oauth_token_secret") {
		return known
	}
	if c, ok := known[token]; ok && c.Secret.Reveal() == secret {
		return known
	}
	out := make(map[string]compare.CaptureSecret, len(known)+1)
	for k, v := range known {
		out[k] = v
	}
	out[token] = compare.CaptureSecret{Secret: compare.NewSecret(secret), Source: "the response of " + req.Origin.String()}
	return out
}

// captureFacts are what the requests read before one tell of it: the token
// secrets of their responses and the hosts they went to.
type captureFacts struct {
	tokens map[string]compare.CaptureSecret
	hosts  []string
}

// maxCaptureHosts bounds the hosts of a capture offered to host-mismatch.
const maxCaptureHosts = 8

// learnHost returns hosts with req's authority added when it is new (and
// there is room); hosts itself is never changed.
func learnHost(hosts []string, req *inspect.Request) []string {
	h := req.Host
	if h == "" {
		if u, err := basestring.SplitURL(req.URL); err == nil {
			h = u.Authority
		}
	}
	if h == "" || len(hosts) >= maxCaptureHosts || slices.ContainsFunc(hosts, func(x string) bool { return strings.EqualFold(x, h) }) {
		return hosts
	}
	return append(slices.Clip(hosts), h)
}
