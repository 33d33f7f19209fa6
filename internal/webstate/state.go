package webstate

import (
	"strings"

	"finwait/core/trace"
)

// SocketState is one connection's socket state on one host at a moment.
type SocketState struct {
	Conn  int    `json:"conn"`
	State string `json:"state"`
}

// HostState is what one host looks like at a moment.
type HostState struct {
	Sockets     []SocketState `json:"sockets"`
	RSTReceived int           `json:"rstReceived"` // RST segments that arrived at this host so far
	RSTSent     int           `json:"rstSent"`
}

// StateAt folds the trace up to virtual time now (µs): each host's last socket state per
// connection and the RSTs it sent and received.
func StateAt(tr *trace.Trace, now int64) map[string]*HostState {
	out := map[string]*HostState{}
	idx := map[string]map[int]int{}
	for _, h := range tr.Hosts {
		out[h] = &HostState{Sockets: []SocketState{}}
		idx[h] = map[int]int{}
	}
	host := func(n string) *HostState {
		if out[n] == nil {
			out[n] = &HostState{Sockets: []SocketState{}}
			idx[n] = map[int]int{}
		}
		return out[n]
	}
	for i := range tr.Events {
		e := &tr.Events[i]
		switch e.Kind {
		case trace.KindState:
			if e.T > now {
				continue
			}
			h := host(e.Host)
			if j, ok := idx[e.Host][e.Conn]; ok {
				h.Sockets[j].State = e.StateTo
			} else {
				idx[e.Host][e.Conn] = len(h.Sockets)
				h.Sockets = append(h.Sockets, SocketState{Conn: e.Conn, State: e.StateTo})
			}
		case trace.KindPacket:
			if !strings.Contains(e.Flags, "R") {
				continue
			}
			if e.T <= now {
				host(e.From).RSTSent++
			}
			if !e.Dropped && e.Arrive != trace.NoTime && e.Arrive <= now {
				host(e.To).RSTReceived++
			}
		}
	}
	return out
}
