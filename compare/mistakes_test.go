package compare

import (
	"flag"
	"github.com/rogpeppe/go-internal/txtar"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

var update = flag.Bool("update", false, "rewrite golden files")

// archiveFile returns the data of a file of a txtar archive.
func archiveFile(a *txtar.Archive, name string) (string, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

// setArchiveFile sets the data of a file of a txtar archive, adding it when
// absent.
func setArchiveFile(a *txtar.Archive, name, data string) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = []byte(data)
			return
		}
	}
	a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(data)})
}

// TestRegistry checks the catalogue the way analysis.Validate checks
// analyzers: unique valid ids, every field present, a rank, a replay, and a
// testdata case for each mistake.
func TestRegistry(t *testing.T) {
	contract := []string{
		"key-missing-token-secret", "key-swapped-secrets", "key-secrets-not-encoded", "key-no-ampersand",
		"scheme-mismatch", "host-mismatch", "default-port-included", "port-mismatch", "host-case", "trailing-slash",
		"query-in-base-uri", "path-decoded", "double-encoded", "not-encoded", "plus-for-space", "lowercase-hex",
		"java-urlencoder", "tilde-encoded", "query-params-unsigned", "body-params-unsigned", "non-form-body-signed",
		"realm-signed", "signature-signed", "param-signed-not-sent", "param-sent-not-signed", "sort-raw-not-encoded",
		"sort-key-only", "method-lowercase", "method-mismatch", "empty-path-no-slash", "duplicate-dropped",
		"empty-param-dropped", "plus-not-decoded", "sort-pair-strings", "double-utf8", "value-cut-at-equals",
		"scheme-case", "default-port-wrong-scheme", "signature-not-encoded",
	}
	idRE := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)+$`)
	rfcRE := regexp.MustCompile(`^3(\.[0-9]+)+$`)
	urlRE := regexp.MustCompile(`https?://\S+`)
	seen := map[string]bool{}
	for i, m := range catalogue {
		switch {
		case !idRE.MatchString(m.ID):
			t.Errorf("mistake %q: id is not kebab-case", m.ID)
		case seen[m.ID]:
			t.Errorf("mistake %q: duplicate id", m.ID)
		}
		seen[m.ID] = true
		if m.Title == "" || len(m.Title) >= 60 || m.Title != strings.ToLower(m.Title) || strings.HasSuffix(m.Title, ".") {
			t.Errorf("mistake %q: title %q must be lowercase, under 60 characters, without a final period", m.ID, m.Title)
		}
		if m.Doc == "" || m.Fix == "" {
			t.Errorf("mistake %q is undocumented (doc %q, fix %q)", m.ID, m.Doc, m.Fix)
		}
		if first := strings.Fields(m.Fix); len(first) == 0 || first[0] != strings.ToLower(first[0]) {
			t.Errorf("mistake %q: fix %q must be a lowercase verb phrase", m.ID, m.Fix)
		}
		if !rfcRE.MatchString(m.RFC) {
			t.Errorf("mistake %q: RFC section %q is not an RFC 5849 section number", m.ID, m.RFC)
		}
		if len(m.KnownIn) == 0 {
			t.Errorf("mistake %q names no library or tool known for it", m.ID)
		}
		for _, k := range m.KnownIn {
			for _, u := range urlRE.FindAllString(k, -1) {
				if !strings.HasPrefix(u, "https://github.com/") {
					t.Errorf("mistake %q: reference %q is not a public GitHub issue, pull request or file", m.ID, u)
				}
			}
		}
		replays := 0
		for _, set := range []bool{m.variants != nil, m.keys != nil, m.targets != nil, m.otherTokens} {
			if set {
				replays++
			}
		}
		if replays != 1 {
			t.Errorf("mistake %q has %d replays, want exactly one of variants, keys, targets, otherTokens", m.ID, replays)
		}
		if m.rank != i || slices.Index(commonness, m.ID) != i {
			t.Errorf("mistake %q: rank %d at position %d; list it in commonness", m.ID, m.rank, i)
		}
		if _, err := os.Stat(filepath.Join("testdata", "mistakes", m.ID+".txtar")); err != nil {
			t.Errorf("mistake %q has no testdata case: %v", m.ID, err)
		}
	}
	for _, id := range contract {
		if !seen[id] {
			t.Errorf("mistake %q of the contract is missing", id)
		}
	}
	if len(commonness) != len(catalogue) {
		t.Errorf("commonness lists %d ids, the catalogue has %d", len(commonness), len(catalogue))
	}
	cat := Catalogue()
	cat[0].KnownIn[0] = "changed"
	if m, _ := Lookup(cat[0].ID); m.KnownIn[0] == "changed" {
		t.Error("Catalogue hands out the registry's own slices")
	}
	if _, ok := Lookup("no-such-mistake"); ok {
		t.Error("Lookup found an unknown id")
	}
}

// TestMistakeCases runs testdata/mistakes/*.txtar. Each case holds a request
// with {{signature}} where the signature goes, its secrets, and "-- sign --"
// lines naming the mistakes the test's signer makes (an id, then the label
// of the part, or "plus" / "twice" for signature-not-encoded). The signer
// replays the mistakes with the same Options and request changes as the
// search. The explainer must report exactly the explanations in
// "-- want --" (best first, "~" before equivalents) with the cause's base
// string in "-- base --"; and the same request signed correctly (the twin)
// must verify with no cause. -update rewrites want and base.
func TestMistakeCases(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "mistakes", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases in testdata/mistakes: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a := txtar.Parse(data)
			c := loadCase(t, a)

			twin := c.check(t, c.sign(t, nil))
			if !twin.Valid || twin.Cause != nil || len(twin.Explanations) != 0 || twin.Unchecked != "" {
				t.Fatalf("twin signed correctly: valid %v, unchecked %q, explanations %q", twin.Valid, twin.Unchecked, formatExplanations(twin.Explanations))
			}

			rep := c.check(t, c.sign(t, c.mistakes))
			if rep.Valid || rep.Unchecked != "" {
				t.Fatalf("signed with %q: valid %v, unchecked %q; the mistake did not change the signature", c.mistakes, rep.Valid, rep.Unchecked)
			}
			got := formatExplanations(rep.Explanations)
			base := ""
			if rep.Cause != nil {
				base = rep.Cause.BaseString + "\n"
			}
			if *update {
				setArchiveFile(a, "want", got)
				setArchiveFile(a, "base", base)
				if err := os.WriteFile(path, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, _ := archiveFile(a, "want")
			if got != want {
				t.Errorf("explanations:\n%s\nwant:\n%s", got, want)
			}
			if wantBase, _ := archiveFile(a, "base"); base != wantBase {
				t.Errorf("cause's base string:\n%s\nwant:\n%s", base, wantBase)
			}
			first, _, _ := strings.Cut(strings.TrimSpace(want), "\n")
			wantID, _, _ := strings.Cut(c.mistakes[0], " ")
			if len(c.mistakes) == 1 && !strings.HasPrefix(first, wantID) {
				t.Errorf("the best explanation %q is not the mistake the case signs with, %q", first, wantID)
			}
		})
	}
}

// formatExplanations writes one line per explanation: the ids with their
// parts joined by " + ", then "~" and the equivalents.
func formatExplanations(es []Explanation) string {
	var b strings.Builder
	for _, e := range es {
		for i, id := range e.IDs {
			if i > 0 {
				b.WriteString(" + ")
			}
			b.WriteString(id)
			if e.Parts[i] != "" {
				b.WriteString(" (" + e.Parts[i] + ")")
			}
		}
		if e.Scheme != "" {
			b.WriteString(" [server " + e.Scheme + "]")
		}
		if len(e.Equivalent) > 0 {
			b.WriteString(" ~ " + strings.Join(e.Equivalent, ", "))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// mistakeCase is a loaded testdata case.
type mistakeCase struct {
	name     string
	request  string
	secrets  Secrets
	private  []byte
	opts     Options
	mistakes []string
}

func loadCase(t *testing.T, a *txtar.Archive) *mistakeCase {
	t.Helper()
	c := &mistakeCase{name: t.Name()}
	var ok bool
	if c.request, ok = archiveFile(a, "request.http"); !ok {
		t.Fatal("case has no request.http")
	}
	sec, _ := archiveFile(a, "secrets.json")
	var err error
	if c.secrets, err = ParseSecretsFile([]byte(sec), "secrets.json"); err != nil {
		t.Fatal(err)
	}
	if pem, ok := archiveFile(a, "private.pem"); ok {
		c.private = []byte(pem)
	}
	opts, _ := archiveFile(a, "options")
	for _, line := range nonEmptyLines(opts) {
		k, v, _ := strings.Cut(line, ":")
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "server_url":
			c.opts.ServerURL = v
		case "signed_url":
			c.opts.SignedURL = v
		default:
			t.Fatalf("unknown option %q", k)
		}
	}
	sign, _ := archiveFile(a, "sign")
	c.mistakes = nonEmptyLines(sign)
	if len(c.mistakes) == 0 {
		t.Fatal("case has no -- sign -- lines")
	}
	return c
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func readRequest(t *testing.T, text string) *inspect.Request {
	t.Helper()
	reqs, err := inspect.ReadHTTP(strings.NewReader(text), "request.http")
	if err != nil {
		t.Fatal(err)
	}
	return reqs[0]
}

func (c *mistakeCase) check(t *testing.T, text string) *Report {
	t.Helper()
	rep, err := Check(readRequest(t, text), c.secrets, c.opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// sign signs the case's request the way a client making the given mistakes
// does, and returns the request text with the signature in place.
func (c *mistakeCase) sign(t *testing.T, mistakes []string) string {
	t.Helper()
	req := readRequest(t, c.request)
	var server *basestring.URLParts
	if c.opts.ServerURL != "" {
		u, err := basestring.SplitURL(c.opts.ServerURL)
		if err != nil {
			t.Fatal(err)
		}
		server = &u
	}
	schemes, source := schemeReadings(nil, req, &c.opts, server)
	rq, err := baseRequest(req, schemes[0], server)
	if err != nil {
		t.Fatal(err)
	}
	res, err := basestring.Build(&rq, nil)
	if err != nil {
		t.Fatal(err)
	}
	ck, tok, hasTok := requestParams(res)
	rd := &reading{scheme: schemes[0], req: rq}
	if cs := c.secrets.consumerSecrets(nil, ck); len(cs) > 0 {
		rd.consumer = cs[0]
	}
	if ts := c.secrets.tokenSecrets(nil, tok, hasTok); len(ts) > 0 {
		rd.token = ts[0]
	}
	ev, err := newEvidence(rd, res, req, &c.opts, source != "assumed")
	if err != nil {
		t.Fatal(err)
	}
	r := ev.req
	var o basestring.Options
	rule := basestring.KeyRFC
	wire, otherSecret := "", ""
	for _, line := range mistakes {
		id, label, _ := strings.Cut(line, " ")
		m := lookup(id)
		if m == nil {
			t.Fatalf("sign: unknown mistake %q", id)
		}
		switch {
		case m.variants != nil:
			vs := m.variants(ev)
			i := slices.IndexFunc(vs, func(v variant) bool { return v.label == label })
			if i < 0 && label == "" && len(vs) > 0 {
				i = 0
			}
			if i < 0 {
				var labels []string
				for _, v := range vs {
					labels = append(labels, v.label)
				}
				t.Fatalf("sign: %s has no variant %q for this request (has %q)", id, label, labels)
			}
			vs[i].apply(&r, &o)
		case m.keys != nil:
			i := slices.IndexFunc(m.keys, func(k keyVariant) bool { return k.label == label })
			if i < 0 {
				t.Fatalf("sign: %s has no key %q", id, label)
			}
			rule = m.keys[i].rule
		case m.otherTokens:
			tok := strings.TrimPrefix(label, "token ")
			sec, ok := c.secrets.TokenSecrets[tok]
			if !ok {
				t.Fatalf("sign: %s: no token_secrets entry for %q in secrets.json", id, tok)
			}
			otherSecret = sec.Reveal()
		default:
			wire = label
		}
	}
	built, err := basestring.Build(&r, &o)
	if err != nil {
		t.Fatal(err)
	}
	base := []byte(built.BaseString)
	method, err := basestring.MethodByName(res.SignatureMethod)
	if err != nil {
		t.Fatal(err)
	}
	creds := rd.credentials()
	if otherSecret != "" {
		creds.TokenSecret = otherSecret
	}
	if c.private != nil {
		if creds.PrivateKey, err = basestring.ParsePrivateKey(c.private); err != nil {
			t.Fatal(err)
		}
	}
	sig, err := method.Sign(base, creds, rule)
	if err != nil {
		t.Fatal(err)
	}
	onWire := basestring.Encode(sig)
	switch wire {
	case "":
	case "plus":
		if !strings.Contains(sig, "+") {
			t.Fatalf("sign: the signature %q has no \"+\"; change oauth_nonce until it has one", sig)
		}
		onWire = sig
	case "twice":
		onWire = basestring.Encode(onWire)
	default:
		t.Fatalf("sign: unknown transport %q (want plus or twice)", wire)
	}
	return strings.Replace(c.request, "{{signature}}", onWire, 1)
}
