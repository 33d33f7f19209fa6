package trace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
)

// The JSON form writes each event's keys in a fixed order with only the fields of its kind, so the
// same run always gives byte-identical output (spec §0; the core issue's trace contract).

// MarshalJSON writes the trace with top-level keys scenario, profile, seed, events, final.
func (t *Trace) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"scenario":`)
	writeString(&b, t.Scenario)
	b.WriteString(`,"profile":`)
	writeString(&b, t.Profile)
	b.WriteString(`,"seed":`)
	b.WriteString(strconv.FormatInt(t.Seed, 10))
	b.WriteString(`,"end_us":`)
	b.WriteString(strconv.FormatInt(t.EndUs, 10))
	b.WriteString(`,"hosts":[`)
	for i, h := range t.Hosts {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(&b, h)
	}
	b.WriteString(`],"events":[`)
	for i := range t.Events {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n")
		t.Events[i].appendJSON(&b)
	}
	b.WriteString("\n],\"final\":{")
	names := make([]string, 0, len(t.Final))
	for n := range t.Final {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(&b, n)
		b.WriteByte(':')
		hf, err := json.Marshal(t.Final[n]) // maps are written with sorted keys
		if err != nil {
			return nil, fmt.Errorf("final of host %s: %w", n, err)
		}
		b.Write(hf)
	}
	b.WriteString("}}\n")
	return b.Bytes(), nil
}

func writeString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s)
	b.Write(q)
}

func (e *Event) appendJSON(b *bytes.Buffer) {
	b.WriteString(`{"t_us":`)
	b.WriteString(strconv.FormatInt(e.T, 10))
	b.WriteString(`,"kind":"`)
	b.WriteString(string(e.Kind))
	b.WriteByte('"')
	str := func(k, v string) {
		b.WriteString(`,"`)
		b.WriteString(k)
		b.WriteString(`":`)
		writeString(b, v)
	}
	num := func(k string, v int64) {
		b.WriteString(`,"`)
		b.WriteString(k)
		b.WriteString(`":`)
		b.WriteString(strconv.FormatInt(v, 10))
	}
	nullable := func(k string, v int64, ok bool) {
		if ok {
			num(k, v)
			return
		}
		b.WriteString(`,"` + k + `":null`)
	}
	if e.Kind != KindPacket {
		str("host", e.Host)
	}
	nullable("conn", int64(e.Conn), e.Conn != NoConn)
	switch e.Kind {
	case KindPacket:
		str("from", e.From)
		str("to", e.To)
		str("flags", e.Flags)
		num("seq", int64(e.Seq))
		nullable("ack", int64(e.Ack), e.HasAck)
		num("len", int64(e.Len))
		num("win", int64(e.Win))
		nullable("arrive_us", e.Arrive, e.Arrive != NoTime)
		if e.Dropped {
			b.WriteString(`,"dropped":true`)
		} else {
			b.WriteString(`,"dropped":false`)
		}
		if e.HasTS {
			num("tsval", int64(e.TSVal))
			num("tsecr", int64(e.TSEcr))
		}
		if e.Note != "" {
			str("note", e.Note)
		}
	case KindState:
		str("state_from", e.StateFrom)
		str("state_to", e.StateTo)
		if e.Substate != "" {
			str("substate", e.Substate)
		}
		str("fn", e.Fn)
	case KindTimer:
		str("timer", e.Timer)
		str("action", e.Action)
		num("expires_us", e.Expires)
		if e.Detail != "" {
			str("detail", e.Detail)
		}
	case KindCall:
		str("action", e.Action)
		if e.Detail != "" {
			str("args", e.Detail)
		}
		str("result", e.Result)
		nullable("returned_us", e.Returned, e.Returned != NoTime)
	case KindCounter:
		str("name", e.Name)
		num("delta", e.Delta)
	case KindPath:
		str("fn", e.Fn)
		str("branch", e.Branch)
	}
	b.WriteByte('}')
}

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

// UnmarshalJSON reads what MarshalJSON writes (also the conformance harness's kernel traces).
func (t *Trace) UnmarshalJSON(data []byte) error {
	var jt jsonTrace
	if err := json.Unmarshal(data, &jt); err != nil {
		return fmt.Errorf("trace: %w", err)
	}
	*t = Trace{Scenario: jt.Scenario, Profile: jt.Profile, Seed: jt.Seed, EndUs: jt.EndUs, Hosts: jt.Hosts, Final: jt.Final}
	t.Events = make([]Event, len(jt.Events))
	for i, je := range jt.Events {
		e := Event{T: je.T, Kind: je.Kind, Host: je.Host, Conn: NoConn, From: je.From, To: je.To,
			Flags: je.Flags, Seq: je.Seq, Len: je.Len, Win: je.Win, Arrive: NoTime, Dropped: je.Dropped,
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
			return fmt.Errorf("trace: event %d: unknown kind %q", i, je.Kind)
		}
		t.Events[i] = e
	}
	return nil
}
