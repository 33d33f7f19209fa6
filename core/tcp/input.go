package tcp

// receive is tcp_v4_rcv: find the socket a segment belongs to and hand it over. Lookup order:
// established full sockets, TIME_WAIT sockets, half-open requests, the listener, else a reply RST
// (spec §6.1, §8.7).
func (h *Host) receive(seg *Segment) {
	if h.tap != nil {
		h.tap(seg)
		return
	}
	t := tuple{laddr: seg.Dst, raddr: seg.Src, lport: seg.Dport, rport: seg.Sport}
	if s := h.ehash[t]; s != nil {
		s.rcv(seg)
		return
	}
	if tw := h.tw[t]; tw != nil {
		tw.rcv(seg)
		return
	}
	if r := h.reqs[t]; r != nil {
		r.rcv(seg)
		return
	}
	if l := h.listeners[seg.Dport]; l != nil && l.state == Listen {
		l.listenRcv(seg, t, nil)
		return
	}
	h.path(h.net.connOf(t), "tcp_v4_rcv", "no socket for this segment: reply RST")
	h.replyRST(seg, "no_socket")
}

// replyRST is tcp_v4_send_reset (spec §4): never in answer to an RST; with ACK on the offending
// segment: R, seq = its ack; else R., seq 0, ack = its seq + len + SYN + FIN.
func (h *Host) replyRST(seg *Segment, _ string) { // the second argument names the cause at the call site
	if seg.has(FlagRST) {
		return
	}
	t := tuple{laddr: seg.Dst, raddr: seg.Src, lport: seg.Dport, rport: seg.Sport}
	r := Segment{Src: seg.Dst, Dst: seg.Src, Sport: seg.Dport, Dport: seg.Sport, Conn: h.net.connOf(t), WScale: -1, Note: "reply_rst"}
	if seg.has(FlagACK) {
		r.Flags, r.Seq = FlagRST, seg.Ack
	} else {
		r.Flags, r.Ack = FlagRST|FlagACK, seg.EndSeq()
	}
	h.count(r.Conn, "TcpOutRsts", 1)
	h.net.transmit(h, r)
}

// rcv is tcp_rcv_state_process (and tcp_rcv_established's slow path, which runs the same steps)
// for a full socket (spec §6.1).
func (s *Sock) rcv(seg *Segment) {
	h := s.h
	switch s.state {
	case SynSent:
		s.synSentRcv(seg)
		return
	case Close, Listen:
		return
	}
	if !seg.has(FlagACK) && !seg.has(FlagRST) && !seg.has(FlagSYN) {
		return
	}
	if !s.validate(seg) {
		return
	}
	if !seg.has(FlagACK) {
		return
	}
	if !s.ack(seg) {
		return
	}
	fin := uint32(0)
	if seg.has(FlagFIN) {
		fin = 1
	}
	newBytes := seg.Len > 0 && after(seg.EndSeq()-fin, s.rcvNxt)
	finAcked := s.finSent && s.sndUna == s.writeSeq
	switch s.state {
	case FinWait1:
		if !finAcked {
			break
		}
		s.setState(FinWait2, "tcp_rcv_state_process")
		s.shutdown |= sendShutdown
		if !s.dead {
			h.path(s.conn, "tcp_rcv_state_process", "our FIN acked, socket still owned: FIN_WAIT2 without a timer")
			h.App.wake(s)
			break
		}
		if s.linger2 < 0 {
			h.path(s.conn, "tcp_rcv_state_process", "our FIN acked, orphan with linger2 < 0: tcp_done and reply RST")
			s.done("tcp_done")
			h.count(s.conn, "TcpExtTCPAbortOnData", 1)
			h.replyRST(seg, "linger2")
			return
		}
		if newBytes {
			h.path(s.conn, "tcp_rcv_state_process", "our FIN acked by a segment with new data after close(): tcp_done and reply RST")
			s.done("tcp_done")
			h.count(s.conn, "TcpExtTCPAbortOnData", 1)
			h.replyRST(seg, "data_after_close")
			return
		}
		tmo := s.finTime()
		switch {
		case tmo > twLen:
			h.path(s.conn, "tcp_rcv_state_process", "orphan FIN_WAIT2 with tcp_fin_time > 60 s: keepalive timer for the excess")
			h.arm(&s.keepTmr, s.conn, h.expiry(tmo-twLen), "fin_wait2")
		case seg.has(FlagFIN):
			h.path(s.conn, "tcp_rcv_state_process", "orphan FIN_WAIT2, segment carries FIN: keepalive timer, FIN handled next")
			h.arm(&s.keepTmr, s.conn, h.expiry(tmo), "fin_wait2")
		default:
			h.path(s.conn, "tcp_rcv_state_process", "orphan FIN_WAIT2 with tcp_fin_time <= 60 s: hand over to a TIME_WAIT socket in substate FIN_WAIT2")
			s.timeWait(FinWait2, tmo)
			return
		}
	case Closing:
		if finAcked {
			h.path(s.conn, "tcp_rcv_state_process", "CLOSING and our FIN acked: TIME_WAIT")
			s.timeWait(TimeWait, 0)
			return
		}
	case LastAck:
		if finAcked {
			h.path(s.conn, "tcp_rcv_state_process", "LAST_ACK and our FIN acked: tcp_done")
			s.done("tcp_done")
			return
		}
	}
	// Step 7: the segment's text.
	switch s.state {
	case CloseWait, Closing, LastAck:
		if !before(seg.Seq, s.rcvNxt) {
			break // the peer already sent its FIN: nothing new can be queued
		}
		fallthrough
	case FinWait1, FinWait2, Established:
		if s.state != Established && s.shutdown&rcvShutdown != 0 && newBytes {
			h.path(s.conn, "tcp_rcv_state_process", "new data after the receive side was shut: abort and reply RST")
			h.count(s.conn, "TcpExtTCPAbortOnData", 1)
			s.reset()
			h.replyRST(seg, "data_after_shutdown")
			return
		}
		s.dataQueue(seg)
	}
	if s.state != Close && !s.destroyed {
		s.writeXmit(false)
		s.ackSndCheck()
	}
}

// validate is tcp_validate_incoming: PAWS, the sequence window, RST and SYN checks (spec §6.6, §6.7).
func (s *Sock) validate(seg *Segment) bool {
	h := s.h
	if s.tsOK && seg.HasTS && s.tsRecentSet && int32(s.tsRecent-seg.TSVal) > 0 && !seg.has(FlagRST) {
		if seg.has(FlagSYN) && h.Prof == Modern {
			// tcp_validate_incoming: a SYN failing PAWS goes to the SYN challenge, not the dupack
			// (recorded: testdata/scenarios/syn_ack_delayed, a late SYN-ACK reaching ESTABLISHED)
			s.synChallenge()
			return false
		}
		h.count(s.conn, "TcpExtPAWSEstab", 1)
		// modern answers segments without data at most once per tcp_invalid_ratelimit
		// (tcp_oow_rate_limited, TCPACKSkippedPAWS): no ACK loop over a duplicating link
		if h.Prof == Modern && (seg.Len == 0 || seg.has(FlagSYN)) && s.oowLimited(&s.lastOOW, "TcpExtTCPACKSkippedPAWS") {
			return false
		}
		s.dupAck(seg)
		return false
	}
	acceptable := !before(seg.EndSeq(), s.rcvWup) && !after(seg.Seq, s.rcvNxt+s.rcvWindowNow())
	if !acceptable {
		if seg.has(FlagRST) {
			return false
		}
		if seg.has(FlagSYN) && h.Prof == Modern {
			s.synChallenge()
			return false
		}
		if seg.Len == 0 && !seg.has(FlagFIN) && h.Prof == Modern && s.oowLimited(&s.lastOOW, "TcpExtTCPACKSkippedSeq") {
			return false
		}
		s.dupAck(seg)
		return false
	}
	if seg.has(FlagRST) {
		if h.Prof == P26 {
			h.path(s.conn, "tcp_validate_incoming", "RST inside the receive window: tcp_reset")
			s.reset()
			return false
		}
		if seg.Seq == s.rcvNxt || seg.Seq == s.rcvNxt-1 && (s.state == CloseWait || s.state == Closing || s.state == LastAck) {
			h.path(s.conn, "tcp_validate_incoming", "RST with seq == rcv_nxt: tcp_reset")
			s.reset()
			return false
		}
		h.path(s.conn, "tcp_validate_incoming", "RST inside the window but not at rcv_nxt: challenge ACK (RFC 5961)")
		s.challengeAck()
		return false
	}
	if seg.has(FlagSYN) {
		if h.Prof == Modern {
			s.synChallenge()
			return false
		}
		if !before(seg.Seq, s.rcvNxt) {
			h.path(s.conn, "tcp_validate_incoming", "in-window SYN on a synchronized socket (2.6): reset")
			h.count(s.conn, "TcpExtTCPAbortOnSyn", 1)
			s.reset()
			h.replyRST(seg, "syn")
			return false
		}
	}
	if seg.HasTS && s.tsOK && !after(seg.Seq, s.rcvWup) {
		s.tsRecent, s.tsRecentStamp, s.tsRecentSet = seg.TSVal, h.seconds(), true
	}
	return true
}

func (s *Sock) synChallenge() {
	s.h.count(s.conn, "TcpExtTCPSYNChallenge", 1)
	s.h.path(s.conn, "tcp_validate_incoming", "SYN on a synchronized socket: challenge ACK (RFC 5961)")
	s.challengeAck()
}

// challengeAck is tcp_send_challenge_ack, at most one per tcp_invalid_ratelimit per socket.
func (s *Sock) challengeAck() {
	if s.oowLimited(&s.lastChallenge, "TcpExtTCPACKSkippedChallenge") {
		return
	}
	s.h.count(s.conn, "TcpExtTCPChallengeACK", 1)
	s.sendAck("challenge_ack")
}

// oowLimited is __tcp_oow_rate_limited: true (and counted) when an answer was sent too recently.
func (s *Sock) oowLimited(last *int64, counter string) bool {
	now := s.h.now()
	lim := int64(s.h.Sys.InvalidRatelimit) * 1000
	if *last != 0 && now-*last < lim {
		s.h.count(s.conn, counter, 1)
		return true
	}
	*last = now
	if *last == 0 {
		*last = 1
	}
	return false
}

// dupAck is tcp_send_dupack: an old segment (data or FIN seen before) counts DelayedACKLost, enters
// quick-ACK mode and is answered at once with a D-SACK.
func (s *Sock) dupAck(seg *Segment) {
	if seg.EndSeq() != seg.Seq && before(seg.Seq, s.rcvNxt) {
		s.h.count(s.conn, "TcpExtDelayedACKLost", 1)
		s.enterQuickAck()
		s.sendAck("dsack")
		return
	}
	s.sendAck("dupack")
}

// reset is tcp_reset: the peer (or our own abort) reset the connection (spec §6.6).
func (s *Sock) reset() {
	var err string
	switch s.state {
	case SynSent:
		err = "ECONNREFUSED"
	case CloseWait:
		err = "EPIPE"
	case Close:
		return
	default:
		err = "ECONNRESET"
	}
	s.sockErr = err
	if s.h.Prof == Modern {
		s.purgeWrite()
	}
	s.done("tcp_reset")
}

func (s *Sock) purgeWrite() {
	s.rtx = s.rtx[:0]
	s.writeSeq = s.sndNxt
	s.finQueued = s.finSent
	s.pushAt = s.pushAt[:0]
}

// ack is tcp_ack (spec §6.1 step 5); false means drop the segment.
func (s *Sock) ack(seg *Segment) bool {
	h := s.h
	a := seg.Ack
	if after(a, s.sndNxt) {
		if h.Prof == Modern {
			s.challengeAck()
			return false
		}
		return true // 2.6 ignores the ACK field and goes on with the text
	}
	if before(a, s.sndUna) {
		if h.Prof == Modern && before(a, s.sndUna-s.maxWindow) {
			s.challengeAck()
			return false
		}
		return true
	}
	nwin := uint32(seg.Win) << s.peerWscale
	s.sndWnd = nwin
	if nwin > s.maxWindow {
		s.maxWindow = nwin
	}
	priorOut := s.packetsOut()
	s.rcvTstamp = h.now()
	s.probesOut = 0
	if after(a, s.sndUna) {
		s.cleanRtx(seg, a)
	}
	if priorOut == 0 && s.hasUnsent() && s.state != Close {
		// tcp_ack_probe: the window opened far enough for the head segment, or still not
		need := uint32(min(int(int32(s.dataEnd()-s.sndNxt)), s.effMSS()))
		if s.finQueued && int(int32(s.dataEnd()-s.sndNxt)) <= s.effMSS() {
			need++
		}
		if !after(s.sndNxt+need, s.sndUna+s.sndWnd) {
			s.backoff = 0
			if s.mode == xmitProbe0 {
				h.cancel(&s.xmit, s.conn)
				s.mode = xmitNone
			}
		} else {
			s.armXmit(xmitProbe0, h.expiry(s.probe0When()), "")
		}
	}
	return true
}

// cleanRtx is tcp_clean_rtx_queue plus the RTT sample (Karn; timestamps when Karn forbids, 2.6
// preferring timestamps, spec §9.1).
func (s *Sock) cleanRtx(seg *Segment, a uint32) {
	h := s.h
	var first sentSeg // the oldest segment this ACK covers
	anyRetrans := false
	popped := 0
	for popped < len(s.rtx) && !after(s.rtx[popped].end, a) {
		if popped == 0 {
			first = s.rtx[0]
		}
		if s.rtx[popped].retrans {
			anyRetrans = true
		}
		popped++
	}
	s.rtx = append(s.rtx[:0], s.rtx[popped:]...) // keep the queue's array for the next segments
	if len(s.rtx) > 0 && after(a, s.rtx[0].seq) {
		s.rtx[0].seq = a // partly acked head
	}
	s.sndUna = a
	s.prunePush()
	s.retransmits = 0
	m := int64(-1)
	if seg.HasTS && seg.TSEcr != 0 && (anyRetrans || h.Prof == P26) {
		unit := int64(1000)
		if h.Prof == P26 {
			unit = h.jiffy()
		}
		m = int64(h.tsNow()-seg.TSEcr) * unit
		if m < 0 {
			m = -1
		}
	} else if popped > 0 && !anyRetrans {
		m = h.now() - first.lastTx
	}
	if m >= 0 {
		s.rttSample(m)
	}
	if s.tlpOut && !before(a, s.tlpHigh) {
		s.tlpOut = false
	}
	if s.ca == caOpen && s.cwndGrows() {
		s.cwnd += popped
	}
	if s.packetsOut() == 0 {
		s.retransStamp = 0
		s.ca = caOpen
		if s.mode == xmitRetrans || s.mode == xmitTLP {
			h.cancel(&s.xmit, s.conn)
			s.mode = xmitNone
		}
	} else {
		s.setXmitTimer()
	}
	h.App.writable(s)
}

// dataQueue is tcp_data_queue (spec §6.5).
func (s *Sock) dataQueue(seg *Segment) {
	h := s.h
	fin := seg.has(FlagFIN)
	if seg.Len == 0 && !fin {
		return
	}
	switch {
	case seg.Seq == s.rcvNxt:
		if seg.Len > 0 && s.rcvWindowNow() == 0 || fin && seg.Len == 0 && s.rcvWindowNow() == 0 && h.Prof == P26 {
			if h.Prof == Modern {
				h.count(s.conn, "TcpExtTCPZeroWindowDrop", 1)
			}
			s.enterQuickAck()
			s.ackPending = true
			return
		}
		s.accept(seg.Seq, seg.Len, fin, seg.has(FlagPSH))
		for len(s.ofo) > 0 && !s.finRcvd {
			o := s.ofo[0]
			if after(o.Seq, s.rcvNxt) {
				break
			}
			s.ofo = s.ofo[1:]
			if !after(o.EndSeq(), s.rcvNxt) {
				continue
			}
			skip := int(s.rcvNxt - o.Seq)
			s.accept(s.rcvNxt, o.Len-skip, o.has(FlagFIN), o.has(FlagPSH))
			if len(s.ofo) == 0 {
				s.ackPending = true
				s.quickNow = true
			}
		}
	case !after(seg.EndSeq(), s.rcvNxt):
		h.count(s.conn, "TcpExtDelayedACKLost", 1)
		s.enterQuickAck()
		s.ackPending = true
		s.dsackNext = true
	case after(seg.Seq, s.rcvNxt+s.rcvWindowNow()):
		s.ackPending = true
		s.quickNow = true
	case after(seg.Seq, s.rcvNxt):
		s.insertOfo(*seg)
		s.ackPending = true
		s.quickNow = true
	default:
		skip := int(s.rcvNxt - seg.Seq)
		s.accept(s.rcvNxt, seg.Len-skip, fin, seg.has(FlagPSH))
	}
}

func (s *Sock) insertOfo(seg Segment) {
	i := 0
	for i < len(s.ofo) && before(s.ofo[i].Seq, seg.Seq) {
		i++
	}
	s.ofo = append(s.ofo, Segment{})
	copy(s.ofo[i+1:], s.ofo[i:])
	s.ofo[i] = seg
}

// accept queues n in-sequence bytes (and the FIN) at rcv_nxt; psh: the segment carried PSH.
func (s *Sock) accept(seq uint32, n int, fin, psh bool) {
	if n > 0 {
		s.rcvNxt += uint32(n)
		if s.rcvCap > 0 {
			s.rcvSegEnds = append(s.rcvSegEnds, s.rcvNxt)
		}
		s.eventDataRecv(n, psh || fin) // TCP_REMNANT: PSH or FIN
	}
	s.ackPending = true
	if fin {
		s.rcvNxt++
		s.finRcvd = true
		s.tcpFin()
	}
	if !s.dead && s.state != Close {
		s.h.App.wake(s)
	}
}

// tcpFin is tcp_fin: the peer's FIN became in-sequence (spec §6.2).
func (s *Sock) tcpFin() {
	h := s.h
	s.ackPending = true
	s.shutdown |= rcvShutdown
	switch s.state {
	case Established, SynRecv:
		h.path(s.conn, "tcp_fin", "FIN in ESTABLISHED: CLOSE_WAIT, delayed-ACK (pingpong) mode")
		s.setState(CloseWait, "tcp_fin")
		s.pingpong = true
	case FinWait1:
		h.path(s.conn, "tcp_fin", "FIN in FIN_WAIT1, our FIN not acked: ACK now, CLOSING (simultaneous close)")
		s.sendAck("")
		s.setState(Closing, "tcp_fin")
	case FinWait2:
		h.path(s.conn, "tcp_fin", "FIN in FIN_WAIT2: ACK now, TIME_WAIT")
		s.sendAck("")
		s.timeWait(TimeWait, 0)
	}
	s.ofo = s.ofo[:0]
}

// eventDataRecv is tcp_event_data_recv: the delayed-ACK estimator ato and quick-ACK credit (§6.2).
func (s *Sock) eventDataRecv(n int, remnant bool) {
	now := s.h.now()
	s.measureRcvMss(n, remnant)
	if s.ato == 0 {
		s.incrQuickAck(16)
		s.ato = atoMin
	} else {
		m := now - s.lastDataRecv
		switch {
		case m <= atoMin/2:
			s.ato = s.ato/2 + atoMin/2
		case m < s.ato:
			s.ato = min(s.ato/2+m, s.rto)
		case m > s.rto:
			s.incrQuickAck(16)
		}
	}
	s.lastDataRecv = now
}

// measureRcvMss is tcp_measure_rcv_mss: a segment at least as long as the receive MSS estimate
// raises it; a shorter one either is a steady smaller size (two alike: the new estimate) or marks
// the ACK "pushed" (twice: pushed2), which a read that empties the queue answers at once
// (tcp_cleanup_rbuf). Lengths with the TCP header (20 bytes; the timestamp option's 12 counted as
// the kernel's tcp_header_len does); remnant: the segment carried PSH or FIN (TCP_REMNANT).
func (s *Sock) measureRcvMss(n int, remnant bool) {
	lss := s.lastSegSize
	s.lastSegSize = 0
	if n >= s.rcvMss {
		s.rcvMss = min(n, s.mss)
		return
	}
	hdr := 20
	if s.tsOK {
		hdr += 12
	}
	if l := n + hdr; l >= mssDefault+20 || l >= 88+20 && !remnant { // TCP_MSS_DEFAULT, TCP_MIN_MSS; TCP_REMNANT
		s.lastSegSize = n
		if n == lss {
			s.rcvMss = n
			return
		}
	}
	if s.ackPushed {
		s.ackPushed2 = true
	}
	s.ackPushed = true
}

func (s *Sock) incrQuickAck(max int) {
	q := int(s.rcvWnd) / (2 * s.rcvMss)
	if q == 0 {
		q = 2
	}
	q = min(q, max)
	if q > s.quick {
		s.quick = q
	}
}

func (s *Sock) enterQuickAck() {
	s.incrQuickAck(16)
	s.pingpong = false
	s.ato = atoMin
}

func (s *Sock) quickMode() bool { return s.quick > 0 && !s.pingpong }

// ackSndCheck is __tcp_ack_snd_check: ACK now, or arm the delayed-ACK timer.
func (s *Sock) ackSndCheck() {
	if !s.ackPending {
		return
	}
	now := s.quickNow
	s.quickNow = false
	if s.dsackNext {
		s.dsackNext = false
		s.sendAck("dsack")
		return
	}
	if now || s.rcvNxt-s.rcvWup > uint32(s.rcvMss) && s.selectWindow() >= s.rcvWnd || s.quickMode() || len(s.ofo) > 0 {
		s.sendAck("")
		return
	}
	s.sendDelayedAck()
}

// sendDelayedAck is tcp_send_delayed_ack (spec §6.2).
func (s *Sock) sendDelayedAck() {
	h := s.h
	ato := s.ato
	if ato > atoMin {
		maxAto := int64(delackMax)
		if s.hasSRTT {
			rtt := max(s.srtt8>>3, atoMin)
			if rtt < maxAto {
				maxAto = rtt
			}
		}
		ato = min(ato, maxAto)
	}
	ato = min(ato, delackMax)
	at := h.expiry(ato)
	if s.delack.pending() {
		if s.delack.ev.At() <= h.now()+ato/4 {
			s.sendAck("")
			return
		}
		if s.delack.ev.At() < at {
			return
		}
	}
	h.arm(&s.delack, s.conn, at, "")
}

// delackTimer is tcp_delack_timer_handler.
func (s *Sock) delackTimer() {
	if !s.ackPending || s.state == Close {
		return
	}
	if s.pingpong {
		s.pingpong = false
		s.ato = atoMin
	} else {
		s.ato = min(s.ato<<1, s.rto)
	}
	s.h.count(s.conn, "TcpExtDelayedACKs", 1)
	s.sendAck("delayed_ack")
}
