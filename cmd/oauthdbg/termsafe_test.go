package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestVisible(t *testing.T) {
	tests := []struct{ name, in, want, why string }{
		{"plain", "https://ex.com/a?b=c d", "https://ex.com/a?b=c d", "printable ASCII is kept"},
		{"non-ascii", "café ü 中 €", "café ü 中 €", "printable non-ASCII is kept"},
		{"title", "GET\x1b]0;pwned\x07", `GET\x1b]0;pwned\x07`, "an OSC sequence cannot set the title"},
		{"csi", "\x1b[2J\x1b[H", `\x1b[2J\x1b[H`, "a CSI sequence cannot clear the screen"},
		{"cr-lf-tab", "a\r\nb\tc", `a\r\nb\tc`, "CR, LF and tab are named"},
		{"nul-del", "\x00\x7f", `\x00\x7f`, "NUL and DEL"},
		{"invalid", "a\xffb\xc3", `a\xffb\xc3`, "invalid UTF-8 bytes, one by one"},
		{"c1", "\u0085\u009b", `\u0085\u009b`, "C1 controls (NEL, CSI)"},
		{"separators", "a\u2028b\u2029c", `a\u2028b\u2029c`, "line and paragraph separators"},
		{"bidi", "abc\u202edcba\u2066x\u2069", `abc\u202edcba\u2066x\u2069`, "bidi overrides and isolates"},
		{"zero-width", "a\u200bb\ufeff", `a\u200bb\ufeff`, "zero-width space and BOM"},
		{"tag", "a\U000e0041", `a\U000e0041`, "a tag character (Cf outside the BMP)"},
		{"backslash", `a\x1b`, `a\x1b`, "a literal backslash is kept"},
	}
	for _, tt := range tests {
		if got := visible(tt.in); got != tt.want {
			t.Errorf("%s: visible(%q) = %q, want %q (%s)", tt.name, tt.in, got, tt.want, tt.why)
		}
	}
	if got := visibleLines("a\nb\r\n\x1b"); got != "a\nb\\r\n\\x1b" {
		t.Errorf("visibleLines = %q", got)
	}
}

// TestVisibleEveryControl checks every C0 and C1 control and DEL, alone and
// inside text: none stays raw, and the result is valid UTF-8.
func TestVisibleEveryControl(t *testing.T) {
	var rs []rune
	for r := rune(0); r < 0x20; r++ {
		rs = append(rs, r)
	}
	rs = append(rs, 0x7f)
	for r := rune(0x80); r < 0xa0; r++ {
		rs = append(rs, r)
	}
	rs = append(rs, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x200e, 0x200f, 0x061c, 0x2066, 0x2067, 0x2068, 0x2069)
	for _, r := range rs {
		in := "x" + string(r) + "é"
		got := visible(in)
		if strings.ContainsRune(got, r) {
			t.Errorf("visible(%q) = %q keeps U+%04X raw", in, got, r)
		}
		if !strings.HasPrefix(got, `x\`) || !strings.HasSuffix(got, "é") {
			t.Errorf("visible(%q) = %q, want x\\… é", in, got)
		}
		for _, c := range []byte(got) {
			if c < 0x20 || c == 0x7f {
				t.Errorf("visible(%q) = %q holds byte %#x", in, got, c)
			}
		}
	}
	// Every byte value alone, including invalid UTF-8.
	for c := 0; c < 256; c++ {
		got := visible(string([]byte{byte(c)}))
		if !utf8.ValidString(got) {
			t.Errorf("visible(%#x) = %q is not valid UTF-8", c, got)
		}
	}
}

// TestVisibleJSONUntouched documents that JSON output does not go through
// visible: encoding/json already escapes every control byte, and the JSON
// of a value with controls decodes back to the exact value.
func TestVisibleJSONUntouched(t *testing.T) {
	in := "GET\x1b]0;pwned\x07\r\n\u2028\xff"
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range b {
		if c < 0x20 || c == 0x7f {
			t.Errorf("json.Marshal(%q) = %q holds raw byte %#x", in, b, c)
		}
	}
	if strings.Contains(string(b), "\u2028") {
		t.Errorf("json.Marshal keeps U+2028 raw: %q", b)
	}
}

func TestVisibleNoAlloc(t *testing.T) {
	s := "https://api.example.com/r?oauth_nonce=abc&é=ü"
	if n := testing.AllocsPerRun(100, func() { _ = visible(s) }); n != 0 {
		t.Errorf("visible on clean text allocates %v times", n)
	}
}

func Example_visible() {
	fmt.Println(visible("GET\x1b]0;pwned\x07 /caf\xe9\u202e"))
	// Output: GET\x1b]0;pwned\x07 /caf\xe9\u202e
}

// TestSignRefusesCRLF: a CR or LF in a -H name or value would end the
// header inside the curl command sign prints (issue 8 §6).
func TestSignRefusesCRLF(t *testing.T) {
	for _, h := range []string{"X: a\r\nAuthorization: evil", "X: a\rb", "X: a\nb", "X\r\nY: z"} {
		c, stdout, stderr := testCLI("", nil)
		code := c.main([]string{"sign", "--consumer-key", "ck", "--consumer-secret", "cs", "-H", h, "https://api.example.com/r"})
		if code != 2 {
			t.Errorf("sign -H %q: exit %d, want 2\n%s%s", h, code, stdout, stderr)
		}
		if !strings.Contains(stderr.String(), "CR or LF") {
			t.Errorf("sign -H %q: stderr %q does not say CR or LF", h, stderr)
		}
		if strings.ContainsAny(stdout.String()+stderr.String(), "\r") {
			t.Errorf("sign -H %q: raw CR in the output", h)
		}
	}
}

// FuzzVisible: whatever the input, the output is valid UTF-8 without a
// control byte, and clean text is returned as is.
func FuzzVisible(f *testing.F) {
	for _, s := range []string{"", "abc", "\x1b]0;t\x07", "\xff\xfe", "a\u202eb", "é\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := visible(s)
		if !utf8.ValidString(got) {
			t.Fatalf("visible(%q) = %q is not valid UTF-8", s, got)
		}
		for _, r := range got {
			if hidden(r) || r < 0x20 || r == 0x7f {
				t.Fatalf("visible(%q) = %q keeps %U", s, got, r)
			}
		}
	})
}
