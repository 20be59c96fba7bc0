package compare

import (
	"fmt"
	"strings"
)

// unexplained says plainly that no known mistake reproduces the signature,
// without claiming a cause, and what would settle it: it is built from what
// was tried (the search's budget, --only, the client's base string, the
// secrets) so that it never points where the evidence contradicts.
func unexplained(rep *Report, isRSA bool, o *Options) string {
	var b strings.Builder
	st := rep.Stats
	switch {
	case st.CutOff != "":
		fmt.Fprintf(&b, "No mistake tried reproduces the supplied signature, but the search stopped early (%d base strings built): %s. Not tried: %s. ",
			st.BaseStrings, st.CutOff, strings.Join(st.Untried, ", and "))
		fmt.Fprintf(&b, "Give it more room (%s) or narrow it (--only ID) to try them.", st.Raise)
	case len(o.Only) > 0:
		fmt.Fprintf(&b, "None of the mistakes searched (--only %s) reproduces the supplied signature (%d rebuilds); the rest of the catalogue was not searched: drop --only to search it.",
			strings.Join(o.Only, ","), st.BaseStrings)
	default:
		fmt.Fprintf(&b, "No known mistake reproduces the supplied signature (%d rebuilds, %d distinct base strings, %d signatures compared).", st.BaseStrings, st.Distinct, st.Signatures)
	}
	if rep.ClientBase != nil && rep.ClientBase.Verified {
		b.WriteString(" The client's base string gives the supplied signature with the secrets given, so the secrets are right and the client signed that base string: its differences from the correct one, in the diff, are the cause.")
		return b.String()
	}
	b.WriteString(" ")
	switch {
	case isRSA:
		fmt.Fprintf(&b, "Either the client signed with a private key that does not match the public key given for oauth_consumer_key %q, or", rep.Reading.ConsumerKey)
	default:
		fmt.Fprintf(&b, "Either the client signed with other secrets than the ones tried (%s for oauth_consumer_key %q", secretsTried(rep), rep.Reading.ConsumerKey)
		if rep.Reading.Token != "" {
			fmt.Fprintf(&b, ", oauth_token %q", rep.Reading.Token)
		}
		b.WriteString("), or")
	}
	switch {
	case st.CutOff != "" || len(o.Only) > 0:
		b.WriteString(" it makes a mistake the search did not reach.")
	default:
		b.WriteString(" it makes a mistake that is not in the catalogue.")
	}
	var next []string
	switch {
	case rep.ClientBase != nil:
		next = append(next, "the client's base string given does not give the supplied signature with these secrets either, which points at the secrets (or at a base string logged after it was signed)")
	default:
		next = append(next, "the client's base string from its logs (--client-base-string) settles which: if it gives the supplied signature, the secrets are right and the diff shows the cause")
	}
	if o.ServerURL == "" && o.SignedURL == "" {
		next = append(next, "if a proxy or a rewrite sits between client and server, --server-url (what the server saw) or --signed-url (what the client signed) adds their URLs to the search")
	}
	b.WriteString(" Next: " + strings.Join(next, "; ") + ".")
	return b.String()
}

// secretsTried says where the secrets of the reported reading came from.
func secretsTried(rep *Report) string {
	src := rep.Reading.ConsumerSecretSource
	if rep.Reading.Token != "" && rep.Reading.TokenSecretSource != "" {
		src += " with " + rep.Reading.TokenSecretSource
	}
	return src
}
