package ingest

import (
	"bytes"
	"context"
	"fmt"
	"testing"
)

// benchInput returns n JSON Lines records, numbered from first, of about 1 KB each, shaped like
// applicant-tracking exports, with an unknown field on every tenth.
func benchInput(n, first int) []byte {
	var b bytes.Buffer
	for i := first; i < first+n; i++ {
		extra := ""
		if i%10 == 0 {
			extra = fmt.Sprintf(`, "ats_stage": "screen-%d"`, i%4)
		}
		fmt.Fprintf(&b, `{"id": "app-%07d", "source": "greenhouse", "kind": "applicant", "observed_at": "2026-03-01T12:00:00Z", `+
			`"name": {"full": "Daniel J. Moore %d", "given": "Daniel", "family": "Moore"}, "birth_date": "1991-04-12", `+
			`"emails": ["dan.moore.dev%d@gmail.com"], "phones": [{"number": "+1 (415) 555-%04d", "line_type": "voip"}], `+
			`"addresses": [{"use": "home", "line1": "%d Oak St", "city": "Austin", "region": "TX", "postcode": "78701", "country": "US"}], `+
			`"documents": [{"type": "ssn", "country": "US", "number": "123-45-%04d"}], `+
			`"payout_accounts": [{"type": "bank", "country": "US", "routing": "021000021", "number": "000123%06d", "holder": "Daniel Moore"}], `+
			`"profiles": [{"site": "github", "handle": "dmoore-dev-%d", "created_at": "2024-11-02", "earliest_activity": "2019-05-01", "followers": 240}], `+
			`"photos": [{"phash": "c3d4e5f6a7b8c9d0"}], "resume": {"text": "Senior full-stack engineer with 9 years of experience. Led the migration of a monolithic Rails application to Go microservices. Built real-time dashboards."}, `+
			`"claimed": {"country": "US", "city": "Austin", "timezone": "America/Chicago"}, "referred_by": "hr-emp-0077"%s}`+"\n",
			i, i, i, i%10000, i%500, i%10000, i, i, extra)
	}
	return b.Bytes()
}

// BenchmarkReadJSONL reads 20,000 records of about 1 KB through Read's
// parallel decoder and reports records per second.
func BenchmarkReadJSONL(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			const n = 20000
			input := benchInput(n, 0)
			b.SetBytes(int64(len(input)))
			b.ResetTimer()
			for range b.N {
				got := 0
				_, err := ReadFrom(context.Background(), bytes.NewReader(input), "bench.jsonl", Options{Workers: workers},
					func(batch []Item) error { got += len(batch); return nil }, nil)
				if err != nil || got != n {
					b.Fatalf("read %d records: %v", got, err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkReadCSV reads 20,000 Febrl-like rows through the Febrl mapping
// and reports records per second.
func BenchmarkReadCSV(b *testing.B) {
	m, err := LoadMapping("../examples/mappings/febrl.yaml")
	if err != nil {
		b.Fatal(err)
	}
	const n = 20000
	var in bytes.Buffer
	in.WriteString("rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id\n")
	for i := range n {
		fmt.Fprintf(&in, "rec-%d-org, kate, haller, %d, banksia crescent, lakeview, bondi, 2026, nsw, 19810215, %07d\n", i, i%300, i)
	}
	input := in.Bytes()
	b.SetBytes(int64(len(input)))
	b.ResetTimer()
	for range b.N {
		got := 0
		_, err := ReadFrom(context.Background(), bytes.NewReader(input), "bench.csv", Options{Mapping: m},
			func(batch []Item) error { got += len(batch); return nil }, nil)
		if err != nil || got != n {
			b.Fatalf("read %d records: %v", got, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}
