package entity

import (
	"fmt"
	"slices"
	"testing"
)

func TestCountries(t *testing.T) {
	e := Entity{Nationalities: []string{"Korea, North"}, BirthPlaces: []string{"Wuhan City, Hubei, China"},
		Addresses: []Address{{City: "Pyongyang", Country: "Democratic People's Republic of Korea"}, {Country: "Russia"}}}
	got := e.Countries()
	for _, want := range []string{"KP", "CN", "RU"} {
		if !slices.Contains(got, want) {
			t.Errorf("Countries() = %v, want %s among them", got, want)
		}
	}
}

func ExampleEntity_Citation() {
	e := Entity{List: "us_ofac_sdn", ID: "28264", Name: "LI, Jiadong", Programs: []string{"DPRK3", "CYBER2"}}
	fmt.Println(e.Citation())
	// Output: OFAC SDN list, programs DPRK3, CYBER2
}
