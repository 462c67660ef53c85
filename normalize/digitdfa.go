package normalize

import (
	"regexp/syntax"
	"slices"
)

// digitDFA decides membership of strings of ASCII digits in the language
// of a regular expression, one table step a digit. libphonenumber's number
// patterns are large alternations of digit classes ("(?:2(?:0[1-35-9]|
// 1[02-9]|…)|…)\d{6}") that Go's regexp matches by backtracking, clearing
// its visited set on every call; phone keying asks a dozen of them per
// number. Built once per pattern, a DFA answers the same question in
// time proportional to the number's length. Strings with other bytes are
// not its business.
type digitDFA struct {
	// next[s*10+d] is the state after digit d in state s, -1 when no
	// string continuing so can match.
	next []int32
	// final[s] reports that the input so far is in the language.
	final []bool
}

// maxDFAStates bounds the table; a pattern that needs more keeps its
// regular expression.
const maxDFAStates = 4096

// newDigitDFA builds the DFA of pattern (RE2 syntax, as package regexp
// reads it) matched against whole strings of digits, or returns nil when
// the pattern has assertions (^, $, \b…) or needs too many states.
func newDigitDFA(pattern string) *digitDFA {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil
	}
	// A state is the set of instructions that consume the next rune, with
	// whether a match is reached; it is found by following the
	// instructions that consume nothing.
	ok := true
	closure := func(pcs []uint32) (set []uint32, final bool) {
		seen := make(map[uint32]bool)
		var stack []uint32
		stack = append(stack, pcs...)
		for len(stack) > 0 {
			pc := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[pc] {
				continue
			}
			seen[pc] = true
			in := &prog.Inst[pc]
			switch in.Op {
			case syntax.InstAlt, syntax.InstAltMatch:
				stack = append(stack, in.Out, in.Arg)
			case syntax.InstCapture, syntax.InstNop:
				stack = append(stack, in.Out)
			case syntax.InstMatch:
				final = true
			case syntax.InstFail:
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				set = append(set, pc)
			default: // InstEmptyWidth: an assertion
				ok = false
			}
		}
		slices.Sort(set)
		return set, final
	}
	key := func(set []uint32) string {
		b := make([]byte, 0, 4*len(set))
		for _, pc := range set {
			b = append(b, byte(pc), byte(pc>>8), byte(pc>>16), byte(pc>>24))
		}
		return string(b)
	}
	d := &digitDFA{}
	index := make(map[string]int32)
	var sets [][]uint32
	add := func(set []uint32, final bool) int32 {
		if len(set) == 0 && !final {
			return -1
		}
		k := key(set)
		if final {
			k += "$"
		}
		if s, ok := index[k]; ok {
			return s
		}
		s := int32(len(sets))
		index[k] = s
		sets = append(sets, set)
		d.final = append(d.final, final)
		d.next = append(d.next, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)
		return s
	}
	start, final := closure([]uint32{uint32(prog.Start)})
	if !ok {
		return nil
	}
	if add(start, final) < 0 {
		// Nothing matches: an empty table whose start state is dead.
		d.final = []bool{false}
		d.next = []int32{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1}
		return d
	}
	for s := 0; s < len(sets) && ok; s++ {
		if len(sets) > maxDFAStates {
			return nil
		}
		for digit := range 10 {
			var outs []uint32
			for _, pc := range sets[s] {
				in := &prog.Inst[pc]
				if in.MatchRune(rune('0' + digit)) {
					outs = append(outs, in.Out)
				}
			}
			set, final := closure(outs)
			d.next[s*10+digit] = add(set, final)
		}
	}
	if !ok || len(sets) > maxDFAStates {
		return nil
	}
	return d
}

// match reports whether the whole of s is in the language; ok is false
// when s has a byte that is not an ASCII digit, which the DFA cannot say.
func (d *digitDFA) match(s string) (in, ok bool) {
	state := int32(0)
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return false, false
		}
		if state >= 0 {
			state = d.next[int(state)*10+int(c)]
		}
	}
	return state >= 0 && d.final[state], true
}
