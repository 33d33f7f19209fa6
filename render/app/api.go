package app

import (
	"finwait/core/trace"
)

// Read-only accessors and a few commands for embedders (the web page's JS API and its tests).

// Now is the player's virtual time in µs.
func (g *Game) Now() int64 { return g.player.Now() }

// ScenarioName is the running scenario's name.
func (g *Game) ScenarioName() string { return g.sc.Name }

// ProfileName is the running kernel profile.
func (g *Game) ProfileName() string { return g.profile }

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
