//go:build !js

package webtest

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Issue 13: a scenario's non-default settings were invisible (normal_active_close's FIN_WAIT2
// timer reads 3 s because of tcp_fin_timeout = 3, not the kernel's 60). The settings panel opens
// with o or its top-bar button, lists them host by host, and says them in the live region; Esc
// and the button close it.
func TestSettingsPanelContents(t *testing.T) {
	for _, tc := range []struct{ lang, want string }{
		{"en", "What normal_active_close sets · otherwise the modern 6.18 defaults: A: HZ = 250, default 1000; tcp_fin_timeout = 3, default 60; B: HZ = 250, default 1000; tcp_fin_timeout = 3, default 60; wire: one-way delay 20ms each way"},
		{"zh", "normal_active_close 的设置 · 没有列出的都是 新内核 6.18 的内核设置: A: HZ = 250, 内核为 1000; tcp_fin_timeout = 3, 内核为 60; B: HZ = 250, 内核为 1000; tcp_fin_timeout = 3, 内核为 60; 线路: 单向延迟 20ms"},
	} {
		ctx := page(t, "?scenario=normal_active_close&autoplay=0&lang="+tc.lang)
		live := `document.getElementById("live").textContent`
		is := func(want string) chromedp.Action {
			return chromedp.Poll(live+` === `+jsQuote(want), nil, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second))
		}
		startsStep := chromedp.Poll(live+`.indexOf(`+jsQuote(tc.want[:12])+`) < 0 && `+live+` !== ""`, nil, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second))
		keyO := key{"o", "KeyO", 79, "o", 0}
		steps := []struct {
			what string
			act  chromedp.Action
		}{
			{"the step before", chromedp.Tasks{emulation.SetDeviceMetricsOverride(1280, 800, 1, false), chromedp.Evaluate(`document.querySelector("canvas").focus(); true`, nil), startsStep}},
			{"o opens the panel", chromedp.Tasks{hold(keyO), is(tc.want)}},
			{"Esc closes it", chromedp.Tasks{hold(keyEscape), startsStep}},
			{"the top bar's button opens it", chromedp.Tasks{clickAt(366, 24), is(tc.want)}},
			{"a click on it closes it", chromedp.Tasks{clickAt(640, 400), startsStep}},
		}
		for _, s := range steps {
			if err := chromedp.Run(ctx, s.act); err != nil {
				var got string
				_ = chromedp.Run(ctx, chromedp.Evaluate(live, &got))
				t.Fatalf("%s: %s: live region %q (want %q): %v", tc.lang, s.what, got, tc.want, err)
			}
		}
	}
}
