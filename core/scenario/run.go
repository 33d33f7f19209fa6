package scenario

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"finwait/core/tcp"
	"finwait/core/trace"
	"finwait/core/wire"
)

// RunOptions choose how a scenario runs.
type RunOptions struct {
	Profile string // "modern" or "2.6"; "" = modern, or the scenario's only profile
	Seed    int64
	NoTrace bool // counters and final state only (benchmarks)
	// Every run checks the model's invariants at a cost bounded by its own work
	// (tcp.Net.BoundedInvariants) and again when it ends; Check checks them after every event
	// (tests, fuzzing, the CLI), NoCheck not at all (benchmarks of the model alone). A violation
	// is an error wrapping ErrInvariant, never a trace.
	Check   bool
	NoCheck bool
	// MaxTime stops the run at this virtual time (µs); 0 means Horizon (four hours, far beyond
	// any catalog scenario). An action due after it is refused (Validate).
	MaxTime int64
	// MaxSteps bounds the scheduler events of a run (0: two million); a run that needs more is an
	// error, so a scenario file whose loops never end cannot hang the page or fill its memory.
	// The catalog's longest run takes about a thousand.
	MaxSteps uint64
}

// ErrInvariant is wrapped by Run's error when the model broke one of its own invariants: a bug
// in the model, not in the scenario.
var ErrInvariant = errors.New("invariant violated")

// ErrRunTooLong is wrapped by Run's error when a run hits RunOptions.MaxSteps or the trace-event
// bound before it ends.
var ErrRunTooLong = errors.New("run stopped at its limit")

const (
	defaultMaxSteps = 2_000_000
	// maxTraceEvents bounds a traced run's events (about 36 MB of trace): past it the run stops
	// with an error, as for MaxSteps. The catalog's largest trace has 274.
	maxTraceEvents = 100_000
)

// ProfileFor resolves the profile a run uses, with an error naming the profiles a scenario has.
func (sc *Scenario) ProfileFor(asked string) (tcp.Profile, error) {
	have := sc.Profiles
	if len(have) == 0 {
		have = []string{"modern", "2.6"}
	}
	if asked == "" {
		asked = have[0]
	}
	p, err := tcp.ParseProfile(asked)
	if err != nil {
		return p, err
	}
	for _, h := range have {
		if h == asked {
			return p, nil
		}
	}
	return p, fmt.Errorf("scenario %s exists only in profile %s, not %s", sc.Name, strings.Join(have, " and "), asked)
}

// ActionError is an application action that could not be carried out (a socket that does not
// exist yet, an unknown option); it names the action and where it is in the scenario.
type ActionError struct {
	Scenario string
	Index    int
	Action   Action
	Err      error
}

func (e *ActionError) Error() string {
	return fmt.Sprintf("scenario %s: action %d (%s on %s at %s): %v", e.Scenario, e.Index, e.Action.Op, e.Action.Host, e.Action.At, e.Err)
}

func (e *ActionError) Unwrap() error { return e.Err }

// Run turns a scenario into a trace (or, with NoTrace, into final state and counters only).
func Run(sc Scenario, opt RunOptions) (*trace.Trace, error) {
	r, err := start(sc, opt)
	if err != nil {
		return nil, err
	}
	return r.finish()
}

// Job is a run carried out in slices: Start makes it, Advance runs it on, Result gives what Run
// would have given (the same trace, byte for byte: slicing changes nothing in the run). The page
// runs a long scenario this way, a slice a frame, to show its progress and let it be cancelled.
type Job struct {
	r    *runner
	done bool
	err  error // an invariant violated: the run ends there
}

// Start checks a scenario and prepares its run, as Run does, without running it.
func Start(sc Scenario, opt RunOptions) (*Job, error) {
	r, err := start(sc, opt)
	if err != nil {
		return nil, err
	}
	return &Job{r: r}, nil
}

// Advance carries out at most steps scheduler events (0: all that are left) and reports whether
// the run is over.
func (j *Job) Advance(steps uint64) bool {
	if !j.done {
		j.done, j.err = j.r.net.RunSome(steps)
	}
	return j.done
}

// Progress is where the run is: its virtual time (µs) and the scheduler events so far.
func (j *Job) Progress() (now int64, steps uint64) { return j.r.net.Now(), j.r.net.S.Steps }

// Result is the run's trace or its error, as Run returns them; the run must be over (Advance
// returned true), else it is finished first.
func (j *Job) Result() (*trace.Trace, error) {
	j.Advance(0)
	if j.err != nil {
		return nil, j.r.violated(j.err)
	}
	return j.r.result()
}

type runner struct {
	sc   Scenario
	opt  RunOptions
	prof tcp.Profile
	net  *tcp.Net
	err  error
}

func start(sc Scenario, opt RunOptions) (*runner, error) {
	maxT := opt.MaxTime
	if maxT == 0 {
		maxT = int64(Horizon)
	}
	if err := sc.validate(Duration(maxT)); err != nil {
		return nil, err
	}
	prof, err := sc.ProfileFor(opt.Profile)
	if err != nil {
		return nil, err
	}
	maxS := opt.MaxSteps
	if maxS == 0 {
		maxS = defaultMaxSteps
	}
	var maxE int
	if !opt.NoTrace {
		maxE = maxTraceEvents
	}
	n := tcp.NewNet(tcp.Config{Seed: opt.Seed, Trace: !opt.NoTrace, Delay: int64(sc.Wire.Delay),
		Rules: append([]wire.Rule(nil), sc.Wire.Rules...), MaxTime: maxT, MaxSteps: maxS, MaxEvents: maxE,
		KeepConns: sc.hasInject()})
	r := &runner{sc: sc, opt: opt, prof: prof, net: n}
	for _, hs := range sc.Hosts {
		addr, _ := tcp.ParseAddr(hs.Addr)
		h := n.NewHost(hs.Name, addr, prof, hs.HZ)
		h.SetTSOffset(hs.TSClockOffsetMs)
		for _, k := range keys(hs.Sysctls) {
			if _, err := h.Sys.Set(prof, k, hs.Sysctls[k]); err != nil {
				return nil, fmt.Errorf("scenario %s: host %s: %w", sc.Name, hs.Name, err)
			}
		}
		h.App.Accept, h.App.Read = hs.App.Accept, hs.App.Read
		h.App.Reply, h.App.CloseOnData = hs.App.Reply, hs.App.CloseOnData
		if hs.App.CloseOnEOF != nil {
			h.App.CloseOnEOF = int64(*hs.App.CloseOnEOF)
		}
	}
	for dir, d := range sc.Wire.Delays { // map order: each direction set once, independently
		a, b, _ := strings.Cut(dir, ">")
		n.SetDelay(n.Host(a), n.Host(b), int64(d))
	}
	if nat := sc.Wire.NAT; nat != nil { // its address and hosts are valid (validate)
		addr, _ := tcp.ParseAddr(nat.Addr)
		ports := map[*tcp.Host]uint16{}
		for _, hn := range nat.Hosts {
			ports[n.Host(hn)] = uint16(nat.Ports[hn])
		}
		n.SetNAT(addr, ports)
	}
	switch {
	case opt.Check:
		n.Check = n.Invariants
	case !opt.NoCheck:
		n.Check = n.BoundedInvariants
	}
	for i := range sc.Actions {
		a := sc.Actions[i]
		idx := i
		n.S.At(int64(a.At), func() {
			if err := r.apply(a); err != nil && r.err == nil {
				r.err = &ActionError{Scenario: sc.Name, Index: idx, Action: a, Err: err}
			}
		})
	}
	return r, nil
}

func (r *runner) finish() (*trace.Trace, error) {
	if _, err := r.net.RunSome(0); err != nil {
		return nil, r.violated(err)
	}
	return r.result()
}

// violated is a broken invariant: a bug in the model, never a trace.
func (r *runner) violated(err error) error {
	return fmt.Errorf("scenario %s (%s): %w (a bug in the model, not in the scenario): %w", r.sc.Name, r.prof, ErrInvariant, err)
}

// result is the trace of a run that has ended, or why it is refused.
func (r *runner) result() (*trace.Trace, error) {
	n := r.net
	if !r.opt.NoCheck {
		if err := n.Invariants(); err != nil { // the state the run ends in, whatever the bounded checks skipped
			return nil, r.violated(err)
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if n.Stopped() {
		what := fmt.Sprintf("%d steps (scheduler events and the loops inside them; the bound is %d)", n.Spent(), n.MaxSteps)
		if tr := n.Trace(); tr != nil && n.MaxEvents > 0 && len(tr.Events) >= n.MaxEvents {
			what = fmt.Sprintf("%d trace events (the bound)", len(tr.Events))
		}
		return nil, fmt.Errorf("scenario %s (%s): %w: still running after %s at %s of virtual time; a scenario "+
			"describes a few connections closing and then ends: check actions that repeat (read_loop every, retry_every) "+
			"or loop (send in small non-blocking chunks)",
			r.sc.Name, r.prof, ErrRunTooLong, what, trace.FormatTime(n.Now()))
	}
	if !r.opt.NoCheck {
		if err := n.FinalCheck(); err != nil {
			return nil, r.violated(err)
		}
	}
	tr := n.Trace()
	if tr == nil {
		tr = &trace.Trace{Seed: r.opt.Seed, EndUs: n.Now()}
		for _, h := range n.Hosts {
			tr.Hosts = append(tr.Hosts, h.Name)
		}
	}
	tr.Scenario, tr.Profile = r.sc.Name, r.prof.String()
	tr.EndUs = n.Now()
	tr.Final = map[string]trace.HostFinal{}
	for _, h := range n.Hosts {
		socks := h.Sockets()
		if socks == nil {
			socks = []trace.SocketInfo{}
		}
		tr.Final[h.Name] = trace.HostFinal{Sockets: socks, Sockstat: h.Sockstat(), Counters: h.Counters()}
	}
	return tr, nil
}

func (r *runner) apply(a Action) error {
	h := r.net.Host(a.Host)
	app := h.App
	proc := a.Proc
	if proc == "" {
		proc = "app"
	}
	switch a.Op {
	case OpListen:
		return app.Listen(proc, a.Conn, a.Port, a.Backlog)
	case OpBind:
		return app.Bind(proc, a.Conn, a.Port)
	case OpConnect:
		to := r.net.Host(a.To)
		closeAfter := int64(-1)
		if a.CloseAfter != nil {
			closeAfter = int64(*a.CloseAfter)
		}
		return app.Connect(proc, a.Conn, to.Addr, a.Port, int64(a.RetryEvery), closeAfter, a.Bytes)
	case OpSend:
		return app.Send(proc, a.Conn, a.Bytes, a.NonBlock, a.Chunk)
	case OpRecv:
		return app.Recv(a.Conn, a.Bytes)
	case OpReadLoop:
		closeAfter := int64(-1)
		if a.CloseAfter != nil {
			closeAfter = int64(*a.CloseAfter)
		}
		return app.ReadLoop(a.Conn, a.Bytes, int64(a.Every), closeAfter)
	case OpClose:
		return app.Close(proc, a.Conn)
	case OpShutdown:
		return app.Shutdown(a.Conn, a.How)
	case OpSetsockopt:
		return app.Setsockopt(proc, a.Conn, a.Opt, a.Value, a.Value2)
	case OpSysctl:
		return app.Sysctl(a.Name, a.Setting)
	case OpFork:
		return app.Fork(proc, a.Child)
	case OpKill:
		return app.Kill(proc)
	case OpInject:
		return r.inject(a)
	}
	return fmt.Errorf("unknown op %q", a.Op)
}

// Parse reads a scenario file (JSON), with errors that say what was wrong and where: the line,
// the column and the field (jsondec.go), or the action or host that fails validation.
func Parse(data []byte) (Scenario, error) {
	var sc Scenario
	if len(data) > MaxFileSize {
		return sc, fmt.Errorf("scenario file: %w", ErrTooLarge)
	}
	v, err := parseJSON(data)
	if err == nil {
		if v.kind != '{' {
			line, col := lineCol(data, int64(v.off))
			err = &fileError{line: line, col: col, msg: "a scenario file holds one object: {\"name\": …, \"hosts\": […], …}"}
		} else {
			err = (&decoder{data: data}).decode(v, reflect.ValueOf(&sc).Elem(), "")
		}
	}
	if err != nil {
		return Scenario{}, fmt.Errorf("scenario file: %w", err)
	}
	if err := sc.Validate(); err != nil {
		if ve, ok := err.(*ValidationError); ok {
			ve.locate(v, data)
		}
		return sc, err
	}
	return sc, nil
}

func lineCol(data []byte, off int64) (int, int) {
	line, col := 1, 1
	for i := int64(0); i < off && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
