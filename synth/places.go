package synth

import (
	"math/rand/v2"
	"strings"

	"github.com/ringerhq/ringer"
)

// place is a city people live in, claim, or operate from. Each place owns
// a block of addresses in the synthetic IP plan (see ipplan.go).
type place struct {
	Country    string // ISO 3166-1 alpha-2
	City       string
	Region     string // postal abbreviation where one is used
	RegionName string
	TZ         string // IANA time zone
	StdOffset  int    // standard UTC offset in hours, used when tzdata is missing
	Lat, Lon   float64
	PostFmt    string   // '#' a digit, 'A' a letter, anything else literal
	Area       []string // NANP area codes of the city
	Style      string   // how street addresses are written
	Weight     float64  // share of honest residents
	Cultures   *table   // name groups of residents
	// Operator places are where operators of rings sit; no honest person
	// in the synthetic population lives there.
	Operator bool
	idx      int
}

func cultures(pairs ...any) *table {
	var items []string
	var w []float64
	for i := 0; i < len(pairs); i += 2 {
		items = append(items, pairs[i].(string))
		w = append(w, float64(pairs[i+1].(int)))
	}
	return newTable(items, w)
}

// newPlaces returns the places, in a fixed order: the order fixes each
// place's IP block, so append only.
func newPlaces() []*place {
	us := cultures(GroupEnglish, 45, GroupHispanic, 18, GroupChinese, 5, GroupKorean, 3, GroupIndian, 6,
		GroupVietnamese, 2, GroupFilipino, 3, GroupArabic, 3, GroupNigerian, 3, GroupRussian, 2,
		GroupPolish, 2, GroupGerman, 3, GroupJapanese, 1, GroupPortuguese, 1, GroupUkrainian, 1, GroupFrench, 2)
	ca := cultures(GroupEnglish, 45, GroupFrench, 10, GroupChinese, 9, GroupIndian, 10, GroupKorean, 3,
		GroupFilipino, 5, GroupArabic, 4, GroupHispanic, 3, GroupUkrainian, 3, GroupVietnamese, 2,
		GroupPolish, 2, GroupNigerian, 2, GroupGerman, 2)
	gb := cultures(GroupEnglish, 66, GroupIndian, 8, GroupArabic, 7, GroupPolish, 4, GroupNigerian, 4,
		GroupChinese, 3, GroupKorean, 1, GroupFrench, 2, GroupGerman, 1, GroupHispanic, 2, GroupPortuguese, 2)
	au := cultures(GroupEnglish, 65, GroupChinese, 8, GroupIndian, 7, GroupVietnamese, 3, GroupKorean, 2,
		GroupFilipino, 3, GroupArabic, 3, GroupGerman, 2, GroupHispanic, 2)
	de := cultures(GroupGerman, 76, GroupPolish, 4, GroupRussian, 4, GroupArabic, 5, GroupUkrainian, 2,
		GroupEnglish, 3, GroupFrench, 1, GroupChinese, 1, GroupVietnamese, 1, GroupIndian, 2, GroupKorean, 1)
	fr := cultures(GroupFrench, 82, GroupArabic, 9, GroupHispanic, 2, GroupPortuguese, 3, GroupChinese, 1,
		GroupVietnamese, 1, GroupEnglish, 2)
	es := cultures(GroupHispanic, 92, GroupArabic, 3, GroupEnglish, 2, GroupChinese, 1, GroupGerman, 1,
		GroupFrench, 1)
	latam := cultures(GroupHispanic, 96, GroupEnglish, 1, GroupGerman, 1, GroupArabic, 1, GroupKorean, 1)
	br := cultures(GroupPortuguese, 93, GroupJapanese, 2, GroupGerman, 2, GroupArabic, 2, GroupHispanic, 1)
	pl := cultures(GroupPolish, 94, GroupUkrainian, 5, GroupEnglish, 1)
	ua := cultures(GroupUkrainian, 88, GroupRussian, 12)
	in := cultures(GroupIndian, 98, GroupArabic, 2)
	ph := cultures(GroupFilipino, 97, GroupChinese, 2, GroupEnglish, 1)
	ng := cultures(GroupNigerian, 97, GroupArabic, 2, GroupEnglish, 1)
	ke := cultures(GroupKenyan, 92, GroupIndian, 4, GroupArabic, 2, GroupEnglish, 2)
	vn := cultures(GroupVietnamese, 99, GroupChinese, 1)
	kr := cultures(GroupKorean, 99, GroupEnglish, 1)
	jp := cultures(GroupJapanese, 98, GroupKorean, 1, GroupEnglish, 1)
	pk := cultures(GroupArabic, 100)
	ie := cultures(GroupEnglish, 85, GroupPolish, 5, GroupIndian, 3, GroupNigerian, 2, GroupChinese, 2,
		GroupPortuguese, 2, GroupFrench, 1)
	pt := cultures(GroupPortuguese, 94, GroupUkrainian, 2, GroupEnglish, 2, GroupIndian, 2)

	ps := []*place{
		{Country: "US", City: "New York", Region: "NY", RegionName: "New York", TZ: "America/New_York", StdOffset: -5, Lat: 40.71, Lon: -74.01, PostFmt: "100##", Area: []string{"212", "646", "917", "718"}, Style: "us", Weight: 6, Cultures: us},
		{Country: "US", City: "Los Angeles", Region: "CA", RegionName: "California", TZ: "America/Los_Angeles", StdOffset: -8, Lat: 34.05, Lon: -118.24, PostFmt: "900##", Area: []string{"213", "310", "323", "818"}, Style: "us", Weight: 4, Cultures: us},
		{Country: "US", City: "Chicago", Region: "IL", RegionName: "Illinois", TZ: "America/Chicago", StdOffset: -6, Lat: 41.88, Lon: -87.63, PostFmt: "606##", Area: []string{"312", "773", "872"}, Style: "us", Weight: 3.5, Cultures: us},
		{Country: "US", City: "Houston", Region: "TX", RegionName: "Texas", TZ: "America/Chicago", StdOffset: -6, Lat: 29.76, Lon: -95.37, PostFmt: "770##", Area: []string{"713", "832", "281"}, Style: "us", Weight: 2.5, Cultures: us},
		{Country: "US", City: "Austin", Region: "TX", RegionName: "Texas", TZ: "America/Chicago", StdOffset: -6, Lat: 30.27, Lon: -97.74, PostFmt: "787##", Area: []string{"512", "737"}, Style: "us", Weight: 3, Cultures: us},
		{Country: "US", City: "Seattle", Region: "WA", RegionName: "Washington", TZ: "America/Los_Angeles", StdOffset: -8, Lat: 47.61, Lon: -122.33, PostFmt: "981##", Area: []string{"206", "425"}, Style: "us", Weight: 3, Cultures: us},
		{Country: "US", City: "San Francisco", Region: "CA", RegionName: "California", TZ: "America/Los_Angeles", StdOffset: -8, Lat: 37.77, Lon: -122.42, PostFmt: "941##", Area: []string{"415", "628"}, Style: "us", Weight: 3, Cultures: us},
		{Country: "US", City: "Boston", Region: "MA", RegionName: "Massachusetts", TZ: "America/New_York", StdOffset: -5, Lat: 42.36, Lon: -71.06, PostFmt: "021##", Area: []string{"617", "857"}, Style: "us", Weight: 2.5, Cultures: us},
		{Country: "US", City: "Denver", Region: "CO", RegionName: "Colorado", TZ: "America/Denver", StdOffset: -7, Lat: 39.74, Lon: -104.99, PostFmt: "802##", Area: []string{"303", "720"}, Style: "us", Weight: 2, Cultures: us},
		{Country: "US", City: "Atlanta", Region: "GA", RegionName: "Georgia", TZ: "America/New_York", StdOffset: -5, Lat: 33.75, Lon: -84.39, PostFmt: "303##", Area: []string{"404", "678", "470"}, Style: "us", Weight: 2.5, Cultures: us},
		{Country: "US", City: "Miami", Region: "FL", RegionName: "Florida", TZ: "America/New_York", StdOffset: -5, Lat: 25.76, Lon: -80.19, PostFmt: "331##", Area: []string{"305", "786"}, Style: "us", Weight: 2, Cultures: us},
		{Country: "US", City: "Phoenix", Region: "AZ", RegionName: "Arizona", TZ: "America/Phoenix", StdOffset: -7, Lat: 33.45, Lon: -112.07, PostFmt: "850##", Area: []string{"602", "480"}, Style: "us", Weight: 2, Cultures: us},
		{Country: "US", City: "Portland", Region: "OR", RegionName: "Oregon", TZ: "America/Los_Angeles", StdOffset: -8, Lat: 45.52, Lon: -122.68, PostFmt: "972##", Area: []string{"503", "971"}, Style: "us", Weight: 1.5, Cultures: us},
		{Country: "US", City: "Raleigh", Region: "NC", RegionName: "North Carolina", TZ: "America/New_York", StdOffset: -5, Lat: 35.78, Lon: -78.64, PostFmt: "276##", Area: []string{"919", "984"}, Style: "us", Weight: 1.5, Cultures: us},
		{Country: "US", City: "Minneapolis", Region: "MN", RegionName: "Minnesota", TZ: "America/Chicago", StdOffset: -6, Lat: 44.98, Lon: -93.27, PostFmt: "554##", Area: []string{"612", "952"}, Style: "us", Weight: 1.5, Cultures: us},
		{Country: "US", City: "Dallas", Region: "TX", RegionName: "Texas", TZ: "America/Chicago", StdOffset: -6, Lat: 32.78, Lon: -96.80, PostFmt: "752##", Area: []string{"214", "469", "972"}, Style: "us", Weight: 2.5, Cultures: us},
		{Country: "US", City: "Philadelphia", Region: "PA", RegionName: "Pennsylvania", TZ: "America/New_York", StdOffset: -5, Lat: 39.95, Lon: -75.17, PostFmt: "191##", Area: []string{"215", "267"}, Style: "us", Weight: 2, Cultures: us},
		{Country: "US", City: "Las Vegas", Region: "NV", RegionName: "Nevada", TZ: "America/Los_Angeles", StdOffset: -8, Lat: 36.17, Lon: -115.14, PostFmt: "891##", Area: []string{"702", "725"}, Style: "us", Weight: 1, Cultures: us},
		{Country: "US", City: "Nashville", Region: "TN", RegionName: "Tennessee", TZ: "America/Chicago", StdOffset: -6, Lat: 36.16, Lon: -86.78, PostFmt: "372##", Area: []string{"615", "629"}, Style: "us", Weight: 1, Cultures: us},
		{Country: "CA", City: "Toronto", Region: "ON", RegionName: "Ontario", TZ: "America/Toronto", StdOffset: -5, Lat: 43.65, Lon: -79.38, PostFmt: "M#A #A#", Area: []string{"416", "647", "437"}, Style: "ca", Weight: 2.5, Cultures: ca},
		{Country: "CA", City: "Vancouver", Region: "BC", RegionName: "British Columbia", TZ: "America/Vancouver", StdOffset: -8, Lat: 49.28, Lon: -123.12, PostFmt: "V#A #A#", Area: []string{"604", "778"}, Style: "ca", Weight: 1.5, Cultures: ca},
		{Country: "GB", City: "London", RegionName: "England", TZ: "Europe/London", StdOffset: 0, Lat: 51.51, Lon: -0.13, PostFmt: "E# #AA", Style: "gb", Weight: 3.5, Cultures: gb},
		{Country: "GB", City: "Manchester", RegionName: "England", TZ: "Europe/London", StdOffset: 0, Lat: 53.48, Lon: -2.24, PostFmt: "M# #AA", Style: "gb", Weight: 1.5, Cultures: gb},
		{Country: "IE", City: "Dublin", TZ: "Europe/Dublin", StdOffset: 0, Lat: 53.35, Lon: -6.26, PostFmt: "D0# A#A#", Style: "gb", Weight: 1, Cultures: ie},
		{Country: "DE", City: "Berlin", TZ: "Europe/Berlin", StdOffset: 1, Lat: 52.52, Lon: 13.40, PostFmt: "10###", Style: "de", Weight: 2, Cultures: de},
		{Country: "DE", City: "München", TZ: "Europe/Berlin", StdOffset: 1, Lat: 48.14, Lon: 11.58, PostFmt: "80###", Style: "de", Weight: 1.2, Cultures: de},
		{Country: "FR", City: "Paris", TZ: "Europe/Paris", StdOffset: 1, Lat: 48.86, Lon: 2.35, PostFmt: "750##", Style: "fr", Weight: 1.5, Cultures: fr},
		{Country: "ES", City: "Madrid", TZ: "Europe/Madrid", StdOffset: 1, Lat: 40.42, Lon: -3.70, PostFmt: "280##", Style: "es", Weight: 1.2, Cultures: es},
		{Country: "PT", City: "Lisboa", TZ: "Europe/Lisbon", StdOffset: 0, Lat: 38.72, Lon: -9.14, PostFmt: "1###-###", Style: "br", Weight: 0.8, Cultures: pt},
		{Country: "PL", City: "Warszawa", TZ: "Europe/Warsaw", StdOffset: 1, Lat: 52.23, Lon: 21.01, PostFmt: "0#-###", Style: "pl", Weight: 1.5, Cultures: pl},
		{Country: "PL", City: "Kraków", TZ: "Europe/Warsaw", StdOffset: 1, Lat: 50.06, Lon: 19.94, PostFmt: "3#-###", Style: "pl", Weight: 1, Cultures: pl},
		{Country: "UA", City: "Kyiv", TZ: "Europe/Kyiv", StdOffset: 2, Lat: 50.45, Lon: 30.52, PostFmt: "0####", Style: "pl", Weight: 1, Cultures: ua},
		{Country: "IN", City: "Bengaluru", Region: "KA", RegionName: "Karnataka", TZ: "Asia/Kolkata", StdOffset: 5, Lat: 12.97, Lon: 77.59, PostFmt: "560###", Style: "in", Weight: 3, Cultures: in},
		{Country: "IN", City: "Pune", Region: "MH", RegionName: "Maharashtra", TZ: "Asia/Kolkata", StdOffset: 5, Lat: 18.52, Lon: 73.86, PostFmt: "411###", Style: "in", Weight: 1.5, Cultures: in},
		{Country: "IN", City: "Hyderabad", Region: "TG", RegionName: "Telangana", TZ: "Asia/Kolkata", StdOffset: 5, Lat: 17.39, Lon: 78.49, PostFmt: "500###", Style: "in", Weight: 1.5, Cultures: in},
		{Country: "PH", City: "Manila", TZ: "Asia/Manila", StdOffset: 8, Lat: 14.60, Lon: 120.98, PostFmt: "1###", Style: "ph", Weight: 1.5, Cultures: ph},
		{Country: "PH", City: "Cebu City", TZ: "Asia/Manila", StdOffset: 8, Lat: 10.32, Lon: 123.89, PostFmt: "6000", Style: "ph", Weight: 0.7, Cultures: ph},
		{Country: "MX", City: "Ciudad de México", Region: "CDMX", TZ: "America/Mexico_City", StdOffset: -6, Lat: 19.43, Lon: -99.13, PostFmt: "0####", Style: "es", Weight: 1.5, Cultures: latam},
		{Country: "MX", City: "Guadalajara", Region: "JAL", TZ: "America/Mexico_City", StdOffset: -6, Lat: 20.67, Lon: -103.35, PostFmt: "44###", Style: "es", Weight: 0.8, Cultures: latam},
		{Country: "BR", City: "São Paulo", Region: "SP", TZ: "America/Sao_Paulo", StdOffset: -3, Lat: -23.55, Lon: -46.63, PostFmt: "0####-###", Style: "br", Weight: 1.5, Cultures: br},
		{Country: "AR", City: "Buenos Aires", TZ: "America/Argentina/Buenos_Aires", StdOffset: -3, Lat: -34.60, Lon: -58.38, PostFmt: "C1###", Style: "es", Weight: 0.8, Cultures: latam},
		{Country: "CO", City: "Bogotá", TZ: "America/Bogota", StdOffset: -5, Lat: 4.71, Lon: -74.07, PostFmt: "110###", Style: "es", Weight: 0.8, Cultures: latam},
		{Country: "NG", City: "Lagos", TZ: "Africa/Lagos", StdOffset: 1, Lat: 6.52, Lon: 3.38, PostFmt: "100###", Style: "ng", Weight: 1, Cultures: ng},
		{Country: "KE", City: "Nairobi", TZ: "Africa/Nairobi", StdOffset: 3, Lat: -1.29, Lon: 36.82, PostFmt: "00###", Style: "ng", Weight: 0.7, Cultures: ke},
		{Country: "VN", City: "Ho Chi Minh City", TZ: "Asia/Ho_Chi_Minh", StdOffset: 7, Lat: 10.82, Lon: 106.63, PostFmt: "700000", Style: "vn", Weight: 0.8, Cultures: vn},
		{Country: "KR", City: "Seoul", TZ: "Asia/Seoul", StdOffset: 9, Lat: 37.57, Lon: 126.98, PostFmt: "0####", Style: "kr", Weight: 0.6, Cultures: kr},
		{Country: "JP", City: "Tokyo", TZ: "Asia/Tokyo", StdOffset: 9, Lat: 35.68, Lon: 139.69, PostFmt: "1##-####", Style: "kr", Weight: 0.3, Cultures: jp},
		{Country: "AU", City: "Sydney", Region: "NSW", RegionName: "New South Wales", TZ: "Australia/Sydney", StdOffset: 10, Lat: -33.87, Lon: 151.21, PostFmt: "2###", Style: "gb", Weight: 1, Cultures: au},
		{Country: "PK", City: "Lahore", TZ: "Asia/Karachi", StdOffset: 5, Lat: 31.55, Lon: 74.34, PostFmt: "54###", Style: "in", Weight: 0.7, Cultures: pk},
		{Country: "NL", City: "Amsterdam", TZ: "Europe/Amsterdam", StdOffset: 1, Lat: 52.37, Lon: 4.90, PostFmt: "10## AA", Style: "de", Weight: 0.8, Cultures: de},
		// Operator places: public reporting puts DPRK IT workers mostly in China
		// and Russia (FBI PSA 2023-10-18; Microsoft Threat Intelligence, Jasper
		// Sleet (2025-06-30)).
		{Country: "CN", City: "Shenyang", TZ: "Asia/Shanghai", StdOffset: 8, Lat: 41.81, Lon: 123.43, PostFmt: "110###", Style: "vn", Operator: true},
		{Country: "CN", City: "Dandong", TZ: "Asia/Shanghai", StdOffset: 8, Lat: 40.12, Lon: 124.38, PostFmt: "118###", Style: "vn", Operator: true},
		{Country: "RU", City: "Vladivostok", TZ: "Asia/Vladivostok", StdOffset: 10, Lat: 43.12, Lon: 131.89, PostFmt: "690###", Style: "pl", Operator: true},
	}
	for i, p := range ps {
		p.idx = i
	}
	return ps
}

// fillPattern expands a postcode pattern.
func fillPattern(r *rand.Rand, pat string) string {
	b := []byte(pat)
	for i, c := range b {
		switch c {
		case '#':
			b[i] = byte('0' + r.IntN(10))
		case 'A':
			b[i] = byte('A' + r.IntN(26))
		}
	}
	return string(b)
}

// Street vocabulary by address style.
var (
	usStreets = []string{"Oak", "Maple", "Pine", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park",
		"Main", "Sunset", "River", "Highland", "Madison", "Franklin", "Jefferson", "Lincoln", "Walnut",
		"Spring", "Church", "Willow", "Meadow", "Forest", "Ridge", "Valley", "Cherry", "Birch", "Chestnut",
		"Lakeview", "Summit", "Magnolia", "Dogwood", "Mill", "Sycamore", "Jackson", "Adams", "Union",
		"Broad", "Market", "Grove"}
	// usSuffixes pairs the long and short forms.
	usSuffixes = [][2]string{{"Street", "St"}, {"Avenue", "Ave"}, {"Road", "Rd"}, {"Drive", "Dr"},
		{"Lane", "Ln"}, {"Boulevard", "Blvd"}, {"Court", "Ct"}, {"Place", "Pl"}, {"Way", "Way"},
		{"Terrace", "Ter"}, {"Circle", "Cir"}}
	usDirections = [][2]string{{"North", "N"}, {"South", "S"}, {"East", "E"}, {"West", "W"}}
	gbStreets    = []string{"High", "Station", "Church", "Victoria", "Green", "Manor", "Park", "Queens",
		"Kings", "Mill", "Grange", "Albert", "Windsor", "Richmond", "York", "Cambridge", "Elm", "Oakfield"}
	gbSuffixes = [][2]string{{"Road", "Rd"}, {"Street", "St"}, {"Lane", "Ln"}, {"Close", "Cl"},
		{"Avenue", "Ave"}, {"Gardens", "Gdns"}, {"Crescent", "Cres"}}
	deStreets = []string{"Haupt", "Bahnhof", "Garten", "Schiller", "Goethe", "Linden", "Berliner",
		"Kirch", "Wald", "Schul", "Ring", "Bach", "Birken", "Mozart", "Friedrich"}
	frStreets = []string{"de la République", "Victor Hugo", "de la Paix", "Pasteur", "du Moulin",
		"Jean Jaurès", "de l'Église", "des Écoles", "Voltaire", "de la Gare"}
	esStreets = []string{"Mayor", "Real", "del Sol", "Libertad", "Juárez", "Reforma", "Hidalgo",
		"San Martín", "Bolívar", "de la Paz", "Insurgentes", "Morelos", "Alcalá", "Gran Vía"}
	brStreets = []string{"das Flores", "Augusta", "da Consolação", "Oscar Freire", "XV de Novembro",
		"São Bento", "da Liberdade", "Vergueiro", "Bela Cintra"}
	plStreets = []string{"Marszałkowska", "Długa", "Polna", "Leśna", "Słoneczna", "Krótka", "Szkolna",
		"Ogrodowa", "Lipowa", "Mickiewicza", "Kościuszki", "Shevchenka", "Khreshchatyk"}
	inAreas = []string{"Indiranagar", "Koramangala", "Whitefield", "Jayanagar", "Kothrud", "Baner",
		"Madhapur", "Gachibowli", "Banjara Hills", "HSR Layout", "Aundh", "Gulberg", "DHA Phase 5"}
	phBarangays = []string{"San Antonio", "Poblacion", "San Isidro", "Santo Niño", "Bagong Silang",
		"Lahug", "Mabolo", "Malate", "Ermita", "Sampaloc"}
	ngStreets = []string{"Adeola Odeku", "Awolowo", "Herbert Macaulay", "Allen", "Ngong", "Kenyatta",
		"Moi", "Ozumba Mbadiwe", "Bishop Aboyade Cole", "Muthaiga"}
	vnStreets = []string{"Nguyen Hue", "Le Loi", "Dong Khoi", "Hai Ba Trung", "Tran Hung Dao",
		"Pham Ngu Lao", "Vo Van Tan", "Dien Bien Phu"}
	krStreets = []string{"Teheran-ro", "Sejong-daero", "Olympic-ro", "Gangnam-daero", "Yanghwa-ro",
		"Omotesando", "Meiji-dori", "Aoyama-dori"}
)

// home is a street address in its parts, written differently by different
// people and forms (see write).
type home struct {
	place    *place
	num      string
	dir      int // index+1 into usDirections, 0 for none
	street   string
	suffix   int // index into the style's suffix list
	unit     string
	postcode string
	// line is the street line for styles without parts.
	line string
}

func (g *gen) newHome(p *place) home {
	for try := 0; ; try++ {
		h := g.drawHome(p)
		if try >= 4 {
			// A crowded place: many homes share a street number in
			// apartment buildings; a flat number keeps them apart.
			h.unit = itoa(between(g.r, 1, 99999))
		}
		if !g.used.add("home:" + itoa(p.idx) + "|" + h.num + "|" + itoa(h.dir) + "|" + h.street + "|" +
			itoa(h.suffix) + "|" + h.line + "|" + h.unit) {
			return h
		}
	}
}

func (g *gen) drawHome(p *place) home {
	r := g.r
	h := home{place: p, postcode: fillPattern(r, p.PostFmt)}
	switch p.Style {
	case "us", "ca":
		h.num = itoa(between(r, 1, 9899))
		if chance(r, 0.15) {
			h.dir = 1 + r.IntN(len(usDirections))
		}
		h.street = pick(r, usStreets)
		h.suffix = r.IntN(len(usSuffixes))
		if chance(r, 0.35) {
			h.unit = itoa(between(r, 1, 30)) + string(rune('A'+r.IntN(6)))
		}
	case "gb":
		h.num = itoa(between(r, 1, 240))
		h.street = pick(r, gbStreets)
		h.suffix = r.IntN(len(gbSuffixes))
		if chance(r, 0.25) {
			h.unit = itoa(between(r, 1, 40))
		}
	case "de":
		h.line = pick(r, deStreets) + pick(r, []string{"straße", "weg", "allee", "platz"}) + " " + itoa(between(r, 1, 150))
		if chance(r, 0.2) {
			h.line += string(rune('a' + r.IntN(4)))
		}
	case "fr":
		h.line = itoa(between(r, 1, 120)) + " " + pick(r, []string{"rue", "avenue", "boulevard"}) + " " + pick(r, frStreets)
	case "es":
		h.line = pick(r, []string{"Calle", "Av.", "Calle", "Paseo"}) + " " + pick(r, esStreets) + " " + itoa(between(r, 1, 900))
		if chance(r, 0.5) {
			h.unit = itoa(between(r, 1, 12)) + "º " + string(rune('A'+r.IntN(4)))
		}
	case "br":
		h.line = "Rua " + pick(r, brStreets) + ", " + itoa(between(r, 1, 3000))
		if chance(r, 0.4) {
			h.unit = "Apto " + itoa(between(r, 11, 190))
		}
	case "pl":
		h.line = "ul. " + pick(r, plStreets) + " " + itoa(between(r, 1, 120))
		if chance(r, 0.6) {
			h.unit = "m. " + itoa(between(r, 1, 80))
		}
	case "in":
		h.line = "No. " + itoa(between(r, 1, 999)) + ", " + ordinal(between(r, 1, 18)) + " " +
			pick(r, []string{"Main", "Cross", "Main Road", "Cross Road"}) + ", " + pick(r, inAreas)
	case "ph":
		h.line = itoa(between(r, 1, 999)) + " " + pick(r, []string{"Rizal", "Mabini", "Bonifacio", "Luna", "Burgos"}) +
			" St., Brgy. " + pick(r, phBarangays)
	case "ng":
		h.line = itoa(between(r, 1, 200)) + " " + pick(r, ngStreets) + " " + pick(r, []string{"Street", "Road", "Avenue"})
	case "vn":
		h.line = itoa(between(r, 1, 300)) + " " + pick(r, vnStreets) + ", District " + itoa(between(r, 1, 12))
	case "kr":
		h.line = itoa(between(r, 1, 500)) + " " + pick(r, krStreets)
		if chance(r, 0.6) {
			h.unit = itoa(between(r, 101, 2405))
		}
	}
	return h
}

func ordinal(n int) string {
	suf := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suf = "st"
	case n%10 == 2:
		suf = "nd"
	case n%10 == 3:
		suf = "rd"
	}
	return itoa(n) + suf
}

// streetLine writes the street line of h; variant ≠ 0 uses other
// abbreviations and punctuation, as a different person or form would.
func (h home) streetLine(r *rand.Rand, variant bool) string {
	switch h.place.Style {
	case "us", "ca":
		long := variant && chance(r, 0.5)
		var b strings.Builder
		b.WriteString(h.num)
		if h.dir > 0 {
			d := usDirections[h.dir-1]
			b.WriteByte(' ')
			switch {
			case long:
				b.WriteString(d[0])
			case variant && chance(r, 0.5):
				b.WriteString(d[1] + ".")
			default:
				b.WriteString(d[1])
			}
		}
		b.WriteByte(' ')
		b.WriteString(h.street)
		b.WriteByte(' ')
		s := usSuffixes[h.suffix]
		switch {
		case long:
			b.WriteString(s[0])
		case variant && chance(r, 0.3):
			b.WriteString(s[1] + ".")
		default:
			b.WriteString(s[1])
		}
		return b.String()
	case "gb":
		s := gbSuffixes[h.suffix]
		if variant && chance(r, 0.5) {
			return h.num + " " + h.street + " " + s[1]
		}
		return h.num + " " + h.street + " " + s[0]
	}
	if variant && chance(r, 0.3) {
		return strings.ToUpper(h.line)
	}
	return h.line
}

func (h home) unitLine(r *rand.Rand, variant bool) string {
	if h.unit == "" {
		return ""
	}
	switch h.place.Style {
	case "us", "ca":
		if variant {
			return pick(r, []string{"Apt ", "Apt. ", "#", "Unit ", "Apartment "}) + h.unit
		}
		return "Apt " + h.unit
	case "gb":
		if variant && chance(r, 0.5) {
			return "Flat " + h.unit
		}
		return "Flat " + h.unit
	}
	return h.unit
}

// write renders the address for a record: in parts or as one raw line,
// with the abbreviations and omissions people make when variant is set.
func (h home) write(r *rand.Rand, use string, variant bool) ringer.Address {
	p := h.place
	a := ringer.Address{Use: use, Line1: h.streetLine(r, variant), Line2: h.unitLine(r, variant),
		City: p.City, Postcode: h.postcode, Country: p.Country}
	if p.Region != "" {
		a.Region = p.Region
		if variant && p.RegionName != "" && chance(r, 0.2) {
			a.Region = p.RegionName
		}
	}
	if variant && chance(r, 0.1) {
		a.Postcode = ""
	}
	if variant && chance(r, 0.1) {
		a.Country = countryName(p.Country)
	}
	if variant && chance(r, 0.3) {
		// One raw line, as a free-text form field keeps it.
		parts := []string{a.Line1}
		if a.Line2 != "" {
			parts[0] += ", " + a.Line2
		}
		cityLine := a.City
		if a.Region != "" {
			cityLine += ", " + a.Region
		}
		if a.Postcode != "" {
			cityLine += " " + a.Postcode
		}
		parts = append(parts, cityLine)
		if a.Country != "" {
			parts = append(parts, a.Country)
		}
		return ringer.Address{Use: use, Raw: strings.Join(parts, ", ")}
	}
	return a
}

func countryName(cc string) string {
	switch cc {
	case "US":
		return "USA"
	case "GB":
		return "United Kingdom"
	case "DE":
		return "Germany"
	case "CA":
		return "Canada"
	case "IN":
		return "India"
	case "PH":
		return "Philippines"
	case "MX":
		return "Mexico"
	case "BR":
		return "Brazil"
	case "PL":
		return "Poland"
	}
	return cc
}
