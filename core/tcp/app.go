package tcp

import (
	"fmt"
	"slices"
	"sort"
	"strconv"

	"finwait/core/sim"
	"finwait/core/trace"
)

// App is a host's application layer: named socket handles, processes holding file descriptors,
// and the habits of spec §17.0 (accept at once, read at once, close on end of file). Every call it
// makes is recorded as a call event with its result.
type App struct {
	h          *Host
	Accept     bool
	Read       bool
	CloseOnEOF int64 // < 0: never
	// Reply sends this many bytes back after each read that returned data (a request/response
	// server); CloseOnData closes after the first read that returned data (its client).
	Reply       int
	CloseOnData bool
	// AutoForget drops a handle's name once its socket is closed (long-running drivers such as the
	// churn benchmark); scenarios keep names so that later calls on them report EBADF.
	AutoForget bool
	handles    map[string]*handle
	seq        int // creation order of handles, for a deterministic walk
}

type handle struct {
	name       string
	s          *Sock
	fds        fdTable // process → open fds
	eof        bool    // recv() returned 0
	errSeen    bool
	wakeup     appEvent // the automatic reader's pending read
	loop       *readLoop
	closeAfter int64      // connect: close this long after ESTABLISHED (< 0: no)
	connectEv  int        // index of the pending connect call event (-1 without a trace)
	ss         sockState  // SS_CONNECTING: a connect() is in progress (EINPROGRESS)
	retryEv    *sim.Event // the next try of a retrying connect(), cancelled when the socket is closed
	firstTry   int64      // when connect() was first called: retries fall on firstTry + k·retry
	retry      int64
	to         uint32
	port       uint16
	proc       string
	sendOnConn int
	order      int
	closed     bool
	explicit   bool
}

type readLoop struct {
	bytes      int
	every      int64
	closeAfter int64
}

type pendingSend struct {
	left  int
	ev    int
	total int
	proc  string
}

func newApp(h *Host) *App {
	return &App{h: h, CloseOnEOF: -1, handles: map[string]*handle{}}
}

// handleFor returns the handle named name, creating an unconnected socket for it (socket()).
// A name names the socket most recently opened under it: once that socket is closed (every fd,
// by close() or by the exit of its processes), listen, bind, connect and setsockopt on the name
// open a new socket, as cmd/conformance does, while the other calls return EBADF (fd).
func (a *App) handleFor(proc, name string) *handle {
	if hd := a.handles[name]; hd != nil && !hd.closed {
		return hd
	}
	s := a.h.newSock()
	s.rcvWnd = s.initialWindow(false)
	hd := &handle{name: name, s: s, fds: fdTable{{proc, 1}}, closeAfter: -1, connectEv: -1, proc: proc}
	s.owner = hd
	a.seq++
	hd.order = a.seq
	a.handles[name] = hd
	return hd
}

// fd returns the open socket named name for a call that needs one (recv, send, shutdown,
// close); for a name never opened on this host, or whose socket is closed, it records the call
// with EBADF, as the syscall fails on an fd that is not open, and returns nil.
func (a *App) fd(name, action, args string) *handle {
	hd := a.handles[name]
	if hd != nil && !hd.closed {
		return hd
	}
	conn := trace.NoConn
	if hd != nil {
		conn = hd.s.conn
	}
	a.call(conn, action, args, errBadFD)
	return nil
}

// call records an application call; it returns the event index for later completion.
func (a *App) call(conn int, action, args, result string) int {
	n := a.h.net
	if n.tr == nil {
		return -1
	}
	n.emit(trace.Event{Kind: trace.KindCall, Host: a.h.Name, Conn: conn, Action: action, Detail: args, Result: result, Returned: trace.NoTime})
	return len(n.tr.Events) - 1
}

// complete fills in the result of a call that blocked.
func (a *App) complete(ev int, result string) {
	n := a.h.net
	if n.tr == nil || ev < 0 || ev >= len(n.tr.Events) {
		return
	}
	n.tr.Events[ev].Result = result
	n.tr.Events[ev].Returned = n.Now()
}

// Listen creates a listener.
func (a *App) Listen(proc, name string, port, backlog int) error {
	hd := a.handleFor(proc, name)
	if backlog == 0 {
		backlog = 128 // not given
	}
	backlog = clampBacklog(a.h.Prof, backlog)
	args := fmt.Sprintf("port %d, backlog %d", port, backlog)
	res := listenErrno(hd, uint16(port))
	switch {
	case res != "":
	case hd.s.state == Listen:
		hd.s.backlog = backlog // inet_listen: a listening socket only has its backlog changed
		res = "0"
	default:
		res = errStr(hd.s.Listen(uint16(port), backlog))
	}
	a.call(trace.NoConn, "listen", args, res)
	return nil
}

// Bind binds a socket to a port (inet_csk_bind_conflict, spec §12.5).
func (a *App) Bind(proc, name string, port int) error {
	hd := a.handleFor(proc, name)
	h := a.h
	p := uint16(port)
	res := "0"
	h.net.charge(len(h.ehash) + len(h.tw))
	if e := bindErrno(hd); e != "" {
		a.call(hd.s.conn, "bind", strconv.Itoa(port), e)
		return nil
	}
	if l := h.listeners[p]; l != nil {
		res = "EADDRINUSE"
	}
	for _, s := range h.ehash { // map order: any conflict gives the same result
		if s.t.lport == p && !(s.reuse && hd.s.reuse) {
			res = "EADDRINUSE"
		}
	}
	for _, tw := range h.tw { // map order: any conflict gives the same result
		if tw.t.lport == p && !(tw.reuse && hd.s.reuse) {
			res = "EADDRINUSE"
		}
	}
	if res == "0" {
		h.getPort(p, false)
		hd.s.boundPort = true
		hd.s.t.lport = p
	}
	a.call(trace.NoConn, "bind", strconv.Itoa(port), res)
	return nil
}

// Connect starts a connection to host:port; retry > 0 repeats a connect() that fails at once.
// Once established it sends request bytes (0: none) and, with closeAfter >= 0, closes after that long.
func (a *App) Connect(proc, name string, to uint32, port int, retry, closeAfter int64, request int) error {
	hd := a.handleFor(proc, name)
	if e := connectErrno(hd); e != "" {
		a.call(hd.s.conn, "connect", addrPort(to, uint16(port)), e)
		return nil
	}
	if hd.retryEv != nil { // a new connect() replaces a retry loop still waiting
		a.h.net.S.Cancel(hd.retryEv)
		hd.retryEv = nil
	}
	hd.to, hd.port, hd.retry, hd.closeAfter, hd.sendOnConn = to, uint16(port), retry, closeAfter, request
	hd.firstTry = a.h.now()
	a.tryConnect(hd)
	return nil
}

func (a *App) tryConnect(hd *handle) {
	h := a.h
	hd.retryEv = nil
	if hd.closed {
		return // the socket was closed while its connect() waited to retry
	}
	args := ""
	if h.net.tr != nil { // only the trace reads it
		args = addrPort(hd.to, hd.port)
	}
	if e := connectErrno(hd); e != "" {
		a.call(hd.s.conn, "connect", args, e)
		return
	}
	err := hd.s.Connect(hd.to, hd.port)
	if err != nil {
		a.call(trace.NoConn, "connect", args, err.Error())
		a.retryConnect(hd)
		return
	}
	hd.ss = ssConnecting
	if h.net.tr != nil {
		hd.connectEv = a.call(hd.s.conn, "connect", fmt.Sprintf("%s from port %d", args, hd.s.t.lport), "EINPROGRESS")
	}
}

// retryConnect schedules the next connect() of a handle whose connect failed, at once
// (EADDRNOTAVAIL) or later (ECONNREFUSED, ETIMEDOUT), when it asked for retries: at the next
// multiple of its retry interval after its first try.
func (a *App) retryConnect(hd *handle) {
	if hd.retry <= 0 {
		return
	}
	// the first multiple after now, in one step: a loop from the first try would cost a step per
	// interval elapsed, on every retry (a 1 µs retry_every hung the page)
	at := hd.firstTry + ((a.h.now()-hd.firstTry)/hd.retry+1)*hd.retry
	hd.retryEv = a.h.net.S.At(at, func() { a.tryConnect(hd) })
}

// connected is called when a connecting socket reaches ESTABLISHED.
func (a *App) connected(s *Sock) {
	hd := s.owner
	if hd == nil {
		return
	}
	a.complete(hd.connectEv, "0")
	hd.connectEv, hd.ss = -1, ssConnected
	if s.pendingSend != nil {
		a.writable(s) // a send() that waited for the handshake (sk_stream_wait_connect)
	}
	if hd.sendOnConn > 0 {
		a.send(hd, hd.sendOnConn, false)
	}
	if hd.closeAfter >= 0 {
		d := hd.closeAfter
		a.h.net.S.After(d, func() { a.closeHandle(hd, hd.proc) })
	}
}

// incoming is called when a listener's child completes its handshake.
func (a *App) incoming(l *Sock, c *Sock) {
	if !a.Accept {
		return
	}
	a.h.net.S.At(a.h.now(), func() { a.accept(l, c) })
}

func (a *App) accept(l *Sock, c *Sock) {
	for i, x := range l.acceptQ {
		if x == c {
			l.acceptQ = append(l.acceptQ[:i], l.acceptQ[i+1:]...)
			break
		}
	}
	c.accepted = true
	name := trace.ConnLabel(c.conn)
	proc := "app"
	if l.owner != nil {
		proc = l.owner.proc
	}
	hd := &handle{name: name, s: c, fds: fdTable{{proc, 1}}, closeAfter: -1, connectEv: -1, proc: proc, ss: ssConnected}
	c.owner = hd
	a.seq++
	hd.order = a.seq
	a.handles[name] = hd
	a.call(c.conn, "accept", "", "0")
	a.wake(c)
}

// wake tells the application that a socket became readable (data, end of file or an error).
func (a *App) wake(s *Sock) {
	hd := s.owner
	if hd != nil && hd.ss == ssConnecting && s.state == Close {
		a.complete(hd.connectEv, s.sockErr) // connect() fails: ECONNREFUSED, ETIMEDOUT
		hd.connectEv, hd.ss = -1, ssUnconnected
		hd.errSeen = true
		// __inet_stream_connect's sock_error path: tcp_disconnect clears sk_shutdown, so the
		// socket can connect again
		s.shutdown = 0
		if p := s.pendingSend; p != nil { // a send() waiting for the handshake fails with it
			s.pendingSend = nil
			a.complete(p.ev, s.sockErr)
		}
		a.retryConnect(hd)
		return
	}
	if hd == nil || hd.closed || hd.wakeup.ev.Pending() || !a.Read && hd.loop == nil {
		return
	}
	if hd.loop != nil {
		return // a read loop polls on its own schedule
	}
	hd.wakeup.schedule(a, (*App).autoRead, hd)
}

// appEvent is an application step queued for now (an automatic read, an accept) that its owner
// keeps, so queueing it allocates nothing.
type appEvent struct {
	ev  sim.Event
	a   *App
	run func(*App, *handle)
	hd  *handle
}

func (e *appEvent) schedule(a *App, run func(*App, *handle), hd *handle) {
	e.a, e.run, e.hd = a, run, hd
	a.h.net.S.Schedule(&e.ev, a.h.now(), e)
}

// Fire runs the step (sim.Handler).
func (e *appEvent) Fire() { e.run(e.a, e.hd) }

func (a *App) autoRead(hd *handle) {
	if hd.closed {
		return
	}
	for {
		res, n := a.recv(hd, 0)
		if n > 0 && a.Reply > 0 && (hd.s.state == Established || hd.s.state == CloseWait) {
			a.send(hd, a.Reply, false)
		}
		if n > 0 && a.CloseOnData {
			a.closeHandle(hd, hd.proc)
			return
		}
		if n <= 0 {
			if res == "EOF" && a.CloseOnEOF >= 0 {
				d := a.CloseOnEOF
				if d == 0 {
					a.closeHandle(hd, hd.proc)
				} else {
					a.h.net.S.After(d, func() { a.closeHandle(hd, hd.proc) })
				}
			}
			return
		}
	}
}

// recv reads up to n bytes (0 = all); it records the call unless it would block.
func (a *App) recv(hd *handle, n int) (string, int) {
	s := hd.s
	unread := s.unreadBytes()
	var res string
	got := 0
	switch {
	case unread > 0:
		got = unread
		if n > 0 && n < got {
			got = n
		}
		s.copiedSeq += uint32(got)
		res = strconv.Itoa(got)
	case s.finRcvd:
		if hd.eof && !hd.explicit {
			return "EOF", 0 // already reported: an automatic reader does not repeat it
		}
		hd.eof = true
		res = "EOF"
	case s.sockErr != "" && !hd.errSeen:
		hd.errSeen = true
		res = s.sockErr
		got = -1
	case recvErrno(s) != "":
		res = recvErrno(s)
		got = -1
		if !hd.explicit {
			return res, got // an automatic reader does not report it
		}
	case s.state == Close || s.shutdown&rcvShutdown != 0:
		if hd.eof && !hd.explicit {
			return "EOF", 0
		}
		hd.eof = true
		res = "EOF"
	default:
		if hd.explicit {
			a.call(s.conn, "recv", argN(n), "EAGAIN")
		}
		return "EAGAIN", 0
	}
	if s.finRcvd && s.copiedSeq == s.rcvNxt-1 {
		s.copiedSeq = s.rcvNxt // the FIN is consumed once the data before it is read
	}
	a.call(s.conn, "recv", argN(n), res)
	if got > 0 {
		a.windowUpdate(s)
	}
	return res, got
}

// windowUpdate is tcp_cleanup_rbuf: after a read, send the pending ACK at once when the read
// emptied the queue after a short segment (pushed, out of pingpong mode, or pushed twice), and
// the ACK that reopens the window when the offer can at least double, a pending delayed ACK with it.
func (a *App) windowUpdate(s *Sock) {
	if s.state == Close || s.shutdown&rcvShutdown != 0 {
		return
	}
	if s.ackPending && s.unreadBytes() == 0 && len(s.ofo) == 0 && (s.ackPushed2 || s.ackPushed && !s.pingpong) {
		a.h.path(s.conn, "tcp_cleanup_rbuf", "the read emptied the queue after a short segment: ACK now")
		s.sendAck("")
		return
	}
	if s.rcvCap == 0 {
		return
	}
	now := s.rcvWindowNow()
	if w := s.selectWindow(); w > 0 && w >= 2*now {
		s.rcvWnd = w
		a.h.path(s.conn, "tcp_cleanup_rbuf", "the application read enough to reopen the window: window update")
		s.sendAck("window_update")
	}
}

func argN(n int) string {
	if n == 0 {
		return "all"
	}
	return strconv.Itoa(n)
}

// Recv is an explicit recv() action; it is recorded whatever it returns.
func (a *App) Recv(name string, n int) error {
	hd := a.fd(name, "recv", argN(n))
	if hd == nil {
		return nil
	}
	hd.explicit = true
	a.recv(hd, n)
	hd.explicit = false
	return nil
}

// ReadLoop reads n bytes every `every` until end of file, then closes after closeAfter (≥ 0).
func (a *App) ReadLoop(name string, n int, every, closeAfter int64) error {
	hd := a.fd(name, "recv", argN(n))
	if hd == nil {
		return nil
	}
	hd.loop = &readLoop{bytes: n, every: every, closeAfter: closeAfter}
	a.loopStep(hd)
	return nil
}

func (a *App) loopStep(hd *handle) {
	if hd.closed || hd.loop == nil {
		return
	}
	res, got := a.recv(hd, hd.loop.bytes)
	if got > 0 && hd.s.finRcvd && hd.s.unreadBytes() == 0 {
		res, _ = a.recv(hd, hd.loop.bytes) // read() until it would block: end of file at once
	}
	if res == "EOF" || res == "ECONNRESET" || res == "EPIPE" || res == "ENOTCONN" {
		if hd.loop.closeAfter >= 0 {
			a.h.net.S.After(hd.loop.closeAfter, func() { a.closeHandle(hd, hd.proc) })
		}
		hd.loop = nil
		return
	}
	a.h.net.S.After(hd.loop.every, func() { a.loopStep(hd) })
}

// Send writes n bytes; with nonblock and chunk > 0 it writes chunk-byte pieces until EAGAIN.
func (a *App) Send(proc, name string, n int, nonblock bool, chunk int) error {
	args := strconv.Itoa(n)
	hd := a.fd(name, "send", args)
	if hd == nil {
		return nil
	}
	if hd.fds.get(proc) == 0 { // another process's fd: not open in this one
		a.call(hd.s.conn, "send", args, errBadFD)
		return nil
	}
	if nonblock && chunk > 0 {
		for a.h.net.charge(1) { // one write per iteration: chunk 1 and a large SO_SNDBUF loop long
			res, got := a.send(hd, chunk, true)
			if got < chunk || res != strconv.Itoa(chunk) {
				return nil
			}
		}
	}
	a.send(hd, n, nonblock)
	return nil
}

func (a *App) send(hd *handle, n int, nonblock bool) (string, int) {
	s := hd.s
	args := strconv.Itoa(n)
	if s.sockErr != "" && !hd.errSeen {
		hd.errSeen = true
		a.call(s.conn, "send", args, s.sockErr)
		return s.sockErr, -1
	}
	if s.shutdown&sendShutdown == 0 && sendWaitsForConnect(s) {
		if nonblock {
			a.call(s.conn, "send", args, "EAGAIN")
			return "EAGAIN", 0
		}
		ev := a.call(s.conn, "send", args, "blocked")
		s.pendingSend = &pendingSend{left: n, ev: ev, total: n, proc: hd.proc}
		return "blocked", 0
	}
	// tcp_sendmsg_locked: EPIPE after SHUT_WR or once the connection is gone; sk_stream_wait_connect
	// also gives EPIPE on a socket never connected (CLOSE) or listening
	if s.shutdown&sendShutdown != 0 || s.state != Established && s.state != CloseWait {
		a.call(s.conn, "send", args, "EPIPE")
		return "EPIPE", -1
	}
	room := s.sndBuf - int(s.writeSeq-s.sndUna)
	got := min(n, max(room, 0))
	if got == 0 && nonblock {
		a.call(s.conn, "send", args, "EAGAIN")
		return "EAGAIN", 0
	}
	s.queueData(got, false)
	if got < n && !nonblock {
		ev := a.call(s.conn, "send", args, "blocked")
		s.pendingSend = &pendingSend{left: n - got, ev: ev, total: n, proc: hd.proc}
		return "blocked", got
	}
	res := strconv.Itoa(got)
	a.call(s.conn, "send", args, res)
	return res, got
}

// queueData appends n bytes to the write queue and pushes. more is a blocked send() going on
// after ACKs freed room (the same tcp_sendmsg_locked call).
//
// Where PSH goes: tcp_push marks each write's last segment; a write that starts by topping up an
// unsent tail skb takes the previous write's mark off (tcp_sendmsg_locked's !copied case). The
// modern profile also records the ends of two-segment skbs (bbr's pacing units) and sets PSH on
// the second segment of each two-segment transmission (Sock.pushes), so a bulk write the
// window takes whole shows PSH on every second full-sized segment, one sent a segment at a time
// none. 2.6.32 marks the end of each write only.
func (s *Sock) queueData(n int, more bool) {
	if n <= 0 {
		return
	}
	end := s.writeSeq + uint32(n)
	if s.h.Prof == Modern {
		goal := uint32(2 * s.effMSS())
		start := s.writeSeq // a new skb
		if tail := max32(s.skbStart, s.sndNxt); after(s.writeSeq, s.sndNxt) && s.writeSeq-tail < goal {
			start = tail // room in the unsent tail skb
			if !more && len(s.pushAt) > 0 && s.pushAt[len(s.pushAt)-1].seq == s.writeSeq {
				s.pushAt = s.pushAt[:len(s.pushAt)-1]
			}
		}
		for ; after(end, start+goal); start += goal {
			s.pushAt = append(s.pushAt, pushMark{seq: start + goal, skb: true})
		}
		s.skbStart = start
	}
	s.writeSeq = end
	s.pushAt = append(s.pushAt, pushMark{seq: end})
	s.writeXmit(false)
}

func max32(a, b uint32) uint32 {
	if after(a, b) {
		return a
	}
	return b
}

// writable continues a blocked send() once ACKs free send-buffer space.
func (a *App) writable(s *Sock) {
	p := s.pendingSend
	if p == nil || s.state != Established && s.state != CloseWait {
		return
	}
	room := s.sndBuf - int(s.writeSeq-s.sndUna)
	got := min(p.left, max(room, 0))
	if got == 0 {
		return
	}
	p.left -= got
	s.queueData(got, true)
	if p.left == 0 {
		s.pendingSend = nil
		a.complete(p.ev, strconv.Itoa(p.total))
	}
}

// Close closes proc's fd for the socket; the last fd runs tcp_close (spec §3.1).
func (a *App) Close(proc, name string) error {
	hd := a.fd(name, "close", "")
	if hd == nil {
		return nil
	}
	if hd.fds.get(proc) == 0 {
		a.call(hd.s.conn, "close", "", errBadFD)
		return nil
	}
	a.closeFd(hd, proc, false)
	return nil
}

// closeHandle is an automatic close() of hd's fd in proc (close_on_eof, close_after): it acts on
// the socket it was planned for, never on a newer one opened under the same name, and not at
// all once that fd is gone.
func (a *App) closeHandle(hd *handle, proc string) {
	if hd.closed || hd.fds.get(proc) == 0 {
		return
	}
	a.closeFd(hd, proc, false)
}

func (a *App) closeFd(hd *handle, proc string, exiting bool) {
	hd.fds.add(proc, -1)
	action := "close"
	if exiting {
		action = "exit_close"
	}
	s := hd.s
	if len(hd.fds) > 0 {
		a.call(s.conn, action, proc+": other fds remain", "0")
		return
	}
	hd.closed = true
	hd.loop = nil
	if hd.retryEv != nil {
		a.h.net.S.Cancel(hd.retryEv) // the application stops retrying a socket it no longer has
		hd.retryEv = nil
	}
	if a.AutoForget {
		delete(a.handles, hd.name)
	}
	if s.pendingSend != nil && exiting {
		s.pendingSend = nil // bytes still inside the killed send() are lost (spec §3.6)
	}
	var timeout int64
	if s.linger && !exiting {
		timeout = int64(s.lingerSecs) * 1_000_000
		if s.lingerSecs < 0 {
			timeout = LingerForever
		}
	}
	ev := a.call(s.conn, action, "", "0")
	if ev < 0 { // trace off: nothing to complete when a lingering close returns
		s.Close(timeout, noop)
		return
	}
	start := a.h.now()
	s.Close(timeout, func() {
		if a.h.now() != start {
			a.complete(ev, "0")
		}
	})
}

func noop() {}

// Shutdown is shutdown(how).
func (a *App) Shutdown(name, how string) error {
	var bits uint8
	switch how {
	case "SHUT_RD":
		bits = rcvShutdown
	case "SHUT_WR":
		bits = sendShutdown
	case "SHUT_RDWR":
		bits = rcvShutdown | sendShutdown
	default:
		return fmt.Errorf("shutdown how %q: want SHUT_RD, SHUT_WR or SHUT_RDWR", how)
	}
	hd := a.fd(name, "shutdown", how)
	if hd == nil {
		return nil
	}
	res := shutdownErrno(hd)
	if res == "" {
		res = "0"
		hd.s.Shutdown(bits)
	}
	a.call(hd.s.conn, "shutdown", how, res)
	if hd.ss == ssConnecting && hd.s.state == Close {
		// inet_shutdown of a connecting socket: tcp_disconnect, and the connect() in progress
		// returns its error (ECONNRESET)
		a.complete(hd.connectEv, hd.s.sockErr)
		hd.connectEv, hd.ss, hd.errSeen = -1, ssUnconnected, true
	}
	return nil
}

// Setsockopt sets a socket option (spec §14).
func (a *App) Setsockopt(proc, name, opt string, v, v2 int) error {
	hd := a.handleFor(proc, name)
	s := hd.s
	h := a.h
	res, args := "0", fmt.Sprintf("%s %d", opt, v)
	switch opt {
	case "SO_LINGER":
		// sock_setsockopt: a negative l_linger is ≥ MAX_SCHEDULE_TIMEOUT/HZ as unsigned, so
		// close() lingers without a deadline (lingerSecs < 0)
		s.linger, s.lingerSecs = v != 0, v2
		args = fmt.Sprintf("SO_LINGER {%d, %d}", v, v2)
	case "TCP_LINGER2":
		stored := v
		switch {
		case v < 0:
			stored = -1
		case v == 0:
		case v <= h.Sys.FinTimeout:
		case h.Prof == P26:
			stored = 0
		case v > 120:
			stored = 120
		}
		s.linger2 = stored
		read := stored
		if stored == 0 {
			read = h.Sys.FinTimeout
		}
		args = fmt.Sprintf("TCP_LINGER2 %d (getsockopt reads %d)", v, read)
	case "SO_REUSEADDR":
		s.reuse = v != 0
	case "SO_KEEPALIVE":
		s.keepOpen = v != 0
		if s.keepOpen && s.state != Close && s.state != Listen {
			h.arm(&s.keepTmr, s.conn, h.expiry(int64(s.keepIdleS())*1_000_000), "")
		} else if !s.keepOpen {
			h.cancel(&s.keepTmr, s.conn)
		}
	case "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT":
		lim := 32767
		if opt == "TCP_KEEPCNT" {
			lim = 127
		}
		if v < 1 || v > lim {
			res = "EINVAL"
			break
		}
		switch opt {
		case "TCP_KEEPIDLE":
			s.keepIdle = v
		case "TCP_KEEPINTVL":
			s.keepIntvl = v
		default:
			s.keepCnt = v
		}
	case "TCP_USER_TIMEOUT":
		if h.Prof == P26 {
			res = "ENOPROTOOPT"
		} else if v < 0 {
			res = "EINVAL"
		} else {
			s.userTO = int64(v) * 1000
		}
	case "SO_RCVBUF":
		// the window a buffer of v bytes gives: rounded down to whole MSS, no window scaling
		s.rcvSpace = clampBuf(v)
		s.rcvCap = uint32(clampBuf(v) / s.mss * s.mss)
		if s.rcvCap == 0 {
			s.rcvCap = uint32(s.mss)
		}
		s.rcvWnd = s.rcvCap
		args = fmt.Sprintf("SO_RCVBUF %d (window %d)", v, s.rcvCap)
	case "SO_SNDBUF":
		// the model's send buffer is the number of bytes send() accepts
		s.sndBuf = max(clampBuf(v), s.mss)
	default:
		return fmt.Errorf("unknown socket option %q", opt)
	}
	a.call(s.conn, "setsockopt", args, res)
	return nil
}

// Sysctl changes a host sysctl at run time.
func (a *App) Sysctl(name, value string) error {
	note, err := a.h.Sys.Set(a.h.Prof, name, value)
	if err != nil {
		return err
	}
	a.call(trace.NoConn, "sysctl", name+" = "+value, "0")
	if note != "" {
		a.h.path(trace.NoConn, "printk", note)
	}
	return nil
}

// Fork gives process child a copy of every fd that proc holds.
func (a *App) Fork(proc, child string) error {
	for _, hd := range a.ordered() {
		a.h.net.charge(len(hd.fds))
		if n := hd.fds.get(proc); n > 0 {
			hd.fds.add(child, n)
		}
	}
	a.call(trace.NoConn, "fork", proc+" -> "+child, "0")
	return nil
}

// Kill is SIGKILL: the process exits and each of its fds is closed as by close() with PF_EXITING
// set, so no linger wait (spec §3.1). In the modern profile the files go last fd first:
// exit_files queues each final fput as task work and task_work_run runs the newest first (the
// model's fds are in creation order; random seed 210 on Linux 6.18: two FINs 45 µs apart, the
// later socket's first). 2.6.32's close_files released each file at once, first fd first.
func (a *App) Kill(proc string) error {
	a.call(trace.NoConn, "kill", proc+" (SIGKILL)", "0")
	hds := a.ordered()
	if a.h.Prof == Modern {
		slices.Reverse(hds)
	}
	for _, hd := range hds {
		a.h.net.charge(len(hd.fds))
		for hd.fds.get(proc) > 0 {
			a.closeFd(hd, proc, true)
		}
	}
	return nil
}

// ordered lists the handles in creation order.
func (a *App) ordered() []*handle {
	out := make([]*handle, 0, len(a.handles))
	for _, hd := range a.handles { // map order: sorted by creation order below
		out = append(out, hd)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].order < out[j].order })
	return out
}

// Forget drops a closed handle's name so it can be used again (long-running drivers).
func (a *App) Forget(name string) {
	if hd := a.handles[name]; hd != nil && hd.closed {
		delete(a.handles, name)
	}
}

// Sockets lists the host's sockets for the final state.
func (h *Host) Sockets() []trace.SocketInfo {
	var out []trace.SocketInfo
	for s := range h.all { // map order: sorted below; a connection, local address and state name one socket
		if s.state == Close && !s.hashed && s.conn == trace.NoConn {
			continue
		}
		out = append(out, trace.SocketInfo{Conn: s.conn, Local: addrPort(s.t.laddr, s.t.lport),
			Remote: addrPort(s.t.raddr, s.t.rport), State: s.state.String(), Orphan: s.dead,
			SendQ: int(s.writeSeq - s.sndUna), RecvQ: int(s.rcvNxt - s.copiedSeq)})
	}
	for _, tw := range h.tw { // map order: sorted below; a connection, local address and state name one socket
		out = append(out, trace.SocketInfo{Conn: tw.conn, Local: addrPort(tw.t.laddr, tw.t.lport),
			Remote: addrPort(tw.t.raddr, tw.t.rport), State: TimeWait.String(), Substate: tw.sub.String(), TW: true})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Conn != out[j].Conn {
			return out[i].Conn < out[j].Conn
		}
		if out[i].Local != out[j].Local {
			return out[i].Local < out[j].Local
		}
		return out[i].State < out[j].State
	})
	return out
}

// addrPort writes "10.0.0.2:5000".
func addrPort(addr uint32, port uint16) string {
	return FormatAddr(addr) + ":" + strconv.Itoa(int(port))
}

func errStr(err error) string {
	if err == nil {
		return "0"
	}
	return err.Error()
}

// fdTable counts each process's open fds of one socket. A socket is held by one process, or two
// after a fork, so a short slice serves better than a map.
type fdTable []fdCount

type fdCount struct {
	proc string
	n    int
}

func (t fdTable) get(proc string) int {
	for _, c := range t {
		if c.proc == proc {
			return c.n
		}
	}
	return 0
}

// add changes proc's count by d; a process left with none drops out.
func (t *fdTable) add(proc string, d int) {
	for i := range *t {
		if (*t)[i].proc == proc {
			(*t)[i].n += d
			if (*t)[i].n <= 0 {
				*t = append((*t)[:i], (*t)[i+1:]...)
			}
			return
		}
	}
	if d > 0 {
		*t = append(*t, fdCount{proc, d})
	}
}
