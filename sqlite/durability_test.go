package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ringerhq/ringer"
)

// durabilityEnv names the database the helper process writes to; the
// helper runs only when it is set.
const durabilityEnv = "RINGER_SQLITE_DURABILITY_DB"

const (
	recordsPerBatch = 50
	killAfter       = 40 // batches the parent waits to see committed before SIGKILL
)

// durabilityBatch returns batch n: records, an event and a persona per
// record, a link chaining the records and an assessment.
func durabilityBatch(n int) *ringer.Batch {
	b := &ringer.Batch{}
	for i := range recordsPerBatch {
		id := fmt.Sprintf("b%05d-%02d", n, i)
		b.Records = append(b.Records, ringer.Record{ID: id, Source: "durability", Emails: []string{id + "@example.com"}})
		b.Events = append(b.Events, ringer.Event{Type: ringer.EventSignIn, RecordID: id, IP: "192.0.2.1"})
		b.Personas = append(b.Personas, ringer.Persona{RecordID: id, Keys: []string{"batch:" + strconv.Itoa(n), "rec:" + id}})
		if i > 0 {
			b.Links = append(b.Links, ringer.Link{A: fmt.Sprintf("b%05d-%02d", n, i-1), B: id, Score: 1})
		}
	}
	b.Assessments = []ringer.Assessment{{RecordID: fmt.Sprintf("b%05d-00", n), Score: n % 100, Band: ringer.BandClear}}
	return b
}

// TestDurabilityHelper is the child process of TestDurabilityKill: it
// writes numbered batches until killed, printing each batch number after
// its Write returns.
func TestDurabilityHelper(t *testing.T) {
	path := os.Getenv(durabilityEnv)
	if path == "" {
		t.Skip("helper process for TestDurabilityKill")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for n := 0; ; n++ {
		if err := s.Write(ctx, durabilityBatch(n)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Printf("committed %d\n", n)
	}
}

// TestDurabilityKill kills a writing process with SIGKILL in the middle of
// ingest and checks that every batch it reported committed is whole in the
// reopened database, and that no batch is there in part.
func TestDurabilityKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "ringer.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestDurabilityHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), durabilityEnv+"="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lastCommitted := -1
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		num, ok := strings.CutPrefix(sc.Text(), "committed ")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(num)
		if err != nil || n != lastCommitted+1 {
			t.Fatalf("helper printed %q after batch %d", sc.Text(), lastCommitted)
		}
		lastCommitted = n
		if n+1 == killAfter {
			// The helper is writing batch killAfter now, or about to.
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	cmd.Wait()
	if lastCommitted+1 < killAfter {
		t.Fatalf("helper stopped after batch %d: %s", lastCommitted, stderr.String())
	}

	ctx := t.Context()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	defer s.Close()
	for n := 0; ; n++ {
		whole, present, err := batchState(ctx, s, n)
		if err != nil {
			t.Fatal(err)
		}
		if present > 0 && !whole {
			t.Errorf("batch %d is stored in part (%d of its rows)", n, present)
		}
		if n <= lastCommitted && !whole {
			t.Errorf("batch %d was reported committed but is not whole (%d rows present)", n, present)
		}
		if n > lastCommitted && present == 0 {
			t.Logf("SIGKILL after batch %d was reported; %d batches found whole", lastCommitted, n)
			break
		}
	}
}

// batchState checks batch n in the store: whole reports whether every row
// the batch wrote is there; present counts the rows found.
func batchState(ctx context.Context, s *Store, n int) (whole bool, present int, err error) {
	want := durabilityBatch(n)
	rows := 0
	for _, r := range want.Records {
		if _, err := s.Record(ctx, r.ID); err == nil {
			present++
		}
		ev, err := s.Events(ctx, r.ID)
		if err != nil {
			return false, 0, err
		}
		present += len(ev)
		ls, err := s.Links(ctx, r.ID)
		if err != nil {
			return false, 0, err
		}
		for _, l := range ls {
			if l.B == r.ID { // count each link once, at its later end
				present++
			}
		}
		rows += 2
	}
	rows += len(want.Links)
	ids, err := s.RecordsWithKey(ctx, "batch:"+strconv.Itoa(n), 0)
	if err != nil {
		return false, 0, err
	}
	present += len(ids)
	rows += len(want.Personas)
	if _, err := s.Assessment(ctx, want.Assessments[0].RecordID); err == nil {
		present++
	}
	rows++
	return present == rows, present, nil
}
