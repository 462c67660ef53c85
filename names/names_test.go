package names

import (
	"fmt"
	"testing"
	"unicode/utf8"
)

func TestTransliterate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"김정은", "gim jeongeun"},
		{"리병철", "ri byeongcheol"},
		{"毛泽东", "mao zedong"},
		{"Владимир Путин", "vladimir putin"},
		{"Володимир Зеленський", "volodimir zelenskii"},
		{"صدام حسين", "sdam husayn"},
		{"Nguyễn Văn Thành", "nguyen van thanh"},
		{"Lech Wałęsa", "lech walesa"},
		{"O'Brien, Ch'i", "obrien chi"},
		{"ＫＩＭ　Ｊｏｎｇ－ｕｎ", "kim jong un"},
		{"Kim김정은", "kim gim jeongeun"},
		{"やまだ たろう", "yamada taro"},
		{"スズキ・イチロー", "suzuki ichiro"},
		{"きょうこ", "kyoko"},
		{"नरेंद्र मोदी", "narendra modi"},
		{"राहुल गांधी", "rahul gandhi"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Transliterate(tc.in); got != tc.want {
			t.Errorf("Transliterate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRomanKey(t *testing.T) {
	same := [][2]string{
		{"jeongeun", "jongun"}, {"cheol", "chol"}, {"hui", "hee"}, {"hsiao", "xiao"},
		{"tsetung", "zedung"}, {"john", "jon"}, {"navalny", "navalnyy"}, {"taeu", "taewoo"},
	}
	for _, p := range same {
		if a, b := romanKey(p[0]), romanKey(p[1]); a != b {
			t.Errorf("romanKey(%q) = %q, romanKey(%q) = %q; want equal", p[0], a, p[1], b)
		}
	}
}

func TestCompare(t *testing.T) {
	m := NewMatcher()
	tests := []struct {
		a, b  string
		kind  Kind
		match bool
		rule  string // a rule that must appear in the explanation
	}{
		{"Kim Jong Un", "Un Kim Jong", Person, true, "exact"},
		{"Kim Jong Un", "Gim Jeong-eun", Person, true, "variant"},
		{"Ri Pyong Chol", "Lee Byung-chul", Person, true, "variant"},
		{"Kim Jong Un", "Kim Jong Il", Person, false, ""},
		{"Deng Xiaoping", "Deng Xiaoming", Person, false, ""},
		{"Mohammed Ali", "Mohammed Akbar", Person, false, ""},
		{"Korea Trading Co", "Pyongyang Trading Co", Organization, false, ""},
		{"Reconnaissance General Bureau", "RGB", Organization, true, "acronym"},
		{"Korea Sobaeksu Trading Company", "Korea Sobaeksu Trading Corp", Organization, true, ""},
		{"Ji Song 6", "Ji Song 8", Vessel, false, ""},
		{"J. Smith", "John Smith", Person, true, "initial"},
	}
	for _, tc := range tests {
		r := m.Score(tc.a, tc.b, tc.kind)
		if got := r.Score >= DefaultThreshold; got != tc.match {
			t.Errorf("%q ~ %q: %s; want match=%v", tc.a, tc.b, r.Explain(), tc.match)
		}
		if r.Score < 0 || r.Score > 1 {
			t.Errorf("%q ~ %q: score %v outside 0..1", tc.a, tc.b, r.Score)
		}
		if tc.rule != "" {
			found := false
			for _, p := range r.Pairs {
				found = found || p.Rule == tc.rule
			}
			if !found {
				t.Errorf("%q ~ %q: %s; want a %s pair", tc.a, tc.b, r.Explain(), tc.rule)
			}
		}
	}
}

// TestCommonNamesAreNotSpecific checks that a match made only of common
// tokens carries little identity, and one with a rare token carries much.
func TestCommonNamesAreNotSpecific(t *testing.T) {
	m := NewMatcher()
	tests := []struct {
		name     string
		low, max float64
	}{
		{"Kim Yong Chol", 0, 0.5},
		{"John Smith", 0, 0.5},
		{"Mohammed Ali Khan", 0, 0.5},
		{"Li Wei", 0, 0.5},
		{"Li Jiadong", 0.9, 1},
		{"Tian Yinyin", 0.9, 1},
	}
	for _, tc := range tests {
		r := m.Score(tc.name, tc.name, Person)
		if r.Specificity < tc.low || r.Specificity > tc.max {
			t.Errorf("%q: specificity %.2f, want %.2f..%.2f", tc.name, r.Specificity, tc.low, tc.max)
		}
	}
}

func FuzzScore(f *testing.F) {
	for _, s := range [][2]string{{"Kim Jong Un", "김정은"}, {"Mao Zedong", "毛泽东"}, {"Иван", "Ivan"}, {"محمد", "Mohammed"}, {"a-b c", "abc"}} {
		f.Add(s[0], s[1], uint8(0))
	}
	m := NewMatcher()
	f.Fuzz(func(t *testing.T, a, b string, k uint8) {
		kind := Kind(k % 3)
		r := m.Score(a, b, kind)
		if r.Score < 0 || r.Score > 1 || r.Specificity < 0 || r.Specificity > 1 {
			t.Fatalf("%q ~ %q: score %v specificity %v outside 0..1", a, b, r.Score, r.Specificity)
		}
		if !utf8.ValidString(Transliterate(a)) {
			t.Fatalf("Transliterate(%q) is not valid UTF-8", a)
		}
		na := m.Prepare(a, kind)
		if len(na.Tokens) > 0 {
			// A lone common word is held down even against itself.
			if self := m.Compare(&na, &na); self.Score < 0.5 || len(na.Tokens) > 1 && self.Score < 0.99 {
				t.Fatalf("%q against itself scores %v: %s", a, self.Score, self.Explain())
			}
		}
	})
}

func ExampleMatcher_Score() {
	m := NewMatcher()
	r := m.Score("Kim Jong Un", "김정은", Person)
	fmt.Printf("%.2f %v\n", r.Score, r.Score >= DefaultThreshold)
	r = m.Score("Kim Jong Un", "Kim Jong Il", Person)
	fmt.Printf("%.2f %v\n", r.Score, r.Score >= DefaultThreshold)
	// Output:
	// 0.94 true
	// 0.46 false
}
