// Package layout turns (trace, virtual time, viewport, theme, selected connection, UI state) into
// the list of shapes, labels and hit regions of one frame. It is pure Go — no Ebiten — so every
// geometric promise (time-warp, arrow endpoints, label overlap, hit-testing) is tested without a
// display; the app only paints the list and maps hits to commands.
package layout

import (
	"image/color"
	"math"

	"finwait/core/scenario"
	"finwait/render/i18n"
	"finwait/render/theme"
)

// Rect is an axis-aligned box in device pixels.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether the point lies inside.
func (r Rect) Contains(x, y float64) bool { return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H }

// Overlaps reports whether two boxes share area.
func (r Rect) Overlaps(o Rect) bool {
	return r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H
}

// Inset grows (d < 0) or shrinks the box on every side.
func (r Rect) Inset(d float64) Rect { return Rect{r.X + d, r.Y + d, r.W - 2*d, r.H - 2*d} }

// ShapeKind says how to paint a Shape.
type ShapeKind uint8

// Shape kinds.
const (
	Line   ShapeKind = iota // P[0..3] = x1 y1 x2 y2; Width; Dash (0 solid)
	Box                     // Rect; Radius; Fill and/or Stroke (Width)
	Circle                  // P[0..1] centre; Radius; Fill and/or Stroke
	Poly                    // Pts (x y pairs), filled with Fill
	Text                    // Rect.X/Y top-left; Str; Font; Size; Fill = colour; Rot (radians, about top-left)
)

// Shape is one paint operation. Colours are non-premultiplied; A = 0 means "none".
type Shape struct {
	Kind   ShapeKind
	P      [4]float64
	Rect   Rect
	Radius float64
	Width  float64
	Dash   float64
	Pts    []float64
	Fill   color.NRGBA
	Stroke color.NRGBA
	Str    string
	Font   theme.FontID
	Size   float64
	Rot    float64
}

// HitKind says what a hit region stands for.
type HitKind uint8

// Hit kinds.
const (
	HitPacket  HitKind = iota + 1 // Index: event index; Seg: the arrow
	HitCommand                    // Cmd (+ Arg)
	HitSeek                       // the seek bar: x maps to time through Seek
	HitDiagram                    // the diagram: y maps to time (click to seek)
	HitHost                       // a header card: Index is the lifeline
)

// Hit is a region that reacts to the pointer.
type Hit struct {
	Kind  HitKind
	Box   Rect
	Seg   [4]float64
	Index int
	Cmd   Cmd
	Arg   int
}

// Cmd is a command a control issues; the app executes it in Update.
type Cmd string

// Commands.
const (
	CmdNone       Cmd = ""
	CmdToggle     Cmd = "toggle"
	CmdPrev       Cmd = "prev"
	CmdNext       Cmd = "next"
	CmdFirst      Cmd = "first"
	CmdLast       Cmd = "last"
	CmdSpeed      Cmd = "speed" // cycles
	CmdPicker     Cmd = "picker"
	CmdScenario   Cmd = "scenario" // Arg: catalog index
	CmdProfile    Cmd = "profile"  // Arg: index into Input.Profiles
	CmdLang       Cmd = "lang"
	CmdTheme      Cmd = "theme"
	CmdHelp       Cmd = "help"
	CmdReveal     Cmd = "reveal"
	CmdRestart    Cmd = "restart"
	CmdConn       Cmd = "conn"    // Arg: connection
	CmdDropPacket Cmd = "drop"    // what-if: Arg: event index of the packet to lose
	CmdKillHost   Cmd = "kill"    // what-if: Arg: lifeline whose process is killed now
	CmdUndo       Cmd = "undo"    // back to the run before the last what-if
	CmdDismiss    Cmd = "dismiss" // close the notice banner
)

// LabelKind tags a placed label (tests check that labels never overlap).
type LabelKind uint8

// Label kinds.
const (
	LabelPacket LabelKind = iota + 1
	LabelState
	LabelTimer // a timer bar's vertical label (Box: the rotated text's extent)
)

// Label is a placed text box of the diagram.
type Label struct {
	Kind  LabelKind
	Box   Rect
	Index int // event index
}

// Frame is the output of one layout pass.
type Frame struct {
	Shapes  []Shape
	Hits    []Hit
	Labels  []Label
	Diagram Rect // the diagram's area
	Panel   Rect // the side panel's area (below the diagram on a phone held upright); empty without one
	Lanes   Rect // the timeline's area (below the header cards)
	HostX   []float64
	Scroll  float64 // warp units scrolled off the top
	Seek    Rect    // the seek bar's track
	NowY    float64 // the now line (device px)
	Tips    []Tip   // text shown while the pointer rests on a box (settings.go)
	Tool    Rect    // the terminal panel's text (tools.go), where the wheel scrolls it
	laneTop float64
}

// HitTest returns the topmost hit under a point: commands first, then packets (nearest arrow
// within a few pixels, or its label), then the seek bar and the diagram.
func (f *Frame) HitTest(x, y float64, scale float64) (Hit, bool) {
	for i := len(f.Hits) - 1; i >= 0; i-- {
		if h := f.Hits[i]; h.Kind == HitCommand && h.Box.Contains(x, y) {
			return h, true
		}
	}
	best, bestD := -1, 6*scale
	for i, h := range f.Hits {
		if h.Kind != HitPacket {
			continue
		}
		if h.Box.Contains(x, y) {
			return h, true
		}
		if d := segDist(x, y, h.Seg); d <= bestD {
			best, bestD = i, d
		}
	}
	if best >= 0 {
		return f.Hits[best], true
	}
	for _, h := range f.Hits {
		if (h.Kind == HitSeek || h.Kind == HitDiagram || h.Kind == HitHost) && h.Box.Contains(x, y) {
			return h, true
		}
	}
	return Hit{}, false
}

func segDist(x, y float64, s [4]float64) float64 {
	dx, dy := s[2]-s[0], s[3]-s[1]
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = ((x-s[0])*dx + (y-s[1])*dy) / l2
		t = math.Max(0, math.Min(1, t))
	}
	px, py := s[0]+t*dx-x, s[1]+t*dy-y
	return math.Hypot(px, py)
}

// CatalogItem is one entry of the scenario picker.
type CatalogItem struct {
	Name, Summary string
	Only          string // the one profile it runs in, or ""
	File          bool   // opened from a scenario file, not one of the catalog's
}

// Input is everything one frame depends on.
type Input struct {
	Model   *Model
	Now     int64
	W, H    float64 // device pixels
	Scale   float64 // scale of the layout: the device scale factor, zoomed out for small windows (FitScale)
	Pal     *theme.Palette
	Fonts   *theme.Fonts
	Lang    i18n.Lang
	Reveal  bool
	Playing bool
	Speed   float64

	Summary      string
	Profile      string
	Profiles     []string
	Catalog      []CatalogItem
	PickerOpen   bool
	PickerCursor int // the picker's keyboard cursor: a Catalog index
	Help         bool
	Hover        int // event index of the packet under the pointer, or -1
	MouseX       float64
	MouseY       float64
	Err          string // a run error to show instead of the diagram
	Notice       string // a banner over the diagram (a scenario file opened, or why it could not be)
	NoticeErr    bool   // the notice reports an error
	Forks        int    // what-if changes on top of the catalog's run
	Reduced      bool   // reduced motion: packets jump from send to arrival instead of sliding
	Controls     Controls
	// Settings are what the scenario sets that the profile's kernel would not (the settings
	// panel, and the marks on the timers they change); SettingsOpen shows the panel.
	Settings     []scenario.Setting
	SettingsOpen bool
	// TopBarReserve is room (logical px) kept free at the top bar's right end for the host page's
	// own control (the web page's "Share & save" menu button).
	TopBarReserve float64
	// Tools, when not nil, is the terminal panel shown instead of the side panel (tools.go).
	Tools *ToolPanel
	// Compare, when not nil, shows two runs side by side on one time axis (compare.go).
	Compare *CompareView
}

// Controls chooses how much chrome a frame carries (the page's controls= parameter).
type Controls uint8

// Controls modes.
const (
	ControlsFull    Controls = iota // top bar and transport bar
	ControlsMinimal                 // the transport bar only (play, step, seek, speed, clock)
	ControlsNone                    // the diagram and side panel alone; keys still work
)

// ParseControls reads "full", "minimal" or "none".
func ParseControls(s string) (Controls, bool) {
	switch s {
	case "", "full":
		return ControlsFull, true
	case "minimal":
		return ControlsMinimal, true
	case "none":
		return ControlsNone, true
	}
	return ControlsFull, false
}

// builder accumulates one frame.
type builder struct {
	in *Input
	f  *Frame
	s  float64
	p  *theme.Palette
	ft *theme.Fonts
}

func (b *builder) px(v float64) float64 { return v * b.s }

// The drawing primitives below are never inlined: inlined, each of their hundreds of call sites
// built a whole Shape and its append in place, 22 KB of the web page's gzip.

//go:noinline
func (b *builder) line(x1, y1, x2, y2, w float64, c color.NRGBA, dash float64) {
	b.f.Shapes = append(b.f.Shapes, Shape{Kind: Line, P: [4]float64{x1, y1, x2, y2}, Width: w, Stroke: c, Dash: dash})
}

//go:noinline
func (b *builder) box(r Rect, radius float64, fill, stroke color.NRGBA, w float64) {
	b.f.Shapes = append(b.f.Shapes, Shape{Kind: Box, Rect: r, Radius: radius, Fill: fill, Stroke: stroke, Width: w})
}

//go:noinline
func (b *builder) circle(x, y, r float64, fill, stroke color.NRGBA, w float64) {
	b.f.Shapes = append(b.f.Shapes, Shape{Kind: Circle, P: [4]float64{x, y}, Radius: r, Fill: fill, Stroke: stroke, Width: w})
}

//go:noinline
func (b *builder) poly(c color.NRGBA, pts ...float64) {
	b.f.Shapes = append(b.f.Shapes, Shape{Kind: Poly, Pts: pts, Fill: c})
}

// text draws s with its top-left at (x, y) and returns its width.
//
//go:noinline
func (b *builder) text(x, y float64, s string, id theme.FontID, size float64, c color.NRGBA) float64 {
	px := b.px(size)
	b.f.Shapes = append(b.f.Shapes, Shape{Kind: Text, Rect: Rect{X: x, Y: y}, Str: s, Font: id, Size: px, Fill: c})
	return b.ft.Width(id, px, s)
}

//go:noinline
func (b *builder) width(s string, id theme.FontID, size float64) float64 {
	return b.ft.Width(id, b.px(size), s)
}

//go:noinline
func (b *builder) lineH(id theme.FontID, size float64) float64 {
	return b.ft.LineHeight(id, b.px(size))
}

// textC draws s centred vertically on cy; align -1 left at x, 0 centred on x, 1 right at x.
//
//go:noinline
func (b *builder) textC(x, cy float64, align int, s string, id theme.FontID, size float64, c color.NRGBA) Rect {
	w := b.width(s, id, size)
	h := b.lineH(id, size)
	switch align {
	case 0:
		x -= w / 2
	case 1:
		x -= w
	}
	b.text(x, cy-h/2, s, id, size, c)
	return Rect{x, cy - h/2, w, h}
}

//go:noinline
func (b *builder) cross(x, y, r, w float64, c color.NRGBA) {
	b.line(x-r, y-r, x+r, y+r, w, c, 0)
	b.line(x-r, y+r, x+r, y-r, w, c, 0)
}

//go:noinline
func (b *builder) diamond(x, y, r float64, c color.NRGBA) {
	b.poly(c, x, y-r, x+r, y, x, y+r, x-r, y)
}

//go:noinline
func (b *builder) cmd(r Rect, c Cmd, arg int) {
	b.f.Hits = append(b.f.Hits, Hit{Kind: HitCommand, Box: r, Cmd: c, Arg: arg})
}

//go:noinline
func (b *builder) msg(id i18n.ID, args ...any) string { return i18n.Msg(b.in.Lang, id, args...) }

// The design is drawn for 1280×800. A smaller window (an iframe in a slide, a phone) zooms the
// whole design out to fit: down to 0.8 it keeps the side panel (it needs 1100×640 design pixels);
// smaller still, it drops the panel, which gives the diagram the width for its two lifelines
// and their header cards, and zooms to fit 720×520, but never below minZoom. Build shows the
// panel whenever the window is at least panelMinWidth design pixels wide.
const (
	panelMinWidth  = 1100
	panelMinHeight = 640
	panelMinZoom   = 0.8
	minDesignW     = 720
	minDesignH     = 520
	minZoom        = 0.6
	// A window at least portraitRatio times as tall as it is wide (a phone held upright) with no room
	// for the side panel beside the diagram puts it below instead: the diagram takes the top
	// portraitDiagram of the room between the bars, the panel the rest, laid out at a larger
	// scale, portraitPanelW design pixels wide (about the side panel's width at 1280 px), but at
	// most portraitPanelZoom times the diagram's: a student reads the explanation on a phone.
	portraitRatio     = 1.3
	portraitDiagram   = 0.46
	portraitPanelW    = 480
	portraitPanelZoom = 1.5
)

// FitScale is the scale a frame is laid out at for a window of w×h device pixels on a screen of
// device scale factor device: the device scale, times a zoom below 1 when the window is smaller
// than the design's minimum.
func FitScale(w, h, device float64) float64 {
	if device <= 0 {
		device = 1
	}
	lw, lh := w/device, h/device
	zoom := math.Min(1, math.Min(lw/panelMinWidth, lh/panelMinHeight))
	if zoom < panelMinZoom {
		zoom = math.Max(minZoom, math.Min(1, math.Min(lw/minDesignW, lh/minDesignH)))
	}
	return device * zoom
}

// Build lays out one frame. The frame's slices are reused when f is passed back in.
func Build(in *Input, f *Frame) *Frame {
	if f == nil {
		f = &Frame{}
	}
	f.Shapes, f.Hits, f.Labels, f.HostX, f.Tips = f.Shapes[:0], f.Hits[:0], f.Labels[:0], f.HostX[:0], f.Tips[:0]
	b := &builder{in: in, f: f, s: in.Scale, p: in.Pal, ft: in.Fonts}
	if b.s <= 0 {
		b.s = 1
	}
	b.box(Rect{0, 0, in.W, in.H}, 0, b.p.Bg, color.NRGBA{}, 0)
	top, bottom := b.px(48), in.H-b.px(64)
	if in.Controls != ControlsFull {
		top = 0
	}
	if in.Controls == ControlsNone {
		bottom = in.H
	}
	split := math.Round(in.W * 0.625)
	if in.W/b.s < panelMinWidth-0.5 {
		split = in.W // narrow: the diagram alone (FitScale)
	}
	f.Diagram, f.Panel = Rect{0, top, split, bottom - top}, Rect{split, top, in.W - split, bottom - top}
	if split == in.W {
		f.Panel = Rect{}
		if in.H >= portraitRatio*in.W && in.Model != nil && in.Compare == nil {
			mid := math.Round(top + (bottom-top)*portraitDiagram)
			f.Diagram.H, f.Panel = mid-top, Rect{0, mid, in.W, bottom - mid}
		}
	}
	f.Tool = Rect{}
	switch {
	case in.Model != nil && in.Compare != nil && drawCompare != nil:
		cw := in.W // narrow: the two diagrams alone
		if split < in.W {
			cw = math.Round(in.W * 0.78)
		}
		f.Panel = Rect{}
		drawCompare(b, Rect{0, top, cw, bottom - top}, Rect{cw, top, in.W - cw, bottom - top}) // compare.go
	case in.Model != nil && in.Tools != nil && drawTools != nil && split < in.W:
		split = math.Round(in.W * toolSplit) // the terminal takes half: its lines are long
		f.Diagram.W, f.Panel = split, Rect{split, top, in.W - split, bottom - top}
		b.diagram()
		drawTools(b, f.Panel) // tools.go
	case in.Model != nil:
		b.diagram()
		switch {
		case f.Panel.W > 0 && f.Panel.Y > top: // below the diagram, larger
			b.shortPanel(f.Panel, math.Max(b.s, math.Min(f.Panel.W/portraitPanelW, b.s*portraitPanelZoom)))
		case f.Panel.W > 0 && in.H/b.s < panelMinHeight: // beside it, on a short window (a phone sideways)
			b.shortPanel(f.Panel, b.s)
		case f.Panel.W > 0:
			b.panel(f.Panel)
		}
	}
	if in.Controls == ControlsFull {
		b.topBar(Rect{0, 0, in.W, top})
	}
	if in.Controls != ControlsNone {
		b.transport(Rect{0, bottom, in.W, in.H - bottom})
	}
	if in.Err != "" {
		b.textC(f.Diagram.X+f.Diagram.W/2, f.Diagram.Y+f.Diagram.H/2, 0, b.msg(i18n.Loading, in.Err), theme.UI, theme.SizeBody, b.p.Text(theme.RoleRst))
	}
	if in.Notice != "" {
		b.notice()
	}
	if in.PickerOpen {
		b.picker()
	}
	if in.Hover >= 0 && in.Model != nil {
		b.tooltip()
	} else if in.Model != nil && !in.PickerOpen && !in.Help {
		b.sourceTip()
	}
	if in.SettingsOpen && in.Model != nil {
		b.settingsPanel()
	} else if in.Hover < 0 && !in.Help {
		b.tip()
	}
	if in.Help {
		b.help()
	}
	return f
}

// shortPanel is the side panel where it has less than the design's height (below the diagram on a
// phone held upright, laid out at scale; beside it on a short window): the kernel path with its
// explanation and the sockets' state first; the counters and the calls when there is room left
// (a card that would run past the panel's foot is taken back whole, never cut).
func (b *builder) shortPanel(P Rect, scale float64) {
	s := b.s
	b.s = scale
	if P.X == 0 {
		b.line(P.X, P.Y, P.X+P.W, P.Y, b.px(1), b.p.Line, 0)
	}
	m := b.in.Model
	snap := m.snapshot(b.in.Now)
	x, w, foot := P.X+b.px(10), P.W-b.px(20), P.Y+P.H-b.px(8)
	mark := b.mark()
	var y float64
	for try := 0; ; try++ {
		// The kernel path and the sockets' state are always whole: where a moment's chains and
		// meanings make them taller than the panel, they are laid out again, smaller, to fit.
		y = b.pathCard(m, snap, x, P.Y+b.px(10), w) + b.px(8)
		y = b.socketCard(m, snap, x, y, w) + b.px(8)
		if y <= foot+b.px(8) || try == 2 {
			break
		}
		b.undo(mark)
		b.s *= (foot - P.Y) / (y - P.Y)
		x, w = P.X+b.px(10), P.W-b.px(20)
	}
	mark = b.mark()
	if end := b.counterCard(m, snap, x, y, w); end > foot {
		b.undo(mark)
	} else {
		b.callCard(m, x, end+b.px(8), w, foot-end-b.px(8))
	}
	b.s = s
}

// buildMark is how much of the frame was built: what a card laid out after it added can be taken
// back whole (undo).
type buildMark struct{ shapes, hits, tips int }

func (b *builder) mark() buildMark {
	return buildMark{len(b.f.Shapes), len(b.f.Hits), len(b.f.Tips)}
}

func (b *builder) undo(m buildMark) {
	b.f.Shapes, b.f.Hits, b.f.Tips = b.f.Shapes[:m.shapes], b.f.Hits[:m.hits], b.f.Tips[:m.tips]
}
