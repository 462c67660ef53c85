// Package csvlist reads a team's own watchlist kept as CSV with a header
// row. Recognised columns (any order, case-insensitive): id, type (person,
// organization, vessel, indicator), name, aliases, birth_date, country,
// email, phone, wallet, handle, domain, ip, document, program, note.
// Cells of aliases and identifier columns may hold several values
// separated by ";". A wallet may be written "CHAIN:address" ("ETH:0x…");
// a handle "site:handle" ("github:dmoore-dev").
package csvlist

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/watchlist/entity"
)

var known = map[string]bool{"id": true, "type": true, "kind": true, "name": true, "aliases": true,
	"birth_date": true, "dob": true, "country": true, "email": true, "phone": true, "wallet": true,
	"handle": true, "domain": true, "website": true, "ip": true, "document": true, "program": true, "note": true}

// Read parses a team list named name. The header must name at least one
// recognised column; a row with a different field count than the header
// (a truncated file) or a bad birth date is refused with its line.
func Read(ctx context.Context, name string, data []byte) (*entity.List, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("list %s: header: %w", name, err)
	}
	col := make(map[string]int)
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if known[h] {
			col[h] = i
		}
	}
	if len(col) == 0 {
		return nil, fmt.Errorf("list %s: header names none of the columns id, name, aliases, birth_date, email, phone, wallet, handle, domain, note", name)
	}
	get := func(rec []string, k string) string {
		if i, ok := col[k]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	list := &entity.List{Name: name}
	for n := 2; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("list %s line %d: %v (truncated or corrupt file?)", name, pe.StartLine, pe.Err)
			}
			return nil, fmt.Errorf("list %s line %d: %w", name, n, err)
		}
		line, _ := r.FieldPos(0)
		e := entity.Entity{List: name, ID: get(rec, "id"), Name: get(rec, "name"), Remarks: get(rec, "note")}
		if e.ID == "" {
			e.ID = strconv.Itoa(line)
		}
		t := get(rec, "type")
		if t == "" {
			t = get(rec, "kind")
		}
		switch strings.ToLower(t) {
		case "organization", "organisation", "entity", "company":
			e.Type = entity.Organization
		case "vessel":
			e.Type = entity.Vessel
		case "indicator":
			e.Type = entity.Indicator
		case "", "person", "individual":
			e.Type = entity.Person
		default:
			return nil, fmt.Errorf("list %s line %d: type %q: want person, organization, vessel or indicator", name, line, t)
		}
		for _, a := range split(get(rec, "aliases")) {
			e.Aliases = append(e.Aliases, entity.Alias{Name: a, Type: "aka", Strength: entity.Strong})
		}
		for _, d := range split(get(rec, "birth_date") + ";" + get(rec, "dob")) {
			bd, err := ringer.ParseDate(d)
			if err != nil {
				return nil, fmt.Errorf("list %s line %d: birth_date: %w", name, line, err)
			}
			e.BirthDates = append(e.BirthDates, bd)
		}
		e.Nationalities = split(get(rec, "country"))
		e.Emails = split(get(rec, "email"))
		e.Phones = split(get(rec, "phone"))
		e.Handles = split(get(rec, "handle"))
		e.Websites = split(get(rec, "domain") + ";" + get(rec, "website"))
		e.IPs = split(get(rec, "ip"))
		e.Programs = split(get(rec, "program"))
		for _, d := range split(get(rec, "document")) {
			e.Documents = append(e.Documents, entity.Document{Number: d})
		}
		for _, w := range split(get(rec, "wallet")) {
			chain, addr, ok := strings.Cut(w, ":")
			if !ok || strings.HasPrefix(strings.ToLower(w), "bitcoincash:") || len(chain) > 6 {
				chain, addr = "", w
			}
			e.Wallets = append(e.Wallets, entity.Wallet{Chain: strings.ToUpper(chain), Address: strings.TrimSpace(addr)})
		}
		if e.Name == "" && len(e.Emails)+len(e.Phones)+len(e.Handles)+len(e.Websites)+len(e.IPs)+len(e.Wallets)+len(e.Documents) == 0 {
			continue
		}
		if e.Name == "" {
			e.Type = entity.Indicator
		}
		list.Entities = append(list.Entities, e)
	}
	if len(list.Entities) == 0 {
		return nil, fmt.Errorf("list %s: no entries", name)
	}
	return list, nil
}

func split(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
