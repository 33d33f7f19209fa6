package app

import (
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/session"
)

// Read-only accessors and a few commands for embedders (the web page's JS API and its tests).

// Now is the player's virtual time in µs.
func (g *Game) Now() int64 { return g.player.Now() }

// ScenarioName is the running scenario's name.
func (g *Game) ScenarioName() string { return session.Current(g.s).Name }

// ProfileName is the running kernel profile.
func (g *Game) ProfileName() string { return session.Profile(g.s) }

// Trace is the trace on screen (do not modify it).
func (g *Game) Trace() *trace.Trace { return g.tr }

// Ticks counts the Updates so far.
func (g *Game) Ticks() int { return g.ticks }

// Playing reports whether playback runs.
func (g *Game) Playing() bool { return g.player.Playing() }

// Speed is the playback speed.
func (g *Game) Speed() float64 { return g.player.Speed() }

// End is the last moment of the trace on screen, in µs.
func (g *Game) End() int64 { return g.player.End() }

// SeekTo pauses and moves to virtual time t (µs).
func (g *Game) SeekTo(t int64) { g.player.Pause(); g.player.SeekTo(t) }

// Play starts playback; Pause stops it.
func (g *Game) Play() { g.player.Play() }

// Pause stops playback.
func (g *Game) Pause() { g.player.Pause() }

// Lang is the language on screen ("en" or "zh"); the in-diagram switch changes it.
func (g *Game) Lang() string { return string(g.lang) }

// Msg is a UI message by id in the language on screen ("" for an unknown id): the page's own
// controls take their words from the same table as the diagram.
func (g *Game) Msg(id string, args ...any) string {
	if !i18n.HasUI(g.lang, i18n.ID(id)) {
		return ""
	}
	return i18n.Msg(g.lang, i18n.ID(id), args...)
}

// TraceJSON is the run on screen as finwait trace -format json writes it.
func (g *Game) TraceJSON() ([]byte, error) { return g.tr.MarshalJSON() }

// TraceText is the run on screen as finwait trace -format text writes it.
func (g *Game) TraceText() (string, error) {
	var b strings.Builder
	err := g.tr.WriteText(&b)
	return b.String(), err
}

// Capture paints the frame on screen into a new image and returns its pixels (RGBA, opaque,
// row by row) and size in device pixels. Call it from Draw: reading pixels back needs the game
// loop. It exists for the page's "Save PNG" (the desktop writes PNGs with -screenshot).
func (g *Game) Capture() (w, h int, pix []byte) {
	w, h = int(math.Ceil(g.in.W)), int(math.Ceil(g.in.H))
	if w <= 0 || h <= 0 {
		return 0, 0, nil
	}
	img := ebiten.NewImage(w, h)
	defer img.Deallocate()
	img.Fill(g.pal.Bg)
	g.painter().paint(img, g.frame)
	pix = make([]byte, 4*w*h)
	img.ReadPixels(pix)
	return w, h, pix
}

// SetTopBarReserve keeps px logical pixels free at the right end of the top bar, where the web
// page puts its own menu button (its width depends on the language). The frame is laid out again
// at once, so the next Draw and the next hit test use the same top bar.
func (g *Game) SetTopBarReserve(px float64) {
	g.reserve = max(0, min(px, 400))
	if g.in.Model != nil {
		g.in.TopBarReserve = g.reserve * g.device / g.in.Scale
		g.rebuild()
	}
}

// Dark reports whether the dark theme is on screen.
func (g *Game) Dark() bool { return g.pal.Dark }

// TopBarRight is where the app's own top-bar controls end, in CSS (logical) px from the left; 0
// without a top bar. The page checks its menu button starts right of it.
func (g *Game) TopBarRight() float64 {
	end := 0.0
	for _, h := range g.frame.Hits {
		if h.Kind == layout.HitCommand && h.Box.Y < g.frame.Diagram.Y && h.Box.X+h.Box.W > end {
			end = h.Box.X + h.Box.W
		}
	}
	if g.device > 0 {
		end /= g.device
	}
	return end
}
