package sqlite_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/sqlite"
)

func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "ringer-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	s, err := sqlite.Open(ctx, filepath.Join(dir, "ringer.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	// Two applications share a keyed payout account.
	err = s.Write(ctx, &ringer.Batch{
		Records: []ringer.Record{{ID: "gh-app-1042"}, {ID: "hr-emp-0112"}},
		Personas: []ringer.Persona{
			{RecordID: "gh-app-1042", Keys: []string{"payout_account:k3Jx"}},
			{RecordID: "hr-emp-0112", Keys: []string{"payout_account:k3Jx", "email:Qm9v"}},
		},
		Links: []ringer.Link{{A: "hr-emp-0112", B: "gh-app-1042", Score: 1,
			Evidence: []ringer.Evidence{{Kind: "payout_account", Weight: 1}}}},
	})
	if err != nil {
		log.Fatal(err)
	}
	ids, err := s.RecordsWithKey(ctx, "payout_account:k3Jx", 10)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ids)
	links, err := s.Links(ctx, "gh-app-1042")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(links[0].A, links[0].B, links[0].Evidence[0].Kind)
	// Output:
	// [gh-app-1042 hr-emp-0112]
	// gh-app-1042 hr-emp-0112 payout_account
}
