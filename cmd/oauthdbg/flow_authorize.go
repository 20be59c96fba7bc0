package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// callbackFor returns the oauth_callback to send and a function that waits
// for the verifier: a one-shot listener on a loopback port, or "oob".
func (r *flowRun) callbackFor(ctx context.Context) (cb string, wait func(context.Context) (string, error), closeFn func(), err error) {
	f := r.f
	if f.callback == "oob" {
		return "oob", r.pasteVerifier, func() {}, nil
	}
	if f.callback != "" {
		// A callback of the user's own: flow cannot catch it, so the user
		// pastes the verifier from the redirected URL.
		return f.callback, r.pasteVerifier, func() {}, nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, nil, usageErr(fmt.Sprintf("callback listener: %v", err))
	}
	got := make(chan url.Values, 1)
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path != "/callback" {
			http.NotFound(w, req)
			return
		}
		q := req.URL.Query()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'")
		if q.Get("oauth_verifier") == "" && q.Get("denied") == "" {
			http.Error(w, "oauthdbg flow: this callback has no oauth_verifier", http.StatusBadRequest)
			return
		}
		// The whole answer is on the wire before flow goes on: flow closes
		// the listener once it has the verifier.
		const answer = "oauthdbg flow got the answer; you can close this tab and go back to the terminal.\n"
		w.Header().Set("Content-Length", strconv.Itoa(len(answer)))
		_, _ = io.WriteString(w, answer)
		_ = http.NewResponseController(w).Flush()
		select {
		case got <- q:
		default:
		}
	})}
	go func() { _ = srv.Serve(ln) }()
	cb = "http://" + ln.Addr().String() + "/callback"
	wait = func(ctx context.Context) (string, error) {
		ctx, cancel := context.WithTimeout(ctx, f.timeout)
		defer cancel()
		r.say("  waiting for the provider to redirect to %s (up to %s)…\n", cb, f.timeout)
		select {
		case q := <-got:
			if q.Get("denied") != "" {
				return "", usageErr("the user denied access on the authorize page", "run flow again and grant access")
			}
			return q.Get("oauth_verifier"), nil
		case <-ctx.Done():
			return "", usageErr(fmt.Sprintf("no callback within %s", f.timeout), "open the authorize URL and grant access, or raise --timeout")
		}
	}
	// Shut down, not closed: a browser still reading the answer gets it.
	closeFn = func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			_ = srv.Close()
		}
	}
	return cb, wait, closeFn, nil
}

// pasteVerifier asks the user for the verifier the provider showed.
func (r *flowRun) pasteVerifier(ctx context.Context) (string, error) {
	fmt.Fprintf(r.c.stderr, "paste the oauth_verifier the provider showed, then Enter: ")
	line := make(chan string, 1)
	go func() {
		var b strings.Builder
		buf := make([]byte, 1)
		for b.Len() < 4096 {
			n, err := r.c.stdin.Read(buf)
			if n == 1 {
				if buf[0] == '\n' {
					break
				}
				b.WriteByte(buf[0])
			}
			if err != nil {
				fmt.Fprintln(r.c.stderr) // end the prompt's line
				break
			}
		}
		line <- strings.TrimSpace(b.String())
	}()
	ctx, cancel := context.WithTimeout(ctx, r.f.timeout)
	defer cancel()
	select {
	case v := <-line:
		if v == "" {
			return "", usageErr("no verifier pasted", "paste the value of oauth_verifier")
		}
		if u, err := url.Parse(v); err == nil && u.Query().Get("oauth_verifier") != "" {
			v = u.Query().Get("oauth_verifier") // the whole redirected URL was pasted
		}
		return v, nil
	case <-ctx.Done():
		return "", usageErr(fmt.Sprintf("no verifier within %s", r.f.timeout))
	}
}

// authorize is step 2: it sends the user to the authorize URL and waits for
// the verifier.
func (r *flowRun) authorize(ctx context.Context, token string, wait func(context.Context) (string, error)) (string, error) {
	u := r.f.authorizeURL
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	u += sep + "oauth_token=" + url.QueryEscape(token)
	r.say("step 2 authorize: open this URL in a browser and grant access:\n  %s\n", visible(u))
	if r.f.json {
		// stdout holds JSON; the user still needs the URL.
		fmt.Fprintf(r.c.stderr, "oauthdbg: open this URL in a browser and grant access: %s\n", visible(u))
	}
	if r.f.open {
		if err := exec.Command("xdg-open", u).Start(); err != nil {
			r.say("  note: could not open a browser (%v); open the URL by hand\n", err)
		}
	}
	if r.c.flowAuthorize != nil {
		go r.c.flowAuthorize(u)
	}
	v, err := wait(ctx)
	if err != nil {
		return "", err
	}
	r.say("  ← oauth_verifier=%s\n", visible(v))
	if r.f.json {
		r.emitJSON(&flowStep{Step: "authorize", URL: u, OK: true, Answer: map[string]string{"oauth_token": token, "oauth_verifier": v}})
	}
	return v, nil
}
