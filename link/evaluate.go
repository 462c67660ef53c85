package link

// Quality is the pairwise quality of a clustering against the truth: a
// pair of records counts as predicted when both are in one ring, and as
// true when both belong to one true entity.
type Quality struct {
	TruePairs, PredictedPairs, CorrectPairs int64
	Precision, Recall, F1                   float64
}

// PairwiseQuality compares predicted clusters with true ones. Both map
// record id to a cluster label; records missing from predicted count as
// alone. Counts come from the contingency table, so no pair list is built.
func PairwiseQuality(truth, predicted map[string]string) Quality {
	trueSize := make(map[string]int64)
	predSize := make(map[string]int64)
	cell := make(map[[2]string]int64)
	for id, t := range truth {
		p, ok := predicted[id]
		if !ok {
			p = "\x00" + id
		}
		trueSize[t]++
		predSize[p]++
		cell[[2]string{t, p}]++
	}
	var q Quality
	for _, n := range trueSize {
		q.TruePairs += n * (n - 1) / 2
	}
	for _, n := range predSize {
		q.PredictedPairs += n * (n - 1) / 2
	}
	for _, n := range cell {
		q.CorrectPairs += n * (n - 1) / 2
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
