package main

import (
	"context"
	"fmt"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/postgres"
)

// openPostgres opens a PostgreSQL deployment's store.
func openPostgres(ctx context.Context, dsn string) (ringer.Store, error) {
	st, err := postgres.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return st, nil
}
