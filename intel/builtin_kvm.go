package intel

// builtinKVMCitation cites why IP-KVMs are an indicator and where the
// identifiers below come from.
const builtinKVMCitation = "ringer built-in catalogue, from vendor documentation and the " +
	"ipkvm-watch indicator list (github.com/LivingInSyn/ipkvm-watch); indicator: Mandiant, " +
	"\"Staying a Step Ahead: Mitigating the DPRK IT Worker Threat\" (2024-09-23) on IP-KVM " +
	"devices (PiKVM, TinyPilot) in laptop farms; DOJ laptop-farm cases (e.g. U.S. v. Chapman, D.D.C. 2024)"

// builtinKVMs are the IP-KVM products with the USB identities their
// firmware presents to the host by default.
//
//   - PiKVM: kvmd's OTG defaults are manufacturer "PiKVM", product
//     "PiKVM Composite Device", serial "CAFEBABE", on the Linux gadget ids
//     1d6b:0104; it announces pikvm.local.
//   - TinyPilot: manufacturer "tinypilot", product "Multifunction USB
//     Device", serial "6b65796d696d6570690" (hex of "keymimepi"), on
//     1d6b:0104; tinypilot.local.
//   - JetKVM: manufacturer "JetKVM", product "USB Emulation Device", on
//     1d6b:0104; jetkvm.local.
//   - GL.iNet Comet (GLKVM, PiKVM-derived): manufacturer "GLKVM", serial
//     "CAFEBABE", on 1d6b:0104; Windows shows "glinet"; glkvm.local.
//   - BliKVM (PiKVM-derived): manufacturer "BliKVM", on 1d6b:0104 or its
//     own 1493:1572; blikvm.local.
//   - Sipeed NanoKVM: its own ids 3346:1009, manufacturer "sipeed",
//     product "NanoKVM".
//   - Aurga: manufacturer "Aurga", on 1d6b:0104.
func builtinKVMs() []kvmEntry {
	gadget := usbID{linuxGadgetVID, linuxGadgetPID}
	return []kvmEntry{
		{Vendor: "PiKVM", Source: "builtin", USB: []usbID{gadget},
			Strings: []string{"pikvm", "pi-kvm"}, Serials: []string{"cafebabe"}, MDNS: []string{"pikvm.local"}},
		{Vendor: "TinyPilot", Source: "builtin", USB: []usbID{gadget},
			Strings: []string{"tinypilot"}, Serials: []string{"6b65796d696d6570690"}, MDNS: []string{"tinypilot.local"}},
		{Vendor: "JetKVM", Source: "builtin", USB: []usbID{gadget},
			Strings: []string{"jetkvm"}, MDNS: []string{"jetkvm.local"}},
		{Vendor: "GL.iNet Comet", Source: "builtin", USB: []usbID{gadget},
			Strings: []string{"glkvm", "glinet", "gl.inet"}, MDNS: []string{"glkvm.local"}},
		{Vendor: "BliKVM", Source: "builtin", USB: []usbID{gadget, {"1493", "1572"}},
			Strings: []string{"blikvm"}, MDNS: []string{"blikvm.local"}},
		{Vendor: "NanoKVM", Source: "builtin", USB: []usbID{{"3346", "1009"}},
			Strings: []string{"nanokvm", "sipeed"}},
		{Vendor: "Aurga", Source: "builtin", USB: []usbID{gadget},
			Strings: []string{"aurga"}},
	}
}
