package watchlist

import (
	"context"
	"slices"
	"testing"
	"time"
)

// BenchmarkLoad measures Load on the full OFAC SDN and UN lists: reading
// the stored files and building the index. Budget: 2 s.
func BenchmarkLoad(b *testing.B) {
	ctx := context.Background()
	rs := newMemRefs()
	if _, err := Import(ctx, rs, fullListFiles(b)); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Load(ctx, rs); err != nil {
			b.Fatal(err)
		}
	}
}

// benchQueries are clean and misspelled queries of listed names.
var benchQueries = map[string][]string{
	"clean": {"Kim Yong Chol", "Korea Mining Development Trading Corporation", "Li Jiadong",
		"Lazarus Group", "Osama bin Laden", "Ri Je Son", "Chinpo Shipping Company", "Vladimir Putin",
		"Yun Ho Jin", "Office 39", "Reconnaissance General Bureau", "Tian Yinyin"},
	"misspelled": {"Kim Yong Cholll", "Korea Minnig Developmnt Trading Corp", "Li Jiadnog",
		"Lazaruss Group", "Osamma bin Ladn", "Ri Jei Son", "Chinppo Shiping Company", "Vladimr Putn",
		"Yun Ho Jinn", "Ofice 39", "Reconnaisance Generl Bureau", "Tian Yinyn"},
}

// BenchmarkSearch measures in-process search latency on the full lists and
// reports p50 and p99 over the query set. Budget: p50 ≤ 0.1 ms, p99 ≤ 1 ms.
func BenchmarkSearch(b *testing.B) {
	ix := fullIndex(b)
	for _, set := range []string{"clean", "misspelled"} {
		qs := benchQueries[set]
		b.Run(set, func(b *testing.B) {
			var lat []time.Duration
			i := 0
			for b.Loop() {
				t := time.Now()
				ix.Search(Query{Name: qs[i%len(qs)]})
				lat = append(lat, time.Since(t))
				i++
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
		})
	}
}
