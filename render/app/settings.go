package app

import (
	"finwait/core/scenario"
	"finwait/core/trace"
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
	v := &g.set
	if v.tr == g.tr && v.prof == g.profile {
		return v.list
	}
	v.tr, v.prof, v.list = g.tr, g.profile, nil
	if g.pkt == nil {
		v.list, _ = g.sc.Settings(g.profile) // the scenario ran in this profile: no error
	}
	return v.list
}
