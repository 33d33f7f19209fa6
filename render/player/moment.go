package player

import (
	"math"
	"strconv"
	"strings"
	"time"
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

// ParseMoment reads a moment as links and flags write it (scenario.ParseDuration's forms): a Go
// duration (1.5s, 540ms) or a number of seconds. NaN, infinities, negative values and values past
// MaxMoment are refused, each with its own Problem, the same way in the native and the browser
// build (no float-to-int conversion of an out-of-range value ever happens).
func ParseMoment(s string) (int64, Problem) {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil || math.IsInf(f, 0) {
		// an error with ±Inf is a number out of float64's range (1e400): past the limits
		return checkMoment(f*1e6, err != nil)
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		// a well-formed duration that overflows int64 ns (9999999999h) still parses with its
		// numbers shortened: too late, not malformed
		if _, err := time.ParseDuration(shorten(s)); err == nil && s[0] != '-' {
			return 0, MomentTooLate
		}
		return 0, MomentNotATime
	}
	return checkMoment(float64(d/time.Microsecond), false)
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

// shorten keeps at most four digits of each whole number in s.
func shorten(s string) string {
	b := make([]byte, 0, len(s))
	run, frac := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			run++
			if run > 4 && !frac {
				continue
			}
		case c == '.':
			frac = true
		default:
			run, frac = 0, false
		}
		b = append(b, c)
	}
	return string(b)
}
