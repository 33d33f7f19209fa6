// Package scenario holds finwait's scenarios as data — hosts, wire, timed application actions — the
// catalog of spec §17, and Run, which turns a scenario into a trace.
package scenario

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"finwait/core/wire"
)

// Duration is a virtual duration in microseconds. In JSON it is a Go duration string ("200ms",
// "1.5s") or a bare number of seconds, as in the design's conventions.
type Duration int64

// Ms is a convenience constructor.
func Ms(ms float64) Duration { return Duration(ms * 1000) }

// MarshalJSON writes a Go duration string. (Neither JSON method uses encoding/json: Duration's
// methods are linked into the web page, which decodes no scenario files.)
func (d Duration) MarshalJSON() ([]byte, error) {
	// a duration string has no characters that JSON escapes
	return []byte(`"` + (time.Duration(d) * time.Microsecond).String() + `"`), nil
}

// UnmarshalJSON reads a Go duration string or a number of seconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if strings.HasPrefix(s, `"`) {
		str, err := strconv.Unquote(s)
		if err != nil {
			return fmt.Errorf("duration %s: not a plain string", s)
		}
		v, err := ParseDuration(str)
		if err != nil {
			return err
		}
		*d = v
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("duration %s: want a Go duration string such as \"200ms\" or a number of seconds", s)
	}
	*d = Duration(f * 1e6)
	return nil
}

// ParseDuration reads "540ms", "1.25s" or a bare number of seconds ("60.54").
func ParseDuration(s string) (Duration, error) {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 0 {
			return 0, fmt.Errorf("duration %q is negative", s)
		}
		return Duration(f * 1e6), nil
	}
	td, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("duration %q: want a Go duration such as 540ms or 1.25s, or a number of seconds", s)
	}
	if td < 0 {
		return 0, fmt.Errorf("duration %q is negative", s)
	}
	return Duration(td / time.Microsecond), nil
}

// Scenario is one runnable story.
type Scenario struct {
	Name     string     `json:"name"`
	Summary  string     `json:"summary"`
	Profiles []string   `json:"profiles,omitempty"` // profiles it exists in; empty = modern and 2.6
	Hosts    []HostSpec `json:"hosts"`
	Wire     WireSpec   `json:"wire"`
	Actions  []Action   `json:"actions"`
}

// HostSpec is one host: its address, timer frequency, sysctls and its application's habits.
type HostSpec struct {
	Name    string            `json:"name"`
	Addr    string            `json:"addr"`
	HZ      int               `json:"hz,omitempty"`      // 0 = 1000
	Sysctls map[string]string `json:"sysctls,omitempty"` // net.ipv4 names without the prefix
	// TSClockOffsetMs shifts this host's timestamp clock (TSval), e.g. for hosts behind a NAT.
	TSClockOffsetMs int64     `json:"ts_clock_offset_ms,omitempty"`
	App             AppPolicy `json:"app"`
}

// AppPolicy says how a host's application treats its connections without explicit actions.
type AppPolicy struct {
	Accept      bool      `json:"accept"`                  // accept() every connection at once
	Read        bool      `json:"read"`                    // read whatever arrives at once
	CloseOnEOF  *Duration `json:"close_on_eof,omitempty"`  // close() this long after recv() returns 0
	Reply       int       `json:"reply,omitempty"`         // send this many bytes back after each read of data
	CloseOnData bool      `json:"close_on_data,omitempty"` // close() after the first read that returned data
}

// WireSpec is the link: one-way delay per direction, drop/delay/duplicate rules and an optional NAT.
type WireSpec struct {
	Delay  Duration            `json:"delay"`            // one-way delay, each way
	Delays map[string]Duration `json:"delays,omitempty"` // per direction "A>B", overriding Delay
	Rules  []wire.Rule         `json:"rules,omitempty"`
	NAT    *wire.NAT           `json:"nat,omitempty"`
}

// Op names an application action.
type Op string

// Application actions (spec §1.5).
const (
	OpListen     Op = "listen"     // Port, Backlog
	OpConnect    Op = "connect"    // To (host), Port; RetryEvery > 0 retries a failing connect(); Bytes: request sent once established
	OpSend       Op = "send"       // Bytes; NonBlock with Chunk: write Chunk-byte pieces until EAGAIN
	OpRecv       Op = "recv"       // Bytes (0 = all)
	OpReadLoop   Op = "read_loop"  // read Bytes every Every until end of file; then close after CloseAfter if set
	OpClose      Op = "close"      //
	OpShutdown   Op = "shutdown"   // How: SHUT_RD, SHUT_WR, SHUT_RDWR
	OpSetsockopt Op = "setsockopt" // Opt, Value, Value2
	OpSysctl     Op = "sysctl"     // Name, Setting
	OpFork       Op = "fork"       // Child: the new process shares every fd of Proc
	OpKill       Op = "kill"       // SIGKILL: the process exits, each fd closed as if by close() (spec §3.1)
	OpBind       Op = "bind"       // Port
	// OpInject (inject.go): To, Conn, Segment
)

// Action is one application call at a virtual time.
type Action struct {
	At   Duration `json:"at"`
	Host string   `json:"host"`
	Proc string   `json:"proc,omitempty"` // owning process; "" = "app"
	Op   Op       `json:"op"`
	Conn string   `json:"conn,omitempty"` // socket handle: a connection name (c0 …) or a listener name

	To         string    `json:"to,omitempty"`
	Port       int       `json:"port,omitempty"`
	Backlog    int       `json:"backlog,omitempty"`
	Bytes      int       `json:"bytes,omitempty"`
	NonBlock   bool      `json:"nonblock,omitempty"`
	Chunk      int       `json:"chunk,omitempty"`
	How        string    `json:"how,omitempty"`
	Opt        string    `json:"opt,omitempty"`
	Value      int       `json:"value,omitempty"`
	Value2     int       `json:"value2,omitempty"`
	Name       string    `json:"name,omitempty"`
	Setting    string    `json:"setting,omitempty"`
	Child      string    `json:"child,omitempty"`
	Every      Duration  `json:"every,omitempty"`
	RetryEvery Duration  `json:"retry_every,omitempty"`
	CloseAfter *Duration `json:"close_after,omitempty"` // connect: close this long after ESTABLISHED; read_loop: after EOF
	// Segment is an inject action's crafted segment (inject.go); Host is the side it claims
	// to come from, To the host it arrives at, Conn the connection as the trace numbers it.
	Segment *InjectSpec `json:"segment,omitempty"`
}

// String prints the duration as Go does ("500ms", "1.5s").
func (d Duration) String() string { return (time.Duration(d) * time.Microsecond).String() }
