// Package pgtest gives tests a PostgreSQL schema of their own on the test
// server, so that tests of several packages can share one database.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DSN returns the DSN of the test server: RINGER_TEST_POSTGRES, or
// the local server as user PGUSER (default postgres).
func DSN() string {
	if dsn := os.Getenv("RINGER_TEST_POSTGRES"); dsn != "" {
		return dsn
	}
	user := os.Getenv("PGUSER")
	if user == "" {
		user = "postgres"
	}
	return "postgres://" + url.PathEscape(user) + "@127.0.0.1:5432/test?sslmode=disable"
}

// Schema creates a schema of its own for one test and returns a DSN
// whose search_path is that schema. The schema is dropped when the test
// ends. The test is skipped when the server cannot be reached.
func Schema(t testing.TB) string {
	t.Helper()
	dsn := DSN()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Skipf("PostgreSQL test server unreachable (set RINGER_TEST_POSTGRES): %v", err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	schema := "ringer_test_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	if !strings.Contains(dsn, "://") {
		return dsn + " search_path=" + schema
	}
	return dsn + sep + "search_path=" + schema
}
