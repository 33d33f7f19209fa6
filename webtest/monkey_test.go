//go:build !js

package webtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The monkey test: random clicks (every button, the mouse's back and forward included), drags,
// wheel turns, keys (the app's shortcuts, Alt+arrows, Backspace…) and drops (links, text, scenario
// files good and bad) on the page, one after another, each once the app has ticked. It asserts
// that the page never navigates (nor opens another tab), that nothing is written to the console
// as an error and no exception goes uncaught, and that the page still draws at the end.
//
// FINWAIT_MONKEY sets how long it runs (a Go duration; default 4s, which make test-web runs);
// FINWAIT_MONKEY_SEED picks the random sequence (default 1; the log names it). A long run logs the
// JS heap (after a garbage collection), the .wasm's memory and the counts every minute, and at
// start, middle and end.
func TestMonkey(t *testing.T) {
	dur := 4 * time.Second
	if v := os.Getenv("FINWAIT_MONKEY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("FINWAIT_MONKEY=%q: %v", v, err)
		}
		dur = d
	}
	seed := uint64(1)
	if v := os.Getenv("FINWAIT_MONKEY_SEED"); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("FINWAIT_MONKEY_SEED=%q: %v", v, err)
		}
	}
	t.Logf("monkey: %v, seed %d (FINWAIT_MONKEY_SEED=%d repeats it)", dur, seed, seed)
	rng := rand.New(rand.NewPCG(seed, 11))

	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, dur+3*time.Minute)
	defer cancelT()
	var mu sync.Mutex
	var navs, problems, switches []string
	note := func(list *[]string, s string) {
		mu.Lock()
		*list = append(*list, s)
		mu.Unlock()
	}
	started := false
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *cdppage.EventFrameNavigated:
			if started && e.Frame.ParentID == "" && moduleSwitch.MatchString(e.Frame.URL) {
				note(&switches, e.Frame.URL) // the terminal panel's control: the page's full module, same moment
			} else if started && e.Frame.ParentID == "" {
				note(&navs, e.Frame.URL)
			}
		case *runtime.EventExceptionThrown:
			note(&problems, "exception: "+e.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				note(&problems, "console."+string(e.Type)+": "+strings.Join(parts, " "))
			}
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.LevelError && !strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
				note(&problems, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	})
	dir := t.TempDir()
	good, err := filepath.Abs("../testdata/scenarios/lost_fin_long_rtt.json")
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"name": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	start := baseURL + "/?scenario=normal_active_close"
	if err := chromedp.Run(ctx, cdplog.Enable(), runtime.Enable(), cdppage.Enable(),
		cdpbrowser.SetDownloadBehavior(cdpbrowser.SetDownloadBehaviorBehaviorDeny),
		cdppage.SetInterceptFileChooserDialog(true),
		chromedp.Navigate(start),
		chromedp.Poll(`window.finwait !== undefined && window.finwait.ready === true`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatal(err)
	}
	started = true

	type sample struct {
		at              time.Duration
		jsUsed, jsTotal float64
		wasm            float64
		actions         int
	}
	var samples []sample
	measure := func(at time.Duration, actions int) sample {
		var s sample
		s.at, s.actions = at, actions
		if err := chromedp.Run(ctx, heapprofiler.CollectGarbage(), chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			s.jsUsed, s.jsTotal, _, _, err = runtime.GetHeapUsage().Do(ctx)
			return err
		}), chromedp.Evaluate(`window.finwaitWasmMemory ? window.finwaitWasmMemory.buffer.byteLength : 0`, &s.wasm)); err != nil {
			t.Fatalf("heap: %v", err)
		}
		mu.Lock()
		t.Logf("monkey at %v: %d actions, JS heap %.2f MB used of %.2f MB, .wasm memory %.1f MB, %d navigations, %d console errors/exceptions",
			at.Round(time.Second), actions, s.jsUsed/1e6, s.jsTotal/1e6, s.wasm/1e6, len(navs), len(problems))
		mu.Unlock()
		samples = append(samples, s)
		return s
	}
	measure(0, 0)

	W, H := 960.0, 600.0
	keys := []struct {
		key, code string
		vk        int64
		text      string
	}{
		{" ", "Space", 32, " "}, {"ArrowLeft", "ArrowLeft", 37, ""}, {"ArrowRight", "ArrowRight", 39, ""},
		{"PageUp", "PageUp", 33, ""}, {"PageDown", "PageDown", 34, ""}, {"Home", "Home", 36, ""}, {"End", "End", 35, ""},
		{"+", "Equal", 187, "+"}, {"-", "Minus", 189, "-"}, {"Tab", "Tab", 9, ""}, {"Backspace", "Backspace", 8, ""},
		{"Escape", "Escape", 27, ""}, {"Enter", "Enter", 13, "\r"}, {"?", "Slash", 191, "?"},
		{"r", "KeyR", 82, "r"}, {"t", "KeyT", 84, "t"}, {"l", "KeyL", 76, "l"}, {"v", "KeyV", 86, "v"},
		{"m", "KeyM", 77, "m"}, {"u", "KeyU", 85, "u"}, {"n", "KeyN", 78, "n"}, {"s", "KeyS", 83, "s"},
		{"ArrowUp", "ArrowUp", 38, ""}, {"ArrowDown", "ArrowDown", 40, ""}, {"1", "Digit1", 49, "1"}, {"3", "Digit3", 51, "3"}, {"9", "Digit9", 57, "9"},
		{"BrowserBack", "BrowserBack", 166, ""}, {"BrowserForward", "BrowserForward", 167, ""},
	}
	buttons := []input.MouseButton{input.Left, input.Left, input.Left, input.Right, input.Middle, input.Back, input.Forward}
	pt := func() (float64, float64) { return rng.Float64() * W, rng.Float64() * H }
	// Drops are DragEvents made in the page: CDP's emulated drag (Input.dispatchDragEvent) leaves
	// the input pipeline stuck after some sequences (a wheel event never acknowledged), and in
	// headless Chromium a dropped link does not navigate anyway; the page's own handlers (boot.js,
	// keep.js, Ebiten's) see these the same way.
	goodText, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	drop := func(x, y float64, kind int) chromedp.Action {
		var item string
		switch kind {
		case 0:
			item = `dt.setData("text/uri-list", "about:blank");`
		case 1:
			item = `dt.setData("text/plain", "https://example.org/");`
		case 2:
			item = `dt.items.add(new File([` + jsQuote(string(goodText)) + `], "good.json", {type: "application/json"}));`
		default:
			item = `dt.items.add(new File(["{\"name\": 1}"], "bad.json", {type: "application/json"}));`
		}
		return chromedp.Evaluate(fmt.Sprintf(`(function () {
			const dt = new DataTransfer(); %s
			const el = document.elementFromPoint(%f, %f) || document.body;
			for (const type of ["dragenter", "dragover", "drop"]) {
				el.dispatchEvent(new DragEvent(type, {dataTransfer: dt, bubbles: true, cancelable: true, clientX: %f, clientY: %f}));
			}
			return true;
		})()`, item, x, y, x, y), nil)
	}
	actions, lastTicks := 0, 0
	// afterSwitch waits for the page's full module when the terminal panel's control (or key)
	// switched to it since the last call (a reload at the same moment: ticks start again); wait
	// says to wait for the page first (an action failed: a reload may be under way).
	seen := 0
	afterSwitch := func(actions int, desc string, wait bool) bool {
		ready := chromedp.Poll(`window.finwait !== undefined && window.finwait.ready === true`, nil,
			chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(60*time.Second))
		if wait {
			_ = chromedp.Run(ctx, ready) // the check below decides
		}
		mu.Lock()
		n := len(switches)
		mu.Unlock()
		if n == seen {
			return false
		}
		seen = n
		if e := chromedp.Run(ctx, ready); e != nil {
			t.Fatalf("action %d (%s): the full module never became ready: %v", actions, desc, e)
		}
		lastTicks = -1
		return true
	}
	var recent []string // the last actions, for a failure's message
	begin := time.Now()
	nextSample, mid := time.Minute, dur/2
	midDone := false
	for time.Since(begin) < dur {
		var act chromedp.Action
		var desc string
		x, y := pt()
		switch r := rng.IntN(100); {
		case r < 35: // click, any button
			b := buttons[rng.IntN(len(buttons))]
			desc = fmt.Sprintf("click %s at %.0f,%.0f", b, x, y)
			act = chromedp.Tasks{
				input.DispatchMouseEvent(input.MousePressed, x, y).WithButton(b).WithClickCount(1),
				input.DispatchMouseEvent(input.MouseReleased, x, y).WithButton(b).WithClickCount(1),
			}
		case r < 50: // drag
			x2, y2 := pt()
			desc = fmt.Sprintf("drag %.0f,%.0f to %.0f,%.0f", x, y, x2, y2)
			tasks := chromedp.Tasks{input.DispatchMouseEvent(input.MousePressed, x, y).WithButton(input.Left).WithClickCount(1)}
			for i := 1; i <= 5; i++ {
				f := float64(i) / 5
				tasks = append(tasks, input.DispatchMouseEvent(input.MouseMoved, x+(x2-x)*f, y+(y2-y)*f).WithButton(input.Left).WithButtons(1))
			}
			act = append(tasks, input.DispatchMouseEvent(input.MouseReleased, x2, y2).WithButton(input.Left).WithClickCount(1))
		case r < 58: // wheel
			desc = "wheel"
			act = input.DispatchMouseEvent(input.MouseWheel, x, y).WithDeltaX(rng.Float64()*200 - 100).WithDeltaY(rng.Float64()*600 - 300)
		case r < 63: // hover
			desc = "hover"
			act = input.DispatchMouseEvent(input.MouseMoved, x, y)
		case r < 92: // a key, sometimes with Alt or Ctrl
			k := keys[rng.IntN(len(keys))]
			var mod input.Modifier
			switch rng.IntN(8) {
			case 0:
				mod = input.ModifierAlt
			case 1:
				mod = input.ModifierCtrl
			}
			down := input.DispatchKeyEvent(input.KeyDown).WithKey(k.key).WithCode(k.code).WithWindowsVirtualKeyCode(k.vk).WithModifiers(mod)
			if k.text != "" && mod == 0 {
				down = down.WithText(k.text)
			}
			desc = fmt.Sprintf("key %q modifiers %d", k.key, mod)
			up := input.DispatchKeyEvent(input.KeyUp).WithKey(k.key).WithCode(k.code).WithWindowsVirtualKeyCode(k.vk).WithModifiers(mod)
			if rng.IntN(2) == 0 {
				act = chromedp.Tasks{down, up}
			} else { // held across a tick, so the app sees it
				act = chromedp.Tasks{down, chromedp.Evaluate(`window.keyFrom = window.finwait.ticks; true`, nil),
					chromedp.Poll(`window.finwait.ticks > window.keyFrom`, nil, chromedp.WithPollingInterval(5*time.Millisecond)), up}
			}
		default: // a drop: a link, text, a scenario file (good or bad)
			kind := rng.IntN(4)
			desc = fmt.Sprintf("drop kind %d", kind)
			act = drop(x, y, kind)
		}
		recent = append(recent[max(0, len(recent)-9):], desc)
		actx, cancelA := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Run(actx, act)
		cancelA()
		if err != nil && afterSwitch(actions, desc, true) {
			err = nil
		}
		if err != nil {
			var alive string
			dctx, cancelD := context.WithTimeout(ctx, 5*time.Second)
			if e := chromedp.Run(dctx, chromedp.Evaluate(`"ticks " + window.finwait.ticks + ", " + location.href`, &alive)); e != nil {
				alive = "the page does not answer: " + e.Error()
			}
			cancelD()
			t.Fatalf("action %d (%s): %v; %s (the last ones: %q; navigations %q, problems %q)", actions, desc, err, alive, recent, navs, problems)
		}
		actions++
		if actions%8 == 0 {
			// the page must keep ticking: a frozen (or gone) page fails here
			ticking := func() error {
				return chromedp.Run(ctx, chromedp.Poll(`window.finwait !== undefined && window.finwait.ticks > `+strconv.Itoa(lastTicks), nil,
					chromedp.WithPollingInterval(5*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second)),
					chromedp.Evaluate(`window.finwait.ticks`, &lastTicks))
			}
			afterSwitch(actions, desc, false)
			err := ticking()
			if err != nil && afterSwitch(actions, desc, true) {
				err = ticking()
			}
			if err != nil {
				t.Fatalf("after %d actions the page does not tick: %v (the last ones: %q; navigations %q, problems %q)", actions, err, recent, navs, problems)
			}
		}
		el := time.Since(begin)
		if !midDone && el >= mid {
			midDone = true
			measure(el, actions)
		} else if el >= nextSample {
			nextSample += time.Minute
			measure(el, actions)
		}
	}
	afterSwitch(actions, "the end", true) // a switch the last actions started has finished
	end := measure(time.Since(begin), actions)
	var href string
	var targets []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`location.origin + location.pathname`, &href),
		chromedp.Evaluate(`window.finwait.ready`, nil)); err != nil {
		t.Fatal(err)
	}
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range infos {
		if ti.Type == "page" {
			targets = append(targets, ti.URL)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	t.Logf("monkey: %d actions in %v; navigations %d, console errors and exceptions %d; JS heap %.2f MB → %.2f MB; .wasm memory %.1f MB → %.1f MB",
		actions, time.Since(begin).Round(time.Second), len(navs), len(problems), samples[0].jsUsed/1e6, end.jsUsed/1e6, samples[0].wasm/1e6, end.wasm/1e6)
	t.Logf("monkey: %d switches to the full module (the terminal panel's control)", len(switches))
	if len(navs) > 0 {
		t.Errorf("the page navigated: %q", navs)
	}
	if len(problems) > 0 {
		t.Errorf("console errors or exceptions: %s", strings.Join(problems, "\n"))
	}
	if href != baseURL+"/" {
		t.Errorf("the page is at %s", href)
	}
	if len(targets) > 2 { // this tab and the browser's first one
		t.Errorf("tabs opened: %q", targets)
	}
}

// moduleSwitch matches the page going to its full module at the same moment (render/app's
// SetToolsSwitch: the terminal panel's control or key in the main module): the page itself with
// tool= in its query.
var moduleSwitch = regexp.MustCompile(`^http://127\.0\.0\.1:\d+/\?(.*&)?tool=`)
