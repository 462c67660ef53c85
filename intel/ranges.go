package intel

import (
	"bufio"
	"bytes"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/gaissmai/bart"
)

// rangeFlags are the anonymiser flags a CIDR list's label implies.
type rangeFlags uint8

const (
	flagVPN rangeFlags = 1 << iota
	flagTor
	flagProxy
	flagResidentialProxy
	flagHosting
)

// labelFlags returns the flags a label's family implies (see Set.IP).
func labelFlags(label string) rangeFlags {
	family, _, _ := strings.Cut(label, ":")
	switch family {
	case "vpn":
		return flagVPN
	case "tor":
		if label == "tor" || label == "tor:exit" {
			return flagTor
		}
	case "proxy":
		return flagProxy
	case "residential-proxy":
		return flagResidentialProxy
	case "hosting", "datacenter":
		return flagHosting
	}
	return 0
}

func (f rangeFlags) apply(info *IPInfo) {
	if f&flagVPN != 0 {
		info.AnonymousVPN, info.Anonymous = true, true
	}
	if f&flagTor != 0 {
		info.TorExit, info.Anonymous = true, true
	}
	if f&flagProxy != 0 {
		info.PublicProxy, info.Anonymous = true, true
	}
	if f&flagResidentialProxy != 0 {
		info.ResidentialProxy, info.Anonymous = true, true
	}
	if f&flagHosting != 0 {
		info.Hosting = true
	}
}

// rangeInfo is what the prefix table holds for one prefix: the labels of
// every list containing it, its own and its supernets'.
type rangeInfo struct {
	labels []string
	flags  rangeFlags
}

// rangeTable is the merged, frozen prefix table of all CIDR lists.
type rangeTable struct {
	t *bart.Fast[*rangeInfo]
}

func (r rangeTable) lookup(a netip.Addr) (*rangeInfo, bool) {
	if r.t == nil {
		return nil, false
	}
	return r.t.Lookup(a)
}

// rangeBuilder collects the prefixes of CIDR lists with their labels.
type rangeBuilder struct {
	prefixes map[netip.Prefix][]string
}

// addList parses a CIDR list and adds its prefixes under label. It
// returns the number of entries.
func (rb *rangeBuilder) addList(name, label string, data []byte) (int, error) {
	pfxs, err := parseCIDRList(name, data)
	if err != nil {
		return 0, err
	}
	if rb.prefixes == nil {
		rb.prefixes = make(map[netip.Prefix][]string)
	}
	for _, p := range pfxs {
		if !slices.Contains(rb.prefixes[p], label) {
			rb.prefixes[p] = append(rb.prefixes[p], label)
		}
	}
	return len(pfxs), nil
}

// build merges the lists: each prefix gets the labels of every prefix
// that contains it, so that a longest-prefix lookup answers with all the
// lists an address is in. Identical label sets share one rangeInfo.
func (rb *rangeBuilder) build() rangeTable {
	if len(rb.prefixes) == 0 {
		return rangeTable{}
	}
	own := new(bart.Fast[[]string])
	for p, labels := range rb.prefixes {
		own.Insert(p, labels)
	}
	shared := make(map[string]*rangeInfo)
	t := new(bart.Fast[*rangeInfo])
	for p := range rb.prefixes {
		var labels []string
		for _, ls := range own.Supernets(p) {
			for _, l := range ls {
				if !slices.Contains(labels, l) {
					labels = append(labels, l)
				}
			}
		}
		slices.Sort(labels)
		key := strings.Join(labels, "\x00")
		ri, ok := shared[key]
		if !ok {
			ri = &rangeInfo{labels: labels}
			for _, l := range labels {
				ri.flags |= labelFlags(l)
			}
			shared[key] = ri
		}
		t.Insert(p, ri)
	}
	return rangeTable{t: t}
}

// maxListLine bounds one line of a list file.
const maxListLine = 4096

// parseCIDRList reads a text file of CIDR prefixes or bare addresses, one
// per line. "#" and ";" start comments (the latter as in Spamhaus DROP
// files), blank lines are skipped. Non-canonical prefixes (10.1.2.3/8)
// are masked. Anything else is an error naming the file and line.
//
// The Tor Project's exit list (check.torproject.org/exit-addresses:
// "ExitNode", "Published", "LastStatus" and "ExitAddress IP TIME" lines)
// is read too: its ExitAddress addresses are the list.
func parseCIDRList(name string, data []byte) ([]netip.Prefix, error) {
	if isTorExitList(data) {
		return parseTorExitList(name, data)
	}
	var out []netip.Prefix
	err := eachListLine(name, data, func(line int, tok string) error {
		p, err := parsePrefixOrAddr(tok)
		if err != nil {
			return fmt.Errorf("%s line %d: %w", name, line, err)
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w: no CIDR prefix or IP address in the file", name, errNoEntries)
	}
	return out, nil
}

// parsePrefixOrAddr parses "192.0.2.0/24", "2001:db8::/32" or a bare
// address, which becomes a /32 or /128.
func parsePrefixOrAddr(tok string) (netip.Prefix, error) {
	if strings.Contains(tok, "/") {
		p, err := netip.ParsePrefix(tok)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("%q is not a CIDR prefix", clip(tok))
		}
		if p.Addr().Is4In6() {
			bits := p.Bits() - 96
			if bits < 0 {
				return netip.Prefix{}, fmt.Errorf("%q: IPv4-mapped prefix shorter than /96", clip(tok))
			}
			p = netip.PrefixFrom(p.Addr().Unmap(), bits)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(tok)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not an IP address or CIDR prefix", clip(tok))
	}
	if a.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("%q: an address with a zone is not routable", clip(tok))
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// eachListLine calls fn with the one token of every non-blank,
// non-comment line of a list file. A line with more than one token is an
// error.
func eachListLine(name string, data []byte, fn func(line int, tok string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 256), maxListLine)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if line == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		if i := strings.IndexAny(s, "#;"); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if strings.ContainsAny(s, " \t") {
			return fmt.Errorf("%s line %d: %q holds more than one entry", name, line, clip(s))
		}
		if err := fn(line, s); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s line %d: %w", name, line+1, err)
	}
	return nil
}

// clip shortens s for an error message.
func clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}

// isTorExitList reports the Tor Project's exit-addresses format.
func isTorExitList(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff"))), []byte("ExitNode "))
}

// parseTorExitList reads the ExitAddress lines of the Tor Project's exit
// list.
func parseTorExitList(name string, data []byte) ([]netip.Prefix, error) {
	var out []netip.Prefix
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 256), maxListLine)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "ExitNode", "Published", "LastStatus":
			continue
		case "ExitAddress":
			if len(f) < 2 {
				return nil, fmt.Errorf("%s line %d: ExitAddress without an address", name, line)
			}
			a, err := netip.ParseAddr(f[1])
			if err != nil || a.Zone() != "" {
				return nil, fmt.Errorf("%s line %d: %q is not an IP address", name, line, clip(f[1]))
			}
			a = a.Unmap()
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
		default:
			return nil, fmt.Errorf("%s line %d: %q is not a line of the Tor exit list", name, line, clip(f[0]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s line %d: %w", name, line+1, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w: no ExitAddress in the Tor exit list", name, errNoEntries)
	}
	return out, nil
}
