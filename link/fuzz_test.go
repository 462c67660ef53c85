package link

import (
	"encoding/json"
	"testing"
)

// FuzzSignatureJSON feeds stored résumé signatures of any shape to the
// decoder: it returns an error or a signature that encodes back to the
// same text, and never panics.
func FuzzSignatureJSON(f *testing.F) {
	good, _ := json.Marshal(MinHash("Designed and built a Go service handling 40k requests per second."))
	for _, s := range []string{string(good), `[1,2,3]`, `"AAAA"`, `""`, `null`, `"` + string(good[1:len(good)-1]) + `=="`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Signature
		if err := json.Unmarshal(data, &s); err != nil {
			return
		}
		out, err := json.Marshal(&s)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		var back Signature
		if err := json.Unmarshal(out, &back); err != nil || back != s {
			t.Fatalf("round trip of %q: %v", out, err)
		}
	})
}

// FuzzMinHash hashes any text: equal texts give equal signatures, the
// exact similarity of a text with itself is 1, and nothing panics.
func FuzzMinHash(f *testing.F) {
	for _, s := range []string{"", "Go", "a b", "Senior engineer, 9 years.", "\xff\xfe", "Ωμέγα Σίγμα λ", "ab\x00cd ef"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a, b := MinHash(text), MinHash(text)
		if (a == nil) != (b == nil) || (a != nil && *a != *b) {
			t.Fatal("MinHash is not deterministic")
		}
		if a != nil {
			if s := a.Similarity(b); s != 1 {
				t.Fatalf("self-similarity %.3f", s)
			}
			if j := ResumeJaccard(text, text); j != 1 {
				t.Fatalf("exact self-similarity %.3f", j)
			}
		}
	})
}
