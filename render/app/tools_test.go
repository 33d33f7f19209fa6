package app

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/render/layout"
)

func shotGame(t *testing.T, opt Options) *Game {
	t.Helper()
	opt.Shot, opt.ShotW, opt.ShotH = os.DevNull, 1280, 800
	g, err := New(opt)
	require.NoError(t, err)
	g.layout()
	return g
}

// The panel opens and closes with its command (the ` key and the top bar's control), switches
// tool and host, follows the player's moment, and reruns the model only when the run, the
// moment, the tool or the host changed.
func TestToolsToggleSwitchAndCache(t *testing.T) {
	g := shotGame(t, Options{Scenario: "fin_lost_orphan_retries", At: 500000})
	assert.Nil(t, g.in.Tools)
	g.Exec(layout.CmdTools, 0)
	g.layout()
	tp := g.in.Tools
	require.NotNil(t, tp)
	assert.Equal(t, int64(460000), tp.At, "the last moment at or before 500 ms")
	assert.Equal(t, []string{"A", "B"}, tp.Hosts)
	assert.Contains(t, tp.Text, "FIN-WAIT-1 0      1           10.0.0.1:32768     10.0.0.2:5000 timer:(on,220ms,0)\n")
	assert.Equal(t, 1, g.tools.runs)
	g.layout()
	g.layout()
	assert.Equal(t, 1, g.tools.runs, "same moment and choice: no rerun")

	g.Exec(layout.CmdTool, 3) // tcpdump -n
	g.layout()
	assert.Equal(t, 2, g.tools.runs)
	assert.True(t, strings.HasPrefix(g.in.Tools.Text, "00:00:00.000000 IP 10.0.0.1.32768 > 10.0.0.2.5000: Flags [S], seq "), g.in.Tools.Text)
	assert.Contains(t, g.in.Tools.Text, "00:00:00.040000 IP 10.0.0.1.32768 > 10.0.0.2.5000: Flags [.], ack 1, win 502")

	g.Exec(layout.CmdToolHost, 1) // B
	g.Exec(layout.CmdTool, 0)
	g.layout()
	assert.Equal(t, 1, g.in.Tools.Host)
	assert.Contains(t, g.in.Tools.Text, "CLOSE-WAIT 0      0           10.0.0.2:5000     10.0.0.1:32768\n")

	g.player.SeekTo(700000)
	g.layout()
	assert.Equal(t, int64(700000), g.in.Tools.At)
	assert.Equal(t, 4, g.tools.runs)

	g.Exec(layout.CmdTool, 99) // out of range: ignored
	g.Exec(layout.CmdToolHost, 5)
	g.layout()
	assert.Equal(t, 0, g.in.Tools.Tool)
	assert.Equal(t, 1, g.in.Tools.Host)

	g.Exec(layout.CmdTools, 0)
	g.layout()
	assert.Nil(t, g.in.Tools)
}

// The desktop's -tool and -tool-host open the panel; bad names are refused with the choices.
func TestToolsOptions(t *testing.T) {
	g := shotGame(t, Options{Scenario: "normal_active_close", At: 250000, Tool: "tcpdump-S", ToolHost: "B"})
	require.NotNil(t, g.in.Tools)
	assert.Equal(t, 4, g.in.Tools.Tool)
	assert.Equal(t, 1, g.in.Tools.Host)
	assert.NotContains(t, g.in.Tools.Text, ", ack 1,", "-S: absolute numbers")
	for _, c := range []struct{ tool, host, want string }{
		{"top", "", `tool "top": want ss, nstat, sockstat, tcpdump, tcpdump-S`},
		{"ss", "C", `tool host "C": the run's hosts are A, B`},
	} {
		_, err := New(Options{Scenario: "normal_active_close", Tool: c.tool, ToolHost: c.host})
		assert.EqualError(t, err, c.want)
	}
}

// Compare: run 2 beside run 1 on one axis; the player steps through both runs' moments; the
// differences are those core/compare lists; a what-if names its runs "original" and the change;
// a spec the scenario cannot take is refused when the game starts.
func TestCompareOptions(t *testing.T) {
	g := shotGame(t, Options{Scenario: "fin_lost_orphan_retries", Compare: "profile:2.6", At: 700000})
	cv := g.in.Compare
	require.NotNil(t, cv)
	assert.Equal(t, [2]string{"modern 6.18", "2.6.32"}, cv.Labels)
	assert.Len(t, g.cmp.view.Diffs, 9)
	g.Exec(layout.CmdNext, 0)
	assert.Equal(t, int64(920000), g.player.Now(), "run 2's FIN retransmission is a step")
	g.Exec(layout.CmdConn, 0)
	g.layout()
	assert.NotNil(t, g.in.Compare, "a new connection view keeps comparing")
	g.Exec(layout.CmdTools, 0)
	g.layout()
	assert.Nil(t, g.in.Tools, "the two diagrams take the panel's room")
	assert.Nil(t, g.ToolState())
	cs := g.CompareState().(map[string]any)
	assert.Equal(t, "counter A TcpExtTCPLossProbes: 1 in modern 6.18, 0 in 2.6.32 at the end", cs["differences"].([]any)[0])

	g = shotGame(t, Options{Scenario: "normal_active_close", Compare: "drop:A>B:4"})
	require.NotNil(t, g.in.Compare)
	assert.Equal(t, [2]string{"original", "drop A>B #4"}, g.in.Compare.Labels)
	assert.NotEmpty(t, g.cmp.view.Diffs)
	g = shotGame(t, Options{Scenario: "normal_active_close", Compare: "kill:B@530ms", Lang: "zh"})
	require.NotNil(t, g.in.Compare)
	assert.Equal(t, [2]string{"假设前", "B 的进程在 530 ms 被杀死"}, g.in.Compare.Labels, "run names in the language on screen")

	for _, c := range []struct{ spec, want string }{
		{"profile:4.19", `compare: "4.19": not a profile of the scenario (it has modern, 2.6)`},
		{"set:C.tcp_fin_timeout=1", `compare: "C": no such host (the scenario has A, B)`},
		{"2.6", `compare 2.6: "2.6": want profile:, set:, drop: or kill: (profile:2.6, set:A.tcp_fin_timeout=10, drop:A>B:3, kill:A@1.5s)`},
	} {
		_, err := New(Options{Scenario: "normal_active_close", Compare: c.spec})
		assert.EqualError(t, err, c.want)
	}
}

func init() { EnableTools() }

// Without EnableTools (the page's main module) the panel's control asks for the code instead
// (SetToolsSwitch: the page loads its full module on that tool), and -tool and -compare are
// refused.
func TestToolsSwitchWithoutTheCode(t *testing.T) {
	toolPanelHook, toolStateHook, openToolHook, runToolHook = nil, nil, nil, nil
	startCompareHook, compareConnHook, compareViewHook, compareStateHook = nil, nil, nil, nil
	defer EnableTools()
	g := shotGame(t, Options{Scenario: "normal_active_close"})
	var asked []string
	g.SetToolsSwitch(func(tool string) { asked = append(asked, tool) })
	g.Exec(layout.CmdTool, 2)
	g.Exec(layout.CmdTools, 0)
	g.layout()
	assert.Equal(t, []string{"sockstat"}, asked)
	assert.Nil(t, g.in.Tools)
	assert.Nil(t, g.ToolState())
	assert.Nil(t, g.CompareState())
	for _, o := range []Options{{Tool: "ss"}, {Compare: "profile:2.6"}} {
		_, err := New(o)
		assert.EqualError(t, err, "the terminal panel and the compare view are not in this program (app.EnableTools)")
	}
}
