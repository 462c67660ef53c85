package detect

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/intel"
)

// Endpoint checks the inventories of a worker's corporate devices:
// remote-access tools (above all one beside the tool the organisation
// deploys), IP-KVM hardware, and other workers' devices on the same Wi-Fi
// network or public address.
//
// Public addresses the worker also signs in from are left to
// network.shared_ip_workers, so one address is not counted twice.
//
// Signals: endpoint.remote_access_tool, endpoint.second_remote_access_tool,
// endpoint.ip_kvm, endpoint.shared_wifi, endpoint.shared_public_ip.
type Endpoint struct{ env *env }

// toolSeen is one remote-access tool found on the worker's devices.
type toolSeen struct {
	tool    intel.Tool
	devices []string
}

// Detect implements ringer.Detector.
func (d *Endpoint) Detect(ctx context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	tools := map[string]*toolSeen{}
	var order []string
	type kvmSeen struct {
		kvm     intel.KVM
		usb     ringer.USBDevice
		devices []string
	}
	kvms := map[string]*kvmSeen{}
	var kvmOrder []string
	inventories := 0
	for i := range s.Events {
		ev := &s.Events[i]
		if ev.Type != ringer.EventEndpointInventory {
			continue
		}
		inventories++
		for _, sw := range ev.Software {
			t, ok := d.env.intel.RemoteAccessTool(sw)
			if !ok {
				continue
			}
			k := strings.ToLower(t.Name)
			ts := tools[k]
			if ts == nil {
				ts = &toolSeen{tool: t}
				tools[k] = ts
				order = append(order, k)
			}
			ts.devices = appendUnique(ts.devices, ev.DeviceID)
		}
		for _, u := range ev.USB {
			kv, ok := d.env.intel.IPKVM(u)
			if !ok {
				continue
			}
			k := strings.ToLower(kv.Vendor + "/" + kv.Product + "/" + u.VendorID + ":" + u.ProductID)
			ks := kvms[k]
			if ks == nil {
				ks = &kvmSeen{kvm: kv, usb: u}
				kvms[k] = ks
				kvmOrder = append(kvmOrder, k)
			} else if kv.Confidence == "high" && ks.kvm.Confidence != "high" {
				ks.kvm = kv
			}
			ks.devices = appendUnique(ks.devices, ev.DeviceID)
		}
	}
	if inventories == 0 {
		return nil, ctx.Err()
	}
	var out []ringer.Signal
	out = append(out, d.toolSignals(tools, order)...)
	if len(kvmOrder) > 0 {
		var ev []map[string]any
		w := 0.0
		for _, k := range kvmOrder {
			ks := kvms[k]
			cw := 0.5
			if ks.kvm.Confidence == "high" {
				cw = 1
			}
			w = max(w, cw)
			ev = append(ev, map[string]any{"vendor": ks.kvm.Vendor, "product": ks.kvm.Product,
				"vendor_id": ks.usb.VendorID, "product_id": ks.usb.ProductID, "confidence": ks.kvm.Confidence,
				"catalogue": ks.kvm.Source, "devices": ks.devices})
		}
		first := kvms[kvmOrder[0]].kvm
		out = append(out, signal("endpoint.ip_kvm", w,
			fmt.Sprintf("an IP-KVM device (%s %s) is attached to a corporate device", first.Vendor, first.Product),
			map[string]any{"kvms": ev}, citeDOJ2025))
	}
	shared, err := d.shared(ctx, s)
	if err != nil {
		return out, fmt.Errorf("endpoint %s: %w", s.Record.ID, err)
	}
	return append(out, shared...), ctx.Err()
}

// toolSignals raises endpoint.remote_access_tool for tools the
// organisation does not deploy and endpoint.second_remote_access_tool when
// one sits beside another: the sanctioned tool is how IT reaches the
// laptop, a second one is how someone else does.
func (d *Endpoint) toolSignals(tools map[string]*toolSeen, order []string) []ringer.Signal {
	var sanctioned, other []*toolSeen
	for _, k := range order {
		if d.env.sanctioned[k] {
			sanctioned = append(sanctioned, tools[k])
		} else {
			other = append(other, tools[k])
		}
	}
	if len(other) == 0 {
		return nil
	}
	describe := func(ts []*toolSeen) ([]map[string]any, []string) {
		var ev []map[string]any
		var names []string
		for _, t := range ts {
			names = append(names, t.tool.Name)
			ev = append(ev, map[string]any{"tool": t.tool.Name, "category": t.tool.Category,
				"catalogue": t.tool.Source, "devices": t.devices})
		}
		return ev, names
	}
	ev, names := describe(other)
	// A remote-access trojan is worse than a remote-management product that
	// IT departments also use.
	w := 0.6
	for _, t := range other {
		if strings.EqualFold(t.tool.Category, "rat") {
			w = 1
		}
	}
	out := []ringer.Signal{signal("endpoint.remote_access_tool", w,
		fmt.Sprintf("remote-access software the organisation does not deploy: %s", strings.Join(names, ", ")),
		map[string]any{"tools": ev}, citeMandiant)}
	if len(sanctioned)+len(other) >= 2 {
		sev, snames := describe(sanctioned)
		w2, why := 0.7, "two or more remote-access tools on one worker's devices"
		if len(sanctioned) > 0 {
			w2, why = 1, fmt.Sprintf("%s beside the sanctioned %s", strings.Join(names, ", "), strings.Join(snames, ", "))
		}
		out = append(out, signal("endpoint.second_remote_access_tool", w2, why,
			map[string]any{"sanctioned": sev, "others": ev}, citePSA2024))
	}
	return out
}

// shared asks which other workers' devices sit on the same Wi-Fi network or
// behind the same public address.
func (d *Endpoint) shared(ctx context.Context, s *ringer.Subject) ([]ringer.Signal, error) {
	cr := newCrossRef(d.env, s)
	if cr == nil {
		return nil, nil
	}
	signInIPs := map[netip.Addr]bool{}
	for i := range s.Events {
		if ev := &s.Events[i]; ev.Type == ringer.EventSignIn && ev.IP != "" {
			if a, err := netip.ParseAddr(strings.TrimSpace(ev.IP)); err == nil {
				signInIPs[a.Unmap()] = true
			}
		}
	}
	// Inventories repeat: look each address and network up once.
	type looked struct {
		addr netip.Addr
		info intel.IPInfo
		ok   bool
	}
	lookups := map[string]looked{}
	lookup := func(ip string) looked {
		l, hit := lookups[ip]
		if !hit {
			l.addr, l.info, l.ok = d.env.ipInfo(ip)
			lookups[ip] = l
		}
		return l
	}
	seenRaw := map[string]bool{}
	var out []ringer.Signal
	wifiStrangers, ipStrangers := map[string]bool{}, map[string]bool{}
	var wifiEv, ipEv []map[string]any
	ipBest := 0.0
	done := map[string]bool{}
	for i := range s.Events {
		ev := &s.Events[i]
		if ev.Type != ringer.EventEndpointInventory {
			continue
		}
		if ev.WiFi != nil && ev.WiFi.BSSID != "" && !seenRaw["wifi\x00"+ev.WiFi.BSSID+"\x00"+ev.PublicIP] {
			seenRaw["wifi\x00"+ev.WiFi.BSSID+"\x00"+ev.PublicIP] = true
			// A Wi-Fi network at the office is shared by design: skip it when
			// the device's public address is a corporate range.
			corporate := false
			if ev.PublicIP != "" {
				if l := lookup(ev.PublicIP); l.ok && hasLabel(l.info, "corporate") {
					corporate = true
				}
			}
			for _, k := range cr.eventKey(ev, ringer.IDWiFi) {
				if corporate || done[k] {
					continue
				}
				done[k] = true
				ids, err := cr.others(ctx, k)
				if err != nil {
					return nil, err
				}
				st, _, err := cr.classify(ctx, &s.Record, ids)
				if err != nil {
					return nil, err
				}
				if len(st) == 0 {
					continue
				}
				for _, id := range st {
					wifiStrangers[id] = true
				}
				wifiEv = append(wifiEv, map[string]any{"bssid": strings.ToLower(ev.WiFi.BSSID), "device_id": ev.DeviceID,
					"records": firstN(st, 20), "others": len(st)})
			}
		}
		if ev.PublicIP == "" || seenRaw["ip\x00"+ev.PublicIP] {
			continue
		}
		seenRaw["ip\x00"+ev.PublicIP] = true
		l := lookup(ev.PublicIP)
		addr, info := l.addr, l.info
		if !l.ok || signInIPs[addr] || hasLabel(info, "corporate") {
			continue
		}
		for _, k := range cr.eventKey(ev, ringer.IDPublicIP) {
			if done[k] {
				continue
			}
			done[k] = true
			ids, err := cr.others(ctx, k)
			if err != nil {
				return nil, err
			}
			st, _, err := cr.classify(ctx, &s.Record, ids)
			if err != nil {
				return nil, err
			}
			if len(st) == 0 {
				continue
			}
			kinds, _ := anonymity(info)
			w, where := sharedIPWeight(len(st), signIn{info: info, kinds: kinds}, &s.Record)
			ipBest = max(ipBest, w)
			for _, id := range st {
				ipStrangers[id] = true
			}
			ipEv = append(ipEv, map[string]any{"ip": addr.String(), "device_id": ev.DeviceID,
				"records": firstN(st, 20), "others": len(st), "location": where})
		}
	}
	if n := len(wifiStrangers); n > 0 {
		// One access point reaches one building: other workers' laptops on
		// it sit in one room. One other device is most often a partner
		// whose home address is not on record; several are a farm.
		w := countWeight(n)
		if n == 1 {
			w = 0.3
		}
		out = append(out, signal("endpoint.shared_wifi", w,
			fmt.Sprintf("devices of %d other worker%s join the same Wi-Fi access point", n, plural(n)),
			map[string]any{"networks": wifiEv, "others": n}, citeChapman))
	}
	if n := len(ipStrangers); n > 0 && ipBest > 0 {
		out = append(out, signal("endpoint.shared_public_ip", ipBest,
			fmt.Sprintf("devices of %d other worker%s are behind the same public address", n, plural(n)),
			map[string]any{"ips": ipEv, "others": n}, citeChapman))
	}
	slices.SortStableFunc(out, func(a, b ringer.Signal) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}
