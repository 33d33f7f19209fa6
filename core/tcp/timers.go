package tcp

// xmitTimer dispatches the one transmit timer by its mode (icsk_pending).
func (s *Sock) xmitTimer() {
	mode := s.mode
	s.mode = xmitNone
	if s.destroyed {
		s.h.net.fail("%s c%d: transmit timer fired on a freed socket", s.h.Name, s.conn)
		return
	}
	if s.state == Close {
		return
	}
	switch mode {
	case xmitRetrans:
		s.retransmitTimer()
	case xmitTLP:
		s.sendLossProbe()
	case xmitProbe0:
		s.probeTimer()
	}
}

// retransmitTimer is tcp_retransmit_timer (spec §9.3).
func (s *Sock) retransmitTimer() {
	h := s.h
	if s.packetsOut() == 0 {
		return
	}
	if s.state == SynSent {
		s.synTimer()
		return
	}
	if h.Prof == Modern || s.ca == caOpen {
		h.count(s.conn, "TcpExtTCPTimeouts", 1)
	}
	if s.writeTimeout() {
		return
	}
	h.path(s.conn, "tcp_retransmit_timer", "RTO expired: retransmit the head of the queue, double the RTO")
	s.ca = caLoss
	s.cwnd = 1
	s.tlpOut = false
	s.retransmitHead("retransmit")
	if s.retransStamp == 0 {
		s.retransStamp = h.now()
	}
	s.retransmits++
	s.backoff++
	s.rto = min(s.rto<<1, rtoMax)
	s.rearmRTO()
}

// retransmitHead re-sends the oldest unacked segment, first folding the sent segments behind it
// into it while they fit one MSS and the window (tcp_retrans_try_collapse).
func (s *Sock) retransmitHead(note string) {
	if s.h.Sys.RetransCollapse != 0 {
		for len(s.rtx) > 1 {
			hd, nx := &s.rtx[0], s.rtx[1]
			if hd.syn || nx.syn || hd.fin {
				break
			}
			dataLen := int(nx.end - hd.seq)
			if nx.fin {
				dataLen--
			}
			if dataLen > s.effMSS() || after(nx.end, s.sndUna+s.sndWnd) && s.sndWnd > 0 {
				break
			}
			hd.end, hd.fin, hd.psh = nx.end, nx.fin, hd.psh || nx.psh
			s.rtx = append(s.rtx[:1], s.rtx[2:]...)
		}
	}
	s.resend(0, note)
}

// resend transmits retransmit-queue entry i again.
func (s *Sock) resend(i int, note string) {
	e := &s.rtx[i]
	n := int(e.end - e.seq)
	flags := FlagACK
	if e.fin {
		n--
		flags |= FlagFIN
	}
	if e.syn {
		n--
		flags = FlagSYN
	}
	if e.psh && n > 0 {
		flags |= FlagPSH
	}
	var seg Segment
	if e.syn {
		seg = s.synSegment()
	} else {
		seg = s.mkSeg(flags, e.seq, n)
	}
	seg.Note = note
	e.retrans = true
	e.lastTx = s.h.now()
	s.h.count(s.conn, "TcpRetransSegs", 1)
	s.send(seg)
}

// sendLossProbe is tcp_send_loss_probe (spec §9.2).
func (s *Sock) sendLossProbe() {
	h := s.h
	if s.packetsOut() == 0 {
		return
	}
	mss := s.effMSS()
	unsent := int(int32(s.dataEnd() - s.sndNxt))
	if unsent > 0 && !after(s.sndNxt+uint32(min(unsent, mss)), s.sndUna+s.sndWnd) {
		n := min(unsent, mss)
		s.chunkSegs = 0
		s.transmitNew(n, s.finQueued && !s.finSent && n == unsent, "loss_probe")
	} else {
		h.path(s.conn, "tcp_send_loss_probe", "tail loss probe: re-send the last segment in flight")
		s.resend(len(s.rtx)-1, "loss_probe")
	}
	s.tlpOut = true
	s.tlpHigh = s.sndNxt
	h.count(s.conn, "TcpExtTCPLossProbes", 1)
	s.mode = xmitNone
	s.rearmRTO()
}

// orphanRetries is tcp_orphan_retries: 0 means 8 while the RTO is below its maximum (§9.4).
func (s *Sock) orphanRetries(alive bool) int {
	r := s.h.Sys.OrphanRetries
	if r == 0 && alive {
		r = 8
	}
	return r
}

// tBudget is T(b) of spec §9.4: the time that b doubling retransmissions from 200 ms take.
func tBudget(b int, base int64) int64 {
	// tcp_model_timeout: the doubling RTOs from base until they reach TCP_RTO_MAX, then RTO_MAX each
	thresh := 0
	for base<<uint(thresh+1) <= rtoMax {
		thresh++
	}
	if b <= thresh {
		return (int64(1)<<uint(b+1) - 1) * base
	}
	return (int64(1)<<uint(thresh+1)-1)*base + int64(b-thresh)*rtoMax
}

func (s *Sock) timedOut(b int, base int64) bool {
	return s.retransmits > 0 && s.h.now()-s.retransStamp >= tBudget(b, base)
}

// writeTimeout is tcp_write_timeout (spec §9.4): true when the socket was killed.
func (s *Sock) writeTimeout() bool {
	h := s.h
	limit := h.Sys.Retries2
	if s.dead {
		alive := s.rto < rtoMax
		limit = s.orphanRetries(alive)
		doReset := alive || !s.timedOut(limit, rtoMin)
		if s.outOfResources(doReset) {
			return true
		}
	}
	expired := s.timedOut(limit, rtoMin)
	if s.userTO > 0 && h.Prof == Modern {
		expired = s.retransmits > 0 && h.now()-s.retransStamp >= s.userTO
	}
	if expired {
		if s.dead {
			h.path(s.conn, "tcp_write_timeout", "orphan retransmissions timed out (tcp_orphan_retries): give up without RST")
		} else {
			h.path(s.conn, "tcp_write_timeout", "retransmissions timed out (tcp_retries2): give up without RST")
		}
		s.writeErr()
		return true
	}
	return false
}

// writeErr is tcp_write_err: ETIMEDOUT, no RST, TCPAbortOnTimeout.
func (s *Sock) writeErr() {
	s.sockErr = "ETIMEDOUT"
	s.purgeWrite()
	s.done("tcp_write_err")
	s.h.count(s.conn, "TcpExtTCPAbortOnTimeout", 1)
}

// outOfResources is tcp_out_of_resources (spec §9.6), run for orphans at every RTO and probe.
func (s *Sock) outOfResources(doReset bool) bool {
	h := s.h
	shift := uint(0)
	if h.now()-s.lsndtime > 2*rtoMax || !doReset {
		shift++
	}
	if !h.tooManyOrphans(shift) && !s.outOfMemory() {
		return false
	}
	if h.now()-s.lsndtime <= 60_000_000 || s.sndWnd == 0 && s.packetsOut() == 0 {
		doReset = true
	}
	h.path(s.conn, "tcp_out_of_resources", "too many orphans: kill this orphan")
	if doReset {
		s.sendActiveReset("out_of_resources")
	}
	s.done("tcp_done")
	h.count(s.conn, "TcpExtTCPAbortOnMemory", 1)
	return true
}

// outOfMemory is the tcp_mem half of tcp_check_oom. The model keeps no TCP memory accounting
// yet (docs/model.md), so no socket is ever out of memory.
func (s *Sock) outOfMemory() bool { return false }

// probeTimer is tcp_probe_timer (spec §9.5).
func (s *Sock) probeTimer() {
	h := s.h
	if s.packetsOut() > 0 || !s.hasUnsent() {
		s.probesOut = 0
		return
	}
	limit := h.Sys.Retries2
	if s.dead {
		alive := min(s.rto<<uint(min(s.backoff, 20)), rtoMax) < rtoMax
		limit = s.orphanRetries(alive)
		if h.Prof == Modern && !alive && s.backoff >= limit {
			h.path(s.conn, "tcp_probe_timer", "orphan zero-window probing gave up")
			s.writeErr()
			return
		}
		check := true
		if h.Prof == P26 {
			check = alive || s.probesOut <= limit
		}
		if s.outOfResources(check) {
			return
		}
	}
	if h.Prof == Modern && s.probesOut >= limit || h.Prof == P26 && s.probesOut > limit {
		h.path(s.conn, "tcp_probe_timer", "zero-window probes unanswered too often: give up")
		s.writeErr()
		return
	}
	s.sendProbe0()
}

// sendProbe0 is tcp_send_probe0 / tcp_write_wakeup: data if the window admits some, else a
// zero-length ACK with seq = snd_una − 1.
func (s *Sock) sendProbe0() {
	h := s.h
	wndEnd := s.sndUna + s.sndWnd
	unsent := int(int32(s.dataEnd() - s.sndNxt))
	if s.hasUnsent() && before(s.sndNxt, wndEnd) {
		n := min(int(wndEnd-s.sndNxt), s.effMSS(), max(unsent, 0))
		withFin := s.finQueued && !s.finSent && n == max(unsent, 0) && before(s.sndNxt+uint32(n), wndEnd)
		h.path(s.conn, "tcp_write_wakeup", "persist timer: the window admits part of the next segment, send it")
		s.pushAt = append(s.pushAt, pushMark{seq: s.sndNxt + uint32(n)})
		s.transmitNew(n, withFin, "probe")
		s.probesOut = 0
		s.backoff = 0
		s.rearmRTO()
		return
	}
	h.path(s.conn, "tcp_send_probe0", "zero window: send a zero-length probe (seq = snd_una - 1)")
	s.xmitProbeSkb("probe", "TcpExtTCPWinProbe")
	s.probesOut++
	if s.backoff < h.Sys.Retries2 { // tcp_send_probe0, 2.6.32 as today
		s.backoff++
	}
	s.armXmit(xmitProbe0, h.expiry(s.probe0When()), "")
}

// xmitProbeSkb is tcp_xmit_probe_skb: a zero-length ACK with seq = snd_una − 1 that the peer must
// answer (zero-window and keepalive probes); modern counts it under counter.
func (s *Sock) xmitProbeSkb(note, counter string) {
	seg := s.mkSeg(FlagACK, s.sndUna-1, 0)
	seg.Note = note
	if s.h.Prof == Modern {
		s.h.count(s.conn, counter, 1)
	}
	s.send(seg)
}

// keepaliveTimer is tcp_keepalive_timer (spec §7.6, §9.7).
func (s *Sock) keepaliveTimer() {
	h := s.h
	if s.state == Close || s.destroyed {
		return
	}
	if s.state == FinWait2 && s.dead {
		if s.linger2 >= 0 {
			if t := s.finTime() - twLen; t > 0 {
				h.path(s.conn, "tcp_keepalive_timer", "long FIN_WAIT2 orphan: hand the remainder to a TIME_WAIT socket")
				s.timeWait(FinWait2, t)
				return
			}
		}
		h.path(s.conn, "tcp_keepalive_timer", "FIN_WAIT2 orphan out of time: reset")
		s.sendActiveReset("fin_wait2_timeout")
		s.done("tcp_done")
		return
	}
	if !s.keepOpen || s.state == Listen || s.state == SynSent && h.Prof == Modern {
		return
	}
	ktime := int64(s.keepIdleS()) * 1_000_000
	if s.packetsOut() > 0 || s.hasUnsent() {
		h.arm(&s.keepTmr, s.conn, h.expiry(ktime), "")
		return
	}
	idle := h.now() - s.rcvTstamp
	if h.Prof == Modern {
		idle = min(idle, h.now()-max(s.lastDataRecv, s.rcvTstamp))
	}
	if idle >= ktime {
		cnt := s.keepCnt
		if cnt == 0 {
			cnt = h.Sys.KeepaliveProbes
		}
		if s.keepProbes >= cnt {
			h.path(s.conn, "tcp_keepalive_timer", "keepalive probes unanswered: reset the connection")
			s.sendActiveReset("keepalive")
			s.writeErr()
			return
		}
		s.xmitProbeSkb("keepalive", "TcpExtTCPKeepAlive")
		s.keepProbes++
		intvl := s.keepIntvl
		if intvl == 0 {
			intvl = h.Sys.KeepaliveIntvl
		}
		h.arm(&s.keepTmr, s.conn, h.expiry(int64(intvl)*1_000_000), "")
		return
	}
	h.arm(&s.keepTmr, s.conn, h.expiry(ktime-idle), "")
}

func (s *Sock) keepIdleS() int {
	if s.keepIdle > 0 {
		return s.keepIdle
	}
	return s.h.Sys.KeepaliveTime
}
