package watchlist

import (
	"testing"
	"time"
)

func TestScratch(t *testing.T) {
	t0 := time.Now()
	ix := fullIndex(t)
	t.Log("load", time.Since(t0), ix.Len(), ix.Names(), len(ix.postings), len(ix.deletes))
	for _, q := range []string{"Kim Yong Chol", "김영철", "Kim Jong Un", "Korea Mining Development Trading Corp", "Li Jiadong", "Lazarus Group", "Kim Yong Chl", "Korea Minnig Developmnt", "John Smith", "Wise Honest", "Osama bin Laden", "Usama bin Ladin", "Hussein"} {
		t1 := time.Now()
		hs := ix.Search(Query{Name: q})
		d := time.Since(t1)
		t.Logf("%q %v hits %d", q, d, len(hs))
		for i, h := range hs {
			if i > 2 {
				break
			}
			t.Logf("   %.3f %s %s | %s", h.Score, h.Entity.ID, h.Entity.Name, h.Why)
		}
	}
}
