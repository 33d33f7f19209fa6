// Package app is finwait's Ebiten layer: a Game whose Update turns input into player commands and
// lays out the frame, whose Draw only paints that frame, and whose Layout is a pure function of
// the window size and the device scale factor (text is rasterised at device pixels, so it stays
// crisp at scale 1, 1.5 and 2).
package app

import (
	"errors"
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/player"
	"finwait/render/session"
	"finwait/render/theme"
)

// Options are the desktop's flags.
type Options struct {
	Scenario string
	Profile  string
	Seed     int64
	Speed    float64
	Theme    string // light or dark
	Lang     string // en or zh
	Reveal   bool
	Play     bool   // start playing
	Overlay  string // "help", "picker" or "settings": open it (screenshots for slides)
	Reduced  bool   // reduced motion
	Controls string // full, minimal (transport bar only) or none

	Shot      string // write a PNG of moment At and exit
	At        int64  // µs
	ShotW     int
	ShotH     int
	ShotScale float64 // device scale factor of the screenshot (1 unless asked)

	// Frames > 0 measures: play for that many frames, then print the mean time of Update and of
	// Draw and exit. Bulk > 0 replaces the scenario with a synthetic trace of that many packets.
	Frames int
	Bulk   int

	// Extra scenarios join the catalog as if opened from files (the desktop's -file); Scenario
	// may name one of them.
	Extra []scenario.Scenario
	// Pkt is a packetdrill script's run to show (the desktop's -pkt; see OpenPktRun).
	Pkt *PktRun
	// Compare shows the run side by side with a second one (compare.go): profile:2.6,
	// set:A.tcp_fin_timeout=10, drop:A>B:3 or kill:A@1.5s (core/compare's Spec).
	Compare string
	// Tool opens the terminal panel on a tool (layout.ToolTabs' Name: ss, nstat, sockstat,
	// tcpdump, tcpdump-S) and ToolHost picks its host ("" = the first).
	Tool, ToolHost string
}

// Game is the ebiten.Game.
type Game struct {
	controls layout.Controls
	opt      Options

	// s is what is on screen (render/session): the scenario, its source and profile, the
	// what-ifs, the trace, model and player. tr, model and player are the session's, taken
	// again by view after every change to it (the drawing and input code read them often).
	s      *session.Session
	tr     *trace.Trace
	model  *layout.Model
	player *player.Player
	err    string

	notice    string // the banner over the diagram: a scenario file opened, or why not
	noticeErr bool
	reserve   float64  // logical px kept free at the top bar's right end (SetTopBarReserve)
	device    float64  // the device scale factor (g.in.Scale is it times the fit zoom)
	long      *longRun // a run going on a slice a frame (longrun.go), or nil
	sync      bool     // runs end before runScenario returns (New)
	dropped   chan droppedFile
	edge      *edges // which watched inputs went down or up since the last Update

	pal     *theme.Palette
	lang    i18n.Lang
	reveal  bool
	reduced bool
	help    bool
	picker  bool
	pick    int // the picker's keyboard cursor: a catalog index
	set     settingsView
	hover   int
	mx, my  float64
	pinned  int // packet whose detail stays up after a click, or -1
	pinX    float64
	pinY    float64

	fonts *theme.Fonts
	paint *painter
	frame *layout.Frame
	in    layout.Input
	ticks int
	pace  pace // which ticks lay out a frame and which Draws paint it (pace.go)

	asleep     bool   // the frame loop sleeps until input or ebiten.ScheduleFrame (idle.go)
	awakeUntil int    // the tick it may fall asleep at
	paced      bool   // playback alone moves and framePacer asks for each frame (idle.go)
	framePacer func() // asks for the next frame while paced (SetFramePacer); nil: the display's rate

	meter meter
	gest  gesture

	shown      float64       // the time on screen, on the warped axis (eases after a jump)
	shownModel *layout.Model // the model shown was measured on

	shotImg   *ebiten.Image
	shotPix   []byte
	shotReady bool
	Done      error // set when a screenshot was written (or failed)

	opener func(url string) error // opens a kernel-source link (source.go); nil: openURL
	onLink bool                   // the pointer is over a kernel-source link

	tools tools      // the terminal panel (tools.go)
	cmp   *comparing // the compare view (compare.go), or nil
}

// New loads the scenario and prepares the first frame's state.
func New(opt Options) (*Game, error) {
	fonts, err := theme.NewFonts()
	if err != nil {
		return nil, err
	}
	g := &Game{opt: opt, pal: theme.ByName(opt.Theme), lang: i18n.EN, reveal: opt.Reveal, reduced: opt.Reduced, hover: -1, pinned: -1, fonts: fonts, frame: &layout.Frame{}, awakeUntil: awakeTicks}
	g.help, g.picker, g.set.open = opt.Overlay == "help", opt.Overlay == "picker", opt.Overlay == "settings"
	g.edge = newEdges(watchedKeys())
	ctl, ok := layout.ParseControls(opt.Controls)
	if !ok {
		return nil, fmt.Errorf("controls %q: want full, minimal or none", opt.Controls)
	}
	g.controls = ctl
	if opt.Lang == "zh" {
		g.lang = i18n.ZH
	}
	if g.s, err = session.New(opt.Seed); err != nil {
		return nil, err
	}
	for _, sc := range opt.Extra {
		session.Add(g.s, sc)
	}
	var c session.Choice
	if opt.Scenario == "" {
		c, err = session.At(g.s, 0, opt.Profile)
	} else {
		c, err = session.Find(g.s, opt.Scenario, opt.Profile)
	}
	if err != nil {
		return nil, err
	}
	g.pick = c.Index // the picker opens on it too (-overlay picker)
	if opt.Compare != "" && startCompareHook == nil {
		return nil, errNoTools
	} else if opt.Compare != "" {
		if err := startCompareHook(g, opt.Compare); err != nil { // compare.go
			return nil, err
		}
	}
	g.sync = true // the first frame needs a trace
	if err := g.load(c, nil); err != nil {
		return nil, err
	}
	g.sync = false
	if g.cmp != nil && g.cmp.err != "" {
		return nil, errors.New(g.cmp.err)
	}
	if opt.Tool != "" || opt.ToolHost != "" {
		if openToolHook == nil {
			return nil, errNoTools
		}
		if err := openToolHook(g, opt.Tool, opt.ToolHost); err != nil { // tools.go
			return nil, err
		}
	}
	if opt.Bulk > 0 {
		if tr := bulkTrace(opt.Bulk); tr != nil {
			session.SetTrace(g.s, tr, 0)
			g.view()
		}
	}
	if opt.Speed > 0 {
		g.player.SetSpeed(opt.Speed)
	}
	if opt.Shot != "" {
		g.player.SeekTo(opt.At)
		if g.opt.ShotW <= 0 || g.opt.ShotH <= 0 {
			g.opt.ShotW, g.opt.ShotH = 1280, 800
		}
		if g.opt.ShotScale <= 0 {
			g.opt.ShotScale = 1
		}
		w, h := g.shotSize()
		g.shotImg = ebiten.NewImage(w, h)
		g.shotPix = make([]byte, 4*w*h)
	} else if opt.Play {
		g.player.Play()
	}
	return g, nil
}

func (g *Game) shotSize() (int, int) {
	return int(math.Ceil(float64(g.opt.ShotW) * g.opt.ShotScale)), int(math.Ceil(float64(g.opt.ShotH) * g.opt.ShotScale))
}

// load runs choice c (unless it brings its own trace) and shows it; a long run ends later, and
// done (when not nil) hears how (longrun.go).
func (g *Game) load(c session.Choice, done func(error)) error {
	if session.Prepared(g.s, c) { // a packetdrill run brings its own trace
		g.cancelRun()
		g.show(c, nil)
		return nil
	}
	return g.runScenario(*c.Scenario, c.Profile, func(tr *trace.Trace) { g.show(c, tr) }, done)
}

func (g *Game) show(c session.Choice, tr *trace.Trace) {
	session.Show(g.s, c, tr)
	g.view()
}

// Load shows c (a session.Select of the embed API's load command) in g from its start, as
// picking it in the catalog does. (A function: the exported methods of a Game are all linked.)
func Load(g *Game, c session.Choice) {
	g.picker, g.notice = false, ""
	g.run(g.load(c, nil))
}

// view takes the session's trace, model and player after a change to it, and forgets the
// packet under the pointer and the pinned one.
func (g *Game) view() {
	g.tr, g.model, g.player = session.Trace(g.s), session.Model(g.s), session.Player(g.s)
	g.hover, g.pinned = -1, -1
	if compareConnHook != nil {
		compareConnHook(g, g.player.Now()) // compare.go
	}
}

// viewport is the size Layout reports, in device pixels, and the layout's scale: the device
// scale factor, zoomed out when the window is smaller than the design (layout.FitScale).
func (g *Game) viewport() (w, h, s float64) {
	w, h, g.device = g.deviceViewport()
	return w, h, layout.FitScale(w, h, g.device)
}

func (g *Game) deviceViewport() (w, h, s float64) {
	if g.opt.Shot != "" {
		sw, sh := g.shotSize()
		return float64(sw), float64(sh), g.opt.ShotScale
	}
	s = ebiten.Monitor().DeviceScaleFactor()
	ww, wh := windowSize()
	if ebiten.IsFullscreen() {
		ww, wh = ebiten.Monitor().Size()
	}
	return math.Ceil(float64(ww) * s), math.Ceil(float64(wh) * s), s
}

// Layout is pure: the window's size in device pixels.
func (g *Game) Layout(outsideW, outsideH int) (int, int) {
	if g.opt.Shot != "" {
		return outsideW, outsideH
	}
	s := ebiten.Monitor().DeviceScaleFactor()
	return int(math.Ceil(float64(outsideW) * s)), int(math.Ceil(float64(outsideH) * s))
}

// Update handles input, advances playback and lays out the next frame.
func (g *Game) Update() error {
	if g.opt.Frames > 0 {
		defer g.meter.update()()
		if g.meter.frames >= g.opt.Frames {
			g.Done = ebiten.Termination
		}
		if !g.player.Playing() {
			g.player.Play()
		}
	}
	if g.Done != nil {
		return g.Done
	}
	if g.shotReady {
		g.Done = g.writeShot()
		if g.Done == nil {
			g.Done = ebiten.Termination
		}
		return g.Done
	}
	g.ticks++
	if g.opt.Shot == "" {
		g.advanceRun()
		g.pollDropped()
		g.input()
		g.player.Advance(1 / float64(ebiten.TPS()))
	}
	if g.due() {
		g.layout()
	}
	g.settle()
	return nil
}

// shownTime eases the view towards the player's time after a jump (a step, a click, Home/End)
// so the eye can follow it; playback, screenshots and reduced motion show the exact time.
func (g *Game) shownTime() int64 {
	now := g.player.Now()
	target := g.model.Warp.Y(now)
	if g.opt.Shot != "" || g.reduced || g.player.Playing() || g.shownModel != g.model {
		g.shown, g.shownModel = target, g.model
		return now
	}
	d := target - g.shown
	if math.Abs(d) < 0.5 {
		g.shown = target
		return now
	}
	g.shown += d * 0.3
	return g.model.Warp.T(g.shown)
}

func (g *Game) layout() {
	w, h, s := g.viewport()
	g.in = layout.Input{
		Model: g.model, Now: g.shownTime(), W: w, H: h, Scale: s, Pal: g.pal, Fonts: g.fonts, Lang: g.lang,
		Reveal: g.reveal, Playing: g.player.Playing(), Speed: g.player.Speed(), Summary: i18n.Summary(g.lang, session.Catalog(g.s)[session.Index(g.s)].Summary),
		Profile: session.Profile(g.s), Profiles: session.Profiles(g.s), Catalog: g.catalogItems(), PickerOpen: g.picker, PickerCursor: g.pick, Help: g.help,
		Hover: g.hover, MouseX: g.mx, MouseY: g.my, Err: g.err, Forks: session.WhatIfs(g.s), Reduced: g.reduced,
		Controls: g.controls, Notice: g.notice, NoticeErr: g.noticeErr, TopBarReserve: g.reserve * g.device / s,
		Settings: g.settings(), SettingsOpen: g.set.open,
		Tools: g.toolPanelNow(), Compare: g.compareNow(),
	}
	g.rebuild()
}

func (g *Game) catalogItems() []layout.CatalogItem {
	cat := session.Catalog(g.s)
	out := make([]layout.CatalogItem, len(cat))
	for i, sc := range cat {
		out[i] = layout.CatalogItem{Name: sc.Name, Summary: i18n.Summary(g.lang, sc.Summary), File: i >= session.BuiltIn(g.s)}
		if len(sc.Profiles) == 1 {
			out[i].Only = sc.Profiles[0]
		}
	}
	return out
}

// Draw paints the frame Update laid out; in screenshot mode it also reads the pixels back.
func (g *Game) Draw(screen *ebiten.Image) {
	if g.opt.Frames > 0 {
		defer g.meter.draw()()
	}
	if g.painter() == nil {
		return
	}
	if g.shotImg != nil {
		if g.ticks < 2 || g.shotReady {
			return
		}
		g.shotImg.Clear()
		g.paint.paint(g.shotImg, g.frame)
		g.shotImg.ReadPixels(g.shotPix)
		g.shotReady = true
		op := &ebiten.DrawImageOptions{}
		screen.DrawImage(g.shotImg, op)
		return
	}
	g.paintScreen(screen)
}

func (g *Game) painter() *painter {
	if g.paint == nil {
		g.paint = newPainter(g.fonts)
	}
	return g.paint
}

// Run opens the window and runs until it closes (or the screenshot is written).
func Run(opt Options) error {
	g, err := New(opt)
	if err == nil && opt.Pkt != nil {
		err = g.showPkt(opt)
	}
	if err != nil {
		return err
	}
	ebiten.SetWindowTitle("finwait")
	if opt.Shot != "" {
		w, h := g.shotSize()
		ebiten.SetWindowSize(w, h)
	} else {
		ebiten.SetWindowSize(1280, 800)
		ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	}
	ebiten.SetScreenClearedEveryFrame(false) // Draw paints only new frames (pace.go)
	if err := ebiten.RunGame(g); err != nil && err != ebiten.Termination {
		return err
	}
	if g.Done != nil && g.Done != ebiten.Termination {
		return g.Done
	}
	if opt.Frames > 0 {
		fmt.Println(g.meter.String())
	}
	return nil
}
