//go:build linux

package storetest

import (
	"time"

	"golang.org/x/sys/unix"
)

// ThreadCPU returns the CPU time the calling OS thread has used, to the
// nanosecond (getrusage counts threads in scheduler ticks). With the
// goroutine locked to its thread, the difference across one op is the
// op's own CPU time, whatever else the machine runs.
func ThreadCPU() (time.Duration, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}

// ProcessCPU returns the CPU time the whole process has used, every
// thread's, to the nanosecond: across one op, the op's own CPU time and
// whatever the process did beside it (its background goroutines, the
// garbage collector).
func ProcessCPU() (time.Duration, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_PROCESS_CPUTIME_ID, &ts); err != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
