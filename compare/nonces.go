package compare

import (
	"sync"
)

// NonceStore remembers the nonces a provider accepted (RFC 5849 §3.3: a
// nonce is unique for a timestamp and credentials). Use reports false for a
// nonce that must be refused.
type NonceStore interface {
	Use(consumerKey, token, nonce string, timestamp int64) bool
}

// MemoryNonces is a NonceStore in memory, bounded per consumer: each
// consumer keeps its last PerConsumer nonces, and a request whose timestamp
// is not newer than the newest one forgotten is refused, so that evicting a
// nonce never lets it be replayed. Only verified requests reach the store, so
// the number of consumers is the number the provider knows. It is safe for
// concurrent use.
type MemoryNonces struct {
	// PerConsumer is how many nonces each consumer keeps (zero: 65,536).
	PerConsumer int

	mu   sync.Mutex
	byCK map[string]*nonceRing
}

// nonceRing is one consumer's nonces: a set and the order they came in.
type nonceRing struct {
	seen  map[nonceKey]struct{}
	order []nonceKey // ring buffer, next is the oldest once full
	next  int
	floor int64 // the newest timestamp among the forgotten nonces
}

type nonceKey struct {
	token, nonce string
	timestamp    int64
}

// Use records the nonce and reports whether it was new and not older than
// what the store had to forget.
func (s *MemoryNonces) Use(consumerKey, token, nonce string, timestamp int64) bool {
	limit := s.PerConsumer
	if limit <= 0 {
		limit = 1 << 16
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byCK == nil {
		s.byCK = map[string]*nonceRing{}
	}
	ring := s.byCK[consumerKey]
	if ring == nil {
		ring = &nonceRing{seen: map[nonceKey]struct{}{}}
		s.byCK[consumerKey] = ring
	}
	k := nonceKey{token, nonce, timestamp}
	if _, dup := ring.seen[k]; dup || timestamp <= ring.floor && ring.floor > 0 {
		return false
	}
	if len(ring.order) < limit {
		ring.order = append(ring.order, k)
	} else {
		old := ring.order[ring.next]
		delete(ring.seen, old)
		ring.floor = max(ring.floor, old.timestamp)
		ring.order[ring.next] = k
		ring.next = (ring.next + 1) % limit
	}
	ring.seen[k] = struct{}{}
	return true
}

// Len returns how many nonces the store holds, for tests and metrics.
func (s *MemoryNonces) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.byCK {
		n += len(r.seen)
	}
	return n
}
