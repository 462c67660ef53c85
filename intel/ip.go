package intel

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/oschwald/maxminddb-golang/v2"
)

// IPInfo is what the loaded sources know of an IP address. Fields no
// source knows are zero.
type IPInfo struct {
	// Country is the ISO 3166-1 alpha-2 country the address is located in
	// (City or Country database).
	Country string `json:"country,omitempty"`
	// RegisteredCountry is where the network is registered, which may
	// differ from where it is used.
	RegisteredCountry string `json:"registered_country,omitempty"`
	City              string `json:"city,omitempty"`
	// Located reports whether Latitude and Longitude are known.
	Located   bool    `json:"located,omitempty"`
	Latitude  float64 `json:"latitude,omitempty"`
	Longitude float64 `json:"longitude,omitempty"`
	// AccuracyKM is the radius around the point the address is within.
	AccuracyKM int `json:"accuracy_km,omitempty"`
	// TimeZone is the IANA time zone of the location.
	TimeZone string `json:"time_zone,omitempty"`

	ASN   uint32 `json:"asn,omitempty"`
	ASOrg string `json:"as_org,omitempty"`
	// ISP and Organization come from an ISP or Enterprise database.
	ISP          string `json:"isp,omitempty"`
	Organization string `json:"organization,omitempty"`
	// ConnectionType is "Cable/DSL", "Cellular", "Corporate", "Satellite"…
	ConnectionType string `json:"connection_type,omitempty"`

	// Anonymiser flags, from an Anonymous-IP or Anonymous-Plus database
	// or from CIDR lists with a well-known label (see IP).
	Anonymous        bool `json:"anonymous,omitempty"`
	AnonymousVPN     bool `json:"anonymous_vpn,omitempty"`
	Hosting          bool `json:"hosting,omitempty"`
	PublicProxy      bool `json:"public_proxy,omitempty"`
	ResidentialProxy bool `json:"residential_proxy,omitempty"`
	TorExit          bool `json:"tor_exit,omitempty"`
	// AnonymizerProvider names the VPN or proxy service (Anonymous-Plus).
	AnonymizerProvider string `json:"anonymizer_provider,omitempty"`
	// AnonymizerConfidence is Anonymous-Plus's confidence, 1..99.
	AnonymizerConfidence int `json:"anonymizer_confidence,omitempty"`

	// Labels are the labels of every CIDR list containing the address
	// and of every ASN list holding its ASN, sorted. The slice is shared:
	// do not modify it.
	Labels []string `json:"labels,omitempty"`
}

// IsZero reports whether nothing is known of the address.
func (i IPInfo) IsZero() bool {
	return i.Country == "" && i.RegisteredCountry == "" && i.City == "" && !i.Located &&
		i.ASN == 0 && i.ASOrg == "" && i.ISP == "" && i.Organization == "" &&
		i.ConnectionType == "" && !i.Anonymous && !i.AnonymousVPN && !i.Hosting &&
		!i.PublicProxy && !i.ResidentialProxy && !i.TorExit && i.AnonymizerProvider == "" &&
		len(i.Labels) == 0
}

// HasLabel reports whether a CIDR list with the label, or with a label in
// its family ("vpn" matches "vpn:astrill"), contains the address.
func (i IPInfo) HasLabel(label string) bool {
	for _, l := range i.Labels {
		if l == label || (strings.HasPrefix(l, label) && len(l) > len(label) && l[len(label)] == ':') {
			return true
		}
	}
	return false
}

// IP returns what the loaded sources know of addr: the CIDR lists first,
// then every MMDB, then the ASN lists for the ASN the MMDBs gave.
// IPv4-mapped IPv6 addresses are looked up as IPv4.
//
// CIDR lists whose label belongs to a well-known family also set the
// anonymiser flags: "vpn" (and "vpn:…") sets AnonymousVPN, "tor" and
// "tor:exit" set TorExit, "proxy" sets PublicProxy, "residential-proxy"
// sets ResidentialProxy (each also sets Anonymous), and "hosting" or
// "datacenter" set Hosting. Other labels ("corporate", "tor:relay") are
// only listed.
func (s *Set) IP(addr netip.Addr) IPInfo {
	var info IPInfo
	if !addr.IsValid() {
		return info
	}
	addr = addr.Unmap()
	if r, ok := s.ranges.lookup(addr); ok {
		info.Labels = r.labels
		r.flags.apply(&info)
	}
	for _, db := range s.geo {
		db.lookup(addr, &info)
	}
	if info.ASN != 0 && s.asns != nil {
		if r, ok := s.asns[info.ASN]; ok {
			info.Labels = mergeLabels(info.Labels, r.labels)
			r.flags.apply(&info)
		}
	}
	return info
}

// LookupIP parses s and looks it up; ok is false when s is not an address.
func (s *Set) LookupIP(ip string) (info IPInfo, ok bool) {
	a, err := netip.ParseAddr(strings.TrimSpace(ip))
	if err != nil {
		return IPInfo{}, false
	}
	return s.IP(a), true
}

// geoKind orders MMDB layouts: the first database that knows a field wins.
type geoKind int

const (
	geoEnterprise geoKind = iota
	geoCity
	geoCountry
	geoASN
	geoISP
	geoConnectionType
	geoAnonymous
	geoResidentialProxy
)

func (k geoKind) String() string {
	return [...]string{"Enterprise", "City", "Country", "ASN", "ISP", "Connection-Type", "Anonymous-IP", "Residential-Proxy"}[k]
}

// geoDB is one opened MMDB.
type geoDB struct {
	name     string
	dbType   string
	kind     geoKind
	networks int
	built    time.Time
	reader   *maxminddb.Reader
	// records caches decoded records by their data offset
	// (uintptr → *IPInfo); it only ever holds what the file says.
	records sync.Map
}

// mmdbMarker starts an MMDB's metadata section.
var mmdbMarker = []byte("\xab\xcd\xefMaxMind.com")

// isMMDB reports whether data looks like a MaxMind DB file.
func isMMDB(data []byte) bool { return bytes.Contains(data, mmdbMarker) }

// classifyMMDB maps a database_type to the layout ringer reads it with.
// GeoIP2/GeoLite2/GeoIP names come first; other vendors that publish in
// the GeoIP2 layouts (DB-IP's "DBIP-City-Lite", for one) are recognised by
// the same words.
func classifyMMDB(dbType string) (geoKind, bool) {
	t := strings.ToLower(dbType)
	switch {
	case strings.Contains(t, "anonymous-ip"), strings.Contains(t, "anonymous-plus"):
		return geoAnonymous, true
	case strings.Contains(t, "residential-proxy"):
		return geoResidentialProxy, true
	case strings.Contains(t, "connection-type"):
		return geoConnectionType, true
	case strings.Contains(t, "enterprise"):
		return geoEnterprise, true
	case strings.Contains(t, "city"):
		return geoCity, true
	case strings.Contains(t, "country"):
		return geoCountry, true
	case strings.Contains(t, "isp"):
		return geoISP, true
	case strings.Contains(t, "asn"):
		return geoASN, true
	}
	return 0, false
}

// openGeoDB opens an MMDB held in memory. With full set it verifies the
// whole file and decodes every record, as Import does before storing; Load
// opens a stored database, already verified, without that cost.
func openGeoDB(name string, data []byte, full bool) (db *geoDB, err error) {
	// The reader is written defensively, but a database is user input:
	// turn any panic on a malformed file into a refusal.
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("%s: not a valid MaxMind DB: %v", name, r)
		}
	}()
	if !isMMDB(data) {
		return nil, fmt.Errorf("%s: not a MaxMind DB (no metadata marker)", name)
	}
	r, err := maxminddb.OpenBytes(data)
	if err != nil {
		return nil, fmt.Errorf("%s: not a valid MaxMind DB: %w", name, err)
	}
	md := r.Metadata
	kind, ok := classifyMMDB(md.DatabaseType)
	if !ok {
		return nil, fmt.Errorf("%s: database_type %q is not one ringer reads (City, Country, ASN, ISP, Connection-Type, Anonymous-IP, Anonymous-Plus, Residential-Proxy, Enterprise)", name, md.DatabaseType)
	}
	db = &geoDB{name: name, dbType: md.DatabaseType, kind: kind, reader: r, built: md.BuildTime()}
	if !full {
		return db, nil
	}
	if err := r.Verify(); err != nil {
		return nil, fmt.Errorf("%s: corrupt MaxMind DB: %w", name, err)
	}
	// Decode every record once, so that a record that verifies but does
	// not decode into the layout is refused now and not at lookup time.
	for res := range r.Networks(maxminddb.SkipEmptyValues()) {
		if err := res.Err(); err != nil {
			return nil, fmt.Errorf("%s: corrupt MaxMind DB: %w", name, err)
		}
		var rec geoRecord
		if err := res.Decode(&rec); err != nil {
			return nil, fmt.Errorf("%s: record for %s does not decode as %s: %w", name, res.Prefix(), md.DatabaseType, err)
		}
		db.networks++
	}
	if db.networks == 0 {
		return nil, fmt.Errorf("%s: %s database holds no networks", name, md.DatabaseType)
	}
	return db, nil
}

// geoNames holds the English name of a place.
type geoNames struct {
	En string `maxminddb:"en"`
}

// geoTraits are the anonymiser and network fields as Anonymous-IP,
// Anonymous-Plus, ISP, ASN and Connection-Type databases write them at top
// level and Enterprise databases write them under "traits".
type geoTraits struct {
	ASN                  uint32 `maxminddb:"autonomous_system_number"`
	ASOrg                string `maxminddb:"autonomous_system_organization"`
	ISP                  string `maxminddb:"isp"`
	Organization         string `maxminddb:"organization"`
	ConnectionType       string `maxminddb:"connection_type"`
	IsAnonymous          bool   `maxminddb:"is_anonymous"`
	IsAnonymousVPN       bool   `maxminddb:"is_anonymous_vpn"`
	IsHostingProvider    bool   `maxminddb:"is_hosting_provider"`
	IsPublicProxy        bool   `maxminddb:"is_public_proxy"`
	IsResidentialProxy   bool   `maxminddb:"is_residential_proxy"`
	IsTorExitNode        bool   `maxminddb:"is_tor_exit_node"`
	ProviderName         string `maxminddb:"provider_name"`
	AnonymizerConfidence uint16 `maxminddb:"anonymizer_confidence"`
}

// geoRecord is the union of the GeoIP2 layouts ringer reads.
type geoRecord struct {
	City struct {
		Names geoNames `maxminddb:"names"`
	} `maxminddb:"city"`
	Country struct {
		ISOCode string `maxminddb:"iso_code"`
	} `maxminddb:"country"`
	RegisteredCountry struct {
		ISOCode string `maxminddb:"iso_code"`
	} `maxminddb:"registered_country"`
	Location struct {
		Latitude       *float64 `maxminddb:"latitude"`
		Longitude      *float64 `maxminddb:"longitude"`
		AccuracyRadius uint16   `maxminddb:"accuracy_radius"`
		TimeZone       string   `maxminddb:"time_zone"`
	} `maxminddb:"location"`
	geoTraits
	Traits geoTraits `maxminddb:"traits"`
}

// lookup merges what db knows of addr into info: fields already set by an
// earlier database stay; anonymiser flags are ORed. Decoded records are
// cached by their offset in the database: many networks share a record
// (every address of a city), and decoding is most of a lookup's cost.
func (db *geoDB) lookup(addr netip.Addr, info *IPInfo) {
	if db.reader.Metadata.IPVersion == 4 && !addr.Is4() {
		return
	}
	res := db.reader.Lookup(addr)
	if !res.Found() {
		return
	}
	off := res.Offset()
	var facts *IPInfo
	if v, ok := db.records.Load(off); ok {
		facts = v.(*IPInfo)
	} else {
		facts = db.decode(res)
		db.records.Store(off, facts)
	}
	mergeInfo(info, facts)
}

// decode turns one database record into what it says of an address.
func (db *geoDB) decode(res maxminddb.Result) *IPInfo {
	info := new(IPInfo)
	var rec geoRecord
	if err := res.Decode(&rec); err != nil {
		// Every record was decoded when the database was opened; an
		// error here would be a bug in the reader. Know nothing rather
		// than guess.
		return info
	}
	if db.kind == geoResidentialProxy {
		// Every network a Residential-Proxy database lists is one; its
		// records carry only the provider and confidence. An empty
		// record (a catch-all ::/0 → {}) lists nothing.
		var m map[string]any
		if res.Decode(&m) == nil && len(m) > 0 {
			info.ResidentialProxy, info.Anonymous = true, true
		}
	}
	info.Country = rec.Country.ISOCode
	info.RegisteredCountry = rec.RegisteredCountry.ISOCode
	info.City = rec.City.Names.En
	if rec.Location.Latitude != nil && rec.Location.Longitude != nil {
		info.Located = true
		info.Latitude, info.Longitude = *rec.Location.Latitude, *rec.Location.Longitude
		info.AccuracyKM = int(rec.Location.AccuracyRadius)
	}
	info.TimeZone = rec.Location.TimeZone
	for _, t := range [2]*geoTraits{&rec.geoTraits, &rec.Traits} {
		mergeInfo(info, &IPInfo{ASN: t.ASN, ASOrg: t.ASOrg, ISP: t.ISP, Organization: t.Organization,
			ConnectionType: t.ConnectionType, Anonymous: t.IsAnonymous, AnonymousVPN: t.IsAnonymousVPN,
			Hosting: t.IsHostingProvider, PublicProxy: t.IsPublicProxy, ResidentialProxy: t.IsResidentialProxy,
			TorExit: t.IsTorExitNode, AnonymizerProvider: t.ProviderName, AnonymizerConfidence: int(t.AnonymizerConfidence)})
	}
	return info
}

// mergeInfo adds what f knows to dst: fields dst has stay, flags are ORed.
// Labels are not merged.
func mergeInfo(dst, f *IPInfo) {
	setStr(&dst.Country, f.Country)
	setStr(&dst.RegisteredCountry, f.RegisteredCountry)
	setStr(&dst.City, f.City)
	if !dst.Located && f.Located {
		dst.Located = true
		dst.Latitude, dst.Longitude, dst.AccuracyKM = f.Latitude, f.Longitude, f.AccuracyKM
	}
	setStr(&dst.TimeZone, f.TimeZone)
	if dst.ASN == 0 {
		dst.ASN = f.ASN
	}
	setStr(&dst.ASOrg, f.ASOrg)
	setStr(&dst.ISP, f.ISP)
	setStr(&dst.Organization, f.Organization)
	setStr(&dst.ConnectionType, f.ConnectionType)
	dst.Anonymous = dst.Anonymous || f.Anonymous
	dst.AnonymousVPN = dst.AnonymousVPN || f.AnonymousVPN
	dst.Hosting = dst.Hosting || f.Hosting
	dst.PublicProxy = dst.PublicProxy || f.PublicProxy
	dst.ResidentialProxy = dst.ResidentialProxy || f.ResidentialProxy
	dst.TorExit = dst.TorExit || f.TorExit
	setStr(&dst.AnonymizerProvider, f.AnonymizerProvider)
	if dst.AnonymizerConfidence == 0 {
		dst.AnonymizerConfidence = f.AnonymizerConfidence
	}
}

func setStr(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

var errNoEntries = errors.New("no entries")
