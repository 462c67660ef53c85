package ringer

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrNotFound is returned by stores when the thing asked for does not exist.
var ErrNotFound = errors.New("not found")

// Persona is what the identity graph keeps of a record to find and score
// its links: the keyed identifiers and blocking keys it can be found by,
// and an opaque blob of comparison features owned by package link.
type Persona struct {
	RecordID string
	// Keys are HMAC-keyed identifiers and blocking keys, each prefixed with
	// its kind ("email:…", "blk:…"). They hold no raw PII.
	Keys []string
	// Features is the link package's encoding of the record's comparison
	// features.
	Features []byte
	// Tags are values filed with some of the keys, returned with the
	// record when those keys are looked up (MultiKeyReader), so that the
	// reader can tell the records found apart without reading their
	// personas: the link package files each photo's hash with its photo
	// chunk keys. Stores return them only with lookups, not with Personas.
	Tags map[string]int64
	// Photos are the perceptual hashes of the record's photos, for stores
	// that search them by distance (PhotoIndex); other stores ignore them.
	Photos []uint64
}

// Batch is one atomic write: everything in it is stored, or nothing is.
// A record whose id is already stored replaces the stored one (the later
// line updates the record). RingMembers sets the ring of each listed
// record; an empty ring id takes the record out of any ring.
type Batch struct {
	Records     []Record
	Events      []Event
	Personas    []Persona
	Links       []Link
	DeleteLinks []string // record ids whose links are removed before Links are added
	RingMembers map[string]string
	Assessments []Assessment
	Stale       []string
}

// Validate rejects what a store cannot key: records, events,
// personas, links and ring members without the ids they are stored under.
func (b *Batch) Validate() error {
	for i, r := range b.Records {
		if r.ID == "" {
			return fmt.Errorf("record %d: empty id", i)
		}
	}
	for i, e := range b.Events {
		if e.RecordID == "" {
			return fmt.Errorf("event %d (%s): empty record_id", i, e.Type)
		}
	}
	for i, p := range b.Personas {
		if p.RecordID == "" {
			return fmt.Errorf("persona %d: empty record id", i)
		}
	}
	for i, l := range b.Links {
		if l.A == "" || l.B == "" {
			return fmt.Errorf("link %d: empty record id", i)
		}
		if l.A == l.B {
			return fmt.Errorf("link %d: record %q linked to itself", i, l.A)
		}
	}
	for id := range b.RingMembers {
		if id == "" {
			return errors.New("ring members: empty record id")
		}
	}
	for i, a := range b.Assessments {
		if a.RecordID == "" {
			return fmt.Errorf("assessment %d: empty record id", i)
		}
	}
	for i, id := range b.Stale {
		if id == "" {
			return fmt.Errorf("stale %d: empty record id", i)
		}
	}
	return nil
}

// RecordReader reads stored records.
type RecordReader interface {
	Record(ctx context.Context, id string) (Record, error)
	EachRecord(ctx context.Context, fn func(Record) error) error
	CountRecords(ctx context.Context) (int, error)
}

// EventReader reads stored events.
type EventReader interface {
	// Events returns a record's events in the order they happened.
	Events(ctx context.Context, recordID string) ([]Event, error)
}

// GraphReader reads the identity graph.
type GraphReader interface {
	// Personas returns the stored personas of the given records; missing
	// ones are left out.
	Personas(ctx context.Context, recordIDs []string) ([]Persona, error)
	// RecordsWithKey returns up to limit record ids whose persona has key.
	RecordsWithKey(ctx context.Context, key string, limit int) ([]string, error)
	// Links returns the links touching a record, ordered by the record at
	// the other end.
	Links(ctx context.Context, recordID string) ([]Link, error)
	// RingOf returns the ring id of a record, "" when it is in none.
	RingOf(ctx context.Context, recordID string) (string, error)
	// RingMembers returns the record ids of a ring.
	RingMembers(ctx context.Context, ringID string) ([]string, error)
	// NewRingID returns a ring id never handed out before.
	NewRingID(ctx context.Context) (string, error)
}

// KeyLookup asks for up to Limit ids of records whose persona has Key; a
// Limit of zero or less means no limit.
type KeyLookup struct {
	Key   string
	Limit int
}

// KeyHit is a record found under a key, with the tag its persona filed
// with the key (Persona.Tags) when it filed one.
type KeyHit struct {
	RecordID string
	Tag      int64
	Tagged   bool
}

// PhotoHit is a record with a photo near a hash: the photo's perceptual
// hash and its Hamming distance from the one searched.
type PhotoHit struct {
	RecordID string
	Hash     uint64
	Distance int
}

// PhotoIndex is implemented by stores that search the photos of stored
// personas (Persona.Photos) by Hamming distance themselves, so that a
// reader need not probe the key index with the chunks of each hash.
type PhotoIndex interface {
	// NearPhotos returns, for each hash, the stored personas' photos
	// within maxDist bits of it, in record id then hash order.
	NearPhotos(ctx context.Context, hashes []uint64, maxDist int) ([][]PhotoHit, error)
}

// MultiLinkReader is implemented by stores that read the links of many
// records in one query: re-drawing a ring of a few hundred members reads
// the links of each.
type MultiLinkReader interface {
	// LinksOfRecords returns, for each record, what Links(ctx, id) would.
	LinksOfRecords(ctx context.Context, recordIDs []string) ([][]Link, error)
}

// LinksOfRecords returns the links of each record: in one query when g is
// a MultiLinkReader, with one Links call per record otherwise.
func LinksOfRecords(ctx context.Context, g GraphReader, recordIDs []string) ([][]Link, error) {
	if m, ok := g.(MultiLinkReader); ok {
		return m.LinksOfRecords(ctx, recordIDs)
	}
	out := make([][]Link, len(recordIDs))
	for i, id := range recordIDs {
		ls, err := g.Links(ctx, id)
		if err != nil {
			return nil, err
		}
		out[i] = ls
	}
	return out, nil
}

// PersonaFeatureReader is implemented by stores that read personas'
// features without their keys: linking a record reads the features of
// every stored record that shares a key with it, and nothing else of
// them.
type PersonaFeatureReader interface {
	// PersonaFeatures calls fn with the features of each stored persona
	// among recordIDs, in no particular order; ids without a persona are
	// skipped. features is valid only during the call. An error from fn
	// stops the reading and is returned.
	PersonaFeatures(ctx context.Context, recordIDs []string, fn func(recordID string, features []byte) error) error
}

// PersonaFeatures calls fn with the features of each stored persona among
// recordIDs, once per persona: through g's PersonaFeatures when it is a
// PersonaFeatureReader, from Personas otherwise.
func PersonaFeatures(ctx context.Context, g GraphReader, recordIDs []string, fn func(recordID string, features []byte) error) error {
	if r, ok := g.(PersonaFeatureReader); ok {
		return r.PersonaFeatures(ctx, recordIDs, fn)
	}
	ps, err := g.Personas(ctx, recordIDs)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if err := fn(p.RecordID, p.Features); err != nil {
			return err
		}
	}
	return nil
}

// MultiKeyReader is implemented by stores that look many persona keys up
// in one query: screening one record looks up some hundred keys, and a
// query each costs more than the lookups themselves.
type MultiKeyReader interface {
	// RecordsWithKeys answers each lookup as RecordsWithKey(ctx, l.Key,
	// l.Limit) would, with each record's tag: the i-th result holds the
	// hits for lookups[i], in record id order.
	RecordsWithKeys(ctx context.Context, lookups []KeyLookup) ([][]KeyHit, error)
}

// RecordsWithKeys answers lookups through g's RecordsWithKeys when g is a
// MultiKeyReader, and one RecordsWithKey call per lookup, without tags,
// otherwise.
func RecordsWithKeys(ctx context.Context, g GraphReader, lookups []KeyLookup) ([][]KeyHit, error) {
	if m, ok := g.(MultiKeyReader); ok {
		return m.RecordsWithKeys(ctx, lookups)
	}
	out := make([][]KeyHit, len(lookups))
	for i, l := range lookups {
		ids, err := g.RecordsWithKey(ctx, l.Key, l.Limit)
		if err != nil {
			return nil, err
		}
		out[i] = make([]KeyHit, len(ids))
		for j, id := range ids {
			out[i][j] = KeyHit{RecordID: id}
		}
	}
	return out, nil
}

// AssessmentReader reads stored assessments.
type AssessmentReader interface {
	Assessment(ctx context.Context, recordID string) (Assessment, error)
}

// StaleReader is implemented by stores that list the records whose stored
// assessment is marked stale (Batch.Stale), so that a screener started
// after a crash re-assesses what an earlier one had left to do.
type StaleReader interface {
	// StaleAssessments returns the ids of the records whose stored
	// assessment is stale, in id order.
	StaleAssessments(ctx context.Context) ([]string, error)
}

// View is the reads of a store: the store itself, a transaction of it, or
// a snapshot.
type View interface {
	RecordReader
	EventReader
	GraphReader
	AssessmentReader
}

// Snapshotter is implemented by stores that can be read as they stood at
// one moment while the writer goes on: records whose ring changed are
// re-assessed on a snapshot, on another core, while the next records are
// screened.
type Snapshotter interface {
	// Snapshot returns a view of the store as it is when Snapshot returns:
	// nothing committed later is seen through it. Close releases it; it
	// holds one of the store's read connections until then.
	Snapshot(ctx context.Context) (Snapshot, error)
}

// Snapshot is a view of a store at one moment; see Snapshotter.
type Snapshot interface {
	View
	Close() error
}

// Reference is reference data a user imported into a deployment: a
// watchlist, an intelligence source (MMDB, CIDR list, tool catalogue), a
// policy. Kind groups them ("watchlist", "intel", "policy"); Name is unique
// within a kind, and putting a reference with a name already stored
// replaces it.
type Reference struct {
	Kind string
	Name string
	// Format names how Data is encoded (e.g. "ofac-csv", "mmdb", "cidr").
	Format string
	Data   []byte
	// Source says where the data came from: a file name or URL.
	Source string
	// Entries counts the entries the data holds, for listings.
	Entries int
	// FileDate is the date the data itself carries, when it has one.
	FileDate   time.Time
	ImportedAt time.Time
}

// ReferenceStore keeps imported reference data so that every ringer node
// of a deployment uses the same lists and sources.
type ReferenceStore interface {
	PutReference(ctx context.Context, ref Reference) error
	// Reference returns one reference with its data.
	Reference(ctx context.Context, kind, name string) (Reference, error)
	// References lists the references of a kind, without their data.
	References(ctx context.Context, kind string) ([]Reference, error)
	DeleteReference(ctx context.Context, kind, name string) error
}

// Tx is a read-write transaction of a store (see Transactor). Its reads
// see what its writes wrote; other readers see none of it until the
// transaction commits.
type Tx interface {
	View
	// Write applies a batch within the transaction: all of it or, when it
	// returns an error, none of it.
	Write(ctx context.Context, b *Batch) error
}

// Transactor is implemented by stores that can read and write in one
// transaction. Screening a record reads the graph, writes the record and
// its links, reads them back to assess it and writes the assessment: in
// one transaction that is one commit, and its reads run where the writes
// went.
type Transactor interface {
	// InTx runs fn in a read-write transaction and commits it when fn
	// returns nil. When fn returns an error, or ctx ends first, nothing
	// written through tx is kept and InTx returns the error. fn must not
	// use the store itself, nor tx after it returns: transactions of an
	// embedded store hold its only write connection.
	InTx(ctx context.Context, fn func(tx Tx) error) error
}

// Store keeps records, events, the identity graph and assessments.
// Implementations: package sqlite (embedded, the default) and package
// postgres. All of them pass the suite in package storetest.
type Store interface {
	RecordReader
	EventReader
	GraphReader
	AssessmentReader
	ReferenceStore
	// Write applies a batch atomically.
	Write(ctx context.Context, b *Batch) error
	// Erase removes a record everywhere: the record, its events, persona,
	// links, ring membership and assessment.
	Erase(ctx context.Context, recordID string) error
	Close() error
}
