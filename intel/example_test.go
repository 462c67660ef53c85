package intel_test

import (
	"fmt"

	ringer "github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/intel"
)

func Example() {
	set := intel.Default()

	tool, ok := set.RemoteAccessTool(ringer.Software{Name: "AnyDesk", Path: `C:\Program Files (x86)\AnyDesk\AnyDesk.exe`})
	fmt.Println(tool.Name, tool.Category, tool.MatchedOn, ok)

	kvm, ok := set.IPKVM(ringer.USBDevice{VendorID: "1d6b", ProductID: "0104", Vendor: "PiKVM", Serial: "CAFEBABE"})
	fmt.Println(kvm.Vendor, kvm.Confidence, kvm.MatchedOn, ok)

	fmt.Printf("%+v\n", set.EmailDomain("someone@mailinator.com"))
	fmt.Printf("%+v\n", set.EmailDomain("someone@gmail.com"))
	// Output:
	// AnyDesk rmm executable true
	// PiKVM high [usb_id manufacturer serial] true
	// {Disposable:true Free:false}
	// {Disposable:false Free:true}
}

func ExampleSet_Phone() {
	info, err := intel.Default().Phone(ringer.Phone{Number: "(212) 736-5000", LineType: "voip"}, "US")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.E164, info.NumberType, info.LineType, info.VoIP)
	// Output: +12127365000 fixed_line_or_mobile voip true
}
