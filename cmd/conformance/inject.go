package main

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"syscall"

	"finwait/core/scenario"
	"finwait/core/trace"
)

// sideSeen is what one end of a connection has put on the wire, as the forwarder saw it: enough
// to give an injected segment numbers relative to the connection ("next", "now", "echo").
type sideSeen struct {
	next    uint32 // one past the highest seq+len+SYN+FIN sent
	hasNext bool
	tsval   uint32
	tsAt    int64 // µs since t = 0
	hasTS   bool
	win     uint16 // the latest window field other than a RST's
	hasWin  bool
}

// noteSent records a segment an end sent at t µs (ct.mu held).
func (c *connInfo) noteSent(s tcpSeg, t int64) {
	if c.sent == nil {
		c.sent = map[netip.Addr]*sideSeen{}
	}
	e := c.sent[s.src.Addr()]
	if e == nil {
		e = &sideSeen{}
		c.sent[s.src.Addr()] = e
	}
	end := s.seq + uint32(s.payload)
	if s.flags&thSYN != 0 {
		end++
	}
	if s.flags&thFIN != 0 {
		end++
	}
	if !e.hasNext || int32(end-e.next) > 0 {
		e.next, e.hasNext = end, true
	}
	if s.hasTS {
		e.tsval, e.tsAt, e.hasTS = s.tsval, t, true
	}
	if s.flags&thRST == 0 {
		e.win, e.hasWin = s.win, true
	}
}

// injectEnd describes one end of conn idx for scenario.Action.Resolve, at now µs; ok is false
// when the conn does not exist or addr is neither of its ends.
func (ct *connTable) injectEnd(idx int, addr netip.Addr, name string, now int64) (scenario.InjectEnd, netip.AddrPort, bool) {
	ct.mu.Lock()
	defer ct.mu.Unlock()
	e := scenario.InjectEnd{Name: name}
	if idx < 0 || idx >= len(ct.conns) {
		return e, netip.AddrPort{}, false
	}
	c := ct.conns[idx]
	var ap netip.AddrPort
	switch addr {
	case c.client.Addr():
		ap = c.client
	case c.server.Addr():
		ap = c.server
	default:
		return e, ap, false
	}
	e.ISN, e.HasISN = c.isn[addr]
	if s := c.sent[addr]; s != nil {
		e.Next, e.HasNext = s.next, s.hasNext
		e.TSVal, e.HasTS = s.tsval, s.hasTS
		e.Win, e.HasWin = s.win, s.hasWin
		if s.hasTS {
			// the kernel's TS clock ticks in milliseconds from a per-connection offset: read it
			// now from the latest TSval, and shift the model's readings (ms since t = 0) onto it
			e.TSNow = s.tsval + uint32((now-s.tsAt)/1000)
			e.TSClockShift = e.TSNow - uint32(now/1000)
		}
	}
	return e, ap, true
}

// observeInjected classifies an injected segment: on the conn its action names, numbered
// relative to that conn even if it is a SYN (as the model's Net.Inject does), else as observe.
func (ct *connTable) observeInjected(s tcpSeg, conn string) (int, uint32, uint32) {
	var idx int
	if _, err := fmt.Sscanf(conn, "c%d", &idx); err != nil {
		return ct.observeAt(s, -1)
	}
	ct.mu.Lock()
	defer ct.mu.Unlock()
	c := ct.conns[idx] // injectEnd found it
	seq, ack := s.seq, s.ack
	if isn, has := c.isn[s.src.Addr()]; has {
		seq -= isn
	}
	if isn, has := c.isn[s.dst.Addr()]; has {
		ack -= isn
	}
	return idx, seq, ack
}

// inject writes a scenario's crafted segment into the receiving host's TUN device now, with
// numbers resolved against what the wire has seen of the connection, and records it as an
// injected packet event. It passes no wire rule and has no delay: it is placed at the
// receiver's end of the wire, as the model's Net.Inject does.
func (f *forwarder) inject(a scenario.Action) error {
	var from, to *endpoint
	for _, e := range f.eps {
		switch e.host {
		case a.Host:
			from = e
		case a.To:
			to = e
		}
	}
	if from == nil || to == nil {
		return fmt.Errorf("inject from %s to %s: the harness has no such host", a.Host, a.To)
	}
	now := f.clk.now()
	snd := scenario.InjectEnd{Name: a.Host}
	rcv := scenario.InjectEnd{Name: a.To}
	src := netip.AddrPortFrom(from.addr, uint16(a.Segment.Sport))
	dst := netip.AddrPortFrom(to.addr, uint16(a.Segment.Dport))
	if a.Conn != "" {
		var idx int
		if _, err := fmt.Sscanf(a.Conn, "c%d", &idx); err != nil {
			return fmt.Errorf("inject: conn %q: %w", a.Conn, err)
		}
		var ok1, ok2 bool
		snd, src, ok1 = f.conns.injectEnd(idx, from.addr, a.Host, now)
		rcv, dst, ok2 = f.conns.injectEnd(idx, to.addr, a.To, now)
		if !ok1 || !ok2 {
			return fmt.Errorf("connection %s between %s and %s does not exist yet", a.Conn, a.Host, a.To)
		}
		if a.Segment.TS != nil && !snd.HasTS {
			return fmt.Errorf("inject on %s: %s has sent no timestamp, so its TS clock is unknown", a.Conn, a.Host)
		}
	}
	g, err := a.Resolve(snd, rcv)
	if err != nil {
		return err
	}
	pkt := buildPacket(src, dst, g)
	s, _ := parseTCP(pkt)
	t := f.clk.now()
	conn, seq, ack := f.conns.observeInjected(s, a.Conn)
	ev := trace.Event{T: t, Kind: trace.KindPacket, Host: a.Host, Conn: conn, From: a.Host, To: a.To,
		Flags: flagString(s.flags), Seq: seq, Ack: ack, HasAck: s.flags&thACK != 0, Len: s.payload,
		Win: int(s.win), Arrive: t, Injected: true}
	if !ev.HasAck {
		ev.Ack = 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, ev)
	if _, err := syscall.Write(to.fd, pkt); err != nil {
		return fmt.Errorf("inject: write to %s: %w", a.To, err)
	}
	return nil
}

// buildPacket writes an IPv4/TCP packet with the segment's options (MSS, SACK permitted,
// timestamps, window scale, padded with NOPs) and a zero-filled payload, checksums included.
func buildPacket(src, dst netip.AddrPort, g scenario.Injected) []byte {
	var opts []byte
	if g.MSS != 0 {
		opts = binary.BigEndian.AppendUint16(append(opts, 2, 4), g.MSS)
	}
	if g.SackOK {
		opts = append(opts, 4, 2)
	}
	if g.HasTS {
		opts = append(opts, 8, 10)
		opts = binary.BigEndian.AppendUint32(opts, g.TSVal)
		opts = binary.BigEndian.AppendUint32(opts, g.TSEcr)
	}
	if g.WScale >= 0 {
		opts = append(opts, 3, 3, byte(g.WScale))
	}
	for len(opts)%4 != 0 {
		opts = append([]byte{1}, opts...) // NOPs in front keep the options aligned
	}
	thl := 20 + len(opts)
	tot := 20 + thl + g.Len
	p := make([]byte, tot)
	p[0], p[8], p[9] = 0x45, 64, 6
	binary.BigEndian.PutUint16(p[2:], uint16(tot))
	binary.BigEndian.PutUint16(p[6:], 0x4000) // DF
	s4, d4 := src.Addr().As4(), dst.Addr().As4()
	copy(p[12:], s4[:])
	copy(p[16:], d4[:])
	binary.BigEndian.PutUint16(p[10:], ^csum(p[:20], 0))
	t := p[20:]
	binary.BigEndian.PutUint16(t[0:], src.Port())
	binary.BigEndian.PutUint16(t[2:], dst.Port())
	binary.BigEndian.PutUint32(t[4:], g.Seq)
	binary.BigEndian.PutUint32(t[8:], g.Ack)
	t[12] = byte(thl/4) << 4
	t[13] = tcpFlags(g.Flags)
	binary.BigEndian.PutUint16(t[14:], g.Win)
	copy(t[20:], opts)
	// pseudo-header: addresses, protocol, TCP length
	var ph [12]byte
	copy(ph[0:], s4[:])
	copy(ph[4:], d4[:])
	ph[9] = 6
	binary.BigEndian.PutUint16(ph[10:], uint16(len(t)))
	binary.BigEndian.PutUint16(t[16:], ^csum(t, csum(ph[:], 0)))
	return p
}

// tcpFlags maps the model's flag bits (core/tcp: FIN SYN RST PSH ACK from bit 0) to the header's.
func tcpFlags(f uint8) byte {
	var b byte
	for i, h := range []byte{thFIN, thSYN, thRST, thPSH, thACK} {
		if f&(1<<i) != 0 {
			b |= h
		}
	}
	return b
}

// csum is the Internet checksum's one's-complement sum of b, added to sum (RFC 1071), folded.
func csum(b []byte, sum uint16) uint16 {
	s := uint32(sum)
	for i := 0; i+1 < len(b); i += 2 {
		s += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	if len(b)%2 == 1 {
		s += uint32(b[len(b)-1]) << 8
	}
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	return uint16(s)
}
