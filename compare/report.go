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
// command line renders it as text, markdown and JSON; the JSON names are
// the struct tags.
//
// Readings name where a secret came from, never the secret. A PLAINTEXT
// signature is the secrets: the fields that hold or quote it are shown
// through Display, which marks it from the structure of each field, and a
// Report marshals to JSON redacted.
type Report struct {
	// SchemaVersion is always SchemaVersion.
	SchemaVersion int `json:"schema_version"`
	// Entry is the 0-based index of the HAR entry, or nil for other input.
	Entry *int `json:"entry,omitempty"`
	// Origin says where the request was found (inspect Origin.String()).
	Origin string `json:"origin"`
	// Method is the request method as captured.
	Method string `json:"method"`
	// URL is the URL the correct base string was built from, under Reading.
	URL string `json:"url"`
	// Valid is true when the supplied signature verifies under some reading.
	Valid bool `json:"valid"`
	// Unchecked says why the signature could not be checked (no secret was
	// given, no RSA public key, an unknown signature method); "" when it was
	// checked. Valid is false then, and nothing is claimed about the signature.
	Unchecked string `json:"unchecked,omitempty"`
	// SignatureMethod is the request's oauth_signature_method.
	SignatureMethod string `json:"signature_method"`
	// BaseString is the correct (RFC 5849) signature base string under Reading.
	BaseString string `json:"base_string"`
	// Reading says which reading of the request verified, or was used: the
	// scheme and where each secret came from.
	Reading Reading `json:"reading"`
	// Signature is the supplied and the expected signature.
	Signature SignaturePair `json:"signature"`
	// Cause is the best explanation, or nil (JSON null).
	Cause *Explanation `json:"cause"`
	// Explanations are every mistake or pair of mistakes that reproduces the
	// supplied signature byte for byte, best first; Cause is the first. [] when
	// none.
	Explanations []Explanation `json:"explanations"`
	// Unexplained is, when the signature is invalid and no known mistake
	// reproduces it, a plain sentence saying so.
	Unexplained string `json:"unexplained,omitempty"`
	// Diff is the character diff of the correct base string (A) against another
	// (B): the client's from Options.ClientBaseString, or the cause's, or the
	// one the server put in its error response.
	Diff *BaseStringDiff `json:"diff,omitempty"`
	// DiffAgainst names the other base string of Diff: "client", "cause" or
	// "server".
	DiffAgainst string `json:"diff_against,omitempty"`
	// Hints are the catalogue mistakes that the diff against the client's or the
	// server's base string shows. They are plausible, not proven: only
	// Explanations are proven.
	Hints []DiffHint `json:"hints,omitempty"`
	// ProviderRule is set when the signature is valid only under a rule of
	// Options.Provider's own (a deviation from RFC 5849 the provider's
	// server follows): Valid is then true, and Cause names the rule's
	// catalogue mistake.
	ProviderRule *ProviderRule `json:"provider_rule,omitempty"`
	// ClientBase says whether the client's base string (Options.
	// ClientBaseString) gives the supplied signature with the secrets: when
	// it does, the client signed exactly that base string, the secrets are
	// right, and what its diff shows is proven.
	ClientBase *ClientBaseCheck `json:"client_base_string,omitempty"`
	// ServerBaseString is the base string (and signature) the server put in its
	// error response, when the capture has one.
	ServerBaseString *ServerBaseString `json:"server_base_string,omitempty"`
	// Published is set when the supplied signature is one printed in
	// documentation (copied rather than computed).
	Published *PublishedSignature `json:"published,omitempty"`
	// Findings are what the protocol lint found; [] when none.
	Findings []inspect.Finding `json:"findings"`
	// Steps are the steps that built BaseString.
	Steps []basestring.Step `json:"steps"`
	// Params are the signed parameters of BaseString, in the order collected. In
	// JSON, "params": objects with "name", "value", "source", "raw",
	// "encoded_name", "encoded_value" and "position".
	Params []basestring.TracedParam `json:"-"`
	// Stats says how much the search tried. Omitted when no search ran.
	Stats *SearchStats `json:"search,omitempty"`

	// secretForms are the forms the PLAINTEXT signature (the secrets) takes
	// in the request as captured: as sent in the header, query or body, and
	// decoded; secretChars is the length its placeholder states. Display
	// marks them in the texts that quote the request.
	secretForms []string
	secretChars int
	// shown is set on the copies Display makes: their texts are final.
	shown bool
}

// Reading is one way of reading a capture that leaves something open: the
// scheme of a raw request, which of several secrets applies. It names where
// each secret came from, never the secret.
type Reading struct {
	// Scheme is the scheme of the base string URI.
	Scheme string `json:"scheme"`
	// SchemeSource says where the scheme came from: "capture", "server url" or
	// "assumed" (the capture does not say; each scheme was tried).
	SchemeSource string `json:"scheme_source"`
	// ConsumerKey is the request's oauth_consumer_key.
	ConsumerKey string `json:"consumer_key"`
	// ConsumerSecretSource says which secret was used, e.g.
	// `consumer_secrets["key"]` or "consumer_secret"; "" when none was given.
	ConsumerSecretSource string `json:"consumer_secret_source"`
	// Token is the request's oauth_token, "" when it has none.
	Token string `json:"token,omitempty"`
	// TokenSecretSource says which token secret was used, e.g.
	// `token_secrets["tok"]`, "token_secret" or "empty (the request has no
	// oauth_token)"; "" when none was given.
	TokenSecretSource string `json:"token_secret_source"`
	// PublicKeySource says which RSA public key verified an RSA signature.
	PublicKeySource string `json:"public_key_source,omitempty"`
	// Tried is how many readings were tried.
	Tried int `json:"tried"`
}

// SignaturePair is the signature the client sent and the one a correct
// client would have sent.
type SignaturePair struct {
	// Supplied is oauth_signature as received, decoded.
	Supplied string `json:"supplied"`
	// Expected is the correct signature; "" when it cannot be computed (an RSA
	// signature without the private key, or no secret).
	Expected string `json:"expected"`
}

// Explanation is a mistake, or a combination of mistakes, whose replay
// reproduces the supplied signature byte for byte (or, with Proof "client
// base string", the client's base string): a proof, not a guess.
type Explanation struct {
	// IDs are the catalogue ids of the mistakes, one for a single mistake, more
	// for a combination.
	IDs []string `json:"ids"`
	// Parts name, for each id, the part of the request the mistake concerns (a
	// parameter name, "host api.internal:8080"); "" when it names none.
	Parts []string `json:"parts"`
	// Title is the mistakes' titles.
	Title string `json:"title"`
	// Detail says concretely what the client did to this request.
	Detail string `json:"detail"`
	// Fix says what to change.
	Fix string `json:"fix"`
	// BaseString is the base string the mistaken client signed.
	BaseString string `json:"base_string"`
	// Equivalent are other mistakes (ids joined by "+") that reproduce the same
	// base string and key on this request, so the request cannot tell them
	// apart.
	Equivalent []string `json:"equivalent,omitempty"`
	// Scheme is, when the capture does not say which scheme the server saw, the
	// scheme assumed for the server in this explanation.
	Scheme string `json:"scheme,omitempty"`
	// Proof is what was reproduced: "signature", or "client base string" when no
	// secret was given and the client's base string matched.
	Proof string `json:"proof"`
}

// ProviderRule is a provider's own rule that a valid signature follows.
type ProviderRule struct {
	// Provider is the provider's name (--provider).
	Provider string `json:"provider"`
	// IDs are the catalogue mistakes that build the provider's base string.
	IDs []string `json:"ids"`
	// Rule says what the provider does.
	Rule string `json:"rule"`
}

// ClientBaseCheck is what signing the client's base string showed.
type ClientBaseCheck struct {
	// Verified is true when the client's base string, signed with the
	// secrets of Reading, gives the supplied signature.
	Verified bool `json:"verified"`
	// Note says why it could not be checked ("no secret was given"), or is
	// empty when it was.
	Note string `json:"note,omitempty"`
}

// SearchStats says how much the search for explanations tried.
type SearchStats struct {
	// BaseStrings is the number of base strings built.
	BaseStrings int `json:"base_strings"`
	// Distinct is the number of distinct base strings among them.
	Distinct int `json:"distinct"`
	// Signatures is the number of signatures computed and compared.
	Signatures int `json:"signatures"`
	// Bytes is the total length of the base strings built.
	Bytes int64 `json:"bytes"`
	// CutOff says why the search stopped before trying every rebuild (its
	// budget ran out), or is empty when it tried them all.
	CutOff string `json:"cut_off,omitempty"`
	// Raise is the option that gives a cut-off search more room
	// ("--search-budget 24 MiB").
	Raise string `json:"raise,omitempty"`
	// Untried lists what the search did not try when it was cut off.
	Untried []string `json:"untried,omitempty"`
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
// lists as [] rather than null, redacted (Display(false, nil)) unless the
// report is a copy Display made, whose texts are written as they are.
func (r Report) MarshalJSON() ([]byte, error) {
	if !r.shown {
		// A report marshals redacted unless it is a copy Display made.
		return r.Display(false, nil).MarshalJSON()
	}
	if r.simple() {
		return r.appendSimpleJSON(make([]byte, 0, 512+len(r.URL)+2*len(r.BaseString))), nil
	}
	return r.marshalReflect()
}

// marshalReflect is MarshalJSON by encoding/json, for every report.
func (r Report) marshalReflect() ([]byte, error) {
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
