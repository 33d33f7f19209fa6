package scenario

import (
	"fmt"

	"finwait/core/tcp"
	"finwait/core/trace"
)

// Moment is a run stopped at a virtual time: the model's network as it stands then (for views
// such as core/toolview's; read it, do not drive it) and the trace up to and including that time.
type Moment struct {
	T     int64 // µs
	Net   *tcp.Net
	Trace *trace.Trace
}

// RunUntil runs a scenario up to virtual time t (µs; every event due at t included) and stops
// there. The model is deterministic, so the moment is exactly the state the whole run passes
// through at t: the trace so far is the prefix of Run's trace (its events with T ≤ t).
func RunUntil(sc Scenario, opt RunOptions, t int64) (*Moment, error) {
	if t < 0 {
		return nil, fmt.Errorf("scenario %s: moment %s is before the start", sc.Name, trace.FormatTime(t))
	}
	opt.NoTrace = false
	r, err := start(sc, opt)
	if err != nil {
		return nil, err
	}
	n := r.net
	horizon := n.MaxTime
	if t > horizon {
		return nil, fmt.Errorf("scenario %s: moment %s is after the run's horizon %s", sc.Name, trace.FormatTime(t), trace.FormatTime(horizon))
	}
	n.MaxTime = t
	err = n.Run()
	n.MaxTime = horizon
	if err != nil {
		return nil, r.violated(err)
	}
	if r.err != nil {
		return nil, r.err
	}
	if n.Stopped() {
		return nil, fmt.Errorf("scenario %s (%s): %w before %s of virtual time", sc.Name, r.prof, ErrRunTooLong, trace.FormatTime(t))
	}
	tr := n.Trace()
	tr.Scenario, tr.Profile, tr.EndUs = sc.Name, r.prof.String(), t
	return &Moment{T: t, Net: n, Trace: tr}, nil
}
