package compare

// pairMatch pairs parameter ai of A with bi of B; -1 marks a side where the
// parameter is absent.
type pairMatch struct{ ai, bi int }

// matchPairs pairs the parameters of two base strings: identical pairs
// first, then by name and occurrence. The result is in base-string order:
// A's order, with parameters only in B placed after the parameter that
// precedes them in B.
func matchPairs(a, b []basePair) []pairMatch {
	bOf := make([]int, len(a))
	aOf := make([]int, len(b))
	for i := range bOf {
		bOf[i] = -1
	}
	for i := range aOf {
		aOf[i] = -1
	}
	byRaw := map[string][]int{}
	for j, p := range b {
		byRaw[p.raw] = append(byRaw[p.raw], j)
	}
	for i, p := range a {
		if q := byRaw[p.raw]; len(q) > 0 {
			bOf[i], aOf[q[0]] = q[0], i
			byRaw[p.raw] = q[1:]
		}
	}
	byName := map[string][]int{}
	for j, p := range b {
		if aOf[j] < 0 {
			byName[p.name] = append(byName[p.name], j)
		}
	}
	for i, p := range a {
		if bOf[i] >= 0 {
			continue
		}
		if q := byName[p.name]; len(q) > 0 {
			bOf[i], aOf[q[0]] = q[0], i
			byName[p.name] = q[1:]
		}
	}
	// B-only parameters go after the A parameter matched just before them in B.
	after := make(map[int][]int)
	last := -1
	var lead []int
	for j := range b {
		if aOf[j] >= 0 {
			if aOf[j] > last {
				last = aOf[j]
			}
			continue
		}
		if last < 0 {
			lead = append(lead, j)
		} else {
			after[last] = append(after[last], j)
		}
	}
	var out []pairMatch
	for _, j := range lead {
		out = append(out, pairMatch{-1, j})
	}
	for i := range a {
		out = append(out, pairMatch{i, bOf[i]})
		for _, j := range after[i] {
			out = append(out, pairMatch{-1, j})
		}
	}
	return out
}

// reordered reports whether the parameters present on both sides are in
// another order in B than in A.
func reordered(a, b []basePair, m []pairMatch) bool {
	aOf := make([]int, len(b))
	for i := range aOf {
		aOf[i] = -1
	}
	for _, x := range m {
		if x.ai >= 0 && x.bi >= 0 {
			aOf[x.bi] = x.ai
		}
	}
	prev := -1
	for _, i := range aOf {
		if i < 0 {
			continue
		}
		if i < prev {
			return true
		}
		prev = i
	}
	return false
}
