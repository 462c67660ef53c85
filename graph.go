package ringer

// IdentifierKind names what an identifier is. Two records that share an
// identifier of a strong kind are linked.
type IdentifierKind string

// The identifier kinds the identity graph links on.
const (
	IDEmail         IdentifierKind = "email"
	IDPhone         IdentifierKind = "phone"
	IDDocument      IdentifierKind = "document"
	IDPayoutAccount IdentifierKind = "payout_account"
	IDWallet        IdentifierKind = "wallet"
	IDDevice        IdentifierKind = "device"
	IDMFADevice     IdentifierKind = "mfa_device"
	IDShipping      IdentifierKind = "shipping_address"
	IDAddress       IdentifierKind = "address"
	IDPhoto         IdentifierKind = "photo"
	IDProfile       IdentifierKind = "profile"
	// Weak kinds: shared by honest people too (an office network, a
	// corporate VPN exit). Detectors count them; they never make a link alone.
	IDPublicIP IdentifierKind = "public_ip"
	IDWiFi     IdentifierKind = "wifi_bssid"
)

// Identifier is a normalised identifier of a record, keyed for linking.
// Key is an HMAC of the normalised value under the deployment's secret, so
// an index of identifiers holds no raw PII.
type Identifier struct {
	Kind IdentifierKind `json:"kind"`
	Key  string         `json:"key"`
}

// Evidence is one reason two records are linked. Weight is in 0..1: the
// share of the link's confidence this piece carries (1 for a shared strong
// identifier).
type Evidence struct {
	Kind   string  `json:"kind"`
	Weight float64 `json:"weight"`
	Detail string  `json:"detail,omitempty"`
}

// Link is an edge of the identity graph: ringer believes A and B are
// personas of one operator. Score is the match probability in 0..1.
type Link struct {
	A        string     `json:"a"`
	B        string     `json:"b"`
	Score    float64    `json:"score"`
	Evidence []Evidence `json:"evidence"`
}

// Ring is the set of records that ringer believes one operator controls:
// a connected component of links above the threshold. It is the unit an
// analyst investigates.
type Ring struct {
	ID      string   `json:"id"`
	Size    int      `json:"size"`
	Members []string `json:"members"`
	Links   []Link   `json:"links"`
}
