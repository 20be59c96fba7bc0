package compare

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"hash"
	"slices"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// The search replays mistakes on a request and keeps those that reproduce
// what the client sent. It builds every rebuild's base string with the
// basestring engine (the mistake only changes the request or the Options),
// groups rebuilds that give the same base string, and signs each distinct
// base string once per key construction. Singles are tried first; pairs
// only when no single reproduces the signature, since a pair giving the same
// base string as a single adds nothing and a different base string cannot
// give the same signature.

// keyChoice is one distinct signing key: the RFC's (index 0) or the key of
// one or more key mistakes that build the same bytes.
type keyChoice struct {
	rule    basestring.KeyRule
	key     []byte
	members []keyMember
	// creds are the secrets the key is made of: the request's, or another
	// token's (key-other-token-secret).
	creds basestring.Credentials
}

// otherToken is the secret of a token other than the request's, known for
// the call, for key-other-token-secret.
type otherToken struct {
	token, source string
	secret        string
}

// addOtherTokens adds a key for each token secret known for the call that
// is not the request's own, as key-other-token-secret: the consumer secret
// with that token's secret. It is called before the search starts.
func (s *searcher) addOtherTokens(others []otherToken) {
	if !s.checkSig || len(others) == 0 || (s.method.Name() != "PLAINTEXT" && hmacHash(s.method.Name()) == nil) {
		return
	}
	var m *mistake
	for _, c := range catalogue {
		if c.otherTokens && s.allowed(c) {
			m = c
		}
	}
	if m == nil {
		return
	}
	h := hmacHash(s.method.Name())
	for _, o := range others {
		creds := s.creds
		creds.TokenSecret = o.secret
		k := basestring.AppendKey(nil, creds, basestring.KeyRFC)
		if slices.ContainsFunc(s.keys, func(c keyChoice) bool { return bytes.Equal(c.key, k) }) {
			continue
		}
		kv := keyVariant{rule: basestring.KeyRFC, label: "token " + o.token,
			detail: "signed with the secret of oauth_token " + quote(o.token) + " (" + o.source + "), not of the token it sent"}
		s.keys = append(s.keys, keyChoice{rule: basestring.KeyRFC, key: k, creds: creds, members: []keyMember{{m, kv}}})
		if h != nil {
			s.macs = append(s.macs, hmac.New(h, k))
		}
	}
}

type keyMember struct {
	m  *mistake
	kv keyVariant
}

// baseGroup is a distinct base string and the rebuilds that give it. The
// base string itself is kept only for the correct reading and for the
// groups that reproduce the signature: the others are known by digest.
type baseGroup struct {
	base   string
	combos [][]*variant
	single bool // made by one mistake or none
}

// hit is a base string, key and transported signature that reproduce what
// the server received.
type hit struct {
	group  *baseGroup
	key    int
	target int
}

// searcher holds what one search needs, prepared once: the method, the
// keys, the signatures to match and a reusable HMAC per key.
type searcher struct {
	ev      *evidence
	method  basestring.Method
	creds   basestring.Credentials
	keys    []keyChoice
	targets []target
	raw     [][]byte // targets decoded from base64, for HMAC comparison
	macs    []hash.Hash
	// marks holds, per key, the HMAC states after every markEvery bytes of
	// the correct base string: a rebuild that shares a prefix with it is
	// signed from the last state inside that prefix.
	marks [][]hash.Hash
	only  map[string]bool
	// checkSig is false when no secret is known: only clientBase is matched.
	checkSig   bool
	clientBase string

	// full disables reuseCollection, for testing.
	full bool

	seen         map[digest]*baseGroup
	dig          digester
	budget       *searchBudget // nil: no bound
	untried      untried
	correctGroup *baseGroup
	effective    []*variant
	hits         []hit
	baseHits     []*baseGroup
	stats        SearchStats
	buf, sum     []byte
}

// hmacHash returns the hash of an HMAC signature method, or nil.
func hmacHash(name string) func() hash.Hash {
	switch name {
	case "HMAC-SHA1":
		return sha1.New
	case "HMAC-SHA256":
		return sha256.New
	case "HMAC-SHA512":
		return sha512.New
	}
	return nil
}

func (s *searcher) allowed(m *mistake) bool { return len(s.only) == 0 || s.only[m.ID] }

// newSearcher prepares a search of ev for the supplied signature.
// method is nil when the signature cannot be checked; only clientBase is
// then matched.
func newSearcher(ev *evidence, method basestring.Method, creds basestring.Credentials, supplied string, only map[string]bool, clientBase string) *searcher {
	s := &searcher{ev: ev, method: method, creds: creds, only: only, clientBase: clientBase, checkSig: method != nil, seen: map[digest]*baseGroup{}, dig: newDigester()}
	if !s.checkSig {
		return s
	}
	usesKey := method.Name() == "PLAINTEXT" || hmacHash(method.Name()) != nil
	s.keys = []keyChoice{{rule: basestring.KeyRFC, key: basestring.AppendKey(nil, creds, basestring.KeyRFC), creds: creds}}
	if usesKey {
		for _, m := range catalogue {
			if len(m.keys) == 0 || !s.allowed(m) {
				continue
			}
			for _, kv := range m.keys {
				k := basestring.AppendKey(nil, creds, kv.rule)
				i := slices.IndexFunc(s.keys, func(c keyChoice) bool { return bytes.Equal(c.key, k) })
				switch {
				case i == 0:
					// the same key as the RFC's: the mistake makes no difference here
				case i > 0:
					s.keys[i].members = append(s.keys[i].members, keyMember{m, kv})
				default:
					s.keys = append(s.keys, keyChoice{rule: kv.rule, key: k, creds: creds, members: []keyMember{{m, kv}}})
				}
			}
		}
	}
	s.targets = []target{{sig: supplied}}
	for _, m := range catalogue {
		if m.targets == nil || !s.allowed(m) {
			continue
		}
		for _, t := range m.targets(supplied) {
			if !slices.ContainsFunc(s.targets, func(x target) bool { return x.sig == t.sig }) {
				t.m = m
				s.targets = append(s.targets, t)
			}
		}
	}
	if h := hmacHash(method.Name()); h != nil {
		for _, t := range s.targets {
			raw, err := base64.StdEncoding.DecodeString(t.sig)
			if err != nil {
				raw = nil
			}
			s.raw = append(s.raw, raw)
		}
		for _, k := range s.keys {
			s.macs = append(s.macs, hmac.New(h, k.key))
		}
	}
	return s
}

// correct registers the RFC base string and tests the key and transport
// mistakes on it. It returns false when the request cannot be built.
func (s *searcher) correct() bool {
	var err error
	s.buf, _, err = basestring.AppendBaseString(s.buf[:0], &s.ev.req, nil)
	if err != nil {
		return false
	}
	s.correctFrom(string(s.buf))
	return true
}

// correctFrom registers the RFC base string, already built (by the traced
// build of the reading), and tests the key and transport mistakes on it.
func (s *searcher) correctFrom(base string) {
	s.stats.BaseStrings++
	g := &baseGroup{base: base, combos: [][]*variant{nil}, single: true}
	b := []byte(base)
	s.seen[s.dig.of(b)] = g
	s.correctGroup = g
	s.test(g, b, true)
}

// singles tries every mistake alone: those that concern the whole request
// first, in catalogue order, then those of single parameters, the oauth_*
// parameters first, while the budget lasts.
func (s *searcher) singles() {
	if s.checkSig && s.method.Name() == "PLAINTEXT" {
		return // PLAINTEXT does not sign the base string: only key and transport mistakes apply
	}
	var perParam []*variant
	for _, m := range catalogue {
		if m.variants == nil || !s.allowed(m) {
			continue
		}
		vs := m.variants(s.ev)
		for i := range vs {
			v := &vs[i]
			v.m = m
			if v.param != "" {
				perParam = append(perParam, v)
				continue
			}
			s.try(v)
		}
	}
	slices.SortStableFunc(perParam, func(a, b *variant) int { return paramPriority(a.param) - paramPriority(b.param) })
	for _, v := range perParam {
		s.try(v)
	}
}

// paramPriority orders per-parameter variants: the protocol's parameters,
// whose handling the libraries get wrong most, before the others.
func paramPriority(name string) int {
	if strings.HasPrefix(name, "oauth_") {
		return 0
	}
	return 1
}

// try builds one single and keeps it for the pairs when it changed the base
// string.
func (s *searcher) try(v *variant) {
	if !s.budget.spend(len(s.correctGroup.base)) {
		s.untried.single(v)
		return
	}
	if s.build([]*variant{v}) {
		s.effective = append(s.effective, v)
	}
}

// pairs tries pairs of two different mistakes whose singles changed the base
// string, each applied in catalogue order, while the budget lasts: two
// whole-request mistakes first, then one with a per-parameter mistake, then
// two per-parameter mistakes of different kinds. The number of pairs grows
// with the number of parameters only as far as the budget allows.
func (s *searcher) pairs() {
	var whole, per []*variant
	for _, v := range s.effective {
		if v.param == "" {
			whole = append(whole, v)
		} else {
			per = append(per, v)
		}
	}
	groups := [][2][]*variant{{whole, nil}, {whole, per}, {per, nil}}
	for _, g := range groups {
		for i, a := range g[0] {
			bs := g[1]
			if bs == nil {
				bs = g[0][i+1:]
			}
			for _, b := range bs {
				if !s.tryPair(a, b) {
					return
				}
			}
		}
	}
}

// tryPair builds a pair of variants of two different mistakes, applied in
// catalogue order. It returns false when the budget has run out.
func (s *searcher) tryPair(a, b *variant) bool {
	if a.m == b.m {
		return true
	}
	if !s.budget.spend(len(s.correctGroup.base)) {
		s.untried.pairs = true
		return false
	}
	if b.m.order < a.m.order {
		a, b = b, a
	}
	s.build([]*variant{a, b})
	return true
}

// untried counts what the search did not try when its budget ran out.
type untried struct {
	singles  int
	mistakes []string // ids of the mistakes with untried singles, in order
	params   map[string]bool
	pairs    bool // some pairs were not tried
}

func (u *untried) single(v *variant) {
	u.singles++
	if !slices.Contains(u.mistakes, v.m.ID) {
		u.mistakes = append(u.mistakes, v.m.ID)
	}
	if v.param != "" {
		if u.params == nil {
			u.params = map[string]bool{}
		}
		u.params[v.param] = true
	}
}

// build rebuilds the request with the variants applied and tests a new base
// string. It reports whether the base string is new.
func (s *searcher) build(combo []*variant) bool {
	r, o := s.rebuild(combo)
	var err error
	s.buf, _, err = basestring.AppendBaseString(s.buf[:0], &r, &o)
	s.stats.BaseStrings++
	if err != nil {
		return false
	}
	d := s.dig.of(s.buf)
	if g, ok := s.seen[d]; ok {
		if g != s.correctGroup && (len(combo) == 1 || !g.single) {
			g.combos = append(g.combos, combo)
		}
		return false
	}
	g := &baseGroup{combos: [][]*variant{combo}, single: len(combo) == 1}
	s.seen[d] = g
	s.test(g, s.buf, false)
	return true
}

// rebuild returns the request and options of a combination of variants,
// applied in catalogue order.
func (s *searcher) rebuild(combo []*variant) (basestring.Request, basestring.Options) {
	r := s.ev.req
	var o basestring.Options
	for _, v := range combo {
		v.apply(&r, &o)
	}
	if !s.full && sameCollection(&o) {
		s.reuseCollection(&r, &o, combo)
	}
	if o.EncodeOuter != nil && o.Rewrite == nil {
		// basestring's fast path (taken for the RFC's parameter rules)
		// ignores EncodeOuter; a rewrite keeps the rebuild on the general path.
		o.Rewrite = func(ps []basestring.Param) []basestring.Param { return ps }
	}
	return r, o
}

// sameCollection reports whether the options collect the parameters as the
// RFC does (no source left out or added, no parsing rule changed), so that
// the engine's collection of the correct reading can be reused.
func sameCollection(o *basestring.Options) bool {
	return !o.SkipQuery && !o.SkipHeader && !o.SkipBody && !o.BodyAnyContentType && !o.BodyExactContentType &&
		!o.IncludeRealm && !o.IncludeSignature && !o.DropDuplicates && !o.DropEmpty &&
		!o.PlusLiteral && !o.CutValueAtEquals && !o.KeepQuery
}

// orderFree reports whether the combination's rewrites do not depend on the
// order of the parameters: per-parameter variants only.
func orderFree(combo []*variant) bool {
	return len(combo) > 0 && !slices.ContainsFunc(combo, func(v *variant) bool { return v.param == "" })
}

// reuseCollection spares the engine the parsing of the query, header and
// body: the rebuild is given no parameter source, and a rewrite, run first,
// hands the engine the parameters it collected once for the correct reading
// (ev.params, from basestring.Build). The method, the base string URI, the
// encoding, the sorting and any rewrite of the variants are the engine's as
// usual. TestReusedCollection checks that both ways build the same base string.
func (s *searcher) reuseCollection(r *basestring.Request, o *basestring.Options, combo []*variant) {
	if i := strings.IndexByte(r.URL, '?'); i >= 0 {
		r.URL = r.URL[:i]
	}
	r.Authorization, r.ContentType, r.Body = "", "", nil
	params := s.ev.params
	if orderFree(combo) {
		params = s.ev.sorted
	}
	inject := func(ps []basestring.Param) []basestring.Param { return append(ps, params...) }
	if prev := o.Rewrite; prev != nil {
		o.Rewrite = func(ps []basestring.Param) []basestring.Param { return prev(inject(ps)) }
	} else {
		o.Rewrite = inject
	}
}

// test signs a new base string with every key and compares the result with
// every transported signature.
func (s *searcher) test(g *baseGroup, base []byte, isCorrect bool) {
	if s.clientBase != "" && !isCorrect && string(base) == s.clientBase {
		g.base = s.clientBase
		s.baseHits = append(s.baseHits, g)
	}
	if !s.checkSig {
		return
	}
	if s.method.Name() == "PLAINTEXT" && !isCorrect {
		return
	}
	var from int // the bytes of base already in the state signing it
	if !isCorrect {
		from = sharedMarks(base, s.correctGroup.base)
	}
	for k := range s.keys {
		if s.macs != nil {
			if isCorrect {
				s.sum = s.markedSum(k, base)
			} else {
				mac := s.resume(k, from)
				mac.Write(base[from:])
				s.sum = mac.Sum(s.sum[:0])
			}
			s.stats.Signatures++
			for t, raw := range s.raw {
				if (isCorrect && k == 0 && t == 0) || raw == nil || subtle.ConstantTimeCompare(s.sum, raw) != 1 {
					continue
				}
				// Confirm with the method's own check (it compares the base64 text).
				if ok, err := s.method.Verify(base, s.targets[t].sig, s.keys[k].creds, s.keys[k].rule); err == nil && ok {
					s.hit(g, base, k, t)
				}
			}
			continue
		}
		for t := range s.targets {
			if isCorrect && k == 0 && t == 0 {
				continue
			}
			s.stats.Signatures++
			if ok, err := s.method.Verify(base, s.targets[t].sig, s.keys[k].creds, s.keys[k].rule); err == nil && ok {
				s.hit(g, base, k, t)
			}
		}
	}
}

// markEvery is the distance between two saved HMAC states along the correct
// base string: small enough that a rebuild rehashes little of the prefix it
// shares, large enough that saving the states costs little.
const markEvery = 2048

// markedSum signs the correct base string with key k, saving the HMAC
// state every markEvery bytes when the hash can be cloned.
func (s *searcher) markedSum(k int, base []byte) []byte {
	mac := s.macs[k]
	mac.Reset()
	if s.marks == nil {
		s.marks = make([][]hash.Hash, len(s.keys))
	}
	off := 0
	if c, ok := mac.(hash.Cloner); ok {
		for ; off+markEvery <= len(base); off += markEvery {
			mac.Write(base[off : off+markEvery])
			saved, err := c.Clone()
			if err != nil {
				break
			}
			s.marks[k] = append(s.marks[k], saved.(hash.Hash))
		}
		off = len(s.marks[k]) * markEvery
	}
	mac.Write(base[off:])
	return mac.Sum(s.sum[:0])
}

// sharedMarks returns how many bytes of base, a whole number of markEvery
// blocks, are the same as the correct base string's.
func sharedMarks(base []byte, correct string) int {
	n := 0
	for n+markEvery <= len(base) && n+markEvery <= len(correct) && string(base[n:n+markEvery]) == correct[n:n+markEvery] {
		n += markEvery
	}
	return n
}

// resume returns an HMAC of key k that has hashed the first from bytes of
// the correct base string. from is 0 or a multiple of markEvery within the
// saved states; without a saved state it starts afresh.
func (s *searcher) resume(k, from int) hash.Hash {
	if j := from/markEvery - 1; j >= 0 && k < len(s.marks) && j < len(s.marks[k]) {
		if c, err := s.marks[k][j].(hash.Cloner).Clone(); err == nil {
			return c.(hash.Hash)
		}
	}
	mac := s.macs[k]
	mac.Reset()
	if from > 0 {
		mac.Write([]byte(s.correctGroup.base[:from]))
	}
	return mac
}

// hit records a base string, key and target that reproduce the signature,
// keeping the base string for the report.
func (s *searcher) hit(g *baseGroup, base []byte, key, target int) {
	if g.base == "" {
		g.base = string(base)
	}
	s.hits = append(s.hits, hit{g, key, target})
}

// part is one mistake of an explanation with the part of the request it concerns.
type part struct {
	m      *mistake
	label  string
	detail string
}

// score orders explanations: fewer mistakes first, then more common ones.
func score(ps []part) []int {
	out := []int{len(ps)}
	ranks := make([]int, len(ps))
	for i, p := range ps {
		ranks[i] = p.m.rank
	}
	slices.Sort(ranks)
	return append(out, ranks...)
}

// readings of a hit: every combo × key member, each a list of parts.
func (s *searcher) partsOf(h hit) [][]part {
	var keyParts [][]part
	if h.key == 0 {
		keyParts = [][]part{nil}
	}
	if h.key < len(s.keys) {
		for _, km := range s.keys[h.key].members {
			keyParts = append(keyParts, []part{{km.m, km.kv.label, km.kv.detail}})
		}
	}
	var tp []part
	if h.target < len(s.targets) && s.targets[h.target].m != nil {
		t := s.targets[h.target]
		tp = []part{{t.m, t.label, t.detail}}
	}
	var out [][]part
	for _, c := range h.group.combos {
		for _, kp := range keyParts {
			var ps []part
			for _, v := range c {
				ps = append(ps, part{v.m, v.label, v.detail})
			}
			ps = append(ps, kp...)
			ps = append(ps, tp...)
			out = append(out, ps)
		}
	}
	slices.SortStableFunc(out, func(a, b []part) int { return slices.Compare(score(a), score(b)) })
	return out
}

// explanation turns the best reading of a hit into an Explanation, the
// others becoming its equivalents.
func explanation(readings [][]part, base, proof string) Explanation {
	best := readings[0]
	e := Explanation{BaseString: base, Proof: proof, Parts: []string{}}
	var titles, details, fixes []string
	for _, p := range best {
		e.IDs = append(e.IDs, p.m.ID)
		e.Parts = append(e.Parts, p.label)
		titles = append(titles, p.m.Title)
		details = append(details, p.detail)
		fixes = append(fixes, p.m.Fix)
	}
	e.Title = strings.Join(titles, " + ")
	e.Detail = "The client " + strings.Join(details, ", and ") + "."
	e.Fix = strings.Join(fixes, "; and ")
	if len(best) == 0 {
		e.Detail = "The client signed the correct base string with the correct key."
	}
	primary := joinIDs(best)
	for _, r := range readings[1:] {
		if id := joinIDs(r); id != primary && !slices.Contains(e.Equivalent, id) {
			e.Equivalent = append(e.Equivalent, id)
		}
	}
	return e
}

func joinIDs(ps []part) string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.m.ID
	}
	return strings.Join(ids, "+")
}

// scored is an explanation with its sort key.
type scored struct {
	e     Explanation
	score []int
}

// results returns the explanations found, each with its score.
func (s *searcher) results(scheme string) []scored {
	var out []scored
	for _, h := range s.hits {
		rs := s.partsOf(h)
		e := explanation(rs, h.group.base, "signature")
		e.Scheme = scheme
		out = append(out, scored{e, score(rs[0])})
	}
	if len(s.hits) == 0 {
		for _, g := range s.baseHits {
			rs := s.partsOf(hit{group: g})
			e := explanation(rs, g.base, "client base string")
			e.Scheme = scheme
			out = append(out, scored{e, score(rs[0])})
		}
	}
	return out
}

// sortScored orders explanations best first, keeping discovery order on ties.
func sortScored(all []scored) []Explanation {
	slices.SortStableFunc(all, func(a, b scored) int { return slices.Compare(a.score, b.score) })
	out := make([]Explanation, len(all))
	for i, x := range all {
		out[i] = x.e
	}
	return out
}
