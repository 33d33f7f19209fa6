package pkt

import (
	"strconv"
	"strings"

	"finwait/core/tcp"
)

// Parse reads a packetdrill script. A script the model cannot run faithfully is an error: the
// returned error is then a *Error naming the line and column of the first offending token.
func Parse(name string, src []byte) (*Script, error) {
	s, err := parse(name, src)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func parse(name string, src []byte) (*Script, *Error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, lines: strings.Split(string(src), "\n"),
		s: &Script{Name: name, Tolerance: 4000, TolerancePercent: 12.5, BindPort: 8080, ConnectPort: 8080}}
	if err := p.script(); err != nil {
		return nil, err
	}
	return p.s, nil
}

type parser struct {
	toks  []token
	i     int
	lines []string
	s     *Script
	depth int // expressions being read, one inside another (expr)
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) is(text string) bool {
	t := p.toks[p.i]
	return t.kind == tPunct && t.text == text
}

func (p *parser) isWord(text string) bool {
	t := p.toks[p.i]
	return t.kind == tWord && t.text == text
}

// expect consumes one punctuation token.
func (p *parser) expect(text, what string) *Error {
	if !p.is(text) {
		return p.unexpected("'" + text + "' " + what)
	}
	p.next()
	return nil
}

// unexpected reports the current token where something else was wanted.
func (p *parser) unexpected(want string) *Error {
	t := p.peek()
	return errAt(t.line, t.col, "expected "+want+", found "+describe(t))
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of script"
	case tString:
		return strconv.Quote(t.text)
	case tBack:
		return "`" + t.text + "`"
	case tOption:
		return "--" + t.text
	case tCode:
		return "a %{ }% code block"
	}
	return "'" + t.text + "'"
}

func (p *parser) lineText(line int) string {
	if line >= 1 && line <= len(p.lines) {
		return strings.TrimSpace(p.lines[line-1])
	}
	return ""
}

func errCode(t token) *Error {
	return errAt(t.line, t.col, "%{ }% Python code blocks are not supported: the model runs no Python")
}

func (p *parser) script() *Error {
	for p.peek().kind == tOption {
		if err := p.option(); err != nil {
			return err
		}
	}
	for p.peek().kind == tBack {
		t := p.next()
		sc, err := p.command(t)
		if err != nil {
			return err
		}
		p.s.Sysctls = append(p.s.Sysctls, sc...)
	}
	for p.peek().kind != tEOF {
		t := p.peek()
		if t.kind == tCode {
			return errCode(t)
		}
		if t.kind == tBack { // the cleanup command after the last event
			p.next()
			sc, err := p.command(t)
			if err != nil {
				return err
			}
			if p.peek().kind != tEOF {
				return errAt(t.line, t.col, "a command between events needs a time")
			}
			p.s.Events = append(p.s.Events, Event{Line: t.line, Col: t.col, Text: p.lineText(t.line), Kind: KindSysctl, Time: Relative, Sysctl: sc})
			break
		}
		ev, err := p.event()
		if err != nil {
			return err
		}
		p.s.Events = append(p.s.Events, ev)
	}
	if len(p.s.Events) == 0 {
		t := p.peek()
		return errAt(t.line, t.col, "the script has no events")
	}
	if e := p.s.Events[0]; e.Time != Absolute && e.Time != Relative || e.T != 0 {
		return errAt(e.Line, e.Col, "first event should be at time 0")
	}
	last := int64(0)
	for _, e := range p.s.Events {
		if e.Time == Absolute || e.Time == AbsoluteRange {
			if e.T < last {
				return errAt(e.Line, e.Col, "time goes backward in script from "+strconv.FormatInt(last, 10)+" usec to "+strconv.FormatInt(e.T, 10)+" usec")
			}
			last = e.T
		}
	}
	return nil
}

// option reads one --name=value script option.
func (p *parser) option() *Error {
	t := p.next()
	val := ""
	vt := t // where a missing or bad value is reported
	if p.is("=") {
		p.next()
		vt = p.next()
		switch vt.kind {
		case tInt, tFloat, tWord, tString:
			val = vt.text
		default:
			return errAt(vt.line, vt.col, "expected a value for --"+t.text+", found "+describe(vt))
		}
	}
	num := func(max int64) (int64, *Error) {
		v, err := strconv.ParseInt(val, 10, 64)
		if err != nil || v <= 0 || v > max {
			return 0, errAt(vt.line, vt.col, "bad --"+t.text+": "+strconv.Quote(val))
		}
		return v, nil
	}
	var err *Error
	var v int64
	switch t.text {
	case "tolerance_usecs":
		p.s.Tolerance, err = num(1 << 40)
	case "tcp_ts_tick_usecs":
		p.s.TSTick, err = num(1 << 40)
	case "tolerance_percent":
		f, e := strconv.ParseFloat(val, 64)
		if e != nil || f < 0 || f > 100 {
			return errAt(vt.line, vt.col, "bad --tolerance_percent: "+strconv.Quote(val))
		}
		p.s.TolerancePercent = f
	case "bind_port":
		v, err = num(65535)
		p.s.BindPort = uint16(v)
	case "connect_port":
		v, err = num(65535)
		p.s.ConnectPort = uint16(v)
	case "strict_segments":
		if p.s.StrictSegments = true; vt != t {
			return errAt(vt.line, vt.col, "--strict_segments takes no value")
		}
	case "ip_version":
		if val != "ipv4" {
			return errAt(t.line, t.col, "--ip_version="+val+" is not supported: the model is IPv4 only")
		}
	default:
		return errAt(t.line, t.col, "script option --"+t.text+" is not supported by the model")
	}
	return err
}

// command checks a backquoted shell command, one command a line. Accepted: `sysctl -q
// name=value ...` (a value in double quotes when it has blanks: net.ipv4.tcp_rmem="4096 131072
// 6291456"); packetdrill's standard prelude, a path ending in defaults.sh, which stands for the
// settings of the model's that it makes (defaultsSh); and its set_sysctls.py helper with
// /proc/sys/net/ipv4/name=value arguments. A shell comment (" # …") ends a line. Anything else is
// refused at its line and column.
func (p *parser) command(t token) ([]Sysctl, *Error) {
	var out []Sysctl
	for k, line := range strings.Split(t.text, "\n") {
		col := t.col + 1 // the first line starts after the backquote
		if k > 0 {
			col = 1
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		} else if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		got, err := p.commandLine(t.line+k, col, line)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	if out == nil {
		return nil, errAt(t.line, t.col, "empty shell command")
	}
	return out, nil
}

// defaultsSh is what packetdrill's defaults.sh (google/packetdrill gtests/net/common, and the
// kernel's tools/testing/selftests/net/packetdrill) sets that the model has; the rest of it
// (tcp_wmem, frto, dsack, reordering, congestion control, pacing, fastopen, ECN, the qdisc) is
// about sending and recovery paths outside the model and is left out (docs/packetdrill.md).
var defaultsSh = [][2]string{
	{"tcp_rmem", "4096 540000 15728640"}, {"tcp_timestamps", "1"}, {"tcp_syn_retries", "5"},
	{"tcp_synack_retries", "5"}, {"tcp_sack", "1"}, {"tcp_early_retrans", "4"}, {"tcp_syncookies", "1"},
}

// commandLine reads one command of a backquoted block, at line and col.
func (p *parser) commandLine(line, col int, cmd string) ([]Sysctl, *Error) {
	text := p.lineText(line)
	lead := len(cmd) - len(strings.TrimLeft(cmd, " \t"))
	reject := errAt(line, col+lead, "shell command `"+strings.TrimSpace(cmd)+"` is not supported: only `sysctl -q name=value`, packetdrill's defaults.sh and set_sysctls.py are")
	words, offs, ok := splitCommand(cmd)
	if !ok || len(words) == 0 {
		return nil, reject
	}
	var pairs []string
	var at []int
	switch prog := words[0]; {
	case prog == "defaults.sh" || strings.HasSuffix(prog, "/defaults.sh"):
		if len(words) > 1 {
			return nil, errAt(line, col+offs[1], "defaults.sh takes no arguments")
		}
		out := make([]Sysctl, 0, len(defaultsSh))
		for _, d := range defaultsSh {
			out = append(out, Sysctl{Line: line, Col: col + offs[0], Text: text, Name: d[0], Value: d[1]})
		}
		return out, nil
	case prog == "sysctl" && len(words) >= 3 && words[1] == "-q":
		pairs, at = words[2:], offs[2:]
	case (prog == "set_sysctls.py" || strings.HasSuffix(prog, "/set_sysctls.py")) && len(words) >= 2:
		for i, w := range words[1:] {
			name, ok := strings.CutPrefix(w, "/proc/sys/")
			if !ok {
				return nil, errAt(line, col+offs[i+1], "set_sysctls.py "+strconv.Quote(w)+": want /proc/sys/net/ipv4/name=value")
			}
			pairs, at = append(pairs, strings.ReplaceAll(name, "/", ".")), append(at, offs[i+1])
		}
	default:
		return nil, reject
	}
	var out []Sysctl
	for i, kv := range pairs {
		c := col + at[i]
		name, val, ok := strings.Cut(kv, "=")
		if !ok || val == "" {
			return nil, errAt(line, c, "sysctl "+strconv.Quote(kv)+": want name=value")
		}
		short, ok := strings.CutPrefix(name, "net.ipv4.")
		if !ok {
			return nil, errAt(line, c, "sysctl "+name+" is not modelled (only net.ipv4.tcp_* settings of the model are)")
		}
		sys := tcp.DefaultSysctls(tcp.Modern)
		if _, err := sys.Set(tcp.Modern, short, val); err != nil {
			msg := err.Error()
			if strings.HasPrefix(msg, "unknown sysctl") {
				msg = "sysctl " + name + " is not modelled"
			}
			return nil, errAt(line, c, msg)
		}
		out = append(out, Sysctl{Line: line, Col: c, Text: text, Name: short, Value: val})
	}
	return out, nil
}

// firstLine is a command's first line, with "..." when more follow.
func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i]) + " ..."
	}
	return s
}

// splitCommand splits a command into blank-separated words and their byte offsets; a double-
// quoted run is part of its word, without the quotes. Shell syntax beyond that (variables,
// other quotes, redirections, several lines) is refused: ok is false.
func splitCommand(s string) (words []string, offs []int, ok bool) {
	if strings.ContainsAny(s, "$;|&<>()'\\`\n") {
		return nil, nil, false
	}
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == len(s) {
			break
		}
		start := i
		var w strings.Builder
		for i < len(s) && s[i] != ' ' && s[i] != '\t' {
			if s[i] == '"' {
				j := strings.IndexByte(s[i+1:], '"')
				if j < 0 {
					return nil, nil, false
				}
				w.WriteString(s[i+1 : i+1+j])
				i += j + 2
				continue
			}
			w.WriteByte(s[i])
			i++
		}
		words, offs = append(words, w.String()), append(offs, start)
	}
	return words, offs, true
}

// usecs converts a time token (seconds, "1", "0.25", ".01") to µs exactly, without floats.
func usecs(t token) (int64, *Error) {
	if t.kind != tInt && t.kind != tFloat || strings.HasPrefix(t.text, "0x") || strings.HasPrefix(t.text, "0X") {
		return 0, errAt(t.line, t.col, "expected a time in seconds, found "+describe(t))
	}
	ip, fp, _ := strings.Cut(t.text, ".")
	if len(ip) > 9 {
		return 0, errAt(t.line, t.col, "time "+t.text+" is too large")
	}
	var v int64
	for _, c := range ip {
		v = v*10 + int64(c-'0')
	}
	v *= 1_000_000
	scale := int64(100_000)
	for _, c := range fp {
		v += int64(c-'0') * scale // digits beyond µs are dropped, as packetdrill truncates
		scale /= 10
	}
	return v, nil
}

// event reads one timed event.
func (p *parser) event() (Event, *Error) {
	t := p.peek()
	ev := Event{Line: t.line, Col: t.col, Text: p.lineText(t.line)}
	var err *Error
	switch {
	case p.is("*"):
		p.next()
		ev.Time = AnyTime
	case p.is("+"):
		p.next()
		ev.Time = Relative
		if ev.T, err = usecs(p.next()); err != nil {
			return ev, err
		}
		if p.is("~") {
			p.next()
			if !p.is("+") {
				return ev, p.unexpected("'+' (a relative range is written +a~+b)")
			}
			p.next()
			ev.Time = RelativeRange
			if ev.TEnd, err = usecs(p.next()); err != nil {
				return ev, err
			}
		}
	case t.kind == tInt || t.kind == tFloat:
		ev.Time = Absolute
		if ev.T, err = usecs(p.next()); err != nil {
			return ev, err
		}
		if p.is("~") {
			p.next()
			ev.Time = AbsoluteRange
			if ev.TEnd, err = usecs(p.next()); err != nil {
				return ev, err
			}
		}
	case t.kind == tCode:
		return ev, errCode(t)
	default:
		return ev, p.unexpected("an event time (0.1, +0.1, 0.1~0.2 or *)")
	}
	if (ev.Time == AbsoluteRange || ev.Time == RelativeRange) && ev.TEnd < ev.T {
		return ev, errAt(ev.Line, ev.Col, "time range is backwards")
	}
	if p.peek().kind == tEllipsis {
		p.next()
		ev.Blocking = true
		if ev.End, err = usecs(p.next()); err != nil {
			return ev, err
		}
		if p.peek().kind != tWord {
			return ev, p.unexpected("a system call after a blocking call's end time")
		}
		if ev.End < ev.T {
			return ev, errAt(ev.Line, ev.Col, "a blocking call ends before it starts")
		}
	}
	a := p.peek()
	switch {
	case p.is("<") || p.is(">"):
		ev.Packet, err = p.packet()
		ev.Kind = KindInbound
		if ev.Packet != nil && ev.Packet.Outbound {
			ev.Kind = KindOutbound
		}
	case a.kind == tWord:
		ev.Kind = KindSyscall
		ev.Call, err = p.syscall()
	case a.kind == tBack:
		p.next()
		ev.Kind = KindSysctl
		ev.Sysctl, err = p.command(a)
	case a.kind == tCode:
		return ev, errCode(a)
	default:
		return ev, p.unexpected("a packet ('<' or '>'), a system call or a `command`")
	}
	if err != nil {
		return ev, err
	}
	if ev.Kind != KindOutbound {
		if ev.Time == AnyTime {
			return ev, errAt(ev.Line, ev.Col, "event time <star> can only be used with outbound packets")
		}
		if ev.Time == AbsoluteRange || ev.Time == RelativeRange {
			return ev, errAt(ev.Line, ev.Col, "event time range can only be used with outbound packets")
		}
	}
	return ev, nil
}

// u32 reads an unsigned integer token no larger than max.
func (p *parser) u32(what string, max uint64) (uint32, *Error) {
	t := p.next()
	if t.kind != tInt {
		return 0, errAt(t.line, t.col, "expected "+what+", found "+describe(t))
	}
	v, err := strconv.ParseUint(t.text, 0, 64)
	if err != nil || v > max {
		return 0, errAt(t.line, t.col, what+" out of range")
	}
	return uint32(v), nil
}

// packet reads a TCP packet line after its time.
func (p *parser) packet() (*Packet, *Error) {
	pk := &Packet{Outbound: p.next().text == ">", Win: -1}
	t := p.peek()
	switch {
	case p.is("(") || p.is("["):
		return nil, errAt(t.line, t.col, "IP header fields (tos, ECN, flow label, TTL) are not modelled")
	case t.kind == tInt:
		return nil, errAt(t.line, t.col, "explicit ports in packets are not supported: the script's connection is the one under test")
	case t.kind == tWord && (t.text == "udp" || t.text == "icmp" || t.text == "encap" || t.text == "gre" || t.text == "GRE" || t.text == "mpls" || t.text == "MPLS"):
		return nil, errAt(t.line, t.col, t.text+" packets are not modelled: TCP only")
	}
	// flags: a word of F S R P (E W U are not modelled), then '.' for ACK; or '.' alone; or '-'
	switch {
	case t.kind == tWord:
		p.next()
		for i := 0; i < len(t.text); i++ {
			switch t.text[i] {
			case 'F':
				pk.Flags |= FlagFIN
			case 'S':
				pk.Flags |= FlagSYN
			case 'R':
				pk.Flags |= FlagRST
			case 'P':
				pk.Flags |= FlagPSH
			case 'E', 'W', 'U':
				return nil, errAt(t.line, t.col+i, "TCP flag "+t.text[i:i+1]+" (ECN, URG) is not modelled")
			default:
				return nil, errAt(t.line, t.col+i, "bad TCP flags "+strconv.Quote(t.text))
			}
		}
		if p.is(".") {
			p.next()
			pk.Flags |= FlagACK
		}
	case p.is("."):
		p.next()
		pk.Flags = FlagACK
	case p.is("-"):
		p.next()
	default:
		return nil, p.unexpected("TCP flags (S, S., ., P., F., R, ...)")
	}
	// seq:end(len)
	st := p.peek()
	start, err := p.u32("a TCP start sequence number", 1<<32-1)
	if err != nil {
		return nil, err
	}
	if err := p.expect(":", "after the start sequence number"); err != nil {
		return nil, err
	}
	end, err := p.u32("a TCP end sequence number", 1<<32-1)
	if err != nil {
		return nil, err
	}
	if err := p.expect("(", "before the payload length"); err != nil {
		return nil, err
	}
	n, err := p.u32("a TCP payload size", 65535)
	if err != nil {
		return nil, err
	}
	if err := p.expect(")", "after the payload length"); err != nil {
		return nil, err
	}
	if end != start+n {
		return nil, errAt(st.line, st.col, "inconsistent TCP sequence numbers and payload size")
	}
	pk.Seq, pk.Len = start, int(n)
	if p.isWord("ack") {
		p.next()
		if pk.Ack, err = p.u32("a TCP ack sequence number", 1<<32-1); err != nil {
			return nil, err
		}
		pk.HasAck = true
	}
	if p.isWord("win") {
		p.next()
		w, err := p.u32("a TCP window value", 65535)
		if err != nil {
			return nil, err
		}
		pk.Win = int(w)
	}
	if t := p.peek(); p.isWord("urg") {
		return nil, errAt(t.line, t.col, "the urgent pointer is not modelled")
	}
	if p.is("<") {
		lt := p.next()
		if p.peek().kind == tEllipsis {
			p.next()
			if !pk.Outbound {
				return nil, errAt(lt.line, lt.col, "<...> for TCP options can only be used with outbound packets")
			}
			pk.AnyOpts = true
		} else {
			for {
				o, err := p.tcpOption()
				if err != nil {
					return nil, err
				}
				pk.Opts = append(pk.Opts, o)
				if !p.is(",") {
					break
				}
				p.next()
			}
		}
		if err := p.expect(">", "after the TCP options"); err != nil {
			return nil, err
		}
	}
	return pk, nil
}

func (p *parser) tcpOption() (Opt, *Error) {
	t := p.next()
	if t.kind != tWord {
		return Opt{}, errAt(t.line, t.col, "expected a TCP option, found "+describe(t))
	}
	var err *Error
	o := Opt{Kind: t.text}
	switch t.text {
	case "nop", "eol", "sackOK":
	case "mss":
		o.V1, err = p.u32("an mss value", 65535)
	case "wscale":
		o.V1, err = p.u32("a window scale shift count", 255)
	case "TS":
		if !p.isWord("val") {
			return o, p.unexpected("'val' after TS")
		}
		p.next()
		if o.V1, err = p.u32("a TS val", 1<<32-1); err != nil {
			return o, err
		}
		if !p.isWord("ecr") {
			return o, p.unexpected("'ecr' after the TS val")
		}
		p.next()
		o.V2, err = p.u32("a TS ecr", 1<<32-1)
	case "sack":
		for p.peek().kind == tInt {
			var b [2]uint32
			if b[0], err = p.u32("a SACK left edge", 1<<32-1); err != nil {
				return o, err
			}
			if err = p.expect(":", "in a SACK block"); err != nil {
				return o, err
			}
			if b[1], err = p.u32("a SACK right edge", 1<<32-1); err != nil {
				return o, err
			}
			o.Blocks = append(o.Blocks, b)
		}
		if len(o.Blocks) == 0 {
			return o, p.unexpected("a SACK block left:right")
		}
	default:
		return o, errAt(t.line, t.col, "TCP option "+strconv.Quote(t.text)+" is not modelled")
	}
	return o, err
}
