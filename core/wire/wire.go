// Package wire describes the link between hosts as data: one-way delays, rules that drop, delay or
// duplicate chosen segments, and an optional NAT in front of several clients. The engine asks Decide
// what happens to each segment it sends; the conformance harness applies the same rules to real
// packets.
package wire

import (
	"fmt"
	"strings"
)

// Action is what a rule does to a matching segment.
type Action string

// Rule actions.
const (
	Drop      Action = "drop"
	Delay     Action = "delay"     // add Extra to the one-way delay
	Duplicate Action = "duplicate" // deliver a second copy Extra after the first
)

// Segment is what a rule can see of a segment: who sends it, to whom, on which connection, its
// tcpdump flags and payload length, and when it leaves (µs).
type Segment struct {
	From, To string
	Conn     int
	Flags    string
	Len      int
	T        int64
}

// Rule selects segments and says what happens to them. Empty fields match anything.
type Rule struct {
	From   string `json:"from,omitempty"`   // sending host
	To     string `json:"to,omitempty"`     // receiving host
	Conn   *int   `json:"conn,omitempty"`   // connection index (trace numbering)
	Kind   string `json:"kind,omitempty"`   // "", syn, fin, rst, data, ack (pure ACK)
	Start  int64  `json:"start_us"`         // first send time the rule applies to
	End    int64  `json:"end_us,omitempty"` // send times at or after End are not matched; 0 = no end
	Index  *int   `json:"index,omitempty"`  // only the Index-th segment (0-based) From→To on Conn
	Count  int    `json:"count,omitempty"`  // apply to the first Count matches only; 0 = all
	Action Action `json:"action"`
	Extra  int64  `json:"extra_us,omitempty"` // Delay / Duplicate amount
}

// FieldError is a rule that cannot work, with the JSON field that is wrong.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// Validate reports a rule that cannot work, naming what is wrong (a *FieldError).
func (r Rule) Validate() error {
	switch r.Action {
	case Drop, Delay, Duplicate:
	default:
		return bad("action", "unknown action %q (want drop, delay or duplicate)", r.Action)
	}
	switch r.Kind {
	case "", "syn", "fin", "rst", "data", "ack":
	default:
		return bad("kind", "unknown kind %q (want syn, fin, rst, data or ack)", r.Kind)
	}
	conn, index := 0, 0
	if r.Conn != nil {
		conn = *r.Conn
	}
	if r.Index != nil {
		index = *r.Index
	}
	for _, f := range [...]struct {
		name string
		v    int64
	}{{"start_us", r.Start}, {"end_us", r.End}, {"count", int64(r.Count)}, {"extra_us", r.Extra}, {"conn", int64(conn)}, {"index", int64(index)}} {
		if f.v < 0 {
			return bad(f.name, "%d is negative", f.v)
		}
	}
	switch {
	case r.End != 0 && r.End <= r.Start:
		return bad("end_us", "end_us %d is not after start_us %d", r.End, r.Start)
	case (r.Action == Delay || r.Action == Duplicate) && r.Extra == 0:
		return bad("extra_us", "%s needs extra_us > 0", r.Action)
	case r.Extra > MaxExtra:
		return bad("extra_us", "%d µs is more than the maximum %d (4 h)", r.Extra, int64(MaxExtra))
	}
	return nil
}

func bad(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// MaxExtra bounds a rule's extra_us (4 h, the longest duration a scenario may give), so that no
// segment's arrival time can overflow.
const MaxExtra = 4 * 3600 * 1_000_000

// KindOf classifies tcpdump flags the way rules name them.
func KindOf(flags string, length int) string {
	switch {
	case strings.Contains(flags, "S"):
		return "syn"
	case strings.Contains(flags, "R"):
		return "rst"
	case strings.Contains(flags, "F"):
		return "fin"
	case length > 0:
		return "data"
	}
	return "ack"
}

// Rules applies a list of rules, remembering how often each has matched. The first rule that
// matches a segment decides its fate.
type Rules struct {
	list    []Rule
	matched []int
	perPath map[string]int // segments seen per "from>to#conn", for Index rules
}

// NewRules wraps a list of rules.
func NewRules(list []Rule) *Rules {
	return &Rules{list: list, matched: make([]int, len(list)), perPath: map[string]int{}}
}

// Len is the number of rules (0 for nil): Decide tries each on every segment.
func (rs *Rules) Len() int {
	if rs == nil {
		return 0
	}
	return len(rs.list)
}

// Fate is the decision for one segment.
type Fate struct {
	Dropped  bool
	Extra    int64 // extra delay
	DupAfter int64 // > 0: a duplicate arrives this long after the first copy
}

// Decide returns the fate of a segment and advances the rules' state.
func (rs *Rules) Decide(s Segment) Fate {
	if rs == nil || len(rs.list) == 0 {
		return Fate{}
	}
	key := fmt.Sprintf("%s>%s#%d", s.From, s.To, s.Conn)
	idx := rs.perPath[key]
	rs.perPath[key] = idx + 1
	kind := KindOf(s.Flags, s.Len)
	for i := range rs.list {
		r := &rs.list[i]
		if r.From != "" && r.From != s.From || r.To != "" && r.To != s.To {
			continue
		}
		if r.Conn != nil && *r.Conn != s.Conn || r.Kind != "" && r.Kind != kind {
			continue
		}
		if s.T < r.Start || r.End != 0 && s.T >= r.End {
			continue
		}
		if r.Index != nil && *r.Index != idx {
			continue
		}
		if r.Count > 0 && rs.matched[i] >= r.Count {
			continue
		}
		rs.matched[i]++
		switch r.Action {
		case Drop:
			return Fate{Dropped: true}
		case Delay:
			return Fate{Extra: r.Extra}
		case Duplicate:
			return Fate{DupAfter: r.Extra}
		}
	}
	return Fate{}
}

// NAT puts several hosts behind one public address: segments they send leave with the NAT's
// address and a port of its choosing; replies are mapped back (needed for spec §17.17).
type NAT struct {
	Addr  string         `json:"addr"`
	Hosts []string       `json:"hosts"`
	Ports map[string]int `json:"ports"` // host → public source port
}
