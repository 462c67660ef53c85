package watchlist

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"time"

	"golang.org/x/sys/unix"
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
		"Yun Ho Jin", "Office 39", "Reconnaissance General Bureau", "Tian Yinyin", "김영철", "John Smith"},
	"misspelled": {"Kim Yong Cholll", "Korea Minnig Developmnt Trading Corp", "Li Jiadnog",
		"Lazaruss Group", "Osamma bin Ladn", "Ri Jei Son", "Chinppo Shiping Company", "Vladimr Putn",
		"Yun Ho Jinn", "Ofice 39", "Reconnaisance Generl Bureau", "Tian Yinyn", "Jhon Smiht", "Abdul Rahmn Yasin"},
}

// threadCPU returns the CPU time of the calling OS thread. Latency
// measured with it leaves out the time the thread waited for a core,
// which on a shared machine is most of the wall time.
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// BenchmarkSearch measures in-process search latency on the full lists and
// reports p50 and p99 over the query set, in wall time and in the search
// thread's CPU time. Budget: p50 ≤ 0.1 ms, p99 ≤ 1 ms.
func BenchmarkSearch(b *testing.B) {
	ix := fullIndex(b)
	for _, set := range []string{"clean", "misspelled"} {
		qs := benchQueries[set]
		b.Run(set, func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var wall, cpu []time.Duration
			i := 0
			for b.Loop() {
				t, c := time.Now(), threadCPU()
				ix.Search(Query{Name: qs[i%len(qs)]})
				cpu = append(cpu, threadCPU()-c)
				wall = append(wall, time.Since(t))
				i++
			}
			slices.Sort(wall)
			slices.Sort(cpu)
			b.ReportMetric(float64(wall[len(wall)/2].Nanoseconds())/1e3, "p50-µs")
			b.ReportMetric(float64(wall[len(wall)*99/100].Nanoseconds())/1e3, "p99-µs")
			b.ReportMetric(float64(cpu[len(cpu)/2].Nanoseconds())/1e3, "cpu-p50-µs")
			b.ReportMetric(float64(cpu[len(cpu)*99/100].Nanoseconds())/1e3, "cpu-p99-µs")
		})
	}
}
