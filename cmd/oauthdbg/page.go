package main

import "net/http"

// registerPage adds the interactive test page to serve's mux.
func (c *cli) registerPage(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("oauthdbg serve: an OAuth 1.0a provider; endpoints under /api/1.0/oauth/\n"))
	})
}
