package jsonscan

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestEachMember(t *testing.T) {
	tests := []struct {
		in   string
		keys []string
		err  error
	}{
		{`{"id":"r1","n":{"a":[1,2,"}"]},"x":null}`, []string{"id", "n", "x"}, nil},
		{` { } `, nil, nil},
		{`{"a\u0062":1}`, []string{"ab"}, nil},
		{`[1,2]`, nil, ErrNotObject},
		{`{"a":1`, []string{"a"}, ErrBadObject},
		{`{"a":1} x`, []string{"a"}, ErrBadObject},
	}
	for _, tt := range tests {
		var keys []string
		err := EachMember([]byte(tt.in), func(k, _ []byte) { keys = append(keys, string(k)) })
		if !errors.Is(err, tt.err) && !(tt.err != nil && err != nil) {
			t.Errorf("EachMember(%s) error %v, want %v", tt.in, err, tt.err)
		}
		if tt.err == nil && len(keys) != len(tt.keys) {
			t.Errorf("EachMember(%s) keys %v, want %v", tt.in, keys, tt.keys)
		}
	}
}

// FuzzEachMember checks that on any object encoding/json accepts, the
// members EachMember finds are the ones json.Unmarshal finds.
func FuzzEachMember(f *testing.F) {
	f.Add(`{"id":"r1","n":{"a":[1,2,"}"]},"x":null}`)
	f.Add(`{"a\"b":"c\\"}`)
	f.Fuzz(func(t *testing.T, s string) {
		var m map[string]json.RawMessage
		jerr := json.Unmarshal([]byte(s), &m)
		got := map[string]bool{}
		err := EachMember([]byte(s), func(k, v []byte) {
			got[string(k)] = true
			var x any
			if jerr == nil {
				if e := json.Unmarshal(v, &x); e != nil {
					t.Fatalf("value %q of %q does not decode: %v", v, k, e)
				}
			}
		})
		if jerr == nil && m != nil {
			if err != nil {
				t.Fatalf("EachMember(%q) = %v on an object json accepts", s, err)
			}
			for k := range m {
				if !got[k] {
					t.Fatalf("EachMember(%q) missed member %q", s, k)
				}
			}
		}
	})
}
