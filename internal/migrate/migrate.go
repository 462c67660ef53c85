// Package migrate reads the numbered schema migrations that the stores
// embed (NNNN_name.sql), in version order. Applying them is each store's
// own business, in its own SQL dialect.
package migrate

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// ParseName reads a migration file name of the form
// NNNN_words.sql, where NNNN is a positive decimal version.
func ParseName(name string) (version int, title string, err error) {
	base, ok := strings.CutSuffix(name, ".sql")
	if !ok {
		return 0, "", fmt.Errorf("migration %q: name must end in .sql", name)
	}
	num, title, ok := strings.Cut(base, "_")
	if !ok || title == "" {
		return 0, "", fmt.Errorf("migration %q: want NNNN_name.sql", name)
	}
	if num == "" || len(num) > 9 || strings.Trim(num, "0123456789") != "" {
		return 0, "", fmt.Errorf("migration %q: version %q is not a number", name, num)
	}
	version, _ = strconv.Atoi(num)
	if version < 1 {
		return 0, "", fmt.Errorf("migration %q: version must be at least 1", name)
	}
	return version, title, nil
}

// LoadDir reads the numbered migrations of the directory dir of fsys, as
// Load does: a store's embedded "migrations" directory.
func LoadDir(fsys fs.FS, dir string) ([]Migration, error) {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	return Load(sub)
}

// Load reads the numbered migrations of fsys in version order.
// Versions must run 1, 2, 3… without gaps or repeats.
func Load(fsys fs.FS) ([]Migration, error) {
	ents, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []Migration
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		v, title, err := ParseName(e.Name())
		if err != nil {
			return nil, err
		}
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		ms = append(ms, Migration{Version: v, Name: title, SQL: string(b)})
	}
	slices.SortFunc(ms, func(a, b Migration) int { return cmp.Compare(a.Version, b.Version) })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %d (%s): want version %d; versions must run 1, 2, 3… without gaps or repeats", m.Version, m.Name, i+1)
		}
	}
	return ms, nil
}
