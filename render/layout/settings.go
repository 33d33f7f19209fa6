package layout

import (
	"math"
	"strconv"
	"strings"

	"finwait/core/scenario"
	"finwait/core/wire"
	"finwait/render/i18n"
	"finwait/render/theme"
)

// CmdSettings opens or closes the settings panel: what the scenario sets that the profile's
// kernel would not (its key is o).
const CmdSettings Cmd = "settings"

// Tip is text shown while the pointer rests on Box: a description cut to fit, a lifeline mark of
// a call that left nothing on the wire, a header card's what-if.
type Tip struct {
	Box    Rect
	Str    string
	Picker bool // the picker's own: the only tips while the picker is open
}

//go:noinline
func (b *builder) addTip(r Rect, s string, picker bool) {
	b.f.Tips = append(b.f.Tips, Tip{Box: r, Str: s, Picker: picker})
}

// tip draws the tip under the pointer, if any (the last one registered wins: it is drawn on top).
func (b *builder) tip() {
	for i := len(b.f.Tips) - 1; i >= 0; i-- {
		if t := &b.f.Tips[i]; t.Box.Contains(b.in.MouseX, b.in.MouseY) && t.Picker == b.in.PickerOpen {
			b.tipBox(t.Box, t.Str)
			return
		}
	}
}

// tipBox draws s wrapped in a box just below r (above it where the window ends), inside the window.
func (b *builder) tipBox(r Rect, s string) {
	lines := b.wrap(s, theme.UI, theme.SizeLabel, math.Min(b.px(480), b.in.W-b.px(24)))
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, b.width(l, theme.UI, theme.SizeLabel))
	}
	lh := b.lineH(theme.UI, theme.SizeLabel) + b.px(2)
	t := Rect{math.Max(b.px(4), math.Min(r.X, b.in.W-w-b.px(20))), r.Y + r.H + b.px(4), w + b.px(16), lh*float64(len(lines)) + b.px(8)}
	if t.Y+t.H > b.in.H-b.px(4) {
		t.Y = r.Y - b.px(4) - t.H
	}
	b.box(t, b.px(4), b.p.Card, b.p.Line, b.px(1))
	y := t.Y + b.px(5)
	for _, l := range lines {
		b.text(t.X+b.px(8), y, l, theme.UI, theme.SizeLabel, b.p.Ink)
		y += lh
	}
}

// settingText words one setting for the panel: "tcp_fin_timeout = 3, default 60".
func (b *builder) settingText(s *scenario.Setting) string {
	var t string
	switch s.Kind {
	case "sockopt":
		t = b.msg(i18n.SetOpt, s.Name, s.Value)
	case "delay":
		t = b.msg(i18n.SetDelay, s.Value)
		if s.Name != "" {
			t = b.msg(i18n.SetDelayDir, strings.Replace(s.Name, ">", "→", 1), s.Value)
		}
	case "rule":
		t = b.ruleText(s.Rule)
	case "nat":
		t = b.msg(i18n.SetNAT, s.Name, s.Value)
	default:
		t = b.msg(i18n.SetValue, s.Name, s.Value)
		if s.Default != "" {
			t = b.msg(i18n.SetDiff, s.Name, s.Value, s.Default)
		}
	}
	if s.At >= 0 {
		t = b.msg(i18n.SetAt, TimeText(s.At), t)
	}
	return t
}

// ruleText words a wire rule: "lose B→A fin #2 ×3, 200 ms – 2550 ms" (the segments it matches:
// direction, kind, connection, the n-th only, the first n, the send times).
func (b *builder) ruleText(r *wire.Rule) string {
	which := r.From + "→" + r.To
	if r.Kind != "" {
		which += " " + r.Kind
	}
	if r.Conn != nil {
		which += " c" + strconv.Itoa(*r.Conn)
	}
	if r.Index != nil {
		which += " #" + strconv.Itoa(*r.Index+1)
	}
	if r.Count > 0 {
		which += " ×" + strconv.Itoa(r.Count)
	}
	if r.Start > 0 || r.End > 0 {
		which += ", " + TimeText(r.Start) + " – "
		if r.End > 0 {
			which += TimeText(r.End)
		}
	}
	switch r.Action {
	case wire.Delay:
		return b.msg(i18n.RuleDelay, which, DurText(r.Extra))
	case wire.Duplicate:
		return b.msg(i18n.RuleDup, which, DurText(r.Extra))
	}
	return b.msg(i18n.RuleDrop, which)
}

// timerSetting is the setting behind a timer's length on a host when it was armed, worded as the
// panel words it ("" when the scenario leaves it at the kernel's default): tcp_fin_timeout or
// TCP_LINGER2 for FIN_WAIT2 (tcp_fin_time), tcp_keepalive_time or TCP_KEEPIDLE for keepalive,
// SO_LINGER for the linger timer.
func (b *builder) timerSetting(host, timer string, t0 int64) string {
	var opt, sys string
	switch timer {
	case "FIN_WAIT2":
		opt, sys = "TCP_LINGER2", "tcp_fin_timeout"
	case "keepalive":
		opt, sys = "TCP_KEEPIDLE", "tcp_keepalive_time"
	case "linger":
		opt = "SO_LINGER"
	default:
		return ""
	}
	var best, byOpt *scenario.Setting
	for i := range b.in.Settings {
		s := &b.in.Settings[i]
		if s.Host != host || s.At > t0 {
			continue
		}
		switch {
		case s.Name == sys:
			best = s
		case s.Name == opt && s.Value != "0": // TCP_LINGER2 0: the sysctl's value
			byOpt = s
		case s.Name == opt:
			byOpt = nil
		}
	}
	if byOpt != nil {
		best = byOpt
	}
	if best == nil {
		return ""
	}
	s := *best
	s.At = -1
	return b.settingText(&s)
}

// settingsRows are the settings panel's title, its line when no host setting differs, and its
// rows: "host\tsetting", the host named on its first row only, then the wire's.
func (b *builder) settingsRows() (title string, none, rows []string) {
	host := ""
	for i := range b.in.Settings {
		s := &b.in.Settings[i]
		k := ""
		if i == 0 || s.Host != host {
			k = s.Host
			if k == "" {
				k = b.msg(i18n.SettingsWire)
			}
		}
		host = s.Host
		rows = append(rows, k+"\t"+b.settingText(s))
	}
	if len(b.in.Settings) == 0 || b.in.Settings[0].Host == "" {
		none = []string{b.msg(i18n.SettingsNone)}
	}
	return b.msg(i18n.SettingsTitle, b.in.Model.Trace.Scenario, i18n.ProfileLabel(b.in.Lang, b.in.Profile, false)), none, rows
}

// settingsPanel is the overlay that lists the scenario's settings, host by host, then the wire.
func (b *builder) settingsPanel() {
	title, none, rows := b.settingsRows()
	b.sheet(title, none, rows, 640, 90, b.msg(i18n.SettingsClose), CmdSettings)
}

// SettingsText is the settings panel's words as one text ("What … sets …: A: HZ = 250, default
// 1000; tcp_fin_timeout = 3, default 60; wire: …"), for the web page's live region while the
// panel is open.
func SettingsText(in *Input) string {
	title, none, rows := (&builder{in: in}).settingsRows()
	s := strings.Join(append(none, rows...), "; ")
	return title + ": " + strings.ReplaceAll(strings.ReplaceAll(s, "; \t", "; "), "\t", ": ")
}
