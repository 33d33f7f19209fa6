package tcp

import (
	"sort"

	"finwait/core/sim"
	"finwait/core/trace"
)

// Host is one machine: its kernel settings, socket tables, counters and application.
type Host struct {
	net  *Net
	Name string
	Addr uint32
	Prof Profile
	HZ   int
	Sys  Sysctls

	counters map[string]int64

	ehash     map[tuple]*Sock    // full sockets (established table)
	tw        map[tuple]*TW      // TIME_WAIT sockets
	reqs      map[tuple]*Request // half-open requests (modern NEW_SYN_RECV; 2.6 the listener's SYN queue)
	listeners map[uint16]*Sock
	binds     map[uint16]bindBucket
	all       map[*Sock]bool // every full socket not yet destroyed

	orphans   int       // exact orphan count (sockstat)
	orphHist  []orphObs // modern: changes, for the 100 ms cache (spec §9.9)
	pcFolded  int       // 2.6 per-CPU counter model
	pcLocal   int
	twCount   int
	perturb   map[tuple]uint32 // modern RFC 6056 table_perturb, keyed by (local IP, remote IP, remote port)
	hint26    uint32           // 2.6 port hint
	peers     map[uint32]*peerStamp
	twdr      *deathRow // 2.6 TIME_WAIT wheel
	tsOffset  int64     // ms added to this host's timestamp clock
	nextProbe int

	// App is the host's application layer (handles, processes, policies); see app.go.
	App *App

	tap func(*Segment) // SetTap: segments delivered here go to a script runner instead
}

type orphObs struct {
	t     int64
	count int
}

type bindBucket struct {
	owners      int
	connectOnly bool // claimed by connect()'s autobind, never by bind()
}

type peerStamp struct {
	ts    uint32
	stamp int64 // seconds
	set   bool
}

// NewHost adds a host to the network.
func (n *Net) NewHost(name string, addr uint32, p Profile, hz int) *Host {
	if hz <= 0 {
		hz = 1000
	}
	h := &Host{net: n, Name: name, Addr: addr, Prof: p, HZ: hz, Sys: DefaultSysctls(p),
		counters: map[string]int64{}, ehash: map[tuple]*Sock{}, tw: map[tuple]*TW{},
		reqs: map[tuple]*Request{}, listeners: map[uint16]*Sock{}, binds: map[uint16]bindBucket{},
		all: map[*Sock]bool{}, perturb: map[tuple]uint32{}, peers: map[uint32]*peerStamp{}}
	h.App = newApp(h)
	n.Hosts = append(n.Hosts, h)
	n.byName[name] = h
	n.byAddr[addr] = h
	if n.tr != nil {
		n.tr.Hosts = append(n.tr.Hosts, name)
	}
	return h
}

// SetTSOffset shifts the host's timestamp clock by ms (hosts behind a NAT, spec §17.17).
func (h *Host) SetTSOffset(ms int64) { h.tsOffset = ms }

func (h *Host) now() int64 { return h.net.Now() }

// jiffy is one timer tick in µs.
func (h *Host) jiffy() int64 { return 1_000_000 / int64(h.HZ) }

// roundJ rounds a duration up to whole jiffies (a timeout of t ms is ceil(t·HZ/1000) jiffies, §0).
func (h *Host) roundJ(d int64) int64 {
	j := h.jiffy()
	return (d + j - 1) / j * j
}

// expiry is when a timer armed now for d fires: at a jiffy boundary, never at the current one.
func (h *Host) expiry(d int64) int64 {
	j := h.jiffy()
	cur := h.now() / j
	n := (d + j - 1) / j
	e := cur + n
	if e*j <= h.now() {
		e = cur + 1
	}
	return e * j
}

// tsNow is the TSval clock: modern milliseconds, 2.6 jiffies (spec §1.3), plus the host's offset.
func (h *Host) tsNow() uint32 {
	if h.Prof == P26 {
		return uint32(h.now()/h.jiffy() + h.tsOffset*int64(h.HZ)/1000)
	}
	return uint32(h.now()/1000 + h.tsOffset)
}

// seconds is get_seconds() for the model: whole seconds of virtual time.
func (h *Host) seconds() int64 { return h.now() / 1_000_000 }

// count bumps an nstat counter and records it.
func (h *Host) count(conn int, name string, delta int64) {
	h.counters[name] += delta
	if h.net.tr != nil {
		h.traceCount(conn, name, delta)
	}
}

// traceCount and tracePath build their 360-byte events out of line: inlined at each of the
// ~120 call sites, the event's construction cost the web page's .wasm about 1 KB per site.
//
//go:noinline
func (h *Host) traceCount(conn int, name string, delta int64) {
	h.net.emit(trace.Event{Kind: trace.KindCounter, Host: h.Name, Conn: conn, Name: name, Delta: delta})
}

//go:noinline
func (h *Host) tracePath(conn int, fn, branch string) {
	h.net.emit(trace.Event{Kind: trace.KindPath, Host: h.Name, Conn: conn, Fn: fn, Branch: branch})
}

// Counters returns a copy of the host's counters.
func (h *Host) Counters() map[string]int64 {
	out := make(map[string]int64, len(h.counters))
	for k, v := range h.counters { // map order: a copy
		out[k] = v
	}
	return out
}

// Counter reads one counter.
func (h *Host) Counter(name string) int64 { return h.counters[name] }

func (h *Host) path(conn int, fn, branch string) {
	if h.net.tr != nil {
		h.tracePath(conn, fn, branch)
	}
}

// orphanInc / orphanDec keep the exact count and the profile's approximation (spec §9.9, §10).
func (h *Host) orphanInc() { h.orphanAdd(1) }
func (h *Host) orphanDec() { h.orphanAdd(-1) }

func (h *Host) orphanAdd(d int) {
	h.orphans += d
	if h.Prof == Modern {
		h.orphHist = append(h.orphHist, orphObs{h.now(), h.orphans})
		if len(h.orphHist) > 64 {
			h.pruneOrphHist()
		}
		return
	}
	h.pcLocal += d
	if h.pcLocal >= 32 || h.pcLocal <= -32 {
		h.pcFolded += h.pcLocal
		h.pcLocal = 0
	}
}

// orphanCache is modern's tcp_orphan_cache: the exact count as it was at the last multiple of
// 100 ms of virtual time (net/ipv4/tcp.c: tcp_orphan_update); changes at that very instant are
// not yet seen.
func (h *Host) orphanCache() int {
	refresh := h.now() / 100_000 * 100_000
	v := 0
	i := sort.Search(len(h.orphHist), func(i int) bool { return h.orphHist[i].t >= refresh })
	if i > 0 {
		v = h.orphHist[i-1].count
	}
	return v
}

func (h *Host) pruneOrphHist() {
	refresh := h.now() / 100_000 * 100_000
	i := sort.Search(len(h.orphHist), func(i int) bool { return h.orphHist[i].t >= refresh })
	if i > 1 {
		h.orphHist = append(h.orphHist[:0], h.orphHist[i-1:]...)
	}
}

// tooManyOrphans is tcp_too_many_orphans / tcp_check_oom's orphan half (spec §9.9).
func (h *Host) tooManyOrphans(shift uint) bool {
	max := h.Sys.MaxOrphans
	if h.Prof == Modern {
		return h.orphanCache()<<shift > max
	}
	approx := h.pcFolded
	if approx < 0 {
		approx = 0
	}
	exact := h.pcFolded + h.pcLocal
	if exact < 0 {
		exact = 0
	}
	return approx<<shift > max && exact<<shift > max
}

// Sockstat is /proc/net/sockstat's TCP line for this host.
func (h *Host) Sockstat() trace.Sockstat {
	inuse := 0
	for s := range h.all { // map order: a count
		if s.hashed || s.state == Listen {
			inuse++
		}
	}
	return trace.Sockstat{InUse: inuse, Orphan: h.orphans, TW: h.twCount}
}

// timer is a named kernel timer that records armed/fired/cancelled in the trace. Its owner and
// kind are set once when the owner is made and its queue entry is its own, so arming it
// allocates nothing.
type timer struct {
	name   string
	detail string
	ev     sim.Event
	h      *Host
	conn   int
	kind   timerKind
	owner  timerOwner
}

// newTimer makes a timer of one kind. Its event is Late: the kernel's timer wheel fires timers
// after their due time, so a segment arriving as one falls due is handled first (sim.Event.Late;
// recorded in testdata/scenarios/syn_ack_lost).
func newTimer(name string, kind timerKind) timer {
	return timer{name: name, kind: kind, ev: sim.Event{Late: true}}
}

// timerKind says which of its owner's timers fired.
type timerKind uint8

const (
	timerRetransmit timerKind = iota // icsk_retransmit_timer: RTO, TLP, zero-window probe
	timerDelack                      // icsk_delack_timer
	timerKeepalive                   // sk_timer: keepalive, FIN_WAIT2, linger2
	timerLinger                      // a blocking close()'s SO_LINGER wait
	timerSynack                      // a request socket's SYN-ACK retransmit timer
)

// timerOwner runs a fired timer's kernel function (an interface holding the owner's pointer,
// not a method value, which would allocate per owner).
type timerOwner interface{ timerFired(timerKind) }

func (t *timer) pending() bool { return t.ev.Pending() }

// Fire runs the timer's callback (sim.Handler).
func (t *timer) Fire() {
	if t.h.net.tr != nil {
		t.h.net.emit(trace.Event{Kind: trace.KindTimer, Host: t.h.Name, Conn: t.conn, Timer: t.name, Action: "fired", Expires: t.ev.At(), Detail: t.detail})
	}
	t.owner.timerFired(t.kind)
}

func (h *Host) arm(t *timer, conn int, at int64, detail string) {
	t.detail, t.h, t.conn = detail, h, conn
	h.net.S.Schedule(&t.ev, at, t)
	if h.net.tr != nil {
		h.net.emit(trace.Event{Kind: trace.KindTimer, Host: h.Name, Conn: conn, Timer: t.name, Action: "armed", Expires: at, Detail: detail})
	}
}

func (h *Host) cancel(t *timer, conn int) {
	if !t.ev.Pending() {
		return
	}
	at := t.ev.At()
	h.net.S.Cancel(&t.ev)
	if h.net.tr != nil {
		h.net.emit(trace.Event{Kind: trace.KindTimer, Host: h.Name, Conn: conn, Timer: t.name, Action: "cancelled", Expires: at, Detail: t.detail})
	}
}
