package basestring

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParseForm(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Param
		reason   string
	}{
		{"pairs", "a=1&b=2", []Param{{Name: "a", Value: "1", Raw: "a=1"}, {Name: "b", Value: "2", Raw: "b=2"}}, "two pairs"},
		{"plus-space", "a=r+b", []Param{{Name: "a", Value: "r b", Raw: "a=r+b"}}, "+ is a space in form encoding (§3.4.1.3.1)"},
		{"no-equals", "c2", []Param{{Name: "c2", Value: "", Raw: "c2"}}, "a name without = has an empty value"},
		{"empty-pairs", "&&a=1&", []Param{{Name: "a", Value: "1", Raw: "a=1"}}, "empty pairs from && are skipped"},
		{"equals-in-value", "s=a=b", []Param{{Name: "s", Value: "a=b", Raw: "s=a=b"}}, "only the first = splits"},
		{"duplicates", "a=2&a=1", []Param{{Name: "a", Value: "2", Raw: "a=2"}, {Name: "a", Value: "1", Raw: "a=1"}}, "duplicates kept in order"},
		{"encoded-name", "c%40=", []Param{{Name: "c@", Value: "", Raw: "c%40="}}, "names are decoded too"},
		{"empty", "", nil, "nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseForm(tt.in, SourceQuery)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tt.want {
				tt.want[i].Source = SourceQuery
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseForm(%q) = %+v, want %+v (%s)", tt.in, got, tt.want, tt.reason)
			}
		})
	}
}

func TestParseFormError(t *testing.T) {
	_, err := ParseForm("a=1&b=x%ZZ", SourceBody)
	var fe *FormError
	if !errors.As(err, &fe) || fe.Offset != 7 {
		t.Fatalf("error = %v, want *FormError at byte 7", err)
	}
	if got, want := err.Error(), `malformed percent-encoding "%ZZ" at byte 7`; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

func TestIsFormContentType(t *testing.T) {
	for ct, want := range map[string]bool{
		"application/x-www-form-urlencoded":                true,
		"application/x-www-form-urlencoded; charset=UTF-8": true,
		"Application/X-WWW-Form-URLEncoded ;charset=utf-8": true,
		"application/x-www-form-urlencoded ":               true,
		"application/x-www-form-urlencodedx":               false,
		"application/x-www-form-urlencoded-v2; charset=x":  false,
		"application/json":                                 false,
		"multipart/form-data; boundary=x":                  false,
		"":                                                 false,
	} {
		if got := IsFormContentType(ct); got != want {
			t.Errorf("IsFormContentType(%q) = %v, want %v", ct, got, want)
		}
	}
}

func TestParseAuthorization(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Param // Raw not compared
		problems int
		reason   string
	}{
		{"rfc", `OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"`,
			[]Param{{Name: "realm", Value: "Example"}, {Name: "oauth_consumer_key", Value: "9djdj82h48djs9d2"}, {Name: "oauth_signature", Value: "bYT5CMsGcbgUdFHObYMEfcx6bsw="}}, 0, "RFC 5849 §3.5.1 example shape"},
		{"scheme-case", `oauth oauth_nonce="x"`, []Param{{Name: "oauth_nonce", Value: "x"}}, 0, "scheme is case-insensitive"},
		{"newlines", "OAuth\n  oauth_nonce=\"x\",\r\n\toauth_token=\"t\"", []Param{{Name: "oauth_nonce", Value: "x"}, {Name: "oauth_token", Value: "t"}}, 0, "whitespace and newlines between pairs"},
		{"unquoted", `OAuth oauth_nonce=x, oauth_token="t"`, []Param{{Name: "oauth_nonce", Value: "x"}, {Name: "oauth_token", Value: "t"}}, 1, "unquoted values accepted with a problem"},
		{"no-comma", `OAuth oauth_nonce="x" oauth_token="t"`, []Param{{Name: "oauth_nonce", Value: "x"}, {Name: "oauth_token", Value: "t"}}, 1, "missing comma accepted with a problem"},
		{"bad-escape", `OAuth oauth_nonce="x%G"`, []Param{{Name: "oauth_nonce", Value: "x%G"}}, 1, "bad escape kept raw with a problem"},
		{"spaces-around-equals", `OAuth oauth_nonce = "x"`, []Param{{Name: "oauth_nonce", Value: "x"}}, 0, "spaces around ="},
		{"empty-value", `OAuth oauth_token=""`, []Param{{Name: "oauth_token", Value: ""}}, 0, "empty quoted value"},
		{"trailing-comma", `OAuth oauth_token="t",`, []Param{{Name: "oauth_token", Value: "t"}}, 0, "a trailing comma is harmless"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseAuthorization(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []Param
			for _, p := range a.Params {
				if p.Source != SourceHeader {
					t.Errorf("source = %q", p.Source)
				}
				got = append(got, Param{Name: p.Name, Value: p.Value})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("params = %+v, want %+v (%s)", got, tt.want, tt.reason)
			}
			if len(a.Problems) != tt.problems {
				t.Errorf("problems = %+v, want %d (%s)", a.Problems, tt.problems, tt.reason)
			}
		})
	}
}

func TestParseAuthorizationErrors(t *testing.T) {
	for in, want := range map[string]string{
		`Bearer abc`:         `authorization header: scheme is "Bearer", not OAuth at byte 0`,
		`OAuth a="unclosed`:  `authorization header: value of "a" has no closing quote at byte 8`,
		``:                   `authorization header: empty value, want "OAuth name=\"value\", …" at byte 0`,
		`OAuthx oauth_a="b"`: `authorization header: scheme is "OAuthx", not OAuth at byte 0`,
	} {
		_, err := ParseAuthorization(in)
		if err == nil || err.Error() != want {
			t.Errorf("ParseAuthorization(%q) error = %v, want %q", in, err, want)
		}
	}
}

// TestProtocolNameLen checks the header scanner's match of protocol names
// against scanning the name and looking it up: every protocol name, each
// of its prefixes, and each followed by every byte value.
func TestProtocolNameLen(t *testing.T) {
	var inputs []string
	for _, name := range protocolNames {
		for i := 0; i <= len(name); i++ {
			inputs = append(inputs, name[:i])
		}
		for c := 0; c < 256; c++ {
			inputs = append(inputs, name+string([]byte{byte(c)}), name+string([]byte{byte(c)})+`="x"`)
		}
		inputs = append(inputs, "x"+name, strings.ToUpper(name), name+"_method")
	}
	for _, s := range inputs {
		want := 0
		if n := nameLen(s); slices.Contains(protocolNames[:], s[:n]) {
			want = n
		}
		if got := protocolNameLen(s); got != want {
			t.Errorf("protocolNameLen(%q) = %d, want %d", s, got, want)
		}
	}
}
