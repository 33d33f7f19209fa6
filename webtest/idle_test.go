//go:build !js

package webtest

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// awake is the app's awake spell after a wake-up, in frames (render/app awakeTicks).
const awake = 30

// Issue 13, no CPU while paused: paused with nothing moving, the app's frame loop sleeps (its
// drawn-frame counter stands still), and a postMessage command, a key press or playing wakes it.
func TestPausedPageStopsDrawing(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	frames := func() int {
		t.Helper()
		var n int
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.finwait.frames`, &n)); err != nil {
			t.Fatal(err)
		}
		return n
	}
	sleepy := chromedp.Poll(`window.finwait.state().asleep === true`, nil, chromedp.WithPollingInterval(50*time.Millisecond))
	// flat: asleep, the drawn frames do not change over two seconds of the page's life
	flat := func(what string) int {
		t.Helper()
		if err := chromedp.Run(ctx, sleepy); err != nil {
			t.Fatalf("%s: the loop never fell asleep: %v", what, err)
		}
		f0 := frames()
		if err := chromedp.Run(ctx, chromedp.Sleep(2*time.Second)); err != nil {
			t.Fatal(err)
		}
		if f1 := frames(); f1 != f0 {
			t.Fatalf("%s: paused, the page drew %d frames in 2 s (want 0)", what, f1-f0)
		}
		return f0
	}
	wakes := func(what string, f0 int) {
		t.Helper()
		if err := chromedp.Run(ctx, chromedp.Poll(`window.finwait.frames > `+strconv.Itoa(f0), nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
			t.Fatalf("%s did not wake the loop: %v", what, err)
		}
	}

	f := flat("at start")
	end := getState(t, ctx).End
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.postMessage({finwait: "seek", t: `+strconv.FormatInt(end/2, 10)+`}, "*"); true`, nil)); err != nil {
		t.Fatal(err)
	}
	wakes("a postMessage seek", f)
	if err := chromedp.Run(ctx, chromedp.Poll(`window.finwait.state().t === `+strconv.FormatInt(end/2, 10), nil)); err != nil {
		t.Fatalf("the seek was not applied: %v", err)
	}

	f = flat("after the seek")
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector("canvas").focus(); true`, nil), press(keyHome)); err != nil {
		t.Fatal(err)
	}
	wakes("the Home key", f)
	if err := chromedp.Run(ctx, chromedp.Poll(`window.finwait.state().t === 0`, nil)); err != nil {
		t.Fatalf("Home did not go to the start: %v", err)
	}

	f = flat("after Home")
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.postMessage({finwait: "play"}, "*"); true`, nil)); err != nil {
		t.Fatal(err)
	}
	// playing, the loop stays awake past its awake spell after a wake-up
	if err := chromedp.Run(ctx, chromedp.Poll(`window.finwait.frames > `+strconv.Itoa(f+awake+30), nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("playing did not keep the loop drawing: %v", err)
	}
}

// Issue 13 (power while playing): while only playback moves, the page runs a frame every second
// display frame (app.SetFramePacer, wasm/pace_js.go): about two of the browser's animation frames
// per drawn frame, where the display's rate draws at every one (the ratio holds however fast the
// loaded machine runs its animation frames). Playback keeps its pace: the clock goes on at 60
// ticks a second of the page's time, about two a drawn frame.
func TestPlaybackDrawsEverySecondFrame(t *testing.T) {
	ctx := page(t, "?scenario=port_exhaustion&autoplay=0&speed=0.25")
	var before, after struct {
		Ticks, Frames, Rafs int
		Now                 float64
	}
	const read = `({ticks: window.finwait.ticks, frames: window.finwait.frames, rafs: window.rafs, now: performance.now()})`
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`window.rafs = 0; (function count() { window.rafs++; requestAnimationFrame(count); })(); true`, nil),
		chromedp.Evaluate(`window.postMessage({finwait: "play"}, "*"); true`, nil),
		chromedp.Poll(`window.finwait.state().playing === true`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		chromedp.Sleep(500*time.Millisecond),
		chromedp.Evaluate(read, &before),
		chromedp.Sleep(3*time.Second),
		chromedp.Evaluate(read, &after),
	); err != nil {
		t.Fatal(err)
	}
	ticks, frames, rafs := after.Ticks-before.Ticks, after.Frames-before.Frames, after.Rafs-before.Rafs
	secs := (after.Now - before.Now) / 1000
	if frames == 0 || ticks == 0 {
		t.Fatalf("playing, %d ticks and %d frames in %.1f s", ticks, frames, secs)
	}
	if r := float64(rafs) / float64(frames); r < 1.7 || r > 2.5 {
		t.Errorf("playing, %d drawn frames in %d animation frames (one in %.2f; want one in about 2)", frames, rafs, r)
	}
	if tps := float64(ticks) / secs; tps < 40 {
		t.Errorf("playing, the game's clock ran %.0f ticks a second (want about 60)", tps)
	}
	t.Logf("playing: %d ticks, %d frames, %d animation frames in %.2f s", ticks, frames, rafs, secs)
}
