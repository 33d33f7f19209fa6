package app

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/source"
)

// Step says what happened on the connection on screen at the latest instant up to the time on
// screen (every packet, state change and call of that instant, in order), with the kernel's reason
// for its latest decision, in the language on screen.
func TestStepSaysTheMomentInWords(t *testing.T) {
	g := newShotGame(t, nil, 0)
	// the kernel's reason: the latest kernel-path event up to t
	why := func(l i18n.Lang, t int64) string {
		s := ""
		for i := range g.tr.Events {
			if e := &g.tr.Events[i]; e.Kind == trace.KindPath && e.T <= t {
				s = " " + i18n.Explain(l, e.Fn, e.Branch)
			}
		}
		return s
	}
	for _, c := range []struct {
		lang i18n.Lang
		t    int64
		want string
	}{
		{i18n.EN, 0, "0.0 ms: B goes from CLOSE to LISTEN; B calls listen(), which returns 0; A goes from CLOSE to SYN_SENT; A sends S seq 0 win 64240 len 0 to B; A calls connect(), which returns 0."},
		{i18n.EN, 500000, "500.0 ms: A calls close(), which returns 0; A goes from ESTABLISHED to FIN_WAIT1; A sends F. seq 101 ack 1 win 502 len 0 to B."},
		{i18n.ZH, 500000, "500.0 ms: A 调用 close(), 返回 0; A 从 ESTABLISHED 变为 FIN_WAIT1; A 向 B 发送 F. seq 101 ack 1 win 502 len 0。"},
		// between two instants: the last one, at its own time
		{i18n.EN, 510000, "500.0 ms: A calls close(), which returns 0; A goes from ESTABLISHED to FIN_WAIT1; A sends F. seq 101 ack 1 win 502 len 0 to B."},
		{i18n.EN, 520000, "520.0 ms: B goes from ESTABLISHED to CLOSE_WAIT; B calls recv(), which returns EOF; B calls close(), which returns 0; B goes from CLOSE_WAIT to LAST_ACK; B sends F. seq 1 ack 102 win 502 len 0 to A."},
	} {
		g.lang = c.lang
		g.SeekTo(c.t)
		assert.Equal(t, c.want+why(c.lang, c.t), g.Step(), "%s at %d µs", c.lang, c.t)
	}
}

// The picker's keyboard cursor starts on the scenario on screen, however the picker opens.
func TestPickerCursorStartsOnTheScenarioOnScreen(t *testing.T) {
	g, err := New(Options{Scenario: source.Catalog()[2].Name, Shot: os.DevNull, ShotW: 1280, ShotH: 800, Overlay: "picker"})
	require.NoError(t, err)
	require.NoError(t, g.Update())
	assert.Equal(t, 2, g.in.PickerCursor, "-overlay picker")
	g.Exec(layout.CmdScenario, 5)
	g.Exec(layout.CmdPicker, 0)
	require.NoError(t, g.Update())
	assert.True(t, g.in.PickerOpen)
	assert.Equal(t, 5, g.in.PickerCursor, "opened after a scenario change")
}
