package tcp

import (
	"errors"

	"finwait/core/trace"
)

var (
	errAddrInUse    = errors.New("EADDRINUSE")
	errAddrNotAvail = errors.New("EADDRNOTAVAIL")
	errIsConn       = errors.New("EISCONN")
)

func (h *Host) getPort(p uint16, connectOnly bool) {
	b, ok := h.binds[p]
	if !ok {
		b.connectOnly = connectOnly
	}
	if !connectOnly {
		b.connectOnly = false
	}
	b.owners++
	h.binds[p] = b
}

func (h *Host) putPort(p uint16) {
	b, ok := h.binds[p]
	if !ok {
		return
	}
	b.owners--
	if b.owners <= 0 {
		delete(h.binds, p)
		return
	}
	h.binds[p] = b
}

func isLoopback(a uint32) bool { return a>>24 == 127 }

// twUnique is tcp_twsk_unique (spec §12.3): may a new connection take over this TW socket?
func (h *Host) twUnique(tw *TW, autobind bool) bool {
	if h.Prof == Modern {
		reuse := h.Sys.TWReuse
		if tw.sub == FinWait2 {
			reuse = 0
		}
		if reuse == 2 && !isLoopback(tw.t.laddr) && !isLoopback(tw.t.raddr) {
			reuse = 0
		}
		return tw.tsSet && (!autobind || reuse != 0 && h.now() > tw.entry+int64(h.Sys.TWReuseDelay)*1000)
	}
	return tw.tsSet && (!autobind || h.Sys.TWReuse != 0 && h.seconds()-int64(tw.tsStamp) > 1)
}

// portUsable checks one candidate port for connect() (__inet_hash_connect's __inet_check_established).
func (h *Host) portUsable(t tuple, autobind bool) (ok bool, tw *TW) {
	if b, ok := h.binds[t.lport]; autobind && ok && !b.connectOnly {
		return false, nil
	}
	if h.ehash[t] != nil || h.reqs[t] != nil {
		return false, nil
	}
	if tw = h.tw[t]; tw != nil {
		if h.twUnique(tw, autobind) {
			return true, tw
		}
		return false, nil
	}
	return true, nil
}

// hashConnect picks the ephemeral port (spec §12.1): modern RFC 6056 algorithm 4 with the model's
// zero offsets, 2.6 sequential from a hint.
func (h *Host) hashConnect(dst uint32, dport uint16) (uint16, *TW, bool) {
	return h.hashConnectIn(dst, dport, h.Sys.PortLow, h.Sys.PortHi)
}

// hashConnectIn is hashConnect over the ports lo..hi (a socket's IP_LOCAL_PORT_RANGE).
func (h *Host) hashConnectIn(dst uint32, dport uint16, lo, hi int) (uint16, *TW, bool) {
	n := hi - lo + 1
	if h.Prof == P26 {
		for i := 1; i <= n; i++ {
			p := uint16(lo + (i+int(h.hint26))%n)
			t := tuple{h.Addr, dst, p, dport}
			h.net.charge(1) // up to the whole port range per connect()
			if ok, tw := h.portUsable(t, true); ok {
				h.hint26 += uint32(i)
				if b, ok := h.binds[p]; ok && b.owners > 0 && tw == nil {
					h.count(trace.NoConn, "TcpExtTWRecycled", 1) // the 2.6.32 quirk of §8.8
				}
				return p, tw, true
			}
		}
		return 0, nil, false
	}
	if n > 1 {
		n &^= 1
	}
	key := tuple{laddr: h.Addr, raddr: dst, rport: dport}
	offset := int(h.perturb[key]%uint32(n)) &^ 1
	for pass := 0; pass < 2; pass++ {
		for i := 0; i < n; i += 2 {
			p := uint16(lo + (offset+i)%n)
			t := tuple{h.Addr, dst, p, dport}
			h.net.charge(1) // up to the whole port range per connect()
			if ok, tw := h.portUsable(t, true); ok {
				h.perturb[key] += uint32(i + 2)
				return p, tw, true
			}
		}
		offset++
		if n == 1 {
			break
		}
	}
	return 0, nil, false
}

// isn is the initial sequence number Linux gives the 4-tuple t (local side first), spec §12.4: a
// keyed hash of t plus a clock of 64 ns ticks, so a later connection on the same 4-tuple starts
// above the earlier one's sequence space. Modern: secure_tcp_seq, the whole 32-bit hash; 2.6.32:
// secure_tcp_sequence_number, 24 bits of hash under an 8-bit count of the key's rekeying (every
// 5 minutes, not modelled: a run keeps its first key). The key is the host's, derived from the
// run's seed and its address (the kernel draws it at boot); the clock is virtual time.
func (h *Host) isn(t tuple) uint32 {
	k := mix64(h.net.seed ^ uint64(h.Addr)<<20)
	x := uint32(mix64(k ^ uint64(t.laddr)<<32 ^ uint64(t.raddr) ^ mix64(uint64(t.lport)<<16|uint64(t.rport))))
	if h.Prof == P26 {
		x = x&0xffffff | uint32(k>>56)<<24
	}
	return x + uint32(uint64(h.now())*1000>>6)
}

// mix64 is the SplitMix64 finaliser: a cheap 64-bit mixing function.
func mix64(x uint64) uint64 {
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// Connect is tcp_v4_connect + tcp_connect: choose the port, maybe take over a TW socket, send the
// SYN. A failure before the SYN (EADDRNOTAVAIL) is returned at once.
func (s *Sock) Connect(dst uint32, dport uint16) error {
	h := s.h
	if s.state != Close || s.hashed {
		return errIsConn
	}
	var tw *TW
	var port uint16
	if s.boundPort {
		port = s.t.lport
		ok, t := h.portUsable(tuple{h.Addr, dst, port, dport}, false)
		if !ok {
			return errAddrNotAvail
		}
		tw = t
	} else {
		lo, hi := s.localPortRange()
		p, t, ok := h.hashConnectIn(dst, dport, lo, hi)
		if !ok {
			h.path(trace.NoConn, "__inet_hash_connect", "no ephemeral port free for this destination: EADDRNOTAVAIL, no SYN")
			return errAddrNotAvail
		}
		port, tw = p, t
		h.getPort(port, true)
	}
	s.t = tuple{h.Addr, dst, port, dport}
	if tw != nil {
		s.iss = tw.sndNxt + 65535 + 2
		if s.iss == 0 {
			s.iss = 1
		}
		s.tsRecent, s.tsRecentStamp, s.tsRecentSet, s.inheritTS = tw.tsRecent, int64(tw.tsStamp), true, true
		h.path(tw.conn, "tcp_twsk_unique", "TIME_WAIT 4-tuple taken over by a new connect()")
		bound := tw.boundPort
		tw.boundPort = true // the new socket keeps the port
		tw.kill("tcp_twsk_unique")
		tw.boundPort = bound
		h.count(trace.NoConn, "TcpExtTWRecycled", 1)
	} else {
		s.iss = h.isn(s.t)
	}
	s.sndUna, s.sndNxt, s.writeSeq, s.sndSml = s.iss, s.iss+1, s.iss+1, s.iss+1
	s.hashed = true
	h.ehash[s.t] = s
	s.conn = h.net.newConn(h, s.t, s.iss)
	s.rtx = append(s.rtx[:0], sentSeg{seq: s.iss, end: s.iss + 1, syn: true, firstTx: h.now(), lastTx: h.now()})
	s.synTx = h.now()
	s.setState(SynSent, "tcp_v4_connect")
	h.count(s.conn, "TcpActiveOpens", 1)
	s.send(s.synSegment())
	s.rto = h.roundJ(s.initRTO())
	s.armXmit(xmitRetrans, h.expiry(s.rto), "syn")
	return nil
}

// synSegment builds our SYN (tcp_syn_options): MSS, window scale, SACK, timestamps.
func (s *Sock) synSegment() Segment {
	h := s.h
	seg := Segment{Src: s.t.laddr, Dst: s.t.raddr, Sport: s.t.lport, Dport: s.t.rport, Seq: s.iss,
		Flags: FlagSYN, Conn: s.conn, WScale: int8(s.rcvWscaleFor()), SackOK: h.Sys.Sack != 0}
	switch {
	case s.rcvCap > 0:
		// tcp_connect_init: a connecting socket rounds its window down to whole segments of
		// its advertised MSS, 1460, the timestamp option not yet deducted (no ts_recent_stamp):
		// SO_RCVBUF 2048 offers 1460 where a listener's child offers 1448 (random seed 26)
		s.rcvCap = uint32(max(s.rcvSpace/1460*1460, 1460))
		seg.Win = uint16(min(s.rcvCap, 65535))
	case h.Prof == P26:
		seg.Win = 5840
	case s.inheritTS:
		seg.Win = 65160
	default:
		seg.Win = 64240
	}
	if h.Sys.Timestamps != 0 {
		seg.HasTS, seg.TSVal = true, h.tsNow()
		if s.inheritTS {
			seg.TSEcr = s.tsRecent
		}
	}
	return seg
}

// synTimer is the SYN_SENT branch of tcp_retransmit_timer and tcp_write_timeout (spec §9.1).
func (s *Sock) synTimer() {
	h := s.h
	h.count(s.conn, "TcpExtTCPTimeouts", 1)
	// tcp_write_timeout for SYN_SENT: the time rule of §9.4 (retransmits_timed_out), measured
	// from the first SYN, with the initial RTO as the base: modern 1 s (T(6) = 127 s: with the
	// four linear RTOs first that is SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s, give-up at
	// 131 s), 2.6.32 200 ms. Recorded with tcp_syn_retries 2 (testdata/scenarios/
	// synack_retries_exhausted): SYNs at 0, 1, 2, 3, 4, 5 s, ETIMEDOUT at 7 s = T(2); a rule
	// counting retransmissions (2 + 4) sent one more SYN at 7 s and gave up at 11 s.
	base := int64(1_000_000)
	if h.Prof == P26 {
		base = rtoMin
	}
	expired := s.retransmits > 0 && h.now()-s.synTx >= tBudget(h.Sys.SynRetries, base)
	if expired {
		h.path(s.conn, "tcp_write_timeout", "SYN retransmissions exhausted: connect() fails with ETIMEDOUT")
		s.writeErr()
		return
	}
	s.resend(0, "retransmit")
	s.synRetrans = true
	s.retransmits++
	if h.Prof == Modern && s.retransmits <= 4 {
		s.backoff = 0
	} else {
		s.backoff++
		s.rto = min(s.rto<<1, rtoMax)
	}
	s.armXmit(xmitRetrans, h.expiry(s.rto), "syn")
}

// synSentRcv is tcp_rcv_synsent_state_process.
func (s *Sock) synSentRcv(seg *Segment) {
	h := s.h
	if seg.has(FlagACK) && (!after(seg.Ack, s.iss) || after(seg.Ack, s.sndNxt)) {
		if !seg.has(FlagRST) {
			h.replyRST(seg, "synsent_bad_ack")
		}
		return
	}
	if seg.has(FlagRST) {
		if seg.has(FlagACK) {
			h.path(s.conn, "tcp_rcv_synsent_state_process", "RST answering our SYN: connection refused")
			s.reset()
		}
		return
	}
	if !seg.has(FlagSYN) || !seg.has(FlagACK) {
		return
	}
	s.irs = seg.Seq
	s.rcvNxt, s.copiedSeq, s.rcvWup = seg.Seq+1, seg.Seq+1, seg.Seq+1
	s.sndUna = seg.Ack
	s.rtx = s.rtx[:0]
	h.cancel(&s.xmit, s.conn)
	s.mode = xmitNone
	s.tsOK = seg.HasTS && h.Sys.Timestamps != 0
	if s.tsOK {
		s.tsRecent, s.tsRecentStamp, s.tsRecentSet = seg.TSVal, h.seconds(), true
	}
	s.sackOK = seg.SackOK && h.Sys.Sack != 0
	s.peerMSS(seg.MSS)
	if seg.WScale >= 0 {
		s.wsOK, s.peerWscale, s.rcvWscale = true, uint8(seg.WScale), uint8(s.rcvWscaleFor())
	}
	s.sndWnd = uint32(seg.Win)
	s.maxWindow = s.sndWnd
	s.rcvWnd = s.initialWindow(false)
	if s.rcvCap > 0 {
		s.rcvWnd = s.rcvCap
	}
	if !s.synRetrans {
		s.rttSample(h.now() - s.synTx)
	} else if seg.HasTS && seg.TSEcr != 0 {
		s.rttSample(int64(h.tsNow()-seg.TSEcr) * 1000)
	} else {
		s.rto = h.roundJ(3_000_000)
	}
	s.retransmits = 0
	s.lsndtime, s.rcvTstamp = h.now(), h.now()
	s.setState(Established, "tcp_rcv_synsent_state_process")
	s.initCC()
	s.sendAck("")
	h.App.connected(s)
}
