// Package stix reads indicator lists shared as STIX 2.1 bundles: indicator
// objects whose patterns compare e-mail addresses, domains, URLs, IP
// addresses, user accounts, phone numbers or wallet addresses for
// equality, the cyber-observable objects themselves, and identity and
// threat-actor objects (names and aliases of known personas).
package stix

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/ringerhq/ringer/watchlist/entity"
)

type bundle struct {
	Type    string            `json:"type"`
	ID      string            `json:"id"`
	Objects []json.RawMessage `json:"objects"`
}

type object struct {
	Type           string   `json:"type"`
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	Aliases        []string `json:"aliases"`
	Description    string   `json:"description"`
	Pattern        string   `json:"pattern"`
	PatternType    string   `json:"pattern_type"`
	IdentityClass  string   `json:"identity_class"`
	Value          string   `json:"value"`
	AccountLogin   string   `json:"account_login"`
	AccountType    string   `json:"account_type"`
	UserID         string   `json:"user_id"`
	Address        string   `json:"address"`
	Currency       string   `json:"currency"`
	Modified       string   `json:"modified"`
	Created        string   `json:"created"`
	Labels         []string `json:"labels"`
	IndicatorTypes []string `json:"indicator_types"`
}

// comparison matches one "object-type:property = 'value'" of a pattern.
var comparison = regexp.MustCompile(`([a-z0-9-]+):([a-z0-9_.\[\]'*-]+)\s*=\s*'((?:[^'\\]|\\.)*)'`)

// Read parses a bundle into a list named name. Patterns other than
// equality comparisons are skipped (they name no single identifier);
// a file that is not a STIX bundle, or is cut short, is refused.
func Read(ctx context.Context, name string, data []byte) (*entity.List, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var b bundle
	if err := json.Unmarshal(data, &b); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("STIX bundle %s: byte %d: %v (truncated or corrupt file?)", name, se.Offset, err)
		}
		return nil, fmt.Errorf("STIX bundle %s: %w", name, err)
	}
	if b.Type != "bundle" {
		return nil, fmt.Errorf("STIX bundle %s: type is %q, want \"bundle\"", name, b.Type)
	}
	list := &entity.List{Name: name}
	var latest time.Time
	for i, raw := range b.Objects {
		var o object
		if err := json.Unmarshal(raw, &o); err != nil {
			return nil, fmt.Errorf("STIX bundle %s: object %d: %w", name, i, err)
		}
		for _, ts := range []string{o.Modified, o.Created} {
			if t, err := time.Parse(time.RFC3339, ts); err == nil && t.After(latest) {
				latest = t
			}
		}
		e := entity.Entity{List: name, ID: o.ID, Type: entity.Indicator, Remarks: o.Description}
		if e.ID == "" {
			e.ID = fmt.Sprintf("object-%d", i)
		}
		switch o.Type {
		case "indicator":
			if o.PatternType != "" && o.PatternType != "stix" {
				continue
			}
			e.Name = ""
			e.Remarks = strings.TrimSpace(o.Name + ". " + o.Description)
			e.Remarks = strings.Trim(e.Remarks, ". ")
			var site string
			for _, m := range comparison.FindAllStringSubmatch(o.Pattern, -1) {
				if m[1] == "user-account" && m[2] == "account_type" {
					site = unescape(m[3])
				}
			}
			for _, m := range comparison.FindAllStringSubmatch(o.Pattern, -1) {
				addObservable(&e, m[1], m[2], unescape(m[3]), site)
			}
		case "identity", "threat-actor", "intrusion-set":
			e.Name = o.Name
			switch {
			case o.IdentityClass == "individual":
				e.Type = entity.Person
			case o.IdentityClass == "organization" || o.IdentityClass == "group" || o.Type != "identity":
				e.Type = entity.Organization
			default:
				e.Type = entity.Person
			}
			for _, a := range o.Aliases {
				e.Aliases = append(e.Aliases, entity.Alias{Name: a, Type: "aka", Strength: entity.Strong})
			}
		case "email-addr", "domain-name", "url", "ipv4-addr", "ipv6-addr", "phone-number", "x-phone-number":
			addObservable(&e, o.Type, "value", o.Value, "")
		case "user-account":
			login := o.AccountLogin
			if login == "" {
				login = o.UserID
			}
			addObservable(&e, o.Type, "account_login", login, o.AccountType)
		case "cryptocurrency-wallet", "x-cryptocurrency-wallet", "x-crypto-wallet":
			v := o.Address
			if v == "" {
				v = o.Value
			}
			e.Wallets = append(e.Wallets, entity.Wallet{Chain: strings.ToUpper(o.Currency), Address: v})
		default:
			continue
		}
		if e.Name == "" && len(e.Emails)+len(e.Websites)+len(e.IPs)+len(e.Handles)+len(e.Phones)+len(e.Wallets) == 0 {
			continue
		}
		list.Entities = append(list.Entities, e)
	}
	if len(list.Entities) == 0 {
		return nil, fmt.Errorf("STIX bundle %s: no indicator, observable or identity the screening can use", name)
	}
	list.FileDate = latest
	return list, nil
}

func addObservable(e *entity.Entity, typ, prop, v, site string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	switch {
	case typ == "email-addr" && prop == "value":
		e.Emails = append(e.Emails, v)
	case typ == "domain-name" && prop == "value", typ == "url" && prop == "value":
		e.Websites = append(e.Websites, v)
	case (typ == "ipv4-addr" || typ == "ipv6-addr") && prop == "value":
		e.IPs = append(e.IPs, v)
	case typ == "user-account" && (prop == "account_login" || prop == "user_id"):
		if site != "" {
			v = strings.ToLower(site) + ":" + v
		}
		e.Handles = append(e.Handles, v)
	case strings.Contains(typ, "phone"):
		e.Phones = append(e.Phones, v)
	case strings.Contains(typ, "wallet") || strings.Contains(typ, "crypto"):
		e.Wallets = append(e.Wallets, entity.Wallet{Address: v})
	}
}

func unescape(s string) string {
	return strings.NewReplacer(`\'`, `'`, `\\`, `\`).Replace(s)
}
