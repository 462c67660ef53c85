package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/synth"
)

// plainRecord and plainEvent encode like ringer.Record and ringer.Event
// without their MarshalJSON methods, which exist to write Unknown fields
// back; generated records have none, and skipping the method spares the
// encoder a second pass over every line.
type (
	plainRecord ringer.Record
	plainEvent  ringer.Event
)

func cmdSynth() command {
	return command{summary: "generate synthetic applicants with planted operator rings, and their labels", run: runSynth}
}

func runSynth(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "synth", "[--n N] [--rings R] [--seed S] [--events] [--out FILE] [--events-out FILE] [--labels FILE] [--scenarios] [--intel DIR]",
		"ringer synth --n 10000 --events --out records.jsonl --events-out events.jsonl --labels labels.csv")
	n := fs.Int("n", 1000, "`records` to generate")
	rings := fs.Int("rings", 0, "operator `rings` to plant (default n/200)")
	seed := fs.Int64("seed", 1, "random `seed`; the output is deterministic for a seed")
	events := fs.Bool("events", false, "also generate events (sign-ins, interviews, shipments, inventories, payroll, activity...), written to --events-out or else after each record")
	out := fs.String("out", "", "records `file` (JSON Lines; default standard output)")
	eventsOut := fs.String("events-out", "", "events `file` (JSON Lines); implies --events")
	labels := fs.String("labels", "", "labels `file` (CSV: record_id,ring_id,fraud,scenario,person_id,name_group)")
	scenarios := fs.Bool("scenarios", false, fmt.Sprintf("write the labelled scenario suite (%d records with events) instead; --n and --rings are ignored", synth.ScenarioSize))
	intelDir := fs.String("intel", "", "also write the synthetic IP plan's CIDR lists and GeoIP2-City MMDB into `dir`, for ringer intel import")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if *n < 0 || *rings < 0 {
		return fmt.Errorf("%w: --n and --rings must not be negative", errUsage)
	}
	if *eventsOut != "" {
		*events = true
	}
	if *scenarios {
		*events = true
	}

	recW, closeRec, err := createOutput(e, *out)
	if err != nil {
		return err
	}
	defer closeRec()
	var evW *bufio.Writer
	closeEv := func() error { return nil }
	if *eventsOut != "" {
		evW, closeEv, err = createOutput(e, *eventsOut)
		if err != nil {
			return err
		}
		defer closeEv()
	}
	var lw *synth.LabelWriter
	closeLab := func() error { return nil }
	if *labels != "" {
		w, c, err := createOutput(e, *labels)
		if err != nil {
			return err
		}
		defer c()
		lw, closeLab = synth.NewLabelWriter(w), c
	}

	recEnc := json.NewEncoder(recW)
	recEnc.SetEscapeHTML(false)
	// Without --events-out, events share the records' stream: the data
	// contract allows both kinds of line in one file.
	evEnc := recEnc
	if evW != nil {
		evEnc = json.NewEncoder(evW)
		evEnc.SetEscapeHTML(false)
	}
	nRec, nEv, nRing := 0, 0, map[string]bool{}
	onRec := func(r *ringer.Record) error {
		nRec++
		if err := recEnc.Encode((*plainRecord)(r)); err != nil {
			return fmt.Errorf("write records: %w", err)
		}
		return nil
	}
	onEv := func(ev *ringer.Event) error {
		nEv++
		if err := evEnc.Encode((*plainEvent)(ev)); err != nil {
			return fmt.Errorf("write events: %w", err)
		}
		return nil
	}
	onLab := func(l synth.Label) error {
		if l.RingID != "" {
			nRing[l.RingID] = true
		}
		if lw == nil {
			return nil
		}
		return lw.Write(l)
	}
	if *scenarios {
		recs, evs, labs := synth.Scenarios(*seed)
		for i := range recs {
			if err := onRec(&recs[i]); err != nil {
				return err
			}
		}
		for i := range evs {
			if err := onEv(&evs[i]); err != nil {
				return err
			}
		}
		for _, l := range labs {
			if err := onLab(l); err != nil {
				return err
			}
		}
	} else {
		opts := synth.Options{N: *n, Rings: *rings, Seed: *seed, Events: *events}
		if err := generateConcurrently(ctx, opts, onRec, onEv, onLab); err != nil {
			return err
		}
	}
	if lw != nil {
		if err := lw.Flush(); err != nil {
			return err
		}
		if err := closeLab(); err != nil {
			return err
		}
	}
	if err := closeRec(); err != nil {
		return fmt.Errorf("write records: %w", err)
	}
	if err := closeEv(); err != nil {
		return fmt.Errorf("write events: %w", err)
	}
	if *intelDir != "" {
		paths, err := synth.WriteIntel(ctx, *intelDir)
		if err != nil {
			return err
		}
		for _, p := range paths {
			fmt.Fprintf(e.stderr, "ringer synth: wrote %s\n", p)
		}
	}
	fmt.Fprintf(e.stderr, "ringer synth: %d records, %d events, %d operator rings (seed %d)\n", nRec, nEv, len(nRing), *seed)
	return nil
}

// createOutput opens path for writing through a buffer ("" is standard output).
// The returned close flushes and closes; calling it again does nothing.
func createOutput(e *env, path string) (*bufio.Writer, func() error, error) {
	var w io.Writer = e.stdout
	var f *os.File
	if path != "" && path != "-" {
		var err error
		f, err = os.Create(path)
		if err != nil {
			return nil, nil, err
		}
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	done := false
	return bw, func() error {
		if done {
			return nil
		}
		done = true
		err := bw.Flush()
		if f != nil {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		return err
	}, nil
}

// generateConcurrently runs synth.Generate in its own goroutine and hands
// what it makes, in order and in batches, to the callbacks on this one:
// generating and encoding then use two cores. The output is the same as
// calling synth.Generate directly.
func generateConcurrently(ctx context.Context, opts synth.Options, rec func(*ringer.Record) error,
	ev func(*ringer.Event) error, lab func(synth.Label) error) error {
	type item struct {
		rec *ringer.Record
		ev  *ringer.Event
		lab *synth.Label
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []item, 4)
	genErr := make(chan error, 1)
	go func() {
		defer close(batches)
		var batch []item
		send := func(it item) error {
			batch = append(batch, it)
			if len(batch) < 1024 {
				return nil
			}
			select {
			case batches <- batch:
			case <-ctx.Done():
				return ctx.Err()
			}
			batch = make([]item, 0, 1024)
			return nil
		}
		var evf func(*ringer.Event) error
		if opts.Events {
			evf = func(e *ringer.Event) error { return send(item{ev: e}) }
		}
		err := synth.Generate(ctx, opts,
			func(r *ringer.Record) error { return send(item{rec: r}) }, evf,
			func(l synth.Label) error { return send(item{lab: &l}) })
		if err == nil && len(batch) > 0 {
			select {
			case batches <- batch:
			case <-ctx.Done():
				err = ctx.Err()
			}
		}
		genErr <- err
	}()
	for batch := range batches {
		for _, it := range batch {
			var err error
			switch {
			case it.rec != nil:
				err = rec(it.rec)
			case it.ev != nil:
				err = ev(it.ev)
			default:
				err = lab(*it.lab)
			}
			if err != nil {
				cancel()
				for range batches {
				}
				<-genErr
				return err
			}
		}
	}
	return <-genErr
}
