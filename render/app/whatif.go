package app

import (
	"errors"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/core/wire"
	"finwait/render/i18n"
)

// fork is one what-if step: the run before it, to return to on undo.
type fork struct {
	sc   scenario.Scenario
	tr   *trace.Trace
	conn int
}

// dropRule is the wire rule that drops exactly the packet at event index i: the n-th segment
// From→To on its connection (rules count segments the way the trace lists them).
func dropRule(tr *trace.Trace, i int) *wire.Rule {
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

// fork re-runs the scenario with one more wire rule or application action and keeps the moment.
func (g *Game) fork(r *wire.Rule, a *scenario.Action) error {
	if g.pkt != nil {
		return errors.New(i18n.Msg(g.lang, i18n.PktNoWhatIf)) // the script is the run
	}
	sc := g.sc
	sc.Wire.Rules = append(append([]wire.Rule(nil), sc.Wire.Rules...), *nilRule(r)...)
	if a != nil {
		sc.Actions = append(append([]scenario.Action(nil), sc.Actions...), *a)
	}
	return g.runScenario(sc, g.profile, func(tr *trace.Trace) {
		g.forks = append(g.forks, fork{sc: g.sc, tr: g.tr, conn: g.model.Conn})
		now := g.player.Now()
		g.sc, g.tr = sc, tr
		g.setConn(g.model.Conn, now)
	}, nil)
}

func nilRule(r *wire.Rule) *[]wire.Rule {
	if r == nil {
		return &[]wire.Rule{}
	}
	return &[]wire.Rule{*r}
}
