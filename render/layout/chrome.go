package layout

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/theme"
)

func (b *builder) button(r Rect, label string, on bool, c Cmd, arg int) {
	fill, ink, stroke := b.p.Bg, b.p.Ink, b.p.Line
	if on {
		fill, ink, stroke = b.p.Accent, b.p.OnAcc, b.p.Accent
	}
	b.box(r, b.px(4), fill, stroke, b.px(1))
	b.textC(r.X+r.W/2, r.Y+r.H/2, 0, label, theme.UI, theme.SizeBody, ink)
	b.cmd(r, c, arg)
}

func (b *builder) topBar(R Rect) {
	b.box(R, 0, b.p.Bg, color.NRGBA{}, 0)
	b.line(R.X, R.Y+R.H, R.X+R.W, R.Y+R.H, b.px(1), b.p.Line, 0)
	cy := R.Y + R.H/2
	narrow := R.W/b.s < minDesignW // a phone: no app name, the profiles by version alone
	if !narrow {
		b.textC(R.X+b.px(20), cy, -1, b.msg(i18n.AppName), theme.UIBold, theme.SizeTitle, b.p.Ink)
	}
	// scenario picker
	name := ""
	if b.in.Model != nil {
		name = b.in.Model.Trace.Scenario
	}
	pr := Rect{R.X + b.px(110), cy - b.px(14), b.px(220), b.px(28)}
	if narrow {
		pr.X = R.X + b.px(12)
	}
	// right side, from the right edge inwards (past the room kept for the host page's control);
	// the picker is drawn after it, narrower when a small window leaves it less room
	x := R.X + R.W - b.px(20) - b.px(b.in.TopBarReserve)
	q := Rect{x - b.px(24), cy - b.px(12), b.px(24), b.px(24)}
	b.textC(q.X+q.W/2, cy, 0, "?", theme.UIBold, theme.SizeTitle, b.p.Ink2)
	b.cmd(q, CmdHelp, 0)
	x = q.X - b.px(16)
	// theme: a half-filled disc
	tr := Rect{x - b.px(24), cy - b.px(12), b.px(24), b.px(24)}
	tcx, r := tr.X+tr.W/2, b.px(7)
	b.circle(tcx, cy, r, color.NRGBA{}, b.p.Ink2, b.px(1.5))
	var pts []float64 // the right half
	for a := -90.0; a <= 90; a += 15 {
		pts = append(pts, tcx+r*math.Cos(a*math.Pi/180), cy+r*math.Sin(a*math.Pi/180))
	}
	b.poly(b.p.Ink2, pts...)
	b.cmd(tr, CmdTheme, 0)
	x = tr.X - b.px(16)
	ls := b.msg(i18n.Language)
	lw := b.width(ls, theme.UI, theme.SizeBody)
	lr := Rect{x - lw - b.px(8), cy - b.px(12), lw + b.px(8), b.px(24)}
	b.textC(lr.X+lr.W/2, cy, 0, ls, theme.UI, theme.SizeBody, b.p.Ink2)
	b.cmd(lr, CmdLang, 0)
	x = b.toolToggle(lr.X-b.px(12), cy) - b.px(12) // tools.go
	for i := len(b.in.Profiles) - 1; i >= 0; i-- {
		p := b.in.Profiles[i]
		l := i18n.ProfileLabel(b.in.Lang, p, narrow)
		w := b.width(l, theme.UI, theme.SizeBody) + b.px(20)
		r := Rect{x - w, cy - b.px(13), w, b.px(26)}
		b.button(r, l, p == b.in.Profile, CmdProfile, i)
		x = r.X - b.px(4)
	}
	pr.W = math.Max(b.px(120), math.Min(pr.W, x-b.px(10)-pr.X))
	b.box(pr, b.px(4), b.p.Bg, b.p.Line, b.px(1))
	b.textC(pr.X+b.px(12), cy, -1, b.fit(name, theme.Mono, theme.SizeBody, pr.W-b.px(40)), theme.Mono, theme.SizeBody, b.p.Ink)
	tx := pr.X + pr.W - b.px(18)
	b.poly(b.p.Ink, tx-b.px(4), cy-b.px(2), tx+b.px(4), cy-b.px(2), tx, cy+b.px(3))
	b.cmd(pr, CmdPicker, 0)
	b.addTip(pr, b.msg(i18n.SummaryHelp, name, b.in.Summary), false)
	// the settings button, then the one-line description, cut to fit (none when there is no
	// room): the whole sentence shows on hover, and in the help overlay
	sx := pr.X + pr.W + b.px(14)
	sl := b.msg(i18n.SettingsButton)
	if sw := b.width(sl, theme.UI, theme.SizeBody) + b.px(20); x-sx-b.px(16) > sw {
		sr := Rect{sx, cy - b.px(13), sw, b.px(26)}
		b.button(sr, sl, b.in.SettingsOpen, CmdSettings, 0)
		sx = sr.X + sr.W + b.px(14)
	}
	if room := x - sx - b.px(16); room > b.px(40) {
		r := b.textC(sx, cy, -1, b.fit(b.in.Summary, theme.UI, theme.SizeBody, room), theme.UI, theme.SizeBody, b.p.Ink2)
		b.addTip(Rect{r.X, R.Y, r.W, R.H}, b.in.Summary, false)
	}
}

// fit cuts s with an ellipsis so it is no wider than w.
func (b *builder) fit(s string, id theme.FontID, size, w float64) string {
	px := b.px(size)
	if b.ft.Width(id, px, s) <= w {
		return s
	}
	return s[:b.ft.Fit(id, px, s, w-b.ft.Width(id, px, "…"))] + "…"
}

func (b *builder) transport(R Rect) {
	b.box(R, 0, b.p.Bar, color.NRGBA{}, 0)
	b.line(R.X, R.Y, R.X+R.W, R.Y, b.px(1), b.p.Line, 0)
	cy := R.Y + R.H/2
	ink := b.p.Ink2
	tri := func(x float64, dir float64, s float64) { // a triangle pointing left (-1) or right (1)
		b.poly(ink, x+dir*s, cy, x-dir*s*0.8, cy-s, x-dir*s*0.8, cy+s)
	}
	hit := func(x float64, c Cmd) { b.cmd(Rect{x - b.px(16), cy - b.px(16), b.px(32), b.px(32)}, c, 0) }
	x := R.X + b.px(30)
	b.line(x-b.px(7), cy-b.px(7), x-b.px(7), cy+b.px(7), b.px(2), ink, 0)
	tri(x+b.px(1), -1, b.px(6))
	hit(x, CmdFirst)
	x += b.px(38)
	tri(x, -1, b.px(6))
	hit(x, CmdPrev)
	x += b.px(38)
	b.circle(x, cy, b.px(17), b.p.Accent, color.NRGBA{}, 0)
	if b.in.Playing {
		b.box(Rect{x - b.px(6), cy - b.px(7), b.px(4), b.px(14)}, 0, b.p.OnAcc, color.NRGBA{}, 0)
		b.box(Rect{x + b.px(2), cy - b.px(7), b.px(4), b.px(14)}, 0, b.p.OnAcc, color.NRGBA{}, 0)
	} else {
		b.poly(b.p.OnAcc, x+b.px(8), cy, x-b.px(5), cy-b.px(8), x-b.px(5), cy+b.px(8))
	}
	hit(x, CmdToggle)
	x += b.px(38)
	tri(x, 1, b.px(6))
	hit(x, CmdNext)
	x += b.px(38)
	tri(x-b.px(1), 1, b.px(6))
	b.line(x+b.px(7), cy-b.px(7), x+b.px(7), cy+b.px(7), b.px(2), ink, 0)
	hit(x, CmdLast)
	x += b.px(32)
	sp := b.msg(i18n.Speed, speedText(b.in.Speed))
	sr := Rect{x, cy - b.px(13), b.px(46), b.px(26)}
	b.box(sr, b.px(4), b.p.Bg, b.p.Line, b.px(1))
	b.textC(sr.X+sr.W/2, cy, 0, sp, theme.Mono, theme.SizeBody, b.p.Ink)
	b.cmd(sr, CmdSpeed, 0)
	// reveal and clock on the right
	rv := b.msg(i18n.Reveal)
	rw := b.width(rv, theme.UI, theme.SizeBody)
	rr := Rect{R.X + R.W - b.px(20) - rw - b.px(8), cy - b.px(12), rw + b.px(8), b.px(24)}
	rc := b.p.Ink2
	if b.in.Reveal {
		rc = b.p.Accent
		b.line(rr.X+b.px(4), cy+b.px(10), rr.X+rr.W-b.px(4), cy+b.px(10), b.px(2), b.p.Accent, 0)
	}
	b.textC(rr.X+rr.W/2, cy, 0, rv, theme.UI, theme.SizeBody, rc)
	b.cmd(rr, CmdReveal, 0)
	if b.in.Model == nil {
		return
	}
	m := b.in.Model
	clock := b.msg(i18n.Clock, trace.FormatTime(b.in.Now), trace.FormatTime(m.Trace.EndUs))
	cw := b.width(clock, theme.Mono, theme.SizeBody)
	cx := rr.X - b.px(28) - cw
	b.textC(cx, cy, -1, clock, theme.Mono, theme.SizeBody, b.p.Ink)
	track := Rect{sr.X + sr.W + b.px(20), cy - b.px(2), cx - b.px(22) - (sr.X + sr.W + b.px(20)), b.px(4)}
	b.f.Seek = track
	b.f.Hits = append(b.f.Hits, Hit{Kind: HitSeek, Box: Rect{track.X - b.px(6), cy - b.px(14), track.W + b.px(12), b.px(28)}})
	hgt := m.Warp.Height()
	xOf := func(t int64) float64 {
		if hgt <= 0 {
			return track.X
		}
		return track.X + track.W*m.Warp.Y(t)/hgt
	}
	b.box(track, b.px(2), b.p.Line, color.NRGBA{}, 0)
	nx := xOf(b.in.Now)
	b.box(Rect{track.X, track.Y, nx - track.X, track.H}, b.px(2), b.p.Accent, color.NRGBA{}, 0)
	for _, t := range m.Moments {
		tx := xOf(t)
		b.line(tx, cy-b.px(10), tx, cy-b.px(4), b.px(2), b.p.Base(m.momentRole(t)), 0)
	}
	b.circle(nx, cy, b.px(8), b.p.Bg, b.p.Accent, b.px(2.5))
}

// SeekTime maps an x on the seek bar to virtual time.
func (f *Frame) SeekTime(m *Model, x float64) int64 {
	if f.Seek.W <= 0 {
		return 0
	}
	u := (x - f.Seek.X) / f.Seek.W * m.Warp.Height()
	return m.Warp.T(u)
}

// momentRole colours a seek-bar tick: the first packet sent then, else the first state change.
func (m *Model) momentRole(t int64) theme.Role {
	if m.roles == nil {
		m.roles = map[int64]theme.Role{}
		for i := len(m.States) - 1; i >= 0; i-- {
			m.roles[m.States[i].T] = m.States[i].Role
		}
		for i := len(m.Packets) - 1; i >= 0; i-- {
			m.roles[m.Packets[i].T0] = m.Packets[i].Role
		}
	}
	if r, ok := m.roles[t]; ok {
		return r
	}
	return theme.RoleAck
}

func speedText(s float64) string {
	switch s {
	case 0.25:
		return "¼"
	case 0.5:
		return "½"
	}
	return fmt.Sprintf("%g", s)
}

func (b *builder) picker() {
	x, y := b.px(110), b.px(44)
	rh := b.px(26)
	w := math.Min(b.in.W-x-b.px(20), b.px(640))
	h := rh*float64(len(b.in.Catalog)) + b.px(36)
	b.box(Rect{x, y, w, h}, b.px(6), b.p.Card, b.p.Line, b.px(1))
	cy := y + b.px(6)
	name := ""
	if b.in.Model != nil {
		name = b.in.Model.Trace.Scenario
	}
	for i, c := range b.in.Catalog {
		r := Rect{x + b.px(4), cy, w - b.px(8), rh}
		if c.Name == name {
			b.box(r, b.px(4), b.p.Bar, color.NRGBA{}, 0)
		}
		if i == b.in.PickerCursor {
			b.box(r, b.px(4), color.NRGBA{}, b.p.Ink, b.px(1.5))
		}
		num := ""
		if i < 9 {
			num = fmt.Sprint(i + 1)
		}
		b.textC(r.X+b.px(8), cy+rh/2, -1, num, theme.Mono, theme.SizeLabel, b.p.Ink2)
		b.textC(r.X+b.px(28), cy+rh/2, -1, c.Name, theme.Mono, theme.SizeLabel, b.p.Ink)
		sx := r.X + b.px(240)
		sum := c.Summary
		if c.Only != "" {
			sum = b.msg(i18n.OnlyProfile, c.Only) + " · " + sum
		}
		if c.File {
			sum = b.msg(i18n.FromFile) + " · " + sum
		}
		b.textC(sx, cy+rh/2, -1, b.fit(sum, theme.UI, theme.SizeLabel, r.X+r.W-sx-b.px(8)), theme.UI, theme.SizeLabel, b.p.Ink2)
		b.cmd(r, CmdScenario, i)
		b.addTip(r, sum, true) // the whole description, however narrow the picker
		cy += rh
	}
	b.textC(x+b.px(12), cy+b.px(14), -1, b.msg(i18n.PickerHint), theme.UI, theme.SizeGutter, b.p.Ink2)
}

func (b *builder) tooltip() {
	m := b.in.Model
	if b.in.Hover >= len(m.Trace.Events) {
		return
	}
	e := &m.Trace.Events[b.in.Hover]
	arr := b.msg(i18n.Dropped)
	if !e.Dropped && e.Arrive != trace.NoTime {
		arr = trace.FormatTime(e.Arrive)
	}
	s := b.msg(i18n.PacketDetail, e.From, e.To, trace.PacketLabel(e), trace.FormatTime(e.T), arr)
	if e.Note != "" {
		s += "  " + b.msg(i18n.NoteFmt, i18n.Note(b.in.Lang, e.Note))
	}
	if e.Injected {
		s += "\n" + b.msg(i18n.PacketInjected, e.From, e.To)
	}
	s += "\n" + b.msg(i18n.WhatIfPacket)
	lines := strings.Split(s, "\n")
	lh := b.lineH(theme.Mono, theme.SizeLabel) + b.px(2)
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, b.width(l, theme.Mono, theme.SizeLabel))
	}
	r := Rect{b.in.MouseX + b.px(14), b.in.MouseY + b.px(14), w + b.px(20), lh*float64(len(lines)) + b.px(14)}
	r.X = math.Min(r.X, b.in.W-r.W-b.px(4))
	r.Y = math.Min(r.Y, b.in.H-r.H-b.px(4))
	b.box(r, b.px(5), b.p.Card, b.p.Base(theme.FlagsRole(e.Flags, e.Len)), b.px(1.5))
	y := r.Y + b.px(7)
	for _, l := range lines {
		b.text(r.X+b.px(10), y, l, theme.Mono, theme.SizeLabel, b.p.Ink)
		y += lh
	}
}

func (b *builder) help() {
	var sum []string // the scenario's whole description: the top bar may have cut it
	if b.in.Model != nil {
		sum = b.wrap(b.msg(i18n.SummaryHelp, b.in.Model.Trace.Scenario, b.in.Summary), theme.UI, theme.SizeLabel, b.px(412))
	}
	b.sheet(b.msg(i18n.HelpTitle), sum, append(strings.Split(b.msg(i18n.HelpKeys), "\n"), b.msg(i18n.HelpSettingsKey)), 460, 190, b.msg(i18n.HelpClose), CmdHelp)
}

// sheet is an overlay card over the dimmed window: a title, lines of text, then rows of two
// columns ("key\tvalue", the value column keyW in), and how to close it (a click on it: c).
func (b *builder) sheet(title string, lines, rows []string, w, keyW float64, close string, c Cmd) {
	b.box(Rect{0, 0, b.in.W, b.in.H}, 0, theme.Fade(b.p.Ink, 0.45), color.NRGBA{}, 0)
	rh := b.px(24)
	// as wide as the title and the rows need (a long scenario name), within the window; what
	// still does not fit is cut with an ellipsis rather than run past the card's edge
	w = math.Max(b.px(w), b.width(title, theme.UIBold, theme.SizeTitle)+b.px(48))
	for _, row := range rows {
		_, v, _ := strings.Cut(row, "\t")
		w = math.Max(w, b.px(keyW)+b.width(v, theme.UI, theme.SizeBody)+b.px(24))
	}
	w = math.Min(w, b.in.W-b.px(16))
	title = b.fit(title, theme.UIBold, theme.SizeTitle, w-b.px(48))
	slh := b.lineH(theme.UI, theme.SizeLabel) + b.px(2)
	h := rh*float64(len(rows)) + b.px(96) + slh*float64(len(lines))
	r := Rect{(b.in.W - w) / 2, (b.in.H - h) / 2, w, h}
	b.box(r, b.px(8), b.p.Card, b.p.Line, b.px(1))
	b.text(r.X+b.px(24), r.Y+b.px(18), title, theme.UIBold, theme.SizeTitle, b.p.Ink)
	y := r.Y + b.px(56)
	for _, l := range lines {
		b.text(r.X+b.px(24), y, l, theme.UI, theme.SizeLabel, b.p.Ink2)
		y += slh
	}
	for _, row := range rows {
		k, v, _ := strings.Cut(row, "\t")
		b.textC(r.X+b.px(24), y+rh/2, -1, k, theme.MonoBold, theme.SizeBody, b.p.Ink)
		b.textC(r.X+b.px(keyW), y+rh/2, -1, b.fit(v, theme.UI, theme.SizeBody, w-b.px(keyW)-b.px(24)), theme.UI, theme.SizeBody, b.p.Ink)
		y += rh
	}
	b.textC(r.X+b.px(24), y+b.px(18), -1, close, theme.UI, theme.SizeGutter, b.p.Ink2)
	b.cmd(r, c, 0)
}

// notice draws the banner at the foot of the diagram, above the legend (where it hides the least:
// the state headers stay in view): a scenario file was opened, or why it could not be. Long messages wrap onto up to four lines; the × (or a click anywhere on it, or Esc)
// closes it.
func (b *builder) notice() {
	d := b.f.Diagram
	pad := b.px(12)
	w := math.Min(d.W-2*pad, b.px(720))
	closeW := b.px(28)
	textW := w - 2*b.px(12) - closeW
	lines := b.wrap(b.in.Notice, theme.UI, theme.SizeBody, textW)
	if len(lines) > 4 {
		lines = append(lines[:3], b.fit(strings.Join(lines[3:], " "), theme.UI, theme.SizeBody, textW))
	}
	lh := b.lineH(theme.UI, theme.SizeBody) + b.px(3)
	h := lh*float64(len(lines)) + b.px(16)
	r := Rect{d.X + (d.W-w)/2, d.Y + d.H - b.px(40) - h, w, h}
	role := theme.RoleData
	if b.in.NoticeErr {
		role = theme.RoleRst
	}
	b.box(r, b.px(6), b.p.Card, b.p.Base(role), b.px(1.5))
	y := r.Y + b.px(8)
	for _, l := range lines {
		b.text(r.X+b.px(12), y, l, theme.UI, theme.SizeBody, b.p.Ink)
		y += lh
	}
	b.textC(r.X+r.W-closeW/2-b.px(4), r.Y+b.px(8)+lh/2, 0, b.msg(i18n.NoticeClose), theme.UIBold, theme.SizeBody, b.p.Ink2)
	b.cmd(r, CmdDismiss, 0)
}
