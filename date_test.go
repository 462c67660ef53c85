package ringer

import (
	"encoding/json"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		bad  bool
	}{
		{"1991-04-12", "1991-04-12", false},
		{"1991-04", "1991-04", false},
		{"1991", "1991", false},
		{"19910412", "1991-04-12", false},
		{"199104", "1991-04", false},
		{"1991/04/12", "1991-04-12", false},
		{"25/12/1990", "1990-12-25", false},
		{"2026-03-01T12:00:00Z", "2026-03-01", false},
		{"", "", false},
		{"04/05/1990", "", true}, // ambiguous
		{"1991-02-30", "", true},
		{"1991-13", "", true},
		{"abcd", "", true},
		{"1991-04-12-01", "", true},
		{"0000", "", true},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("ParseDate(%q) error %v, want error %v", tt.in, err, tt.bad)
			continue
		}
		if !tt.bad && d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, d, tt.want)
		}
	}
}

func TestRecordJSONKeepsUnknownFields(t *testing.T) {
	in := `{"id":"r1","birth_date":"1991-04","name":{"full":"Ana Silva"},"badge":"B-7","attributes":{"team":"x"}}`
	var r Record
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	if r.BirthDate != (Date{Year: 1991, Month: 4}) || string(r.Unknown["badge"]) != `"B-7"` {
		t.Fatalf("decoded %+v", r)
	}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Record
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if string(back.Unknown["badge"]) != `"B-7"` || back.BirthDate != r.BirthDate || back.Attributes["team"] != "x" {
		t.Errorf("round trip lost data: %s", out)
	}
}

func TestEventResult(t *testing.T) {
	for in, want := range map[string]bool{`true`: true, `0.2`: false, `"pass"`: true, `"fail"`: false} {
		var e Event
		if err := json.Unmarshal([]byte(`{"event":"document_check","record_id":"r","face_match":`+in+`}`), &e); err != nil {
			t.Fatal(err)
		}
		got, ok := e.FaceMatch.Passed()
		if !ok || got != want {
			t.Errorf("face_match %s: passed %v ok %v, want %v", in, got, ok, want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1991-04-12", "1991", "19910412", "25/12/1990", "2026-03-01T12:00:00Z", "1991-02-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.IsZero() {
			return
		}
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("ParseDate(%q) = %v, which reads back as %v, %v", s, d, again, err)
		}
	})
}

func FuzzRecordJSON(f *testing.F) {
	f.Add(`{"id":"r1","birth_date":"1991-04","name":{"full":"Ana"},"x":1}`)
	f.Add(`{"id":"r2","phones":["+1 415 555 0134",{"number":"1","line_type":"voip"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		var r Record
		if err := json.Unmarshal([]byte(s), &r); err != nil {
			return
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("marshal of a decoded record: %v", err)
		}
		var back Record
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-decode %s: %v", out, err)
		}
		if back.ID != r.ID || back.BirthDate != r.BirthDate || len(back.Unknown) != len(r.Unknown) {
			t.Fatalf("round trip changed the record: %s", out)
		}
	})
}
