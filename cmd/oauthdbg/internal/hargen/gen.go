//go:build ignore

// gen writes a HAR file of signed requests to stdout, for measuring check:
//
//	go run ./cmd/oauthdbg/internal/hargen/gen.go -entries 200000 > /tmp/big.har
//	/usr/bin/time -v oauthdbg check --json --now 1767225600 --secrets <(go run ./cmd/oauthdbg/internal/hargen/gen.go -secrets) /tmp/big.har >/dev/null
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/oauthdbg/oauthdbg/cmd/oauthdbg/internal/hargen"
)

func main() {
	var o hargen.Options
	secrets := flag.Bool("secrets", false, "print the secrets file instead")
	flag.IntVar(&o.Entries, "entries", 10000, "number of entries")
	flag.IntVar(&o.BadEvery, "bad-every", 100, "every Nth entry is a mismatch (0: none)")
	flag.IntVar(&o.Padding, "padding", 0, "response body bytes per entry")
	flag.Parse()
	if *secrets {
		fmt.Println(hargen.Secrets)
		return
	}
	if err := hargen.Write(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
