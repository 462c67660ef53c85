package link

import (
	"context"
	"errors"
	"fmt"

	"github.com/ringerhq/ringer"
)

// resumeVerifyMargin is how far under the near-duplicate threshold an
// estimated résumé similarity is still checked on the texts. The estimate's
// standard error is about 0.04 around the threshold, so a pair truly at
// the threshold is estimated above threshold−0.15 all but once in ten
// thousand; pairs estimated lower are left as they are.
const resumeVerifyMargin = 0.15

// recordReader is the part of a store that returns a stored record; the
// stored graph reads résumé texts through it to settle borderline pairs.
type recordReader interface {
	Record(ctx context.Context, id string) (ringer.Record, error)
}

// resumeTexts finds the résumé texts of the records an update compares:
// the update's own subjects first, then the store when it can return
// records. Texts are read at most once per update.
type resumeTexts struct {
	store recordReader // nil when the store cannot return records
	texts map[string]string
}

func newResumeTexts(store GraphStore, subjects []Subject) *resumeTexts {
	rt := &resumeTexts{texts: make(map[string]string)}
	rt.store, _ = store.(recordReader)
	for _, s := range subjects {
		if s.Record.Resume != nil {
			rt.texts[s.Record.ID] = s.Record.Resume.Text
		} else {
			rt.texts[s.Record.ID] = ""
		}
	}
	return rt
}

// text returns a record's résumé text, ok false when it cannot be read.
func (rt *resumeTexts) text(ctx context.Context, id string) (string, bool, error) {
	if t, ok := rt.texts[id]; ok {
		return t, t != "", nil
	}
	if rt.store == nil {
		return "", false, nil
	}
	r, err := rt.store.Record(ctx, id)
	if errors.Is(err, ringer.ErrNotFound) {
		rt.texts[id] = ""
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read résumé of %s: %w", id, err)
	}
	t := ""
	if r.Resume != nil {
		t = r.Resume.Text
	}
	rt.texts[id] = t
	return t, t != "", nil
}

// settleResume decides a résumé pair whose estimated similarity is within
// resumeVerifyMargin of the threshold, on either side, by the exact
// similarity of the two texts, and re-decides whether the pair is a link.
// Pairs estimated far from the threshold, or whose texts cannot be read,
// are left as estimated.
func (rt *resumeTexts) settleResume(ctx context.Context, p *Pair, a, b string, fa, fb *Features, o *Options, m *Model) error {
	if fa.Resume == nil || fb.Resume == nil {
		return nil
	}
	est := fa.Resume.Similarity(fb.Resume)
	if est < o.ResumeSimilarity-resumeVerifyMargin || est >= o.ResumeSimilarity+resumeVerifyMargin {
		return nil
	}
	ta, ok, err := rt.text(ctx, a)
	if err != nil || !ok {
		return err
	}
	tb, ok, err := rt.text(ctx, b)
	if err != nil || !ok {
		return err
	}
	p.ResumeSimilarity, p.ResumeExact = 0, true
	if j := ResumeJaccard(ta, tb); j >= o.ResumeSimilarity {
		p.ResumeSimilarity = j
	}
	p.Linked = len(p.Shared) > 0 || p.ResumeSimilarity > 0 || p.PhotoDistance >= 0 ||
		p.Probability >= m.Threshold
	return nil
}
