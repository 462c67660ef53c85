package names

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"
)

// Script is the writing system a token was first written in. Matching
// rules differ by script: a token transliterated from Arabic has no vowels
// to compare, a token from Hangul or Han has a known syllable structure.
type Script uint8

// Scripts a token can come from.
const (
	Latin Script = iota
	Hangul
	Han
	Cyrillic
	Arabic
	Greek
	Hebrew
	Georgian
	Armenian
	Kana
	Devanagari
	Other
)

// abjad reports whether a script writes consonants only, so that words
// from it are compared by their consonant skeleton.
func (s Script) abjad() bool { return s == Arabic || s == Hebrew }

func (s Script) String() string {
	switch s {
	case Latin:
		return "latin"
	case Hangul:
		return "hangul"
	case Han:
		return "han"
	case Cyrillic:
		return "cyrillic"
	case Arabic:
		return "arabic"
	case Greek:
		return "greek"
	case Hebrew:
		return "hebrew"
	case Georgian:
		return "georgian"
	case Armenian:
		return "armenian"
	case Kana:
		return "kana"
	case Devanagari:
		return "devanagari"
	}
	return "other"
}

// rawToken is one word of a name after transliteration, before weighting.
type rawToken struct {
	text   string
	script Script
	// surnameFirst marks the first syllable of a Hangul or Han personal
	// name written without spaces, which is the family name.
	surnameFirst bool
}

// Revised Romanization of Korean (Ministry of Culture, 2000) for the
// initial consonants, vowels and final consonants of a Hangul syllable.
var (
	hangulInitial = [...]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	hangulVowel   = [...]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	hangulFinal   = [...]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// romanizeHangulSyllable returns the Revised Romanization of one
// precomposed Hangul syllable (U+AC00..U+D7A3).
func romanizeHangulSyllable(r rune) string {
	i := int(r - 0xAC00)
	l, v, t := i/588, (i%588)/28, i%28
	return hangulInitial[l] + hangulVowel[v] + hangulFinal[t]
}

// cyrillic is a BGN/PCGN-style romanization of Russian, Ukrainian and
// Belarusian letters.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u",
}

// arabic maps Arabic and Persian letters to Latin consonants. Short vowels
// are not written in Arabic script, so the result is compared by its
// consonant skeleton only.
var arabic = map[rune]string{
	'ا': "a", 'أ': "a", 'إ': "i", 'آ': "a", 'ٱ': "a", 'ب': "b", 'ت': "t", 'ث': "th",
	'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh", 'ر': "r", 'ز': "z", 'س': "s",
	'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z", 'ع': "'", 'غ': "gh", 'ف': "f",
	'ق': "q", 'ك': "k", 'ل': "l", 'م': "m", 'ن': "n", 'ه': "h", 'و': "w", 'ي': "y",
	'ى': "a", 'ة': "a", 'ء': "", 'ؤ': "", 'ئ': "", 'پ': "p", 'چ': "ch", 'ژ': "zh",
	'گ': "g", 'ک': "k", 'ی': "y", 'ە': "a",
}

// greek is an ELOT 743-style romanization of the Greek alphabet.
var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
	'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
}

// hebrew maps Hebrew letters to Latin consonants (vowel points are
// dropped as marks); like Arabic, words are compared by consonants.
var hebrew = map[rune]string{
	'א': "'", 'ב': "b", 'ג': "g", 'ד': "d", 'ה': "h", 'ו': "w", 'ז': "z", 'ח': "kh",
	'ט': "t", 'י': "y", 'כ': "k", 'ך': "k", 'ל': "l", 'מ': "m", 'ם': "m", 'נ': "n",
	'ן': "n", 'ס': "s", 'ע': "'", 'פ': "p", 'ף': "f", 'צ': "ts", 'ץ': "ts", 'ק': "k",
	'ר': "r", 'ש': "sh", 'ת': "t",
}

// georgian is the national romanization of Georgian (Mkhedruli, 2002).
var georgian = map[rune]string{
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z", 'თ': "t",
	'ი': "i", 'კ': "k", 'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o", 'პ': "p", 'ჟ': "zh",
	'რ': "r", 'ს': "s", 'ტ': "t", 'უ': "u", 'ფ': "p", 'ქ': "k", 'ღ': "gh", 'ყ': "q",
	'შ': "sh", 'ჩ': "ch", 'ც': "ts", 'ძ': "dz", 'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j", 'ჰ': "h",
}

// armenian is a BGN/PCGN-style romanization of Armenian ("ու" is u).
var armenian = map[rune]string{
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e", 'ը': "y",
	'թ': "t", 'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k", 'հ': "h",
	'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m", 'յ': "y", 'ն': "n", 'շ': "sh", 'ո': "o",
	'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r", 'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r",
	'ց': "ts", 'ւ': "v", 'փ': "p", 'ք': "k", 'օ': "o", 'ֆ': "f",
}

// hanSurnames gives the surname reading of Han characters whose everyday
// reading differs (薄 is Bó as a surname, not báo).
var hanSurnames = map[rune]string{
	'薄': "bo", '曾': "zeng", '单': "shan", '單': "shan", '仇': "qiu", '区': "ou", '區': "ou",
	'解': "xie", '查': "zha", '朴': "piao", '盖': "ge", '蓋': "ge", '乐': "yue", '樂': "yue",
	'缪': "miao", '繆': "miao", '翟': "zhai", '召': "shao", '种': "chong", '秘': "bi",
	'覃': "qin", '尉': "yu", '万': "wan", '莫': "mo", '沈': "shen", '藏': "zang", '折': "she",
}

// arabicNames gives the usual Latin form of given names written in Arabic
// script, whose short vowels the script does not write.
var arabicNames = map[string]string{
	"محمد": "muhammad", "أحمد": "ahmad", "احمد": "ahmad", "علي": "ali", "علی": "ali",
	"حسن": "hasan", "حسين": "husayn", "حسین": "husayn", "عمر": "umar", "عثمان": "uthman",
	"يوسف": "yusuf", "یوسف": "yusuf", "إبراهيم": "ibrahim", "ابراهيم": "ibrahim", "ابراهیم": "ibrahim",
	"إسماعيل": "ismail", "اسماعيل": "ismail", "اسماعیل": "ismail", "خالد": "khalid",
	"محمود": "mahmud", "مصطفى": "mustafa", "مصطفی": "mustafa", "عبد": "abd", "الله": "allah",
	"عبدالله": "abdullah", "سعيد": "said", "سعید": "said", "رشيد": "rashid", "جمال": "jamal",
	"قاسم": "qasim", "سليمان": "sulayman", "ناصر": "nasir", "فيصل": "faisal", "طارق": "tariq",
	"زيد": "zayd", "حامد": "hamid", "كريم": "karim", "کریم": "karim", "صالح": "salih",
	"أسامة": "usama", "اسامة": "usama", "أيمن": "ayman", "ايمن": "ayman", "بشار": "bashar",
	"معمر": "muammar", "ياسر": "yasir", "مهدی": "mahdi", "مهدي": "mahdi", "رضا": "reza",
	"حسينی": "husayni", "فاطمة": "fatima", "عائشة": "aisha", "مريم": "maryam", "زينب": "zaynab",
	"بن": "bin", "ابن": "ibn", "بنت": "bint", "أبو": "abu", "ابو": "abu",
}

// latinExtra folds Latin letters that do not decompose under NFD.
var latinExtra = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th", 'ł': "l",
	'ı': "i", 'ħ': "h", 'ŋ': "ng", 'ſ': "s", 'ĸ': "k",
}

func isHangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// pinyinArgs asks go-pinyin for plain syllables without tones.
var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal
	a.Heteronym = false
	return a
}()

// Transliterate returns s in lower-case ASCII Latin: Unicode compatibility
// forms are folded (NFKC), accents are removed, Hangul is romanized with
// the Revised Romanization, Han characters are written in pinyin without
// tones, kana in Hepburn; Cyrillic, Greek, Arabic, Hebrew, Georgian,
// Armenian and Devanagari letters are romanized. Characters with
// no Latin reading are dropped; word boundaries are kept as spaces.
func Transliterate(s string) string {
	toks := tokenize(s)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.text
	}
	return strings.Join(parts, " ")
}

// tokenize splits a name into transliterated tokens. Separators are any
// rune that is not a letter or digit; hyphens and apostrophes inside a
// word are separators too (the matcher rejoins adjacent tokens). A Hangul
// or Han word of two to four syllables is split into its first syllable,
// the family name, and the rest, the given name.
func tokenize(s string) []rawToken {
	s = norm.NFKC.String(s)
	var toks []rawToken
	var word []rune
	flush := func() {
		if len(word) == 0 {
			return
		}
		toks = appendWord(toks, word)
		word = word[:0]
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			// A change of script inside a word (e.g. "Kim김") splits it.
			if len(word) > 0 && scriptOf(word[len(word)-1]) != scriptOf(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) {
				flush()
			}
			word = append(word, r)
		case isApostrophe(r) && len(word) > 0:
			// O'Brien, Ch'i: an apostrophe inside a word is dropped.
		default:
			flush()
		}
	}
	flush()
	return toks
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', 'ʻ', '`', '‘':
		return true
	}
	return false
}

func scriptOf(r rune) Script {
	switch {
	case r < 0x250 || unicode.Is(unicode.Latin, r):
		return Latin
	case isHangul(r):
		return Hangul
	case isHan(r):
		return Han
	case unicode.Is(unicode.Cyrillic, r):
		return Cyrillic
	case unicode.Is(unicode.Arabic, r):
		return Arabic
	case unicode.Is(unicode.Greek, r):
		return Greek
	case unicode.Is(unicode.Hebrew, r):
		return Hebrew
	case unicode.Is(unicode.Georgian, r):
		return Georgian
	case unicode.Is(unicode.Armenian, r):
		return Armenian
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー':
		return Kana
	case unicode.Is(unicode.Devanagari, r):
		return Devanagari
	case unicode.Is(unicode.Mn, r):
		return Latin
	}
	return Other
}

// appendWord transliterates one word of a single script.
func appendWord(toks []rawToken, word []rune) []rawToken {
	sc := Other
	for _, r := range word {
		if !unicode.Is(unicode.Mn, r) {
			sc = scriptOf(r)
			break
		}
	}
	switch sc {
	case Hangul, Han:
		syl := make([]string, 0, len(word))
		for _, r := range word {
			switch {
			case isHangul(r):
				syl = append(syl, romanizeHangulSyllable(r))
			case isHan(r):
				if s, ok := hanSurnames[r]; ok && len(syl) == 0 && len(word) >= 2 && len(word) <= 4 {
					syl = append(syl, s)
					continue
				}
				p := pinyin.SinglePinyin(r, pinyinArgs)
				if len(p) > 0 {
					syl = append(syl, p[0])
				}
			}
		}
		if len(syl) == 0 {
			return toks
		}
		if len(syl) >= 2 && len(syl) <= 4 {
			toks = append(toks, rawToken{text: syl[0], script: sc, surnameFirst: true})
			return append(toks, rawToken{text: strings.Join(syl[1:], ""), script: sc})
		}
		return append(toks, rawToken{text: strings.Join(syl, ""), script: sc})
	}
	if sc == Devanagari {
		if s := romanizeDevanagari(word); s != "" {
			return append(toks, rawToken{text: s, script: Devanagari})
		}
		return toks
	}
	if sc == Kana {
		if s := romanizeKana(word); s != "" {
			return append(toks, rawToken{text: s, script: Kana})
		}
		return toks
	}
	if sc == Arabic {
		if latin, ok := arabicNames[strings.Map(dropMarks, string(word))]; ok {
			return append(toks, rawToken{text: latin, script: Latin})
		}
		if w := string(word); strings.HasPrefix(w, "ال") {
			if latin, ok := arabicNames[strings.Map(dropMarks, w[len("ال"):])]; ok {
				return append(toks, rawToken{text: "al", script: Latin}, rawToken{text: latin, script: Latin})
			}
		}
	}
	var b strings.Builder
	prev := rune(0)
	for _, r := range norm.NFD.String(string(word)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if prev == 'ո' && r == 'ւ' { // Armenian ու is u
			s := b.String()
			b.Reset()
			b.WriteString(s[:len(s)-1])
			b.WriteByte('u')
			prev = r
			continue
		}
		prev = r
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case cyrillic[r] != "" || r == 'ъ' || r == 'ь':
			b.WriteString(cyrillic[r])
		case arabic[r] != "" || r == 'ع' || r == 'ء' || r == 'ؤ' || r == 'ئ':
			b.WriteString(arabic[r])
		case greek[r] != "":
			b.WriteString(greek[r])
		case hebrew[r] != "":
			b.WriteString(hebrew[r])
		case georgian[r] != "":
			b.WriteString(georgian[r])
		case armenian[r] != "":
			b.WriteString(armenian[r])
		case latinExtra[r] != "":
			b.WriteString(latinExtra[r])
		case unicode.IsDigit(r):
			b.WriteRune('0' + rune(digitValue(r)))
		}
	}
	if b.Len() == 0 {
		return toks
	}
	text := b.String()
	if sc == Arabic && len(text) > 4 && strings.HasPrefix(text, "al") {
		// The article is written joined to the word in Arabic script and
		// separately ("al-", "el ") in Latin.
		toks = append(toks, rawToken{text: "al", script: sc})
		text = text[2:]
	}
	return append(toks, rawToken{text: text, script: sc})
}

// dropMarks removes combining marks (Arabic harakat) from a word.
func dropMarks(r rune) rune {
	if unicode.Is(unicode.Mn, r) {
		return -1
	}
	return r
}

func digitValue(r rune) int {
	for _, rt := range unicode.Nd.R16 {
		if uint16(r) >= rt.Lo && uint16(r) <= rt.Hi && r <= 0xFFFF {
			return int(r-rune(rt.Lo)) % 10
		}
	}
	return 0
}

// kana is the Hepburn romanization of the hiragana syllabary; katakana is
// read through it.
var kana = map[rune]string{
	'あ': "a", 'い': "i", 'う': "u", 'え': "e", 'お': "o", 'か': "ka", 'き': "ki", 'く': "ku",
	'け': "ke", 'こ': "ko", 'さ': "sa", 'し': "shi", 'す': "su", 'せ': "se", 'そ': "so",
	'た': "ta", 'ち': "chi", 'つ': "tsu", 'て': "te", 'と': "to", 'な': "na", 'に': "ni",
	'ぬ': "nu", 'ね': "ne", 'の': "no", 'は': "ha", 'ひ': "hi", 'ふ': "fu", 'へ': "he",
	'ほ': "ho", 'ま': "ma", 'み': "mi", 'む': "mu", 'め': "me", 'も': "mo", 'や': "ya",
	'ゆ': "yu", 'よ': "yo", 'ら': "ra", 'り': "ri", 'る': "ru", 'れ': "re", 'ろ': "ro",
	'わ': "wa", 'ゐ': "i", 'ゑ': "e", 'を': "o", 'ん': "n", 'が': "ga", 'ぎ': "gi", 'ぐ': "gu",
	'げ': "ge", 'ご': "go", 'ざ': "za", 'じ': "ji", 'ず': "zu", 'ぜ': "ze", 'ぞ': "zo",
	'だ': "da", 'ぢ': "ji", 'づ': "zu", 'で': "de", 'ど': "do", 'ば': "ba", 'び': "bi",
	'ぶ': "bu", 'べ': "be", 'ぼ': "bo", 'ぱ': "pa", 'ぴ': "pi", 'ぷ': "pu", 'ぺ': "pe",
	'ぽ': "po", 'ぁ': "a", 'ぃ': "i", 'ぅ': "u", 'ぇ': "e", 'ぉ': "o", 'ゔ': "vu",
}

// romanizeKana reads a word in hiragana or katakana in Hepburn, long
// vowels unmarked as passports write them (たろう, タロー: taro).
func romanizeKana(word []rune) string {
	var b strings.Builder
	double := false
	for _, r := range word {
		if r >= 0x30A1 && r <= 0x30F6 {
			r -= 0x60 // katakana to hiragana
		}
		switch r {
		case 'ー':
			continue
		case 'っ':
			double = true
			continue
		case 'ゃ', 'ゅ', 'ょ':
			v := map[rune]string{'ゃ': "a", 'ゅ': "u", 'ょ': "o"}[r]
			s := b.String()
			if strings.HasSuffix(s, "i") {
				s = s[:len(s)-1]
				if !strings.HasSuffix(s, "sh") && !strings.HasSuffix(s, "ch") && !strings.HasSuffix(s, "j") {
					s += "y"
				}
				b.Reset()
				b.WriteString(s + v)
			} else {
				b.WriteString("y" + v)
			}
			continue
		}
		s := kana[r]
		if s == "" {
			continue
		}
		if double {
			b.WriteByte(s[0])
			double = false
		}
		b.WriteString(s)
	}
	s := b.String()
	s = strings.ReplaceAll(s, "ou", "o")
	s = strings.ReplaceAll(s, "oo", "o")
	s = strings.ReplaceAll(s, "uu", "u")
	return s
}

// devanagariConsonants and devanagariVowels romanize Devanagari (Hindi,
// Marathi, Nepali) without diacritics, as names are written in passports.
var (
	devanagariConsonants = map[rune]string{
		'क': "k", 'ख': "kh", 'ग': "g", 'घ': "gh", 'ङ': "n", 'च': "ch", 'छ': "chh", 'ज': "j",
		'झ': "jh", 'ञ': "n", 'ट': "t", 'ठ': "th", 'ड': "d", 'ढ': "dh", 'ण': "n", 'त': "t",
		'थ': "th", 'द': "d", 'ध': "dh", 'न': "n", 'प': "p", 'फ': "ph", 'ब': "b", 'भ': "bh",
		'म': "m", 'य': "y", 'र': "r", 'ल': "l", 'व': "v", 'श': "sh", 'ष': "sh", 'स': "s",
		'ह': "h", 'ळ': "l",
	}
	devanagariVowels = map[rune]string{
		'अ': "a", 'आ': "a", 'इ': "i", 'ई': "i", 'उ': "u", 'ऊ': "u", 'ऋ': "ri", 'ए': "e",
		'ऐ': "ai", 'ओ': "o", 'औ': "au",
		// vowel signs (matras) replace the inherent a
		'ा': "a", 'ि': "i", 'ी': "i", 'ु': "u", 'ू': "u", 'ृ': "ri", 'े': "e", 'ै': "ai",
		'ो': "o", 'ौ': "au",
	}
)

// romanizeDevanagari reads a Devanagari word: each consonant carries an
// inherent a unless a vowel sign or virama follows; the final inherent a
// is silent in Hindi names (राम: ram).
func romanizeDevanagari(word []rune) string {
	var b strings.Builder
	pending := false // a consonant waiting for its vowel
	conjunct, afterVirama := false, false
	for _, r := range norm.NFC.String(string(word)) {
		if c, ok := devanagariConsonants[r]; ok {
			if pending {
				b.WriteByte('a')
			}
			b.WriteString(c)
			pending = true
			conjunct, afterVirama = afterVirama, false
			continue
		}
		afterVirama = false
		switch {
		case r == '्': // virama
			pending = false
			afterVirama = true
		case r == 'ं' || r == 'ँ': // anusvara, candrabindu
			if pending {
				b.WriteByte('a')
				pending = false
			}
			b.WriteByte('n')
		case r == 'ः':
			if pending {
				b.WriteByte('a')
				pending = false
			}
			b.WriteByte('h')
		case devanagariVowels[r] != "":
			b.WriteString(devanagariVowels[r])
			pending = false
		case r == '़':
		default:
			if pending {
				b.WriteByte('a')
				pending = false
			}
		}
	}
	if pending && conjunct {
		b.WriteByte('a') // a final conjunct keeps its vowel: Narendra
	}
	return b.String()
}
