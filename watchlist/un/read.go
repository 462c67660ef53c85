// Package un reads the UN Security Council consolidated sanctions list in
// its XML form (CONSOLIDATED_LIST with INDIVIDUALS and ENTITIES), which
// carries the 1718 Committee's DPRK designations among the others.
package un

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/watchlist/entity"
)

// ListName is the list name UN entries carry.
const ListName = "un_sc"

type consolidated struct {
	XMLName       xml.Name     `xml:"CONSOLIDATED_LIST"`
	DateGenerated string       `xml:"dateGenerated,attr"`
	Individuals   []individual `xml:"INDIVIDUALS>INDIVIDUAL"`
	Entities      []unEntity   `xml:"ENTITIES>ENTITY"`
}

type values struct {
	Values []string `xml:"VALUE"`
}

type alias struct {
	Quality string `xml:"QUALITY"`
	Name    string `xml:"ALIAS_NAME"`
}

type address struct {
	Street  string `xml:"STREET"`
	City    string `xml:"CITY"`
	State   string `xml:"STATE_PROVINCE"`
	Country string `xml:"COUNTRY"`
}

type individual struct {
	DataID      string    `xml:"DATAID"`
	First       string    `xml:"FIRST_NAME"`
	Second      string    `xml:"SECOND_NAME"`
	Third       string    `xml:"THIRD_NAME"`
	Fourth      string    `xml:"FOURTH_NAME"`
	ListType    string    `xml:"UN_LIST_TYPE"`
	Reference   string    `xml:"REFERENCE_NUMBER"`
	ListedOn    string    `xml:"LISTED_ON"`
	Comments    string    `xml:"COMMENTS1"`
	Original    string    `xml:"NAME_ORIGINAL_SCRIPT"`
	Nationality values    `xml:"NATIONALITY"`
	Aliases     []alias   `xml:"INDIVIDUAL_ALIAS"`
	Addresses   []address `xml:"INDIVIDUAL_ADDRESS"`
	BirthDates  []dob     `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	BirthPlaces []address `xml:"INDIVIDUAL_PLACE_OF_BIRTH"`
	Documents   []doc     `xml:"INDIVIDUAL_DOCUMENT"`
}

type dob struct {
	Type     string `xml:"TYPE_OF_DATE"`
	Date     string `xml:"DATE"`
	Year     string `xml:"YEAR"`
	FromYear string `xml:"FROM_YEAR"`
	ToYear   string `xml:"TO_YEAR"`
}

type doc struct {
	Type    string `xml:"TYPE_OF_DOCUMENT"`
	Number  string `xml:"NUMBER"`
	Country string `xml:"ISSUING_COUNTRY"`
}

type unEntity struct {
	DataID    string    `xml:"DATAID"`
	First     string    `xml:"FIRST_NAME"`
	ListType  string    `xml:"UN_LIST_TYPE"`
	Reference string    `xml:"REFERENCE_NUMBER"`
	ListedOn  string    `xml:"LISTED_ON"`
	Comments  string    `xml:"COMMENTS1"`
	Original  string    `xml:"NAME_ORIGINAL_SCRIPT"`
	Aliases   []alias   `xml:"ENTITY_ALIAS"`
	Addresses []address `xml:"ENTITY_ADDRESS"`
}

// Read parses the consolidated list. A document that is not a
// CONSOLIDATED_LIST, that is cut short (a truncated download) or that
// holds no entries is refused.
func Read(ctx context.Context, data []byte) (*entity.List, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var c consolidated
	dec := xml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&c); err != nil {
		line, _ := dec.InputPos()
		var se *xml.SyntaxError
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF") {
			return nil, fmt.Errorf("UN consolidated list: ends early at line %d (truncated file?)", line)
		}
		return nil, fmt.Errorf("UN consolidated list line %d: %w", line, err)
	}
	if len(c.Individuals)+len(c.Entities) == 0 {
		return nil, errors.New("UN consolidated list: no INDIVIDUAL or ENTITY entries")
	}
	list := &entity.List{Name: ListName}
	if t, err := time.Parse(time.RFC3339, c.DateGenerated); err == nil {
		list.FileDate = t
	}
	for i, in := range c.Individuals {
		e := entity.Entity{List: ListName, ID: strings.TrimSpace(in.Reference), Type: entity.Person,
			Name: joinNames(in.First, in.Second, in.Third, in.Fourth), Listed: strings.TrimSpace(in.ListedOn),
			Remarks: strings.TrimSpace(in.Comments)}
		if e.ID == "" {
			e.ID = strings.TrimSpace(in.DataID)
		}
		if e.Name == "" {
			return nil, fmt.Errorf("UN consolidated list: individual %d (%s) has no name", i+1, e.ID)
		}
		if p := strings.TrimSpace(in.ListType); p != "" {
			e.Programs = []string{p}
		}
		e.Aliases = aliases(in.Aliases, in.Original)
		for _, n := range in.Nationality.Values {
			if n = strings.TrimSpace(n); n != "" {
				e.Nationalities = append(e.Nationalities, n)
			}
		}
		e.Addresses = addresses(in.Addresses)
		for _, d := range in.BirthDates {
			e.BirthDates = append(e.BirthDates, dates(d)...)
			if strings.EqualFold(strings.TrimSpace(d.Type), "APPROXIMATELY") {
				e.BirthCirca = true
			}
		}
		for _, p := range addresses(in.BirthPlaces) {
			e.BirthPlaces = append(e.BirthPlaces, joinNonEmpty(", ", p.City, p.Country))
		}
		for _, d := range in.Documents {
			if n := strings.TrimSpace(d.Number); n != "" {
				e.Documents = append(e.Documents, entity.Document{Type: strings.TrimSpace(d.Type), Number: n, Country: strings.TrimSpace(d.Country)})
			}
		}
		list.Entities = append(list.Entities, e)
	}
	for i, en := range c.Entities {
		e := entity.Entity{List: ListName, ID: strings.TrimSpace(en.Reference), Type: entity.Organization,
			Name: strings.TrimSpace(en.First), Listed: strings.TrimSpace(en.ListedOn), Remarks: strings.TrimSpace(en.Comments)}
		if e.ID == "" {
			e.ID = strings.TrimSpace(en.DataID)
		}
		if e.Name == "" {
			return nil, fmt.Errorf("UN consolidated list: entity %d (%s) has no name", i+1, e.ID)
		}
		if p := strings.TrimSpace(en.ListType); p != "" {
			e.Programs = []string{p}
		}
		e.Aliases = aliases(en.Aliases, en.Original)
		e.Addresses = addresses(en.Addresses)
		list.Entities = append(list.Entities, e)
	}
	return list, nil
}

func aliases(as []alias, original string) []entity.Alias {
	var out []entity.Alias
	for _, a := range as {
		n := strings.TrimSpace(a.Name)
		if n == "" {
			continue
		}
		q := strings.ToLower(strings.TrimSpace(a.Quality))
		s := entity.Strong
		if q == "low" {
			s = entity.Weak
		}
		typ := "aka"
		if q == "f.k.a." {
			typ = "fka"
		}
		out = append(out, entity.Alias{Name: n, Type: typ, Strength: s})
	}
	if o := strings.TrimSpace(original); o != "" {
		out = append(out, entity.Alias{Name: o, Type: "original script", Strength: entity.Strong})
	}
	return out
}

func addresses(as []address) []entity.Address {
	var out []entity.Address
	for _, a := range as {
		x := entity.Address{Street: strings.TrimSpace(a.Street), City: joinNonEmpty(", ", a.City, a.State), Country: strings.TrimSpace(a.Country)}
		if x != (entity.Address{}) {
			out = append(out, x)
		}
	}
	return out
}

func dates(d dob) []ringer.Date {
	if s := strings.TrimSpace(d.Date); s != "" {
		if t, err := ringer.ParseDate(s); err == nil && !t.IsZero() {
			return []ringer.Date{t}
		}
	}
	if s := strings.TrimSpace(d.Year); s != "" {
		if t, err := ringer.ParseDate(s); err == nil && !t.IsZero() {
			return []ringer.Date{t}
		}
	}
	from, err1 := ringer.ParseDate(strings.TrimSpace(d.FromYear))
	to, err2 := ringer.ParseDate(strings.TrimSpace(d.ToYear))
	if err1 == nil && err2 == nil && from.Year > 0 && to.Year >= from.Year && to.Year-from.Year <= 10 {
		var out []ringer.Date
		for y := from.Year; y <= to.Year; y++ {
			out = append(out, ringer.Date{Year: y})
		}
		return out
	}
	return nil
}

func joinNames(parts ...string) string { return joinNonEmpty(" ", parts...) }

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
