//go:build !js

package webtest

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/source"
)

// Issue 13: the page for keyboard, screen-reader and reduced-motion users (web/a11y.js,
// web/toolbar.js's menu, the app's n and s keys and its picker cursor).

type key struct {
	key, code string
	vk        int64
	text      string
	mods      input.Modifier
}

var (
	keyTab      = key{"Tab", "Tab", 9, "", 0}
	keyShiftTab = key{"Tab", "Tab", 9, "", input.ModifierShift}
	keyEnter    = key{"Enter", "Enter", 13, "\r", 0}
	keySpace    = key{" ", "Space", 32, " ", 0}
	keyEscape   = key{"Escape", "Escape", 27, "", 0}
	keyDown     = key{"ArrowDown", "ArrowDown", 40, "", 0}
	keyUp       = key{"ArrowUp", "ArrowUp", 38, "", 0}
	keyHome     = key{"Home", "Home", 36, "", 0}
	keyEnd      = key{"End", "End", 35, "", 0}
	keyS        = key{"s", "KeyS", 83, "s", 0}
)

// press sends one key press to the focused element.
func press(k key) chromedp.Action {
	return chromedp.Tasks{
		input.DispatchKeyEvent(input.KeyDown).WithKey(k.key).WithCode(k.code).WithWindowsVirtualKeyCode(k.vk).WithText(k.text).WithModifiers(k.mods),
		input.DispatchKeyEvent(input.KeyUp).WithKey(k.key).WithCode(k.code).WithWindowsVirtualKeyCode(k.vk).WithModifiers(k.mods),
	}
}

// hold presses a key for the app: down for a few of its ticks (a press and release between two
// ticks is missed), then up for a few more, so the next press is a new edge.
func hold(k key) chromedp.Action {
	wait := chromedp.Poll(`window.finwait.ticks >= window.keyFrom + 3`, nil, chromedp.WithPollingInterval(10*time.Millisecond))
	mark := chromedp.Evaluate(`window.keyFrom = window.finwait.ticks; true`, nil)
	return chromedp.Tasks{
		mark,
		input.DispatchKeyEvent(input.KeyDown).WithKey(k.key).WithCode(k.code).WithWindowsVirtualKeyCode(k.vk).WithText(k.text).WithModifiers(k.mods),
		wait, mark,
		input.DispatchKeyEvent(input.KeyUp).WithKey(k.key).WithCode(k.code).WithWindowsVirtualKeyCode(k.vk).WithModifiers(k.mods),
		wait,
	}
}

// focused is what has the keyboard focus: the element's id, or its tag name.
func focused(t *testing.T, ctx context.Context) string {
	t.Helper()
	var s string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.activeElement.id || document.activeElement.tagName`, &s)); err != nil {
		t.Fatal(err)
	}
	return s
}

// Tab leaves the diagram for the page's menu button and Shift+Tab comes back; the menu follows the
// WAI-ARIA menu button pattern and every item is reachable by keys; after Escape the focus is on
// the button, and back on the diagram its shortcuts work.
func TestKeyboardPathThroughTheMenuAndBack(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	var items []string
	if err := chromedp.Run(ctx,
		chromedp.Poll(`!document.getElementById("share").hidden`, nil),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#share-menu button")).filter(b => !b.hidden).map(b => b.id)`, &items),
		chromedp.Evaluate(`document.querySelector("canvas").focus(); true`, nil),
		press(keyTab)); err != nil {
		t.Fatal(err)
	}
	if len(items) < 6 {
		t.Fatalf("menu items %v: want at least the six of index.html", items)
	}
	if got := focused(t, ctx); got != "menu-button" {
		t.Fatalf("Tab on the diagram focused %q, want the menu button", got)
	}
	menuIs := func(open bool, wantFocus string, after string) {
		t.Helper()
		var hidden bool
		var expanded string
		if err := chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById("share-menu").hidden`, &hidden),
			chromedp.Evaluate(`document.getElementById("menu-button").getAttribute("aria-expanded")`, &expanded)); err != nil {
			t.Fatal(err)
		}
		if hidden == open || expanded != map[bool]string{true: "true", false: "false"}[open] {
			t.Errorf("after %s: menu hidden %v, aria-expanded %q; want open %v", after, hidden, expanded, open)
		}
		if got := focused(t, ctx); got != wantFocus {
			t.Errorf("after %s: focus on %q, want %q", after, got, wantFocus)
		}
	}
	steps := []struct {
		keys  []key
		open  bool
		focus string
		name  string
	}{
		{[]key{keyEnter}, true, items[0], "Enter on the button"},
		{[]key{keyEscape}, false, "menu-button", "Escape"},
		{[]key{keySpace}, true, items[0], "Space on the button"},
		{[]key{keyEnd}, true, items[len(items)-1], "End"},
		{[]key{keyHome}, true, items[0], "Home"},
		{[]key{keyUp}, true, items[len(items)-1], "↑ on the first item"},
		{[]key{keyDown}, true, items[0], "↓ on the last item"},
		{[]key{keyEscape, keyDown}, true, items[0], "↓ on the button"},
		{[]key{keyEscape, keyUp}, true, items[len(items)-1], "↑ on the button"},
	}
	for _, s := range steps {
		for _, k := range s.keys {
			if err := chromedp.Run(ctx, press(k)); err != nil {
				t.Fatal(err)
			}
		}
		menuIs(s.open, s.focus, s.name)
	}
	// Tab in the menu closes it and moves on from the button (here, with nothing after it, out of
	// the page)
	if err := chromedp.Run(ctx, press(keyTab)); err != nil {
		t.Fatal(err)
	}
	if f := focused(t, ctx); f == "menu-button" || strings.Contains(strings.Join(items, " "), f) {
		t.Errorf("Tab in the menu left the focus on %q", f)
	}
	menuIs(false, focused(t, ctx), "Tab in the menu")
	// every item, in order, by ↓
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById("menu-button").focus(); true`, nil), press(keyEnter)); err != nil {
		t.Fatal(err)
	}
	for i := range items {
		if got := focused(t, ctx); got != items[i] {
			t.Errorf("item %d by ↓: focus on %q, want %q", i, got, items[i])
		}
		if err := chromedp.Run(ctx, press(keyDown)); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Run(ctx, press(keyEscape), press(keyShiftTab)); err != nil {
		t.Fatal(err)
	}
	if got := focused(t, ctx); got != "CANVAS" {
		t.Fatalf("Shift+Tab from the menu button focused %q, want the diagram", got)
	}
	if err := chromedp.Run(ctx, hold(keySpace),
		chromedp.Poll(`window.finwait.state().playing`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("space on the diagram after the menu did not play: %v", err)
	}
}

// The scenario picker by keys: s opens it on the scenario on screen, ↑ ↓ move (wrapping), Enter
// picks, Escape closes it: every scenario, the tenth and later too, is reachable.
func TestScenarioPickerByKeys(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	cat := source.Catalog()
	if cat[0].Name != "normal_active_close" || len(cat) < 10 {
		t.Fatalf("the test expects normal_active_close first in a catalog of 10 or more, got %s of %d", cat[0].Name, len(cat))
	}
	scenario := func() string { return getState(t, ctx).Scenario }
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector("canvas").focus(); true`, nil),
		hold(keyS), hold(keyUp), hold(keyEnter)); err != nil {
		t.Fatal(err)
	}
	if got, want := scenario(), cat[len(cat)-1].Name; got != want {
		t.Fatalf("s ↑ Enter from the first scenario: %s, want the last, %s", got, want)
	}
	if err := chromedp.Run(ctx, hold(keyS), hold(keyDown), hold(keyDown), hold(keyEnter)); err != nil {
		t.Fatal(err)
	}
	if got, want := scenario(), cat[1].Name; got != want {
		t.Fatalf("s ↓ ↓ Enter from the last scenario: %s, want %s", got, want)
	}
	if err := chromedp.Run(ctx, hold(keyS), hold(keyDown), hold(keyEscape), hold(keyEnter)); err != nil {
		t.Fatal(err)
	}
	if got, want := scenario(), cat[1].Name; got != want {
		t.Fatalf("Enter after Escape closed the picker changed the scenario to %s (want %s)", got, want)
	}
}

// firstFIN is the first FIN segment of a catalog scenario's run (modern profile) and the latest
// kernel path event at or before it.
func firstFIN(t *testing.T, name string) (fin, path *trace.Event) {
	t.Helper()
	tr := catalogRun(t, name)
	for i := range tr.Events {
		e := &tr.Events[i]
		if fin != nil && e.T > fin.T {
			break
		}
		if e.Kind == trace.KindPath {
			path = e
		}
		if fin == nil && e.Kind == trace.KindPacket && strings.Contains(e.Flags, "F") {
			fin = e
		}
	}
	if fin == nil || path == nil {
		t.Fatalf("%s: no FIN with a kernel path before it", name)
	}
	return fin, path
}

// The live region says the step on screen in words — the time, the packet, the kernel's reason —
// in the language on screen, as text, and is visually hidden.
func TestLiveRegionSaysTheStep(t *testing.T) {
	fin, path := firstFIN(t, "normal_active_close")
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		ctx := page(t, "?scenario=normal_active_close&autoplay=0&lang="+string(lang))
		// every event of that instant is said, in order: the FIN among them, the reason last
		when := i18n.Msg(lang, i18n.WebStep, trace.FormatTime(fin.T), "")
		when = when[:strings.Index(when, ":")+2]
		packet := i18n.Msg(lang, i18n.WebStepPacket, fin.From, trace.PacketLabel(fin), fin.To)
		why := " " + i18n.Explain(lang, path.Fn, path.Branch)
		cond := `(s => s.startsWith(` + jsQuote(when) + `) && s.includes(` + jsQuote(packet) + `) && s.endsWith(` + jsQuote(why) + `))(document.getElementById("live").textContent)`
		want := when + " … " + packet + " …" + why
		var polite string
		var children int
		var width float64
		if err := chromedp.Run(ctx,
			chromedp.Evaluate(`window.postMessage({finwait: "seek", t: `+strconv.FormatInt(fin.T, 10)+`}, "*"); true`, nil),
			chromedp.Poll(cond, nil, chromedp.WithPollingInterval(50*time.Millisecond)),
			chromedp.Evaluate(`document.getElementById("live").getAttribute("aria-live")`, &polite),
			chromedp.Evaluate(`document.getElementById("live").children.length`, &children),
			chromedp.Evaluate(`document.getElementById("live").getBoundingClientRect().width`, &width),
		); err != nil {
			var live string
			_ = chromedp.Run(ctx, chromedp.Evaluate(`(document.getElementById("live") || {}).textContent`, &live))
			t.Fatalf("%s: live region %q, want %q: %v", lang, live, want, err)
		}
		if polite != "polite" || children != 0 || width > 1 {
			t.Errorf("%s: aria-live %q, %d child elements, %g px wide; want polite, text only, visually hidden", lang, polite, children, width)
		}
	}
}

// While playing the live region changes at most about once a second (a screen reader is not
// flooded); pausing says the step at once.
func TestLiveRegionIsThrottledWhilePlaying(t *testing.T) {
	ctx := page(t, "?scenario=linger_timeout&autoplay=0&speed=4")
	var log []struct {
		At      float64 `json:"at"`
		Playing bool    `json:"playing"`
	}
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`window.liveLog = [];
			new MutationObserver(() => window.liveLog.push({at: performance.now(), playing: window.finwait.state().playing}))
				.observe(document.getElementById("live"), {childList: true, characterData: true, subtree: true});
			window.postMessage({finwait: "play"}, "*"); true`, nil),
		chromedp.Sleep(4*time.Second),
		chromedp.Evaluate(`window.postMessage({finwait: "pause"}, "*"); true`, nil),
		chromedp.Poll(`!window.finwait.state().playing`, nil),
		chromedp.Sleep(600*time.Millisecond),
		chromedp.Evaluate(`window.liveLog`, &log)); err != nil {
		t.Fatal(err)
	}
	playing := 0
	for i, e := range log {
		if e.Playing {
			playing++
		}
		if i > 0 && e.Playing && e.At-log[i-1].At < 900 {
			t.Errorf("while playing the live region changed %.0f ms after the last change (want ≥ ~1 s): %+v", e.At-log[i-1].At, log)
		}
	}
	if playing < 2 || playing > 5 {
		t.Errorf("%d changes in 4 s of playing, want 2 to 5 (about one a second): %+v", playing, log)
	}
}

// The browser's prefers-reduced-motion turns the app's reduced motion on from the start, and a
// change of the setting follows.
func TestReducedMotionFollowsTheBrowser(t *testing.T) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()
	media := func(v string) chromedp.Action {
		return emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: v}})
	}
	ready := chromedp.Poll(`window.finwait !== undefined && window.finwait.ready === true`, nil)
	if err := chromedp.Run(ctx, media("reduce"), chromedp.Navigate(baseURL+"/?scenario=normal_active_close&autoplay=0"), ready,
		chromedp.Poll(`window.finwait.reducedMotion() === true`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("prefers-reduced-motion: reduce did not turn reduced motion on: %v", err)
	}
	if err := chromedp.Run(ctx, media("no-preference"),
		chromedp.Poll(`window.finwait.reducedMotion() === false`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("prefers-reduced-motion changed to no-preference: reduced motion stayed on: %v", err)
	}
	if err := chromedp.Run(ctx, media("reduce"),
		chromedp.Poll(`window.finwait.reducedMotion() === true`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("prefers-reduced-motion changed back to reduce: reduced motion stayed off: %v", err)
	}
	if err := chromedp.Run(ctx, media(""), chromedp.Navigate(baseURL+"/embed.html?scenario=normal_active_close&autoplay=0"), ready,
		chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	var reduced bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.finwait.reducedMotion()`, &reduced)); err != nil || reduced {
		t.Errorf("without the setting the embed starts with reduced motion %v (%v), want off", reduced, err)
	}
}
