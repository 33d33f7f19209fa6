package player

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/render/source"
	"finwait/render/warp"
)

func nac(t *testing.T) *Player {
	tr := source.NormalActiveClose()
	m := Moments(tr, 0)
	return New(m, warp.Build(m, warp.Params{}))
}

func TestStepVisitsEveryMomentBothWays(t *testing.T) {
	p := nac(t)
	want := []int64{0, 20000, 40000, 60000, 200000, 220000, 240000, 500000, 520000, 540000, 560000, 60540000}
	assert.Equal(t, want, p.Moments())
	for _, w := range want[1:] {
		p.Next()
		assert.Equal(t, w, p.Now())
	}
	p.Next()
	assert.Equal(t, int64(60540000), p.Now(), "Next at the end stays")
	for i := len(want) - 2; i >= 0; i-- {
		p.Prev()
		assert.Equal(t, want[i], p.Now())
	}
}

func TestSpeedLadderClamps(t *testing.T) {
	p := nac(t)
	assert.Equal(t, 1.0, p.Speed())
	for i := 0; i < 10; i++ {
		p.Faster()
	}
	assert.Equal(t, 16.0, p.Speed())
	for i := 0; i < 10; i++ {
		p.Slower()
	}
	assert.Equal(t, 0.25, p.Speed())
	p.SetSpeed(3.1)
	assert.Equal(t, 4.0, p.Speed())
}

func TestPlaybackCrossesIdleGapQuicklyAndStopsAtEnd(t *testing.T) {
	p := nac(t)
	p.SeekTo(560000)
	p.Play()
	ticks := 0
	for p.Playing() && ticks < 10000 {
		p.Advance(1.0 / 60)
		ticks++
	}
	assert.Equal(t, int64(60540000), p.Now())
	assert.Less(t, ticks, 60, "59.98 s of idle time passes in under a wall second at 1×")
	p.Play()
	assert.Equal(t, int64(0), p.Now(), "play at the end restarts")
}

func TestPlaybackIsMonotoneAndSlowInActivity(t *testing.T) {
	p := nac(t)
	p.Play()
	prev := p.Now()
	for i := 0; i < 30; i++ {
		p.Advance(1.0 / 60)
		require.Greater(t, p.Now(), prev)
		prev = p.Now()
	}
	assert.Less(t, p.Now(), int64(20000), "half a second at 1× covers less than 20 ms of a 20 ms-per-hop story")
	p.Pause()
	p.Advance(1)
	assert.Equal(t, prev, p.Now())
}

func TestSeekClamps(t *testing.T) {
	p := nac(t)
	p.SeekTo(-5)
	assert.Equal(t, int64(0), p.Now())
	p.SeekTo(1 << 50)
	assert.Equal(t, p.End(), p.Now())
	p.SeekStart()
	assert.Equal(t, int64(0), p.Now())
	p.SeekEnd()
	assert.Equal(t, p.End(), p.Now())
}
