package source

import (
	"sort"

	"finwait/core/trace"
)

// The synthetic traces follow spec §17's packet listings (modern profile, 20 ms one way unless
// stated) closely enough to draw and test the renderer; the core's traces replace them.

// Synthetic lists the hand-built traces by name (tests).
func Synthetic() map[string]func() *trace.Trace {
	return map[string]func() *trace.Trace{
		"normal_active_close":     NormalActiveClose,
		"close_with_unread_data":  closeWithUnread,
		"simultaneous_close":      simultaneousClose,
		"fin_lost_orphan_retries": finLostOrphan,
	}
}

// Builder assembles a trace by hand (synthetic scenarios, tests, benchmarks). Times are in ms.
type Builder struct {
	T     *trace.Trace
	delay map[string]float64
	conn  int
}

// NewBuilder starts a trace of two or more hosts with one-way delay ms between each pair.
func NewBuilder(name string, delayMs float64, hosts ...string) *Builder {
	return &Builder{T: &trace.Trace{Scenario: name, Profile: "modern", Hosts: hosts, Final: map[string]trace.HostFinal{}}, delay: map[string]float64{"": delayMs}}
}

func us(ms float64) int64 { return int64(ms*1000 + 0.5) }

func (b *Builder) add(e trace.Event) { e.Conn = b.conn; b.T.Events = append(b.T.Events, e) }

// Conn selects the connection the next events belong to.
func (b *Builder) Conn(c int) *Builder { b.conn = c; return b }

// Pkt adds a segment sent at ms from → to; ack < 0 means no ACK flag. It arrives after the one-way
// delay unless dropped.
func (b *Builder) Pkt(ms float64, from, to, flags string, seq, ack int64, length, win int, dropped bool, note string) *Builder {
	e := trace.Event{T: us(ms), Kind: trace.KindPacket, Host: from, From: from, To: to, Flags: flags, Seq: uint32(seq), Len: length, Win: win, Dropped: dropped, Note: note, Arrive: trace.NoTime}
	if ack >= 0 {
		e.Ack, e.HasAck = uint32(ack), true
	}
	if !dropped {
		e.Arrive = us(ms + b.delay[""])
	}
	b.add(e)
	return b
}

// State adds a state change.
func (b *Builder) State(ms float64, host, from, to, fn string) *Builder {
	e := trace.Event{T: us(ms), Kind: trace.KindState, Host: host, StateFrom: from, StateTo: to, Fn: fn}
	if to == "TIME_WAIT" {
		e.Substate = "TIME_WAIT"
	}
	b.add(e)
	return b
}

// Timer adds a timer action; expiresMs matters for armed.
func (b *Builder) Timer(ms float64, host, name, action string, expiresMs float64, detail string) *Builder {
	b.add(trace.Event{T: us(ms), Kind: trace.KindTimer, Host: host, Timer: name, Action: action, Expires: us(expiresMs), Detail: detail})
	return b
}

// Call adds an application call; returnedMs < 0 means it did not block.
func (b *Builder) Call(ms float64, host, action, detail, result string, returnedMs float64) *Builder {
	e := trace.Event{T: us(ms), Kind: trace.KindCall, Host: host, Action: action, Detail: detail, Result: result, Returned: trace.NoTime}
	if returnedMs >= 0 {
		e.Returned = us(returnedMs)
	}
	b.add(e)
	return b
}

// Counter adds a counter delta.
func (b *Builder) Counter(ms float64, host, name string, delta int64) *Builder {
	b.add(trace.Event{T: us(ms), Kind: trace.KindCounter, Host: host, Name: name, Delta: delta})
	return b
}

// Path adds a kernel decision.
func (b *Builder) Path(ms float64, host, fn, branch string) *Builder {
	b.add(trace.Event{T: us(ms), Kind: trace.KindPath, Host: host, Fn: fn, Branch: branch})
	return b
}

// Socket records a host's final socket for a conn (its addresses feed the header cards).
func (b *Builder) Socket(host string, s trace.SocketInfo) *Builder {
	f := b.T.Final[host]
	f.Sockets = append(f.Sockets, s)
	if f.Counters == nil {
		f.Counters = map[string]int64{}
	}
	b.T.Final[host] = f
	return b
}

// Done orders the events by time (stable), sets the end and the final counters.
func (b *Builder) Done(endMs float64) *trace.Trace {
	sort.SliceStable(b.T.Events, func(i, j int) bool { return b.T.Events[i].T < b.T.Events[j].T })
	b.T.EndUs = us(endMs)
	for h, m := range b.T.CounterDeltas() {
		f := b.T.Final[h]
		if f.Counters == nil {
			f.Counters = map[string]int64{}
		}
		for n, v := range m {
			f.Counters[n] += v
		}
		b.T.Final[h] = f
	}
	return b.T
}

// Handshake adds connect/SYN/SYN-ACK/ACK starting at ms (client A-side host a, server b).
func (b *Builder) Handshake(ms float64, a, bh string) *Builder {
	d := b.delay[""]
	b.Call(ms, a, "connect", bh+":5000", "0", ms+2*d)
	b.State(ms, a, "CLOSE", "SYN_SENT", "tcp_v4_connect").Counter(ms, a, "TcpActiveOpens", 1)
	b.Timer(ms, a, "retransmit", "armed", ms+1000, "")
	b.Pkt(ms, a, bh, "S", 0, -1, 0, 64240, false, "")
	b.State(ms+d, bh, "LISTEN", "SYN_RECV", "tcp_conn_request").Counter(ms+d, bh, "TcpPassiveOpens", 1)
	b.Pkt(ms+d, bh, a, "S.", 0, 1, 0, 65160, false, "")
	b.State(ms+2*d, a, "SYN_SENT", "ESTABLISHED", "tcp_rcv_synsent_state_process").Timer(ms+2*d, a, "retransmit", "cancelled", 0, "")
	b.Pkt(ms+2*d, a, bh, ".", 1, 1, 0, 502, false, "")
	b.State(ms+3*d, bh, "SYN_RECV", "ESTABLISHED", "tcp_rcv_state_process")
	return b
}

func sockets(b *Builder, port string) {
	b.Socket("A", trace.SocketInfo{Conn: 0, Local: "10.0.0.1:" + port, Remote: "10.0.0.2:5000", State: "CLOSE"})
	b.Socket("B", trace.SocketInfo{Conn: 0, Local: "10.0.0.2:5000", Remote: "10.0.0.1:" + port, State: "CLOSE"})
}

// NormalActiveClose is spec §17.1 with its handshake (0/20/40 ms).
func NormalActiveClose() *trace.Trace {
	b := NewBuilder("normal_active_close", 20, "A", "B")
	b.Handshake(0, "A", "B")
	b.Call(200, "A", "send", "100", "100", -1).Pkt(200, "A", "B", "P.", 1, 1, 100, 502, false, "")
	b.Timer(200, "A", "retransmit", "armed", 420, "loss_probe")
	b.Pkt(220, "B", "A", ".", 1, 101, 0, 507, false, "").Call(220, "B", "recv", "", "100", -1)
	b.Timer(240, "A", "retransmit", "cancelled", 0, "")
	b.Call(500, "A", "close", "", "0", -1).Path(500, "A", "tcp_close", "close_state[ESTABLISHED] = FIN_WAIT1: send FIN")
	b.State(500, "A", "ESTABLISHED", "FIN_WAIT1", "tcp_close").Pkt(500, "A", "B", "F.", 101, 1, 0, 502, false, "")
	b.Timer(500, "A", "retransmit", "armed", 740, "loss_probe")
	b.Path(520, "B", "tcp_fin", "ESTABLISHED: CLOSE_WAIT, schedule delayed ACK")
	b.State(520, "B", "ESTABLISHED", "CLOSE_WAIT", "tcp_fin").Timer(520, "B", "delack", "armed", 560, "")
	b.Call(520, "B", "recv", "", "EOF", -1).Call(520, "B", "close", "", "0", -1)
	b.Path(520, "B", "tcp_close", "close_state[CLOSE_WAIT] = LAST_ACK: send FIN")
	b.State(520, "B", "CLOSE_WAIT", "LAST_ACK", "tcp_close").Timer(520, "B", "delack", "cancelled", 0, "")
	b.Pkt(520, "B", "A", "F.", 1, 102, 0, 507, false, "").Timer(520, "B", "retransmit", "armed", 760, "loss_probe")
	b.Path(540, "A", "tcp_rcv_state_process", "FIN_WAIT1: our FIN acked, FIN_WAIT2")
	b.State(540, "A", "FIN_WAIT1", "FIN_WAIT2", "tcp_rcv_state_process").Timer(540, "A", "retransmit", "cancelled", 0, "")
	b.Path(540, "A", "tcp_time_wait", "FIN in FIN_WAIT2: TIME_WAIT for 60 s")
	b.State(540, "A", "FIN_WAIT2", "TIME_WAIT", "tcp_time_wait").Timer(540, "A", "timewait", "armed", 60540, "")
	b.Counter(540, "A", "TcpExtTW", 1).Pkt(540, "A", "B", ".", 102, 2, 0, 502, false, "")
	b.State(560, "B", "LAST_ACK", "CLOSE", "tcp_rcv_state_process").Timer(560, "B", "retransmit", "cancelled", 0, "")
	b.Timer(60540, "A", "timewait", "fired", 60540, "").State(60540, "A", "TIME_WAIT", "CLOSE", "tw_timer_handler")
	sockets(b, "54344")
	return b.Done(60540)
}

func closeWithUnread() *trace.Trace {
	b := NewBuilder("close_with_unread_data", 20, "A", "B")
	b.Handshake(0, "A", "B")
	b.Call(200, "B", "send", "100", "100", -1).Pkt(200, "B", "A", "P.", 1, 1, 100, 509, false, "")
	b.Pkt(220, "A", "B", ".", 1, 101, 0, 502, false, "")
	b.Call(500, "A", "close", "", "0", -1).Path(500, "A", "tcp_close", "data_was_unread > 0: send RST, not FIN")
	b.State(500, "A", "ESTABLISHED", "CLOSE", "tcp_close").Pkt(500, "A", "B", "R.", 1, 101, 0, 502, false, "")
	b.Counter(500, "A", "TcpExtTCPAbortOnClose", 1).Counter(500, "A", "TcpOutRsts", 1).Counter(500, "A", "TcpEstabResets", 1)
	b.Path(520, "B", "tcp_reset", "ESTABLISHED: ECONNRESET")
	b.State(520, "B", "ESTABLISHED", "CLOSE", "tcp_reset").Counter(520, "B", "TcpEstabResets", 1)
	b.Call(600, "B", "recv", "", "ECONNRESET", -1).Call(620, "B", "send", "10", "EPIPE", -1).Call(640, "B", "close", "", "0", -1)
	sockets(b, "41872")
	return b.Done(640)
}

func simultaneousClose() *trace.Trace {
	b := NewBuilder("simultaneous_close", 100, "A", "B")
	b.Handshake(0, "A", "B")
	for _, h := range [][2]string{{"A", "B"}, {"B", "A"}} {
		b.Call(500, h[0], "close", "", "0", -1).Path(500, h[0], "tcp_close", "close_state[ESTABLISHED] = FIN_WAIT1: send FIN")
		b.State(500, h[0], "ESTABLISHED", "FIN_WAIT1", "tcp_close").Pkt(500, h[0], h[1], "F.", 1, 1, 0, 502, false, "")
		b.Timer(500, h[0], "retransmit", "armed", 904, "")
		b.Path(600, h[0], "tcp_fin", "FIN_WAIT1: CLOSING, send ACK")
		b.State(600, h[0], "FIN_WAIT1", "CLOSING", "tcp_fin").Pkt(600, h[0], h[1], ".", 2, 2, 0, 502, false, "")
		b.State(700, h[0], "CLOSING", "TIME_WAIT", "tcp_time_wait").Timer(700, h[0], "retransmit", "cancelled", 0, "")
		b.Timer(700, h[0], "timewait", "armed", 60700, "").Counter(700, h[0], "TcpExtTW", 1)
		b.Timer(60700, h[0], "timewait", "fired", 60700, "").State(60700, h[0], "TIME_WAIT", "CLOSE", "tw_timer_handler")
	}
	sockets(b, "39020")
	return b.Done(60700)
}

func finLostOrphan() *trace.Trace {
	b := NewBuilder("fin_lost_orphan_retries", 20, "A", "B")
	b.Handshake(0, "A", "B")
	b.Call(500, "A", "close", "", "0", -1).Path(500, "A", "tcp_close", "close_state[ESTABLISHED] = FIN_WAIT1: send FIN")
	b.State(500, "A", "ESTABLISHED", "FIN_WAIT1", "tcp_close").Pkt(500, "A", "B", "F.", 1, 1, 0, 502, false, "")
	b.Timer(500, "A", "retransmit", "armed", 704, "")
	b.State(520, "B", "ESTABLISHED", "CLOSE_WAIT", "tcp_fin").Pkt(520, "B", "A", ".", 1, 2, 0, 509, true, "")
	at, rto := 704.0, 204.0
	for i := 0; i < 2; i++ {
		b.Timer(at, "A", "retransmit", "fired", at, "").Path(at, "A", "tcp_retransmit_timer", "FIN_WAIT1: retransmit FIN, back off")
		b.Pkt(at, "A", "B", "F.", 1, 1, 0, 502, false, "retransmit").Counter(at, "A", "TcpRetransSegs", 1)
		b.Pkt(at+20, "B", "A", ".", 1, 2, 0, 509, true, "")
		rto *= 2
		b.Timer(at, "A", "retransmit", "armed", at+rto, "")
		at += rto
	}
	b.Timer(at, "A", "retransmit", "fired", at, "").Path(at, "A", "tcp_write_timeout", "orphan: tcp_orphan_retries 2 exhausted, give up")
	b.State(at, "A", "FIN_WAIT1", "CLOSE", "tcp_write_timeout").Counter(at, "A", "TcpExtTCPAbortOnTimeout", 1)
	b.Call(3000, "B", "close", "", "0", -1).Path(3000, "B", "tcp_close", "close_state[CLOSE_WAIT] = LAST_ACK: send FIN")
	b.State(3000, "B", "CLOSE_WAIT", "LAST_ACK", "tcp_close").Pkt(3000, "B", "A", "F.", 1, 2, 0, 509, false, "")
	b.Timer(3000, "B", "retransmit", "armed", 3204, "")
	b.Pkt(3020, "A", "B", "R", 2, -1, 0, 0, false, "reply_rst").Counter(3020, "A", "TcpOutRsts", 1)
	b.Path(3040, "B", "tcp_reset", "LAST_ACK: CLOSE")
	b.State(3040, "B", "LAST_ACK", "CLOSE", "tcp_reset").Timer(3040, "B", "retransmit", "cancelled", 0, "")
	sockets(b, "51110")
	return b.Done(3040)
}

// Bulk is a synthetic trace of n packets on one connection (benchmarks): a handshake, data and
// ACKs back and forth every 10 ms with a few idle gaps, then a normal close.
func Bulk(n int) *trace.Trace {
	b := NewBuilder("bulk", 20, "A", "B")
	b.Handshake(0, "A", "B")
	t, seq := 100.0, int64(1)
	for i := 3; i < n-3; i += 2 {
		b.Pkt(t, "A", "B", "P.", seq, 1, 1000, 502, i%97 == 0, "")
		b.Pkt(t+20, "B", "A", ".", 1, seq+1000, 0, 507, false, "")
		seq += 1000
		t += 10
		if i%200 == 1 {
			t += 5000
		}
	}
	b.State(t, "A", "ESTABLISHED", "FIN_WAIT1", "tcp_close").Pkt(t, "A", "B", "F.", seq, 1, 0, 502, false, "")
	b.State(t+20, "B", "ESTABLISHED", "CLOSE_WAIT", "tcp_fin").State(t+20, "B", "CLOSE_WAIT", "LAST_ACK", "tcp_close")
	b.Pkt(t+20, "B", "A", "F.", 1, seq+1, 0, 507, false, "")
	b.State(t+40, "A", "FIN_WAIT1", "TIME_WAIT", "tcp_time_wait").Pkt(t+40, "A", "B", ".", seq+1, 2, 0, 502, false, "")
	b.Timer(t+40, "A", "timewait", "armed", t+60040, "")
	b.State(t+60, "B", "LAST_ACK", "CLOSE", "tcp_rcv_state_process")
	sockets(b, "40000")
	return b.Done(t + 60040)
}
