package tcp

// closeState is tcp_close_state with the new_state[] table (spec §3.3): it moves the socket and
// reports whether a FIN is due.
func (s *Sock) closeState(fn string) bool {
	switch s.state {
	case Established, SynRecv:
		s.setState(FinWait1, fn)
		return true
	case CloseWait:
		s.setState(LastAck, fn)
		return true
	case SynSent, TimeWait, Listen, NewSynRecv:
		s.setState(Close, fn)
	}
	return false
}

// sendFIN is tcp_send_fin (spec §3.4): the FIN rides on the last unsent segment if there is one,
// else a bare FIN is queued; then the queue is pushed with Nagle off.
func (s *Sock) sendFIN() {
	h := s.h
	if after(s.dataEnd(), s.sndNxt) {
		h.path(s.conn, "tcp_send_fin", "unsent data queued: the FIN rides on the last unsent segment")
	} else {
		h.path(s.conn, "tcp_send_fin", "everything sent: queue a bare FIN")
	}
	s.finQueued = true
	s.writeSeq++
	s.writeXmit(true)
}

// Close is tcp_close(sk, timeout) (spec §3.2), reached from inet_release when the last fd goes.
// timeout > 0 makes close() linger, LingerForever without a deadline; done runs when the call returns (at once, or after the wait).
func (s *Sock) Close(timeout int64, done func()) {
	h := s.h
	s.shutdown = rcvShutdown | sendShutdown
	if s.state == Listen {
		h.path(s.conn, "tcp_close", "listening socket: stop listening, abort the children never accepted")
		s.setState(Close, "tcp_close")
		s.listenStop()
		s.adopt()
		done()
		return
	}
	unread := s.unreadBytes()
	s.copiedSeq = s.rcvNxt
	s.rcvSegEnds = s.rcvSegEnds[:0]
	switch {
	case h.Prof == Modern && s.state == Close:
		h.path(s.conn, "tcp_close", "socket already in CLOSE (reset, or its connection already ended): nothing to send")
	case unread > 0:
		h.path(s.conn, "tcp_close", "data_was_unread > 0: send RST, not FIN")
		h.count(s.conn, "TcpExtTCPAbortOnClose", 1)
		s.setState(Close, "tcp_close")
		s.sendActiveReset("abort_on_close")
	case s.linger && s.lingerSecs == 0:
		h.path(s.conn, "tcp_close", "SO_LINGER {1, 0}: tcp_disconnect, abort with RST")
		s.disconnect()
		h.count(s.conn, "TcpExtTCPAbortOnData", 1)
	default:
		if s.closeState("tcp_close") {
			s.sendFIN()
		}
	}
	if timeout != 0 && (s.state == FinWait1 || s.state == Closing || s.state == LastAck) {
		h.path(s.conn, "sk_stream_wait_close", "SO_LINGER > 0: close() sleeps while the FIN is unacknowledged")
		s.lingerWaiting = true
		s.lingerDone = func() {
			s.adopt()
			done()
		}
		if timeout > 0 {
			h.arm(&s.lingerTmr, s.conn, h.now()+timeout, "")
		}
		return
	}
	s.adopt()
	done()
}

// lingerWake ends sk_stream_wait_close: the state left FIN_WAIT1/CLOSING/LAST_ACK, or the
// deadline passed. close() returns 0 either way.
func (s *Sock) lingerWake() {
	if !s.lingerWaiting {
		return
	}
	s.lingerWaiting = false
	s.h.cancel(&s.lingerTmr, s.conn)
	if f := s.lingerDone; f != nil {
		s.lingerDone = nil
		f()
	}
}

// adopt is the end of tcp_close ("adjudge_to_death"): the socket becomes an orphan and the
// FIN_WAIT2 and orphan-limit rules run (spec §3.2, §7.3 (a)).
func (s *Sock) adopt() {
	h := s.h
	s.orphan()
	if s.destroyed {
		return
	}
	if s.state == FinWait2 {
		if s.linger2 < 0 {
			h.path(s.conn, "tcp_close", "FIN_WAIT2 with linger2 < 0: active RST instead of FIN_WAIT2")
			s.setState(Close, "tcp_close")
			s.sendActiveReset("linger2")
			h.count(s.conn, "TcpExtTCPAbortOnLinger", 1)
		} else {
			tmo := s.finTime()
			if tmo > twLen {
				h.arm(&s.keepTmr, s.conn, h.expiry(tmo-twLen), "fin_wait2")
			} else {
				h.path(s.conn, "tcp_close", "FIN_WAIT2 at close(): hand over to a TIME_WAIT socket in substate FIN_WAIT2")
				s.timeWait(FinWait2, tmo)
				return
			}
		}
	}
	if s.state != Close && (h.tooManyOrphans(0) || s.outOfMemory()) {
		h.path(s.conn, "tcp_close", "too many orphans: reset instead of keeping the orphan")
		s.setState(Close, "tcp_close")
		s.sendActiveReset("too_many_orphans")
		h.count(s.conn, "TcpExtTCPAbortOnMemory", 1)
	}
	if s.state == Close {
		s.clearTimers()
		s.destroy()
	}
}

// disconnect is tcp_disconnect (spec §4): CLOSE, an RST where the old state calls for one, queues
// purged. It bumps no counter; callers do.
func (s *Sock) disconnect() {
	old := s.state
	if old != Close {
		s.setState(Close, "tcp_disconnect")
	}
	switch {
	case old == Listen:
		s.listenStop()
	case old == Established || old == CloseWait || old == FinWait1 || old == FinWait2 || old == SynRecv:
		s.sendActiveReset("disconnect")
		s.sockErr = "ECONNRESET"
	case (old == Closing || old == LastAck) && s.sndNxt != s.writeSeq:
		s.sendActiveReset("disconnect")
		s.sockErr = "ECONNRESET"
	case old == SynSent:
		s.sockErr = "ECONNRESET"
	}
	s.clearTimers()
	s.rtx = s.rtx[:0]
	s.ofo = s.ofo[:0]
	s.copiedSeq = s.rcvNxt
	s.writeSeq = s.sndNxt
	s.finQueued, s.finSent = false, false
	s.pushAt = s.pushAt[:0]
}

// Shutdown is tcp_shutdown via inet_shutdown (spec §5).
func (s *Sock) Shutdown(how uint8) {
	h := s.h
	if s.state == SynSent || s.state == Listen && how&rcvShutdown != 0 {
		h.path(s.conn, "inet_shutdown", "shutdown() of a connecting or listening socket: tcp_disconnect")
		s.disconnect()
		return
	}
	s.shutdown |= how
	if how&sendShutdown != 0 && (s.state == Established || s.state == CloseWait || h.Prof == P26 && s.state == SynRecv) {
		h.path(s.conn, "tcp_shutdown", "SHUT_WR: send FIN, keep receiving (half close)")
		if s.closeState("tcp_shutdown") {
			s.sendFIN()
		}
	}
}
