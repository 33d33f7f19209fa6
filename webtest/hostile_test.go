//go:build !js

package webtest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"finwait/internal/webstate"
	"finwait/render/i18n"
)

// Hostile URL values: each shows the message internal/webstate promises (the same words, from the
// message table, in the URL's language), and the page runs with the value it says it uses.
func TestHostileURLValues(t *testing.T) {
	for _, c := range []struct {
		query   string
		want    []string
		t       int64 // the moment on screen; -1: not checked (it autoplays)
		playing bool
	}{
		{"?t=NaN&autoplay=yes&profile=", []string{
			`profile="": scenario normal_active_close has the profiles modern, 2.6; using modern.`,
			`t="NaN": not a time (write 1.5s, 540ms or seconds); using 0.`,
			`autoplay="yes": want 1 or 0; using 1.`}, -1, true},
		{"?t=Infinity&autoplay=&lang=zh", []string{
			`t="Infinity": 不是时间 (写 1.5s、540ms 或秒数); 改用 0。`,
			`autoplay="": 应为 1 或 0; 改用 1。`}, -1, true},
		{"?t=99h&autoplay=0", []string{`t="99h": past 4h, the longest a run lasts; using 0.`}, 0, false},
		{"?scenario=normal_active_close&t=10m", []string{`t="10m": the run ends at 60.540 s; using 60.540 s.`}, 60_540_000, false},
	} {
		ctx := page(t, c.query)
		var msgs []string
		if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll("#messages li")).map(li => li.textContent)`, &msgs)); err != nil {
			t.Fatal(err)
		}
		if strings.Join(msgs, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: messages\n%s\nwant\n%s", c.query, strings.Join(msgs, "\n"), strings.Join(c.want, "\n"))
		}
		s := getState(t, ctx)
		if c.t >= 0 && s.T != c.t || s.Playing != c.playing {
			t.Errorf("%s: t=%d playing=%v, want t=%d playing=%v", c.query, s.T, s.Playing, c.t, c.playing)
		}
	}
}

// errorsSoFar is the messages of the "error" events the page has posted to itself (a top-level page
// is its own parent) since catchErrors.
const catchErrors = `window.errs = []; if (!window.errsOn) { window.errsOn = true; window.addEventListener("message", e => {
	if (e.data && e.data.finwait === "error") { window.errs.push(e.data.state.message); } }); } true`

func errorsSoFar(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var errs []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.errs`, &errs)); err != nil {
		t.Fatal(err)
	}
	return errs
}

// Hostile postMessage commands: each refused command gets its own "error" event with the message
// of the table; a seek past the end shows the end and says so; the view stays where it was.
func TestHostileCommands(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0&t=530ms")
	post := `for (const m of [
		{finwait: "seek", t: NaN}, {finwait: "seek", t: -5}, {finwait: "seek", t: Infinity}, {finwait: "seek", t: "99h"},
		{finwait: "seek"}, {finwait: "seek", t: {}},
		{finwait: "load", scenario: "linger_zero", profile: ""}, {finwait: "load", scenario: "linger_zero", profile: "4.19"},
		{finwait: "load", scenario: ""}, {finwait: "stop"}]) { window.postMessage(m, "*"); } true`
	want := []string{
		"seek: t=NaN: not a time (write 1.5s, 540ms or seconds)",
		"seek: t=-5: a moment cannot be before the run starts",
		"seek: t=+Inf: not a time (write 1.5s, 540ms or seconds)",
		`seek: t="99h": past 4h, the longest a run lasts`,
		"seek: t=undefined: missing",
		"seek: t=?: not a time (write 1.5s, 540ms or seconds)",
		`load: profile="": scenario linger_zero has the profiles modern, 2.6`,
		`load: profile="4.19": scenario linger_zero has the profiles modern, 2.6`,
		// MaxNotes (8) a frame: the rest are counted
		"2 more commands refused",
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(catchErrors, nil), chromedp.Evaluate(post, nil),
		chromedp.Poll(`window.errs.length >= 9`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("%v: errors %q", err, errorsSoFar(t, ctx))
	}
	if got := errorsSoFar(t, ctx); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("error events\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := getState(t, ctx); s.Scenario != "normal_active_close" || s.T != 530000 {
		t.Errorf("refused commands moved the view: %+v", s)
	}
	// past the end: shown at the end, and said
	if err := chromedp.Run(ctx, chromedp.Evaluate(catchErrors, nil), chromedp.Evaluate(`window.postMessage({finwait: "seek", t: "10m"}, "*"); true`, nil),
		chromedp.Poll(`window.errs.length >= 1`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatal(err)
	}
	if got := errorsSoFar(t, ctx); len(got) != 1 || got[0] != "seek: t=600.000 s: the run ends at 60.540 s; showing its end" {
		t.Errorf("past the end: %q", got)
	}
	if s := getState(t, ctx); s.T != 60_540_000 || s.End != s.T {
		t.Errorf("seek past the end shows t=%d", s.T)
	}
	// the URL's language
	ctx = page(t, "?autoplay=0&lang=zh")
	if err := chromedp.Run(ctx, chromedp.Evaluate(catchErrors, nil), chromedp.Evaluate(`window.postMessage({finwait: "seek", t: -1}, "*"); true`, nil),
		chromedp.Poll(`window.errs.length >= 1`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatal(err)
	}
	if got := errorsSoFar(t, ctx); len(got) != 1 || got[0] != "seek: t=-1: "+i18n.Msg(i18n.ZH, i18n.WebParamTimeNegative) {
		t.Errorf("zh: %q", got)
	}
}

// A flood of 10,000 loads is carried out as its last load (or a few: the flood may span frames),
// and the error events say how many were replaced; the page keeps drawing.
func TestCommandFlood(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	start := time.Now()
	if err := chromedp.Run(ctx, chromedp.Evaluate(catchErrors, nil),
		chromedp.Evaluate(`const names = window.finwait.scenarios();
			for (let i = 0; i < 9999; i++) { window.postMessage({finwait: "load", scenario: names[i % names.length]}, "*"); }
			window.postMessage({finwait: "load", scenario: "linger_zero", t: "1ms"}, "*"); true`, nil),
		chromedp.Poll(`window.finwait.state().scenario === "linger_zero" && window.finwait.state().t === 1000 && window.errs.length > 0`,
			nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("the flood's last load never showed: %v (errors %q)", err, errorsSoFar(t, ctx))
	}
	t.Logf("10,000 loads: the last shown after %v", time.Since(start).Round(time.Millisecond))
	replaced := 0
	for _, e := range errorsSoFar(t, ctx) {
		var n int
		if _, err := fmt.Sscanf(e, "load: %d commands replaced by a later one before they could be carried out", &n); err != nil {
			t.Errorf("unexpected error event %q", e)
		}
		replaced += n
	}
	carried := 10000 - replaced
	t.Logf("carried out %d of 10,000 loads", carried)
	if carried < 1 || carried > webstate.MaxPending {
		t.Errorf("%d loads carried out: the queue should coalesce a burst", carried)
	}
	var ticks int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.finwait.ticks`, &ticks),
		chromedp.Poll(`window.finwait.ticks > `+strconv.Itoa(ticks+5), nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("the page stopped updating after the flood: %v", err)
	}
}

// The page cancels what the browser would turn into leaving it: a link or text dropped on it, the
// mouse's back and forward buttons, Alt+←/→, a middle click, dragging something out of it.
func TestPageCancelsWhatWouldLeaveIt(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	var got map[string]bool
	js := `(function () {
		const c = document.querySelector("canvas"), out = {};
		function drop(type, data) {
			const dt = new DataTransfer();
			dt.setData(type, data);
			const over = c.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
			const d = c.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
			return !over && !d;
		}
		out["drop a link"] = drop("text/uri-list", "about:blank");
		out["drop text"] = drop("text/plain", "https://example.org/");
		out["drag the canvas"] = !c.dispatchEvent(new DragEvent("dragstart", {bubbles: true, cancelable: true}));
		out["mouse back"] = !c.dispatchEvent(new MouseEvent("mouseup", {button: 3, bubbles: true, cancelable: true}));
		out["mouse forward"] = !c.dispatchEvent(new MouseEvent("mouseup", {button: 4, bubbles: true, cancelable: true}));
		out["middle click"] = !c.dispatchEvent(new MouseEvent("auxclick", {button: 1, bubbles: true, cancelable: true}));
		out["alt left"] = !c.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowLeft", altKey: true, bubbles: true, cancelable: true}));
		out["alt right"] = !c.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowRight", altKey: true, bubbles: true, cancelable: true}));
		out["browser back key"] = !c.dispatchEvent(new KeyboardEvent("keydown", {key: "BrowserBack", bubbles: true, cancelable: true}));
		return out;
	})()`
	if err := chromedp.Run(ctx, chromedp.Evaluate(js, &got)); err != nil {
		t.Fatal(err)
	}
	for name, ok := range got {
		if !ok {
			t.Errorf("%s: not cancelled", name)
		}
	}
	if len(got) != 9 {
		t.Errorf("checked %d cases: %v", len(got), got)
	}
}

// The moment follows the diagram into the URL (replaceState), so a reload returns to it.
func TestReloadReturnsToTheMoment(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0&theme=dark")
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`window.postMessage({finwait: "load", scenario: "simultaneous_close", profile: "2.6", t: "950ms"}, "*"); true`, nil),
		chromedp.Poll(`location.search.includes("scenario=simultaneous_close") && location.search.includes("t=950ms") && location.search.includes("profile=2.6")`,
			nil, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		var search string
		_ = chromedp.Run(ctx, chromedp.Evaluate(`location.search`, &search))
		t.Fatalf("the URL does not follow the moment: %v (%s)", err, search)
	}
	var search string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`location.search`, &search), chromedp.Reload(),
		chromedp.Poll(`window.finwait !== undefined && window.finwait.ready === true`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(search, "theme=dark") {
		t.Errorf("the URL lost what it had: %s", search)
	}
	if s := getState(t, ctx); s.Scenario != "simultaneous_close" || s.Profile != "2.6" || s.T != 950000 || s.Playing {
		t.Errorf("after a reload: %+v (URL %s)", s, search)
	}
	var hist int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`history.length`, &hist)); err != nil {
		t.Fatal(err)
	}
	if hist > 2 {
		t.Errorf("history grew to %d entries: the moment must replace, not push", hist)
	}
}
