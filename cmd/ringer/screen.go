package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/ingest"
	"github.com/ringerhq/ringer/policy"
	"github.com/ringerhq/ringer/screening"
)

func cmdScreen() command {
	return command{summary: "screen records and events; write an assessment per record (JSON Lines)", run: runScreen}
}

// policyFlag adds --policy to a command.
func policyFlag(fs *flag.FlagSet) *string {
	return fs.String("policy", "", "policy `file` (YAML) to score with instead of the built-in default")
}

// newScreener wires a screener over an open store: the deployment's keyer,
// its imported intelligence and watchlists, every detector and the policy.
func newScreener(ctx context.Context, e *env, st ringer.Store, db, policyPath string) (*screening.Screener, error) {
	keyer, err := deploymentKeyer(e, db)
	if err != nil {
		return nil, err
	}
	pol := policy.Default()
	if policyPath != "" {
		if pol, err = policy.Load(policyPath); err != nil {
			return nil, err
		}
	}
	return screening.Open(ctx, st, keyer, pol)
}

func runScreen(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "screen", "[--db FILE] [--policy FILE] [--mapping MAP.yaml] INPUT... | --rescreen",
		"ringer screen --db ringer.db applicants.jsonl events.jsonl > assessments.jsonl")
	db := dbFlag(e, fs)
	pol := policyFlag(fs)
	mapping := fs.String("mapping", "", "column `mapping` (YAML) for CSV input")
	rescreen := fs.Bool("rescreen", false, "re-assess every stored record (after a policy or intelligence change, or an interrupted run); inputs are optional")
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *rescreen && len(inputs) == 0 {
		return rescreenAll(ctx, e, *db, *pol)
	}
	if len(inputs) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no input files", errUsage)
	}
	opts := ingest.Options{ReadPaths: true} // files named on the command line may name résumés and photos
	if *mapping != "" {
		m, err := ingest.LoadMapping(*mapping)
		if err != nil {
			return err
		}
		opts.Mapping = m
	}
	st, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	sc, err := newScreener(ctx, e, st, *db, *pol)
	if err != nil {
		return err
	}
	defer sc.Close()
	start := time.Now()
	prog := newProgress(e, "screening")
	var inputIDs []string
	seen := make(map[string]bool)
	reassessed := make(map[string]bool)
	sc.OnStale(func(ids []string) {
		for _, id := range ids {
			reassessed[id] = true
		}
	})
	n := 0
	rep, err := ingest.Read(ctx, inputs, opts, func(items []ingest.Item) error {
		var recs []ringer.Record
		var evs []ringer.Event
		for _, it := range items {
			if it.Record != nil {
				recs = append(recs, *it.Record)
				if !seen[it.Record.ID] {
					seen[it.Record.ID] = true
					inputIDs = append(inputIDs, it.Record.ID)
				}
			} else if it.Event != nil {
				evs = append(evs, *it.Event)
			}
		}
		as, err := sc.Ingest(ctx, recs, evs)
		if err != nil {
			return err
		}
		for _, a := range as {
			reassessed[a.RecordID] = true
		}
		n += len(recs)
		prog.set(n)
		return nil
	}, func(p ingest.Problem) {
		prog.clear()
		fmt.Fprintf(e.stderr, "%s: %s\n", p.Severity, p.Error())
	})
	prog.clear()
	if err != nil {
		return err
	}
	// One assessment per input record, as stored after the whole input
	// and the re-assessments it set off: a ring that grew later in the
	// input is reflected in earlier records.
	if err := sc.Settle(ctx); err != nil {
		return fmt.Errorf("re-assess the records whose ring changed: %w", err)
	}
	w := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(w)
	bands := make(map[ringer.Band]int)
	for _, id := range inputIDs {
		a, err := st.Assessment(ctx, id)
		if err != nil {
			return fmt.Errorf("read assessment of %s: %w", id, err)
		}
		bands[a.Band]++
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	others := 0
	for id := range reassessed {
		if !seen[id] {
			others++
		}
	}
	for _, line := range rep.Summary() {
		fmt.Fprintln(e.stderr, line)
	}
	fmt.Fprintf(e.stderr, "%d records assessed: %d clear, %d review, %d high, %d critical; %d stored records re-assessed because they had new events or their ring changed (%.1fs, policy %s)\n",
		len(inputIDs), bands[ringer.BandClear], bands[ringer.BandReview], bands[ringer.BandHigh], bands[ringer.BandCritical],
		others, time.Since(start).Seconds(), sc.Policy().ID())
	return nil
}

// rescreenAll re-assesses every stored record with the current policy,
// intelligence and lists, and prints the count of each band.
func rescreenAll(ctx context.Context, e *env, db, policyPath string) error {
	st, err := openStore(ctx, e, db)
	if err != nil {
		return err
	}
	defer st.Close()
	sc, err := newScreener(ctx, e, st, db, policyPath)
	if err != nil {
		return err
	}
	defer sc.Close()
	start := time.Now()
	n, err := sc.Rescreen(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%d stored records re-assessed (%.1fs, policy %s)\n", n, time.Since(start).Seconds(), sc.Policy().ID())
	return nil
}
