package tcp

import (
	"finwait/core/sim"
	"finwait/core/trace"
)

// TW is the small TIME_WAIT socket (struct inet_timewait_sock / tcp_timewait_sock) that replaces a
// full socket in TIME_WAIT and in the short orphaned FIN_WAIT2 case (spec §1.2, §8).
type TW struct {
	h         *Host
	ev        sim.Event // the TW timer (the TW socket is its own handler)
	conn      int
	entry     int64 // µs (modern tw_entry_stamp)
	timeout26 int64 // 2.6 tw_timeout (60 s, or the recycle timeout)
	lastOOW   int64
	t         tuple
	rcvNxt    uint32
	sndNxt    uint32
	tsRecent  uint32
	tsStamp   int32  // s
	rcvWnd    uint16 // window field of the TW ACK
	sub       State  // FinWait2 or TimeWait
	tsOK      bool
	tsSet     bool
	reuse     bool
	boundPort bool
	onCal     bool // 2.6: filed on the 128 ms calendar
	gone      bool
}

// timeWait is tcp_time_wait (spec §8.1): replace the full socket by a TW socket in substate sub
// for timeo (at least 3.5·rto), or, when the table is full, just close it (§8.3).
func (s *Sock) timeWait(sub State, timeo int64) {
	h := s.h
	recycleOK := false
	if h.Prof == P26 && h.Sys.TWRecycle != 0 && s.tsRecentSet {
		recycleOK = h.rememberStamp(s.t.raddr, s.tsRecent, s.tsRecentStamp)
	}
	if h.twCount >= h.Sys.MaxTWBuckets {
		if h.Prof == Modern {
			h.count(s.conn, "TcpExtTCPTimeWaitOverflow", 1)
		}
		h.path(s.conn, "tcp_time_wait", "tcp_max_tw_buckets reached: no TIME_WAIT socket, the connection just closes")
		s.done("tcp_time_wait")
		return
	}
	tw := &TW{ev: sim.Event{Late: true}, h: h, conn: s.conn, t: s.t, sub: sub, rcvNxt: s.rcvNxt, sndNxt: s.sndNxt,
		rcvWnd: s.winField(false), tsOK: s.tsOK, tsRecent: s.tsRecent, tsStamp: int32(s.tsRecentStamp),
		tsSet: s.tsRecentSet, entry: h.now(), reuse: s.reuse, boundPort: s.boundPort,
	}
	j := h.jiffy()
	rtoJ := s.rto / j
	r35 := ((rtoJ << 2) - (rtoJ >> 1)) * j
	timeo = max(timeo, r35)
	if h.Prof == Modern {
		if sub == TimeWait {
			timeo = twLen
		}
		if timeo <= 4_000_000 {
			h.count(s.conn, "TcpExtTWKilled", 1)
		} else {
			h.count(s.conn, "TcpExtTW", 1)
		}
	} else if recycleOK {
		tw.timeout26 = r35
	} else {
		tw.timeout26 = twLen
		if sub == TimeWait {
			timeo = twLen
		}
	}
	// The TW socket takes the full socket's place in the established table and keeps its port.
	if h.ehash[s.t] == s {
		delete(h.ehash, s.t)
	}
	s.hashed = false
	h.tw[s.t] = tw
	h.twCount++
	if h.net.tr != nil {
		h.net.emit(trace.Event{Kind: trace.KindState, Host: h.Name, Conn: s.conn, StateFrom: s.state.String(),
			StateTo: TimeWait.String(), Substate: sub.String(), Fn: "tcp_time_wait"})
	}
	tw.schedule(timeo, false)
	// tcp_done on the full socket: it vanishes (orphan) or stays in CLOSE under its fd.
	s.state = Close
	s.clearTimers()
	s.shutdown = rcvShutdown | sendShutdown
	if s.dead {
		s.destroy()
	} else {
		h.App.wake(s)
	}
}

// schedule files the TW timer: modern exactly, 2.6 on the death row's wheel or calendar (§8.2).
func (tw *TW) schedule(timeo int64, rearm bool) {
	h := tw.h
	at := h.expiry(timeo)
	if h.Prof == P26 {
		if tw.onCal || tw.ev.Pending() {
			h.deathRow().leave(tw)
		}
		at, tw.onCal = h.deathRow().file(h, timeo)
	}
	h.net.S.Schedule(&tw.ev, at, tw)
	if h.net.tr != nil {
		h.net.emit(trace.Event{Kind: trace.KindTimer, Host: h.Name, Conn: tw.conn, Timer: "timewait", Action: "armed", Expires: at, Detail: tw.sub.String()})
	}
}

// Fire is the TW timer expiring (sim.Handler).
func (tw *TW) Fire() {
	if tw.h.net.tr != nil {
		tw.h.net.emit(trace.Event{Kind: trace.KindTimer, Host: tw.h.Name, Conn: tw.conn, Timer: "timewait", Action: "fired", Expires: tw.ev.At(), Detail: tw.sub.String()})
	}
	tw.expire()
}

// expire is the TW timer handler: the TW socket dies silently.
func (tw *TW) expire() {
	h := tw.h
	fn := "tw_timer_handler"
	if h.Prof == P26 {
		if tw.onCal {
			fn = "inet_twdr_twcal_tick"
			h.count(tw.conn, "TcpExtTWKilled", 1)
		} else {
			fn = "inet_twdr_hangman"
			h.count(tw.conn, "TcpExtTW", 1)
		}
	}
	tw.kill(fn)
}

// kill removes the TW socket and frees its port (inet_twsk_kill).
func (tw *TW) kill(fn string) {
	if tw.gone {
		return
	}
	h := tw.h
	tw.gone = true
	if tw.ev.Pending() {
		h.net.S.Cancel(&tw.ev)
		if h.net.tr != nil {
			h.net.emit(trace.Event{Kind: trace.KindTimer, Host: h.Name, Conn: tw.conn, Timer: "timewait", Action: "cancelled", Expires: tw.ev.At(), Detail: tw.sub.String()})
		}
	}
	if h.Prof == P26 {
		h.deathRow().leave(tw)
	}
	if h.tw[tw.t] == tw {
		delete(h.tw, tw.t)
	}
	h.twCount--
	if !tw.boundPort {
		h.putPort(tw.t.lport)
	}
	if h.net.tr != nil {
		h.net.emit(trace.Event{Kind: trace.KindState, Host: h.Name, Conn: tw.conn, StateFrom: TimeWait.String(),
			StateTo: Close.String(), Substate: tw.sub.String(), Fn: fn})
	}
}

// ack sends the TW ACK (tcp_v4_timewait_ack, §8.5).
func (tw *TW) ack() {
	h := tw.h
	seg := Segment{Src: tw.t.laddr, Dst: tw.t.raddr, Sport: tw.t.lport, Dport: tw.t.rport, Seq: tw.sndNxt,
		Ack: tw.rcvNxt, Flags: FlagACK, Win: tw.rcvWnd, Conn: tw.conn, WScale: -1, Note: "timewait_ack"}
	if tw.tsOK {
		seg.HasTS, seg.TSVal, seg.TSEcr = true, h.tsNow(), tw.tsRecent
	}
	h.net.transmit(h, seg)
}

// oowLimited is the per-TW limit on ACKs to zero-length segments and SYNs (modern, §7.7, §8.4).
func (tw *TW) oowLimited(seg *Segment, counter string) bool {
	h := tw.h
	if h.Prof != Modern || seg.Len > 0 && !seg.has(FlagSYN) || seg.has(FlagFIN) {
		return false
	}
	now := h.now()
	if tw.lastOOW != 0 && now-tw.lastOOW < int64(h.Sys.InvalidRatelimit)*1000 {
		h.count(tw.conn, counter, 1)
		return true
	}
	tw.lastOOW = max(now, 1)
	return false
}

// rcv is tcp_timewait_state_process (spec §7.7 for substate FIN_WAIT2, §8.4 for TIME_WAIT).
func (tw *TW) rcv(seg *Segment) {
	h := tw.h
	paws := false
	if tw.tsSet && seg.HasTS && int32(tw.tsRecent-seg.TSVal) > 0 {
		wrap := int64(24 * 24 * 3600)
		if h.Prof == Modern {
			wrap = 2147
		}
		paws = h.seconds()-int64(tw.tsStamp) < wrap && !(h.Prof == Modern && tw.tsRecent == 0)
		if seg.has(FlagRST) && h.seconds()-int64(tw.tsStamp) >= pawsMSL {
			paws = false
		}
	}
	rearm := func() {
		if h.Prof == P26 {
			tw.schedule(tw.timeout26, true)
		} else {
			tw.schedule(twLen, true)
		}
	}
	if tw.sub == FinWait2 {
		end := seg.EndSeq()
		wndEnd := tw.rcvNxt + uint32(tw.rcvWnd)
		inWindow := seg.Seq == tw.rcvNxt || after(end, tw.rcvNxt) && before(seg.Seq, wndEnd) || end == seg.Seq && seg.Seq == wndEnd
		switch {
		case paws || !inWindow:
			if !tw.oowLimited(seg, "TcpExtTCPACKSkippedFinWait2") {
				tw.ack()
			}
		case seg.has(FlagRST):
			h.path(tw.conn, "tcp_timewait_state_process", "RST in FIN_WAIT2 substate: TIME_WAIT socket deleted")
			tw.kill("tcp_timewait_state_process")
		case seg.has(FlagSYN) && !before(seg.Seq, tw.rcvNxt):
			h.path(tw.conn, "tcp_timewait_state_process", "SYN in FIN_WAIT2 substate: reply RST, TIME_WAIT socket deleted")
			tw.kill("tcp_timewait_state_process")
			h.replyRST(seg, "tw_syn")
		case !seg.has(FlagACK) || !after(end, tw.rcvNxt) || end == seg.Seq:
			// dropped silently
		case !seg.has(FlagFIN) || end != tw.rcvNxt+1:
			h.path(tw.conn, "tcp_timewait_state_process", "new data for a FIN_WAIT2 TIME_WAIT socket: reply RST, socket deleted")
			tw.kill("tcp_timewait_state_process")
			h.replyRST(seg, "tw_data")
		default:
			h.path(tw.conn, "tcp_timewait_state_process", "peer's FIN in FIN_WAIT2 substate: TIME_WAIT, timer restarted at 60 s")
			tw.sub = TimeWait
			tw.rcvNxt++
			if seg.HasTS {
				tw.tsRecent, tw.tsStamp, tw.tsSet = seg.TSVal, int32(h.seconds()), true
				tw.entry = h.now()
			}
			if h.net.tr != nil {
				h.net.emit(trace.Event{Kind: trace.KindState, Host: h.Name, Conn: tw.conn, StateFrom: TimeWait.String(),
					StateTo: TimeWait.String(), Substate: TimeWait.String(), Fn: "tcp_timewait_state_process"})
			}
			if h.Prof == P26 && h.Sys.TWRecycle != 0 && tw.tsSet && h.rememberStamp(tw.t.raddr, tw.tsRecent, int64(tw.tsStamp)) {
				tw.schedule(tw.timeout26, true)
			} else {
				tw.schedule(twLen, true)
			}
			tw.ack()
		}
		return
	}
	// substate TIME_WAIT
	if !paws && seg.Seq == tw.rcvNxt && (seg.EndSeq() == seg.Seq || seg.has(FlagRST)) && !seg.has(FlagSYN) {
		if seg.has(FlagRST) {
			if h.Sys.RFC1337 == 0 {
				h.path(tw.conn, "tcp_timewait_state_process", "RST at rcv_nxt kills TIME_WAIT (tcp_rfc1337 = 0: assassination)")
				tw.kill("tcp_timewait_state_process")
				return
			}
			if h.Prof == P26 {
				rearm()
			}
			return
		}
		rearm()
		if seg.HasTS {
			tw.tsRecent, tw.tsStamp, tw.tsSet = seg.TSVal, int32(h.seconds()), true
		}
		return
	}
	if seg.has(FlagSYN) && !seg.has(FlagRST) && !seg.has(FlagACK) && !paws &&
		(after(seg.Seq, tw.rcvNxt) || seg.HasTS && tw.tsSet && int32(tw.tsRecent-seg.TSVal) < 0) {
		if l := h.listeners[tw.t.lport]; l != nil && l.state == Listen {
			h.path(tw.conn, "tcp_timewait_state_process", "acceptable SYN for a TIME_WAIT 4-tuple: TIME_WAIT ends, the listener takes the SYN")
			isn := tw.sndNxt + 65535 + 2
			if isn == 0 {
				isn = 1
			}
			tw.kill("tcp_timewait_state_process")
			l.listenRcv(seg, tw.t, &isn)
			return
		}
	}
	if seg.has(FlagRST) {
		return
	}
	if seg.has(FlagACK) || paws {
		rearm()
	}
	if paws {
		if h.Prof == Modern {
			h.count(tw.conn, "TcpExtPAWSTimewait", 1)
		} else {
			h.count(tw.conn, "TcpExtPAWSEstab", 1)
		}
	}
	if !tw.oowLimited(seg, "TcpExtTCPACKSkippedTimeWait") {
		h.path(tw.conn, "tcp_timewait_state_process", "segment for a TIME_WAIT socket: answer with the TIME_WAIT ACK")
		tw.ack()
	}
}

// rememberStamp is tcp_v4_remember_stamp / tcp_v4_tw_remember_stamp (2.6 tw_recycle, §13.2).
func (h *Host) rememberStamp(peer uint32, ts uint32, stamp int64) bool {
	p := h.peers[peer]
	if p == nil {
		p = &peerStamp{}
		h.peers[peer] = p
	}
	if !p.set || int32(p.ts-ts) <= 0 || p.stamp+pawsMSL < h.seconds() && p.stamp <= stamp {
		p.ts, p.stamp, p.set = ts, stamp, true
	}
	return true
}

// deathRow is 2.6's TIME_WAIT scheduler (net/ipv4/inet_timewait_sock.c: inet_twsk_schedule): a
// slow wheel of 8 cells reaped every 7.5 s by the hangman, and a calendar of 128 ms slots (§8.2).
type deathRow struct {
	count    int   // TW sockets filed
	phase    int64 // time of the hangman's next run, set when count goes 0 → 1
	calStart int64
	calCount int
}

const (
	twPeriod = twLen / 8
	calTick  = 128_000
)

func (h *Host) deathRow() *deathRow {
	if h.twdr == nil {
		h.twdr = &deathRow{}
	}
	return h.twdr
}

// file returns when a TW socket scheduled now for timeo dies, and whether it sits on the calendar.
func (d *deathRow) file(h *Host, timeo int64) (int64, bool) {
	now := h.now()
	if d.count == 0 {
		d.phase = now + twPeriod
	}
	d.count++
	if timeo <= 31*calTick {
		if d.calCount == 0 {
			d.calStart = now
		}
		d.calCount++
		slot := (timeo + calTick - 1) / calTick
		hand := (now - d.calStart) / calTick
		return d.calStart + (hand+slot)*calTick, true
	}
	if d.phase <= now { // the next period boundary after now, in one step
		d.phase += ((now-d.phase)/twPeriod + 1) * twPeriod
	}
	slot := min(int64(7), (timeo+twPeriod-1)/twPeriod)
	return d.phase + slot*twPeriod, false
}

func (d *deathRow) leave(tw *TW) {
	if d.count > 0 {
		d.count--
	}
	if tw.onCal && d.calCount > 0 {
		d.calCount--
	}
	tw.onCal = false
}
