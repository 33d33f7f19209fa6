package app

import (
	"github.com/hajimehoshi/ebiten/v2"

	"finwait/render/layout"
)

// pace is how often a frame is laid out and painted (issue 13: power and speed). Ebiten runs
// Update at 60 TPS and calls Draw at the display's rate; while playing, the diagram moves by a
// few pixels a tick, and laying out and painting every second tick (30 frames a second) halves
// the frames' work (layout, vertices, Ebiten's and WebGL's per-vertex costs) for the same
// animation. Input, playback and the clock still run every tick: only what is drawn steps at
// 30 Hz. The screen is not cleared between frames (ebiten.SetScreenClearedEveryFrame(false)),
// so a Draw with no new frame paints nothing and the last frame stays on screen.
type pace struct {
	fresh  bool          // a frame was laid out that Draw has not painted yet
	screen *ebiten.Image // the screen last painted: Ebiten makes a new one when the window's size changes
}

// playFrameTicks is the ticks per laid-out frame while playing (60 TPS / 2 = 30 frames a second).
const playFrameTicks = 2

// due reports whether this tick lays out a new frame: every tick unless playing (paused, the
// view eases and follows the pointer at the display's rate), where every playFrameTicks-th.
// Screenshots and -frames measurements lay out every tick.
func (g *Game) due() bool {
	if !g.player.Playing() || g.opt.Shot != "" || g.opt.Frames > 0 || g.model != g.shownModel {
		return true
	}
	return g.ticks%playFrameTicks == 0
}

// rebuild lays out the frame from g.in; the next Draw paints it.
func (g *Game) rebuild() {
	g.frame = layout.Build(&g.in, g.frame)
	g.pace.fresh = true
}

// paintScreen paints the last laid-out frame onto the screen if it is new or the screen is (a new
// screen image is blank); otherwise the screen keeps the frame painted last. No clear is needed:
// a frame's first shape is its opaque background over the whole screen (layout.Build).
func (g *Game) paintScreen(screen *ebiten.Image) {
	if !g.pace.fresh && screen == g.pace.screen {
		return
	}
	g.pace.fresh, g.pace.screen = false, screen
	g.paint.paint(screen, g.frame)
}
