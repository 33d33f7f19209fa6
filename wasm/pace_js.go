//go:build js

package main

import (
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/render/app"
)

// pacePlayback makes the page draw every second display frame while only playback moves
// (app.SetFramePacer): each Update asks, through two animation frames, for the frame after next.
// The callbacks run before Ebiten's own (they are registered first), so the frame they schedule
// is the one Ebiten runs; several asks for the same frame are one.
func pacePlayback(g *app.Game) {
	raf := js.Global().Get("requestAnimationFrame")
	var second, first js.Func
	pending := false
	second = js.FuncOf(func(js.Value, []js.Value) any {
		pending = false
		ebiten.ScheduleFrame()
		return nil
	})
	first = js.FuncOf(func(js.Value, []js.Value) any {
		raf.Invoke(second)
		return nil
	})
	app.SetFramePacer(g, func() {
		if !pending {
			pending = true
			raf.Invoke(first)
		}
	})
}
