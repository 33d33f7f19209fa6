package tcp

import (
	"strconv"

	"finwait/core/trace"
)

// This file is what a packetdrill script runner (core/pkt) needs beyond the scenario API: the
// script's remote end is a host whose input is tapped (every segment delivered to it goes to the
// runner), and the local application's calls are made one at a time by file descriptor, each
// recorded as a call event whose result the runner reads back.

// Calls is the system-call view of a host's application that a packetdrill script runner uses
// (core/pkt): one call at a time, by handle name, each recorded as a call event. It is a type of
// its own, reached only through ScriptCalls (as TapHost and NoteServerISN are functions), so that
// a program that runs no script, the web page among them, links none of it.
type Calls struct{ a *App }

// ScriptCalls returns the system-call view of h's application.
func ScriptCalls(h *Host) Calls { return Calls{h.App} }

// TapHost makes h a tapped host: every segment the wire delivers to it goes to f instead of its
// input path (f must copy what it keeps). nil restores the input path.
func TapHost(h *Host, f func(seg *Segment)) { h.tap = f }

// NoteServerISN registers an injected SYN-ACK's sender as the server of its connection, so that
// the trace numbers both directions relative to their ISNs (a host's own SYN-ACK does this in
// tcp_v4_conn_request).
func NoteServerISN(n *Net, from *Host, seg Segment) {
	if seg.Flags&(FlagSYN|FlagACK) != FlagSYN|FlagACK {
		return
	}
	t := tuple{laddr: seg.Src, raddr: seg.Dst, lport: seg.Sport, rport: seg.Dport}
	if c := n.connOf(t); c != trace.NoConn {
		if info := n.connAt(c); info != nil && !info.hasS {
			n.serverSide(c, from, t, seg.Seq)
		}
	}
}

// Socket is socket(): an unconnected socket for the handle name (the script's fd), recorded as a
// call.
func (cl Calls) Socket(name string) {
	a := cl.a
	a.handleFor("app", name)
	a.call(trace.NoConn, "socket", "SOCK_STREAM", name)
}

// AcceptReady reports whether the listener name has a connection in its accept queue.
func (cl Calls) AcceptReady(name string) bool {
	a := cl.a
	hd := a.handles[name]
	return hd != nil && hd.s.state == Listen && len(hd.s.acceptQ) > 0
}

// AcceptAs is accept() on the listener name: the first connection of its accept queue becomes
// the handle child. It returns the call's result: "0", or "EAGAIN" with an empty queue, "EINVAL"
// on a socket that is not listening (both inet_csk_accept's), "EBADF" for an unknown or closed
// handle.
func (cl Calls) AcceptAs(name, child string) string {
	a := cl.a
	hd := a.handles[name]
	switch {
	case hd == nil || hd.closed:
		a.call(trace.NoConn, "accept", "", "EBADF")
		return "EBADF"
	case hd.s.state != Listen:
		a.call(trace.NoConn, "accept", "", "EINVAL")
		return "EINVAL"
	case len(hd.s.acceptQ) == 0:
		a.call(trace.NoConn, "accept", "", "EAGAIN")
		return "EAGAIN"
	}
	c := hd.s.acceptQ[0]
	hd.s.acceptQ = hd.s.acceptQ[1:]
	c.accepted = true
	nh := &handle{name: child, s: c, fds: fdTable{{hd.proc, 1}}, closeAfter: -1, connectEv: -1, proc: hd.proc}
	c.owner = nh
	a.seq++
	nh.order = a.seq
	a.handles[child] = nh
	a.call(c.conn, "accept", "", "0")
	return "0"
}

// Readable reports whether recv() on name would return at once: data, end of file, an error, or
// a closed or unknown socket.
func (cl Calls) Readable(name string) bool {
	a := cl.a
	hd := a.handles[name]
	if hd == nil || hd.closed {
		return true
	}
	s := hd.s
	return s.unreadBytes() > 0 || s.finRcvd || s.sockErr != "" && !hd.errSeen || s.shutdown&rcvShutdown != 0 ||
		s.state == Close && s.conn != trace.NoConn
}

// Getsockopt reads a socket option as getsockopt() returns it: the value (SO_LINGER: l_onoff
// and l_linger) and the call's result ("0", or "EBADF", "ENOPROTOOPT"). SOL_SOCKET options are
// sk_getsockopt's, SOL_TCP ones do_tcp_getsockopt's (keepalive_intvl_when, keepalive_probes:
// the sysctl while the option is 0; ENOPROTOOPT for one it does not know).
func (cl Calls) Getsockopt(name, opt string) (v, v2 int, res string) {
	a := cl.a
	hd := a.handles[name]
	res = "0"
	if hd == nil || hd.closed {
		res = "EBADF"
	} else {
		s := hd.s
		switch opt {
		case "SO_LINGER":
			if s.linger {
				v = 1
			}
			v2 = s.lingerSecs
		case "TCP_LINGER2": // do_tcp_getsockopt: linger2, or tcp_fin_timeout when 0; −1 stays
			v = s.linger2
			if v == 0 {
				v = a.h.Sys.FinTimeout
			}
		case "SO_REUSEADDR":
			if s.reuse {
				v = 1
			}
		case "SO_KEEPALIVE":
			if s.keepOpen {
				v = 1
			}
		case "TCP_KEEPIDLE":
			v = s.keepIdleS()
		case "TCP_KEEPINTVL":
			v = s.keepIntvl
			if v == 0 {
				v = a.h.Sys.KeepaliveIntvl
			}
		case "TCP_KEEPCNT":
			v = s.keepCnt
			if v == 0 {
				v = a.h.Sys.KeepaliveProbes
			}
		case "TCP_USER_TIMEOUT":
			v = int(s.userTO / 1000)
		case "TCP_NODELAY":
			if s.nodelay {
				v = 1
			}
		case "SO_SNDBUF":
			v = s.sndBuf
		case "SO_RCVBUF":
			v = int(s.rcvCap)
		default:
			res = "ENOPROTOOPT"
		}
	}
	conn := trace.NoConn
	if hd != nil {
		conn = hd.s.conn
	}
	a.call(conn, "getsockopt", opt, res)
	return v, v2, res
}

// Queued is ioctl SIOCINQ (out false: bytes received and not yet read) or SIOCOUTQ (out true:
// bytes written and not yet acknowledged), with the call's result ("0", "EINVAL" on a listener,
// "EBADF"). tcp_ioctl: EINVAL in LISTEN; SIOCOUTQ is 0 before the connection is synchronised.
func (cl Calls) Queued(name string, out bool) (int, string) {
	a := cl.a
	hd := a.handles[name]
	what := "SIOCINQ"
	if out {
		what = "SIOCOUTQ"
	}
	if hd == nil || hd.closed {
		a.call(trace.NoConn, "ioctl", what, "EBADF")
		return 0, "EBADF"
	}
	s := hd.s
	if s.state == Listen {
		a.call(s.conn, "ioctl", what, "EINVAL")
		return 0, "EINVAL"
	}
	n := s.unreadBytes()
	if out {
		n = int(int32(s.dataEnd() - s.sndUna))
		if s.state == SynSent || s.state == Close && s.conn == trace.NoConn {
			n = 0
		}
	}
	a.call(s.conn, "ioctl", what+" "+strconv.Itoa(n), "0")
	return max(n, 0), "0"
}

// Lingering reports whether a close() on name is still waiting for SO_LINGER.
func (cl Calls) Lingering(name string) bool {
	a := cl.a
	hd := a.handles[name]
	return hd != nil && hd.s.lingerWaiting
}

// localPortRange is inet_sk_get_local_port_range: the ephemeral ports connect() may pick, the
// sysctl's range with each bound of the socket's IP_LOCAL_PORT_RANGE that falls inside it.
func (s *Sock) localPortRange() (lo, hi int) {
	lo, hi = s.h.Sys.PortLow, s.h.Sys.PortHi
	slo, shi := int(s.portRange&0xffff), int(s.portRange>>16)
	nlo, nhi := lo, hi
	if slo != 0 && lo <= slo && slo <= hi {
		nlo = slo
	}
	if shi != 0 && lo <= shi && shi <= hi {
		nhi = shi
	}
	return nlo, nhi
}

// SetIPOption is setsockopt at level SOL_IP: IP_LOCAL_PORT_RANGE (v = high << 16 | low; a low
// above the high is EINVAL, as in do_ip_setsockopt) and IP_BIND_ADDRESS_NO_PORT (which defers
// the port of a bind() to port 0 until connect(); a script's bind() names its port, so it
// changes nothing here). It returns the call's result.
func (cl Calls) SetIPOption(name, opt string, v int) string {
	a := cl.a
	hd := a.handles[name]
	res := "0"
	conn := trace.NoConn
	switch {
	case hd == nil || hd.closed:
		res = "EBADF"
	case opt == "IP_LOCAL_PORT_RANGE":
		conn = hd.s.conn
		lo, hi := v&0xffff, v>>16&0xffff
		if lo != 0 && hi != 0 && lo > hi {
			res = "EINVAL"
		} else {
			hd.s.portRange = uint32(v)
		}
	case opt == "IP_BIND_ADDRESS_NO_PORT":
		conn = hd.s.conn
	default:
		res = "ENOPROTOOPT"
	}
	a.call(conn, "setsockopt", opt+" "+strconv.Itoa(v), res)
	return res
}

// SetNoDelay is setsockopt TCP_NODELAY: on, the Nagle test no longer holds back a small
// segment, and what waits is pushed at once (do_tcp_setsockopt: tcp_push_pending_frames).
func (cl Calls) SetNoDelay(name string, on bool) string {
	a := cl.a
	hd := a.handles[name]
	if hd == nil || hd.closed {
		a.call(trace.NoConn, "setsockopt", "TCP_NODELAY", "EBADF")
		return "EBADF"
	}
	s := hd.s
	s.nodelay = on
	v := "0"
	if on {
		v = "1"
	}
	a.call(s.conn, "setsockopt", "TCP_NODELAY "+v, "0")
	if on {
		s.writeXmit(false)
	}
	return "0"
}

// peerMSS applies the MSS option of a SYN or SYN-ACK: the send MSS is the smaller of it and 1460
// (this host's own, an Ethernet MTU), less the timestamp option's 12 bytes when timestamps are on
// (tcp_sync_mss: mss_cache). Hosts' own SYNs carry no MSS value in the model (mss 0): they offer
// 1460, so a connection whose hosts agreed on timestamps sends 1448-byte segments and one that did
// not (tcp_timestamps 0 on either host) 1460. The smallest is 48 (TCP_MIN_SND_MSS) before the options.
func (s *Sock) peerMSS(mss uint16) {
	if mss == 0 {
		mss = 1460
	}
	m := max(min(int(mss), 1460), 48) // TCP_MIN_SND_MSS
	if s.tsOK {
		m -= 12
	}
	s.mss = m
}
