package inspect

// EditDistance returns the Levenshtein distance between a and b (insertions,
// deletions and substitutions of bytes), or max when it is max or more. It
// stops early once every path is at least max long, so a long input costs
// at most len(a)×len(b) steps and usually far fewer; it serves "did you
// mean" suggestions for parameter names, catalogue ids and flags.
func EditDistance(a, b string, max int) int {
	if d := len(a) - len(b); d >= max || -d >= max {
		return max
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
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
