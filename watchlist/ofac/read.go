// Package ofac reads the US Treasury OFAC lists in their classic CSV
// layout: the Specially Designated Nationals list (sdn.csv, add.csv,
// alt.csv, sdn_comments.csv) and the consolidated non-SDN lists
// (cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv), which
// share it. The files have no header row; fields are by position and
// "-0-" means empty. The structured facts OFAC writes inside the remarks
// (DOB, POB, nationality, passport, e-mail, website, digital currency
// address …) become fields of the entity.
package ofac

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ringerhq/ringer/watchlist/entity"
)

// Files is one OFAC list file set. Primary is required; the others may be
// nil.
type Files struct {
	// Primary is sdn.csv or cons_prim.csv.
	Primary []byte
	// Addresses is add.csv or cons_add.csv.
	Addresses []byte
	// Aliases is alt.csv or cons_alt.csv.
	Aliases []byte
	// Comments is sdn_comments.csv or cons_comments.csv: remarks too long
	// for the primary file, continued.
	Comments []byte
	// Consolidated marks the non-SDN consolidated list.
	Consolidated bool
}

// Primary file column positions.
const (
	colEntNum = iota
	colName
	colType
	colProgram
	colTitle
	colCallSign
	colVessType
	colTonnage
	colGRT
	colVessFlag
	colVessOwner
	colRemarks
	primaryCols
)

// Read parses a file set into a list. A file whose rows do not have the
// layout's column count, or that ends inside a quoted field (a truncated
// download), is refused with the file name and line.
func Read(ctx context.Context, f Files) (*entity.List, error) {
	names := fileNames(f.Consolidated)
	list := &entity.List{Name: "us_ofac_sdn"}
	if f.Consolidated {
		list.Name = "us_ofac_cons"
	}
	if len(bytes.TrimSpace(f.Primary)) == 0 {
		return nil, fmt.Errorf("%s: empty file", names[0])
	}
	byID := make(map[string]int)
	err := eachRow(ctx, names[0], f.Primary, primaryCols, func(line int, r []string) error {
		id := field(r[colEntNum])
		if id == "" || !isDigits(id) {
			return fmt.Errorf("%s line %d: ent_num %q is not a number", names[0], line, r[colEntNum])
		}
		e := entity.Entity{List: list.Name, ID: id, Name: field(r[colName])}
		if e.Name == "" {
			return fmt.Errorf("%s line %d: entry %s has no name", names[0], line, id)
		}
		switch strings.ToLower(field(r[colType])) {
		case "individual":
			e.Type = entity.Person
		case "vessel":
			e.Type = entity.Vessel
		case "aircraft":
			e.Type = entity.Aircraft
		default:
			e.Type = entity.Organization
		}
		for _, p := range strings.Split(field(r[colProgram]), "] [") {
			p = strings.Trim(strings.TrimSpace(p), "[]")
			if p != "" {
				e.Programs = append(e.Programs, p)
			}
		}
		if flag := field(r[colVessFlag]); flag != "" {
			e.Nationalities = append(e.Nationalities, flag)
		}
		e.Remarks = field(r[colRemarks])
		byID[id] = len(list.Entities)
		list.Entities = append(list.Entities, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(list.Entities) == 0 {
		return nil, fmt.Errorf("%s: no entries", names[0])
	}
	// Comments continue the remarks of their entry.
	if len(f.Comments) > 0 {
		err := eachRow(ctx, names[3], f.Comments, 2, func(line int, r []string) error {
			if i, ok := byID[field(r[0])]; ok {
				list.Entities[i].Remarks += field(r[1])
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(f.Aliases) > 0 {
		err := eachRow(ctx, names[2], f.Aliases, 5, func(line int, r []string) error {
			i, ok := byID[field(r[0])]
			if !ok {
				return nil
			}
			name := field(r[3])
			if name == "" {
				return nil
			}
			strength := entity.Strong
			if strings.Contains(strings.ToLower(field(r[4])), "weak") {
				strength = entity.Weak
			}
			list.Entities[i].Aliases = append(list.Entities[i].Aliases, entity.Alias{
				Name: name, Type: strings.ToLower(strings.Trim(field(r[2]), ".")), Strength: strength})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(f.Addresses) > 0 {
		err := eachRow(ctx, names[1], f.Addresses, 6, func(line int, r []string) error {
			i, ok := byID[field(r[0])]
			if !ok {
				return nil
			}
			a := entity.Address{Street: field(r[2]), City: field(r[3]), Country: field(r[4])}
			if a != (entity.Address{}) {
				list.Entities[i].Addresses = append(list.Entities[i].Addresses, a)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for i := range list.Entities {
		applyRemarks(&list.Entities[i])
	}
	return list, nil
}

func fileNames(consolidated bool) [4]string {
	if consolidated {
		return [4]string{"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"}
	}
	return [4]string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"}
}

// eachRow reads a headerless OFAC CSV file and calls fn for every row,
// which must have want fields. OFAC ends some files with a DOS
// end-of-file byte (0x1A) on a line of its own; it is skipped.
func eachRow(ctx context.Context, name string, data []byte, want int, fn func(line int, r []string) error) error {
	data = bytes.TrimRight(data, "\x1a\r\n \t")
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return fmt.Errorf("%s line %d: %v (truncated or corrupt file?)", name, pe.StartLine, pe.Err)
			}
			return fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.Trim(rec[0], "\x1a ") == "" {
			continue
		}
		if len(rec) != want {
			return fmt.Errorf("%s line %d: want %d fields, got %d (truncated or not an OFAC %s file?)", name, line, want, len(rec), name)
		}
		if err := fn(line, rec); err != nil {
			return err
		}
	}
}

// field trims a value and maps OFAC's "-0-" to empty.
func field(s string) string {
	s = strings.TrimSpace(s)
	if s == "-0-" {
		return ""
	}
	return s
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
