package detect

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"
	_ "time/tzdata" // claimed time zones must load on hosts without a zoneinfo database

	"github.com/ringerhq/ringer"
)

// Activity estimates the UTC offset a worker really keeps from when they
// work (commits, chats, tickets) and sign in, and compares it with the
// claimed time zone.
//
// Hours of the day are angles on a circle. The circular mean of the
// samples' UTC hours is where the worker's day is centred; assuming that a
// working day is centred at WorkdayCentre local time, the effective offset
// is WorkdayCentre minus that mean. The resultant length R (0 when the
// hours are spread round the clock, 1 when all fall at one hour) says how
// concentrated the day is. The signal fires only with at least
// MinActivitySamples samples, R ≥ MinConcentration and an offset at least
// MinOffsetGapHours from the claimed one.
//
// It also reads the clock the worker's machine keeps: activity events are
// stamped with local time and its UTC offset, and when most of them carry
// an offset at least MinClockGapHours from the claimed zone's at that
// instant, the machine is set to another zone than the worker claims to
// live in. Stamps in UTC ("Z") say nothing about the machine and are left
// out; a trip abroad moves a minority of the stamps and does not fire.
//
// Signals: activity.timezone_mismatch, activity.device_clock_mismatch.
type Activity struct{ env *env }

// The thresholds of activity.timezone_mismatch.
const (
	// WorkdayCentre is the local hour a working day is assumed to be
	// centred on (a 9-to-6 day with a lunch break centres mid-afternoon).
	WorkdayCentre = 14.0
	// MinActivitySamples is the fewest timestamps an estimate rests on.
	MinActivitySamples = 20
	// MinConcentration is the least resultant length: below it the hours
	// are too spread (shift work, an on-call rota) to have a centre.
	MinConcentration = 0.45
	// MinOffsetGapHours is the smallest gap between the estimated and the
	// claimed offset that fires. Smaller ones are early birds and night
	// owls: a day centred at 20:00 local reads as six hours off. Office
	// hours in Pyongyang (UTC+9) or Shenyang (UTC+8) against any U.S. zone
	// are eight to twelve hours apart.
	MinOffsetGapHours = 7.0
	// FullOffsetGapHours is the gap at which the signal has full weight.
	FullOffsetGapHours = 10.0
)

// The thresholds of activity.device_clock_mismatch.
const (
	// MinClockStamps is the fewest offset-bearing activity stamps the
	// signal rests on.
	MinClockStamps = 5
	// MinClockGapHours is the smallest gap between a stamp's offset and the
	// claimed zone's that counts as another zone (an hour is daylight
	// saving time, or a neighbouring zone).
	MinClockGapHours = 2.0
	// MinClockShare is the least share of stamps in another zone that
	// fires: a trip abroad moves fewer.
	MinClockShare = 0.6
)

// OffsetEstimate is what the circular statistics say about when a worker
// works.
type OffsetEstimate struct {
	// Samples is how many timestamps were used.
	Samples int
	// MeanUTCHour is the circular mean hour of day in UTC, 0..24.
	MeanUTCHour float64
	// Resultant is the mean resultant length R, 0..1.
	Resultant float64
	// SpreadHours is the circular standard deviation, in hours (+Inf when
	// R is 0).
	SpreadHours float64
	// OffsetHours is the estimated UTC offset, -12..+12, in half hours.
	OffsetHours float64
	// Histogram counts the samples per UTC hour.
	Histogram [24]int
}

// EstimateOffset estimates the effective UTC offset of a set of instants.
// ok is false when there are none.
func EstimateOffset(times []time.Time) (est OffsetEstimate, ok bool) {
	var sx, sy float64
	for _, t := range times {
		u := t.UTC()
		h := float64(u.Hour()) + float64(u.Minute())/60 + float64(u.Second())/3600
		a := h / 24 * 2 * math.Pi
		sx += math.Cos(a)
		sy += math.Sin(a)
		est.Histogram[u.Hour()]++
		est.Samples++
	}
	if est.Samples == 0 {
		return est, false
	}
	n := float64(est.Samples)
	est.Resultant = math.Hypot(sx, sy) / n
	mean := math.Atan2(sy, sx) / (2 * math.Pi) * 24
	if mean < 0 {
		mean += 24
	}
	est.MeanUTCHour = math.Round(mean*100) / 100
	if est.Resultant > 0 {
		est.SpreadHours = math.Round(math.Sqrt(-2*math.Log(est.Resultant))/(2*math.Pi)*24*100) / 100
	} else {
		est.SpreadHours = math.Inf(1)
	}
	off := WorkdayCentre - mean
	off = wrapOffset(off)
	est.OffsetHours = math.Round(off*2) / 2
	if est.OffsetHours < -12 { // rounding can step just past the edge
		est.OffsetHours += 24
	}
	est.Resultant = math.Round(est.Resultant*1000) / 1000
	return est, true
}

// wrapOffset brings an offset in hours into -12..+12. Activity cannot tell
// UTC+13 from UTC-11; offsetGap compares offsets on the circle, so either
// reading gives the same gap.
func wrapOffset(h float64) float64 {
	h = math.Mod(h, 24)
	if h < -12 {
		h += 24
	}
	if h > 12 {
		h -= 24
	}
	return h
}

// offsetGap is the circular distance between two UTC offsets, 0..12.
func offsetGap(a, b float64) float64 {
	d := math.Abs(math.Mod(a-b, 24))
	if d > 12 {
		d = 24 - d
	}
	return d
}

// Detect implements ringer.Detector.
func (d *Activity) Detect(ctx context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	tz := s.Record.Claimed.Timezone
	if tz == "" {
		return nil, ctx.Err()
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		// An unknown zone name is the record's problem, reported by ingest;
		// there is nothing to compare against.
		return nil, ctx.Err()
	}
	var out []ringer.Signal
	if sg, ok := deviceClock(s.Events, loc, tz); ok {
		out = append(out, sg)
	}
	var times []time.Time
	activity, signins := 0, 0
	for i := range s.Events {
		ev := &s.Events[i]
		if ev.At.IsZero() {
			continue
		}
		switch ev.Type {
		case ringer.EventActivity:
			activity++
		case ringer.EventSignIn:
			if ev.Success != nil && !*ev.Success {
				continue
			}
			signins++
		default:
			continue
		}
		times = append(times, ev.At)
	}
	est, ok := EstimateOffset(times)
	if !ok || est.Samples < MinActivitySamples || est.Resultant < MinConcentration {
		return out, ctx.Err()
	}
	// The claimed offset at the samples' median instant, so that daylight
	// saving time is the one in force while the worker worked.
	mid := slices.Clone(times)
	slices.SortFunc(mid, func(a, b time.Time) int { return a.Compare(b) })
	_, secs := mid[len(mid)/2].In(loc).Zone()
	claimed := float64(secs) / 3600
	gap := offsetGap(est.OffsetHours, claimed)
	if gap < MinOffsetGapHours {
		return out, ctx.Err()
	}
	// Seven hours apart is a late night owl or a day worked abroad; ten or
	// more is a day worked on the other side of the world. A concentrated
	// day is surer.
	w := (0.3 + 0.7*clamp01((gap-MinOffsetGapHours)/(FullOffsetGapHours-MinOffsetGapHours))) * clamp01(est.Resultant/0.7)
	return append(out, signal("activity.timezone_mismatch", w,
		fmt.Sprintf("works as if at UTC%s, but claims %s (UTC%s), %.1f hours apart",
			fmtOffset(est.OffsetHours), tz, fmtOffset(claimed), gap),
		map[string]any{
			"estimated_utc_offset": est.OffsetHours,
			"claimed_utc_offset":   claimed,
			"claimed_timezone":     tz,
			"gap_hours":            gap,
			"mean_utc_hour":        est.MeanUTCHour,
			"resultant_length":     est.Resultant,
			"spread_hours":         est.SpreadHours,
			"samples":              est.Samples,
			"activity_events":      activity,
			"sign_ins":             signins,
			"utc_hours_histogram":  est.Histogram[:],
		}, citeMandiant)), ctx.Err()
}

// deviceClock compares the UTC offsets activity events are stamped with
// with the claimed zone's offset at the same instants.
func deviceClock(evs []ringer.Event, loc *time.Location, tz string) (ringer.Signal, bool) {
	stamps, away := 0, 0
	seen := make(map[string]int) // offset → stamps in another zone
	for i := range evs {
		ev := &evs[i]
		if ev.Type != ringer.EventActivity || ev.At.IsZero() || ev.At.Location() == time.UTC {
			continue
		}
		_, secs := ev.At.Zone()
		_, claimed := ev.At.In(loc).Zone()
		stamps++
		if offsetGap(float64(secs)/3600, float64(claimed)/3600) >= MinClockGapHours {
			away++
			seen["UTC"+fmtOffset(float64(secs)/3600)]++
		}
	}
	if stamps < MinClockStamps {
		return ringer.Signal{}, false
	}
	share := float64(away) / float64(stamps)
	if share < MinClockShare {
		return ringer.Signal{}, false
	}
	top, topN := "", 0
	for off, n := range seen {
		if n > topN || (n == topN && off < top) {
			top, topN = off, n
		}
	}
	w := 0.4 + 0.6*clamp01((share-MinClockShare)/(1-MinClockShare))
	return signal("activity.device_clock_mismatch", w,
		fmt.Sprintf("%d of %d activity stamps come from a machine clock set to %s, not the claimed %s", away, stamps, top, tz),
		map[string]any{
			"stamps":            stamps,
			"in_another_zone":   away,
			"offsets":           seen,
			"claimed_timezone":  tz,
			"most_common_clock": top,
		}, citeMandiant), true
}

// fmtOffset writes an offset in hours as "+9", "-5", "+5:30".
func fmtOffset(h float64) string {
	sign := "+"
	if h < 0 {
		sign, h = "-", -h
	}
	whole := int(h)
	if mins := int(math.Round((h - float64(whole)) * 60)); mins != 0 {
		return fmt.Sprintf("%s%d:%02d", sign, whole, mins)
	}
	return fmt.Sprintf("%s%d", sign, whole)
}
