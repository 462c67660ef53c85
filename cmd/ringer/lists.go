package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ringerhq/ringer/watchlist"
	"github.com/ringerhq/ringer/watchlist/ofac"
	"github.com/ringerhq/ringer/watchlist/un"
)

func cmdLists() command {
	return command{summary: "watchlists: show the loaded lists, import files, download updates", run: runLists}
}

func runLists(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "import":
			return runListsImport(ctx, e, args[1:])
		case "update":
			return runListsUpdate(ctx, e, args[1:])
		}
	}
	fs := newFlagSet(e, "lists", "[--db FILE] [--json] | import FILE... | update [--url-ofac URL] [--url-un URL]",
		"ringer lists --db ringer.db")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `Usage: ringer lists [--db FILE] [--json]
       ringer lists import [--db FILE] FILE...
       ringer lists update [--db FILE] [--url-ofac URL] [--url-un URL]

lists shows the watchlists loaded in the deployment, their entry counts and
file dates. import reads list files you have (OFAC sdn.csv with add.csv,
alt.csv and sdn_comments.csv; cons_prim.csv and the other consolidated
files; the UN consolidated XML; STIX 2.1 bundles; a CSV with a header) and
stores them; update downloads the official OFAC and UN files and stores them.
A file that is truncated or corrupt is refused and the stored list stays.

Examples:
  ringer lists import sdn.csv add.csv alt.csv sdn_comments.csv consolidated.xml
  ringer lists update
  ringer lists

Flags:`)
		fs.PrintDefaults()
	}
	db := dbFlag(e, fs)
	asJSON := fs.Bool("json", false, "write the lists as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unknown subcommand %q: want import or update", errUsage, fs.Arg(0))
	}
	st, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	refs, err := st.References(ctx, watchlist.ReferenceKind)
	if err != nil {
		return fmt.Errorf("list watchlists: %w", err)
	}
	var infos []watchlist.ListInfo
	for _, r := range refs {
		infos = append(infos, watchlist.ListInfo{Name: r.Name, Title: titleOf(r.Name), Format: r.Format, Source: r.Source,
			Entries: r.Entries, FileDate: r.FileDate, Imported: r.ImportedAt})
	}
	if *asJSON {
		if infos == nil {
			infos = []watchlist.ListInfo{}
		}
		return printJSON(e.stdout, infos)
	}
	if len(infos) == 0 {
		fmt.Fprintln(e.stdout, "no watchlists loaded; run \"ringer lists import FILE...\" or \"ringer lists update\"")
		return nil
	}
	printLists(e, infos)
	return nil
}

func titleOf(name string) string {
	switch name {
	case "us_ofac_sdn":
		return "OFAC SDN list"
	case "us_ofac_cons":
		return "OFAC consolidated non-SDN list"
	case "un_sc":
		return "UN Security Council consolidated list"
	}
	return name
}

func printLists(e *env, infos []watchlist.ListInfo) {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LIST\tTITLE\tFORMAT\tENTRIES\tFILE DATE\tIMPORTED\tSOURCE")
	for _, l := range infos {
		fd := "-"
		if !l.FileDate.IsZero() {
			fd = l.FileDate.UTC().Format("2006-01-02")
		}
		im := "-"
		if !l.Imported.IsZero() {
			im = l.Imported.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", l.Name, l.Title, l.Format, l.Entries, fd, im, l.Source)
	}
	tw.Flush()
}

func runListsImport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "lists import", "[--db FILE] [--rescreen=false] FILE...",
		"ringer lists import sdn.csv add.csv alt.csv sdn_comments.csv UN_consolidated.xml dprk-it-workers.json")
	db := dbFlag(e, fs)
	rescreen := fs.Bool("rescreen", true, "screen the stored records again against the updated lists")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: want one or more list files", errUsage)
	}
	files, err := watchlist.ReadFiles(paths)
	if err != nil {
		return err
	}
	return storeLists(ctx, e, *db, files, *rescreen)
}

// storeLists imports files into the store at db, prints what was stored
// and re-screens stored records.
func storeLists(ctx context.Context, e *env, db string, files []watchlist.File, rescreen bool) error {
	st, err := openStore(ctx, e, db)
	if err != nil {
		return err
	}
	defer st.Close()
	infos, err := watchlist.Import(ctx, st, files)
	if err != nil {
		return err
	}
	printLists(e, infos)
	if !rescreen {
		return nil
	}
	n, err := st.CountRecords(ctx)
	if err != nil || n == 0 {
		return err
	}
	sc, err := newScreener(ctx, e, st, db, "")
	if err != nil {
		return fmt.Errorf("re-screen: %w", err)
	}
	defer sc.Close()
	done, err := sc.Rescreen(ctx)
	if err != nil {
		return fmt.Errorf("re-screen: %w", err)
	}
	fmt.Fprintf(e.stderr, "re-screened %d stored records\n", done)
	return nil
}

func runListsUpdate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "lists update", "[--db FILE] [--url-ofac URL] [--url-un URL] [--consolidated]",
		"ringer lists update --db ringer.db")
	db := dbFlag(e, fs)
	urlOFAC := fs.String("url-ofac", ofac.BaseURL, "base `URL` of the OFAC SDN files (sdn.csv, add.csv, alt.csv, sdn_comments.csv); empty skips OFAC")
	urlUN := fs.String("url-un", un.URL, "`URL` of the UN consolidated list XML; empty skips it")
	cons := fs.Bool("consolidated", false, "also download OFAC's consolidated non-SDN files from the same base URL")
	timeout := fs.Duration("timeout", 2*time.Minute, "time limit for each download")
	rescreen := fs.Bool("rescreen", true, "screen the stored records again against the updated lists")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: update takes no arguments", errUsage)
	}
	client := &http.Client{Timeout: *timeout}
	var files []watchlist.File
	if base := strings.TrimSpace(*urlOFAC); base != "" {
		if !strings.HasSuffix(base, "/") {
			base += "/"
		}
		sets := []bool{false}
		if *cons {
			sets = append(sets, true)
		}
		for _, c := range sets {
			f, err := ofac.Download(ctx, client, base, c)
			if err != nil {
				return fmt.Errorf("update refused, stored lists unchanged: %w", err)
			}
			names := []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"}
			if c {
				names = []string{"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"}
			}
			for i, b := range [][]byte{f.Primary, f.Addresses, f.Aliases, f.Comments} {
				if b != nil {
					files = append(files, watchlist.File{Name: names[i], Data: b})
				}
			}
		}
	}
	if u := strings.TrimSpace(*urlUN); u != "" {
		b, err := un.Download(ctx, client, u)
		if err != nil {
			return fmt.Errorf("update refused, stored lists unchanged: %w", err)
		}
		files = append(files, watchlist.File{Name: "UN_consolidated.xml", Data: b})
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: nothing to download: both --url-ofac and --url-un are empty", errUsage)
	}
	return storeLists(ctx, e, *db, files, *rescreen)
}
