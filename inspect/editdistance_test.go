package inspect

import (
	"math/rand/v2"
	"testing"
)

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		max  int
		want int
	}{
		{"oauth_nonce", "oauth_nonce", 3, 0},
		{"oauth_nonse", "oauth_nonce", 3, 1},
		{"oauth_tokn", "oauth_token", 3, 1},
		{"kitten", "sitting", 10, 3},
		{"abc", "", 10, 3},
		{"a", "abcdefgh", 3, 3},
		{"plus-for-spcae", "plus-for-space", 4, 2},
	} {
		if got := EditDistance(tc.a, tc.b, tc.max); got != tc.want {
			t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.max, got, tc.want)
		}
	}
}

// levenshtein is the textbook full-table distance, the reference
// EditDistance is checked against.
func levenshtein(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
		}
	}
	return d[len(a)][len(b)]
}

// TestEditDistanceReference checks EditDistance against the full table on
// strings of a small alphabet (so that prefixes, suffixes and repeats are
// common), short and longer than the rows kept on the stack.
func TestEditDistanceReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		n := rng.IntN(40)
		if rng.IntN(4) == 0 {
			n = rng.IntN(3)
		}
		b := make([]byte, n)
		for i := range b {
			b[i] = "ab_"[rng.IntN(3)]
		}
		return string(b)
	}
	for range 5000 {
		a, b := word(), word()
		if rng.IntN(3) == 0 { // share a prefix and a suffix
			p, s := word(), word()
			a, b = p+a+s, p+b+s
		}
		max := 1 + rng.IntN(8)
		want := min(levenshtein(a, b), max)
		if got := EditDistance(a, b, max); got != want {
			t.Fatalf("EditDistance(%q, %q, %d) = %d, want %d", a, b, max, got, want)
		}
	}
}

// TestEditDistanceNoAlloc checks that names as short as parameter names
// cost no allocation: the typo rule compares every name of a request.
func TestEditDistanceNoAlloc(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { EditDistance("oauth_x12345", "oauth_signature_method", 3) }); n != 0 {
		t.Errorf("EditDistance allocates %v times for short names, want 0", n)
	}
}
