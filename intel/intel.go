// Package intel holds the intelligence a ringer deployment checks
// observations against: MaxMind DB (MMDB) files for the geography, network
// owner and anonymiser status of an IP address; labelled CIDR lists (VPN
// exits, hosting ranges, Tor, the company's own networks); catalogues of
// remote-access tools and IP-KVM devices; and lists of disposable and free
// e-mail domains.
//
// A Set is built from the built-in defaults (Default) plus whatever a user
// imported into the deployment's store (Import, Load). Import validates
// every file fully before storing anything, so a bad file is refused with a
// message naming it and the source stored before stays in force.
//
// The package reports facts; it never scores them. Free-mail providers, for
// one, are exposed for context only: most honest applicants use one.
package intel

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	ringer "github.com/ringerhq/ringer"
)

// ReferenceKind is the ringer.Reference kind under which intelligence
// sources are stored.
const ReferenceKind = "intel"

// Formats of stored intelligence references (ringer.Reference.Format).
const (
	FormatMMDB = "mmdb"
	FormatCIDR = "cidr"
	// FormatASNList is a labelled list of autonomous system numbers
	// ("AS9009", one per line), such as X4BNet's VPN and datacenter ASN
	// lists. An address whose MMDB ASN is listed gets the list's label.
	FormatASNList     = "asn"
	FormatLOLRMM      = "lolrmm-json"
	FormatIPKVMWatch  = "ipkvm-watch-yaml"
	FormatDomainList  = "domains"
	formatBuiltinKind = "builtin"
)

// Labels of e-mail domain lists. A domain list is imported with one of
// them; any other label marks a CIDR list.
const (
	LabelDisposable = "disposable"
	LabelFree       = "free"
	// LabelAllow lists domains that are never reported as disposable,
	// whatever a disposable list says.
	LabelAllow = "allow"
)

// Set is the intelligence a deployment has loaded: MMDB databases, labelled
// CIDR lists, remote-access tool and IP-KVM catalogues, e-mail domain
// lists. It is immutable once built and safe for concurrent use.
type Set struct {
	sources []SourceInfo
	geo     []*geoDB
	ranges  rangeTable
	asns    map[uint32]*rangeInfo
	tools   *toolCatalogue
	kvms    *kvmCatalogue
	domains *domainLists
}

// SourceInfo describes one loaded source, for listings.
type SourceInfo struct {
	// Name is the source's name in the store ("mmdb:GeoLite2-City",
	// "cidr/vpn:astrill/astrill.txt", "asn/vpn/ASN.txt") or "builtin:…" for a default.
	Name string `json:"name"`
	// Format is how the source is encoded (FormatMMDB, FormatCIDR, …).
	Format string `json:"format"`
	// Label is the label a CIDR or domain list was imported with.
	Label string `json:"label,omitempty"`
	// Entries counts networks, tools, devices or domains.
	Entries int `json:"entries"`
	// Source is the file it was imported from, or the citation of a
	// built-in default.
	Source     string    `json:"source"`
	BuiltIn    bool      `json:"builtin,omitempty"`
	FileDate   time.Time `json:"file_date,omitzero"`
	ImportedAt time.Time `json:"imported_at,omitzero"`
}

// Default returns the built-in intelligence: the remote-access tool and
// IP-KVM catalogues and the e-mail domain seeds the project writes from
// public facts (each cited in builtin_*.go).
func Default() *Set {
	b := newBuilder()
	b.addBuiltins()
	return b.build()
}

// Load builds the Set from the built-in defaults plus everything imported
// into the store (ringer.ReferenceStore, kind "intel"). A stored source
// that cannot be read is an error naming it: it was validated on import, so
// this means the store is damaged or was written by a newer ringer.
func Load(ctx context.Context, refs ringer.ReferenceStore) (*Set, error) {
	list, err := refs.References(ctx, ReferenceKind)
	if err != nil {
		return nil, fmt.Errorf("intel: list stored sources: %w", err)
	}
	// Apply sources in a fixed order so that every node of a deployment
	// builds the same Set.
	slices.SortFunc(list, func(a, b ringer.Reference) int {
		return cmp.Or(a.ImportedAt.Compare(b.ImportedAt), cmp.Compare(a.Name, b.Name))
	})
	b := newBuilder()
	b.addBuiltins()
	for _, meta := range list {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ref, err := refs.Reference(ctx, meta.Kind, meta.Name)
		if err != nil {
			return nil, fmt.Errorf("intel: read stored source %s: %w", meta.Name, err)
		}
		if err := b.add("stored source "+meta.Name, ref); err != nil {
			return nil, fmt.Errorf("intel: %w", err)
		}
	}
	return b.build(), nil
}

// Sources lists what is loaded, built-in defaults first.
func (s *Set) Sources() []SourceInfo {
	return slices.Clone(s.sources)
}

// builder accumulates sources; build freezes them into a Set.
type builder struct {
	// validate makes add check a source fully, as Import does before
	// storing it; Load trusts what Import stored.
	validate bool
	sources  []SourceInfo
	geo      []*geoDB
	ranges   rangeBuilder
	asns     asnBuilder
	tools    *toolCatalogue
	kvms     *kvmCatalogue
	domains  *domainLists
}

func newBuilder() *builder {
	return &builder{
		tools:   newToolCatalogue(),
		kvms:    newKVMCatalogue(),
		domains: newDomainLists(),
	}
}

// add parses one stored reference and adds it to the builder. It is also
// how Import validates a file before storing it. Errors name the source
// as src: the file on import, the stored name on load.
func (b *builder) add(src string, ref ringer.Reference) error {
	info := SourceInfo{Name: ref.Name, Format: ref.Format, Source: ref.Source,
		FileDate: ref.FileDate, ImportedAt: ref.ImportedAt}
	var n int
	var err error
	switch ref.Format {
	case FormatMMDB:
		var db *geoDB
		db, err = openGeoDB(src, ref.Data, b.validate)
		if err == nil {
			b.geo = append(b.geo, db)
			n = ref.Entries
			if b.validate {
				n = db.networks
			}
		}
	case FormatCIDR:
		label, ok := labelFromName(ref.Name)
		if !ok {
			return fmt.Errorf("CIDR list name %q carries no label", ref.Name)
		}
		info.Label = label
		n, err = b.ranges.addList(src, label, ref.Data)
	case FormatASNList:
		label, ok := labelFromName(ref.Name)
		if !ok {
			return fmt.Errorf("ASN list name %q carries no label", ref.Name)
		}
		info.Label = label
		n, err = b.asns.addList(src, label, ref.Data)
	case FormatDomainList:
		label, ok := labelFromName(ref.Name)
		if !ok {
			return fmt.Errorf("domain list name %q carries no label", ref.Name)
		}
		info.Label = label
		n, err = b.domains.addList(src, label, ref.Data)
	case FormatLOLRMM:
		var tools []catalogueTool
		tools, err = parseLOLRMMJSON(src, ref.Data)
		if err == nil {
			n = b.tools.add(tools)
		}
	case FormatIPKVMWatch:
		var devs []kvmEntry
		devs, err = parseIPKVMWatch(src, ref.Data)
		if err == nil {
			n = b.kvms.add(devs)
		}
	default:
		return fmt.Errorf("%s: unknown format %q", src, ref.Format)
	}
	if err != nil {
		return err
	}
	info.Entries = n
	b.sources = append(b.sources, info)
	return nil
}

func (b *builder) addBuiltins() {
	b.sources = append(b.sources,
		SourceInfo{Name: "builtin:remote-access-tools", Format: formatBuiltinKind,
			Entries: b.tools.add(builtinTools()), Source: builtinToolsCitation, BuiltIn: true},
		SourceInfo{Name: "builtin:ip-kvm", Format: formatBuiltinKind,
			Entries: b.kvms.add(builtinKVMs()), Source: builtinKVMCitation, BuiltIn: true},
		SourceInfo{Name: "builtin:disposable-email", Format: formatBuiltinKind, Label: LabelDisposable,
			Entries: b.domains.addDomains(LabelDisposable, builtinDisposableDomains), Source: builtinDisposableCitation, BuiltIn: true},
		SourceInfo{Name: "builtin:free-email", Format: formatBuiltinKind, Label: LabelFree,
			Entries: b.domains.addDomains(LabelFree, builtinFreeDomains), Source: builtinFreeCitation, BuiltIn: true},
	)
}

func (b *builder) build() *Set {
	geo := slices.Clone(b.geo)
	// Paid databases before free ones, richer layouts before poorer:
	// "GeoIP2-City" < "GeoLite2-City" sorts the paid one first.
	slices.SortStableFunc(geo, func(x, y *geoDB) int {
		return cmp.Or(cmp.Compare(x.kind, y.kind), cmp.Compare(x.dbType, y.dbType))
	})
	return &Set{
		sources: slices.Clone(b.sources),
		geo:     geo,
		ranges:  b.ranges.build(),
		asns:    b.asns.build(),
		tools:   b.tools,
		kvms:    b.kvms,
		domains: b.domains,
	}
}
