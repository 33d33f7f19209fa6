// Package pkt reads packetdrill scripts and runs them against the modern model.
//
// A packetdrill script (google/packetdrill) pins TCP behaviour as a timed list of events: system
// calls the local application makes with their expected results, segments the remote end sends
// ("<" lines) and segments the local kernel must send (">" lines). Here the local host is a
// finwait host (core/tcp, modern profile); "<" lines are injected at their times through the
// host's full input path; ">" lines are checked with packetdrill's own rules (see Run).
//
// The API, used by the CLI (finwait pkt), the page and the desktop app:
//
//	s, err := pkt.Parse(name, src) // err is a *pkt.Error with Line, Col, Msg
//	res, err := pkt.Run(s)         // res.Lines: one Verdict per event line; res.OK: all met
//
// Parse rejects, at their line and column, every construct the model cannot honour: shell
// commands other than plain `sysctl -q name=value`, %{ }% Python blocks, script options, system
// calls, socket options and TCP options the model lacks. Nothing is skipped silently.
//
// The package is pure (no os, net, syscall, wall clock) and lean: it is linked into the web page.
package pkt

import (
	"strconv"

	"finwait/core/tcp"
)

// Error is a script error at a line and column (1-based; Col 0 when the whole line is meant).
type Error struct {
	Line, Col int
	Msg       string
}

// Error formats the error as "line:col: message", or the message alone for a whole run's error
// (line 0: an invariant broken, a bound reached).
func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col) + ": " + e.Msg
}

func errAt(line, col int, msg string) *Error { return &Error{Line: line, Col: col, Msg: msg} }

// TimeKind says how an event's time is written.
type TimeKind uint8

// Event time kinds (packetdrill's event_time_t).
const (
	Absolute      TimeKind = iota // 0.1
	Relative                      // +0.1
	AbsoluteRange                 // 0.1~0.2 (outbound packets only)
	RelativeRange                 // +0.1~+0.2 (outbound packets only)
	AnyTime                       // * (outbound packets only)
)

// Event kinds, also the Verdict kinds.
const (
	KindInbound  = "inbound"
	KindOutbound = "outbound"
	KindSyscall  = "syscall"
	KindSysctl   = "sysctl"
)

// Script is a parsed packetdrill script.
type Script struct {
	Name string
	// Tolerance is --tolerance_usecs (packetdrill's default 4000 µs); TolerancePercent is
	// --tolerance_percent (default 12.5): a time is met within the larger of Tolerance and that
	// share of the time since the previous event. TSTick is --tcp_ts_tick_usecs: when set, an
	// outbound TSval is checked (0: not checked, packetdrill's default).
	Tolerance        int64
	TolerancePercent float64
	TSTick           int64
	// StrictSegments is --strict_segments: an outbound line is one segment, never several
	// consecutive ones taken together as a TSO/GSO segment.
	StrictSegments bool
	BindPort       uint16 // --bind_port (8080)
	ConnectPort    uint16 // --connect_port (8080)
	// Sysctls are the backquoted `sysctl -q` settings before the first event, in order.
	Sysctls []Sysctl
	Events  []Event
}

// Event is one timed line of a script.
type Event struct {
	Line, Col int    // where its time starts
	Text      string // the source line, blanks trimmed
	Kind      string // KindInbound, KindOutbound, KindSyscall or KindSysctl
	Time      TimeKind
	T, TEnd   int64 // µs as written (TEnd for ranges)
	// Blocking is set for a system call written "start...end": End is its return time (µs,
	// absolute, or relative to the same base as T when T is relative).
	Blocking bool
	End      int64
	Packet   *Packet
	Call     *Call
	Sysctl   []Sysctl
}

// TCP flag bits: the model's own (core/tcp).
const (
	FlagFIN = tcp.FlagFIN
	FlagSYN = tcp.FlagSYN
	FlagRST = tcp.FlagRST
	FlagPSH = tcp.FlagPSH
	FlagACK = tcp.FlagACK
)

// Packet is a "<" or ">" line.
type Packet struct {
	Outbound bool
	Flags    uint8
	Seq      uint32 // start sequence number as written
	Len      int
	HasAck   bool
	Ack      uint32
	Win      int // -1: not written (not checked on outbound)
	// AnyOpts is "<...>": options not checked (outbound only). Otherwise Opts is the exact list,
	// empty when none is written.
	AnyOpts bool
	Opts    []Opt
}

// Opt is one TCP option of a packet line.
type Opt struct {
	Kind   string // "mss", "wscale", "sackOK", "TS", "nop", "eol", "sack"
	V1, V2 uint32 // mss value, wscale shift, TS val and ecr
	Blocks [][2]uint32
}

// String writes the option as packetdrill does.
func (o Opt) String() string {
	u := func(v uint32) string { return strconv.FormatUint(uint64(v), 10) }
	switch o.Kind {
	case "mss", "wscale":
		return o.Kind + " " + u(o.V1)
	case "TS":
		return "TS val " + u(o.V1) + " ecr " + u(o.V2)
	case "sack":
		s := "sack"
		for _, b := range o.Blocks {
			s += " " + u(b[0]) + ":" + u(b[1])
		}
		return s
	}
	return o.Kind
}

// Call is a system call line: name, the arguments the model needs, the expected result.
type Call struct {
	Name string
	Fd   int // the socket's file descriptor (socket(): none, the result is the new fd)
	// Opt is the socket option (setsockopt, getsockopt), the fcntl command or the ioctl request.
	Opt string
	// Val, Val2 are the option value (SO_LINGER: l_onoff, l_linger), the byte count of read,
	// write, send, recv, the listen backlog; HasVal says Val was given (getsockopt's expected value).
	Val, Val2 int
	HasVal    bool
	NonBlock  bool   // fcntl F_SETFL: O_NONBLOCK set
	How       string // shutdown: SHUT_RD, SHUT_WR, SHUT_RDWR
	Ret       int64  // expected return value
	Errno     string // expected errno name when Ret is -1, or ""
}

// Sysctl is one name=value of a `sysctl -q` line.
type Sysctl struct {
	Line, Col int
	Text      string // the whole source line, blanks trimmed
	Name      string // without the "net.ipv4." prefix
	Value     string
}
