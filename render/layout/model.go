package layout

import (
	"fmt"
	"sort"
	"strings"

	"finwait/core/trace"
	"finwait/render/player"
	"finwait/render/theme"
	"finwait/render/warp"
)

// Model is what layout derives once per (trace, connection): the warp, the packets with their
// lanes, state marks, timer bars and the hosts' roles. Frames only read it.
type Model struct {
	Trace   *trace.Trace
	Conn    int
	Conns   []int
	Hosts   []string // lifelines, in scenario order
	Warp    *warp.Warp
	Moments []int64

	Packets  []Packet
	Injected bool // some packet of the selected connection is injected (the legend names the mark)
	States   []StateMark
	Timers   []TimerBar
	Events   []int // indices of this connection's events (and conn-less ones), in order
	HostInfo []HostInfo
	Expects  []Expect // a packetdrill script's expected segments, marked on the diagram (expect.go)
	cols     []int    // timer columns per host
	counters []string
	roles    map[int64]theme.Role
	snap     *snapshot // the panel's fold of the events, advanced as time moves on
}

// Packet is one segment of the selected connection.
type Packet struct {
	Index    int // event index
	From, To int // lifeline indices
	Role     theme.Role
	T0, T1   int64 // send and arrival (for a dropped segment: where it dies, halfway)
	Dropped  bool
	Injected bool // a crafted segment no host sent: drawn from mid-wire, never from the claimed sender
	FinOnDat bool // FP.: data body, FIN head
	Label    string
	Members  []int   // a burst: every event index drawn as this one arrow (first = Index)
	U0, U1   float64 // T0 and T1 on the warped axis (units), computed once
}

// StateMark is one state change.
type StateMark struct {
	Listener bool // a conn-less socket of this host (its listener)
	Index    int
	Host     int
	T        int64
	Text     string
	Role     theme.Role
}

// TimerBar is a timer from arming to its end.
type TimerBar struct {
	Host     int
	Col      int
	Name     string // display name
	T0, T1   int64  // armed … fired / cancelled / re-armed / expiry
	Expires  int64
	Fired    bool
	Canceled bool
	Role     theme.Role
	Next     int64 // when the next bar of its column starts (its label must end before), or trace.NoTime
}

// HostInfo is what a header card shows that does not change with time.
type HostInfo struct {
	Name    string
	Role    string // "client", "server" or ""
	Addr    string
	CloseT  int64 // when the application closed (or was killed); trace.NoTime if never
	Initial string
}

// Prepare derives the model of one connection (conn < 0 picks the first one).
func Prepare(tr *trace.Trace, conn int) *Model {
	m := &Model{Trace: tr}
	seen := map[int]bool{}
	for i := range tr.Events {
		if c := tr.Events[i].Conn; c != trace.NoConn && !seen[c] {
			seen[c] = true
			m.Conns = append(m.Conns, c)
		}
	}
	sort.Ints(m.Conns)
	if conn < 0 || !seen[conn] {
		conn = 0
		if len(m.Conns) > 0 {
			conn = m.Conns[0]
		}
	}
	m.Conn = conn
	// Lifelines: the scenario's hosts that take part in this connection.
	used := map[string]bool{}
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.Conn != conn {
			continue
		}
		used[e.Host] = true
		if e.Kind == trace.KindPacket {
			used[e.From], used[e.To] = true, true
		}
	}
	for _, h := range tr.Hosts {
		if used[h] {
			m.Hosts = append(m.Hosts, h)
		}
	}
	if len(m.Hosts) == 0 {
		m.Hosts = append(m.Hosts, tr.Hosts...)
	}
	hi := map[string]int{}
	for i, h := range m.Hosts {
		hi[h] = i
		m.HostInfo = append(m.HostInfo, HostInfo{Name: h, CloseT: trace.NoTime})
	}
	m.Moments = player.Moments(tr, conn)
	m.cols = make([]int, len(m.Hosts))

	// Typical one-way delay per direction, for drawing where a dropped segment dies.
	delay := map[[2]int]int64{}
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.Kind == trace.KindPacket && e.Conn == conn && !e.Dropped && e.Arrive != trace.NoTime {
			if _, ok := delay[[2]int{hi[e.From], hi[e.To]}]; !ok {
				delay[[2]int{hi[e.From], hi[e.To]}] = e.Arrive - e.T
			}
			if _, ok := delay[[2]int{-1, -1}]; !ok {
				delay[[2]int{-1, -1}] = e.Arrive - e.T
			}
		}
	}
	type tkey struct {
		host int
		name string
	}
	open := map[tkey]int{} // index into m.Timers of an armed bar
	var drops []int64      // where dropped segments die: key times of the warp too
	colOf := map[tkey]int{}
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.Conn != conn && e.Conn != trace.NoConn {
			continue
		}
		if e.Conn == conn || e.Kind != trace.KindCounter {
			m.Events = append(m.Events, i)
		}
		h, ok := hi[e.Host]
		if !ok {
			continue
		}
		switch e.Kind {
		case trace.KindPacket:
			if e.Conn != conn {
				continue
			}
			to, ok := hi[e.To]
			if !ok {
				continue
			}
			p := Packet{Index: i, From: h, To: to, Role: theme.FlagsRole(e.Flags, e.Len), T0: e.T, T1: e.Arrive, Dropped: e.Dropped || e.Arrive == trace.NoTime, Label: trace.PacketLabel(e)}
			p.FinOnDat = strings.Contains(e.Flags, "F") && e.Len > 0
			p.Injected = e.Injected
			m.Injected = m.Injected || e.Injected
			if p.Dropped {
				d, ok := delay[[2]int{h, to}]
				if !ok {
					d, ok = delay[[2]int{-1, -1}]
				}
				if !ok {
					d = 20000
				}
				p.T1 = e.T + d/2
			}
			if m.mergeBurst(p, e) {
				continue
			}
			p.Members = []int{i}
			m.Packets = append(m.Packets, p)
			if p.Dropped {
				drops = append(drops, p.T1)
			}
			if e.Flags == "S" && m.HostInfo[h].Role == "" {
				m.HostInfo[h].Role = "client"
				m.HostInfo[to].Role = "server"
			}
		case trace.KindState:
			// the connection's socket, and on its lifelines the conn-less ones (a listener)
			txt := e.StateTo
			if e.StateTo == "TIME_WAIT" && e.Substate != "" && e.Substate != e.StateTo { // a TW socket in FIN_WAIT2
				txt += " (" + e.Substate + ")"
			}
			if m.HostInfo[h].Initial == "" && e.Conn == conn {
				m.HostInfo[h].Initial = e.StateFrom
			}
			m.States = append(m.States, StateMark{Index: i, Host: h, T: e.T, Text: txt, Role: theme.StateRole(e.StateTo), Listener: e.Conn == trace.NoConn})
		case trace.KindTimer:
			if e.Conn != conn {
				continue
			}
			k := tkey{h, e.Timer}
			if j, ok := open[k]; ok && e.Action == "armed" && m.Timers[j].T0 == e.T && j == len(m.Timers)-1 {
				m.Timers = m.Timers[:j] // re-armed at the same instant (RTO, then as a loss probe): superseded
				delete(open, k)
			}
			if j, ok := open[k]; ok { // any action ends the running bar
				m.Timers[j].T1 = e.T
				m.Timers[j].Fired = e.Action == "fired"
				m.Timers[j].Canceled = e.Action == "cancelled"
				delete(open, k)
			}
			if e.Action == "armed" {
				c, ok := colOf[k]
				if !ok {
					c = m.cols[h]
					m.cols[h]++
					colOf[k] = c
				}
				m.Timers = append(m.Timers, TimerBar{Host: h, Col: c, Name: timerName(e), T0: e.T, T1: e.Expires, Expires: e.Expires, Role: timerRole(e.Timer)})
				open[k] = len(m.Timers) - 1
			}
		case trace.KindCall:
			if e.Conn == conn && (e.Action == "close" || e.Action == "kill") && m.HostInfo[h].CloseT == trace.NoTime {
				m.HostInfo[h].CloseT = e.T
			}
		}
	}
	// The warp's key times are the moments plus the drop points, so a lost segment gets room.
	m.Warp = warp.Build(append(append([]int64(nil), m.Moments...), drops...), warp.Params{})
	for k := range m.Packets {
		m.Packets[k].U0, m.Packets[k].U1 = m.Warp.Y(m.Packets[k].T0), m.Warp.Y(m.Packets[k].T1)
	}
	next := map[[2]int]int64{} // bars of a column, from the last: the start of the one after each
	for j := len(m.Timers) - 1; j >= 0; j-- {
		tb := &m.Timers[j]
		if tb.T1 > tr.EndUs && !tb.Fired && !tb.Canceled { // bars still open at the end of the run stop there
			tb.T1 = tr.EndUs
		}
		k := [2]int{tb.Host, tb.Col}
		tb.Next = trace.NoTime
		if t, ok := next[k]; ok {
			tb.Next = t
		}
		next[k] = tb.T0
	}
	for h, name := range m.Hosts {
		if f, ok := tr.Final[name]; ok {
			for _, s := range f.Sockets {
				if s.Conn == conn {
					m.HostInfo[h].Addr = s.Local
				}
			}
		}
	}
	return m
}

// mergeBurst folds a segment into an earlier arrow of the same instant, direction, kind, flags and
// fate (a burst the sender put on the wire at once): identical arrows could not be told apart or
// labelled side by side. The arrow's label then covers the whole burst, "×N" segments.
func (m *Model) mergeBurst(p Packet, e *trace.Event) bool {
	for j := len(m.Packets) - 1; j >= 0 && m.Packets[j].T0 == p.T0; j-- {
		q := &m.Packets[j]
		f := &m.Trace.Events[q.Index]
		if q.From != p.From || q.To != p.To || q.T1 != p.T1 || q.Dropped != p.Dropped || q.Injected != p.Injected || f.Flags != e.Flags || f.Note != e.Note {
			continue
		}
		q.Members = append(q.Members, p.Index)
		last := &m.Trace.Events[p.Index]
		sum := trace.Event{Flags: f.Flags, Seq: f.Seq, Ack: last.Ack, HasAck: last.HasAck, Win: last.Win}
		for _, k := range q.Members {
			sum.Len += m.Trace.Events[k].Len
		}
		q.Label = fmt.Sprintf("%s ×%d", trace.PacketLabel(&sum), len(q.Members))
		q.FinOnDat = q.FinOnDat || p.FinOnDat
		return true
	}
	return false
}

func timerName(e *trace.Event) string {
	switch {
	case e.Timer == "retransmit" && e.Detail == "loss_probe":
		return "TLP"
	case e.Timer == "retransmit":
		return "RTO"
	case e.Timer == "timewait" && e.Detail == "FIN_WAIT2", e.Timer == "keepalive" && e.Detail == "fin_wait2":
		return "FIN_WAIT2" // a TW socket in substate FIN_WAIT2, or the keepalive timer standing in for it: tcp_fin_timeout's timer
	case e.Timer == "timewait":
		return "TIME_WAIT"
	case e.Timer == "probe":
		return "persist"
	}
	return e.Timer
}

func timerRole(name string) theme.Role {
	switch name {
	case "timewait":
		return theme.RoleTW
	case "linger":
		return theme.RoleFin
	}
	return theme.RoleAck
}

// SetAddrs fills in the header cards' addresses from the scenario's hosts (the trace names hosts
// only; its final sockets are gone once a run ends). Ports come from the connection's connect()
// call: "10.0.0.2:5000 from port 32768" gives the server's port and the client's.
func (m *Model) SetAddrs(addr map[string]string) {
	port := map[string]string{}
	for _, i := range m.Events {
		e := &m.Trace.Events[i]
		if e.Kind != trace.KindCall || e.Action != "connect" || e.Conn != m.Conn {
			continue
		}
		dst, rest, _ := strings.Cut(e.Detail, " ")
		if k := strings.LastIndexByte(dst, ':'); k > 0 {
			for h, a := range addr {
				if dst[:k] == a || dst[:k] == h {
					port[h] = digits(dst[k+1:])
				}
			}
		}
		if p, ok := strings.CutPrefix(rest, "from port "); ok {
			port[e.Host] = digits(p)
		}
	}
	for i := range m.HostInfo {
		hi := &m.HostInfo[i]
		if hi.Addr != "" || addr[hi.Name] == "" {
			continue
		}
		hi.Addr = addr[hi.Name]
		if p := port[hi.Name]; p != "" {
			hi.Addr += ":" + p
		}
	}
}

func digits(s string) string {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return s[:n]
}

// StateAt is a host's state at t (the last change at or before t; before any, the state the
// first change left).
//
// Before the connection's socket exists, a listener on the host stands in for it.
func (m *Model) StateAt(h int, t int64) (string, theme.Role) {
	s, lis := "", ""
	for i := range m.States {
		st := &m.States[i]
		if st.T > t {
			break
		}
		if st.Host != h {
			continue
		}
		if st.Listener {
			lis = m.Trace.Events[st.Index].StateTo
		} else {
			s = m.Trace.Events[st.Index].StateTo
		}
	}
	if s == "" {
		s = lis
	}
	if s == "" {
		s = m.HostInfo[h].Initial
	}
	if s == "" {
		s = "CLOSE"
	}
	return s, theme.StateRole(s)
}

// SubstateAt is the TIME_WAIT socket's substate at t ("" when the socket is not a TW socket: the
// substate a TW socket had when it went to CLOSE is gone with it).
func (m *Model) SubstateAt(h int, t int64) string {
	sub := ""
	for i := range m.States {
		st := &m.States[i]
		if st.T > t {
			break
		}
		if e := &m.Trace.Events[st.Index]; st.Host == h && !st.Listener {
			sub = ""
			if e.StateTo == "TIME_WAIT" {
				sub = e.Substate
			}
		}
	}
	return sub
}

// Orphan reports whether a host's socket is an orphan at t: its application closed it and the
// full socket still exists.
func (m *Model) Orphan(h int, t int64) bool {
	c := m.HostInfo[h].CloseT
	if c == trace.NoTime || c > t {
		return false
	}
	s, _ := m.StateAt(h, t)
	return s != "CLOSE" && s != "TIME_WAIT"
}
