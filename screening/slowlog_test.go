package screening_test

import (
	"context"
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/screening"
	"github.com/ringerhq/ringer/sqlite"
)

// timedStore is a SQLite store that times the work inside each
// transaction, so that a benchmark can tell it from the commit.
type timedStore struct {
	*sqlite.Store
	work  time.Duration // fn's time in the last InTx
	whole time.Duration // the whole last InTx, begin and commit with it
}

// InTx runs fn in a transaction of the store and times fn.
func (s *timedStore) InTx(ctx context.Context, fn func(ringer.Tx) error) error {
	if ctx.Value(timedKey{}) == nil {
		return s.Store.InTx(ctx, fn) // not a screen's: the re-assessing worker's
	}
	t0 := time.Now()
	defer func() { s.whole = time.Since(t0) }()
	return s.Store.InTx(ctx, func(tx ringer.Tx) error {
		t0 := time.Now()
		err := fn(tx)
		s.work = time.Since(t0)
		return err
	})
}

// timedKey marks the context of the screens whose transactions
// timedStore times.
type timedKey struct{}

// slowLog tells, with RINGER_BENCH_SLOW=1, what the slowest screens of a
// benchmark did: their latency, CPU time, time inside the transaction,
// garbage collections during them, and the records and rings they
// assessed. Each screen runs with the pprof label screen=i, so that a CPU
// profile can be narrowed to the slow ones (go tool pprof -tagfocus).
type slowLog struct {
	b    *testing.B
	st   *timedStore
	on   bool
	rows []slowRow
	gc   []metrics.Sample
	gc0  uint64
}

type slowRow struct {
	i               int
	wall, cpu, work time.Duration
	whole           time.Duration
	gcs             uint64
	assessed, ring  int
	ringLinks       int
}

func newSlowLog(b *testing.B, st *timedStore) *slowLog {
	return &slowLog{b: b, st: st, on: os.Getenv("RINGER_BENCH_SLOW") == "1",
		gc: []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}}
}

func (l *slowLog) ingest(ctx context.Context, sc *screening.Screener, i int, r ringer.Record) ([]ringer.Assessment, error) {
	if !l.on {
		return sc.Ingest(ctx, []ringer.Record{r}, nil)
	}
	ctx = context.WithValue(ctx, timedKey{}, true)
	metrics.Read(l.gc)
	l.gc0 = l.gc[0].Value.Uint64()
	var as []ringer.Assessment
	var err error
	pprof.Do(ctx, pprof.Labels("screen", strconv.Itoa(i)), func(ctx context.Context) {
		as, err = sc.Ingest(ctx, []ringer.Record{r}, nil)
	})
	return as, err
}

func (l *slowLog) done(i int, wall time.Duration, cpu []time.Duration, as []ringer.Assessment) {
	if !l.on {
		return
	}
	metrics.Read(l.gc)
	row := slowRow{i: i, wall: wall, work: l.st.work, whole: l.st.whole, gcs: l.gc[0].Value.Uint64() - l.gc0, assessed: len(as)}
	if len(cpu) == i+1 {
		row.cpu = cpu[i]
	}
	for _, a := range as {
		if a.Ring != nil && a.Ring.Size > row.ring {
			row.ring, row.ringLinks = a.Ring.Size, len(a.Ring.Links)
		}
	}
	l.rows = append(l.rows, row)
}

func (l *slowLog) report() {
	if !l.on || len(l.rows) == 0 {
		return
	}
	if os.Getenv("RINGER_BENCH_SERIES") == "1" {
		for k := 0; k+20 <= len(l.rows); k += 20 {
			var c, w time.Duration
			for _, r := range l.rows[k : k+20] {
				c += r.cpu
				w += r.wall
			}
			fmt.Fprintf(os.Stderr, "%d:%.1f/%.1f ", k, ms(c/20), ms(w/20))
		}
		fmt.Fprintln(os.Stderr)
	}
	slices.SortFunc(l.rows, func(a, b slowRow) int { return int(b.wall - a.wall) })
	n := max(len(l.rows)/50, 1)
	var list []string
	for _, r := range l.rows[:n] {
		fmt.Fprintf(os.Stderr, "screen %5d wall %6.2f cpu %6.2f in-tx %6.2f commit %5.2f waited %5.2f gc %d assessed %3d ring %3d (%d links)\n",
			r.i, ms(r.wall), ms(r.cpu), ms(r.work), ms(r.whole-r.work), ms(r.wall-r.whole), r.gcs, r.assessed, r.ring, r.ringLinks)
		list = append(list, strconv.Itoa(r.i))
	}
	var gcSlow, gcAll int
	for k, r := range l.rows {
		if r.gcs > 0 {
			gcAll++
			if k < n {
				gcSlow++
			}
		}
	}
	fmt.Fprintf(os.Stderr, "screens during a GC: %d of the slowest %d, %d of all %d\n", gcSlow, n, gcAll, len(l.rows))
	l.b.Logf("tagfocus: screen=^(%s)$", strings.Join(list, "|"))
	var big []string
	for _, r := range l.rows {
		if r.assessed >= 5 {
			big = append(big, strconv.Itoa(r.i))
		}
	}
	fmt.Fprintf(os.Stderr, "BIG screen=^(%s)$\n", strings.Join(big, "|"))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
