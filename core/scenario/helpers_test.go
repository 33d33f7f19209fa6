package scenario

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"finwait/core/trace"
)

// ms prints microseconds as milliseconds without trailing zeros.
func ms(us int64) string {
	return strconv.FormatFloat(float64(us)/1000, 'f', -1, 64)
}

// compactPacket is one packet as the tests spell it: "t A>B c0 F. seq ack len", with ack "-" when
// the ACK flag is off and " drop" for a segment the wire lost.
func compactPacket(e *trace.Event) string {
	ack := "-"
	if e.HasAck {
		ack = strconv.FormatUint(uint64(e.Ack), 10)
	}
	s := fmt.Sprintf("%s %s>%s %s %s %d %s %d", ms(e.T), e.From, e.To, trace.ConnLabel(e.Conn), e.Flags, e.Seq, ack, e.Len)
	if e.Dropped {
		s += " drop"
	}
	return s
}

// statePaths gives each host's state path per connection: "A c0" → "ESTABLISHED FIN_WAIT1 …",
// TIME_WAIT sockets written with their substate, TIME_WAIT(FIN_WAIT2).
func statePaths(tr *trace.Trace) map[string]string {
	out := map[string]string{}
	for _, e := range tr.States() {
		k := e.Host + " " + trace.ConnLabel(e.Conn)
		to := e.StateTo
		if e.Substate != "" && to == "TIME_WAIT" {
			to += "(" + e.Substate + ")"
		}
		if out[k] == "" {
			out[k] = e.StateFrom
		}
		out[k] += " " + to
	}
	return out
}

// counterLine prints one host's counter deltas sorted: "TcpExtTW=1 TcpOutRsts=2".
func counterLine(m map[string]int64) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}
