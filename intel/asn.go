package intel

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// asnBuilder collects labelled ASN lists.
type asnBuilder struct {
	labels map[uint32][]string
}

func (ab *asnBuilder) addList(name, label string, data []byte) (int, error) {
	asns, err := parseASNList(name, data)
	if err != nil {
		return 0, err
	}
	if ab.labels == nil {
		ab.labels = make(map[uint32][]string)
	}
	for _, a := range asns {
		if !slices.Contains(ab.labels[a], label) {
			ab.labels[a] = append(ab.labels[a], label)
		}
	}
	return len(asns), nil
}

// build freezes the lists; identical label sets share one rangeInfo.
func (ab *asnBuilder) build() map[uint32]*rangeInfo {
	if len(ab.labels) == 0 {
		return nil
	}
	out := make(map[uint32]*rangeInfo, len(ab.labels))
	shared := map[string]*rangeInfo{}
	for a, ls := range ab.labels {
		ls = slices.Clone(ls)
		slices.Sort(ls)
		k := strings.Join(ls, "\x00")
		ri, ok := shared[k]
		if !ok {
			ri = &rangeInfo{labels: ls}
			for _, l := range ls {
				ri.flags |= labelFlags(l)
			}
			shared[k] = ri
		}
		out[a] = ri
	}
	return out
}

// parseASN parses "AS9009" (any case); bare numbers are refused so that
// a list of something else is not mistaken for one.
func parseASN(tok string) (uint32, error) {
	if len(tok) < 3 || !strings.EqualFold(tok[:2], "as") {
		return 0, fmt.Errorf("%q is not an AS number (want AS followed by digits, e.g. AS9009)", clip(tok))
	}
	n, err := strconv.ParseUint(tok[2:], 10, 32)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("%q is not an AS number (want AS followed by 1 to 4294967295)", clip(tok))
	}
	return uint32(n), nil
}

// parseASNList reads a text file of AS numbers, one per line, with "#"
// comments.
func parseASNList(name string, data []byte) ([]uint32, error) {
	var out []uint32
	err := eachListLine(name, data, func(line int, tok string) error {
		a, err := parseASN(tok)
		if err != nil {
			return fmt.Errorf("%s line %d: %w", name, line, err)
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w: no AS number in the file", name, errNoEntries)
	}
	return out, nil
}

// mergeLabels returns the sorted union of two sorted label lists,
// reusing one of them when the other adds nothing.
func mergeLabels(a, b []string) []string {
	if len(a) == 0 {
		return b
	}
	extra := false
	for _, l := range b {
		if !slices.Contains(a, l) {
			extra = true
			break
		}
	}
	if !extra {
		return a
	}
	out := slices.Clone(a)
	for _, l := range b {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}
