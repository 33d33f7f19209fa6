package trace

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// FormatTime prints a virtual time the way the design's clock does: milliseconds with one decimal
// below 10 s ("530.0 ms"), seconds with three decimals above ("60.540 s").
func FormatTime(us int64) string {
	if us < 10_000_000 {
		return fmt.Sprintf("%d.%d ms", us/1000, (us%1000)/100)
	}
	return fmt.Sprintf("%d.%03d s", us/1_000_000, (us%1_000_000)/1000)
}

// PacketLabel is the tcpdump-style label of a packet event: "F. seq 101 ack 1 win 502 len 0";
// data segments show their range ("P. seq 1:101 ack 1 win 502 len 100").
func PacketLabel(e *Event) string {
	var b strings.Builder
	b.WriteString(e.Flags)
	if e.Len > 0 {
		fmt.Fprintf(&b, " seq %d:%d", e.Seq, e.Seq+uint32(e.Len))
	} else {
		fmt.Fprintf(&b, " seq %d", e.Seq)
	}
	if e.HasAck {
		fmt.Fprintf(&b, " ack %d", e.Ack)
	}
	fmt.Fprintf(&b, " win %d len %d", e.Win, e.Len)
	return b.String()
}

// ConnLabel is "c0", "c1" … or "-" for no connection.
func ConnLabel(c int) string {
	if c == NoConn {
		return "-"
	}
	return fmt.Sprintf("c%d", c)
}

// Line renders one event as a line of the text listing.
func Line(e *Event) string {
	ms := fmt.Sprintf("%10.3f", float64(e.T)/1000)
	switch e.Kind {
	case KindPacket:
		s := fmt.Sprintf("%s  %s>%s %-3s %s", ms, e.From, e.To, ConnLabel(e.Conn), PacketLabel(e))
		if e.Note != "" {
			s += "  (" + e.Note + ")"
		}
		if e.Dropped {
			s += "  DROPPED"
		}
		if e.Injected {
			s += "  INJECTED"
		}
		return s
	case KindState:
		sub := ""
		if e.Substate != "" {
			sub = "(" + e.Substate + ")"
		}
		return fmt.Sprintf("%s  %s %-3s state %s -> %s%s  [%s]", ms, e.Host, ConnLabel(e.Conn), e.StateFrom, e.StateTo, sub, e.Fn)
	case KindTimer:
		d := ""
		if e.Detail != "" {
			d = " " + e.Detail
		}
		return fmt.Sprintf("%s  %s %-3s timer %s %s (expires %.3f)%s", ms, e.Host, ConnLabel(e.Conn), e.Timer, e.Action, float64(e.Expires)/1000, d)
	case KindCall:
		ret := ""
		if e.Returned != NoTime {
			ret = fmt.Sprintf(" (returned at %.3f)", float64(e.Returned)/1000)
		}
		args := ""
		if e.Detail != "" {
			args = e.Detail
		}
		return fmt.Sprintf("%s  %s %-3s %s(%s) = %s%s", ms, e.Host, ConnLabel(e.Conn), e.Action, args, e.Result, ret)
	case KindCounter:
		return fmt.Sprintf("%s  %s %-3s %s %+d", ms, e.Host, ConnLabel(e.Conn), e.Name, e.Delta)
	case KindPath:
		return fmt.Sprintf("%s  %s %-3s %s: %s", ms, e.Host, ConnLabel(e.Conn), e.Fn, e.Branch)
	}
	return ms + " ?"
}

// WriteText writes the readable listing: a header, every event, and the final state.
func (t *Trace) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# scenario %s, profile %s, seed %d; ended at %s\n", t.Scenario, t.Profile, t.Seed, FormatTime(t.EndUs))
	for i := range t.Events {
		b.WriteString(Line(&t.Events[i]))
		b.WriteByte('\n')
	}
	b.WriteString("# final\n")
	for _, h := range t.Hosts {
		f, ok := t.Final[h]
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "%s: sockstat inuse %d orphan %d tw %d\n", h, f.Sockstat.InUse, f.Sockstat.Orphan, f.Sockstat.TW)
		for _, s := range f.Sockets {
			sub := ""
			if s.Substate != "" {
				sub = "(" + s.Substate + ")"
			}
			fmt.Fprintf(&b, "  %s %s %s -> %s orphan=%v recvq=%d sendq=%d\n", ConnLabel(s.Conn), s.State+sub, s.Local, s.Remote, s.Orphan, s.RecvQ, s.SendQ)
		}
		names := make([]string, 0, len(f.Counters))
		for n := range f.Counters { // map order: sorted below
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(&b, "  %s %d\n", n, f.Counters[n])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
