package intel

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	ringer "github.com/ringerhq/ringer"
)

// KVM confidences.
const (
	// ConfidenceHigh: the device names an IP-KVM product (its USB ids are
	// the product's own, or its manufacturer, product or serial strings
	// are the product's defaults).
	ConfidenceHigh = "high"
	// ConfidenceLow: the device is a generic Linux USB gadget (VID 1d6b
	// PID 0104), which every IP-KVM built on a Linux board presents but
	// so do other gadgets.
	ConfidenceLow = "low"
)

// KVM is an IP-KVM device a catalogue knows.
type KVM struct {
	// Vendor is the product family: "PiKVM", "TinyPilot", "JetKVM"…
	Vendor string `json:"vendor"`
	// Product says what matched: the product string, or the USB ids.
	Product    string `json:"product,omitempty"`
	Source     string `json:"source"`
	Confidence string `json:"confidence"`
	// MatchedOn lists what matched: "usb_id", "manufacturer",
	// "product", "serial".
	MatchedOn []string `json:"matched_on,omitempty"`
}

// linuxGadgetVID and linuxGadgetPID are the Linux Foundation's
// "Multifunction Composite Gadget" ids (usb.ids), the default of the
// Linux USB gadget framework that PiKVM, TinyPilot, JetKVM, GL.iNet Comet,
// BliKVM and Aurga all present.
const (
	linuxGadgetVID = "1d6b"
	linuxGadgetPID = "0104"
)

// IPKVM matches a USB device against the IP-KVM catalogues: product
// specific vendor/product ids, manufacturer and product strings, default
// serials. VID 1d6b PID 0104 alone is the generic Linux gadget and matches
// with low confidence unless a string or serial names a product.
func (s *Set) IPKVM(dev ringer.USBDevice) (KVM, bool) {
	return s.kvms.match(dev)
}

// IPKVMHost matches an mDNS or host name ("pikvm.local") against the
// names IP-KVMs announce by default.
func (s *Set) IPKVMHost(name string) (KVM, bool) {
	n := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
	for _, e := range s.kvms.entries {
		for _, h := range e.MDNS {
			if n == h || strings.TrimSuffix(n, ".local") == strings.TrimSuffix(h, ".local") {
				return KVM{Vendor: e.Vendor, Source: e.Source, Confidence: ConfidenceHigh, MatchedOn: []string{"mdns"}}, true
			}
		}
	}
	return KVM{}, false
}

// kvmEntry is one IP-KVM product as a catalogue describes it.
type kvmEntry struct {
	Vendor string
	Source string
	// USB ids (lower-case hex, 4 digits) the product presents.
	USB []usbID
	// Strings are lower-case words that, found in a device's
	// manufacturer or product string, name the product.
	Strings []string
	// Serials are default serial numbers, compared case-insensitively.
	Serials []string
	MDNS    []string
}

// minKVMWord is the shortest catalogue word matched inside a device
// string: shorter ones ("kvm", "gl") occur in unrelated products.
const minKVMWord = 4

type usbID struct{ vid, pid string }

type kvmCatalogue struct {
	entries []kvmEntry
}

func newKVMCatalogue() *kvmCatalogue { return &kvmCatalogue{} }

// add merges entries by vendor; it returns how many were added.
func (c *kvmCatalogue) add(es []kvmEntry) int {
	for _, e := range es {
		i := slices.IndexFunc(c.entries, func(x kvmEntry) bool { return strings.EqualFold(x.Vendor, e.Vendor) })
		if i < 0 {
			c.entries = append(c.entries, kvmEntry{Vendor: e.Vendor, Source: e.Source})
			i = len(c.entries) - 1
		}
		x := &c.entries[i]
		for _, id := range e.USB {
			if !slices.Contains(x.USB, id) {
				x.USB = append(x.USB, id)
			}
		}
		x.Strings = appendNew(x.Strings, e.Strings...)
		x.Serials = appendNew(x.Serials, e.Serials...)
		x.MDNS = appendNew(x.MDNS, e.MDNS...)
	}
	return len(es)
}

func appendNew(dst []string, vs ...string) []string {
	for _, v := range vs {
		v = strings.ToLower(strings.TrimSpace(v))
		if v != "" && !slices.Contains(dst, v) {
			dst = append(dst, v)
		}
	}
	return dst
}

// normUSBID normalises a USB id as lsusb, osquery or Windows print it
// ("1D6B", "0x1d6b", "1d6b") to four lower-case hex digits.
func normUSBID(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "0x")
	if len(s) > 4 {
		return s
	}
	return strings.Repeat("0", 4-len(s)) + s
}

func (c *kvmCatalogue) match(dev ringer.USBDevice) (KVM, bool) {
	id := usbID{normUSBID(dev.VendorID), normUSBID(dev.ProductID)}
	gadget := id == usbID{linuxGadgetVID, linuxGadgetPID}
	manu := strings.ToLower(dev.Vendor)
	prod := strings.ToLower(dev.Product)
	serial := strings.ToLower(strings.TrimSpace(dev.Serial))
	var best KVM
	bestScore := 0
	for _, e := range c.entries {
		var on []string
		specificID := false
		for _, u := range e.USB {
			if u == id && dev.VendorID != "" {
				on = append(on, "usb_id")
				specificID = !gadget
				break
			}
		}
		for _, w := range e.Strings {
			if len(w) >= minKVMWord && manu != "" && strings.Contains(manu, w) {
				on = append(on, "manufacturer")
				break
			}
		}
		for _, w := range e.Strings {
			if len(w) >= minKVMWord && prod != "" && strings.Contains(prod, w) {
				on = append(on, "product")
				break
			}
		}
		serialHit := false
		if serial != "" && slices.Contains(e.Serials, serial) {
			// A default serial is only telling on a gadget: "cafebabe"
			// on some other device proves nothing.
			if gadget {
				on = append(on, "serial")
				serialHit = true
			}
		}
		strHit := slices.Contains(on, "manufacturer") || slices.Contains(on, "product")
		score := 0
		switch {
		case specificID || strHit:
			score = 3
		case serialHit:
			score = 2
		}
		if score > bestScore {
			bestScore = score
			product := dev.Product
			if product == "" {
				product = id.vid + ":" + id.pid
			}
			best = KVM{Vendor: e.Vendor, Product: product, Source: e.Source, Confidence: ConfidenceHigh, MatchedOn: on}
		}
	}
	if bestScore > 0 {
		return best, true
	}
	if gadget {
		return KVM{Vendor: "Linux USB gadget", Product: linuxGadgetVID + ":" + linuxGadgetPID,
			Source: "builtin", Confidence: ConfidenceLow, MatchedOn: []string{"usb_id"}}, true
	}
	return KVM{}, false
}

// ipkvmWatch is the part of ipkvm-watch's indicators.yaml ringer reads.
type ipkvmWatch struct {
	Network struct {
		MDNS map[string][]string `yaml:"mdns"`
	} `yaml:"network"`
	USB map[string][]struct {
		VID          string `yaml:"vid"`
		PID          string `yaml:"pid"`
		Serial       string `yaml:"serial"`
		Manufacturer string `yaml:"manufacturer"`
		// The upstream key is misspelled; both spellings are read.
		WindowsSearchSring  string `yaml:"windows_search_sring"`
		WindowsSearchString string `yaml:"windows_search_string"`
	} `yaml:"usb"`
}

// parseIPKVMWatch reads ipkvm-watch's indicators.yaml.
func parseIPKVMWatch(name string, data []byte) ([]kvmEntry, error) {
	var w ipkvmWatch
	if err := yaml.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("%s: not an ipkvm-watch indicators file: %w", name, err)
	}
	if len(w.USB) == 0 && len(w.Network.MDNS) == 0 {
		return nil, fmt.Errorf("%s: %w: no usb or network.mdns indicators", name, errNoEntries)
	}
	byVendor := map[string]*kvmEntry{}
	get := func(v string) *kvmEntry {
		k := strings.ToLower(v)
		if e, ok := byVendor[k]; ok {
			return e
		}
		e := &kvmEntry{Vendor: v, Source: "ipkvm-watch"}
		byVendor[k] = e
		return e
	}
	for vendor, devs := range w.USB {
		e := get(vendor)
		for i, d := range devs {
			vid, pid := normUSBID(d.VID), normUSBID(d.PID)
			if !isHex4(vid) || !isHex4(pid) {
				return nil, fmt.Errorf("%s: usb.%s[%d]: vid %q pid %q are not 4-digit hex USB ids", name, vendor, i, clip(d.VID), clip(d.PID))
			}
			e.USB = append(e.USB, usbID{vid, pid})
			e.Serials = appendNew(e.Serials, d.Serial)
			e.Strings = appendNew(e.Strings, d.Manufacturer, d.WindowsSearchSring, d.WindowsSearchString)
		}
	}
	for vendor, names := range w.Network.MDNS {
		e := get(vendor)
		e.MDNS = appendNew(e.MDNS, names...)
	}
	out := make([]kvmEntry, 0, len(byVendor))
	for _, e := range byVendor {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b kvmEntry) int { return strings.Compare(a.Vendor, b.Vendor) })
	return out, nil
}

func isHex4(s string) bool {
	if len(s) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
