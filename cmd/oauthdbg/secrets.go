package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/compare"
	"github.com/spf13/pflag"
)

// The environment variables secrets are read from when no flag gives them.
const (
	envConsumerSecret = "OAUTH_CONSUMER_SECRET"
	envTokenSecret    = "OAUTH_TOKEN_SECRET"
)

// secretFlags are the secret flags check and sign share.
type secretFlags struct {
	consumerSecret string
	tokenSecret    string
	file           string
	show           bool
}

func (f *secretFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.consumerSecret, "consumer-secret", "", "")
	fs.StringVar(&f.tokenSecret, "token-secret", "", "")
	fs.StringVar(&f.file, "secrets", "", "")
	fs.BoolVar(&f.show, "show-secrets", false, "")
}

// loadSecrets gathers the secrets of a run: --secrets FILE for per-key
// secrets, then --consumer-secret/--token-secret, or OAUTH_CONSUMER_SECRET
// and OAUTH_TOKEN_SECRET when those flags are not given. Unless
// --show-secrets, every secret is redacted from all output from then on.
func (c *cli) loadSecrets(fs *pflag.FlagSet, f *secretFlags) (compare.Secrets, error) {
	var s compare.Secrets
	if f.file != "" {
		data, err := c.readFile(f.file)
		if err != nil {
			if describeNonPath(f.file) != "" {
				return s, pathArgError("--secrets", "secrets file", f.file, err)
			}
			return s, usageErr(pathArgError("--secrets", "secrets file", f.file, err).Error(),
				`a secrets file is JSON: {"consumer_secrets": {"KEY": "SECRET"}, "token_secrets": {"TOKEN": "SECRET"}}`)
		}
		s, err = compare.ParseSecretsFile(data, f.file)
		if err != nil {
			return s, usageErr(err.Error(),
				`a secrets file is JSON: {"consumer_secrets": {"KEY": "SECRET"}, "token_secrets": {"TOKEN": "SECRET"}, "rsa_public_keys": {"KEY": "PEM"}}`)
		}
	}
	if fs.Changed("consumer-secret") {
		s.ConsumerSecret, s.HasConsumerSecret = f.consumerSecret, true
	} else if v, ok := c.lookupEnv(envConsumerSecret); ok {
		s.ConsumerSecret, s.HasConsumerSecret = v, true
	}
	if fs.Changed("token-secret") {
		s.TokenSecret, s.HasTokenSecret = f.tokenSecret, true
	} else if v, ok := c.lookupEnv(envTokenSecret); ok {
		s.TokenSecret, s.HasTokenSecret = v, true
	}
	if f.show {
		c.redact = func(s string) string { return s }
	} else {
		// The secrets themselves are searched for in every form; the
		// early values (which may not be secrets at all, such as the
		// argument a mistyped flag swallowed) only as whole arguments.
		full, early := newRedactor(secretValues(s)), newEarlyScrubber(c.early)
		c.redact = func(s string) string { return early(full(s)) }
	}
	return s, nil
}

// earlySecrets returns the values given to the secret flags in args, the
// secrets of a --secrets file and those of the environment, read without
// parsing the flags.
func earlySecrets(args []string, lookupEnv func(string) (string, bool), readFile func(string) ([]byte, error)) []string {
	var vals []string
	for _, k := range []string{envConsumerSecret, envTokenSecret} {
		if v, ok := lookupEnv(k); ok {
			vals = append(vals, v)
		}
	}
	for i, a := range args {
		for _, name := range []string{"--consumer-secret", "--token-secret"} {
			switch {
			case a == name && i+1 < len(args):
				vals = append(vals, args[i+1])
			case strings.HasPrefix(a, name+"="):
				vals = append(vals, a[len(name)+1:])
			}
		}
		file := ""
		switch {
		case a == "--secrets" && i+1 < len(args):
			file = args[i+1]
		case strings.HasPrefix(a, "--secrets="):
			file = a[len("--secrets="):]
		}
		if file == "" {
			continue
		}
		if data, err := readFile(file); err == nil {
			if s, err := compare.ParseSecretsFile(data, file); err == nil {
				vals = append(vals, secretValues(s)...)
			}
		}
	}
	return vals
}

// secretValues lists every secret string of s.
func secretValues(s compare.Secrets) []string {
	vals := []string{s.ConsumerSecret, s.TokenSecret}
	for _, v := range s.ConsumerSecrets {
		vals = append(vals, v)
	}
	for _, v := range s.TokenSecrets {
		vals = append(vals, v)
	}
	return vals
}

// consumerSecretFor returns the consumer secret for a consumer key: its
// entry in the secrets file, else the secret given by flag or environment.
func consumerSecretFor(s compare.Secrets, key string) (string, bool) {
	if v, ok := s.ConsumerSecrets[key]; ok {
		return v, true
	}
	return s.ConsumerSecret, s.HasConsumerSecret || s.ConsumerSecret != ""
}

// tokenSecretFor returns the token secret for a token, likewise.
func tokenSecretFor(s compare.Secrets, token string) (string, bool) {
	if v, ok := s.TokenSecrets[token]; ok {
		return v, true
	}
	return s.TokenSecret, s.HasTokenSecret || s.TokenSecret != ""
}

// shortSecret is the length under which a secret is redacted only where it
// stands alone: a two-letter test secret would otherwise be cut out of every
// word that holds those letters.
const shortSecret = 8

// redactForm is one text to hide and what replaces it.
type redactForm struct {
	text, with string
	bounded    bool // only where not next to a letter or digit
}

// newRedactor returns a function that replaces every secret, in every form
// it can take in oauthdbg's output (as is, percent-encoded once or twice,
// form-encoded, lower-case hex, JSON-escaped), by "[redacted N chars]".
func newRedactor(secrets []string) func(string) string {
	var forms []redactForm
	seen := map[string]bool{}
	for _, v := range secrets {
		if v == "" {
			continue
		}
		n := utf8.RuneCountInString(v)
		with := fmt.Sprintf("[redacted %d chars]", n)
		enc := basestring.Encode(v)
		for _, f := range []string{v, enc, basestring.Encode(enc), url.QueryEscape(v),
			string(basestring.AppendEncodeLowerHex(nil, v)), string(basestring.AppendEncodeJava(nil, v))} {
			for _, g := range []string{f, jsonEscape(f), jsonEscapeHTML(f)} {
				if !seen[g] {
					seen[g] = true
					forms = append(forms, redactForm{g, with, n < shortSecret})
				}
			}
		}
	}
	// Longest first, so that a secret holding another is hidden whole.
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].text) > len(forms[j].text) })
	return func(s string) string {
		for _, f := range forms {
			s = f.replace(s)
		}
		return s
	}
}

// replace hides every occurrence of the form in s. A short form is hidden
// only where it stands alone (or after a percent escape), and never inside
// a placeholder already written.
func (f redactForm) replace(s string) string {
	if !strings.Contains(s, f.text) {
		return s
	}
	if !f.bounded {
		return strings.ReplaceAll(s, f.text, f.with)
	}
	return replaceWhere(s, f.text, f.with, func(i, end int) bool {
		return (i == 0 || !isAlnum(s[i-1]) || afterEscape(s, i)) && (end == len(s) || !isAlnum(s[end]))
	})
}

// replaceWhere replaces each occurrence s[i:end] of old for which ok holds
// and which is not inside a "[redacted N chars]" placeholder.
func replaceWhere(s, old, with string, ok func(i, end int) bool) string {
	var b strings.Builder
	last := 0
	for from := 0; from <= len(s); {
		k := strings.Index(s[from:], old)
		if k < 0 {
			break
		}
		i := from + k
		end := i + len(old)
		if ok(i, end) && !inPlaceholder(s, i) {
			b.WriteString(s[last:i])
			b.WriteString(with)
			last, from = end, end
			continue
		}
		from = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// inPlaceholder says s[i] is inside a "[redacted N chars]" placeholder.
func inPlaceholder(s string, i int) bool {
	p := strings.LastIndex(s[:i], "[redacted ")
	return p >= 0 && !strings.Contains(s[p:i], "]")
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// jsonEscape returns s as it appears inside a JSON string written by
// encoding/json with HTML escaping off.
func jsonEscape(s string) string { return jsonString(s, false) }

// jsonEscapeHTML returns s as json.Marshal writes it inside a string, with
// <, > and & escaped.
func jsonEscapeHTML(s string) string { return jsonString(s, true) }

func jsonString(s string, html bool) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	_ = enc.Encode(s)
	out := strings.TrimSuffix(b.String(), "\n")
	return out[1 : len(out)-1]
}

// afterEscape says s[:i] ends with a percent escape such as "%26".
func afterEscape(s string, i int) bool {
	return i >= 3 && s[i-3] == '%' && isHex(s[i-2]) && isHex(s[i-1])
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
