// Package policy turns signals into a score and a band with rules a team
// can read and change.
//
// A policy is a YAML file of rules written in CEL (the Common Expression
// Language), grouped where they are correlated, with band thresholds:
//
//	name: default
//	version: "1"
//	bands: {review: 30, high: 60, critical: 85}
//	groups:
//	  - {id: anonymizer, combine: max}
//	definitions:
//	  - id: duplicate_of_one
//	    expr: evidence_distinct("link.", "records") == 1
//	rules:
//	  - id: known_vpn_provider
//	    description: Sign-ins from a VPN provider favoured by the scheme.
//	    expr: signal_strength("network.known_vpn_provider")
//	    weight: 45
//	    group: anonymizer
//	    indicator: "Mandiant UNC5267 (2024): Astrill VPN use"
//
// The default policy ships in the binary (default.yaml, see Default and
// DefaultYAML; "ringer policy show" prints it).
//
// # What rules see
//
// A rule's expression yields a bool (true is strength 1) or a double in
// 0..1, its strength. It reads these variables:
//
//   - signals: list of maps {code, weight, detail, evidence, indicator},
//     weight being the detector's strength in 0..1;
//   - ring: map {id, size, members}, or null when the record is in no ring;
//   - record: the contract fields a policy may read (id, source, kind,
//     observed_at, emails, phones, addresses, documents{type},
//     payout_accounts{type, network, country}, profiles, claimed,
//     referred_by, attributes); names, aliases, birth date and place,
//     photos and document numbers are not there;
//   - events: list of maps, one per event, with the contract's behavioural
//     fields (event, at, ip, device_id, camera_on, observations, …);
//   - the values of the policy's definitions, by id.
//
// Helper functions take a signal pattern, a code ("network.anonymizer") or
// a stage prefix ending in a dot ("endpoint."): has_signal(p) bool,
// signal_strength(p) double (the largest strength), max_strength([p…])
// double, count_signals(p) int, evidence_number(p, key) double,
// evidence_string(p, key) string, evidence_count(p, key) int,
// evidence_distinct(p, key) int (distinct values of the evidence lists key
// over the matching signals), evidence_beyond(p, other, key) bool (a
// matching signal's evidence list holds a value no signal matching other
// holds) and ring_size() int. CEL's string and math extensions are there
// too (math.least, math.greatest, …). Definitions are named values
// computed once per record, before the rules, in file order.
//
// # The score
//
// A rule that fires gives points = weight × strength. Rules of a group
// count once: a "max" group counts its strongest rule; a "noisy_or" group
// combines its rules as the score does and is capped at the group's cap.
// The groups and the rules outside groups are the terms of the score:
//
//	score = round(100 · (1 − Π (1 − pₜ / 100)))
//
// over the points pₜ of the terms. The score is explainable (every term is
// listed with its rules, and every signal with the points the rules that
// read it gave), monotone in the rules' points (a rule that gives more, or
// another rule that fires, never lowers it; a rule may on purpose give
// less when other evidence explains its signal away, as the default
// policy's photo and résumé rules do for a same-person link) and
// saturating (it approaches 100 and never passes it): one rule of
// weight w alone scores w, so a weak indicator stays below high, while
// several independent strong ones reach it. The band is the highest
// threshold the score reaches: critical, high, review, or clear.
//
// # Protected attributes
//
// Lint, and Parse with it, refuses a rule or definition that reads a
// protected attribute: nationality or citizenship (allowed only in a rule
// that reads the exact sanctions identity match,
// watchlist.identifier_match), national origin, race or ethnicity,
// religion, sex or gender, age or birth date, name or name origin,
// appearance and other protected characteristics. The linter walks the
// CEL syntax tree and checks every field selection, map key and string
// constant, so record.attributes.ethnicity, record.attributes["Race"] and
// record.attributes.exists(k, k == "religion") are all caught. It also
// refuses comparing a country field with a constant (a country may be
// scored only as consistency between what is claimed and what is
// observed), rules that do not compile or yield neither a bool nor a
// double, rules without an indicator, signal codes of a known stage that
// the catalogue does not name, and band thresholds out of order.
//
// # Scenarios
//
// A scenario file lists labelled cases as the signals detectors would
// raise (ParseScenarios); Policy.Test runs a policy over them and reports
// the recall of fraudulent cases at band review or more and the
// false-positive rate of honest ones at band high or more. The suite in
// testdata/scenarios ships in the binary ("ringer policy test").
package policy
