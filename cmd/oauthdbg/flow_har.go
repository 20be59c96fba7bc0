package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/oauthdbg/oauthdbg/compare"
)

// harRecorder keeps flow's exchange as HAR 1.2 entries (the format of the
// browsers' network panels, which check reads back).
type harRecorder struct {
	show      bool // keep secrets as they are (--show-secrets)
	plaintext bool // the signatures are PLAINTEXT, that is the secrets
	entries   []recEntry
}

type recNV struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type recEntry struct {
	StartedDateTime string      `json:"startedDateTime"`
	Time            float64     `json:"time"`
	Request         recRequest  `json:"request"`
	Response        recResponse `json:"response"`
	Cache           struct{}    `json:"cache"`
	Timings         recTimings  `json:"timings"`
}

type recRequest struct {
	Method      string       `json:"method"`
	URL         string       `json:"url"`
	HTTPVersion string       `json:"httpVersion"`
	Cookies     []recNV      `json:"cookies"`
	Headers     []recNV      `json:"headers"`
	QueryString []recNV      `json:"queryString"`
	PostData    *recPostData `json:"postData,omitempty"`
	HeadersSize int          `json:"headersSize"`
	BodySize    int          `json:"bodySize"`
}

type recPostData struct {
	MimeType string `json:"mimeType"`
	Text     string `json:"text"`
}

type recResponse struct {
	Status      int        `json:"status"`
	StatusText  string     `json:"statusText"`
	HTTPVersion string     `json:"httpVersion"`
	Cookies     []recNV    `json:"cookies"`
	Headers     []recNV    `json:"headers"`
	Content     recContent `json:"content"`
	RedirectURL string     `json:"redirectURL"`
	HeadersSize int        `json:"headersSize"`
	BodySize    int        `json:"bodySize"`
}

type recContent struct {
	Size     int    `json:"size"`
	MimeType string `json:"mimeType"`
	Text     string `json:"text"`
}

type recTimings struct {
	Send    float64 `json:"send"`
	Wait    float64 `json:"wait"`
	Receive float64 `json:"receive"`
}

// add records one exchange. A PLAINTEXT signature and the token secrets in
// the answers are replaced by "[redacted N chars]" unless show.
func (h *harRecorder) add(req *http.Request, body string, resp *http.Response, data []byte, start time.Time, took time.Duration) {
	e := recEntry{StartedDateTime: start.UTC().Format(time.RFC3339Nano), Time: ms(took), Timings: recTimings{Wait: ms(took)}}
	u := req.URL.String()
	if h.plaintext && !h.show {
		u = redactPlaintextSig(u)
	}
	e.Request = recRequest{Method: req.Method, URL: u, HTTPVersion: "HTTP/1.1", Cookies: []recNV{}, HeadersSize: -1, BodySize: len(body)}
	e.Request.Headers = append(e.Request.Headers, recNV{"Host", req.URL.Host})
	for _, name := range sortedKeys(req.Header) {
		for _, v := range req.Header[name] {
			if name == "Authorization" && h.plaintext && !h.show {
				v = redactPlaintextSig(v)
			}
			e.Request.Headers = append(e.Request.Headers, recNV{name, v})
		}
	}
	e.Request.QueryString = []recNV{}
	for k, vs := range req.URL.Query() {
		for _, v := range vs {
			e.Request.QueryString = append(e.Request.QueryString, recNV{k, v})
		}
	}
	slices.SortFunc(e.Request.QueryString, func(a, b recNV) int { return strings.Compare(a.Name+"\x00"+a.Value, b.Name+"\x00"+b.Value) })
	if body != "" {
		text := body
		if h.plaintext && !h.show {
			text = redactPlaintextSig(text)
		}
		e.Request.PostData = &recPostData{MimeType: req.Header.Get("Content-Type"), Text: text}
	}
	text := string(data)
	if !h.show {
		text = redactFormSecrets(text)
	}
	e.Response = recResponse{Status: resp.StatusCode, StatusText: http.StatusText(resp.StatusCode), HTTPVersion: "HTTP/1.1",
		Cookies: []recNV{}, HeadersSize: -1, BodySize: len(data), RedirectURL: resp.Header.Get("Location"),
		Content: recContent{Size: len(data), MimeType: resp.Header.Get("Content-Type"), Text: text}}
	for _, name := range sortedKeys(resp.Header) {
		for _, v := range resp.Header[name] {
			e.Response.Headers = append(e.Response.Headers, recNV{name, v})
		}
	}
	h.entries = append(h.entries, e)
}

// redactFormSecrets replaces the values of *_secret fields of a form body.
func redactFormSecrets(body string) string {
	parts := strings.Split(body, "&")
	changed := false
	for i, p := range parts {
		name, value, ok := strings.Cut(p, "=")
		if ok && strings.HasSuffix(name, "_secret") {
			v, err := url.QueryUnescape(value)
			if err != nil {
				v = value
			}
			parts[i] = name + "=" + url.QueryEscape(compare.Placeholder(v))
			changed = true
		}
	}
	if !changed {
		return body
	}
	return strings.Join(parts, "&")
}

func sortedKeys(h http.Header) []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// write saves the HAR file, readable by the owner only.
func (h *harRecorder) write(path string) error {
	if h.entries == nil {
		h.entries = []recEntry{}
	}
	doc := map[string]any{"log": map[string]any{
		"version": "1.2",
		"creator": map[string]string{"name": "oauthdbg flow", "version": version()},
		"entries": h.entries,
	}}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("--record: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("--record: %w", unwrapPathError(err))
	}
	return nil
}
