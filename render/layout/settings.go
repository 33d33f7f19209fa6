package layout

import (
	"image/color"
	"math"
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

// ruleText words a wire rule: "lose B→A fin, the first 2".
func (b *builder) ruleText(r *wire.Rule) string {
	end := func(h string) string {
		if h == "" {
			return b.msg(i18n.RuleAny)
		}
		return h
	}
	which := end(r.From) + "→" + end(r.To)
	if r.Kind != "" {
		which += " " + r.Kind
	}
	if r.Conn != nil {
		which += ", " + b.msg(i18n.RuleConn, *r.Conn)
	}
	if r.Index != nil {
		which += ", " + b.msg(i18n.RuleNth, *r.Index+1)
	}
	if r.Count > 0 {
		which += ", " + b.msg(i18n.RuleFirst, r.Count)
	}
	if r.End > 0 {
		which += ", " + b.msg(i18n.RuleWindow, TimeText(r.Start), TimeText(r.End))
	} else if r.Start > 0 {
		which += ", " + b.msg(i18n.RuleFrom, TimeText(r.Start))
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

// settingsPanel is the overlay that lists the scenario's settings, host by host, then the wire.
func (b *builder) settingsPanel() {
	b.box(Rect{0, 0, b.in.W, b.in.H}, 0, theme.Fade(b.p.Ink, 0.45), color.NRGBA{}, 0)
	b.cmd(Rect{0, 0, b.in.W, b.in.H}, CmdSettings, 0) // a click anywhere closes it
	w := math.Min(b.px(560), b.in.W-b.px(24))
	tw := w - b.px(48)
	type row struct {
		s    string
		head bool
	}
	var rows []row
	hosts := append(append([]string(nil), b.in.Model.Trace.Hosts...), "")
	hostRows := false
	for _, h := range hosts {
		head := h
		if h == "" {
			head = b.msg(i18n.SettingsWire)
		}
		n := len(rows)
		for i := range b.in.Settings {
			if s := &b.in.Settings[i]; s.Host == h {
				if len(rows) == n {
					rows = append(rows, row{head, true})
				}
				for _, l := range b.wrap(b.settingText(s), theme.Mono, theme.SizeLabel, tw-b.px(16)) {
					rows = append(rows, row{l, false})
				}
				hostRows = hostRows || h != ""
			}
		}
	}
	if !hostRows {
		rows = append([]row{{b.msg(i18n.SettingsNone), false}}, rows...)
	}
	rh := b.px(21)
	title := b.wrap(b.msg(i18n.SettingsTitle, b.in.Model.Trace.Scenario, ProfileLabel(b.in.Profile)), theme.UIBold, theme.SizeBody, tw)
	th := b.lineH(theme.UIBold, theme.SizeBody) + b.px(4)
	h := math.Min(th*float64(len(title))+rh*float64(len(rows))+b.px(72), b.in.H-b.px(16))
	r := Rect{(b.in.W - w) / 2, (b.in.H - h) / 2, w, h}
	b.box(r, b.px(8), b.p.Card, b.p.Line, b.px(1))
	y := r.Y + b.px(18)
	for _, l := range title {
		b.text(r.X+b.px(24), y, l, theme.UIBold, theme.SizeBody, b.p.Ink)
		y += th
	}
	y += b.px(8)
	for _, rw := range rows {
		if y+rh > r.Y+r.H-b.px(30) {
			break
		}
		if rw.head {
			b.textC(r.X+b.px(24), y+rh/2, -1, rw.s, theme.UIBold, theme.SizeLabel, b.p.Ink2)
		} else {
			b.textC(r.X+b.px(40), y+rh/2, -1, rw.s, theme.Mono, theme.SizeLabel, b.p.Ink)
		}
		y += rh
	}
	b.textC(r.X+b.px(24), r.Y+r.H-b.px(18), -1, b.msg(i18n.SettingsClose), theme.UI, theme.SizeGutter, b.p.Ink2)
}
