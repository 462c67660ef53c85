// Package normalize turns the identifiers a link can rest on into canonical
// forms and keys them.
//
// Every function here maps the many ways one identifier is written to one
// string, so that two records presenting the same mailbox, number, account,
// document or delivery point compare equal:
//
//   - Email lower-cases and removes what a provider ignores (Gmail's dots,
//     +tags at Gmail, Outlook, iCloud, Fastmail, Proton and Yandex, Yahoo's
//     "-" disposable addresses) and folds alias domains.
//   - Phone parses with libphonenumber's metadata into E.164 with the
//     region, line type and validity the number itself tells.
//   - NormalizeAddress reads an address in parts or on one line, and
//     Address.Key is what two writings of one delivery point share.
//   - NameTokens and Name fold names (NFKC, accents, case, punctuation,
//     titles) into tokens for comparison; nothing about a name's origin is
//     inferred.
//   - BankAccount, IBAN, Wallet, Document and Handle canonicalise payout
//     accounts, wallets, identity documents and profile handles, checking
//     the checksums their formats carry (ABA, ISO 7064, EIP-55,
//     base58check, bech32).
//
// A Keyer turns each canonical value into an HMAC under a per-deployment
// secret, so an index of identifiers holds no raw PII. Identifiers and
// EventIdentifiers list the keyed identifiers of a record or event;
// Problems lists what could not be normalised, with reasons that never
// repeat the raw value. Values that many honest people type alike
// (placeholder mailboxes such as none@…, phone numbers that fit no number
// plan, "000000000" document numbers, streets without a house number) are
// not keyed, so they link no strangers.
//
// The functions are pure and safe for concurrent use. They are written for
// batches of millions of records: names and addresses are folded without
// regular expressions and with few allocations.
package normalize
