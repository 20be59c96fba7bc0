package compare

import (
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// TestProviders checks the provider table: unique names, a title and a
// source for each, known signature methods, deviations that name catalogue
// mistakes, and endpoints that are absolute URLs once the base is given.
func TestProviders(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Providers() {
		if p.Name == "" || strings.ToLower(p.Name) != p.Name || seen[p.Name] {
			t.Errorf("provider name %q: empty, not lower case, or repeated", p.Name)
		}
		seen[p.Name] = true
		if p.Title == "" || len(p.Sources) == 0 || len(p.Methods) == 0 {
			t.Errorf("%s: needs a title, sources and methods", p.Name)
		}
		for _, m := range p.Methods {
			if _, err := basestring.MethodByName(m); err != nil {
				t.Errorf("%s: method %q: %v", p.Name, m, err)
			}
		}
		for _, d := range p.Deviations {
			if _, ok := Lookup(d.Mistake); !ok || d.Rule == "" {
				t.Errorf("%s: deviation %q is not a catalogue id, or has no rule", p.Name, d.Mistake)
			}
		}
		for _, u := range []string{p.RequestTokenURL, p.AuthorizeURL, p.AccessTokenURL, p.CallURL} {
			if u == "" {
				continue
			}
			if _, err := basestring.SplitURL(p.Endpoint(u, "https://host.example/")); err != nil {
				t.Errorf("%s: endpoint %q: %v", p.Name, u, err)
			}
		}
	}
	for _, want := range []string{"bitbucket", "twitter", "flickr", "jira", "netsuite", "woocommerce", "magento", "serve"} {
		if _, ok := LookupProvider(strings.ToUpper(want)); !ok {
			t.Errorf("no provider %q", want)
		}
	}
	if p, _ := LookupProvider("bitbucket"); p.RequestTokenURL != "https://bitbucket.org/api/1.0/oauth/request_token" || p.NeedsBase() {
		t.Errorf("bitbucket's request token URL is not the seed's: %q", p.RequestTokenURL)
	}
}
