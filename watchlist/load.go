// Package watchlist screens people, organisations and identifiers against
// sanctions lists (OFAC SDN and consolidated lists, the UN Security
// Council consolidated list) and indicator lists (STIX 2.1 bundles, a
// team's own CSV).
//
// Lists are imported into the deployment's store (Import) as the raw file
// bytes, so every ringer node reads the same lists; Load builds an Index
// from what is stored. The Index answers name searches across spellings,
// scripts and romanizations (package names does the matching) and exact
// identifier lookups. NewDetector screens records and their events and
// raises watchlist.name_match and watchlist.identifier_match signals;
// NewSearchHandler serves GET /v1/search.
package watchlist

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/watchlist/csvlist"
	"github.com/ringerhq/ringer/watchlist/entity"
	"github.com/ringerhq/ringer/watchlist/ofac"
	"github.com/ringerhq/ringer/watchlist/stix"
	"github.com/ringerhq/ringer/watchlist/un"
)

// ReferenceKind is the ringer.Reference kind lists are stored under.
const ReferenceKind = "watchlist"

// Formats of stored lists (ringer.Reference.Format).
const (
	FormatOFAC = "ofac-csv"
	FormatUN   = "un-xml"
	FormatSTIX = "stix-json"
	FormatCSV  = "team-csv"
)

// File is a list file given by name and content.
type File struct {
	Name string
	Data []byte
}

// ReadFiles reads files from disk.
func ReadFiles(paths []string) ([]File, error) {
	out := make([]File, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read list file: %w", err)
		}
		out = append(out, File{Name: p, Data: b})
	}
	return out, nil
}

var (
	ofacSDNFiles  = []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"}
	ofacConsFiles = []string{"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"}
)

// Parse detects the format of each file, groups the files of one OFAC set
// together and reads them. It returns one reference per list, ready to
// store, and the parsed lists. Any unreadable file fails the whole call.
func Parse(ctx context.Context, files []File) ([]ringer.Reference, []*entity.List, error) {
	var refs []ringer.Reference
	var lists []*entity.List
	groups := map[string][]File{}
	for _, f := range files {
		base := strings.ToLower(filepath.Base(f.Name))
		switch {
		case slices.Contains(ofacSDNFiles, base):
			groups["sdn"] = append(groups["sdn"], File{Name: base, Data: f.Data})
			continue
		case slices.Contains(ofacConsFiles, base):
			groups["cons"] = append(groups["cons"], File{Name: base, Data: f.Data})
			continue
		}
		format, err := sniff(f)
		if err != nil {
			return nil, nil, err
		}
		name := listName(f.Name)
		ref := ringer.Reference{Kind: ReferenceKind, Name: name, Format: format, Source: f.Name}
		data, err := pack([]File{{Name: filepath.Base(f.Name), Data: f.Data}})
		if err != nil {
			return nil, nil, err
		}
		ref.Data = data
		l, err := decode(ctx, format, name, []File{{Name: filepath.Base(f.Name), Data: f.Data}})
		if err != nil {
			return nil, nil, err
		}
		ref.Entries, ref.FileDate, ref.Name = len(l.Entities), l.FileDate, l.Name
		refs, lists = append(refs, ref), append(lists, l)
	}
	for _, g := range []string{"sdn", "cons"} {
		fs := groups[g]
		if len(fs) == 0 {
			continue
		}
		slices.SortFunc(fs, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
		l, err := decode(ctx, FormatOFAC, "", fs)
		if err != nil {
			return nil, nil, err
		}
		data, err := pack(fs)
		if err != nil {
			return nil, nil, err
		}
		var srcs []string
		for _, f := range fs {
			srcs = append(srcs, f.Name)
		}
		refs = append(refs, ringer.Reference{Kind: ReferenceKind, Name: l.Name, Format: FormatOFAC, Data: data,
			Source: strings.Join(srcs, " "), Entries: len(l.Entities), FileDate: l.FileDate})
		lists = append(lists, l)
	}
	if len(refs) == 0 {
		return nil, nil, errors.New("no list files given")
	}
	return refs, lists, nil
}

// listName derives a list name from a file name: "dprk-it-workers.json"
// gives "dprk-it-workers".
func listName(path string) string {
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// sniff tells a file's format from its first bytes.
func sniff(f File) (string, error) {
	head := bytes.TrimLeft(bytes.TrimPrefix(f.Data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch {
	case len(head) == 0:
		return "", fmt.Errorf("%s: empty file", f.Name)
	case head[0] == '<':
		if bytes.Contains(head, []byte("CONSOLIDATED_LIST")) {
			return FormatUN, nil
		}
		return "", fmt.Errorf("%s: XML but not a UN consolidated list (no CONSOLIDATED_LIST element)", f.Name)
	case head[0] == '{':
		return FormatSTIX, nil
	}
	if strings.HasSuffix(strings.ToLower(f.Name), ".csv") || bytes.Contains(head, []byte(",")) {
		first, _, _ := bytes.Cut(head, []byte("\n"))
		if bytes.Contains(bytes.ToLower(first), []byte("name")) || bytes.Contains(bytes.ToLower(first), []byte("email")) ||
			bytes.Contains(bytes.ToLower(first), []byte("wallet")) {
			return FormatCSV, nil
		}
		return "", fmt.Errorf("%s: CSV without a header naming name, email or wallet columns; OFAC files must keep their official names (sdn.csv, add.csv, alt.csv, sdn_comments.csv)", f.Name)
	}
	return "", fmt.Errorf("%s: unknown list format (want OFAC CSV, UN XML, STIX 2.1 JSON or CSV with a header)", f.Name)
}

// decode reads the files of one list in a format.
func decode(ctx context.Context, format, name string, files []File) (*entity.List, error) {
	switch format {
	case FormatOFAC:
		var f ofac.Files
		for _, x := range files {
			switch x.Name {
			case "sdn.csv", "cons_prim.csv":
				f.Primary = x.Data
				f.Consolidated = x.Name == "cons_prim.csv"
			case "add.csv", "cons_add.csv":
				f.Addresses = x.Data
			case "alt.csv", "cons_alt.csv":
				f.Aliases = x.Data
			case "sdn_comments.csv", "cons_comments.csv":
				f.Comments = x.Data
			}
		}
		if f.Primary == nil {
			return nil, errors.New("OFAC list: the primary file (sdn.csv or cons_prim.csv) is missing")
		}
		return ofac.Read(ctx, f)
	case FormatUN:
		if len(files) != 1 {
			return nil, fmt.Errorf("UN list: want one file, got %d", len(files))
		}
		return un.Read(ctx, files[0].Data)
	case FormatSTIX:
		if len(files) != 1 {
			return nil, fmt.Errorf("STIX list: want one file, got %d", len(files))
		}
		return stix.Read(ctx, name, files[0].Data)
	case FormatCSV:
		if len(files) != 1 {
			return nil, fmt.Errorf("CSV list: want one file, got %d", len(files))
		}
		return csvlist.Read(ctx, name, files[0].Data)
	}
	return nil, fmt.Errorf("unknown list format %q", format)
}

// pack stores a list's files in one tar archive: the raw bytes, so that a
// better reader later reads them better.
func pack(files []File) ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		if err := tw.WriteHeader(&tar.Header{Name: f.Name, Mode: 0o644, Size: int64(len(f.Data)), Format: tar.FormatPAX}); err != nil {
			return nil, fmt.Errorf("pack %s: %w", f.Name, err)
		}
		if _, err := tw.Write(f.Data); err != nil {
			return nil, fmt.Errorf("pack %s: %w", f.Name, err)
		}
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("pack list: %w", err)
	}
	return buf.Bytes(), nil
}

func unpack(data []byte) ([]File, error) {
	tr := tar.NewReader(bytes.NewReader(data))
	var out []File
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("unpack list: %w", err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("unpack %s: %w", h.Name, err)
		}
		out = append(out, File{Name: h.Name, Data: b})
	}
}

// Import reads the files, refuses them all if any is unreadable (a
// truncated or corrupt file leaves the stored lists as they were), and
// stores one reference per list, replacing a stored list of the same name.
func Import(ctx context.Context, rs ringer.ReferenceStore, files []File) ([]ListInfo, error) {
	refs, lists, err := Parse(ctx, files)
	if err != nil {
		return nil, fmt.Errorf("import refused, stored lists unchanged: %w", err)
	}
	now := time.Now().UTC()
	infos := make([]ListInfo, 0, len(refs))
	for i := range refs {
		refs[i].ImportedAt = now
		if err := rs.PutReference(ctx, refs[i]); err != nil {
			return infos, fmt.Errorf("store list %s: %w", refs[i].Name, err)
		}
		infos = append(infos, infoOf(refs[i], len(lists[i].Entities)))
	}
	return infos, nil
}

func infoOf(r ringer.Reference, entries int) ListInfo {
	return ListInfo{Name: r.Name, Title: entity.ListTitle(r.Name), Format: r.Format, Source: r.Source,
		Entries: entries, FileDate: r.FileDate, Imported: r.ImportedAt}
}

// Load builds an index from the lists stored in rs. A stored list that
// can no longer be read fails the load with its name.
func Load(ctx context.Context, rs ringer.ReferenceStore) (*Index, error) {
	metas, err := rs.References(ctx, ReferenceKind)
	if err != nil {
		return nil, fmt.Errorf("load watchlists: %w", err)
	}
	lists := make([]*entity.List, len(metas))
	infos := make([]ListInfo, len(metas))
	refs := make([]ringer.Reference, len(metas))
	for i, m := range metas {
		if refs[i], err = rs.Reference(ctx, ReferenceKind, m.Name); err != nil {
			return nil, fmt.Errorf("load watchlist %s: %w", m.Name, err)
		}
	}
	// Lists decode independently: one goroutine each.
	errs := make([]error, len(metas))
	var wg sync.WaitGroup
	for i := range refs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l, err := DecodeReference(ctx, refs[i])
			if err != nil {
				errs[i] = fmt.Errorf("load watchlist %s: %w", refs[i].Name, err)
				return
			}
			lists[i], infos[i] = l, infoOf(refs[i], len(l.Entities))
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return NewIndex(lists, infos), nil
}

// DecodeReference reads a stored list.
func DecodeReference(ctx context.Context, ref ringer.Reference) (*entity.List, error) {
	files, err := unpack(ref.Data)
	if err != nil {
		return nil, err
	}
	l, err := decode(ctx, ref.Format, ref.Name, files)
	if err != nil {
		return nil, err
	}
	l.Name = ref.Name
	for i := range l.Entities {
		l.Entities[i].List = ref.Name
	}
	return l, nil
}
