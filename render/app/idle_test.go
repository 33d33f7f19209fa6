package app

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// awakeFor counts the Updates until the loop falls asleep (at most limit), checking Ebiten's FPS
// mode follows.
func awakeFor(t *testing.T, g *Game, limit int) int {
	t.Helper()
	for n := 1; n <= limit; n++ {
		require.NoError(t, g.Update())
		if g.Asleep() {
			assert.Equal(t, ebiten.FPSModeVsyncOffMinimum, ebiten.FPSMode(), "asleep after %d updates", n)
			return n
		}
		assert.Equal(t, ebiten.FPSModeVsyncOn, ebiten.FPSMode(), "awake at update %d", n)
	}
	return limit + 1
}

// Issue 13: paused with nothing moving, the frame loop sleeps (Ebiten calls neither Update nor
// Draw) awakeTicks Updates after the last change; playing, easing after a jump and a long run
// keep it awake, and an Update while asleep (an input event, ScheduleFrame) wakes it.
func TestLoopSleepsWhilePaused(t *testing.T) {
	t.Cleanup(func() { ebiten.SetFPSMode(ebiten.FPSModeVsyncOn) })
	tests := []struct {
		name    string
		reduced bool
		act     func(g *Game)
		want    int // Updates after act until asleep (limit+1: never within limit)
	}{
		{"nothing", false, func(*Game) {}, awakeTicks + 1}, // the Update asleep is a wake-up: a new spell
		{"play", false, func(g *Game) { g.Play() }, 301},   // playing never sleeps
		{"seek, reduced motion", true, func(g *Game) { g.SeekTo(g.End() / 2) }, awakeTicks + 1},
		{"seek, easing", false, func(g *Game) { g.player.SeekTo(g.End()) }, 0}, // set below: easing takes longer
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ebiten.SetFPSMode(ebiten.FPSModeVsyncOn)
			g, err := New(Options{Scenario: "normal_active_close", Seed: 1, Reduced: tc.reduced})
			require.NoError(t, err)
			assert.Equal(t, awakeTicks, awakeFor(t, g, 300), "a new game sleeps awakeTicks updates after start")
			tc.act(g)
			switch got := awakeFor(t, g, 300); {
			case tc.want > 0:
				assert.Equal(t, tc.want, got)
			default: // easing: awake while the view moves, then awakeTicks more
				assert.Greater(t, got, awakeTicks+1)
				assert.LessOrEqual(t, got, 300)
			}
			require.NoError(t, g.Update()) // an Update while asleep wakes it
			assert.False(t, g.Asleep())
			assert.Equal(t, ebiten.FPSModeVsyncOn, ebiten.FPSMode())
		})
	}
}
