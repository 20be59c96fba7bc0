package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/oauthdbg/oauthdbg/compare"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// TestUsageDefaults checks that the defaults the help states are the ones
// the packages apply, so that a changed default cannot leave the help stale.
func TestUsageDefaults(t *testing.T) {
	for _, want := range []string{
		fmt.Sprintf("(default %dMiB; none)", compare.DefaultSearchBytes>>20),
		fmt.Sprintf("(default %s; none)", compare.DefaultSearchTime),
		fmt.Sprintf("timestamp skew allowed (default %s)", strings.TrimSuffix(inspect.DefaultMaxSkew.String(), "0s")),
	} {
		if !strings.Contains(checkUsage, want) {
			t.Errorf("check --help does not say %q", want)
		}
	}
	if compare.DefaultSearchBytes%(1<<20) != 0 {
		t.Errorf("DefaultSearchBytes %d is not a whole number of MiB, as the help writes it", compare.DefaultSearchBytes)
	}
}
