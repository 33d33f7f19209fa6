package app

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/render/layout"
)

// Issue 13: the room kept for the page's menu takes effect in the frame on screen at once (the
// page sets it right after a language switch relabels its menu), so the next Draw and the next
// hit test use the same top bar; it never waits for the next Update.
func TestTopBarReserveLaysOutAtOnce(t *testing.T) {
	g, err := New(Options{Scenario: "normal_active_close", Shot: os.DevNull, ShotW: 1280, ShotH: 800})
	require.NoError(t, err)
	require.NoError(t, g.Update())
	theme := func() float64 {
		for _, h := range g.frame.Hits {
			if h.Kind == layout.HitCommand && h.Cmd == layout.CmdTheme {
				return h.Box.X
			}
		}
		t.Fatal("no theme button")
		return 0
	}
	right, x := g.TopBarRight(), theme()
	for _, px := range []float64{120, 37.5, 0} {
		g.SetTopBarReserve(px)
		assert.InDelta(t, right-px, g.TopBarRight(), 1e-9, "reserve %v: the top bar's end", px)
		assert.InDelta(t, x-px, theme(), 1e-9, "reserve %v: the theme button's hit region", px)
		h, ok := g.frame.HitTest(x-px+12, 24, g.in.Scale)
		assert.True(t, ok && h.Cmd == layout.CmdTheme, "reserve %v: a click on the theme button as laid out hits it, got %+v", px, h)
	}
}
