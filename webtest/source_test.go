//go:build !js

package webtest

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"finwait/core/trace"
	"finwait/core/xref"
	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/source"
	"finwait/render/theme"
)

// Over a kernel function name in the kernel-path panel the page's pointer is a pointing hand
// (the app's link region lies over the name the page draws) and not below it, hovering opens
// nothing, and a click asks the browser to open that identifier in the profile's kernel in a new
// tab without opener or referrer (window.open is stubbed in the page: nothing leaves localhost).
func TestClickOnAFunctionNameOpensItsSource(t *testing.T) {
	const at = 500000
	for _, profile := range []string{"modern", "2.6"} {
		tr := catalogRunIn(t, "close_with_unread_data", profile)
		// where the page lays the name out: the app's frame at 1280×800, scale 1
		in := &layout.Input{Model: layout.Prepare(tr, -1), Now: at, W: 1280, H: 800, Scale: 1, Pal: theme.Light(), Fonts: theme.MustFonts(),
			Lang: i18n.EN, Speed: 1, Hover: -1, Profile: profile, Profiles: []string{"modern", "2.6"}}
		var link layout.Hit
		for _, h := range layout.Build(in, nil).Hits {
			if h.Cmd == layout.CmdSource {
				link = h
				break
			}
		}
		if link.Cmd == "" || tr.Events[link.Arg].Fn != "tcp_close" {
			t.Fatalf("%s: no link on tcp_close at %d µs (%+v)", profile, at, link)
		}
		ctx := page(t, "?scenario=close_with_unread_data&autoplay=0&profile="+profile)
		x, y := link.Box.X+link.Box.W/2, link.Box.Y+link.Box.H/2
		var opened, hovered []string
		// the cursor follows the pointer within a few frames (a wait on the page's own style, bounded)
		hover := func(x, y float64, want string) chromedp.Tasks {
			return chromedp.Tasks{
				input.DispatchMouseEvent(input.MouseMoved, x, y),
				chromedp.Poll(`getComputedStyle(document.querySelector("canvas")).cursor `+want, nil,
					chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(15*time.Second)),
			}
		}
		if err := chromedp.Run(ctx,
			emulation.SetDeviceMetricsOverride(1280, 800, 1, false),
			chromedp.Evaluate(`window.opened = []; window.open = (u, target, features) => { window.opened.push(String(u), String(target), String(features)); return null }; true`, nil),
			chromedp.Evaluate(`window.postMessage({finwait: "seek", t: `+strconv.Itoa(at)+`}, "*"); true`, nil),
			chromedp.Poll(`window.finwait.state().t === `+strconv.Itoa(at)+` && innerWidth === 1280`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
			hover(x, y+3*link.Box.H, `!== "pointer"`),
			chromedp.Evaluate(`window.opened`, &hovered),
			hover(x, y, `=== "pointer"`),
			input.DispatchMouseEvent(input.MousePressed, x, y).WithButton(input.Left).WithButtons(1).WithClickCount(1),
			chromedp.Evaluate(`window.pressFrom = window.finwait.ticks; true`, nil),
			chromedp.Poll(`window.finwait.ticks >= window.pressFrom + 3`, nil, chromedp.WithPollingInterval(10*time.Millisecond)),
			input.DispatchMouseEvent(input.MouseReleased, x, y).WithButton(input.Left).WithClickCount(1),
			chromedp.Poll(`window.opened.length > 0`, nil, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(15*time.Second)),
			chromedp.Evaluate(`window.opened`, &opened),
		); err != nil {
			t.Fatalf("%s: tcp_close at (%g, %g): no pointing hand over it, or one below it, or a click opened nothing: %v", profile, x, y, err)
		}
		want, err := xref.URL("tcp_close", profile)
		if err != nil {
			t.Fatal(err)
		}
		if len(hovered) != 0 || len(opened) != 3 || opened[0] != want || opened[1] != "_blank" || opened[2] != "noopener,noreferrer" {
			t.Errorf("%s: window.open%q while hovering, then %q on a click; want none, then (%q, _blank, noopener,noreferrer)", profile, hovered, opened, want)
		}
	}
}

// catalogRunIn is the catalog scenario's run in a profile, as the page runs it (seed 1).
func catalogRunIn(t *testing.T, name, profile string) *trace.Trace {
	t.Helper()
	sc, err := source.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := source.Run(sc, source.RunOptions{Profile: profile, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}
