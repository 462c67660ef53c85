package intel

import (
	"fmt"
	"strings"
)

// DomainInfo is what the loaded lists say of an e-mail domain.
type DomainInfo struct {
	// Disposable reports a throw-away mailbox service. It is an
	// indicator: a worker paid for months rarely signs up with one.
	Disposable bool `json:"disposable,omitempty"`
	// Free reports a free consumer mail provider (Gmail, Outlook,
	// Naver…). Most honest applicants use one: it is context for an
	// analyst, never an indicator on its own.
	Free bool `json:"free,omitempty"`
}

// EmailDomain returns what the lists say of a domain. It accepts a bare
// domain or a whole address (the part after the last "@"), in any case,
// with or without a trailing dot. A subdomain of a listed domain
// (mail.yopmail.com) counts as listed; an allow-listed domain is never
// disposable.
func (s *Set) EmailDomain(domain string) DomainInfo {
	return s.domains.lookup(domain)
}

// domainLists holds the disposable, free and allow lists.
type domainLists struct {
	disposable map[string]bool
	free       map[string]bool
	allow      map[string]bool
}

func newDomainLists() *domainLists {
	return &domainLists{disposable: map[string]bool{}, free: map[string]bool{}, allow: map[string]bool{}}
}

func (d *domainLists) set(label string) map[string]bool {
	switch label {
	case LabelDisposable:
		return d.disposable
	case LabelFree:
		return d.free
	case LabelAllow:
		return d.allow
	}
	return nil
}

// addDomains adds already-valid domains; it returns how many.
func (d *domainLists) addDomains(label string, domains []string) int {
	m := d.set(label)
	for _, x := range domains {
		m[x] = true
	}
	return len(domains)
}

// addList parses a domain list file and adds it under label.
func (d *domainLists) addList(name, label string, data []byte) (int, error) {
	if d.set(label) == nil {
		return 0, fmt.Errorf("%s: label %q is not a domain-list label (%s, %s, %s)", name, label, LabelDisposable, LabelFree, LabelAllow)
	}
	domains, err := parseDomainList(name, data)
	if err != nil {
		return 0, err
	}
	return d.addDomains(label, domains), nil
}

func (d *domainLists) lookup(domain string) DomainInfo {
	if at := strings.LastIndexByte(domain, '@'); at >= 0 {
		domain = domain[at+1:]
	}
	domain = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(domain), "."))
	var info DomainInfo
	allowed := false
	// Walk from the domain up to its registrable parents:
	// a.b.example.com, b.example.com, example.com.
	for s := domain; s != ""; {
		if !strings.Contains(s, ".") {
			break
		}
		if d.allow[s] {
			allowed = true
		}
		if d.disposable[s] {
			info.Disposable = true
		}
		if d.free[s] {
			info.Free = true
		}
		_, rest, ok := strings.Cut(s, ".")
		if !ok {
			break
		}
		s = rest
	}
	if allowed {
		info.Disposable = false
	}
	return info
}

// parseDomainList reads a text file of domains, one per line, with "#"
// comments. A leading "*." or "@" is dropped; domains are lower-cased.
func parseDomainList(name string, data []byte) ([]string, error) {
	var out []string
	err := eachListLine(name, data, func(line int, tok string) error {
		d, err := cleanDomain(tok)
		if err != nil {
			return fmt.Errorf("%s line %d: %w", name, line, err)
		}
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w: no domain in the file", name, errNoEntries)
	}
	return out, nil
}

// cleanDomain validates a DNS name in ASCII (IDNs in their xn-- form):
// labels of letters, digits, hyphens and underscores, 1..63 bytes, at
// least two labels, 253 bytes at most.
func cleanDomain(tok string) (string, error) {
	d := strings.ToLower(tok)
	d = strings.TrimPrefix(d, "*.")
	d = strings.TrimPrefix(d, "@")
	d = strings.TrimSuffix(d, ".")
	if d == "" || len(d) > 253 {
		return "", fmt.Errorf("%q is not a domain name", clip(tok))
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return "", fmt.Errorf("%q is not a domain name (no dot)", clip(tok))
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return "", fmt.Errorf("%q is not a domain name (bad label %q)", clip(tok), clip(l))
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return "", fmt.Errorf("%q is not a domain name (character %q)", clip(tok), c)
			}
		}
	}
	if isVersionWord(labels[len(labels)-1]) {
		return "", fmt.Errorf("%q is not a domain name (numeric top-level label)", clip(tok))
	}
	return d, nil
}
