package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/normalize"
	"github.com/ringerhq/ringer/sqlite"
)

// defaultDB is the embedded database used when neither --db nor
// RINGER_DB says otherwise.
const defaultDB = "ringer.db"

// dbFlag adds --db to a command: an SQLite file path, or a postgres://
// URL. The default comes from RINGER_DB, else "ringer.db".
func dbFlag(e *env, fs *flag.FlagSet) *string {
	def := defaultDB
	if v := e.getenv("RINGER_DB"); v != "" {
		def = v
	}
	return fs.String("db", def, "database: an SQLite file, or a postgres:// URL (env RINGER_DB)")
}

// openStore opens the deployment's store named by path. For SQLite,
// RINGER_SQLITE_SYNC=normal trades the sync of every commit (durable
// through power loss) for commits that survive a crash of the process
// only, and are several times faster.
func openStore(ctx context.Context, e *env, path string) (ringer.Store, error) {
	if isPostgres(path) {
		return openPostgres(ctx, path)
	}
	st, err := sqlite.OpenWith(ctx, path, sqlite.Options{Synchronous: e.getenv("RINGER_SQLITE_SYNC")})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return st, nil
}

func isPostgres(path string) bool {
	return strings.HasPrefix(path, "postgres://") || strings.HasPrefix(path, "postgresql://")
}

// deploymentKeyer returns the keyer of the deployment whose database is
// db. The secret comes from RINGER_SECRET when set (at least 16
// characters), else from the file RINGER_SECRET_FILE, else from db+".key"
// beside an SQLite database, created with 32 random bytes on first use
// (mode 0600). A PostgreSQL deployment must set RINGER_SECRET or
// RINGER_SECRET_FILE so that every node keys identifiers alike.
func deploymentKeyer(e *env, db string) (*normalize.Keyer, error) {
	if s := e.getenv("RINGER_SECRET"); s != "" {
		if len(s) < 16 {
			return nil, errors.New("RINGER_SECRET is shorter than 16 characters")
		}
		return normalize.NewKeyer([]byte(s)), nil
	}
	file := e.getenv("RINGER_SECRET_FILE")
	if file == "" {
		if isPostgres(db) {
			return nil, errors.New("a PostgreSQL deployment needs RINGER_SECRET or RINGER_SECRET_FILE (the same on every node)")
		}
		file = db + ".key"
	}
	b, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		secret := make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return nil, fmt.Errorf("make secret: %w", err)
		}
		if dir := filepath.Dir(file); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("make secret: %w", err)
			}
		}
		enc := []byte(hex.EncodeToString(secret) + "\n")
		if err := os.WriteFile(file, enc, 0o600); err != nil {
			return nil, fmt.Errorf("write secret %s: %w", file, err)
		}
		b = enc
	} else if err != nil {
		return nil, fmt.Errorf("read secret %s: %w", file, err)
	}
	s := strings.TrimSpace(string(b))
	if len(s) < 16 {
		return nil, fmt.Errorf("secret %s is shorter than 16 characters", file)
	}
	return normalize.NewKeyer([]byte(s)), nil
}

// randomKeyer returns a keyer with a fresh random secret, for runs that
// persist nothing.
func randomKeyer() *normalize.Keyer {
	secret := make([]byte, 32)
	_, _ = rand.Read(secret) // crypto/rand.Read never fails on supported platforms
	return normalize.NewKeyer(secret)
}
