package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
)

// result is everything one read produced.
type result struct {
	items    []Item
	problems []Problem
	report   Report
	err      error
}

func (r result) records() []*ringer.Record {
	var out []*ringer.Record
	for _, it := range r.items {
		if it.Record != nil {
			out = append(out, it.Record)
		}
	}
	return out
}

func collect(t testing.TB, name string, input []byte, opts Options) result {
	t.Helper()
	var res result
	res.report, res.err = ReadFrom(context.Background(), bytes.NewReader(input), name, opts,
		func(b []Item) error { res.items = append(res.items, b...); return nil },
		func(p Problem) { res.problems = append(res.problems, p) })
	return res
}

func collectFiles(t testing.TB, paths []string, opts Options) result {
	t.Helper()
	var res result
	res.report, res.err = Read(context.Background(), paths, opts,
		func(b []Item) error { res.items = append(res.items, b...); return nil },
		func(p Problem) { res.problems = append(res.problems, p) })
	return res
}

// wantProblem is a problem a test expects: its line, field, severity and a
// part of its reason.
type wantProblem struct {
	line     int
	field    string
	severity string
	reason   string
}

func checkProblems(t *testing.T, got []Problem, want []wantProblem) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), problemList(got))
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.line || g.Field != w.field || g.Severity != w.severity || !strings.Contains(g.Reason, w.reason) {
			t.Errorf("problem %d = %s %q, want line %d field %q %s containing %q", i, g.Severity, g.Error(), w.line, w.field, w.severity, w.reason)
		}
	}
}

func problemList(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  %s: %s\n", p.Severity, p.Error())
	}
	return b.String()
}

// TestBadJSONInput has one case per kind of bad or unusual input: each is
// reported with its line and the rest of the input is read.
func TestBadJSONInput(t *testing.T) {
	tests := []struct {
		name            string
		input           string
		records, events int
		problems        []wantProblem
	}{
		{
			name:    "empty lines are skipped",
			input:   "\n{\"id\":\"a\"}\n\n   \r\n{\"id\":\"b\"}\n",
			records: 2,
		},
		{
			name:     "invalid UTF-8 is replaced and the record kept",
			input:    "{\"id\":\"a\",\"name\":{\"full\":\"Jos\xe9 Ruiz\"}}\n{\"id\":\"b\"}\n",
			records:  2,
			problems: []wantProblem{{1, "", SeverityWarning, "invalid UTF-8 replaced with U+FFFD"}},
		},
		{
			name:     "duplicate id is a notice and both lines pass",
			input:    "{\"id\":\"a\",\"emails\":[\"old@example.org\"]}\n{\"id\":\"b\"}\n{\"id\":\"a\",\"emails\":[\"new@example.org\"]}\n",
			records:  3,
			problems: []wantProblem{{3, "id", SeverityNotice, "id was read before at line 1; this line updates that record"}},
		},
		{
			name:     "missing id",
			input:    "{\"name\":{\"full\":\"No Id\"}}\n{\"id\":\"b\"}\n",
			records:  1,
			problems: []wantProblem{{1, "id", SeverityError, "missing id"}},
		},
		{
			name:     "empty id",
			input:    "{\"id\":\"  \"}\n{\"id\":\"b\"}\n",
			records:  1,
			problems: []wantProblem{{1, "id", SeverityError, "empty id"}},
		},
		{
			name:    "not an object",
			input:   "[1,2]\n\"text\"\n42\nnull\n{\"id\":\"b\"}\n",
			records: 1,
			problems: []wantProblem{
				{1, "", SeverityError, "not a JSON object"},
				{2, "", SeverityError, "not a JSON object"},
				{3, "", SeverityError, "not a JSON object"},
				{4, "", SeverityError, "not a JSON object"},
			},
		},
		{
			name:    "truncated JSON",
			input:   "{\"id\":\"a\",\"emails\":[\"x@exa\n{\"id\":\"b\"}\n{\"id\":\"c\",\n",
			records: 1,
			problems: []wantProblem{
				{1, "", SeverityError, "truncated"},
				{3, "", SeverityError, "truncated"},
			},
		},
		{
			name:    "bad JSON inside a value",
			input:   "{\"id\":\"a\",\"emails\":[tru]}\n",
			records: 0,
			problems: []wantProblem{
				{1, "", SeverityError, "bad JSON: invalid character"},
			},
		},
		{
			name: "wrong field types",
			input: "{\"id\":5}\n{\"id\":\"b\",\"emails\":\"x@example.org\"}\n{\"id\":\"c\",\"phones\":[{\"number\":5}]}\n" +
				"{\"id\":\"d\",\"name\":\"Dee\"}\n{\"event\":\"sign_in\",\"record_id\":\"d\",\"success\":\"yes\"}\n{\"event\":7,\"record_id\":\"d\"}\n{\"id\":\"ok\"}\n",
			records: 1,
			problems: []wantProblem{
				{1, "id", SeverityError, "want a string, got a JSON number"},
				{2, "emails", SeverityError, "want a list, got a JSON string"},
				{3, "phones.number", SeverityError, "want a string, got a JSON number"},
				{4, "name", SeverityError, "want an object, got a JSON string"},
				{5, "success", SeverityError, "want true or false, got a JSON string"},
				{6, "event", SeverityError, "want a string, got a JSON number"},
			},
		},
		{
			name: "bad dates",
			input: "{\"id\":\"a\",\"birth_date\":\"1991-13-01\"}\n{\"id\":\"b\",\"birth_date\":\"1991-02-30\"}\n" +
				"{\"id\":\"c\",\"birth_date\":\"04/05/1991\"}\n{\"id\":\"d\",\"profiles\":[{\"site\":\"github\",\"created_at\":\"2020-00-10\"}]}\n" +
				"{\"id\":\"e\",\"observed_at\":\"yesterday\"}\n{\"id\":\"f\",\"birth_date\":\"1991-04\"}\n",
			records: 1,
			problems: []wantProblem{
				{1, "birth_date", SeverityError, "invalid date: month 13 out of range"},
				{2, "birth_date", SeverityError, "invalid date: day 30 out of range"},
				{3, "birth_date", SeverityError, "invalid date: ambiguous order"},
				{4, "profiles", SeverityError, "invalid date"},
				{5, "observed_at", SeverityError, "yesterday"},
			},
		},
		{
			name: "unknown event types are kept",
			input: "{\"event\":\"badge_swipe\",\"record_id\":\"a\",\"door\":\"3F\"}\n{\"event\":\"badge_swipe\",\"record_id\":\"b\"}\n" +
				"{\"event\":\"sign_in\",\"record_id\":\"a\",\"ip\":\"192.0.2.1\"}\n{\"event\":\"badge_swipe\",\"record_id\":\"c\"}\n",
			events: 4,
		},
		{
			name:     "event without record id or type",
			input:    "{\"event\":\"sign_in\"}\n{\"event\":\"\",\"record_id\":\"a\"}\n{\"event\":\"sign_in\",\"record_id\":\"a\"}\n",
			events:   1,
			problems: []wantProblem{{1, "record_id", SeverityError, "missing record_id"}, {2, "event", SeverityError, "empty event type"}},
		},
		{
			name:    "unknown fields are kept",
			input:   "{\"id\":\"a\",\"team\":\"platform\",\"score_hint\":{\"x\":[1,2]}}\n{\"id\":\"b\",\"team\":\"data\"}\n",
			records: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := collect(t, "in.jsonl", []byte(tt.input), Options{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if res.report.Records != tt.records || res.report.Events != tt.events {
				t.Errorf("read %d records and %d events, want %d and %d", res.report.Records, res.report.Events, tt.records, tt.events)
			}
			if got := len(res.items); got != tt.records+tt.events {
				t.Errorf("got %d items, want %d", got, tt.records+tt.events)
			}
			checkProblems(t, res.problems, tt.problems)
			for _, p := range res.problems {
				if p.File != "in.jsonl" {
					t.Errorf("problem file %q, want in.jsonl", p.File)
				}
			}
		})
	}
}

func TestInvalidUTF8Replaced(t *testing.T) {
	res := collect(t, "in.jsonl", []byte("{\"id\":\"a\",\"name\":{\"full\":\"Jos\xe9 Ruiz\"},\"x\xff\":1}\n"), Options{})
	recs := res.records()
	if len(recs) != 1 {
		t.Fatalf("got %d records", len(recs))
	}
	if got, want := recs[0].Name.Full, "Jos\uFFFD Ruiz"; got != want {
		t.Errorf("name = %q, want %q", got, want)
	}
	if _, ok := recs[0].Unknown["x\uFFFD"]; !ok {
		t.Errorf("unknown field with replaced name missing: %v", recs[0].Unknown)
	}
}

func TestBadDateReasonHidesValue(t *testing.T) {
	res := collect(t, "in.jsonl", []byte(`{"id":"a","birth_date":"1987-19-44"}`), Options{})
	if len(res.problems) != 1 {
		t.Fatalf("problems: %v", res.problems)
	}
	if strings.Contains(res.problems[0].Error(), "1987") {
		t.Errorf("problem quotes the birth date: %s", res.problems[0].Error())
	}
}

func TestUnknownEventsAndFieldsReported(t *testing.T) {
	input := "{\"event\":\"badge_swipe\",\"record_id\":\"a\",\"door\":\"3F\"}\n{\"event\":\"badge_swipe\",\"record_id\":\"b\"}\n" +
		"{\"event\":\"badge_swipe\",\"record_id\":\"c\"}\n{\"id\":\"a\",\"team\":\"platform\"}\n{\"id\":\"b\",\"team\":\"data\",\"desk\":4}\n"
	res := collect(t, "in.jsonl", []byte(input), Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if res.items[0].Event.Type != "badge_swipe" || string(res.items[0].Event.Unknown["door"]) != `"3F"` {
		t.Errorf("unknown event not kept as read: %+v", res.items[0].Event)
	}
	if got := string(res.items[4].Record.Unknown["desk"]); got != "4" {
		t.Errorf("unknown field desk = %q, want 4", got)
	}
	out, err := json.Marshal(res.items[3].Record)
	if err != nil || !strings.Contains(string(out), `"team":"platform"`) {
		t.Errorf("unknown field lost on marshal: %s %v", out, err)
	}
	summary := strings.Join(res.report.Summary(), "\n")
	for _, want := range []string{
		"3 events of unknown type 'badge_swipe' kept",
		"2 records with unknown field 'team' kept",
		"1 record with unknown field 'desk' kept",
		"1 event with unknown field 'door' kept",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
}

func TestDuplicateIDAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.jsonl")
	b := filepath.Join(dir, "b.jsonl")
	writeFile(t, a, "{\"id\":\"x\",\"emails\":[\"one@example.org\"]}\n")
	writeFile(t, b, "{\"id\":\"y\"}\n{\"id\":\"x\",\"emails\":[\"two@example.org\"]}\n")
	res := collectFiles(t, []string{a, b}, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if res.report.DuplicateIDs != 1 || res.report.Notices != 1 || res.report.Files != 2 {
		t.Errorf("report = %+v", res.report)
	}
	checkProblems(t, res.problems, []wantProblem{{2, "id", SeverityNotice, a + " line 1"}})
	last := res.items[len(res.items)-1].Record
	if last.ID != "x" || last.Emails[0] != "two@example.org" {
		t.Errorf("later line not passed last: %+v", last)
	}
}

func TestFiftyMegabyteField(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 50 MB line")
	}
	text := strings.Repeat("résumé ", 50<<20/len("résumé "))
	line, err := json.Marshal(map[string]any{"id": "big", "resume": map[string]string{"text": text}})
	if err != nil {
		t.Fatal(err)
	}
	input := append(line, "\n{\"id\":\"next\"}\n"...)
	res := collect(t, "big.jsonl", input, Options{})
	if res.err != nil || len(res.problems) != 0 {
		t.Fatalf("err %v, problems %v", res.err, res.problems)
	}
	recs := res.records()
	if len(recs) != 2 || recs[0].Resume.Text != text || recs[1].ID != "next" {
		t.Fatalf("got %d records", len(recs))
	}
}

func TestLineLongerThanMaxLine(t *testing.T) {
	long := `{"id":"long","resume":{"text":"` + strings.Repeat("x", 3000) + `"}}`
	input := "{\"id\":\"a\"}\n" + long + "\r\n{\"id\":\"b\"}\n" + long
	res := collect(t, "in.jsonl", []byte(input), Options{MaxLine: 1000})
	if res.err != nil {
		t.Fatal(res.err)
	}
	checkProblems(t, res.problems, []wantProblem{
		{2, "", SeverityError, fmt.Sprintf("line is %d bytes, longer than the limit of 1000", len(long)+1)},
		{4, "", SeverityError, fmt.Sprintf("line is %d bytes, longer than the limit of 1000", len(long))},
	})
	var ids []string
	for _, r := range res.records() {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []string{"a", "b"}) {
		t.Errorf("ids = %v", ids)
	}
}

// endlessLine is a reader that yields one line of n bytes without holding
// it, then a short record.
type endlessLine struct{ n, tail int }

func (e *endlessLine) Read(b []byte) (int, error) {
	if e.n > 0 {
		k := min(len(b), e.n)
		for i := range k {
			b[i] = 'x'
		}
		e.n -= k
		return k, nil
	}
	tail := "\n{\"id\":\"after\"}\n"
	if e.tail >= len(tail) {
		return 0, io.EOF
	}
	k := copy(b, tail[e.tail:])
	e.tail += k
	return k, nil
}

// TestLongLineMemoryBounded reads a 256 MB line with MaxLine 1 MB: the line
// is rejected and what Read allocates stays far below the line's size.
func TestLongLineMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 256 MB line")
	}
	const size = 256 << 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var problems []Problem
	var ids []string
	_, err := ReadFrom(context.Background(), &endlessLine{n: size}, "huge.jsonl", Options{MaxLine: 1 << 20},
		func(b []Item) error {
			for _, it := range b {
				ids = append(ids, it.Record.ID)
			}
			return nil
		},
		func(p Problem) { problems = append(problems, p) })
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Reason, fmt.Sprintf("line is %d bytes", size)) {
		t.Errorf("problems = %v", problems)
	}
	if !slices.Equal(ids, []string{"after"}) {
		t.Errorf("ids = %v", ids)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("allocated %d bytes reading a %d-byte line with MaxLine 1 MiB", alloc, size)
	}
}

func TestOrderKeptAcrossWorkers(t *testing.T) {
	var in bytes.Buffer
	const n = 5500
	for i := range n {
		if i%7 == 3 {
			fmt.Fprintf(&in, "{\"event\":\"sign_in\",\"record_id\":\"r%d\"}\n", i)
		} else if i%101 == 5 {
			in.WriteString("{bad\n")
		} else {
			fmt.Fprintf(&in, "{\"id\":\"r%d\"}\n", i)
		}
	}
	for _, workers := range []int{1, 3, 8} {
		res := collect(t, "in.jsonl", in.Bytes(), Options{Workers: workers})
		if res.err != nil {
			t.Fatal(res.err)
		}
		prev := 0
		for _, it := range res.items {
			if it.Line <= prev {
				t.Fatalf("workers %d: line %d after %d", workers, it.Line, prev)
			}
			prev = it.Line
			id := ""
			if it.Record != nil {
				id = it.Record.ID
			} else {
				id = it.Event.RecordID
			}
			if want := fmt.Sprintf("r%d", it.Line-1); id != want {
				t.Fatalf("workers %d: line %d holds %s, want %s", workers, it.Line, id, want)
			}
		}
		if res.report.Lines != n || res.report.Errors != len(res.problems) || res.report.Records+res.report.Events+res.report.Errors != n {
			t.Errorf("workers %d: report %+v", workers, res.report)
		}
	}
}

func TestCallbackErrorStops(t *testing.T) {
	var in bytes.Buffer
	for i := range 5000 {
		fmt.Fprintf(&in, "{\"id\":\"r%d\"}\n", i)
	}
	stop := errors.New("store full")
	batches := 0
	_, err := ReadFrom(context.Background(), &in, "in.jsonl", Options{Workers: 2}, func(b []Item) error {
		batches++
		if batches == 2 {
			return stop
		}
		return nil
	}, nil)
	if !errors.Is(err, stop) || batches != 2 {
		t.Errorf("err %v after %d batches", err, batches)
	}
}

func TestContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ReadFrom(ctx, strings.NewReader("{\"id\":\"a\"}\n"), "in.jsonl", Options{}, func([]Item) error { return nil }, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestJSONArrayAndGzip(t *testing.T) {
	array := "[\n  {\"id\": \"a\"},\n  {\"id\": \"b\",\n   \"emails\": [\"b@example.org\"]},\n  {\"id\": 3},\n  {\"event\": \"sign_in\", \"record_id\": \"a\"}\n]\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(array))
	zw.Close()
	for _, tc := range []struct {
		name  string
		input []byte
	}{{"people.json", []byte(array)}, {"people.json.gz", gz.Bytes()}, {"-", gz.Bytes()}} {
		t.Run(tc.name, func(t *testing.T) {
			res := collect(t, tc.name, tc.input, Options{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			var lines []int
			for _, it := range res.items {
				lines = append(lines, it.Line)
			}
			if !slices.Equal(lines, []int{2, 3, 6}) {
				t.Errorf("item lines = %v, want [2 3 6]", lines)
			}
			checkProblems(t, res.problems, []wantProblem{{5, "id", SeverityError, "want a string"}})
		})
	}
}

func TestJSONArraySyntaxErrorEndsFile(t *testing.T) {
	res := collect(t, "x.json", []byte("[{\"id\":\"a\"},\n{\"id\":\"b\"} {\"id\":\"c\"}]"), Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if len(res.items) != 2 || len(res.problems) != 1 || res.problems[0].Line != 2 {
		t.Errorf("items %d, problems %v", len(res.items), res.problems)
	}
}

func TestFormatChoice(t *testing.T) {
	m, err := ParseMapping("m.yaml", []byte("id: \"{id}\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, input string
		mapping     *Mapping
		records     int
		err         string
	}{
		{"a.jsonl", "{\"id\":\"a\"}", nil, 1, ""},
		{"a.ndjson", "{\"id\":\"a\"}", nil, 1, ""},
		{"a.json", "{\"id\":\"a\"}\n{\"id\":\"b\"}", nil, 2, ""},
		{"-", "\ufeff {\"id\":\"a\"}", nil, 1, ""},
		{"a.csv", "id\nx\n", nil, 0, "CSV input needs a column mapping; pass --mapping"},
		{"a.csv", "id\nx\n", m, 1, ""},
		{"-", "id\nx\ny\n", m, 2, ""},
		{"-", "id\nx\n", nil, 0, "pass --mapping FILE to read CSV"},
		{"a.jsonl", "", nil, 0, ""},
		{"a.csv", "", m, 0, "needs a header row"},
	}
	for _, tt := range tests {
		res := collect(t, tt.name, []byte(tt.input), Options{Mapping: tt.mapping})
		if tt.err != "" {
			if res.err == nil || !strings.Contains(res.err.Error(), tt.err) {
				t.Errorf("%s: err = %v, want %q", tt.name, res.err, tt.err)
			}
			continue
		}
		if res.err != nil || res.report.Records != tt.records {
			t.Errorf("%s %q: err %v, %d records, want %d", tt.name, tt.input, res.err, res.report.Records, tt.records)
		}
	}
}

func TestOpenErrorNamesFile(t *testing.T) {
	_, err := Read(context.Background(), []string{"testdata/nope.jsonl"}, Options{}, func([]Item) error { return nil }, nil)
	if err == nil || !strings.Contains(err.Error(), "testdata/nope.jsonl") || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v", err)
	}
}

func TestResumeFiles(t *testing.T) {
	res := collectFiles(t, []string{"testdata/people.jsonl"}, Options{ReadPaths: true})
	if res.err != nil {
		t.Fatal(res.err)
	}
	recs := res.records()
	if len(recs) != 5 {
		t.Fatalf("got %d records, want all 5 kept", len(recs))
	}
	want := []string{
		"Senior Go engineer.\nBuilt payment systems.\n",
		"Senior Go engineer with payments experience",
		"",
		"",
		"kept as given",
	}
	for i, w := range want {
		if got := recs[i].Resume.Text; got != w {
			t.Errorf("%s resume text = %q, want %q", recs[i].ID, got, w)
		}
	}
	checkProblems(t, res.problems, []wantProblem{
		{3, "resume.path", SeverityWarning, "no such file"},
		{4, "resume.path", SeverityWarning, "broken.pdf"},
	})
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "applicants.jsonl", Line: 12, Field: "emails[0]", Reason: "not an e-mail address"}, "applicants.jsonl line 12: emails[0]: not an e-mail address"},
		{Problem{File: "a.csv", Line: 3, Reason: "row skipped"}, "a.csv line 3: row skipped"},
		{Problem{File: "a.csv", Reason: "empty"}, "a.csv: empty"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestJSONArrayLongElements(t *testing.T) {
	mid := `{"id":"mid","resume":{"text":"` + strings.Repeat("x", 5000) + `"}}`
	huge := `{"id":"huge","resume":{"text":"` + strings.Repeat("x", 200<<10) + `"}}`
	input := "[{\"id\":\"a\"},\n" + mid + ",\n{\"id\":\"b\"},\n" + huge + ",\n{\"id\":\"c\"}]"
	res := collect(t, "x.json", []byte(input), Options{MaxLine: 1000})
	if res.err != nil {
		t.Fatal(res.err)
	}
	checkProblems(t, res.problems, []wantProblem{
		{2, "", SeverityError, fmt.Sprintf("line is %d bytes, longer than the limit of 1000", len(mid))},
		{3, "", SeverityError, "the array element after this line is longer than the limit of 1000 bytes (MaxLine); the rest of the file is skipped"},
	})
	var ids []string
	for _, r := range res.records() {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []string{"a", "b"}) {
		t.Errorf("ids = %v", ids)
	}
}

// TestUnknownFieldsMatchFullDecode checks the fast scan that keeps unknown
// fields against a full decode of the object into a map.
func TestUnknownFieldsMatchFullDecode(t *testing.T) {
	for _, line := range []string{
		`{"id":"a"}`,
		`{ "id" : "a" , "team" : "x" }`,
		"{\"id\":\"a\",\n\t\"nested\":{\"s\":\"}]{[\\\"\",\"n\":[1,[2,{\"k\":null}]]},\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null}",
		`{"\u0069d":"a","t\u0065am":"y","name":{"full":"A"}}`,
		`{"id":"a","team":"x","team":"y"}`,
		`{"id":"a","":"empty name","emails":["a@example.org"],"Emails":["b@example.org"]}`,
		`{"id":"a","resume":{"text":"q\"uote"},"extra\\key":"\\"}`,
	} {
		var r ringer.Record
		if err := r.UnmarshalJSON([]byte(line)); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		var all map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &all); err != nil {
			t.Fatal(err)
		}
		known := map[string]bool{}
		for _, k := range []string{"id", "source", "kind", "observed_at", "name", "aliases", "birth_date", "birth_place",
			"emails", "phones", "addresses", "documents", "payout_accounts", "profiles", "photos", "resume", "claimed",
			"referred_by", "attributes"} {
			known[k] = true
		}
		want := map[string]string{}
		for k, v := range all {
			if !known[k] {
				want[k] = string(v)
			}
		}
		got := map[string]string{}
		for k, v := range r.Unknown {
			got[k] = string(v)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s:\nunknown = %v\nwant      %v", line, got, want)
		}
	}
}

// TestPathsUnreadByDefault checks that files named in input are not opened
// unless ReadPaths is set, and that a notice says so once.
func TestPathsUnreadByDefault(t *testing.T) {
	res := collectFiles(t, []string{"testdata/people.jsonl"}, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	for _, r := range res.records() {
		if r.Resume.Text != "" && r.Resume.Text != "kept as given" {
			t.Errorf("%s: file read without ReadPaths: %q", r.ID, r.Resume.Text)
		}
		if r.Resume.Path == "" {
			t.Errorf("%s: path dropped", r.ID)
		}
	}
	checkProblems(t, res.problems, []wantProblem{{1, "path", SeverityNotice, "left unread"}})
}
