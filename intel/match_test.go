package intel

import (
	"slices"
	"testing"

	ringer "github.com/ringerhq/ringer"
)

func TestRemoteAccessToolBuiltin(t *testing.T) {
	set := Default()
	tests := []struct {
		sw       ringer.Software
		want, on string // want "" means no match
	}{
		{ringer.Software{Name: "AnyDesk"}, "AnyDesk", "executable"},
		{ringer.Software{Name: "AnyDesk.exe"}, "AnyDesk", "executable"},
		{ringer.Software{Name: "AnyDesk", Path: "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk"}, "AnyDesk", "executable"},
		{ringer.Software{Name: "AnyDesk", BundleID: "com.philandro.anydesk"}, "AnyDesk", "bundle_id"},
		{ringer.Software{Name: "TeamViewer 15", Version: "15.52.3"}, "TeamViewer", "name"},
		{ringer.Software{Name: "TeamViewer Host"}, "TeamViewer", "name"},
		{ringer.Software{Name: "something", Path: `C:\Program Files\TeamViewer\TeamViewer_Service.exe`}, "TeamViewer", "executable"},
		{ringer.Software{Path: `C:\Program Files\TeamViewer\x\resources.dll`}, "TeamViewer", "path"},
		{ringer.Software{Name: "TV", Path: `C:\Program Files\TeamViewer\`}, "TeamViewer", "path"},
		{ringer.Software{Name: "RustDesk", BundleID: "com.carriez.rustdesk"}, "RustDesk", "bundle_id"},
		{ringer.Software{Name: "Chrome Remote Desktop Host", Version: "126.0"}, "Chrome Remote Desktop", "name"},
		{ringer.Software{Name: "remoting_host.exe"}, "Chrome Remote Desktop", "executable"},
		{ringer.Software{Path: "/opt/google/chrome-remote-desktop/chrome-remote-desktop"}, "Chrome Remote Desktop", "path"},
		{ringer.Software{Name: "ScreenConnect Client (a1b2c3d4e5f6)"}, "ScreenConnect", "name"},
		{ringer.Software{Name: "ScreenConnect.ClientService.exe"}, "ScreenConnect", "executable"},
		{ringer.Software{Path: `C:\Program Files (x86)\ScreenConnect Client (a1b2c3)\ScreenConnect.WindowsClient.exe`}, "ScreenConnect", "executable"},
		{ringer.Software{Name: "screenconnect.windowsbackstageshell.exe"}, "ScreenConnect", "executable"},
		{ringer.Software{Name: "Splashtop Streamer"}, "Splashtop", "name"},
		{ringer.Software{Name: "tv.parsec.www", BundleID: "tv.parsec.www"}, "Parsec", "bundle_id"},
		{ringer.Software{Name: "VNC Server"}, "RealVNC", "name"},
		{ringer.Software{Name: "tvnserver.exe"}, "TightVNC", "executable"},
		{ringer.Software{Name: "winvnc.exe"}, "UltraVNC", "executable"},
		{ringer.Software{Name: "rserver3.exe"}, "Radmin", "executable"},
		{ringer.Software{Name: "AA_v3.exe"}, "Ammyy Admin", "executable"},
		{ringer.Software{Name: "nxserver.exe"}, "NoMachine", "executable"},
		{ringer.Software{Name: "dwagent"}, "DWService", "executable"},
		{ringer.Software{Name: "MeshAgent.exe"}, "MeshCentral", "executable"},
		{ringer.Software{Name: "HopToDesk"}, "HopToDesk", "executable"},
		{ringer.Software{Name: "quickassist.exe"}, "Quick Assist", "executable"},
		{ringer.Software{Name: "GoToMyPC"}, "GoToMyPC", "name"},
		{ringer.Software{Name: "g2svc.exe"}, "GoToMyPC", "executable"},
		{ringer.Software{Name: "Zoho Assist"}, "Zoho Assist", "name"},
		{ringer.Software{Name: "RemotePC"}, "RemotePC", "name"},
		{ringer.Software{Name: "Supremo"}, "Supremo", "executable"},
		{ringer.Software{Name: "AeroAdmin.exe"}, "AeroAdmin", "executable"},
		{ringer.Software{Name: "LogMeIn"}, "LogMeIn", "executable"},
		// Not remote-access tools, or too generic to tell.
		{ringer.Software{Name: "Google Chrome", Path: `C:\Program Files\Google\Chrome\Application\chrome.exe`}, "", ""},
		{ringer.Software{Name: "Microsoft Teams"}, "", ""},
		{ringer.Software{Name: "Zoom"}, "", ""},
		{ringer.Software{Name: "mstsc.exe"}, "", ""},
		{ringer.Software{Name: "dwm.exe"}, "", ""},
		{ringer.Software{Name: "setup.exe"}, "", ""},
		{ringer.Software{Name: "Remote Desktop Connection"}, "", ""},
		{ringer.Software{Name: "QuickTime Player"}, "", ""},
		{ringer.Software{Name: "Parsec Studio Pro"}, "Parsec", "name"},
		{ringer.Software{Path: `C:\Program Files\WindowsApps\MicrosoftCorporationII.QuickAssist_2.0.32.0_x64\QuickAssist.dll`}, "", ""},
		{ringer.Software{}, "", ""},
	}
	for _, tt := range tests {
		got, ok := set.RemoteAccessTool(tt.sw)
		if tt.want == "" {
			if ok {
				t.Errorf("RemoteAccessTool(%+v) = %+v, want no match", tt.sw, got)
			}
			continue
		}
		if !ok || got.Name != tt.want || got.MatchedOn != tt.on || got.Source != "builtin" || got.Category == "" {
			t.Errorf("RemoteAccessTool(%+v) = %+v, %v; want %s on %s", tt.sw, got, ok, tt.want, tt.on)
		}
	}
}

func TestRemoteAccessToolBenign(t *testing.T) {
	set := Default()
	for _, sw := range benignSoftware {
		if tool, ok := set.RemoteAccessTool(sw); ok {
			t.Errorf("RemoteAccessTool(%+v) = %+v, want no match", sw, tool)
		}
	}
}

func TestRemoteAccessToolImported(t *testing.T) {
	set := loadTestdata(t, "testdata/lolrmm/rmm_tools.json")
	tests := []struct {
		sw   ringer.Software
		want string
	}{
		{ringer.Software{Name: "ExRemote.exe"}, "Example Remote"},
		{ringer.Software{Name: "exremote_svc.exe"}, "Example Remote"},
		{ringer.Software{Name: "exremote-7.2.exe"}, "Example Remote"},
		{ringer.Software{Path: `C:\Program Files\Example Remote\helper.dll`}, "Example Remote"},
		{ringer.Software{Name: "ER", Path: `C:\Program Files\Example Remote`}, "Example Remote"},
		{ringer.Software{Name: "ER", Path: `C:\Program Files\Example Remote Two`}, ""},
		{ringer.Software{Path: "/Applications/Example Remote.app/Contents/MacOS/Example Remote"}, "Example Remote"},
		{ringer.Software{Name: "Example Remote 3"}, "Example Remote"},
		{ringer.Software{Path: `D:\tools\ListyRAT\run.exe`}, "Listy RAT"},
		{ringer.Software{Name: "listyhelper.exe"}, "Listy RAT"},
		{ringer.Software{Name: "nometa.exe"}, "No Metadata Tool"},
		{ringer.Software{Name: "setup.exe"}, ""},
		{ringer.Software{Name: "dwm.exe"}, ""},
		// The built-in entry wins for a tool both catalogues know.
		{ringer.Software{Name: "AnyDesk.exe"}, "AnyDesk"},
	}
	for _, tt := range tests {
		got, ok := set.RemoteAccessTool(tt.sw)
		if got.Name != tt.want || ok != (tt.want != "") {
			t.Errorf("RemoteAccessTool(%+v) = %+v, %v; want %q", tt.sw, got, ok, tt.want)
		}
	}
	if got, _ := set.RemoteAccessTool(ringer.Software{Name: "listy.exe"}); got.Category != CategoryRAT || got.Source != "LOLRMM" {
		t.Errorf("Listy RAT: %+v", got)
	}
}

func TestIPKVM(t *testing.T) {
	builtin := Default()
	imported := loadTestdata(t, "testdata/ipkvm/indicators.yaml")
	tests := []struct {
		set          *Set
		dev          ringer.USBDevice
		vendor, conf string
		on           []string
	}{
		{builtin, ringer.USBDevice{VendorID: "1d6b", ProductID: "0104", Vendor: "PiKVM", Product: "PiKVM Composite Device", Serial: "CAFEBABE"},
			"PiKVM", ConfidenceHigh, []string{"usb_id", "manufacturer", "product", "serial"}},
		{builtin, ringer.USBDevice{VendorID: "0x1D6B", ProductID: "0x0104", Vendor: "tinypilot", Product: "Multifunction USB Device"},
			"TinyPilot", ConfidenceHigh, []string{"usb_id", "manufacturer"}},
		{builtin, ringer.USBDevice{VendorID: "1d6b", ProductID: "104", Serial: "6B65796D696D6570690"},
			"TinyPilot", ConfidenceHigh, []string{"usb_id", "serial"}},
		{builtin, ringer.USBDevice{VendorID: "1d6b", ProductID: "0104", Vendor: "JetKVM", Product: "USB Emulation Device"},
			"JetKVM", ConfidenceHigh, []string{"usb_id", "manufacturer"}},
		{builtin, ringer.USBDevice{VendorID: "1d6b", ProductID: "0104", Vendor: "GLKVM"},
			"GL.iNet Comet", ConfidenceHigh, []string{"usb_id", "manufacturer"}},
		{builtin, ringer.USBDevice{VendorID: "1493", ProductID: "1572"},
			"BliKVM", ConfidenceHigh, []string{"usb_id"}},
		{builtin, ringer.USBDevice{VendorID: "3346", ProductID: "1009", Vendor: "sipeed", Product: "NanoKVM"},
			"NanoKVM", ConfidenceHigh, []string{"usb_id", "manufacturer", "product"}},
		{builtin, ringer.USBDevice{Product: "Aurga Viewer HID"},
			"Aurga", ConfidenceHigh, []string{"product"}},
		// The generic Linux gadget alone: low confidence.
		{builtin, ringer.USBDevice{VendorID: "1d6b", ProductID: "0104", Vendor: "Linux Foundation", Product: "Multifunction Composite Gadget"},
			"Linux USB gadget", ConfidenceLow, []string{"usb_id"}},
		// A default serial on some other device proves nothing.
		{builtin, ringer.USBDevice{VendorID: "046d", ProductID: "c52b", Vendor: "Logitech", Serial: "CAFEBABE"}, "", "", nil},
		{builtin, ringer.USBDevice{VendorID: "05ac", ProductID: "024f", Vendor: "Apple Inc.", Product: "Magic Keyboard"}, "", "", nil},
		{builtin, ringer.USBDevice{Product: "KVM Switch"}, "", "", nil},
		{imported, ringer.USBDevice{VendorID: "1d6b", ProductID: "0104", Serial: "deadbeef"},
			"ExampleKVM", ConfidenceHigh, []string{"usb_id", "serial"}},
		{imported, ringer.USBDevice{VendorID: "ABCD", ProductID: "0012"},
			"OwnIDs", ConfidenceHigh, []string{"usb_id"}},
	}
	for _, tt := range tests {
		got, ok := tt.set.IPKVM(tt.dev)
		if tt.vendor == "" {
			if ok {
				t.Errorf("IPKVM(%+v) = %+v, want no match", tt.dev, got)
			}
			continue
		}
		if !ok || got.Vendor != tt.vendor || got.Confidence != tt.conf || !slices.Equal(got.MatchedOn, tt.on) {
			t.Errorf("IPKVM(%+v) = %+v, %v; want %s %s on %v", tt.dev, got, ok, tt.vendor, tt.conf, tt.on)
		}
	}
	for host, want := range map[string]string{"pikvm.local": "PiKVM", "TinyPilot.local.": "TinyPilot", "glkvm": "GL.iNet Comet", "printer.local": ""} {
		got, ok := builtin.IPKVMHost(host)
		if got.Vendor != want || ok != (want != "") {
			t.Errorf("IPKVMHost(%q) = %+v, %v; want %q", host, got, ok, want)
		}
	}
}

func TestEmailDomain(t *testing.T) {
	builtin := Default()
	imported := loadTestdata(t, "testdata/domains/disposable-extra.txt", "testdata/domains/allowlist.txt")
	tests := []struct {
		set    *Set
		domain string
		want   DomainInfo
	}{
		{builtin, "mailinator.com", DomainInfo{Disposable: true}},
		{builtin, "Someone@Mailinator.COM", DomainInfo{Disposable: true}},
		{builtin, "yopmail.com.", DomainInfo{Disposable: true}},
		{builtin, "x@mx.guerrillamail.com", DomainInfo{Disposable: true}},
		{builtin, "gmail.com", DomainInfo{Free: true}},
		{builtin, "kim.minji@naver.com", DomainInfo{Free: true}},
		{builtin, "wang@163.com", DomainInfo{Free: true}},
		{builtin, "a@proton.me", DomainInfo{Free: true}},
		{builtin, "someone@example.com", DomainInfo{}},
		{builtin, "com", DomainInfo{}},
		{builtin, "", DomainInfo{}},
		{imported, "a@throwaway.example", DomainInfo{Disposable: true}},
		{imported, "a@x.burner.example", DomainInfo{Disposable: true}},
		// The allow list overrides the built-in disposable seed.
		{imported, "a@mailinator.com", DomainInfo{}},
		{imported, "a@yopmail.com", DomainInfo{Disposable: true}},
	}
	for _, tt := range tests {
		if got := tt.set.EmailDomain(tt.domain); got != tt.want {
			t.Errorf("EmailDomain(%q) = %+v, want %+v", tt.domain, got, tt.want)
		}
	}
}

func TestPhone(t *testing.T) {
	set := Default()
	tests := []struct {
		p       ringer.Phone
		region  string
		want    PhoneInfo
		wantErr bool
	}{
		{ringer.Phone{Number: "+1 (415) 555-0134"}, "", PhoneInfo{E164: "+14155550134", Region: "US", NumberType: "fixed_line_or_mobile", Valid: true}, false},
		{ringer.Phone{Number: "+1 212 736 5000", LineType: "voip"}, "", PhoneInfo{E164: "+12127365000", Region: "US", NumberType: "fixed_line_or_mobile", LineType: "voip", Valid: true, VoIP: true}, false},
		{ringer.Phone{Number: "(212) 736-5000", LineType: "nonFixedVoip"}, "US", PhoneInfo{E164: "+12127365000", Region: "US", NumberType: "fixed_line_or_mobile", LineType: "voip", NonFixedVoIP: true, Valid: true, VoIP: true}, false},
		{ringer.Phone{Number: "+1 800 275 2273"}, "", PhoneInfo{E164: "+18002752273", Region: "US", NumberType: "toll_free", Valid: true, NonGeographic: true}, false},
		{ringer.Phone{Number: "+44 56 1234 5678"}, "", PhoneInfo{E164: "+445612345678", Region: "GB", NumberType: "voip", Valid: true, VoIP: true}, false},
		{ringer.Phone{Number: "+44 7400 123456", LineType: "Wireless"}, "", PhoneInfo{E164: "+447400123456", Region: "GB", NumberType: "mobile", LineType: "mobile", Valid: true}, false},
		{ringer.Phone{Number: "+800 1234 5678"}, "", PhoneInfo{E164: "+80012345678", NumberType: "toll_free", Valid: true, NonGeographic: true}, false},
		{ringer.Phone{Number: "not a number"}, "", PhoneInfo{}, true},
	}
	for _, tt := range tests {
		got, err := set.Phone(tt.p, tt.region)
		if (err != nil) != tt.wantErr {
			t.Errorf("Phone(%+v): error %v", tt.p, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Phone(%+v) =\n %+v\nwant\n %+v", tt.p, got, tt.want)
		}
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*", "", true},
		{"*", "abc", true},
		{"a*c", "abc", true},
		{"a*c", "ac", true},
		{"a*c", "ab", false},
		{"*/tightvnc/*", "c:/program files/tightvnc/tvnserver.exe", true},
		{"*/tightvnc/*", "c:/program files/tightvncx/tvnserver.exe", false},
		{"screenconnect*.exe", "screenconnect.clientservice.exe", true},
		{"screenconnect*.exe", "screenconnect.clientservice.dll", false},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYbZ", false},
		{"abc", "abc", true},
		{"abc", "abcd", false},
		{"**a", "xxa", true},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.name); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestNormPath(t *testing.T) {
	for in, want := range map[string]string{
		`%ProgramData%\AnyDesk\ad.trace`:    "*/anydesk/ad.trace",
		`C:\Program Files\AnyDesk\*`:        "c:/program files/anydesk/*",
		"$HOME/Library/Application Support": "*/library/application support",
		"~/.config/rustdesk":                "*/.config/rustdesk",
		"100%":                              "100%",
	} {
		if got := normPath(in); got != want {
			t.Errorf("normPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// loadTestdata imports files into a fresh store and loads the Set.
func loadTestdata(t *testing.T, files ...string) *Set {
	t.Helper()
	return loadTestdataLabel(t, "", files...)
}

// loadTestdataLabel imports files, the first with label, into a fresh
// store and loads the Set.
func loadTestdataLabel(t *testing.T, label string, files ...string) *Set {
	t.Helper()
	refs := newMemRefs()
	if _, err := Import(t.Context(), refs, files[:1], label); err != nil {
		t.Fatal(err)
	}
	if len(files) > 1 {
		if _, err := Import(t.Context(), refs, files[1:], ""); err != nil {
			t.Fatal(err)
		}
	}
	set, err := Load(t.Context(), refs)
	if err != nil {
		t.Fatal(err)
	}
	return set
}
