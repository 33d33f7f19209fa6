//go:build !js

package webtest

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"finwait/core/scenario"
	"finwait/render/i18n"
)

// A scenario file that takes seconds to run does not block the page: the banner shows the run's
// progress while the page keeps drawing (its ticks go on), the run ends with the same trace the
// core gives natively, and Esc cancels a run, leaving the view as it was.
func TestLongRunKeepsThePageResponsive(t *testing.T) {
	data, err := os.ReadFile("../testdata/long/heavy_read_loop.json")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := scenario.Run(sc, scenario.RunOptions{Profile: "modern", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := tr.MarshalJSON()
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	open := `window.finwait.openScenario("heavy.json", ` + jsQuote(string(data)) + `).ok`
	running := `window.finwait.state().notice.startsWith("Running heavy_read_loop… ")`
	var ok bool
	var ticks int
	start := time.Now()
	if err := chromedp.Run(ctx, chromedp.Evaluate(open, &ok)); err != nil || !ok {
		t.Fatalf("openScenario: %v %v", ok, err)
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(running, &ok), chromedp.Evaluate(`window.finwait.ticks`, &ticks)); err != nil || !ok {
		t.Fatalf("no progress in the banner: %v (%+v)", err, getState(t, ctx))
	}
	if s := getState(t, ctx); s.Scenario != "normal_active_close" {
		t.Errorf("the view changed before the run ended: %s", s.Scenario)
	}
	// the page draws on while the run goes: its ticks advance with the banner still up
	var during bool
	if err := chromedp.Run(ctx, chromedp.Poll(`window.finwait.ticks >= `+strconv.Itoa(ticks+5), nil, chromedp.WithPollingInterval(5*time.Millisecond)),
		chromedp.Evaluate(running, &during)); err != nil {
		t.Fatal(err)
	}
	if !during {
		t.Error("the run ended within 5 frames: the file is not heavy enough to test this")
	}
	var got string
	var ticksEnd int
	opened := i18n.Msg(i18n.EN, i18n.FileOpened, "heavy.json", "heavy_read_loop")
	// no timeout of its own (the page's 90 s bound it): a machine shared with others may be slow
	if err := chromedp.Run(ctx, chromedp.Poll(`window.finwait.state().notice === `+jsQuote(opened), nil,
		chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(0)),
		chromedp.Evaluate(`window.finwait.ticks`, &ticksEnd), chromedp.Evaluate(`window.finwait.exportTrace("json")`, &got)); err != nil {
		t.Fatalf("the run never ended: %v (%+v)", err, getState(t, ctx))
	}
	t.Logf("heavy_read_loop ran in the page in %v over %d updates", time.Since(start).Round(time.Millisecond), ticksEnd-ticks)
	if got != string(want) {
		t.Error("the page's trace differs from the core's")
	}

	// cancelled with Esc: the view as it was
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`window.postMessage({finwait: "load", scenario: "simultaneous_close"}, "*"); true`, nil),
		chromedp.Poll(`window.finwait.state().scenario === "simultaneous_close"`, nil),
		chromedp.Evaluate(open, &ok), chromedp.Evaluate(running, &ok),
		chromedp.Evaluate(`document.querySelector("canvas").focus(); window.keyFrom = window.finwait.ticks; true`, nil),
		input.DispatchKeyEvent(input.KeyDown).WithKey("Escape").WithCode("Escape").WithWindowsVirtualKeyCode(27),
		chromedp.Poll(`window.finwait.ticks >= window.keyFrom + 3`, nil),
		input.DispatchKeyEvent(input.KeyUp).WithKey("Escape").WithCode("Escape").WithWindowsVirtualKeyCode(27),
	); err != nil {
		t.Fatal(err)
	}
	var notice string
	if err := chromedp.Run(ctx, chromedp.Poll(`!`+running, nil), chromedp.Evaluate(`window.finwait.state().notice`, &notice)); err != nil {
		t.Fatal(err)
	}
	if want := i18n.Msg(i18n.EN, i18n.RunCancelled, "heavy_read_loop"); notice != want {
		t.Errorf("after Esc the banner says %q, want %q", notice, want)
	}
	if s := getState(t, ctx); s.Scenario != "simultaneous_close" {
		t.Errorf("after a cancelled run the page shows %s", s.Scenario)
	}
	if !strings.Contains(notice, "heavy_read_loop") {
		t.Error("the banner does not name the run")
	}
}
