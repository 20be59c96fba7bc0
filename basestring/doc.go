// Package basestring builds the OAuth 1.0a signature base string and
// signatures exactly as RFC 5849 defines them, step by step, with every rule
// switchable so that the base strings of buggy clients are built by the same
// code.
//
// The pipeline, and where each RFC section lives:
//
//   - Percent-encoding, §3.6: [Encode], [appendEncode] (a 256-entry table of
//     unreserved bytes, upper-case hex) and [Decode], [decodeForm], which
//     report a malformed escape as a [*decodeError] with its offset.
//   - Parameter sources, §3.4.1.3.1: the query and a form body ([ParseForm],
//     "+" is a space, empty pairs skipped), the Authorization header
//     ([ParseAuthorization], realm excluded later), a body only when
//     [IsFormContentType]. oauth_signature is excluded wherever it appears;
//     duplicates are kept.
//   - Normalization, §3.4.1.3.2: names and values encoded, sorted by encoded
//     name then encoded value in byte order, joined with "=" and "&".
//   - Base string URI, §3.4.1.2: scheme and host lower-cased, the Host header
//     preferred to the URL's authority, the default port of the scheme
//     dropped, an empty path made "/", query and fragment dropped, the path
//     kept as sent ([SplitURL]).
//   - Base string, §3.4.1.1: upper-case method "&" encode(URI) "&"
//     encode(parameters): [Build] returns it with its [Step]s; [AppendBaseString]
//     builds it without a trace, for speed.
//   - Signatures, §3.4.2–§3.4.4: [Method]s HMAC-SHA1, RSA-SHA1, PLAINTEXT and
//     the extensions HMAC-SHA256, HMAC-SHA512, RSA-SHA256; the key is
//     [AppendKey]; [Verify] checks a request against its own
//     oauth_signature_method in constant time; [BodyHash] is the Request Body
//     Hash extension. Every HMAC is computed by crypto/hmac; a [keyedMAC] (see
//     [newMAC]) keeps one keyed hash per key and resets it per base string,
//     for callers that sign many candidate base strings with the same
//     secrets.
//
// [Options] selects the rules. Its zero value is the RFC; each field
// reproduces one deviation real clients make (another encoder, a source left
// out, the default port kept, another sort order, another key), which is how
// package compare rebuilds what a client with a known mistake signed.
package basestring
