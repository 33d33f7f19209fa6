package app

import (
	"fmt"
	"image/color"
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/trace"
	"finwait/render/layout"
	"finwait/render/source"
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
		g.tr = tr
		g.setConn(-1, at)
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
	assert.Equal(t, "2.6", g.profile)
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
	r := dropRule(g.tr, fin)
	assert.Equal(t, 3, *r.Index, "A's FIN is the 4th segment A→B on c0")
	assert.Equal(t, 0, *r.Conn)
	g.Exec(layout.CmdDropPacket, fin)
	require.Empty(t, g.err)
	require.Len(t, g.forks, 1)
	assert.Len(t, g.sc.Wire.Rules, 1)
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
	require.Len(t, g.forks, 2)
	assert.Equal(t, scenarioOpKill, string(g.sc.Actions[len(g.sc.Actions)-1].Op))
	g.Exec(layout.CmdUndo, 0)
	g.Exec(layout.CmdUndo, 0)
	assert.Empty(t, g.forks)
	assert.Same(t, orig, g.tr, "undo returns to the original run")
	assert.Empty(t, g.sc.Wire.Rules)
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
