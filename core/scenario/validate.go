package scenario

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"finwait/core/tcp"
	"finwait/core/wire"
)

// One validation for every entry point: Parse (scenario files in the CLI, the desktop app and
// the web page) and Run (every run, catalog and what-if edits included) both check a scenario
// here, and every duration is read by ParseDuration. The limits are in limits.go.

// ValidationError is a scenario value a run cannot take. It names where the value is, as a
// path such as actions[3].at or wire.delays.A>B, and — for a scenario read from a file — the
// line and column.
type ValidationError struct {
	Scenario  string
	Path      string
	Line, Col int // 0 when the scenario was not read from a file
	Msg       string
	segs      []string // Path in parts: field names and [index]
}

func (e *ValidationError) Error() string {
	where := ""
	if e.Line > 0 {
		where = fmt.Sprintf("line %d, column %d: ", e.Line, e.Col)
	}
	if e.Path == "" {
		return fmt.Sprintf("scenario %s: %s%s", e.Scenario, where, e.Msg)
	}
	return fmt.Sprintf("scenario %s: %s%s: %s", e.Scenario, where, e.Path, e.Msg)
}

// checker collects the first problem found, with its path.
type checker struct {
	sc  *Scenario
	err *ValidationError
}

// fail records a problem at the path given in parts ("actions", 3, "at").
func (c *checker) fail(msg string, parts ...any) {
	if c.err != nil {
		return
	}
	segs := make([]string, 0, len(parts))
	var path strings.Builder
	for _, p := range parts {
		s := fmt.Sprint(p)
		if i, ok := p.(int); ok {
			s = "[" + strconv.Itoa(i) + "]"
		} else if path.Len() > 0 {
			path.WriteByte('.')
		}
		path.WriteString(s)
		segs = append(segs, s)
	}
	c.err = &ValidationError{Scenario: c.sc.Name, Path: path.String(), Msg: msg, segs: segs}
}

// duration checks a duration field: 0 ≤ d ≤ MaxDuration (ParseDuration makes sure of it for
// files; a scenario built in Go is checked here).
func (c *checker) duration(d Duration, parts ...any) {
	if d < 0 {
		c.fail(fmt.Sprintf("duration %s is negative", d), parts...)
	} else if d > MaxDuration {
		c.fail(fmt.Sprintf("duration %s is longer than the maximum %s", d, MaxDuration), parts...)
	}
}

func (c *checker) bytes(n int, parts ...any) {
	if n < 0 || n > MaxBytes {
		c.fail(fmt.Sprintf("%d bytes: want 0 to %d (1 GiB)", n, MaxBytes), parts...)
	}
}

// Validate checks a scenario for what a run cannot take, against the default horizon; the error
// (a *ValidationError) names the first problem and where it is.
func (sc *Scenario) Validate() error { return sc.validate(Horizon) }

func (sc *Scenario) validate(horizon Duration) error {
	c := &checker{sc: sc}
	if sc.Name == "" {
		c.fail("scenario has no name", "name")
	}
	for i, p := range sc.Profiles {
		if _, err := tcp.ParseProfile(p); err != nil || p == "" {
			c.fail(fmt.Sprintf("unknown profile %q (want modern or 2.6)", p), "profiles", i)
		}
	}
	if len(sc.Hosts) == 0 {
		c.fail("no hosts", "hosts")
	}
	names := map[string]bool{}
	for i, h := range sc.Hosts {
		c.host(i, h, names)
	}
	c.wire(names)
	for i, a := range sc.Actions {
		c.action(i, a, names, horizon)
	}
	if c.err != nil {
		return c.err
	}
	return nil
}

func (c *checker) host(i int, h HostSpec, names map[string]bool) {
	switch {
	case h.Name == "":
		c.fail("host has no name", "hosts", i, "name")
	case names[h.Name]:
		c.fail(fmt.Sprintf("host name %q used twice", h.Name), "hosts", i, "name")
	}
	names[h.Name] = true
	if _, err := tcp.ParseAddr(h.Addr); err != nil {
		c.fail(err.Error(), "hosts", i, "addr")
	}
	if h.HZ < 0 || h.HZ > 10000 {
		c.fail(fmt.Sprintf("hz %d out of range 1..10000", h.HZ), "hosts", i, "hz")
	}
	if o := h.TSClockOffsetMs; o < -math.MaxUint32 || o > math.MaxUint32 {
		c.fail(fmt.Sprintf("%d ms: want -%d to %d (the timestamp clock has 32 bits)", o, uint32(math.MaxUint32), uint32(math.MaxUint32)), "hosts", i, "ts_clock_offset_ms")
	}
	for _, k := range sortedKeys(h.Sysctls) {
		// a sysctl that one of the scenario's profiles has, with a value it takes; one that only
		// the other profile has is refused when a run asks for that profile (start)
		var first error
		for _, name := range c.sc.ProfilesOf() {
			p, _ := tcp.ParseProfile(name)
			s := tcp.DefaultSysctls(p)
			_, err := s.Set(p, k, h.Sysctls[k])
			if err == nil {
				first = nil
				break
			}
			if first == nil {
				first = err
			}
		}
		if first != nil {
			c.fail(first.Error(), "hosts", i, "sysctls", k)
		}
	}
	if d := h.App.CloseOnEOF; d != nil {
		c.duration(*d, "hosts", i, "app", "close_on_eof")
	}
	c.bytes(h.App.Reply, "hosts", i, "app", "reply")
}

// delayOf is the one-way delay from one host to another.
func (sc *Scenario) delayOf(from, to string) Duration {
	if d, ok := sc.Wire.Delays[from+">"+to]; ok {
		return d
	}
	return sc.Wire.Delay
}

func (c *checker) wire(names map[string]bool) {
	w := &c.sc.Wire
	c.duration(w.Delay, "wire", "delay")
	for _, dir := range sortedKeys(durationKeys(w.Delays)) {
		a, b, ok := strings.Cut(dir, ">")
		if !ok || !names[a] || !names[b] {
			c.fail(fmt.Sprintf("direction %q: want \"A>B\" with known host names", dir), "wire", "delays", dir)
		}
		c.duration(w.Delays[dir], "wire", "delays", dir)
	}
	for i, r := range w.Rules {
		if err := r.Validate(); err != nil {
			var fe *wire.FieldError
			if errors.As(err, &fe) {
				c.fail(fe.Msg, "wire", "rules", i, fe.Field)
			} else {
				c.fail(err.Error(), "wire", "rules", i)
			}
		}
		if r.From != "" && !names[r.From] {
			c.fail(fmt.Sprintf("unknown host %q", r.From), "wire", "rules", i, "from")
		}
		if r.To != "" && !names[r.To] {
			c.fail(fmt.Sprintf("unknown host %q", r.To), "wire", "rules", i, "to")
		}
		if r.Start > int64(MaxDuration) {
			c.fail(fmt.Sprintf("%d µs is after the maximum %s: the rule would never apply", r.Start, MaxDuration), "wire", "rules", i, "start_us")
		}
		if r.Action != wire.Delay && r.Action != wire.Duplicate || r.Extra > int64(MaxDuration) {
			continue // too large an extra_us alone: r.Validate said so
		}
		// a segment this rule delays arrives the direction's delay plus extra_us after it left
		// (a duplicate as long after the first copy): the sum must be a duration too
		for _, from := range c.sc.Hosts {
			for _, to := range c.sc.Hosts {
				if from.Name == to.Name || r.From != "" && r.From != from.Name || r.To != "" && r.To != to.Name {
					continue
				}
				d := c.sc.delayOf(from.Name, to.Name)
				if d < 0 || d > MaxDuration {
					continue // reported at the delay
				}
				if sum := d + Duration(r.Extra); sum > MaxDuration {
					c.fail(fmt.Sprintf("a segment %s>%s would take %s (delay %s plus %s), more than the maximum %s",
						from.Name, to.Name, sum, d, Duration(r.Extra), MaxDuration), "wire", "rules", i, "extra_us")
				}
			}
		}
	}
	if nat := w.NAT; nat != nil {
		if _, err := tcp.ParseAddr(nat.Addr); err != nil {
			c.fail(err.Error(), "wire", "nat", "addr")
		}
		for i, hn := range nat.Hosts {
			if !names[hn] {
				c.fail(fmt.Sprintf("unknown host %q", hn), "wire", "nat", "hosts", i)
			}
		}
		for _, hn := range sortedKeys(intKeys(nat.Ports)) {
			if p := nat.Ports[hn]; p < 1 || p > 65535 {
				c.fail(fmt.Sprintf("port %d out of range 1..65535", p), "wire", "nat", "ports", hn)
			}
		}
	}
}

func (c *checker) action(i int, a Action, names map[string]bool, horizon Duration) {
	at := func(field string) []any { return []any{"actions", i, field} }
	if !names[a.Host] {
		c.fail(fmt.Sprintf("unknown host %q", a.Host), at("host")...)
	}
	c.duration(a.At, at("at")...)
	if a.At > horizon {
		c.fail(fmt.Sprintf("%s (%s on %s) is after the run's horizon %s: it would never run", a.At, a.Op, a.Host, horizon), at("at")...)
	}
	c.duration(a.Every, at("every")...)
	c.duration(a.RetryEvery, at("retry_every")...)
	if a.CloseAfter != nil {
		c.duration(*a.CloseAfter, at("close_after")...)
	}
	c.bytes(a.Bytes, at("bytes")...)
	c.bytes(a.Chunk, at("chunk")...)
	port := func() {
		if a.Port < 1 || a.Port > 65535 {
			c.fail(fmt.Sprintf("port %d out of range 1..65535", a.Port), at("port")...)
		}
	}
	switch a.Op {
	case OpListen, OpBind:
		port()
	case OpConnect:
		if !names[a.To] {
			c.fail(fmt.Sprintf("connect to unknown host %q", a.To), at("to")...)
		}
		port()
	case OpReadLoop:
		if a.Every <= 0 {
			c.fail("read_loop needs every > 0", at("every")...)
		}
	case OpSetsockopt:
		// optval is a C int: larger values could not be given to Linux, and would overflow
		// when the model turns seconds into microseconds (SO_LINGER, TCP_LINGER2)
		for _, v := range []struct {
			field string
			n     int
		}{{"value", a.Value}, {"value2", a.Value2}} {
			if v.n < math.MinInt32 || v.n > math.MaxInt32 {
				c.fail(fmt.Sprintf("%d is not a C int (%d to %d)", v.n, math.MinInt32, math.MaxInt32), at(v.field)...)
			}
		}
		if a.Opt == "SO_SNDBUF" || a.Opt == "SO_RCVBUF" {
			c.bytes(a.Value, at("value")...)
		}
	case OpSend, OpRecv, OpClose, OpShutdown, OpSysctl, OpFork, OpKill:
	default:
		c.fail(fmt.Sprintf("unknown op %q", a.Op), at("op")...)
	}
	if a.Conn == "" && a.Op != OpSysctl && a.Op != OpFork && a.Op != OpKill {
		c.fail(fmt.Sprintf("%s names no socket", a.Op), at("conn")...)
	}
}

func durationKeys(m map[string]Duration) map[string]string {
	out := make(map[string]string, len(m))
	for k := range m {
		out[k] = ""
	}
	return out
}

func intKeys(m map[string]int) map[string]string {
	out := make(map[string]string, len(m))
	for k := range m {
		out[k] = ""
	}
	return out
}

// locate finds where a validation error's path is in the file: the value it names, or the
// nearest enclosing value present (a field left out is reported at its object).
func (e *ValidationError) locate(root jsonValue, data []byte) {
	v := root
	for _, s := range e.segs {
		if strings.HasPrefix(s, "[") {
			i, err := strconv.Atoi(strings.Trim(s, "[]"))
			if err != nil || v.kind != '[' || i >= len(v.items) {
				break
			}
			v = v.items[i]
			continue
		}
		found := false
		for _, m := range v.members {
			if m.key == s {
				v, found = m.val, true
				break
			}
		}
		if !found {
			break
		}
	}
	e.Line, e.Col = lineCol(data, int64(v.off))
}

// ParseDuration reads a duration as scenario files, URLs and messages give it: a Go duration
// ("540ms", "1.25s") or a bare number of seconds ("60.54"). It is the only reader of
// durations, so every build agrees: NaN, infinities, negative durations, durations under 1 µs
// (the model's clock tick) and durations longer than MaxDuration are refused with a message
// saying which, and no float reaches an integer conversion out of range (Go leaves that to the
// platform, and amd64 and wasm disagree).
func ParseDuration(s string) (Duration, error) {
	s = strings.TrimSpace(s)
	f, err := strconv.ParseFloat(s, 64)
	if err == nil || errors.Is(err, strconv.ErrRange) {
		return seconds(f, s)
	}
	td, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return 0, fmt.Errorf("duration %q: want a Go duration such as 540ms or 1.25s, or a number of seconds, at most %s", s, MaxDuration)
	case td < 0:
		return 0, fmt.Errorf("duration %q is negative", s)
	case td > time.Duration(MaxDuration)*time.Microsecond:
		return 0, fmt.Errorf("duration %q is longer than the maximum %s", s, MaxDuration)
	case td > 0 && td < time.Microsecond:
		return 0, fmt.Errorf("duration %q is shorter than 1µs, the model's clock tick", s)
	}
	return Duration(td / time.Microsecond), nil
}

// seconds converts a number of seconds, checked before any conversion to an integer.
func seconds(f float64, s string) (Duration, error) {
	switch {
	case math.IsNaN(f):
		return 0, fmt.Errorf("duration %q is not a number", s)
	case f < 0:
		return 0, fmt.Errorf("duration %q is negative", s)
	case math.IsInf(f, 1) || f*1e6 > float64(MaxDuration):
		return 0, fmt.Errorf("duration %q is longer than the maximum %s", s, MaxDuration)
	case f > 0 && f*1e6 < 1:
		return 0, fmt.Errorf("duration %q is shorter than 1µs, the model's clock tick", s)
	}
	return Duration(f * 1e6), nil
}
