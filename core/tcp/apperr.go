package tcp

// The errno each application call returns when the socket is in a state where Linux refuses it.
// Each check names the kernel function whose test it models; "" means the call proceeds. A
// handle whose fds are all closed refuses every call but those that open a new socket under its
// name (see App.open).

// sockState is struct socket's state (SS_UNCONNECTED, SS_CONNECTING, SS_CONNECTED), which
// inet_listen, __inet_stream_connect and inet_shutdown test besides the TCP state.
type sockState uint8

const (
	ssUnconnected sockState = iota
	ssConnecting
	ssConnected
)

// errBadFD is what any call on an fd that is closed returns (fdget fails in the syscall entry).
const errBadFD = "EBADF"

// listenErrno is inet_listen's refusal: EINVAL unless the socket is SS_UNCONNECTED and in CLOSE
// or LISTEN; a listening socket only has its backlog changed. The model's listen() binds to its
// port first, so a socket bound to another port fails as __inet_bind's double bind does.
func listenErrno(hd *handle, port uint16) string {
	s := hd.s
	switch {
	case hd.ss != ssUnconnected:
		return "EINVAL" // inet_listen: sock->state != SS_UNCONNECTED
	case s.state != Close && s.state != Listen:
		return "EINVAL" // inet_listen: old_state not CLOSE or LISTEN
	case s.boundPort && s.t.lport != port:
		return "EINVAL" // __inet_bind: already bound (inet_num set)
	}
	return ""
}

// connectErrno is __inet_stream_connect's switch on sock->state: EISCONN once connected,
// EALREADY while a connect is in progress, EISCONN for an unconnected socket not in CLOSE (a
// listener).
func connectErrno(hd *handle) string {
	s := hd.s
	switch {
	case hd.ss == ssConnected:
		return "EISCONN" // SS_CONNECTED
	case hd.ss == ssConnecting && (s.state == SynSent || s.state == SynRecv):
		return "EALREADY" // SS_CONNECTING, still in progress
	case s.state != Close || s.hashed:
		return "EISCONN" // SS_UNCONNECTED but sk_state != TCP_CLOSE
	}
	return ""
}

// bindErrno is __inet_bind's "active socket, double bind" check: EINVAL unless the socket is in
// CLOSE with no local port.
func bindErrno(hd *handle) string {
	s := hd.s
	if s.state != Close || s.boundPort || s.hashed {
		return "EINVAL"
	}
	return ""
}

// shutdownErrno is inet_shutdown's TCP_CLOSE case: ENOTCONN (a socket never connected, or whose
// connection ended).
func shutdownErrno(hd *handle) string {
	if hd.s.state == Close {
		return "ENOTCONN"
	}
	return ""
}

// recvErrno is tcp_recvmsg_locked's refusals once no data, end of file or error is there to
// report: ENOTCONN on a listener, and on a socket in CLOSE without RCV_SHUTDOWN, one never
// connected (tcp_done sets SHUTDOWN_MASK on a connection that ended, whose read returns 0).
func recvErrno(s *Sock) string {
	if s.state == Listen || s.state == Close && s.shutdown&rcvShutdown == 0 {
		return "ENOTCONN"
	}
	return ""
}

// sendWaitsForConnect is tcp_sendmsg_locked's sk_stream_wait_connect: a send() on a socket still
// in SYN_SENT or SYN_RECV waits for the handshake (EAGAIN when non-blocking) instead of failing.
func sendWaitsForConnect(s *Sock) bool { return s.state == SynSent || s.state == SynRecv }

// rmemMax is net.core.rmem_max and wmem_max's default: sock_setsockopt clamps SO_RCVBUF and
// SO_SNDBUF to it with min_t(u32, …), so a negative value becomes the maximum.
const rmemMax = 212992

// clampBuf is sock_setsockopt's SO_RCVBUF/SO_SNDBUF clamp.
func clampBuf(v int) int {
	if v < 0 || v > rmemMax {
		return rmemMax
	}
	return v
}

// LingerForever as Close's timeout makes close() linger with no deadline (SO_LINGER with a
// negative l_linger: sk_lingertime = MAX_SCHEDULE_TIMEOUT).
const LingerForever int64 = -1

// somaxconn is net.core.somaxconn's default: 4096 since 5.4, 128 in 2.6.32.
func somaxconn(p Profile) int {
	if p == P26 {
		return 128
	}
	return 4096
}

// clampBacklog is __sys_listen's clamp: a backlog above somaxconn, or negative (compared as
// unsigned), becomes somaxconn.
func clampBacklog(p Profile, backlog int) int {
	if backlog < 0 || backlog > somaxconn(p) {
		return somaxconn(p)
	}
	return backlog
}
