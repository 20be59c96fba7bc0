package compare

import (
	"encoding/json"
	"slices"

	"github.com/oauthdbg/oauthdbg/basestring"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// SchemaVersion is the version of the JSON form of Report. It changes when
// a field is renamed or removed or changes meaning; new fields may be added
// within a version.
const SchemaVersion = 1

// Report is the outcome of checking one request: whether its signature is
// valid, and when it is not, the client mistakes that reproduce it. The
// command line renders it as text, markdown and JSON; the JSON field names
// are given with each field.
//
// A Report never holds a secret value: readings name where a secret came
// from, not the secret, and a PLAINTEXT signature (which is the secrets) is
// shown redacted.
type Report struct {
	// SchemaVersion is SchemaVersion. JSON "schema_version".
	SchemaVersion int `json:"schema_version"`
	// Entry is the 0-based index of the HAR entry, or nil for other input.
	// JSON "entry", omitted when nil.
	Entry *int `json:"entry,omitempty"`
	// Origin says where the request was found (inspect Origin.String()).
	// JSON "origin".
	Origin string `json:"origin"`
	// Method is the request method as captured. JSON "method".
	Method string `json:"method"`
	// URL is the URL the correct base string was built from, under Reading.
	// JSON "url".
	URL string `json:"url"`
	// Valid is true when the supplied signature verifies under some reading.
	// JSON "valid".
	Valid bool `json:"valid"`
	// Unchecked says why the signature could not be checked (no secret was
	// given, no RSA public key, an unknown signature method); "" when it was
	// checked. Valid is false then, and nothing is claimed about the
	// signature. JSON "unchecked", omitted when empty.
	Unchecked string `json:"unchecked,omitempty"`
	// SignatureMethod is the request's oauth_signature_method. JSON
	// "signature_method".
	SignatureMethod string `json:"signature_method"`
	// BaseString is the correct (RFC 5849) signature base string under
	// Reading. JSON "base_string".
	BaseString string `json:"base_string"`
	// Reading says which reading of the request verified, or was used: the
	// scheme and where each secret came from. JSON "reading".
	Reading Reading `json:"reading"`
	// Signature is the supplied and the expected signature. JSON "signature".
	Signature SignaturePair `json:"signature"`
	// Cause is the best explanation, or nil. JSON "cause", null when nil.
	Cause *Explanation `json:"cause"`
	// Explanations are every mistake or pair of mistakes that reproduces the
	// supplied signature byte for byte, best first; Cause is the first.
	// JSON "explanations", [] when none.
	Explanations []Explanation `json:"explanations"`
	// Unexplained is, when the signature is invalid and no known mistake
	// reproduces it, a plain sentence saying so. JSON "unexplained",
	// omitted when empty.
	Unexplained string `json:"unexplained,omitempty"`
	// Diff is the character diff of the correct base string (A) against
	// another (B): the client's from Options.ClientBaseString, or the cause's,
	// or the one the server put in its error response. JSON "diff", omitted
	// when nil.
	Diff *BaseStringDiff `json:"diff,omitempty"`
	// DiffAgainst names the other base string of Diff: "client", "cause" or
	// "server". JSON "diff_against", omitted when empty.
	DiffAgainst string `json:"diff_against,omitempty"`
	// Hints are the catalogue mistakes that the diff against the client's or
	// the server's base string shows. They are plausible, not proven: only
	// Explanations are proven. JSON "hints", omitted when empty.
	Hints []DiffHint `json:"hints,omitempty"`
	// ServerBaseString is the base string (and signature) the server put in
	// its error response, when the capture has one. JSON
	// "server_base_string", omitted when nil.
	ServerBaseString *ServerBaseString `json:"server_base_string,omitempty"`
	// Published is set when the supplied signature is one printed in
	// documentation (copied rather than computed). JSON "published",
	// omitted when nil.
	Published *PublishedSignature `json:"published,omitempty"`
	// Findings are what the protocol lint found. JSON "findings", [] when
	// none.
	Findings []inspect.Finding `json:"findings"`
	// Steps are the steps that built BaseString. JSON "steps".
	Steps []basestring.Step `json:"steps"`
	// Params are the signed parameters of BaseString, in the order
	// collected. JSON "params": objects with "name", "value", "source",
	// "raw", "encoded_name", "encoded_value" and "position".
	Params []basestring.TracedParam `json:"-"`
	// Stats says how much the search tried. JSON "search", omitted when no
	// search ran.
	Stats *SearchStats `json:"search,omitempty"`
}

// Reading is one way of reading a capture that leaves something open: the
// scheme of a raw request, which of several secrets applies. It names where
// each secret came from, never the secret.
type Reading struct {
	// Scheme is the scheme of the base string URI. JSON "scheme".
	Scheme string `json:"scheme"`
	// SchemeSource says where the scheme came from: "capture", "server url"
	// or "assumed" (the capture does not say; each scheme was tried). JSON
	// "scheme_source".
	SchemeSource string `json:"scheme_source"`
	// ConsumerKey is the request's oauth_consumer_key. JSON "consumer_key".
	ConsumerKey string `json:"consumer_key"`
	// ConsumerSecretSource says which secret was used, e.g.
	// `consumer_secrets["key"]` or "consumer_secret"; "" when none was
	// given. JSON "consumer_secret_source".
	ConsumerSecretSource string `json:"consumer_secret_source"`
	// Token is the request's oauth_token, "" when it has none. JSON "token".
	Token string `json:"token,omitempty"`
	// TokenSecretSource says which token secret was used, e.g.
	// `token_secrets["tok"]`, "token_secret" or "empty (the request has no
	// oauth_token)"; "" when none was given. JSON "token_secret_source".
	TokenSecretSource string `json:"token_secret_source"`
	// PublicKeySource says which RSA public key verified an RSA signature.
	// JSON "public_key_source", omitted when empty.
	PublicKeySource string `json:"public_key_source,omitempty"`
	// Tried is how many readings were tried. JSON "tried".
	Tried int `json:"tried"`
}

// SignaturePair is the signature the client sent and the one a correct
// client would have sent.
type SignaturePair struct {
	// Supplied is oauth_signature as received, decoded. JSON "supplied".
	Supplied string `json:"supplied"`
	// Expected is the correct signature; "" when it cannot be computed (an
	// RSA signature without the private key, or no secret). JSON "expected".
	Expected string `json:"expected"`
}

// Explanation is a mistake, or a combination of mistakes, whose replay
// reproduces the supplied signature byte for byte (or, with Proof "client
// base string", the client's base string): a proof, not a guess.
type Explanation struct {
	// IDs are the catalogue ids of the mistakes, one for a single mistake,
	// more for a combination. JSON "ids".
	IDs []string `json:"ids"`
	// Parts name, for each id, the part of the request the mistake concerns
	// (a parameter name, "host api.internal:8080"); "" when it names none.
	// JSON "parts".
	Parts []string `json:"parts"`
	// Title is the mistakes' titles. JSON "title".
	Title string `json:"title"`
	// Detail says concretely what the client did to this request. JSON
	// "detail".
	Detail string `json:"detail"`
	// Fix says what to change. JSON "fix".
	Fix string `json:"fix"`
	// BaseString is the base string the mistaken client signed. JSON
	// "base_string".
	BaseString string `json:"base_string"`
	// Equivalent are other mistakes (ids joined by "+") that reproduce the
	// same base string and key on this request, so the request cannot tell
	// them apart. JSON "equivalent", omitted when empty.
	Equivalent []string `json:"equivalent,omitempty"`
	// Scheme is, when the capture does not say which scheme the server saw,
	// the scheme assumed for the server in this explanation. JSON "scheme",
	// omitted when empty.
	Scheme string `json:"scheme,omitempty"`
	// Proof is what was reproduced: "signature", or "client base string"
	// when no secret was given and the client's base string matched. JSON
	// "proof".
	Proof string `json:"proof"`
}

// SearchStats says how much the search for explanations tried.
type SearchStats struct {
	// BaseStrings is the number of base strings built. JSON "base_strings".
	BaseStrings int `json:"base_strings"`
	// Distinct is the number of distinct base strings among them. JSON
	// "distinct".
	Distinct int `json:"distinct"`
	// Signatures is the number of signatures computed and compared. JSON
	// "signatures".
	Signatures int `json:"signatures"`
	// Truncated is true when the pairs were not all tried (a request with
	// very many parameters). JSON "truncated", omitted when false.
	Truncated bool `json:"truncated,omitempty"`
}

// jsonParam is the JSON form of a basestring.TracedParam.
type jsonParam struct {
	Name         string `json:"name"`
	Value        string `json:"value"`
	Source       string `json:"source"`
	Raw          string `json:"raw"`
	EncodedName  string `json:"encoded_name"`
	EncodedValue string `json:"encoded_value"`
	Position     int    `json:"position"`
}

// MarshalJSON writes the report with snake_case names throughout and empty
// lists as [] rather than null.
func (r Report) MarshalJSON() ([]byte, error) {
	type plain Report
	c := plain(r)
	if c.Explanations == nil {
		c.Explanations = []Explanation{}
	}
	if c.Findings == nil {
		c.Findings = []inspect.Finding{}
	}
	if c.Steps == nil {
		c.Steps = []basestring.Step{}
	}
	c.Explanations = slices.Clone(c.Explanations)
	for i := range c.Explanations {
		if c.Explanations[i].Parts == nil {
			c.Explanations[i].Parts = []string{}
		}
	}
	out := struct {
		plain
		Params []jsonParam `json:"params"`
	}{plain: c, Params: make([]jsonParam, len(r.Params))}
	for i, p := range r.Params {
		out.Params[i] = jsonParam{p.Name, p.Value, string(p.Source), p.Raw, p.EncodedName, p.EncodedValue, p.Position}
	}
	return json.Marshal(out)
}
