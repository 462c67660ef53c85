package ringer

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date that may be partial: a year alone, a year and a
// month, or a full date. Zero parts are unknown.
type Date struct {
	Year  int
	Month int // 1..12, 0 when unknown
	Day   int // 1..31, 0 when unknown
}

// IsZero reports whether nothing of the date is known.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// String formats the date as ISO 8601 at the precision it has:
// "1991", "1991-04" or "1991-04-12".
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time returns the first instant of the date in UTC; unknown parts count as
// the first month or day.
func (d Date) Time() time.Time {
	m, dd := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if dd == 0 {
		dd = 1
	}
	return time.Date(d.Year, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

// ParseDate reads a full or partial date. It accepts ISO forms (1991,
// 1991-04, 1991-04-12, with "-", "/" or "." between parts), the compact
// YYYYMMDD and YYYYMM, RFC 3339 timestamps (the date part is kept) and
// DD/MM/YYYY when the first part cannot be a month (otherwise MM/DD/YYYY is
// ambiguous and refused). Impossible dates are an error.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return Date{t.Year(), int(t.Month()), t.Day()}, nil
		}
		s = s[:10]
	}
	var parts []string
	if strings.ContainsAny(s, "-/.") {
		parts = strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	} else {
		switch len(s) {
		case 4:
			parts = []string{s}
		case 6:
			parts = []string{s[:4], s[4:]}
		case 8:
			parts = []string{s[:4], s[4:6], s[6:]}
		default:
			return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM, YYYY-MM-DD or YYYYMMDD", s)
		}
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Date{}, fmt.Errorf("date %q: %q is not a number", s, p)
		}
		nums[i] = n
	}
	var d Date
	switch len(nums) {
	case 1:
		d = Date{Year: nums[0]}
	case 2:
		d = Date{Year: nums[0], Month: nums[1]}
	case 3:
		if len(parts[0]) == 4 {
			d = Date{nums[0], nums[1], nums[2]}
		} else if len(parts[2]) == 4 && nums[0] > 12 {
			d = Date{nums[2], nums[1], nums[0]}
		} else {
			return Date{}, fmt.Errorf("date %q: ambiguous order, write YYYY-MM-DD", s)
		}
	default:
		return Date{}, fmt.Errorf("date %q: too many parts", s)
	}
	if err := d.validate(); err != nil {
		return Date{}, fmt.Errorf("date %q: %w", s, err)
	}
	return d, nil
}

func (d Date) validate() error {
	if d.Year < 1 || d.Year > 9999 {
		return fmt.Errorf("year %d out of range", d.Year)
	}
	if d.Month < 0 || d.Month > 12 {
		return fmt.Errorf("month %d out of range", d.Month)
	}
	if d.Day != 0 {
		if d.Month == 0 {
			return fmt.Errorf("day without month")
		}
		last := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if d.Day < 1 || d.Day > last {
			return fmt.Errorf("day %d out of range for %04d-%02d", d.Day, d.Year, d.Month)
		}
	}
	return nil
}

// MarshalJSON writes the date as an ISO string at its precision.
func (d Date) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a date string (see ParseDate), a bare year number, or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if len(b) > 0 && b[0] != '"' {
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("date: want a string, got %s", truncate(string(b), 40))
		}
		s = n.String()
	} else if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
