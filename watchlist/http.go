package watchlist

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/names"
)

// SearchResponse is the body of GET /v1/search.
type SearchResponse struct {
	Query     string     `json:"query"`
	Threshold float64    `json:"threshold"`
	Hits      []HitJSON  `json:"hits"`
	Lists     []ListInfo `json:"lists,omitempty"`
}

// HitJSON is one hit as the API writes it.
type HitJSON struct {
	List        string   `json:"list"`
	Entry       string   `json:"entry"`
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Matched     string   `json:"matched_name"`
	Score       float64  `json:"score"`
	NameScore   float64  `json:"name_score"`
	Specificity float64  `json:"specificity"`
	Match       bool     `json:"match"`
	Why         string   `json:"why"`
	Programs    []string `json:"programs,omitempty"`
	BirthDates  []string `json:"birth_dates,omitempty"`
	Countries   []string `json:"countries,omitempty"`
}

// HitsJSON converts hits for output; Match is set at the threshold.
func HitsJSON(hits []Hit, threshold float64) []HitJSON {
	out := make([]HitJSON, 0, len(hits))
	for _, h := range hits {
		out = append(out, hitJSON(h, threshold))
	}
	return out
}

func hitJSON(h Hit, threshold float64) HitJSON {
	e := h.Entity
	j := HitJSON{List: e.List, Entry: e.ID, Name: e.Name, Type: string(e.Type), Matched: h.Matched,
		Score: h.Score, NameScore: h.NameScore, Specificity: h.Specificity, Match: h.Score >= threshold,
		Why: h.Why, Programs: e.Programs, Countries: e.Countries()}
	for _, d := range e.BirthDates {
		j.BirthDates = append(j.BirthDates, d.String())
	}
	return j
}

// NewSearchHandler serves GET /v1/search?q=NAME&birth_date=&country=&kind=&limit=
// with a SearchResponse. current returns the index to search, so that a
// list update takes effect on the next request.
func NewSearchHandler(current func() *Index) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			writeJSONError(w, http.StatusMethodNotAllowed, "use GET")
			return
		}
		q := r.URL.Query()
		name := strings.TrimSpace(q.Get("q"))
		if name == "" {
			writeJSONError(w, http.StatusBadRequest, "query parameter q (the name to search) is required")
			return
		}
		if len(name) > 512 {
			writeJSONError(w, http.StatusBadRequest, "q is longer than 512 bytes")
			return
		}
		query := Query{Name: name}
		if s := q.Get("birth_date"); s != "" {
			d, err := ringer.ParseDate(s)
			if err != nil {
				writeJSONError(w, http.StatusBadRequest, "birth_date: "+err.Error())
				return
			}
			query.BirthDate = d
		}
		query.Country = q.Get("country")
		if k := q.Get("kind"); k != "" {
			if _, err := names.ParseKind(k); err != nil {
				writeJSONError(w, http.StatusBadRequest, err.Error())
				return
			}
			query.Kind = k
		}
		if s := q.Get("limit"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 100 {
				writeJSONError(w, http.StatusBadRequest, "limit: want a number from 1 to 100")
				return
			}
			query.Limit = n
		}
		if s := q.Get("min_score"); s != "" {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || f < 0 || f > 1 {
				writeJSONError(w, http.StatusBadRequest, "min_score: want a number from 0 to 1")
				return
			}
			query.MinScore = f
		}
		ix := current()
		resp := SearchResponse{Query: name, Threshold: names.DefaultThreshold, Hits: []HitJSON{}}
		if ix != nil {
			resp.Hits = HitsJSON(ix.Search(query), names.DefaultThreshold)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(resp)
	})
}

func writeJSONError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
