package compare

import "testing"

// TestURLWithScheme checks how a captured URL gets the scheme of a reading.
func TestURLWithScheme(t *testing.T) {
	for _, tc := range []struct{ raw, scheme, host, want string }{
		{"https://h.example/p?q=1", "https", "", "https://h.example/p?q=1"},
		{"https://h.example/p", "http", "", "http://h.example/p"},
		{"HTTPS://h.example/p", "https", "", "https://h.example/p"},
		{"HTTPS://h.example/p", "HTTPS", "", "HTTPS://h.example/p"},
		{"https://h.example", "http", "", "http://h.example"},
		{"//h.example/p", "https", "", "https://h.example/p"},
		{"/p?next=https://x.example/", "https", "h.example", "https://h.example/p?next=https://x.example/"},
		{"?a=1", "http", "h.example", "http://h.example?a=1"},
		{"h.example/p?u=a://b", "https", "", "https://h.example/p?u=a://b"},
	} {
		got, err := urlWithScheme(tc.raw, tc.scheme, tc.host)
		if err != nil || got != tc.want {
			t.Errorf("urlWithScheme(%q, %q, %q) = %q, %v; want %q", tc.raw, tc.scheme, tc.host, got, err, tc.want)
		}
	}
	if _, err := urlWithScheme("/p", "https", ""); err == nil {
		t.Error("a path with no Host: no error")
	}
}
