package main

import (
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/compare"
)

// say writes a line of flow's text output at once (the user acts on it
// while flow waits), through the run's redactor.
func (r *flowRun) say(format string, args ...any) {
	if r.f.json {
		return
	}
	_, _ = io.WriteString(r.c.stdout, r.c.redact(fmt.Sprintf(format, args...)))
}

// emitJSON writes one step as a JSON line.
func (r *flowRun) emitJSON(st *flowStep) {
	data, err := json.Marshal(st)
	if err != nil {
		return
	}
	_, _ = io.WriteString(r.c.stdout, r.c.redact(string(data))+"\n")
}

// secretAnswer returns a secret field of the step's answer; Answer holds it
// redacted unless --show-secrets.
func (st *flowStep) secretAnswer(name string) string { return st.rawAnswer[name] }

// request signs and sends one step's request and reports it. args after
// tokenSecret: the Content-Type of body.
func (r *flowRun) request(step, num, method, rawURL, body string, extra []kv, token, tokenSecret string, contentType ...string) (*flowStep, error) {
	f := r.f
	now := r.c.now()
	nonce, err := r.c.nonce()
	if err != nil {
		return nil, err
	}
	in := signInput{method: method, url: rawURL, body: body, realm: f.realm, transport: f.transport, sigMethod: r.sigMethod, creds: r.consumer}
	if len(contentType) > 0 && contentType[0] != "" {
		in.contentType = contentType[0]
		in.headers = append(in.headers, "Content-Type: "+contentType[0])
	}
	if f.transport == "body" {
		in.contentType = "application/x-www-form-urlencoded"
		if method == "GET" {
			in.transport = "query"
		}
	}
	in.creds.TokenSecret = tokenSecret
	in.oauth = []kv{{"oauth_consumer_key", f.consumerKey}}
	if token != "" {
		in.oauth = append(in.oauth, kv{"oauth_token", token})
	}
	in.oauth = append(in.oauth, kv{"oauth_signature_method", r.sigMethod.Name()},
		kv{"oauth_timestamp", strconv.FormatInt(now.Unix(), 10)}, kv{"oauth_nonce", nonce}, kv{"oauth_version", "1.0"})
	in.oauth = append(in.oauth, extra...)
	if r.mistake != "" && r.mistakeAt == step {
		in.mistake = r.mistake
	}
	out, err := signRequest(in)
	if err != nil {
		return nil, err
	}
	st := &flowStep{Step: step, Method: method, URL: out.URL, Authorization: out.Authorization, BaseString: out.BaseString, signedReq: out, creds: in.creds}
	if r.sigMethod.Name() == "PLAINTEXT" && !r.showSecret {
		st.Authorization = redactPlaintextSig(st.Authorization)
		st.URL = redactPlaintextSig(st.URL)
	}
	if in.mistake != "" {
		st.Note = fmt.Sprintf("signed with the mistake %s on purpose (--mistake)", in.mistake)
	}
	r.say("step %s %s: %s %s\n", num, step, method, visible(st.URL))
	if st.Note != "" {
		r.say("  %s\n", st.Note)
	}
	if f.steps {
		r.say("  base string: %s\n", visible(st.BaseString))
		if st.Authorization != "" {
			r.say("  Authorization: %s\n", visible(st.Authorization))
		}
	}

	req, err := http.NewRequestWithContext(r.c.context(), method, out.URL, strings.NewReader(out.Body))
	if err != nil {
		return nil, usageErr(fmt.Sprintf("%s: %v", step, err))
	}
	if out.Authorization != "" {
		req.Header.Set("Authorization", out.Authorization)
	}
	if out.ContentType != "" {
		req.Header.Set("Content-Type", out.ContentType)
	}
	req.Header.Set("Accept", "application/x-www-form-urlencoded, application/json;q=0.9, */*;q=0.5")
	start := time.Now()
	resp, err := r.client.Do(req)
	st.ElapsedMS = time.Since(start).Milliseconds()
	if err != nil {
		return nil, networkErr(step, rawURL, err)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxFlowResponse+1))
	resp.Body.Close()
	if err != nil {
		return nil, networkErr(step, rawURL, err)
	}
	if len(data) > maxFlowResponse {
		return nil, usageErr(fmt.Sprintf("%s: the provider's answer is larger than %d bytes", step, maxFlowResponse))
	}
	if r.har != nil {
		r.har.add(req, out.Body, resp, data, start, time.Since(start))
	}
	st.Status = resp.StatusCode
	ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		st.OK = true
		if step == "call" {
			r.say("  → %d %s (%s, %d bytes)\n", resp.StatusCode, http.StatusText(resp.StatusCode), ct, len(data))
			r.say("%s\n", indent(visibleLines(truncate(string(data), 2048))))
			if f.json {
				st.Answer = map[string]string{"content_type": ct, "body": truncate(string(data), 64<<10)}
				r.emitJSON(st)
			}
			return st, nil
		}
		if err := st.readAnswer(ct, data, r.showSecret); err != nil {
			return nil, usageErr(fmt.Sprintf("%s: %v", step, err), "a token endpoint answers application/x-www-form-urlencoded (RFC 5849 §2.1, §2.3); check the URL")
		}
		r.say("  → %d %s: %s\n", resp.StatusCode, http.StatusText(resp.StatusCode), formatAnswer(st.Answer))
		if f.json {
			r.emitJSON(st)
		}
		return st, nil
	}
	st.Problem = r.explain(st, resp, ct, data, now)
	r.say("  → %d %s\n", resp.StatusCode, http.StatusText(resp.StatusCode))
	r.renderProblem(st)
	if f.json {
		r.emitJSON(st)
	}
	return st, nil
}

// readAnswer parses a token endpoint's form answer into Answer (secrets
// redacted unless show) and rawAnswer.
func (st *flowStep) readAnswer(ct string, data []byte, show bool) error {
	text := strings.TrimSpace(string(data))
	switch {
	case ct == "text/html" || strings.HasPrefix(strings.ToLower(text), "<!doctype") || strings.HasPrefix(text, "<"):
		return fmt.Errorf("the provider answered HTML, not a form body (%d bytes): a login or error page?", len(data))
	case ct == "application/json" || strings.HasPrefix(text, "{"):
		return fmt.Errorf("the provider answered JSON, not a form body: %s", truncate(visible(text), 200))
	}
	v, err := url.ParseQuery(text)
	if err != nil {
		return fmt.Errorf("the answer is not a form body: %v", err)
	}
	st.rawAnswer, st.Answer = map[string]string{}, map[string]string{}
	for k := range v {
		st.rawAnswer[k] = v.Get(k)
		st.Answer[k] = v.Get(k)
		if strings.HasSuffix(k, "_secret") && !show {
			st.Answer[k] = compare.Placeholder(v.Get(k))
		}
	}
	return nil
}

// formatAnswer lists an answer's fields in a stable order.
func formatAnswer(a map[string]string) string {
	order := []string{"oauth_token", "oauth_token_secret", "oauth_callback_confirmed"}
	var parts []string
	seen := map[string]bool{}
	for _, k := range order {
		if v, ok := a[k]; ok {
			parts = append(parts, k+"="+visible(v))
			seen[k] = true
		}
	}
	var rest []string
	for k := range a {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		parts = append(parts, k+"="+visible(a[k]))
	}
	return strings.Join(parts, ", ")
}

// redactPlaintextSig hides a PLAINTEXT signature (it is the secrets) in an
// Authorization header or a URL, by its place, not by searching.
func redactPlaintextSig(s string) string {
	for _, marker := range []string{`oauth_signature="`, "oauth_signature="} {
		i := strings.Index(s, marker)
		if i < 0 {
			continue
		}
		start := i + len(marker)
		end := strings.IndexAny(s[start:], `"&, `)
		if end < 0 {
			end = len(s) - start
		}
		return s[:start] + compare.Placeholder(basestring.DecodeLenient(s[start:start+end], false)) + s[start+end:]
	}
	return s
}

// networkErr turns a failed exchange into a usage-class error (status 2)
// that says what failed.
func networkErr(step, rawURL string, err error) error {
	var hint string
	var ue *url.Error
	var ne net.Error
	var ce *tls.CertificateVerificationError
	switch {
	case errors.As(err, &ce):
		hint = "the provider's TLS certificate is not trusted here; check the URL's host"
	case errors.As(err, &ne) && ne.Timeout():
		hint = "the provider did not answer in time; raise --http-timeout or check the URL"
	case strings.Contains(err.Error(), "redirect"):
		hint = "the endpoint redirects in a loop; give the URL it finally serves"
	case strings.Contains(err.Error(), "connection refused"), strings.Contains(err.Error(), "no such host"):
		hint = "nothing answers at that address; check the URL (is the provider running?)"
	}
	if errors.As(err, &ue) && ue.Err != nil {
		err = ue.Err
	}
	return usageErr(fmt.Sprintf("%s: %s %s: %v", step, "request to", rawURL, err), hint)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}
