package link

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/photo"
)

// Features are what the linker keeps of a record to compare it with
// others: folded names, the birth date, the home address in parts, contact
// identifiers, the keyed strong identifiers, a MinHash signature of the
// résumé and photo hashes. They are computed once per record.
type Features struct {
	ID string `json:"id"`

	Given  string `json:"g,omitempty"` // folded given names, space-separated
	Family string `json:"f,omitempty"` // folded family names, space-separated
	// Other holds further folded name tokens (middle names, aliases).
	Other []string `json:"o,omitempty"`

	Birth ringer.Date `json:"b,omitzero"`

	Number   string `json:"an,omitempty"`
	Street   string `json:"as,omitempty"`
	Line2    string `json:"a2,omitempty"`
	City     string `json:"ac,omitempty"`
	Postcode string `json:"ap,omitempty"`
	Region   string `json:"ar,omitempty"`

	// Emails and Documents are canonical values when the features are
	// kept in memory for a batch, and keyed (HMAC) values when they are
	// stored; keyed values compare by equality only. Phones are always
	// keyed E.164 numbers.
	Emails    []string `json:"e,omitempty"`
	Phones    []string `json:"p,omitempty"`
	Documents []string `json:"d,omitempty"`
	// Keyed is true when Emails, Phones and Documents hold keyed values.
	Keyed bool `json:"k,omitempty"`

	// Strong are the keyed identifiers that link records on their own
	// ("kind:key"): shared e-mail, phone, document, payout account, wallet,
	// shipping address, photo file, profile, device, MFA device.
	Strong []string `json:"s,omitempty"`
	// Weak are keyed identifiers shared by honest people too (home
	// address, public IP, Wi-Fi network): kept so detectors can ask who
	// else has them, never a link on their own.
	Weak []string `json:"w,omitempty"`

	// Resume is the résumé's MinHash signature. Its key is "rs" since the
	// signature became 128 8-bit bins; personas stored with the earlier
	// 32-bin signature under "r" read back without one (no résumé
	// comparison) until their record is linked again.
	Resume *Signature `json:"rs,omitempty"`
	Photos []uint64   `json:"ph,omitempty"`

	ReferredBy string `json:"ref,omitempty"`

	// packed holds Strong as tagged hashes while in a Batch.
	packed []uint64
}

// strongKinds are the identifier kinds that link two records on their own.
// Home addresses and public IPs are shared by honest people (families,
// offices) and never link alone.
var strongKinds = map[ringer.IdentifierKind]bool{
	ringer.IDEmail: true, ringer.IDPhone: true, ringer.IDDocument: true,
	ringer.IDPayoutAccount: true, ringer.IDWallet: true, ringer.IDDevice: true,
	ringer.IDMFADevice: true, ringer.IDShipping: true, ringer.IDPhoto: true,
	ringer.IDProfile: true,
}

// IsStrong reports whether an identifier kind links two records on its own.
func IsStrong(k ringer.IdentifierKind) bool { return strongKinds[k] }

// Extract computes the features of a record and of the events seen for it.
// keyer keys the strong identifiers. When keepRaw is false, e-mails, phones
// and document numbers are kept only keyed.
func Extract(k *normalize.Keyer, r *ringer.Record, events []ringer.Event, keepRaw bool) *Features {
	f := &Features{ID: r.ID, Birth: r.BirthDate, ReferredBy: r.ReferredBy}

	pn := normalize.Name(r.Name)
	f.Given = strings.Join(pn.Given, " ")
	f.Family = strings.Join(pn.Family, " ")
	f.Other = append(f.Other, pn.Middle...)
	if f.Given == "" && f.Family == "" && len(pn.Full) > 0 {
		f.Given = strings.Join(pn.Full, " ")
	}

	// Identifiers, e-mails and the home address are normalised in one
	// walk of the record.
	norm := normalize.Normalize(k, r)
	if i := norm.HomeIndex; i >= 0 {
		na := &norm.Home
		f.Number, f.Street, f.City, f.Postcode, f.Region = na.Number, na.Street, na.City, na.Postcode, na.Region
		if l2 := r.Addresses[i].Line2; l2 != "" {
			f.Line2 = strings.Join(normalize.NameTokens(l2), " ")
		}
	}
	f.Emails = norm.Emails
	for _, d := range r.Documents {
		if c := normalize.Document(d.Type, d.Country, d.Number); c != "" {
			f.Documents = append(f.Documents, c)
		}
	}
	if !keepRaw {
		f.Keyed = true
		f.Emails = keyAll(k, ringer.IDEmail, f.Emails)
		f.Documents = keyAll(k, ringer.IDDocument, f.Documents)
	}

	// A record has a handful of identifiers, which a scan checks for
	// repeats faster than a set; one with many events gets a set.
	var seen map[string]bool
	add := func(id ringer.Identifier) {
		if seen != nil {
			if seen[id.Key] {
				return
			}
			seen[id.Key] = true
		} else if slices.Contains(f.Strong, id.Key) || slices.Contains(f.Weak, id.Key) {
			return
		}
		if IsStrong(id.Kind) {
			f.Strong = append(f.Strong, id.Key)
		} else {
			f.Weak = append(f.Weak, id.Key)
		}
		if seen == nil && len(f.Strong)+len(f.Weak) > 32 {
			seen = make(map[string]bool)
			for _, k := range f.Strong {
				seen[k] = true
			}
			for _, k := range f.Weak {
				seen[k] = true
			}
		}
	}
	for _, id := range norm.Identifiers {
		add(id)
		if id.Kind == ringer.IDPhone {
			// Phones compare by their keyed E.164 form: parsing a number
			// is the dearest step of normalisation, so it is done once.
			f.Phones = append(f.Phones, id.Key)
		}
	}
	for i := range events {
		for _, id := range normalize.EventIdentifiers(k, &events[i]) {
			add(id)
		}
	}

	if r.Resume != nil && r.Resume.Text != "" {
		f.Resume = MinHash(r.Resume.Text)
	}
	for _, p := range r.Photos {
		if h, err := photo.ParseHex(p.PHash); err == nil {
			f.Photos = append(f.Photos, h)
		}
	}
	for i := range events {
		if e := &events[i]; e.Type == ringer.EventInterview && e.Photo != nil {
			// Interview photos are the record's face too: a near-duplicate
			// of another persona's photo links them.
			if h, err := photo.ParseHex(e.Photo.PHash); err == nil {
				f.Photos = append(f.Photos, h)
			}
		}
	}
	return f
}

func keyAll(k *normalize.Keyer, kind ringer.IdentifierKind, vs []string) []string {
	for i, v := range vs {
		vs[i] = k.Key(kind, v)
	}
	return vs
}

// ExtractAll computes the features of many records on workers goroutines
// (GOMAXPROCS when 0); nil records give nil features.
func ExtractAll(k *normalize.Keyer, recs []*ringer.Record, keepRaw bool, workers int) []*Features {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]*Features, len(recs))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(recs); i += workers {
				if recs[i] != nil {
					out[i] = Extract(k, recs[i], nil, keepRaw)
				}
			}
		}(w)
	}
	wg.Wait()
	return out
}
