package inspect

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// words returns the words of every command of a lexer's result, commands
// separated by "|".
func lexWords(cmds []shellCommand) []string {
	var out []string
	for i, c := range cmds {
		if i > 0 {
			out = append(out, "|")
		}
		for _, w := range c.words {
			out = append(out, w.s)
		}
	}
	return out
}

var bashLexCases = []struct {
	name, reason, in string
	want             []string
}{
	{"plain", "words split on spaces and tabs", "curl  -s\thttps://a/", []string{"curl", "-s", "https://a/"}},
	{"single-quotes", "single quotes keep everything, backslash included", `curl 'a\b "c" $d'`, []string{"curl", `a\b "c" $d`}},
	{"single-quote-escape", "'\\'' is how a single quote is written in single quotes", `curl 'don'\''t'`, []string{"curl", "don't"}},
	{"double-quotes", "backslash escapes only $ ` \" \\ in double quotes", `curl "a\$b\"c\\d\e"`, []string{"curl", `a$b"c\d\e`}},
	{"adjacent", "quoted parts next to each other form one word", `curl 'a'"b"c$'d'`, []string{"curl", "abcd"}},
	{"empty-args", "'' and \"\" are empty arguments", `curl '' ""`, []string{"curl", "", ""}},
	{"backslash-unquoted", "an unquoted backslash escapes the next character", `curl a\ b\'c`, []string{"curl", "a b'c"}},
	{"continuation", "backslash-newline joins lines (Chrome, Firefox)", "curl 'a' \\\n  -H 'b'", []string{"curl", "a", "-H", "b"}},
	{"continuation-crlf", "backslash-CRLF from a Windows clipboard", "curl 'a' \\\r\n  -H 'b'\r\n", []string{"curl", "a", "-H", "b"}},
	{"continuation-in-word", "backslash-newline inside a word removes itself", "curl ab\\\ncd", []string{"curl", "abcd"}},
	{"ansi-c", "$'…' escapes as Chrome and Firefox write them", `curl $'a\'b\n\t\\\u0021\041\x41\r'`, []string{"curl", "a'b\n\t\\!!A\r"}},
	{"ansi-c-more", "bell, escape, control-x and octal", `curl $'\a\e\cA\0101\x'`, []string{"curl", "\a\x1b\x01\x081\\x"}},
	{"ansi-c-unknown", "an unknown escape keeps its backslash", `curl $'\q\u'`, []string{"curl", `\q\u`}},
	{"ansi-c-utf8", "\\u gives UTF-8", `curl $'\u00e9\U0001F600'`, []string{"curl", "é😀"}},
	{"ansi-c-surrogates", "a surrogate pair (Firefox) becomes one character", `curl $'\ud83d\ude05'`, []string{"curl", "😅"}},
	{"locale-string", "$\"…\" reads as \"…\"", `curl $"a b"`, []string{"curl", "a b"}},
	{"dollar-literal", "a $ not starting an expansion is literal", `curl a$ "$" '$x' $%`, []string{"curl", "a$", "$", "$x", "$%"}},
	{"comment", "# at the start of a word starts a comment", "# copied\ncurl a#b # c\n", []string{"curl", "a#b"}},
	{"semicolon", "; separates commands (Copy all as cURL)", "curl a ;\ncurl b", []string{"curl", "a", "|", "curl", "b"}},
	{"and-or", "&& and || separate commands", "curl a && curl b || curl c", []string{"curl", "a", "|", "curl", "b", "|", "curl", "c"}},
	{"pipe", "a pipe starts another command", "curl a | jq .", []string{"curl", "a", "|", "jq", "."}},
	{"redirect", "redirections and their targets are skipped", "curl a > out.txt 2>/dev/null 2>&1 -o b", []string{"curl", "a", "-o", "b"}},
	{"redirect-attached", "a redirection written next to a word ends it", "curl a>out b", []string{"curl", "a", "b"}},
	{"cr-alone", "a stray carriage return separates words", "curl a\rb", []string{"curl", "a", "b"}},
	{"trailing-backslash", "a backslash at the very end is literal", `curl a\`, []string{"curl", `a\`}},
	{"utf8", "UTF-8 passes through", "curl 'é' ü", []string{"curl", "é", "ü"}},
	{"nul-escape", "a NUL escape is kept as a byte", `curl $'a\x00b'`, []string{"curl", "a\x00b"}},
}

func TestLexBash(t *testing.T) {
	for _, tc := range bashLexCases {
		cmds, _, p := lexBash(tc.in)
		if p != nil {
			t.Errorf("%s: %v (%s)", tc.name, p, tc.reason)
			continue
		}
		if got := lexWords(cmds); !slices.Equal(got, tc.want) {
			t.Errorf("%s: words %q, want %q (%s)", tc.name, got, tc.want, tc.reason)
		}
	}
}

// TestLexBashMatchesBash runs the lexer cases (those bash itself runs the
// same way) through /bin/bash and compares the arguments it passes.
func TestLexBashMatchesBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	skip := map[string]bool{
		"ansi-c-surrogates":  true, // joined on purpose; bash writes CESU-8 bytes
		"nul-escape":         true, // bash cannot pass a NUL
		"pipe":               true, // jq need not exist
		"and-or":             true, // exit statuses decide what runs
		"semicolon":          true, // two commands
		"redirect":           true, // writes files
		"redirect-attached":  true,
		"cr-alone":           true, // bash keeps a lone CR in the word
		"continuation-crlf":  true, // joined on purpose; bash on Linux escapes the CR
		"trailing-backslash": true, // would join the next line of the script
	}
	const fn = "curl() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }\n"
	for _, tc := range bashLexCases {
		if skip[tc.name] {
			continue
		}
		cmds, _, p := lexBash(tc.in)
		if p != nil {
			t.Fatalf("%s: %v", tc.name, p)
		}
		if len(cmds) != 1 {
			t.Fatalf("%s: %d commands; the differential test runs one", tc.name, len(cmds))
		}
		want := lexWords(cmds)[1:]
		out, err := exec.Command(bash, "--norc", "--noprofile", "-c", fn+tc.in).Output()
		if err != nil {
			t.Fatalf("%s: bash: %v", tc.name, err)
		}
		got := []string{}
		if len(out) > 0 {
			got = strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: bash passes %q, the lexer %q", tc.name, got, want)
		}
	}
}

func TestLexBashErrors(t *testing.T) {
	tests := []struct {
		name, reason, in, want string
		off                    int
	}{
		{"single", "unterminated single quote, position of the quote", "curl 'abc", "unterminated single quote starting", 5},
		{"double", "unterminated double quote", "curl -H \"a: b", "unterminated double quote starting", 8},
		{"ansi", "unterminated $'…'", "curl $'a\\'", "unterminated $'…' string starting", 5},
		{"variable", "a shell variable has an unknown value", "curl -H \"Authorization: $TOKEN\"", `shell expansion "$TOKEN"`, 24},
		{"variable-unquoted", "unquoted variable", "curl $URL", `shell expansion "$URL"`, 5},
		{"braces", "${…} expansion", "curl ${URL}", `shell expansion "${"`, 5},
		{"command-subst", "$(…) substitution", "curl $(cat url)", `shell expansion "$("`, 5},
		{"backquote", "backquote substitution (also PowerShell's continuation)", "curl `cat url`", "command substitution with backquotes", 5},
		{"backquote-dq", "backquote inside double quotes", "curl \"a`b`\"", "command substitution with backquotes", 7},
		{"subshell", "a subshell", "(curl a)", "subshell or grouping", 0},
		{"heredoc", "a here-document", "curl -d @- <<EOF", "here-document", 11},
		{"process-subst", "process substitution", "curl -d @<(echo a)", "process substitution", 9},
		{"redirect-no-target", "a redirection at the end", "curl a >", "redirection without a target", 7},
		{"lone-surrogate", "a high surrogate alone", `curl $'\ud83d'`, `lone UTF-16 surrogate \ud83d`, 7},
		{"low-surrogate", "a low surrogate alone", `curl $'\ude05x'`, `lone UTF-16 surrogate \ude05`, 7},
		{"big-U", "\\U beyond Unicode", `curl $'\U00110000'`, "beyond Unicode", 7},
		{"pipe-first", "a pipe with nothing before it", "| curl a", "pipe \"|\" without a command", 0},
	}
	for _, tc := range tests {
		_, _, p := lexBash(tc.in)
		if p == nil {
			t.Errorf("%s: no error (%s)", tc.name, tc.reason)
			continue
		}
		if !strings.Contains(p.msg, tc.want) || p.off != tc.off {
			t.Errorf("%s: %q at %d, want %q at %d (%s)", tc.name, p.msg, p.off, tc.want, tc.off, tc.reason)
		}
		if p.hint == "" {
			t.Errorf("%s: no hint", tc.name)
		}
	}
}

func TestLexCmd(t *testing.T) {
	tests := []struct {
		name, reason, in string
		want             []string
	}{
		{"chrome-new", "^\" quoting as Chrome writes it since 2021", `curl ^"https://a/?x=1^&y=2^" -H ^"a: b^"`, []string{"curl", "https://a/?x=1&y=2", "-H", "a: b"}},
		{"chrome-inner-quote", "^\\^\" is a literal quote inside a ^\" argument", `curl -H ^"authorization: OAuth k=^\^"v^\^"^"`, []string{"curl", "-H", `authorization: OAuth k="v"`}},
		{"percent", "%^ stops cmd from expanding a variable", `curl ^"a^%^20b%^3D^"`, []string{"curl", "a%20b%3D"}},
		{"continuation", "^ at the end of a line joins the next", "curl ^\"a^\" ^\n  -H ^\"b^\"", []string{"curl", "a", "-H", "b"}},
		{"continuation-crlf", "^ before CRLF", "curl ^\"a^\" ^\r\n  -H ^\"b^\"\r\n", []string{"curl", "a", "-H", "b"}},
		{"old-chrome-short", "older Chrome: two parts on one line, ^% only", `curl "https://a/?x=^%^20y" --compressed`, []string{"curl", "https://a/?x=%20y", "--compressed"}},
		{"newline-in-value", "^ and two line breaks give a line break in a value", "curl --data-raw ^\"a^\n\nb^\"", []string{"curl", "--data-raw", "a\nb"}},
		{"newline-in-value-crlf", "the same with CRLF", "curl --data-raw ^\"a^\r\n\r\nb^\"", []string{"curl", "--data-raw", "a\nb"}},
		{"old-chrome-plain-quotes", "older Chrome: plain quotes, & left alone inside them", `curl "https://a/?x=1&y=2" -H "a: ^\^"b^\^""`, []string{"curl", "https://a/?x=1&y=2", "-H", `a: "b"`}},
		{"crt-backslashes", "2n backslashes before a quote give n; 2n+1 give n and a quote", `curl "a\\" "b\\\"c" d\e`, []string{"curl", `a\`, `b\"c`, `d\e`}},
		{"crt-double-quote", "\"\" inside quotes is a literal quote", `curl "a""b"`, []string{"curl", `a"b`}},
		{"separators", "& and && separate commands; & inside plain quotes does not", "curl \"a&b\" & curl c && curl d", []string{"curl", "a&b", "|", "curl", "c", "|", "curl", "d"}},
		{"redirect", "a redirection and its target are skipped", `curl a > out.txt 2>nul b`, []string{"curl", "a", "b"}},
		{"redirect-handle", ">&1 has no separate target", `curl a 2>&1 b`, []string{"curl", "a", "b"}},
		{"caret-end", "a caret at the very end is dropped", `curl a^`, []string{"curl", "a"}},
		{"escaped-caret", "^^ is a caret", `curl a^^b`, []string{"curl", "a^b"}},
	}
	for _, tc := range tests {
		cmds, _, p := lexCmd(tc.in)
		if p != nil {
			t.Errorf("%s: %v (%s)", tc.name, p, tc.reason)
			continue
		}
		if got := lexWords(cmds); !slices.Equal(got, tc.want) {
			t.Errorf("%s: words %q, want %q (%s)", tc.name, got, tc.want, tc.reason)
		}
	}
}

func TestLexCmdErrors(t *testing.T) {
	tests := []struct {
		name, reason, in, want string
		off                    int
	}{
		{"unterminated", "an argument quote never closed", `curl ^"a`, "unterminated double quote starting", 5},
		{"redirect-no-target", "a redirection at the end", "curl a >\n", "redirection without a target", 7},
	}
	for _, tc := range tests {
		_, _, p := lexCmd(tc.in)
		if p == nil {
			t.Errorf("%s: no error (%s)", tc.name, tc.reason)
			continue
		}
		if !strings.Contains(p.msg, tc.want) || p.off != tc.off {
			t.Errorf("%s: %q at %d, want %q at %d (%s)", tc.name, p.msg, p.off, tc.want, tc.off, tc.reason)
		}
	}
}

func TestIsCmdDialect(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`curl ^"https://a/^"`, true},
		{"curl https://a/ ^\n -H x", true},
		{"curl https://a/ ^\r\n -H x", true},
		{`curl 'https://a/' -H 'x: a^b'`, false},
		{"curl 'https://a/' \\\n -H x", false},
		{`curl.exe "https://a/"`, false},
		{`curl "https://a/?x=^%^20y" --compressed`, true},
	}
	for _, tc := range tests {
		if got := isCmdDialect(tc.in); got != tc.want {
			t.Errorf("isCmdDialect(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// curlCase is a curl command and what it must read as.
type curlCase struct {
	name, reason, cmd string
	method, url       string
	target            string // "" means the URL's path and query
	body              string
	contentType       string
	headers           []string // "Name: value", in order, all of them
	notes             []string // substrings that some note must hold
	schemeUnknown     bool
	noCurl            bool // behaviour deliberately differs from curl's, or curl needs files
}

var curlCases = []curlCase{
	{name: "get", reason: "a URL alone is a GET", cmd: "curl https://api.bitbucket.org/1.0/user",
		method: "GET", url: "https://api.bitbucket.org/1.0/user"},
	{name: "data-post", reason: "-d makes a POST with the default form content type", cmd: "curl https://h/1.0/x -d 'a=1'",
		method: "POST", url: "https://h/1.0/x", body: "a=1", contentType: "application/x-www-form-urlencoded",
		headers: []string{"Content-Type: application/x-www-form-urlencoded"}, notes: []string{"curl sends Content-Type: application/x-www-form-urlencoded"}},
	{name: "data-join", reason: "several -d are joined with &, --data-raw keeps @", cmd: "curl https://h/x -d a=1 --data b=2 --data-raw @c --data-ascii d=4 --data-binary e=5",
		method: "POST", url: "https://h/x", body: "a=1&b=2&@c&d=4&e=5", contentType: "application/x-www-form-urlencoded",
		headers: []string{"Content-Type: application/x-www-form-urlencoded"}, notes: []string{"curl sends Content-Type"}},
	{name: "data-keeps-bytes", reason: "data is sent as written, CR and LF included", cmd: `curl https://h/x --data-binary $'a=1\r\nb' -H 'Content-Type: text/plain'`,
		method: "POST", url: "https://h/x", body: "a=1\r\nb", contentType: "text/plain", headers: []string{"Content-Type: text/plain"}},
	{name: "urlencode", reason: "--data-urlencode name=content, =content and content, space as +", cmd: "curl https://h/x --data-urlencode 'status=hello world+!' --data-urlencode '=a b' --data-urlencode 'c d' --data-urlencode 'x=é~'",
		method: "POST", url: "https://h/x", body: "status=hello+world%2B%21&a+b&c+d&x=%C3%A9~", contentType: "application/x-www-form-urlencoded",
		headers: []string{"Content-Type: application/x-www-form-urlencoded"}, notes: []string{`encodes a space as "+"`}},
	{name: "get-flag", reason: "-G moves the data to the query, after the existing query", cmd: "curl -G 'https://h/p?q=1#frag' --data-urlencode 'status=hello world' -d k=v",
		method: "GET", url: "https://h/p?q=1&status=hello+world&k=v", notes: []string{"dropped the fragment"}},
	{name: "get-no-query", reason: "-G on a URL without query adds one", cmd: "curl -G https://h/p -d a=1",
		method: "GET", url: "https://h/p?a=1"},
	{name: "get-empty-data", reason: "-G with empty data adds no ?", cmd: "curl -G https://h/p -d ''", method: "GET", url: "https://h/p"},
	{name: "method", reason: "-X sets the method, case kept; a cluster -sSLXPOST works", cmd: "curl -sSLXpatch https://h/p -d a=1",
		method: "patch", url: "https://h/p", body: "a=1", contentType: "application/x-www-form-urlencoded", headers: []string{"Content-Type: application/x-www-form-urlencoded"},
		notes: []string{"curl sends Content-Type"}},
	{name: "method-long", reason: "--request DELETE", cmd: "curl --request DELETE https://h/p", method: "DELETE", url: "https://h/p"},
	{name: "head", reason: "-I is a HEAD request", cmd: "curl -I https://h/p", method: "HEAD", url: "https://h/p"},
	{name: "get-x-post", reason: "-X wins over -G for the method, the data still goes to the query", cmd: "curl -G -X POST https://h/g -d a=1 -d b=2",
		method: "POST", url: "https://h/g?a=1&b=2"},
	{name: "headers", reason: "-H keeps name case and order; duplicates kept; value trimmed", cmd: "curl https://h/h -H 'X-A: 1' -H 'x-a: 2' -H 'X-B:   spaced  '",
		method: "GET", url: "https://h/h", headers: []string{"X-A: 1", "x-a: 2", "X-B: spaced"}},
	{name: "header-empty-and-removed", reason: "'Name;' sends an empty header; 'Name:' removes one curl would add", cmd: "curl https://h/e -H 'X-Empty;' -H 'Accept:' -H 'X-Both: '",
		method: "GET", url: "https://h/e", headers: []string{"X-Empty: "}},
	{name: "agent-referer-cookie", reason: "-A, -e (;auto stripped) and several -b joined with ;", cmd: "curl https://h/c -A 'ua/1' -e 'http://ref;auto' -b 'a=1' -b 'b=2'",
		method: "GET", url: "https://h/c", headers: []string{"User-Agent: ua/1", "Referer: http://ref", "Cookie: a=1;b=2"}},
	{name: "custom-header-wins", reason: "-H User-Agent replaces -A", cmd: "curl https://h/u -A other -H 'User-Agent: mine'",
		method: "GET", url: "https://h/u", headers: []string{"User-Agent: mine"}},
	{name: "content-type-removed", reason: "-H 'Content-Type:' removes curl's default", cmd: "curl https://h/p -H 'Content-Type:' -d x=1",
		method: "POST", url: "https://h/p", body: "x=1", notes: []string{"removes the Content-Type header curl would send"}},
	{name: "userinfo", reason: "user and password in the URL become Basic authentication", cmd: "curl https://u:p@h/",
		method: "GET", url: "https://h/", headers: []string{"Authorization: Basic dTpw"}, notes: []string{"Basic authentication"}},
	{name: "user", reason: "-u user:password is Basic authentication", cmd: "curl -u 'key:sec ret' https://h/",
		method: "GET", url: "https://h/", headers: []string{"Authorization: Basic a2V5OnNlYyByZXQ="}},
	{name: "user-with-oauth-header", reason: "an Authorization header given with -H replaces -u", cmd: `curl -u a:b https://h/ -H 'Authorization: OAuth oauth_nonce="1"'`,
		method: "GET", url: "https://h/", headers: []string{`Authorization: OAuth oauth_nonce="1"`}},
	{name: "bearer", reason: "--oauth2-bearer", cmd: "curl --oauth2-bearer tok https://h/", method: "GET", url: "https://h/",
		headers: []string{"Authorization: Bearer tok"}, noCurl: true},
	{name: "json", reason: "--json sets both headers and concatenates", cmd: `curl https://h/x --json '{"a":1}' --json '{"b":2}'`,
		method: "POST", url: "https://h/x", body: `{"a":1}{"b":2}`, contentType: "application/json",
		headers: []string{"Accept: application/json", "Content-Type: application/json"}},
	{name: "dot-segments", reason: "curl resolves /./ and /../ unless --path-as-is", cmd: "curl 'https://h/a/./b/../c/..?x=1'",
		method: "GET", url: "https://h/a/?x=1", notes: []string{`"/a/./b/../c/.." is sent as "/a/"`}},
	{name: "path-as-is", reason: "--path-as-is keeps dot segments", cmd: "curl --path-as-is 'https://h/a/./b/../c'",
		method: "GET", url: "https://h/a/./b/../c"},
	{name: "glob-escapes", reason: "Chrome escapes [ ] { } for curl's globbing; curl removes the backslashes", cmd: `curl 'https://h/p?a\[0\]=\{x\}'`,
		method: "GET", url: "https://h/p?a[0]={x}"},
	{name: "globoff", reason: "with -g the backslashes stay", cmd: `curl -g 'https://h/p?a[0]=1'`, method: "GET", url: "https://h/p?a[0]=1"},
	{name: "glob-unescaped", reason: "unescaped brackets are taken literally with a note", cmd: `curl 'https://h/p?a[0]=1'`,
		method: "GET", url: "https://h/p?a[0]=1", notes: []string{"glob pattern"}, noCurl: true},
	{name: "url-option", reason: "--url gives the URL (Chrome since 2023)", cmd: "curl --url 'https://h/x?y' -H 'a: b'",
		method: "GET", url: "https://h/x?y", headers: []string{"a: b"}},
	{name: "no-scheme", reason: "curl guesses http:// for a URL without scheme; both will be tried", cmd: "curl api.bitbucket.org/1.0/user -X post",
		method: "post", url: "http://api.bitbucket.org/1.0/user", schemeUnknown: true, notes: []string{"curl uses http://"}},
	{name: "empty-path", reason: "an empty path is sent as /", cmd: "curl 'HTTPS://H:8443?x=1'", method: "GET", url: "HTTPS://H:8443?x=1", target: "/?x=1", noCurl: true},
	{name: "request-target", reason: "--request-target replaces the target", cmd: "curl https://h/p -H 'Host: other.example' --request-target '/other?z'",
		method: "GET", url: "https://h/p", target: "/other?z", headers: []string{"Host: other.example"}, notes: []string{"--request-target"}},
	{name: "end-of-options", reason: "-- ends the options", cmd: "curl -s -- https://h/dd", method: "GET", url: "https://h/dd"},
	{name: "url-query", reason: "--url-query encodes like --data-urlencode; + prefix keeps it as is", cmd: "curl https://h/q --url-query 'a=c d' --url-query '+raw=x%20y'",
		method: "GET", url: "https://h/q?a=c+d&raw=x%20y", notes: []string{`encodes a space as "+"`}, noCurl: true},
	{name: "skipped-options", reason: "options that do not change the request are skipped silently, with their values", cmd: "curl --compressed -k -L -s -i -v --http2 -m 10 --connect-timeout 5 -o out.json --retry 3 -x '' https://h/s",
		method: "GET", url: "https://h/s", notes: []string{"proxy"}, noCurl: true},
	{name: "unknown-option", reason: "an unknown option is named in a note", cmd: "curl --frobnicate https://h/s",
		method: "GET", url: "https://h/s", notes: []string{"skipped unknown option --frobnicate"}, noCurl: true},
	{name: "abbreviated", reason: "an unambiguous abbreviation is read as its option", cmd: "curl --data-ur 'a=b c' https://h/s",
		method: "POST", url: "https://h/s", body: "a=b+c", contentType: "application/x-www-form-urlencoded",
		headers: []string{"Content-Type: application/x-www-form-urlencoded"}, notes: []string{"read --data-ur as --data-urlencode"}},
	{name: "form", reason: "-F is a multipart POST whose body is not rebuilt", cmd: "curl https://h/f -F a=b",
		method: "POST", url: "https://h/f", contentType: "multipart/form-data", headers: []string{"Content-Type: multipart/form-data"},
		notes: []string{"multipart form data"}, noCurl: true},
	{name: "upload", reason: "-T is a PUT of a file that is not read", cmd: "curl -T file.txt https://h/u", method: "PUT", url: "https://h/u",
		notes: []string{"not read"}, noCurl: true},
	{name: "cookie-file", reason: "-b without = names a cookie file", cmd: "curl -b cookies.txt https://h/", method: "GET", url: "https://h/",
		notes: []string{"cookie file"}, noCurl: true},
	{name: "user-no-password", reason: "-u without a password would prompt", cmd: "curl -u key https://h/", method: "GET", url: "https://h/",
		notes: []string{"no password"}, noCurl: true},
	{name: "digest", reason: "-u with --digest negotiates; no header", cmd: "curl --digest -u a:b https://h/", method: "GET", url: "https://h/",
		notes: []string{"--digest"}, noCurl: true},
	{name: "prompt", reason: "a copied '$ ' prompt is skipped", cmd: "$ curl https://h/p", method: "GET", url: "https://h/p", noCurl: true},
	{name: "curl-exe", reason: "curl.exe with a Windows path is a cmd command", cmd: `C:\Windows\System32\curl.exe "https://h/p"`, method: "GET", url: "https://h/p",
		notes: []string{"Windows cmd"}, noCurl: true},
	{name: "pipe-ignored", reason: "a command after a pipe is skipped with a note", cmd: "curl https://h/p | jq .", method: "GET", url: "https://h/p",
		notes: []string{"skipped other commands: \"jq\" at line 1"}, noCurl: true},
	{name: "expand", reason: "--expand-data is read as --data with a note", cmd: "curl https://h/p --expand-data 'a={{x}}'", method: "POST", url: "https://h/p",
		body: "a={{x}}", contentType: "application/x-www-form-urlencoded", headers: []string{"Content-Type: application/x-www-form-urlencoded"},
		notes: []string{"expands curl variables"}, noCurl: true},
	{name: "non-ascii-url", reason: "a URL with non-ASCII characters is kept, the target percent-encoded, with a note", cmd: "curl 'https://h/é?ü=1'", method: "GET", url: "https://h/é?ü=1",
		target: "/%C3%A9?%C3%BC=1",
		notes:  []string{"outside ASCII"}, noCurl: true},
	{name: "header-newline", reason: "a line break in a header value cuts it", cmd: `curl https://h/ -H $'X-A: 1\r\nX-B: 2'`, method: "GET", url: "https://h/",
		headers: []string{"X-A: 1"}, notes: []string{"holds a line break"}, noCurl: true},
	{name: "x-escape-byte", reason: "Firefox's \\xe9 gives one byte, with a note", cmd: `curl https://h/ --data-raw $'a=\xe9'`, method: "POST", url: "https://h/",
		body: "a=\xe9", contentType: "application/x-www-form-urlencoded", headers: []string{"Content-Type: application/x-www-form-urlencoded"},
		notes: []string{"single byte"}, noCurl: true},
}

// checkCurlCase compares a request read from a curl command with the case.
func checkCurlCase(t *testing.T, tc curlCase, r *Request) {
	t.Helper()
	target := tc.target
	if target == "" {
		u, p := parseAbsURL(tc.url)
		if p != nil {
			t.Fatalf("%s: bad want URL: %v", tc.name, p)
		}
		target = u.target()
	}
	host := ""
	for _, h := range tc.headers {
		if n, v, _ := strings.Cut(h, ": "); strings.EqualFold(n, "Host") {
			host = v
		}
	}
	if host == "" {
		u, _ := parseAbsURL(tc.url)
		host = u.host
	}
	var gotHeaders []string
	for _, h := range r.Headers {
		gotHeaders = append(gotHeaders, h.Name+": "+h.Value)
	}
	scheme := strings.ToLower(tc.url[:strings.Index(tc.url, ":")])
	if tc.schemeUnknown {
		scheme = ""
	}
	for _, c := range []struct {
		field     string
		got, want any
	}{
		{"Method", r.Method, tc.method}, {"URL", r.URL, tc.url}, {"Target", r.Target, target}, {"Body", string(r.Body), tc.body},
		{"ContentType", r.ContentType, tc.contentType}, {"Host", r.Host, host}, {"Headers", gotHeaders, tc.headers},
		{"Scheme", r.Scheme, scheme}, {"SchemeKnown", r.SchemeKnown, !tc.schemeUnknown}, {"Format", r.Format, FormatCurl},
	} {
		if fmt.Sprintf("%q", c.got) != fmt.Sprintf("%q", c.want) {
			t.Errorf("%s: %s = %q, want %q (%s)", tc.name, c.field, c.got, c.want, tc.reason)
		}
	}
	for _, n := range tc.notes {
		found := false
		for _, have := range r.Notes {
			found = found || strings.Contains(have, n)
		}
		if !found {
			t.Errorf("%s: no note contains %q (%s); notes %q", tc.name, n, tc.reason, r.Notes)
		}
	}
	if len(tc.notes) == 0 && len(r.Notes) > 0 {
		t.Errorf("%s: unexpected notes %q (%s)", tc.name, r.Notes, tc.reason)
	}
}

func TestReadCurlOptions(t *testing.T) {
	names := map[string]bool{}
	for _, tc := range curlCases {
		if names[tc.name] {
			t.Fatalf("duplicate case name %s", tc.name)
		}
		names[tc.name] = true
		r, err := ReadCurl(tc.cmd, "cmd")
		if err != nil {
			t.Errorf("%s: %v (%s)", tc.name, err, tc.reason)
			continue
		}
		checkCurlCase(t, tc, r)
	}
}

// TestReadCurlAgainstCurl runs the curl cases with the real curl against a
// local listener and checks that the request the reader builds is the one
// curl sends: method, target, body and every header (curl's own defaults
// aside). https URLs are sent over plain http to the listener.
func TestReadCurlAgainstCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl not found")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("cannot listen on localhost:", err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	cases := slices.Clone(curlCases)
	// The browser captures that run in bash.
	for _, f := range []string{"curl-chrome-bash.curl", "curl-firefox-bash.curl", "curl-safari.curl", "curl-urlencode-get.curl"} {
		data, err := os.ReadFile(filepath.Join(capturesDir, f))
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, curlCase{name: f, cmd: strings.TrimRight(string(data), "\n")})
	}
	for _, tc := range cases {
		if tc.noCurl {
			continue
		}
		want, err := ReadCurl(tc.cmd, tc.name)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		cmd := tc.cmd
		for _, u := range []string{"https://h", "https://u:p@h", "HTTPS://H", "https://api.bitbucket.org"} {
			cmd = strings.ReplaceAll(cmd, u, "http://"+u[len("https://"):])
		}
		script := "curl() { " + curl + " --connect-to ::127.0.0.1:" + strconv.Itoa(port) + " -s -o /dev/null -m 5 \"$@\"; }\n" + cmd
		errc := make(chan error, 1)
		go func() {
			out, err := exec.Command(bash, "--norc", "--noprofile", "-c", script).CombinedOutput()
			if err != nil {
				err = fmt.Errorf("%v: %s", err, out)
			}
			errc <- err
		}()
		raw, err := acceptOneRequest(ln)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			<-errc
			continue
		}
		if err := <-errc; err != nil {
			t.Errorf("%s: curl: %v", tc.name, err)
			continue
		}
		sent, err := parseHTTPText(string(raw), "curl")
		if err != nil || len(sent) != 1 {
			t.Errorf("%s: cannot read what curl sent (%v): %q", tc.name, err, raw)
			continue
		}
		compareWithSent(t, tc.name, want, sent[0])
	}
}

// compareWithSent checks a request read from a command against the one curl
// sent.
func compareWithSent(t *testing.T, name string, want, sent *Request) {
	t.Helper()
	if want.Method != sent.Method || want.Target != sent.Target || string(want.Body) != string(sent.Body) {
		t.Errorf("%s: reader has %s %s %q, curl sent %s %s %q", name, want.Method, want.Target, want.Body, sent.Method, sent.Target, sent.Body)
	}
	if want.Host != sent.Host && !strings.HasPrefix(sent.Host, "127.0.0.1") && !strings.EqualFold(want.Host, sent.Host) {
		t.Errorf("%s: reader has Host %q, curl sent %q", name, want.Host, sent.Host)
	}
	curlOwn := map[string]bool{"host": true, "content-length": true}
	have := map[string]bool{}
	for _, h := range want.Headers {
		have[strings.ToLower(h.Name)] = true
	}
	for _, n := range []string{"user-agent", "accept", "accept-encoding"} {
		if !have[n] {
			curlOwn[n] = true // curl's default, or added by --compressed
		}
	}
	var sentHeaders, wantHeaders []string
	for _, h := range sent.Headers {
		if !curlOwn[strings.ToLower(h.Name)] {
			sentHeaders = append(sentHeaders, h.Name+": "+h.Value)
		}
	}
	for _, h := range want.Headers {
		if !strings.EqualFold(h.Name, "Host") {
			wantHeaders = append(wantHeaders, h.Name+": "+h.Value)
		}
	}
	slices.Sort(sentHeaders)
	slices.Sort(wantHeaders)
	if !slices.Equal(sentHeaders, wantHeaders) {
		t.Errorf("%s: headers differ\nreader: %q\ncurl:   %q", name, wantHeaders, sentHeaders)
	}
}

// acceptOneRequest accepts a connection, reads one request (headers and a
// Content-Length body) and answers 200.
func acceptOneRequest(ln net.Listener) ([]byte, error) {
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(10 * time.Second))
	c, err := ln.Accept()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	var buf []byte
	tmp := make([]byte, 4096)
	for {
		n, err := c.Read(tmp)
		buf = append(buf, tmp[:n]...)
		if i := bytes.Index(buf, []byte("\r\n\r\n")); i >= 0 {
			head := strings.ToLower(string(buf[:i]))
			need := 0
			if k := strings.Index(head, "\r\ncontent-length:"); k >= 0 {
				v := strings.TrimSpace(strings.SplitN(head[k+len("\r\ncontent-length:"):], "\r\n", 2)[0])
				need, _ = strconv.Atoi(v)
			}
			if len(buf)-(i+4) >= need {
				break
			}
		}
		if err != nil {
			return buf, err
		}
	}
	_, err = c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
	return buf, err
}

func TestReadCurlErrors(t *testing.T) {
	tests := []struct {
		name, reason, cmd string
		want              []string
		line, col         int
	}{
		{"no-url", "a command without URL", "curl -H 'a: b'", []string{"the curl command has no URL at line 1 column 1"}, 1, 1},
		{"two-urls", "two URLs", "curl https://a/ https://b/", []string{`second URL "https://b/"`}, 1, 17},
		{"two-urls-unknown", "two URLs after an unknown option: its argument may be the second", "curl --frob value https://a/", []string{`second URL "https://a/"`, "the unknown option --frob may take an argument"}, 1, 19},
		{"data-file", "-d @file is not read", "curl https://a/ -d @body.txt", []string{`-d reads the body from the file "body.txt"`, "paste the content"}, 1, 20},
		{"data-binary-file", "--data-binary @file", "curl https://a/ --data-binary @-", []string{`--data-binary reads the body from the file "-"`}, 1, 31},
		{"urlencode-file", "--data-urlencode name@file", "curl https://a/ --data-urlencode a@f.txt", []string{`reads the content from the file "f.txt"`}, 1, 34},
		{"header-file", "-H @file", "curl https://a/ -H @headers.txt", []string{`-H reads headers from the file "headers.txt"`}, 1, 20},
		{"config", "-K reads options from a file", "curl -K opts.txt https://a/", []string{"reads options from the file"}, 1, 9},
		{"next", "--next starts a second transfer", "curl https://a/ --next https://b/", []string{"second transfer"}, 1, 1},
		{"needs-arg", "an option without its value at the end", "curl https://a/ -H", []string{"option -H needs an argument"}, 1, 17},
		{"needs-arg-long", "a long option without its value", "curl https://a/ --data", []string{"option --data needs an argument"}, 1, 17},
		{"equals", "curl has no --name=value form", "curl https://a/ --data=x", []string{"curl does not accept --data=value"}, 1, 17},
		{"no-prefix", "--no- on an option that takes a value", "curl https://a/ --no-header x", []string{"--no- cannot be used with --header"}, 1, 17},
		{"bad-method", "-X with a space", "curl https://a/ -X 'GE T'", []string{`invalid method "GE T" for -X`}, 1, 20},
		{"bad-header", "a header name with a space", "curl https://a/ -H 'X A: b'", []string{`invalid header name "X A"`}, 1, 20},
		{"head-data", "-I with -d", "curl -I https://a/ -d x", []string{"-I/--head cannot send data"}, 1, 23},
		{"relative", "a relative URL", "curl /1.0/user", []string{`relative URL "/1.0/user"`}, 1, 6},
		{"other-scheme", "an ftp URL", "curl 'ftp://a/b'", []string{`scheme "ftp" is not http or https`}, 1, 6},
		{"space-in-url", "curl refuses a space in a URL", "curl 'https://a/b c'", []string{"space in the URL at line 1 column 6"}, 1, 6},
		{"bad-host", "a malformed host", "curl 'https://a b/'", []string{"space in the URL"}, 1, 6},
		{"bad-port", "a port that is not a number", "curl https://a:8x/", []string{`invalid port "8x"`}, 1, 6},
		{"no-command", "no curl at all", "wget https://a/", []string{`no curl command in the input (found "wget" at line 1)`}, 0, 0},
		{"empty", "empty input", "   ", []string{"no curl command in the input"}, 0, 0},
		{"several", "ReadCurl reads one command", "curl https://a/\ncurl https://b/", []string{"holds 2 curl commands (at lines 1, 2)"}, 0, 0},
		{"unterminated-line", "unterminated quote, position on line 3", "curl \\\n  -H 'a: b' \\\n  --data-raw 'x=1", []string{"unterminated single quote starting at line 3 column 14", "paste the command exactly"}, 3, 14},
		{"variable", "shell variable", "curl -H \"Authorization: OAuth $SIG\" https://a/", []string{`shell expansion "$SIG" at line 1 column 31`}, 1, 31},
		{"cmd-unterminated", "cmd quote never closed", "curl ^\"https://a/", []string{"unterminated double quote starting at line 1 column 6"}, 1, 6},
		{"nul", "a NUL byte", "curl 'https://a/'\x00", []string{"binary data (NUL byte) at line 1 column 18"}, 1, 18},
		{"query-space", "-G data with a space makes a URL curl rejects", "curl -G https://a/ -d 'q=a b'", []string{"space in the URL (in the query built from -G data or --url-query) at line 1 column 23"}, 1, 23},
		{"url-query-space", "--url-query does not encode the name", "curl https://a/ --url-query 'a b=c'", []string{"space in the URL (in the query built"}, 1, 29},
		{"bad-utf8", "invalid UTF-8", "curl -H 'a: \xff'", []string{"invalid UTF-8 byte 0xFF at line 1 column 13"}, 1, 13},
	}
	for _, tc := range tests {
		_, err := ReadCurl(tc.cmd, "request.curl")
		if err == nil {
			t.Errorf("%s: no error (%s)", tc.name, tc.reason)
			continue
		}
		if !strings.HasPrefix(err.Error(), `inspect: read curl command "request.curl": `) {
			t.Errorf("%s: %q does not name the input", tc.name, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not contain %q (%s)", tc.name, err, w, tc.reason)
			}
		}
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Fatalf("%s: %T is not an *InputError", tc.name, err)
		}
		if ie.Line != tc.line || ie.Column != tc.col {
			t.Errorf("%s: position %d:%d, want %d:%d", tc.name, ie.Line, ie.Column, tc.line, tc.col)
		}
		if ie.Hint == "" {
			t.Errorf("%s: no hint", tc.name)
		}
	}
}

func TestFormEncode(t *testing.T) {
	// curl_easy_escape keeps ALPHA DIGIT - . _ ~ and escapes the rest with
	// upper-case hex; --data-urlencode then writes %20 as +.
	var all []byte
	for c := 0; c < 256; c++ {
		all = append(all, byte(c))
	}
	got := string(basestring.AppendEncodePlusForSpace(nil, string(all)))
	var want strings.Builder
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~':
			want.WriteByte(byte(c))
		case c == ' ':
			want.WriteByte('+')
		default:
			fmt.Fprintf(&want, "%%%02X", c)
		}
	}
	if got != want.String() {
		t.Errorf("AppendEncodePlusForSpace(all bytes) =\n%s\nwant\n%s", got, want.String())
	}
}

func TestRemoveDotSegments(t *testing.T) {
	// RFC 3986 §5.2.4 and §5.4 examples, on absolute paths.
	tests := []struct{ in, want string }{
		{"", ""}, {"/", "/"}, {"/a/b/c/./../../g", "/a/g"}, {"/mid/content=5/../6", "/mid/6"},
		{"/a/..", "/"}, {"/a/.", "/a/"}, {"/../a", "/a"}, {"/1.0/user", "/1.0/user"}, {"/.well-known/x", "/.well-known/x"},
		{"/a//../b", "/a/b"}, {"/a/b/..", "/a/"},
	}
	for _, tc := range tests {
		if got := removeDotSegments(tc.in); got != tc.want {
			t.Errorf("removeDotSegments(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzReadCurl(f *testing.F) {
	for _, tc := range bashLexCases {
		f.Add(tc.in)
	}
	for _, tc := range curlCases {
		f.Add(tc.cmd)
	}
	files, _ := filepath.Glob(filepath.Join(capturesDir, "curl-*.curl"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("curl ^\"a^\" ^\r\n  -H ^\"b^\" &\r\ncurl x")
	f.Fuzz(func(t *testing.T, cmd string) {
		reqs, err := readCurlCommands(cmd, "fuzz")
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Op != opCurl || ie.Name != "fuzz" {
				t.Fatalf("error %v is not an InputError naming the input", err)
			}
			if ie.Line < 0 || ie.Line > strings.Count(cmd, "\n")+1 || ie.Column < 0 {
				t.Fatalf("position %d:%d outside the input", ie.Line, ie.Column)
			}
			return
		}
		if len(reqs) == 0 {
			t.Fatal("no requests and no error")
		}
		for _, r := range reqs {
			if !isHTTPToken(r.Method) {
				t.Fatalf("method %q is not a token", r.Method)
			}
			if _, p := parseAbsURL(r.URL); p != nil {
				t.Fatalf("URL %q does not parse: %v", r.URL, p)
			}
			if r.Target == "" || r.Host == "" || r.Format != FormatCurl || r.Origin.Entry != -1 {
				t.Fatalf("incomplete request %+v", r)
			}
			if r.SchemeKnown != (r.Scheme != "") {
				t.Fatalf("Scheme %q with SchemeKnown %v", r.Scheme, r.SchemeKnown)
			}
		}
	})
}
