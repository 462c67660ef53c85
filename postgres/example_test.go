package postgres_test

import (
	"context"
	"fmt"
	"log"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/postgres"
)

// Open a deployment's store in its own schema, write a batch and find the
// records that share a key. (Compiled, not run: it needs a server.)
func ExampleOpen() {
	ctx := context.Background()
	s, err := postgres.Open(ctx, "postgres://ringer@db.internal:5432/ringer?search_path=ringer")
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	err = s.Write(ctx, &ringer.Batch{
		Records: []ringer.Record{{ID: "gh-app-1042"}, {ID: "hr-emp-0112"}},
		Personas: []ringer.Persona{
			{RecordID: "gh-app-1042", Keys: []string{"payout_account:k3Jx"}},
			{RecordID: "hr-emp-0112", Keys: []string{"payout_account:k3Jx"}},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	ids, err := s.RecordsWithKey(ctx, "payout_account:k3Jx", 10)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ids)
}
