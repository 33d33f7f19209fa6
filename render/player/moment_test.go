package player

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseMoment(t *testing.T) {
	for _, c := range []struct {
		in   string
		us   int64
		prob Problem
	}{
		{"0", 0, MomentOK},
		{"1.5", 1_500_000, MomentOK},
		{"540ms", 540_000, MomentOK},
		{" 1.25s ", 1_250_000, MomentOK},
		{"4h", MaxMoment, MomentOK},
		{"1e-9", 0, MomentOK},
		{"NaN", 0, MomentNotATime},
		{"nan", 0, MomentNotATime},
		{"Infinity", 0, MomentNotATime},
		{"+Inf", 0, MomentNotATime},
		{"-Inf", 0, MomentNotATime},
		{"", 0, MomentNotATime},
		{"soon", 0, MomentNotATime},
		{"1.5xs", 0, MomentNotATime},
		{"h", 0, MomentNotATime},
		{"-1", 0, MomentNegative},
		{"-540ms", 0, MomentNegative},
		{"99h", 0, MomentTooLate},
		{"4h0m0.000001s", 0, MomentTooLate},
		{"14401", 0, MomentTooLate},
		{"1e300", 0, MomentTooLate},
		{"1e400", 0, MomentTooLate},
		{"9999999999h", 0, MomentTooLate},
		{"2h45m", 9_900_000_000, MomentOK},
		{"1.2.3s", 0, MomentNotATime},
		{"-1e400", 0, MomentNegative},
	} {
		us, prob := ParseMoment(c.in)
		assert.Equal(t, c.prob, prob, "%q", c.in)
		assert.Equal(t, c.us, us, "%q", c.in)
	}
}

func TestCheckMoment(t *testing.T) {
	for _, c := range []struct {
		in   float64
		us   int64
		prob Problem
	}{
		{530000, 530000, MomentOK},
		{530000.9, 530000, MomentOK},
		{math.NaN(), 0, MomentNotATime},
		{math.Inf(1), 0, MomentNotATime},
		{math.Inf(-1), 0, MomentNotATime},
		{-1, 0, MomentNegative},
		{MaxMoment + 1, 0, MomentTooLate},
		{1e300, 0, MomentTooLate},
	} {
		us, prob := CheckMoment(c.in)
		assert.Equal(t, c.prob, prob, "%v", c.in)
		assert.Equal(t, c.us, us, "%v", c.in)
	}
}
