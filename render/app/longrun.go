package app

import (
	"errors"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/source"
)

// Long runs. A scenario from a file may take seconds to run (a read loop every few µs, up to the
// core's step bound); run in one go it would freeze the page, whose only thread draws and takes
// input too, with nothing on screen. So a run goes runSlice scheduler events at a time. When the
// first slice ends it (every catalog scenario: the longest takes about a thousand events), it
// is shown at once, as before. Otherwise the view stays as it was, the banner says how far the
// run is (virtual time and events so far) and that × or Esc cancels it, and each Update runs one
// more slice, yielding to the browser in between, until the run ends: then it is shown (or its
// error), exactly as if it had run at once (core/scenario's Job slices change nothing in a run).

// runSlice is the scheduler events of one slice: about 3 ms native, 30-50 ms in the page under a
// software GPU on a busy machine (heavy_read_loop.json, 1.5 million events, runs in 150 frames).
const runSlice = 10_000

// errCancelled is what a cancelled run ends with.
var errCancelled = errors.New("cancelled")

// longRun is a run that did not end within its first slice.
type longRun struct {
	job   *source.Job
	name  string
	apply func(*trace.Trace) // show the trace
	done  func(error)        // after apply, or on an error or errCancelled; may be nil
}

// runScenario runs sc in profile and applies its trace. A run that ends within the first slice
// (or any run while g.sync is set: New, screenshots) is applied before it returns, and its error
// returned. A longer one goes on in later Updates and returns nil now: done hears how it ended.
// Starting a run cancels one still going (the newer request is what the user wants).
func (g *Game) runScenario(sc scenario.Scenario, profile string, apply func(*trace.Trace), done func(error)) error {
	g.cancelRun()
	job, err := source.Start(sc, source.RunOptions{Profile: profile, Seed: g.opt.Seed})
	if err != nil {
		return err
	}
	if !job.Advance(runSlice) && !g.sync && g.opt.Shot == "" {
		g.long = &longRun{job: job, name: sc.Name, apply: apply, done: done}
		g.showProgress()
		return nil
	}
	tr, err := job.Result()
	if err != nil {
		return err
	}
	apply(tr)
	return nil
}

// Running reports whether a long run is going on (the page's state() says it too).
func (g *Game) Running() bool { return g.long != nil }

// advanceRun runs one more slice of a long run, and shows the run when it ends.
func (g *Game) advanceRun() {
	l := g.long
	if l == nil {
		return
	}
	if !l.job.Advance(runSlice) {
		g.showProgress()
		return
	}
	g.long = nil
	g.notice = ""
	tr, err := l.job.Result()
	if err == nil {
		l.apply(tr)
	}
	if l.done != nil {
		l.done(err)
	} else {
		g.run(err)
	}
}

// cancelRun stops a long run; the view is as it was, and the banner says so.
func (g *Game) cancelRun() bool {
	l := g.long
	if l == nil {
		return false
	}
	g.long = nil
	if l.done != nil {
		l.done(errCancelled)
	}
	g.notice, g.noticeErr = i18n.Msg(g.lang, i18n.RunCancelled, l.name), false
	return true
}

func (g *Game) showProgress() {
	now, steps := g.long.job.Progress()
	g.notice, g.noticeErr = i18n.Msg(g.lang, i18n.RunProgress, g.long.name, trace.FormatTime(now), steps), false
}
