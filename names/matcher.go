// Package names compares personal, organisation and vessel names across
// spellings, scripts and romanization systems, the way sanctions screening
// needs it.
//
// A name is prepared once (Matcher.Prepare): it is folded to lower-case
// ASCII (NFKC, accents removed, Hangul in the Revised Romanization, Han in
// pinyin, kana in Hepburn; Cyrillic, Greek, Arabic, Hebrew, Georgian,
// Armenian and Devanagari romanized), split into tokens, and
// each token gets a romanization key that makes McCune–Reischauer, Revised
// Romanization, Wade–Giles and pinyin spellings meet, a consonant skeleton
// for scripts written without vowels, the family-name variant sets it
// belongs to (Kim/Gim, Lee/Yi/Ri/Rhee, Zhang/Chang/Cheung …) and a weight
// for how rare it is. Two prepared names are compared by aligning their
// tokens in any order (family name first or last), also joining adjacent
// tokens ("Jong Un" and "Jong-un" and "Jongun"), and weighting every token
// by its rarity, so that a common family name or a word like "Trading"
// cannot make a strong match on its own.
//
// Scores are in 0..1. DefaultThreshold is the score at or above which two
// names are taken for the same name.
package names

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// DefaultThreshold is the score at or above which Compare's result counts
// as a match. It was chosen on the labelled pairs in testdata/pairs.tsv
// (see TestLabelledPairs) as the score that maximises F1 there, rounded
// down to leave room for unseen spellings.
const DefaultThreshold = 0.80

// maxTokens bounds the tokens of a name; longer inputs are cut.
const maxTokens = 48

// Kind says what a name names; the words that carry no identity differ
// between people and companies.
type Kind uint8

// Kinds of names.
const (
	Person Kind = iota
	Organization
	Vessel
)

// String returns the kind's word: person, organization or vessel.
func (k Kind) String() string {
	switch k {
	case Organization:
		return "organization"
	case Vessel:
		return "vessel"
	}
	return "person"
}

// ParseKind reads person, organization (or organisation, entity, company)
// or vessel; empty means person.
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "person", "individual":
		return Person, nil
	case "organization", "organisation", "entity", "company", "org":
		return Organization, nil
	case "vessel", "ship":
		return Vessel, nil
	}
	return Person, fmt.Errorf("kind %q: want person, organization or vessel", s)
}

// Token is one word of a prepared name.
type Token struct {
	// Text is the token in lower-case ASCII.
	Text string
	// Key is the romanization key (see package doc).
	Key string
	// Skeleton is the consonant skeleton.
	Skeleton string
	Script   Script
	// Weight is how much a match on this token says about identity.
	Weight float64
	sets   []uint16
	nicks  []uint16
	syl    []string
	plain  string // plainKey
	digit  bool   // Text has a digit
}

// unit is one token or a run of adjacent tokens joined, the thing the
// alignment compares.
type unit struct {
	Token
	first, n int // token span
	// identity is what the unit's tokens say about identity: 1 for each
	// rare token, a quarter of the weight of each common one.
	identity float64
}

func identityOf(toks []Token) float64 {
	s := 0.0
	for _, t := range toks {
		if t.Weight >= weightRare {
			s++
		} else {
			s += 0.25 * t.Weight
		}
	}
	return s
}

// Name is a name prepared for comparison. Prepare it once and compare it
// many times.
type Name struct {
	// Original is the name as given.
	Original string
	Kind     Kind
	Tokens   []Token
	units    []unit
	total    float64
	acronyms []string
	// eastAsian is set when the name was written in Hangul or Han or
	// carries a Korean or Chinese family name: its tokens are then
	// compared syllable by syllable.
	eastAsian bool
}

// Normalized returns the name's tokens joined by spaces.
func (n *Name) Normalized() string {
	parts := make([]string, len(n.Tokens))
	for i, t := range n.Tokens {
		parts[i] = t.Text
	}
	return strings.Join(parts, " ")
}

// Units returns the keys the name can be found by in an index: the
// romanization key of every token and of every run of two or three
// adjacent tokens.
func (n *Name) Units() []string {
	out := make([]string, len(n.units))
	for i, u := range n.units {
		out[i] = u.Key
	}
	return out
}

// UnitWeight returns the weight of the i-th unit (see Units).
func (n *Name) UnitWeight(i int) float64 { return n.units[i].Weight }

// UnitSpan returns how many tokens the i-th unit joins.
func (n *Name) UnitSpan(i int) int { return n.units[i].n }

// UnitText returns the text of the i-th unit (see Units).
func (n *Name) UnitText(i int) string { return n.units[i].Text }

// VariantKeys returns the romanization keys of every known spelling of
// the family or given name tok belongs to (Kim gives the keys of Kim,
// Gim, Ghim), nil when it belongs to none.
func (m *Matcher) VariantKeys(tok string) []string {
	var out []string
	for _, s := range m.sets[tok] {
		out = append(out, m.setKeys[s]...)
	}
	return out
}

// Matcher prepares and compares names. It holds read-only tables and is
// safe for concurrent use.
type Matcher struct {
	weights   map[string]float64
	sets      map[string][]uint16
	syllables map[string]bool
	setKeys   [][]string
	nicknames map[string][]uint16
	canto     map[[2]string]bool
}

// NewMatcher returns a matcher with the built-in token weights and
// variant sets.
func NewMatcher() *Matcher {
	m := &Matcher{weights: buildTokenWeights(), sets: make(map[string][]uint16), syllables: syllableKeys(),
		nicknames: make(map[string][]uint16), canto: cantoneseKeys()}
	for i, set := range nicknameSets {
		for _, s := range set {
			m.nicknames[s] = append(m.nicknames[s], uint16(i))
		}
	}
	m.setKeys = make([][]string, len(surnameSets))
	for i, set := range surnameSets {
		for _, s := range set {
			s = strings.ReplaceAll(s, " ", "")
			s = Transliterate(s)
			if k := romanKey(s); !slices.Contains(m.setKeys[i], k) {
				m.setKeys[i] = append(m.setKeys[i], k)
			}
			if !slices.Contains(m.sets[s], uint16(i)) {
				m.sets[s] = append(m.sets[s], uint16(i))
			}
		}
	}
	return m
}

// Weight returns the weight of a token (lower-case ASCII) for a kind of
// name.
func (m *Matcher) Weight(tok string, kind Kind) float64 {
	if kind != Person && placeWords[tok] {
		return weightVeryCommon
	}
	w, ok := m.weights[tok]
	if !ok {
		if len(tok) == 1 {
			return weightVeryCommon // an initial
		}
		return weightRare
	}
	if kind == Person && (w == weightGeneric) {
		// "Young", "King" and "Star" are names too; for people the
		// organisation vocabulary does not apply.
		return weightRare
	}
	return w
}

// Prepare folds, tokenizes and weighs a name.
func (m *Matcher) Prepare(s string, kind Kind) Name {
	raw := tokenize(s)
	if len(raw) > maxTokens {
		raw = raw[:maxTokens]
	}
	n := Name{Original: s, Kind: kind, Tokens: make([]Token, 0, len(raw))}
	for _, r := range raw {
		t := Token{Text: r.text, Script: r.script, Key: romanKey(r.text), Skeleton: skeleton(r.text), plain: plainKey(r.text), digit: hasDigit(r.text)}
		if kind != Person {
			if c, ok := legalFormCanon[r.text]; ok {
				t.Text, t.Key, t.plain = c, c, c
			}
		}
		t.Weight = m.Weight(t.Text, kind)
		if w, ok := m.weights[t.Key]; ok && w < t.Weight && w >= weightVeryCommon && kind == Person {
			t.Weight = w // "Gim" weighs as much as "Kim"
		}
		t.sets = m.sets[r.text]
		if kind == Person {
			t.nicks = m.nicknames[r.text]
		}
		if r.script == Hangul || r.script == Han {
			n.eastAsian = true
		}
		for _, s := range t.sets {
			if int(s) < cjkSets {
				n.eastAsian = true
			}
		}
		if vietnameseSurnames[t.Text] {
			n.eastAsian = true
		}
		if r.surnameFirst && len(t.sets) == 0 {
			t.sets = m.sets[t.Key]
		}
		n.Tokens = append(n.Tokens, t)
		n.total += t.Weight
	}
	if kind != Person && len(n.Tokens) >= 2 {
		n.acronyms = acronyms(n.Tokens)
	}
	if n.eastAsian {
		// Syllables are compared only between two Korean or Chinese names.
		for i := range n.Tokens {
			if !n.Tokens[i].Script.abjad() {
				n.Tokens[i].syl = segment(n.Tokens[i].Key, m.syllables)
			}
		}
	}
	for i := range n.Tokens {
		n.units = append(n.units, unit{Token: n.Tokens[i], first: i, n: 1, identity: identityOf(n.Tokens[i : i+1])})
		for k := 2; k <= 3 && i+k <= len(n.Tokens); k++ {
			var text strings.Builder
			w := 0.0
			for _, t := range n.Tokens[i : i+k] {
				text.WriteString(t.Text)
				w += t.Weight
			}
			if text.Len() > 24 {
				break
			}
			ts := text.String()
			u := unit{Token: Token{Text: ts, Key: romanKey(ts), Skeleton: skeleton(ts), plain: plainKey(ts), Script: n.Tokens[i].Script, Weight: w, sets: m.sets[ts], digit: hasDigit(ts)}, first: i, n: k, identity: identityOf(n.Tokens[i : i+k])}
			if n.eastAsian && !u.Script.abjad() {
				u.syl = segment(u.Key, m.syllables)
			}
			n.units = append(n.units, u)
		}
	}
	return n
}

// TokenMatch is one aligned pair of tokens (or runs of adjacent tokens)
// and why they were taken for the same word.
type TokenMatch struct {
	A, B       string
	Similarity float64
	// Rule names the reason: exact, variant (a known spelling of the same
	// family name), romanization (same romanization key), consonants (same
	// consonant skeleton), initial, acronym or spelling (edit distance).
	Rule string
	// Weight is the pair's share of the names' weight.
	Weight float64
}

// Match is the result of comparing two names.
type Match struct {
	Score float64
	// Pairs lists the aligned tokens, most similar first.
	Pairs []TokenMatch
	// UnmatchedA and UnmatchedB list the tokens left without a partner.
	UnmatchedA, UnmatchedB []string
	// Specificity in 0..1 says how much identity the matched tokens carry:
	// 1 when a rare token matched, low when only common names and generic
	// words did. Screening multiplies name-only hits by it.
	Specificity float64
}

// Explain returns a one-line explanation of the score.
func (r Match) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "score %.2f", r.Score)
	if len(r.Pairs) > 0 {
		b.WriteString(": ")
		for i, p := range r.Pairs {
			if i > 0 {
				b.WriteString(", ")
			}
			if p.A == p.B {
				fmt.Fprintf(&b, "%s (%s", p.A, p.Rule)
			} else {
				fmt.Fprintf(&b, "%s~%s (%s %.2f", p.A, p.B, p.Rule, p.Similarity)
			}
			fmt.Fprintf(&b, ", weight %.2f)", p.Weight)
		}
	}
	if len(r.UnmatchedA)+len(r.UnmatchedB) > 0 {
		fmt.Fprintf(&b, "; unmatched: %s", strings.Join(append(slices.Clone(r.UnmatchedA), r.UnmatchedB...), " "))
	}
	fmt.Fprintf(&b, "; specificity %.2f", r.Specificity)
	return b.String()
}

// Score prepares and compares two names of a kind.
func (m *Matcher) Score(a, b string, kind Kind) Match {
	na, nb := m.Prepare(a, kind), m.Prepare(b, kind)
	return m.Compare(&na, &nb)
}

type cand struct {
	i, j int
	sim  float64
	rule string
}

// Compare scores two prepared names.
func (m *Matcher) Compare(a, b *Name) Match {
	var r Match
	if len(a.Tokens) == 0 || len(b.Tokens) == 0 {
		return r
	}
	// Acronym of an organisation ("KOMID") against its long name.
	if a.Kind != Person {
		if s, ok := acronymMatch(a, b); ok {
			return s
		}
		if s, ok := acronymMatch(b, a); ok {
			return s
		}
	}
	var cs [64]cand
	cands := cs[:0]
	syllables := a.eastAsian && b.eastAsian
	for i := range a.units {
		for j := range b.units {
			sim, rule := unitSim(&a.units[i], &b.units[j], syllables, m.canto)
			if sim >= 0.6 {
				cands = append(cands, cand{i, j, sim, rule})
			}
		}
	}
	slices.SortStableFunc(cands, func(x, y cand) int {
		if x.sim != y.sim {
			if x.sim > y.sim {
				return -1
			}
			return 1
		}
		// Prefer pairs that cover more weight.
		wx := a.units[x.i].Weight + b.units[x.j].Weight
		wy := a.units[y.i].Weight + b.units[y.j].Weight
		if wx > wy {
			return -1
		} else if wx < wy {
			return 1
		}
		return 0
	})
	var usedA, usedB uint64
	var matchedA, matchedB, identity float64
	for _, c := range cands {
		ua, ub := &a.units[c.i], &b.units[c.j]
		ma, mb := spanMask(ua.first, ua.n), spanMask(ub.first, ub.n)
		if usedA&ma != 0 || usedB&mb != 0 {
			continue
		}
		// Digits in names (vessels, "Unit 180") must agree exactly.
		usedA |= ma
		usedB |= mb
		matchedA += c.sim * ua.Weight
		matchedB += c.sim * ub.Weight
		identity += c.sim * math.Min(ua.identity, ub.identity)
		r.Pairs = append(r.Pairs, TokenMatch{A: ua.Text, B: ub.Text, Similarity: round2(c.sim), Rule: c.rule,
			Weight: round2((ua.Weight + ub.Weight) / (a.total + b.total))})
	}
	for i, t := range a.Tokens {
		if usedA&(1<<uint(i)) == 0 {
			r.UnmatchedA = append(r.UnmatchedA, t.Text)
		}
	}
	for i, t := range b.Tokens {
		if usedB&(1<<uint(i)) == 0 {
			r.UnmatchedB = append(r.UnmatchedB, t.Text)
		}
	}
	dice := (matchedA + matchedB) / (a.total + b.total)
	// Coverage of the shorter name: a name with a middle name left out is
	// still the same name. A floor on the denominator keeps a lone common
	// token from covering a whole name.
	small, smallTotal := matchedA, a.total
	if b.total < a.total {
		small, smallTotal = matchedB, b.total
	}
	if len(a.Tokens) == 1 || len(b.Tokens) == 1 {
		smallTotal = math.Max(smallTotal, 0.8)
	}
	cover := small / smallTotal
	score := 0.5*dice + 0.5*cover
	if leftover(a, usedA) && leftover(b, usedB) {
		// Each name keeps a word of its own: two people who share some
		// names ("Kim Song Chol", "Jo Chol Song").
		score *= 0.9
	}
	if da, db := digitTokens(a), digitTokens(b); da != db {
		// "Mi Rim" and "Mi Rim 2", "Ji Song 6" and "Ji Song 8" are
		// different ships.
		if da != "" && db != "" {
			score *= 0.5
		} else {
			score *= 0.75
		}
	}
	if a.Kind == Person && (len(a.Tokens) == 1) != (len(b.Tokens) == 1) {
		// One word against a full name: a lone given or family name is
		// not a person's name.
		score *= 0.8
	}
	// Every token of both names unmatched but one: a single shared token
	// is not the same name, however rare.
	if len(r.Pairs) == 1 && len(a.Tokens) > 1 && len(b.Tokens) > 1 {
		if len(r.UnmatchedA) > 0 && len(r.UnmatchedB) > 0 {
			score *= 0.85
		}
	}
	r.Score = round3(math.Min(1, score))
	r.Specificity = round2(math.Min(1, identity))
	return r
}

// functionWords are left out of acronyms.
var functionWords = map[string]bool{"of": true, "the": true, "and": true, "for": true, "de": true, "la": true, "al": true, "el": true, "du": true, "des": true}

// acronyms returns the initials of an organisation's words, without
// function words, and the same with trailing generic words and legal forms
// dropped ("Ocean Maritime Management Company Limited" gives "ommcl" and
// "omm").
func acronyms(toks []Token) []string {
	var letters []byte
	var weights []float64
	for _, t := range toks {
		if functionWords[t.Text] || t.Text == "" {
			continue
		}
		letters = append(letters, t.Text[0])
		weights = append(weights, t.Weight)
	}
	var out []string
	if len(letters) >= 2 {
		out = append(out, string(letters))
	}
	end := len(letters)
	for end > 2 && weights[end-1] <= weightGeneric {
		end--
		out = append(out, string(letters[:end]))
	}
	return out
}

// leftover reports whether a name has an unmatched token that carries
// identity (not a legal form, particle or generic word).
func leftover(n *Name, used uint64) bool {
	for i, t := range n.Tokens {
		if used&(1<<uint(i)) == 0 && t.Weight > weightGeneric {
			return true
		}
	}
	return false
}

// digitTokens returns the name's tokens with digits, joined.
func digitTokens(n *Name) string {
	var b strings.Builder
	for _, t := range n.Tokens {
		if hasDigit(t.Text) {
			b.WriteString(t.Text)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func acronymMatch(a, b *Name) (Match, bool) {
	if len(a.Tokens) != 1 || len(b.acronyms) == 0 || len(a.Tokens[0].Text) < 3 {
		return Match{}, false
	}
	if !slices.Contains(b.acronyms, a.Tokens[0].Text) {
		return Match{}, false
	}
	return Match{Score: 0.9, Specificity: 0.6, Pairs: []TokenMatch{{A: a.Tokens[0].Text, B: b.Normalized(), Similarity: 0.9, Rule: "acronym", Weight: 1}}}, true
}

func spanMask(first, n int) uint64 {
	if first >= 64 {
		return 0
	}
	return ((uint64(1) << uint(n)) - 1) << uint(first)
}

// spellingPenalty multiplies the distance part of edit-distance
// similarities.
const spellingPenalty = 2

func round2(f float64) float64 { return math.Round(f*100) / 100 }
func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

// unitSim says how alike two tokens (or joined runs) are, and why.
func unitSim(x, y *unit, syllables bool, canto map[[2]string]bool) (float64, string) {
	if x.Text == y.Text {
		return 1, "exact"
	}
	if x.digit || y.digit {
		return 0, ""
	}
	for _, s := range x.sets {
		if slices.Contains(y.sets, s) {
			return 0.95, "variant"
		}
	}
	for _, s := range x.nicks {
		if slices.Contains(y.nicks, s) {
			return 0.85, "nickname"
		}
	}
	xk, yk := x.plain, y.plain
	if syllables {
		xk, yk = x.Key, y.Key
	}
	if xk == yk && len(xk) >= 2 {
		return 0.93, "romanization"
	}
	if x.n == 1 && y.n == 1 {
		if len(x.Text) == 1 && y.Text[0] == x.Text[0] || len(y.Text) == 1 && x.Text[0] == y.Text[0] {
			return 0.75, "initial"
		}
	}
	if len(x.Text) == 1 || len(y.Text) == 1 {
		return 0, ""
	}
	if x.n > 1 && y.n > 1 {
		// Runs of joined words meet only by the rules above or by their
		// consonants across scripts: the spelling rules below compare
		// them word by word.
		if x.Script.abjad() != y.Script.abjad() && len(x.Skeleton) >= 2 && x.Skeleton == y.Skeleton {
			return 0.92, "consonants"
		}
		return 0, ""
	}
	if x.n == 1 && y.n == 1 && x.Weight == weightLegalForm && y.Weight == weightLegalForm {
		return 0.9, "legal form"
	}
	if syllables {
		if s, ok := syllableSim(x.syl, y.syl, canto); ok {
			if s == 0 {
				return 0, ""
			}
			return s, "romanization"
		}
	}
	arabic := x.Script.abjad() || y.Script.abjad()
	if arabic {
		if x.Script == y.Script {
			return ratioSim(x.Text, y.Text)
		}
		if len(x.Skeleton) >= 2 && x.Skeleton == y.Skeleton {
			return 0.92, "consonants"
		}
		r := ratio(x.Skeleton, y.Skeleton)
		if len(x.Skeleton) >= 3 && r >= 0.75 {
			return r * 0.9, "consonants"
		}
		return 0, ""
	}
	// Misspellings seldom touch both of the first two letters: a cheap
	// filter before the edit distance.
	if len(xk) < 2 || len(yk) < 2 || xk[0] != yk[0] && xk[1] != yk[1] && xk[0] != yk[1] && xk[1] != yk[0] {
		return consonantSim(x, y, 0, "")
	}
	sim, rule := ratioSim(xk, yk)
	if sim < 0.9 {
		if s2, r2 := ratioSim(x.Text, y.Text); s2 > sim {
			sim, rule = s2, r2
		}
	}
	return consonantSim(x, y, sim, rule)
}

// consonantSim raises sim when both words have the same consonants and
// are long enough for that to mean one name written with other vowels.
func consonantSim(x, y *unit, sim float64, rule string) (float64, string) {
	if len(x.Text) >= 5 && len(y.Text) >= 5 && len(x.Skeleton) >= 3 && x.Skeleton == y.Skeleton && ratio(x.Text, y.Text) >= 0.6 {
		// Same consonants, vowels written differently: the longer the
		// word, the likelier one name.
		if c := min(0.86, 0.78+0.01*float64(min(len(x.Text), len(y.Text))-5)); c > sim {
			return c, "consonants"
		}
	}
	return sim, rule
}

// ratioSim is the edit-distance similarity of two spellings, 0 below the
// point where a misspelling becomes a different word. Short words need to
// be closer.
func ratioSim(a, b string) (float64, string) {
	r := ratio(a, b)
	min := 0.75
	if len(a) <= 4 || len(b) <= 4 {
		min = 0.8
	}
	if r < min {
		return 0, ""
	}
	// One letter off in a short word is as often another name as a
	// misspelling; the similarity says so.
	return 1 - spellingPenalty*(1-r), "spelling"
}

// ratio is 1 - DamerauLevenshtein(a, b)/max(len).
func ratio(a, b string) float64 {
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	mx := max(la, lb)
	if d := la - lb; d*4 > mx || -d*4 > mx {
		return 0 // too far apart in length to pass any cut-off
	}
	return 1 - float64(editDistance(a, b))/float64(mx)
}

// editDistance is the optimal-string-alignment distance (Levenshtein with
// adjacent transpositions) between two ASCII strings.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		a, b = a[:min(len(a), 64)], b[:min(len(b), 64)]
	}
	var rows [3][65]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
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
	return prev[len(b)]
}
