package contractjson

import "github.com/ringerhq/ringer"

// Event decodes the JSON object b into e as ringer.Event.UnmarshalJSON
// does, when b is plain (see the package comment); b must be valid UTF-8.
// It reports false for anything else, and for invalid JSON, and then
// leaves e in an unspecified state. A member the contract does not name
// makes b not plain, so e.Unknown is always nil. TestEvent and FuzzEvent
// hold it to UnmarshalJSON.
func Event(b []byte, e *ringer.Event) bool {
	*e = ringer.Event{}
	d := jreader{b: b}
	d.ws()
	ok := d.object(func(key []byte) bool {
		switch string(key) {
		case "event":
			return d.str(&e.Type)
		case "record_id":
			return d.str(&e.RecordID)
		case "at":
			return d.time(&e.At)
		case "seq":
			return d.int64(&e.Seq)
		case "ip":
			return d.str(&e.IP)
		case "device_id":
			return d.str(&e.DeviceID)
		case "mfa_device_id":
			return d.str(&e.MFADeviceID)
		case "user_agent":
			return d.str(&e.UserAgent)
		case "app":
			return d.str(&e.App)
		case "success":
			return d.boolean(&e.Success)
		case "camera_on":
			return d.boolean(&e.CameraOn)
		case "observations":
			return d.strings(&e.Observations)
		case "participant_ip":
			return d.str(&e.ParticipantIP)
		case "photo":
			return pointer(&d, &e.Photo, d.photo)
		case "interviewer":
			return d.str(&e.Interviewer)
		case "address":
			return pointer(&d, &e.Address, d.address)
		case "requested_change":
			return d.boolean(&e.RequestedChange)
		case "software":
			return array(&d, &e.Software, d.software)
		case "usb":
			return array(&d, &e.USB, d.usb)
		case "wifi":
			return pointer(&d, &e.WiFi, d.wifi)
		case "public_ip":
			return d.str(&e.PublicIP)
		case "account":
			return pointer(&d, &e.Account, d.payout)
		case "kind":
			return d.str(&e.Kind)
		case "p50_ms":
			return d.float(&e.P50Ms)
		case "samples":
			return d.int(&e.Samples)
		case "provider":
			return d.str(&e.Provider)
		case "result":
			return d.str(&e.Result)
		case "face_match":
			return d.result(&e.FaceMatch)
		case "liveness":
			return d.result(&e.Liveness)
		}
		return false
	})
	if !ok {
		return false
	}
	d.ws()
	return d.i == len(d.b)
}

func (d *jreader) software(s *ringer.Software) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "name":
			return d.str(&s.Name)
		case "version":
			return d.str(&s.Version)
		case "path":
			return d.str(&s.Path)
		case "bundle_id":
			return d.str(&s.BundleID)
		}
		return false
	})
}

func (d *jreader) usb(u *ringer.USBDevice) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "vendor_id":
			return d.str(&u.VendorID)
		case "product_id":
			return d.str(&u.ProductID)
		case "vendor":
			return d.str(&u.Vendor)
		case "product":
			return d.str(&u.Product)
		case "serial":
			return d.str(&u.Serial)
		}
		return false
	})
}

func (d *jreader) wifi(w *ringer.WiFi) bool {
	if d.isNull() {
		return true
	}
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "bssid":
			return d.str(&w.BSSID)
		case "ssid":
			return d.str(&w.SSID)
		}
		return false
	})
}

// result reads a check result as encoding/json reads a *ringer.Result:
// null sets *p to nil without calling Result's UnmarshalJSON; a boolean,
// a number or a string is read by that method into a new Result, which
// holds the boolean in Pass, the number (as a float64, as encoding/json
// reads one into an interface) in Score, or the string in Word.
func (d *jreader) result(p **ringer.Result) bool {
	if d.isNull() {
		*p = nil
		return true
	}
	if d.i >= len(d.b) {
		return false
	}
	r := new(ringer.Result)
	switch c := d.b[d.i]; {
	case c == '"':
		s, ok := d.quoted()
		if !ok {
			return false
		}
		r.Word = s
	case c == 't' || c == 'f':
		v, ok := d.boolValue()
		if !ok {
			return false
		}
		r.Pass = &v
	default:
		v, ok := d.floatValue()
		if !ok {
			return false
		}
		r.Score = &v
	}
	*p = r
	return true
}
