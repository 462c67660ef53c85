package detect

import (
	"context"
	"fmt"
	"strings"

	"github.com/ringerhq/ringer"
)

// Document reports identity-document checks that did not pass: the
// overall result, the face match against the document, or liveness.
//
// Signal: document.check_failed.
type Document struct{ env *env }

// Detect implements ringer.Detector.
func (d *Document) Detect(ctx context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	var ev []map[string]any
	w := 0.0
	checks := 0
	for i := range s.Events {
		e := &s.Events[i]
		if e.Type != ringer.EventDocumentCheck {
			continue
		}
		checks++
		var failed []string
		cw := 0.0
		switch strings.ToLower(strings.TrimSpace(e.Result)) {
		case "fail", "failed", "rejected", "declined":
			failed = append(failed, "result")
			cw = 1
		case "review", "manual_review", "needs_review":
			failed = append(failed, "result_review")
			cw = 0.3
		}
		if e.FaceMatch != nil {
			if pass, ok := e.FaceMatch.Passed(); ok && !pass {
				failed = append(failed, "face_match")
				cw = max(cw, 0.9)
			}
		}
		if e.Liveness != nil {
			if pass, ok := e.Liveness.Passed(); ok && !pass {
				failed = append(failed, "liveness")
				cw = max(cw, 0.9)
			}
		}
		if len(failed) == 0 {
			continue
		}
		w = max(w, cw)
		m := map[string]any{"provider": e.Provider, "failed": failed}
		if at := eventTime(e); at != "" {
			m["at"] = at
		}
		ev = append(ev, m)
	}
	if len(ev) == 0 {
		return nil, ctx.Err()
	}
	return []ringer.Signal{signal("document.check_failed", w,
		fmt.Sprintf("%d of %d identity document checks did not pass (%s)", len(ev), checks, strings.Join(ev[0]["failed"].([]string), ", ")),
		map[string]any{"checks": ev, "total": checks}, citePSA2023)}, ctx.Err()
}
