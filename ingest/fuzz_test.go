package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// FuzzJSONL reads arbitrary bytes as JSON Lines: every non-empty line must
// end up as exactly one item or one error, items must be valid, and what
// was read must marshal back to JSON.
func FuzzJSONL(f *testing.F) {
	for _, seed := range []string{
		"{\"id\":\"a\"}\n{\"event\":\"sign_in\",\"record_id\":\"a\"}\n",
		"{\"id\":\"a\",\"birth_date\":\"1991-13\",\"x\":[1,{\"y\":\"}\"}]}\n",
		"{\"id\":\"a\",\"name\":{\"full\":\"Jos\xe9\"}}\r\n\n[1]\n{\"id\":",
		"{\"id\":\"a\",\"phones\":[\"+1 415\",{\"number\":\"2\"}],\"profiles\":[{\"site\":\"gh\",\"created_at\":1999}]}\n",
		"{\"event\":\"document_check\",\"record_id\":\"a\",\"face_match\":0.4,\"liveness\":\"pass\"}\n",
		"{\"\\u0069d\":\"a\",\"event\":null}\n{\"id\":\"a\",\"id\":\"b\"}\n",
	} {
		f.Add([]byte(seed))
	}
	if b, err := os.ReadFile("../../shared/examples/applicants.jsonl"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var items []Item
		var problems []Problem
		rep, err := ReadFrom(context.Background(), bytes.NewReader(data), "f.jsonl", Options{MaxLine: 4096, Workers: 2},
			func(b []Item) error { items = append(items, b...); return nil },
			func(p Problem) { problems = append(problems, p) })
		if err != nil {
			if bytes.HasPrefix(data, gzipMagic) {
				return
			}
			t.Fatalf("error on an in-memory stream: %v", err)
		}
		if rep.Records+rep.Events+rep.Errors != rep.Lines {
			t.Fatalf("%d lines but %d records, %d events, %d errors", rep.Lines, rep.Records, rep.Events, rep.Errors)
		}
		if len(items) != rep.Records+rep.Events {
			t.Fatalf("%d items, report says %d", len(items), rep.Records+rep.Events)
		}
		lines := bytes.Count(data, []byte{'\n'}) + 1
		for _, p := range problems {
			if p.Line < 1 || p.Line > lines || p.Reason == "" || p.File != "f.jsonl" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		for _, it := range items {
			var v any = it.Record
			switch {
			case it.Record != nil && it.Event == nil:
				if strings.TrimSpace(it.Record.ID) == "" {
					t.Fatalf("record without id at line %d", it.Line)
				}
			case it.Event != nil && it.Record == nil:
				if it.Event.Type == "" || it.Event.RecordID == "" {
					t.Fatalf("event without type or record at line %d", it.Line)
				}
				v = it.Event
			default:
				t.Fatalf("item at line %d is not exactly one of record and event", it.Line)
			}
			if _, err := json.Marshal(v); err != nil {
				t.Fatalf("line %d does not marshal back: %v", it.Line, err)
			}
		}
	})
}

// fuzzMapping reads every kind of path the mapping language has.
const fuzzMapping = `id: "{id}"
kind: applicant
source: "src-{src}"
fields:
  name.full: "{first} {last}"
  aliases: "{alias}"
  birth_date: "{dob}"
  observed_at: "{seen}"
  emails: "{mail}"
  phones: "{phone}"
  addresses.home.line1: "{street}"
  addresses.home.city: "{city}"
  documents.passport.number: "{doc}"
  payout_accounts.bank.number: "{acct}"
  profiles.github.handle: "{gh}"
  profiles.github.created_at: "{gh_since}"
  attributes.note: "{{{first}}}"
`

const fuzzHeader = "id,src,first,last,alias,dob,seen,mail,phone,street,city,doc,acct,gh,gh_since\n"

// FuzzCSVMapping reads arbitrary CSV rows through a mapping that uses
// every kind of path.
func FuzzCSVMapping(f *testing.F) {
	m, err := ParseMapping("fuzz.yaml", []byte(fuzzMapping))
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("1,a,Ann,Lee,Annie;A. Lee,1990-02-03,2026-01-01T00:00:00Z,a@example.org;b@example.org,+1 415 555 0100,1 Main St,Austin,X123,000123,ann,2019\n"))
	f.Add([]byte("2,,, ,,19901301,yesterday,,,,,,,,2019-02-30\n,,,,,,,,,,,,,,\n3,\"q\"\"x\",\"multi\nline\",b\n"))
	f.Add([]byte("4,\"bad\"quote,x,,,,,,,,,,,,\n\n5,s,\xe9,\xff,,,,,,,,,,,\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		input := append([]byte(fuzzHeader), body...)
		var items []Item
		var problems []Problem
		rep, err := ReadFrom(context.Background(), bytes.NewReader(input), "f.csv", Options{Mapping: m},
			func(b []Item) error { items = append(items, b...); return nil },
			func(p Problem) { problems = append(problems, p) })
		if err != nil {
			t.Fatalf("error on an in-memory stream: %v", err)
		}
		if rep.Records != len(items) || rep.Records+rep.Errors > rep.Lines {
			t.Fatalf("report %+v with %d items", rep, len(items))
		}
		for _, it := range items {
			r := it.Record
			if r == nil || r.ID == "" || r.Kind != "applicant" || !strings.HasPrefix(r.Source, "src-") {
				t.Fatalf("bad record at line %d: %+v", it.Line, r)
			}
			for _, e := range r.Emails {
				if e == "" || strings.Contains(e, ";") || strings.TrimSpace(e) != e {
					t.Fatalf("bad e-mail %q", e)
				}
			}
			if _, err := json.Marshal(r); err != nil {
				t.Fatalf("line %d does not marshal: %v", it.Line, err)
			}
		}
		for _, p := range problems {
			if p.Line < 2 || p.Reason == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
	})
}

// FuzzMappingFile parses arbitrary mapping files; those that load must
// read a CSV file made of the columns they name.
func FuzzMappingFile(f *testing.F) {
	f.Add([]byte(fuzzMapping))
	for _, p := range []string{"../examples/mappings/febrl.yaml", "../examples/mappings/fake_1000.yaml"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("id: \"{a}-{b}\"\ndelimiter: \"\\t\"\nfields:\n  payout_accounts.crypto.value: \"{w}\"\n  claimed.timezone: \"{tz}\"\n"))
	f.Add([]byte("id: [\n"))
	f.Add([]byte("id: \"{id}\"\nfields:\n  name.nick: \"{n}\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMapping("f.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "mapping f.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		cols := m.Columns()
		if len(cols) == 0 {
			t.Fatal("a mapping without columns loaded")
		}
		var in bytes.Buffer
		d := string(m.delimiter)
		for i, c := range cols {
			if i > 0 {
				in.WriteString(d)
			}
			in.WriteString(`"` + strings.ReplaceAll(c, `"`, `""`) + `"`)
		}
		in.WriteString("\n")
		for i := range cols {
			if i > 0 {
				in.WriteString(d)
			}
			in.WriteString("v1")
		}
		in.WriteString("\n")
		rep, err := ReadFrom(context.Background(), &in, "f.csv", Options{Mapping: m}, func([]Item) error { return nil }, nil)
		if err != nil {
			// Column names with leading or trailing space, or that the CSV
			// reader cannot round-trip, may not be found; that is reported.
			if !strings.Contains(err.Error(), "mapping f.yaml") && !strings.Contains(err.Error(), "read f.csv") {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		if rep.Lines != 1 || rep.Records+rep.Errors != 1 {
			t.Fatalf("report %+v", rep)
		}
	})
}

// FuzzJSONArray reads arbitrary bytes as a .json file (a JSON array, or
// JSON Lines when it does not start with '['): it must not fail on an
// in-memory stream, and items must be valid and placed on real lines.
func FuzzJSONArray(f *testing.F) {
	f.Add([]byte("[\n {\"id\":\"a\"},\n {\"event\":\"sign_in\",\"record_id\":\"a\"}\n]\n"))
	f.Add([]byte("[{\"id\":\"a\"},\n{\"id\":\"b\"} {\"id\":\"c\"}]"))
	f.Add([]byte("[{\"id\":\"a\",\"resume\":{\"text\":\"" + strings.Repeat("x", 300) + "\"}}, 3, \"s\", [1], {\"id\":5}]"))
	f.Add([]byte("  [ ]  "))
	f.Add([]byte("{\"id\":\"a\"}\n{\"id\":\"b\"}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var items []Item
		var problems []Problem
		rep, err := ReadFrom(context.Background(), bytes.NewReader(data), "f.json", Options{MaxLine: 256, Workers: 2},
			func(b []Item) error { items = append(items, b...); return nil },
			func(p Problem) { problems = append(problems, p) })
		if err != nil {
			if bytes.HasPrefix(data, gzipMagic) {
				return
			}
			t.Fatalf("error on an in-memory stream: %v", err)
		}
		if len(items) != rep.Records+rep.Events {
			t.Fatalf("%d items, report says %d", len(items), rep.Records+rep.Events)
		}
		lines := bytes.Count(data, []byte{'\n'}) + 1
		prev := 0
		for _, it := range items {
			if it.Line < 1 || it.Line > lines || it.Line < prev {
				t.Fatalf("item on line %d (previous %d, %d lines)", it.Line, prev, lines)
			}
			prev = it.Line
			if (it.Record == nil) == (it.Event == nil) {
				t.Fatalf("item at line %d is not exactly one of record and event", it.Line)
			}
		}
		for _, p := range problems {
			if p.Line < 1 || p.Line > lines || p.Reason == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
	})
}
