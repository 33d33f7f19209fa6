//go:build !js

package webtest

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/shotcheck"
	"finwait/render/source"
	"finwait/render/theme"
)

// TestScreenshotFINArrow: at 530 ms of normal_active_close (1280×800, scale 1) the page's canvas
// shows the FIN arrows in the FIN colour where the renderer's layout puts them (the same check as
// render/shotcheck makes on the desktop's PNG).
func TestScreenshotFINArrow(t *testing.T) {
	const W, H, at = 1280, 800, int64(530000)
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()
	var buf []byte
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(W, H, 1, false),
		chromedp.Navigate(baseURL+"/?scenario=normal_active_close&t=530ms"),
		chromedp.Poll(`window.finwait !== undefined && window.finwait.ready && window.finwait.frames > 3`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		// hide the toolbar, then wait for two more frames drawn by the app
		chromedp.Evaluate(`document.getElementById("share").hidden = true; window.shotFrom = window.finwait.frames; true`, nil),
		chromedp.Poll(`window.finwait.frames >= window.shotFrom + 2`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			buf, err = cdppage.CaptureScreenshot().WithFormat(cdppage.CaptureScreenshotFormatPng).Do(ctx)
			return err
		}),
	); err != nil {
		t.Fatal(err)
	}
	if d := os.Getenv("FINWAIT_SHOTS"); d != "" {
		_ = os.WriteFile(filepath.Join(d, "web_fin.png"), buf, 0o644)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != W || b.Dy() != H {
		t.Fatalf("screenshot %v, want %dx%d", b, W, H)
	}
	sc, _ := source.Lookup("normal_active_close")
	tr, err := source.Run(sc, source.RunOptions{Profile: "modern", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	m := layout.Prepare(tr, -1)
	addr := map[string]string{}
	for _, h := range sc.Hosts {
		addr[h.Name] = h.Addr
	}
	m.SetAddrs(addr)
	pal := theme.ByName("light")
	in := &layout.Input{Model: m, Now: at, W: W, H: H, Scale: 1, Pal: pal, Fonts: theme.MustFonts(), Lang: i18n.EN, Hover: -1, Speed: 1}
	f := layout.Build(in, nil)
	fin := pal.Base(theme.RoleFin)
	checked := 0
	for k := range m.Packets {
		p := &m.Packets[k]
		if p.Role != theme.RoleFin || p.Dropped || p.T1 > at {
			continue
		}
		x1, y1, x2, y2 := f.ArrowEnds(in, p)
		hits, tries := 0, 0
		for fr := 0.12; fr <= 0.88; fr += 0.04 {
			x, y := x1+(x2-x1)*fr, y1+(y2-y1)*fr
			if shotcheck.UnderLabel(f, x, y, 1) || !f.Lanes.Inset(4).Contains(x, y) {
				continue
			}
			tries++
			if shotcheck.AnyNear(img, int(x+0.5), int(y+0.5), fin) {
				hits++
			}
		}
		if tries == 0 {
			continue
		}
		checked++
		if hits*10 < tries*8 {
			t.Errorf("FIN packet %d (%.0f,%.0f)->(%.0f,%.0f): %d of %d points along its arrow are FIN-coloured", p.Index, x1, y1, x2, y2, hits, tries)
		}
	}
	if checked == 0 {
		t.Error("no FIN arrow on screen to check")
	}
}

// TestHiDPI: at devicePixelRatio 2 the canvas has twice the CSS size in device pixels and the
// page still lays out (and reports) normally.
func TestHiDPI(t *testing.T) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()
	var dims []float64
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(800, 500, 2, false),
		chromedp.Navigate(baseURL+"/?scenario=simultaneous_close&autoplay=0"),
		chromedp.Poll(`window.finwait !== undefined && window.finwait.ready && window.finwait.frames > 2`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		chromedp.Evaluate(`(() => { const c = document.querySelector("canvas"); const r = c.getBoundingClientRect();
			return [c.width, c.height, r.width, r.height, window.devicePixelRatio]; })()`, &dims),
	); err != nil {
		t.Fatal(err)
	}
	if dims[4] != 2 || dims[2] != 800 || dims[3] != 500 || dims[0] != 1600 || dims[1] != 1000 {
		t.Errorf("canvas %v×%v device px for %v×%v CSS px at dpr %v; want 1600×1000 for 800×500 at 2", dims[0], dims[1], dims[2], dims[3], dims[4])
	}
}

// TestTouchTapPlays: a tap on the diagram starts playback (touch events, as on a phone).
func TestTouchTapPlays(t *testing.T) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()
	pt := []*input.TouchPoint{{X: 400, Y: 420}}
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(1280, 800, 1, true),
		emulation.SetTouchEmulationEnabled(true),
		chromedp.Navigate(baseURL+"/?scenario=normal_active_close&autoplay=0"),
		chromedp.Poll(`window.finwait !== undefined && window.finwait.ready && window.finwait.frames > 2`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		chromedp.Evaluate(`window.tapFrom = window.finwait.ticks; true`, nil),
		input.DispatchTouchEvent(input.TouchStart, pt),
		chromedp.Poll(`window.finwait.ticks >= window.tapFrom + 3`, nil, chromedp.WithPollingInterval(10*time.Millisecond)),
		input.DispatchTouchEvent(input.TouchEnd, []*input.TouchPoint{}),
		chromedp.Poll(`window.finwait.state().playing && window.finwait.state().t > 0`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
	); err != nil {
		t.Fatalf("a tap did not start playback: %v", err)
	}
}

// TestFollowsResize: the canvas and the layout follow a change of the viewport's size.
func TestFollowsResize(t *testing.T) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()
	size := `(() => { const c = document.querySelector("canvas"); return c ? c.width + "x" + c.height : ""; })()`
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(1000, 640, 1, false),
		chromedp.Navigate(baseURL+"/?autoplay=0"),
		chromedp.Poll(`window.finwait !== undefined && window.finwait.ready && `+size+` === "1000x640"`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		emulation.SetDeviceMetricsOverride(700, 900, 1, false),
		chromedp.Poll(size+` === "700x900"`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
	); err != nil {
		var got string
		_ = chromedp.Run(ctx, chromedp.Evaluate(size, &got))
		t.Fatalf("canvas did not follow the viewport: %v (canvas %s)", err, got)
	}
}
