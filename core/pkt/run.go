package pkt

import (
	"strconv"
	"strings"

	"finwait/core/tcp"
	"finwait/core/trace"
)

// The addresses and host names of a run: packetdrill's defaults (local 192.168.0.1, remote
// 192.0.2.1), the remote's ephemeral ports counting up from remotePortBase.
const (
	LocalHost      = "local"
	RemoteHost     = "remote"
	localAddr      = 192<<24 | 168<<16 | 1
	remoteAddr     = 192<<24 | 2<<8 | 1
	remotePortBase = 40000
	// advertisedMSS is the MSS option written for the model's own SYNs: the model's hosts send
	// 1448-byte segments, an MSS of 1460 less the timestamp option, which is what Linux
	// advertises on packetdrill's tun device (MTU 1500). The model has no per-segment MSS.
	advertisedMSS = 1460
	// maxRun bounds how far a run waits for a "*" outbound segment (µs).
	maxRun = 3600_000_000
)

// Run executes a parsed script against the modern model and returns one verdict per line.
//
// The rules are packetdrill's (google/packetdrill gtests/net/packetdrill: run.c verify_time,
// run_packet.c, run_system_call.c), applied to the model's virtual clock:
//   - Times: "0.1" is absolute from the script's start; "+0.1" is relative to the moment the
//     previous event finished (an outbound segment: when it was sent; a blocking call: when it
//     started), except that an inbound segment after an inbound segment is relative to the
//     previous one's script time. An event is on time within the larger of --tolerance_usecs
//     (default 4000) and --tolerance_percent (default 12.5 %) of the time since the previous
//     event; "a~b" accepts [a−tol, b+tol]; "*" accepts any time.
//   - "start...end" system calls: started at start, the next events run while they block, and
//     they must return at end (within the tolerance of end−start); a later system call first
//     waits up to 1 s for a blocking one to return.
//   - Outbound segments are taken in the order the model sent them, only those of the socket
//     under test; one is awaited until (its time − the previous event's) in whole seconds + 2 s.
//     Consecutive segments are taken together until they carry the line's payload (packetdrill's
//     aggregation of TSO/GSO segments; not with --strict_segments).
//     Checked: payload length, flags, seq, ack, window (when written), the option list (kinds in
//     order and values; "<...>" skips it; none written means none), TSval only with
//     --tcp_ts_tick_usecs, TSecr never, then the time.
//   - Sequence numbers: the remote's are as written; the local ones are relative to the
//     model's ISN, anchored by the script's outbound SYN or SYN-ACK (usually 0). An inbound
//     TSecr names the TSval of an outbound line and becomes the model's TSval sent there.
//   - An inbound SYN while the socket under test listens starts a connection from a new remote
//     port; later lines belong to it.
//
// Unlike packetdrill, which stops at the first error, Run goes on to the end so that every line
// has a verdict (later verdicts may follow from an earlier miss). The error is for a run the
// model could not complete (an invariant of the model broken).
func Run(s *Script) (*Result, error) {
	if s == nil || len(s.Events) == 0 {
		return nil, errAt(0, 0, "no script to run")
	}
	return runBounded(s, maxSteps, maxEvents)
}

// A script's run is bounded as a scenario's is (core/scenario's defaults): scheduler events plus
// the loop iterations charged inside them (tcp.Net.Spent), and trace events.
const (
	maxSteps  = 2_000_000
	maxEvents = 100_000
)

// runBounded is Run with the bounds given (tests lower them).
func runBounded(s *Script, steps uint64, events int) (*Result, error) {
	r := newRunner(s, steps, events)
	r.applyInit()
	for i := range s.Events {
		r.event(&s.Events[i])
		if r.n.Err != nil {
			return nil, r.n.Err
		}
	}
	r.finish()
	if r.n.Err != nil {
		return nil, r.n.Err
	}
	tr := r.n.Trace()
	tr.Scenario, tr.Profile = s.Name, tcp.Modern.String()
	tr.EndUs = r.n.Now()
	tr.Final = map[string]trace.HostFinal{}
	for _, h := range r.n.Hosts {
		socks := h.Sockets()
		if socks == nil {
			socks = []trace.SocketInfo{}
		}
		tr.Final[h.Name] = trace.HostFinal{Sockets: socks, Sockstat: h.Sockstat(), Counters: h.Counters()}
	}
	r.res.Trace = tr
	r.res.OK = true
	for _, v := range r.res.Lines {
		r.res.OK = r.res.OK && v.Met
	}
	return r.res, nil
}

// captured is a segment the model sent to the script's remote end.
type captured struct {
	seg tcp.Segment
	at  int64
	ev  int  // its packet event in the trace
	cs  *sut // the connection it belongs to
}

// sut is the connection under test, as packetdrill's struct socket tracks it.
type sut struct {
	lport, rport     uint16
	scriptLocalISN   uint32
	liveLocalISN     uint32
	tsMap            map[uint32]uint32 // outbound script TSval → the model's TSval
	firstTS          bool
	firstScript      uint32
	firstLive        uint32
	passiveSynAckDue bool // an inbound SYN made it: the SYN-ACK anchors the local ISN
}

// fdState is one of the script's file descriptors.
type fdState struct {
	name      string
	nonblock  bool
	listening bool
}

// pendingCall is a system call that blocked.
type pendingCall struct {
	ev     *Event
	line   int    // index in res.Lines
	name   string // the descriptor's handle (a closed one is out of the table)
	start  int64
	end    int64 // expected return time (script time)
	callEv int   // the call's trace event (connect, write, close), or -1
	done   bool
}

type runner struct {
	s        *Script
	n        *tcp.Net
	loc, rem *tcp.Host
	app      *tcp.App
	calls    tcp.Calls
	res      *Result

	fds        map[int]*fdState
	q          []captured
	cursor     int // trace events before this one are matched to captured segments
	cur        *sut
	listening  bool
	connecting bool
	nextPort   uint16

	lastScript  int64 // the previous event's script time (µs, adjusted)
	lastInbound bool
	started     bool
	pend        *pendingCall
}

func newRunner(s *Script, steps uint64, events int) *runner {
	n := tcp.NewNet(tcp.Config{Trace: true, MaxSteps: steps, MaxEvents: events})
	r := &runner{s: s, n: n, res: &Result{}, fds: map[int]*fdState{}, nextPort: remotePortBase}
	r.loc = n.NewHost(LocalHost, localAddr, tcp.Modern, 1000)
	r.rem = n.NewHost(RemoteHost, remoteAddr, tcp.Modern, 1000)
	r.app, r.calls = r.loc.App, tcp.ScriptCalls(r.loc)
	n.Check = n.Invariants
	tcp.TapHost(r.rem, r.tap)
	return r
}

// tap receives what the model sent to the remote end.
func (r *runner) tap(seg *tcp.Segment) {
	ev := -1
	tr := r.n.Trace()
	for i := r.cursor; i < len(tr.Events); i++ {
		e := &tr.Events[i]
		if e.Kind == trace.KindPacket && e.From == LocalHost && !e.Injected {
			ev, r.cursor = i, i+1
			break
		}
	}
	syn := seg.Flags&tcp.FlagSYN != 0 && seg.Flags&tcp.FlagACK == 0
	switch {
	case r.connecting && syn:
		r.cur = &sut{lport: seg.Sport, rport: seg.Dport, liveLocalISN: seg.Seq}
		r.connecting = false
	case r.cur == nil || seg.Sport != r.cur.lport || seg.Dport != r.cur.rport:
		return // packetdrill drops what is not for the socket under test
	}
	r.q = append(r.q, captured{seg: *seg, at: r.n.Now(), ev: ev, cs: r.cur})
}

func (r *runner) verdict(e *Event, expected string) int {
	r.res.Lines = append(r.res.Lines, Verdict{Line: e.Line, Text: e.Text, Kind: e.Kind, Expected: expected, Event: -1})
	return len(r.res.Lines) - 1
}

// applyInit applies the sysctl lines before the first event, one verdict per line.
func (r *runner) applyInit() {
	scs := r.s.Sysctls
	for len(scs) > 0 {
		k := 1
		for k < len(scs) && scs[k].Line == scs[0].Line {
			k++
		}
		ev := &Event{Line: scs[0].Line, Col: scs[0].Col, Text: scs[0].Text, Kind: KindSysctl}
		r.applySysctl(r.verdict(ev, sysctlText(scs[:k])), scs[:k])
		scs = scs[k:]
	}
}

func (r *runner) applySysctl(i int, scs []Sysctl) {
	v := &r.res.Lines[i]
	v.Met = true
	var got []string
	for _, sc := range scs {
		if err := r.app.Sysctl(sc.Name, sc.Value); err != nil {
			v.Met = false
			got = append(got, err.Error())
			continue
		}
		kv := "net.ipv4." + sc.Name + "=" + sc.Value
		if sc.Name == "tcp_rmem" {
			kv += " (only its maximum is modelled: it sets the window scale)"
		}
		got = append(got, kv)
		v.Event = len(r.n.Trace().Events) - 1
	}
	v.Got = strings.Join(got, " ")
}

// tolerance is verify_time's: the larger of --tolerance_usecs and --tolerance_percent of the
// time since the previous event.
func (r *runner) tolerance(t, last int64, hasLast bool) int64 {
	tol := r.s.Tolerance
	if hasLast {
		if d := int64(r.s.TolerancePercent / 100 * float64(t-last)); d > tol {
			tol = d
		}
	}
	return tol
}

// step runs the next model event due at or before t, then looks at a blocked call.
func (r *runner) step(t int64) bool {
	n := r.n
	if n.Spent() >= n.MaxSteps || len(n.Trace().Events) >= n.MaxEvents || n.Stopped() {
		if n.Err == nil {
			n.Err = errAt(0, 0, "the run stopped at its bound ("+strconv.FormatUint(n.MaxSteps, 10)+" steps, "+
				strconv.Itoa(n.MaxEvents)+" trace events) at "+trace.FormatTime(n.Now())+" of virtual time")
		}
		return false
	}
	if !r.n.S.StepUntil(t) {
		return false
	}
	if r.n.Check != nil && r.n.Err == nil {
		if err := r.n.Check(); err != nil {
			r.n.Err = errAt(0, 0, "the model broke an invariant at "+trace.FormatTime(r.n.Now())+": "+err.Error())
		}
	}
	r.poll()
	return true
}

// runTo runs the model through every event due at or before t.
func (r *runner) runTo(t int64) {
	for r.n.Err == nil && r.step(t) {
	}
}

// at schedules f at time t (not before now) and runs the model through it.
func (r *runner) at(t int64, f func()) {
	if t < r.n.Now() {
		t = r.n.Now()
	}
	r.n.S.At(t, f)
	r.runTo(t)
}

// times adjusts an event's times as adjust_relative_event_times does.
func (r *runner) times(e *Event) (t, tEnd, end int64) {
	t, tEnd, end = e.T, e.TEnd, e.End
	if e.Time == Relative || e.Time == RelativeRange || e.Time == AnyTime {
		off := r.n.Now()
		if r.started && r.lastInbound && e.Kind == KindInbound {
			off = r.lastScript
		}
		t += off
		tEnd += off
		if e.Time == Relative && e.Blocking {
			end += off
		}
	}
	return t, tEnd, end
}

func (r *runner) event(e *Event) {
	t, tEnd, end := r.times(e)
	switch e.Kind {
	case KindInbound:
		r.inbound(e, t)
	case KindOutbound:
		r.outbound(e, t, tEnd)
	case KindSyscall:
		r.syscall(e, t, end)
	case KindSysctl:
		i := r.verdict(e, sysctlText(e.Sysctl))
		r.onTime(i, "command", t)
		r.at(t, func() { r.applySysctl(i, e.Sysctl) })
	}
	r.lastScript, r.lastInbound, r.started = t, e.Kind == KindInbound, true
}

func sysctlText(scs []Sysctl) string {
	var b []string
	for _, sc := range scs {
		b = append(b, "net.ipv4."+sc.Name+"="+sc.Value)
	}
	return strings.Join(b, " ")
}

// onTime checks that an inbound segment, a command or a call can start at its time t: the
// model is not already past it (check_event_time).
func (r *runner) onTime(i int, what string, t int64) {
	now := r.n.Now()
	tol := r.tolerance(t, r.lastScript, r.started)
	if now > t+tol {
		v := &r.res.Lines[i]
		v.Met = false
		v.Got = "timing error: expected " + what + " at " + secs(t) + " sec but happened at " + secs(now) + " sec; tolerance " + secs(tol) + " sec"
	}
}

// secs writes µs as packetdrill's %.6f seconds.
func secs(us int64) string {
	neg := us < 0
	if neg {
		us = -us
	}
	f := strconv.FormatInt(us%1_000_000+1_000_000, 10)[1:]
	s := strconv.FormatInt(us/1_000_000, 10) + "." + f
	if neg {
		s = "-" + s
	}
	return s
}

// inbound injects a "<" segment at time t.
func (r *runner) inbound(e *Event, t int64) {
	p := e.Packet
	i := r.verdict(e, packetText(p))
	r.onTime(i, "inbound packet", t)
	first := r.res.Lines[i].Got
	if p.Flags&FlagSYN != 0 && p.Flags&FlagACK == 0 && r.listening {
		r.cur = &sut{lport: r.s.BindPort, rport: r.nextPort, passiveSynAckDue: true}
		r.nextPort++
		r.listening = false
	}
	v := &r.res.Lines[i]
	if r.cur == nil {
		v.Got = "no connection under test: an inbound packet needs a listening socket (for a SYN) or a connect()"
		return
	}
	c := r.cur
	seg := tcp.Segment{Src: remoteAddr, Dst: localAddr, Sport: c.rport, Dport: c.lport, Seq: p.Seq,
		Flags: p.Flags, Len: p.Len, Win: 65535, WScale: -1, Conn: trace.NoConn}
	if p.Win >= 0 {
		seg.Win = uint16(p.Win)
	}
	if p.HasAck {
		seg.Ack = p.Ack - c.scriptLocalISN + c.liveLocalISN
	}
	var notes []string
	for _, o := range p.Opts {
		switch o.Kind {
		case "mss":
			seg.MSS = uint16(o.V1)
		case "wscale":
			seg.WScale = int8(min(o.V1, 14))
		case "sackOK":
			seg.SackOK = true
		case "TS":
			seg.HasTS, seg.TSVal, seg.TSEcr = true, o.V1, o.V2
			if p.Flags&FlagACK != 0 {
				live, ok := c.tsMap[o.V2]
				if !ok {
					v.Got = "unable to infer live TS ecr for script TS ecr " + strconv.FormatUint(uint64(o.V2), 10) +
						";  no matching or preceding outbound TS val"
					return
				}
				seg.TSEcr = live
			}
		case "sack":
			notes = append(notes, "SACK blocks are not modelled: the model ignores them")
		}
	}
	var err error
	before := len(r.n.Trace().Events)
	r.at(t, func() {
		err = r.n.Inject(seg, r.n.Now())
	})
	// the injection is delivered by an event of its own at the same time
	r.runTo(r.n.Now())
	if err != nil {
		v.Got = err.Error()
		return
	}
	if seg.Flags&(tcp.FlagSYN|tcp.FlagACK) == tcp.FlagSYN|tcp.FlagACK {
		tcp.NoteServerISN(r.n, r.rem, seg)
	}
	tr := r.n.Trace()
	for k := before; k < len(tr.Events); k++ {
		if tr.Events[k].Kind == trace.KindPacket && tr.Events[k].Injected {
			v.Event = k
			break
		}
	}
	if first == "" {
		v.Met = true
		v.Got = "injected at " + secs(r.n.Now())
		if len(notes) > 0 {
			v.Got += "; " + strings.Join(notes, "; ")
		}
	}
}

// outbound takes the next segment the model sent and checks it against a ">" line.
func (r *runner) outbound(e *Event, t, tEnd int64) {
	p := e.Packet
	i := r.verdict(e, packetText(p))
	v := &r.res.Lines[i]
	wait := (max(t, tEnd)-r.lastScript)/1_000_000*1_000_000 + 2_000_000
	if e.Time == AnyTime {
		wait = maxRun
	}
	c, ok := r.sniff(wait)
	if !ok {
		v.Got = "timed out waiting for packet: the model sent nothing by " + secs(r.n.Now()) + " sec"
		return
	}
	v.Event = c.ev
	cs := c.cs
	seg := c.seg
	if p.Flags&FlagSYN != 0 && seg.Flags&tcp.FlagSYN != 0 {
		cs.scriptLocalISN, cs.liveLocalISN = p.Seq, seg.Seq
	}
	first := r.scriptSpace(&c)
	frags := []Packet{first}
	// TSO/GSO: consecutive segments are taken together until they carry the payload the line
	// expects (do_outbound_script_packet, unless --strict_segments); the whole has the first
	// one's seq and the last one's other fields and time (aggregate_packets)
	total := seg.Len
	for total < p.Len && !r.s.StrictSegments {
		n, ok := r.sniff(wait)
		if !ok {
			v.Got = "timed out waiting for packet: the model sent " + strconv.Itoa(total) + " of " + strconv.Itoa(p.Len) +
				" bytes by " + secs(r.n.Now()) + " sec; actual: " + fragsText(frags)
			return
		}
		cur := r.scriptSpace(&n)
		frags = append(frags, cur)
		if d := fragDiff(&frags[len(frags)-2], &cur, p.Len-total); d != "" {
			v.Got = d + "; actual: " + fragsText(frags)
			return
		}
		total += n.seg.Len
		c = n
	}
	if total != p.Len {
		v.Got = "live packet payload: expected " + strconv.Itoa(p.Len) + " bytes vs actual " + strconv.Itoa(total) +
			" bytes; actual: " + fragsText(frags)
		return
	}
	act := r.scriptSpace(&c)
	act.Seq, act.Len = first.Seq, total
	// TSval: map the model's clock into the script's (map_outbound_live_packet)
	sTS, hasS := tsOpt(p.Opts)
	aTS, hasA := tsOpt(act.Opts)
	if hasS && hasA && !p.AnyOpts {
		if cs.tsMap == nil {
			cs.tsMap = map[uint32]uint32{}
		}
		cs.tsMap[sTS.V1] = aTS.V1
		if !cs.firstTS {
			cs.firstTS, cs.firstScript, cs.firstLive = true, sTS.V1, aTS.V1
		}
		for k := range act.Opts {
			if act.Opts[k].Kind == "TS" {
				act.Opts[k].V1 = cs.firstScript + (aTS.V1 - cs.firstLive)
			}
		}
	}
	got := packetText(&act) + " at " + secs(c.at)
	if diff := r.diff(p, &act, t); diff != "" {
		v.Got = diff + "; actual: " + got
		return
	}
	if e.Time != AnyTime {
		if msg := r.checkTime(e, "outbound packet", t, tEnd, c.at, r.lastScript, r.started); msg != "" {
			v.Got = msg + "; actual: " + got
			return
		}
	}
	v.Met, v.Got = true, got
}

// sniff takes the next segment the model sent, running the model at most wait µs for it.
func (r *runner) sniff(wait int64) (captured, bool) {
	deadline := r.n.Now() + wait
	for len(r.q) == 0 && r.n.Err == nil && r.step(deadline) {
	}
	if len(r.q) == 0 {
		if deadline > r.n.Now() {
			r.n.S.RunUntil(deadline)
		}
		return captured{}, false
	}
	c := r.q[0]
	r.q = r.q[1:]
	return c, true
}

// scriptSpace is a segment the model sent, with its sequence number in the script's space.
func (r *runner) scriptSpace(c *captured) Packet {
	seg := &c.seg
	return Packet{Outbound: true, Flags: seg.Flags, Seq: seg.Seq - c.cs.liveLocalISN + c.cs.scriptLocalISN, Len: seg.Len,
		HasAck: seg.Flags&tcp.FlagACK != 0, Ack: seg.Ack, Win: int(seg.Win), Opts: modelOpts(seg)}
}

// fragDiff is verify_packet_fragments: a segment continues the previous one (same flags but FIN
// and PSH, contiguous seq, same ack and window) and, unless it is the last, has its size.
func fragDiff(prev, cur *Packet, left int) string {
	const mask = FlagSYN | FlagRST | FlagACK
	switch {
	case prev.Flags&mask != cur.Flags&mask:
		return "fragment flags: " + flagText(prev.Flags) + " then " + flagText(cur.Flags)
	case cur.Seq != prev.Seq+uint32(prev.Len):
		return "live packet field tcp_seq: expected: " + strconv.FormatUint(uint64(prev.Seq)+uint64(prev.Len), 10) +
			" vs actual: " + strconv.FormatUint(uint64(cur.Seq), 10)
	case cur.Ack != prev.Ack:
		return "live packet field tcp_ack_seq: expected: " + strconv.FormatUint(uint64(prev.Ack), 10) +
			" vs actual: " + strconv.FormatUint(uint64(cur.Ack), 10)
	case cur.Win != prev.Win:
		return "live packet field tcp_window: expected: " + strconv.Itoa(prev.Win) + " vs actual: " + strconv.Itoa(cur.Win)
	case cur.Len < left && cur.Len != prev.Len:
		return "fragment payload: expected " + strconv.Itoa(prev.Len) + " bytes vs actual " + strconv.Itoa(cur.Len) + " bytes"
	}
	return ""
}

func fragsText(frags []Packet) string {
	s := make([]string, len(frags))
	for i := range frags {
		s[i] = packetText(&frags[i])
	}
	return strings.Join(s, ", ")
}

// checkTime is verify_time.
func (r *runner) checkTime(e *Event, what string, t, tEnd, actual, last int64, hasLast bool) string {
	tol := r.tolerance(t, last, hasLast)
	switch e.Time {
	case AbsoluteRange:
		if actual < t-tol || actual > tEnd+tol {
			return "timing error: expected " + what + " in time range " + secs(t) + "~" + secs(tEnd) + " sec but happened at " + secs(actual) + " sec"
		}
		return ""
	case RelativeRange:
		off := t - e.T
		if actual < t-tol || actual > tEnd+tol {
			return "timing error: expected " + what + " in relative time range +" + secs(e.T) + "~+" + secs(e.TEnd) + " sec but happened at +" + secs(actual-off) + " sec"
		}
		return ""
	}
	if actual < t-tol || actual > t+tol {
		return "timing error: expected " + what + " at " + secs(t) + " sec but happened at " + secs(actual) + " sec; tolerance " + secs(tol) + " sec"
	}
	return ""
}

func tsOpt(opts []Opt) (Opt, bool) {
	for _, o := range opts {
		if o.Kind == "TS" {
			return o, true
		}
	}
	return Opt{}, false
}

// modelOpts writes the options of a segment the model sent in Linux's layout (tcp_options_write):
// SYNs: mss, then sackOK+TS or nop,nop,TS, or nop,nop,sackOK without timestamps, then nop,wscale;
// other segments: nop,nop,TS.
func modelOpts(seg *tcp.Segment) []Opt {
	var o []Opt
	nop := Opt{Kind: "nop"}
	syn := seg.Flags&tcp.FlagSYN != 0
	if syn {
		o = append(o, Opt{Kind: "mss", V1: advertisedMSS})
	}
	ts := Opt{Kind: "TS", V1: seg.TSVal, V2: seg.TSEcr}
	switch {
	case seg.HasTS && syn && seg.SackOK:
		o = append(o, Opt{Kind: "sackOK"}, ts)
	case seg.HasTS:
		o = append(o, nop, nop, ts)
	case syn && seg.SackOK:
		o = append(o, nop, nop, Opt{Kind: "sackOK"})
	}
	if syn && seg.WScale >= 0 {
		o = append(o, nop, Opt{Kind: "wscale", V1: uint32(seg.WScale)})
	}
	return o
}

// diff is verify_tcp and verify_outbound_live_tcp_options: the first field that differs, or "".
func (r *runner) diff(want, got *Packet, t int64) string {
	field := func(name string, w, g uint64) string {
		if w == g {
			return ""
		}
		return "live packet field " + name + ": expected: " + strconv.FormatUint(w, 10) + " vs actual: " + strconv.FormatUint(g, 10)
	}
	bit := func(f uint8, flags uint8) uint64 {
		if flags&f != 0 {
			return 1
		}
		return 0
	}
	checks := []struct {
		name string
		w, g uint64
		skip bool
	}{
		{"payload length", uint64(want.Len), uint64(got.Len), false},
		{"tcp_fin", bit(FlagFIN, want.Flags), bit(FlagFIN, got.Flags), false},
		{"tcp_syn", bit(FlagSYN, want.Flags), bit(FlagSYN, got.Flags), false},
		{"tcp_rst", bit(FlagRST, want.Flags), bit(FlagRST, got.Flags), false},
		{"tcp_psh", bit(FlagPSH, want.Flags), bit(FlagPSH, got.Flags), false},
		{"tcp_ack", bit(FlagACK, want.Flags), bit(FlagACK, got.Flags), false},
		{"tcp_seq", uint64(want.Seq), uint64(got.Seq), false},
		{"tcp_ack_seq", uint64(want.Ack), uint64(got.Ack), !want.HasAck && !got.HasAck},
		{"tcp_window", uint64(want.Win), uint64(got.Win), want.Win < 0},
	}
	for _, c := range checks {
		if c.skip {
			continue
		}
		if d := field(c.name, c.w, c.g); d != "" {
			return d
		}
	}
	if want.AnyOpts {
		return ""
	}
	for k := 0; k < len(want.Opts) || k < len(got.Opts); k++ {
		if k >= len(want.Opts) || k >= len(got.Opts) || want.Opts[k].Kind != got.Opts[k].Kind {
			return "bad outbound TCP options: expected <" + optsText(want.Opts) + "> vs actual <" + optsText(got.Opts) + ">"
		}
		w, g := want.Opts[k], got.Opts[k]
		switch w.Kind {
		case "TS":
			if r.s.TSTick > 0 {
				tol := r.tolerance(t, 0, true)
				d := int64(int32(g.V1 - w.V1))
				if d < 0 {
					d = -d
				}
				if d*r.s.TSTick > tol {
					return "bad outbound TCP timestamp value, tolerance " + strconv.FormatInt(tol, 10) +
						": expected TS val " + strconv.FormatUint(uint64(w.V1), 10) + " vs actual " + strconv.FormatUint(uint64(g.V1), 10)
				}
			}
		case "nop", "eol":
		default:
			if w.String() != g.String() {
				return "bad value in outbound TCP option: expected: " + w.String() + " actual: " + g.String()
			}
		}
	}
	return ""
}

func optsText(opts []Opt) string {
	s := make([]string, len(opts))
	for i, o := range opts {
		s[i] = o.String()
	}
	return strings.Join(s, ",")
}

// flagText writes TCP flags as packetdrill does: "S", "S.", "FP.", "-".
func flagText(flags uint8) string {
	f := ""
	for _, x := range []struct {
		bit uint8
		c   string
	}{{FlagFIN, "F"}, {FlagSYN, "S"}, {FlagRST, "R"}, {FlagPSH, "P"}} {
		if flags&x.bit != 0 {
			f += x.c
		}
	}
	if flags&FlagACK != 0 {
		f += "."
	}
	if f == "" {
		f = "-"
	}
	return f
}

// packetText writes a packet line's packet as packetdrill does: "F. 1:1(0) ack 1 win 257 <...>".
func packetText(p *Packet) string {
	var b strings.Builder
	if p.Outbound {
		b.WriteString("> ")
	} else {
		b.WriteString("< ")
	}
	u := func(v uint32) string { return strconv.FormatUint(uint64(v), 10) }
	b.WriteString(flagText(p.Flags) + " " + u(p.Seq) + ":" + u(p.Seq+uint32(p.Len)) + "(" + strconv.Itoa(p.Len) + ")")
	if p.HasAck {
		b.WriteString(" ack " + u(p.Ack))
	}
	if p.Win >= 0 {
		b.WriteString(" win " + strconv.Itoa(p.Win))
	}
	switch {
	case p.AnyOpts:
		b.WriteString(" <...>")
	case len(p.Opts) > 0:
		b.WriteString(" <" + optsText(p.Opts) + ">")
	}
	return b.String()
}

// finish waits, as packetdrill's syscalls_free does, up to 1 s for a blocked call to return.
func (r *runner) finish() {
	if r.pend != nil && !r.pend.done {
		limit := r.n.Now() + 1_000_000
		for r.pend != nil && !r.pend.done && r.n.Err == nil && r.step(limit) {
		}
		if r.pend != nil && !r.pend.done {
			v := &r.res.Lines[r.pend.line]
			v.Met = false
			v.Got = "runtime error: exiting while a blocking system call is in progress"
		}
	}
}
