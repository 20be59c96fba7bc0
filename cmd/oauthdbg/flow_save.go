package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// savedTokens is the file --save writes, in the form of --secrets.
type savedTokens struct {
	ConsumerSecrets map[string]string `json:"consumer_secrets"`
	TokenSecrets    map[string]string `json:"token_secrets"`
}

// saveTokens writes the consumer secret and the access token to path,
// readable by the owner only; an existing file that others may read is
// refused.
func saveTokens(path, consumerKey, consumerSecret, token, tokenSecret string) error {
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		return usageErr(fmt.Sprintf("--save %s: the file may be read by others (mode %v)", path, fi.Mode().Perm()), "chmod 600 it, or give a new file")
	}
	data, _ := json.MarshalIndent(savedTokens{
		ConsumerSecrets: map[string]string{consumerKey: consumerSecret},
		TokenSecrets:    map[string]string{token: tokenSecret},
	}, "", "  ")
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return usageErr(fmt.Sprintf("--save: %v", unwrapPathError(err)))
	}
	if err := fh.Chmod(0o600); err != nil {
		fh.Close()
		return usageErr(fmt.Sprintf("--save: %v", err))
	}
	if _, err := fh.Write(append(data, '\n')); err != nil {
		fh.Close()
		return usageErr(fmt.Sprintf("--save: %v", err))
	}
	if err := fh.Close(); err != nil {
		return usageErr(fmt.Sprintf("--save: %v", err))
	}
	return nil
}

// loadSavedTokens reads the access token of a file written by --save.
func loadSavedTokens(path, consumerKey string) (token, secret string, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", "", usageErr(fmt.Sprintf("--resume: %v", unwrapPathError(err)))
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return "", "", usageErr(fmt.Sprintf("--resume %s: the file may be read by others (mode %v)", path, fi.Mode().Perm()), "chmod 600 it")
	}
	data, err := readPath(path, 1<<20)
	if err != nil {
		return "", "", usageErr(fmt.Sprintf("--resume: %v", err))
	}
	var st savedTokens
	if err := json.Unmarshal(data, &st); err != nil {
		return "", "", usageErr(fmt.Sprintf("--resume %s: %v", path, err), "give a file written by flow --save")
	}
	if len(st.TokenSecrets) != 1 {
		return "", "", usageErr(fmt.Sprintf("--resume %s: want one token in token_secrets, found %d", path, len(st.TokenSecrets)))
	}
	for t, s := range st.TokenSecrets {
		token, secret = t, s
	}
	return token, secret, nil
}
