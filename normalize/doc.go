// Package normalize turns the identifiers a link can rest on into canonical
// forms and keys them.
//
// Every function here maps the many ways one identifier is written (an
// e-mail with dots and a +tag, a phone number with or without its country
// code, an address on one line or in parts, a name with accents and a
// title) to one string, so that two records presenting the same mailbox,
// number, account, document or delivery point compare equal. A Keyer then
// turns each canonical value into an HMAC under a per-deployment secret, so
// an index of identifiers holds no raw PII.
//
// The functions are pure and safe for concurrent use. They are written for
// batches of millions of records: names and addresses are folded without
// regular expressions and with few allocations.
package normalize
