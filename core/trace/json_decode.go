package trace

import (
	"encoding/json"
	"fmt"
)

// jsonEvent is the decoding form of an event: every key optional.
type jsonEvent struct {
	T         int64   `json:"t_us"`
	Kind      Kind    `json:"kind"`
	Host      string  `json:"host"`
	Conn      *int    `json:"conn"`
	From      string  `json:"from"`
	To        string  `json:"to"`
	Flags     string  `json:"flags"`
	Seq       uint32  `json:"seq"`
	Ack       *uint32 `json:"ack"`
	Len       int     `json:"len"`
	Win       int     `json:"win"`
	Arrive    *int64  `json:"arrive_us"`
	Dropped   bool    `json:"dropped"`
	Injected  bool    `json:"injected"`
	Note      string  `json:"note"`
	TSVal     *uint32 `json:"tsval"`
	TSEcr     uint32  `json:"tsecr"`
	StateFrom string  `json:"state_from"`
	StateTo   string  `json:"state_to"`
	Substate  string  `json:"substate"`
	Fn        string  `json:"fn"`
	Timer     string  `json:"timer"`
	Action    string  `json:"action"`
	Expires   int64   `json:"expires_us"`
	Detail    string  `json:"detail"`
	Args      string  `json:"args"`
	Result    string  `json:"result"`
	Returned  *int64  `json:"returned_us"`
	Name      string  `json:"name"`
	Delta     int64   `json:"delta"`
	Branch    string  `json:"branch"`
}

type jsonTrace struct {
	Scenario string               `json:"scenario"`
	Profile  string               `json:"profile"`
	Seed     int64                `json:"seed"`
	EndUs    int64                `json:"end_us"`
	Hosts    []string             `json:"hosts"`
	Events   []jsonEvent          `json:"events"`
	Final    map[string]HostFinal `json:"final"`
}

// ParseJSON reads what MarshalJSON writes (also the conformance harness's kernel traces). It is
// a function rather than an UnmarshalJSON method so that encoding/json stays out of programs
// that only write traces (the web page); json.Unmarshal into a Trace is not supported.
func ParseJSON(data []byte) (*Trace, error) {
	var jt jsonTrace
	if err := json.Unmarshal(data, &jt); err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	t := &Trace{Scenario: jt.Scenario, Profile: jt.Profile, Seed: jt.Seed, EndUs: jt.EndUs, Hosts: jt.Hosts, Final: jt.Final}
	t.Events = make([]Event, len(jt.Events))
	for i, je := range jt.Events {
		e := Event{T: je.T, Kind: je.Kind, Host: je.Host, Conn: NoConn, From: je.From, To: je.To,
			Flags: je.Flags, Seq: je.Seq, Len: je.Len, Win: je.Win, Arrive: NoTime, Dropped: je.Dropped, Injected: je.Injected,
			Note: je.Note, StateFrom: je.StateFrom, StateTo: je.StateTo, Substate: je.Substate, Fn: je.Fn,
			Timer: je.Timer, Action: je.Action, Expires: je.Expires, Detail: je.Detail, Result: je.Result,
			Returned: NoTime, Name: je.Name, Delta: je.Delta, Branch: je.Branch}
		if je.Kind == KindCall {
			e.Detail = je.Args
		}
		if je.Kind == KindPacket {
			e.Host = je.From
		}
		if je.Conn != nil {
			e.Conn = *je.Conn
		}
		if je.Ack != nil {
			e.Ack, e.HasAck = *je.Ack, true
		}
		if je.Arrive != nil {
			e.Arrive = *je.Arrive
		}
		if je.TSVal != nil {
			e.TSVal, e.TSEcr, e.HasTS = *je.TSVal, je.TSEcr, true
		}
		if je.Returned != nil {
			e.Returned = *je.Returned
		}
		switch e.Kind {
		case KindPacket, KindState, KindTimer, KindCall, KindCounter, KindPath:
		default:
			return nil, fmt.Errorf("trace: event %d: unknown kind %q", i, je.Kind)
		}
		t.Events[i] = e
	}
	return t, nil
}
