package names

import "strings"

// Korean and Chinese given names are written as runs of syllables
// ("Jinping", "Xiaoping", "Yong-chol"), and two names that differ in one
// syllable are different names however small the edit distance is. The
// matcher therefore splits romanization keys into syllables when it can
// and compares them syllable by syllable.

// pinyinInitials and pinyinFinals generate the syllables of Mandarin
// pinyin (a superset: some combinations do not occur).
var (
	pinyinInitials = []string{"", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh", "r", "z", "c", "s", "y", "w"}
	pinyinFinals   = []string{"a", "o", "e", "i", "u", "v", "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ve", "er", "an", "en", "in", "un", "vn", "ang", "eng", "ing", "ong", "ia", "iao", "ian", "iang", "iong", "ua", "uo", "uai", "uan", "uang", "ue"}
)

// syllableKeys returns the romanization keys of every Hangul syllable (in
// the Revised Romanization) and every pinyin syllable.
func syllableKeys() map[string]bool {
	set := make(map[string]bool, 4096)
	for l := range hangulInitial {
		for v := range hangulVowel {
			for t := range hangulFinal {
				set[romanKey(hangulInitial[l]+hangulVowel[v]+hangulFinal[t])] = true
			}
		}
	}
	for _, i := range pinyinInitials {
		for _, f := range pinyinFinals {
			set[romanKey(i+f)] = true
		}
	}
	delete(set, "")
	return set
}

// maxSyllable is the longest syllable key in bytes.
const maxSyllable = 6

// segment splits a romanization key into the fewest syllables, or returns
// nil when it cannot be read as a run of Korean or Chinese syllables.
func segment(key string, set map[string]bool) []string {
	n := len(key)
	if n == 0 || n > 24 {
		return nil
	}
	// best[i] is the fewest syllables covering key[:i]; from[i] where the
	// last one starts.
	var best, from [25]int
	for i := 1; i <= n; i++ {
		best[i] = -1
		for j := max(0, i-maxSyllable); j < i; j++ {
			if best[j] < 0 && j > 0 {
				continue
			}
			if !set[key[j:i]] {
				continue
			}
			c := best[j] + 1
			if best[i] < 0 || c < best[i] {
				best[i], from[i] = c, j
			}
		}
	}
	if best[n] < 0 {
		return nil
	}
	out := make([]string, best[n])
	for i, k := n, best[n]-1; i > 0; i, k = from[i], k-1 {
		out[k] = key[from[i]:i]
	}
	return out
}

// coarse folds the vowel pairs that Korean romanizations confuse most
// (ŏ/o/u, as in Chol/Chul and Son/Sun).
func coarse(s string) string { return strings.ReplaceAll(s, "u", "o") }

// cantonese pairs common Cantonese (Hong Kong government) spellings of
// given-name syllables with the pinyin of the same characters: 偉 Wai/Wei,
// 國 Kwok/Guo, 強 Keung/Qiang. The Korean and Chinese surname sets cover
// family names; this covers the given names.
var cantonese = [][2]string{
	{"wai", "wei"}, {"wai", "hui"}, {"kwok", "guo"}, {"keung", "qiang"}, {"wing", "yong"},
	{"wing", "rong"}, {"chun", "jun"}, {"chun", "zhen"}, {"kin", "jian"}, {"man", "wen"},
	{"man", "min"}, {"hung", "xiong"}, {"hung", "hong"}, {"fai", "hui"}, {"kit", "jie"},
	{"lok", "le"}, {"ho", "hao"}, {"ho", "he"}, {"yiu", "yao"}, {"shing", "cheng"},
	{"shing", "sheng"}, {"tak", "de"}, {"kwan", "jun"}, {"kwan", "kun"}, {"wah", "hua"},
	{"siu", "xiao"}, {"chi", "zhi"}, {"chi", "zi"}, {"hoi", "kai"}, {"hoi", "hai"},
	{"tsz", "zi"}, {"yee", "yi"}, {"sze", "si"}, {"sze", "shi"}, {"fung", "feng"},
	{"chung", "zhong"}, {"pui", "pei"}, {"kai", "qi"}, {"kei", "ji"}, {"kei", "qi"},
	{"yan", "ren"}, {"yan", "xin"}, {"yuk", "yu"}, {"sau", "xiu"}, {"tai", "da"},
	{"kam", "jin"}, {"kwong", "guang"}, {"ming", "ming"}, {"ping", "ping"}, {"tung", "dong"},
	{"ka", "jia"}, {"yam", "yin"}, {"kuen", "quan"}, {"kuen", "kun"}, {"sai", "xi"},
	{"hin", "xian"}, {"king", "jing"}, {"ching", "zheng"}, {"ching", "jing"}, {"cheuk", "zhuo"},
	{"on", "an"}, {"ngai", "yi"}, {"ngai", "wei"}, {"tsun", "jun"}, {"hei", "xi"}, {"hei", "qi"},
}

// cantoneseKeys returns the table above as pairs of romanization keys,
// both ways.
func cantoneseKeys() map[[2]string]bool {
	out := make(map[[2]string]bool, 2*len(cantonese))
	for _, p := range cantonese {
		a, b := romanKey(p[0]), romanKey(p[1])
		out[[2]string{a, b}] = true
		out[[2]string{b, a}] = true
	}
	return out
}

// syllableSim compares two keys syllable by syllable. ok is false when
// either key is not a run of syllables or the counts differ; then the
// caller falls back to edit distance.
func syllableSim(a, b []string, canto map[[2]string]bool) (sim float64, ok bool) {
	if a == nil || b == nil || len(a) != len(b) {
		return 0, false
	}
	sim = 1
	for i := range a {
		switch {
		case a[i] == b[i]:
		case coarse(a[i]) == coarse(b[i]) || strings.TrimPrefix(a[i], "y") == strings.TrimPrefix(b[i], "y"):
			// Chol/Chul; Ying/Ing (pinyin writes a y the others leave out).
			sim = min(sim, 0.88)
		case canto[[2]string{a[i], b[i]}]:
			// Cantonese and Mandarin readings of one character.
			sim = min(sim, 0.85)
		default:
			return 0, true
		}
	}
	return sim, true
}
