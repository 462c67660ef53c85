// Package detect raises the signals of a covert remote worker from one
// record and its events: one detector per stage of a worker's life
// (application, interview, onboarding, network, activity, endpoint,
// payroll, keystroke timing, document checks).
//
// Detectors never decide. Each reports what it saw as a ringer.Signal with
// a code from the shared catalogue (docs/signals.md), a weight in 0..1 that
// says how strong this instance is (one VPN sign-in out of fifty is weak,
// all of them is strong), a sentence a person can read, the evidence that
// fired it and the public source of the indicator. The policy turns signals
// into points and a band.
//
// New returns one detector per stage, configured; the detector types'
// zero values are not usable. Detectors are safe for concurrent use.
//
// Nothing here reads a person's name, nationality, age, sex or appearance
// as a risk factor. Names are compared only with other names the same
// record gives (a payout account holder against the worker), and that
// comparison is the same for every culture's names.
package detect

import (
	"context"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/intel"
	"github.com/ringerhq/ringer/normalize"
)

// Config is what the detectors need.
type Config struct {
	// Intel answers questions about IP addresses, software, USB devices and
	// e-mail domains. Nil means intel.Default().
	Intel *intel.Set
	// Keyer keys identifiers the way the store indexes them, for the
	// cross-record questions ("who else ships to this address"). Nil turns
	// those questions off.
	Keyer *normalize.Keyer
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	// SanctionedRemoteAccess names the remote-access tools the organisation
	// itself deploys (e.g. "ScreenConnect"), compared case-insensitively
	// with the catalogue's tool names. A sanctioned tool alone raises
	// nothing; another one beside it raises endpoint.second_remote_access_tool.
	SanctionedRemoteAccess []string
	// KeystrokeBaselineMs is the median keystroke latency of the
	// deployment's own honest population, in milliseconds. Zero means
	// DefaultKeystrokeBaselineMs.
	KeystrokeBaselineMs float64
	// Wallets checks crypto wallets against a watchlist. Nil turns
	// payroll.wallet_on_watchlist off.
	Wallets WalletWatchlist
}

// WalletWatchlist answers whether a crypto wallet is listed, e.g. among
// the digital currency addresses of OFAC's SDN list.
type WalletWatchlist interface {
	// WalletListed reports the list and entry naming the canonical wallet
	// address on chain ("eth", "btc", ...), ok false when none does.
	WalletListed(ctx context.Context, chain, address string) (list, entry string, ok bool, err error)
}

// New returns every stage's detector.
func New(cfg Config) []ringer.Detector {
	e := newEnv(cfg)
	return []ringer.Detector{
		&Application{env: e},
		&Interview{env: e},
		&Onboarding{env: e},
		&Network{env: e},
		&Activity{env: e},
		&Endpoint{env: e},
		&Payroll{env: e},
		&Keystroke{env: e},
		&Document{env: e},
	}
}

// DetectAll runs every detector on a subject and returns their signals in
// order. It stops at the first error.
func DetectAll(ctx context.Context, detectors []ringer.Detector, s *ringer.Subject) ([]ringer.Signal, error) {
	var out []ringer.Signal
	for _, d := range detectors {
		sig, err := d.Detect(ctx, s)
		if err != nil {
			return out, err
		}
		out = append(out, sig...)
	}
	return out, nil
}

// env is the configuration every detector shares, with defaults filled in.
type env struct {
	intel      *intel.Set
	keyer      *normalize.Keyer
	now        func() time.Time
	sanctioned map[string]bool
	keyBase    float64
	wallets    WalletWatchlist
	phones     *phoneMemo
}

func newEnv(cfg Config) *env {
	e := &env{intel: cfg.Intel, keyer: cfg.Keyer, now: cfg.Now, keyBase: cfg.KeystrokeBaselineMs, wallets: cfg.Wallets,
		phones: &phoneMemo{}}
	if e.intel == nil {
		e.intel = intel.Default()
	}
	if e.now == nil {
		e.now = time.Now
	}
	if e.keyBase <= 0 {
		e.keyBase = DefaultKeystrokeBaselineMs
	}
	e.sanctioned = make(map[string]bool, len(cfg.SanctionedRemoteAccess))
	for _, n := range cfg.SanctionedRemoteAccess {
		e.sanctioned[strings.ToLower(strings.TrimSpace(n))] = true
	}
	return e
}

// ipInfo looks up an address written as text; ok is false when it does
// not parse.
func (e *env) ipInfo(s string) (netip.Addr, intel.IPInfo, bool) {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return netip.Addr{}, intel.IPInfo{}, false
	}
	a = a.Unmap()
	return a, e.intel.IP(a), true
}

// anonymity says which anonymising services an address belongs to, from
// MMDB flags and CIDR-list labels, and the named VPN provider when a
// "vpn:NAME" list holds it. An address in a "corporate" list is never
// anonymous: an organisation's own VPN exit is where its staff should be.
func anonymity(info intel.IPInfo) (kinds []string, provider string) {
	if hasLabel(info, "corporate") {
		return nil, ""
	}
	add := func(k string) {
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	if info.AnonymousVPN {
		add("vpn")
	}
	if info.TorExit {
		add("tor")
	}
	if info.PublicProxy {
		add("proxy")
	}
	if info.ResidentialProxy {
		add("residential_proxy")
	}
	if info.Hosting {
		add("hosting")
	}
	for _, l := range info.Labels {
		kind, name, _ := strings.Cut(strings.ToLower(l), ":")
		switch kind {
		case "vpn":
			add("vpn")
			if name != "" && provider == "" {
				provider = name
			}
		case "tor":
			add("tor")
		case "proxy":
			add("proxy")
		case "residential-proxy", "residential_proxy":
			add("residential_proxy")
		case "hosting", "datacenter":
			add("hosting")
		case "anonymizer", "anonymous":
			add("anonymous")
		}
	}
	if info.Anonymous && len(kinds) == 0 {
		add("anonymous")
	}
	if provider == "" && len(kinds) > 0 && info.AnonymizerProvider != "" {
		provider = strings.ToLower(info.AnonymizerProvider)
	}
	return kinds, provider
}

// hasLabel reports whether an address is in a CIDR list with the label or
// with a label of that kind ("corporate" matches "corporate:acme").
func hasLabel(info intel.IPInfo, label string) bool {
	for _, l := range info.Labels {
		l = strings.ToLower(l)
		if l == label || strings.HasPrefix(l, label+":") {
			return true
		}
	}
	return false
}

// claimedCountry returns where the record says the person is: the claimed
// country, else the country of the home address. "" when unknown.
func claimedCountry(r *ringer.Record) string {
	if c := normalize.Country(strings.TrimSpace(r.Claimed.Country)); c != "" {
		return c
	}
	for _, a := range homeAddresses(r) {
		if n := normalize.NormalizeAddress(a); len(n.Country) == 2 {
			return strings.ToUpper(n.Country)
		}
	}
	return ""
}

// claimedCity returns the claimed city, else the home address city, folded
// for comparison.
func claimedCity(r *ringer.Record) string {
	if c := foldCity(r.Claimed.City); c != "" {
		return c
	}
	for _, a := range homeAddresses(r) {
		if n := normalize.NormalizeAddress(a); n.City != "" {
			return foldCity(n.City)
		}
	}
	return ""
}

func foldCity(s string) string {
	t := normalize.NameTokens(s)
	return strings.Join(t, " ")
}

// homeAddresses returns the record's home addresses: those marked "home",
// or when none is marked, those with no use at all.
func homeAddresses(r *ringer.Record) []ringer.Address {
	var home, unmarked []ringer.Address
	for _, a := range r.Addresses {
		switch strings.ToLower(strings.TrimSpace(a.Use)) {
		case "home", "residence", "residential":
			home = append(home, a)
		case "":
			unmarked = append(unmarked, a)
		}
	}
	if len(home) > 0 {
		return home
	}
	return unmarked
}

// placeConsistent reports whether an address's geolocation agrees with
// where the record says the person is: same city when both are known,
// else same country. known is false when either side is unknown.
func placeConsistent(info intel.IPInfo, r *ringer.Record) (consistent, known bool) {
	cc := claimedCountry(r)
	if cc == "" || info.Country == "" {
		return false, false
	}
	if !strings.EqualFold(cc, info.Country) {
		return false, true
	}
	city := claimedCity(r)
	if city == "" || info.City == "" {
		return true, true
	}
	return city == foldCity(info.City), true
}

// clamp01 bounds x to 0..1.
func clamp01(x float64) float64 {
	switch {
	case x < 0:
		return 0
	case x > 1:
		return 1
	}
	return x
}

// round2 rounds a weight to two decimals so signals read cleanly.
func round2(x float64) float64 {
	return float64(int(x*100+0.5)) / 100
}

// signal builds a signal with a rounded, bounded weight.
func signal(code string, weight float64, detail string, evidence map[string]any, indicator string) ringer.Signal {
	return ringer.Signal{Code: code, Weight: round2(clamp01(weight)), Detail: detail, Evidence: evidence, Indicator: indicator}
}

// countWeight maps a number of other records sharing something to a
// strength: one other 0.5, two 0.75, three or more 1.
func countWeight(n int) float64 {
	switch {
	case n <= 0:
		return 0
	case n == 1:
		return 0.5
	case n == 2:
		return 0.75
	}
	return 1
}

// plural returns "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// firstN returns at most n items of a sorted copy of s, for evidence.
func firstN(s []string, n int) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	if len(c) > n {
		c = c[:n]
	}
	return c
}
