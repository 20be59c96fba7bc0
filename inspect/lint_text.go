package inspect

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The wording helpers of the lint messages.

// lintQuote quotes s for a message, cut to n bytes with "…" when longer.
func lintQuote(s string) string {
	const n = 64
	if len(s) > n {
		cut := n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "…"
	}
	return strconv.Quote(s)
}

// lintQuoteList quotes up to n strings and says how many more there are.
func lintQuoteList(s []string, n int) string {
	var b strings.Builder
	for i, v := range s {
		if i == n {
			fmt.Fprintf(&b, " and %d more", len(s)-n)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(lintQuote(v))
	}
	return b.String()
}

// lintJoinAnd joins words as "a, b and c".
func lintJoinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
