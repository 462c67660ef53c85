package ringer

import "time"

// Band is the coarse risk level of an assessment. ringer never decides:
// a band tells an analyst how soon to look.
type Band string

// The bands, from least to most urgent.
const (
	BandClear    Band = "clear"
	BandReview   Band = "review"
	BandHigh     Band = "high"
	BandCritical Band = "critical"
)

// Rank orders bands: clear 0, review 1, high 2, critical 3, unknown -1.
func (b Band) Rank() int {
	switch b {
	case BandClear:
		return 0
	case BandReview:
		return 1
	case BandHigh:
		return 2
	case BandCritical:
		return 3
	}
	return -1
}

// Signal is one piece of evidence about a record: what fired, how much it
// weighs, the data that fired it and the public source of the indicator.
type Signal struct {
	// Code names the signal, "<stage>.<what>", e.g. link.shared_payout_account.
	Code   string  `json:"code"`
	Weight float64 `json:"weight"`
	// Detail is one sentence a person can read.
	Detail string `json:"detail"`
	// Evidence is the data that fired the signal: record ids, counts, IPs.
	Evidence map[string]any `json:"evidence,omitempty"`
	// Indicator cites the public source of the indicator.
	Indicator string `json:"indicator,omitempty"`
}

// Assessment is what ringer answers about one record: a score in 0..100,
// a band, the signals behind them, the ring the record belongs to and any
// watchlist hits.
type Assessment struct {
	RecordID  string         `json:"record_id"`
	Score     int            `json:"score"`
	Band      Band           `json:"band"`
	Signals   []Signal       `json:"signals"`
	Ring      *Ring          `json:"ring,omitempty"`
	Watchlist []WatchlistHit `json:"watchlist,omitempty"`
	// Rules lists the ids of the policy rules that fired.
	Rules      []string  `json:"rules,omitempty"`
	Policy     string    `json:"policy"`
	AssessedAt time.Time `json:"assessed_at"`
	// Stale is set on a stored assessment that is out of date and about to
	// be replaced: the record's ring gained or lost a member or a link
	// after it was assessed, and it waits to be re-assessed (see
	// Batch.Stale). Its score and ring are those it was last assessed on.
	Stale bool `json:"stale,omitempty"`
}

// WatchlistHit is a match of a record against one entry of a sanctions or
// indicator list.
type WatchlistHit struct {
	List  string  `json:"list"`
	Entry string  `json:"entry"`
	Score float64 `json:"score"`
	Why   string  `json:"why"`
}
