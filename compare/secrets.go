package compare

import (
	"bytes"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/oauthdbg/oauthdbg/basestring"
)

// Secrets are the secrets a request is checked with. A secret is chosen by
// the request's own oauth_consumer_key and oauth_token: the entry of the map
// first, then the single value. Every secret is a Secret, so that printing
// Secrets in any way (fmt with any verb, JSON, a log) shows placeholders,
// never a secret; Reveal gives the value for signing.
type Secrets struct {
	// ConsumerSecret is used for any consumer key without an entry in
	// ConsumerSecrets (empty = not given, unless HasConsumerSecret).
	ConsumerSecret Secret
	// HasConsumerSecret says ConsumerSecret was given even though it is
	// empty (an empty consumer secret is a valid value).
	HasConsumerSecret bool
	// TokenSecret is used for any token without an entry in TokenSecrets.
	TokenSecret Secret
	// HasTokenSecret says TokenSecret was given (an empty token secret is a
	// valid value).
	HasTokenSecret bool
	// ConsumerSecrets are secrets by oauth_consumer_key (secrets file
	// "consumer_secrets").
	ConsumerSecrets map[string]Secret
	// TokenSecrets are secrets by oauth_token (secrets file "token_secrets").
	TokenSecrets map[string]Secret
	// CaptureTokenSecrets are token secrets the capture itself holds, by
	// oauth_token: the oauth_token_secret of a request_token or
	// access_token response in a HAR. They are tried after the secrets
	// given, each named by its source ("the response of entry #0").
	CaptureTokenSecrets map[string]CaptureSecret
	// RSAPublicKeys verify RSA signatures by oauth_consumer_key (secrets file
	// "rsa_public_keys").
	RSAPublicKeys map[string]*rsa.PublicKey
	// PublicKey verifies RSA signatures of any consumer key without an entry
	// in RSAPublicKeys.
	PublicKey *rsa.PublicKey
}

// CaptureSecret is a token secret read from the capture, with where.
type CaptureSecret struct {
	// Secret is the token secret.
	Secret Secret
	// Source says where it was read, e.g. "the response of entry #0".
	Source string
}

// secretsFile is the JSON form of a secrets file.
type secretsFile struct {
	ConsumerSecret  *string           `json:"consumer_secret"`
	TokenSecret     *string           `json:"token_secret"`
	ConsumerSecrets map[string]string `json:"consumer_secrets"`
	TokenSecrets    map[string]string `json:"token_secrets"`
	RSAPublicKey    string            `json:"rsa_public_key"`
	RSAPublicKeys   map[string]string `json:"rsa_public_keys"`
}

// A secretsError is a secrets file that cannot be read.
type secretsError struct {
	// Name is the file's name.
	Name string
	// Line and Column locate the problem (1-based), or are 0 when it has no
	// position.
	Line, Column int
	// Err is the cause.
	Err error
}

// Error names the file, the position and the cause.
func (e *secretsError) Error() string {
	pos := ""
	if e.Line > 0 {
		pos = ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column)
	}
	return fmt.Sprintf("compare: parse secrets file %q%s: %v", e.Name, pos, e.Err)
}

// Unwrap returns the cause.
func (e *secretsError) Unwrap() error { return e.Err }

// ParseSecretsFile reads a secrets file: a JSON object with any of
// "consumer_secret" and "token_secret" (strings), "consumer_secrets" and
// "token_secrets" (objects from consumer key or token to secret),
// "rsa_public_key" (a PEM public key or certificate) and "rsa_public_keys"
// (an object from consumer key to PEM). name is the file's name for messages.
// An unknown field is an error, so that a misspelt name does not silently
// leave a secret out.
//
// A UTF-8 byte order mark at the start of the file, as Windows editors
// write, is ignored.
func ParseSecretsFile(data []byte, name string) (Secrets, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var f secretsFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return Secrets{}, secretsJSONError(data, name, err)
	}
	if dec.More() {
		line, col := lineCol(data, int(dec.InputOffset()))
		return Secrets{}, &secretsError{Name: name, Line: line, Column: col, Err: errors.New("text after the JSON object; a secrets file holds one object")}
	}
	var s Secrets
	if f.ConsumerSecret != nil {
		s.ConsumerSecret, s.HasConsumerSecret = NewSecret(*f.ConsumerSecret), true
	}
	if f.TokenSecret != nil {
		s.TokenSecret, s.HasTokenSecret = NewSecret(*f.TokenSecret), true
	}
	s.ConsumerSecrets = secretMap(f.ConsumerSecrets)
	s.TokenSecrets = secretMap(f.TokenSecrets)
	if f.RSAPublicKey != "" {
		k, err := basestring.ParsePublicKey([]byte(f.RSAPublicKey))
		if err != nil {
			return Secrets{}, &secretsError{Name: name, Err: fmt.Errorf("rsa_public_key: %w", err)}
		}
		s.PublicKey = k
	}
	if len(f.RSAPublicKeys) > 0 {
		s.RSAPublicKeys = make(map[string]*rsa.PublicKey, len(f.RSAPublicKeys))
		keys := make([]string, 0, len(f.RSAPublicKeys))
		for k := range f.RSAPublicKeys {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			pk, err := basestring.ParsePublicKey([]byte(f.RSAPublicKeys[k]))
			if err != nil {
				return Secrets{}, &secretsError{Name: name, Err: fmt.Errorf("rsa_public_keys[%q]: %w", k, err)}
			}
			s.RSAPublicKeys[k] = pk
		}
	}
	return s, nil
}

// secretsJSONError turns a JSON decoding error into a secretsError with a
// line and column and a hint.
func secretsJSONError(data []byte, name string, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, int(syn.Offset)-1) // Offset is just after the offending byte
		return &secretsError{Name: name, Line: line, Column: col, Err: fmt.Errorf("%v; want a JSON object such as {\"consumer_secrets\": {\"key\": \"secret\"}}", syn)}
	case errors.As(err, &typ):
		line, col := lineCol(data, int(typ.Offset))
		return &secretsError{Name: name, Line: line, Column: col, Err: fmt.Errorf("field %q holds a JSON %s; want %s", typ.Field, typ.Value, jsonKind(typ.Type.String()))}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return &secretsError{Name: name, Err: fmt.Errorf("unknown field %s; known fields are consumer_secret, token_secret, consumer_secrets, token_secrets, rsa_public_key, rsa_public_keys", field)}
	case errors.Is(err, io.EOF):
		return &secretsError{Name: name, Err: errors.New("empty file; want a JSON object such as {\"consumer_secret\": \"…\"}")}
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineCol(data, len(data))
		return &secretsError{Name: name, Line: line, Column: col, Err: errors.New("the JSON object is not closed")}
	}
	return &secretsError{Name: name, Err: err}
}

func jsonKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "map["):
		return "an object of strings"
	case strings.Contains(goType, "string"):
		return "a string"
	}
	return goType
}

// lineCol converts a byte offset into a 1-based line and column.
func lineCol(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	col = off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

// secretMap wraps every value of m as a Secret (nil for an empty map).
func secretMap(m map[string]string) map[string]Secret {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]Secret, len(m))
	for k, v := range m {
		out[k] = NewSecret(v)
	}
	return out
}

// secretChoice is one candidate secret with where it came from, for Reading.
type secretChoice struct {
	value  string
	source string
}

// consumerSecrets returns the candidate consumer secrets for a consumer key,
// in dst's room: the entry of ConsumerSecrets, then the single value when it
// differs.
func (s Secrets) consumerSecrets(dst []secretChoice, key string) []secretChoice {
	out := dst[:0]
	if v, ok := s.ConsumerSecrets[key]; ok {
		out = append(out, secretChoice{v.Reveal(), fmt.Sprintf("consumer_secrets[%q]", key)})
	}
	if !s.ConsumerSecret.IsEmpty() || s.HasConsumerSecret {
		if len(out) == 0 || out[0].value != s.ConsumerSecret.Reveal() {
			out = append(out, secretChoice{s.ConsumerSecret.Reveal(), "consumer_secret"})
		}
	}
	return out
}

// tokenSecrets returns the candidate token secrets for a token, in dst's
// room. A request without a token is signed with an empty token secret (RFC
// 5849 §3.4.2).
func (s Secrets) tokenSecrets(dst []secretChoice, token string, hasToken bool) []secretChoice {
	out := dst[:0]
	if !hasToken {
		return append(out, secretChoice{"", "empty (the request has no oauth_token)"})
	}
	if v, ok := s.TokenSecrets[token]; ok {
		out = append(out, secretChoice{v.Reveal(), fmt.Sprintf("token_secrets[%q]", token)})
	}
	if !s.TokenSecret.IsEmpty() || s.HasTokenSecret {
		if len(out) == 0 || out[0].value != s.TokenSecret.Reveal() {
			out = append(out, secretChoice{s.TokenSecret.Reveal(), "token_secret"})
		}
	}
	if c, ok := s.CaptureTokenSecrets[token]; ok && !slices.ContainsFunc(out, func(x secretChoice) bool { return x.value == c.Secret.Reveal() }) {
		out = append(out, secretChoice{c.Secret.Reveal(), "oauth_token_secret from " + c.Source})
	}
	return out
}

// publicKey returns the RSA public key for a consumer key and where it came from.
func (s Secrets) publicKey(key string) (*rsa.PublicKey, string) {
	if k, ok := s.RSAPublicKeys[key]; ok && k != nil {
		return k, fmt.Sprintf("rsa_public_keys[%q]", key)
	}
	if s.PublicKey != nil {
		return s.PublicKey, "public_key"
	}
	return nil, ""
}
