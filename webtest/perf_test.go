//go:build !js

package webtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
)

// barePage is the page that runs bin/bare.wasm (an Ebiten program that only fills the screen) as
// the app's page runs finwait.wasm: wasm_exec.js, then WebAssembly.instantiateStreaming.
const barePage = `<!doctype html><html><head><meta charset="utf-8">
<script src="wasm_exec.js"></script><script src="bare.js"></script></head><body></body></html>`

const bareJS = `const go = new Go();
WebAssembly.instantiateStreaming(fetch("bare.wasm"), go.importObject).then(r => go.run(r.instance));`

// scriptWindow is how long each figure of TestScriptTime is measured over, scriptRounds how often.
const (
	scriptWindow = 3 * time.Second
	scriptRounds = 5
)

// TestScriptTime measures the main thread's script time per second of wall clock (Chromium's
// Performance.getMetrics ScriptDuration) of a bare Ebiten page, of finwait paused (its loop
// asleep) and of finwait playing the catalog's largest scenario, in the same browser, scriptRounds
// rounds taken in turn; it reports the medians and the median of each round's ratio to the bare
// page's (rounds taken seconds apart share the machine's load); make bench-web runs it
// (FINWAIT_BARE names bin/bare.wasm). Issue 13's goals: paused <= 1.2x the bare page, playing
// <= 2x. The figures are reported, not asserted: they are wall-clock measurements.
func TestScriptTime(t *testing.T) {
	bare := os.Getenv("FINWAIT_BARE")
	if bare == "" {
		t.Skip("FINWAIT_BARE unset (make bench-web)")
	}
	bareURL := serveBare(t, bare)

	var bareMs, pausedMs, playingMs []float64
	for round := 0; round < scriptRounds; round++ {
		ctx := tab(t)
		if err := chromedp.Run(ctx, chromedp.Navigate(bareURL),
			chromedp.Poll(`document.querySelector("canvas") !== null`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
			chromedp.Sleep(time.Second)); err != nil {
			t.Fatalf("bare page: %v", err)
		}
		bareMs = append(bareMs, scriptPerSecond(t, ctx))

		ctx = page(t, "?scenario=port_exhaustion&autoplay=0&speed=0.25")
		if err := chromedp.Run(ctx, chromedp.Poll(`window.finwait.state().asleep === true`, nil, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
			t.Fatalf("the paused page never fell asleep: %v", err)
		}
		pausedMs = append(pausedMs, scriptPerSecond(t, ctx))

		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.postMessage({finwait: "play"}, "*"); true`, nil),
			chromedp.Poll(`window.finwait.state().playing === true`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
			t.Fatal(err)
		}
		playingMs = append(playingMs, scriptPerSecond(t, ctx))
		var playing bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.finwait.state().playing`, &playing)); err != nil {
			t.Fatal(err)
		}
		if !playing {
			t.Fatalf("round %d: playback ended inside the measured window", round)
		}
	}
	ratio := func(v []float64) float64 {
		r := make([]float64, len(v))
		for i := range v {
			r[i] = v[i] / bareMs[i]
		}
		return median(r)
	}
	t.Logf("script time (ms per s, medians of %d rounds): bare Ebiten %.1f %v", len(bareMs), median(bareMs), rounded(bareMs))
	t.Logf("script time: paused %.1f, %.2fx bare (median of the rounds' ratios; goal <= 1.2x) %v", median(pausedMs), ratio(pausedMs), rounded(pausedMs))
	t.Logf("script time: playing %.1f, %.2fx bare (median of the rounds' ratios; goal <= 2x) %v", median(playingMs), ratio(playingMs), rounded(playingMs))
}

// serveBare serves the bare page with the .wasm at path bare; it returns the page's URL.
func serveBare(t *testing.T, bare string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range map[string]string{"bare.wasm": bare, "wasm_exec.js": filepath.Join(os.Getenv("FINWAIT_DIST"), "wasm_exec.js")} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range map[string]string{"index.html": barePage, "bare.js": bareJS} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL + "/"

}

// tab opens a blank tab in the shared browser.
func tab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	return ctx
}

// scriptPerSecond is the tab's main-thread script time over scriptWindow, in ms per second.
func scriptPerSecond(t *testing.T, ctx context.Context) float64 {
	t.Helper()
	script := func() (float64, time.Time) {
		var ms []*performance.Metric
		if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			ms, err = performance.GetMetrics().Do(ctx)
			return err
		})); err != nil {
			t.Fatal(err)
		}
		at := time.Now()
		for _, m := range ms {
			if m.Name == "ScriptDuration" {
				return m.Value, at
			}
		}
		t.Fatal("Performance.getMetrics: no ScriptDuration")
		return 0, at
	}
	if err := chromedp.Run(ctx, performance.Enable()); err != nil {
		t.Fatal(err)
	}
	s0, t0 := script()
	if err := chromedp.Run(ctx, chromedp.Sleep(scriptWindow)); err != nil {
		t.Fatal(err)
	}
	s1, t1 := script()
	return (s1 - s0) * 1000 / t1.Sub(t0).Seconds()
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func rounded(v []float64) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = strconv.FormatFloat(x, 'f', 1, 64)
	}
	return out
}
