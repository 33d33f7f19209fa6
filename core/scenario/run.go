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
	Check   bool // check the invariants after every event
	// MaxTime stops the run at this virtual time (µs); 0 means four hours, far beyond any catalog
	// scenario.
	MaxTime int64
	// MaxSteps bounds the scheduler events of a run (0: two million); a run that needs more is an
	// error, so a scenario file whose loops never end cannot hang the page or fill its memory.
	// The catalog's longest run takes about a thousand.
	MaxSteps uint64
}

// ErrRunTooLong is wrapped by Run's error when a run hits RunOptions.MaxSteps or the trace-event
// bound before it ends.
var ErrRunTooLong = errors.New("run stopped at its limit")

const (
	defaultMaxTime  = 4 * 3600 * 1_000_000
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

// Validate checks a scenario for mistakes that a run cannot survive, naming where each is.
func (sc *Scenario) Validate() error {
	if sc.Name == "" {
		return fmt.Errorf("scenario has no name")
	}
	if len(sc.Hosts) == 0 {
		return fmt.Errorf("scenario %s: no hosts", sc.Name)
	}
	names := map[string]bool{}
	for i, h := range sc.Hosts {
		if h.Name == "" {
			return fmt.Errorf("scenario %s: host %d has no name", sc.Name, i)
		}
		if names[h.Name] {
			return fmt.Errorf("scenario %s: host name %q used twice", sc.Name, h.Name)
		}
		names[h.Name] = true
		if _, err := tcp.ParseAddr(h.Addr); err != nil {
			return fmt.Errorf("scenario %s: host %s: %w", sc.Name, h.Name, err)
		}
		if h.HZ < 0 || h.HZ > 10000 {
			return fmt.Errorf("scenario %s: host %s: hz %d out of range 1..10000", sc.Name, h.Name, h.HZ)
		}
	}
	if sc.Wire.Delay < 0 {
		return fmt.Errorf("scenario %s: wire delay is negative", sc.Name)
	}
	for dir := range sc.Wire.Delays {
		a, b, ok := strings.Cut(dir, ">")
		if !ok || !names[a] || !names[b] {
			return fmt.Errorf("scenario %s: wire delay key %q: want \"A>B\" with known host names", sc.Name, dir)
		}
	}
	for i, r := range sc.Wire.Rules {
		if err := r.Validate(); err != nil {
			return fmt.Errorf("scenario %s: wire rule %d: %w", sc.Name, i, err)
		}
		if r.From != "" && !names[r.From] || r.To != "" && !names[r.To] {
			return fmt.Errorf("scenario %s: wire rule %d names an unknown host", sc.Name, i)
		}
	}
	for i, a := range sc.Actions {
		where := fmt.Sprintf("scenario %s: action %d (%s on %s at %s)", sc.Name, i, a.Op, a.Host, a.At)
		if !names[a.Host] {
			return fmt.Errorf("%s: unknown host %q", where, a.Host)
		}
		if a.At < 0 {
			return fmt.Errorf("%s: negative time", where)
		}
		switch a.Op {
		case OpListen, OpBind:
			if a.Port < 1 || a.Port > 65535 {
				return fmt.Errorf("%s: port %d out of range", where, a.Port)
			}
		case OpConnect:
			if !names[a.To] {
				return fmt.Errorf("%s: connect to unknown host %q", where, a.To)
			}
			if a.Port < 1 || a.Port > 65535 {
				return fmt.Errorf("%s: port %d out of range", where, a.Port)
			}
		case OpSend:
			if a.Bytes < 0 || a.Chunk < 0 {
				return fmt.Errorf("%s: negative byte count", where)
			}
		case OpRecv, OpClose, OpShutdown, OpSetsockopt, OpReadLoop:
			if a.Op == OpReadLoop && a.Every <= 0 {
				return fmt.Errorf("%s: read_loop needs every > 0", where)
			}
		case OpSysctl, OpFork, OpKill:
		default:
			return fmt.Errorf("%s: unknown op %q", where, a.Op)
		}
		if a.Conn == "" && a.Op != OpSysctl && a.Op != OpFork && a.Op != OpKill {
			return fmt.Errorf("%s: names no socket (conn)", where)
		}
	}
	return nil
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
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	prof, err := sc.ProfileFor(opt.Profile)
	if err != nil {
		return nil, err
	}
	maxT := opt.MaxTime
	if maxT == 0 {
		maxT = defaultMaxTime
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
		Rules: append([]wire.Rule(nil), sc.Wire.Rules...), MaxTime: maxT, MaxSteps: maxS, MaxEvents: maxE})
	r := &runner{sc: sc, opt: opt, prof: prof, net: n}
	for _, hs := range sc.Hosts {
		addr, _ := tcp.ParseAddr(hs.Addr)
		h := n.NewHost(hs.Name, addr, prof, hs.HZ)
		h.SetTSOffset(hs.TSClockOffsetMs)
		for _, k := range sortedKeys(hs.Sysctls) {
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
	for dir, d := range sc.Wire.Delays {
		a, b, _ := strings.Cut(dir, ">")
		n.SetDelay(n.Host(a), n.Host(b), int64(d))
	}
	if nat := sc.Wire.NAT; nat != nil {
		addr, err := tcp.ParseAddr(nat.Addr)
		if err != nil {
			return nil, fmt.Errorf("scenario %s: nat: %w", sc.Name, err)
		}
		ports := map[*tcp.Host]uint16{}
		for _, hn := range nat.Hosts {
			h := n.Host(hn)
			if h == nil {
				return nil, fmt.Errorf("scenario %s: nat names unknown host %q", sc.Name, hn)
			}
			ports[h] = uint16(nat.Ports[hn])
		}
		n.SetNAT(addr, ports)
	}
	if opt.Check {
		n.Check = n.Invariants
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

func (r *runner) violated(err error) error {
	return fmt.Errorf("scenario %s (%s): invariant violated: %w", r.sc.Name, r.prof, err)
}

// result is the trace of a run that has ended, or why it is refused.
func (r *runner) result() (*trace.Trace, error) {
	n := r.net
	if r.err != nil {
		return nil, r.err
	}
	if n.Stopped() {
		return nil, fmt.Errorf("scenario %s (%s): %w: still running after %d events at %s of virtual time; a scenario "+
			"describes a few connections closing and then ends: check actions that repeat (read_loop every, retry_every)",
			r.sc.Name, r.prof, ErrRunTooLong, n.S.Steps, trace.FormatTime(n.Now()))
	}
	if r.opt.Check {
		if err := n.FinalCheck(); err != nil {
			return nil, fmt.Errorf("scenario %s (%s): %w", r.sc.Name, r.prof, err)
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
	}
	return fmt.Errorf("unknown op %q", a.Op)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// Parse reads a scenario file (JSON), with errors that say what was wrong and where: the line,
// the column and the field (jsondec.go), or the action or host that fails validation.
func Parse(data []byte) (Scenario, error) {
	var sc Scenario
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
