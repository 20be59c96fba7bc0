// Package compare verifies OAuth 1.0a signatures (RFC 5849) and explains a
// mismatch by proving which client mistake produced it.
//
// # Verification
//
// Check turns a captured request (package inspect) into the request the
// server saw: the URL (with Options.ServerURL's scheme, host, port and path
// when the user knows them), the Host header, the first Authorization header
// with the OAuth scheme, the Content-Type and the body. It recomputes the
// signature with the request's own oauth_signature_method and compares in
// constant time. A capture that leaves something open is read every way it
// can be: a raw request that does not say whether it was sent over https is
// verified under both schemes, and a secret given both by consumer key (or
// token) and as a single value is tried both ways. A correct signature is
// never reported wrong; Report.Reading says which reading verified. Secrets
// are chosen by the request's oauth_consumer_key and oauth_token (see
// Secrets) and never appear in a Report.
//
// # The catalogue
//
// Each known client mistake is a record (Mistake: id, title, what the client
// did, the fix, the RFC 5849 section, the libraries and tools known for it)
// with a replay: the rebuilds of the request that the mistake produces. A
// replay changes only the request or the basestring Options (another
// encoder, a source left out, the default port kept, another key
// construction) so that every rebuild is built by the same engine as the
// correct base string. A mistake that concerns a part of the request (which
// parameter was encoded twice, which host was signed) makes one rebuild per
// part, and the explanation names it; host, port and path candidates come
// from the capture: its URL, Host header, X-Forwarded-Host, -Port, -Proto
// and -Prefix, Forwarded, and Options.SignedURL and ServerURL. Catalogue
// lists the mistakes from the most to the least common.
//
// # The search
//
// When the signature does not verify, every mistake is replayed alone, then
// every pair of mistakes, each crossed with the key mistakes (the RFC key,
// the key without the token secret, swapped, unencoded, without "&") and
// with the transport mistake (a "+" of the signature that arrived as a
// space, a signature encoded twice). Rebuilds that give the same base string
// are grouped and signed once per key. Every combination whose signature
// equals the supplied one byte for byte is an Explanation; they are ordered
// with the simplest and most common first, and mistakes that build the same
// base string and key on this request are reported together (Equivalent),
// since the request cannot tell them apart. When nothing reproduces the
// signature, Report.Unexplained says so plainly: no cause is claimed that was
// not proven.
//
// # The report
//
// Report is one value per checked request, rendered as text and JSON by the
// command line (snake_case JSON names, SchemaVersion). Besides the verdict
// and the explanations it holds the correct base string with the steps that
// built it, a character diff against the cause's base string (or the
// client's, Options.ClientBaseString, or the server's from its error
// response), hints the diff alone suggests (plausible, not proven), a
// published signature the supplied one matches (copied from documentation),
// and the protocol lint's findings.
//
// # The middleware
//
// Middleware is the same verification for a provider: Wrap puts it in front
// of any http.Handler, with a KeyLookup for the consumer's and the token's
// secrets and a NonceStore (MemoryNonces is bounded). A verified request
// reaches the handler with a Verified in its context; a rejected one is
// answered 401 (400 for a malformed request) with WWW-Authenticate and an
// oauth_problem of the OAuth Problem Reporting extension, and, with Explain,
// oauth_problem_advice naming the cause that Check proves and debug_sbs,
// the server's base string. "oauthdbg serve" is built on it.
package compare
