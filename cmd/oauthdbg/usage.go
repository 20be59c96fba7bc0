package main

// usage is printed by "oauthdbg --help".
const usage = `oauthdbg explains why an OAuth 1.0a (RFC 5849) signature does not verify.

Usage:
    oauthdbg check [flags] [INPUT]     verify a captured request and explain a mismatch
    oauthdbg sign [flags] URL          sign a request, correctly or with a known mistake
    oauthdbg diff A B                  compare two base strings and name the mistakes
    oauthdbg explain [ID]              list the catalogue of client mistakes, or show one
    oauthdbg serve [flags]             run a local OAuth 1.0a provider that explains every 401
    oauthdbg flow [flags]              walk the three-legged flow against a provider, step by step

INPUT is a URL, a file holding a raw HTTP request, a curl command, a HAR
file or an Authorization header, or "-" (the default) for standard input.

Secrets come from --consumer-secret/--token-secret, the environment
(OAUTH_CONSUMER_SECRET, OAUTH_TOKEN_SECRET) or --secrets FILE, and are
redacted from all output unless --show-secrets is given.

Exit status:
    0  every signature is valid and no lint error was found
    1  a signature does not verify, or a lint error was found
    2  a usage or input error (the message is on stderr)

Examples:
    $ oauthdbg check --secrets secrets.json request.http
    $ pbpaste | oauthdbg check --secrets secrets.json -
    $ oauthdbg sign --consumer-key KEY --consumer-secret SECRET --url https://api.example.com/1/user
    $ oauthdbg explain plus-for-space

Run "oauthdbg COMMAND --help" for the flags of a command.
`

// checkUsage is printed by "oauthdbg check --help".
const checkUsage = `Usage:
    oauthdbg check [flags] [INPUT...]

Verify the OAuth 1.0a signature of a captured request; when it does not
verify, find the client mistake that reproduces it. INPUT is a URL, a file
(raw HTTP request, curl command, HAR, Authorization header) or "-" for
standard input (the default). A HAR file is checked entry by entry; several
INPUT files are checked one after the other, as one stream. Each report is
written as soon as its request is judged, in input order, so a HAR of any
size runs in bounded memory.

Request:
    -X, --method METHOD          the request method (a URL input is a GET)
    -H, --header 'NAME: VALUE'   add a header, e.g. the Authorization header (repeatable)
    -d, --data DATA              the request body
        --url URL                the request URL, for an Authorization header (from
                                 INPUT, or from -H with no INPUT)
        --input-format FORMAT    url, http, curl, har or header (default: detect)
        --server-url URL         the URL the server saw, e.g. from its logs
        --signed-url URL         the URL the client signed, when known
        --client-base-string S   the base string from the client's logs, to diff
        --only ID,…              search only these mistakes (see oauthdbg explain)
        --provider NAME          the provider's own rules are not mistakes (e.g.
                                 woocommerce; see oauthdbg explain --providers)
        --search-budget SIZE     base strings the search may build before it stops
                                 and says what it did not try (default 3MiB; none)
        --search-time DURATION   time the search may take (default 5s; none)

Secrets:
        --consumer-secret SECRET the consumer secret (or OAUTH_CONSUMER_SECRET)
        --token-secret SECRET    the token secret (or OAUTH_TOKEN_SECRET)
        --secrets FILE           secrets by consumer key and token (JSON)
        --public-key FILE        RSA public key or certificate (PEM) for RSA-SHA*
        --show-secrets           print secrets instead of "[redacted N chars]"

Judging:
        --now TIME               judge the timestamp at TIME: unix seconds or
                                 RFC 3339 (default: the capture's time, else now)
        --max-skew DURATION      timestamp skew allowed (default 5m)

Output:
        --steps                  show each step of the base string, with its RFC section
                                 (in --json: "steps" of valid requests too)
    -q, --quiet                  print only the verdict
        --format FORMAT          text (default), json or markdown
        --json                   short for --format json
        --markdown               short for --format markdown
        --summary                after the reports (alone with -q), the counts by
                                 verdict, by cause and by consumer key
        --color WHEN             auto, always or never (default auto; NO_COLOR is honoured)

A progress count is shown on stderr when stderr is a terminal and the run
takes more than a second (never with --format json, -q, or CI=true).

JSON output (--format json) is JSON Lines: one object per checked request,
one per line, in input order: the report (its fields are in the README),
with "notes" holding what the reader noted, or for a request that could not
be checked {"schema_version","entry","origin","method","url","error","notes"}.
With --summary a last line follows:
    {"schema_version":1,"summary":{"requests":N,"valid":N,"invalid":N,
     "lint_errors":N,"unchecked":N,"causes":{"ID":N,…},
     "consumer_keys":{"KEY":N,…},"failing_by_consumer_key":{"KEY":N,…}}}
"unchecked" counts the requests whose signature was not checked (no
secret, or the request could not be read); they are not counted as invalid.

Limits: --secrets, --public-key and --private-key files are read once (so
<(…), /dev/stdin and FIFOs work) and may hold at most 1 MiB; each diff
operand at most 64 MiB. Past a limit the run ends with status 2.

Exit status: 0 all valid, 1 a mismatch or lint error, 2 a usage or input
error, or (when nothing was invalid) a request that could not be checked.

Examples:
    $ oauthdbg check --secrets secrets.json capture.har
    $ oauthdbg check --consumer-secret "$CS" --token-secret "$TS" "$(cat signed.url)"
    $ oauthdbg check --secrets secrets.json --url https://api.bitbucket.org/1.0/user -H "$(cat auth.header)"
    $ pbpaste | oauthdbg check --secrets secrets.json --json - | jq .cause
    $ oauthdbg check --secrets secrets.json -q --summary monday.har tuesday.har
`

// signUsage is printed by "oauthdbg sign --help".
const signUsage = `Usage:
    oauthdbg sign [flags] URL

Sign a request and print its base string, signature, Authorization header,
signed URL and a curl command. With --mistake, sign it the way a client with
that catalogue mistake would, to show the difference. "oauthdbg check"
verifies whatever sign prints.

Request:
        --url URL                the URL to sign (or give it as the argument)
    -X, --method METHOD          the request method (default GET, or POST with --data)
    -d, --data DATA              the body; form-encoded unless -H sets a Content-Type
    -H, --header 'NAME: VALUE'   a header to send (repeatable)
        --transport WHERE        where the oauth_ parameters go: header (default),
                                 query or body (RFC 5849 §3.5)

OAuth:
        --consumer-key KEY       oauth_consumer_key (required)
        --token TOKEN            oauth_token (omit it for the request-token step)
        --callback URL           oauth_callback (the request-token step)
        --verifier CODE          oauth_verifier (the access-token step)
        --realm REALM            realm of the Authorization header (never signed)
        --signature-method NAME  HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512,
                                 RSA-SHA1, RSA-SHA256 or PLAINTEXT
        --nonce NONCE            oauth_nonce (default: random)
        --timestamp SECONDS      oauth_timestamp (default: now)
        --mistake ID             sign as a client with this mistake would
        --mistake-part LABEL     which part the mistake concerns (default: the first)

Secrets:
        --consumer-secret SECRET the consumer secret (or OAUTH_CONSUMER_SECRET)
        --token-secret SECRET    the token secret (or OAUTH_TOKEN_SECRET)
        --secrets FILE           secrets by consumer key and token (JSON)
        --private-key FILE       RSA private key (PEM) for RSA-SHA1 and RSA-SHA256
        --show-secrets           print secrets (a PLAINTEXT signature is made of them)

Output:
        --json                   one JSON object with every field
        --color WHEN             auto, always or never

Examples:
    $ oauthdbg sign --consumer-key KEY --consumer-secret "$CS" --callback https://example.com/cb -X POST https://bitbucket.org/api/1.0/oauth/request_token
    $ oauthdbg sign --consumer-key KEY --consumer-secret "$CS" --token TOKEN --token-secret "$TS" --mistake plus-for-space -d 'status=hello world' https://api.example.com/1/update
`

// diffUsage is printed by "oauthdbg diff --help".
const diffUsage = `Usage:
    oauthdbg diff [flags] A B

Compare two signature base strings, character by character, map each
difference to the part of the base string it falls in (method, URI or a
parameter) and name the catalogue mistakes the difference shows. A is the
reference (e.g. the server's or the correct one), B the other (the client's).
Each of A and B is a base string, a file holding one, or "-" for standard input.

Flags:
        --json                   the diff as one JSON object
        --color WHEN             auto, always or never

Exit status: 0 the base strings are equal, 1 they differ, 2 a usage or input error.

Example:
    $ oauthdbg diff server-base.txt client-base.txt
`

// explainUsage is printed by "oauthdbg explain --help".
const explainUsage = `Usage:
    oauthdbg explain [flags] [ID]
    oauthdbg explain --providers [NAME…]

Without ID, list every client mistake oauthdbg recognizes, by id and title.
With an ID, show that mistake in full: what goes wrong, the RFC section, the
fix and where it is known to happen. With --providers, list the providers
oauthdbg knows (their endpoints, signature methods, the rules where they
depart from RFC 5849 and the sources), or show the named ones in full.

Flags:
        --json                   the catalogue (or one mistake) as JSON
        --markdown               the catalogue as a Markdown table
        --providers              the known providers instead of the mistakes

Example:
    $ oauthdbg explain double-encoded
    $ oauthdbg explain --providers woocommerce
`

// serveUsage is printed by "oauthdbg serve --help".
const serveUsage = `Usage:
    oauthdbg serve [flags]

Run an OAuth 1.0a provider with the endpoints of Bitbucket's 1.0 API, for
testing a client: POST /api/1.0/oauth/request_token (needs oauth_callback),
GET /api/1.0/oauth/authenticate?oauth_token=… (a page to grant or deny),
POST /api/1.0/oauth/access_token (needs oauth_verifier, once), and the
resources GET /api/1.0/user and /api/1.0/echo (which returns what it
verified). Every rejection is a 401 (400 for a malformed request) with
WWW-Authenticate and a form body: oauth_problem (signature_invalid,
timestamp_refused, nonce_used, consumer_key_unknown, token_rejected,
parameter_absent, …), oauth_problem_advice with the cause and the fix that
'oauthdbg check' gives, and debug_sbs, the server's base string.

Flags:
        --listen ADDR          where to listen (default 127.0.0.1:8080; another
                               address than loopback is warned about)
        --consumers FILE       consumers: {"consumer_secrets": {"KEY": "SECRET"},
                               "rsa_public_keys": {"KEY": "PEM"}, "consumers":
                               {"KEY": {"callbacks": ["https://…"], "methods":
                               ["HMAC-SHA1"], "two_legged": true}}}; without it a
                               demo consumer with a random secret is made and printed
        --state FILE           load access tokens from FILE and save them on exit
        --realm REALM          the realm of WWW-Authenticate (default oauthdbg)
        --max-skew DURATION    the timestamp window (default 5m)
        --explain=false        answer like a terse provider: oauth_problem only
    -q, --quiet                no log line per request on stderr

Stop it with Ctrl-C (SIGINT) or SIGTERM; it finishes the requests in flight.

Example:
    $ oauthdbg serve --consumers testdata/demo/secrets.json
`

// flowUsage is printed by "oauthdbg flow --help".
const flowUsage = `Usage:
    oauthdbg flow [flags]

Do the three-legged OAuth 1.0a dance against a provider, one step at a
time: 1 request_token (with oauth_callback), 2 authorize (open the URL it
prints, grant access; flow catches the redirect on a one-shot loopback
listener), 3 access_token (with oauth_verifier), 4 an optional API call.
Each step prints its request (secrets redacted), its status and the
answer. When the provider refuses a step, flow checks the request it sent
with its own secrets, reads the provider's oauth_problem, advice and base
string, names the likely cause, and exits with status 1.

Provider:
        --provider NAME          bitbucket, twitter, flickr, jira, serve (the
                                 endpoints of that provider)
        --base-url URL           the host of jira or serve (serve: default
                                 http://127.0.0.1:8080)
        --request-token-url URL  the endpoints, for any other provider
        --authorize-url URL
        --access-token-url URL

Client:
        --consumer-key KEY       the consumer key (required)
        --consumer-secret SECRET the consumer secret (or OAUTH_CONSUMER_SECRET,
                                 or --secrets FILE)
        --signature-method M     HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512,
                                 PLAINTEXT, RSA-SHA1, RSA-SHA256
        --private-key FILE       the consumer's RSA private key (PEM), for RSA-*
        --transport T            header (default), query or body
        --realm REALM            a realm for the Authorization header
        --callback URL|oob       default: a loopback listener flow runs; oob or
                                 your own URL: paste the verifier when asked
        --open                   open the authorize URL in the browser
        --timeout DURATION       how long to wait for the user (default 5m)
        --http-timeout DURATION  how long to wait for each answer (default 30s)
        --mistake ID[@STEP]      sign one step (request_token, access_token or
                                 call; default the first) with a catalogue mistake
        --request-token TOKEN    resume at access_token with this request token
        --verifier VERIFIER      and this verifier (its secret from --token-secret)

Call and tokens:
        --call URL               an API call signed with the access token
    -X, --method METHOD          the call's method (default GET)
    -d, --data DATA              the call's form body
        --save FILE              save the consumer secret and the access token
                                 (mode 0600) as a --secrets file
        --resume FILE            reuse the access token of FILE for --call
        --record FILE            write the exchange as a HAR 1.2 file that
                                 'oauthdbg check' reads (secrets redacted)

Output:
        --steps                  show each step's base string and header
        --json                   one JSON object per step, a line each
        --show-secrets           print secrets instead of "[redacted N chars]"

Exit status: 0 the flow completed, 1 the provider refused a step, 2 a usage,
network or answer error (unreachable, TLS, time-out, HTML or JSON answer).

Examples:
    $ oauthdbg serve --consumers testdata/demo/secrets.json          # terminal 1
    $ oauthdbg flow --provider serve --consumer-key dEmOkEy7Xq2mVz4Lp9 \
        --secrets testdata/demo/secrets.json --call http://127.0.0.1:8080/api/1.0/user
    $ oauthdbg flow --provider bitbucket --consumer-key KEY --save tokens.json
`

// commandUsage maps a command to its usage.
var commandUsage = map[string]string{
	"check":   checkUsage,
	"sign":    signUsage,
	"diff":    diffUsage,
	"explain": explainUsage,
	"serve":   serveUsage,
	"flow":    flowUsage,
}
