// Package trace defines the event list that a finwait run produces: the contract between the core
// model, the CLI, the renderer and the conformance checks. Spec §0 fixes its conventions: conn
// numbers, relative sequence numbers, kernel state names and timer names.
package trace

// Kind names one kind of trace event.
type Kind string

// Event kinds (spec §0 and the core issue).
const (
	KindPacket  Kind = "packet"
	KindState   Kind = "state"
	KindTimer   Kind = "timer"
	KindCall    Kind = "call"
	KindCounter Kind = "counter"
	KindPath    Kind = "path"
)

// NoConn marks an event that belongs to no connection (a listener, a connect() that failed before
// its SYN): it is written as JSON null.
const NoConn = -1

// NoTime marks an absent time (a dropped packet's arrival, a call that did not block).
const NoTime = int64(-1)

// Event is one thing that happened at virtual time T (microseconds). Which fields are meaningful
// depends on Kind; the JSON encoding writes only those (see json.go).
type Event struct {
	T    int64 // virtual time in µs
	Kind Kind
	Host string // the host the event happened on (packet: the sender)
	Conn int    // connection index, or NoConn

	// packet
	From, To string
	Flags    string // tcpdump notation: S, S., ., P., F., FP., R, R.
	Seq      uint32 // relative to the sender's ISN on this conn
	Ack      uint32 // relative to the receiver's ISN; meaningful only when HasAck
	HasAck   bool
	Len      int
	Win      int   // 16-bit window field as sent
	Arrive   int64 // arrival time in µs, or NoTime when dropped
	Dropped  bool
	Injected bool   // a crafted segment no host sent (a scenario's inject action); From is the side it claims to come from
	Note     string // why the segment left: "retransmit", "loss_probe", "probe", "keepalive", "timewait_ack", "reply_rst" …
	TSVal    uint32
	TSEcr    uint32
	HasTS    bool

	// state
	StateFrom, StateTo string
	Substate           string
	Fn                 string // kernel function responsible (state, path)

	// timer
	Timer   string // retransmit, probe, delack, keepalive, timewait, linger, synack
	Action  string // timer: armed, fired, cancelled; call: connect, close, send …
	Expires int64  // µs
	Detail  string // timer: e.g. "loss_probe"; call: arguments

	// call
	Result   string // "0", a byte count, "EOF", or an errno name
	Returned int64  // µs when a blocking call returned, or NoTime

	// counter
	Name  string
	Delta int64

	// path
	Branch string
}

// SocketInfo describes one socket of a host in the final state of a run.
type SocketInfo struct {
	Conn     int    `json:"conn"`
	Local    string `json:"local"`
	Remote   string `json:"remote"`
	State    string `json:"state"`
	Substate string `json:"substate,omitempty"`
	Orphan   bool   `json:"orphan"`
	TW       bool   `json:"tw"`
	SendQ    int    `json:"send_q"`
	RecvQ    int    `json:"recv_q"`
}

// Sockstat mirrors the TCP line of /proc/net/sockstat.
type Sockstat struct {
	InUse  int `json:"inuse"`
	Orphan int `json:"orphan"`
	TW     int `json:"tw"`
}

// HostFinal is one host's state when the run ended.
type HostFinal struct {
	Sockets  []SocketInfo     `json:"sockets"`
	Sockstat Sockstat         `json:"sockstat"`
	Counters map[string]int64 `json:"counters"`
}

// Trace is the whole result of one run.
type Trace struct {
	Scenario string
	Profile  string
	Seed     int64
	Hosts    []string // host names in scenario order
	Events   []Event
	Final    map[string]HostFinal
	EndUs    int64 // the moment the run ended
}

// Packets returns the packet events in order.
func (t *Trace) Packets() []Event { return t.filter(KindPacket) }

// States returns the state events in order.
func (t *Trace) States() []Event { return t.filter(KindState) }

func (t *Trace) filter(k Kind) []Event {
	var out []Event
	for _, e := range t.Events {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

// CounterDeltas sums the counter events per host and name.
func (t *Trace) CounterDeltas() map[string]map[string]int64 {
	out := map[string]map[string]int64{}
	for _, e := range t.Events {
		if e.Kind != KindCounter {
			continue
		}
		m := out[e.Host]
		if m == nil {
			m = map[string]int64{}
			out[e.Host] = m
		}
		m[e.Name] += e.Delta
	}
	return out
}
