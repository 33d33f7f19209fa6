// Package tcp is finwait's model of the Linux TCP close path: full sockets, TIME_WAIT sockets,
// request sockets, listeners, their timers and counters, on hosts joined by a wire. Each rule names
// the kernel function it models (see ../../../shared/spec/close-path.md). It is pure Go: no OS, no
// wall clock; time is the sim package's virtual clock.
package tcp

import "fmt"

// State is a TCP state, numbered as in include/net/tcp_states.h.
type State uint8

// States (spec §2).
const (
	Established State = 1 + iota
	SynSent
	SynRecv
	FinWait1
	FinWait2
	TimeWait
	Close
	CloseWait
	LastAck
	Listen
	Closing
	NewSynRecv
)

var stateNames = [...]string{"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"}

// String gives the kernel's name (CLOSE, not "CLOSED").
func (s State) String() string {
	if int(s) < len(stateNames) && s != 0 {
		return stateNames[s]
	}
	return fmt.Sprintf("STATE(%d)", s)
}

// legalNext lists the transitions a full socket may make (the invariant checker uses it); an
// array indexed by state, as setState asks on every transition.
var legalNext = [...][]State{
	0:           {SynSent, SynRecv, Listen, Close},
	Close:       {SynSent, Listen, Close},
	Listen:      {Close},
	SynSent:     {Established, Close, SynRecv},
	SynRecv:     {Established, FinWait1, Close, CloseWait},
	Established: {FinWait1, CloseWait, Close},
	FinWait1:    {FinWait2, Closing, TimeWait, Close},
	FinWait2:    {TimeWait, Close},
	Closing:     {TimeWait, Close},
	CloseWait:   {LastAck, Close},
	LastAck:     {Close},
	TimeWait:    {Close, TimeWait},
}

// LegalTransition reports whether from → to is a transition the kernel can make.
func LegalTransition(from, to State) bool {
	if int(from) >= len(legalNext) {
		return false
	}
	for _, s := range legalNext[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Profile is the kernel generation being modelled.
type Profile uint8

// Profiles (spec §0).
const (
	Modern Profile = iota // Linux 6.18
	P26                   // Linux 2.6.32
)

// String gives the profile's name as the CLI and URLs spell it.
func (p Profile) String() string {
	if p == P26 {
		return "2.6"
	}
	return "modern"
}

// ParseProfile reads "modern" or "2.6".
func ParseProfile(s string) (Profile, error) {
	switch s {
	case "", "modern":
		return Modern, nil
	case "2.6":
		return P26, nil
	}
	return Modern, fmt.Errorf("unknown profile %q (want modern or 2.6)", s)
}

// Segment flags.
const (
	FlagFIN uint8 = 1 << iota
	FlagSYN
	FlagRST
	FlagPSH
	FlagACK
)

// Segment is one TCP segment on the wire (absolute sequence numbers).
type Segment struct {
	Src, Dst     uint32
	Sport, Dport uint16
	Seq, Ack     uint32
	Flags        uint8
	Len          int
	Win          uint16
	HasTS        bool
	TSVal, TSEcr uint32
	WScale       int8 // window-scale option on SYN/SYN-ACK; -1 when absent
	SackOK       bool
	MSS          uint16 // MSS option on an injected segment; 0 when absent (hosts' own SYNs: see synSegment)
	Conn         int    // trace conn index (a model convenience, not a header field)
	Note         string // why it was sent (trace only)
	// Injected marks a segment that no host sent: Net.Inject put it on the wire (a scenario's
	// crafted segment). It is traced with "injected": true and counted on no sender.
	Injected bool
}

func (s *Segment) has(f uint8) bool { return s.Flags&f != 0 }

// EndSeq is seq + len + SYN + FIN.
func (s *Segment) EndSeq() uint32 {
	e := s.Seq + uint32(s.Len)
	if s.has(FlagSYN) {
		e++
	}
	if s.has(FlagFIN) {
		e++
	}
	return e
}

// flagStrings holds FlagString for every flag combination, so naming a segment's flags on
// every transmit allocates nothing.
var flagStrings = func() (t [32]string) {
	for f := range t {
		t[f] = flagString(uint8(f))
	}
	return t
}()

// FlagString is tcpdump's notation: S, S., ., P., F., FP., R, R.
func FlagString(f uint8) string {
	if int(f) < len(flagStrings) {
		return flagStrings[f]
	}
	return flagString(f)
}

func flagString(f uint8) string {
	b := make([]byte, 0, 4)
	if f&FlagSYN != 0 {
		b = append(b, 'S')
	}
	if f&FlagFIN != 0 {
		b = append(b, 'F')
	}
	if f&FlagRST != 0 {
		b = append(b, 'R')
	}
	if f&FlagPSH != 0 {
		b = append(b, 'P')
	}
	if f&FlagACK != 0 {
		b = append(b, '.')
	}
	return string(b)
}

// Sequence-number comparisons modulo 2^32 (include/net/tcp.h: before/after).
func before(a, b uint32) bool { return int32(a-b) < 0 }
func after(a, b uint32) bool  { return int32(a-b) > 0 }

// tuple is a connection's 4-tuple seen from its local end.
type tuple struct {
	laddr, raddr uint32
	lport, rport uint16
}

func (t tuple) reverse() tuple { return tuple{t.raddr, t.laddr, t.rport, t.lport} }

// FormatAddr prints an IPv4 address.
func FormatAddr(a uint32) string {
	return fmt.Sprintf("%d.%d.%d.%d", a>>24, a>>16&255, a>>8&255, a&255)
}

// ParseAddr reads a dotted IPv4 address.
func ParseAddr(s string) (uint32, error) {
	var a uint32
	part, digits, dots := uint32(0), 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digits == 0 || part > 255 {
				return 0, fmt.Errorf("address %q is not a dotted IPv4 address", s)
			}
			a = a<<8 | part
			part, digits = 0, 0
			if i < len(s) {
				dots++
			}
			continue
		}
		c := s[i]
		if c < '0' || c > '9' || digits == 3 {
			return 0, fmt.Errorf("address %q is not a dotted IPv4 address", s)
		}
		part = part*10 + uint32(c-'0')
		digits++
	}
	if dots != 3 {
		return 0, fmt.Errorf("address %q is not a dotted IPv4 address", s)
	}
	return a, nil
}
