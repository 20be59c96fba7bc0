package inspect

import "testing"

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
