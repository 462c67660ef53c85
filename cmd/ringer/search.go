package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/names"
	"github.com/ringerhq/ringer/watchlist"
)

func cmdSearch() command {
	return command{summary: "search the watchlists for a name", run: runSearch}
}

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "search", `"NAME" [--db FILE] [--birth-date D] [--country C] [--kind K] [--limit N] [--json]`,
		`ringer search "Kim Yong Chol" --birth-date 1946 --country KP`)
	db := dbFlag(e, fs)
	birth := fs.String("birth-date", "", "birth `date` (1946, 1946-03, 1946-03-12) to qualify person matches")
	country := fs.String("country", "", "`country` (ISO code or name) to qualify matches")
	kind := fs.String("kind", "", "search only person, organization or vessel entries")
	limit := fs.Int("limit", 10, "most hits to show")
	minScore := fs.Float64("min-score", watchlist.ReviewFloor, "lowest score to show")
	asJSON := fs.Bool("json", false, "write the hits as JSON")
	ident := fs.String("identifier", "", "look the argument up as an identifier of this `kind` instead of a name: email, phone, wallet, document, domain, handle or ip")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one name to search (quote it), got %d arguments", errUsage, len(pos))
	}
	q := watchlist.Query{Name: pos[0], Country: *country, Kind: *kind, Limit: *limit, MinScore: *minScore}
	if *birth != "" {
		if q.BirthDate, err = ringer.ParseDate(*birth); err != nil {
			return fmt.Errorf("%w: --birth-date: %v", errUsage, err)
		}
	}
	if *kind != "" {
		if _, err := names.ParseKind(*kind); err != nil {
			return fmt.Errorf("%w: --kind: %v", errUsage, err)
		}
	}
	st, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	ix, err := watchlist.Load(ctx, st)
	if err != nil {
		return err
	}
	if ix.Len() == 0 {
		return fmt.Errorf("no watchlists loaded in %s; run \"ringer lists import FILE...\" or \"ringer lists update\"", *db)
	}
	if *ident != "" {
		return printIdentifierHits(e, ix, *ident, pos[0], *asJSON)
	}
	hits := watchlist.HitsJSON(ix.Search(q), names.DefaultThreshold)
	if *asJSON {
		return printJSON(e.stdout, watchlist.SearchResponse{Query: q.Name, Threshold: names.DefaultThreshold, Hits: hits})
	}
	if len(hits) == 0 {
		fmt.Fprintf(e.stdout, "no entry scores %.2f or more for %q\n", q.MinScore, q.Name)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCORE\tMATCH\tLIST\tENTRY\tTYPE\tNAME\tPROGRAMS")
	for _, h := range hits {
		m := "possible"
		if h.Match {
			m = "match"
		}
		fmt.Fprintf(tw, "%.3f\t%s\t%s\t%s\t%s\t%s\t%v\n", h.Score, m, h.List, h.Entry, h.Type, h.Name, h.Programs)
	}
	tw.Flush()
	for _, h := range hits {
		fmt.Fprintf(e.stdout, "\n%s %s: %s", h.List, h.Entry, h.Why)
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// printIdentifierHits prints the entries that list an identifier.
func printIdentifierHits(e *env, ix *watchlist.Index, kind, value string, asJSON bool) error {
	switch kind {
	case "email", "phone", "wallet", "document", "domain", "handle", "ip":
	default:
		return fmt.Errorf("%w: --identifier %q: want email, phone, wallet, document, domain, handle or ip", errUsage, kind)
	}
	found := ix.Identifier(kind, value)
	if asJSON {
		if found == nil {
			return printJSON(e.stdout, []any{})
		}
		return printJSON(e.stdout, found)
	}
	if len(found) == 0 {
		fmt.Fprintf(e.stdout, "no list entry carries this %s\n", kind)
		return nil
	}
	for _, en := range found {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\n", en.List, en.ID, en.Name, en.Citation())
	}
	return nil
}
