package synth

import (
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/ringerhq/ringer"
)

// SwapNames returns a copy of recs in which honest people with Korean or
// Chinese names trade names with honest people of other cultures, and
// everything else stays equal: for the fairness test that a name's culture
// does not move a score.
//
// People are paired, not records: the records of one person (a
// reapplicant) all take the other person's names, record by record. A
// name moves wherever the record writes it: Name, Aliases, the payout
// holder when it is the person's own name, and the résumé's first line.
// E-mail addresses and handles are identifiers and stay as they are.
// Records of fraudulent personas are not touched. Generated events carry
// no names of honest people, so they stay valid for the swapped records.
func SwapNames(recs []ringer.Record, labels []Label, seed int64) []ringer.Record {
	out := make([]ringer.Record, len(recs))
	copy(out, recs)
	idx := make(map[string]int, len(recs))
	for i := range recs {
		idx[recs[i].ID] = i
	}
	// Group honest records by person, in a stable order.
	persons := make(map[string][]int)
	group := make(map[string]string)
	var order []string
	for _, l := range labels {
		i, ok := idx[l.RecordID]
		if !ok || l.Fraud {
			continue
		}
		pid := l.PersonID
		if pid == "" {
			pid = "rec:" + l.RecordID
		}
		if _, seen := persons[pid]; !seen {
			order = append(order, pid)
			group[pid] = l.NameGroup
		}
		persons[pid] = append(persons[pid], i)
	}
	sort.Strings(order)
	var kc, others []string
	for _, pid := range order {
		switch group[pid] {
		case GroupKorean, GroupChinese:
			kc = append(kc, pid)
		default:
			others = append(others, pid)
		}
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x73776170))
	r.Shuffle(len(kc), func(i, j int) { kc[i], kc[j] = kc[j], kc[i] })
	r.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	for k := 0; k < len(kc) && k < len(others); k++ {
		a, b := persons[kc[k]], persons[others[k]]
		for n, i := range a {
			setName(&out[i], &recs[i], &recs[b[n%len(b)]])
		}
		for n, i := range b {
			setName(&out[i], &recs[i], &recs[a[n%len(a)]])
		}
	}
	return out
}

// setName writes into dst (a copy of old) the names of from.
func setName(dst, old, from *ringer.Record) {
	oldNames := nameForms(old)
	newName := from.Name.Display()
	dst.Name = from.Name
	dst.Aliases = append([]string(nil), from.Aliases...)
	if len(old.PayoutAccounts) > 0 {
		dst.PayoutAccounts = append([]ringer.PayoutAccount(nil), old.PayoutAccounts...)
		for j := range dst.PayoutAccounts {
			h := dst.PayoutAccounts[j].Holder
			if h == "" || !ownName(h, oldNames) {
				continue
			}
			nh := newName
			if h == strings.ToUpper(h) {
				nh = strings.ToUpper(fold(nh))
			}
			dst.PayoutAccounts[j].Holder = nh
		}
	}
	if old.Resume != nil && old.Resume.Text != "" {
		first, rest, _ := strings.Cut(old.Resume.Text, "\n")
		if ownName(first, oldNames) {
			first = newName
		}
		dst.Resume = &ringer.Resume{Text: first + "\n" + rest, Path: old.Resume.Path}
	}
}

// nameForms are the ways a record writes its own name.
func nameForms(r *ringer.Record) []string {
	n := r.Name
	forms := []string{n.Full, join(n.Given, n.Family), join(n.Family, n.Given), join(n.Given, n.Middle, n.Family)}
	if g := []rune(n.Given); len(g) > 0 {
		forms = append(forms, string(g[0])+" "+n.Family)
	}
	forms = append(forms, r.Aliases...)
	var out []string
	for _, f := range forms {
		if strings.TrimSpace(f) != "" {
			out = append(out, f)
		}
	}
	return out
}

// ownName reports whether s is written with the name forms' words only
// (each word equal to one of theirs but for one typing mistake, or its
// initial).
func ownName(s string, forms []string) bool {
	// Spacing and hyphens differ between forms ("Young-ho" and "Young Ho").
	squash := func(x string) string {
		return strings.Map(func(c rune) rune {
			if c == ' ' || c == '-' || c == '.' || c == ',' {
				return -1
			}
			return c
		}, strings.ToLower(fold(x)))
	}
	for _, f := range forms {
		if a, b := squash(s), squash(f); a != "" && (a == b || len(a) > 3 && editDistance1(a, b)) {
			return true
		}
	}
	var known []string
	for _, f := range forms {
		known = append(known, strings.Fields(strings.ReplaceAll(strings.ToLower(fold(f)), "-", " "))...)
	}
	words := strings.Fields(strings.ReplaceAll(strings.ToLower(fold(s)), "-", " "))
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		w = strings.TrimSuffix(w, ".")
		ok := false
		for _, k := range known {
			if w == k || len(w) == 1 && strings.HasPrefix(k, w) || len(w) > 3 && editDistance1(w, k) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// editDistance1 reports whether a and b differ by at most one insertion,
// deletion, substitution or transposition of adjacent letters.
func editDistance1(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la > lb:
		return a[i+1:] == b[i:]
	}
	return a[i:] == b[i+1:]
}
