// Command oauthdbg debugs OAuth 1.0a (RFC 5849) signatures: it reads a
// captured request, rebuilds the signature base string, verifies the
// signature and explains a mismatch by the client mistake that reproduces it.
//
// Run "oauthdbg --help" for usage. Exit status: 0 when every signature is
// valid and no lint error was found, 1 when a signature does not verify or a
// lint error was found, 2 on a usage or input error.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
