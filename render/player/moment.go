package player

import (
	"math"
	"strconv"
	"strings"

	"finwait/core/scenario"
)

// MaxMoment is the latest moment a link, a seek or the desktop's -at may name, in µs: four hours,
// the horizon of the longest run the core makes (scenario.RunOptions.MaxTime's default). A
// moment past a run's own end is shown as that end.
const MaxMoment = 4 * 3600 * 1_000_000

// Problem says why a moment was refused; the page and the desktop word it each their own way.
type Problem int

// The reasons a moment is refused.
const (
	MomentOK       Problem = iota
	MomentNotATime         // not a duration or a number (NaN and ±Inf included)
	MomentNegative         // before the run starts
	MomentTooLate          // past MaxMoment
)

// ParseMoment reads a moment as links and flags write it: a Go duration (1.5s, 540ms) or a number
// of seconds. NaN, infinities, negative values and values past MaxMoment are refused, each with
// its own Problem, the same way in the native and the browser build (no float-to-int conversion
// of an out-of-range value ever happens).
func ParseMoment(s string) (int64, Problem) {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil || isRangeErr(err) {
		return checkMoment(f*1e6, err != nil) // out of range: ±Inf (past the limits), or 0
	}
	if strings.HasPrefix(s, "-") {
		if _, err := scenario.ParseDuration(s[1:]); err == nil {
			return 0, MomentNegative
		}
	}
	d, err := scenario.ParseDuration(s)
	if err != nil {
		// time.ParseDuration refuses what overflows int64 ns (9999999h): too late, not malformed
		if wellFormed(s) {
			return 0, MomentTooLate
		}
		return 0, MomentNotATime
	}
	return CheckMoment(float64(d))
}

// CheckMoment checks a moment given as a number of µs (the postMessage API's t): NaN and the
// infinities are not moments.
func CheckMoment(us float64) (int64, Problem) {
	return checkMoment(us, false)
}

func checkMoment(us float64, overflowed bool) (int64, Problem) {
	switch {
	case math.IsNaN(us) || math.IsInf(us, 0) && !overflowed:
		return 0, MomentNotATime
	case us < 0:
		return 0, MomentNegative
	case us > MaxMoment:
		return 0, MomentTooLate
	}
	return int64(us), MomentOK
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// wellFormed reports whether s is a sequence of number+unit parts (2h45m, 1.5s): a Go duration
// that time.ParseDuration refuses only because it overflows.
func wellFormed(s string) bool {
	if s == "" {
		return false
	}
	for s != "" {
		i, dots := 0, 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			if s[i] == '.' {
				dots++
			}
			i++
		}
		if i == 0 || dots > 1 {
			return false
		}
		s = s[i:]
		unit := false
		for _, u := range []string{"ns", "us", "µs", "ms", "s", "m", "h"} {
			if strings.HasPrefix(s, u) && (u != "m" || !strings.HasPrefix(s, "ms")) {
				s, unit = s[len(u):], true
				break
			}
		}
		if !unit {
			return false
		}
	}
	return true
}
