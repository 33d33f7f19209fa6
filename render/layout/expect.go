package layout

import (
	"image/color"
	"slices"
	"strconv"

	"finwait/render/theme"
)

// Expect is one expected segment of a packetdrill script (a ">" line) and what became of it:
// the diagram marks the packet the line matched, met or not, and draws a segment that never
// came as a dashed stub with a ✕ on the sending host's lifeline at the moment it was due.
type Expect struct {
	Line  int    // the script line (the mark's number)
	Met   bool   // the model sent what the line expects
	Event int    // the trace event (a packet) the line matched; -1: no segment came
	T     int64  // Event -1: when it was due (µs)
	From  string // Event -1: the host that should have sent it
	To    string // Event -1: the host it was for
}

// drawExpects is expectMarks once EnableExpectMarks ran: only programs that show packetdrill
// runs (the desktop, the page's packetdrill module) link the drawing, not the page's main module.
var drawExpects func(d *dia)

// EnableExpectMarks makes frames draw the Model's Expects.
func EnableExpectMarks() { drawExpects = (*dia).expectMarks }

// expectMarks draws the Model's Expects over the packets (after the labels, before the headers):
// a disc with the script line's number, green where met and red with a ✕ where not, near the
// start of the packet the line matched; a segment that never came is a dashed red stub from
// the sender's lifeline at the moment it was due. (Few draw calls: each costs bytes in the page.)
func (d *dia) expectMarks() {
	// method values: calls through them are not inlined, which keeps this function small
	line, cross, circle, textC, px := d.line, d.cross, d.circle, d.textC, d.px
	r := px(8)
	for _, e := range d.m.Expects {
		x1, y1, x2, y2, t := 0.0, 0.0, 0.0, 0.0, e.T
		if p := d.packetOf(e.Event); p != nil {
			x1, y1, x2, y2 = d.arrowEnds(p)
			t = p.T0
		} else if from, to := d.hostIndex(e.From), d.hostIndex(e.To); e.Event < 0 && from >= 0 && to >= 0 {
			x1, y1 = d.hostX[from], d.y(e.T)
			x2, y2 = lerp(x1, d.hostX[to], 0.4), y1+px(12)
		} else {
			continue // another connection's packet
		}
		a := d.alpha(t)
		if a == 0 || !d.visible(y1-r, y1+r) {
			continue
		}
		c := theme.Fade(d.p.Base(theme.RoleData), a)
		if !e.Met {
			c = theme.Fade(d.p.Base(theme.RoleRst), a)
		}
		x, y := lerp(x1, x2, 0.15), lerp(y1, y2, 0.15)
		if e.Event < 0 {
			line(x1, y1, x2, y2, px(2), c, px(4))
			cross(x2, y2, px(5), px(2), c)
			x, y = x1-1.6*r, y1
		}
		circle(x, y, r, c, color.NRGBA{}, 0)
		textC(x, y, 0, strconv.Itoa(e.Line), theme.Mono, theme.SizeGutter, d.p.Bg)
		if !e.Met {
			cross(x+r, y-r, px(3), px(2), c)
		}
	}
}

// packetOf is the drawn packet (or burst) that holds event i, or nil.
func (d *dia) packetOf(i int) *Packet {
	for k := 0; i >= 0 && k < len(d.m.Packets); k++ {
		p := &d.m.Packets[k]
		if p.Index == i || slices.Contains(p.Members, i) {
			return p
		}
	}
	return nil
}

func (d *dia) hostIndex(name string) int { return slices.Index(d.m.Hosts, name) }
