package normalize_test

import (
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
)

var benchNames = []ringer.Name{
	{Full: "Daniel J. Moore"}, {Given: "José", Family: "Müller"}, {Full: "Kim, Min-jun"},
	{Full: "Dr. Łukasz Żółć Jr."}, {Full: "Nguyễn Văn Anh"}, {Full: "김민준"},
	{Given: "Sarah", Middle: "Anne", Family: "O'Connor"}, {Full: "Oluwaseun Adeyemi"},
}

var benchAddresses = []ringer.Address{
	{Raw: "88 Pine Rd, Apt 2, Hillsboro OR 97124, USA"},
	{Line1: "12 Oak St", City: "Austin", Region: "TX", Postcode: "78701", Country: "US"},
	{Raw: "Flat 3, 12 High Street, Oxford, OX1 4AA"},
	{Raw: "Unit 5, 12 George St, Sydney NSW 2000, Australia"},
	{Raw: "Hauptstraße 5, 10115 Berlin, Germany"},
	{Raw: "1600 Pennsylvania Ave NW, Washington, DC 20500"},
	{Raw: "123 Main St, Toronto, ON M5V 2T6, Canada"},
	{Line1: "400 W Main St", Line2: "Ste 5", City: "Boise", Region: "Idaho", Postcode: "83702"},
}

func BenchmarkName(b *testing.B) {
	b.ReportAllocs()
	loopCPU(b, func(i int) {
		_ = normalize.Name(benchNames[i%len(benchNames)])
	})
}

func BenchmarkNameTokens(b *testing.B) {
	b.ReportAllocs()
	loopCPU(b, func(i int) {
		_ = normalize.NameTokens(benchNames[i%len(benchNames)].Display())
	})
}

func BenchmarkAddress(b *testing.B) {
	b.ReportAllocs()
	loopCPU(b, func(i int) {
		_ = normalize.NormalizeAddress(benchAddresses[i%len(benchAddresses)]).Key()
	})
}

func BenchmarkEmail(b *testing.B) {
	in := []string{"Dan.Moore.Dev+jobs@GoogleMail.com", "bob.smith@outlook.com", "first.last@company.example"}
	b.ReportAllocs()
	loopCPU(b, func(i int) {
		_, _ = normalize.Email(in[i%len(in)])
	})
}

func BenchmarkPhone(b *testing.B) {
	in := []string{"+1 (415) 555-0134", "020 7946 0958", "+82 10-1234-5678"}
	b.ReportAllocs()
	loopCPU(b, func(i int) {
		_, _ = normalize.Phone(in[i%len(in)], "GB")
	})
}

func BenchmarkKey(b *testing.B) {
	k := normalize.NewKeyer([]byte("bench secret"))
	b.ReportAllocs()
	loopCPU(b, func(int) {
		_ = k.Key(ringer.IDEmail, "danmooredev@gmail.com")
	})
}

func BenchmarkIdentifiers(b *testing.B) {
	k := normalize.NewKeyer([]byte("bench secret"))
	r := &ringer.Record{
		ID:        "gh-app-1042",
		Emails:    []string{"dan.moore.dev@gmail.com"},
		Phones:    []ringer.Phone{{Number: "+1 (415) 555-0134"}},
		Addresses: benchAddresses[:2],
		Documents: []ringer.Document{{Type: "ssn", Country: "US", Number: "123-45-6789"}},
		PayoutAccounts: []ringer.PayoutAccount{
			{Type: "bank", Country: "US", Routing: "021000021", Number: "000123456789"},
			{Type: "crypto", Network: "eth", Value: "0x52908400098527886E0F7030069857D2E4169EE7"},
		},
		Profiles: []ringer.Profile{{Site: "github", Handle: "dmoore-dev"}},
	}
	b.ReportAllocs()
	loopCPU(b, func(int) {
		_ = normalize.Identifiers(k, r)
	})
}

func BenchmarkCountry(b *testing.B) {
	in := []string{"US", "usa", "United States", "DE", "Deutschland", "GB"}
	b.ReportAllocs()
	loopCPU(b, func(i int) {
		_ = normalize.Country(in[i%len(in)])
	})
}
