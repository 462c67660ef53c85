package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/netip"
	"strings"
	"text/tabwriter"

	"github.com/ringerhq/ringer/intel"
)

func cmdIntel() command {
	return command{summary: "import, list and query intelligence sources (MMDB, CIDR lists, tool and IP-KVM catalogues, e-mail domains)", run: runIntel}
}

const intelUsage = `Usage:
  ringer intel import [--db FILE] FILE|URL... [--label LABEL]   validate and store sources
  ringer intel list   [--db FILE] [--json]                      list the loaded sources
  ringer intel lookup [--db FILE] IP...                         what the sources know of addresses (JSON)
  ringer intel remove [--db FILE] NAME...                       delete stored sources by name (see list)

Examples:
  ringer intel import GeoLite2-City_20260101.tar.gz GeoLite2-ASN.mmdb GeoIP2-Anonymous-IP.mmdb
  ringer intel import astrill-exits.txt --label vpn:astrill
  ringer intel import lolrmm/yaml ipkvm-watch/indicators.yaml disposable_email_blocklist.conf
  ringer intel lookup 81.2.69.142

Run "ringer intel SUBCOMMAND --help" for its flags.
`

func runIntel(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(e.stderr, intelUsage)
		if len(args) == 0 {
			return fmt.Errorf("%w: no subcommand", errUsage)
		}
		return flag.ErrHelp
	}
	switch args[0] {
	case "import":
		return runIntelImport(ctx, e, args[1:])
	case "list":
		return runIntelList(ctx, e, args[1:])
	case "lookup":
		return runIntelLookup(ctx, e, args[1:])
	case "remove":
		return runIntelRemove(ctx, e, args[1:])
	}
	fmt.Fprint(e.stderr, intelUsage)
	return fmt.Errorf("%w: unknown subcommand %q", errUsage, args[0])
}

// parseInterspersed parses flags wherever they stand among the
// arguments ("FILE... --label vpn"), returning the positional ones. "--"
// ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func runIntelImport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "intel import", "[--db FILE] FILE... [--label LABEL]",
		"ringer intel import GeoLite2-City_20260101.tar.gz GeoLite2-ASN.mmdb && ringer intel import astrill.txt --label vpn:astrill")
	db := dbFlag(e, fs)
	label := fs.String("label", "", "`label` of a CIDR or ASN list (vpn:astrill, hosting, tor, corporate…) or of a domain list (disposable, free, allow)")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no files to import", errUsage)
	}
	st, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	refs, err := intel.Import(ctx, st, files, *label)
	if err != nil {
		return err
	}
	for _, r := range refs {
		fmt.Fprintf(e.stdout, "imported %s (%s, %d entries) from %s\n", r.Name, r.Format, r.Entries, r.Source)
	}
	return nil
}

func runIntelList(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "intel list", "[--db FILE] [--json]", "ringer intel list --db ringer.db")
	db := dbFlag(e, fs)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	set, err := intel.Load(ctx, st)
	if err != nil {
		return err
	}
	srcs := set.Sources()
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(srcs)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tFORMAT\tLABEL\tENTRIES\tFILE DATE\tIMPORTED\tSOURCE")
	for _, s := range srcs {
		fd, imp := "-", "-"
		if !s.FileDate.IsZero() {
			fd = s.FileDate.Format("2006-01-02")
		}
		if !s.ImportedAt.IsZero() {
			imp = s.ImportedAt.Format("2006-01-02 15:04")
		}
		src := s.Source
		if s.BuiltIn {
			src = "built in"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", s.Name, s.Format, dash(s.Label), s.Entries, fd, imp, src)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func runIntelLookup(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "intel lookup", "[--db FILE] IP...", "ringer intel lookup 81.2.69.142 2001:db8::1")
	db := dbFlag(e, fs)
	ips, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(ips) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no addresses", errUsage)
	}
	addrs := make([]netip.Addr, len(ips))
	for i, s := range ips {
		a, err := netip.ParseAddr(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("%w: %q is not an IP address", errUsage, s)
		}
		addrs[i] = a
	}
	st, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	set, err := intel.Load(ctx, st)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	for _, a := range addrs {
		out := struct {
			IP string `json:"ip"`
			intel.IPInfo
		}{a.String(), set.IP(a)}
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	return nil
}

func runIntelRemove(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "intel remove", "[--db FILE] NAME...", "ringer intel remove cidr/vpn:astrill/astrill.txt")
	db := dbFlag(e, fs)
	names, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no source names", errUsage)
	}
	st, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, n := range names {
		if _, err := st.Reference(ctx, intel.ReferenceKind, n); err != nil {
			return fmt.Errorf("source %s: %w", n, err)
		}
		if err := st.DeleteReference(ctx, intel.ReferenceKind, n); err != nil {
			return fmt.Errorf("remove %s: %w", n, err)
		}
		fmt.Fprintf(e.stdout, "removed %s\n", n)
	}
	return nil
}
