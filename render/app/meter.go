package app

import (
	"fmt"
	"time"
)

// meter times Update and Draw in the real game loop (the -frames measurement). The wall clock is
// read only here, never by playback: the player advances by 1/TPS per tick.
type meter struct {
	frames             int
	upd, drw           time.Duration
	start              time.Time
	maxUpdate, maxDraw time.Duration
}

func (m *meter) update() func() {
	t := time.Now()
	if m.start.IsZero() {
		m.start = t
	}
	return func() {
		d := time.Since(t)
		m.upd += d
		m.maxUpdate = max(m.maxUpdate, d)
	}
}

func (m *meter) draw() func() {
	t := time.Now()
	return func() {
		d := time.Since(t)
		m.drw += d
		m.maxDraw = max(m.maxDraw, d)
		m.frames++
	}
}

func (m *meter) String() string {
	if m.frames == 0 {
		return "no frames"
	}
	n := time.Duration(m.frames)
	wall := time.Since(m.start)
	return fmt.Sprintf("frames %d: Update %v, Draw %v, Update+Draw %v per frame (max %v / %v); %.1f frames per wall second",
		m.frames, m.upd/n, m.drw/n, (m.upd+m.drw)/n, m.maxUpdate, m.maxDraw, float64(m.frames)/wall.Seconds())
}
