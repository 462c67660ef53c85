package intel

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	ringer "github.com/ringerhq/ringer"
)

// maxImportFile bounds one imported file (the GeoIP2 City database, the
// largest source users bring, is about 120 MB).
const maxImportFile = 1 << 30

// Import reads files, detects their format, validates them fully and
// stores them in refs under kind "intel". It reads:
//
//   - MMDB files (by their metadata marker) of database_type City,
//     Country, ASN, ISP, Connection-Type, Anonymous-IP, Anonymous-Plus or
//     Enterprise, stored under "mmdb:<database_type>" so that a newer
//     edition replaces the older;
//   - CIDR lists: text, one CIDR prefix or IP address per line, "#"
//     comments; label is required ("vpn:astrill", "hosting", "tor",
//     "corporate"…) and letters, digits and ":._-" only;
//   - the Tor Project's exit list (exit-addresses), labelled "tor" unless
//     a label is given;
//   - ASN lists: text, one "AS<number>" per line, with a label as for
//     CIDR lists: an address whose ASN (from an ASN, ISP or Enterprise
//     MMDB) is listed gets the label;
//   - the LOLRMM catalogue: rmm_tools.json, one of its YAML files, or the
//     directory of them;
//   - ipkvm-watch's indicators.yaml;
//   - e-mail domain lists: text, one domain per line, with label
//     "disposable", "free" or "allow" (a file whose name says
//     "disposable", "blocklist" or "allowlist" needs none).
//
// A path may be an http(s) URL, downloaded when the user names it (an
// official list address, a MaxMind download link). Gzip files are
// unpacked, and a .tar.gz archive as MaxMind distributes yields each .mmdb
// it holds.
//
// Every file is checked before anything is stored: when one is refused,
// the error names it and what is wrong, nothing is stored, and the
// sources stored before stay in force. The returned references carry no
// Data.
func Import(ctx context.Context, refs ringer.ReferenceStore, paths []string, label string) ([]ringer.Reference, error) {
	if len(paths) == 0 {
		return nil, errors.New("intel import: no files")
	}
	if label != "" {
		if err := checkLabel(label); err != nil {
			return nil, err
		}
	}
	now := time.Now().UTC()
	var out []ringer.Reference
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		srcs, err := readSource(ctx, p, label)
		if err != nil {
			return nil, err
		}
		for _, ref := range srcs {
			ref.Kind = ReferenceKind
			ref.ImportedAt = now
			b := newBuilder()
			b.validate = true
			if err := b.add(ref.Source, ref); err != nil {
				return nil, err
			}
			ref.Entries = b.sources[0].Entries
			out = append(out, ref)
		}
	}
	for i := range out {
		if err := refs.PutReference(ctx, out[i]); err != nil {
			return nil, fmt.Errorf("intel import: store %s: %w", out[i].Name, err)
		}
		out[i].Data = nil
	}
	return out, nil
}

// checkLabel accepts labels of lower-case letters, digits and ":._-",
// starting with a letter or digit, at most 64 bytes.
func checkLabel(label string) error {
	if label == "" || len(label) > 64 {
		return fmt.Errorf("intel import: label %q: want 1 to 64 characters", clip(label))
	}
	for i := 0; i < len(label); i++ {
		c := label[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i > 0 && strings.IndexByte(":._-", c) >= 0
		if !ok {
			return fmt.Errorf("intel import: label %q: use lower-case letters, digits and \":._-\" (e.g. vpn:astrill, hosting, tor)", clip(label))
		}
	}
	return nil
}

// labelFromName returns the label held in a list's stored name,
// "<format>/<label>/<file>".
func labelFromName(name string) (string, bool) {
	parts := strings.SplitN(name, "/", 3)
	if len(parts) != 3 || parts[1] == "" {
		return "", false
	}
	return parts[1], true
}

// readSource reads one file, directory or URL into unsaved references:
// one, or one per database in a .tar.gz archive.
func readSource(ctx context.Context, path, label string) ([]ringer.Reference, error) {
	if isURL(path) {
		data, mod, err := fetch(ctx, path)
		if err != nil {
			return nil, err
		}
		name := path
		if u, err := url.Parse(path); err == nil && u.Path != "" {
			name = u.Path
		}
		return fromBytes(path, name, data, label, mod)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("intel import: %w", err)
	}
	if st.IsDir() {
		ref, err := readLOLRMMDir(path)
		if err != nil {
			return nil, err
		}
		return []ringer.Reference{ref}, nil
	}
	if st.Size() > maxImportFile {
		return nil, fmt.Errorf("intel import: %s: %d bytes is larger than the %d a source may have", path, st.Size(), maxImportFile)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("intel import: %w", err)
	}
	return fromBytes(path, path, data, label, st.ModTime().UTC())
}

// fromBytes detects the sources in a file's content. src names the file
// in errors and in Reference.Source; name is the file name that stored
// names derive from. Gzip files are unpacked; a tar archive inside (as
// MaxMind distributes its databases) yields each .mmdb it holds.
func fromBytes(src, name string, data []byte, label string, mod time.Time) ([]ringer.Reference, error) {
	if isGzip(data) {
		un, err := gunzip(src, data)
		if err != nil {
			return nil, err
		}
		data = un
		name = strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".tgz")
		if isTar(data) {
			return fromTar(src, data, label, mod)
		}
	}
	ref, err := detect(src, path.Base(filepath.ToSlash(name)), data, label)
	if err != nil {
		return nil, err
	}
	if ref.FileDate.IsZero() {
		ref.FileDate = mod
	}
	ref.Source = src
	return []ringer.Reference{ref}, nil
}

// fromTar reads the MaxMind DBs of a tar archive.
func fromTar(src string, data []byte, label string, mod time.Time) ([]ringer.Reference, error) {
	tr := tar.NewReader(bytes.NewReader(data))
	var out []ringer.Reference
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: broken tar archive: %w", src, err)
		}
		if h.Typeflag != tar.TypeReg || !strings.EqualFold(filepath.Ext(h.Name), ".mmdb") {
			continue
		}
		member, err := io.ReadAll(io.LimitReader(tr, maxImportFile))
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", src, h.Name, err)
		}
		refs, err := fromBytes(src+":"+h.Name, h.Name, member, label, mod)
		if err != nil {
			return nil, err
		}
		out = append(out, refs...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: the archive holds no .mmdb file", src)
	}
	return out, nil
}

func isGzip(data []byte) bool { return len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b }

// isTar reports a POSIX (ustar) tar archive.
func isTar(data []byte) bool { return len(data) > 262 && string(data[257:262]) == "ustar" }

// gunzip unpacks data, refusing more than a source may hold.
func gunzip(src string, data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: broken gzip file: %w", src, err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxImportFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: broken gzip file: %w", src, err)
	}
	if len(out) > maxImportFile {
		return nil, fmt.Errorf("%s: unpacks to more than the %d bytes a source may have", src, maxImportFile)
	}
	return out, nil
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// fetch downloads a source. It is only called when a user names a URL.
func fetch(ctx context.Context, rawURL string) ([]byte, time.Time, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("intel import: %s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", "ringer-intel-import")
	client := &http.Client{Timeout: 10 * time.Minute}
	resp, err := client.Do(req)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("intel import: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, time.Time{}, fmt.Errorf("intel import: %s: %s", rawURL, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxImportFile+1))
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("intel import: %s: %w", rawURL, err)
	}
	if len(data) > maxImportFile {
		return nil, time.Time{}, fmt.Errorf("intel import: %s: larger than the %d bytes a source may have", rawURL, maxImportFile)
	}
	mod := time.Now().UTC()
	if lm, err := http.ParseTime(resp.Header.Get("Last-Modified")); err == nil {
		mod = lm.UTC()
	}
	return data, mod, nil
}

// detect decides what a file is from its content (and, for domain lists
// without a label, its name) and returns the reference to store.
// path names the file in errors; base is the file name stored names and
// format hints derive from.
func detect(path, base string, data []byte, label string) (ringer.Reference, error) {
	if isMMDB(data) {
		db, err := openGeoDB(path, data, false)
		if err != nil {
			return ringer.Reference{}, err
		}
		return ringer.Reference{Name: "mmdb:" + db.dbType, Format: FormatMMDB, Data: data, FileDate: db.built.UTC()}, nil
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(trimmed) == 0 {
		return ringer.Reference{}, fmt.Errorf("%s: empty file", path)
	}
	switch trimmed[0] {
	case '[':
		return ringer.Reference{Name: "lolrmm/" + base, Format: FormatLOLRMM, Data: data}, nil
	case '{':
		return ringer.Reference{}, fmt.Errorf("%s: a JSON object is not a source ringer reads (LOLRMM's rmm_tools.json is an array)", path)
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return ringer.Reference{}, fmt.Errorf("%s: not a source ringer reads: a binary file that is not a MaxMind DB", path)
	}
	ext := strings.ToLower(filepath.Ext(base))
	if ext == ".yaml" || ext == ".yml" {
		return detectYAML(path, base, data)
	}
	return detectList(path, base, data, label)
}

// detectYAML tells ipkvm-watch's indicators.yaml from one LOLRMM tool.
func detectYAML(path, base string, data []byte) (ringer.Reference, error) {
	var top map[string]any
	if err := yaml.Unmarshal(data, &top); err != nil {
		return ringer.Reference{}, fmt.Errorf("%s: not valid YAML: %w", path, err)
	}
	switch {
	case top["usb"] != nil || top["network"] != nil:
		return ringer.Reference{Name: "ipkvm/" + base, Format: FormatIPKVMWatch, Data: data}, nil
	case top["Name"] != nil && top["Category"] != nil:
		js, err := lolrmmYAMLToJSON(path, [][]byte{data})
		if err != nil {
			return ringer.Reference{}, err
		}
		return ringer.Reference{Name: "lolrmm/" + base, Format: FormatLOLRMM, Data: js}, nil
	}
	return ringer.Reference{}, fmt.Errorf("%s: YAML with neither LOLRMM keys (Name, Category) nor ipkvm-watch keys (usb, network)", path)
}

// readLOLRMMDir reads a directory of LOLRMM YAML files into one catalogue.
func readLOLRMMDir(dir string) (ringer.Reference, error) {
	var docs [][]byte
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := strings.ToLower(filepath.Ext(p))
		if d.IsDir() || (ext != ".yaml" && ext != ".yml") {
			return nil
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		return ringer.Reference{}, fmt.Errorf("intel import: %w", err)
	}
	if len(names) == 0 {
		return ringer.Reference{}, fmt.Errorf("%s: directory holds no .yaml or .yml file", dir)
	}
	slices.Sort(names)
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return ringer.Reference{}, fmt.Errorf("intel import: %w", err)
		}
		docs = append(docs, b)
	}
	js, err := lolrmmYAMLToJSON(dir, docs, names...)
	if err != nil {
		return ringer.Reference{}, err
	}
	return ringer.Reference{Name: "lolrmm/" + filepath.Base(filepath.Clean(dir)), Format: FormatLOLRMM,
		Data: js, Source: dir}, nil
}

// lolrmmYAMLToJSON converts LOLRMM YAML documents to the JSON array
// rmm_tools.json holds, so that one parser reads both.
func lolrmmYAMLToJSON(path string, docs [][]byte, names ...string) ([]byte, error) {
	arr := make([]any, 0, len(docs))
	for i, d := range docs {
		name := path
		if i < len(names) {
			name = names[i]
		}
		var v any
		if err := yaml.Unmarshal(d, &v); err != nil {
			return nil, fmt.Errorf("%s: not valid YAML: %w", name, err)
		}
		v, err := jsonable(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		m, ok := v.(map[string]any)
		if !ok || m["Name"] == nil {
			return nil, fmt.Errorf("%s: not a LOLRMM tool (no Name)", name)
		}
		arr = append(arr, m)
	}
	js, err := json.Marshal(arr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return js, nil
}

// jsonable turns YAML's decoded values into ones encoding/json accepts:
// maps with non-string keys get string keys, timestamps become strings.
func jsonable(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			j, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			x[k] = j
		}
		return x, nil
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			j, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			m[fmt.Sprint(k)] = j
		}
		return m, nil
	case []any:
		for i, e := range x {
			j, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			x[i] = j
		}
		return x, nil
	case time.Time:
		return x.Format("2006-01-02"), nil
	}
	return v, nil
}

// detectList tells a CIDR list from a domain list by its first entry.
func detectList(path, base string, data []byte, label string) (ringer.Reference, error) {
	if isTorExitList(data) {
		if label == "" {
			label = "tor"
		}
		return ringer.Reference{Name: FormatCIDR + "/" + label + "/" + base, Format: FormatCIDR, Data: data}, nil
	}
	first := ""
	_ = eachListLine(path, data, func(_ int, tok string) error {
		first = tok
		return errStop
	})
	if first == "" {
		return ringer.Reference{}, fmt.Errorf("%s: %w: no entry in the file", path, errNoEntries)
	}
	if _, err := parsePrefixOrAddr(first); err == nil {
		if label == "" {
			return ringer.Reference{}, fmt.Errorf("%s: a CIDR list needs a label (--label vpn:astrill, hosting, tor, corporate…)", path)
		}
		if label == LabelDisposable || label == LabelFree || label == LabelAllow {
			return ringer.Reference{}, fmt.Errorf("%s: label %q is for e-mail domain lists, but the file lists IP networks", path, label)
		}
		return ringer.Reference{Name: FormatCIDR + "/" + label + "/" + base, Format: FormatCIDR, Data: data}, nil
	}
	if _, err := parseASN(first); err == nil {
		if label == "" {
			return ringer.Reference{}, fmt.Errorf("%s: an ASN list needs a label (--label vpn, hosting…)", path)
		}
		if label == LabelDisposable || label == LabelFree || label == LabelAllow {
			return ringer.Reference{}, fmt.Errorf("%s: label %q is for e-mail domain lists, but the file lists AS numbers", path, label)
		}
		return ringer.Reference{Name: FormatASNList + "/" + label + "/" + base, Format: FormatASNList, Data: data}, nil
	}
	if _, err := cleanDomain(first); err != nil {
		return ringer.Reference{}, fmt.Errorf("%s: not a source ringer reads: the first entry %q is neither an IP network, an AS number nor a domain", path, clip(first))
	}
	if label == "" {
		lb := strings.ToLower(base)
		switch {
		case strings.Contains(lb, "allowlist"), strings.Contains(lb, "whitelist"):
			label = LabelAllow
		case strings.Contains(lb, "disposable"), strings.Contains(lb, "blocklist"):
			label = LabelDisposable
		default:
			return ringer.Reference{}, fmt.Errorf("%s: a domain list needs --label %s, %s or %s", path, LabelDisposable, LabelFree, LabelAllow)
		}
	}
	if label != LabelDisposable && label != LabelFree && label != LabelAllow {
		return ringer.Reference{}, fmt.Errorf("%s: the file lists domains; label %q is not %s, %s or %s", path, label, LabelDisposable, LabelFree, LabelAllow)
	}
	return ringer.Reference{Name: FormatDomainList + "/" + label + "/" + base, Format: FormatDomainList, Data: data}, nil
}

var errStop = errors.New("stop")
