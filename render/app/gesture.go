package app

import "math"

// gesture turns one touch into a tap, a drag or a long press (design README: tap to play or
// pause, drag to seek, long-press for what-if). It is fed once per tick; it never reads a clock.
type gesture struct {
	active    bool
	id        int
	x0, y0    float64
	x, y      float64
	ticks     int
	dragging  bool
	longFired bool
	moveSlop  float64 // device pixels a finger may wander and still tap
	longTicks int     // ticks held still for a long press
}

// gestureEvent is what a tick of touch input amounts to.
type gestureEvent int

const (
	gestureNone gestureEvent = iota
	gestureTap
	gestureDrag // x, y is where the finger is now
	gestureLong
)

func newGesture(scale float64, tps int) gesture {
	return gesture{moveSlop: 10 * scale, longTicks: tps / 2}
}

// down starts a touch.
func (g *gesture) down(id int, x, y float64) {
	*g = gesture{active: true, id: id, x0: x, y0: y, x: x, y: y, moveSlop: g.moveSlop, longTicks: g.longTicks}
}

// held is a tick with the finger at (x, y).
func (g *gesture) held(x, y float64) gestureEvent {
	if !g.active {
		return gestureNone
	}
	g.x, g.y = x, y
	g.ticks++
	if !g.dragging && math.Hypot(x-g.x0, y-g.y0) > g.moveSlop {
		g.dragging = true
	}
	switch {
	case g.dragging:
		return gestureDrag
	case !g.longFired && g.ticks >= g.longTicks:
		g.longFired = true
		return gestureLong
	}
	return gestureNone
}

// up ends the touch: a tap if it neither moved nor became a long press.
func (g *gesture) up() gestureEvent {
	if !g.active {
		return gestureNone
	}
	g.active = false
	if !g.dragging && !g.longFired {
		return gestureTap
	}
	return gestureNone
}
