package contractjson_test

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/internal/contractjson"
	"github.com/ringerhq/ringer/synth"
)

// checkEvent fails t when Event takes b and decodes otherwise than
// ringer.Event.UnmarshalJSON. It reports whether Event took b. The event
// decoded into is not zero, as UnmarshalJSON's need not be.
func checkEvent(t *testing.T, b []byte) bool {
	t.Helper()
	yes := true
	stale := ringer.Event{Type: "stale", Seq: 9, Success: &yes, Observations: []string{"stale"},
		Photo: &ringer.Photo{PHash: "stale"}, FaceMatch: &ringer.Result{Word: "stale"},
		Unknown: map[string]json.RawMessage{"stale": json.RawMessage("1")}}
	return checkFast(t, "Event", b, stale, contractjson.Event, (*ringer.Event).UnmarshalJSON)
}

// checkFast fails t when fast takes b and decodes it into got, which
// holds stale values, otherwise than unmarshal decodes it into a zero
// value. It reports whether fast took b. Invalid UTF-8 is replaced first,
// as callers must.
func checkFast[T any](t *testing.T, name string, b []byte, got T, fast func([]byte, *T) bool, unmarshal func(*T, []byte) error) bool {
	t.Helper()
	b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	if !fast(b, &got) {
		return false
	}
	var want T
	if err := unmarshal(&want, b); err != nil {
		t.Errorf("%s took %s, which UnmarshalJSON refuses: %v", name, b, err)
		return true
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s(%s)\n = %#v\nUnmarshalJSON gives\n   %#v", name, b, got, want)
	}
	return true
}

// allEventMembers is an event with every member the contract names.
const allEventMembers = `{"event":"document_check","record_id":"r-1","at":"2026-03-01T12:00:05.25+05:30","seq":7,` +
	`"ip":"203.0.113.9","device_id":"dev-1","mfa_device_id":"mfa-1","user_agent":"Mozilla/5.0 (X11)","app":"okta",` +
	`"success":true,"camera_on":false,"observations":["reading_answers"],"participant_ip":"198.51.100.2",` +
	`"photo":{"phash":"c3d4e5f6a7b8c9d0","sha256":"","path":"x.jpg"},"interviewer":"hm-3",` +
	`"address":{"use":"shipping","line1":"1 Main St","city":"Reno","region":"NV","postcode":"89501","country":"US"},` +
	`"requested_change":true,"software":[{"name":"AnyDesk","version":"7.1"}],"usb":[{"vendor_id":"046d"}],` +
	`"wifi":{"bssid":"aa:bb:cc:dd:ee:ff","ssid":"home"},"public_ip":"192.0.2.1","account":{"type":"iban","value":"DE89"},` +
	`"kind":"commit","p50_ms":142.5,"samples":5200,"provider":"onfido","result":"pass","face_match":0.93,"liveness":true}`

var eventCases = []struct {
	line string
	take bool // whether Event should take it
}{
	{`{"event":"sign_in","record_id":"a","at":"2026-03-01T12:00:05Z","ip":"142.214.202.2","app":"careers-portal","success":true}`, true},
	{` {"event" : "sign_in" ,` + "\n\t" + `"success":false, "device_id":null} ` + "\r\n", true},
	{`{}`, true},
	{` { } `, true},
	{allEventMembers, true},
	{`{"event":"x","success":null,"camera_on":null,"requested_change":null}`, true},
	{`{"event":"interview","camera_on":false,"observations":["reading_answers",null,""],"photo":{"phash":"c3d4"},"participant_ip":"1.2.3.4","interviewer":"hm-21"}`, true},
	{`{"observations":[]}`, true},
	{`{"observations":null}`, true},
	{`{"observations":"x"}`, false},
	{`{"observations":[1]}`, false},
	{`{"observations":["a" "b"]}`, false},
	{`{"observations":["a",]}`, false},
	{`{"photo":null,"address":null,"wifi":null,"account":null}`, true},
	{`{"photo":{},"address":{},"wifi":{},"account":{}}`, true},
	{`{"photo":{"phash":null}}`, true},
	{`{"photo":"x"}`, false},
	{`{"photo":[]}`, false},
	{`{"photo":{"phash":"x","PHash":"y"}}`, false},
	{`{"photo":{"phash":"x","phash":"y"}}`, false},
	{`{"address":{"use":"shipping","line1":"5120 W Tropicana Ave","line2":"","city":"Las Vegas","region":"NV","postcode":"89103","country":"US","raw":""},"requested_change":true}`, true},
	{`{"address":{"street":"x"}}`, false},
	{`{"software":[{"name":"AnyDesk","version":"7.1","path":"/Applications/AnyDesk.app","bundle_id":"com.philandro.anydesk"},null,{}],` +
		`"usb":[{"vendor_id":"046d","product_id":"c52b","vendor":"Logitech","product":"Unifying","serial":""}],` +
		`"wifi":{"bssid":"aa:bb","ssid":"home"},"public_ip":"1.2.3.4"}`, true},
	{`{"software":[],"usb":null}`, true},
	{`{"software":{"name":"x"}}`, false},
	{`{"software":[{"name":"x","extra":""}]}`, false},
	{`{"software":["x"]}`, false},
	{`{"wifi":{"bssid":1}}`, false},
	{`{"account":{"type":"bank","country":"US","routing":"021000021","number":"1","holder":"D","network":"","value":""}}`, true},
	{`{"account":{"type":"bank","iban":"x"}}`, false},
	{`{"kind":"commit","at":"2026-03-01T12:00:05+09:00"}`, true},
	{`{"at":null}`, true},
	{`{"at":"2026-03-01T12:00:05.123456789-07:00"}`, true},
	{`{"at":"2026-03-01"}`, false},
	{`{"at":1}`, false},
	{`{"at":"2026-03-01T12:00:05Z\u0041"}`, false},
	{`{"seq":12}`, true},
	{`{"seq":-0}`, true},
	{`{"seq":0}`, true},
	{`{"seq":null}`, true},
	{`{"seq":9223372036854775807}`, true},
	{`{"seq":-9223372036854775808}`, true},
	{`{"seq":9223372036854775808}`, false},
	{`{"seq":1e2}`, false},
	{`{"seq":1.0}`, false},
	{`{"seq":01}`, false},
	{`{"seq":-}`, false},
	{`{"seq":"1"}`, false},
	{`{"seq":true}`, false},
	{`{"p50_ms":142.5,"samples":5200}`, true},
	{`{"p50_ms":null,"samples":null}`, true},
	{`{"p50_ms":-0}`, true},
	{`{"p50_ms":-0.0}`, true},
	{`{"p50_ms":0}`, true},
	{`{"p50_ms":1e2}`, true},
	{`{"p50_ms":1E-2}`, true},
	{`{"p50_ms":1.5e+300}`, true},
	{`{"p50_ms":2e-324}`, true},
	{`{"p50_ms":4.9e-324}`, true},
	{`{"p50_ms":0.1234567890123456789012345}`, true},
	{`{"p50_ms":123456789012345678901234567890}`, true},
	{`{"p50_ms":1e400}`, false},
	{`{"p50_ms":-1.7976931348623159e308}`, false},
	{`{"p50_ms":.5}`, false},
	{`{"p50_ms":1.}`, false},
	{`{"p50_ms":1.e2}`, false},
	{`{"p50_ms":1e}`, false},
	{`{"p50_ms":1e+}`, false},
	{`{"p50_ms":+1}`, false},
	{`{"p50_ms":00.5}`, false},
	{`{"p50_ms":-01}`, false},
	{`{"p50_ms":0x10}`, false},
	{`{"p50_ms":1_000}`, false},
	{`{"p50_ms":NaN}`, false},
	{`{"p50_ms":Infinity}`, false},
	{`{"p50_ms":"1"}`, false},
	{`{"p50_ms":1.5.3}`, false},
	{`{"samples":-5}`, true},
	{`{"samples":1e3}`, false},
	{`{"samples":3.0}`, false},
	{`{"samples":99999999999999999999}`, false},
	{`{"face_match":0.93,"liveness":true}`, true},
	{`{"face_match":"pass","liveness":false}`, true},
	{`{"face_match":null,"liveness":null}`, true},
	{`{"face_match":"","liveness":0}`, true},
	{`{"face_match":-0,"liveness":1e-7}`, true},
	{`{"face_match":1E+2,"liveness":-12.5e-1}`, true},
	{`{"face_match":"\u00e9\ud83d","liveness":"a\"b\\c\/\n"}`, true},
	{`{"face_match":{"score":1}}`, false},
	{`{"face_match":{}}`, false},
	{`{"face_match":[true]}`, false},
	{`{"face_match":1e999}`, false},
	{`{"face_match":tru}`, false},
	{`{"face_match":nul}`, false},
	{`{"face_match":01}`, false},
	{`{"liveness":truefalse}`, false},
	{`{"success":"true"}`, false},
	{`{"success":1}`, false},
	{`{"success":tru}`, false},
	{`{"success":truex}`, false},
	{`{"success":True}`, false},
	{`{"event":"a","event":"b"}`, false},
	{`{"event":"a","event":null}`, false},
	{`{"Event":"a"}`, false},
	{`{"event":"a","EVENT":"b"}`, false},
	{`{"record_Id":"a"}`, false},
	{`{"\u0065vent":"a"}`, false},
	{`{"id":"a","event":"x"}`, false},
	{`{"event":"x","extra":1}`, false},
	{`{"event":"x","unknown":null}`, false},
	{`{"event":"x","":null}`, false},
	{`{"event":"Jos` + "\xc3\xa9" + `"}`, true},
	{`{"event":"Jos` + "\xe9" + `","interviewer":"\n` + "\xff" + `"}`, true},
	{`{"event":"a` + "\t" + `"}`, false},
	{`{"event":"a\x"}`, false},
	{`{"event":1}`, false},
	{`{"event":"a"} x`, false},
	{`{"event":"a"}{}`, false},
	{`{"event":"a",}`, false},
	{`{"event":"a"`, false},
	{`{"event":"a`, false},
	{`{"event"}`, false},
	{`{"event" "a"}`, false},
	{`{,}`, false},
	{`[{"event":"a"}]`, false},
	{`null`, false},
	{``, false},
}

func TestEvent(t *testing.T) {
	for _, tt := range eventCases {
		if took := checkEvent(t, []byte(tt.line)); took != tt.take {
			t.Errorf("Event took %s: %v, want %v", tt.line, took, tt.take)
		}
	}
}

// synthEvents returns the events of the scenario suite, or in short mode
// of a few hundred synthetic people.
func synthEvents(t testing.TB) []ringer.Event {
	if !testing.Short() {
		_, evs, _ := synth.Scenarios(5)
		return evs
	}
	var evs []ringer.Event
	err := synth.Generate(context.Background(), synth.Options{N: 300, Seed: 7, Events: true},
		func(*ringer.Record) error { return nil },
		func(e *ringer.Event) error { evs = append(evs, *e); return nil },
		func(synth.Label) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// TestEventSynth decodes synthetic events both ways, as json.Marshal writes
// them (and the stores keep them) and indented: Event must take every one
// of them and agree.
func TestEventSynth(t *testing.T) {
	evs := synthEvents(t)
	types := make(map[string]int)
	for i := range evs {
		if i%2 == 1 {
			evs[i].Seq = int64(i) // stored events carry one
		}
		b, err := json.Marshal(evs[i])
		if err != nil {
			t.Fatal(err)
		}
		var indented bytes.Buffer
		if err := json.Indent(&indented, b, "", "\t"); err != nil {
			t.Fatal(err)
		}
		for _, line := range [][]byte{b, indented.Bytes()} {
			if !checkEvent(t, line) {
				t.Errorf("Event did not take %s", line)
			}
		}
		types[evs[i].Type]++
	}
	for _, typ := range ringer.KnownEventTypes {
		if types[typ] == 0 && !testing.Short() {
			t.Errorf("no synthetic %s event", typ)
		}
	}
	t.Logf("%d events: %v", len(evs), types)
}

// TestEventExamples decodes the shared example events both ways.
func TestEventExamples(t *testing.T) {
	eachExample(t, "events.jsonl", func(line []byte) { checkEvent(t, line) })
}

// FuzzEvent holds Event to UnmarshalJSON on any line.
func FuzzEvent(f *testing.F) {
	for _, tt := range eventCases {
		f.Add([]byte(tt.line))
	}
	err := synth.Generate(context.Background(), synth.Options{N: 20, Seed: 3, Events: true},
		func(*ringer.Record) error { return nil },
		func(e *ringer.Event) error {
			b, err := json.Marshal(e)
			if err == nil {
				f.Add(b)
			}
			return err
		}, func(synth.Label) error { return nil })
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkEvent(t, b)
	})
}

// TestUnmarshal holds UnmarshalRecord and UnmarshalEvent to the ringer
// types' UnmarshalJSON on plain lines, lines Record and Event leave to
// it, and invalid ones.
func TestUnmarshal(t *testing.T) {
	tests := []struct {
		name, line string
		wantErr    bool
	}{
		{"plain record", `{"id":"a","emails":["x@y.z"]}`, false},
		{"plain event", `{"event":"sign_in","record_id":"a","success":true}`, false},
		{"unknown member", `{"id":"a","event":"sign_in","x":[1,2]}`, false},
		{"case-folded name", `{"ID":"a","Event":"sign_in"}`, false},
		{"repeated name", `{"id":"a","id":"b","event":"x","event":"y"}`, false},
		{"invalid UTF-8", "{\"id\":\"Jos\xe9\",\"event\":\"\xff\"}", false},
		{"empty", `{}`, false},
		{"bad JSON", `{"id":"a"`, true},
		{"wrong type", `{"id":1,"event":2}`, true},
		{"not an object", `[]`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := []byte(tt.line)
			var wantR ringer.Record
			wantRErr := wantR.UnmarshalJSON(b)
			gotR := ringer.Record{ID: "stale"}
			gotRErr := contractjson.UnmarshalRecord(b, &gotR)
			if (gotRErr != nil) != tt.wantErr || (wantRErr != nil) != tt.wantErr {
				t.Errorf("UnmarshalRecord error %v, UnmarshalJSON error %v, want error %v", gotRErr, wantRErr, tt.wantErr)
			} else if gotRErr == nil && !reflect.DeepEqual(gotR, wantR) {
				t.Errorf("UnmarshalRecord = %#v, want %#v", gotR, wantR)
			}
			var wantE ringer.Event
			wantEErr := wantE.UnmarshalJSON(b)
			gotE := ringer.Event{Type: "stale"}
			gotEErr := contractjson.UnmarshalEvent(b, &gotE)
			if (gotEErr != nil) != tt.wantErr || (wantEErr != nil) != tt.wantErr {
				t.Errorf("UnmarshalEvent error %v, UnmarshalJSON error %v, want error %v", gotEErr, wantEErr, tt.wantErr)
			} else if gotEErr == nil && !reflect.DeepEqual(gotE, wantE) {
				t.Errorf("UnmarshalEvent = %#v, want %#v", gotE, wantE)
			}
		})
	}
}

// TestEventInvalidUTF8 shows why input must be valid UTF-8: Event copies
// invalid bytes where encoding/json replaces them, and UnmarshalEvent
// leaves such input to encoding/json.
func TestEventInvalidUTF8(t *testing.T) {
	b := []byte("{\"event\":\"Jos\xe9\"}")
	var e ringer.Event
	if !contractjson.Event(b, &e) || e.Type != "Jos\xe9" {
		t.Fatalf("Event(%q) gives type %q, want the bytes as they are", b, e.Type)
	}
	if err := contractjson.UnmarshalEvent(b, &e); err != nil || !strings.HasSuffix(e.Type, "\uFFFD") {
		t.Errorf("UnmarshalEvent(%q) gives type %q, %v; want U+FFFD", b, e.Type, err)
	}
}
