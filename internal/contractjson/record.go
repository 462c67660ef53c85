package contractjson

import "github.com/ringerhq/ringer"

// Record decodes the JSON object b into r as ringer.Record.UnmarshalJSON
// does, when b is plain (see the package comment); b must be valid UTF-8.
// It reports false for anything else, and for invalid JSON, and then
// leaves r in an unspecified state. sawID reports an "id" member.
// TestRecord and FuzzRecord hold it to UnmarshalJSON.
func Record(b []byte, r *ringer.Record) (ok, sawID bool) {
	*r = ringer.Record{}
	d := jreader{b: b}
	d.ws()
	ok = d.object(func(key []byte) bool {
		switch string(key) {
		case "id":
			sawID = true
			return d.str(&r.ID)
		case "source":
			return d.str(&r.Source)
		case "kind":
			return d.str(&r.Kind)
		case "observed_at":
			return d.time(&r.ObservedAt)
		case "name":
			return d.name(&r.Name)
		case "aliases":
			return d.strings(&r.Aliases)
		case "birth_date":
			return d.date(&r.BirthDate)
		case "birth_place":
			return d.str(&r.BirthPlace)
		case "emails":
			return d.strings(&r.Emails)
		case "phones":
			return d.phones(&r.Phones)
		case "addresses":
			return array(&d, &r.Addresses, d.address)
		case "documents":
			return array(&d, &r.Documents, d.document)
		case "payout_accounts":
			return array(&d, &r.PayoutAccounts, d.payout)
		case "profiles":
			return array(&d, &r.Profiles, d.profile)
		case "photos":
			return array(&d, &r.Photos, d.photo)
		case "resume":
			return pointer(&d, &r.Resume, d.resume)
		case "claimed":
			return d.claimed(&r.Claimed)
		case "referred_by":
			return d.str(&r.ReferredBy)
		case "attributes":
			// Free-form: left to encoding/json unless empty.
			return d.null()
		}
		return false
	})
	if !ok {
		return false, false
	}
	d.ws()
	return d.i == len(d.b), sawID
}

func (d *jreader) name(n *ringer.Name) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "full":
			return d.str(&n.Full)
		case "given":
			return d.str(&n.Given)
		case "middle":
			return d.str(&n.Middle)
		case "family":
			return d.str(&n.Family)
		}
		return false
	})
}

// phones reads phones as ringer.Phone's UnmarshalJSON reads each: a
// string is the number, an object has a number and a line type, null is
// an empty phone.
func (d *jreader) phones(s *[]ringer.Phone) bool {
	return array(d, s, func(p *ringer.Phone) bool {
		if d.i < len(d.b) && d.b[d.i] == '"' {
			v, ok := d.quoted()
			p.Number = v
			return ok
		}
		if d.isNull() {
			return true
		}
		return d.object(func(key []byte) bool {
			switch string(key) {
			case "number":
				return d.str(&p.Number)
			case "line_type":
				return d.str(&p.LineType)
			}
			return false
		})
	})
}

func (d *jreader) address(a *ringer.Address) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "use":
			return d.str(&a.Use)
		case "line1":
			return d.str(&a.Line1)
		case "line2":
			return d.str(&a.Line2)
		case "city":
			return d.str(&a.City)
		case "region":
			return d.str(&a.Region)
		case "postcode":
			return d.str(&a.Postcode)
		case "country":
			return d.str(&a.Country)
		case "raw":
			return d.str(&a.Raw)
		}
		return false
	})
}

func (d *jreader) document(doc *ringer.Document) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "type":
			return d.str(&doc.Type)
		case "country":
			return d.str(&doc.Country)
		case "number":
			return d.str(&doc.Number)
		}
		return false
	})
}

func (d *jreader) payout(a *ringer.PayoutAccount) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "type":
			return d.str(&a.Type)
		case "country":
			return d.str(&a.Country)
		case "routing":
			return d.str(&a.Routing)
		case "number":
			return d.str(&a.Number)
		case "holder":
			return d.str(&a.Holder)
		case "network":
			return d.str(&a.Network)
		case "value":
			return d.str(&a.Value)
		}
		return false
	})
}

func (d *jreader) profile(p *ringer.Profile) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "site":
			return d.str(&p.Site)
		case "handle":
			return d.str(&p.Handle)
		case "url":
			return d.str(&p.URL)
		case "created_at":
			return d.date(&p.CreatedAt)
		case "earliest_activity":
			return d.date(&p.EarliestActivity)
		case "followers":
			return d.int(&p.Followers)
		}
		return false
	})
}

func (d *jreader) photo(p *ringer.Photo) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "phash":
			return d.str(&p.PHash)
		case "sha256":
			return d.str(&p.SHA256)
		case "path":
			return d.str(&p.Path)
		}
		return false
	})
}

func (d *jreader) resume(r *ringer.Resume) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "text":
			return d.str(&r.Text)
		case "path":
			return d.str(&r.Path)
		}
		return false
	})
}

func (d *jreader) claimed(c *ringer.Claimed) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "country":
			return d.str(&c.Country)
		case "city":
			return d.str(&c.City)
		case "timezone":
			return d.str(&c.Timezone)
		}
		return false
	})
}
