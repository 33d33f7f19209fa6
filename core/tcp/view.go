package tcp

import "sort"

// SockView is one socket as inet_diag (sock_diag, what `ss` reads) reports it at this moment:
// full sockets (listeners and orphans included), TIME_WAIT sockets and, in modern kernels,
// request sockets (NEW_SYN_RECV, shown as SYN-RECV).
type SockView struct {
	Conn     int    // the trace's connection number, or trace.NoConn (a listener)
	State    State  // a TW socket's substate (FIN_WAIT2 or TIME_WAIT), as inet_diag_msg_common_fill reports it
	LAddr    uint32 // local address and port
	LPort    uint16
	RAddr    uint32 // 0 and 0 for a listener
	RPort    uint16
	RecvQ    int  // rcv_nxt − copied_seq (a received FIN counts); a listener: its accept queue
	SendQ    int  // write_seq − snd_una (an unacked FIN counts); a listener: its backlog
	Orphan   bool // SOCK_DEAD: no file holds it
	TW       bool // a TIME_WAIT socket
	Request  bool // a request socket
	Timer    int  // idiag_timer: 0 none, 1 "on" (retransmit, loss probe), 2 keepalive (sk_timer), 3 timewait, 4 persist
	Expires  int64
	Retrans  int       // idiag_retrans: icsk_retransmits ("on"), icsk_probes_out (persist, keepalive), num_retrans (request)
	Info     *InfoView // tcp_info, for full sockets other than listeners
	Listener bool
}

// InfoView is the part of struct tcp_info (tcp_get_info) the model holds.
type InfoView struct {
	TS, SACK         bool
	WS               bool  // window scaling agreed
	SndWscale        uint8 // the peer's shift
	RcvWscale        uint8 // ours
	RTO              int64 // µs
	Backoff          int
	SRTT, RTTVar     int64 // µs; 0 before the first sample
	MSS, RcvMSS      int
	Cwnd             int
	Unacked          int // segments in flight (packets_out)
	Retrans          int // segments retransmitted and not yet acked (retrans_out)
	TotalRetrans     int // not held by the model: always 0 (see docs)
	SndWnd           uint32
	LastSnd, LastRcv int64 // µs since the last data sent and received (lsndtime, last data received)
	NotSent          int   // write_seq − snd_nxt (a queued FIN counts)
}

// Views lists host h's sockets as sock_diag reports them at time now (µs; at or after the
// last event run, as a run stopped between events is), listeners first, then by connection and
// local port. Expires is the absolute time (µs) a pending timer is due.
//
// A function, not a method: the page never calls it, and an exported method of Host would be
// linked into the page's .wasm anyway (docs/web-size.md: reflection keeps exported methods).
func Views(h *Host, now int64) []SockView {
	var out []SockView
	for s := range h.all { // map order: sorted below
		if s.state == Close && !s.hashed {
			continue // unhashed: not in the tables inet_diag walks
		}
		out = append(out, s.view(now))
	}
	for _, tw := range h.tw { // map order: sorted below
		v := SockView{Conn: tw.conn, State: tw.sub, LAddr: tw.t.laddr, LPort: tw.t.lport, RAddr: tw.t.raddr,
			RPort: tw.t.rport, TW: true, Timer: 3, Expires: tw.ev.At()} // the TW timer (2.6 tw_ttd)
		out = append(out, v)
	}
	for _, r := range h.reqs { // map order: sorted below
		// inet_diag lists requests too (modern: NEW_SYN_RECV in the established table; 2.6:
		// inet_diag_dump_reqs walks each listener's SYN queue), both as SYN-RECV
		v := SockView{Conn: r.conn, State: SynRecv, LAddr: r.t.laddr, LPort: r.t.lport, RAddr: r.t.raddr,
			RPort: r.t.rport, Request: true, Retrans: r.retrans}
		if r.tmr.pending() {
			v.Timer, v.Expires = 1, r.tmr.ev.At()
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Listener != b.Listener {
			return a.Listener
		}
		if a.Conn != b.Conn {
			return a.Conn < b.Conn
		}
		if a.LPort != b.LPort {
			return a.LPort < b.LPort
		}
		return a.State < b.State
	})
	return out
}

// view is inet_diag's report of a full socket (inet_sk_diag_fill, tcp_diag_get_info, tcp_get_info).
func (s *Sock) view(now int64) SockView {
	v := SockView{Conn: s.conn, State: s.state, LAddr: s.t.laddr, LPort: s.t.lport, RAddr: s.t.raddr, RPort: s.t.rport,
		Orphan: s.dead}
	if s.state == Listen {
		v.Listener, v.RecvQ, v.SendQ = true, len(s.acceptQ), s.backlog
		v.Info = &InfoView{Cwnd: s.cwnd, Unacked: len(s.acceptQ)} // tcp_get_info: a listener's unacked is its accept queue
		return v
	}
	v.RecvQ, v.SendQ = int(s.rcvNxt-s.copiedSeq), int(s.writeSeq-s.sndUna)
	switch {
	case s.xmit.pending() && s.mode == xmitProbe0:
		v.Timer, v.Expires, v.Retrans = 4, s.xmit.ev.At(), s.probesOut
	case s.xmit.pending():
		v.Timer, v.Expires, v.Retrans = 1, s.xmit.ev.At(), s.retransmits
	case s.keepTmr.pending():
		v.Timer, v.Expires, v.Retrans = 2, s.keepTmr.ev.At(), s.keepProbes // the model keeps keepalive probes apart from zero-window ones
	}
	in := &InfoView{TS: s.tsOK, SACK: s.sackOK, WS: s.wsOK, RTO: s.rto, Backoff: s.backoff, MSS: s.mss,
		RcvMSS: s.rcvMss, Cwnd: s.cwnd, Unacked: len(s.rtx), SndWnd: s.sndWnd}
	if s.wsOK {
		in.SndWscale, in.RcvWscale = s.peerWscale, s.rcvWscale
	}
	if s.hasSRTT {
		in.SRTT, in.RTTVar = s.srtt8>>3, s.mdev4>>2
	}
	for _, r := range s.rtx {
		if r.retrans {
			in.Retrans++
		}
	}
	in.LastSnd = now - s.lsndtime
	in.LastRcv = now - s.lastDataRecv
	in.NotSent = max(int(s.writeSeq-s.sndNxt), 0) // tcpi_notsent_bytes: a FIN queued and not sent counts
	v.Info = in
	return v
}

// Allocated is host h's number of full sockets allocated and not yet freed (sockstat's alloc, this
// host's share of tcp_sockets_allocated).
func Allocated(h *Host) int { return len(h.all) }

// noteDup records that the packet event just emitted has a second copy arriving at at (a wire
// rule's duplicate): the trace lists the segment once, the receiver's tools see it twice.
func (n *Net) noteDup(at int64) {
	if n.dups == nil {
		n.dups = map[int]int64{}
	}
	n.dups[len(n.tr.Events)-1] = at
}

// DuplicateArrival is, in run n, when the wire's second copy of the packet at trace index i arrives, if a
// duplicate rule copied it.
func DuplicateArrival(n *Net, i int) (int64, bool) {
	at, ok := n.dups[i]
	return at, ok
}
