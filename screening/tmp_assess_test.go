package screening_test

import (
	"context"
	"os"
	"runtime"
	"strings"
	"testing"
)

func BenchmarkTmpAssess1M(b *testing.B) {
	path := os.Getenv("TMP_DB")
	if path == "" {
		b.Skip()
	}
	runtime.SetCPUProfileRate(1000)
	ctx := context.Background()
	sc, _ := openScreenerStore(b, path)
	ids := strings.Fields(os.Getenv("TMP_IDS"))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := sc.Assess(ctx, ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
	}
}
