package app

import (
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
)

// awakeTicks is how long the frame loop stays awake after the last thing that moved (half a
// second at 60 TPS): a key held for a few ticks, a drag, a double click all land while awake.
const awakeTicks = 30

// settle lets the frame loop sleep while nothing moves (issue 13: no CPU while paused). While
// playing, easing after a jump, running a scenario a slice a frame, or with a key, button or
// finger down, the loop runs at the display's rate (ebiten.FPSModeVsyncOn); awakeTicks after the
// last of these it switches to ebiten.FPSModeVsyncOffMinimum, where Ebiten calls neither Update
// nor Draw until an input event, a resize or ebiten.ScheduleFrame (the page's postMessage
// commands and JS calls, a dropped file read). Any Update that runs asleep was such a wake-up,
// so it starts a new awake spell. Screenshots and -frames measurements never sleep.
func (g *Game) settle() {
	if g.opt.Shot != "" || g.opt.Frames > 0 {
		return
	}
	if g.asleep || g.busy() {
		g.awakeUntil = g.ticks + awakeTicks
	}
	sleep := g.ticks >= g.awakeUntil
	paced := !sleep && g.framePacer != nil && g.playingOnly()
	if sleep != g.asleep || paced != g.paced {
		g.asleep, g.paced = sleep, paced
		if sleep || paced {
			ebiten.SetFPSMode(ebiten.FPSModeVsyncOffMinimum)
		} else {
			ebiten.SetFPSMode(ebiten.FPSModeVsyncOn)
		}
	}
	if paced {
		g.framePacer() // the next frame, playFrameTicks display frames on
	}
}

// playingOnly reports whether playback is all that moves: no run in slices, no new model, no
// key, button or finger down.
func (g *Game) playingOnly() bool {
	return g.player.Playing() && g.long == nil && g.shownModel == g.model && !g.held()
}

// SetFramePacer gives g what asks for the next frame while only playback moves (the page's:
// two display frames on, wasm/pace_js.go). With one, playback runs in
// ebiten.FPSModeVsyncOffMinimum: a display frame nobody asked for runs neither Update nor Draw,
// nor Ebiten's own presenting and flush, and a frame that runs catches up on the ticks it
// missed (Ebiten's clock: two Updates, one Draw), so the animation keeps 60 ticks a second and
// draws at 30 frames a second (pace.go) at half the page's cost per second. (A function: every
// exported method of a Game is linked into the page.)
func SetFramePacer(g *Game, next func()) { g.framePacer = next }

// busy reports whether the next frames may differ from this one without any new input.
func (g *Game) busy() bool {
	return g.player.Playing() || g.long != nil || g.shownModel != g.model || g.shown != g.model.Warp.Y(g.player.Now()) ||
		g.held() || len(g.dropped) > 0
}

// held reports whether a key, a mouse button or a finger is down.
func (g *Game) held() bool {
	return len(g.edge.touches) > 0 || g.edge.buttons != [3]bool{} || slices.Contains(g.edge.down, true)
}

// Asleep reports whether the frame loop sleeps until the next input or ScheduleFrame (settle).
func (g *Game) Asleep() bool { return g.asleep }
