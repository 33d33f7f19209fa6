package scenario

import (
	"fmt"
	"strconv"
	"strings"

	"finwait/core/tcp"
	"finwait/core/trace"
)

// OpInject puts a crafted segment on the wire (Action.Segment): a segment that no host sent,
// claiming to come from Host and arriving at To at the action's time.
const OpInject Op = "inject"

// InjectSpec is an inject action's segment. Numbers are relative to the connection named by the
// action's conn, as the trace numbers them; see Ref for the forms a number takes.
type InjectSpec struct {
	// Flags in tcpdump notation: S, S., ., P., F., FP., R, R. … (letters S F R P, then . for ACK).
	Flags string `json:"flags"`
	// Seq is the sender's sequence number: relative to its ISN, "next" (one past the highest
	// sequence number it has sent: what the receiver expects next) ± N, or "abs:N". Absent: "next".
	Seq Ref `json:"seq,omitempty"`
	// Ack is relative to the receiver's ISN, or "next" (everything the receiver has sent) ± N,
	// or "abs:N"; only with the ACK flag, and then absent means "next".
	Ack Ref `json:"ack,omitempty"`
	// Len is the payload length in bytes.
	Len int `json:"len,omitempty"`
	// Win is the window field as sent; absent: the claimed sender's latest window on the
	// connection (0 for a RST, or when it sent none).
	Win *int `json:"win,omitempty"`
	// MSS, WScale and SackOK are SYN options.
	MSS    int  `json:"mss,omitempty"`
	WScale *int `json:"wscale,omitempty"`
	SackOK bool `json:"sack_ok,omitempty"`
	// TS is the timestamps option; absent: none.
	TS *InjectTS `json:"ts,omitempty"`
	// Sport and Dport give the ports of a segment on no connection (the action names no conn):
	// its numbers are then absolute.
	Sport int `json:"sport,omitempty"`
	Dport int `json:"dport,omitempty"`
}

// InjectTS is the timestamps option of an injected segment. Val is a reading of the claimed
// sender's TS clock as the trace shows it, or "now" ± N (its clock at the action's time); Ecr is
// a number, or "echo" ± N (the latest TSval the receiver sent on the connection).
type InjectTS struct {
	Val Ref `json:"val"`
	Ecr Ref `json:"ecr"`
}

// Ref is a number in an injected segment: in JSON a whole number, or a string of a named base
// with an optional offset ("next", "next+1", "now-5", "echo") or an absolute "abs:N".
type Ref string

// MarshalJSON writes a plain number as a JSON number and anything else as a string. (No
// encoding/json: Ref is linked into the web page.)
func (r Ref) MarshalJSON() ([]byte, error) {
	if _, err := strconv.ParseUint(string(r), 10, 32); err == nil {
		return []byte(r), nil
	}
	return []byte(strconv.Quote(string(r))), nil
}

// UnmarshalJSON reads a number or a string; Validate checks the form.
func (r *Ref) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" { // as encoding/json leaves a field at null
		return nil
	}
	if strings.HasPrefix(s, `"`) {
		u, err := strconv.Unquote(s)
		if err != nil {
			return fmt.Errorf("%s: not a plain string", s)
		}
		*r = Ref(u)
		return nil
	}
	*r = Ref(s)
	return nil
}

// refForm is a parsed Ref: base "" (a number relative to the base the field has), "abs", or a
// named base; off is the number or the offset.
type refForm struct {
	base string
	off  int64
}

// parse reads r for a field whose named bases are names; absent gives def.
func (r Ref) parse(field string, names []string, def refForm) (refForm, error) {
	s := string(r)
	if s == "" {
		return def, nil
	}
	want := func() error {
		forms := "a whole number 0..4294967295"
		for _, n := range names {
			forms += `, "` + n + `", "` + n + `+N", "` + n + `-N"`
		}
		return fmt.Errorf("%s: %q: want %s or \"abs:N\"", field, s, forms)
	}
	if v, err := strconv.ParseUint(s, 10, 32); err == nil {
		return refForm{off: int64(v)}, nil
	}
	if a, ok := strings.CutPrefix(s, "abs:"); ok {
		v, err := strconv.ParseUint(a, 10, 32)
		if err != nil {
			return refForm{}, want()
		}
		return refForm{base: "abs", off: int64(v)}, nil
	}
	for _, n := range names {
		rest, ok := strings.CutPrefix(s, n)
		if !ok {
			continue
		}
		if rest == "" {
			return refForm{base: n}, nil
		}
		if rest[0] != '+' && rest[0] != '-' {
			break
		}
		v, err := strconv.ParseUint(rest[1:], 10, 32)
		if err != nil {
			break
		}
		if rest[0] == '-' {
			return refForm{base: n, off: -int64(v)}, nil
		}
		return refForm{base: n, off: int64(v)}, nil
	}
	return refForm{}, want()
}

// ParseFlags reads tcpdump's flag notation (S F R P in any order, then "." for ACK) into tcp
// flag bits.
func ParseFlags(s string) (uint8, error) {
	if s == "" {
		return 0, fmt.Errorf("flags: empty: want tcpdump notation such as R, R., S, F. or P.")
	}
	var f uint8
	for i, c := range s {
		var b uint8
		switch c {
		case 'S':
			b = tcp.FlagSYN
		case 'F':
			b = tcp.FlagFIN
		case 'R':
			b = tcp.FlagRST
		case 'P':
			b = tcp.FlagPSH
		case '.':
			b = tcp.FlagACK
			if i != len(s)-1 {
				return 0, fmt.Errorf("flags: %q: the ACK mark \".\" comes last", s)
			}
		default:
			return 0, fmt.Errorf("flags: %q: %q is not a flag (want S, F, R, P, and . for ACK)", s, c)
		}
		if f&b != 0 {
			return 0, fmt.Errorf("flags: %q: %q given twice", s, c)
		}
		f |= b
	}
	return f, nil
}

var (
	seqBases = []string{"next"}
	valBases = []string{"now"}
	ecrBases = []string{"echo"}
)

// validateInject checks an inject action: everything that can be known before the run. Each
// problem goes to c under its field (segment.seq …); it reports whether the action is sound.
func (a *Action) validateInject(c *checker, names map[string]bool) bool {
	fail := func(field, msg string) bool { c.fail(field, msg); return false }
	g := a.Segment
	if g == nil {
		return fail("segment", "inject needs a segment: {\"flags\": …}")
	}
	if !names[a.To] {
		return fail("to", "inject to unknown host "+strconv.Quote(a.To))
	}
	if a.To == a.Host {
		return fail("to", "inject from "+a.Host+" to itself: to names the receiving host, host the one the segment claims to come from")
	}
	flags, err := ParseFlags(g.Flags)
	if err != nil {
		return fail("segment.flags", strings.TrimPrefix(err.Error(), "flags: "))
	}
	onConn := a.Conn != ""
	if onConn {
		if _, err := connIndex(a.Conn); err != nil {
			return fail("conn", err.Error())
		}
		if g.Sport != 0 || g.Dport != 0 {
			return fail("segment.sport/dport", "only for a segment on no connection (without conn)")
		}
	} else if g.Sport < 1 || g.Sport > 65535 || g.Dport < 1 || g.Dport > 65535 {
		return fail("segment", "names no connection (conn) and no ports (sport and dport 1..65535)")
	}
	named := func(names []string) []string {
		if onConn {
			return names
		}
		return nil // on no connection, numbers are absolute: no named base
	}
	// ref checks one number of the segment; parse's message starts with the field it names
	ref := func(r Ref, field string, bases []string) bool {
		if _, err := r.parse(field, bases, refForm{}); err != nil {
			return fail(field, strings.TrimPrefix(err.Error(), field+": "))
		}
		return true
	}
	if !ref(g.Seq, "segment.seq", named(seqBases)) {
		return false
	}
	if g.Seq == "" && !onConn {
		return fail("segment.seq", "a segment on no connection needs its sequence number")
	}
	if flags&tcp.FlagACK == 0 && g.Ack != "" {
		return fail("segment.ack", "given, but the flags "+strconv.Quote(g.Flags)+" have no ACK (\".\")")
	}
	if !ref(g.Ack, "segment.ack", named(seqBases)) {
		return false
	}
	if flags&tcp.FlagACK != 0 && g.Ack == "" && !onConn {
		return fail("segment.ack", "a segment on no connection with ACK needs its ack number")
	}
	c.all([]check{{"segment.len", int64(g.Len), 0, 65495, " out of range 0..65495"},
		{"segment.mss", int64(g.MSS), 0, 65535, " out of range 0..65535 (0: none)"}})
	if g.Win != nil {
		c.all([]check{{"segment.win", int64(*g.Win), 0, 65535, " out of range 0..65535"}})
	}
	if g.WScale != nil {
		c.all([]check{{"segment.wscale", int64(*g.WScale), 0, 14, " out of range 0..14"}})
	}
	if c.err != nil {
		return false
	}
	if flags&tcp.FlagSYN == 0 && (g.MSS != 0 || g.WScale != nil || g.SackOK) {
		return fail("segment", "mss, wscale and sack_ok are SYN options: the flags "+strconv.Quote(g.Flags)+" have no S")
	}
	if g.TS != nil {
		if g.TS.Val == "" || g.TS.Ecr == "" {
			return fail("segment.ts", "needs val and ecr (a number, \"now\" for val, \"echo\" for ecr)")
		}
		return ref(g.TS.Val, "segment.ts.val", valBases) && ref(g.TS.Ecr, "segment.ts.ecr", named(ecrBases))
	}
	return true
}

// connIndex reads a trace connection name: "c0", "c1" …
func connIndex(name string) (int, error) {
	if d, ok := strings.CutPrefix(name, "c"); ok {
		if v, err := strconv.ParseUint(d, 10, 16); err == nil && (d == "0" || d[0] != '0') {
			return int(v), nil
		}
	}
	return 0, fmt.Errorf("conn %q: an inject names a connection as the trace numbers it: c0, c1 …", name)
}

// InjectEnd is what an observer of the wire knows about one end of a connection when a segment
// is injected: the model fills it from tcp.Net.ConnView, the conformance harness's forwarder
// from the kernel's segments.
type InjectEnd struct {
	Name         string // the host
	ISN          uint32
	HasISN       bool
	Next         uint32 // one past the highest seq+len+SYN+FIN it has sent
	HasNext      bool
	TSVal        uint32 // the latest TSval it sent
	HasTS        bool
	Win          uint16 // the window field of its latest segment other than a RST
	HasWin       bool
	TSNow        uint32 // its TS clock now (what "now" reads)
	TSClockShift uint32 // its TS clock minus the model's reading of it (0 in the model)
}

// Injected is an inject action's segment with absolute numbers.
type Injected struct {
	Flags        uint8
	Seq, Ack     uint32
	Len          int
	Win          uint16
	HasTS        bool
	TSVal, TSEcr uint32
	MSS          uint16
	WScale       int8 // -1: absent
	SackOK       bool
}

// Resolve gives the action's segment absolute numbers, from the claimed sender snd to the
// receiver rcv (on no connection, only the sender's TSNow is read). The action must have
// passed Validate.
func (a *Action) Resolve(snd, rcv InjectEnd) (Injected, error) {
	g := a.Segment
	flags, _ := ParseFlags(g.Flags)
	out := Injected{Flags: flags, Len: g.Len, WScale: -1, SackOK: g.SackOK, MSS: uint16(g.MSS)}
	if g.WScale != nil {
		out.WScale = int8(*g.WScale)
	}
	var err error
	if out.Seq, err = resolveSeq(g.Seq, "seq", a.Conn, snd); err != nil {
		return out, err
	}
	if flags&tcp.FlagACK != 0 {
		if out.Ack, err = resolveSeq(g.Ack, "ack", a.Conn, rcv); err != nil {
			return out, err
		}
	}
	switch {
	case g.Win != nil:
		out.Win = uint16(*g.Win)
	case flags&tcp.FlagRST == 0 && snd.HasWin:
		out.Win = snd.Win
	}
	if g.TS != nil {
		out.HasTS = true
		v, _ := g.TS.Val.parse("", valBases, refForm{})
		switch out.TSVal = uint32(v.off) + snd.TSClockShift; v.base {
		case "now":
			out.TSVal = snd.TSNow + uint32(v.off)
		case "abs": // the raw option value, as the host's own clock would not have it
			out.TSVal = uint32(v.off)
		}
		e, _ := g.TS.Ecr.parse("", ecrBases, refForm{})
		switch out.TSEcr = uint32(e.off) + rcv.TSClockShift; e.base {
		case "abs":
			out.TSEcr = uint32(e.off)
		case "echo":
			if !rcv.HasTS {
				return out, fmt.Errorf("segment.ts.ecr: %q: %s has sent no timestamp on %s", g.TS.Ecr, rcv.Name, a.Conn)
			}
			out.TSEcr = rcv.TSVal + uint32(e.off)
		}
	}
	return out, nil
}

// resolveSeq turns a seq or ack Ref into an absolute number for end e (its ISN, its next).
func resolveSeq(r Ref, field, conn string, e InjectEnd) (uint32, error) {
	if conn == "" {
		f, _ := r.parse("", nil, refForm{})
		return uint32(f.off), nil
	}
	f, _ := r.parse("", seqBases, refForm{base: "next"})
	if r == "" {
		r = "next" // the default, named as such in errors
	}
	switch f.base {
	case "abs":
		return uint32(f.off), nil
	case "next":
		if !e.HasNext {
			return 0, fmt.Errorf("segment.%s: %q: %s has sent nothing on %s yet", field, r, e.Name, conn)
		}
		return e.Next + uint32(f.off), nil
	}
	if !e.HasISN {
		return 0, fmt.Errorf("segment.%s: %q: %s has no ISN on %s yet (give \"abs:N\")", field, r, e.Name, conn)
	}
	return e.ISN + uint32(f.off), nil
}

// inject carries out an inject action at its time: it resolves the segment's numbers against
// what the wire has seen of the connection and hands the segment to Net.Inject.
func (r *runner) inject(a Action) error {
	n := r.net
	from, to := n.Host(a.Host), n.Host(a.To)
	var snd, rcv tcp.ConnEnd
	conn := trace.NoConn
	if a.Conn == "" {
		snd = tcp.ConnEnd{Host: from, Addr: from.Addr, Port: uint16(a.Segment.Sport)}
		rcv = tcp.ConnEnd{Host: to, Addr: to.Addr, Port: uint16(a.Segment.Dport)}
	} else {
		conn, _ = connIndex(a.Conn)
		cl, sv, ok := n.ConnView(conn)
		if !ok {
			return fmt.Errorf("connection %s does not exist yet", a.Conn)
		}
		switch {
		case cl.Host == from && sv.Host == to:
			snd, rcv = cl, sv
		case sv.Host == from && cl.Host == to:
			snd, rcv = sv, cl
		default:
			return fmt.Errorf("connection %s is between %s and %s, not %s and %s", a.Conn, hostName(cl.Host), hostName(sv.Host), a.Host, a.To)
		}
	}
	g, err := a.Resolve(modelEnd(snd), modelEnd(rcv))
	if err != nil {
		return err
	}
	return n.InjectOn(tcp.Segment{Src: snd.Addr, Sport: snd.Port, Dst: rcv.Addr, Dport: rcv.Port,
		Flags: g.Flags, Seq: g.Seq, Ack: g.Ack, Len: g.Len, Win: g.Win, HasTS: g.HasTS, TSVal: g.TSVal,
		TSEcr: g.TSEcr, MSS: g.MSS, WScale: g.WScale, SackOK: g.SackOK}, n.Now(), conn)
}

// hostName names a connection's end, which may be no host of the scenario (a connect() to an
// address nobody has).
func hostName(h *tcp.Host) string {
	if h == nil {
		return "no host"
	}
	return h.Name
}

func modelEnd(e tcp.ConnEnd) InjectEnd {
	return InjectEnd{Name: e.Host.Name, ISN: e.ISN, HasISN: e.HasISN, Next: e.Next, HasNext: e.HasNext,
		TSVal: e.TSVal, HasTS: e.HasTS, Win: e.Win, HasWin: e.HasWin, TSNow: e.Host.TSClock()}
}

// hasInject reports whether the scenario injects segments (its run then keeps the connection
// registry even without a trace).
func (sc *Scenario) hasInject() bool {
	for i := range sc.Actions {
		if sc.Actions[i].Op == OpInject {
			return true
		}
	}
	return false
}
