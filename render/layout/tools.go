package layout

import (
	"image/color"
	"math"
	"strings"

	"finwait/core/scenario"
	"finwait/core/toolview"

	"finwait/render/i18n"
	"finwait/render/theme"
)

// Commands of the terminal tool-view panel.
const (
	CmdTools    Cmd = "tools"    // open or close the panel
	CmdTool     Cmd = "tool"     // Arg: index into ToolTabs
	CmdToolHost Cmd = "toolhost" // Arg: index into ToolPanel.Hosts
)

// The terminal panel and the compare view are drawn through these, set by EnableTools: a
// program that never enables them (the web page's main module) does not link their code nor
// core/toolview and core/compare behind it (docs/web-size.md).
var (
	drawTools        func(b *builder, P Rect)
	drawCompare      func(b *builder, D, L Rect)
	drawCompareMarks func(d *dia)
)

// EnableTools draws Input.Tools and Input.Compare (without it a frame shows the side panel and
// run 1 alone).
func EnableTools() {
	drawTools, drawCompare, drawCompareMarks = (*builder).toolPanel, (*builder).compareView, (*dia).compareMarks
}

// ToolsEnabled reports whether EnableTools was called.
func ToolsEnabled() bool { return drawTools != nil }

// toolSplit is where the diagram ends when the terminal panel is open (a share of the width).
const toolSplit = 0.5

// ToolTab is one of the panel's tools: the core/toolview tool it runs, whether tcpdump numbers
// absolutely (-S), the command line the panel's prompt shows, and its tab's label (a command,
// or a message id when the tool is not one).
type ToolTab struct {
	Name   string // how the desktop's -tool and the page's tool= name it
	Tool   string
	Abs    bool
	Prompt string
	Label  string
	Word   i18n.ID
}

// ToolTabs are the panel's tools, in tab order.
var ToolTabs = [...]ToolTab{
	{Name: "ss", Tool: "ss", Prompt: "ss -tanoi", Label: "ss -tanoi"},
	{Name: "nstat", Tool: "nstat", Prompt: "nstat", Label: "nstat"},
	{Name: "sockstat", Tool: "sockstat", Prompt: "cat /proc/net/sockstat", Word: i18n.ToolSockstat},
	{Name: "tcpdump", Tool: "tcpdump", Prompt: "tcpdump -n", Label: "tcpdump -n"},
	{Name: "tcpdump-S", Tool: "tcpdump", Abs: true, Prompt: "tcpdump -n -S", Label: "tcpdump -S"},
}

// ToolPanel is what the terminal panel shows: the app runs the tool (core/toolview at the
// player's moment) and layout draws its text.
type ToolPanel struct {
	Tool   int      // index into ToolTabs
	Host   int      // index into Hosts
	Hosts  []string // the hosts the tools can run on
	At     int64    // the moment the text is of
	Since  int64    // nstat: the earlier moment its increments count from (-1: none)
	Text   string   // what the tool printed
	Err    string   // why there is no text (shown instead)
	Scroll int      // lines scrolled away from the rest position (the top; tcpdump's: the bottom)
}

// toolLines are the panel's terminal lines: the prompt, then the text with tabs expanded (to
// 8 columns) and lines wrapped at cols characters, as a terminal wraps them.
func toolLines(prompt, text string, cols int) []string {
	out := []string{prompt}
	cols = max(cols, 8)
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if text == "" {
			break
		}
		var sb strings.Builder
		for _, r := range l {
			if r == '\t' {
				sb.WriteString(strings.Repeat(" ", 8-sb.Len()%8))
				continue
			}
			sb.WriteRune(r)
		}
		l = sb.String()
		for len(l) > cols {
			out = append(out, l[:cols])
			l = l[cols:]
		}
		out = append(out, l)
	}
	return out
}

// toolPanel draws the terminal panel in P, in the dark theme's terminal colours whatever the
// page's theme.
func (b *builder) toolPanel(P Rect) {
	tp := b.in.Tools
	term := theme.Dark()
	b.box(P, 0, b.p.Bg, color.NRGBA{}, 0)
	x, w := P.X+b.px(14), P.W-b.px(28)
	y := P.Y + b.px(12)
	host := ""
	if tp.Host >= 0 && tp.Host < len(tp.Hosts) {
		host = tp.Hosts[tp.Host]
	}
	y = b.title(x, y, b.msg(i18n.ToolTitle, host, TimeText(tp.At)))
	// tabs, then the hosts at the right
	bh := b.px(24)
	tx := x
	for i := range ToolTabs {
		l := ToolTabs[i].Label
		if ToolTabs[i].Word != "" {
			l = b.msg(ToolTabs[i].Word)
		}
		bw := b.width(l, theme.UI, theme.SizeBody) + b.px(14)
		b.button(Rect{tx, y, bw, bh}, l, i == tp.Tool, CmdTool, i)
		tx += bw + b.px(4)
	}
	hx := x + w
	for i := len(tp.Hosts) - 1; i >= 0; i-- {
		bw := b.width(tp.Hosts[i], theme.UI, theme.SizeBody) + b.px(16)
		hx -= bw
		b.button(Rect{hx, y, bw, bh}, tp.Hosts[i], i == tp.Host, CmdToolHost, i)
		hx -= b.px(4)
	}
	y += bh + b.px(8)
	if ToolTabs[tp.Tool%len(ToolTabs)].Tool == "nstat" && tp.Since >= 0 {
		b.text(x, y, b.msg(i18n.ToolSince, TimeText(tp.Since)), theme.UI, theme.SizeGutter, b.p.Ink2)
		y += b.lineH(theme.UI, theme.SizeGutter) + b.px(4)
	}
	// the terminal
	R := Rect{x, y, w, P.Y + P.H - b.px(12) - y}
	b.f.Tool = R
	b.box(R, b.px(6), term.Bg, term.Line, b.px(1))
	pad := b.px(8)
	cw := b.width("0", theme.Mono, theme.SizeGutter)
	lh := b.lineH(theme.Mono, theme.SizeGutter) + b.px(1)
	cols := int((R.W - 2*pad - b.px(6)) / math.Max(cw, 1))
	prompt := host + "$ " + ToolTabs[tp.Tool%len(ToolTabs)].Prompt
	text := tp.Text
	if tp.Err != "" {
		text = b.msg(i18n.ToolNone, tp.Err)
	}
	lines := toolLines(prompt, text, cols)
	vis := max(int((R.H-2*pad)/lh), 1)
	rest := 0
	if ToolTabs[tp.Tool%len(ToolTabs)].Tool == "tcpdump" {
		rest = len(lines) - vis
	}
	start := min(max(rest+tp.Scroll, 0), max(len(lines)-vis, 0))
	ly := R.Y + pad
	for i := start; i < len(lines) && i < start+vis; i++ {
		c := term.Ink
		if i == 0 {
			c = term.Text(theme.RoleSyn)
		} else if tp.Err != "" {
			c = term.Text(theme.RoleRst)
		}
		b.text(R.X+pad, ly, lines[i], theme.Mono, theme.SizeGutter, c)
		ly += lh
	}
	if len(lines) > vis { // where the view is in the text
		th := R.H - 2*pad
		bar := math.Max(th*float64(vis)/float64(len(lines)), b.px(12))
		by := R.Y + pad + (th-bar)*float64(start)/float64(len(lines)-vis)
		b.box(Rect{R.X + R.W - b.px(6), by, b.px(3), bar}, b.px(1.5), term.Ink2, color.NRGBA{}, 0)
	}
}

// toolToggle draws the top bar's control that opens and closes the terminal panel, its right
// edge at x, and returns its left edge; none in a window too narrow for the panel, or when
// comparing (the two diagrams take the panel's room).
func (b *builder) toolToggle(x, cy float64) float64 {
	if b.in.W/b.s < panelMinWidth-0.5 || b.in.Compare != nil {
		return x + b.px(12)
	}
	l := b.msg(i18n.ToolToggle)
	w := b.width(l, theme.UI, theme.SizeBody) + b.px(20)
	r := Rect{x - w, cy - b.px(13), w, b.px(26)}
	b.button(r, l, b.in.Tools != nil, CmdTools, 0)
	return r.X
}

// ToolText is what the tab's tool prints on host at the moment at of the scenario's run
// (core/toolview over scenario.RunUntil); nstat, given an earlier moment since (>= 0), prints
// what `nstat` run then and again now would: the header and the counters that moved.
func ToolText(sc scenario.Scenario, opt scenario.RunOptions, tab ToolTab, host string, at, since int64) (string, error) {
	m, err := scenario.RunUntil(sc, opt, at)
	var prev *scenario.Moment
	if err == nil && tab.Tool == "nstat" && since >= 0 {
		prev, err = scenario.RunUntil(sc, opt, since)
	}
	if err != nil {
		return "", err
	}
	out, err := toolview.Render(m, host, tab.Tool, prev, tab.Abs)
	if err != nil || prev == nil {
		return out, err
	}
	var b strings.Builder
	for _, l := range strings.SplitAfter(out, "\n") {
		// the value column follows the name's 32: keep the header and what is not 0
		if l != "" && (l[0] == '#' || len(l) < 34 || l[32:34] != "0 ") {
			b.WriteString(l)
		}
	}
	return b.String(), nil
}
