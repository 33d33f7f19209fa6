// Package player is a cursor over a trace: play, pause, speed, seek and stepping between events.
// It is pure Go (no Ebiten) and never reads the wall clock: the app passes each tick's duration.
// Playback is time-warp aware: it advances along the warped axis, so a 20 ms round trip plays
// slowly enough to follow and a 60 s idle gap passes in well under a second.
package player

import (
	"sort"

	"finwait/core/trace"
	"finwait/render/warp"
)

// Speeds is the speed ladder (0.25× to 16×).
var Speeds = []float64{0.25, 0.5, 1, 2, 4, 8, 16}

// UnitsPerSecond is how many warped units (scale-1 pixels) playback covers per wall second at 1×.
const UnitsPerSecond = 60.0

// Player is the cursor.
type Player struct {
	w       *warp.Warp
	moments []int64 // distinct times where something happens (events, arrivals, end), sorted
	now     int64
	playing bool
	speed   int // index into Speeds
	start   int64
	end     int64
}

// Moments returns the distinct times of a connection's events (conn < 0: all), packet arrivals and
// the end of the run: the times stepping stops at and the warp's key times.
func Moments(tr *trace.Trace, conn int) []int64 {
	var ts []int64
	for i := range tr.Events {
		e := &tr.Events[i]
		if conn >= 0 && e.Conn != conn && e.Conn != trace.NoConn {
			continue
		}
		if e.Kind == trace.KindCounter {
			continue
		}
		ts = append(ts, e.T)
		if e.Kind == trace.KindPacket && !e.Dropped && e.Arrive != trace.NoTime {
			ts = append(ts, e.Arrive)
		}
		if e.Kind == trace.KindCall && e.Returned != trace.NoTime {
			ts = append(ts, e.Returned)
		}
	}
	ts = append(ts, tr.EndUs)
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	out := ts[:0]
	for i, t := range ts {
		if i == 0 || t != ts[i-1] {
			out = append(out, t)
		}
	}
	return out
}

// New makes a paused player at the first moment, 1× speed.
func New(moments []int64, w *warp.Warp) *Player {
	p := &Player{w: w, moments: moments, speed: 2}
	if len(moments) > 0 {
		p.start, p.end = moments[0], moments[len(moments)-1]
	}
	p.now = p.start
	return p
}

// Now is the current virtual time (µs).
func (p *Player) Now() int64 { return p.now }

// Start and End bound the run.
func (p *Player) Start() int64 { return p.start }

// End is the last moment.
func (p *Player) End() int64 { return p.end }

// Playing reports whether playback runs.
func (p *Player) Playing() bool { return p.playing }

// Speed is the current speed factor.
func (p *Player) Speed() float64 { return Speeds[p.speed] }

// Moments the player steps between.
func (p *Player) Moments() []int64 { return p.moments }

// Play starts playback; at the end it restarts from the beginning.
func (p *Player) Play() {
	if p.now >= p.end {
		p.now = p.start
	}
	p.playing = true
}

// Pause stops playback.
func (p *Player) Pause() { p.playing = false }

// Toggle plays or pauses.
func (p *Player) Toggle() {
	if p.playing {
		p.Pause()
	} else {
		p.Play()
	}
}

// SetSpeed picks the ladder step nearest to f.
func (p *Player) SetSpeed(f float64) {
	best := 0
	for i, s := range Speeds {
		if abs(s-f) < abs(Speeds[best]-f) {
			best = i
		}
	}
	p.speed = best
}

// Faster and Slower move one step along the ladder.
func (p *Player) Faster() {
	if p.speed < len(Speeds)-1 {
		p.speed++
	}
}

// Slower moves one step down the ladder.
func (p *Player) Slower() {
	if p.speed > 0 {
		p.speed--
	}
}

// SeekTo jumps to t (clamped).
func (p *Player) SeekTo(t int64) {
	if t < p.start {
		t = p.start
	}
	if t > p.end {
		t = p.end
	}
	p.now = t
}

// SeekStart and SeekEnd jump to the bounds and pause.
func (p *Player) SeekStart() { p.Pause(); p.now = p.start }

// SeekEnd jumps to the end and pauses.
func (p *Player) SeekEnd() { p.Pause(); p.now = p.end }

// Next pauses and jumps to the first moment after now.
func (p *Player) Next() {
	p.Pause()
	i := sort.Search(len(p.moments), func(i int) bool { return p.moments[i] > p.now })
	if i < len(p.moments) {
		p.now = p.moments[i]
	}
}

// Prev pauses and jumps to the last moment before now.
func (p *Player) Prev() {
	p.Pause()
	i := sort.Search(len(p.moments), func(i int) bool { return p.moments[i] >= p.now })
	if i > 0 {
		p.now = p.moments[i-1]
	}
}

// Advance moves playback by a tick of dt wall seconds. It stops at the end.
func (p *Player) Advance(dt float64) {
	if !p.playing || dt <= 0 {
		return
	}
	y := p.w.Y(p.now) + dt*Speeds[p.speed]*UnitsPerSecond
	t := p.w.T(y)
	if t <= p.now {
		t = p.now + 1
	}
	if t >= p.end {
		t = p.end
		p.playing = false
	}
	p.now = t
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
