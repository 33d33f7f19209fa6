package tcp

import (
	"fmt"

	"finwait/core/trace"
)

// Inject puts a crafted segment on the wire: a segment that no host sent (a scenario's inject
// action: an RST with a chosen sequence number, an old duplicate SYN, a FIN with data). seg
// carries absolute numbers and the wire's addresses; seg.Src must be a host's address (or the
// NAT's public address and one of its ports): the host the segment claims to come from. It
// arrives at the host owning seg.Dst at virtual time at, which must not be in the past — no wire
// delay and no drop/delay/duplicate rule applies, since the crafted segment is placed at the
// receiver's end of the wire at the moment asked for — and goes through that host's whole input
// path (tcp_v4_rcv: full socket, TIME_WAIT socket, request, listener, else a reply RST).
//
// The trace shows it as a packet event from the claimed sender with "injected": true, sent and
// arriving at at. No counter of the claimed sender moves. seg.Conn names the conn it is traced
// on, numbered relative to that conn's ISNs even if it is a SYN (an old duplicate SYN stays on
// its conn); with seg.Conn = trace.NoConn the wire decides as for a host's segment: the conn of
// its 4-tuple, and a SYN without ACK that does not repeat that conn's ISN starts a new conn
// (spec §0).
func (n *Net) Inject(seg Segment, at int64) error {
	if at < n.Now() {
		return fmt.Errorf("inject at %d µs: that is before the current time %d µs", at, n.Now())
	}
	if seg.Flags > FlagSYN|FlagFIN|FlagRST|FlagPSH|FlagACK {
		return fmt.Errorf("inject: flags %#x are not a combination of FIN, SYN, RST, PSH and ACK", seg.Flags)
	}
	if seg.Len < 0 {
		return fmt.Errorf("inject: negative length %d", seg.Len)
	}
	from, _ := n.hostAt(seg.Src, seg.Sport)
	if from == nil {
		return fmt.Errorf("inject: source %s is no host's address", FormatAddr(seg.Src))
	}
	to, _ := n.hostAt(seg.Dst, seg.Dport)
	if to == nil {
		return fmt.Errorf("inject: destination %s:%d is no host's address", FormatAddr(seg.Dst), seg.Dport)
	}
	if seg.Conn != trace.NoConn && n.keepConns && n.connAt(seg.Conn) == nil {
		return fmt.Errorf("inject: conn %d does not exist", seg.Conn)
	}
	seg.Injected = true
	n.S.At(at, func() { n.deliverInjected(from, seg) })
	return nil
}

// hostAt finds the host that owns an address on the wire and its own port there (the NAT's
// public address maps back to the inner host by port).
func (n *Net) hostAt(addr uint32, port uint16) (*Host, uint16) {
	if n.nat != nil && addr == n.nat.addr {
		k, ok := n.nat.in[port]
		if !ok {
			return nil, 0
		}
		return k.h, k.lport
	}
	return n.byAddr[addr], port
}

// deliverInjected traces an injected segment and hands it to the receiver's tcp_v4_rcv.
func (n *Net) deliverInjected(from *Host, seg Segment) {
	to, lport := n.hostAt(seg.Dst, seg.Dport)
	seg.Dst = to.Addr
	seg.Dport = lport
	t := tuple{laddr: seg.Dst, raddr: seg.Src, lport: seg.Dport, rport: seg.Sport}
	if seg.Conn == trace.NoConn {
		seg.Conn = n.connOf(t)
		// a SYN starts a new conn unless it repeats the ISN its conn started with
		if c := n.connAt(seg.Conn); seg.has(FlagSYN) && !seg.has(FlagACK) && (c == nil || c.isnC != seg.Seq || c.client != from) {
			seg.Conn = n.newConn(from, t.reverse(), seg.Seq)
		}
	}
	if n.tr != nil {
		n.emitPacket(from, to.Name, &seg, n.Now(), false)
	}
	to.receive(&seg)
}

// connAt returns the registry entry of a conn, or nil.
func (n *Net) connAt(conn int) *connInfo {
	if conn < 0 || conn >= len(n.conns) {
		return nil
	}
	return n.conns[conn]
}

// noteSent records what a host put on the wire (its next sequence number and TSval), for
// ConnView. Injected segments are not recorded: no host sent them.
func (n *Net) noteSent(from *Host, seg *Segment) {
	c := n.connAt(seg.Conn)
	if c == nil {
		return
	}
	side := 0
	switch {
	case c.client == from:
	case c.server == from || !c.hasS:
		side = 1
	default:
		return
	}
	s := &c.sent[side]
	if end := seg.EndSeq(); !s.hasNext || after(end, s.next) {
		// a reply RST without ACK has seq = the ack it answers: it is still this side's number
		s.next, s.hasNext = end, true
	}
	if seg.HasTS {
		s.tsval, s.tsAt, s.hasTS = seg.TSVal, n.Now(), true
	}
	if !seg.has(FlagRST) {
		s.win, s.hasWin = seg.Win, true
	}
}

// ConnEnd is what an observer of the wire knows about one end of a connection: enough to craft
// a segment from it or to it with numbers relative to the connection.
type ConnEnd struct {
	Host *Host
	// Addr and Port are this end's address and port as the other end sees them on the wire.
	Addr uint32
	Port uint16
	// ISN is this end's initial sequence number, known once it sent its SYN or SYN-ACK.
	ISN    uint32
	HasISN bool
	// Next is one past the highest sequence number (seq+len+SYN+FIN) this end has sent.
	Next    uint32
	HasNext bool
	// TSVal is the latest timestamp this end sent and TSAt when (µs).
	TSVal uint32
	TSAt  int64
	HasTS bool
	// Win is the window field of the latest segment other than a RST this end sent.
	Win    uint16
	HasWin bool
}

// ConnView returns both ends of conn (the connection numbered conn in the trace) as the wire
// has seen them so far. ok is false for a conn that does not exist (yet) or when the registry
// is not kept (trace off without Config.KeepConns).
func (n *Net) ConnView(conn int) (client, server ConnEnd, ok bool) {
	c := n.connAt(conn)
	if c == nil {
		return client, server, false
	}
	client = ConnEnd{Host: c.client, Addr: c.tupC.laddr, Port: c.tupC.lport, ISN: c.isnC, HasISN: true}
	server = ConnEnd{Host: c.server, Addr: c.tupC.raddr, Port: c.tupC.rport, ISN: c.isnS, HasISN: c.hasS}
	if c.hasS {
		client.Addr, client.Port = c.tupS.raddr, c.tupS.rport // behind a NAT: the public address
	} else {
		server.Host, _ = n.hostAt(c.tupC.raddr, c.tupC.rport)
	}
	for i, e := range []*ConnEnd{&client, &server} {
		s := c.sent[i]
		e.Next, e.HasNext = s.next, s.hasNext
		e.TSVal, e.TSAt, e.HasTS = s.tsval, s.tsAt, s.hasTS
		e.Win, e.HasWin = s.win, s.hasWin
	}
	return client, server, true
}

// TSClock is the host's timestamp clock now (TSval for a segment sent now): modern in
// milliseconds, 2.6 in jiffies, plus the host's offset (spec §1.3).
func (h *Host) TSClock() uint32 { return h.tsNow() }
