package link

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ringerhq/ringer"
)

// Evidence kinds of near-duplicate and same-person links; shared strong
// identifiers use their IdentifierKind as the kind.
const (
	EvidenceResume     = "resume_near_duplicate"
	EvidencePhoto      = "photo_near_duplicate"
	EvidenceSamePerson = "same_person"
	// evidenceHousehold marks a link between records with the same home
	// address: context for the signals, no weight of its own.
	evidenceHousehold = "same_home_address"
)

// comparePair compares two records' features completely: the same-person
// model, shared strong identifiers, résumé and photo similarity.
func comparePair(a, b *Features, m *Model, o *Options, nameFreq float64) Pair {
	v := Compare(a, b)
	p := Pair{Vector: v, Probability: m.Probability(v, nameFreq), NameFrequency: nameFreq, PhotoDistance: -1}
	for _, k := range a.Strong {
		if slices.Contains(b.Strong, k) {
			kind, _, _ := strings.Cut(k, ":")
			if !slices.Contains(p.Shared, ringer.IdentifierKind(kind)) {
				p.Shared = append(p.Shared, ringer.IdentifierKind(kind))
			}
		}
	}
	if a.Resume != nil && b.Resume != nil {
		if s := a.Resume.Similarity(b.Resume); s >= o.ResumeSimilarity {
			p.ResumeSimilarity = s
		}
	}
	if len(a.Photos) > 0 && len(b.Photos) > 0 {
		if d := minPhotoDistance(a.Photos, b.Photos); d <= o.PhotoDistance {
			p.PhotoDistance = d
		}
	}
	for _, k := range a.Weak {
		if strings.HasPrefix(k, string(ringer.IDAddress)+":") && slices.Contains(b.Weak, k) {
			p.Household = true
		}
	}
	p.Linked = len(p.Shared) > 0 || p.ResumeSimilarity > 0 || p.PhotoDistance >= 0 ||
		p.Probability >= m.Threshold
	return p
}

// Link turns a linked pair into an edge of the identity graph with its
// evidence: each shared strong identifier (weight 1), résumé and photo
// near-duplicates (weight the similarity), and the same-person model's
// field-by-field explanation when it is above the threshold.
func (p *Pair) Link(a, b string, m *Model) ringer.Link {
	if a > b {
		a, b = b, a
	}
	l := ringer.Link{A: a, B: b, Score: round3(p.Score())}
	for _, k := range p.Shared {
		l.Evidence = append(l.Evidence, ringer.Evidence{Kind: string(k), Weight: 1,
			Detail: "same " + strings.ReplaceAll(string(k), "_", " ")})
	}
	if p.Household {
		l.Evidence = append(l.Evidence, ringer.Evidence{Kind: evidenceHousehold, Weight: 0,
			Detail: "both records give the same home address"})
	}
	if p.ResumeSimilarity > 0 {
		detail := fmt.Sprintf("résumés share about %.0f%% of their word sequences", 100*p.ResumeSimilarity)
		if p.ResumeExact {
			detail = fmt.Sprintf("résumés share %.0f%% of their word sequences (counted on the texts)", 100*p.ResumeSimilarity)
		}
		l.Evidence = append(l.Evidence, ringer.Evidence{Kind: EvidenceResume, Weight: round3(p.ResumeSimilarity), Detail: detail})
	}
	if p.PhotoDistance >= 0 {
		l.Evidence = append(l.Evidence, ringer.Evidence{Kind: EvidencePhoto, Weight: round3(1 - float64(p.PhotoDistance)/64),
			Detail: fmt.Sprintf("photo hashes differ in %d of 64 bits", p.PhotoDistance)})
	}
	if p.Probability >= m.Threshold {
		parts := make([]string, 0, 4)
		for _, e := range m.Explain(p.Vector, p.NameFrequency) {
			parts = append(parts, e.Detail)
		}
		l.Evidence = append(l.Evidence, ringer.Evidence{Kind: EvidenceSamePerson, Weight: round3(p.Probability),
			Detail: fmt.Sprintf("same person with probability %.2f: %s", p.Probability, strings.Join(parts, "; "))})
	}
	return l
}
