package app

import (
	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/render/session"
)

// settingsView is the settings panel's state: open or not, and the settings of the run on
// screen, worked out once per run (a what-if's wire rule is one of them).
type settingsView struct {
	open bool
	tr   *trace.Trace // the run they were worked out for
	prof string
	list []scenario.Setting
}

// settings are what the scenario on screen sets that the profile's kernel would not. A run with
// no scenario behind it (a packetdrill script's) has none.
func (g *Game) settings() []scenario.Setting {
	v, tr, prof := &g.set, session.Trace(g.s), session.Profile(g.s)
	if v.tr == tr && v.prof == prof {
		return v.list
	}
	v.tr, v.prof, v.list = tr, prof, nil
	if session.From(g.s) != session.FromPkt {
		v.list, _ = session.Current(g.s).Settings(prof) // the scenario ran in this profile: no error
	}
	return v.list
}
