package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/ingest"
	"github.com/ringerhq/ringer/link"
	"github.com/ringerhq/ringer/normalize"
)

func cmdLink() command {
	return command{summary: "link records of one or more files into rings (batch dedupe)", run: runLink}
}

func runLink(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "link", "[--mapping MAP.yaml] INPUT... [--out clusters.csv] [--pairs pairs.csv]",
		"ringer link --mapping examples/mappings/febrl.yaml dataset3.csv --out clusters.csv --pairs pairs.csv")
	mapping := fs.String("mapping", "", "column `mapping` (YAML) for CSV input")
	out := fs.String("out", "", "write clusters (record_id,ring_id) to this `file` (default standard output)")
	pairs := fs.String("pairs", "", "write every scored candidate pair (a,b,score) to this `file`")
	threshold := fs.Float64("threshold", link.DefaultThreshold, "match probability at or above which a same-person pair links")
	noTrain := fs.Bool("no-train", false, "score with the built-in model instead of estimating it from the input")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to this `file` (for go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile to this `file` once the input is read (for go tool pprof)")
	memLimit := fs.Int64("memory-limit", 1750, "soft memory limit in `MiB` for the Go heap (0: none); the collector works harder near it")
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no input files", errUsage)
	}
	if *memLimit > 0 {
		debug.SetMemoryLimit(*memLimit << 20)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	opts := ingest.Options{ReadPaths: true} // files named on the command line may name résumés and photos
	if *mapping != "" {
		m, err := ingest.LoadMapping(*mapping)
		if err != nil {
			return err
		}
		opts.Mapping = m
	}
	prog := newProgress(e, "linking")
	afterRead := func() error { return nil }
	if *memProfile != "" {
		afterRead = func() error { return writeHeapProfile(*memProfile) }
	}
	res, batch, rep, readTime, err := linkFiles(ctx, inputs, opts, link.Options{Threshold: *threshold, NoTraining: *noTrain},
		func(p ingest.Problem) {
			prog.clear()
			fmt.Fprintf(e.stderr, "%s: %s\n", p.Severity, p.Error())
		}, prog, afterRead)
	prog.clear()
	if err != nil {
		return err
	}
	if err := writeClusters(e, *out, res); err != nil {
		return err
	}
	if *pairs != "" {
		if err := writePairs(*pairs, res); err != nil {
			return err
		}
	}
	linked, rings, inRings := len(res.Links), 0, 0
	for _, s := range res.Size {
		if s >= 2 {
			rings++
			inRings += int(s)
		}
	}
	for _, line := range rep.Summary() {
		fmt.Fprintln(e.stderr, line)
	}
	total := time.Since(start)
	fmt.Fprintf(e.stderr, "%d distinct records, %d candidate pairs scored, %d links, %d rings of 2 or more holding %d records (%.1fs: %.1fs reading, %.1fs linking)\n",
		batch.Len(), len(res.Scores), linked, rings, inRings, total.Seconds(), readTime.Seconds(), (total - readTime).Seconds())
	return nil
}

// linkFiles reads inputs and links their records in one batch. Events in
// the input add their identifiers (devices, shipping addresses, payout
// accounts) to their records. afterRead is called once the input is read.
// It also returns how long reading took.
func linkFiles(ctx context.Context, paths []string, opts ingest.Options, lo link.Options,
	onProblem func(ingest.Problem), prog *progress, afterRead func() error) (*link.Result, *link.Batch, ingest.Report, time.Duration, error) {
	start := time.Now()
	keyer := randomKeyer()
	batch := link.NewBatch(nil, lo)
	x := newExtractor(keyer, batch, prog)
	var eventIDs []eventIdentifiers
	rep, err := ingest.Read(ctx, paths, opts, func(items []ingest.Item) error {
		recs := make([]*ringer.Record, 0, len(items))
		for _, it := range items {
			if it.Record != nil {
				recs = append(recs, it.Record)
			} else if it.Event != nil {
				eventIDs = append(eventIDs, eventIdentifiers{it.Event.RecordID, normalize.EventIdentifiers(keyer, it.Event)})
			}
		}
		x.add(recs)
		return nil
	}, onProblem)
	x.close()
	if err != nil {
		return nil, nil, rep, 0, err
	}
	for _, ev := range eventIDs {
		batch.AddIdentifiers(ev.record, ev.ids)
	}
	read := time.Since(start)
	if err := afterRead(); err != nil {
		return nil, nil, rep, read, err
	}
	prog.phase("scoring pairs")
	res, err := batch.Run(ctx)
	return res, batch, rep, read, err
}

// extractor computes the features of records on GOMAXPROCS goroutines
// while reading goes on, and adds them to a batch in input order on one
// more, so that decoding, extracting and adding overlap.
type extractor struct {
	keyer *normalize.Keyer
	batch *link.Batch
	prog  *progress
	work  chan *extractJob // to the workers
	order chan *extractJob // to the adder, in input order
	wg    sync.WaitGroup   // the workers
	added chan struct{}    // closed when the adder is done
}

// extractJob is a run of records read together and their features.
type extractJob struct {
	recs  []*ringer.Record
	feats []*link.Features
	done  chan struct{} // closed when feats are computed
}

func newExtractor(keyer *normalize.Keyer, batch *link.Batch, prog *progress) *extractor {
	workers := runtime.GOMAXPROCS(0)
	x := &extractor{keyer: keyer, batch: batch, prog: prog,
		work: make(chan *extractJob, 2*workers), order: make(chan *extractJob, 4*workers), added: make(chan struct{})}
	for range workers {
		x.wg.Add(1)
		go func() {
			defer x.wg.Done()
			for j := range x.work {
				for i, r := range j.recs {
					j.feats[i] = link.Extract(x.keyer, r, nil, true)
				}
				close(j.done)
			}
		}()
	}
	go func() {
		defer close(x.added)
		for j := range x.order {
			<-j.done
			for _, f := range j.feats {
				x.batch.Add(f)
			}
			x.prog.set(x.batch.Len())
		}
	}()
	return x
}

// add queues records. Jobs reach the workers in the order they reach the
// adder, so the adder always waits on a job a worker has or will have.
func (x *extractor) add(recs []*ringer.Record) {
	if len(recs) == 0 {
		return
	}
	j := &extractJob{recs: recs, feats: make([]*link.Features, len(recs)), done: make(chan struct{})}
	x.order <- j
	x.work <- j
}

// close waits until every queued record is in the batch.
func (x *extractor) close() {
	close(x.work)
	close(x.order)
	<-x.added
	x.wg.Wait()
}

// writeHeapProfile writes the live heap, after a collection, to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		return fmt.Errorf("heap profile %s: %w", path, err)
	}
	return f.Close()
}

type eventIdentifiers struct {
	record string
	ids    []ringer.Identifier
}

// ringName names ring number n of a batch result.
func ringName(n int32) string { return "ring-" + strconv.Itoa(int(n)+1) }

func writeClusters(e *env, path string, res *link.Result) error {
	var w io.Writer = e.stdout
	var f *os.File
	if path != "" && path != "-" {
		var err error
		if f, err = os.Create(path); err != nil {
			return fmt.Errorf("write clusters: %w", err)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	_ = cw.Write([]string{"record_id", "ring_id"})
	for i, id := range res.IDs {
		_ = cw.Write([]string{id, ringName(res.Ring[i])})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write clusters %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write clusters %s: %w", path, err)
	}
	if f != nil {
		return f.Close()
	}
	return nil
}

func writePairs(path string, res *link.Result) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write pairs: %w", err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<16)
	cw := csv.NewWriter(bw)
	_ = cw.Write([]string{"a", "b", "score"})
	for _, p := range res.Scores {
		_ = cw.Write([]string{res.IDs[p.A], res.IDs[p.B], strconv.FormatFloat(float64(p.Score), 'f', 4, 32)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write pairs %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write pairs %s: %w", path, err)
	}
	return f.Close()
}
