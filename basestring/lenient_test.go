package basestring

import "testing"

func TestDecodeLenient(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		plus     bool
		want     string
	}{
		{"well formed", "a%20b", false, "a b"},
		{"plus kept", "a+b", false, "a+b"},
		{"plus as space", "a+b%2B", true, "a b+"},
		{"bad escape kept", "100%ZZ%41", false, "100%ZZA"},
		{"truncated escape kept", "a%4", false, "a%4"},
		{"lone percent", "%", true, "%"},
	} {
		if got := DecodeLenient(tc.in, tc.plus); got != tc.want {
			t.Errorf("%s: DecodeLenient(%q, %v) = %q, want %q", tc.name, tc.in, tc.plus, got, tc.want)
		}
	}
}
