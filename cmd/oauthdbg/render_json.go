package main

import (
	"encoding/json"

	"github.com/oauthdbg/oauthdbg/compare"
)

// jsonError is the JSON line of a request that could not be checked at all.
type jsonError struct {
	SchemaVersion int    `json:"schema_version"`
	Entry         *int   `json:"entry"`
	Origin        string `json:"origin"`
	Method        string `json:"method"`
	URL           string `json:"url"`
	Error         string `json:"error"`
}

// renderJSON writes one JSON object per checked request, one per line: the
// compare.Report (its schema is compare.SchemaVersion), or a jsonError.
func (c *cli) renderJSON(rs []*checked) error {
	enc := json.NewEncoder(&c.out)
	enc.SetEscapeHTML(false)
	for _, r := range rs {
		if r.err != nil {
			e := jsonError{SchemaVersion: compare.SchemaVersion, Origin: r.req.Origin.String(),
				Method: r.req.Method, URL: r.req.URL, Error: r.err.Error()}
			if r.req.Origin.Entry >= 0 {
				n := r.req.Origin.Entry
				e.Entry = &n
			}
			if err := enc.Encode(e); err != nil {
				return err
			}
			continue
		}
		if err := enc.Encode(r.report); err != nil {
			return err
		}
	}
	return nil
}
