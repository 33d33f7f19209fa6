package session

import (
	"strconv"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/core/wire"
)

// What-ifs: a lost packet or a killed process is one more wire rule or application action, and
// the scenario is run again from the start (the core is deterministic, so everything before the
// change is as it was). Each fork keeps the run before it; Undo returns to it.

// fork is one what-if step: the run before it, to return to on undo.
type fork struct {
	sc   scenario.Scenario
	tr   *trace.Trace
	conn int
}

// DropRule is the wire rule that drops exactly the packet at event index i of tr: the n-th
// segment From→To on its connection (rules count segments the way the trace lists them).
func DropRule(tr *trace.Trace, i int) *wire.Rule {
	e := &tr.Events[i]
	n := 0
	for j := 0; j < i; j++ {
		f := &tr.Events[j]
		if f.Kind == trace.KindPacket && f.From == e.From && f.To == e.To && f.Conn == e.Conn {
			n++
		}
	}
	conn := e.Conn
	return &wire.Rule{From: e.From, To: e.To, Conn: &conn, Index: &n, Action: wire.Drop}
}

// WhatIf is the scenario on screen with one more wire rule r and application action a (either
// may be nil), for the caller to run in Profile and hand to Fork. A packetdrill script's run
// has none: ErrPktNoWhatIf.
func WhatIf(s *Session, r *wire.Rule, a *scenario.Action) (scenario.Scenario, error) {
	if s.pkt != nil {
		return scenario.Scenario{}, ErrPktNoWhatIf
	}
	sc := s.sc
	sc.Wire.Rules = append([]wire.Rule(nil), sc.Wire.Rules...)
	if r != nil {
		sc.Wire.Rules = append(sc.Wire.Rules, *r)
	}
	if a != nil {
		sc.Actions = append(append([]scenario.Action(nil), sc.Actions...), *a)
	}
	return sc, nil
}

// Fork shows sc (a WhatIf) with tr, its run, at the same moment and connection, and remembers
// the run before it for Undo.
func Fork(s *Session, sc scenario.Scenario, tr *trace.Trace) {
	s.forks = append(s.forks, fork{sc: s.sc, tr: s.tr, conn: s.model.Conn})
	now := s.player.Now()
	s.sc, s.tr = sc, tr
	SetConn(s, s.model.Conn, now)
}

// Undo returns to the run before the last what-if, at the same moment; false when there is none.
func Undo(s *Session) bool {
	n := len(s.forks)
	if n == 0 {
		return false
	}
	f := s.forks[n-1]
	s.forks = s.forks[:n-1]
	now := s.player.Now()
	s.sc, s.tr = f.sc, f.tr
	SetConn(s, f.conn, now)
	return true
}

// WhatIfs is the number of what-if changes on screen (Undo can take them back one by one).
func WhatIfs(s *Session) int { return len(s.forks) }

// Drop loses the packet at event index i of s's trace on screen (a what-if) and shows the run.
func Drop(s *Session, i int) error {
	if i < 0 || i >= len(s.tr.Events) || s.tr.Events[i].Kind != trace.KindPacket {
		return &IndexError{What: "packet event", Index: i}
	}
	return runFork(s, DropRule(s.tr, i), nil)
}

// Kill kills the process on host h (an index of the model's lifelines) at s's moment on screen
// (a what-if) and shows the run.
func Kill(s *Session, h int) error {
	if h < 0 || h >= len(s.model.Hosts) {
		return &IndexError{What: "host", Index: h}
	}
	return runFork(s, nil, KillAction(s, h))
}

// KillAction is the action that kills host h's process at the moment on screen.
func KillAction(s *Session, h int) *scenario.Action {
	return &scenario.Action{At: scenario.Duration(s.player.Now()), Host: s.model.Hosts[h], Op: scenario.OpKill}
}

func runFork(s *Session, r *wire.Rule, a *scenario.Action) error {
	sc, err := WhatIf(s, r, a)
	if err != nil {
		return err
	}
	tr, err := scenario.Run(sc, options(s, s.profile))
	if err != nil {
		return err
	}
	Fork(s, sc, tr)
	return nil
}

// IndexError refuses a what-if on something the trace on screen does not have.
type IndexError struct {
	What  string // "packet event" or "host"
	Index int
}

// Error names what the trace has no such index of.
func (e *IndexError) Error() string { return "no " + e.What + " " + strconv.Itoa(e.Index) }
