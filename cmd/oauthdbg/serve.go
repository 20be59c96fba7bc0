package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/cmd/oauthdbg/internal/provider"
	"github.com/oauthdbg/oauthdbg/compare"
)

// serveFlags are the flags of "oauthdbg serve".
type serveFlags struct {
	listen    string
	consumers string
	state     string
	realm     string
	maxSkew   time.Duration
	explain   bool
	quiet     bool
}

// maxConsumersFile is the largest --consumers file read.
const maxConsumersFile = 1 << 20

// consumersFile is the JSON form of --consumers: a secrets file (consumer
// secrets and RSA public keys by consumer key) plus each consumer's rules.
type consumersFile struct {
	Consumers map[string]provider.Rules `json:"consumers"`
}

func (c *cli) serve(args []string) error {
	f := serveFlags{explain: true}
	fs := c.newFlagSet("serve")
	fs.StringVar(&f.listen, "listen", "127.0.0.1:8080", "")
	fs.StringVar(&f.consumers, "consumers", "", "")
	fs.StringVar(&f.state, "state", "", "")
	fs.StringVar(&f.realm, "realm", "oauthdbg", "")
	fs.DurationVar(&f.maxSkew, "max-skew", 5*time.Minute, "")
	fs.BoolVar(&f.explain, "explain", true, "")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "")
	if done, err := c.parseFlags(fs, args, "serve"); done {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr(fmt.Sprintf("serve takes no arguments, got %q", truncate(fs.Arg(0), 60)), "run 'oauthdbg serve --help' for usage")
	}
	if f.maxSkew <= 0 {
		return usageErr("--max-skew must be a positive duration, e.g. 5m")
	}
	consumers, demo, err := c.loadConsumers(f.consumers)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(c.context(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var logMu sync.Mutex
	logf := func(format string, args ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(c.stderr, format, args...)
	}
	opts := provider.Options{Realm: f.realm, Explain: f.explain, MaxSkew: f.maxSkew}
	if !f.quiet {
		opts.Log = func(ev compare.Event) { logf("%s\n", eventLine(ev)) }
	}
	p := provider.New(consumers, opts)
	if f.state != "" {
		if err := p.Load(f.state); err != nil {
			return usageErr(err.Error(), "remove the file or give another --state")
		}
	}
	mux := http.NewServeMux()
	p.Register(mux)
	c.registerPage(mux)

	ln, err := net.Listen("tcp", f.listen)
	if err != nil {
		return usageErr(fmt.Sprintf("--listen %s: %v", f.listen, unwrapOpError(err)), "pick a free port, e.g. --listen 127.0.0.1:8081")
	}
	addr := ln.Addr().(*net.TCPAddr)
	if !addr.IP.IsLoopback() {
		logf("oauthdbg: warning: listening on %s, reachable from other machines; the demo provider has no TLS and its consumers are for testing only\n", addr)
	}
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(c.stdout, "oauthdbg serve: an OAuth 1.0a provider on %s\n", base)
	fmt.Fprintf(c.stdout, "  request token  POST %s%s\n", base, provider.PathRequestToken)
	fmt.Fprintf(c.stdout, "  authenticate   GET  %s%s?oauth_token=…\n", base, provider.PathAuthenticate)
	fmt.Fprintf(c.stdout, "  access token   POST %s%s\n", base, provider.PathAccessToken)
	fmt.Fprintf(c.stdout, "  resources      GET  %s%s, any %s%s\n", base, provider.PathUser, base, provider.PathEcho)
	fmt.Fprintf(c.stdout, "  test page      %s/\n", base)
	if demo != nil {
		fmt.Fprintf(c.stdout, "demo consumer (made for this run; give --consumers FILE for your own):\n  key:    %s\n  secret: %s\n", demo.Key, demo.Secret)
		fmt.Fprintf(c.stdout, "try: oauthdbg flow --request-token-url %s%s --authorize-url %s%s --access-token-url %s%s --consumer-key %s --consumer-secret %s\n",
			base, provider.PathRequestToken, base, provider.PathAuthenticate, base, provider.PathAccessToken, demo.Key, demo.Secret)
	}
	if !f.explain {
		fmt.Fprintln(c.stdout, "rejections are terse (--explain=false): oauth_problem only, as a real provider answers")
	}
	if fl, ok := c.stdout.(interface{ Flush() error }); ok {
		_ = fl.Flush()
	}
	if c.serveReady != nil {
		c.serveReady(base)
	}

	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          nil,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return usageErr(fmt.Sprintf("serve: %v", err))
		}
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
		logf("oauthdbg serve: stopped\n")
	}
	if f.state != "" {
		if err := p.Save(f.state); err != nil {
			return usageErr(err.Error())
		}
	}
	return nil
}

// context returns the run's context: canceled by tests to stop serve.
func (c *cli) context() context.Context {
	if c.ctx != nil {
		return c.ctx
	}
	return context.Background()
}

// loadConsumers reads --consumers, or makes a demo consumer with a random
// secret when none is given.
func (c *cli) loadConsumers(path string) ([]*provider.Consumer, *provider.Consumer, error) {
	if path == "" {
		b := make([]byte, 18)
		if _, err := rand.Read(b); err != nil {
			return nil, nil, fmt.Errorf("serve: make the demo consumer: %w", err)
		}
		demo := &provider.Consumer{Key: "oauthdbg-demo", Secret: base64.RawURLEncoding.EncodeToString(b), TwoLegged: true}
		return []*provider.Consumer{demo}, demo, nil
	}
	data, err := readPath(path, maxConsumersFile)
	if err != nil {
		return nil, nil, usageErr(fmt.Sprintf("--consumers: %v", err), "give a JSON file like the one of --secrets, with consumer_secrets by key")
	}
	// The rules sit beside the secrets; the secrets part is read by the
	// parser of --secrets, which refuses unknown fields, so take them out.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, nil, usageErr(fmt.Sprintf("--consumers %s: %v", path, err), "give a JSON object")
	}
	var rules consumersFile
	if r, ok := raw["consumers"]; ok {
		dec := json.NewDecoder(bytes.NewReader(r))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rules.Consumers); err != nil {
			return nil, nil, usageErr(fmt.Sprintf("--consumers %s: consumers: %v", path, err),
				`each consumer's rules: {"callbacks": ["https://…"], "methods": ["HMAC-SHA1"], "two_legged": true}`)
		}
		delete(raw, "consumers")
	}
	rest, _ := json.Marshal(raw)
	s, err := compare.ParseSecretsFile(rest, path)
	if err != nil {
		return nil, nil, usageErr(err.Error())
	}
	for key, r := range rules.Consumers {
		for _, m := range r.Methods {
			if _, err := basestring.MethodByName(m); err != nil {
				return nil, nil, usageErr(fmt.Sprintf("--consumers %s: consumers[%q]: unknown signature method %q", path, key, m))
			}
		}
	}
	consumers := provider.ConsumersFromSecrets(s, rules.Consumers)
	if len(consumers) == 0 {
		return nil, nil, usageErr(fmt.Sprintf("--consumers %s: no consumer_secrets or rsa_public_keys", path),
			`write {"consumer_secrets": {"KEY": "SECRET"}}`)
	}
	return consumers, nil, nil
}

// unwrapOpError keeps the cause of a net.OpError.
func unwrapOpError(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err
	}
	return err
}

// eventLine is the log line of one judged request: the verdict and the
// cause, never a secret.
func eventLine(ev compare.Event) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %d", ev.Method, visible(ev.URL), ev.Status)
	if ev.Problem != "" {
		b.WriteString(" " + ev.Problem)
	} else {
		b.WriteString(" ok")
	}
	if ev.ConsumerKey != "" {
		fmt.Fprintf(&b, " consumer=%s", visible(ev.ConsumerKey))
	}
	if ev.SignatureMethod != "" {
		fmt.Fprintf(&b, " method=%s", visible(ev.SignatureMethod))
	}
	if ev.Cause != "" {
		fmt.Fprintf(&b, " cause=%s", ev.Cause)
	}
	if ev.Advice != "" && ev.Problem != "" {
		fmt.Fprintf(&b, " advice=%q", ev.Advice)
	}
	return b.String()
}
