package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/oauthdbg/oauthdbg/compare"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// flowProblem is why a step failed, read from the provider's answer and
// from checking the request flow sent.
type flowProblem struct {
	OAuthProblem string `json:"oauth_problem,omitempty"`
	Advice       string `json:"advice,omitempty"`
	ServerBase   string `json:"server_base_string,omitempty"`
	OwnCheck     string `json:"own_check"`
	Cause        string `json:"cause,omitempty"`
	Likely       string `json:"likely"`
}

// explain reads why the provider refused a step: its oauth_problem, advice
// and base string, and the request flow sent checked with its own secrets.
func (r *flowRun) explain(st *flowStep, resp *http.Response, ct string, data []byte, sentAt time.Time) *flowProblem {
	p := &flowProblem{}
	body := string(data)
	if form, err := url.ParseQuery(strings.SplitN(strings.TrimSpace(body), "\n", 2)[0]); err == nil {
		p.OAuthProblem, p.Advice = form.Get("oauth_problem"), form.Get("oauth_problem_advice")
	}
	if sb, ok := compare.ExtractServerBaseString(body); ok {
		p.ServerBase = sb.BaseString
		if p.OAuthProblem == "" {
			p.OAuthProblem = sb.Problem
		}
	}
	// Check the request as sent with flow's own secrets: a mismatch here is
	// a mistake flow made (on purpose with --mistake, or a bug).
	p.OwnCheck, p.Cause = r.ownCheck(st)
	p.Likely = likelyCause(p, resp, st, sentAt)
	return p
}

// ownCheck verifies the step's request with the secrets flow signed it with.
func (r *flowRun) ownCheck(st *flowStep) (verdict, cause string) {
	out := st.signedReq
	raw := out.Curl
	req := &inspect.Request{}
	err := inspect.Read(strings.NewReader(raw), inspect.ReadOptions{Name: "sent", Format: inspect.FormatCurl}, func(rq *inspect.Request) error {
		req = rq
		return nil
	})
	if err != nil {
		return "could not read the sent request back: " + err.Error(), ""
	}
	s := compare.Secrets{ConsumerSecret: compare.NewSecret(st.creds.ConsumerSecret), HasConsumerSecret: true, PublicKey: st.creds.PublicKey}
	if st.creds.TokenSecret != "" || strings.Contains(out.Authorization+out.URL+out.Body, "oauth_token=") {
		s.TokenSecret, s.HasTokenSecret = compare.NewSecret(st.creds.TokenSecret), true
	}
	rep, err := compare.Check(req, s, compare.Options{Now: r.c.now()})
	switch {
	case err != nil:
		return "not checked: " + err.Error(), ""
	case rep.Valid:
		return "valid: the request flow sent is correctly signed (RFC 5849) with the secrets given", ""
	case rep.Cause != nil:
		id := strings.Join(rep.Cause.IDs, "+")
		return fmt.Sprintf("invalid: flow's own request has the mistake %s: %s", id, rep.Cause.Title), id
	default:
		return "invalid: " + rep.Unexplained, ""
	}
}

// likelyCause names the most likely reason for a refusal.
func likelyCause(p *flowProblem, resp *http.Response, st *flowStep, sentAt time.Time) string {
	switch p.OAuthProblem {
	case "timestamp_refused":
		if d, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
			skew := d.Sub(sentAt).Round(time.Second)
			return fmt.Sprintf("clock skew: the provider's clock (Date: %s) is %s %s this machine's; set the clock right (NTP)", resp.Header.Get("Date"), absDuration(skew), aheadBehind(skew))
		}
		return "clock skew: the provider refused oauth_timestamp; set this machine's clock right (NTP)"
	case "nonce_used":
		return "the nonce was used before: each request needs a new random oauth_nonce"
	case "consumer_key_unknown":
		return "the provider does not know the consumer key: check --consumer-key against the key the provider issued"
	case "token_used":
		return "the request token and its verifier were already exchanged: a verifier works once; start the flow again"
	case "token_rejected", "token_expired":
		return "the provider does not accept the token: it expired, was already used, or belongs to another consumer; start the flow again"
	case "verifier_invalid":
		return "the verifier is not the one the provider gave: pass the callback's oauth_verifier unchanged"
	case "parameter_absent":
		return "a required parameter is missing: " + p.Advice
	case "parameter_rejected", "permission_denied":
		if strings.Contains(p.Advice, "oauth_callback") {
			return "the provider refused the callback: register it with the consumer, or use --callback oob"
		}
	case "signature_method_rejected":
		return "the provider refuses this signature method: try --signature-method HMAC-SHA1"
	}
	if p.Cause != "" {
		return fmt.Sprintf("the request flow sent has the mistake %s (see 'oauthdbg explain %s')", p.Cause, p.Cause)
	}
	if p.OAuthProblem == "signature_invalid" || resp.StatusCode == http.StatusUnauthorized {
		if strings.HasPrefix(p.OwnCheck, "valid") {
			if p.ServerBase != "" && p.ServerBase != st.BaseString {
				return "the provider built another base string than RFC 5849 gives for this request: compare the two below"
			}
			return "the request is correctly signed with the secrets given: the provider holds other secrets (check the consumer secret) or saw another URL (a proxy?)"
		}
	}
	if resp.StatusCode >= 500 {
		return "the provider failed (a server error), not the signature"
	}
	return "the provider refused the request; its answer is above"
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func aheadBehind(d time.Duration) string {
	if d < 0 {
		return "behind"
	}
	return "ahead of"
}

// renderProblem prints a failed step's explanation.
func (r *flowRun) renderProblem(st *flowStep) {
	p := st.Problem
	if p.OAuthProblem != "" {
		r.say("  oauth_problem: %s\n", visible(p.OAuthProblem))
	}
	if p.Advice != "" {
		r.say("  provider's advice: %s\n", visible(p.Advice))
	}
	r.say("  our request: %s\n", visible(p.OwnCheck))
	if p.ServerBase != "" && p.ServerBase != st.BaseString {
		r.say("  base strings differ:\n    ours:       %s\n    provider's: %s\n", visible(st.BaseString), visible(p.ServerBase))
	}
	r.say("✗ %s failed: %s\n", st.Step, visible(p.Likely))
}
