package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/ringerhq/ringer/server"
	"github.com/ringerhq/ringer/watchlist"
)

func cmdServe() command {
	return command{summary: "serve the HTTP JSON API (OpenAPI at /openapi.json)", run: runServe}
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "[--db FILE] [--addr 127.0.0.1:8080] [--policy FILE]",
		"RINGER_API_TOKEN=s3cret ringer serve --db ringer.db --addr 127.0.0.1:8080")
	db := dbFlag(e, fs)
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on")
	pol := policyFlag(fs)
	maxBody := fs.Int64("max-body", server.DefaultMaxBody, "largest request body in `bytes`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, e, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	sc, err := newScreener(ctx, e, st, *db, *pol)
	if err != nil {
		return err
	}
	defer sc.Close()
	lists, err := watchlist.Load(ctx, st)
	if err != nil {
		return fmt.Errorf("load watchlists: %w", err)
	}
	logger := slog.New(slog.NewJSONHandler(e.stderr, nil))
	h := server.New(server.Options{
		Screener: sc,
		Store:    st,
		Search:   watchlist.NewSearchHandler(func() *watchlist.Index { return lists }),
		MaxBody:  *maxBody,
		Token:    e.getenv("RINGER_API_TOKEN"),
		Logger:   logger,
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	logger.Info("serving", "addr", ln.Addr().String(), "db", *db, "policy", sc.Policy().ID(),
		"auth", e.getenv("RINGER_API_TOKEN") != "")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		// Re-assess the ring-mates the last requests left stale; what is
		// not done in time stays marked for the next start.
		if err := sc.Settle(shut); err != nil {
			logger.Warn("stale assessments left for the next start", "error", err.Error())
		}
		return nil
	}
}
