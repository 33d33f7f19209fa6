package app

import (
	"errors"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/core/wire"
	"finwait/render/i18n"
	"finwait/render/session"
)

// fork re-runs the scenario with one more wire rule or application action (render/session's
// WhatIf) and keeps the moment; a long run shows it later (longrun.go).
func (g *Game) fork(r *wire.Rule, a *scenario.Action) error {
	sc, err := session.WhatIf(g.s, r, a)
	if errors.Is(err, session.ErrPktNoWhatIf) {
		return errors.New(i18n.Msg(g.lang, i18n.PktNoWhatIf)) // the script is the run
	}
	if err != nil {
		return err
	}
	return g.runScenario(sc, session.Profile(g.s), func(tr *trace.Trace) {
		session.Fork(g.s, sc, tr)
		g.view()
	}, nil)
}
