package app

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/render/layout"
	"finwait/render/session"
	"finwait/render/source"
	"finwait/render/theme"
)

// Ebiten needs a running game before pixels can be read back: the tests run inside the first
// Update of a tiny game (the pattern of Ebiten's own tests). Run under Xvfb: xvfb-run -a go test.
type runner struct {
	m    *testing.M
	code int
	done bool
}

func (r *runner) Update() error {
	if !r.done {
		r.code = r.m.Run()
		r.done = true
	}
	return ebiten.Termination
}

func (r *runner) Draw(*ebiten.Image)                      {}
func (r *runner) Layout(int, int) (int, int)              { return 320, 200 }
func (r *runner) LayoutF(w, h float64) (float64, float64) { return 320, 200 }

func TestMain(m *testing.M) {
	r := &runner{m: m}
	ebiten.SetWindowSize(320, 200)
	if err := ebiten.RunGame(r); err != nil && err != ebiten.Termination {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(r.code)
}

// newShotGame is a game in screenshot mode (fixed viewport, no input) over a given trace.
func newShotGame(t testing.TB, tr *trace.Trace, at int64) *Game {
	g, err := New(Options{Scenario: "normal_active_close", Shot: os.DevNull, At: at, ShotW: 1280, ShotH: 800})
	require.NoError(t, err)
	if tr != nil {
		session.SetTrace(g.s, tr, at)
		g.view()
	}
	return g
}

func pixel(pix []byte, w, x, y int) color.NRGBA {
	i := 4 * (y*w + x)
	return color.NRGBA{pix[i], pix[i+1], pix[i+2], pix[i+3]}
}

func TestDrawPaintsTheLaidOutFrame(t *testing.T) {
	g := newShotGame(t, nil, 530000)
	require.NoError(t, g.Update())
	img := ebiten.NewImage(1280, 800)
	g.painter().paint(img, g.frame)
	pix := make([]byte, 4*1280*800)
	img.ReadPixels(pix)
	// the lifelines are ink-coloured where nothing crosses them
	for _, x := range g.frame.HostX {
		hits := 0
		for y := int(g.frame.Lanes.Y); y < int(g.frame.Lanes.Y+g.frame.Lanes.H); y++ {
			if pixel(pix, 1280, int(x), y) == g.pal.Ink {
				hits++
			}
		}
		assert.Greater(t, hits, 150, "lifeline at x=%v", x)
	}
	assert.Equal(t, g.pal.Bg, pixel(pix, 1280, 2, int(g.frame.Lanes.Y+g.frame.Lanes.H-4)), "background")
}

func TestCommandsDriveThePlayerAndTheView(t *testing.T) {
	g := newShotGame(t, nil, 0)
	g.Exec(layout.CmdNext, 0)
	assert.Equal(t, int64(20000), g.player.Now())
	g.Exec(layout.CmdLast, 0)
	assert.Equal(t, g.tr.EndUs, g.player.Now())
	g.Exec(layout.CmdPrev, 0)
	assert.Equal(t, int64(560000), g.player.Now())
	g.Exec(layout.CmdToggle, 0)
	assert.True(t, g.player.Playing())
	g.Exec(layout.CmdSpeed, 0)
	assert.Equal(t, 2.0, g.player.Speed())
	dark := g.pal.Dark
	g.Exec(layout.CmdTheme, 0)
	assert.NotEqual(t, dark, g.pal.Dark)
	g.Exec(layout.CmdLang, 0)
	assert.Equal(t, "zh", string(g.lang))
	g.Exec(layout.CmdScenario, 2)
	assert.Equal(t, source.Catalog()[2].Name, g.tr.Scenario)
	assert.Equal(t, 2.0, g.player.Speed(), "speed survives a scenario change")
	g.Exec(layout.CmdNext, 0)
	now := g.player.Now()
	g.Exec(layout.CmdProfile, 1)
	assert.Equal(t, "2.6", session.Profile(g.s))
	assert.Equal(t, now, g.player.Now(), "switching profile keeps the moment")
	g.Exec(layout.CmdReveal, 0)
	g.Exec(layout.CmdHelp, 0)
	require.NoError(t, g.Update())
	assert.True(t, g.in.Help && g.in.Reveal)
}

// Update+Draw per frame is measured in the real game loop, not here (one test tick would only
// queue commands): make bench-render runs `desktop -bulk 1000 -frames N` under Xvfb.

func TestWhatIfForksKeepTheMomentAndUndo(t *testing.T) {
	g := newShotGame(t, nil, 530000)
	orig := g.tr
	fin := -1
	for i, e := range g.tr.Events {
		if e.Kind == trace.KindPacket && e.Flags == "F." && e.From == "A" {
			fin = i
		}
	}
	require.GreaterOrEqual(t, fin, 0)
	r := session.DropRule(g.tr, fin)
	assert.Equal(t, 3, *r.Index, "A's FIN is the 4th segment A→B on c0")
	assert.Equal(t, 0, *r.Conn)
	g.Exec(layout.CmdDropPacket, fin)
	require.Empty(t, g.err)
	require.Equal(t, 1, session.WhatIfs(g.s))
	assert.Len(t, session.Current(g.s).Wire.Rules, 1)
	dropped, retrans := false, false
	for _, e := range g.tr.Events {
		if e.Kind == trace.KindPacket && e.Flags == "F." && e.From == "A" {
			dropped = dropped || e.Dropped
			retrans = retrans || (!e.Dropped && e.T > 500000)
		}
	}
	assert.True(t, dropped, "the core re-ran with A's FIN lost")
	assert.True(t, retrans, "and A sends it again")
	assert.Equal(t, int64(530000), g.player.Now(), "the view stays at the same moment")
	g.Exec(layout.CmdKillHost, 1)
	require.Empty(t, g.err)
	require.Equal(t, 2, session.WhatIfs(g.s))
	assert.Equal(t, scenarioOpKill, string(session.Current(g.s).Actions[len(session.Current(g.s).Actions)-1].Op))
	g.Exec(layout.CmdUndo, 0)
	g.Exec(layout.CmdUndo, 0)
	assert.Zero(t, session.WhatIfs(g.s))
	assert.Same(t, orig, g.tr, "undo returns to the original run")
	assert.Empty(t, session.Current(g.s).Wire.Rules)
	assert.Equal(t, int64(530000), g.player.Now())
}

const scenarioOpKill = "kill"

func TestAJumpEasesOnScreenButNotInTheClock(t *testing.T) {
	g := newShotGame(t, nil, 0)
	g.opt.Shot = "" // interactive
	require.NoError(t, g.Update())
	g.Exec(layout.CmdLast, 0)
	require.NoError(t, g.Update())
	assert.Less(t, g.in.Now, g.player.Now(), "the view moves towards the end over a few frames")
	for i := 0; i < 60; i++ {
		require.NoError(t, g.Update())
	}
	assert.Equal(t, g.player.Now(), g.in.Now, "and arrives exactly")
	g.reduced = true
	g.Exec(layout.CmdFirst, 0)
	require.NoError(t, g.Update())
	assert.Equal(t, int64(0), g.in.Now, "reduced motion: no animation")
}

// countColour counts the pixels of colour c inside r.
func countColour(pix []byte, w int, r image.Rectangle, c color.NRGBA) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if pixel(pix, w, x, y) == c {
				n++
			}
		}
	}
	return n
}

// Text goes through the glyph atlas: glyphs land below and right of their top-left corner (left
// and below when rotated a quarter turn), in their colour, and a frame that overflows the atlas
// is still drawn whole.
func TestTextThroughTheGlyphAtlas(t *testing.T) {
	const W, H = 800, 600
	red := color.NRGBA{0xd0, 0x20, 0x20, 0xff}
	bg := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	g := newShotGame(t, nil, 0)
	p := newPainter(g.fonts)
	draw := func(f *layout.Frame) []byte {
		img := ebiten.NewImage(W, H)
		img.Fill(bg)
		p.paint(img, f)
		pix := make([]byte, 4*W*H)
		img.ReadPixels(pix)
		return pix
	}

	f := &layout.Frame{Shapes: []layout.Shape{
		{Kind: layout.Text, Rect: layout.Rect{X: 100, Y: 100}, Str: "HM", Font: theme.UIBold, Size: 60, Fill: red},
		{Kind: layout.Text, Rect: layout.Rect{X: 500, Y: 100}, Str: "HM", Font: theme.UIBold, Size: 60, Fill: red, Rot: math.Pi / 2},
	}}
	pix := draw(f)
	assert.Greater(t, countColour(pix, W, image.Rect(100, 100, 200, 170), red), 500, "upright text")
	assert.Zero(t, countColour(pix, W, image.Rect(0, 0, 100, 600), red), "nothing left of the upright text")
	assert.Greater(t, countColour(pix, W, image.Rect(430, 100, 500, 200), red), 500, "rotated text runs down, to the left of x")
	assert.Zero(t, countColour(pix, W, image.Rect(501, 0, 800, 600), red), "nothing right of the rotated text's corner")

	// 60 different glyphs at 300 px cannot share one 1024² atlas: it fills and starts again,
	// larger, mid-frame, after flushing what was batched. The last four, drawn apart from the
	// rest, come out exactly as a fresh painter draws them.
	big := func(r rune, x, y float64) layout.Shape {
		return layout.Shape{Kind: layout.Text, Rect: layout.Rect{X: x, Y: y}, Str: string(r), Font: theme.Mono, Size: 300, Fill: red}
	}
	f = &layout.Frame{}
	for _, r := range "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz01234567" {
		f.Shapes = append(f.Shapes, big(r, 0, -100))
	}
	last := &layout.Frame{}
	for i, r := range "WXYZ" {
		last.Shapes = append(last.Shapes, big(r, float64(i)*190, 330))
	}
	f.Shapes = append(f.Shapes, last.Shapes...)
	before := p.atlas.Resets
	pix = draw(f)
	assert.Greater(t, p.atlas.Resets, before, "the atlas filled up")
	assert.Equal(t, 2*atlasSize, p.atlas.size, "and grew")
	p = newPainter(g.fonts)
	want := draw(last)
	bottom := 4 * W * 300
	assert.Greater(t, countColour(want, W, image.Rect(0, 300, W, H), red), 4*1000, "the last glyphs are drawn")
	assert.True(t, string(want[bottom:]) == string(pix[bottom:]), "glyphs after the reset match a fresh atlas")
}

// A scenario file opens into the catalog and is shown; a bad one says what was wrong and where
// and leaves the scenario on screen as it was; opening a file of the same name again replaces it.
func TestOpenScenarioFile(t *testing.T) {
	g := newShotGame(t, nil, 0)
	builtIn := len(session.Catalog(g.s))
	data, err := os.ReadFile("../../testdata/scenarios/lost_fin_long_rtt.json")
	require.NoError(t, err)

	require.NoError(t, g.OpenScenarioFile("lost_fin_long_rtt.json", data))
	assert.Equal(t, "lost_fin_long_rtt", g.ScenarioName())
	assert.True(t, g.FromFile())
	assert.Equal(t, "Opened lost_fin_long_rtt.json: scenario lost_fin_long_rtt.", g.notice)
	assert.False(t, g.noticeErr)
	assert.Len(t, session.Catalog(g.s), builtIn+1)
	require.NoError(t, g.Update())
	assert.True(t, g.in.Catalog[builtIn].File)
	assert.Equal(t, "lost_fin_long_rtt", g.in.Catalog[builtIn].Name)
	fins := 0
	for _, e := range g.tr.Packets() {
		if e.Flags == "F." && e.From == "A" {
			fins++
		}
	}
	assert.Equal(t, 2, fins, "A's FIN, lost, then its tail loss probe")

	before := g.tr
	bad := []byte("{\n  \"name\": \"x\",\n  \"hosts\": [{\"name\": \"A\", \"addr\": \"10.0.0.1\", \"hz\": \"fast\"}]\n}")
	err = g.OpenScenarioFile("bad.json", bad)
	require.Error(t, err)
	assert.Equal(t, `Could not open bad.json. scenario file: line 3, column 53: hosts[0].hz: want a whole number, got "fast"`, g.notice)
	assert.True(t, g.noticeErr)
	assert.Same(t, before, g.tr, "the view is kept")
	assert.Len(t, session.Catalog(g.s), builtIn+1)

	// valid JSON whose run fails validation: also kept
	require.Error(t, g.OpenScenarioFile("nohost.json", []byte(`{"name":"y","hosts":[{"name":"A","addr":"10.0.0.1"}],"actions":[{"at":"1s","host":"Z","op":"close","conn":"c0"}]}`)))
	assert.Contains(t, g.notice, `unknown host "Z"`)
	assert.Same(t, before, g.tr)

	// more than 1 MiB is not a scenario file
	require.Error(t, g.OpenScenarioFile("huge.json", make([]byte, scenario.MaxFileSize+1)))
	assert.Equal(t, "Could not open huge.json. larger than 1 MiB: not a scenario file", g.Notice())
	assert.Same(t, before, g.tr)

	// the same name again replaces the file's scenario; a catalog name is listed beside it
	require.NoError(t, g.OpenScenarioFile("again.json", data))
	assert.Len(t, session.Catalog(g.s), builtIn+1)
	g.Exec(layout.CmdDismiss, 0)
	assert.Empty(t, g.notice)
	g.Exec(layout.CmdScenario, 0)
	assert.False(t, g.FromFile())
	assert.Equal(t, "normal_active_close", g.ScenarioName())
}
