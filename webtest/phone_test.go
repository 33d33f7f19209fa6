//go:build !js

package webtest

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/source"
	"finwait/render/theme"
)

// phonePage opens the query in a tab with Chromium's device metrics set to w×h CSS px at device
// scale dpr (a mobile viewport when upright), waits for its first frames and returns its
// screenshot. With FINWAIT_SHOTS set to a folder it saves it there as name.png (name not empty).
func phonePage(t *testing.T, w, h int64, dpr float64, query, name string) (context.Context, image.Image) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	var dims []float64
	var buf []byte
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(w, h, dpr, w < h),
		chromedp.Navigate(baseURL+"/"+query),
		chromedp.Poll(`window.finwait !== undefined && window.finwait.ready && window.finwait.frames > 2`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		chromedp.Evaluate(`window.shotFrom = window.finwait.frames; true`, nil),
		chromedp.Poll(`window.finwait.frames >= window.shotFrom + 2`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		chromedp.Evaluate(`(() => { const c = document.querySelector("canvas"); return [c.width, c.height, window.devicePixelRatio]; })()`, &dims),
		chromedp.CaptureScreenshot(&buf)); err != nil {
		t.Fatal(err)
	}
	if dims[0] != float64(w)*dpr || dims[1] != float64(h)*dpr || dims[2] != dpr {
		t.Errorf("%s: canvas %v×%v at dpr %v, want %v×%v at %v", name, dims[0], dims[1], dims[2], float64(w)*dpr, float64(h)*dpr, dpr)
	}
	if dir := os.Getenv("FINWAIT_SHOTS"); dir != "" && name != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatal(err)
	}
	return ctx, img
}

// On a phone held upright (390×844 CSS px, device scale 3) the page draws the kernel's explanation
// of the step on screen, whole, where the layout at a zoom of at least 0.6 puts it (below the
// diagram, in larger text), in both languages: each of its lines' boxes holds text-coloured
// pixels in the screenshot.
func TestPhoneUprightDrawsTheExplanation(t *testing.T) {
	const W, H, dpr = 390, 844, 3.0
	_, path := firstFIN(t, "normal_active_close")
	at := strings.ReplaceAll(trace.FormatTime(path.T), " ", "")
	scale := layout.FitScale(W*dpr, H*dpr, dpr)
	if scale/dpr < 0.6 {
		t.Errorf("zoom %v at %dx%d, want >= 0.6", scale/dpr, W, H)
	}
	sc, _ := source.Lookup("normal_active_close")
	tr, err := source.Run(sc, source.RunOptions{Profile: "modern", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	pal := theme.ByName("light")
	ink := pal.Ink
	for _, lang := range i18n.Langs() {
		_, img := phonePage(t, W, H, dpr, "?scenario=normal_active_close&autoplay=0&t="+at+"&lang="+string(lang), "phone-390x844-"+string(lang))
		if b := img.Bounds(); b.Dx() != W*dpr || b.Dy() != H*dpr {
			t.Fatalf("screenshot %v, want %vx%v", b, W*dpr, H*dpr)
		}
		m := layout.Prepare(tr, -1)
		in := &layout.Input{Model: m, Now: path.T, W: W * dpr, H: H * dpr, Scale: scale, Pal: pal, Fonts: theme.MustFonts(), Lang: lang, Hover: -1, Speed: 1}
		f := layout.Build(in, nil)
		want := strings.ReplaceAll(i18n.Explain(lang, path.Fn, path.Branch), " ", "")
		var got strings.Builder
		for _, s := range f.Shapes {
			if s.Kind != layout.Text || s.Font != theme.UI || s.Rect.Y < f.Panel.Y || f.Panel.H == 0 || !strings.Contains(want, strings.ReplaceAll(s.Str, " ", "")) {
				continue
			}
			got.WriteString(strings.ReplaceAll(s.Str, " ", ""))
			w, h := in.Fonts.Width(s.Font, s.Size, s.Str), in.Fonts.LineHeight(s.Font, s.Size)
			inked, all := 0, 0
			for y := int(s.Rect.Y); y < int(s.Rect.Y+h); y++ {
				for x := int(s.Rect.X); x < int(s.Rect.X+w); x++ {
					all++
					r, g, b, _ := img.At(x, y).RGBA()
					ir, ig, ib, _ := ink.RGBA()
					if d := int(r>>8) - int(ir>>8) + int(g>>8) - int(ig>>8) + int(b>>8) - int(ib>>8); d > -90 && d < 90 {
						inked++
					}
				}
			}
			if inked*100 < all*3 {
				t.Errorf("%s: the explanation's line %q at %v: %d of %d pixels text-coloured", lang, s.Str, s.Rect, inked, all)
			}
		}
		if got.String() != want {
			t.Errorf("%s: the layout at zoom %v puts %q in the panel, want the whole explanation %q", lang, scale/dpr, got.String(), want)
		}
	}
}
