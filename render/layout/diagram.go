package layout

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"

	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/theme"
	"finwait/render/warp"
)

// diagram geometry, at scale 1
const (
	headerTop    = 12.0  // card top below the diagram's top
	headerH      = 92.0  // card height
	lanesGap     = 24.0  // from the card's bottom to the first moment
	legendH      = 34.0  // legend strip at the bottom
	gutterW      = 66.0  // time labels
	pillSpace    = 106.0 // room for state pills beside a lifeline
	timerStep    = 17.0  // distance between timer columns
	faded        = 0.3   // reveal mode's opacity for what has not happened yet
	arrowHead    = 10.0
	labelPadX    = 6.0
	labelPadY    = 3.0
	minLabelDY   = 13.0  // gutter labels closer than this are skipped
	maxTabs      = 5     // connection tabs shown at once
	maxPillSpace = 140.0 // timer columns never move further out than this
)

// dia carries one diagram pass's coordinates.
type dia struct {
	*builder
	m         *Model
	w         *warp.Warp
	now       int64
	top       float64 // y of warp unit 0 after scrolling
	lanes     Rect
	clipTop   float64
	clipBot   float64
	scroll    float64
	hostX     []float64
	pillRect  []Rect             // last pill per host (stacking)
	pillSpace []float64          // room the widest state pill of each lifeline needs
	labelEnd  map[[2]int]float64 // (host, column) → where its last timer label ends
}

func (d *dia) y(t int64) float64 { return d.top + (d.w.Y(t)-d.scroll)*d.s }

func (d *dia) visible(y1, y2 float64) bool {
	lo, hi := math.Min(y1, y2), math.Max(y1, y2)
	return hi >= d.clipTop-d.px(30) && lo <= d.clipBot+d.px(30)
}

// alpha is 1 for what has happened by now, the reveal opacity for the future, or 0 (hidden).
func (d *dia) alpha(t int64) float64 {
	if t <= d.now {
		return 1
	}
	if d.in.Reveal {
		return faded
	}
	return 0
}

// DiagramTime maps a y inside the timeline to virtual time (click to seek).
func (f *Frame) DiagramTime(w *warp.Warp, scale, y float64) int64 {
	return w.T((y-f.laneTop)/scale + f.Scroll)
}

func (b *builder) diagram() {
	m := b.in.Model
	D := b.f.Diagram
	d := &dia{builder: b, m: m, w: m.Warp, now: b.in.Now}
	d.clipTop = D.Y + b.px(headerTop+headerH+8)
	d.clipBot = D.Y + D.H - b.px(legendH)
	first := D.Y + b.px(headerTop+headerH+lanesGap)
	avail := (d.clipBot - b.px(14) - first) / b.s
	if h := d.w.Height(); h > avail {
		d.scroll = math.Max(0, math.Min(d.w.Y(d.now)-0.55*avail, h-avail))
	}
	d.top = first
	b.f.Scroll = d.scroll
	b.f.laneTop = first
	d.lanes = Rect{D.X, d.clipTop, D.W, d.clipBot - d.clipTop}
	b.f.Lanes = d.lanes
	b.f.Hits = append(b.f.Hits, Hit{Kind: HitDiagram, Box: d.lanes})

	n := len(m.Hosts)
	xa, xb := D.X+0.375*D.W, D.X+0.775*D.W
	for i := 0; i < n; i++ {
		x := (xa + xb) / 2
		if n > 1 {
			x = xa + (xb-xa)*float64(i)/float64(n-1)
		}
		d.hostX = append(d.hostX, math.Round(x))
	}
	b.f.HostX = append(b.f.HostX, d.hostX...)
	d.pillRect = make([]Rect, n)
	d.pillSpace = make([]float64, n)
	for h := range d.pillSpace {
		d.pillSpace[h] = b.px(pillSpace)
	}
	for i := range m.States {
		st := &m.States[i]
		w := d.width(st.Text, theme.UIBold, theme.SizeGutter) + d.px(2*labelPadX+2+12+8)
		d.pillSpace[st.Host] = math.Min(math.Max(d.pillSpace[st.Host], w), b.px(maxPillSpace))
	}
	d.labelEnd = map[[2]int]float64{}

	d.bands()
	d.gutter()
	d.lifelines()
	d.timers()
	d.packets()
	d.states()
	d.callMarks()
	d.packetLabels()
	d.dropMarks()
	d.injectMarks()
	if drawExpects != nil && len(m.Expects) > 0 {
		drawExpects(d) // expect.go
	}
	if d.in.Compare != nil && drawCompareMarks != nil {
		drawCompareMarks(d) // compare.go
	}
	d.nowLine()
	// Cover what scrolled under the header and the legend, then draw them on top.
	b.box(Rect{D.X, D.Y, D.W, d.clipTop - D.Y}, 0, b.p.Bg, color.NRGBA{}, 0)
	b.box(Rect{D.X, d.clipBot, D.W, D.Y + D.H - d.clipBot}, 0, b.p.Bg, color.NRGBA{}, 0)
	d.headers()
	d.legend()
	if d.in.Forks > 0 {
		s := d.msg(i18n.WhatIf, d.in.Forks)
		w := d.width(s, theme.UI, theme.SizeGutter) + d.px(14)
		r := d.badgeRect(w)
		d.box(r, d.px(4), d.p.Tint(theme.RoleRst, 0.18), color.NRGBA{}, 0)
		d.textC(r.X+w/2, r.Y+r.H/2, 0, s, theme.UI, theme.SizeGutter, d.p.Text(theme.RoleRst))
		d.cmd(r, CmdUndo, 0)
	}
	d.connTabs()
	b.line(D.X+D.W, D.Y, D.X+D.W, D.Y+D.H, b.px(1), b.p.Line, 0)
}

func (d *dia) bands() {
	D := d.f.Diagram
	for _, bd := range d.w.Bands {
		y0, y1 := d.y(bd.T0)+d.px(7), d.y(bd.T1)-d.px(7)
		if !d.visible(y0, y1) {
			continue
		}
		d.box(Rect{D.X + d.px(gutterW+4), y0, D.W - d.px(gutterW+34), y1 - y0}, 0, d.p.Bar, color.NRGBA{}, 0)
		mid := (d.hostX[0] + d.hostX[len(d.hostX)-1]) / 2
		d.textC(mid, (y0+y1)/2, 0, d.msg(i18n.Idle, gapText(bd.Gap())), theme.UI, theme.SizeGutter, d.p.Ink2)
	}
}

func (d *dia) gutter() {
	last := -1e9
	x := d.f.Diagram.X + d.px(gutterW-4)
	for _, k := range d.w.Knots {
		if i := sort.Search(len(d.m.Moments), func(i int) bool { return d.m.Moments[i] >= k.T }); i == len(d.m.Moments) || d.m.Moments[i] != k.T {
			continue // a key time only for room (where a lost segment dies), not a moment
		}
		y := d.top + (k.Y-d.scroll)*d.s
		if y < d.clipTop || y > d.clipBot || y-last < d.px(minLabelDY) || math.Abs(y-d.y(d.now)) < d.px(10) {
			continue
		}
		last = y
		c := d.p.Ink2
		if k.T > d.now {
			c = theme.Fade(c, 0.6)
		}
		d.textC(x, y, 1, TimeText(k.T), theme.Mono, theme.SizeGutter, c)
	}
}

func (d *dia) lifelines() {
	y0 := d.clipTop
	y1 := math.Min(d.y(d.w.End())+d.px(18), d.clipBot)
	for _, x := range d.hostX {
		from := y0
		for _, bd := range d.w.Bands {
			a, b := d.y(bd.T0)+d.px(7), d.y(bd.T1)-d.px(7)
			if b < y0 || a > y1 {
				continue
			}
			d.line(x, from, x, a, d.px(2), d.p.Ink, 0)
			d.chevron(x, a)
			d.chevron(x, b)
			from = b
		}
		d.line(x, from, x, y1, d.px(2), d.p.Ink, 0)
	}
}

// chevron is the break mark where a lifeline crosses an idle band.
func (d *dia) chevron(x, y float64) {
	r := d.px(5)
	d.line(x-r, y+r*0.7, x, y, d.px(1.5), d.p.Ink, 0)
	d.line(x, y, x+r, y+r*0.7, d.px(1.5), d.p.Ink, 0)
}

func (d *dia) timerX(t *TimerBar) float64 {
	off := d.pillSpace[t.Host] + d.px(timerStep*float64(t.Col+1))
	if t.Host == 0 && len(d.hostX) > 1 {
		return d.hostX[0] - off
	}
	// the outermost column and its label stay inside the diagram: shift the columns in if needed
	last := d.hostX[t.Host] + d.pillSpace[t.Host] + d.px(timerStep*float64(d.m.cols[t.Host]))
	shift := math.Max(0, last-(d.f.Diagram.X+d.f.Diagram.W-d.px(24)))
	return d.hostX[t.Host] + off - shift
}

func (d *dia) timers() {
	for i := range d.m.Timers {
		t := &d.m.Timers[i]
		a := d.alpha(t.T0)
		if a == 0 {
			continue
		}
		x := d.timerX(t)
		y0, y1 := d.y(t.T0), d.y(t.T1)
		if !d.visible(y0, y1) {
			continue
		}
		base := theme.Fade(d.p.Base(t.Role), a)
		faint := theme.Fade(d.p.Tint(t.Role, 0.35), a)
		txt := theme.Fade(d.p.Text(t.Role), a)
		if t.T0 == t.T1 { // armed and ended at one instant: a ring with its name
			d.circle(x, y0, d.px(5), color.NRGBA{}, base, d.px(1.5))
			label := t.Name
			if set := d.timerSetting(d.m.Hosts[t.Host], t.Name, t.T0); set != "" {
				label = d.msg(i18n.TimerLabel, t.Name, DurText(t.Expires-t.T0))
				full := d.msg(i18n.TimerMark, label, set)
				d.addTip(Rect{x - d.px(7), y0 - d.px(7), d.px(14), d.px(14)}, full, false)
				if y0+d.px(12)+d.width(full, theme.UI, theme.SizeGutter) < d.clipBot { // else the mark shows on hover only
					label = full
				}
			}
			if d.labelEnd[[2]int{t.Host, t.Col}] <= y0+d.px(8) { // else the previous bar's label still runs here
				d.timerLabel(t, x, y0+d.px(8), label, txt)
			}
			continue
		}
		yn := math.Max(y0, math.Min(d.y(d.now), y1))
		d.line(x, y0, x, y1, d.px(4), faint, 0)
		if d.now >= t.T0 {
			d.line(x, y0, x, yn, d.px(4), base, 0)
		}
		d.circle(x, y0, d.px(3.5), d.p.Bg, base, d.px(1.5))
		if d.now >= t.T1 || d.in.Reveal {
			ea := d.alpha(t.T1)
			switch {
			case t.Fired:
				d.diamond(x, y1, d.px(5.5), theme.Fade(d.p.Base(t.Role), ea))
			case t.Canceled:
				d.cross(x, y1, d.px(4), d.px(1.8), theme.Fade(d.p.Ink2, ea))
			}
		}
		label := d.msg(i18n.TimerLabel, t.Name, DurText(t.Expires-t.T0))
		if d.now >= t.T0 && d.now < t.T1 {
			label = d.msg(i18n.TimerLeft, t.Name, DurText(t.Expires-d.now))
		}
		full := label
		if set := d.timerSetting(d.m.Hosts[t.Host], t.Name, t.T0); set != "" { // "3 s: tcp_fin_timeout = 3, default 60"
			full = d.msg(i18n.TimerMark, label, set)
			d.addTip(Rect{x - d.px(5), y0, d.px(10), y1 - y0}, full, false) // the whole mark on hover, however the label is cut
		}
		// Where the previous bar's label in this column still runs, this one starts after it,
		// if that is still beside its own bar; else this short bar stays unlabelled.
		ly := math.Max(y0+d.px(6), d.labelEnd[[2]int{t.Host, t.Col}])
		if ly > y0+d.px(6) && ly > y1-d.px(20) {
			continue
		}
		// A label may run on past its bar, but not beside the next bar of its column: there it
		// loses its mark, or is cut.
		if t.Next != trace.NoTime {
			room := d.y(t.Next) - ly - d.px(4)
			switch {
			case d.width(full, theme.UI, theme.SizeGutter) <= room:
			case d.width(label, theme.UI, theme.SizeGutter) <= room:
				full = label
			case room > d.px(30):
				full = d.fit(label, theme.UI, theme.SizeGutter, room)
			default:
				continue
			}
		}
		d.timerLabel(t, x, ly, full, txt)
	}
}

// timerLabel draws a bar's label down its right side (the first host's: its left side) from y,
// and records its extent (a label kind of its own: tests check it against the others).
func (d *dia) timerLabel(t *TimerBar, x, y float64, label string, c color.NRGBA) {
	lh := d.lineH(theme.UI, theme.SizeGutter)
	lw := d.width(label, theme.UI, theme.SizeGutter)
	d.labelEnd[[2]int{t.Host, t.Col}] = y + lw + d.px(4)
	tx := x + d.px(6) + lh
	if t.Host == 0 && len(d.hostX) > 1 {
		tx = x - d.px(6)
	}
	d.f.Shapes = append(d.f.Shapes, Shape{Kind: Text, Rect: Rect{X: tx, Y: y}, Str: label, Font: theme.UI, Size: d.px(theme.SizeGutter), Fill: c, Rot: math.Pi / 2})
	d.f.Labels = append(d.f.Labels, Label{Kind: LabelTimer, Box: Rect{tx - lh, y, lh, lw}, Index: -1})
}

// arrowEnds are a packet's drawn endpoints.
func (d *dia) arrowEnds(p *Packet) (x1, y1, x2, y2 float64) {
	x1, y1 = d.hostX[p.From], d.top+(p.U0-d.scroll)*d.s
	x2, y2 = d.hostX[p.To], d.top+(p.U1-d.scroll)*d.s
	if p.Dropped {
		x2 = (x1 + x2) / 2
	}
	if p.Injected { // no host sent it: it appears on the wire, halfway, and runs to the receiver
		x1 = (x1 + x2) / 2
	}
	return
}

// ArrowEnds exposes a packet's endpoints in this frame (tests).
func (f *Frame) ArrowEnds(in *Input, p *Packet) (x1, y1, x2, y2 float64) {
	b := &builder{in: in, f: f, s: in.Scale}
	d := &dia{builder: b, m: in.Model, w: in.Model.Warp, now: in.Now, top: f.laneTop, scroll: f.Scroll, hostX: f.HostX}
	return d.arrowEnds(p)
}

func (d *dia) packets() {
	for i := range d.m.Packets {
		p := &d.m.Packets[i]
		x1, y1, x2, y2 := d.arrowEnds(p)
		if !d.visible(y1, y2) {
			continue
		}
		a := d.alpha(p.T0)
		if a == 0 {
			continue
		}
		body := d.p.Base(p.Role)
		head := body
		if p.FinOnDat {
			body = d.p.Base(theme.RoleData)
		}
		ahead := a
		if p.T1 > d.now {
			ahead = math.Max(a*0.999, faded) // what is still on the wire
		}
		prog := 1.0
		if d.now < p.T1 && d.now >= p.T0 {
			if y2 != y1 {
				prog = (d.y(d.now) - y1) / (y2 - y1)
			} else {
				prog = 0
			}
		}
		if d.now < p.T0 || (d.in.Reduced && d.now < p.T1) {
			prog = 0 // reduced motion: no dot slides along; the arrow turns solid on arrival
		}
		lx, ly := lerp(x1, x2, prog), lerp(y1, y2, prog)
		w := d.px(2)
		split := 1.0
		if p.FinOnDat {
			split = 0.62
		}
		seg := func(f0, f1 float64, c color.NRGBA, alpha, dash float64) {
			if f1 <= f0 {
				return
			}
			d.line(lerp(x1, x2, f0), lerp(y1, y2, f0), lerp(x1, x2, f1), lerp(y1, y2, f1), w, theme.Fade(c, alpha), dash)
		}
		// solid behind the packet, dashed ahead of it
		seg(0, math.Min(prog, split), body, a, 0)
		seg(split, prog, head, a, 0)
		if prog < 1 {
			da := ahead
			if d.now < p.T0 {
				da = a
			}
			dash := d.px(5)
			if d.now < p.T0 {
				dash = 0
			}
			seg(math.Max(prog, 0), math.Max(prog, split), body, da, dash)
			seg(math.Max(prog, split), 1, head, da, dash)
		}
		endA := a // in flight, the head is drawn with the dashed part ahead of the packet
		if d.now < p.T1 && d.now >= p.T0 {
			endA = ahead
		}
		if !p.Dropped { // a dropped segment's ✕ is drawn over the labels (dropMarks)
			d.arrowhead(x1, y1, x2, y2, theme.Fade(head, endA))
		}
		if prog > 0 && prog < 1 {
			d.circle(lx, ly, d.px(5), head, color.NRGBA{}, 0)
		}
		d.f.Hits = append(d.f.Hits, Hit{Kind: HitPacket, Seg: [4]float64{x1, y1, x2, y2}, Index: p.Index})
	}
}

func (d *dia) arrowhead(x1, y1, x2, y2 float64, c color.NRGBA) {
	dx, dy := x2-x1, y2-y1
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	ux, uy := dx/l, dy/l
	h, w := d.px(arrowHead), d.px(4.5)
	bx, by := x2-ux*h, y2-uy*h
	d.poly(c, x2, y2, bx-uy*w, by+ux*w, bx+uy*w, by-ux*w)
}

func (d *dia) states() {
	for i := range d.m.States {
		st := &d.m.States[i]
		a := d.alpha(st.T)
		x, y := d.hostX[st.Host], d.y(st.T)
		if !d.visible(y, y) {
			continue
		}
		if a == 0 {
			continue
		}
		d.circle(x, y, d.px(4.5), theme.Fade(d.p.Base(st.Role), a), color.NRGBA{}, 0)
		tw := d.width(st.Text, theme.UIBold, theme.SizeGutter)
		h := d.lineH(theme.UIBold, theme.SizeGutter) + d.px(2*labelPadY)
		w := tw + d.px(2*labelPadX+2)
		r := Rect{x + d.px(12), y - h/2, w, h}
		if st.Host == 0 && len(d.hostX) > 1 {
			r.X = x - d.px(12) - w
		}
		if prev := d.pillRect[st.Host]; prev.W > 0 && r.Y < prev.Y+prev.H+d.px(3) {
			r.Y = prev.Y + prev.H + d.px(3) // simultaneous transitions stack downwards, in the trace's order
		}
		d.pillRect[st.Host] = r
		amt := 0.16
		if d.p.Dark {
			amt = 0.24
		}
		d.box(r, h/2, theme.Fade(d.p.Tint(st.Role, amt), a), color.NRGBA{}, 0)
		d.text(r.X+d.px(labelPadX+1), r.Y+d.px(labelPadY), st.Text, theme.UIBold, theme.SizeGutter, theme.Fade(d.p.Text(st.Role), a))
		d.f.Labels = append(d.f.Labels, Label{Kind: LabelState, Box: r, Index: st.Index})
	}
}

var fractions = []float64{0.5, 0.34, 0.66, 0.22, 0.78, 0.42, 0.58}

func (d *dia) packetLabels() {
	D := d.f.Diagram
	h := d.lineH(theme.Mono, theme.SizeLabel) + d.px(2*labelPadY)
	for i := range d.m.Packets {
		p := &d.m.Packets[i]
		a := d.alpha(p.T0)
		if a == 0 {
			continue
		}
		x1, y1, x2, y2 := d.arrowEnds(p)
		if !d.visible(y1, y2) {
			continue
		}
		w := d.width(p.Label, theme.Mono, theme.SizeLabel) + d.px(2*labelPadX)
		var r Rect
		dot := Rect{W: -1}
		if d.now > p.T0 && d.now < p.T1 && y2 != y1 { // keep the moving dot in sight
			f := (d.y(d.now) - y1) / (y2 - y1)
			dot = Rect{lerp(x1, x2, f) - d.px(6), lerp(y1, y2, f) - d.px(6), d.px(12), d.px(12)}
		}
		// Centred on the arrow where there is room; else just above or below it; else centred.
		placed := false
		offsets := []float64{0, -(h/2 + d.px(3)), h/2 + d.px(3)}
		if p.Dropped || p.Injected { // a short arrow: keep it and its ✕ or ring in sight
			offsets = []float64{-(h/2 + d.px(8)), h/2 + d.px(8), 0}
		}
		for _, dy := range offsets {
			for _, f := range fractions {
				cx, cy := lerp(x1, x2, f), lerp(y1, y2, f)+dy
				r = Rect{cx - w/2, cy - h/2, w, h}
				r.X = math.Max(D.X+d.px(gutterW), math.Min(r.X, D.X+D.W-w-d.px(4)))
				if !d.overlapsLabel(r) && !(dot.W > 0 && dot.Overlaps(r)) {
					placed = true
					break
				}
			}
			if placed {
				break
			}
		}
		if !placed {
			cx, cy := lerp(x1, x2, 0.5), lerp(y1, y2, 0.5)
			r = Rect{cx - w/2, cy - h/2, w, h}
		}
		c := d.p.Base(p.Role)
		d.box(r, d.px(4), theme.Fade(d.p.Bg, math.Max(a, 0.85)), theme.Fade(c, a), d.px(1.2))
		d.text(r.X+d.px(labelPadX), r.Y+d.px(labelPadY), p.Label, theme.Mono, theme.SizeLabel, theme.Fade(d.p.Text(p.Role), a))
		d.f.Labels = append(d.f.Labels, Label{Kind: LabelPacket, Box: r, Index: p.Index})
		// the label is part of the packet's hit region
		for j := len(d.f.Hits) - 1; j >= 0; j-- {
			if d.f.Hits[j].Kind == HitPacket && d.f.Hits[j].Index == p.Index {
				d.f.Hits[j].Box = r
				break
			}
		}
	}
}

// injectMarks rings where each injected segment appears on the wire (legend: injected).
func (d *dia) injectMarks() {
	for i := range d.m.Packets {
		p := &d.m.Packets[i]
		a := d.alpha(p.T0)
		if !p.Injected || a == 0 {
			continue
		}
		x1, y1, _, _ := d.arrowEnds(p)
		if !d.visible(y1, y1) {
			continue
		}
		d.injectMark(x1, y1, theme.Fade(d.p.Base(p.Role), a))
	}
}

// injectMark is the injected segment's sign: a ring with a dot, a needle's point on the wire.
func (d *dia) injectMark(x, y float64, c color.NRGBA) {
	d.circle(x, y, d.px(6), d.p.Bg, c, d.px(2))
	d.circle(x, y, d.px(2), c, color.NRGBA{}, 0)
}

func (d *dia) dropMarks() {
	for i := range d.m.Packets {
		p := &d.m.Packets[i]
		if !p.Dropped || (d.now < p.T1 && !d.in.Reveal) {
			continue
		}
		_, _, x2, y2 := d.arrowEnds(p)
		if !d.visible(y2, y2) {
			continue
		}
		d.cross(x2, y2, d.px(6), d.px(2.5), theme.Fade(d.p.Base(theme.RoleRst), d.alpha(p.T1)))
	}
}

func (d *dia) overlapsLabel(r Rect) bool {
	for _, l := range d.f.Labels {
		if l.Box.Overlaps(r.Inset(-d.px(1))) {
			return true
		}
	}
	return false
}

func (d *dia) nowLine() {
	D := d.f.Diagram
	y := d.y(d.now)
	d.f.NowY = y
	if y < d.clipTop || y > d.clipBot {
		return
	}
	d.gappedLine(D.X+d.px(gutterW), D.X+D.W-d.px(8), y)
	s := TimeText(d.now)
	w := d.width(s, theme.Mono, theme.SizeLabel) + d.px(12)
	h := d.lineH(theme.Mono, theme.SizeLabel) + d.px(6)
	r := Rect{D.X + d.px(4), y - h/2, w, h}
	d.box(r, d.px(3), d.p.Ink, color.NRGBA{}, 0)
	d.text(r.X+d.px(6), r.Y+d.px(3), s, theme.Mono, theme.SizeLabel, d.p.Bg)
}

func (d *dia) headers() {
	D := d.f.Diagram
	n := len(d.hostX)
	cw := d.px(240)
	if n > 1 { // cards shrink to keep apart when the lifelines are close (narrow windows, 3+ hosts)
		cw = math.Min(cw, (d.hostX[1]-d.hostX[0])-d.px(16))
	}
	for h, x := range d.hostX {
		info := &d.m.HostInfo[h]
		r := Rect{x - cw/2, D.Y + d.px(headerTop), cw, d.px(headerH)}
		d.box(r, d.px(8), d.p.Card, d.p.Line, d.px(1))
		d.f.Hits = append(d.f.Hits, Hit{Kind: HitHost, Box: r, Index: h})
		d.addTip(r, d.msg(i18n.WhatIfHost, info.Name), false)
		tx := r.X + d.px(14)
		tx += d.text(tx, r.Y+d.px(8), info.Name, theme.UIBold, theme.SizeTitle, d.p.Ink) + d.px(8)
		sub := ""
		switch info.Role {
		case "client":
			sub = d.msg(i18n.Client)
		case "server":
			sub = d.msg(i18n.Server)
		}
		if info.Addr != "" {
			if sub != "" {
				sub += " · "
			}
			sub += info.Addr
		}
		if d.m.Orphan(h, d.now) {
			sub += " · " + d.msg(i18n.Orphan)
		}
		sub = d.fit(sub, theme.UI, theme.SizeLabel, r.X+r.W-d.px(10)-tx)
		d.textC(tx, r.Y+d.px(8)+d.lineH(theme.UIBold, theme.SizeTitle)/2+d.px(1), -1, sub, theme.UI, theme.SizeLabel, d.p.Ink2)
		state, role := d.m.StateAt(h, d.now)
		sb := Rect{r.X + d.px(12), r.Y + d.px(36), r.W - d.px(24), d.px(46)}
		amt := 0.18
		if d.p.Dark {
			amt = 0.22
		}
		d.box(sb, d.px(5), d.p.Tint(role, amt), color.NRGBA{}, 0)
		size := theme.SizeState // smaller when a narrow card cannot hold the state's name
		if w := d.width(state, theme.UIBold, size); w > sb.W-d.px(12) {
			size = math.Max(theme.SizeBody, size*(sb.W-d.px(12))/w)
		}
		d.textC(sb.X+sb.W/2, sb.Y+sb.H/2, 0, state, theme.UIBold, size, d.p.Text(role))
	}
}

func (d *dia) legend() {
	D := d.f.Diagram
	y := D.Y + D.H - d.px(legendH/2)
	x := D.X + d.px(20)
	kinds := []struct {
		r  theme.Role
		id i18n.ID
	}{{theme.RoleSyn, i18n.KindSyn}, {theme.RoleAck, i18n.KindAck}, {theme.RoleData, i18n.KindData}, {theme.RoleFin, i18n.KindFin}, {theme.RoleRst, i18n.KindRst}}
	for _, k := range kinds {
		d.line(x, y, x+d.px(20), y, d.px(3), d.p.Base(k.r), 0)
		x += d.px(26)
		x += d.textC(x, y, -1, d.msg(k.id), theme.UI, theme.SizeGutter, d.p.Ink2).W + d.px(14)
	}
	x += d.px(6)
	d.cross(x, y, d.px(4), d.px(2), d.p.Base(theme.RoleRst))
	x += d.px(9)
	x += d.textC(x, y, -1, d.msg(i18n.LegendDropped), theme.UI, theme.SizeGutter, d.p.Ink2).W + d.px(12)
	if d.m.Injected {
		d.injectMark(x, y, d.p.Ink2)
		x += d.px(10)
		x += d.textC(x, y, -1, d.msg(i18n.LegendInjected), theme.UI, theme.SizeGutter, d.p.Ink2).W + d.px(12)
	}
	d.diamond(x, y, d.px(5), d.p.Base(theme.RoleAck))
	x += d.px(9)
	x += d.textC(x, y, -1, d.msg(i18n.LegendFired), theme.UI, theme.SizeGutter, d.p.Ink2).W + d.px(12)
	d.cross(x, y, d.px(3.5), d.px(1.6), d.p.Ink2)
	x += d.px(9)
	x += d.textC(x, y, -1, d.msg(i18n.LegendCancel), theme.UI, theme.SizeGutter, d.p.Ink2).W + d.px(12)
	d.textC(x, y, -1, d.msg(i18n.LegendFaded), theme.UI, theme.SizeGutter, theme.Fade(d.p.Ink2, 0.6))
}

func (d *dia) connTabs() {
	if len(d.m.Conns) < 2 {
		return
	}
	D := d.f.Diagram
	x, y := D.X+d.px(8), D.Y+d.px(headerTop)
	// at most maxTabs tabs, in a window around the selected connection (Tab cycles through all)
	conns := d.m.Conns
	if len(conns) > maxTabs {
		i := sort.SearchInts(conns, d.m.Conn)
		lo := max(0, min(i-maxTabs/2, len(conns)-maxTabs))
		conns = conns[lo : lo+maxTabs]
	}
	for _, c := range conns {
		s := d.msg(i18n.Conn, c)
		w := d.width(s, theme.UI, theme.SizeGutter) + d.px(12)
		r := Rect{x, y, w, d.px(20)}
		fill, ink := d.p.Bar, d.p.Ink2
		if c == d.m.Conn {
			fill, ink = d.p.Accent, d.p.OnAcc
		}
		d.box(r, d.px(4), fill, color.NRGBA{}, 0)
		d.textC(r.X+w/2, r.Y+r.H/2, 0, s, theme.UI, theme.SizeGutter, ink)
		d.cmd(r, CmdConn, c)
		y += d.px(24)
	}
}

func lerp(a, b, f float64) float64 { return a + (b-a)*f }

// TimeText is the gutter's time: whole milliseconds as "20 ms", fractions with one decimal,
// seconds with three decimals from 10 s on (the clock's rule, trace.FormatTime).
func TimeText(us int64) string {
	if us >= 10_000_000 {
		return trace.FormatTime(us)
	}
	if us%1000 == 0 {
		return fmt.Sprintf("%d ms", us/1000)
	}
	return trace.FormatTime(us)
}

// DurText is a timer's duration: "240 ms", "1.5 s", "60 s".
func DurText(us int64) string {
	if us < 0 {
		us = 0
	}
	switch {
	case us < 1_000_000:
		if us%1000 == 0 {
			return fmt.Sprintf("%d ms", us/1000)
		}
		return fmt.Sprintf("%.1f ms", float64(us)/1000)
	case us%1_000_000 == 0:
		return fmt.Sprintf("%d s", us/1_000_000)
	}
	return fmt.Sprintf("%.2f s", float64(us)/1e6)
}

// gapText is an idle band's real gap: "140 ms", "59.98 s".
func gapText(us int64) string {
	if us < 1_000_000 {
		return fmt.Sprintf("%d ms", (us+500)/1000)
	}
	return fmt.Sprintf("%.2f s", float64(us)/1e6)
}

// gappedLine draws the now line from x0 to x1 at y with a gap wherever it would cross a label
// (a state pill, a packet label, a timer's vertical label), so it never strikes through words.
func (d *dia) gappedLine(x0, x1, y float64) {
	pad := d.px(3)
	for x0 < x1 {
		end, next := x1, x1 // the line runs to the nearest label ahead, and on past its far side
		for _, l := range d.f.Labels {
			if a := l.Box.X - pad; a < end && l.Box.X+l.Box.W+pad > x0 && y >= l.Box.Y-d.px(1) && y <= l.Box.Y+l.Box.H+d.px(1) {
				end, next = math.Max(a, x0), l.Box.X+l.Box.W+pad
			}
		}
		if end > x0 {
			d.line(x0, y, end, y, d.px(1.2), d.p.Ink2, d.px(2))
		}
		x0 = next
	}
}

// badgeRect is where the what-if badge goes: top left beside the first header card, under the
// connection tabs, where it covers no card; else under the cards' row, at the right.
func (d *dia) badgeRect(w float64) Rect {
	D := d.f.Diagram
	y := D.Y + d.px(headerTop)
	if n := len(d.m.Conns); n > 1 {
		y += d.px(24) * float64(min(n, maxTabs))
	}
	r := Rect{D.X + d.px(8), y, w, d.px(22)}
	for _, h := range d.f.Hits {
		if h.Kind == HitHost && h.Box.Overlaps(r.Inset(-d.px(4))) {
			return Rect{D.X + D.W - w - d.px(8), d.clipTop + d.px(4), w, d.px(22)}
		}
	}
	return r
}

// callMarks mark on a host's lifeline each call that left nothing on the wire: one that failed
// (connect() with EADDRNOTAVAIL, send() with EPIPE), a sysctl change, a setsockopt. The call and
// its result show on hover; calls at one instant stack downwards.
func (d *dia) callMarks() {
	last, k := int64(-1), 0
	for _, i := range d.m.Events {
		e := &d.m.Trace.Events[i]
		if e.Kind != trace.KindCall || !(e.Action == "sysctl" || e.Action == "setsockopt" || len(e.Result) > 1 && e.Result[0] == 'E' && e.Result != "EOF") {
			continue
		}
		h := slices.Index(d.m.Hosts, e.Host)
		a := d.alpha(e.T)
		if h < 0 || a == 0 {
			continue
		}
		if e.T != last {
			last, k = e.T, 0
		}
		x, y := d.hostX[h], d.y(e.T)+d.px(9)*float64(k)
		k++
		if !d.visible(y, y) {
			continue
		}
		c := d.p.Ink2
		if e.Result != "" && e.Result[0] == 'E' {
			c = d.p.Base(theme.RoleRst)
		}
		d.box(Rect{x - d.px(7), y - d.px(3), d.px(14), d.px(6)}, d.px(2), theme.Fade(d.p.Bg, a), theme.Fade(c, a), d.px(1.5))
		d.addTip(Rect{x - d.px(9), y - d.px(5), d.px(18), d.px(10)}, d.msg(i18n.CallMark, e.Host, e.Action+"("+e.Detail+")", e.Result), false)
	}
}
