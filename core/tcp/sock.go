package tcp

import (
	"finwait/core/trace"
)

// Shutdown bits (sk_shutdown).
const (
	rcvShutdown  uint8 = 1
	sendShutdown uint8 = 2
)

const (
	rtoMin     = 200_000     // TCP_RTO_MIN
	rtoMax     = 120_000_000 // TCP_RTO_MAX
	atoMin     = 40_000      // TCP_ATO_MIN
	delackMax  = 200_000     // TCP_DELACK_MAX
	twLen      = 60_000_000  // TCP_TIMEWAIT_LEN
	pawsMSL    = 60          // s
	mssDefault = 536         // TCP_MSS_DEFAULT
)

// caState is the congestion-avoidance state the close path cares about.
type caState uint8

const (
	caOpen caState = iota
	caLoss
)

// xmit timer modes (icsk_pending).
const (
	xmitNone = iota
	xmitRetrans
	xmitProbe0
	xmitTLP
)

// sentSeg is one segment in the retransmit queue.
type sentSeg struct {
	seq, end  uint32 // end includes SYN/FIN
	fin, psh  bool
	syn       bool
	firstTx   int64
	lastTx    int64
	retrans   bool
	tsvalSent uint32
}

// Sock is a full socket (struct tcp_sock).
type Sock struct {
	h     *Host
	conn  int
	state State
	t     tuple

	hashed    bool // in the established table (or listening)
	boundPort bool // the port came from bind(), not from connect()'s autobind
	dead      bool // SOCK_DEAD: an orphan
	destroyed bool
	shutdown  uint8

	// options
	linger     bool
	lingerSecs int
	linger2    int // −1, 0 (= sysctl) or seconds
	reuse      bool
	keepOpen   bool
	keepIdle   int // s, 0 = sysctl
	keepIntvl  int
	keepCnt    int
	userTO     int64  // TCP_USER_TIMEOUT, µs
	portRange  uint32 // IP_LOCAL_PORT_RANGE: high << 16 | low, 0 = unset (script.go)
	nodelay    bool   // TCP_NODELAY: no Nagle test (script.go)

	// listener
	backlog  int
	acceptQ  []*Sock
	cookies  map[tuple]*Request // listener: SYN cookies sent, what a returning ACK is checked against
	listener *Sock
	accepted bool

	// sequence space
	iss, irs          uint32
	sndUna, sndNxt    uint32
	writeSeq          uint32
	finQueued         bool
	finSent           bool
	sndSml            uint32
	sndWnd, maxWindow uint32
	peerWscale        uint8
	rcvNxt, copiedSeq uint32
	rcvWup            uint32
	rcvWnd            uint32 // offered window, bytes
	rcvWscale         uint8
	rcvCap            uint32 // > 0: small receive buffer model (spec §17.5)
	rcvSpace          int    // the SO_RCVBUF value rcvCap was made from
	rcvSsthresh       uint32
	finRcvd           bool
	rcvSegEnds        []uint32 // ends of received segments (small-buffer model)
	quickNow          bool
	dsackNext         bool
	mss               int
	rtx               []sentSeg
	pushAt            []pushMark // write ends and skb boundaries that may carry PSH
	chunkSegs         int        // segments of the transmission being sent (two at most, modern)
	skbStart          uint32     // where the write queue's tail skb starts (modern PSH marking)
	paceRate          int64      // bbr: pacing rate, bytes/s (0: not paced)
	paceAt            int64      // bbr: when the next skb may leave (tcp_wstamp_ns)
	paceBytes         int        // bbr: bytes of the skb being sent
	paceWake          bool       // bbr: a wakeup at paceAt is queued (the pacing hrtimer)
	dataSegsOut       int        // data segments sent (tcp_sock.data_segs_out)
	ofo               []Segment
	sndBuf            int // bytes the send buffer accepts
	cwnd              int
	ca                caState
	// cwndLimited, maxOut, cwndUsageSeq: how fully the last window used cwnd
	// (tcp_sock.is_cwnd_limited, max_packets_out, cwnd_usage_seq; tcp_cwnd_validate)
	cwndLimited  bool
	maxOut       int
	cwndUsageSeq uint32
	tlpHigh      uint32
	tlpOut       bool

	// ackPushed, ackPushed2: a short segment came since the last ACK, once or twice
	// (ICSK_ACK_PUSHED, ICSK_ACK_PUSHED2); lastSegSize is icsk_ack.last_seg_size
	ackPushed, ackPushed2 bool
	lastSegSize           int

	// RTT / RTO
	hasSRTT               bool
	srtt8, mdev4          int64
	mdevMax, rttvar       int64
	rttSeq                uint32
	rto                   int64
	backoff, retransmits  int
	retransStamp          int64
	probesOut             int
	lsndtime, rcvTstamp   int64
	lastDataRecv          int64
	synTx                 int64 // first SYN send time (SYN give-up)
	synRetrans            bool
	synAckTx              int64
	wsOK, tsOK, sackOK    bool
	tsRecent              uint32
	tsRecentStamp         int64
	tsRecentSet           bool
	inheritTS             bool // SYN after a TW takeover carries TSecr = inherited ts_recent
	lastOOW               int64
	lastChallenge         int64
	keepProbes            int
	mode                  int
	xmit, delack, keepTmr timer
	lingerTmr             timer
	ato                   int64
	pingpong              bool
	quick                 int
	ackPending            bool
	rcvMss                int
	sockErr               string
	sawFINBeforeErr       bool
	owner                 *handle
	lingerWaiting         bool
	lingerDone            func()
	pendingSend           *pendingSend
}

func (h *Host) newSock() *Sock {
	s := &Sock{h: h, conn: trace.NoConn, state: Close, mss: 1448, rcvMss: mssDefault, cwnd: 10,
		xmit: newTimer("retransmit", timerRetransmit), delack: newTimer("delack", timerDelack),
		keepTmr: newTimer("keepalive", timerKeepalive), lingerTmr: newTimer("linger", timerLinger),
		sndBuf: 16384 * 4, ato: 0}
	if h.Prof == P26 {
		s.cwnd = 3
	}
	s.xmit.owner, s.delack.owner, s.keepTmr.owner, s.lingerTmr.owner = s, s, s, s
	s.rto = h.roundJ(s.initRTO())
	h.all[s] = true
	return s
}

func (s *Sock) timerFired(k timerKind) {
	switch k {
	case timerRetransmit:
		s.xmitTimer()
	case timerDelack:
		s.delackTimer()
	case timerKeepalive:
		s.keepaliveTimer()
	case timerLinger:
		s.lingerWake()
	}
}

// initRTO is TCP_TIMEOUT_INIT (spec §9.1).
func (s *Sock) initRTO() int64 {
	if s.h.Prof == P26 {
		return 3_000_000
	}
	return 1_000_000
}

// setState is tcp_set_state: the one place a full socket changes state. It records the trace event
// with the kernel function responsible and keeps the counters tcp_set_state keeps.
func (s *Sock) setState(to State, fn string) {
	from := s.state
	if from == to {
		return
	}
	h := s.h
	if !LegalTransition(from, to) {
		h.net.fail("%s c%d: illegal transition %s -> %s (%s)", h.Name, s.conn, from, to, fn)
	}
	if to == Close && (from == Established || from == CloseWait) {
		h.count(s.conn, "TcpEstabResets", 1)
	}
	s.state = to
	if h.net.tr != nil {
		h.net.emit(trace.Event{Kind: trace.KindState, Host: h.Name, Conn: s.conn, StateFrom: from.String(), StateTo: to.String(), Fn: fn})
	}
	if to == Close {
		s.unhash()
	}
	if s.lingerWaiting && to != FinWait1 && to != Closing && to != LastAck {
		// the sleeping close() runs once the segment that changed the state is processed
		h.net.S.At(h.now(), s.lingerWake)
	}
}

// unhash removes the socket from the tables and releases its port (tcp_set_state → CLOSE:
// inet_put_port unless the port was bound explicitly).
func (s *Sock) unhash() {
	h := s.h
	if s.hashed {
		if h.ehash[s.t] == s {
			delete(h.ehash, s.t)
		}
		s.hashed = false
		if !s.boundPort {
			h.putPort(s.t.lport)
		}
	}
}

// done is tcp_done: CLOSE, timers off, both directions shut; an orphan is destroyed.
func (s *Sock) done(fn string) {
	if s.state == SynSent || s.state == SynRecv {
		s.h.count(s.conn, "TcpAttemptFails", 1)
	}
	s.setState(Close, fn)
	s.clearTimers()
	s.shutdown = rcvShutdown | sendShutdown
	if s.dead {
		s.destroy()
		return
	}
	s.h.App.wake(s)
}

func (s *Sock) clearTimers() {
	s.h.cancel(&s.xmit, s.conn)
	s.mode = xmitNone
	s.h.cancel(&s.delack, s.conn)
	s.ackPending = false
	s.h.cancel(&s.keepTmr, s.conn)
}

// destroy is inet_csk_destroy_sock for an orphan: the orphan count drops.
func (s *Sock) destroy() {
	if s.destroyed {
		return
	}
	s.clearTimers()
	s.unhash()
	s.destroyed = true
	if s.dead {
		s.h.orphanDec()
	}
	delete(s.h.all, s)
}

// orphan marks the socket SOCK_DEAD (the ADOPT step's sock_orphan + orphan count).
func (s *Sock) orphan() {
	if s.dead {
		return
	}
	s.dead = true
	s.h.orphanInc()
}

// dataEnd is the sequence number just past the last byte the app queued.
func (s *Sock) dataEnd() uint32 {
	if s.finQueued {
		return s.writeSeq - 1
	}
	return s.writeSeq
}

func (s *Sock) packetsOut() int { return len(s.rtx) }

// effMSS is the send MSS, bounded to half the largest window the peer offered
// (tcp_output.c: tcp_bound_to_half_wnd).
func (s *Sock) effMSS() int {
	m := s.mss
	cut := int(s.maxWindow)
	if s.maxWindow > mssDefault {
		cut = int(s.maxWindow / 2)
	}
	if cut > 0 && m > cut {
		m = cut
		if m < 68-32 {
			m = 36
		}
	}
	return m
}

// winField is the window field we send: the offered window, scaled (unscaled on SYN segments).
func (s *Sock) winField(syn bool) uint16 {
	w := s.rcvWnd
	if !syn {
		w >>= s.rcvWscale
	}
	if w > 65535 {
		w = 65535
	}
	return uint16(w)
}

// mkSeg builds a segment from this socket.
func (s *Sock) mkSeg(flags uint8, seq uint32, n int) Segment {
	seg := Segment{Src: s.t.laddr, Dst: s.t.raddr, Sport: s.t.lport, Dport: s.t.rport, Seq: seq,
		Flags: flags, Len: n, Conn: s.conn, WScale: -1}
	if flags&FlagACK != 0 {
		seg.Ack = s.rcvNxt
		if s.rcvCap > 0 && flags&(FlagSYN|FlagRST) == 0 {
			s.rcvWnd = s.selectWindow() // tcp_select_window: the offer this ACK makes
		}
	}
	seg.Win = s.winField(flags&FlagSYN != 0)
	if s.tsOK {
		seg.HasTS, seg.TSVal, seg.TSEcr = true, s.h.tsNow(), s.tsRecent
	}
	return seg
}

// send puts a segment on the wire; a segment carrying ACK satisfies any pending delayed ACK
// (tcp_output.c: tcp_event_ack_sent).
func (s *Sock) send(seg Segment) {
	if seg.has(FlagACK) && !seg.has(FlagRST) {
		s.ackSent()
	}
	s.h.net.transmit(s.h, seg)
}

func (s *Sock) ackSent() {
	if s.quick > 0 {
		s.quick--
	}
	s.ackPending = false
	s.ackPushed, s.ackPushed2 = false, false
	s.h.cancel(&s.delack, s.conn)
	s.rcvWup = s.rcvNxt
}

// sendAck is tcp_send_ack.
func (s *Sock) sendAck(note string) {
	seg := s.mkSeg(FlagACK, s.sndNxt, 0)
	seg.Note = note
	s.send(seg)
}

// sendActiveReset is tcp_send_active_reset: R., seq = snd_nxt, ack = rcv_nxt; never retransmitted.
func (s *Sock) sendActiveReset(why string) {
	seq := s.sndNxt
	if wndEnd := s.sndUna + s.sndWnd; after(seq, wndEnd) && s.sndWnd > 0 {
		seq = wndEnd
	}
	seg := s.mkSeg(FlagRST|FlagACK, seq, 0)
	seg.Note = why
	s.h.count(s.conn, "TcpOutRsts", 1)
	s.h.net.transmit(s.h, seg)
}

// pushMark is the end of a write (tcp_push's tcp_mark_push on the write queue's tail, or
// tcp_write_wakeup's: the segment ending there carries PSH) or, skb set, of a full two-segment
// skb, which ends a bbr pacing unit (Sock.pace) but carries no PSH of its own (Sock.pushes).
type pushMark struct {
	seq uint32
	skb bool
}

// hasPush reports whether a write or a full skb ends exactly at seq.
func (s *Sock) hasPush(seq uint32) bool {
	_, ok := s.pushMarkAt(seq)
	return ok
}

func (s *Sock) pushMarkAt(seq uint32) (pushMark, bool) {
	s.h.net.charge(len(s.pushAt)) // one boundary per write: many small writes make this long
	for _, p := range s.pushAt {
		if p.seq == seq {
			return p, true
		}
	}
	return pushMark{}, false
}

// pushes reports whether the next data segment, ending at end, carries PSH: at a write's end
// (tcp_push's mark) always, and (modern) at the end of each two-segment transmission. A
// tcp_write_xmit pass cuts what it sends from the send head into transmissions of at most
// tcp_tso_autosize's two segments (tso_fragment, where the window or cwnd allows less: one),
// and __tcp_transmit_skb forces PSH on a transmission of more than one segment
// (tcp_skb_pcount > 1, Linux 4.11 on); a write's end also ends a transmission (its skb).
// So a pass's second, fourth, … segment carries PSH, and a window that admits one segment at a
// time gets none.
func (s *Sock) pushes(end uint32) bool {
	p, ok := s.pushMarkAt(end)
	s.chunkSegs++
	if ok && !p.skb || s.chunkSegs == 2 && s.h.Prof == Modern {
		s.chunkSegs = 0
		return true
	}
	return false
}

func (s *Sock) prunePush() {
	i := 0
	s.h.net.charge(len(s.pushAt))
	for _, p := range s.pushAt {
		if after(p.seq, s.sndUna) {
			s.pushAt[i] = p
			i++
		}
	}
	s.pushAt = s.pushAt[:i]
}

// writeXmit is tcp_write_xmit: send what the window, cwnd and Nagle allow. pushAll ignores Nagle
// (the close path pushes with Nagle and cork off, §3.4).
func (s *Sock) writeXmit(pushAll bool) {
	if s.state == Close || s.state == SynSent || s.state == Listen || s.state == SynRecv && !s.hashed {
		return
	}
	sent := false
	priorOut := s.packetsOut()
	s.chunkSegs = 0 // tcp_write_xmit starts a transmission at the send head
	for {
		unsent := int(int32(s.dataEnd() - s.sndNxt))
		finPending := s.finQueued && !s.finSent
		if unsent <= 0 && !finPending {
			break
		}
		if unsent < 0 {
			unsent = 0
		}
		mss := s.effMSS()
		n := unsent
		if n > mss {
			n = mss
		}
		withFin := finPending && n == unsent
		need := uint32(n)
		if withFin {
			need++
		}
		if after(s.sndNxt+need, s.sndUna+s.sndWnd) {
			break // tcp_snd_wnd_test
		}
		if s.packetsOut() >= s.cwnd && !(withFin && s.h.Prof == P26) {
			// tcp_cwnd_test; 2.6.32's is not strict about the congestion window for a final
			// FIN segment, Linux 6.10 dropped that exception, so after an RTO (cwnd 1) close()'s
			// FIN waits for the ACK of what is in flight
			break
		}
		if !pushAll && !s.nodelay && n < mss && !withFin && s.packetsOut() > 0 && after(s.sndSml, s.sndUna) {
			break // tcp_nagle_test with Minshall's variant
		}
		if s.paceRate > 0 && s.h.now() < s.paceAt {
			s.wakeAtPace() // tcp_pacing_check
			break
		}
		s.transmitNew(n, withFin, "")
		s.pace(n, withFin)
		sent = true
	}
	if sent && !s.scheduleLossProbe(false) && (priorOut == 0 || s.mode == xmitTLP || !s.xmit.pending()) {
		s.rearmRTO() // tcp_event_new_data_sent: the RTO starts with the first segment in flight
	}
	if limited := s.packetsOut() >= s.cwnd; sent || limited {
		s.cwndValidate(limited)
	}
	s.checkProbeTimer()
}

// cwndValidate is tcp_cwnd_validate's record of how fully cwnd was used: whether sending was
// cwnd-limited in the current window, else the most segments in flight in it.
func (s *Sock) cwndValidate(limited bool) {
	if !before(s.sndUna, s.cwndUsageSeq) || limited || !s.cwndLimited && s.packetsOut() > s.maxOut {
		s.cwndLimited, s.maxOut, s.cwndUsageSeq = limited, s.packetsOut(), s.sndNxt
	}
}

// cwndGrows reports whether an ACK may grow cwnd (Linux 6.18's cubic and reno, via
// tcp_is_cwnd_limited): the sender was cwnd-limited, or in slow start cwnd is less than twice
// the most segments in flight, so that an application-limited flow (one small send ACKed)
// keeps its initial window. bbr grows it in startup regardless; the 2.6.32 profile keeps its
// simpler growth on every ACK. The socket's own congestion control counts (a paced socket is
// bbr, set by initCC), not the host's tcp_congestion_control now: that picks new sockets' only.
func (s *Sock) cwndGrows() bool {
	return s.h.Prof == P26 || s.paceRate > 0 || s.cwndLimited || s.cwnd < 2*s.maxOut
}

// pace is bbr's pacing as the recorded kernel shows it (tcp_update_skb_after_send): once ten
// data segments have left, each skb (two segments: bbr's minimum TSO size at these rates; its
// end carries PSH or FIN) makes the next wait its length at the pacing rate, so the initial
// window leaves at once and the rounds after it in pairs a few ms apart. The rate is bbr's
// first, 2.885 × cwnd × MSS per smoothed RTT (bbr_init_pacing_rate_from_rtt, set when the
// connection is established); startup raises it later with its bandwidth samples
// (bbr_set_pacing_rate), which the model leaves out.
func (s *Sock) pace(n int, fin bool) {
	if n > 0 {
		s.dataSegsOut++
	}
	if s.paceRate == 0 {
		return
	}
	s.paceBytes += n
	if fin || s.hasPush(s.sndNxt) || s.paceBytes >= 2*s.effMSS() {
		if s.dataSegsOut >= 10 {
			s.paceAt = s.h.now() + int64(s.paceBytes)*1_000_000/s.paceRate
		}
		s.paceBytes = 0
	}
}

func (s *Sock) wakeAtPace() {
	if !s.paceWake {
		s.paceWake = true
		s.h.net.S.At(s.paceAt, func() { s.paceWake = false; s.writeXmit(false) })
	}
}

// initCC is tcp_init_congestion_control at ESTABLISHED: bbr's first pacing rate, from the
// handshake's RTT (a nominal 1 ms without one).
func (s *Sock) initCC() {
	if s.h.Sys.CongestionControl != "bbr" {
		return
	}
	rtt := int64(1000)
	if s.hasSRTT {
		rtt = max(s.srtt8>>3, 1)
	}
	s.paceRate = 2885 * int64(s.cwnd*s.effMSS()) * 1000 / rtt
}

// transmitNew sends n new bytes from snd_nxt (and the FIN if withFin) and queues them for
// retransmission (tcp_event_new_data_sent).
func (s *Sock) transmitNew(n int, withFin bool, note string) {
	flags := FlagACK
	end := s.sndNxt + uint32(n)
	psh := n > 0 && s.pushes(end)
	if psh {
		flags |= FlagPSH
	}
	if withFin {
		flags |= FlagFIN
	}
	seg := s.mkSeg(flags, s.sndNxt, n)
	seg.Note = note
	segEnd := end
	if withFin {
		segEnd++
		s.finSent = true
	}
	s.rtx = append(s.rtx, sentSeg{seq: s.sndNxt, end: segEnd, fin: withFin, psh: psh, firstTx: s.h.now(), lastTx: s.h.now(), tsvalSent: seg.TSVal})
	if n > 0 && n < s.effMSS() {
		s.sndSml = segEnd
	}
	s.sndNxt = segEnd
	if n > 0 {
		s.lsndtime = s.h.now()
	}
	s.send(seg)
}

// rearmRTO is tcp_rearm_rto: a full RTO from now, or nothing when nothing is in flight.
func (s *Sock) rearmRTO() {
	if s.packetsOut() == 0 {
		if s.mode == xmitRetrans || s.mode == xmitTLP {
			s.h.cancel(&s.xmit, s.conn)
			s.mode = xmitNone
		}
		return
	}
	d := s.rto
	if s.userTO > 0 && s.retransmits > 0 {
		if left := s.retransStamp + s.userTO - s.h.now(); left < d {
			d = max(left, s.h.jiffy())
		}
	}
	s.armXmit(xmitRetrans, s.h.expiry(d), "")
}

func (s *Sock) armXmit(mode int, at int64, detail string) {
	s.mode = mode
	name := "retransmit"
	if mode == xmitProbe0 {
		name = "probe"
	}
	if s.xmit.name != name && s.xmit.pending() {
		s.h.cancel(&s.xmit, s.conn)
	}
	s.xmit.name = name
	s.h.arm(&s.xmit, s.conn, at, detail)
}

// scheduleLossProbe is tcp_schedule_loss_probe (modern only, spec §9.2).
func (s *Sock) scheduleLossProbe(advancing bool) bool {
	if s.h.Prof != Modern || (s.h.Sys.EarlyRetrans != 3 && s.h.Sys.EarlyRetrans != 4) || !s.sackOK ||
		s.packetsOut() == 0 || s.ca != caOpen || s.tlpOut {
		return false
	}
	pto := int64(1_000_000)
	if s.hasSRTT {
		pto = 2 * (s.srtt8 >> 3)
		if s.packetsOut() == 1 {
			pto += rtoMin
		} else {
			pto += 2 * s.h.jiffy()
		}
	}
	delta := s.rto
	if !advancing {
		delta = s.rto - (s.h.now() - s.rtx[0].lastTx)
	}
	if delta > 0 && delta < pto {
		pto = delta
	}
	s.armXmit(xmitTLP, s.h.expiry(pto), "loss_probe")
	return true
}

// setXmitTimer is tcp_set_xmit_timer after an ACK.
func (s *Sock) setXmitTimer() {
	if !s.scheduleLossProbe(true) {
		s.rearmRTO()
	}
}

// checkProbeTimer is tcp_check_probe_timer: nothing in flight but data (or a FIN) waiting for
// window → the zero-window probe timer, at max(rto, 200 ms).
func (s *Sock) checkProbeTimer() {
	if s.packetsOut() > 0 || s.xmit.pending() {
		return
	}
	if !s.hasUnsent() {
		return
	}
	s.armXmit(xmitProbe0, s.h.expiry(s.probe0Base()), "")
}

func (s *Sock) hasUnsent() bool {
	return after(s.dataEnd(), s.sndNxt) || s.finQueued && !s.finSent
}

func (s *Sock) probe0Base() int64 {
	if s.h.Prof == P26 {
		return s.rto
	}
	return max(s.rto, rtoMin)
}

// probe0When is tcp_probe0_when: the current persist interval.
func (s *Sock) probe0When() int64 {
	if s.h.Prof == P26 {
		// the shift is capped where rto << backoff is past TCP_RTO_MAX for any rto, so that a
		// backoff of up to tcp_retries2 (255) cannot overflow into a short interval
		return min(s.rto<<uint(min(s.backoff, 32)), rtoMax)
	}
	return min(s.probe0Base()<<uint(min(s.backoff, 10)), rtoMax)
}

// rttSample is tcp_rtt_estimator + tcp_set_rto (spec §9.1); a valid sample clears the backoff.
func (s *Sock) rttSample(m int64) {
	if m <= 0 {
		m = 1
	}
	if !s.hasSRTT {
		s.srtt8 = m << 3
		s.mdev4 = m << 1
		s.rttvar = max(s.mdev4, rtoMin)
		s.mdevMax = s.rttvar
		s.rttSeq = s.sndNxt
		s.hasSRTT = true
	} else {
		err := m - s.srtt8>>3
		s.srtt8 += err
		if err < 0 {
			err = -err - s.mdev4>>2
			if err > 0 {
				err >>= 3
			}
		} else {
			err -= s.mdev4 >> 2
		}
		s.mdev4 += err
		if s.mdev4 > s.mdevMax {
			s.mdevMax = s.mdev4
			if s.mdevMax > s.rttvar {
				s.rttvar = s.mdevMax
			}
		}
		if after(s.sndUna, s.rttSeq) {
			if s.mdevMax < s.rttvar {
				s.rttvar -= (s.rttvar - s.mdevMax) >> 2
			}
			s.rttSeq = s.sndNxt
			s.mdevMax = rtoMin
		}
	}
	s.rto = s.h.roundJ(min(s.srtt8>>3+s.rttvar, rtoMax))
	s.backoff = 0
}

// finTime is tcp_fin_time (spec §7.1): linger2 or tcp_fin_timeout, at least 3.5·rto.
func (s *Sock) finTime() int64 {
	f := int64(s.h.Sys.FinTimeout) * 1_000_000
	if s.linger2 > 0 {
		f = int64(s.linger2) * 1_000_000
	}
	j := s.h.jiffy()
	rtoJ := s.rto / j
	floor := ((rtoJ << 2) - (rtoJ >> 1)) * j
	return max(f, floor)
}

// rcvWindowNow is tcp_receive_window: what is left of the window we last offered.
func (s *Sock) rcvWindowNow() uint32 {
	w := int32(s.rcvWup + s.rcvWnd - s.rcvNxt)
	if w < 0 {
		return 0
	}
	return uint32(w)
}

// selectWindow is the window we would offer now (tcp_output.c: __tcp_select_window). Without a
// small receive buffer the model keeps its initial window. With one (spec §17.5) the free space is
// the buffer less the unread bytes and a per-segment overhead (skb truesize), capped at
// rcv_ssthresh (¾ of the buffer), offered in whole receive-MSS steps, and a window is never shrunk
// below what is left of the last offer (tcp_select_window). The overhead and the cap are model
// constants chosen so that the recorded windows of §17.5 come out; see docs/model.md.
func (s *Sock) selectWindow() uint32 {
	cur := s.rcvWindowNow()
	if s.rcvCap == 0 {
		return s.rcvWnd
	}
	free := int(s.rcvCap) - s.unreadBytes() - rcvSegOverhead*s.unreadSegs()
	if lim := int(s.rcvCap) * 3 / 4; free > lim {
		free = lim
	}
	if free < 0 {
		free = 0
	}
	w := uint32(free / s.rcvMss * s.rcvMss)
	if w < cur {
		w = cur
	}
	return w
}

// unreadSegs counts received segments not yet wholly read.
func (s *Sock) unreadSegs() int {
	i := 0
	for i < len(s.rcvSegEnds) && !after(s.rcvSegEnds[i], s.copiedSeq) {
		i++
	}
	s.rcvSegEnds = s.rcvSegEnds[i:]
	return len(s.rcvSegEnds)
}

// rcvSegOverhead is the model's per-segment receive-buffer overhead in bytes (skb truesize).
const rcvSegOverhead = 128

// unreadBytes is the payload queued beyond copied_seq (the FIN marker not counted).
func (s *Sock) unreadBytes() int {
	n := int(int32(s.rcvNxt - s.copiedSeq))
	if s.finRcvd && n > 0 {
		n--
	}
	return n
}
