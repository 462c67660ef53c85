// Package entity is the one model every watchlist reader maps into: a
// listed person, organisation, vessel, aircraft or bare indicator (a
// wallet, an e-mail, a domain) with its names, aliases, birth dates and
// identifiers.
package entity

import (
	"strings"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
)

// Type says what a list entry is.
type Type string

// Entry types.
const (
	Person       Type = "person"
	Organization Type = "organization"
	Vessel       Type = "vessel"
	Aircraft     Type = "aircraft"
	// Indicator is an entry that is only identifiers: a wallet, an e-mail
	// address, a domain from a threat-intelligence bundle.
	Indicator Type = "indicator"
)

// Alias strengths. OFAC calls a low-quality a.k.a. "weak": a nickname or
// a fragment that alone should not make a hit.
const (
	Strong = "strong"
	Weak   = "weak"
)

// Alias is another name of an entry.
type Alias struct {
	Name string `json:"name"`
	// Type is the list's word for the alias: aka, fka (formerly known as),
	// nka (now known as).
	Type     string `json:"type,omitempty"`
	Strength string `json:"strength,omitempty"`
}

// Document is an identity or registration document.
type Document struct {
	Type    string `json:"type,omitempty"`
	Number  string `json:"number"`
	Country string `json:"country,omitempty"`
}

// Wallet is a digital-currency address. Chain is the list's currency code
// (ETH, XBT, LTC, USDT …) in upper case.
type Wallet struct {
	Chain   string `json:"chain,omitempty"`
	Address string `json:"address"`
}

// Address is a postal address as the list gives it.
type Address struct {
	Street  string `json:"street,omitempty"`
	City    string `json:"city,omitempty"`
	Country string `json:"country,omitempty"`
}

// Entity is one entry of a watchlist.
type Entity struct {
	// List names the list: us_ofac_sdn, us_ofac_cons, un_sc, or the name
	// a user gave an indicator list.
	List string `json:"list"`
	// ID is the entry's id in its list (OFAC ent_num, UN reference number,
	// STIX id, row id).
	ID   string `json:"id"`
	Type Type   `json:"type"`
	// Name is the primary name as listed.
	Name    string  `json:"name,omitempty"`
	Aliases []Alias `json:"aliases,omitempty"`
	// BirthDates are exact or partial dates; Circa marks "circa" dates.
	BirthDates    []ringer.Date `json:"birth_dates,omitempty"`
	BirthCirca    bool          `json:"birth_circa,omitempty"`
	BirthPlaces   []string      `json:"birth_places,omitempty"`
	Nationalities []string      `json:"nationalities,omitempty"`
	Addresses     []Address     `json:"addresses,omitempty"`
	Documents     []Document    `json:"documents,omitempty"`
	Emails        []string      `json:"emails,omitempty"`
	Phones        []string      `json:"phones,omitempty"`
	Websites      []string      `json:"websites,omitempty"`
	Handles       []string      `json:"handles,omitempty"`
	IPs           []string      `json:"ips,omitempty"`
	Wallets       []Wallet      `json:"wallets,omitempty"`
	Programs      []string      `json:"programs,omitempty"`
	// Listed is the date the entry was listed, when the list says.
	Listed  string `json:"listed,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

// Names returns the primary name and the aliases' names.
func (e *Entity) Names() []string {
	out := make([]string, 0, 1+len(e.Aliases))
	if e.Name != "" {
		out = append(out, e.Name)
	}
	for _, a := range e.Aliases {
		out = append(out, a.Name)
	}
	return out
}

// Countries returns the ISO codes of the countries the entry is tied to:
// nationalities, birth places and addresses.
func (e *Entity) Countries() []string {
	var out []string
	add := func(s string) {
		if c := countryOf(s); c != "" && !contains(out, c) {
			out = append(out, c)
		}
	}
	for _, n := range e.Nationalities {
		add(n)
	}
	for _, p := range e.BirthPlaces {
		add(p)
	}
	for _, a := range e.Addresses {
		add(a.Country)
	}
	return out
}

// countryOf finds a country in free text: the whole text, else its last
// comma-separated part ("Pyongyang, North Korea").
func countryOf(s string) string {
	if c := normalize.Country(s); c != "" {
		return c
	}
	if i := strings.LastIndexByte(s, ','); i >= 0 {
		return normalize.Country(strings.TrimSpace(s[i+1:]))
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "north korea", "democratic people's republic of korea", "korea, north", "dprk":
		return "KP"
	}
	return ""
}

// Citation returns how a signal cites the entry's list, e.g. "OFAC SDN
// list, program DPRK3".
func (e *Entity) Citation() string {
	name := ListTitle(e.List)
	if len(e.Programs) > 0 {
		p := "program"
		if len(e.Programs) > 1 {
			p = "programs"
		}
		return name + ", " + p + " " + strings.Join(e.Programs, ", ")
	}
	return name
}

// ListTitle returns a list's name as a person would write it.
func ListTitle(list string) string {
	switch list {
	case "us_ofac_sdn":
		return "OFAC SDN list"
	case "us_ofac_cons":
		return "OFAC consolidated non-SDN list"
	case "un_sc":
		return "UN Security Council consolidated list"
	}
	return list
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// List is the content of one list file set as a reader returns it.
type List struct {
	// Name is the list name every entity carries.
	Name string
	// Entities are the entries in file order.
	Entities []Entity
	// FileDate is the date the files carry (publication or generation
	// date), zero when they carry none.
	FileDate time.Time
}
