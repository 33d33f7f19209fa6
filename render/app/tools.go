package app

import (
	"errors"
	"finwait/render/session"
	"fmt"
	"slices"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/layout"
)

// tools is the terminal panel's state: which tool on which host, and the text last computed
// for (trace, moment, tool, host), so a frame reruns the model only when one of them changed.
type tools struct {
	open   bool
	tool   int // index into layout.ToolTabs
	host   int
	scroll int
	runs   int // model runs made for the panel (tests: the cache holds)

	key   toolKey
	panel layout.ToolPanel

	switchTo func(tool string) // a program without the panel's code: load one with it (SetToolsSwitch)
}

// The code behind the terminal panel and the compare view is reached through these, which
// EnableTools sets: a program that does not call it (the web page's main module) links neither
// it nor core/toolview and core/compare (docs/web-size.md).
var (
	toolPanelHook    func(g *Game) *layout.ToolPanel
	toolStateHook    func(g *Game) any
	openToolHook     func(g *Game, tool, host string) error
	runToolHook      func(g *Game, tab layout.ToolTab, host string, at, since int64) (string, string)
	startCompareHook func(g *Game, spec string) error
	compareConnHook  func(g *Game, now int64)
	compareViewHook  func(g *Game) *layout.CompareView
	compareStateHook func(g *Game) any
)

// errNoTools is why a program without EnableTools refuses -tool and -compare.
var errNoTools = errors.New("the terminal panel and the compare view are not in this program (app.EnableTools)")

// EnableTools links and turns on the terminal panel and the compare view (the desktop app; the
// web page's full module).
func EnableTools() {
	layout.EnableTools()
	toolPanelHook, toolStateHook, openToolHook = (*Game).toolPanel, (*Game).toolState, (*Game).openTool
	runToolHook, startCompareHook, compareConnHook = (*Game).runTool, (*Game).startCompare, (*Game).compareConn
	compareViewHook, compareStateHook = (*Game).compareView, (*Game).compareState
}

// SetToolsSwitch is what a program without EnableTools does when the panel is asked for (its
// control, its key): the web page's main module loads its full module, the tool named.
func (g *Game) SetToolsSwitch(f func(tool string)) { g.tools.switchTo = f }

type toolKey struct {
	tr         *trace.Trace
	at         int64
	tool, host int
}

// moment is the player's current moment (the last of its moments at or before now; 0 before
// the first) and the one before it (-1: none).
func moment(moments []int64, now int64) (at, prev int64) {
	at, prev = 0, -1
	for i, t := range moments {
		if t > now {
			break
		}
		at, prev = t, -1
		if i > 0 {
			prev = moments[i-1]
		}
	}
	return at, prev
}

// toolPanelNow is the panel for this frame, or nil.
func (g *Game) toolPanelNow() *layout.ToolPanel {
	if toolPanelHook == nil {
		return nil
	}
	return toolPanelHook(g)
}

// toolPanel is the panel for this frame (nil when closed), recomputed when the run, the
// moment, the tool or the host changed since the last frame.
func (g *Game) toolPanel() *layout.ToolPanel {
	t := &g.tools
	if !t.open || g.model == nil || g.cmp != nil && g.cmp.view != nil { // comparing: no room for it
		return nil
	}
	hosts := g.model.Hosts
	t.host = min(t.host, len(hosts)-1)
	at, prev := moment(g.player.Moments(), g.player.Now())
	k := toolKey{g.tr, at, t.tool, t.host}
	if k != t.key {
		t.key = k
		t.panel = layout.ToolPanel{Tool: t.tool, Host: t.host, Hosts: hosts, At: at, Since: -1}
		tab := layout.ToolTabs[t.tool]
		if tab.Tool == "nstat" {
			t.panel.Since = max(prev, 0)
		}
		if session.From(g.s) == session.FromPkt {
			t.panel.Err = i18n.Msg(g.lang, i18n.ToolPkt)
		} else {
			t.runs++
			t.panel.Text, t.panel.Err = runToolHook(g, tab, hosts[t.host], at, t.panel.Since)
		}
	}
	t.panel.Scroll = t.scroll
	return &t.panel
}

// runTool runs the scenario on screen (what-ifs included) up to at and prints the tool's view.
func (g *Game) runTool(tab layout.ToolTab, host string, at, since int64) (string, string) {
	out, err := layout.ToolText(*session.Current(g.s), scenario.RunOptions{Profile: session.Profile(g.s), Seed: g.opt.Seed}, tab, host, at, since)
	if err != nil {
		return "", err.Error()
	}
	return out, ""
}

// execTools runs the panel's commands.
func (g *Game) execTools(c layout.Cmd, arg int) {
	t := &g.tools
	switch c {
	case layout.CmdTools:
		if toolPanelHook == nil {
			if t.switchTo != nil {
				t.switchTo(layout.ToolTabs[t.tool].Name)
			}
			return
		}
		t.open = !t.open
	case layout.CmdTool:
		if arg >= 0 && arg < len(layout.ToolTabs) {
			t.tool, t.scroll = arg, 0
		}
	case layout.CmdToolHost:
		if g.model != nil && arg >= 0 && arg < len(g.model.Hosts) {
			t.host, t.scroll = arg, 0
		}
	}
}

// toolWheel scrolls the panel's text under the pointer.
func (g *Game) toolWheel() {
	if _, wy := ebiten.Wheel(); wy != 0 && g.frame.Tool.Contains(g.mx, g.my) {
		g.tools.scroll -= int(wy * 3)
	}
}

// openTool opens the panel on the tool named (layout.ToolTabs' Name) and host ("": the first).
func (g *Game) openTool(tool, host string) error {
	t := &g.tools
	t.open = true
	if tool != "" {
		var names []string
		t.tool = -1
		for i, tab := range layout.ToolTabs {
			names = append(names, tab.Name)
			if tab.Name == tool {
				t.tool = i
			}
		}
		if t.tool < 0 {
			return fmt.Errorf("tool %q: want %s", tool, strings.Join(names, ", "))
		}
	}
	if host != "" {
		t.host = slices.Index(g.model.Hosts, host)
		if t.host < 0 {
			return fmt.Errorf("tool host %q: the run's hosts are %s", host, strings.Join(g.model.Hosts, ", "))
		}
	}
	return nil
}

// ToolState is the terminal panel for the page's state(): the tool (layout.ToolTabs' Name),
// the host, the moment and the text shown, or nil when no panel is shown.
func (g *Game) ToolState() any {
	if toolStateHook == nil {
		return nil
	}
	return toolStateHook(g)
}

func (g *Game) toolState() any {
	p := g.in.Tools
	if p == nil {
		return nil
	}
	return map[string]any{"tool": layout.ToolTabs[p.Tool].Name, "host": p.Hosts[p.Host], "at": p.At, "text": p.Text, "error": p.Err}
}
