//go:build !js

package webtest

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// clickAt presses and releases the left button at (x, y) CSS px, each held for a few of the app's
// ticks (a press and release between two ticks is missed).
func clickAt(x, y float64) chromedp.Action {
	wait := chromedp.Poll(`window.finwait.ticks >= window.clickFrom + 3`, nil, chromedp.WithPollingInterval(10*time.Millisecond))
	mark := chromedp.Evaluate(`window.clickFrom = window.finwait.ticks; true`, nil)
	return chromedp.Tasks{
		input.DispatchMouseEvent(input.MouseMoved, x, y), mark,
		input.DispatchMouseEvent(input.MousePressed, x, y).WithButton(input.Left).WithClickCount(1), wait, mark,
		input.DispatchMouseEvent(input.MouseReleased, x, y).WithButton(input.Left).WithClickCount(1), wait,
	}
}

// Issue 13: after a language switch the top bar's hit regions lagged the drawing (the app read
// the page's menu width, which the switch changes, every 15th frame): from the first frame in
// the new language on, the top bar stays where it is, and a click on the theme button as drawn
// toggles the theme.
func TestTopBarAfterLanguageSwitch(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close")
	keyL := key{"l", "KeyL", 76, "l", 0}
	// every frame's language and top-bar end, from before the switch on
	sample := `window.samples = new Promise(function (done) {
		var seen = [], n = 0;
		function tick() {
			var s = window.finwait.state();
			seen.push([s.lang, s.topBarRight]);
			window.sampled = ++n;
			if (n < 90) { requestAnimationFrame(tick); } else { done(seen); }
		}
		requestAnimationFrame(tick);
	}); true`
	var seen [][2]any
	if err := chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(1280, 800, 1, false),
		chromedp.Poll(`window.finwait.state().topBarRight > 0`, nil),
		chromedp.Evaluate(`document.querySelector("canvas").focus(); true`, nil),
		chromedp.Evaluate(sample, nil), chromedp.Poll(`window.sampled >= 3`, nil), hold(keyL),
		chromedp.Evaluate(`window.samples`, &seen, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })); err != nil {
		t.Fatal(err)
	}
	right := map[string]map[float64]bool{"en": {}, "zh": {}}
	for _, s := range seen {
		right[s[0].(string)][s[1].(float64)] = true
	}
	if seen[0][0] != "en" {
		t.Fatalf("the first sampled frame is in %v, not en", seen[0][0])
	}
	if len(right["zh"]) != 1 || len(right["en"]) != 1 {
		t.Fatalf("the top bar's right end moved within a language: en %v, zh %v (frames %v)", right["en"], right["zh"], seen)
	}
	var x float64
	for x = range right["zh"] {
	}
	dark := func() bool {
		var d bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(`document.body.classList.contains("dark")`, &d)); err != nil {
			t.Fatal(err)
		}
		return d
	}
	was := dark()
	// the theme button: 24 px wide, 16 px left of the 24 px help button that ends the bar (scale 1)
	if err := chromedp.Run(ctx, clickAt(x-24-16-12, 24)); err != nil {
		t.Fatal(err)
	}
	if dark() == was {
		t.Errorf("a click on the theme button as drawn (x %s) did not toggle the theme", strconv.FormatFloat(x-52, 'f', 1, 64))
	}
	if s := getLang(t, ctx); s != "zh" {
		t.Errorf("the click on the theme button changed the language to %q", s)
	}
}

func getLang(t *testing.T, ctx context.Context) string {
	t.Helper()
	var l string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.finwait.state().lang`, &l)); err != nil {
		t.Fatal(err)
	}
	return l
}
