package detect

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/ringerhq/ringer"
)

// Interview checks the video interviews: camera refusals, declined checks,
// a face or voice that changes between rounds, what interviewers noticed,
// and where the candidate connected from.
//
// Signals: interview.camera_off, interview.declined_liveness,
// interview.refused_location_check, interview.face_changed,
// interview.voice_changed, interview.behaviour, interview.anonymizer_ip,
// interview.ip_country_mismatch.
type Interview struct{ env *env }

// Perceptual-hash distances (Hamming, of 64 bits) between face photos:
// two photos of one face rarely differ in more than about ten bits, two
// different faces differ in about half of them. FaceChangedBits is where
// interview.face_changed starts; at FaceChangedFullBits it has full weight.
const (
	FaceChangedBits     = 18
	FaceChangedFullBits = 28
)

// behaviourObservations are the interviewer observations that
// interview.behaviour reports.
var behaviourObservations = []string{ringer.ObsReadingAnswers, ringer.ObsOtherVoices,
	ringer.ObsFaceArtifacts, ringer.ObsAudioVideoDesync, ringer.ObsVirtualBackground}

// Detect implements ringer.Detector.
func (d *Interview) Detect(ctx context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	var (
		interviews, cameraKnown, cameraOff int
		offAt                              []string
		obsCount                           = map[string]int{}
		ips                                []string
		photos                             []interviewPhoto
	)
	for i := range s.Events {
		ev := &s.Events[i]
		if ev.Type != ringer.EventInterview {
			continue
		}
		interviews++
		if ev.CameraOn != nil {
			cameraKnown++
			if !*ev.CameraOn {
				cameraOff++
				offAt = append(offAt, eventTime(ev))
			}
		}
		seen := map[string]bool{}
		for _, o := range ev.Observations {
			o = strings.ToLower(strings.TrimSpace(o))
			if !seen[o] {
				seen[o] = true
				obsCount[o]++
			}
		}
		if ev.ParticipantIP != "" {
			ips = append(ips, ev.ParticipantIP)
		}
		if ev.Photo != nil {
			if h, ok := parsePHash(ev.Photo.PHash); ok {
				photos = append(photos, interviewPhoto{at: eventTime(ev), hash: h})
			}
		}
	}
	if interviews == 0 {
		return nil, ctx.Err()
	}
	var out []ringer.Signal
	if cameraOff > 0 {
		// Strength is the share of interviews held without video; one
		// camera-off call among several is a bad connection, all of them is
		// a refusal.
		w := 0.3 + 0.7*float64(cameraOff)/float64(cameraKnown)
		out = append(out, signal("interview.camera_off", w,
			fmt.Sprintf("camera off in %d of %d interviews", cameraOff, cameraKnown),
			map[string]any{"interviews": cameraKnown, "camera_off": cameraOff, "at": offAt}, citePSA2023))
	}
	if n := obsCount[ringer.ObsDeclinedLiveness]; n > 0 {
		out = append(out, signal("interview.declined_liveness", 0.7+0.3*float64(n)/float64(interviews),
			fmt.Sprintf("declined a liveness check in %d of %d interviews", n, interviews),
			map[string]any{"interviews": interviews, "declined": n}, citePSA2025))
	}
	if n := obsCount[ringer.ObsRefusedLocationChk]; n > 0 {
		out = append(out, signal("interview.refused_location_check", 0.7+0.3*float64(n)/float64(interviews),
			fmt.Sprintf("refused a location check in %d of %d interviews", n, interviews),
			map[string]any{"interviews": interviews, "refused": n}, citeMandiant))
	}
	if n := obsCount[ringer.ObsVoiceChanged]; n > 0 {
		out = append(out, signal("interview.voice_changed", 0.6+0.4*float64(n)/float64(interviews),
			fmt.Sprintf("voice changed between or within interviews (%d of %d)", n, interviews),
			map[string]any{"interviews": interviews, "observed": n}, citeJasperSleet))
	}
	var which []string
	total := 0
	for _, o := range behaviourObservations {
		if n := obsCount[o]; n > 0 {
			which = append(which, o)
			total += n
		}
	}
	if len(which) > 0 {
		// Each kind of observation is weak alone (nerves, a slow link);
		// several kinds together, or in several rounds, are not.
		w := 0.25*float64(len(which)) + 0.1*float64(total-len(which))
		out = append(out, signal("interview.behaviour", w,
			fmt.Sprintf("interviewers noted %s", strings.Join(which, ", ")),
			map[string]any{"observations": which, "count": total, "interviews": interviews}, citePSA2025))
	}
	if sig, ok := faceChanged(&s.Record, photos); ok {
		out = append(out, sig)
	}
	out = append(out, ipSignals(d.env, &s.Record, ips, "interview", "the interview connection", citeMandiant)...)
	return out, ctx.Err()
}

type interviewPhoto struct {
	at   string
	hash uint64
}

// faceChanged compares interview photos with the application's photos and
// with each other; the largest distance that no photo of the application
// explains is reported.
func faceChanged(r *ringer.Record, photos []interviewPhoto) (ringer.Signal, bool) {
	if len(photos) == 0 {
		return ringer.Signal{}, false
	}
	var app []uint64
	for _, p := range r.Photos {
		if h, ok := parsePHash(p.PHash); ok {
			app = append(app, h)
		}
	}
	worst, against := 0, ""
	// Against the application: the distance to the nearest application
	// photo, since a person may send several.
	for _, p := range photos {
		if len(app) == 0 {
			break
		}
		best := 64
		for _, a := range app {
			best = min(best, bits.OnesCount64(a^p.hash))
		}
		if best > worst {
			worst, against = best, "application photo"
		}
	}
	// Between rounds.
	for i := range photos {
		for j := i + 1; j < len(photos); j++ {
			if dist := bits.OnesCount64(photos[i].hash ^ photos[j].hash); dist > worst {
				worst, against = dist, "another interview round"
			}
		}
	}
	if worst < FaceChangedBits {
		return ringer.Signal{}, false
	}
	w := 0.6 + 0.4*clamp01(float64(worst-FaceChangedBits)/float64(FaceChangedFullBits-FaceChangedBits))
	at := make([]string, 0, len(photos))
	for _, p := range photos {
		at = append(at, p.at)
	}
	slices.Sort(at)
	return signal("interview.face_changed", w,
		fmt.Sprintf("the face in the interview differs from the %s (%d of 64 hash bits)", against, worst),
		map[string]any{"distance_bits": worst, "threshold_bits": FaceChangedBits, "compared_with": against,
			"interview_photos": len(photos), "application_photos": len(app), "at": at}, citeJasperSleet), true
}

// parsePHash reads a 64-bit perceptual hash written as 16 hex digits.
func parsePHash(s string) (uint64, bool) {
	s = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "0x")
	if len(s) != 16 {
		return 0, false
	}
	h, err := strconv.ParseUint(s, 16, 64)
	return h, err == nil
}

func eventTime(ev *ringer.Event) string {
	if ev.At.IsZero() {
		return ""
	}
	return ev.At.UTC().Format("2006-01-02T15:04:05Z")
}
