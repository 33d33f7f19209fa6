package main

import (
	"container/heap"
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"finwait/core/scenario"
	"finwait/core/trace"
)

// hostRT is one host of a recorded scenario: its namespace thread and its application policy.
type hostRT struct {
	spec scenario.HostSpec
	w    *nsWorker
	addr netip.Addr
	diag *diagConn
}

// sock is one socket handle of an application.
type sock struct {
	host       *hostRT
	name       string
	fd         int // -1 once closed
	listener   bool
	conn       int
	read       bool // read whatever arrives at once
	accept     bool
	closeOnEOF *scenario.Duration
	closeAfter *scenario.Duration // connect: close this long after ESTABLISHED

	connecting  bool
	connectCall int // index of the connect call event
	connectAct  scenario.Action

	pendingSend int // bytes of a blocking send() not yet taken by the kernel
	sendTotal   int
	sendCall    int

	pendingRecv bool
	recvWant    int
	recvCall    int

	lingerOn   bool
	lingerSecs int

	eof, failed bool
	interest    uint32
	registered  bool
	readLoop    *scenario.Action
}

type task struct {
	at  int64
	seq int
	fn  func()
}

type taskHeap []*task

func (h taskHeap) Len() int { return len(h) }
func (h taskHeap) Less(i, j int) bool {
	if h[i].at != h[j].at {
		return h[i].at < h[j].at
	}
	return h[i].seq < h[j].seq
}
func (h taskHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *taskHeap) Push(x any)   { *h = append(*h, x.(*task)) }
func (h *taskHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// executor runs the applications of a scenario with real sockets: one event loop (epoll) for
// every socket of both hosts, so that a close() is never delayed by another thread's recv();
// only a close() that lingers runs on its own goroutine, as the real call blocks.
type executor struct {
	clk   clock
	hosts map[string]*hostRT
	conns *connTable
	socks map[string]*sock // "host/name"
	order []*sock          // in creation order
	pool  map[string][]int // host → unbound sockets made in advance
	// names: the client's handle name per 4-tuple, so the server's accepted socket is known by
	// the same name as the client's (c0 on both hosts)
	names    map[tupleKey]string
	children map[string]*childProc // "host/proc"
	byFD     map[int]*sock
	epfd     int
	tasks    taskHeap
	tseq     int
	horizon  int64

	// inject puts an inject action's crafted segment on the wire (the forwarder's)
	inject func(scenario.Action) error

	maxLate     int64 // µs: the latest a scenario action ran after its time (machine load)
	maxLateWhat string

	mu       sync.Mutex // guards calls (lingering closes append from their goroutine)
	calls    []trace.Event
	errs     []string
	sends    []string // each sendmsg() of a blocking send() that the kernel took part of: where its writes end (tcp_push marks PSH there)
	inflight sync.WaitGroup
}

func newExecutor(clk clock, hosts map[string]*hostRT, ct *connTable, horizon int64) (*executor, error) {
	epfd, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	return &executor{clk: clk, hosts: hosts, conns: ct, socks: map[string]*sock{}, byFD: map[int]*sock{},
		children: map[string]*childProc{}, names: map[tupleKey]string{}, pool: map[string][]int{},
		epfd: epfd, horizon: horizon}, nil
}

func (x *executor) at(t int64, fn func()) {
	x.tseq++
	heap.Push(&x.tasks, &task{at: t, seq: x.tseq, fn: fn})
}

func (x *executor) errorf(format string, a ...any) {
	x.mu.Lock()
	x.errs = append(x.errs, fmt.Sprintf("%.1fms: ", float64(x.clk.now())/1000)+fmt.Sprintf(format, a...))
	x.mu.Unlock()
}

func (x *executor) call(s *sock, host, action, args, result string) int {
	conn := trace.NoConn
	if s != nil && !s.listener {
		conn = s.conn
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.calls = append(x.calls, trace.Event{T: x.clk.now(), Kind: trace.KindCall, Host: host, Conn: conn,
		Action: action, Detail: args, Result: result, Returned: trace.NoTime})
	return len(x.calls) - 1
}

func (x *executor) finishCall(i int, result string, blocked bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.calls[i].Result = result
	if blocked {
		x.calls[i].Returned = x.clk.now()
	}
}

func errName(err error) string {
	if err == nil {
		return "0"
	}
	var en syscall.Errno
	if errors.As(err, &en) {
		if n := errnoNames[en]; n != "" {
			return n
		}
	}
	return err.Error()
}

var errnoNames = map[syscall.Errno]string{
	syscall.ECONNRESET: "ECONNRESET", syscall.EPIPE: "EPIPE", syscall.EADDRNOTAVAIL: "EADDRNOTAVAIL",
	syscall.ECONNREFUSED: "ECONNREFUSED", syscall.ETIMEDOUT: "ETIMEDOUT", syscall.EAGAIN: "EAGAIN",
	syscall.ENOTCONN: "ENOTCONN", syscall.EADDRINUSE: "EADDRINUSE", syscall.EINPROGRESS: "EINPROGRESS",
	syscall.EBADF: "EBADF", syscall.EINVAL: "EINVAL",
}

func (x *executor) key(host, name string) string { return host + "/" + name }

// handle returns the named socket of a host, creating an unconnected one if asked to. An empty
// name means the host's most recent connection (or, when creating, a socket named "conn").
func (x *executor) handle(host, name string, create bool) (*sock, error) {
	if name == "" && !create {
		for i := len(x.order) - 1; i >= 0; i-- {
			if s := x.order[i]; s.host.spec.Name == host && !s.listener && s.fd >= 0 {
				return s, nil
			}
		}
	}
	if name == "" {
		name = "conn"
	}
	if s, ok := x.socks[x.key(host, name)]; ok && s.fd >= 0 {
		return s, nil
	}
	if !create {
		return nil, fmt.Errorf("host %s has no open socket %q", host, name)
	}
	h := x.hosts[host]
	if h == nil {
		return nil, fmt.Errorf("no host %q", host)
	}
	fd, err := x.newSocket(h)
	if err != nil {
		return nil, err
	}
	s := &sock{host: h, name: name, fd: fd, conn: trace.NoConn, read: h.spec.App.Read, accept: h.spec.App.Accept,
		closeOnEOF: h.spec.App.CloseOnEOF}
	x.add(s)
	return s, nil
}

// poolSize unbound sockets per host are made before t = 0, so that a connect() at its time does
// not wait for a trip to the namespace's thread (which a loaded machine can make milliseconds long).
const poolSize = 48

func (x *executor) fillPools() error {
	for name, h := range x.hosts {
		for i := 0; i < poolSize; i++ {
			fd, err := h.w.socket()
			if err != nil {
				return err
			}
			x.pool[name] = append(x.pool[name], fd)
		}
	}
	return nil
}

func (x *executor) newSocket(h *hostRT) (int, error) {
	if p := x.pool[h.spec.Name]; len(p) > 0 {
		fd := p[0]
		x.pool[h.spec.Name] = p[1:]
		return fd, nil
	}
	return h.w.socket()
}

func (x *executor) add(s *sock) {
	x.socks[x.key(s.host.spec.Name, s.name)] = s
	x.byFD[s.fd] = s
	x.order = append(x.order, s)
}

// setInterest keeps the epoll registration in line with what the socket waits for.
func (x *executor) setInterest(s *sock) {
	if s.fd < 0 {
		return
	}
	var ev uint32
	if s.listener && s.accept {
		ev |= syscall.EPOLLIN
	}
	if !s.listener && ((s.read && !s.eof && !s.failed) || s.pendingRecv) {
		ev |= syscall.EPOLLIN | syscall.EPOLLRDHUP
	}
	if s.connecting || s.pendingSend > 0 {
		ev |= syscall.EPOLLOUT
	}
	if ev == s.interest && s.registered == (ev != 0) {
		return
	}
	e := syscall.EpollEvent{Events: ev, Fd: int32(s.fd)}
	switch {
	case ev == 0 && s.registered:
		syscall.EpollCtl(x.epfd, syscall.EPOLL_CTL_DEL, s.fd, nil)
		s.registered = false
	case ev != 0 && s.registered:
		syscall.EpollCtl(x.epfd, syscall.EPOLL_CTL_MOD, s.fd, &e)
	case ev != 0:
		if err := syscall.EpollCtl(x.epfd, syscall.EPOLL_CTL_ADD, s.fd, &e); err != nil {
			x.errorf("epoll add %s/%s: %v", s.host.spec.Name, s.name, err)
		}
		s.registered = true
	}
	s.interest = ev
}

func (x *executor) addrOf(host string, port int) (syscall.SockaddrInet4, error) {
	h := x.hosts[host]
	if h == nil {
		return syscall.SockaddrInet4{}, fmt.Errorf("no host %q", host)
	}
	return syscall.SockaddrInet4{Port: port, Addr: h.addr.As4()}, nil
}

// schedule puts every scenario action on the task list at its time.
func (x *executor) schedule(actions []scenario.Action) {
	for i := range actions {
		a := actions[i]
		x.at(int64(a.At), func() {
			if late := x.clk.now() - int64(a.At); late > x.maxLate {
				x.maxLate, x.maxLateWhat = late, fmt.Sprintf("%s %s %s at %s", a.Host, a.Op, a.Conn, msStr(int64(a.At)))
			}
			x.do(a)
		})
	}
}

func (x *executor) do(a scenario.Action) {
	var err error
	switch {
	case a.Op == scenario.OpFork:
		err = x.doFork(a)
	case x.children[a.Host+"/"+a.Proc] != nil:
		err = x.doChild(a)
	case a.Op == scenario.OpKill:
		err = fmt.Errorf("kill of the host's main process %q is not supported (fork a child that holds the socket)", procName(a.Proc))
	}
	if err != nil || a.Op == scenario.OpFork || a.Op == scenario.OpKill || x.children[a.Host+"/"+a.Proc] != nil {
		if err != nil {
			x.errorf("%s %s %s: %v", a.Host, a.Op, a.Conn, err)
		}
		return
	}
	switch a.Op {
	case scenario.OpListen:
		err = x.doListen(a)
	case scenario.OpConnect:
		err = x.doConnect(a)
	case scenario.OpSend:
		err = x.doSend(a)
	case scenario.OpRecv:
		err = x.doRecv(a)
	case scenario.OpReadLoop:
		err = x.doReadLoop(a)
	case scenario.OpClose:
		err = x.doClose(a.Host, a.Conn)
	case scenario.OpShutdown:
		err = x.doShutdown(a)
	case scenario.OpSetsockopt:
		err = x.doSetsockopt(a)
	case scenario.OpSysctl:
		err = x.doSysctl(a)
	case scenario.OpInject:
		if x.inject == nil {
			err = fmt.Errorf("no forwarder to inject with")
		} else {
			err = x.inject(a)
		}
	case scenario.OpBind:
		var s *sock
		if s, err = x.handle(a.Host, a.Conn, true); err == nil {
			sa, _ := x.addrOf(a.Host, a.Port)
			err = syscall.Bind(s.fd, &sa)
			x.call(s, a.Host, "bind", strconv.Itoa(a.Port), errName(err))
			err = nil
		}
	default:
		err = fmt.Errorf("op %q is not supported by the harness", a.Op)
	}
	if err != nil {
		x.errorf("%s %s %s: %v", a.Host, a.Op, a.Conn, err)
	}
}

func (x *executor) doListen(a scenario.Action) error {
	if a.Conn == "" {
		a.Conn = "listener"
	}
	s, err := x.handle(a.Host, a.Conn, true)
	if err != nil {
		return err
	}
	sa, err := x.addrOf(a.Host, a.Port)
	if err != nil {
		return err
	}
	if err := syscall.Bind(s.fd, &sa); err != nil {
		x.call(s, a.Host, "listen", strconv.Itoa(a.Port), errName(err))
		return nil
	}
	backlog := a.Backlog
	if backlog == 0 {
		backlog = 128
	}
	err = syscall.Listen(s.fd, backlog)
	x.call(s, a.Host, "listen", fmt.Sprintf("%d backlog %d", a.Port, backlog), errName(err))
	s.listener = true
	x.setInterest(s)
	return nil
}

func (x *executor) doConnect(a scenario.Action) error {
	s, err := x.handle(a.Host, a.Conn, true)
	if err != nil {
		return err
	}
	sa, err := x.addrOf(a.To, a.Port)
	if err != nil {
		return err
	}
	s.connectAct = a
	s.closeAfter = a.CloseAfter
	err = syscall.Connect(s.fd, &sa)
	ci := x.call(s, a.Host, "connect", fmt.Sprintf("%s:%d", a.To, a.Port), errName(err))
	if la, e := syscall.Getsockname(s.fd); e == nil && (err == nil || err == syscall.EINPROGRESS) {
		x.names[keyOf(sockaddrPort(la), sockaddrPort(&sa))] = s.name
	}
	if err == syscall.EINPROGRESS {
		s.connecting = true
		s.connectCall = ci
		x.setInterest(s)
		return nil
	}
	if err == nil {
		x.connected(s)
		return nil
	}
	// failed at once (EADDRNOTAVAIL …): a fresh socket for the retry, as an application would do
	x.closeFD(s)
	x.retry(a)
	return nil
}

// retry schedules the next try of a failed connect() RetryEvery after the previous try's time.
func (x *executor) retry(a scenario.Action) {
	if a.RetryEvery <= 0 {
		return
	}
	a.At += a.RetryEvery
	for int64(a.At) < x.clk.now() {
		a.At += a.RetryEvery
	}
	if int64(a.At) < x.horizon {
		x.at(int64(a.At), func() { x.do(a) })
	}
}

func (x *executor) connected(s *sock) {
	s.connecting = false
	if la, err := syscall.Getsockname(s.fd); err == nil {
		if ra, err := syscall.Getpeername(s.fd); err == nil {
			if idx, ok := x.conns.lookup(sockaddrPort(la), sockaddrPort(ra)); ok {
				s.conn = idx
			}
		}
	}
	if s.closeAfter != nil {
		x.at(x.clk.now()+int64(*s.closeAfter), func() {
			if err := x.doClose(s.host.spec.Name, s.name); err != nil {
				x.errorf("close after connect: %v", err)
			}
		})
	}
	x.setInterest(s)
}

func sockaddrPort(sa syscall.Sockaddr) netip.AddrPort {
	if v4, ok := sa.(*syscall.SockaddrInet4); ok {
		return netip.AddrPortFrom(netip.AddrFrom4(v4.Addr), uint16(v4.Port))
	}
	return netip.AddrPort{}
}

var zeros = make([]byte, 1<<16)

func (x *executor) doSend(a scenario.Action) error {
	s, err := x.handle(a.Host, a.Conn, false)
	if err != nil {
		return err
	}
	if a.NonBlock {
		chunk := a.Chunk
		if chunk == 0 {
			chunk = 1024
		}
		total := 0
		var last error
		for i := 0; i < 100000; i++ {
			n, err := syscall.SendmsgN(s.fd, zeros[:chunk], nil, nil, syscall.MSG_NOSIGNAL|syscall.MSG_DONTWAIT)
			if n > 0 {
				total += n
			}
			if err != nil {
				last = err
				break
			}
			if a.Bytes > 0 && total >= a.Bytes {
				break
			}
		}
		res := strconv.Itoa(total)
		if total == 0 && last != nil {
			res = errName(last)
		}
		x.call(s, a.Host, "send", fmt.Sprintf("nonblock chunk %d (stopped: %s)", chunk, errName(last)), res)
		return nil
	}
	s.sendTotal = a.Bytes
	s.pendingSend = a.Bytes
	s.sendCall = x.call(s, a.Host, "send", strconv.Itoa(a.Bytes), "")
	x.pushSend(s, false)
	return nil
}

// pushSend gives the kernel as much of a pending blocking send() as it takes.
func (x *executor) pushSend(s *sock, blocked bool) {
	for s.pendingSend > 0 {
		n := s.pendingSend
		if n > len(zeros) {
			n = len(zeros)
		}
		m, err := syscall.SendmsgN(s.fd, zeros[:n], nil, nil, syscall.MSG_NOSIGNAL|syscall.MSG_DONTWAIT)
		if m > 0 {
			s.pendingSend -= m
			x.mu.Lock()
			x.sends = append(x.sends, fmt.Sprintf("%.1fms %s %s: sendmsg took %d (%d of %d)",
				float64(x.clk.now())/1000, s.host.spec.Name, s.name, m, s.sendTotal-s.pendingSend, s.sendTotal))
			x.mu.Unlock()
		}
		if err == syscall.EAGAIN {
			blocked = true
			break
		}
		if err != nil {
			done := s.sendTotal - s.pendingSend
			s.pendingSend = 0
			res := errName(err)
			if done > 0 {
				res = strconv.Itoa(done)
			}
			x.finishCall(s.sendCall, res, blocked)
			x.setInterest(s)
			return
		}
	}
	if s.pendingSend == 0 {
		x.finishCall(s.sendCall, strconv.Itoa(s.sendTotal), blocked)
	}
	x.setInterest(s)
}

var rbuf = make([]byte, 1<<16)

func (x *executor) doRecv(a scenario.Action) error {
	s, err := x.handle(a.Host, a.Conn, false)
	if err != nil {
		return err
	}
	s.recvWant = a.Bytes
	s.recvCall = x.call(s, a.Host, "recv", strconv.Itoa(a.Bytes), "")
	if !x.tryRecv(s, false) {
		s.pendingRecv = true
		x.setInterest(s)
	}
	return nil
}

// tryRecv performs an explicit recv(); false means it would block.
func (x *executor) tryRecv(s *sock, blocked bool) bool {
	want := s.recvWant
	if want == 0 || want > len(rbuf) {
		want = len(rbuf)
	}
	n, _, err := syscall.Recvfrom(s.fd, rbuf[:want], syscall.MSG_DONTWAIT)
	if err == syscall.EAGAIN {
		return false
	}
	s.pendingRecv = false
	switch {
	case err != nil:
		s.failed = true
		x.finishCall(s.recvCall, errName(err), blocked)
	case n == 0:
		s.eof = true
		x.finishCall(s.recvCall, "EOF", blocked)
		x.onEOF(s)
	default:
		x.finishCall(s.recvCall, strconv.Itoa(n), blocked)
	}
	x.setInterest(s)
	return true
}

func (x *executor) onEOF(s *sock) {
	if s.closeOnEOF != nil {
		d := int64(*s.closeOnEOF)
		name := s.host.spec.Name
		if d == 0 {
			if err := x.doClose(name, s.name); err != nil {
				x.errorf("close on EOF: %v", err)
			}
			return
		}
		x.at(x.clk.now()+d, func() {
			if err := x.doClose(name, s.name); err != nil {
				x.errorf("close on EOF: %v", err)
			}
		})
	}
}

// readAvailable is the "read at once" policy: drain the receive queue.
func (x *executor) readAvailable(s *sock) {
	for i := 0; i < 1000 && s.fd >= 0 && !s.eof && !s.failed; i++ {
		n, _, err := syscall.Recvfrom(s.fd, rbuf, syscall.MSG_DONTWAIT)
		if err == syscall.EAGAIN {
			break
		}
		switch {
		case err != nil:
			s.failed = true
			x.call(s, s.host.spec.Name, "recv", "", errName(err))
		case n == 0:
			s.eof = true
			x.call(s, s.host.spec.Name, "recv", "", "EOF")
			x.setInterest(s)
			x.onEOF(s)
			return
		default:
			x.call(s, s.host.spec.Name, "recv", "", strconv.Itoa(n))
		}
	}
	x.setInterest(s)
}

func (x *executor) doReadLoop(a scenario.Action) error {
	s, err := x.handle(a.Host, a.Conn, false)
	if err != nil {
		return err
	}
	s.read = false
	if a.CloseAfter != nil {
		s.closeOnEOF = a.CloseAfter
	} else {
		s.closeOnEOF = nil
	}
	x.setInterest(s)
	every := int64(a.Every)
	if every <= 0 {
		every = 20000
	}
	var step func()
	step = func() {
		if s.fd < 0 || s.eof || s.failed {
			return
		}
		want := a.Bytes
		if want == 0 || want > len(rbuf) {
			want = len(rbuf)
		}
		n, _, err := syscall.Recvfrom(s.fd, rbuf[:want], syscall.MSG_DONTWAIT)
		switch {
		case err == syscall.EAGAIN:
		case err != nil:
			s.failed = true
			x.call(s, a.Host, "recv", strconv.Itoa(a.Bytes), errName(err))
			return
		case n == 0:
			s.eof = true
			x.call(s, a.Host, "recv", strconv.Itoa(a.Bytes), "EOF")
			x.onEOF(s)
			return
		default:
			x.call(s, a.Host, "recv", strconv.Itoa(a.Bytes), strconv.Itoa(n))
		}
		x.at(x.clk.now()+every, step)
	}
	step()
	return nil
}

func (x *executor) closeFD(s *sock) {
	if s.fd < 0 {
		return
	}
	if s.registered {
		syscall.EpollCtl(x.epfd, syscall.EPOLL_CTL_DEL, s.fd, nil)
		s.registered = false
	}
	delete(x.byFD, s.fd)
	syscall.Close(s.fd)
	s.fd = -1
}

func (x *executor) doClose(host, name string) error {
	s, err := x.handle(host, name, false)
	if err != nil {
		return err
	}
	ci := x.call(s, host, "close", "", "")
	if s.pendingSend > 0 {
		// a blocking send() cannot be pending when the same thread calls close(); the harness
		// drops the rest of it, as a process would that never returned from send().
		x.finishCall(s.sendCall, strconv.Itoa(s.sendTotal-s.pendingSend), true)
		s.pendingSend = 0
	}
	if s.registered {
		syscall.EpollCtl(x.epfd, syscall.EPOLL_CTL_DEL, s.fd, nil)
		s.registered = false
	}
	delete(x.byFD, s.fd)
	fd := s.fd
	s.fd = -1
	if s.lingerOn && s.lingerSecs > 0 {
		// SO_LINGER {1, n}: close() blocks (even on a non-blocking socket) until the FIN is
		// acked or the time runs out
		x.inflight.Add(1)
		go func() {
			defer x.inflight.Done()
			err := syscall.Close(fd)
			x.finishCall(ci, errName(err), true)
		}()
		return nil
	}
	err = syscall.Close(fd)
	x.finishCall(ci, errName(err), false)
	return nil
}

func (x *executor) doShutdown(a scenario.Action) error {
	s, err := x.handle(a.Host, a.Conn, false)
	if err != nil {
		return err
	}
	how := map[string]int{"SHUT_RD": syscall.SHUT_RD, "SHUT_WR": syscall.SHUT_WR, "SHUT_RDWR": syscall.SHUT_RDWR}
	h, ok := how[strings.ToUpper(a.How)]
	if !ok {
		return fmt.Errorf("shutdown how %q", a.How)
	}
	err = syscall.Shutdown(s.fd, h)
	x.call(s, a.Host, "shutdown", a.How, errName(err))
	return nil
}

func (x *executor) doSetsockopt(a scenario.Action) error {
	s, err := x.handle(a.Host, a.Conn, true)
	if err != nil {
		return err
	}
	opt := strings.ToUpper(a.Opt)
	switch opt {
	case "SO_LINGER":
		err = syscall.SetsockoptLinger(s.fd, syscall.SOL_SOCKET, syscall.SO_LINGER,
			&syscall.Linger{Onoff: int32(a.Value), Linger: int32(a.Value2)})
		if err == nil {
			s.lingerOn, s.lingerSecs = a.Value != 0, a.Value2
		}
	case "TCP_LINGER2":
		err = syscall.SetsockoptInt(s.fd, syscall.IPPROTO_TCP, syscall.TCP_LINGER2, a.Value)
	case "SO_RCVBUF":
		err = syscall.SetsockoptInt(s.fd, syscall.SOL_SOCKET, syscall.SO_RCVBUF, a.Value)
	case "SO_SNDBUF":
		err = syscall.SetsockoptInt(s.fd, syscall.SOL_SOCKET, syscall.SO_SNDBUF, a.Value)
	case "SO_REUSEADDR":
		err = syscall.SetsockoptInt(s.fd, syscall.SOL_SOCKET, syscall.SO_REUSEADDR, a.Value)
	case "SO_KEEPALIVE":
		err = syscall.SetsockoptInt(s.fd, syscall.SOL_SOCKET, syscall.SO_KEEPALIVE, a.Value)
	case "TCP_NODELAY":
		err = syscall.SetsockoptInt(s.fd, syscall.IPPROTO_TCP, syscall.TCP_NODELAY, a.Value)
	default:
		return fmt.Errorf("setsockopt %q is not supported by the harness", a.Opt)
	}
	args := fmt.Sprintf("%s %d", opt, a.Value)
	if opt == "SO_LINGER" {
		args = fmt.Sprintf("%s {%d, %d}", opt, a.Value, a.Value2)
	}
	x.call(s, a.Host, "setsockopt", args, errName(err))
	return nil
}

func sysctlPath(name string) string {
	name = strings.TrimPrefix(name, "net.")
	if strings.HasPrefix(name, "ipv4.") || strings.HasPrefix(name, "ipv6.") || strings.HasPrefix(name, "core.") {
		return name
	}
	return "ipv4." + name
}

func (x *executor) doSysctl(a scenario.Action) error {
	h := x.hosts[a.Host]
	if h == nil {
		return fmt.Errorf("no host %q", a.Host)
	}
	if globalSysctls[strings.TrimPrefix(sysctlPath(a.Name), "ipv4.")] {
		return fmt.Errorf("sysctl %s is host-wide; not changed during a scenario", a.Name)
	}
	_, err := h.w.writeSysctl(sysctlPath(a.Name), a.Setting)
	x.call(nil, a.Host, "sysctl", a.Name+"="+a.Setting, errName(err))
	return nil
}

// handleEvent reacts to one epoll readiness report.
func (x *executor) handleEvent(fd int, ev uint32) {
	s := x.byFD[fd]
	if s == nil || s.fd != fd {
		return
	}
	if s.listener {
		for i := 0; i < 64; i++ {
			nfd, sa, err := syscall.Accept4(s.fd, syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC)
			if err != nil {
				break
			}
			c := &sock{host: s.host, fd: nfd, conn: trace.NoConn, read: s.host.spec.App.Read,
				closeOnEOF: s.host.spec.App.CloseOnEOF}
			if la, err := syscall.Getsockname(nfd); err == nil {
				if idx, ok := x.conns.lookup(sockaddrPort(la), sockaddrPort(sa)); ok {
					c.conn = idx
				}
			}
			c.name = fmt.Sprintf("c%d", c.conn)
			if la, err := syscall.Getsockname(nfd); err == nil {
				if n, ok := x.names[keyOf(sockaddrPort(la), sockaddrPort(sa))]; ok {
					c.name = n
				}
			}
			if c.conn == trace.NoConn && c.name == "c-1" {
				c.name = fmt.Sprintf("fd%d", nfd)
			}
			x.add(c)
			x.call(c, s.host.spec.Name, "accept", s.name, "0")
			x.setInterest(c)
			if c.read {
				x.readAvailable(c)
			}
		}
		return
	}
	if s.connecting && ev&(syscall.EPOLLOUT|syscall.EPOLLERR|syscall.EPOLLHUP) != 0 {
		e, _ := syscall.GetsockoptInt(s.fd, syscall.SOL_SOCKET, syscall.SO_ERROR)
		if e != 0 {
			x.finishCall(s.connectCall, errName(syscall.Errno(e)), true)
			s.connecting = false
			a := s.connectAct
			if a.RetryEvery <= 0 {
				// no retry: the fd stays open, as an application's would, until the scenario closes it
				syscall.EpollCtl(x.epfd, syscall.EPOLL_CTL_DEL, s.fd, nil)
				s.registered, s.interest = false, 0
				return
			}
			x.closeFD(s)
			x.retry(a)
			return
		}
		x.finishCall(s.connectCall, "0", true)
		x.connected(s)
	}
	if s.fd < 0 {
		return
	}
	if s.pendingSend > 0 && ev&(syscall.EPOLLOUT|syscall.EPOLLERR|syscall.EPOLLHUP) != 0 {
		x.pushSend(s, true)
	}
	if s.fd < 0 {
		return
	}
	if ev&(syscall.EPOLLIN|syscall.EPOLLRDHUP|syscall.EPOLLERR|syscall.EPOLLHUP) != 0 {
		if s.pendingRecv {
			x.tryRecv(s, true)
		} else if s.read && !s.eof && !s.failed {
			x.readAvailable(s)
		}
	}
	if s.fd >= 0 && ev&(syscall.EPOLLERR|syscall.EPOLLHUP) != 0 && s.interest&syscall.EPOLLIN == 0 && s.pendingSend == 0 && !s.connecting {
		// nothing waits on this socket: stop level-triggered HUP/ERR reports
		syscall.EpollCtl(x.epfd, syscall.EPOLL_CTL_DEL, s.fd, nil)
		s.registered = false
		s.interest = 0
	}
}

// loop runs tasks and socket events until the horizon.
func (x *executor) loop() {
	events := make([]syscall.EpollEvent, 64)
	for {
		now := x.clk.now()
		for x.tasks.Len() > 0 && x.tasks[0].at <= now {
			t := heap.Pop(&x.tasks).(*task)
			t.fn()
		}
		if now >= x.horizon {
			return
		}
		next := x.horizon
		if x.tasks.Len() > 0 && x.tasks[0].at < next {
			next = x.tasks[0].at
		}
		waitMs := int((next - x.clk.now() - int64(preciseMargin/time.Microsecond)) / 1000)
		if waitMs < 0 {
			waitMs = 0
		}
		n, err := syscall.EpollWait(x.epfd, events, waitMs)
		if err != nil && err != syscall.EINTR {
			x.errorf("epoll_wait: %v", err)
			return
		}
		for i := 0; i < n; i++ {
			x.handleEvent(int(events[i].Fd), events[i].Events)
		}
		if n == 0 {
			// epoll_wait counts whole milliseconds: sleep out the remainder precisely
			if d := time.Until(x.clk.at(next)); d > 0 && d <= preciseMargin {
				sleepUntil(x.clk.at(next))
			}
		}
	}
}

// finish closes every socket still open (after the horizon) and waits for lingering closes.
func (x *executor) finish() []trace.Event {
	for _, cp := range x.children {
		if !cp.dead {
			cp.cmd.Process.Kill()
			cp.cmd.Wait()
			cp.dead = true
			cp.in.Close()
			close(cp.pending)
		}
	}
	x.inflight.Wait()
	for _, s := range x.socks {
		x.closeFD(s)
	}
	for _, p := range x.pool {
		for _, fd := range p {
			syscall.Close(fd)
		}
	}
	syscall.Close(x.epfd)
	x.mu.Lock()
	defer x.mu.Unlock()
	out := append([]trace.Event(nil), x.calls...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].T < out[j].T })
	return out
}
