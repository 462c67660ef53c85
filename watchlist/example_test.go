package watchlist_test

import (
	"context"
	"fmt"

	"github.com/ringerhq/ringer"
	"github.com/ringerhq/ringer/watchlist"
)

// refs is the smallest ringer.ReferenceStore: a map.
type refs map[string]ringer.Reference

func (m refs) PutReference(_ context.Context, r ringer.Reference) error {
	m[r.Name] = r
	return nil
}
func (m refs) Reference(_ context.Context, _, name string) (ringer.Reference, error) {
	r, ok := m[name]
	if !ok {
		return r, ringer.ErrNotFound
	}
	return r, nil
}
func (m refs) References(_ context.Context, _ string) ([]ringer.Reference, error) {
	var out []ringer.Reference
	for _, r := range m {
		out = append(out, r)
	}
	return out, nil
}
func (m refs) DeleteReference(_ context.Context, _, name string) error {
	delete(m, name)
	return nil
}

func ExampleIndex_Search() {
	ctx := context.Background()
	store := refs{}
	sdn := `28264,"LI, Jiadong","individual","DPRK3] [CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 10 Jan 1987."` + "\n"
	if _, err := watchlist.Import(ctx, store, []watchlist.File{{Name: "sdn.csv", Data: []byte(sdn)}}); err != nil {
		panic(err)
	}
	ix, err := watchlist.Load(ctx, store)
	if err != nil {
		panic(err)
	}
	for _, q := range []string{"Li Jiadong", "李家东", "Jiadnog Li"} {
		for _, h := range ix.Search(watchlist.Query{Name: q}) {
			fmt.Printf("%s → %s %s %.2f\n", q, h.Entity.ID, h.Entity.Name, h.Score)
		}
	}
	// Output:
	// Li Jiadong → 28264 LI, Jiadong 1.00
	// 李家东 → 28264 LI, Jiadong 1.00
	// Jiadnog Li → 28264 LI, Jiadong 0.80
}
