package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/intel"
	"github.com/ringerhq/ringer/synth"
)

func cmdDemo() command {
	return command{summary: "make synthetic applicants, screen them, print the top rings", run: runDemo}
}

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "demo", "[--n N] [--rings R] [--seed S] [--top K] [--keep DIR]", "ringer demo --n 2000 --top 3")
	n := fs.Int("n", 1500, "synthetic `records` to make")
	rings := fs.Int("rings", 0, "operator rings to plant (default n/200)")
	seed := fs.Int64("seed", 1, "random `seed`")
	top := fs.Int("top", 3, "rings to print")
	keep := fs.String("keep", "", "keep the database in this `directory` (default: a temporary one, removed)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir := *keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "ringer-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	start := time.Now()
	var recs []ringer.Record
	var evs []ringer.Event
	labels := make(map[string]synth.Label)
	err := synth.Generate(ctx, synth.Options{N: *n, Rings: *rings, Seed: *seed, Events: true},
		func(r *ringer.Record) error { recs = append(recs, *r); return nil },
		func(ev *ringer.Event) error { evs = append(evs, *ev); return nil },
		func(l synth.Label) error { labels[l.RecordID] = l; return nil })
	if err != nil {
		return err
	}
	planted := make(map[string]bool)
	for _, l := range labels {
		if l.RingID != "" {
			planted[l.RingID] = true
		}
	}
	fmt.Fprintf(e.stdout, "ringer demo: %d synthetic records and %d events, %d planted operator rings (seed %d)\n",
		len(recs), len(evs), len(planted), *seed)

	db := filepath.Join(dir, "demo.db")
	st, err := openStore(ctx, e, db)
	if err != nil {
		return err
	}
	defer st.Close()
	paths, err := synth.WriteIntel(ctx, filepath.Join(dir, "intel"))
	if err != nil {
		return err
	}
	for _, p := range paths {
		label := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		if strings.HasSuffix(p, ".mmdb") {
			label = ""
		} else if label == "vpn-astrill" {
			label = "vpn:astrill"
		}
		if _, err := intel.Import(ctx, st, []string{p}, label); err != nil {
			return err
		}
	}
	sc, err := newScreener(ctx, e, st, db, "")
	if err != nil {
		return err
	}
	defer sc.Close()
	for i := 0; i < len(recs); i += 500 {
		if _, err := sc.Ingest(ctx, recs[i:min(i+500, len(recs))], nil); err != nil {
			return err
		}
	}
	for i := 0; i < len(evs); i += 2000 {
		if _, err := sc.Ingest(ctx, nil, evs[i:min(i+2000, len(evs))]); err != nil {
			return err
		}
	}
	if err := sc.Settle(ctx); err != nil {
		return err
	}

	// Gather assessments and rings.
	bands := make(map[ringer.Band]int)
	byRing := make(map[string][]ringer.Assessment)
	fraud, fraudFound, honest, honestHigh := 0, 0, 0, 0
	for _, r := range recs {
		a, err := st.Assessment(ctx, r.ID)
		if err != nil {
			return fmt.Errorf("assessment of %s: %w", r.ID, err)
		}
		bands[a.Band]++
		if a.Ring != nil {
			byRing[a.Ring.ID] = append(byRing[a.Ring.ID], a)
		}
		if labels[r.ID].Fraud {
			fraud++
			if a.Band.Rank() >= ringer.BandReview.Rank() {
				fraudFound++
			}
		} else {
			honest++
			if a.Band.Rank() >= ringer.BandHigh.Rank() {
				honestHigh++
			}
		}
	}
	fmt.Fprintf(e.stdout, "screened in %.1fs: %d clear, %d review, %d high, %d critical\n",
		time.Since(start).Seconds(), bands[ringer.BandClear], bands[ringer.BandReview], bands[ringer.BandHigh], bands[ringer.BandCritical])
	fmt.Fprintf(e.stdout, "planted fraud found at review or above: %d of %d; honest people at high or above: %d of %d\n\n",
		fraudFound, fraud, honestHigh, honest)

	type ringView struct {
		id    string
		as    []ringer.Assessment
		score int
	}
	var views []ringView
	for id, as := range byRing {
		v := ringView{id: id, as: as}
		for _, a := range as {
			v.score += a.Score
		}
		v.score /= len(as)
		views = append(views, v)
	}
	sort.Slice(views, func(i, j int) bool {
		if views[i].score != views[j].score {
			return views[i].score > views[j].score
		}
		return views[i].id < views[j].id
	})
	fmt.Fprintf(e.stdout, "%d rings found. The top %d by mean score:\n", len(views), min(*top, len(views)))
	names := make(map[string]string, len(recs))
	for _, r := range recs {
		names[r.ID] = r.Name.Display()
	}
	for i, v := range views {
		if i >= *top {
			break
		}
		printRing(e, v.id, v.as, names, labels)
	}
	if *keep != "" {
		fmt.Fprintf(e.stdout, "\nThe database is in %s; try: ringer serve --db %s\n", db, db)
	}
	return nil
}

// printRing writes one ring for a person to read: its members with their
// bands, the strongest signals with their sources, and the links.
func printRing(e *env, id string, as []ringer.Assessment, names map[string]string, labels map[string]synth.Label) {
	sort.Slice(as, func(i, j int) bool { return as[i].Score > as[j].Score })
	truth := "not a planted ring"
	if l := labels[as[0].RecordID]; l.RingID != "" {
		truth = "planted ring " + l.RingID
	}
	fmt.Fprintf(e.stdout, "\n== %s: %d records (%s)\n", id, len(as), truth)
	for _, a := range as {
		fmt.Fprintf(e.stdout, "  %-14s %-26s score %3d  %s\n", a.RecordID, names[a.RecordID], a.Score, a.Band)
	}
	// The strongest signals across the ring, each once.
	type sig struct {
		s   ringer.Signal
		who string
	}
	var sigs []sig
	seen := make(map[string]bool)
	for _, a := range as {
		for _, s := range a.Signals {
			if s.Weight <= 0 || seen[s.Code] {
				continue
			}
			seen[s.Code] = true
			sigs = append(sigs, sig{s, a.RecordID})
		}
	}
	sort.Slice(sigs, func(i, j int) bool { return sigs[i].s.Weight > sigs[j].s.Weight })
	fmt.Fprintln(e.stdout, "  evidence:")
	for i, s := range sigs {
		if i >= 8 {
			break
		}
		fmt.Fprintf(e.stdout, "    %-38s %s: %s\n      source: %s\n", s.s.Code, s.who, s.s.Detail, s.s.Indicator)
	}
	if r := as[0].Ring; r != nil {
		fmt.Fprintf(e.stdout, "  links (%d):\n", len(r.Links))
		for i, l := range r.Links {
			if i >= 6 {
				fmt.Fprintf(e.stdout, "    … %d more\n", len(r.Links)-i)
				break
			}
			kinds := make([]string, 0, len(l.Evidence))
			for _, ev := range l.Evidence {
				kinds = append(kinds, ev.Kind)
			}
			fmt.Fprintf(e.stdout, "    %s — %s: %s\n", l.A, l.B, strings.Join(kinds, ", "))
		}
	}
}
