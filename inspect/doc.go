// Package inspect reads captured HTTP requests, in whatever form a user has
// them, into one model, and checks them against the OAuth 1.0a protocol
// (RFC 5849).
//
// # The model
//
// Every reader produces *Request values. A Request keeps what was captured
// next to what is parsed from it, since a signature depends on the exact
// bytes a client sent (httputil.DumpRequest, by contrast, loses the order and
// case of header names):
//
//   - Method, as captured (case kept);
//   - URL, as the client used it, escaped path and query bytes untouched;
//   - Scheme and SchemeKnown: "http" or "https", or "" and false when the
//     capture does not say (a raw request in origin-form); the explainer then
//     tries both;
//   - Host, the Host header (or HTTP/2 :authority), which for URL, curl and
//     header input is the host the client would send;
//   - Target, the request target as sent: the escaped path ("/" when empty)
//     and query;
//   - Headers in their original order, names in their original case;
//   - Forwarding, what X-Forwarded-* and Forwarded headers say;
//   - ContentType and Body (de-chunked, otherwise raw);
//   - Started (HAR startedDateTime or the Date header), Response (HAR only);
//   - Origin (input name, line, HAR entry), Format, and Notes: remarks about
//     anything the reader assumed, dropped or found odd, meant to be shown.
//
// # Readers
//
// Read is the one entry point: it detects the format of its input (or takes
// ReadOptions.Format), reads it with the matching reader and calls a function
// with each request. The readers can also be called directly:
//
//   - readURL: an absolute http or https URL and a method (GET by default).
//     Relative URLs, other schemes, spaces, control characters and malformed
//     hosts or ports are errors; broken percent-encoding in the path or query
//     is left for the signature engine, which reports it with its position.
//   - ReadHTTP: raw HTTP/1.x request text (origin-form or absolute-form
//     request line), HTTP/2 pseudo-headers as devtools show them, CRLF or LF
//     line ends, folded headers, Content-Length and chunked bodies, several
//     requests in a row.
//   - ReadCurl and readCurlCommands: curl commands as Chrome, Firefox and
//     Safari "Copy as cURL" write them, in bash or Windows cmd quoting, with
//     the curl options that shape the request applied as curl applies them
//     (data, --data-urlencode, -G, headers, cookies, user agent, method,
//     glob escapes and dot segments).
//   - readAuthHeader: an "Authorization: OAuth …" header on its own, possibly
//     wrapped over lines, with the URL and method given separately.
//   - readHAR: a HAR 1.2 file, streamed entry by entry.
//
// # Detection
//
// detectFormat tells the format from the content, never from a file name: a JSON
// object with a "log" member is HAR; a first word curl or curl.exe is a curl
// command; a request line (METHOD target HTTP/x.y) or an HTTP/2 pseudo-header
// line is raw HTTP; "Authorization:" or "OAuth " is a header; an http:// or
// https:// URL is a URL. A UTF-8 byte order mark, blank lines and "#" comment
// lines before the first line are skipped. UTF-16, gzip, zip and other binary
// input is recognized and refused with advice. Read looks only at as many
// bytes as detection needs (at most 64 KiB), so a HAR file arriving through a
// pipe is read as it arrives.
//
// # Limits
//
// HAR files are streamed and never held whole; the HAR reader caps each
// value it keeps (see readHAR). Every other input is read whole, up to
// ReadOptions.MaxSize bytes (defaultMaxSize, 64 MiB, when zero; ReadHTTP uses
// defaultMaxSize); a larger input is an error. The readers run in time
// linear in their input.
//
// # Lint
//
// Lint checks a Request against the protocol rules of RFC 5849 without any
// secret and returns its findings as data (Finding: id, severity, message,
// RFC section, parameter); lintChecks lists the checks. Each check is one
// record of the registry in lint.go, in the shape of go/analysis's Analyzer:
// id, severity, RFC 5849 section (or the extension it follows), a one-line
// doc, the phase it runs in and its own run function, which lives in the
// file of its subject (lint_params.go, lint_time.go, lint_signature.go,
// lint_headers.go, lint_body.go, lint_secrets.go, lint_endpoint.go,
// lint_transport.go). The driver collects the parameters and the facts the
// rules share once, then runs the phases in order: every request, requests
// with OAuth parameters, and requests that must be signed. Lint runs in time
// linear in the number of parameters.
//
// Adding a check is one record, one run function reporting through the pass,
// and one case under testdata/lint (a txtar file: a comment citing the RFC
// section or issue, the request, and the findings wanted); TestLintRegistry
// fails until all three exist.
//
// # Errors
//
// A problem with the input is an *InputError (a *harError from the HAR
// reader): what was being done, the input's name, the 1-based line and
// column of the problem when there is one, the cause and a hint saying what
// to do, printed as
//
//	inspect: read curl command "request.curl": unterminated single quote starting at line 3 column 12; paste the command exactly as the browser copied it
//
// Binary data (a NUL byte in a text form) and invalid UTF-8 in a curl
// command or header are errors naming their position. Nothing the readers
// are given makes them panic. An error returned by the caller's function is
// passed back unchanged.
package inspect
