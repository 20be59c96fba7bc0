package main

import (
	"strings"

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
// and OAUTH_TOKEN_SECRET when those flags are not given. --show-secrets
// sets c.show: the renderers then show the fields that hold secrets.
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
		s.ConsumerSecret, s.HasConsumerSecret = compare.NewSecret(f.consumerSecret), true
	} else if v, ok := c.lookupEnv(envConsumerSecret); ok {
		s.ConsumerSecret, s.HasConsumerSecret = compare.NewSecret(v), true
	}
	if fs.Changed("token-secret") {
		s.TokenSecret, s.HasTokenSecret = compare.NewSecret(f.tokenSecret), true
	} else if v, ok := c.lookupEnv(envTokenSecret); ok {
		s.TokenSecret, s.HasTokenSecret = compare.NewSecret(v), true
	}
	c.show = f.show
	if f.show {
		c.redact = func(s string) string { return s }
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
	vals := []string{s.ConsumerSecret.Reveal(), s.TokenSecret.Reveal()}
	for _, v := range s.ConsumerSecrets {
		vals = append(vals, v.Reveal())
	}
	for _, v := range s.TokenSecrets {
		vals = append(vals, v.Reveal())
	}
	return vals
}

// consumerSecretFor returns the consumer secret for a consumer key: its
// entry in the secrets file, else the secret given by flag or environment.
func consumerSecretFor(s compare.Secrets, key string) (string, bool) {
	if v, ok := s.ConsumerSecrets[key]; ok {
		return v.Reveal(), true
	}
	return s.ConsumerSecret.Reveal(), s.HasConsumerSecret || !s.ConsumerSecret.IsEmpty()
}

// tokenSecretFor returns the token secret for a token, likewise.
func tokenSecretFor(s compare.Secrets, token string) (string, bool) {
	if v, ok := s.TokenSecrets[token]; ok {
		return v.Reveal(), true
	}
	return s.TokenSecret.Reveal(), s.HasTokenSecret || !s.TokenSecret.IsEmpty()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
