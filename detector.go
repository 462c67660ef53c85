package ringer

import "context"

// Subject is what a detector looks at: one record with its events, the
// links that touch it and the ring it is in.
type Subject struct {
	Record Record
	Events []Event
	Links  []Link
	Ring   *Ring
	// Graph answers questions about other records: who else shares an
	// identifier. It may be nil in tests that need no cross-record view.
	Graph GraphReader
}

// Detector raises signals about a subject. Detectors never decide: they
// report what they saw, with its evidence and the public indicator it
// matches. The policy turns signals into a score and a band.
type Detector interface {
	Detect(ctx context.Context, s *Subject) ([]Signal, error)
}

// DetectorFunc adapts a function to the Detector interface.
type DetectorFunc func(ctx context.Context, s *Subject) ([]Signal, error)

// Detect calls f.
func (f DetectorFunc) Detect(ctx context.Context, s *Subject) ([]Signal, error) { return f(ctx, s) }
