package contractjson_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/internal/contractjson"
	"github.com/ringerhq/ringer/synth"
)

// synthLines returns n synthetic records as JSON lines.
func synthLines(b *testing.B, n int) [][]byte {
	var lines [][]byte
	err := synth.Generate(context.Background(), synth.Options{N: n, Seed: 11},
		func(r *ringer.Record) error {
			line, err := json.Marshal(r)
			lines = append(lines, line)
			return err
		}, nil, func(synth.Label) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	return lines
}

// BenchmarkRecord decodes synthetic record lines the quick way.
func BenchmarkRecord(b *testing.B) {
	lines := synthLines(b, 1000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		var r ringer.Record
		if ok, _ := contractjson.Record(lines[i%len(lines)], &r); !ok {
			b.Fatal("not taken")
		}
	}
}

// BenchmarkUnmarshalRecord decodes the same lines with encoding/json.
func BenchmarkUnmarshalRecord(b *testing.B) {
	lines := synthLines(b, 1000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		var r ringer.Record
		if err := r.UnmarshalJSON(lines[i%len(lines)]); err != nil {
			b.Fatal(err)
		}
	}
}

// eventLines returns synthetic events of the given type, or of every
// type for "all", as the stores keep them: json.Marshal output without
// Seq.
func eventLines(b *testing.B, typ string) [][]byte {
	var lines [][]byte
	err := synth.Generate(context.Background(), synth.Options{N: 200, Seed: 11, Events: true},
		func(*ringer.Record) error { return nil },
		func(e *ringer.Event) error {
			if typ != "all" && e.Type != typ {
				return nil
			}
			line, err := json.Marshal(e)
			lines = append(lines, line)
			return err
		}, func(synth.Label) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	if len(lines) == 0 {
		b.Fatalf("no synthetic %s events", typ)
	}
	return lines
}

// BenchmarkEvent decodes synthetic events of the commonest stored types,
// and of every type as they come, with Event and with
// ringer.Event.UnmarshalJSON.
func BenchmarkEvent(b *testing.B) {
	for _, typ := range []string{ringer.EventSignIn, ringer.EventActivity, ringer.EventEndpointInventory, "all"} {
		lines := eventLines(b, typ)
		size := 0
		for _, l := range lines {
			size += len(l)
		}
		b.Run(typ+"/Event", func(b *testing.B) {
			b.SetBytes(int64(size / len(lines)))
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				var e ringer.Event
				if !contractjson.Event(lines[i%len(lines)], &e) {
					b.Fatal("not taken")
				}
			}
		})
		b.Run(typ+"/UnmarshalJSON", func(b *testing.B) {
			b.SetBytes(int64(size / len(lines)))
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				var e ringer.Event
				if err := e.UnmarshalJSON(lines[i%len(lines)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
