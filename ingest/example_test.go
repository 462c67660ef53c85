package ingest_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/ringerhq/ringer/ingest"
)

func ExampleReadFrom() {
	input := `{"id": "gh-app-1042", "name": {"full": "Daniel J. Moore"}, "emails": ["dan.moore.dev@gmail.com"]}
{"event": "sign_in", "record_id": "gh-app-1042", "at": "2026-03-01T12:00:05Z", "ip": "192.0.2.7"}
{"event": "badge_swipe", "record_id": "gh-app-1042", "door": "3F"}
{"id": "lv-app-2207", "birth_date": "1989-02-30"}
{"name": {"full": "Kevin Harris"}}
`
	report, err := ingest.ReadFrom(context.Background(), strings.NewReader(input), "applicants.jsonl", ingest.Options{},
		func(batch []ingest.Item) error {
			for _, it := range batch {
				if it.Record != nil {
					fmt.Printf("line %d: record %s\n", it.Line, it.Record.ID)
				} else {
					fmt.Printf("line %d: %s event about %s\n", it.Line, it.Event.Type, it.Event.RecordID)
				}
			}
			return nil
		},
		func(p ingest.Problem) { fmt.Printf("%s: %s\n", p.Severity, p.Error()) })
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range report.Summary() {
		fmt.Println(s)
	}
	// Output:
	// error: applicants.jsonl line 4: birth_date: invalid date: day 30 out of range for 1989-02
	// error: applicants.jsonl line 5: id: missing id: a record needs "id", an event needs "event"
	// line 1: record gh-app-1042
	// line 2: sign_in event about gh-app-1042
	// line 3: badge_swipe event about gh-app-1042
	// 1 record and 2 events read from 1 file (5 lines)
	// 2 errors, 0 warnings, 0 notices
	// 1 event of unknown type 'badge_swipe' kept
	// 1 event with unknown field 'door' kept
}

func ExampleParseMapping() {
	m, err := ingest.ParseMapping("people.yaml", []byte(`
id: "{staff_no}"
kind: employee
fields:
  name.full: "{first} {last}"
  emails: "{mail}"
  addresses.home.city: "{town}"
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	csv := "staff_no, first, last, mail, town\nE-7, Ana, Lima, ana@example.org;ana.l@example.net, Porto\n"
	_, err = ingest.ReadFrom(context.Background(), strings.NewReader(csv), "staff.csv", ingest.Options{Mapping: m},
		func(batch []ingest.Item) error {
			for _, it := range batch {
				r := it.Record
				fmt.Println(r.ID, r.Kind, r.Name.Full, r.Emails, r.Addresses[0].City)
			}
			return nil
		}, nil)
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// E-7 employee Ana Lima [ana@example.org ana.l@example.net] Porto
}
