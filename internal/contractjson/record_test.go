package contractjson_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/internal/contractjson"
	"github.com/ringerhq/ringer/synth"
)

// checkRecord fails t when Record takes b and decodes otherwise than
// ringer.Record.UnmarshalJSON, or tells wrongly whether b has an id. It
// reports whether Record took b. The record decoded into is not zero, as
// UnmarshalJSON's need not be.
func checkRecord(t *testing.T, b []byte) bool {
	t.Helper()
	stale := ringer.Record{ID: "stale", Emails: []string{"stale"}, Resume: &ringer.Resume{Text: "stale"},
		Unknown: map[string]json.RawMessage{"stale": json.RawMessage("1")}}
	var sawID bool
	fast := func(b []byte, r *ringer.Record) (ok bool) {
		ok, sawID = contractjson.Record(b, r)
		return ok
	}
	if !checkFast(t, "Record", b, stale, fast, (*ringer.Record).UnmarshalJSON) {
		return false
	}
	hasID := false
	var m map[string]json.RawMessage
	if json.Unmarshal(bytes.ToValidUTF8(b, []byte("\uFFFD")), &m) == nil {
		_, hasID = m["id"]
	}
	if sawID != hasID {
		t.Errorf("Record(%s) saw id %v, want %v", b, sawID, hasID)
	}
	return true
}

var recordCases = []struct {
	line string
	take bool // whether Record should take it
}{
	{`{"id":"a"}`, true},
	{` {"id" : "a" , "kind":null} `, true},
	{`{}`, true},
	{`{"id":"a\n\"b\"\\\/\b\f\r\t"}`, true},
	{`{"id":"\u00e9\u0041\ud83d\ude00"}`, true},
	{`{"id":"\ud83d"}`, true},
	{`{"id":"\ud83d\u0041"}`, true},
	{`{"id":"\ude00\ud83d\ude00x"}`, true},
	{`{"id":"\u00zz"}`, false},
	{`{"id":"a\'"}`, false},
	{`{"id":"a` + "\t" + `"}`, false},
	{`{"id":"Jos` + "\xc3\xa9" + `"}`, true},
	{`{"id":"Jos` + "\xe9" + `","name":{"full":"\n` + "\xff" + `"}}`, true},
	{`{"id":"a\u"}`, false},
	{`{"id":"a\ud83d\u12"}`, false},
	{`{"id":"a\"}`, false},
	{`{"id":"a\\"}`, true},
	{`{"id":"a\\\"b"}`, true},
	{`{"id":"a\n` + "\n" + `b"}`, false},
	{`{"id":"a","name":{"full":"A B","given":null},"aliases":[],"emails":null}`, true},
	{`{"id":"a","emails":["x@y.z",null,""]}`, true},
	{`{"id":"a","phones":["+1 415",{"number":"2","line_type":"voip"},null,{}]}`, true},
	{`{"id":"a","phones":[{"number":2}]}`, false},
	{`{"id":"a","phones":[{"Number":"2"}]}`, false},
	{`{"id":"a","phones":[{"number":"2","carrier":"x"}]}`, false},
	{`{"id":"a","birth_date":"1991-04-12","observed_at":"2026-03-01T12:00:00Z"}`, true},
	{`{"id":"a","birth_date":"1991","observed_at":"2026-03-01T12:00:00+02:00"}`, true},
	{`{"id":"a","birth_date":null,"observed_at":null}`, true},
	{`{"id":"a","birth_date":"1991-13-01"}`, false},
	{`{"id":"a","birth_date":1991}`, false},
	{`{"id":"a","observed_at":"yesterday"}`, false},
	{`{"id":"a","profiles":[{"site":"github","handle":"x","created_at":"2019-05-01","followers":240}]}`, true},
	{`{"id":"a","profiles":[{"followers":-3},{"followers":0},null]}`, true},
	{`{"id":"a","profiles":[{"followers":1.5}]}`, false},
	{`{"id":"a","profiles":[{"followers":1e3}]}`, false},
	{`{"id":"a","profiles":[{"followers":01}]}`, false},
	{`{"id":"a","profiles":[{"followers":99999999999999999999}]}`, false},
	{`{"id":"a","profiles":[{"followers":"3"}]}`, false},
	{`{"id":"a","resume":{"text":"line\nline"},"claimed":{"country":"US","city":"Austin","timezone":"America/Chicago"}}`, true},
	{`{"id":"a","resume":null,"claimed":null}`, true},
	{`{"id":"a","addresses":[{"use":"home","line1":"12 Oak St","line2":"","city":"Austin","region":"TX","postcode":"78701","country":"US","raw":""}]}`, true},
	{`{"id":"a","documents":[{"type":"ssn","country":"US","number":"123-45-6789"}]}`, true},
	{`{"id":"a","payout_accounts":[{"type":"bank","country":"US","routing":"021000021","number":"1","holder":"D","network":"","value":""}]}`, true},
	{`{"id":"a","photos":[{"phash":"c3d4e5f6a7b8c9d0","sha256":"","path":"x.jpg"}]}`, true},
	{`{"id":"a","referred_by":"b","birth_place":"c","source":"d"}`, true},
	{`{"id":"a","attributes":null}`, true},
	{`{"id":"a","attributes":{"x":1}}`, false},
	{`{"id":"a","unknown":1}`, false},
	{`{"id":"a","ID":"b"}`, false},
	{`{"id":"a","id":"b"}`, false},
	{`{"\u0069d":"a"}`, false},
	{`{"id":"a",}`, false},
	{`{"id":"a"} x`, false},
	{`{"id":"a"`, false},
	{`{"id":nul}`, false},
	{`{"id":1}`, false},
	{`{"event":"sign_in","record_id":"a"}`, false},
	{`[{"id":"a"}]`, false},
	{`{"id":"a","emails":["x" "y"]}`, false},
	{`{"id":"a","emails":{"x":"y"}}`, false},
}

func TestRecord(t *testing.T) {
	for _, tt := range recordCases {
		if took := checkRecord(t, []byte(tt.line)); took != tt.take {
			t.Errorf("Record took %s: %v, want %v", tt.line, took, tt.take)
		}
	}
}

// TestRecordSynth decodes synthetic people both ways: Record must take
// every one of them and agree.
func TestRecordSynth(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	took, all := 0, 0
	err := synth.Generate(context.Background(), synth.Options{N: n, Seed: 7},
		func(r *ringer.Record) error {
			b, err := json.Marshal(r)
			if err != nil {
				return err
			}
			all++
			if checkRecord(t, b) {
				took++
			}
			return nil
		}, nil, func(synth.Label) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if took != all {
		t.Errorf("Record took %d of %d synthetic records, want all", took, all)
	}
}

// TestRecordExamples decodes the shared example applicants both ways.
func TestRecordExamples(t *testing.T) {
	eachExample(t, "applicants.jsonl", func(line []byte) { checkRecord(t, line) })
}

// eachExample calls fn with each line of the shared example file name,
// skipping t when the examples are not there.
func eachExample(t *testing.T, name string, fn func(line []byte)) {
	t.Helper()
	f, err := os.Open("../../../shared/examples/" + name)
	if err != nil {
		t.Skip("no shared examples:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			fn(line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// FuzzRecord holds Record to UnmarshalJSON on any line.
func FuzzRecord(f *testing.F) {
	for _, tt := range recordCases {
		f.Add([]byte(tt.line))
	}
	_ = synth.Generate(context.Background(), synth.Options{N: 40, Seed: 3},
		func(r *ringer.Record) error {
			b, err := json.Marshal(r)
			if err == nil {
				f.Add(b)
			}
			return nil
		}, nil, func(synth.Label) error { return nil })
	f.Fuzz(func(t *testing.T, b []byte) {
		checkRecord(t, b)
	})
}

// TestRecordFile decodes every line of a JSON Lines file
// (RINGER_RECORD_FILE, such as `ringer synth` output) both ways; it is
// skipped without one.
func TestRecordFile(t *testing.T) {
	path := os.Getenv("RINGER_RECORD_FILE")
	if path == "" {
		t.Skip("RINGER_RECORD_FILE names no file")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	took, all := 0, 0
	for sc.Scan() {
		all++
		if checkRecord(t, sc.Bytes()) {
			took++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("Record took %d of %d lines", took, all)
}
