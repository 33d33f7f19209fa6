package app

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/scenario"
	"finwait/core/wire"
	"finwait/render/layout"
)

// The settings panel opens and closes by its command (the o key and the top bar's button), gives
// the layout the scenario's settings worked out once per run, and a what-if's lost packet is one
// of them; the live region says the panel while it is open.
func TestSettingsPanelCommandAndWhatIf(t *testing.T) {
	g, err := New(Options{Scenario: "normal_active_close", Shot: os.DevNull, ShotW: 1280, ShotH: 800, At: 540000})
	require.NoError(t, err)
	require.NoError(t, g.Update())
	assert.False(t, g.in.SettingsOpen)
	require.Len(t, g.in.Settings, 5)
	assert.Equal(t, scenario.Setting{Host: "A", At: -1, Kind: "sysctl", Name: "tcp_fin_timeout", Value: "3", Default: "60"}, g.in.Settings[1])
	first := &g.in.Settings[0]
	assert.NotContains(t, g.Step(), "tcp_fin_timeout")

	g.Exec(layout.CmdSettings, 0)
	require.NoError(t, g.Update())
	assert.True(t, g.in.SettingsOpen)
	assert.Same(t, first, &g.in.Settings[0], "worked out once per run, not per frame")
	assert.True(t, strings.HasPrefix(g.Step(), "What normal_active_close sets · otherwise the modern 6.18 defaults: A: HZ = 250, default 1000; tcp_fin_timeout = 3, default 60;"), g.Step())

	fin := -1
	for i, e := range g.tr.Events {
		if e.Kind == "packet" && e.From == "B" && e.Flags == "F." {
			fin = i
		}
	}
	require.GreaterOrEqual(t, fin, 0)
	g.Exec(layout.CmdDropPacket, fin)
	require.NoError(t, g.Update())
	last := g.in.Settings[len(g.in.Settings)-1]
	require.NotNil(t, last.Rule, "the what-if's rule is listed")
	assert.Equal(t, wire.Drop, last.Rule.Action)
	assert.Contains(t, g.Step(), "wire: one-way delay 20ms each way; lose B→A c0 #3") // B→A: S., ., F.

	g.Exec(layout.CmdSettings, 0)
	require.NoError(t, g.Update())
	assert.False(t, g.in.SettingsOpen)
	assert.NotContains(t, g.Step(), "tcp_fin_timeout")
}
