package normalize

// usRegions maps folded US state, district and territory names and codes
// to their USPS two-letter codes.
var usRegions = map[string]string{
	"al": "AL", "alabama": "AL", "ak": "AK", "alaska": "AK", "az": "AZ", "arizona": "AZ",
	"ar": "AR", "arkansas": "AR", "ca": "CA", "california": "CA", "calif": "CA",
	"co": "CO", "colorado": "CO", "ct": "CT", "connecticut": "CT", "de": "DE",
	"delaware": "DE", "dc": "DC", "d c": "DC", "district of columbia": "DC", "washington dc": "DC",
	"fl": "FL", "florida": "FL", "ga": "GA", "georgia": "GA", "hi": "HI", "hawaii": "HI",
	"id": "ID", "idaho": "ID", "il": "IL", "illinois": "IL", "in": "IN", "indiana": "IN",
	"ia": "IA", "iowa": "IA", "ks": "KS", "kansas": "KS", "ky": "KY", "kentucky": "KY",
	"la": "LA", "louisiana": "LA", "me": "ME", "maine": "ME", "md": "MD", "maryland": "MD",
	"ma": "MA", "massachusetts": "MA", "mi": "MI", "michigan": "MI", "mn": "MN",
	"minnesota": "MN", "ms": "MS", "mississippi": "MS", "mo": "MO", "missouri": "MO",
	"mt": "MT", "montana": "MT", "ne": "NE", "nebraska": "NE", "nv": "NV", "nevada": "NV",
	"nh": "NH", "new hampshire": "NH", "nj": "NJ", "new jersey": "NJ", "nm": "NM",
	"new mexico": "NM", "ny": "NY", "new york": "NY", "nc": "NC", "north carolina": "NC",
	"nd": "ND", "north dakota": "ND", "oh": "OH", "ohio": "OH", "ok": "OK", "oklahoma": "OK",
	"or": "OR", "oregon": "OR", "pa": "PA", "pennsylvania": "PA", "ri": "RI",
	"rhode island": "RI", "sc": "SC", "south carolina": "SC", "sd": "SD",
	"south dakota": "SD", "tn": "TN", "tennessee": "TN", "tx": "TX", "texas": "TX",
	"ut": "UT", "utah": "UT", "vt": "VT", "vermont": "VT", "va": "VA", "virginia": "VA",
	"wa": "WA", "washington": "WA", "wv": "WV", "west virginia": "WV", "wi": "WI",
	"wisconsin": "WI", "wy": "WY", "wyoming": "WY", "pr": "PR", "puerto rico": "PR",
	"gu": "GU", "guam": "GU", "vi": "VI", "virgin islands": "VI", "as": "AS",
	"american samoa": "AS", "mp": "MP", "northern mariana islands": "MP",
	"aa": "AA", "ae": "AE", "ap": "AP", // armed forces
}

// caRegions maps folded Canadian province and territory names and codes to
// Canada Post's two-letter codes.
var caRegions = map[string]string{
	"ab": "AB", "alberta": "AB", "bc": "BC", "british columbia": "BC", "mb": "MB",
	"manitoba": "MB", "nb": "NB", "new brunswick": "NB", "nl": "NL",
	"newfoundland and labrador": "NL", "newfoundland": "NL", "ns": "NS",
	"nova scotia": "NS", "nt": "NT", "northwest territories": "NT", "nu": "NU",
	"nunavut": "NU", "on": "ON", "ontario": "ON", "pe": "PE",
	"prince edward island": "PE", "qc": "QC", "quebec": "QC", "pq": "QC",
	"sk": "SK", "saskatchewan": "SK", "yt": "YT", "yukon": "YT",
}

// auRegions maps folded Australian state and territory names and codes to
// Australia Post's abbreviations, lower-cased.
var auRegions = map[string]string{
	"nsw": "nsw", "new south wales": "nsw", "vic": "vic", "victoria": "vic",
	"qld": "qld", "queensland": "qld", "wa": "wa", "western australia": "wa",
	"sa": "sa", "south australia": "sa", "tas": "tas", "tasmania": "tas",
	"act": "act", "australian capital territory": "act", "nt": "nt",
	"northern territory": "nt",
}

// streetTypes unifies street-type words and their USPS (Publication 28,
// appendix C1), Royal Mail and Australia Post abbreviations to one word.
var streetTypes = map[string]string{
	"st": "street", "street": "street", "str": "street", "strt": "street",
	"av": "avenue", "ave": "avenue", "aven": "avenue", "avenu": "avenue", "avn": "avenue",
	"avnue": "avenue", "avenue": "avenue",
	"rd": "road", "road": "road",
	"dr": "drive", "drv": "drive", "driv": "drive", "drive": "drive",
	"ln": "lane", "lane": "lane",
	"pl": "place", "place": "place",
	"blvd": "boulevard", "boul": "boulevard", "boulv": "boulevard", "boulevard": "boulevard",
	"ct": "court", "crt": "court", "court": "court",
	"hwy": "highway", "hiway": "highway", "hway": "highway", "highway": "highway",
	"pkwy": "parkway", "pky": "parkway", "parkwy": "parkway", "pkway": "parkway",
	"parkway": "parkway",
	"cir":     "circle", "circ": "circle", "circl": "circle", "crcl": "circle", "circle": "circle",
	"ter": "terrace", "terr": "terrace", "tce": "terrace", "terrace": "terrace",
	"trl": "trail", "trail": "trail",
	"sq": "square", "sqr": "square", "square": "square",
	"cres": "crescent", "cresc": "crescent", "crsnt": "crescent", "cr": "crescent",
	"crescent": "crescent",
	"cl":       "close", "close": "close",
	"expy": "expressway", "expressway": "expressway",
	"fwy": "freeway", "freeway": "freeway",
	"wy": "way", "way": "way",
	"aly": "alley", "alley": "alley",
	"plz": "plaza", "plaza": "plaza",
	"ctr": "center", "center": "center", "centre": "center",
	"hts": "heights", "heights": "heights",
	"gdns": "gardens", "gardens": "gardens",
	"grv": "grove", "grove": "grove",
	"pde": "parade", "parade": "parade",
	"esp": "esplanade", "esplanade": "esplanade",
	"grn": "green", "green": "green",
	"jct": "junction", "junction": "junction",
	"xing": "crossing", "crossing": "crossing",
	"rte": "route", "route": "route",
	"mews": "mews", "row": "row", "walk": "walk", "loop": "loop", "pike": "pike",
	"path": "path", "run": "run",
	"hl": "hill", "hill": "hill",
	"pt": "point", "point": "point",
	"tpke": "turnpike", "turnpike": "turnpike",
	"cv": "cove", "cove": "cove",
	"pass": "pass",
}

// directionals unifies compass words of street names.
var directionals = map[string]string{
	"n": "north", "north": "north", "s": "south", "south": "south",
	"e": "east", "east": "east", "w": "west", "west": "west",
	"ne": "northeast", "northeast": "northeast", "nw": "northwest",
	"northwest": "northwest", "se": "southeast", "southeast": "southeast",
	"sw": "southwest", "southwest": "southwest",
}

// ordinalWords writes spelled ordinals as numbers ("Fifth Avenue" and "5th
// Ave" are one street).
var ordinalWords = map[string]string{
	"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
	"sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th",
	"eleventh": "11th", "twelfth": "12th", "thirteenth": "13th", "fourteenth": "14th",
	"fifteenth": "15th", "sixteenth": "16th", "seventeenth": "17th",
	"eighteenth": "18th", "nineteenth": "19th", "twentieth": "20th",
}

// unitWords are the designators of a unit within a building; the value
// after one is the unit.
var unitWords = map[string]bool{
	"apt": true, "apartment": true, "appt": true, "unit": true, "suite": true,
	"ste": true, "flat": true, "fl": true, "floor": true, "rm": true, "room": true,
	"#": true, "no": false, "bldg": true, "building": true, "lot": true,
	"trlr": true, "spc": true, "space": true, "dept": true, "wohnung": true,
	"whg": true, "piso": true, "depto": true, "departamento": true,
	"level": true, "lvl": true, "block": true, "blk": true,
	// A private mailbox at a commercial mail receiving agency (USPS
	// "PMB"): the box is the unit, and the address is a mail drop.
	"pmb": true,
}

// poBoxWords start a post-office box ("PO Box 12", "Postfach 12",
// "Apartado 12", "Casilla 12", "GPO Box 12", "Locked Bag 12").
var poBoxWords = map[string]int{
	// value: number of tokens the designator spans
	"pobox": 1, "postfach": 1, "apartado": 1, "casilla": 1, "boite": 1, "bp": 1,
	"caixa": 1,
}
