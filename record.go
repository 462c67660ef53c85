// Package ringer finds covert remote workers: people hired under fake,
// borrowed or stolen identities, usually many personas run by one operator.
//
// The root package holds the domain: the data contract (Record, Event,
// Assessment), the identity graph's vocabulary (Identifier, Link, Ring) and
// the small interfaces that the parts of the system meet at (Store,
// Detector). Each outside dependency lives in its own package that
// implements these interfaces; cmd/ringer wires them together. Data flows
// one way:
//
//	ingest → normalize → store → link → detect → policy → assessment
package ringer

import (
	"encoding/json"
	"time"
)

// Record kinds accepted in Record.Kind.
const (
	KindApplicant  = "applicant"
	KindEmployee   = "employee"
	KindContractor = "contractor"
	KindFreelancer = "freelancer"
)

// Record is one identity as presented to one source: an application in an
// applicant-tracking system, an HR profile, a freelancer account. Every field
// but ID is optional.
type Record struct {
	ID             string          `json:"id"`
	Source         string          `json:"source,omitempty"`
	Kind           string          `json:"kind,omitempty"`
	ObservedAt     time.Time       `json:"observed_at,omitzero"`
	Name           Name            `json:"name,omitzero"`
	Aliases        []string        `json:"aliases,omitempty"`
	BirthDate      Date            `json:"birth_date,omitzero"`
	BirthPlace     string          `json:"birth_place,omitempty"`
	Emails         []string        `json:"emails,omitempty"`
	Phones         []Phone         `json:"phones,omitempty"`
	Addresses      []Address       `json:"addresses,omitempty"`
	Documents      []Document      `json:"documents,omitempty"`
	PayoutAccounts []PayoutAccount `json:"payout_accounts,omitempty"`
	Profiles       []Profile       `json:"profiles,omitempty"`
	Photos         []Photo         `json:"photos,omitempty"`
	Resume         *Resume         `json:"resume,omitempty"`
	Claimed        Claimed         `json:"claimed,omitzero"`
	ReferredBy     string          `json:"referred_by,omitempty"`
	// Attributes is free-form and never scored unless a policy names it.
	Attributes map[string]any `json:"attributes,omitempty"`

	// Unknown holds top-level fields the contract does not name. They are
	// kept, stored and reported, never scored.
	Unknown map[string]json.RawMessage `json:"-"`
}

// Name is a person's name as the source gave it. Full may be given alone,
// or the parts alone, or both.
type Name struct {
	Full   string `json:"full,omitempty"`
	Given  string `json:"given,omitempty"`
	Middle string `json:"middle,omitempty"`
	Family string `json:"family,omitempty"`
}

// Display returns the name as a person would write it: Full when present,
// otherwise the parts joined by spaces.
func (n Name) Display() string {
	if n.Full != "" {
		return n.Full
	}
	s := ""
	for _, p := range []string{n.Given, n.Middle, n.Family} {
		if p == "" {
			continue
		}
		if s != "" {
			s += " "
		}
		s += p
	}
	return s
}

// Phone line types, as a carrier lookup reports them.
const (
	LineMobile   = "mobile"
	LineLandline = "landline"
	LineVoIP     = "voip"
	LineTollFree = "toll_free"
	LineUnknown  = "unknown"
)

// Phone is a telephone number as written, with the line type a carrier
// lookup reported when the user has one.
type Phone struct {
	Number   string `json:"number"`
	LineType string `json:"line_type,omitempty"`
}

// UnmarshalJSON accepts a phone as an object or as a bare string.
func (p *Phone) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &p.Number)
	}
	type plain Phone
	return json.Unmarshal(b, (*plain)(p))
}

// Address is a postal address, either in parts or as one raw line.
// Use says what it is for: home, shipping, mailing, work.
type Address struct {
	Use      string `json:"use,omitempty"`
	Line1    string `json:"line1,omitempty"`
	Line2    string `json:"line2,omitempty"`
	City     string `json:"city,omitempty"`
	Region   string `json:"region,omitempty"`
	Postcode string `json:"postcode,omitempty"`
	Country  string `json:"country,omitempty"`
	Raw      string `json:"raw,omitempty"`
}

// IsZero reports whether the address carries nothing.
func (a Address) IsZero() bool {
	return a.Line1 == "" && a.Line2 == "" && a.City == "" && a.Region == "" &&
		a.Postcode == "" && a.Country == "" && a.Raw == ""
}

// Document is an identity document: passport, national id, SSN, driving
// licence, tax id.
type Document struct {
	Type    string `json:"type,omitempty"`
	Country string `json:"country,omitempty"`
	Number  string `json:"number"`
}

// Payout account types accepted in PayoutAccount.Type.
const (
	PayoutBank     = "bank"
	PayoutIBAN     = "iban"
	PayoutPayPal   = "paypal"
	PayoutPayoneer = "payoneer"
	PayoutWise     = "wise"
	PayoutCrypto   = "crypto"
	PayoutOther    = "other"
)

// PayoutAccount is where a worker's pay goes. Bank accounts carry Routing
// and Number; IBANs carry Number (or Value); wallets carry Network and
// Value; PayPal, Payoneer and Wise carry the account e-mail or id in Value.
type PayoutAccount struct {
	Type    string `json:"type"`
	Country string `json:"country,omitempty"`
	Routing string `json:"routing,omitempty"`
	Number  string `json:"number,omitempty"`
	Holder  string `json:"holder,omitempty"`
	Network string `json:"network,omitempty"`
	Value   string `json:"value,omitempty"`
}

// Profile is an account on a public site (GitHub, LinkedIn, Telegram).
type Profile struct {
	Site             string `json:"site"`
	Handle           string `json:"handle,omitempty"`
	URL              string `json:"url,omitempty"`
	CreatedAt        Date   `json:"created_at,omitzero"`
	EarliestActivity Date   `json:"earliest_activity,omitzero"`
	Followers        int    `json:"followers,omitempty"`
}

// Photo is a face photo, known by its 64-bit perceptual hash in hex. In CLI
// input Path may name an image file, which ringer hashes itself.
type Photo struct {
	PHash  string `json:"phash,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	Path   string `json:"path,omitempty"`
}

// Resume is a résumé as text, or in CLI input a path to a file whose text
// ringer extracts.
type Resume struct {
	Text string `json:"text,omitempty"`
	Path string `json:"path,omitempty"`
}

// Claimed is where the person says they are.
type Claimed struct {
	Country  string `json:"country,omitempty"`
	City     string `json:"city,omitempty"`
	Timezone string `json:"timezone,omitempty"`
}
