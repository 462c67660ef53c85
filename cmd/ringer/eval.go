package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/ringerhq/ringer/evaluation"
	"github.com/ringerhq/ringer/link"
	"github.com/ringerhq/ringer/policy"
	"github.com/ringerhq/ringer/synth"
)

func cmdEval() command {
	return command{summary: "measure ringer on labelled data (linkage, clusters, scenarios)", run: runEval}
}

func runEval(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(e.stderr, `Usage: ringer eval linkage [--data DIR] [--mappings DIR]
       ringer eval clusters --labels LABELS.csv CLUSTERS.csv
       ringer eval scenarios [--seed S]

linkage    links the public labelled sets (Febrl 1-3, Splink fake_1000) at the
           default threshold and prints pairwise precision, recall and F1
clusters   compares a clusters.csv from "ringer link" with a labels file from
           "ringer synth" (pairwise, over rings)
scenarios  screens the labelled scenario suite and prints recall, false
           positives, ring recovery and fairness figures

Example:
  ringer eval linkage --data ../shared/data
`)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "linkage":
		return runEvalLinkage(ctx, e, args[1:])
	case "clusters":
		return runEvalClusters(ctx, e, args[1:])
	case "scenarios":
		return runEvalScenarios(ctx, e, args[1:])
	}
	return fmt.Errorf("%w: unknown evaluation %q (linkage, clusters, scenarios)", errUsage, args[0])
}

func runEvalLinkage(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval linkage", "[--data DIR] [--mappings DIR]", "ringer eval linkage --data ../shared/data")
	data := fs.String("data", evaluation.DataDir(), "`directory` of the public data (env RINGER_DATA)")
	mappings := fs.String("mappings", "examples/mappings", "`directory` of the column mappings")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\trecords\tring P\tring R\tring F1\tpair P\tpair R\tpair F1\tseconds\t")
	for _, set := range evaluation.PublicSets {
		r, err := evaluation.Linkage(ctx, *data, *mappings, set, link.Options{})
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.2f\t\n", r.Set, r.Records,
			r.Rings.Precision, r.Rings.Recall, r.Rings.F1, r.Pairs.Precision, r.Pairs.Recall, r.Pairs.F1, r.Took.Seconds())
	}
	return tw.Flush()
}

func runEvalClusters(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval clusters", "--labels LABELS.csv CLUSTERS.csv",
		"ringer eval clusters --labels labels.csv clusters.csv")
	labels := fs.String("labels", "", "labels `file` written by ringer synth")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *labels == "" || fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: want --labels and one clusters file", errUsage)
	}
	truth, err := readTruth(*labels)
	if err != nil {
		return err
	}
	pred, err := readCSVMap(fs.Arg(0), "record_id", "ring_id")
	if err != nil {
		return err
	}
	q := link.PairwiseQuality(truth, pred)
	fmt.Fprintf(e.stdout, "records %d, true pairs %d, predicted pairs %d, correct %d\nprecision %.4f recall %.4f F1 %.4f\n",
		len(truth), q.TruePairs, q.PredictedPairs, q.CorrectPairs, q.Precision, q.Recall, q.F1)
	return nil
}

// readTruth reads a synth labels file: a record's true entity is its
// operator ring, else the person it stands for (person_id, when the file
// has the column), else itself.
func readTruth(path string) (map[string]string, error) {
	rows, header, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		return -1
	}
	id, ring, person := col("record_id"), col("ring_id"), col("person_id")
	if id < 0 || ring < 0 {
		return nil, fmt.Errorf("%s: want columns record_id and ring_id", path)
	}
	truth := make(map[string]string, len(rows))
	for _, r := range rows {
		t := "rec:" + r[id]
		if person >= 0 && r[person] != "" {
			t = "person:" + r[person]
		}
		if r[ring] != "" {
			t = "ring:" + r[ring]
		}
		truth[r[id]] = t
	}
	return truth, nil
}

func readCSVMap(path, keyCol, valCol string) (map[string]string, error) {
	rows, header, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	k, v := -1, -1
	for i, h := range header {
		switch h {
		case keyCol:
			k = i
		case valCol:
			v = i
		}
	}
	if k < 0 || v < 0 {
		return nil, fmt.Errorf("%s: want columns %s and %s", path, keyCol, valCol)
	}
	m := make(map[string]string, len(rows))
	for _, r := range rows {
		m[r[k]] = r[v]
	}
	return m, nil
}

func readCSV(path string) (rows [][]string, header []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.ReuseRecord = false
	header, err = cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	for {
		r, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, header, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", path, err)
		}
		rows = append(rows, r)
	}
}

func runEvalScenarios(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval scenarios", "[--seed S] [--policy FILE] [-v]", "ringer eval scenarios --seed 1 -v")
	seed := fs.Int64("seed", 1, "scenario suite `seed`")
	pol := policyFlag(fs)
	verbose := fs.Bool("v", false, "list missed fraud and honest records at high or above")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p := policy.Default()
	if *pol != "" {
		var err error
		if p, err = policy.Load(*pol); err != nil {
			return err
		}
	}
	dir, err := os.MkdirTemp("", "ringer-scenarios-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	recs, evs, labels := synth.Scenarios(*seed)
	res, err := evaluation.ScreenScenarios(ctx, dir, recs, evs, labels, p)
	if err != nil {
		return err
	}
	res.Print(e.stdout, *verbose)
	return nil
}
