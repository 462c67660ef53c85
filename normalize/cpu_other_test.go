//go:build !linux

package normalize_test

import "testing"

// loopCPU runs f in b.Loop; CPU time per operation is reported on Linux only.
func loopCPU(b *testing.B, f func(i int)) {
	for i := 0; b.Loop(); i++ {
		f(i)
	}
}
