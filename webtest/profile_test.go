//go:build !js

package webtest

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// TestProfilePlaying samples the page's main thread (Chromium's JS/wasm profiler) while it plays
// the catalog's largest scenario for scriptWindow and logs the functions with the most time, self
// and with their callees: where the script time of TestScriptTime goes. It runs when
// FINWAIT_PROFILE is set; function names need a .wasm built without -s -w (make profile-web).
// With FINWAIT_BARE (a bare Ebiten .wasm) it profiles the bare page instead, for comparison.
func TestProfilePlaying(t *testing.T) {
	if os.Getenv("FINWAIT_PROFILE") == "" {
		t.Skip("FINWAIT_PROFILE unset (make profile-web)")
	}
	var ctx context.Context
	var start chromedp.Tasks
	if bare := os.Getenv("FINWAIT_BARE"); bare != "" { // the bare Ebiten page instead
		ctx = tab(t)
		start = chromedp.Tasks{chromedp.Navigate(serveBare(t, bare)), chromedp.Sleep(time.Second)}
	} else {
		ctx = page(t, "?scenario=port_exhaustion&autoplay=0&speed=0.25")
		start = chromedp.Tasks{chromedp.Evaluate(`window.postMessage({finwait: "play"}, "*"); true`, nil),
			chromedp.Poll(`window.finwait.state().playing === true`, nil, chromedp.WithPollingInterval(20*time.Millisecond))}
	}
	var prof *profiler.Profile
	if err := chromedp.Run(ctx, start,
		profiler.Enable(), profiler.SetSamplingInterval(200), profiler.Start(),
		chromedp.Sleep(scriptWindow),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			prof, err = profiler.Stop().Do(ctx)
			return err
		})); err != nil {
		t.Fatal(err)
	}
	parent := map[int64]int64{}
	byID := map[int64]*profiler.ProfileNode{}
	for _, n := range prof.Nodes {
		byID[n.ID] = n
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	self, total := map[string]float64{}, map[string]float64{}
	var all float64
	for i, id := range prof.Samples {
		ms := float64(prof.TimeDeltas[i]) / 1000
		name := byID[id].CallFrame.FunctionName
		if name == "(idle)" || name == "(program)" || name == "(garbage collector)" {
			continue
		}
		all += ms
		self[name] += ms
		seen := map[string]bool{}
		for n := id; n != 0; n = parent[n] {
			if f := byID[n].CallFrame.FunctionName; !seen[f] {
				seen[f] = true
				total[f] += ms
			}
		}
	}
	secs := (prof.EndTime - prof.StartTime) / 1e6
	t.Logf("profile: %.0f ms of script in %.1f s", all, secs)
	for _, m := range []struct {
		what string
		by   map[string]float64
	}{{"self", self}, {"total", total}} {
		names := make([]string, 0, len(m.by))
		for n := range m.by {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool { return m.by[names[i]] > m.by[names[j]] })
		for _, n := range names[:min(len(names), 40)] {
			t.Logf("profile %s %6.1f ms/s %s", m.what, m.by[n]/secs, n)
		}
	}
}
