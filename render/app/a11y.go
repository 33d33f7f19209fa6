package app

import (
	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/layout"
)

// Step says the moment on screen in words, in the language on screen, for the web page's live
// region (screen readers): what happened on the connection on screen at the latest instant up to
// the time on screen (its packets, state changes and calls then, in order) and when, and the
// kernel's reason for its latest decision (the explanation the kernel-path panel shows).
//
// While the settings panel is open it says the panel instead.
func (g *Game) Step() string {
	if g.set.open && g.in.Model != nil {
		return layout.SettingsText(&g.in)
	}
	now := g.player.Now()
	what, why, at := i18n.Msg(g.lang, i18n.WebStepNone), "", int64(-1)
	for i := range g.tr.Events {
		e := &g.tr.Events[i]
		if e.T > now {
			break
		}
		if e.Conn != g.model.Conn && e.Conn != trace.NoConn {
			continue
		}
		// one call of the message table for the three kinds: each of their messages takes three words
		id, a, b, c := i18n.WebStepCall, e.Host, e.Action, e.Result
		switch e.Kind {
		case trace.KindPath:
			why = i18n.Explain(g.lang, e.Fn, e.Branch)
			continue
		case trace.KindPacket:
			id, a, b, c = i18n.WebStepPacket, e.From, trace.PacketLabel(e), e.To
		case trace.KindState:
			id, a, b, c = i18n.WebStepState, e.Host, e.StateFrom, e.StateTo
		case trace.KindCall:
		default:
			continue
		}
		s := i18n.Msg(g.lang, id, a, b, c)
		if e.T == at {
			s = what + "; " + s
		}
		what, at = s, e.T
	}
	if at < 0 {
		at = now
	}
	s := i18n.Msg(g.lang, i18n.WebStep, trace.FormatTime(at), what)
	if why != "" {
		s += " " + why
	}
	return s
}

// Reduced reports whether reduced motion is on (packets jump from send to arrival).
func (g *Game) Reduced() bool { return g.reduced }

// SetReduced turns reduced motion on or off (the page follows the browser's
// prefers-reduced-motion; the m key still toggles it).
func (g *Game) SetReduced(on bool) { g.reduced = on }
