package detect

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
)

// lookupLimit bounds how many other records one cross-record question
// returns. A laptop farm with more workers than this still reads as "at
// least lookupLimit".
const lookupLimit = 200

// crossRef answers "who else has this identifier" for one subject through
// the store's index of keyed identifiers, caching answers for the
// duration of one Detect call.
type crossRef struct {
	keyer *normalize.Keyer
	graph ringer.GraphReader
	self  string
	cache map[string][]string
	home  map[string]bool // records sharing the subject's home address
}

// newCrossRef returns nil when the cross-record view is unavailable (no
// graph or no keyer); every method of a nil *crossRef answers "nobody".
func newCrossRef(e *env, s *ringer.Subject) *crossRef {
	if e.keyer == nil || s.Graph == nil {
		return nil
	}
	return &crossRef{keyer: e.keyer, graph: s.Graph, self: s.Record.ID, cache: make(map[string][]string)}
}

// others returns the ids of other records indexed under key, sorted.
func (c *crossRef) others(ctx context.Context, key string) ([]string, error) {
	if c == nil || key == "" {
		return nil, nil
	}
	if ids, ok := c.cache[key]; ok {
		return ids, nil
	}
	ids, err := c.graph.RecordsWithKey(ctx, key, lookupLimit+1)
	if err != nil {
		return nil, fmt.Errorf("records with %s key: %w", keyKind(key), err)
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != c.self && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	c.cache[key] = out
	return out, nil
}

// household returns the other records that give the subject's home
// address as their own home: a married couple, a family. Sharing things
// with them weighs far less than sharing with strangers.
func (c *crossRef) household(ctx context.Context, r *ringer.Record) (map[string]bool, error) {
	if c == nil {
		return nil, nil
	}
	if c.home != nil {
		return c.home, nil
	}
	c.home = make(map[string]bool)
	for _, id := range normalize.Identifiers(c.keyer, r) {
		if id.Kind != ringer.IDAddress {
			continue
		}
		ids, err := c.others(ctx, id.Key)
		if err != nil {
			return nil, err
		}
		for _, o := range ids {
			c.home[o] = true
		}
	}
	return c.home, nil
}

// residents returns the records whose home is the given address.
func (c *crossRef) residents(ctx context.Context, a ringer.Address) ([]string, error) {
	if c == nil {
		return nil, nil
	}
	a.Use = "home"
	probe := ringer.Record{Addresses: []ringer.Address{a}}
	var out []string
	for _, id := range normalize.Identifiers(c.keyer, &probe) {
		if id.Kind != ringer.IDAddress {
			continue
		}
		ids, err := c.others(ctx, id.Key)
		if err != nil {
			return nil, err
		}
		out = append(out, ids...)
	}
	return out, nil
}

// eventKey returns the keyed identifier of the given kind an event
// carries, normalised exactly as the store indexed it.
func (c *crossRef) eventKey(ev *ringer.Event, kind ringer.IdentifierKind) []string {
	if c == nil {
		return nil
	}
	var keys []string
	for _, id := range normalize.EventIdentifiers(c.keyer, ev) {
		if id.Kind == kind {
			keys = append(keys, id.Key)
		}
	}
	return keys
}

// classify divides other records into strangers and probable members of
// the subject's household: records that give the subject's home address
// as theirs and, when there are at most two others, records with no home
// address on file at all (a partner whose address was never entered;
// personas of a laptop farm claim homes of their own), or all of them when
// the subject's own home is not on file.
func (c *crossRef) classify(ctx context.Context, r *ringer.Record, ids []string) (strangers, housemates []string, err error) {
	household, err := c.household(ctx, r)
	if err != nil {
		return nil, nil, err
	}
	strangers, housemates = split(ids, household)
	if len(ids) > 2 || len(strangers) == 0 {
		return strangers, housemates, nil
	}
	if !c.placed(r) {
		// The subject's own home is not on file: one or two others are as
		// likely a household as anything.
		return nil, append(housemates, strangers...), nil
	}
	ps, err := c.graph.Personas(ctx, strangers)
	if err != nil {
		return nil, nil, fmt.Errorf("personas: %w", err)
	}
	placed := map[string]bool{}
	for _, p := range ps {
		for _, k := range p.Keys {
			if strings.HasPrefix(k, string(ringer.IDAddress)+":") {
				placed[p.RecordID] = true
				break
			}
		}
	}
	known := map[string]bool{}
	for _, p := range ps {
		known[p.RecordID] = true
	}
	var st []string
	for _, id := range strangers {
		if known[id] && !placed[id] {
			housemates = append(housemates, id)
		} else {
			st = append(st, id)
		}
	}
	return st, housemates, nil
}

// placed reports whether a record has a home address the store indexes.
func (c *crossRef) placed(r *ringer.Record) bool {
	for _, id := range normalize.Identifiers(c.keyer, r) {
		if id.Kind == ringer.IDAddress {
			return true
		}
	}
	return false
}

// split divides other records into strangers and members of the subject's
// household.
func split(ids []string, household map[string]bool) (strangers, housemates []string) {
	for _, id := range ids {
		if household[id] {
			housemates = append(housemates, id)
		} else {
			strangers = append(strangers, id)
		}
	}
	return strangers, housemates
}

// keyKind returns the kind prefix of a key, never its value, for error
// messages that must not carry identifiers.
func keyKind(key string) string {
	for i := 0; i < len(key); i++ {
		if key[i] == ':' {
			return key[:i]
		}
	}
	return "unknown"
}
