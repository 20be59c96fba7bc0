package main

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/compare"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// The test page and its assets, served by "oauthdbg serve" from the binary:
// no CDN, no external font, so it works offline.
//
//go:embed web/index.html web/app.js web/app.css
var webFiles embed.FS

// Limits of the page's JSON API.
const (
	maxAPIBody     = 8 << 20 // bytes of a request to /api/check or /api/sign
	maxAPIRequests = 500     // requests checked from one pasted input
)

// pageCSP lets the page load only its own script, style and frames and talk
// only to its own origin.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// registerPage adds the interactive test page and its JSON API to serve's mux.
func (c *cli) registerPage(mux *http.ServeMux) {
	static, _ := fs.Sub(webFiles, "web")
	files := http.FileServerFS(static)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(w, pageCSP)
		http.ServeFileFS(w, r, static, "index.html")
	})
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(w, pageCSP)
		if r.URL.Path == "index.html" {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})))
	mux.HandleFunc("POST /api/check", c.apiCheck)
	mux.HandleFunc("POST /api/sign", c.apiSign)
}

// securityHeaders are set on the page, its assets and the API.
func securityHeaders(w http.ResponseWriter, csp string) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// apiError is the JSON of a refused API call.
type apiError struct {
	Error string   `json:"error"`
	Hints []string `json:"hints,omitempty"`
}

func writeAPI(w http.ResponseWriter, status int, v any) {
	securityHeaders(w, "default-src 'none'")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// readAPI decodes a same-origin JSON request body within the size limit.
func readAPI(w http.ResponseWriter, r *http.Request, v any) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		writeAPI(w, http.StatusForbidden, apiError{Error: "the API answers only this server's own page"})
		return false
	}
	if o := r.Header.Get("Origin"); o != "" && !strings.EqualFold(strings.TrimPrefix(strings.TrimPrefix(o, "http://"), "https://"), r.Host) {
		writeAPI(w, http.StatusForbidden, apiError{Error: "the API answers only this server's own page"})
		return false
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		writeAPI(w, http.StatusUnsupportedMediaType, apiError{Error: "send application/json"})
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAPIBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeAPI(w, http.StatusRequestEntityTooLarge, apiError{Error: fmt.Sprintf("the input is larger than %d MiB", maxAPIBody>>20),
				Hints: []string{"check a large HAR file with the command line: oauthdbg check FILE"}})
			return false
		}
		writeAPI(w, http.StatusBadRequest, apiError{Error: "the request is not the JSON the page sends: " + err.Error()})
		return false
	}
	return true
}

// checkCall is the body of POST /api/check.
type checkCall struct {
	Input          string `json:"input"`
	Format         string `json:"format"`
	URL            string `json:"url"`
	Method         string `json:"method"`
	ConsumerSecret string `json:"consumer_secret"`
	TokenSecret    string `json:"token_secret"`
	SecretsJSON    string `json:"secrets_json"`
}

// checkResult is one checked request of the answer.
type checkResult struct {
	Origin string          `json:"origin"`
	Report *compare.Report `json:"report,omitempty"`
	Error  string          `json:"error,omitempty"`
}

// apiCheck checks a pasted capture as 'oauthdbg check' does and answers
// with the reports as JSON; the page renders them.
func (c *cli) apiCheck(w http.ResponseWriter, r *http.Request) {
	var call checkCall
	if !readAPI(w, r, &call) {
		return
	}
	var s compare.Secrets
	if strings.TrimSpace(call.SecretsJSON) != "" {
		var err error
		if s, err = compare.ParseSecretsFile([]byte(call.SecretsJSON), "secrets"); err != nil {
			writeAPI(w, http.StatusBadRequest, apiError{Error: err.Error()})
			return
		}
	}
	if call.ConsumerSecret != "" {
		s.ConsumerSecret, s.HasConsumerSecret = compare.NewSecret(call.ConsumerSecret), true
	}
	if call.TokenSecret != "" {
		s.TokenSecret, s.HasTokenSecret = compare.NewSecret(call.TokenSecret), true
	}
	input := strings.TrimSpace(call.Input)
	if input == "" && call.URL == "" {
		writeAPI(w, http.StatusBadRequest, apiError{Error: "paste a request first"})
		return
	}
	ro := inspect.ReadOptions{Name: "pasted", Format: inspect.Format(call.Format), URL: call.URL, Method: call.Method}
	var results []checkResult
	var notes []string
	count := 0
	err := inspect.Read(strings.NewReader(input), ro, func(req *inspect.Request) error {
		if req.Format == inspect.FormatHAR && !isSigned(req) {
			return nil
		}
		if count++; count > maxAPIRequests {
			return fmt.Errorf("more than %d signed requests; check the file with the command line", maxAPIRequests)
		}
		for _, n := range req.Notes {
			notes = append(notes, req.Origin.String()+": "+n)
		}
		rep, err := compare.Check(req, s, compare.Options{Now: c.now()})
		res := checkResult{Origin: req.Origin.String(), Report: rep}
		if err != nil {
			res.Error = err.Error()
		}
		results = append(results, res)
		return nil
	})
	if err != nil {
		e := apiError{Error: err.Error()}
		var ie *inspect.InputError
		if errors.As(err, &ie) && ie.Hint != "" {
			e.Hints = []string{ie.Hint}
		}
		writeAPI(w, http.StatusBadRequest, e)
		return
	}
	if len(results) == 0 {
		writeAPI(w, http.StatusBadRequest, apiError{Error: "no OAuth-signed request found in the input"})
		return
	}
	writeAPI(w, http.StatusOK, map[string]any{"results": results, "notes": notes})
}

// signCall is the body of POST /api/sign.
type signCall struct {
	Method          string `json:"method"`
	URL             string `json:"url"`
	ConsumerKey     string `json:"consumer_key"`
	ConsumerSecret  string `json:"consumer_secret"`
	Token           string `json:"token"`
	TokenSecret     string `json:"token_secret"`
	SignatureMethod string `json:"signature_method"`
	Transport       string `json:"transport"`
	Callback        string `json:"callback"`
	Verifier        string `json:"verifier"`
	Body            string `json:"body"`
	Realm           string `json:"realm"`
	Mistake         string `json:"mistake"`
}

// apiSign signs a request as 'oauthdbg sign' does, with a fresh nonce and
// timestamp, and answers with what sign --json prints.
func (c *cli) apiSign(w http.ResponseWriter, r *http.Request) {
	var call signCall
	if !readAPI(w, r, &call) {
		return
	}
	fail := func(msg string) { writeAPI(w, http.StatusBadRequest, apiError{Error: msg}) }
	if call.ConsumerKey == "" {
		fail("give the consumer key")
		return
	}
	if call.Method == "" {
		call.Method = "GET"
	}
	if call.Transport == "" {
		call.Transport = "header"
	}
	if call.SignatureMethod == "" {
		call.SignatureMethod = "HMAC-SHA1"
	}
	m, err := basestring.MethodByName(call.SignatureMethod)
	if err != nil || strings.HasPrefix(m.Name(), "RSA-") {
		fail(fmt.Sprintf("signature method %q: the page signs with HMAC-SHA1, HMAC-SHA256, HMAC-SHA512 or PLAINTEXT; use 'oauthdbg sign --private-key' for RSA", call.SignatureMethod))
		return
	}
	if call.Mistake != "" {
		if _, ok := compare.Lookup(call.Mistake); !ok {
			fail(fmt.Sprintf("no mistake %q in the catalogue", call.Mistake))
			return
		}
	}
	nonce, err := c.nonce()
	if err != nil {
		writeAPI(w, http.StatusInternalServerError, apiError{Error: err.Error()})
		return
	}
	in := signInput{method: strings.ToUpper(call.Method), url: call.URL, body: call.Body, realm: call.Realm, transport: call.Transport, sigMethod: m,
		creds: basestring.Credentials{ConsumerSecret: call.ConsumerSecret, TokenSecret: call.TokenSecret}, mistake: call.Mistake}
	switch call.Transport {
	case "header", "query":
	case "body":
		in.contentType = "application/x-www-form-urlencoded"
	default:
		fail(fmt.Sprintf("transport %q is not header, query or body", call.Transport))
		return
	}
	if call.Body != "" && in.contentType == "" {
		in.contentType = "application/x-www-form-urlencoded"
	}
	in.oauth = []kv{{"oauth_consumer_key", call.ConsumerKey}}
	if call.Token != "" {
		in.oauth = append(in.oauth, kv{"oauth_token", call.Token})
	}
	in.oauth = append(in.oauth, kv{"oauth_signature_method", m.Name()},
		kv{"oauth_timestamp", strconv.FormatInt(c.now().Unix(), 10)}, kv{"oauth_nonce", nonce}, kv{"oauth_version", "1.0"})
	if call.Callback != "" {
		in.oauth = append(in.oauth, kv{"oauth_callback", call.Callback})
	}
	if call.Verifier != "" {
		in.oauth = append(in.oauth, kv{"oauth_verifier", call.Verifier})
	}
	out, err := signRequest(in)
	if err != nil {
		var ce *cliError
		if errors.As(err, &ce) {
			fail(ce.msg)
			return
		}
		fail(err.Error())
		return
	}
	writeAPI(w, http.StatusOK, out)
}
