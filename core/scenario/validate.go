package scenario

import (
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"finwait/core/tcp"
	"finwait/core/wire"
)

// One validation for every entry point: Parse (scenario files in the CLI, the desktop app and
// the web page) and Run (every run, catalog and what-if edits included) both check a scenario
// here, and every duration is read by ParseDuration. The limits are in limits.go. (Messages are
// joined with + rather than fmt: this code is linked into the web page, whose size is counted.)

// ValidationError is a scenario value a run cannot take. It names where the value is, as a
// path such as actions[3].at or wire.delays.A>B, and — for a scenario read from a file — the
// line and column.
type ValidationError struct {
	Scenario  string
	Path      string
	Line, Col int // 0 when the scenario was not read from a file
	Msg       string
}

func (e *ValidationError) Error() string {
	s := ""
	if e.Scenario != "" {
		s = "scenario " + e.Scenario + ": "
	}
	if e.Line > 0 {
		s += "line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Col) + ": "
	}
	if e.Path != "" {
		s += e.Path + ": "
	}
	return s + e.Msg
}

// checker keeps the first problem found.
type checker struct {
	sc  *Scenario
	at  string // the path of what is being checked, up to the field: "actions[3]."
	err *ValidationError
}

// fail records a problem in field (a path part after c.at). Not inlined: it is called from
// many places, and each copy would cost the page's download.
//
//go:noinline
func (c *checker) fail(field, msg string) {
	if c.err == nil {
		c.err = &ValidationError{Scenario: c.sc.Name, Path: c.at + field, Msg: msg}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// check is one field's range: lo ≤ v ≤ hi, or the message v followed by what ("" for a
// duration: its own messages).
type check struct {
	field  string
	v      int64
	lo, hi int64
	what   string
}

const maxDur = int64(MaxDuration)

// all runs a table of range checks (a table rather than a call each: smaller in the page).
//
//go:noinline
func (c *checker) all(cs []check) {
	for _, k := range cs {
		switch {
		case k.v >= k.lo && k.v <= k.hi:
		case k.what == "":
			c.duration(k.field, Duration(k.v))
		default:
			c.fail(k.field, itoa(k.v)+k.what)
		}
	}
}

const (
	bytesRange = " bytes: want 0 to 1073741824 (1 GiB)"        // MaxBytes
	cIntRange  = " is not a C int (-2147483648 to 2147483647)" // optval
	portRange  = ": port out of range 1..65535"                // ports
	maxText    = "4h0m0s"                                      // MaxDuration
	tsRange    = " ms: want -4294967295 to 4294967295 (the timestamp clock has 32 bits)"
)

// duration checks a duration field: 0 ≤ d ≤ MaxDuration (ParseDuration makes sure of it for
// files; a scenario built in Go is checked here).
//
//go:noinline
func (c *checker) duration(field string, d Duration) {
	if d < 0 {
		c.fail(field, "duration "+d.String()+" is negative")
	} else if d > MaxDuration {
		c.fail(field, "duration "+d.String()+" is longer than the maximum "+maxText)
	}
}

// Validate checks a scenario for what a run cannot take, against the default horizon; the error
// (a *ValidationError) names the first problem and where it is.
func (sc *Scenario) Validate() error {
	if err := sc.validate(Horizon); err != nil {
		return err
	}
	return nil
}

func (sc *Scenario) validate(horizon Duration) *ValidationError {
	c := &checker{sc: sc}
	if sc.Name == "" {
		c.fail("name", "scenario has no name")
	}
	for i, p := range sc.Profiles {
		if p != "modern" && p != "2.6" {
			c.fail("profiles"+ix(i), "unknown profile "+strconv.Quote(p)+" (want modern or 2.6)")
		}
	}
	if len(sc.Hosts) == 0 {
		c.fail("hosts", "no hosts")
	}
	names := map[string]bool{}
	for i := range sc.Hosts {
		c.at = "hosts" + ix(i) + "."
		c.host(&sc.Hosts[i], names)
	}
	c.at = "wire."
	c.wire(names)
	for i := range sc.Actions {
		c.at = "actions" + ix(i) + "."
		c.action(&sc.Actions[i], names, horizon)
	}
	return c.err
}

// ix is a path part for a list index: [3].
func ix(i int) string { return "[" + strconv.Itoa(i) + "]" }

func (c *checker) host(h *HostSpec, names map[string]bool) {
	if h.Name == "" || names[h.Name] {
		c.fail("name", "host name "+strconv.Quote(h.Name)+" is empty or used twice")
	}
	names[h.Name] = true
	if _, err := tcp.ParseAddr(h.Addr); err != nil {
		c.fail("addr", err.Error())
	}
	closeOnEOF := Duration(0)
	if h.App.CloseOnEOF != nil {
		closeOnEOF = *h.App.CloseOnEOF
	}
	c.all([]check{
		{"hz", int64(h.HZ), 0, 10000, ": hz out of range 1..10000"},
		{"ts_clock_offset_ms", h.TSClockOffsetMs, -math.MaxUint32, math.MaxUint32, tsRange},
		{"app.close_on_eof", int64(closeOnEOF), 0, maxDur, ""},
		{"app.reply", int64(h.App.Reply), 0, MaxBytes, bytesRange},
	})
	for _, k := range keys(h.Sysctls) {
		// a sysctl that one of the scenario's profiles has, with a value it takes; one that only
		// the other profile has is refused when a run asks for that profile (start)
		var first error
		for _, name := range c.sc.ProfilesOf() {
			p, _ := tcp.ParseProfile(name)
			s := tcp.DefaultSysctls(p)
			if _, first = s.Set(p, k, h.Sysctls[k]); first == nil {
				break
			}
		}
		if first != nil {
			c.fail("sysctls."+k, first.Error())
		}
	}
}

// keys are a map's keys, sorted (a problem found is then the same on every run).
//
//go:noinline
func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m { // map order: sorted below
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// longestDelay is the longest one-way delay among the directions between hosts that a rule
// from → to ("" = any) can match, and where it is.
//
//go:noinline
func (sc *Scenario) longestDelay(from, to string) (Duration, string) {
	best, dir := Duration(-1), ""
	for _, a := range sc.Hosts {
		for _, b := range sc.Hosts {
			if a.Name == b.Name || from != "" && from != a.Name || to != "" && to != b.Name {
				continue
			}
			d, ok := sc.Wire.Delays[a.Name+">"+b.Name]
			if !ok {
				d = sc.Wire.Delay
			}
			if d > best {
				best, dir = d, a.Name+">"+b.Name
			}
		}
	}
	return best, dir
}

func (c *checker) wire(names map[string]bool) {
	w := &c.sc.Wire
	c.duration("delay", w.Delay)
	for _, dir := range keys(w.Delays) {
		a, b, ok := strings.Cut(dir, ">")
		if !ok || !names[a] || !names[b] {
			c.fail("delays."+dir, "direction "+strconv.Quote(dir)+": want \"A>B\" with known host names")
		}
		c.duration("delays."+dir, w.Delays[dir])
	}
	for i, r := range w.Rules {
		c.at = "wire.rules" + ix(i) + "."
		if err := r.Validate(); err != nil {
			fe, _ := err.(*wire.FieldError) // Validate's errors are all *wire.FieldError
			c.fail(fe.Field, fe.Msg)
		}
		for _, h := range [...]struct{ field, name string }{{"from", r.From}, {"to", r.To}} {
			if h.name != "" && !names[h.name] {
				c.fail(h.field, "unknown host "+strconv.Quote(h.name))
			}
		}
		c.all([]check{{"start_us", r.Start, 0, maxDur, " µs: want 0 to 14400000000 (4 h)"}})
		// a segment this rule delays arrives the direction's delay plus extra_us after it left
		// (a duplicate as long after the first copy): the sum must be a duration too
		d, dir := c.sc.longestDelay(r.From, r.To)
		if sum := d + Duration(r.Extra); r.Action != wire.Drop && d >= 0 && d <= MaxDuration && r.Extra <= maxDur && sum > MaxDuration {
			c.fail("extra_us", "with the "+dir+" delay of "+d.String()+" a segment would take "+sum.String()+", more than the maximum "+maxText)
		}
	}
	c.at = "wire."
	if nat := w.NAT; nat != nil {
		if _, err := tcp.ParseAddr(nat.Addr); err != nil {
			c.fail("nat.addr", err.Error())
		}
		for i, hn := range nat.Hosts {
			if !names[hn] {
				c.fail("nat.hosts"+ix(i), "unknown host "+strconv.Quote(hn))
			}
		}
		for _, hn := range keys(nat.Ports) {
			c.all([]check{{"nat.ports." + hn, int64(nat.Ports[hn]), 1, 65535, portRange}})
		}
	}
}

func (c *checker) action(a *Action, names map[string]bool, horizon Duration) {
	if !names[a.Host] {
		c.fail("host", "unknown host "+strconv.Quote(a.Host))
	}
	closeAfter := Duration(0)
	if a.CloseAfter != nil {
		closeAfter = *a.CloseAfter
	}
	// optval is a C int: larger values could not be given to Linux, and would overflow when
	// the model turns seconds into microseconds (SO_LINGER, TCP_LINGER2)
	c.all([]check{
		{"at", int64(a.At), 0, maxDur, ""},
		{"every", int64(a.Every), 0, maxDur, ""},
		{"retry_every", int64(a.RetryEvery), 0, maxDur, ""},
		{"close_after", int64(closeAfter), 0, maxDur, ""},
		{"bytes", int64(a.Bytes), 0, MaxBytes, bytesRange},
		{"chunk", int64(a.Chunk), 0, MaxBytes, bytesRange},
		{"value", int64(a.Value), math.MinInt32, math.MaxInt32, cIntRange},
		{"value2", int64(a.Value2), math.MinInt32, math.MaxInt32, cIntRange},
	})
	if a.At > horizon {
		c.fail("at", a.At.String()+" ("+string(a.Op)+" on "+a.Host+") is after the run's horizon "+horizon.String()+": it would never run")
	}
	switch a.Op {
	case OpListen, OpBind, OpConnect:
		if a.Op == OpConnect && !names[a.To] {
			c.fail("to", "connect to unknown host "+strconv.Quote(a.To))
		}
		c.all([]check{{"port", int64(a.Port), 1, 65535, portRange}})
	case OpReadLoop:
		if a.Every <= 0 {
			c.fail("every", "read_loop needs every > 0")
		}
	case OpSetsockopt:
		if a.Opt == "SO_SNDBUF" || a.Opt == "SO_RCVBUF" {
			c.all([]check{{"value", int64(a.Value), 0, MaxBytes, bytesRange}})
		}
	case OpSend, OpRecv, OpClose, OpShutdown, OpSysctl, OpFork, OpKill:
	case OpInject:
		a.validateInject(c, names) // conn is optional: a segment on no connection names its ports
		return
	default:
		c.fail("op", "unknown op "+strconv.Quote(string(a.Op)))
	}
	if a.Conn == "" && a.Op != OpSysctl && a.Op != OpFork && a.Op != OpKill {
		c.fail("conn", string(a.Op)+" names no socket")
	}
}

// locate finds where a validation error's path is in the file: the value it names, or the
// nearest enclosing value present (a field left out is reported at its object).
func (e *ValidationError) locate(root jsonValue, data []byte) {
	v, rest := root, e.Path
	for rest != "" {
		if rest[0] == '[' {
			end := strings.IndexByte(rest, ']')
			i, err := strconv.Atoi(rest[1:max(end, 1)])
			if end < 0 || err != nil || v.kind != '[' || i >= len(v.items) {
				break
			}
			v, rest = v.items[i], strings.TrimPrefix(rest[end+1:], ".")
			continue
		}
		// a member: the longest key that the path continues with (keys such as sysctl
		// names may hold dots themselves)
		found := false
		for _, m := range v.members {
			if rest == m.key || strings.HasPrefix(rest, m.key) && (rest[len(m.key)] == '.' || rest[len(m.key)] == '[') {
				v, rest, found = m.val, strings.TrimPrefix(rest[len(m.key):], "."), true
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
	q := "duration " + strconv.Quote(s)
	f, err := strconv.ParseFloat(s, 64)
	if err == nil || errors.Is(err, strconv.ErrRange) {
		f *= 1e6 // µs
	} else {
		td, err := time.ParseDuration(s)
		if err != nil {
			return 0, errors.New(q + ": want a Go duration such as 540ms or 1.25s, or a number of seconds, at most " + maxText)
		}
		f = float64(td) / 1e3
	}
	switch {
	case f != f:
		return 0, errors.New(q + " is not a number")
	case f < 0:
		return 0, errors.New(q + " is negative")
	case f > float64(MaxDuration):
		return 0, errors.New(q + " is longer than the maximum " + maxText)
	case f > 0 && f < 1:
		return 0, errors.New(q + " is shorter than 1µs, the model's clock tick")
	}
	return Duration(f), nil // in range: the same integer on every platform
}
