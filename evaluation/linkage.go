// Package evaluation measures ringer against labelled data: linkage
// quality on the public record-linkage sets (Febrl, Splink's fake_1000)
// and on synthetic data, and screening quality on the scenario suite. The
// CLI's "ringer eval" prints what it measures; the tests hold it to the
// project's bars.
package evaluation

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/ingest"
	"github.com/ringerhq/ringer/link"
	"github.com/ringerhq/ringer/normalize"
)

// DataDir returns where the public data sets are: $RINGER_DATA, else
// ../shared/data relative to the working directory's module root.
func DataDir() string {
	if d := os.Getenv("RINGER_DATA"); d != "" {
		return d
	}
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "..", "shared", "data")
		}
		if filepath.Dir(d) == d {
			return filepath.Join("..", "shared", "data")
		}
	}
}

// LinkageSet is one labelled record-linkage file.
type LinkageSet struct {
	Name    string
	File    string // relative to the data directory
	Mapping string // mapping file name in the mappings directory
	// Truth returns the true entity of a record from its id and attributes.
	Truth func(id string, attrs map[string]any) string
}

// febrlTruth reads the entity from a Febrl id: rec-<N>-org and
// rec-<N>-dup-<k> are person N.
func febrlTruth(id string, _ map[string]any) string {
	parts := strings.Split(id, "-")
	if len(parts) >= 2 {
		return parts[1]
	}
	return id
}

func clusterTruth(_ string, attrs map[string]any) string {
	if c, ok := attrs["cluster"].(string); ok {
		return c
	}
	return fmt.Sprint(attrs["cluster"])
}

// PublicSets are the labelled public sets the README reports on.
var PublicSets = []LinkageSet{
	{"febrl1", "er/dataset1.csv", "febrl.yaml", febrlTruth},
	{"febrl2", "er/dataset2.csv", "febrl.yaml", febrlTruth},
	{"febrl3", "er/dataset3.csv", "febrl.yaml", febrlTruth},
	{"fake_1000", "er/fake_1000.csv", "fake_1000.yaml", clusterTruth},
}

// LinkageResult is the measured quality of linking one set.
type LinkageResult struct {
	Set     string
	Records int
	// Rings is the pairwise quality of the rings (connected components);
	// Pairs that of the linked pairs alone, before transitive closure.
	Rings, Pairs link.Quality
	Took         time.Duration
}

// Linkage links one labelled set at the default threshold and measures it.
func Linkage(ctx context.Context, dataDir, mappingsDir string, set LinkageSet, opts link.Options) (LinkageResult, error) {
	m, err := ingest.LoadMapping(filepath.Join(mappingsDir, set.Mapping))
	if err != nil {
		return LinkageResult{}, err
	}
	start := time.Now()
	secret := []byte("evaluation-only-secret-0123456789")
	keyer := normalize.NewKeyer(secret)
	batch := link.NewBatch(nil, opts)
	truth := make(map[string]string)
	var problems []string
	_, err = ingest.Read(ctx, []string{filepath.Join(dataDir, set.File)}, ingest.Options{Mapping: m},
		func(items []ingest.Item) error {
			recs := make([]*ringer.Record, len(items))
			for i := range items {
				recs[i] = items[i].Record
			}
			feats := link.ExtractAll(keyer, recs, true, 0)
			for i, it := range items {
				if r := it.Record; r != nil {
					batch.Add(feats[i])
					truth[r.ID] = set.Truth(r.ID, r.Attributes)
				}
			}
			return nil
		}, func(p ingest.Problem) {
			if p.Severity == ingest.SeverityError {
				problems = append(problems, p.Error())
			}
		})
	if err != nil {
		return LinkageResult{}, err
	}
	if len(problems) > 0 {
		return LinkageResult{}, fmt.Errorf("%s: %d lines refused, first: %s", set.File, len(problems), problems[0])
	}
	res, err := batch.Run(ctx)
	if err != nil {
		return LinkageResult{}, err
	}
	took := time.Since(start)
	rings := make(map[string]string, len(res.IDs))
	for i, id := range res.IDs {
		rings[id] = fmt.Sprint(res.Ring[i])
	}
	out := LinkageResult{Set: set.Name, Records: len(res.IDs), Took: took, Rings: link.PairwiseQuality(truth, rings)}
	out.Pairs = pairQuality(truth, res)
	return out, nil
}

// pairQuality measures the linked pairs themselves against the truth.
func pairQuality(truth map[string]string, res *link.Result) link.Quality {
	size := make(map[string]int64)
	for _, t := range truth {
		size[t]++
	}
	var q link.Quality
	for _, n := range size {
		q.TruePairs += n * (n - 1) / 2
	}
	for i := range res.Links {
		p := &res.Links[i]
		q.PredictedPairs++
		if truth[res.IDs[p.A]] == truth[res.IDs[p.B]] {
			q.CorrectPairs++
		}
	}
	if q.PredictedPairs > 0 {
		q.Precision = float64(q.CorrectPairs) / float64(q.PredictedPairs)
	}
	if q.TruePairs > 0 {
		q.Recall = float64(q.CorrectPairs) / float64(q.TruePairs)
	}
	if q.Precision+q.Recall > 0 {
		q.F1 = 2 * q.Precision * q.Recall / (q.Precision + q.Recall)
	}
	return q
}
