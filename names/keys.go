package names

import "strings"

// romanKey folds the spelling differences between romanization systems of
// Korean (Revised, McCune–Reischauer, ad-hoc passport spellings) and
// Chinese (pinyin, Wade–Giles, Cantonese and Hokkien spellings) into one
// key: voiced and unvoiced stops fall together (g/k, d/t, b/p, j/ch),
// aspiration marks and breves are gone, eo/ŏ→o, eu/ŭ→u, oo→u, ee→i,
// ae→e, r→l, hs→x, ts/tz/dz/z→c, ung→ong, and doubled letters collapse.
// "Jeong-eun" and "Jong Un" share the key "congun".
func romanKey(s string) string { return foldKey(s, true) }

// plainKey is romanKey without the folds that only hold for Korean and
// Chinese (r/l, sh/s), for comparing names from elsewhere: Sara is not
// Salah.
func plainKey(s string) string { return foldKey(s, false) }

func foldKey(s string, eastAsian bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		next := byte(0)
		if i+1 < len(s) {
			next = s[i+1]
		}
		var out byte
		switch c {
		case 'e':
			switch next {
			case 'o', 'u': // eo → o, eu → u
				i++
				out = next
			case 'e': // ee → i
				i++
				out = 'i'
			default:
				out = 'e'
			}
		case 'o':
			if next == 'o' || next == 'u' { // oo, ou → u
				i++
				out = 'u'
			} else {
				out = 'o'
			}
		case 'a':
			if next == 'e' || next == 'i' || next == 'y' && i+2 < len(s) && !isVowel(s[i+2]) { // ae, ai, ay → e
				i++
				out = 'e'
			} else {
				out = 'a'
			}
		case 'g', 'k', 'q':
			if next == 'h' {
				i++
			}
			out = 'k'
			if c == 'q' && eastAsian {
				out = 'c' // pinyin q is Wade–Giles ch': Qi, Ch'i
			}
		case 'c':
			if next == 'h' {
				i++
			}
			out = 'c'
		case 'j', 'z':
			if next == 'h' {
				i++
			}
			out = 'c'
		case 't':
			switch next {
			case 's', 'z':
				i++
				out = 'c'
			case 'c':
				if i+2 < len(s) && s[i+2] == 'h' { // tch
					i += 2
				}
				out = 'c'
			case 'h':
				i++
				out = 't'
			default:
				out = 't'
			}
		case 'd':
			switch next {
			case 'z', 'j':
				i++
				out = 'c'
			case 'h':
				i++
				out = 't'
			default:
				out = 't'
			}
		case 'b':
			out = 'p'
		case 'p':
			if next == 'h' {
				i++
				out = 'f'
			} else {
				out = 'p'
			}
		case 'r':
			out = 'r'
			if eastAsian {
				out = 'l'
			}
		case 'h':
			if next == 's' { // Wade–Giles hs = pinyin x
				i++
				b.WriteByte('k')
				out = 's'
			} else if i > 0 && isVowel(s[i-1]) && next != 0 && !isVowel(next) {
				continue // John, Jon; Ahmed, Amed
			} else {
				out = 'h'
			}
		case 'x':
			b.WriteByte('k')
			out = 's'
		case 's':
			out = 's'
			if next == 'h' {
				i++
				if !eastAsian {
					out = 'S'
				}
			}
		case 'w':
			if next == 'h' { // wh → hw order differs; keep w
				i++
			}
			if next == 'u' || next == 'o' && i+2 < len(s) && s[i+2] == 'o' {
				continue // Korean 우: u, woo
			}
			out = 'w'
		case 'u':
			switch {
			case next == 'i': // 희: hui, hee
				i++
				out = 'i'
			case next == 'n' && i+2 < len(s) && s[i+2] == 'g': // ung → ong
				out = 'o'
			default:
				out = 'u'
			}
		case '\'', '`':
			continue
		default:
			out = c
		}
		if b.Len() > 0 && b.String()[b.Len()-1] == out {
			continue
		}
		b.WriteByte(out)
	}
	k := b.String()
	if len(k) > 1 && k[len(k)-1] == 'h' {
		k = k[:len(k)-1]
	}
	// Slavic endings: -iy, -ii, -yy, -ey, -ei, -y are one sound.
	if len(k) > 3 {
		for _, end := range []string{"iy", "ii", "yy", "ey", "ei", "yi", "y"} {
			if strings.HasSuffix(k, end) {
				k = k[:len(k)-len(end)] + "i"
				break
			}
		}
	}
	return k
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// skeleton is a token's consonant skeleton: vowels, w, y and h-after-
// consonant dropped, sibilants and velars merged, doubles collapsed. It is
// how a name written in Arabic script (no short vowels) meets its Latin
// transliterations: "محمد" and "Mohammed" both give "mhmt".
func skeleton(s string) string {
	var b strings.Builder
	last := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		next := byte(0)
		if i+1 < len(s) {
			next = s[i+1]
		}
		var out byte
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w', '\'', '`':
			last = 0
			continue
		case 'k', 'g', 'q', 'c':
			if next == 'h' {
				i++
				if c == 'c' {
					out = 's'
					break
				}
			}
			out = 'k'
		case 's', 'z':
			if next == 'h' {
				i++
			}
			out = 's'
		case 't', 'd':
			if next == 'h' {
				i++
			}
			out = 't'
		case 'p':
			if next == 'h' {
				i++
				out = 'f'
			} else {
				out = 'b'
			}
		case 'j':
			out = 'k' // Jamal, Gamal: Arabic ج is both
		case 'v':
			out = 'f'
		default:
			out = c
		}
		if out == last {
			continue
		}
		b.WriteByte(out)
		last = out
	}
	s = b.String()
	if len(s) > 2 && s[len(s)-1] == 'h' {
		// A final h is a vowel sign: Haniyeh, هنية; Khamenei, خامنه‌ای.
		s = s[:len(s)-1]
	}
	return s
}

// surnameSets groups spellings of one family name across romanization
// systems. Korean sets follow the Revised Romanization, McCune–Reischauer
// and the spellings common in passports; Chinese sets follow pinyin,
// Wade–Giles and Cantonese/Hokkien spellings. Overlaps are real: Chang is
// Zhang in pinyin and Jang in Korean, so it sits in both sets.
var surnameSets = [][]string{
	// Korean (the Korean and Chinese sets come first; see cjkSets)
	{"kim", "gim", "ghim"},
	{"lee", "yi", "ri", "rhee", "rhie", "i", "rie", "lie", "reeh", "ree", "yie"},
	{"park", "pak", "bak", "bahk", "pack", "parc", "paik"},
	{"choi", "choe", "chwe", "choy", "chey"},
	{"jung", "jeong", "chung", "chong", "cheong", "joung", "jeung"},
	{"kang", "gang", "khang"},
	{"cho", "jo", "joe", "chough"},
	{"yoon", "yun", "youn", "yune"},
	{"jang", "chang", "jhang"},
	{"lim", "im", "rim", "yim", "leem", "lym"},
	{"shin", "sin", "shinn", "synn"},
	{"kwon", "gwon", "kwun", "kweon", "kuon"},
	{"hwang", "whang", "whong"},
	{"ahn", "an", "ann"},
	{"jeon", "jun", "chon", "chun", "cheon", "jon", "chen"},
	{"ko", "go", "koh", "goh"},
	{"moon", "mun", "moun"},
	{"yang", "ryang"},
	{"son", "sohn"},
	{"bae", "pae", "bai", "bay"},
	{"baek", "paek", "paik", "baik", "back", "pack", "bak"},
	{"heo", "hur", "huh", "ho", "hoh", "hu"},
	{"yoo", "yu", "ryu", "rhyu", "you", "yeu", "lyu", "ryoo"},
	{"noh", "no", "roh", "ro", "rho"},
	{"kwak", "gwak", "kwag"},
	{"sung", "seong", "song"},
	{"seo", "suh", "so", "sur", "sho"},
	{"joo", "ju", "chu", "choo"},
	{"woo", "u", "wu"},
	{"koo", "gu", "ku", "goo"},
	{"na", "ra", "la"},
	{"jin", "chin"},
	{"ji", "chi", "jee"},
	{"eom", "um", "uhm", "ohm", "eum"},
	{"chae", "chai", "chea"},
	{"hyun", "hyeon", "hyon", "hyoun"},
	{"yeo", "yo", "yeh", "yuh"},
	{"do", "to", "doh"},
	{"seok", "suk", "sok"},
	{"seol", "sul", "sol"},
	{"gil", "kil"},
	{"yeon", "yon", "youn"},
	{"wi", "wee"},
	{"myung", "myeong", "myong"},
	{"geum", "keum", "kum"},
	{"yook", "yuk", "ryuk"},
	{"gook", "kook", "kuk", "guk"},
	{"ban", "pan"},
	{"bang", "pang"},
	{"kong", "gong"},
	{"oh", "o"},
	{"han", "hahn"},
	{"jegal", "chegal", "zhuge"},
	{"namgung", "namkoong", "namkung"},
	{"hong", "hung"},
	// Chinese
	{"zhang", "chang", "cheung", "cheong", "teo", "tiong", "chong"},
	{"wang", "wong", "ong", "heng"},
	{"li", "lee", "lei", "ly", "lie"},
	{"chen", "chan", "tan", "chin", "ting"},
	{"liu", "lau", "lou", "lao", "low"},
	{"huang", "wong", "hwang", "ng", "wee", "oei", "bong"},
	{"zhou", "chou", "chow", "chau", "chew", "chiu"},
	{"wu", "ng", "woo", "goh", "ngo", "ho"},
	{"xu", "hsu", "hui", "tsui", "koh", "khor", "hsiu"},
	{"lin", "lam", "lim", "ling", "lum"},
	{"guo", "kuo", "kwok", "kwek", "quek", "kok"},
	{"he", "ho", "hoe", "hor", "hoh"},
	{"ma", "mah", "mar"},
	{"zhao", "chao", "chiu", "chew", "teo", "chow"},
	{"yang", "yeung", "young", "yeo", "yong"},
	{"sun", "suen", "soon", "sng"},
	{"zhu", "chu", "chue", "choo", "gee"},
	{"hu", "wu", "foo", "woo", "oh"},
	{"gao", "kao", "ko", "koh", "kou"},
	{"liang", "leung", "neo", "liong"},
	{"zheng", "cheng", "chang", "tay", "teh", "cheang"},
	{"xie", "hsieh", "tse", "cheah", "chia", "seah"},
	{"song", "sung", "soong"},
	{"tang", "tong", "teng"},
	{"deng", "teng", "tang", "dang"},
	{"feng", "fung", "fong", "pang"},
	{"cao", "tsao", "cho", "tso", "chou"},
	{"peng", "pang", "phang"},
	{"zeng", "tseng", "tsang", "chang", "tsen"},
	{"cai", "tsai", "choi", "tsoi", "chua", "chai", "choy"},
	{"lu", "lo", "loo", "lou", "lui", "lok"},
	{"xiao", "hsiao", "siu", "seow", "siew", "shiu"},
	{"ye", "yeh", "yip", "yap", "ip"},
	{"pan", "poon", "phua", "pun"},
	{"du", "tu", "to", "tou", "doo"},
	{"jiang", "chiang", "kong", "kiang", "keung", "cheung"},
	{"wei", "ngai", "ngui", "way"},
	{"su", "soo", "so", "sou", "soh"},
	{"yu", "yue", "yee", "ee", "ue", "u"},
	{"dong", "tung", "tong"},
	{"luo", "lo", "law", "loh", "lor"},
	{"qian", "chien", "chin", "chee"},
	{"ren", "jen", "yam", "yan"},
	{"shen", "shum", "sum", "sim"},
	{"han", "hon", "hahn"},
	{"xiang", "hsiang", "heung"},
	{"jin", "chin", "kam", "kim", "king"},
	{"qiu", "chiu", "khoo", "yau", "khu"},
	{"zhong", "chung", "chong"},
	{"xue", "hsueh", "sit", "seet"},
	{"yan", "yen", "yim", "gan"},
	{"fang", "fong", "hong"},
	{"cui", "tsui", "chui", "tsuei"},
	{"jia", "chia", "ka", "kah"},
	{"kong", "hung", "khong"},
	{"bai", "pai", "pak", "baik"},
	{"shi", "shih", "sze", "see", "si"},
	{"xi", "hsi", "si", "sik"},
	{"qi", "chi", "tsai", "chee"},
	{"zhuang", "chuang", "chong"},
	{"hou", "hau", "hoh"},
	{"mao", "mou", "mo"},
	{"tian", "tien", "tin"},
	// End of Korean and Chinese sets.
	// Arabic and Persian given and family names with many spellings.
	{"muhammad", "mohammed", "mohammad", "mohamed", "muhammed", "mohamad", "mohd", "muhamad", "mehmet", "mahomed", "mohamud", "muhamed", "mahmad"},
	{"ahmad", "ahmed", "achmad", "ahmet", "akhmed", "ahmat"},
	{"husayn", "hussein", "hussain", "husain", "hossein", "husein", "houssein", "hüseyin", "huseyin", "hussien"},
	{"hasan", "hassan", "hasaan", "hassane", "hasen"},
	{"abdullah", "abdallah", "abdulla", "abdalla", "abdellah", "abdollah"},
	{"abdulrahman", "abdurrahman", "abderrahmane", "abdelrahman", "abdul rahman", "abdurahman", "abdolrahman"},
	{"yusuf", "yousef", "youssef", "yousuf", "yusef", "yousif", "josef"},
	{"umar", "omar", "omer", "oumar", "ömer"},
	{"uthman", "othman", "osman", "usman", "ousmane", "othmane"},
	{"ali", "aly", "alee"},
	{"khalid", "khaled", "halid", "khalied"},
	{"mahmud", "mahmoud", "mahmood", "mahmut", "makhmud"},
	{"mustafa", "mostafa", "moustafa", "mustapha", "mostapha"},
	{"ibrahim", "ebrahim", "ibragim", "ebraheem", "brahim"},
	{"ismail", "ismael", "esmail", "ismayil", "smail"},
	{"abu", "abou", "abo"},
	{"al", "el", "ul", "ad", "an", "as", "ash", "at", "az", "ar"},
	{"abd", "abdul", "abdel", "abdal", "abdol", "abdoul"},
	{"said", "saeed", "saied", "sayed", "sayid", "sa'id"},
	{"rashid", "rachid", "rasheed", "reshid"},
	{"jamal", "gamal", "djamal", "cemal"},
	{"qasim", "qasem", "kasim", "qassem", "kassem", "gasim", "kacem"},
	{"sulayman", "suleiman", "sulaiman", "soliman", "slimane", "suleyman", "süleyman"},
	{"nasir", "nasser", "naser", "nacer", "nassir"},
	{"faisal", "faysal", "feisal", "faycal"},
	{"tariq", "tarek", "tarik", "tareq"},
	{"zayd", "zaid", "zeid", "zayed"},
	{"hamid", "hamed", "hameed"},
	{"karim", "kareem", "karime", "kerim"},
	{"salih", "saleh", "salah", "saleh"},
	{"yasir", "yasser", "yaser", "yassir", "yassar"},
	{"ayman", "aiman", "aymen", "eyman"},
	{"bashar", "bachar", "bashshar"},
	{"muammar", "moammar", "muamar", "moamar", "mouammar"},
	{"mahdi", "mehdi", "mahdy", "mehdy"},
	{"reza", "riza", "rida", "ridha", "redha"},
	{"fatima", "fatemeh", "fatma", "fatimah", "fatme"},
	{"aisha", "aysha", "ayesha", "aicha", "aishah"},
	{"maryam", "mariam", "miriam", "meryem", "maryem"},
	{"zaynab", "zainab", "zeinab", "zaineb"},
	// Slavic spellings of one name.
	{"aleksandr", "alexander", "alexandr", "oleksandr", "aleksander", "alyaksandr", "aliaksandr"},
	{"sergei", "sergey", "serguei", "serhiy", "sergej"},
	{"yuri", "yuriy", "iouri", "yury", "jurij", "yurii"},
	{"dmitri", "dmitry", "dmitriy", "dimitri", "dmytro"},
	{"evgeny", "yevgeny", "evgeniy", "yevgeniy", "eugene", "yevhen"},
	{"mikhail", "michael", "mykhailo", "michail"},
	{"vladimir", "volodymyr", "wladimir", "uladzimir", "vladymyr"},
	{"usama", "osama", "oussama", "ousama"},
	{"alexei", "aleksei", "alexey", "aleksey", "oleksiy", "oleksii"},
	{"yevgeny", "evgeny", "evgenii", "evgeniy", "yevgeniy", "eugene", "yevhen"},
}

// cjkSets is the number of Korean and Chinese sets at the head of
// surnameSets.
var cjkSets = func() int {
	for i, s := range surnameSets {
		if s[0] == "muhammad" {
			return i
		}
	}
	return len(surnameSets)
}()

// nicknameSets group a given name with its common short forms (English,
// Russian, Spanish, German): Robert, Bob, Rob, Bobby. Screening treats a
// short form as the same given name, a little less surely than a spelling.
var nicknameSets = [][]string{
	{"robert", "bob", "rob", "bobby", "robbie", "bert"},
	{"william", "bill", "will", "billy", "willy", "liam"},
	{"richard", "rick", "dick", "richie", "ricky"},
	{"james", "jim", "jimmy", "jamie"},
	{"john", "jack", "johnny", "jon"},
	{"michael", "mike", "mikey", "mick", "mickey"},
	{"joseph", "joe", "joey", "jose", "pepe"},
	{"thomas", "tom", "tommy"},
	{"charles", "charlie", "chuck", "chas"},
	{"christopher", "chris", "kit"},
	{"daniel", "dan", "danny"},
	{"matthew", "matt"},
	{"anthony", "tony", "antonio", "toni"},
	{"edward", "ed", "eddie", "ted", "ned"},
	{"alexander", "alex", "sasha", "sanya", "aleksandr", "alejandro", "alessandro"},
	{"elizabeth", "liz", "beth", "betty", "eliza", "lisa", "elisabeth", "isabel"},
	{"katherine", "kate", "kathy", "katie", "catherine", "kathryn", "ekaterina", "katya"},
	{"margaret", "maggie", "peggy", "meg", "margarita"},
	{"jennifer", "jen", "jenny"},
	{"steven", "steve", "stephen", "stefan", "esteban"},
	{"andrew", "andy", "drew", "andrei", "andrey", "andres"},
	{"benjamin", "ben", "benny"},
	{"samuel", "sam", "sammy"},
	{"nicholas", "nick", "nicky", "nikolai", "nikolay", "nicolas"},
	{"jonathan", "jon", "johnny"},
	{"timothy", "tim", "timmy"},
	{"patrick", "pat", "paddy"},
	{"peter", "pete", "pyotr", "pedro", "pierre"},
	{"david", "dave", "davy"},
	{"gregory", "greg"},
	{"kenneth", "ken", "kenny"},
	{"ronald", "ron", "ronnie"},
	{"donald", "don", "donny"},
	{"lawrence", "larry", "laurence"},
	{"frederick", "fred", "freddie", "friedrich", "fritz"},
	{"vladimir", "volodya", "vova"},
	{"dmitry", "dima", "dmitri"},
	{"ivan", "vanya"},
	{"mikhail", "misha"},
	{"yevgeny", "zhenya", "evgeny"},
	{"sergei", "seryozha", "sergey"},
	{"francisco", "paco", "pancho", "frank", "francis"},
	{"manuel", "manolo", "manny"},
	{"ignacio", "nacho"},
	{"guadalupe", "lupe"},
	{"johannes", "hans", "johann"},
}

// vietnameseSurnames are the most common Vietnamese family names. A name
// carrying one is compared syllable by syllable, like a Korean or Chinese
// name: Thanh and Thinh are different names.
var vietnameseSurnames = map[string]bool{
	"nguyen": true, "tran": true, "le": true, "pham": true, "hoang": true, "huynh": true,
	"phan": true, "vu": true, "vo": true, "dang": true, "bui": true, "do": true, "ngo": true,
	"duong": true, "dinh": true, "trinh": true, "truong": true, "luong": true, "doan": true,
	"vuong": true, "trieu": true,
}
