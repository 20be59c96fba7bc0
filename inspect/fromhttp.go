package inspect

import (
	"net/http"
	"slices"
	"strings"
)

// FromHTTP returns the request a server received as the one Request model
// the readers produce, so that a server (package compare's middleware) judges
// it with the same engine as a capture. The URL is rebuilt from scheme, the
// Host header and the request target exactly as sent (RFC 5849 §3.4.1.2
// wants the escaped path, which r.URL.Path is not). Header names are kept as
// net/http canonicalised them, in sorted order since net/http does not keep
// the order of the wire. body is the entity body the caller read, within its
// own limit.
func FromHTTP(r *http.Request, scheme string, body []byte) *Request {
	target := r.RequestURI
	if target == "" {
		target = r.URL.RequestURI()
	}
	url := target
	if !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") {
		url = scheme + "://" + r.Host + target
	}
	req := &Request{
		Method:      r.Method,
		URL:         url,
		Scheme:      scheme,
		SchemeKnown: scheme != "",
		Host:        r.Host,
		Target:      target,
		ContentType: r.Header.Get("Content-Type"),
		Body:        body,
		Origin:      Origin{Name: "request", Entry: -1},
		Format:      FormatHTTP,
	}
	names := make([]string, 0, len(r.Header))
	for name := range r.Header {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range r.Header[name] {
			req.Headers = append(req.Headers, Header{Name: name, Value: v})
		}
	}
	setForwarding(req)
	return req
}
