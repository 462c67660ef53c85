package link

// String similarity measures used by the comparisons. They are written here
// rather than taken from a library because they sit on the hottest path of
// linking (millions of calls per batch) and work on already-folded ASCII or
// rune slices without allocating.

import "encoding/binary"

// JaroWinkler returns the Jaro–Winkler similarity of a and b in 0..1, with
// the usual prefix scale 0.1 over at most 4 characters.
func JaroWinkler(a, b string) float64 {
	if a == b {
		if a == "" {
			return 0
		}
		return 1
	}
	if isASCII(a) && isASCII(b) {
		return jaroWinkler([]byte(a), []byte(b))
	}
	return jaroWinkler([]rune(a), []rune(b))
}

// isASCII reports whether s is all ASCII, eight bytes at a time.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// jaroWinkler computes the Jaro–Winkler similarity over bytes (ASCII) or
// runes alike.
func jaroWinkler[T byte | rune](a, b []T) float64 {
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	if la > lb {
		a, b, la, lb = b, a, lb, la
	}
	window := max(lb/2-1, 0)
	var flagsA, flagsB [64]bool
	var fa, fb []bool
	if la <= 64 && lb <= 64 {
		fa, fb = flagsA[:la], flagsB[:lb]
	} else {
		fa, fb = make([]bool, la), make([]bool, lb)
	}
	matches := 0
	for i := 0; i < la; i++ {
		lo, hi := max(i-window, 0), min(i+window+1, lb)
		for j := lo; j < hi; j++ {
			if !fb[j] && a[i] == b[j] {
				fa[i], fb[j] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	trans, k := 0, 0
	for i := 0; i < la; i++ {
		if !fa[i] {
			continue
		}
		for !fb[k] {
			k++
		}
		if a[i] != b[k] {
			trans++
		}
		k++
	}
	m := float64(matches)
	jaro := (m/float64(la) + m/float64(lb) + (m-float64(trans/2))/m) / 3
	prefix := 0
	for prefix < 4 && prefix < la && a[prefix] == b[prefix] {
		prefix++
	}
	return jaro + float64(prefix)*0.1*(1-jaro)
}

// EditDistanceAtMost reports whether the Damerau–Levenshtein (optimal
// string alignment) distance between a and b is at most k, for small k.
// It works on bytes; callers pass folded ASCII identifiers (digits, codes).
// Common prefixes and suffixes are skipped and a bag-distance lower bound
// rejects most unrelated strings before any dynamic programming.
func EditDistanceAtMost(a, b string, k int) bool {
	if a == b {
		return true
	}
	if len(a)-len(b) > k || len(b)-len(a) > k {
		return false
	}
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) <= k && len(b) <= k {
		return true // at most max(len) substitutions and insertions
	}
	if bagDistance(a, b) > k {
		return false
	}
	return osa(a, b) <= k
}

// bagDistance is a lower bound of the edit distance: the larger of the
// counts of characters of one string that the other lacks.
func bagDistance(a, b string) int {
	var count [256]int16
	for i := 0; i < len(a); i++ {
		count[a[i]]++
	}
	for i := 0; i < len(b); i++ {
		count[b[i]]--
	}
	pos, neg := 0, 0
	for i := 0; i < len(a); i++ {
		if c := count[a[i]]; c > 0 {
			pos += int(c)
			count[a[i]] = 0
		}
	}
	for i := 0; i < len(b); i++ {
		if c := count[b[i]]; c < 0 {
			neg -= int(c)
			count[b[i]] = 0
		}
	}
	return max(pos, neg)
}

// osa returns the optimal string alignment distance of a and b.
func osa(a, b string) int {
	la, lb := len(a), len(b)
	var buf [3 * 33]int
	var prev2, prev, cur []int
	if lb+1 <= 33 {
		prev2, prev, cur = buf[0:lb+1], buf[33:33+lb+1], buf[66:66+lb+1]
	} else {
		prev2, prev, cur = make([]int, lb+1), make([]int, lb+1), make([]int, lb+1)
	}
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}
