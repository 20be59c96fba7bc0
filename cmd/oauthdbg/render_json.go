package main

// jsonError is the JSON line of a request that could not be checked at all.
type jsonError struct {
	SchemaVersion int      `json:"schema_version"`
	Entry         *int     `json:"entry"`
	Origin        string   `json:"origin"`
	Method        string   `json:"method"`
	URL           string   `json:"url"`
	Error         string   `json:"error"`
	Notes         []string `json:"notes,omitempty"`
}
