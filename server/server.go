// Package server is ringer's HTTP JSON API: records and events in,
// assessments and rings out, watchlist search, a health check and the
// OpenAPI document that describes it all (GET /openapi.json).
//
// Every error is a JSON object {"error": "..."} with a message a person
// can act on. Request bodies are limited in size (Options.MaxBody). When
// Options.Token is set, every /v1 request must carry
// "Authorization: Bearer <token>".
package server

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/ingest"
)

//go:embed openapi.json
var openAPI []byte

// Screener is what the API needs of the screening pipeline.
type Screener interface {
	Ingest(ctx context.Context, recs []ringer.Record, evs []ringer.Event) ([]ringer.Assessment, error)
	Ring(ctx context.Context, ringID string) (ringer.Ring, error)
}

// Store is what the API reads directly.
type Store interface {
	ringer.RecordReader
	ringer.AssessmentReader
}

// Options configure the API.
type Options struct {
	Screener Screener
	Store    Store
	// Search serves GET /v1/search (watchlist search); nil leaves it out.
	Search http.Handler
	// MaxBody is the largest request body accepted, in bytes (default 32 MiB).
	MaxBody int64
	// Token, when set, is the bearer token every /v1 request must carry.
	Token string
	// Logger logs requests (method, path, status, duration; never bodies).
	Logger *slog.Logger
}

// DefaultMaxBody is the request body limit when Options.MaxBody is 0.
const DefaultMaxBody = 32 << 20

// New returns the API's handler.
func New(o Options) http.Handler {
	if o.MaxBody == 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	a := &api{o: o}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", a.health)
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openAPI)
	})
	mux.Handle("POST /v1/records", a.auth(http.HandlerFunc(a.postRecords)))
	mux.Handle("POST /v1/events", a.auth(http.HandlerFunc(a.postEvents)))
	mux.Handle("GET /v1/records/{id}/assessment", a.auth(http.HandlerFunc(a.getAssessment)))
	mux.Handle("GET /v1/rings/{id}", a.auth(http.HandlerFunc(a.getRing)))
	if o.Search != nil {
		mux.Handle("GET /v1/search", a.auth(o.Search))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no such endpoint: %s %s (see /openapi.json)", r.Method, r.URL.Path))
	})
	return a.logged(mux)
}

type api struct{ o Options }

func (a *api) logged(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		a.o.Logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("took", time.Since(start)))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (a *api) auth(h http.Handler) http.Handler {
	if a.o.Token == "" {
		return h
	}
	want := []byte("Bearer " + a.o.Token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := []byte(r.Header.Get("Authorization"))
		if subtle.ConstantTimeCompare(got, want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="ringer"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong bearer token: send Authorization: Bearer <token>")
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (a *api) health(w http.ResponseWriter, r *http.Request) {
	n, err := a.o.Store.CountRecords(r.Context())
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "store unavailable: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "records": n})
}

// ingestResponse is the answer to a POST of records or events.
type ingestResponse struct {
	Accepted    int                 `json:"accepted"`
	Problems    []problem           `json:"problems"`
	Assessments []ringer.Assessment `json:"assessments"`
}

type problem struct {
	Line     int    `json:"line"`
	Field    string `json:"field,omitempty"`
	Reason   string `json:"reason"`
	Severity string `json:"severity"`
}

func (a *api) postRecords(w http.ResponseWriter, r *http.Request) { a.post(w, r, true) }
func (a *api) postEvents(w http.ResponseWriter, r *http.Request)  { a.post(w, r, false) }

// post reads a JSON array or JSON Lines body of records (or events). Bad
// lines are reported with their line number; the good ones are taken.
func (a *api) post(w http.ResponseWriter, r *http.Request, records bool) {
	body := http.MaxBytesReader(w, r.Body, a.o.MaxBody)
	var recs []ringer.Record
	var evs []ringer.Event
	resp := ingestResponse{Problems: []problem{}, Assessments: []ringer.Assessment{}}
	_, err := ingest.ReadFrom(r.Context(), body, "body", ingest.Options{}, func(items []ingest.Item) error {
		for _, it := range items {
			switch {
			case records && it.Record != nil:
				recs = append(recs, *it.Record)
			case !records && it.Event != nil:
				evs = append(evs, *it.Event)
			case records:
				resp.Problems = append(resp.Problems, problem{Line: it.Line, Reason: "an event: POST it to /v1/events", Severity: ingest.SeverityError})
			default:
				resp.Problems = append(resp.Problems, problem{Line: it.Line, Reason: "a record: POST it to /v1/records", Severity: ingest.SeverityError})
			}
		}
		return nil
	}, func(p ingest.Problem) {
		resp.Problems = append(resp.Problems, problem{Line: p.Line, Field: p.Field, Reason: p.Reason, Severity: p.Severity})
	})
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge,
			fmt.Sprintf("request body over %d bytes: split it into smaller requests", tooBig.Limit))
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "read body: "+err.Error())
		return
	}
	if len(recs)+len(evs) == 0 {
		writeJSON(w, http.StatusBadRequest, map[string]any{
			"error": "nothing to take: send a JSON array or JSON Lines of " + kindName(records), "problems": resp.Problems})
		return
	}
	as, err := a.o.Screener.Ingest(r.Context(), recs, evs)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "screen: "+err.Error())
		return
	}
	resp.Accepted = len(recs) + len(evs)
	resp.Assessments = append(resp.Assessments, as...)
	writeJSON(w, http.StatusOK, resp)
}

func kindName(records bool) string {
	if records {
		return "records (objects with an \"id\")"
	}
	return "events (objects with \"event\" and \"record_id\")"
}

func (a *api) getAssessment(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	as, err := a.o.Store.Assessment(r.Context(), id)
	if errors.Is(err, ringer.ErrNotFound) {
		if _, rerr := a.o.Store.Record(r.Context(), id); errors.Is(rerr, ringer.ErrNotFound) {
			writeError(w, http.StatusNotFound, fmt.Sprintf("no record %q: POST it to /v1/records first", id))
			return
		}
		writeError(w, http.StatusNotFound, fmt.Sprintf("record %q has no assessment yet", id))
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, "read assessment: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, as)
}

func (a *api) getRing(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ring, err := a.o.Screener.Ring(r.Context(), id)
	if errors.Is(err, ringer.ErrNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no ring %q (ring ids appear in assessments)", id))
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, "read ring: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, ring)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": strings.TrimSpace(msg)})
}
