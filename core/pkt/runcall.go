package pkt

import (
	"strconv"

	"finwait/core/trace"
)

// callText writes a call's expected result as the script does: "= 0", "= -1 EPIPE".
func callText(c *Call) string {
	s := "= " + strconv.FormatInt(c.Ret, 10)
	if c.Errno != "" {
		s += " " + c.Errno
	}
	if c.HasVal && (c.Name == "getsockopt" || c.Name == "ioctl" && c.Opt != "FIONBIO") {
		s += ", value " + valText(c)
	}
	return s
}

func valText(c *Call) string {
	if c.Opt == "SO_LINGER" {
		return "{onoff=" + strconv.Itoa(c.Val) + ", linger=" + strconv.Itoa(c.Val2) + "}"
	}
	return "[" + strconv.Itoa(c.Val) + "]"
}

// outcome is what a call returned: the result, and getsockopt's or ioctl's value.
type outcome struct {
	ret     int64
	errno   string
	hasVal  bool
	v1, v2  int
	blocked bool
	ev      int // its call event, or -1
}

func (o outcome) text(c *Call) string {
	s := "= " + strconv.FormatInt(o.ret, 10)
	if o.errno != "" {
		s += " " + o.errno
	}
	if o.hasVal {
		s += ", value " + valText(&Call{Opt: c.Opt, Val: o.v1, Val2: o.v2})
	}
	return s
}

// resultOf turns a model call result ("0", "1000", "EOF", "EPIPE") into a return value.
func resultOf(res string) (int64, string) {
	if res == "EOF" {
		return 0, ""
	}
	if n, err := strconv.ParseInt(res, 10, 64); err == nil {
		return n, ""
	}
	return -1, res
}

// syscall runs a system call line at time t (blocking ones expected back at end).
func (r *runner) syscall(e *Event, t, end int64) {
	c := e.Call
	i := r.verdict(e, callText(c))
	r.onTime(i, "system call start", t)
	if t > r.n.Now() {
		r.runTo(t - 1) // events before t; those at t run before the call (it is queued after them)
	}
	if r.pend != nil && !r.pend.done {
		limit := max(t, r.n.Now()) + 1_000_000
		for r.pend != nil && !r.pend.done && r.n.Err == nil && r.step(limit) {
		}
		if r.pend != nil && !r.pend.done {
			v := &r.res.Lines[i]
			v.Got = "runtime error in " + c.Name + " call: blocking system call while another blocking system call is already in progress"
			return
		}
	}
	var o outcome
	var start int64
	fdName := ""
	if f := r.fds[c.Fd]; f != nil {
		fdName = f.name
	}
	r.at(t, func() {
		start = r.n.Now()
		o = r.call(c)
	})
	v := &r.res.Lines[i]
	v.Event = o.ev
	if o.blocked {
		if !e.Blocking {
			end = t // not written as blocking: it should have returned at once
		}
		r.pend = &pendingCall{ev: e, line: i, name: fdName, start: start, end: end, callEv: o.ev}
		r.poll()
		return
	}
	r.judge(i, e, o, start, end, start)
}

// judge compares a call's outcome with its line; a blocking line's return time too.
func (r *runner) judge(i int, e *Event, o outcome, start, end, returned int64) {
	c := e.Call
	v := &r.res.Lines[i]
	timing := v.Got // a start-time error from onTime, if any
	v.Got = o.text(c)
	if e.Blocking || returned != start {
		tmp := *e
		if !e.Blocking {
			tmp.Time = Absolute
		}
		if msg := r.checkTime(&tmp, "system call return", end, 0, returned, start, true); msg != "" {
			v.Got = msg + "; returned " + o.text(c)
			return
		}
	}
	switch {
	case o.ret != c.Ret || o.errno != c.Errno:
		exp := strconv.FormatInt(c.Ret, 10)
		if c.Errno != "" {
			exp += " " + c.Errno
		}
		v.Got = "expected result " + exp + " but got " + o.text(c)[2:]
	case c.HasVal && o.hasVal && (o.v1 != c.Val || c.Opt == "SO_LINGER" && o.v2 != c.Val2):
		v.Got = "bad " + c.Name + " value: expected " + valText(c) + " but got " + o.text(c)[2:]
	case timing != "":
		v.Got = timing
	default:
		v.Met = true
	}
}

// poll completes a blocked call once the model lets it return.
func (r *runner) poll() {
	p := r.pend
	if p == nil || p.done {
		return
	}
	c := p.ev.Call
	fd := &fdState{name: p.name}
	if f := r.fds[c.Fd]; f != nil {
		fd = f
	}
	var o outcome
	switch c.Name {
	case "accept":
		if !r.app.AcceptReady(fd.name) {
			return
		}
		o = r.accept(c, fd)
	case "read", "recv":
		if !r.app.Readable(fd.name) {
			return
		}
		o = r.recv(c, fd)
	case "close":
		if r.app.Lingering(fd.name) {
			return
		}
		o = r.fromEvent(p.callEv)
	default: // connect, write, send: the model completes their call event
		tr := r.n.Trace()
		if p.callEv < 0 || tr.Events[p.callEv].Returned == trace.NoTime {
			return
		}
		o = r.fromEvent(p.callEv)
	}
	p.done = true
	if o.ev < 0 {
		o.ev = p.callEv
	}
	r.res.Lines[p.line].Event = o.ev
	r.judge(p.line, p.ev, o, p.start, p.end, r.n.Now())
}

// fromEvent reads a recorded call's result.
func (r *runner) fromEvent(ev int) outcome {
	tr := r.n.Trace()
	if ev < 0 || ev >= len(tr.Events) {
		return outcome{ret: -1, errno: "EBADF", ev: -1}
	}
	ret, errno := resultOf(tr.Events[ev].Result)
	return outcome{ret: ret, errno: errno, ev: ev}
}

// lastCall returns the call event the local host recorded at or after from, or -1.
func (r *runner) lastCall(from int) int {
	tr := r.n.Trace()
	for k := len(tr.Events) - 1; k >= from; k-- {
		if tr.Events[k].Kind == trace.KindCall && tr.Events[k].Host == LocalHost {
			return k
		}
	}
	return -1
}

// newFd is the lowest free descriptor from 3, as the kernel gives them.
func (r *runner) newFd() int {
	fd := 3
	for r.fds[fd] != nil {
		fd++
	}
	return fd
}

var badFd = outcome{ret: -1, errno: "EBADF", ev: -1}

// call makes one system call on the model now.
func (r *runner) call(c *Call) outcome {
	a := r.app
	from := len(r.n.Trace().Events)
	recorded := func() outcome { return r.fromEvent(r.lastCall(from)) }
	if c.Name == "socket" {
		fd := r.newFd()
		name := "fd" + strconv.Itoa(fd) + "." + strconv.Itoa(from)
		r.fds[fd] = &fdState{name: name, nonblock: c.NonBlock}
		a.Socket(name)
		// the new socket is the one under test (packetdrill's socket_under_test)
		r.cur, r.listening, r.connecting = nil, false, false
		return outcome{ret: int64(fd), ev: r.lastCall(from)}
	}
	fd := r.fds[c.Fd]
	if fd == nil {
		return badFd
	}
	switch c.Name {
	case "bind":
		_ = a.Bind("app", fd.name, int(r.s.BindPort))
		return recorded()
	case "listen":
		_ = a.Listen("app", fd.name, int(r.s.BindPort), c.Val)
		o := recorded()
		if o.ret == 0 {
			fd.listening, r.listening, r.cur = true, true, nil
		}
		return o
	case "accept":
		if !a.AcceptReady(fd.name) && !fd.nonblock && fd.listening {
			return outcome{blocked: true, ev: -1}
		}
		return r.accept(c, fd)
	case "connect":
		r.connecting = true
		_ = a.Connect("app", fd.name, remoteAddr, int(r.s.ConnectPort), 0, -1, 0)
		o := recorded()
		if o.errno == "EINPROGRESS" && !fd.nonblock {
			o.blocked = true
		}
		return o
	case "fcntl":
		if c.Opt == "F_GETFL" {
			fl := int64(2) // O_RDWR
			if fd.nonblock {
				fl |= 0x800 // O_NONBLOCK
			}
			return outcome{ret: fl, ev: -1}
		}
		fd.nonblock = c.NonBlock
		return outcome{ev: -1}
	case "ioctl":
		if c.Opt == "FIONBIO" {
			fd.nonblock = c.NonBlock
			return outcome{ev: -1}
		}
		n, res := a.Queued(fd.name, c.Opt == "SIOCOUTQ")
		o := recorded()
		if res == "0" {
			o.hasVal, o.v1 = true, n
		}
		return o
	case "setsockopt":
		if c.Opt == "TCP_NODELAY" {
			a.SetNoDelay(fd.name, c.Val != 0)
			return recorded()
		}
		if c.Opt == "IP_LOCAL_PORT_RANGE" || c.Opt == "IP_BIND_ADDRESS_NO_PORT" {
			a.SetIPOption(fd.name, c.Opt, c.Val)
			return recorded()
		}
		if err := a.Setsockopt("app", fd.name, c.Opt, c.Val, c.Val2); err != nil {
			return outcome{ret: -1, errno: "ENOPROTOOPT", ev: -1}
		}
		return recorded()
	case "getsockopt":
		v1, v2, res := a.Getsockopt(fd.name, c.Opt)
		o := recorded()
		if res == "0" {
			o.hasVal, o.v1, o.v2 = true, v1, v2
		}
		return o
	case "write", "send":
		_ = a.Send("app", fd.name, c.Val, fd.nonblock, 0)
		o := recorded()
		if o.errno == "blocked" {
			o = outcome{blocked: true, ev: o.ev}
		}
		return o
	case "read", "recv":
		if !fd.nonblock && !a.Readable(fd.name) {
			return outcome{blocked: true, ev: -1}
		}
		return r.recv(c, fd)
	case "shutdown":
		if err := a.Shutdown(fd.name, c.How); err != nil {
			return outcome{ret: -1, errno: "EINVAL", ev: -1}
		}
		return recorded()
	case "close":
		_ = a.Close("app", fd.name)
		o := recorded()
		delete(r.fds, c.Fd)
		if a.Lingering(fd.name) {
			o.blocked = true
		} else {
			a.Forget(fd.name)
		}
		return o
	}
	return outcome{ret: -1, errno: "ENOSYS", ev: -1}
}

func (r *runner) accept(c *Call, fd *fdState) outcome {
	nfd := r.newFd()
	name := "fd" + strconv.Itoa(nfd) + "." + strconv.Itoa(len(r.n.Trace().Events))
	from := len(r.n.Trace().Events)
	res := r.app.AcceptAs(fd.name, name)
	if res != "0" {
		return r.fromEvent(r.lastCall(from))
	}
	r.fds[nfd] = &fdState{name: name}
	return outcome{ret: int64(nfd), ev: r.lastCall(from)}
}

func (r *runner) recv(c *Call, fd *fdState) outcome {
	from := len(r.n.Trace().Events)
	if err := r.app.Recv(fd.name, c.Val); err != nil {
		return badFd
	}
	return r.fromEvent(r.lastCall(from))
}
