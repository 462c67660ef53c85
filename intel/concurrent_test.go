package intel

import (
	"net/netip"
	"sync"
	"testing"

	ringer "github.com/ringerhq/ringer"
)

// TestConcurrentUse looks everything up from several goroutines at once;
// run with -race it shows a Set is safe for concurrent use.
func TestConcurrentUse(t *testing.T) {
	city := writeTemp(t, t.TempDir(), "city.mmdb", testCityDB(t))
	set := loadTestdataLabel(t, "vpn", "testdata/lists/astrill.txt", "testdata/lolrmm/rmm_tools.json", "testdata/ipkvm/indicators.yaml", city)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				a := netip.AddrFrom4([4]byte{192, 0, 2, byte(i + g)})
				if info := set.IP(a); !info.AnonymousVPN || info.City != "Austin" {
					t.Errorf("%s: %+v", a, info)
					return
				}
				set.RemoteAccessTool(ringer.Software{Name: "AnyDesk"})
				set.IPKVM(ringer.USBDevice{VendorID: "1d6b", ProductID: "0104"})
				set.EmailDomain("a@yopmail.com")
			}
		}()
	}
	wg.Wait()
}
