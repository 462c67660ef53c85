package intel

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	ringer "github.com/ringerhq/ringer"
)

// Tool categories.
const (
	// CategoryRMM is remote monitoring and management or remote-desktop
	// software with a legitimate use.
	CategoryRMM = "rmm"
	// CategoryRAT is a remote-access trojan or a tool mostly seen abused.
	CategoryRAT = "rat"
)

// Tool is a remote-access tool a catalogue knows.
type Tool struct {
	Name string `json:"name"`
	// Category is CategoryRMM or CategoryRAT.
	Category string `json:"category"`
	// Source names the catalogue the entry came from.
	Source string `json:"source"`
	// MatchedOn says which part of the software matched: "bundle_id",
	// "executable", "name" or "path".
	MatchedOn string `json:"matched_on,omitempty"`
}

// RemoteAccessTool matches an installed program or running process by
// macOS bundle id, executable name, install path or display name. The
// first catalogue to know a key wins: the built-in one, then imports in
// the order they were imported.
func (s *Set) RemoteAccessTool(sw ringer.Software) (Tool, bool) {
	return s.tools.memoMatch(sw)
}

// maxToolMemo bounds the answers a catalogue remembers.
const maxToolMemo = 1 << 16

// toolAnswer is a remembered answer of match.
type toolAnswer struct {
	tool Tool
	ok   bool
}

// memoMatch answers from memory when the same program was asked about
// before: inventories repeat the same few hundred programs on every
// device, and matching one costs far more than remembering it.
func (c *toolCatalogue) memoMatch(sw ringer.Software) (Tool, bool) {
	if v, ok := c.memo.Load(sw); ok {
		a := v.(toolAnswer)
		return a.tool, a.ok
	}
	t, ok := c.match(sw)
	if c.memoSize.Add(1) <= maxToolMemo {
		c.memo.Store(sw, toolAnswer{t, ok})
	}
	return t, ok
}

// catalogueTool is one tool as a catalogue describes it, before indexing.
type catalogueTool struct {
	Name     string
	Aliases  []string // other display names
	Category string
	Source   string
	// Executables are file names ("AnyDesk.exe", "rustdesk"), possibly
	// with "*" wildcards ("screenconnect*.exe").
	Executables []string
	BundleIDs   []string
	// Paths are install paths or path globs; a path names the directory
	// or bundle the tool lives in, so files below it match too.
	Paths []string
}

// pathRule is one install-path glob, normalised (see normPath).
type pathRule struct {
	glob string
	tool int
}

// toolCatalogue indexes tools for matching.
type toolCatalogue struct {
	tools    []Tool
	byName   map[string]int
	byExe    map[string]int
	byBundle map[string]int
	exeGlobs []pathRule
	// byDir indexes path rules by their longest literal path component;
	// rules without one are tried for every path.
	byDir     map[string][]pathRule
	pathOther []pathRule
	// memo remembers answers (ringer.Software → toolAnswer) once the
	// catalogue is frozen in a Set; memoSize counts them.
	memo     sync.Map
	memoSize atomic.Int64
}

func newToolCatalogue() *toolCatalogue {
	return &toolCatalogue{byName: map[string]int{}, byExe: map[string]int{},
		byBundle: map[string]int{}, byDir: map[string][]pathRule{}}
}

// add indexes tools; keys already known keep their first tool. It returns
// the number of tools added.
func (c *toolCatalogue) add(tools []catalogueTool) int {
	for _, t := range tools {
		i := len(c.tools)
		c.tools = append(c.tools, Tool{Name: t.Name, Category: t.Category, Source: t.Source})
		for _, n := range append([]string{t.Name}, t.Aliases...) {
			if k := normName(n); len(k) >= 3 {
				setFirst(c.byName, k, i)
			}
		}
		for _, b := range t.BundleIDs {
			if b = strings.ToLower(strings.TrimSpace(b)); b != "" {
				setFirst(c.byBundle, b, i)
			}
		}
		for _, e := range t.Executables {
			c.addExe(e, i)
		}
		for _, p := range t.Paths {
			c.addPath(p, i)
		}
	}
	return len(tools)
}

func setFirst(m map[string]int, k string, v int) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// genericExecutables are file names that catalogues list for a tool but
// that name no tool: Windows' own programs (dwm.exe is the desktop window
// manager, mstsc.exe the built-in Remote Desktop client; every Mac has
// ARDAgent, Apple Remote Desktop's agent), installer and
// updater names every vendor uses, and shared libraries. Matching them
// would flag every Windows machine.
var genericExecutables = map[string]bool{
	"dwm": true, "mstsc": true, "ardagent": true, "ardagent.app": true, "explorer": true, "svchost": true, "rundll32": true,
	"agent": true, "setup": true, "install": true, "installer": true, "update": true,
	"updater": true, "autoupdate": true, "selfupdater": true, "upload": true,
	"client": true, "server": true, "service": true, "launcher": true, "helper": true,
	"notificationhelper": true, "closeapp": true, "recycler": true, "installcore": true,
	"appcore": true, "si": true, "rd": true, "dd": true, "connect": true, "rdp": true,
	"qq": true, "supporttool": true, "installshield setup": true, "online backup": true,
	"remote desktop": true, "remote access": true, "libeay32.dll": true,
	"ssleay32.dll": true, "wintun.dll": true, "googlemeet.msi": true,
}

// normExe normalises an executable name: lower case, base name only, a
// trailing ".exe" dropped so that "AnyDesk.exe" and the macOS or Linux
// process "anydesk" meet.
func normExe(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "\\", "/")
	s = path.Base(s)
	s = strings.TrimSuffix(s, ".exe")
	if s == "." || s == "/" {
		return ""
	}
	return s
}

func (c *toolCatalogue) addExe(e string, i int) {
	k := normExe(e)
	if k == "" || genericExecutables[k] {
		return
	}
	if strings.Contains(k, "*") {
		// A glob must keep a distinctive literal part: "*.exe" alone
		// would match everything.
		if len(strings.ReplaceAll(k, "*", "")) < 4 {
			return
		}
		c.exeGlobs = append(c.exeGlobs, pathRule{glob: k, tool: i})
		return
	}
	setFirst(c.byExe, k, i)
}

// normPath normalises a path or path glob for matching: lower case,
// forward slashes, environment variables (%ProgramData%, $HOME) and "~"
// turned into "*".
func normPath(p string) string {
	p = strings.ToLower(strings.TrimSpace(p))
	p = strings.ReplaceAll(p, "\\", "/")
	if !strings.ContainsAny(p, "%$~") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == '%':
			if j := strings.IndexByte(p[i+1:], '%'); j >= 0 {
				b.WriteByte('*')
				i += j + 1
				continue
			}
		case p[i] == '$' && i+1 < len(p) && (p[i+1] == '{' || unicode.IsLetter(rune(p[i+1]))):
			j := i + 1
			for j < len(p) && p[j] != '/' {
				j++
			}
			b.WriteByte('*')
			i = j - 1
			continue
		case p[i] == '~' && i == 0:
			b.WriteByte('*')
			continue
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

func (c *toolCatalogue) addPath(p string, i int) {
	n := normPath(p)
	if !strings.Contains(n, "/") {
		// Catalogues mix bare executable names into their path lists.
		if strings.ContainsAny(n, " ") && !strings.Contains(n, ".") {
			return // prose ("requires sign up"), not a file name
		}
		c.addExe(n, i)
		return
	}
	n = strings.TrimRight(n, "/")
	// A path names where the tool lives; what is below it is the tool's,
	// and "dir/*" names the directory itself too (inventories report a
	// program's install location without a file name).
	if genericExecutables[normExe(n)] {
		return // a system program's own path (C:\Windows\System32\mstsc.exe)
	}
	globs := []string{n}
	if !strings.HasSuffix(n, "*") {
		globs = append(globs, n+"/*")
	} else if dir, ok := strings.CutSuffix(n, "/*"); ok && strings.Contains(dir, "/") && !strings.HasSuffix(dir, "*") {
		globs = append(globs, dir)
	}
	for _, g := range globs {
		c.addPathRule(g, i)
	}
}

// addPathRule indexes one normalised path glob.
func (c *toolCatalogue) addPathRule(n string, i int) {
	rule := pathRule{glob: n, tool: i}
	best := ""
	for _, comp := range strings.Split(n, "/") {
		if strings.Contains(comp, "*") || genericDirs[comp] {
			continue
		}
		if len(comp) > len(best) {
			best = comp
		}
	}
	if len(best) < 3 {
		// Nothing distinctive to index by; keep it only if it has some
		// literal text a match can rest on.
		if len(strings.Trim(strings.ReplaceAll(n, "*", ""), "/.")) < 6 {
			return
		}
		c.pathOther = append(c.pathOther, rule)
		return
	}
	c.byDir[best] = append(c.byDir[best], rule)
}

// genericDirs are path components every machine has.
var genericDirs = map[string]bool{
	"c:": true, "program files": true, "program files (x86)": true, "programdata": true,
	"windows": true, "system32": true, "syswow64": true, "users": true, "appdata": true,
	"local": true, "roaming": true, "applications": true, "library": true, "usr": true,
	"bin": true, "sbin": true, "opt": true, "etc": true, "share": true, "lib": true,
	"var": true, "tmp": true, "temp": true, "home": true, "contents": true, "macos": true,
	"application support": true, "launchdaemons": true, "launchagents": true, "systemd": true,
	"system": true,
}

func (c *toolCatalogue) found(i int, on string) (Tool, bool) {
	t := c.tools[i]
	t.MatchedOn = on
	return t, true
}

func (c *toolCatalogue) match(sw ringer.Software) (Tool, bool) {
	if b := strings.ToLower(strings.TrimSpace(sw.BundleID)); b != "" {
		if i, ok := c.byBundle[b]; ok {
			return c.found(i, "bundle_id")
		}
	}
	if sw.Path != "" {
		p := normPath(sw.Path)
		exe := strings.TrimSuffix(p[strings.LastIndexByte(p, '/')+1:], ".exe")
		if i, ok := c.byExe[exe]; ok {
			return c.found(i, "executable")
		}
		if i, ok := c.matchExeGlob(exe); ok {
			return c.found(i, "executable")
		}
		if i, ok := c.matchPath(p); ok {
			return c.found(i, "path")
		}
	}
	if sw.Name != "" {
		// A process name is an executable name; a program's display
		// name ("TeamViewer 15", "AnyDesk.app") is matched by name.
		if e := normExe(sw.Name); e != "" {
			if i, ok := c.byExe[e]; ok {
				return c.found(i, "executable")
			}
		}
		if i, ok := c.matchName(sw.Name); ok {
			return c.found(i, "name")
		}
		if i, ok := c.matchExeGlob(normExe(sw.Name)); ok {
			return c.found(i, "executable")
		}
	}
	return Tool{}, false
}

func (c *toolCatalogue) matchExeGlob(e string) (int, bool) {
	if e == "" {
		return 0, false
	}
	for _, r := range c.exeGlobs {
		if globMatch(r.glob, e) {
			return r.tool, true
		}
	}
	return 0, false
}

func (c *toolCatalogue) matchPath(p string) (int, bool) {
	for _, comp := range strings.Split(p, "/") {
		for _, r := range c.byDir[comp] {
			if globMatch(r.glob, p) {
				return r.tool, true
			}
		}
	}
	for _, r := range c.pathOther {
		if globMatch(r.glob, p) {
			return r.tool, true
		}
	}
	return 0, false
}

// matchName looks the display name up whole, then without trailing
// words: "TeamViewer Host 15.2" → "teamviewer host" → "teamviewer".
// Single words shorter than five letters must match whole.
func (c *toolCatalogue) matchName(name string) (int, bool) {
	k := normName(name)
	if k == "" {
		return 0, false
	}
	if i, ok := c.byName[k]; ok {
		return i, true
	}
	words := strings.Fields(k)
	for n := len(words) - 1; n >= 1; n-- {
		prefix := strings.Join(words[:n], " ")
		if n == 1 && len(prefix) < 5 {
			break
		}
		if i, ok := c.byName[prefix]; ok {
			return i, true
		}
	}
	return 0, false
}

// normName normalises a display name: lower case, ".app"/".exe" dropped,
// punctuation to spaces, version words ("15", "v2.1", "x64") dropped.
func normName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSuffix(s, ".app")
	s = strings.TrimSuffix(s, ".exe")
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '+')
	})
	out := f[:0]
	for _, w := range f {
		w = strings.Trim(w, ".-")
		if w == "" || isVersionWord(w) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

func isVersionWord(w string) bool {
	switch w {
	case "x64", "x86", "64-bit", "32-bit", "amd64", "arm64":
		return true
	}
	if w[0] == 'v' && len(w) > 1 {
		w = w[1:]
	}
	for _, r := range w {
		if !(r >= '0' && r <= '9' || r == '.') {
			return false
		}
	}
	return true
}

// globMatch reports whether name matches pattern, where "*" matches any
// run of characters, path separators included, and every other byte
// matches itself. path.Match is not used because its "*" stops at "/",
// and catalogue globs such as "*\TightVNC\*" mean "anywhere".
func globMatch(pattern, name string) bool {
	p, n := 0, 0
	starP, starN := -1, 0
	for n < len(name) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			starP, starN = p, n
			p++
		case p < len(pattern) && pattern[p] == name[n]:
			p++
			n++
		case starP >= 0:
			starN++
			n = starN
			p = starP + 1
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// lolrmmTool is the part of a LOLRMM entry (rmm_tools.json or one YAML
// file of the catalogue) that ringer reads.
type lolrmmTool struct {
	Name     string `json:"Name" yaml:"Name"`
	Category string `json:"Category" yaml:"Category"`
	Details  struct {
		// PEMetadata is an object in most entries and a list in others.
		PEMetadata        json.RawMessage `json:"PEMetadata"`
		InstallationPaths []string        `json:"InstallationPaths"`
		Capabilities      []string        `json:"Capabilities"`
	} `json:"Details"`
}

type lolrmmPE struct {
	Filename         string `json:"Filename"`
	OriginalFileName string `json:"OriginalFileName"`
	Product          string `json:"Product"`
}

// accessibilityTools are catalogue entries that are assistive technology,
// not remote access: flagging a screen reader would single out blind
// workers.
var accessibilityTools = map[string]bool{"nvda (non-visual desktop access)": true, "nvda": true}

// parseLOLRMMJSON reads the LOLRMM catalogue as rmm_tools.json publishes
// it: a JSON array of tools.
func parseLOLRMMJSON(name string, data []byte) ([]catalogueTool, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: not a LOLRMM catalogue (a JSON array of tools): %w", name, err)
	}
	var out []catalogueTool
	for i, r := range raw {
		t, err := lolrmmEntry(r)
		if err != nil {
			return nil, fmt.Errorf("%s: tool %d: %w", name, i+1, err)
		}
		if accessibilityTools[strings.ToLower(t.Name)] {
			continue
		}
		t.Source = "LOLRMM"
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w: no tool in the catalogue", name, errNoEntries)
	}
	return out, nil
}

func lolrmmEntry(r json.RawMessage) (catalogueTool, error) {
	var t lolrmmTool
	if err := json.Unmarshal(r, &t); err != nil {
		return catalogueTool{}, err
	}
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		return catalogueTool{}, fmt.Errorf("no Name")
	}
	ct := catalogueTool{Name: t.Name}
	switch strings.ToUpper(strings.TrimSpace(t.Category)) {
	case "RMM":
		ct.Category = CategoryRMM
	case "RAT":
		ct.Category = CategoryRAT
	default:
		return catalogueTool{}, fmt.Errorf("%s: Category %q is neither RMM nor RAT", clip(t.Name), clip(t.Category))
	}
	// PEMetadata: an object, a list of objects, or null.
	var pes []lolrmmPE
	if pm := t.Details.PEMetadata; len(pm) > 0 && string(pm) != "null" {
		if pm[0] == '[' {
			if err := json.Unmarshal(pm, &pes); err != nil {
				return catalogueTool{}, fmt.Errorf("%s: PEMetadata: %w", clip(t.Name), err)
			}
		} else {
			var one lolrmmPE
			if err := json.Unmarshal(pm, &one); err != nil {
				return catalogueTool{}, fmt.Errorf("%s: PEMetadata: %w", clip(t.Name), err)
			}
			pes = append(pes, one)
		}
	}
	for _, pe := range pes {
		for _, f := range []string{pe.Filename, pe.OriginalFileName} {
			if f = strings.TrimSpace(f); f != "" && !slices.Contains(ct.Executables, f) {
				ct.Executables = append(ct.Executables, f)
			}
		}
	}
	ct.Paths = t.Details.InstallationPaths
	return ct, nil
}
