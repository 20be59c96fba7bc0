package provider

import (
	"crypto/rand"
	"embed"
	"fmt"
	"html/template"
	"math/big"
	"net/http"
	"net/url"
	"strings"
)

//go:embed authenticate.html page.css
var pages embed.FS

var pageTemplates = template.Must(template.ParseFS(pages, "authenticate.html"))

// pageHeaders are the headers of every page the provider serves: no script
// at all, nothing from another origin, framed only by the test page of the
// same server.
func pageHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self' http: https:; frame-ancestors 'self'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Type", "text/html; charset=utf-8")
}

// pageData is what authenticate.html shows.
type pageData struct {
	Title    string
	Token    string
	Consumer string
	Callback string
	Verifier string
	Error    string
}

func (p *Provider) page(w http.ResponseWriter, status int, d pageData) {
	pageHeaders(w)
	w.WriteHeader(status)
	_ = pageTemplates.ExecuteTemplate(w, "authenticate.html", d)
}

// authenticatePage is step 2 (RFC 5849 §2.2): the page where the user
// approves or denies the consumer's request token.
func (p *Provider) authenticatePage(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("oauth_token")
	p.mu.Lock()
	rt, ok := p.requests.get(token)
	valid := ok && !rt.used && p.now().Before(rt.expires)
	var consumer, callback string
	if ok {
		consumer, callback = rt.consumer, rt.callback
	}
	p.mu.Unlock()
	if !valid {
		p.page(w, http.StatusBadRequest, pageData{Title: "Unknown request token",
			Error: "This link's oauth_token is not a request token this provider issued, or it expired or was already used. Start again at request_token."})
		return
	}
	p.page(w, http.StatusOK, pageData{Title: "Authorize " + consumer, Token: token, Consumer: consumer, Callback: callback})
}

// authenticateDecision takes the user's answer and sends them back to the
// consumer's callback with oauth_token and oauth_verifier, or shows the
// verifier for "oob".
func (p *Provider) authenticateDecision(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		p.page(w, http.StatusBadRequest, pageData{Title: "Bad form", Error: "The form could not be read."})
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" && !strings.EqualFold(strings.TrimPrefix(strings.TrimPrefix(o, "http://"), "https://"), r.Host) {
		p.page(w, http.StatusForbidden, pageData{Title: "Refused", Error: "The decision must come from this provider's own page."})
		return
	}
	token := r.PostForm.Get("oauth_token")
	approve := r.PostForm.Get("decision") == "approve"
	p.mu.Lock()
	rt, ok := p.requests.get(token)
	if !ok || rt.used || !p.now().Before(rt.expires) {
		p.mu.Unlock()
		p.page(w, http.StatusBadRequest, pageData{Title: "Unknown request token", Error: "The request token is unknown, expired or already used."})
		return
	}
	if approve {
		if rt.verifier == "" {
			rt.verifier = newVerifier()
		}
	} else {
		rt.denied = true
	}
	callback, verifier, consumer := rt.callback, rt.verifier, rt.consumer
	p.mu.Unlock()
	if callback == "oob" {
		if !approve {
			p.page(w, http.StatusOK, pageData{Title: "Access denied", Consumer: consumer, Error: "You denied access. The application will not get an access token."})
			return
		}
		p.page(w, http.StatusOK, pageData{Title: "Your verifier", Consumer: consumer, Verifier: verifier})
		return
	}
	q := url.Values{"oauth_token": {token}}
	if approve {
		q.Set("oauth_verifier", verifier)
	} else {
		q.Set("denied", token)
	}
	sep := "?"
	if strings.Contains(callback, "?") {
		sep = "&"
	}
	http.Redirect(w, r, callback+sep+q.Encode(), http.StatusFound)
}

// newVerifier returns ten random digits, like Bitbucket's verifiers.
func newVerifier() string {
	var b strings.Builder
	for range 10 {
		n, err := rand.Int(rand.Reader, big.NewInt(10))
		if err != nil {
			panic(fmt.Sprintf("provider: crypto/rand failed: %v", err))
		}
		b.WriteByte(byte('0' + n.Int64()))
	}
	return b.String()
}

// pageCSS serves the pages' style sheet.
func pageCSS(w http.ResponseWriter, _ *http.Request) {
	data, _ := pages.ReadFile("page.css")
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(data)
}
