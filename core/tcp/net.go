package tcp

import (
	"fmt"

	"finwait/core/sim"
	"finwait/core/trace"
	"finwait/core/wire"
)

// Net is a set of hosts joined by a wire, the scheduler that drives them, and the trace they write.
type Net struct {
	S     *sim.Sched
	Hosts []*Host
	seed  uint64 // the run's seed: each host's ISN key derives from it

	byName map[string]*Host
	byAddr map[uint32]*Host
	delay  map[[2]*Host]int64 // one-way delay per direction, µs
	defDly int64
	dups   map[int]int64 // trace index of a packet the wire duplicated → its copy's arrival (view.go)
	rules  *wire.Rules
	nat    *natState

	tr        *trace.Trace // nil: trace off
	keepConns bool         // keep conns/byTup (with the trace, or Config.KeepConns)
	nconn     int
	conns     []*connInfo
	byTup     map[tuple]int // a connection's 4-tuple, seen from either end, → conn index

	// Check, when set, runs after every event (invariants in tests and fuzzing).
	Check func() error
	// Err is the first invariant violation found by Check.
	Err error

	// MaxTime stops a run at this virtual time (0: no limit); MaxSteps likewise for scheduler
	// events and the loop iterations charged inside them (Spent), and MaxEvents for trace
	// events. Stopped reports whether a step or event limit did.
	MaxTime   int64
	MaxSteps  uint64
	MaxEvents int
	stopped   bool
	work      uint64 // loop iterations charged inside events (budget.go)

	lastCheck int64
	scanned   uint64 // S.Steps at the last full invariant scan
	nextScan  uint64 // S.Steps before which BoundedInvariants does not scan again

	idleFlights []*flight // delivered flights, reused for the next segments
}

type connInfo struct {
	client, server *Host
	isnC, isnS     uint32
	hasS           bool
	tupC, tupS     tuple // each end's own view of the 4-tuple (they differ behind a NAT)
	sent           [2]sideSent
}

// sideSent is what one side of a conn has put on the wire (index 0: client, 1: server), as an
// observer of the wire sees it: the next sequence number it would use and its latest TSval.
type sideSent struct {
	next    uint32 // one past the highest seq+len+SYN+FIN sent
	hasNext bool
	tsval   uint32
	tsAt    int64 // when tsval was sent, µs
	hasTS   bool
	win     uint16 // the window field of its latest segment other than a RST
	hasWin  bool
}

type natState struct {
	addr  uint32
	base  map[*Host]uint16 // first public port given to each host
	out   map[natKey]uint16
	in    map[uint16]natKey
	inner map[*Host]bool
}

type natKey struct {
	h     *Host
	lport uint16
}

// public maps a host's source port to the NAT's public port, assigning one on first use.
func (st *natState) public(h *Host, lport uint16) uint16 {
	k := natKey{h, lport}
	if p, ok := st.out[k]; ok {
		return p
	}
	p := st.base[h]
	for range 1 << 16 { // every public port taken: p wraps round to base, not forever
		if _, used := st.in[p]; !used {
			break
		}
		p++
	}
	st.out[k], st.in[p] = p, k
	return p
}

// Config sets up a Net.
type Config struct {
	Seed      int64
	Trace     bool
	Delay     int64 // default one-way delay, µs
	Rules     []wire.Rule
	MaxTime   int64
	MaxSteps  uint64
	MaxEvents int
	// KeepConns keeps the connection registry (ISNs, 4-tuples, what each side has sent) even
	// with the trace off, for ConnView (a scenario's injected segments need it).
	KeepConns bool
}

// NewNet makes an empty network.
func NewNet(c Config) *Net {
	n := &Net{S: &sim.Sched{}, seed: uint64(c.Seed),
		byName: map[string]*Host{}, byAddr: map[uint32]*Host{}, delay: map[[2]*Host]int64{},
		defDly: c.Delay, rules: wire.NewRules(c.Rules), byTup: map[tuple]int{},
		MaxTime: c.MaxTime, MaxSteps: c.MaxSteps, MaxEvents: c.MaxEvents, keepConns: c.Trace || c.KeepConns}
	if c.Trace {
		n.tr = &trace.Trace{Seed: c.Seed, Events: make([]trace.Event, 0, 64)} // an Event is 360 B: start small
	}
	return n
}

// Trace returns the trace being written (nil when tracing is off).
func (n *Net) Trace() *trace.Trace { return n.tr }

// Host looks a host up by name.
func (n *Net) Host(name string) *Host { return n.byName[name] }

// SetDelay sets the one-way delay from a to b.
func (n *Net) SetDelay(a, b *Host, us int64) { n.delay[[2]*Host{a, b}] = us }

// SetNAT puts hosts behind one public address (spec §17.17).
func (n *Net) SetNAT(addr uint32, ports map[*Host]uint16) {
	st := &natState{addr: addr, base: map[*Host]uint16{}, out: map[natKey]uint16{}, in: map[uint16]natKey{}, inner: map[*Host]bool{}}
	for h, p := range ports { // map order: copied into maps
		st.base[h] = p
		st.inner[h] = true
	}
	n.nat = st
}

// Now is the virtual time.
func (n *Net) Now() int64 { return n.S.Now() }

// Stopped reports whether Run ended at MaxSteps or MaxEvents with events still queued (MaxTime
// is the scenario's horizon, not a failure).
func (n *Net) Stopped() bool { return n.stopped }

// Run executes events until none is left (spec §0: a run ends when no timer is pending and no
// application action remains), or a limit is reached. It returns the first invariant violation.
func (n *Net) Run() error {
	_, err := n.RunSome(0)
	return err
}

// RunSome is Run in slices: it carries out at most steps scheduler events (0: no bound) and
// reports whether the run is over. The events and their order are the same however the run is
// sliced, so a caller that must stay responsive (the page) can yield between slices.
func (n *Net) RunSome(steps uint64) (done bool, err error) {
	limit := int64(1<<63 - 1)
	if n.MaxTime > 0 {
		limit = n.MaxTime
	}
	for k := uint64(0); ; k++ {
		if steps > 0 && k >= steps {
			return false, nil
		}
		if n.stopped {
			break // a loop inside the last event spent the budget (charge)
		}
		if n.MaxSteps > 0 && n.Spent() >= n.MaxSteps || n.MaxEvents > 0 && n.tr != nil && len(n.tr.Events) >= n.MaxEvents {
			// stopped by a limit only if something was still due within the horizon
			if at, ok := n.S.NextAt(); ok && at <= limit {
				n.stopped = true
			}
			break
		}
		if !n.S.StepUntil(limit) {
			break
		}
		if n.Check != nil && n.Err == nil {
			if err := n.Check(); err != nil {
				n.Err = fmt.Errorf("at %d µs: %w", n.Now(), err)
			}
		}
		if n.Err != nil {
			return true, n.Err
		}
	}
	if n.tr != nil {
		n.tr.EndUs = n.Now()
	}
	return true, n.Err
}

// emit appends an event when tracing is on.
// emit appends e to the trace. Callers test n.tr != nil first: with the trace off (churn,
// fuzzing) the 360-byte event and the strings in it would otherwise be built for nothing.
func (n *Net) emit(e trace.Event) {
	if n.tr == nil {
		return
	}
	e.T = n.Now()
	if e.Arrive == 0 && e.Kind != trace.KindPacket {
		e.Arrive = trace.NoTime
	}
	if e.Kind != trace.KindCall {
		e.Returned = trace.NoTime
	}
	n.tr.Events = append(n.tr.Events, e)
}

// newConn registers a connection at its first SYN (spec §0: conn = order of first SYNs).
func (n *Net) newConn(client *Host, t tuple, isn uint32) int {
	id := n.nconn
	n.nconn++
	if !n.keepConns {
		return id // without a trace nothing reads relative numbers: keep no registry
	}
	n.conns = append(n.conns, &connInfo{client: client, isnC: isn, tupC: t})
	n.byTup[t] = id
	return id
}

// serverSide records the server's ISN and its view of the 4-tuple, the first time only.
func (n *Net) serverSide(conn int, server *Host, t tuple, isn uint32) {
	if !n.keepConns || conn < 0 || conn >= len(n.conns) {
		return
	}
	c := n.conns[conn]
	if c.hasS {
		// a second SYN-ACK ISN on the conn (a SYN injected into a TIME_WAIT it takes over):
		// numbers stay relative to the first, as tcpdump and the conformance harness keep them
		return
	}
	c.server, c.isnS, c.hasS, c.tupS = server, isn, true, t
	n.byTup[t] = conn
}

// connOf finds the conn of a 4-tuple seen from its local end, or NoConn.
func (n *Net) connOf(t tuple) int {
	if c, ok := n.byTup[t]; ok {
		return c
	}
	if c, ok := n.byTup[t.reverse()]; ok {
		return c
	}
	return trace.NoConn
}

// transmit puts a segment on the wire: NAT, rules, trace, delivery.
func (n *Net) transmit(from *Host, seg Segment) {
	if n.nat != nil {
		if n.nat.inner[from] && seg.Src == from.Addr {
			seg.Src, seg.Sport = n.nat.addr, n.nat.public(from, seg.Sport)
		}
	}
	var to *Host
	inner := natKey{}
	if n.nat != nil && seg.Dst == n.nat.addr {
		inner = n.nat.in[seg.Dport]
		to = inner.h
	} else {
		to = n.byAddr[seg.Dst]
	}
	dly := n.defDly
	if to != nil {
		if d, ok := n.delay[[2]*Host{from, to}]; ok {
			dly = d
		}
	}
	toName := "?"
	if to != nil {
		toName = to.Name
	}
	n.charge(n.rules.Len()) // each rule is tried on each segment
	fate := n.rules.Decide(wire.Segment{From: from.Name, To: toName, Conn: seg.Conn, Flags: FlagString(seg.Flags), Len: seg.Len, T: n.Now()})
	arrive := n.Now() + dly + fate.Extra
	if fate.Dropped || to == nil {
		arrive = trace.NoTime
	}
	if n.keepConns {
		n.noteSent(from, &seg)
	}
	if n.tr != nil {
		n.emitPacket(from, toName, &seg, arrive, fate.Dropped)
	}
	if arrive == trace.NoTime {
		return
	}
	if inner.h != nil {
		seg.Dst, seg.Dport = inner.h.Addr, inner.lport
	}
	n.fly(to, &seg, arrive)
	if fate.DupAfter > 0 {
		n.fly(to, &seg, arrive+fate.DupAfter)
		if n.tr != nil {
			n.noteDup(arrive + fate.DupAfter)
		}
	}
}

// flight is a segment on the wire, delivered when its event fires. Delivered flights go back
// to the network's idle list, so steady traffic allocates none.
type flight struct {
	ev  sim.Event
	n   *Net
	to  *Host
	seg Segment
}

// fly puts a copy of seg on the wire to arrive at to at time arrive.
func (n *Net) fly(to *Host, seg *Segment, arrive int64) {
	var f *flight
	if k := len(n.idleFlights); k > 0 {
		f = n.idleFlights[k-1]
		n.idleFlights = n.idleFlights[:k-1]
	} else {
		f = &flight{n: n}
	}
	f.to, f.seg = to, *seg
	n.S.Schedule(&f.ev, arrive, f)
}

// Fire delivers the segment (sim.Handler); receive copies what it keeps.
func (f *flight) Fire() {
	f.to.receive(&f.seg)
	f.to, f.seg = nil, Segment{}
	f.n.idleFlights = append(f.n.idleFlights, f)
}

func (n *Net) emitPacket(from *Host, to string, seg *Segment, arrive int64, dropped bool) {
	conn := seg.Conn
	rel, relAck := seg.Seq, seg.Ack
	if conn >= 0 && conn < len(n.conns) {
		c := n.conns[conn]
		fromClient := c.client == from
		if fromClient {
			rel = seg.Seq - c.isnC
			if c.hasS {
				relAck = seg.Ack - c.isnS
			}
		} else {
			if c.hasS {
				rel = seg.Seq - c.isnS
			}
			relAck = seg.Ack - c.isnC
		}
	}
	if n.tr != nil {
		n.emit(trace.Event{Kind: trace.KindPacket, Host: from.Name, Conn: conn, From: from.Name, To: to,
			Flags: FlagString(seg.Flags), Seq: rel, Ack: relAck, HasAck: seg.has(FlagACK), Len: seg.Len,
			Win: int(seg.Win), Arrive: arrive, Dropped: dropped, Note: seg.Note, Injected: seg.Injected,
			HasTS: seg.HasTS, TSVal: seg.TSVal, TSEcr: seg.TSEcr})
	}
}
