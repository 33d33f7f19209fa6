package app

import (
	"image/color"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 13, power and speed: playing, a frame is laid out every playFrameTicks-th tick and Draw
// paints only those; paused, every tick lays out and paints (the view eases and follows the
// pointer). A Draw with no new frame leaves the screen as it was (the screen is not cleared
// between frames), unless the screen is a new image (Ebiten makes one when the size changes).
func TestPlayingLaysOutEverySecondTick(t *testing.T) {
	mark := color.RGBA{0x12, 0x34, 0x56, 0xff} // no colour of the palettes
	tests := []struct {
		name    string
		playing bool
		want    []bool // per Update: a new frame laid out and painted
	}{
		{"paused", false, []bool{true, true, true, true, true, true}},
		{"playing", true, []bool{true, false, true, false, true, false}}, // ticks 2..7
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := New(Options{Scenario: "normal_active_close", Seed: 1})
			require.NoError(t, err)
			require.NoError(t, g.Update())
			if tc.playing {
				g.Play()
			}
			require.Equal(t, 1, g.ticks, "one tick before playing")
			screen := ebiten.NewImage(320, 200)
			g.Draw(screen) // the first frame
			var got []bool
			for i := range tc.want {
				now := g.in.Now
				require.NoError(t, g.Update())
				assert.Equal(t, tc.playing, g.player.Playing())
				laid := g.pace.fresh
				if tc.playing {
					assert.Equal(t, laid, g.in.Now != now, "update %d: the frame's time moves only when laid out", i)
				}
				screen.Fill(mark)
				g.Draw(screen)
				painted := screen.At(1, 1) != mark
				assert.Equal(t, laid, painted, "update %d: Draw paints exactly the new frames", i)
				got = append(got, painted)
			}
			assert.Equal(t, tc.want, got)

			// a new screen is painted at once, without a new frame
			g.pace.fresh = false
			bigger := ebiten.NewImage(330, 210)
			bigger.Fill(mark)
			g.Draw(bigger)
			assert.NotEqual(t, mark, bigger.At(1, 1), "a new screen is painted")
			bigger.Fill(mark)
			g.Draw(bigger)
			assert.Equal(t, mark, bigger.At(1, 1), "then left alone until the next frame")
		})
	}
}
