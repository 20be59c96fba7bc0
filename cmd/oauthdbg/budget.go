package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/oauthdbg/oauthdbg/compare"
)

// parseSearchBudget reads --search-budget (a size of base strings: 64MiB,
// 512KiB, 1GiB, plain bytes, or "none") and --search-time (a duration, or
// "none") into a compare.Budget; an empty flag keeps the default.
func parseSearchBudget(size, dur string) (compare.Budget, error) {
	var b compare.Budget
	switch size = strings.TrimSpace(size); {
	case size == "":
	case strings.EqualFold(size, "none"):
		b.Bytes = -1
	default:
		n, err := parseByteSize(size)
		if err != nil || n <= 0 {
			return b, usageErr(fmt.Sprintf("--search-budget %q is not a size", truncate(size, 40)),
				"write it as 64MiB, 512KiB or 1GiB (base strings the search may build), or none for no bound")
		}
		b.Bytes = n
	}
	switch dur = strings.TrimSpace(dur); {
	case dur == "":
	case strings.EqualFold(dur, "none"):
		b.Time = -1
	default:
		d, err := time.ParseDuration(dur)
		if err != nil || d <= 0 {
			return b, usageErr(fmt.Sprintf("--search-time %q is not a positive duration", truncate(dur, 40)),
				"write it as 500ms, 30s or 2m, or none for no bound")
		}
		b.Time = d
	}
	return b, nil
}

// parseByteSize reads a size with an optional binary unit (B, KiB, MiB,
// GiB; K, M and G are read as the same).
func parseByteSize(s string) (int64, error) {
	units := []struct {
		suffix string
		shift  uint
	}{{"KiB", 10}, {"MiB", 20}, {"GiB", 30}, {"K", 10}, {"M", 20}, {"G", 30}, {"B", 0}}
	shift := uint(0)
	for _, u := range units {
		if len(s) > len(u.suffix) && strings.EqualFold(s[len(s)-len(u.suffix):], u.suffix) {
			s, shift = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.shift
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, err
	}
	if n < 0 || n > (1<<62)>>shift {
		return 0, fmt.Errorf("size %d out of range", n)
	}
	return n << shift, nil
}
