package compare

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// Options change how a request is checked.
type Options struct {
	// Now is the time the request is judged at when the capture has no time
	// (the caller fills time.Now; zero skips the timestamp check).
	Now time.Time
	// MaxSkew is the timestamp skew the lint allows (zero: 5 minutes).
	MaxSkew time.Duration
	// ServerURL is what the server saw, e.g. from its logs: an absolute URL
	// whose scheme, host and port replace the capture's, and whose path does
	// too when it is longer than "/". The capture's own host and path become
	// candidates of host-mismatch and path-mismatch.
	ServerURL string
	// SignedURL is what the client signed, when the user knows it: its host,
	// port and path are candidates of the search.
	SignedURL string
	// ClientBaseString is the client's base string from its logs: it is
	// diffed against the correct one, and a rebuild that gives it exactly is
	// an explanation even without secrets.
	ClientBaseString string
	// Only limits the search to these mistake ids (empty = all).
	Only []string
	// NoSearch verifies only.
	NoSearch bool
	// Budget bounds the search for explanations (zero: the defaults).
	Budget Budget
	// CaptureHosts are the authorities (host[:port]) other requests of the
	// same capture were sent to (the other entries of a HAR): candidates
	// of host-mismatch when no proxy header names a host.
	CaptureHosts []string
	// Provider names a provider of Providers whose own rules (its
	// Deviations) are not mistakes: a signature that one of them explains
	// is valid for that provider, and the report names the rule.
	Provider string
	// Steps asks for Report.Steps and Report.Params also when the signature
	// is valid (a mismatch always has them): they cost a traced build, many
	// times the cost of the verification itself.
	Steps bool
}

// Check verifies the signature of a captured request with the secrets and,
// when it does not verify, searches the catalogue for the mistakes that
// reproduce it. When the capture leaves something open (the scheme of a raw
// request, a secret given both by key and as a single value) every reading
// is tried, so that a correct signature is never reported wrong; Reading
// says which one verified.
//
// A request is read once and its base string built once per reading, without
// the step trace; the trace (Report.Steps and Params) is built only for a
// mismatch or when Options.Steps asks for it.
//
// The error is only for a request that cannot be checked at all: no
// oauth_signature, a URL that cannot be read, a malformed query or body,
// an unknown id in Options.Only. Missing secrets are not an error: the
// report then says why it is Unchecked, and still diffs the base strings.
func Check(req *inspect.Request, s Secrets, o Options) (*Report, error) {
	if req == nil {
		return nil, errors.New("compare: check: no request")
	}
	c := checkPool.Get().(*check)
	defer c.release()
	c.req, c.opts, c.origin = req, o, req.Origin.String()
	c.o = &c.opts
	if c.origin == "" {
		c.origin = "request"
	}
	rep, err := c.run(s)
	if err != nil {
		var be *basestring.Error
		if errors.As(err, &be) {
			return nil, fmt.Errorf("compare: check %s: %s: %w; give the request as it was sent", c.origin, be.Part, be.Err)
		}
		return nil, fmt.Errorf("compare: check %s: %w", c.origin, err)
	}
	return rep, nil
}

// check is one request being checked: what is read once and shared by the
// verification, the search and the report.
type check struct {
	req    *inspect.Request
	o      *Options // &opts
	opts   Options
	origin string
	// bases are the correct base strings, one per scheme (the readings of
	// one scheme differ only in their secrets); there are one or two.
	bases []schemeBase
	// traced are the traced builds made so far, by scheme.
	traced map[string]*basestring.Result
	// secrets and token are what the search needs to list the secrets of
	// the tokens known for the call other than the request's own
	// (otherTokens), for key-other-token-secret; a valid request never
	// needs them.
	secrets Secrets
	token   string

	// The room of a check's small slices, kept by checkPool: a stream checks
	// one request after another, and a valid one needs no more.
	basesRoom    [2]schemeBase
	schemesRoom  [2]string
	reqsRoom     [2]basestring.Request
	consumerRoom [2]secretChoice
	tokenRoom    [3]secretChoice
	readingsRoom [4]reading
	pointersRoom [4]*reading
	firstBase    []byte
}

// schemeBase is the correct base string under one scheme.
type schemeBase struct {
	scheme string
	base   []byte
}

// checkPool keeps checks, with their room, between requests.
var checkPool = sync.Pool{New: func() any { return new(check) }}

// release empties c, keeping only the room of its first base string (no
// secret is in a base string), and returns it to checkPool. Nothing of a
// report points into a check.
func (c *check) release() {
	*c = check{firstBase: c.firstBase[:0]}
	checkPool.Put(c)
}

// base returns the correct base string under a reading, built once per scheme.
func (c *check) base(rd *reading) ([]byte, error) {
	for _, sb := range c.bases {
		if sb.scheme == rd.scheme {
			return sb.base, nil
		}
	}
	b, _, err := basestring.AppendBaseString(nil, &rd.req, nil)
	if err != nil {
		return nil, err
	}
	c.bases = append(c.bases, schemeBase{rd.scheme, b})
	return b, nil
}

// trace returns the traced build of a reading's request, built once per scheme.
func (c *check) trace(rd *reading) (*basestring.Result, error) {
	if r, ok := c.traced[rd.scheme]; ok {
		return r, nil
	}
	r, err := basestring.Build(&rd.req, nil)
	if err != nil {
		return nil, err
	}
	if c.traced == nil {
		c.traced = map[string]*basestring.Result{}
	}
	c.traced[rd.scheme] = r
	return r, nil
}

func (c *check) run(s Secrets) (*Report, error) {
	req, o := c.req, c.o
	c.bases = c.basesRoom[:0]
	var only map[string]bool // nil: every mistake
	for _, id := range o.Only {
		if lookup(id) == nil {
			return nil, fmt.Errorf("unknown mistake id %q in the mistakes to search; run 'oauthdbg explain' for the list", id)
		}
		if only == nil {
			only = map[string]bool{}
		}
		only[id] = true
	}
	var server *basestring.URLParts
	if o.ServerURL != "" {
		u, err := basestring.SplitURL(o.ServerURL)
		if err != nil {
			return nil, fmt.Errorf("server url: %v", err)
		}
		server = &u
	}
	schemes, schemeSource := schemeReadings(c.schemesRoom[:0], req, o, server)
	reqs := c.reqsRoom[:len(schemes)]
	for i, scheme := range schemes {
		var err error
		if reqs[i], err = baseRequest(req, scheme, server); err != nil {
			return nil, err
		}
	}

	// The parameters the engine reads on the way are lint's too.
	col := collectedPool.Get().(*basestring.Collected)
	defer collectedPool.Put(col)
	first, found, err := basestring.AppendBaseStringCollected(c.firstBase[:0], &reqs[0], col)
	if err != nil {
		return nil, err
	}
	c.firstBase = first
	c.bases = append(c.bases, schemeBase{schemes[0], first})
	sig, sigMethod := found.Signature, found.SignatureMethod
	switch {
	case sig == "":
		return nil, errors.New("no oauth_signature in the Authorization header, query or form body; the request is not signed with OAuth 1.0a (or the part holding the signature was not captured)")
	case sigMethod == "":
		return nil, errors.New("no oauth_signature_method in the request; give the request as it was sent")
	}
	consumerKey, token, hasToken := found.ConsumerKey, found.Token, found.HasToken
	c.secrets, c.token = s, token
	// An empty oauth_token is read as no token: the key's token secret is
	// tried empty first (RFC 5849 §3.4.2), then as the secrets give it.
	emptyToken := hasToken && token == ""

	rep := &Report{
		SchemaVersion:   SchemaVersion,
		Origin:          c.origin,
		Method:          req.Method,
		SignatureMethod: sigMethod,
		Signature:       SignaturePair{Supplied: sig},
	}
	if req.Origin.Entry >= 0 && req.Format == inspect.FormatHAR {
		e := req.Origin.Entry
		rep.Entry = &e
	}
	if req.Response != nil && req.Response.Body != "" {
		if sb, ok := ExtractServerBaseString(req.Response.Body); ok {
			rep.ServerBaseString = &sb
		}
	}

	// The readings: every scheme, every candidate secret.
	method, merr := basestring.MethodByName(sigMethod)
	var unchecked string
	var cs, ts []secretChoice
	var pubKey *rsa.PublicKey
	var pubSource string
	isRSA := merr == nil && strings.HasPrefix(method.Name(), "RSA-")
	switch {
	case merr != nil:
		unchecked = fmt.Sprintf("the signature method %q is not one oauthdbg implements (HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, PLAINTEXT)", sigMethod)
	case isRSA:
		pubKey, pubSource = s.publicKey(consumerKey)
		if pubKey == nil {
			unchecked = fmt.Sprintf("no RSA public key or certificate was given for oauth_consumer_key %q", consumerKey)
		}
	default:
		cs = s.consumerSecrets(c.consumerRoom[:0], consumerKey)
		ts = s.tokenSecrets(c.tokenRoom[:0], token, hasToken)
		if emptyToken {
			ts = append([]secretChoice{{"", "empty (oauth_token is sent empty)"}}, slices.DeleteFunc(ts, func(c secretChoice) bool { return c.value == "" })...)
		}
		switch {
		case len(cs) == 0:
			unchecked = fmt.Sprintf("no consumer secret was given for oauth_consumer_key %q", consumerKey)
		case len(ts) == 0:
			unchecked = fmt.Sprintf("no token secret was given for oauth_token %q", token)
		}
	}
	// The readings are made in one slice, which never grows, so that the
	// pointers to its elements stay valid.
	perScheme := 1
	if unchecked == "" && !isRSA {
		perScheme = len(cs) * len(ts)
	}
	all, readings := c.readingsRoom[:0], c.pointersRoom[:0]
	if n := len(schemes) * perScheme; n > len(c.readingsRoom) {
		all, readings = make([]reading, 0, n), make([]*reading, 0, n)
	}
	add := func(rd reading) {
		all = append(all, rd)
		readings = append(readings, &all[len(all)-1])
	}
	for i, scheme := range schemes {
		base := reading{scheme: scheme, schemeSource: schemeSource, req: reqs[i]}
		switch {
		case unchecked != "":
			if len(cs) > 0 {
				base.consumer = cs[0]
			}
			add(base)
		case isRSA:
			base.pub, base.pubSource = pubKey, pubSource
			add(base)
		default:
			for _, ch := range cs {
				for _, t := range ts {
					rd := base
					rd.consumer, rd.token = ch, t
					add(rd)
				}
			}
		}
	}

	chosen := readings[0]
	if unchecked == "" {
		best, ver, valid, err := c.verifyReadings(readings, sig, sigMethod)
		if err != nil {
			return nil, err
		}
		chosen, rep.Valid, rep.Signature.Expected = best, valid, ver.Expected
		rep.Reading.Tried = len(readings)
		if valid {
			for i, rd := range readings {
				if rd == best {
					rep.Reading.Tried = i + 1
				}
			}
		}
	} else if hasToken && len(cs) > 0 && len(ts) == 0 {
		unchecked += c.emptyTokenNote(readings, cs[0], sig, sigMethod)
	}
	// A value the reader cut at its limit (a HAR body over 16 MiB): a
	// signature that does not verify on the part kept proves nothing.
	cut := signedCut(req)
	if cut != "" && !rep.Valid && unchecked == "" {
		unchecked = cut
	}
	rep.Unchecked = unchecked

	// The search, unless not one rebuild of the request fits its budget:
	// then neither the search nor the steps it starts from are built.
	tooLarge := false
	if !rep.Valid && !o.NoSearch && (unchecked == "" || o.ClientBaseString != "") {
		b, err := c.base(chosen)
		if err != nil {
			return nil, err
		}
		if rep.Stats = searchTooLarge(len(b), o.Budget); rep.Stats != nil {
			tooLarge = true
		} else {
			var sm basestring.Method
			if unchecked == "" {
				sm = method
			}
			if chosen, err = c.explain(rep, searchReadings(readings, schemes), schemeSource, sm, sig, only, chosen); err != nil {
				return nil, err
			}
		}
	}

	// A provider's own rule is not a mistake for that provider.
	if o.Provider != "" && !rep.Valid && rep.Cause != nil {
		if rule, ok := providerRule(o.Provider, rep.Cause.IDs); ok {
			rep.Valid = true
			rep.ProviderRule = rule
		}
	}

	// The client's base string: signed with each reading's secrets, does it
	// give the supplied signature? Its scheme picks the reading when the
	// capture did not say the scheme and no cause did.
	if o.ClientBaseString != "" && !rep.Valid {
		if rep.Cause == nil && schemeSource == "assumed" {
			chosen = readingOfScheme(readings, clientScheme(o.ClientBaseString), chosen)
		}
		rep.ClientBase, chosen = c.verifyClientBase(readings, chosen, unchecked, method, sig)
	}

	// The correct base string under the chosen reading; its trace only when
	// it will be shown.
	b, err := c.base(chosen)
	if err != nil {
		return nil, err
	}
	rep.URL = chosen.req.URL
	rep.BaseString = string(b)
	// A request cut at a limit, or too large to search, is not explained:
	// its steps (as large as the request, several times over) are built
	// only when asked for.
	if o.Steps || !rep.Valid && cut == "" && !tooLarge {
		res, err := c.trace(chosen)
		if err != nil {
			return nil, err
		}
		rep.Steps, rep.Params = res.Steps, res.Params
	}
	rep.Reading.Scheme = chosen.scheme
	rep.Reading.SchemeSource = schemeSource
	rep.Reading.ConsumerKey = consumerKey
	rep.Reading.ConsumerSecretSource = chosen.consumer.source
	rep.Reading.Token = token
	rep.Reading.TokenSecretSource = chosen.token.source
	rep.Reading.PublicKeySource = chosen.pubSource
	if rep.Reading.Tried == 0 {
		rep.Reading.Tried = len(readings)
	}

	// Lint once the reading is chosen: the scheme the signature verified
	// with is what https-signed-as-http compares with the capture's transport.
	lo := inspect.LintOptions{Now: o.Now, MaxSkew: o.MaxSkew, Verified: rep.Valid, Collected: col}
	if rep.Valid {
		lo.SignedScheme = strings.ToLower(chosen.scheme)
	}
	rep.Findings = inspect.Lint(req, lo)
	switch {
	case emptyToken:
		rep.Findings = append(rep.Findings, inspect.Finding{ID: "empty-token", Severity: inspect.SeverityInfo, Section: "3.4.2", Param: "oauth_token",
			Message: "oauth_token is sent empty; it is read as no token, so the key ends with an empty token secret"})
	case rep.Valid && hasToken && !isRSA && chosen.token.value == "":
		rep.Findings = append(rep.Findings, inspect.Finding{ID: "empty-token-secret", Severity: inspect.SeverityWarning, Section: "3.4.2", Param: "oauth_token",
			Message: fmt.Sprintf("the signature verifies with an empty token secret for oauth_token %q (from %s); that is right only if this token's secret is empty, otherwise the client signed without it (key-missing-token-secret)", token, chosen.token.source)})
	}
	if !rep.Valid && rep.Unchecked == "" && rep.Cause == nil && rep.Stats != nil {
		rep.Unexplained = unexplained(rep, isRSA, o)
	}
	if !rep.Valid {
		if p, ok := lookupPublishedSignature(sig); ok {
			rep.Published = &p
		}
	}
	diffReport(rep, o.ClientBaseString)
	if strings.EqualFold(sigMethod, "PLAINTEXT") {
		rep.secretForms, rep.secretChars = plaintextForms(req, sig)
	}
	return rep, nil
}

// collectedPool keeps the room of what the engine reads for lint: a
// stream checks one request after another, and nothing keeps it.
var collectedPool = sync.Pool{New: func() any { return new(basestring.Collected) }}

// explain searches the catalogue under each reading (one per scheme) and
// fills the report's explanations and search statistics. It returns the
// reading to report: the one of the best explanation's scheme when the
// capture did not say the scheme.
func (c *check) explain(rep *Report, readings []*reading, schemeSource string, method basestring.Method, sig string, only map[string]bool, chosen *reading) (*reading, error) {
	o := c.o
	var searchers []*searcher
	others := otherTokens(c.secrets, c.token)
	budget := newSearchBudget(o.Budget, time.Now())
	for _, rd := range readings {
		rres, err := c.trace(rd)
		if err != nil {
			return nil, err
		}
		ev, err := newEvidence(rd, rres, c.req, o, schemeSource != "assumed")
		if err != nil {
			return nil, err
		}
		se := newSearcher(ev, method, rd.credentials(), sig, only, o.ClientBaseString)
		se.budget = budget
		se.addOtherTokens(others)
		se.correctFrom(rres.BaseString)
		se.singles()
		searchers = append(searchers, se)
	}
	// A pair cannot reproduce what a single did not with another base
	// string; when a single reproduces the signature, pairs are not tried.
	found := slices.ContainsFunc(searchers, func(se *searcher) bool { return len(se.hits) > 0 || len(se.baseHits) > 0 })
	stats := &SearchStats{}
	var all []scored
	var cut untried
	for _, se := range searchers {
		if !found {
			se.pairs()
		}
		scheme := ""
		if schemeSource == "assumed" {
			scheme = strings.ToLower(se.ev.url.Scheme)
		}
		all = append(all, se.results(scheme)...)
		stats.BaseStrings += se.stats.BaseStrings
		stats.Distinct += len(se.seen)
		stats.Signatures += se.stats.Signatures
		cut.add(se.untried)
	}
	stats.Bytes = budget.spent
	if budget.cut != "" {
		stats.CutOff = budget.cut
		stats.Raise = budget.raise
		stats.Untried = cut.describe()
	}
	rep.Stats = stats
	rep.Explanations = sortScored(all)
	if len(rep.Explanations) == 0 {
		return chosen, nil
	}
	rep.Cause = &rep.Explanations[0]
	if sch := rep.Cause.Scheme; sch != "" && !strings.EqualFold(sch, chosen.scheme) {
		for _, rd := range readings {
			if strings.EqualFold(rd.scheme, sch) {
				chosen = rd
			}
		}
		if method != nil {
			if v, err := c.verifyOne(chosen, sig, method.Name()); err == nil {
				rep.Signature.Expected = v.Expected
			}
		}
	}
	return chosen, nil
}

// signedCut says, when the reader cut a value of the request that takes
// part in the signature (its URL, a header, the query or the body), which
// and where: "body cut at 16777216 bytes (request.postData.text holds
// 20971520)"; "" when it cut none.
func signedCut(req *inspect.Request) string {
	for _, c := range req.Cut {
		if !strings.HasPrefix(c.Field, "request.") || strings.HasPrefix(c.Field, "request.cookies") {
			continue
		}
		what := "a header"
		switch {
		case strings.HasPrefix(c.Field, "request.postData"):
			what = "body"
		case c.Field == "request.url":
			what = "URL"
		case strings.HasPrefix(c.Field, "request.queryString"):
			what = "a query value"
		}
		return fmt.Sprintf("%s cut at %d bytes (%s holds %d bytes in the capture): the signature cannot be checked on part of the request; export the request alone, or check it from its curl command", what, c.Limit, c.Field, c.Size)
	}
	return ""
}

// otherTokens lists the token secrets known for the call that belong to
// tokens other than token: the secrets file's, then the capture's own, each
// secret once, in a stable order.
func otherTokens(s Secrets, token string) []otherToken {
	var out []otherToken
	seen := map[string]bool{}
	add := func(tok, secret, source string) {
		if tok == token || seen[secret] {
			return
		}
		seen[secret] = true
		out = append(out, otherToken{token: tok, secret: secret, source: source})
	}
	for _, tok := range slices.Sorted(maps.Keys(s.TokenSecrets)) {
		add(tok, s.TokenSecrets[tok].Reveal(), fmt.Sprintf("token_secrets[%q]", tok))
	}
	for _, tok := range slices.Sorted(maps.Keys(s.CaptureTokenSecrets)) {
		c := s.CaptureTokenSecrets[tok]
		add(tok, c.Secret.Reveal(), "oauth_token_secret from "+c.Source)
	}
	return out
}

// providerRule returns the rule of provider that the mistakes ids (a
// cause) are, when every one of them is a deviation of that provider.
func providerRule(provider string, ids []string) (*ProviderRule, bool) {
	p, ok := LookupProvider(provider)
	if !ok || len(ids) == 0 {
		return nil, false
	}
	var rules []string
	for _, id := range ids {
		i := slices.IndexFunc(p.Deviations, func(d Deviation) bool { return d.Mistake == id })
		if i < 0 {
			return nil, false
		}
		rules = append(rules, p.Deviations[i].Rule)
	}
	return &ProviderRule{Provider: p.Name, IDs: ids, Rule: strings.Join(rules, "; and ")}, true
}

// clientScheme returns the scheme of a base string's URI, lower-cased, or "".
func clientScheme(base string) string {
	_, rest, _ := strings.Cut(base, "&")
	uri, _, _ := strings.Cut(rest, "&")
	scheme, _, ok := strings.Cut(basestring.DecodeLenient(uri, false), "://")
	if !ok {
		return ""
	}
	return strings.ToLower(scheme)
}

// readingOfScheme returns the first reading of a scheme, or def.
func readingOfScheme(readings []*reading, scheme string, def *reading) *reading {
	for _, rd := range readings {
		if rd.scheme == scheme {
			return rd
		}
	}
	return def
}

// verifyClientBase signs the client's base string with the secrets of each
// reading and reports whether one gives the supplied signature; that
// reading becomes the chosen one.
func (c *check) verifyClientBase(readings []*reading, chosen *reading, unchecked string, method basestring.Method, sig string) (*ClientBaseCheck, *reading) {
	if unchecked != "" || method == nil {
		return &ClientBaseCheck{Note: "not checked: " + unchecked}, chosen
	}
	base := []byte(c.o.ClientBaseString)
	for _, rd := range readings {
		if rd.scheme != chosen.scheme {
			continue // the same secrets as a reading of chosen's scheme
		}
		if ok, err := method.Verify(base, sig, rd.credentials(), basestring.KeyRFC); err == nil && ok {
			return &ClientBaseCheck{Verified: true}, rd
		}
	}
	return &ClientBaseCheck{}, chosen
}

// searchReadings returns one reading per scheme (the first secrets of each),
// the readings the search explains.
func searchReadings(readings []*reading, schemes []string) []*reading {
	var out []*reading
	for _, sch := range schemes {
		for _, rd := range readings {
			if rd.scheme == sch {
				out = append(out, rd)
				break
			}
		}
	}
	return out
}

// verifyOne verifies under one reading, for its expected signature.
func (c *check) verifyOne(rd *reading, sig, method string) (basestring.Verification, error) {
	base, err := c.base(rd)
	if err != nil {
		return basestring.Verification{}, err
	}
	return basestring.VerifyBase(base, sig, method, rd.credentials(), basestring.KeyRFC)
}

// emptyTokenNote tells, when the token secret is unknown, whether the
// signature verifies with an empty one: right only if the token's secret is
// empty, otherwise the client made key-missing-token-secret.
func (c *check) emptyTokenNote(readings []*reading, cs secretChoice, sig, method string) string {
	for _, rd := range readings {
		r := *rd
		r.consumer, r.token = cs, secretChoice{}
		if v, err := c.verifyOne(&r, sig, method); err == nil && v.Valid {
			return "; the signature verifies with an empty token secret, which is right only if that token's secret is empty (otherwise the client signed without it: key-missing-token-secret)"
		}
	}
	return ""
}

// diffReport fills Diff, DiffAgainst and Hints: against the client's base
// string when given, else the cause's, else the server's.
func diffReport(rep *Report, client string) {
	switch {
	case client != "":
		rep.Diff, rep.DiffAgainst = DiffBaseStrings(rep.BaseString, client), "client"
		rep.Hints = DiffHints(rep.Diff)
	case rep.Cause != nil && rep.Cause.BaseString != rep.BaseString:
		rep.Diff, rep.DiffAgainst = DiffBaseStrings(rep.BaseString, rep.Cause.BaseString), "cause"
	case rep.ServerBaseString != nil && rep.ServerBaseString.BaseString != "":
		rep.Diff, rep.DiffAgainst = DiffBaseStrings(rep.BaseString, rep.ServerBaseString.BaseString), "server"
		rep.Hints = DiffHints(rep.Diff)
	}
}

// plaintextForms returns the forms a PLAINTEXT signature takes in the
// captured request, longest first: as it is written in the Authorization
// header, the query or the body (percent-encoded once, or as the client
// wrote it), decoded, and encoded as the base string encodes it; and the
// number of characters of the secrets it holds.
func plaintextForms(req *inspect.Request, sig string) ([]string, int) {
	forms := []string{sig, basestring.Encode(sig), basestring.Encode(basestring.Encode(sig))}
	raw := func(pairs string, sep byte) {
		for _, pair := range strings.Split(pairs, string(sep)) {
			name, value, ok := strings.Cut(strings.TrimSpace(pair), "=")
			if ok && basestring.DecodeLenient(name, true) == "oauth_signature" {
				forms = append(forms, strings.Trim(value, `"`))
			}
		}
	}
	if i := strings.IndexByte(req.URL, '?'); i >= 0 {
		raw(req.URL[i+1:], '&')
	}
	raw(string(req.Body), '&')
	if h := inspect.OAuthHeader(req); h != "" {
		raw(h, ',')
	}
	slices.SortFunc(forms, func(a, b string) int { return len(b) - len(a) })
	forms = slices.Compact(forms)
	cs, ts, _ := strings.Cut(sig, "&")
	chars := utf8.RuneCountInString(basestring.DecodeLenient(cs, false)) + 1 + utf8.RuneCountInString(basestring.DecodeLenient(ts, false))
	return forms, chars
}
