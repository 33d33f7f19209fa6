package layout

import (
	"image/color"
	"math"
	"slices"

	"finwait/core/compare"
	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/theme"
	"finwait/render/warp"
)

// CompareView is two runs side by side on one time axis: run 1 (Input.Model) on the left, run
// 2 on the right, both on one warp, with their differences (core/compare) marked on the
// diagrams and listed in words.
type CompareView struct {
	Models  [2]*Model // run 1 and run 2, sharing one warp (NewCompare)
	Labels  [2]string // the runs' names in the list and over the diagrams
	Diffs   []compare.Diff
	Moments []int64  // both runs' moments: the player steps through these
	index   [][2]int // per diff: the event indices of its packet in run 1 and run 2 (-1: none)
}

// NewCompare puts two models of one connection on one time axis (a warp built from both runs'
// key times, so a moment of either run sits at the same height in both) and lists their
// differences. It changes both models' warps.
func NewCompare(m1, m2 *Model) *CompareView {
	cv := &CompareView{Models: [2]*Model{m1, m2}}
	var keys []int64
	for _, m := range cv.Models {
		keys = append(keys, m.Moments...)
		for _, p := range m.Packets {
			if p.Dropped {
				keys = append(keys, p.T1)
			}
		}
	}
	cv.Moments = union(m1.Moments, m2.Moments)
	w := warp.Build(keys, warp.Params{})
	for _, m := range cv.Models {
		m.Warp = w
		for k := range m.Packets {
			m.Packets[k].U0, m.Packets[k].U1 = w.Y(m.Packets[k].T0), w.Y(m.Packets[k].T1)
		}
	}
	cv.Diffs = compare.Runs(m1.Trace, m2.Trace)
	cv.index = make([][2]int, len(cv.Diffs))
	for i, d := range cv.Diffs {
		a, b := d.Event, d.Event2
		if d.Kind == compare.OnlyIn && d.Run == 2 {
			a, b = nil, d.Event
		}
		cv.index[i] = [2]int{eventIndex(m1.Trace, a), eventIndex(m2.Trace, b)}
	}
	return cv
}

func union(a, b []int64) []int64 {
	out := append(append([]int64(nil), a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// eventIndex is e's index in tr's events, or -1.
func eventIndex(tr *trace.Trace, e *trace.Event) int {
	for i := range tr.Events {
		if e == &tr.Events[i] {
			return i
		}
	}
	return -1
}

// compareLabelH is the strip over each diagram that names its run.
const compareLabelH = 26.0

// compareView lays out the two diagrams in D (run 1 left, run 2 right) and the difference list
// in L (none when L is empty).
func (b *builder) compareView(D, L Rect) {
	cv := b.in.Compare
	m1 := b.in.Model
	half := math.Round(D.W / 2)
	for r := range 2 {
		R := Rect{D.X + float64(r)*half, D.Y, half, D.H}
		if r == 1 {
			R.W = D.W - half
		}
		b.f.Diagram = Rect{R.X, R.Y + b.px(compareLabelH), R.W, R.H - b.px(compareLabelH)}
		hits := len(b.f.Hits)
		b.in.Model = cv.Models[r]
		b.diagram()
		// the run's name over the diagram, drawn after it: what scrolled above the diagram's
		// top (a long timer bar) goes under the name's row
		b.box(Rect{R.X, R.Y, R.W, b.px(compareLabelH)}, 0, b.p.Bar, color.NRGBA{}, 0)
		b.textC(R.X+b.px(12), R.Y+b.px(compareLabelH/2), -1, b.fit(cv.Labels[r], theme.UIBold, theme.SizeBody, R.W-b.px(24)), theme.UIBold, theme.SizeBody, b.p.Ink)
		if r == 1 { // run 2's packets are not run 1's events: no hover or what-if on them
			keep := b.f.Hits[:hits]
			for _, h := range b.f.Hits[hits:] {
				if h.Kind != HitPacket && h.Cmd != CmdUndo {
					keep = append(keep, h)
				}
			}
			b.f.Hits = keep
		}
	}
	b.in.Model = m1
	b.f.Diagram = D
	if L.W > 0 {
		b.compareList(L)
	}
}

// compareMarks marks, on the diagram of the run being drawn, the differences that concern its
// connection and have happened by now (in reveal mode the later ones too, faded): a halo on a packet only in this run (dashed: sent at another time in the other),
// a bar along a lifeline where the socket's state differs, a diamond in the gutter where a
// counter first differs.
func (d *dia) compareMarks() {
	cv := d.in.Compare
	r := 0
	if d.m == cv.Models[1] {
		r = 1
	}
	mark := d.p.Base(theme.RoleRst)
	for i, df := range cv.Diffs {
		t, ev := df.T, cv.index[i][r]
		if ev >= 0 {
			t = d.m.Trace.Events[ev].T // a packet: when this run sends it
		}
		a := 1.0
		if t > d.now && !d.in.Reveal {
			continue // what has not happened yet is listed, not drawn (unless in reveal mode)
		} else if t > d.now {
			a = faded
		}
		switch df.Kind {
		case compare.OnlyIn, compare.Timing:
			if ev < 0 || d.m.Trace.Events[ev].Conn != d.m.Conn {
				continue
			}
			if p := d.packetOf(ev); p != nil {
				x1, y1, x2, y2 := d.arrowEnds(p)
				if !d.visible(y1, y2) {
					continue
				}
				dash := 0.0
				if df.Kind == compare.Timing {
					dash = d.px(5)
				}
				d.line(x1, y1, x2, y2, d.px(9), theme.Fade(mark, 0.3*a), dash)
			}
		case compare.State:
			h := d.hostIndex(df.Host)
			if h < 0 || df.Conn != d.m.Conn {
				continue
			}
			end := df.End
			if !d.in.Reveal {
				end = min(end, d.now)
			}
			y1, y2 := d.y(df.T), d.y(end)
			if d.visible(y1, y2) {
				y1, y2 = math.Max(y1, d.clipTop), math.Min(y2, d.clipBot)
				d.box(Rect{d.hostX[h] - d.px(5), y1, d.px(10), math.Max(y2-y1, d.px(2))}, d.px(3), theme.Fade(mark, 0.35*a), color.NRGBA{}, 0)
			}
		case compare.Counter:
			y := d.y(df.T)
			if y >= d.clipTop && y <= d.clipBot {
				d.diamond(d.f.Diagram.X+d.px(8), y, d.px(5), theme.Fade(mark, a))
			}
		}
	}
}

// diffWords is one difference in words, from the message table.
func (b *builder) diffWords(d compare.Diff) string {
	return DiffText(b.in.Lang, b.in.Compare.Labels, d)
}

// DiffText is one difference in words in lang, the runs named by labels (the page's state()
// lists them too).
func DiffText(lang i18n.Lang, l [2]string, d compare.Diff) string {
	switch d.Kind {
	case compare.OnlyIn:
		return i18n.Msg(lang, i18n.CmpOnlyIn, l[d.Run-1], compare.PacketWords(d.Event))
	case compare.Timing:
		return i18n.Msg(lang, i18n.CmpTiming, d.A, l[0], d.B, l[1], compare.PacketWords(d.Event))
	case compare.State:
		return i18n.Msg(lang, i18n.CmpState, d.Host, trace.ConnLabel(d.Conn), d.A, l[0], d.B, l[1], TimeText(d.End))
	}
	return i18n.Msg(lang, i18n.CmpCounter, d.Host, d.Name, d.A, l[0], d.B, l[1])
}

// compareList lists the differences in words, each under its time; those that have happened by
// now in ink, the rest fainter; what does not fit is counted at the end.
func (b *builder) compareList(L Rect) {
	cv := b.in.Compare
	b.box(L, 0, b.p.Bg, color.NRGBA{}, 0)
	x, w := L.X+b.px(14), L.W-b.px(28)
	y := b.title(x, L.Y+b.px(12), b.msg(i18n.CmpTitle, len(cv.Diffs)))
	if len(cv.Diffs) == 0 {
		for _, l := range b.wrap(b.msg(i18n.CmpNone, cv.Labels[0], cv.Labels[1]), theme.UI, theme.SizeGutter, w) {
			b.text(x, y, l, theme.UI, theme.SizeGutter, b.p.Ink)
			y += b.lineH(theme.UI, theme.SizeGutter)
		}
		return
	}
	lh := b.lineH(theme.UI, theme.SizeGutter) + b.px(1)
	bottom := L.Y + L.H - b.px(12) - lh
	mark := b.p.Base(theme.RoleRst)
	for i, d := range cv.Diffs {
		lines := b.wrap(b.diffWords(d), theme.UI, theme.SizeGutter, w-b.px(12))
		if y+lh*float64(len(lines)+1) > bottom {
			b.text(x, y, b.msg(i18n.CmpMore, len(cv.Diffs)-i), theme.UI, theme.SizeGutter, b.p.Ink2)
			return
		}
		ink := b.p.Ink
		if d.T > b.in.Now {
			ink = b.p.Ink2
		}
		b.diamond(x+b.px(4), y+lh/2, b.px(4), mark)
		b.text(x+b.px(12), y, TimeText(d.T), theme.Mono, theme.SizeGutter, ink)
		y += lh
		for _, l := range lines {
			b.text(x+b.px(12), y, l, theme.UI, theme.SizeGutter, ink)
			y += lh
		}
		y += b.px(4)
	}
}
