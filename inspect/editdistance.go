package inspect

// EditDistance returns the Levenshtein distance between a and b (insertions,
// deletions and substitutions of bytes), or max when it is max or more. A
// common prefix and suffix are set aside first, as they do not change the
// distance, and the search stops once every path is at least max long, so a
// long input costs at most len(a)×len(b) steps and usually far fewer. Short
// strings cost no allocation. It serves "did you mean" suggestions for
// parameter names, catalogue ids and flags.
func EditDistance(a, b string, max int) int {
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if d := len(a) - len(b); d >= max || -d >= max {
		return max
	}
	if len(b) > len(a) {
		a, b = b, a // the rows run over the shorter string
	}
	const short = 32
	var rows [2 * (short + 1)]int
	var prev, cur []int
	if len(b) <= short {
		prev, cur = rows[:len(b)+1], rows[short+1:short+1+len(b)+1]
	} else {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= max {
			return max
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], max)
}
