package detect

import (
	"context"
	"fmt"

	"github.com/ringerhq/ringer"
)

// Keystroke compares the keystroke latency measured on a worker's session
// with the deployment's norm. A laptop driven from another continent
// through a remote-access tool or an IP-KVM adds the round trip to every
// keystroke.
//
// Signal: keystroke.latency_high.
type Keystroke struct{ env *env }

// Keystroke latency thresholds. There is no public table of expected
// latency by region, so the baseline is the deployment's own (Config) or
// DefaultKeystrokeBaselineMs, and the signal fires only well above it.
const (
	// DefaultKeystrokeBaselineMs is the median keystroke latency assumed
	// for a worker typing on the laptop in front of them when the
	// deployment has not measured its own: local input plus a collection
	// agent's processing, which agents report at tens of milliseconds and
	// honest populations measured end to end put near 100 ms.
	DefaultKeystrokeBaselineMs = 60
	// KeystrokeFactor and KeystrokeMarginMs set the threshold: the latency
	// must exceed both factor × baseline and baseline + margin. With the
	// default baseline that is 150 ms: above the 110 ms Amazon reported,
	// leaving room for a slow agent or home network.
	KeystrokeFactor   = 2.5
	KeystrokeMarginMs = 70
	// MinKeystrokeSamples is the fewest keystrokes a measurement rests on.
	MinKeystrokeSamples = 100
)

// Detect implements ringer.Detector.
func (d *Keystroke) Detect(ctx context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	var sum float64
	samples, measures := 0, 0
	for i := range s.Events {
		ev := &s.Events[i]
		if ev.Type != ringer.EventKeystrokeLatency || ev.P50Ms <= 0 || ev.Samples <= 0 {
			continue
		}
		sum += ev.P50Ms * float64(ev.Samples)
		samples += ev.Samples
		measures++
	}
	if samples < MinKeystrokeSamples {
		return nil, ctx.Err()
	}
	p50 := sum / float64(samples)
	base := d.env.keyBase
	threshold := max(base*KeystrokeFactor, base+KeystrokeMarginMs)
	if p50 < threshold {
		return nil, ctx.Err()
	}
	// At the threshold the instance is moderate; at twice the threshold
	// (a trans-Pacific round trip on top) it is full.
	w := 0.5 + 0.5*clamp01((p50-threshold)/threshold)
	return []ringer.Signal{signal("keystroke.latency_high", w,
		fmt.Sprintf("median keystroke latency %.0f ms, above the %.0f ms threshold (baseline %.0f ms)", p50, threshold, base),
		map[string]any{"p50_ms": round2(p50), "baseline_ms": base, "threshold_ms": threshold,
			"samples": samples, "measurements": measures}, citeAmazon)}, ctx.Err()
}
