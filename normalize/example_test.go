package normalize_test

import (
	"fmt"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
)

func ExampleEmail() {
	for _, s := range []string{"Dan.Moore.Dev+jobs@GoogleMail.com", "bob.smith+hr@outlook.com", "jsmith-recruiters@yahoo.com"} {
		c, _ := normalize.Email(s)
		fmt.Println(c)
	}
	// Output:
	// danmooredev@gmail.com
	// bob.smith@outlook.com
	// jsmith@yahoo.com
}

func ExamplePhone() {
	p, err := normalize.Phone("020 7946 0958", "GB")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.E164, p.Region, p.Type, p.Valid)
	// Output: +442079460958 GB fixed_line true
}

func ExampleNormalizeAddress() {
	a := normalize.NormalizeAddress(ringer.Address{Raw: "88 Pine Rd, Apt 2, Hillsboro OR 97124, USA"})
	b := normalize.NormalizeAddress(ringer.Address{Line1: "88 Pine Road #2", City: "Hillsboro", Region: "Oregon", Postcode: "97124-1234"})
	fmt.Printf("%q %q %q\n", a.Number, a.Street, a.Unit)
	fmt.Println(a.Key())
	fmt.Println(a.Key() == b.Key())
	// Output:
	// "88" "pine road" "2"
	// 97124|88|pine road|2
	// true
}

func ExampleName() {
	n := normalize.Name(ringer.Name{Full: "Müller, José-María"})
	fmt.Println(n.Given, n.Middle, n.Family, n.Full)
	// Output: [jose] [maria] [muller] [jose maria muller]
}

func ExampleWallet() {
	c, chain, err := normalize.Wallet("", "0x52908400098527886E0F7030069857D2E4169EE7")
	fmt.Println(c, chain, err)
	// Output: 0x52908400098527886e0f7030069857d2e4169ee7 eth <nil>
}

func ExampleKeyer() {
	k := normalize.NewKeyer([]byte("per-deployment secret"))
	r := ringer.Record{ID: "a", Emails: []string{"Dan.Moore.Dev@gmail.com"}}
	s := ringer.Record{ID: "b", Emails: []string{"danmooredev+ats@googlemail.com"}}
	fmt.Println(normalize.Identifiers(k, &r)[0] == normalize.Identifiers(k, &s)[0])
	// Output: true
}
