//go:build !linux

package storetest

import "time"

// ThreadCPU is not measured on this system: it reports false.
func ThreadCPU() (time.Duration, bool) { return 0, false }

// ProcessCPU is not measured on this system: it reports false.
func ProcessCPU() (time.Duration, bool) { return 0, false }
