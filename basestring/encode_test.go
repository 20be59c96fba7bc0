package basestring

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

func TestEncode(t *testing.T) {
	tests := []struct {
		name, in, want, reason string
	}{
		{"unreserved", "AZaz09-._~", "AZaz09-._~", "ALPHA, DIGIT, - . _ ~ are kept (§3.6)"},
		{"space", "a b", "a%20b", "space is %20, never +"},
		{"plus", "a+b", "a%2Bb", "a literal plus is encoded"},
		{"reserved", "!*'();:@&=+$,/?#[]", "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D", "every reserved character is encoded, * included"},
		{"percent", "%", "%25", "percent sign encoded"},
		{"utf8", "å", "%C3%A5", "UTF-8 bytes, upper-case hex"},
		{"cjk", "你好", "%E4%BD%A0%E5%A5%BD", "multi-byte characters"},
		{"control", "\x00\n", "%00%0A", "control bytes"},
		{"empty", "", "", "empty stays empty"},
		{"wiki-dash", "-._~", "-._~", "oauth.net wiki encoding case"},
		{"wiki-ampersand", "&=*", "%26%3D%2A", "oauth.net wiki encoding case"},
		{"wiki-lf", "\u000A", "%0A", "oauth.net wiki encoding case"},
		{"wiki-u3001", "\u3001", "%E3%80%81", "oauth.net wiki encoding case"},
		{"wiki-u80", "\u0080", "%C2%80", "oauth.net wiki encoding case"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Encode(tt.in); got != tt.want {
				t.Errorf("Encode(%q) = %q, want %q (%s)", tt.in, got, tt.want, tt.reason)
			}
		})
	}
}

func TestMistakeEncoders(t *testing.T) {
	in := "a b~*é"
	tests := []struct {
		name   string
		enc    Encoder
		want   string
		reason string
	}{
		{"plus-for-space", AppendEncodePlusForSpace, "a+b~%2A%C3%A9", "space as +"},
		{"lower-hex", AppendEncodeLowerHex, "a%20b~%2a%c3%a9", "lower-case hex"},
		{"java", AppendEncodeJava, "a+b%7E*%C3%A9", "java.net.URLEncoder: + for space, * raw, ~ encoded"},
		{"tilde", AppendEncodeTilde, "a%20b%7E%2A%C3%A9", "RFC 2396 encoders encode ~"},
		{"raw", AppendRaw, "a b~*é", "not encoded at all"},
		{"twice", AppendEncodeTwice, "a%2520b~%252A%25C3%25A9", "encoded twice"},
		{"double-utf8", AppendEncodeDoubleUTF8, "a%20b~%2A%C3%83%C2%A9", "UTF-8 bytes read as Latin-1 and encoded again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(tt.enc(nil, in)); got != tt.want {
				t.Errorf("%s(%q) = %q, want %q (%s)", tt.name, in, got, tt.want, tt.reason)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, in  string
		form      bool
		want      string
		errOffset int // -1: no error
		reason    string
	}{
		{"plain", "abc", false, "abc", -1, "nothing to decode"},
		{"escapes", "a%20b%2Bc", false, "a b+c", -1, "escapes decoded"},
		{"lower-hex", "%c3%a5", false, "å", -1, "lower-case hex accepted when decoding"},
		{"plus-kept", "a+b", false, "a+b", -1, "Decode keeps +"},
		{"plus-form", "a+b", true, "a b", -1, "DecodeForm reads + as space"},
		{"bad-hex", "ab%G1", false, "", 2, "%G1 is not an escape"},
		{"lone-percent", "100%", false, "", 3, "a lone % at the end"},
		{"truncated", "x%4", false, "", 1, "truncated escape"},
		{"second-bad", "%41%4", false, "", 3, "offset of the bad one, not the first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := Decode
			if tt.form {
				dec = decodeForm
			}
			got, err := dec(tt.in)
			if tt.errOffset < 0 {
				if err != nil || got != tt.want {
					t.Errorf("decode(%q) = %q, %v; want %q (%s)", tt.in, got, err, tt.want, tt.reason)
				}
				return
			}
			var de *decodeError
			if !errors.As(err, &de) || de.Offset != tt.errOffset {
				t.Errorf("decode(%q) error = %v; want *decodeError at %d (%s)", tt.in, err, tt.errOffset, tt.reason)
			}
		})
	}
}

func TestDecodeErrorMessage(t *testing.T) {
	_, err := Decode("a%G1")
	if got, want := err.Error(), `invalid percent-encoding "%G1" at byte 1`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	_, err = Decode("a%4")
	if got, want := err.Error(), `truncated percent-encoding "%4" at byte 1`; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

// TestReservedBytes checks the word-at-a-time test of allUnreserved
// against the unreserved table: every byte value in every position of a
// word, among neighbours of every kind, and allUnreserved on every length
// around a word.
func TestReservedBytes(t *testing.T) {
	for _, fill := range []byte{'a', 'Z', '%', '/', 0x7F, 0x80, 0xFF, '~', 0} {
		for pos := 0; pos < 8; pos++ {
			for c := 0; c < 256; c++ {
				var w [8]byte
				for k := range w {
					w[k] = fill
				}
				w[pos] = byte(c)
				m := reservedBytes(binary.LittleEndian.Uint64(w[:]))
				for k := range w {
					got := m>>(8*k+7)&1 == 1
					if want := !unreserved[w[k]]; got != want {
						t.Fatalf("byte %#x at %d among %#x: reserved %v, want %v", w[k], k, fill, got, want)
					}
				}
			}
		}
	}
	for n := 0; n <= 20; n++ {
		for pos := -1; pos < n; pos++ {
			b := []byte(strings.Repeat("a", n))
			if pos >= 0 {
				b[pos] = ' '
			}
			if got, want := allUnreserved(string(b)), pos < 0; got != want {
				t.Errorf("allUnreserved(%q) = %v, want %v", b, got, want)
			}
		}
	}
}
