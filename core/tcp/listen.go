package tcp

import (
	"math/bits"
	"sort"

	"finwait/core/trace"
)

// Request is a half-open connection: modern's NEW_SYN_RECV request socket (in the established
// table), 2.6's entry in the listener's SYN queue.
type Request struct {
	h        *Host
	l        *Sock
	conn     int
	t        tuple
	iss, irs uint32
	tsOK     bool
	tsRecent uint32
	peerWS   int8
	peerMSS  uint16 // the MSS option of an injected SYN (0: none; hosts' own SYNs carry none)
	sackOK   bool
	synAckTx int64
	retrans  int   // SYN-ACKs sent again, by the timer or for a retransmitted SYN (req->num_retrans)
	timeouts int   // times the request timer fired (req->num_timeout): its backoff and give-up
	lastOOW  int64 // when a retransmitted SYN was last answered (tcp_oow_rate_limited), or 0
	tmr      timer
	gone     bool
}

// Listen puts a socket in LISTEN on port (inet_csk_listen_start).
func (s *Sock) Listen(port uint16, backlog int) error {
	h := s.h
	if l := h.listeners[port]; l != nil {
		return errAddrInUse
	}
	if _, ok := h.binds[port]; ok && !s.boundPort {
		return errAddrInUse
	}
	if !s.boundPort {
		h.getPort(port, false)
		s.boundPort = true
	}
	s.t = tuple{laddr: h.Addr, lport: port}
	s.backlog = backlog
	h.listeners[port] = s
	s.cookies = map[tuple]*Request{}
	s.setState(Listen, "inet_csk_listen_start")
	return nil
}

// listenRcv is the LISTEN branch of tcp_rcv_state_process / tcp_v4_conn_request. isn is set when
// the SYN took over a TIME_WAIT 4-tuple (§8.6).
func (l *Sock) listenRcv(seg *Segment, t tuple, isn *uint32) {
	h := l.h
	switch {
	case seg.has(FlagRST):
		return
	case seg.has(FlagACK):
		if r := l.cookies[t]; r != nil && h.Sys.Syncookies != 0 && !seg.has(FlagSYN) && seg.Ack == r.iss+1 {
			// cookie_v4_check: the ACK brings a valid cookie back; tcp_get_cookie_sock makes the
			// connection as tcp_check_req would, the accept queue permitting
			h.count(seg.Conn, "TcpExtSyncookiesRecv", 1)
			h.path(seg.Conn, "cookie_v4_check", "ACK brings back a valid SYN cookie: make the connection now, if the accept queue has room")
			if l.acceptQFull() {
				h.count(seg.Conn, "TcpExtListenOverflows", 1)
				h.count(seg.Conn, "TcpExtListenDrops", 1)
				return
			}
			delete(l.cookies, t)
			r.establish(seg)
			return
		}
		h.replyRST(seg, "listen_ack")
		return
	case !seg.has(FlagSYN):
		return
	}
	if isn == nil && h.Prof == P26 && h.Sys.TWRecycle != 0 && seg.HasTS {
		if p := h.peers[seg.Src]; p != nil && p.set && h.seconds() < p.stamp+pawsMSL && int32(p.ts-seg.TSVal) > 1 {
			h.count(seg.Conn, "TcpExtPAWSPassive", 1)
			h.path(seg.Conn, "tcp_v4_conn_request", "tw_recycle: SYN timestamp older than the peer's cached one: dropped silently")
			return
		}
	}
	cookie := false
	if isn == nil { // a SYN that took over a TIME_WAIT skips these checks (§8.6)
		if h.Prof == Modern {
			// tcp_conn_request: a full request queue (inet_csk_reqsk_queue_is_full: more pending
			// requests than the backlog) means a SYN cookie (tcp_syn_flood_action), or a drop
			// without tcp_syncookies; then a full accept queue drops the SYN (recorded:
			// testdata/scenarios/accept_queue_overflow)
			if l.pendingRequests() > l.backlog || h.Sys.Syncookies == 2 {
				if h.Sys.Syncookies == 0 {
					h.count(seg.Conn, "TcpExtTCPReqQFullDrop", 1)
					h.count(seg.Conn, "TcpExtListenDrops", 1)
					return
				}
				if h.Sys.Syncookies == 1 {
					h.count(seg.Conn, "TcpExtTCPReqQFullDoCookies", 1)
				}
				cookie = true
			}
			if l.acceptQFull() {
				h.count(seg.Conn, "TcpExtListenOverflows", 1)
				h.count(seg.Conn, "TcpExtListenDrops", 1)
				return
			}
		} else if l.acceptQFull() && l.youngRequests() > 1 {
			// 2.6.32 tcp_v4_conn_request drops a SYN on a full accept queue only while more than
			// one request has not yet needed a SYN-ACK retransmission
			h.count(seg.Conn, "TcpExtListenOverflows", 1)
			h.count(seg.Conn, "TcpExtListenDrops", 1)
			return
		}
	}
	r := &Request{h: h, l: l, conn: seg.Conn, t: t, irs: seg.Seq, peerWS: seg.WScale, peerMSS: seg.MSS, sackOK: seg.SackOK,
		tmr: newTimer("synack", timerSynack)}
	r.tmr.owner = r
	if isn != nil {
		r.iss = *isn
	} else {
		r.iss = h.isn(t) // tcp_v4_init_seq: the server's view of the 4-tuple
	}
	if seg.HasTS && h.Sys.Timestamps != 0 {
		r.tsOK, r.tsRecent = true, seg.TSVal
	}
	if cookie {
		// the SYN-ACK carries the request in its sequence number and keeps no state: no request,
		// no timer; a cookie the ACK brings back makes the connection (cookieACK)
		h.net.serverSide(r.conn, h, t, r.iss)
		h.count(seg.Conn, "TcpExtSyncookiesSent", 1)
		h.path(seg.Conn, "tcp_conn_request", "request queue full: SYN cookie, no request kept")
		l.cookies[t] = r
		r.sendSynAck()
		return
	}
	h.reqs[t] = r
	h.net.serverSide(r.conn, h, t, r.iss)
	if h.net.tr != nil {
		h.net.emit(trace.Event{Kind: trace.KindState, Host: h.Name, Conn: r.conn, StateFrom: Close.String(), StateTo: SynRecv.String(), Fn: "tcp_v4_conn_request"})
	}
	r.sendSynAck()
	r.armTimer()
}

func (r *Request) sendSynAck() {
	h := r.h
	seg := Segment{Src: r.t.laddr, Dst: r.t.raddr, Sport: r.t.lport, Dport: r.t.rport, Seq: r.iss,
		Ack: r.irs + 1, Flags: FlagSYN | FlagACK, Conn: r.conn, WScale: -1, SackOK: r.sackOK}
	seg.Win = uint16(min(r.l.initialWindow(true), 65535))
	if r.peerWS >= 0 {
		seg.WScale = int8(r.l.rcvWscaleFor())
	}
	if r.tsOK {
		seg.HasTS, seg.TSVal, seg.TSEcr = true, h.tsNow(), r.tsRecent
	}
	if r.retrans > 0 {
		seg.Note = "retransmit"
		h.count(r.conn, "TcpRetransSegs", 1)
	}
	r.synAckTx = h.now()
	h.net.transmit(h, seg)
}

func (r *Request) armTimer() {
	h := r.h
	d := int64(1_000_000)
	if h.Prof == P26 {
		d = 3_000_000
	}
	d <<= uint(r.timeouts)
	h.arm(&r.tmr, r.conn, h.expiry(d), "")
}

// timer is reqsk_timer_handler: re-send the SYN-ACK, or drop the request silently.
func (r *Request) timer() {
	h := r.h
	if r.gone {
		return
	}
	if h.Prof == Modern {
		h.count(r.conn, "TcpExtTCPTimeouts", 1) // tcp_syn_ack_timeout, on every expiry, the last one too
	}
	if r.l.state != Listen || r.timeouts >= h.Sys.SynackRetries {
		h.path(r.conn, "reqsk_timer_handler", "request given up (or its listener is gone): dropped silently")
		r.drop()
		return
	}
	r.retrans++
	r.timeouts++
	r.sendSynAck()
	r.armTimer()
}

func (r *Request) drop() {
	if r.gone {
		return
	}
	r.gone = true
	h := r.h
	h.cancel(&r.tmr, r.conn)
	if h.reqs[r.t] == r {
		delete(h.reqs, r.t)
	}
	if h.net.tr != nil {
		h.net.emit(trace.Event{Kind: trace.KindState, Host: h.Name, Conn: r.conn, StateFrom: SynRecv.String(), StateTo: Close.String(), Fn: "inet_csk_reqsk_queue_drop"})
	}
}

// rcv is tcp_check_req for a segment that found a request (§11 for a listener that is gone).
func (r *Request) rcv(seg *Segment) {
	h := r.h
	if r.l.state != Listen {
		h.path(r.conn, "tcp_v4_rcv", "request's listener is closed: request dropped, segment looked up again")
		r.drop()
		h.receive(seg)
		return
	}
	switch {
	case seg.has(FlagRST):
		// tcp_check_req: "first check sequence number" — an RST outside the request's window is
		// dropped; one inside counts a failed attempt and drops the request (embryonic_reset)
		rcvNxt := r.irs + 1
		if !inWindow(seg.Seq, seg.EndSeq(), rcvNxt, rcvNxt+min(r.l.initialWindow(true), 65535)) {
			h.path(r.conn, "tcp_check_req", "RST outside the request's window: dropped")
			return
		}
		h.path(r.conn, "tcp_check_req", "RST inside the request's window: the request is dropped")
		h.count(r.conn, "TcpAttemptFails", 1)
		h.count(r.conn, "TcpExtEmbryonicRsts", 1)
		r.drop()
		return
	case seg.has(FlagSYN) && seg.Seq == r.irs:
		// tcp_check_req, a retransmitted SYN: modern sends the SYN-ACK again at once (not more often
		// than tcp_invalid_ratelimit, tcp_oow_rate_limited) and pushes the request timer back to a
		// whole timeout from now (mod_timer_pending), as a fast retransmit would. The kernel's timer
		// wheel fires late, so a SYN arriving as the timer falls due is answered first and the
		// timer does not send a second SYN-ACK (recorded: testdata/scenarios/syn_ack_lost).
		if h.Prof == P26 { // 2.6.32 re-sends the SYN-ACK and leaves the timer be
			r.retrans++
			r.timeouts++
			r.sendSynAck()
			return
		}
		if r.lastOOW != 0 && h.now()-r.lastOOW < int64(h.Sys.InvalidRatelimit)*1000 {
			h.count(r.conn, "TcpExtTCPACKSkippedSynRecv", 1)
			return
		}
		r.lastOOW = h.now()
		r.retrans++
		r.sendSynAck()
		if r.tmr.pending() {
			r.armTimer()
		}
		return
	case !seg.has(FlagACK):
		return
	case seg.Ack != r.iss+1:
		h.replyRST(seg, "bad_ack")
		return
	}
	l := r.l
	if l.acceptQFull() {
		h.count(r.conn, "TcpExtListenOverflows", 1)
		h.count(r.conn, "TcpExtListenDrops", 1)
		if h.Sys.AbortOnOverflow != 0 {
			r.drop()
			h.replyRST(seg, "overflow")
		}
		return
	}
	r.establish(seg)
}

// establish turns a request whose handshake completed into a full socket in the accept queue
// (tcp_v4_syn_recv_sock, tcp_create_openreq_child), and queues what seg carries.
func (r *Request) establish(seg *Segment) {
	h, l := r.h, r.l
	r.gone = true
	h.cancel(&r.tmr, r.conn)
	if h.reqs[r.t] == r {
		delete(h.reqs, r.t)
	}
	c := h.newSock()
	c.conn, c.t, c.listener = r.conn, r.t, l
	c.iss, c.irs = r.iss, r.irs
	c.sndUna, c.sndNxt, c.writeSeq, c.sndSml = r.iss+1, r.iss+1, r.iss+1, r.iss+1
	c.rcvNxt, c.copiedSeq, c.rcvWup = r.irs+1, r.irs+1, r.irs+1
	c.tsOK, c.tsRecent = r.tsOK, r.tsRecent
	if c.tsOK {
		c.tsRecentStamp, c.tsRecentSet = h.seconds(), true
	}
	c.sackOK = r.sackOK && h.Sys.Sack != 0
	c.peerMSS(r.peerMSS)
	c.reuse = l.reuse
	c.rcvCap = l.rcvCap
	c.sndBuf = l.sndBuf
	c.linger, c.lingerSecs, c.linger2 = l.linger, l.lingerSecs, l.linger2
	if r.peerWS >= 0 {
		c.wsOK, c.peerWscale, c.rcvWscale = true, uint8(r.peerWS), uint8(l.rcvWscaleFor())
	}
	c.rcvWnd = l.initialWindow(false)
	c.sndWnd = uint32(seg.Win) << c.peerWscale
	c.maxWindow = c.sndWnd
	c.state = SynRecv
	c.hashed = true
	h.ehash[c.t] = c
	c.boundPort = true // children share the listener's bound port
	h.count(c.conn, "TcpPassiveOpens", 1)
	if r.retrans == 0 {
		c.rttSample(h.now() - r.synAckTx)
	} else {
		c.rto = h.roundJ(3_000_000)
	}
	c.lsndtime = h.now()
	c.rcvTstamp = h.now()
	c.setState(Established, "tcp_rcv_state_process")
	c.initCC()
	l.acceptQ = append(l.acceptQ, c)
	h.App.incoming(l, c)
	if seg.Len > 0 || seg.has(FlagFIN) {
		c.dataQueue(seg)
		c.ackSndCheck()
	}
}

// initialWindow is the window a new connection offers (bytes): the model's defaults, or the
// SO_RCVBUF-limited window (spec §17.5). syn selects the SYN/SYN-ACK value.
func (s *Sock) initialWindow(syn bool) uint32 {
	if s.rcvCap > 0 {
		return s.rcvCap
	}
	if s.h.Prof == P26 {
		if syn {
			return 5792
		}
		return 5888
	}
	if syn {
		return 65160
	}
	return 64256
}

// rcvWscaleFor is the window scale this socket offers in its SYN or SYN-ACK.
func (s *Sock) rcvWscaleFor() int {
	if s.rcvCap > 0 && s.rcvCap <= 65535 {
		return 0
	}
	// tcp_select_initial_window: the scale that fits the largest receive buffer, the larger of
	// tcp_rmem's maximum and rmem_max (212992), in 16 bits: ilog2(space) − 15, at most 14
	space := max(s.h.Sys.RmemMax, 212992)
	ws := bits.Len(uint(space)) - 1 - 15
	return min(max(ws, 0), 14)
}

// listenStop is inet_csk_listen_stop (spec §11).
func (l *Sock) listenStop() {
	h := l.h
	h.net.charge(len(h.reqs))
	if h.Prof == P26 {
		// the SYN queue is dropped in connection order: each cancelled timer is a trace event
		var mine []*Request
		for _, r := range h.reqs { // map order: sorted below
			if r.l == l {
				mine = append(mine, r)
			}
		}
		sort.Slice(mine, func(i, j int) bool { return mine[i].conn < mine[j].conn })
		for _, r := range mine {
			r.gone = true
			h.cancel(&r.tmr, r.conn)
			delete(h.reqs, r.t)
		}
	}
	if h.listeners[l.t.lport] == l {
		delete(h.listeners, l.t.lport)
	}
	q := l.acceptQ
	l.acceptQ = nil
	for _, c := range q {
		if c.accepted || c.destroyed {
			continue
		}
		h.path(c.conn, "inet_csk_listen_stop", "listener closed: each child never accepted is aborted with RST")
		c.disconnect()
		c.orphan()
		c.destroy()
	}
}

func (r *Request) timerFired(timerKind) { r.timer() }

// acceptQFull is sk_acceptq_is_full: more children waiting than the backlog (a backlog of 1
// holds two).
func (l *Sock) acceptQFull() bool { return len(l.acceptQ) > l.backlog }

// pendingRequests is inet_csk_reqsk_queue_len: the listener's half-open requests.
func (l *Sock) pendingRequests() int {
	n := 0
	l.h.net.charge(len(l.h.reqs)) // a SYN flood makes this quadratic: count it
	for _, r := range l.h.reqs {  // map order: a count
		if r.l == l && !r.gone {
			n++
		}
	}
	return n
}

// youngRequests is 2.6.32's inet_csk_reqsk_queue_young: requests whose SYN-ACK was not yet sent
// again by the timer.
func (l *Sock) youngRequests() int {
	n := 0
	l.h.net.charge(len(l.h.reqs)) // a SYN flood makes this quadratic: count it
	for _, r := range l.h.reqs {  // map order: a count
		if r.l == l && !r.gone && r.timeouts == 0 {
			n++
		}
	}
	return n
}

// inWindow is tcp_in_window (net/ipv4/tcp_minisocks.c): is [seq, end) acceptable for the
// window [sWin, eWin]?
func inWindow(seq, end, sWin, eWin uint32) bool {
	if seq == sWin {
		return true
	}
	if after(end, sWin) && before(seq, eWin) {
		return true
	}
	return seq == eWin && seq == end
}
