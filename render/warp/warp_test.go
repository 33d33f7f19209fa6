package warp

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ms(v float64) int64 { return int64(v * 1000) }

func nac() []int64 { // normal_active_close key times
	return []int64{0, ms(20), ms(40), ms(60), ms(200), ms(220), ms(240), ms(500), ms(520), ms(540), ms(560), ms(60540)}
}

func TestMonotoneAndEveryKeyDistinct(t *testing.T) {
	w := Build(nac(), Params{})
	prev := -1.0
	for tt := int64(0); tt <= ms(60540); tt += 997 {
		y := w.Y(tt)
		require.GreaterOrEqual(t, y, prev, "Y must not go back at %d µs", tt)
		prev = y
	}
	for i := 1; i < len(w.Knots); i++ {
		assert.GreaterOrEqual(t, w.Knots[i].Y-w.Knots[i-1].Y, Defaults.MinStepPx, "keys %d and %d too close", i-1, i)
	}
}

func TestIdleGapsFoldIntoBands(t *testing.T) {
	w := Build(nac(), Params{})
	require.Len(t, w.Bands, 3) // 60→200, 240→500, 560→60540
	assert.Equal(t, ms(59980), w.Bands[2].Gap())
	assert.InDelta(t, Defaults.BandPx, w.Bands[2].Y1-w.Bands[2].Y0, 1e-9)
	assert.InDelta(t, Defaults.RefPx, w.Y(ms(20))-w.Y(0), 1e-9, "the median gap keeps RefPx")
	assert.Less(t, w.Height(), 700.0, "a 60 s story fits on one screen")
	b, ok := w.BandAt(ms(30000))
	assert.True(t, ok)
	assert.Equal(t, ms(560), b.T0)
}

func TestInverse(t *testing.T) {
	w := Build(nac(), Params{})
	for _, k := range nac() {
		assert.Equal(t, k, w.T(w.Y(k)))
	}
	assert.Equal(t, int64(0), w.T(-5))
	assert.Equal(t, ms(60540), w.T(1e9))
}

func TestDegenerate(t *testing.T) {
	w := Build(nil, Params{})
	assert.Equal(t, 0.0, w.Y(100))
	w = Build([]int64{5, 5, 5}, Params{})
	assert.Equal(t, int64(5), w.T(3))
}
