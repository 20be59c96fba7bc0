package compare

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/inspect"
)

// oauthlibScript signs generated requests with oauthlib's client (never its
// server, which decodes oauth_* values in the query and body twice) and
// prints one JSON object per request.
const oauthlibScript = `
import json, random, sys
from urllib.parse import quote, quote_plus, urlencode
from oauthlib import oauth1

rng = random.Random(int(sys.argv[1]))
PIECES = list("aZ09-._~ !\"#$%&'()*+,/:;<=>?@[\\]^{|}") + ["\u00e9", "\u4e2d", "\U0001f98a"]

def text(n):
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, n)))

def enc(s):
    return quote(s.encode("utf-8"), safe=rng.choice(["", "~", "-._~!*'()", "/:@"]))

for i in range(int(sys.argv[2])):
    scheme = rng.choice(["http", "https"])
    host = rng.choice(["api.example.com", "API.Example.com", "h.example.net"])
    port = rng.choice(["", "", ":8080", ":443" if scheme == "https" else ":80", ":8443"])
    path = "".join("/" + enc(text(5)).replace("%2F", "_") or "/x" for _ in range(rng.randint(0, 3)))
    query = "&".join(enc(text(5)) + "=" + enc(text(7)) for _ in range(rng.randint(0, 4)))
    uri = scheme + "://" + host + port + (path or "/") + ("?" + query if query else "")
    sigtype = rng.choice([oauth1.SIGNATURE_TYPE_AUTH_HEADER, oauth1.SIGNATURE_TYPE_BODY])
    method = "POST" if sigtype == oauth1.SIGNATURE_TYPE_BODY else rng.choice(["GET", "POST", "PUT", "DELETE"])
    sigmethod = rng.choice([oauth1.SIGNATURE_HMAC_SHA1, oauth1.SIGNATURE_HMAC_SHA256, oauth1.SIGNATURE_HMAC_SHA512, oauth1.SIGNATURE_PLAINTEXT])
    cs, ts = text(12), text(12)
    token = rng.choice([None, "tok-" + str(i)])
    client = oauth1.Client("ck-" + str(i), client_secret=cs,
        resource_owner_key=token, resource_owner_secret=ts if token else None,
        signature_method=sigmethod, signature_type=sigtype,
        realm=rng.choice([None, "Photos"]),
        callback_uri=rng.choice([None, "https://client.example/cb?x=1"]))
    body, headers = None, {}
    if method in ("POST", "PUT") and (sigtype == oauth1.SIGNATURE_TYPE_BODY or rng.random() < 0.5):
        # Unique names: for a header signature oauthlib returns the body as a dict.
        body = [(text(5) + str(k), text(7)) for k in range(rng.randint(1, 4))]
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    uri, headers, body = client.sign(uri, http_method=method, body=body, headers=headers)
    if isinstance(body, dict):
        body = urlencode(list(body.items()), quote_via=rng.choice([quote, quote_plus]))
    print(json.dumps({"method": method, "uri": uri, "headers": headers, "body": body or "",
        "consumer_secret": cs, "token_secret": ts if token else ""}))
`

// TestOAuthlibClient checks that requests signed by oauthlib's client (RFC
// 5849 reference behaviour) verify, with the signature in the Authorization
// header or the form body. Debian's python3 with oauthlib is needed.
func TestOAuthlibClient(t *testing.T) {
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import oauthlib").Run(); err != nil {
		t.Skipf("%s with oauthlib is not available: %v", python, err)
	}
	n := 200
	if testing.Short() {
		n = 40
	}
	var stderr bytes.Buffer
	cmd := exec.Command(python, "-c", oauthlibScript, "7", strconv.Itoa(n))
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oauthlib script: %v\n%s", err, stderr.String())
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	count := 0
	for sc.Scan() {
		var s struct {
			Method, URI, Body string
			Headers           map[string]string
			ConsumerSecret    string `json:"consumer_secret"`
			TokenSecret       string `json:"token_secret"`
		}
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		count++
		scheme, rest, _ := strings.Cut(s.URI, "://")
		host, _, _ := strings.Cut(rest, "/")
		req := &inspect.Request{Method: s.Method, URL: s.URI, Scheme: scheme, SchemeKnown: true, Host: host, Body: []byte(s.Body), Origin: inspect.Origin{Name: "oauthlib-" + strconv.Itoa(count), Entry: -1}}
		for k, v := range s.Headers {
			req.Headers = append(req.Headers, inspect.Header{Name: k, Value: v})
			if strings.EqualFold(k, "Content-Type") {
				req.ContentType = v
			}
		}
		secrets := Secrets{ConsumerSecret: NewSecret(s.ConsumerSecret), HasConsumerSecret: true, TokenSecret: NewSecret(s.TokenSecret), HasTokenSecret: true}
		rep, err := Check(req, secrets, Options{NoSearch: true})
		if err != nil {
			t.Fatalf("request %d: %v\n%s", count, err, sc.Text())
		}
		if !rep.Valid {
			t.Errorf("request %d signed by oauthlib reported invalid (unchecked %q):\n%s\nbase string %s", count, rep.Unchecked, sc.Text(), rep.BaseString)
		}
	}
	if count != n {
		t.Fatalf("the script signed %d requests, want %d", count, n)
	}
}
