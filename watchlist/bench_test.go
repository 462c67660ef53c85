package watchlist

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"sync/atomic"
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
	cpu0 := processCPU()
	for b.Loop() {
		if _, err := Load(ctx, rs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((processCPU()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
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

// BenchmarkSearchHTTP measures GET /v1/search over loopback (127.0.0.1)
// with keep-alive clients running in parallel, mixing clean and
// misspelled queries, and reports searches per second. Budget: 5,000/s on
// 2 cores. The loop is bounded by the benchmark's iteration count.
func BenchmarkSearchHTTP(b *testing.B) {
	ix := fullIndex(b)
	srv := httptest.NewServer(NewSearchHandler(func() *Index { return ix }))
	defer srv.Close()
	var urls []string
	for _, set := range []string{"clean", "misspelled"} {
		for _, q := range benchQueries[set] {
			urls = append(urls, srv.URL+"/v1/search?q="+url.QueryEscape(q))
		}
	}
	tr := &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var next atomic.Int64
	b.SetParallelism(4)
	b.ResetTimer()
	start, cpu0 := time.Now(), processCPU()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			u := urls[int(next.Add(1))%len(urls)]
			resp, err := client.Get(u)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	cpu := processCPU() - cpu0
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "searches/s")
	// CPU time per search, server and client together (they share the
	// process), and what two cores would serve if nothing else ran.
	per := cpu.Seconds() / float64(b.N)
	b.ReportMetric(per*1e6, "cpu-µs/search")
	b.ReportMetric(2/per, "searches/s-at-2-cores")
}

// processCPU returns the user and system CPU time of the process.
func processCPU() time.Duration {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
