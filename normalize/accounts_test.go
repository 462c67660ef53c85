package normalize_test

import (
	"strings"
	"testing"

	"github.com/btcsuite/btcd/btcutil/base58"
	"github.com/ringerhq/ringer/normalize"
)

func TestBankAccount(t *testing.T) {
	tests := []struct {
		country, routing, number string
		want                     string // "" for an error
	}{
		{"US", "021000021", "000123456789", "021000021:000123456789"},
		{"US", "021-000-021", "0001 2345 6789", "021000021:000123456789"},
		{"USA", "011000015", "12-34-56", "011000015:123456"},
		{"", "026009593", "987654321", "026009593:987654321"},
		{"US", "021000022", "123", ""},                    // checksum fails
		{"US", "02100002", "123", ""},                     // 8 digits
		{"", "021000022", "123", ""},                      // 9 digits, no country: checked as ABA
		{"US", "021000021", "", ""},                       // no number
		{"US", "021000021", "12AB34", ""},                 // letters
		{"GB", "20-00-00", "55779911", "200000:55779911"}, // UK sort code, not ABA
		{"IN", "", "50100012345678", ":50100012345678"},
		{"US", "021000021", strings.Repeat("1", 35), ""},
	}
	for _, tt := range tests {
		got, err := normalize.BankAccount(tt.country, tt.routing, tt.number)
		if tt.want == "" {
			if err == nil {
				t.Errorf("BankAccount(%q, %q, %q) = %q, want an error", tt.country, tt.routing, tt.number, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("BankAccount(%q, %q, %q) = %q, %v; want %q", tt.country, tt.routing, tt.number, got, err, tt.want)
		}
	}
}

func TestIBAN(t *testing.T) {
	// Valid examples from national IBAN documentation (ECBS, SWIFT registry).
	valid := map[string]string{
		"GB82 WEST 1234 5698 7654 32":       "GB82WEST12345698765432",
		"gb82west12345698765432":            "GB82WEST12345698765432",
		"IBAN DE89 3704 0044 0532 0130 00":  "DE89370400440532013000",
		"FR14 2004 1010 0505 0001 3M02 606": "FR1420041010050500013M02606",
		"NL91ABNA0417164300":                "NL91ABNA0417164300",
		"BE68 5390 0754 7034":               "BE68539007547034",
		"CH93 0076 2011 6238 5295 7":        "CH9300762011623852957",
		"NO93 8601 1117 947":                "NO9386011117947",
		"ES91-2100-0418-4502-0005-1332":     "ES9121000418450200051332",
		"IBAN: GB29 NWBK 6016 1331 9268 19": "GB29NWBK60161331926819",
	}
	for in, want := range valid {
		got, err := normalize.IBAN(in)
		if err != nil || got != want {
			t.Errorf("IBAN(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{
		"GB82WEST12345698765433",     // check digits
		"GB82WEST1234569876543",      // length
		"XX82WEST12345698765432",     // no such country
		"DE89 3704 0044 0532 0130 0", // length
		"GB8AWEST12345698765432",     // check digits not digits
		"GB82WEST1234569876543$",     // character
		"", "GB", "IBAN",
	} {
		if got, err := normalize.IBAN(in); err == nil {
			t.Errorf("IBAN(%q) = %q, want an error", in, got)
		}
	}
}

func TestWallet(t *testing.T) {
	// A Litecoin address built here: base58check, version 0x30.
	ltc := base58.CheckEncode(make([]byte, 20), 0x30)
	tests := []struct {
		network, value  string
		want, wantChain string // want "" for an error
	}{
		// EIP-55 test vectors.
		{"eth", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "eth"},
		{"", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", "eth"},
		{"ERC20", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb", "eth"},
		{"polygon", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", "0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb", "eth"},
		{"eth", "0x52908400098527886E0F7030069857D2E4169EE7", "0x52908400098527886e0f7030069857d2e4169ee7", "eth"},
		{"eth", "0x52908400098527886e0f7030069857d2e4169ee7", "0x52908400098527886e0f7030069857d2e4169ee7", "eth"},
		{"eth", "0X52908400098527886E0F7030069857D2E4169EE7", "0x52908400098527886e0f7030069857d2e4169ee7", "eth"},
		{"eth", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "", "eth"}, // checksum case flipped
		{"eth", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae", "", "eth"},  // 39 digits
		{"eth", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg", "", "eth"}, // not hex
		// Bitcoin: genesis P2PKH, a P2SH, bech32 v0 and bech32m v1 (BIP 350).
		{"btc", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "btc"},
		{"", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "btc"},
		{"bitcoin", "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "btc"},
		{"", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "btc"},
		{"btc", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "", "btc"}, // checksum
		{"btc", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr", "", "btc"},
		// Tron (USDT's TRC-20 contract) and a made Litecoin address.
		{"trc20", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "trx"},
		{"tron", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", "", "trx"},
		{"ltc", ltc, ltc, "ltc"},
		// Chains kept as written.
		{"xmr", " 44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A ", "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A", "xmr"},
		{"Solana", "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV", "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV", "sol"},
		{"doge", "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L", "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L", "doge"},
		{"", "", "", ""},
		{"", "hello world", "", ""},
		{"xrp", "r9cZA1 mLK5R", "", "xrp"},
	}
	for _, tt := range tests {
		got, chain, err := normalize.Wallet(tt.network, tt.value)
		if tt.want == "" {
			if err == nil {
				t.Errorf("Wallet(%q, %q) = %q, %q, want an error", tt.network, tt.value, got, chain)
			}
			continue
		}
		if err != nil || got != tt.want || chain != tt.wantChain {
			t.Errorf("Wallet(%q, %q) = %q, %q, %v; want %q, %q", tt.network, tt.value, got, chain, err, tt.want, tt.wantChain)
		}
	}
}

func TestDocument(t *testing.T) {
	tests := []struct{ typ, country, number, want string }{
		{"ssn", "US", "123-45-6789", "ssn:US:123456789"},
		{"SSN", "", "123 45 6789", "ssn:US:123456789"},
		{"social security number", "usa", "123456789", "ssn:US:123456789"},
		{"passport", "GB", "12345 6789", "passport:GB:123456789"},
		{"Passport", "United Kingdom", "123456789", "passport:GB:123456789"},
		{"passport", "KR", "m1234.5678", "passport:KR:M12345678"},
		{"national_id", "DE", "T22000129", "national_id:DE:T22000129"},
		{"National ID", "Germany", "t22-000-129", "national_id:DE:T22000129"},
		{"driver_license", "US", "D123-4567-8901", "driver_license:US:D12345678901"},
		{"Driving Licence", "GB", "MORGA 753116 SM9IJ", "driver_license:GB:MORGA753116SM9IJ"},
		{"tax_id", "BR", "123.456.789-09", "tax_id:BR:12345678909"},
		{"TIN", "", "12-3456789", "tax_id::123456789"},
		{"voter card", "IN", "ABC1234567", "voter_card:IN:ABC1234567"},
		{"passport", "GB", " - . ", ""},
	}
	for _, tt := range tests {
		if got := normalize.Document(tt.typ, tt.country, tt.number); got != tt.want {
			t.Errorf("Document(%q, %q, %q) = %q, want %q", tt.typ, tt.country, tt.number, got, tt.want)
		}
	}
}

func TestHandle(t *testing.T) {
	tests := []struct{ site, in, want string }{
		{"github", "dmoore-dev", "dmoore-dev"},
		{"github", "@DMoore-Dev", "dmoore-dev"},
		{"github", "https://github.com/DMoore-Dev", "dmoore-dev"},
		{"github", "https://github.com/dmoore-dev/", "dmoore-dev"},
		{"github", "github.com/dmoore-dev?tab=repositories", "dmoore-dev"},
		{"github", "https://github.com/dmoore-dev/ringer", "dmoore-dev"},
		{"linkedin", "https://www.linkedin.com/in/dmoore-dev/?trk=public", "dmoore-dev"},
		{"linkedin", "www.linkedin.com/in/dmoore-dev", "dmoore-dev"},
		{"x", "https://twitter.com/DMoore", "dmoore"},
		{"x", "@dmoore", "dmoore"},
		{"telegram", "https://t.me/dmoore_dev", "dmoore_dev"},
		{"upwork", "https://www.upwork.com/freelancers/~01abc", "01abc"},
		{"stackoverflow", "https://stackoverflow.com/users/12345/dmoore", "12345"},
		{"github", "  ", ""},
		{"github", "@", ""},
		{"github", "https://github.com/", ""},
	}
	for _, tt := range tests {
		if got := normalize.Handle(tt.site, tt.in); got != tt.want {
			t.Errorf("Handle(%q, %q) = %q, want %q", tt.site, tt.in, got, tt.want)
		}
	}
}

func TestPublicIP(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"142.214.202.2", "142.214.202.2", true},
		{" 8.8.8.8 ", "8.8.8.8", true},
		{"::ffff:142.214.202.2", "142.214.202.2", true},
		{"2001:4860:4860::8888", "2001:4860:4860::8888", true},
		{"2001:4860:4860:0:0:0:0:8888", "2001:4860:4860::8888", true},
		{"142.214.202.2:443", "142.214.202.2", true},
		{"10.0.0.1", "", false},
		{"192.168.1.20", "", false},
		{"172.16.5.4", "", false},
		{"100.64.0.1", "", false},
		{"127.0.0.1", "", false},
		{"169.254.1.1", "", false},
		{"fe80::1%eth0", "", false},
		{"fd00::1", "", false},
		{"224.0.0.1", "", false},
		{"0.0.0.0", "", false},
		{"not-an-ip", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := normalize.PublicIP(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("PublicIP(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBSSID(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"AA:BB:CC:DD:EE:01", "aa:bb:cc:dd:ee:01", true},
		{"aa-bb-cc-dd-ee-01", "aa:bb:cc:dd:ee:01", true},
		{"aabb.ccdd.ee01", "aa:bb:cc:dd:ee:01", true},
		{"aabbccddee01", "aa:bb:cc:dd:ee:01", true},
		{"00:00:00:00:00:00", "", false},
		{"ff:ff:ff:ff:ff:ff", "", false},
		{"aa:bb:cc:dd:ee", "", false},
		{"aa:bb:cc:dd:ee:01:02", "", false},
		{"zz:bb:cc:dd:ee:01", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := normalize.BSSID(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("BSSID(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCheckSSN(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"123-45-6789", true}, {"123456789", true}, {"078-05-1120", true},
		{"000-12-3456", false}, {"666-12-3456", false}, {"900-12-3456", false},
		{"123-00-4567", false}, {"123-45-0000", false}, {"12-345-678", false},
		{"123-45-678", false}, {"abc-de-fghi", false}, {"", false},
	} {
		err := normalize.CheckSSN(c.in)
		if (err == nil) != c.ok {
			t.Errorf("CheckSSN(%q) = %v, want ok=%v", c.in, err, c.ok)
		}
		if err != nil && strings.Contains(err.(*normalize.InputError).Reason, c.in) && c.in != "" {
			t.Errorf("CheckSSN(%q) reason repeats the number", c.in)
		}
	}
}
