package pkt

import (
	"strconv"
	"strings"
)

// expr is a system call argument as written.
type expr struct {
	kind      byte // 'e' ..., 'i' integer, 'w' word, 's' string, 'l' [list], 'b' {braces}, '|' or, '=' name=value, 'f' call
	n         int64
	s         string
	items     []expr
	line, col int
}

func (p *parser) exprList(close string) ([]expr, *Error) {
	var out []expr
	if p.is(close) {
		p.next()
		return out, nil
	}
	for {
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		if p.is(",") {
			p.next()
			continue
		}
		if err := p.expect(close, "or ','"); err != nil {
			return nil, err
		}
		return out, nil
	}
}

// maxDepth bounds how deeply expressions nest ([[…]], {x={…}}, a=b=…), so a hostile script
// cannot exhaust the stack.
const maxDepth = 64

func (p *parser) expr() (expr, *Error) {
	if p.depth >= maxDepth {
		t := p.peek()
		return expr{}, errAt(t.line, t.col, "expression nested more than "+strconv.Itoa(maxDepth)+" deep")
	}
	p.depth++
	defer func() { p.depth-- }()
	e, err := p.primary()
	if err != nil {
		return e, err
	}
	for p.is("|") {
		p.next()
		r, err := p.primary()
		if err != nil {
			return e, err
		}
		if e.kind != '|' {
			e = expr{kind: '|', items: []expr{e}, line: e.line, col: e.col}
		}
		e.items = append(e.items, r)
	}
	return e, nil
}

func (p *parser) primary() (expr, *Error) {
	t := p.next()
	e := expr{line: t.line, col: t.col}
	switch {
	case t.kind == tEllipsis:
		e.kind = 'e'
	case t.kind == tInt:
		v, err := strconv.ParseInt(t.text, 0, 64)
		if err != nil {
			return e, errAt(t.line, t.col, "integer "+t.text+" out of range")
		}
		e.kind, e.n = 'i', v
	case t.kind == tPunct && t.text == "-" && p.peek().kind == tInt:
		v, err := strconv.ParseInt(p.next().text, 0, 64)
		if err != nil {
			return e, errAt(t.line, t.col, "integer out of range")
		}
		e.kind, e.n = 'i', -v
	case t.kind == tString:
		e.kind, e.s = 's', t.text
		if p.peek().kind == tEllipsis {
			p.next()
		}
	case t.kind == tWord:
		e.kind, e.s = 'w', t.text
		if p.is("=") {
			p.next()
			v, err := p.expr()
			if err != nil {
				return e, err
			}
			e.kind, e.items = '=', []expr{v}
		} else if p.is("(") {
			p.next()
			args, err := p.exprList(")")
			if err != nil {
				return e, err
			}
			e.kind, e.items = 'f', args
		}
	case t.kind == tPunct && t.text == "[":
		items, err := p.exprList("]")
		if err != nil {
			return e, err
		}
		e.kind, e.items = 'l', items
	case t.kind == tPunct && t.text == "{":
		items, err := p.exprList("}")
		if err != nil {
			return e, err
		}
		e.kind, e.items = 'b', items
	case t.kind == tCode:
		return e, errCode(t)
	default:
		return e, errAt(t.line, t.col, "expected an expression, found "+describe(t))
	}
	return e, nil
}

// syscall reads "name(args) = result [ERRNO (note)] [(note)]" and checks it against what the
// model can run.
func (p *parser) syscall() (*Call, *Error) {
	nt := p.next()
	c := &Call{Name: nt.text}
	if err := p.expect("(", "after the system call name"); err != nil {
		return nil, err
	}
	args, err := p.exprList(")")
	if err != nil {
		return nil, err
	}
	if err := p.expect("=", "and the expected result after the system call"); err != nil {
		return nil, err
	}
	rt := p.peek()
	ret, err := p.expr()
	if err != nil {
		return nil, err
	}
	if ret.kind != 'i' {
		return nil, errAt(rt.line, rt.col, "the expected result must be an integer")
	}
	c.Ret = ret.n
	if t := p.peek(); t.kind == tWord && !t.nlBefore {
		p.next()
		if !strings.HasPrefix(t.text, "E") {
			return nil, errAt(t.line, t.col, "expected an errno name (EPIPE, ECONNRESET, ...), found "+describe(t))
		}
		if c.Ret != -1 {
			return nil, errAt(t.line, t.col, "an errno goes with the result -1")
		}
		c.Errno = t.text
	}
	if p.is("(") && !p.peek().nlBefore { // the note: any words up to ')'
		p.next()
		for !p.is(")") {
			if t := p.peek(); t.kind == tEOF || t.nlBefore {
				return nil, errAt(t.line, t.col, "unterminated note: expected ')'")
			}
			p.next()
		}
		p.next()
	}
	if c.Ret == -1 && c.Errno == "" {
		return nil, errAt(rt.line, rt.col, "a result of -1 needs its errno (for example -1 EAGAIN)")
	}
	if err := c.bind(nt, args); err != nil {
		return nil, err
	}
	return c, nil
}

// bind checks the arguments of a call the model runs and keeps what it needs.
func (c *Call) bind(nt token, args []expr) *Error {
	want := map[string]int{"socket": 3, "bind": 3, "listen": 2, "accept": 3, "connect": 3, "write": 3,
		"read": 3, "send": 4, "recv": 4, "shutdown": 2, "close": 1, "setsockopt": 5, "getsockopt": 5, "ioctl": 3}
	n, ok := want[c.Name]
	switch {
	case c.Name == "fcntl":
		if len(args) != 2 && len(args) != 3 {
			return errAt(nt.line, nt.col, "fcntl takes 2 or 3 arguments, found "+strconv.Itoa(len(args)))
		}
	case !ok:
		return errAt(nt.line, nt.col, "system call "+c.Name+" is not modelled")
	case len(args) != n:
		return errAt(nt.line, nt.col, c.Name+" takes "+strconv.Itoa(n)+" arguments, found "+strconv.Itoa(len(args)))
	}
	if c.Name == "socket" {
		a := args[1]
		switch {
		case a.kind == 'w' && a.s == "SOCK_STREAM":
		case a.kind == '|' && len(a.items) == 2 && a.items[0].kind == 'w' && a.items[0].s == "SOCK_STREAM" &&
			a.items[1].kind == 'w' && a.items[1].s == "SOCK_NONBLOCK":
			c.NonBlock = true
		default:
			return errAt(a.line, a.col, "socket(): only SOCK_STREAM sockets (with or without SOCK_NONBLOCK) are modelled")
		}
		if a := args[2]; !(a.kind == 'w' && a.s == "IPPROTO_TCP" || a.kind == 'i' && a.n == 0 || a.kind == 'e') {
			return errAt(a.line, a.col, "socket(): only IPPROTO_TCP is modelled")
		}
		if a := args[0]; !(a.kind == 'e' || a.kind == 'w' && a.s == "AF_INET") {
			return errAt(a.line, a.col, "socket(): only AF_INET (or ...) is modelled")
		}
		if c.Ret < 0 {
			return errAt(nt.line, nt.col, "socket() is expected to succeed here")
		}
		c.Fd = int(c.Ret)
		return nil
	}
	fd := args[0]
	if fd.kind != 'i' || fd.n < 0 || fd.n > 1<<20 {
		return errAt(fd.line, fd.col, c.Name+": the first argument must be a file descriptor number")
	}
	c.Fd = int(fd.n)
	anyArg := func(i int) *Error {
		if a := args[i]; a.kind != 'e' {
			return errAt(a.line, a.col, c.Name+": argument "+strconv.Itoa(i+1)+" must be ... (addresses are the script's own)")
		}
		return nil
	}
	intArg := func(i int) (int, *Error) {
		a := args[i]
		if a.kind == 'l' && len(a.items) == 1 {
			a = a.items[0]
		}
		if a.kind != 'i' || a.n < -1<<31 || a.n > 1<<31-1 {
			return 0, errAt(a.line, a.col, c.Name+": argument "+strconv.Itoa(i+1)+" must be an integer")
		}
		return int(a.n), nil
	}
	var err *Error
	switch c.Name {
	case "bind", "connect", "accept":
		if err = anyArg(1); err == nil {
			err = anyArg(2)
		}
	case "listen":
		c.Val, err = intArg(1)
	case "write", "read":
		if err = anyArg(1); err == nil {
			c.Val, err = intArg(2)
		}
	case "send", "recv":
		if err = anyArg(1); err == nil {
			c.Val, err = intArg(2)
		}
		if err == nil {
			if a := args[3]; !(a.kind == 'i' && a.n == 0) {
				return errAt(a.line, a.col, c.Name+": only flags 0 are modelled")
			}
		}
	case "shutdown":
		a := args[1]
		if a.kind != 'w' || a.s != "SHUT_RD" && a.s != "SHUT_WR" && a.s != "SHUT_RDWR" {
			return errAt(a.line, a.col, "shutdown: how must be SHUT_RD, SHUT_WR or SHUT_RDWR")
		}
		c.How = a.s
	case "fcntl":
		err = c.bindFcntl(args)
	case "ioctl":
		err = c.bindIoctl(args)
	case "setsockopt", "getsockopt":
		err = c.bindSockopt(args)
	}
	return err
}

func (c *Call) bindFcntl(args []expr) *Error {
	a := args[1]
	if a.kind != 'w' || a.s != "F_SETFL" && a.s != "F_GETFL" {
		return errAt(a.line, a.col, "fcntl: only F_SETFL and F_GETFL are modelled")
	}
	c.Opt = a.s
	if a.s == "F_GETFL" {
		if len(args) != 2 {
			return errAt(a.line, a.col, "fcntl F_GETFL takes no third argument")
		}
		return nil
	}
	if len(args) != 3 {
		return errAt(a.line, a.col, "fcntl F_SETFL needs the flags")
	}
	f := args[2]
	words := []expr{f}
	if f.kind == '|' {
		words = f.items
	}
	for _, w := range words {
		switch {
		case w.kind == 'w' && w.s == "O_NONBLOCK":
			c.NonBlock = true
		case w.kind == 'w' && w.s == "O_RDWR", w.kind == 'i' && w.n == 0:
		default:
			return errAt(w.line, w.col, "fcntl F_SETFL: only O_RDWR and O_NONBLOCK are modelled")
		}
	}
	return nil
}

func (c *Call) bindIoctl(args []expr) *Error {
	a := args[1]
	switch {
	case a.kind == 'w' && (a.s == "SIOCINQ" || a.s == "FIONREAD"):
		c.Opt = "SIOCINQ"
	case a.kind == 'w' && (a.s == "SIOCOUTQ" || a.s == "TIOCOUTQ"):
		c.Opt = "SIOCOUTQ"
	case a.kind == 'w' && a.s == "FIONBIO":
		c.Opt = "FIONBIO"
	default:
		return errAt(a.line, a.col, "ioctl: only SIOCINQ, SIOCOUTQ and FIONBIO are modelled")
	}
	v := args[2]
	if v.kind == 'e' && c.Opt != "FIONBIO" {
		return nil
	}
	if v.kind == 'l' && len(v.items) == 1 && v.items[0].kind == 'i' {
		c.Val, c.HasVal = int(v.items[0].n), true
		c.NonBlock = c.Opt == "FIONBIO" && c.Val != 0
		return nil
	}
	return errAt(v.line, v.col, "ioctl: the third argument must be [N] (or ...)")
}

// sockopts lists the socket options the model has, with their level.
var sockopts = map[string]string{"SO_LINGER": "SOL_SOCKET", "SO_REUSEADDR": "SOL_SOCKET", "SO_SNDBUF": "SOL_SOCKET",
	"SO_RCVBUF": "SOL_SOCKET", "SO_KEEPALIVE": "SOL_SOCKET", "TCP_LINGER2": "SOL_TCP", "TCP_USER_TIMEOUT": "SOL_TCP",
	"TCP_KEEPIDLE": "SOL_TCP", "TCP_KEEPINTVL": "SOL_TCP", "TCP_KEEPCNT": "SOL_TCP",
	"IP_LOCAL_PORT_RANGE": "SOL_IP", "IP_BIND_ADDRESS_NO_PORT": "SOL_IP", "TCP_NODELAY": "SOL_TCP"}

func (c *Call) bindSockopt(args []expr) *Error {
	lv, o := args[1], args[2]
	if o.kind != 'w' {
		return errAt(o.line, o.col, c.Name+": the option must be a name")
	}
	level, ok := sockopts[o.s]
	if !ok {
		return errAt(o.line, o.col, "socket option "+o.s+" is not modelled")
	}
	if lv.kind != 'w' || !(lv.s == level || level == "SOL_TCP" && lv.s == "IPPROTO_TCP" || level == "SOL_IP" && lv.s == "IPPROTO_IP") {
		return errAt(lv.line, lv.col, c.Name+": "+o.s+" is at level "+level)
	}
	if level == "SOL_IP" && c.Name == "getsockopt" {
		return errAt(o.line, o.col, "getsockopt "+o.s+" is not modelled")
	}
	c.Opt = o.s
	v := args[3]
	if c.Name == "getsockopt" && v.kind == 'e' {
		return nil
	}
	c.HasVal = true
	if o.s == "SO_LINGER" {
		if v.kind != 'b' || len(v.items) != 2 || v.items[0].kind != '=' || v.items[1].kind != '=' ||
			v.items[0].s != "onoff" && v.items[0].s != "l_onoff" || v.items[1].s != "linger" && v.items[1].s != "l_linger" ||
			v.items[0].items[0].kind != 'i' || v.items[1].items[0].kind != 'i' {
			return errAt(v.line, v.col, c.Name+" SO_LINGER: the value must be {onoff=N, linger=N}")
		}
		c.Val, c.Val2 = int(v.items[0].items[0].n), int(v.items[1].items[0].n)
		return nil
	}
	if v.kind == 'l' && len(v.items) == 1 {
		v = v.items[0]
	}
	maxV := int64(1<<31 - 1)
	if o.s == "IP_LOCAL_PORT_RANGE" {
		maxV = 1<<32 - 1 // high << 16 | low, an unsigned 32-bit value
	}
	if v.kind != 'i' || v.n < -1<<31 || v.n > maxV {
		return errAt(v.line, v.col, c.Name+" "+o.s+": the value must be [N]")
	}
	c.Val = int(v.n)
	return nil
}
