package ingest

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ringerhq/ringer"
	"gopkg.in/yaml.v3"
)

// Mapping says how the columns of a CSV file make a record. It is read
// from a YAML file:
//
//	id: "{rec_id}"
//	kind: applicant            # optional constant fields: source, kind
//	source: febrl
//	delimiter: ","             # optional; default ","
//	fields:
//	  name.given: "{given_name}"
//	  birth_date: "{date_of_birth}"
//	  addresses.home.line1: "{street_number} {address_1}"
//	  documents.national_id.number: "{soc_sec_id}"
//	  emails: "{email}"
//
// Each value is a template mixing literal text and {column} (write {{ and
// }} for literal braces). White space in the result is collapsed to single
// spaces and trimmed; an empty result leaves the field missing. The list
// paths (emails, phones, aliases) split their value on ";". Leading spaces
// after a delimiter are trimmed. The paths are
//
//	name.full|given|middle|family   aliases   birth_date   birth_place
//	emails   phones   kind   source   observed_at   referred_by
//	addresses.<use>.line1|line2|city|region|postcode|country|raw
//	documents.<type>.number|country
//	payout_accounts.<type>.value|number|routing|holder|network|country
//	profiles.<site>.handle|url|created_at
//	claimed.country|city|timezone   resume.text   attributes.<key>
//
// where <use>, <type>, <site> and <key> are names of the user's choosing
// (payout account types must be one of the contract's). An unknown path is
// an error when the mapping is loaded; a column the CSV header lacks is an
// error when the CSV file is opened.
type Mapping struct {
	// file is the mapping's file name, for messages.
	file      string
	delimiter rune
	rules     []rule
}

// rule is one path of a mapping with its template.
type rule struct {
	path string
	line int
	tmpl template
	set  setter
}

// template is literal text and column references.
type template []part

// part is a literal (col == "") or a column reference.
type part struct {
	lit string
	col string
}

// setter stores a value at a path of a record under construction. An
// error means the value does not fit the field.
type setter func(b *builder, v string) error

// LoadMapping reads a mapping file (YAML, see Mapping).
func LoadMapping(path string) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read mapping: %w", err)
	}
	return ParseMapping(path, data)
}

// ParseMapping reads a mapping from YAML; name is used in messages.
func ParseMapping(name string, data []byte) (*Mapping, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("mapping %s: %w", name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("mapping %s: want a YAML mapping with id and fields", name)
	}
	m := &Mapping{file: name, delimiter: ','}
	errAt := func(n *yaml.Node, key, format string, args ...any) error {
		return fmt.Errorf("mapping %s line %d: %s: %s", name, n.Line, key, fmt.Sprintf(format, args...))
	}
	top := doc.Content[0]
	seen := map[string]bool{}
	hasID := false
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return nil, errAt(k, "key", "want a name")
		}
		if seen[k.Value] {
			return nil, errAt(k, k.Value, "given twice")
		}
		seen[k.Value] = true
		switch k.Value {
		case "id", "kind", "source":
			r, err := m.rule(k.Value, v, errAt)
			if err != nil {
				return nil, err
			}
			if k.Value == "id" {
				if !r.tmpl.hasColumn() {
					return nil, errAt(v, "id", "must name at least one column, as in \"{rec_id}\"")
				}
				hasID = true
			}
			m.rules = append(m.rules, r)
		case "delimiter":
			if v.Kind != yaml.ScalarNode {
				return nil, errAt(v, "delimiter", "want one character")
			}
			d, n := utf8.DecodeRuneInString(v.Value)
			if v.Value == `\t` || strings.EqualFold(v.Value, "tab") {
				d, n = '\t', len(v.Value)
			}
			if n == 0 || n != len(v.Value) || d == '"' || d == '\r' || d == '\n' || d == utf8.RuneError {
				return nil, errAt(v, "delimiter", "want one character other than a quote or a line break")
			}
			m.delimiter = d
		case "fields":
			if v.Kind != yaml.MappingNode {
				return nil, errAt(v, "fields", "want a mapping of paths to templates")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				pk, pv := v.Content[j], v.Content[j+1]
				if pk.Kind != yaml.ScalarNode {
					return nil, errAt(pk, "fields", "want a path")
				}
				if seen["fields."+pk.Value] || (seen[pk.Value] && (pk.Value == "kind" || pk.Value == "source")) {
					return nil, errAt(pk, pk.Value, "given twice")
				}
				seen["fields."+pk.Value] = true
				if pk.Value == "id" {
					return nil, errAt(pk, "id", "give id at the top level, not under fields")
				}
				r, err := m.rule(pk.Value, pv, errAt)
				if err != nil {
					return nil, err
				}
				m.rules = append(m.rules, r)
			}
		default:
			return nil, errAt(k, k.Value, "unknown key; want id, kind, source, delimiter or fields")
		}
	}
	if !hasID {
		return nil, fmt.Errorf("mapping %s: no id; add a line such as id: \"{rec_id}\"", name)
	}
	return m, nil
}

// rule compiles one path and its template.
func (m *Mapping) rule(path string, v *yaml.Node, errAt func(*yaml.Node, string, string, ...any) error) (rule, error) {
	set, err := setterFor(path)
	if err != nil {
		return rule{}, errAt(v, path, "%v", err)
	}
	if v.Kind != yaml.ScalarNode {
		return rule{}, errAt(v, path, "want a template such as \"{column}\"")
	}
	t, err := parseTemplate(v.Value)
	if err != nil {
		return rule{}, errAt(v, path, "%v", err)
	}
	return rule{path: path, line: v.Line, tmpl: t, set: set}, nil
}

// Columns returns the CSV columns the mapping reads, in the order they
// are first named.
func (m *Mapping) Columns() []string {
	var out []string
	for _, r := range m.rules {
		for _, p := range r.tmpl {
			if p.col != "" && !slices.Contains(out, p.col) {
				out = append(out, p.col)
			}
		}
	}
	return out
}

// parseTemplate splits a template into literals and {column} references.
func parseTemplate(s string) (template, error) {
	var t template
	var lit strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{':
			lit.WriteByte('{')
			i++
		case c == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte('}')
			i++
		case c == '{':
			end := strings.IndexByte(s[i+1:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unclosed { in template %q", s)
			}
			col := strings.TrimSpace(s[i+1 : i+1+end])
			if col == "" || strings.ContainsAny(col, "{") {
				return nil, fmt.Errorf("empty or bad column name in template %q", s)
			}
			if lit.Len() > 0 {
				t = append(t, part{lit: lit.String()})
				lit.Reset()
			}
			t = append(t, part{col: col})
			i += end + 1
		case c == '}':
			return nil, fmt.Errorf("unmatched } in template %q (write }} for a literal brace)", s)
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		t = append(t, part{lit: lit.String()})
	}
	return t, nil
}

func (t template) hasColumn() bool {
	return slices.ContainsFunc(t, func(p part) bool { return p.col != "" })
}

// builder is a record under construction from one CSV row: objects with a
// use, type or site are gathered by that name and added in the order the
// mapping first names them.
type builder struct {
	rec      *ringer.Record
	addrs    []ringer.Address
	docs     []ringer.Document
	payouts  []ringer.PayoutAccount
	profiles []ringer.Profile
}

func (b *builder) address(use string) *ringer.Address {
	for i := range b.addrs {
		if b.addrs[i].Use == use {
			return &b.addrs[i]
		}
	}
	b.addrs = append(b.addrs, ringer.Address{Use: use})
	return &b.addrs[len(b.addrs)-1]
}

func (b *builder) document(typ string) *ringer.Document {
	for i := range b.docs {
		if b.docs[i].Type == typ {
			return &b.docs[i]
		}
	}
	b.docs = append(b.docs, ringer.Document{Type: typ})
	return &b.docs[len(b.docs)-1]
}

func (b *builder) payout(typ string) *ringer.PayoutAccount {
	for i := range b.payouts {
		if b.payouts[i].Type == typ {
			return &b.payouts[i]
		}
	}
	b.payouts = append(b.payouts, ringer.PayoutAccount{Type: typ})
	return &b.payouts[len(b.payouts)-1]
}

func (b *builder) profile(site string) *ringer.Profile {
	for i := range b.profiles {
		if b.profiles[i].Site == site {
			return &b.profiles[i]
		}
	}
	b.profiles = append(b.profiles, ringer.Profile{Site: site})
	return &b.profiles[len(b.profiles)-1]
}

// finish moves the gathered objects that carry something into the record.
func (b *builder) finish() {
	for _, a := range b.addrs {
		if !a.IsZero() {
			b.rec.Addresses = append(b.rec.Addresses, a)
		}
	}
	for _, d := range b.docs {
		if d.Number != "" {
			b.rec.Documents = append(b.rec.Documents, d)
		}
	}
	for _, p := range b.payouts {
		if p.Value != "" || p.Number != "" {
			b.rec.PayoutAccounts = append(b.rec.PayoutAccounts, p)
		}
	}
	for _, p := range b.profiles {
		if p.Handle != "" || p.URL != "" {
			b.rec.Profiles = append(b.rec.Profiles, p)
		}
	}
}

var payoutTypes = []string{ringer.PayoutBank, ringer.PayoutIBAN, ringer.PayoutPayPal,
	ringer.PayoutPayoneer, ringer.PayoutWise, ringer.PayoutCrypto, ringer.PayoutOther}

// pathHelp lists the paths a mapping accepts, for messages.
const pathHelp = "name.full|given|middle|family, aliases, birth_date, birth_place, emails, phones, " +
	"addresses.<use>.line1|line2|city|region|postcode|country|raw, documents.<type>.number|country, " +
	"payout_accounts.<type>.value|number|routing|holder|network|country, profiles.<site>.handle|url|created_at, " +
	"claimed.country|city|timezone, resume.text, attributes.<key>, kind, source, observed_at, referred_by"

// setterFor returns how to store a value at a mapping path.
func setterFor(path string) (setter, error) {
	parts := strings.Split(path, ".")
	for _, p := range parts {
		if p == "" || strings.TrimSpace(p) != p {
			return nil, fmt.Errorf("bad path; want one of %s", pathHelp)
		}
	}
	str := func(f func(b *builder) *string) setter {
		return func(b *builder, v string) error { *f(b) = v; return nil }
	}
	list := func(f func(b *builder, v string)) setter {
		return func(b *builder, v string) error {
			for _, x := range strings.Split(v, ";") {
				if x = strings.TrimSpace(x); x != "" {
					f(b, x)
				}
			}
			return nil
		}
	}
	unknown := fmt.Errorf("unknown path; want one of %s", pathHelp)
	switch len(parts) {
	case 1:
		switch path {
		case "id":
			return str(func(b *builder) *string { return &b.rec.ID }), nil
		case "kind":
			return str(func(b *builder) *string { return &b.rec.Kind }), nil
		case "source":
			return str(func(b *builder) *string { return &b.rec.Source }), nil
		case "birth_place":
			return str(func(b *builder) *string { return &b.rec.BirthPlace }), nil
		case "referred_by":
			return str(func(b *builder) *string { return &b.rec.ReferredBy }), nil
		case "birth_date":
			return func(b *builder, v string) error {
				d, err := parseDateValue(v)
				b.rec.BirthDate = d
				return err
			}, nil
		case "observed_at":
			return func(b *builder, v string) error {
				t, err := parseTime(v)
				b.rec.ObservedAt = t
				return err
			}, nil
		case "emails":
			return list(func(b *builder, v string) { b.rec.Emails = append(b.rec.Emails, v) }), nil
		case "phones":
			return list(func(b *builder, v string) { b.rec.Phones = append(b.rec.Phones, ringer.Phone{Number: v}) }), nil
		case "aliases":
			return list(func(b *builder, v string) { b.rec.Aliases = append(b.rec.Aliases, v) }), nil
		}
	case 2:
		head, leaf := parts[0], parts[1]
		switch head {
		case "name":
			switch leaf {
			case "full":
				return str(func(b *builder) *string { return &b.rec.Name.Full }), nil
			case "given":
				return str(func(b *builder) *string { return &b.rec.Name.Given }), nil
			case "middle":
				return str(func(b *builder) *string { return &b.rec.Name.Middle }), nil
			case "family":
				return str(func(b *builder) *string { return &b.rec.Name.Family }), nil
			}
		case "claimed":
			switch leaf {
			case "country":
				return str(func(b *builder) *string { return &b.rec.Claimed.Country }), nil
			case "city":
				return str(func(b *builder) *string { return &b.rec.Claimed.City }), nil
			case "timezone":
				return str(func(b *builder) *string { return &b.rec.Claimed.Timezone }), nil
			}
		case "resume":
			if leaf == "text" {
				return func(b *builder, v string) error {
					if b.rec.Resume == nil {
						b.rec.Resume = &ringer.Resume{}
					}
					b.rec.Resume.Text = v
					return nil
				}, nil
			}
		case "attributes":
			return func(b *builder, v string) error {
				if b.rec.Attributes == nil {
					b.rec.Attributes = make(map[string]any)
				}
				b.rec.Attributes[leaf] = v
				return nil
			}, nil
		}
	case 3:
		head, name, leaf := parts[0], parts[1], parts[2]
		switch head {
		case "addresses":
			a := func(f func(a *ringer.Address) *string) setter {
				return str(func(b *builder) *string { return f(b.address(name)) })
			}
			switch leaf {
			case "line1":
				return a(func(x *ringer.Address) *string { return &x.Line1 }), nil
			case "line2":
				return a(func(x *ringer.Address) *string { return &x.Line2 }), nil
			case "city":
				return a(func(x *ringer.Address) *string { return &x.City }), nil
			case "region":
				return a(func(x *ringer.Address) *string { return &x.Region }), nil
			case "postcode":
				return a(func(x *ringer.Address) *string { return &x.Postcode }), nil
			case "country":
				return a(func(x *ringer.Address) *string { return &x.Country }), nil
			case "raw":
				return a(func(x *ringer.Address) *string { return &x.Raw }), nil
			}
		case "documents":
			switch leaf {
			case "number":
				return str(func(b *builder) *string { return &b.document(name).Number }), nil
			case "country":
				return str(func(b *builder) *string { return &b.document(name).Country }), nil
			}
		case "payout_accounts":
			if !slices.Contains(payoutTypes, name) {
				return nil, fmt.Errorf("unknown payout account type %q; want one of %s", name, strings.Join(payoutTypes, ", "))
			}
			p := func(f func(a *ringer.PayoutAccount) *string) setter {
				return str(func(b *builder) *string { return f(b.payout(name)) })
			}
			switch leaf {
			case "value":
				return p(func(x *ringer.PayoutAccount) *string { return &x.Value }), nil
			case "number":
				return p(func(x *ringer.PayoutAccount) *string { return &x.Number }), nil
			case "routing":
				return p(func(x *ringer.PayoutAccount) *string { return &x.Routing }), nil
			case "holder":
				return p(func(x *ringer.PayoutAccount) *string { return &x.Holder }), nil
			case "network":
				return p(func(x *ringer.PayoutAccount) *string { return &x.Network }), nil
			case "country":
				return p(func(x *ringer.PayoutAccount) *string { return &x.Country }), nil
			}
		case "profiles":
			switch leaf {
			case "handle":
				return str(func(b *builder) *string { return &b.profile(name).Handle }), nil
			case "url":
				return str(func(b *builder) *string { return &b.profile(name).URL }), nil
			case "created_at":
				return func(b *builder, v string) error {
					d, err := parseDateValue(v)
					b.profile(name).CreatedAt = d
					return err
				}, nil
			}
		}
	}
	return nil, unknown
}

// parseDateValue reads a date cell; the error does not quote the value.
func parseDateValue(v string) (ringer.Date, error) {
	d, err := ringer.ParseDate(v)
	if err != nil {
		msg := err.Error()
		if _, detail, ok := strings.Cut(msg, `": `); ok {
			msg = detail
		}
		return ringer.Date{}, fmt.Errorf("not a valid date (%s)", msg)
	}
	return d, nil
}

// parseTime reads a timestamp (RFC 3339) or a date, taken as midnight UTC.
func parseTime(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, nil
	}
	d, err := parseDateValue(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("not a timestamp or a date (want RFC 3339 or YYYY-MM-DD)")
	}
	return d.Time(), nil
}
