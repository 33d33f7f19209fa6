// Package toolview prints what Linux's own tools would show on one host at one virtual moment of
// a run: `ss -tanoi`, `nstat -az`, /proc/net/sockstat and tcpdump. It reads the model as it stands
// at that moment (scenario.RunUntil), not a replay of the trace, so queues, timers and tcp_info
// are the model's own values. Pure Go, no encoding/json: the web page and the desktop app link it.
//
// The formats follow iproute2's ss and nstat, procfs and tcpdump; what the model does not hold
// (congestion control name, pmtu, byte counters) is left out, never invented (docs/conformance.md).
package toolview

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"finwait/core/scenario"
	"finwait/core/tcp"
	"finwait/core/trace"
)

// ErrNoHost is wrapped when a view names a host the scenario does not have.
var ErrNoHost = errors.New("no such host")

// Tools lists the views by the name the CLI and the page take.
var Tools = []string{"ss", "nstat", "sockstat", "tcpdump"}

func hostOf(m *scenario.Moment, host string) (*tcp.Host, error) {
	if h := m.Net.Host(host); h != nil {
		return h, nil
	}
	return nil, fmt.Errorf("host %q: %w (the scenario has %s)", host, ErrNoHost, strings.Join(m.Trace.Hosts, ", "))
}

// Render prints one tool's view ("ss", "nstat", "sockstat", "tcpdump") of host at the moment.
// prev (nil: the run's start) is the earlier moment nstat's increments are counted from; abs
// makes tcpdump print absolute sequence numbers (-S).
func Render(m *scenario.Moment, host, tool string, prev *scenario.Moment, abs bool) (string, error) {
	h, err := hostOf(m, host)
	if err != nil {
		return "", err
	}
	switch tool {
	case "ss":
		return SS(m, h), nil
	case "nstat":
		var before map[string]int64
		if prev != nil {
			if prev.T > m.T {
				return "", errors.New("nstat: the earlier moment " + trace.FormatTime(prev.T) + " is after " + trace.FormatTime(m.T))
			}
			before = Counters(prev, host)
		}
		return Nstat(Counters(m, host), before), nil
	case "sockstat":
		return Sockstat(m, h), nil
	case "tcpdump":
		return Tcpdump(m, host, abs), nil
	}
	return "", errors.New("unknown tool " + strconv.Quote(tool) + " (ss, nstat, sockstat or tcpdump)")
}

// ssState is the name ss prints for a kernel state (iproute2's sstate_name table).
func ssState(s tcp.State) string {
	switch s {
	case tcp.Established:
		return "ESTAB"
	case tcp.SynSent:
		return "SYN-SENT"
	case tcp.SynRecv, tcp.NewSynRecv:
		return "SYN-RECV"
	case tcp.FinWait1:
		return "FIN-WAIT-1"
	case tcp.FinWait2:
		return "FIN-WAIT-2"
	case tcp.TimeWait:
		return "TIME-WAIT"
	case tcp.Close:
		return "UNCONN"
	case tcp.CloseWait:
		return "CLOSE-WAIT"
	case tcp.LastAck:
		return "LAST-ACK"
	case tcp.Listen:
		return "LISTEN"
	case tcp.Closing:
		return "CLOSING"
	}
	return s.String()
}

// timerNames is ss's name for inet_diag's idiag_timer.
var timerNames = [...]string{"off", "on", "keepalive", "timewait", "persist"}

// MsTimer writes a time left (ms) as ss -o does: below 1 s "084ms", below 10 s "2.744ms" (seconds
// and milliseconds), below a minute "59sec", then minutes ("1min", "2min5sec"); 0 prints nothing.
func MsTimer(ms int64) string {
	secs, mins, msecs := ms/1000, ms/1000/60, ms%1000
	secs %= 60
	var b strings.Builder
	if mins > 0 {
		msecs = 0
		b.WriteString(strconv.FormatInt(mins, 10) + "min")
		if mins > 9 {
			secs = 0
		}
	}
	if secs > 0 {
		if secs > 9 {
			msecs = 0
		}
		b.WriteString(strconv.FormatInt(secs, 10))
		if msecs > 0 {
			b.WriteString(".")
		} else {
			b.WriteString("sec")
		}
	}
	if msecs > 0 {
		s := strconv.FormatInt(msecs, 10)
		b.WriteString(strings.Repeat("0", 3-len(s)) + s + "ms")
	}
	return b.String()
}

// SSRow is one socket of `ss -tanoi` as fields: what the page can lay out as it likes, and what
// the conformance tests compare with the kernel's.
type SSRow struct {
	State, RecvQ, SendQ, Local, Peer string
	Timer                            string // "timer:(on,380ms,1)" or ""
	Info                             string // the tcp_info line without its leading tab ("" for TW and request sockets)
	View                             tcp.SockView
}

// SSRows are the host's sockets as `ss -tanoi` lists them.
func SSRows(m *scenario.Moment, h *tcp.Host) []SSRow {
	now := m.T
	var rows []SSRow
	totals := map[int]int{}
	sent(m.Trace, h.Name, m.T, func(e *trace.Event, rtx bool) {
		if rtx {
			totals[e.Conn]++
		}
	})
	for _, v := range tcp.Views(h, now) {
		r := SSRow{State: ssState(v.State), RecvQ: strconv.Itoa(v.RecvQ), SendQ: strconv.Itoa(v.SendQ),
			Local: tcp.FormatAddr(v.LAddr) + ":" + strconv.Itoa(int(v.LPort)), View: v}
		if v.Listener {
			r.Peer = "0.0.0.0:*"
		} else {
			r.Peer = tcp.FormatAddr(v.RAddr) + ":" + strconv.Itoa(int(v.RPort))
		}
		if v.Timer > 0 {
			left := max(v.Expires-now, 0) / 1000 // inet_diag: jiffies_delta_to_msecs, never negative
			r.Timer = "timer:(" + timerNames[v.Timer] + "," + MsTimer(left) + "," + strconv.Itoa(v.Retrans) + ")"
		}
		if v.Info != nil {
			r.Info = infoLine(v.Info, totals[v.Conn])
		}
		rows = append(rows, r)
	}
	return rows
}

func ms(us int64) string { return strconv.FormatFloat(float64(us)/1000, 'f', -1, 64) }

// infoLine is ss -i's line (tcp_show_info): the fields the model holds, in ss's order, zero
// ones left out as ss leaves them out.
func infoLine(in *tcp.InfoView, totalRetrans int) string {
	var f []string
	if in.TS {
		f = append(f, "ts")
	}
	if in.SACK {
		f = append(f, "sack")
	}
	if in.WS {
		f = append(f, "wscale:"+strconv.Itoa(int(in.SndWscale))+","+strconv.Itoa(int(in.RcvWscale)))
	}
	if in.RTO > 0 {
		f = append(f, "rto:"+ms(in.RTO))
	}
	if in.Backoff > 0 {
		f = append(f, "backoff:"+strconv.Itoa(in.Backoff))
	}
	if in.SRTT > 0 {
		f = append(f, "rtt:"+ms(in.SRTT)+"/"+ms(in.RTTVar))
	}
	if in.MSS > 0 {
		f = append(f, "mss:"+strconv.Itoa(in.MSS), "rcvmss:"+strconv.Itoa(in.RcvMSS))
	}
	f = append(f, "cwnd:"+strconv.Itoa(in.Cwnd))
	if in.RTO > 0 { // a connection, not a listener
		f = append(f, "lastsnd:"+strconv.FormatInt(in.LastSnd/1000, 10), "lastrcv:"+strconv.FormatInt(in.LastRcv/1000, 10))
	}
	if in.Unacked > 0 {
		f = append(f, "unacked:"+strconv.Itoa(in.Unacked))
	}
	if in.Retrans > 0 || totalRetrans > 0 {
		f = append(f, "retrans:"+strconv.Itoa(in.Retrans)+"/"+strconv.Itoa(totalRetrans))
	}
	if in.NotSent > 0 {
		f = append(f, "notsent:"+strconv.Itoa(in.NotSent))
	}
	if in.SndWnd > 0 {
		f = append(f, "snd_wnd:"+strconv.FormatUint(uint64(in.SndWnd), 10))
	}
	return " " + strings.Join(f, " ")
}

// SS is `ss -tanoi` on the host: a header, then each socket's line and its tcp_info line (a tab
// and the fields; TIME_WAIT and request sockets have none, so their line is the tab alone).
// Columns are padded to their widest entry; the address columns align on the colon.
func SS(m *scenario.Moment, h *tcp.Host) string {
	rows := SSRows(m, h)
	hdr := SSRow{State: "State", RecvQ: "Recv-Q", SendQ: "Send-Q", Local: "Local Address:Port", Peer: "Peer Address:Port"}
	w := [7]int{}
	all := append([]SSRow{hdr}, rows...)
	for i, r := range all {
		w[0] = max(w[0], len(r.State))
		w[1] = max(w[1], len(r.RecvQ))
		w[2] = max(w[2], len(r.SendQ))
		if i == 0 {
			continue
		}
		la, lp := splitPort(r.Local)
		pa, pp := splitPort(r.Peer)
		w[3], w[4] = max(w[3], len(la)), max(w[4], len(lp))
		w[5], w[6] = max(w[5], len(pa)), max(w[6], len(pp))
	}
	// the headers straddle the colon: "Local Address" right-aligned, ":Port" after it
	w[3], w[5] = max(w[3], len("Local Address")), max(w[5], len("Peer Address"))
	w[4], w[6] = max(w[4], len("Port")), max(w[6], len("Port"))
	var b strings.Builder
	b.WriteString(pad(hdr.State, w[0]) + " " + pad(hdr.RecvQ, w[1]) + " " + pad(hdr.SendQ, w[2]) + " " +
		lpad("Local Address", w[3]) + ":" + pad("Port", w[4]) + " " + lpad("Peer Address", w[5]) + ":" + pad("Port", w[6]) + " Process\n")
	for _, r := range rows {
		la, lp := splitPort(r.Local)
		pa, pp := splitPort(r.Peer)
		line := pad(r.State, w[0]) + " " + pad(r.RecvQ, w[1]) + " " + pad(r.SendQ, w[2]) + " " +
			lpad(la, w[3]) + ":" + pad(lp, w[4]) + " " + lpad(pa, w[5]) + ":" + pad(pp, w[6])
		if r.Timer != "" {
			line += " " + r.Timer
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n\t" + r.Info + "\n")
	}
	return b.String()
}

func splitPort(s string) (string, string) {
	i := strings.LastIndexByte(s, ':')
	return s[:i], s[i+1:]
}

func pad(s string, w int) string  { return s + strings.Repeat(" ", max(w-len(s), 0)) }
func lpad(s string, w int) string { return strings.Repeat(" ", max(w-len(s), 0)) + s }

// Sockstat is /proc/net/sockstat's TCP line for the host: inuse (hashed full sockets and
// listeners), orphan, tw, alloc (full sockets allocated) and mem (pages the queues hold: the
// model charges each socket's queued bytes, rounded up to 4 KiB pages).
func Sockstat(m *scenario.Moment, h *tcp.Host) string {
	st := h.Sockstat()
	pages := 0
	for _, v := range tcp.Views(h, m.T) {
		if !v.TW && !v.Request && !v.Listener {
			pages += (v.SendQ + v.RecvQ + 4095) / 4096
		}
	}
	return "TCP: inuse " + strconv.Itoa(st.InUse) + " orphan " + strconv.Itoa(st.Orphan) + " tw " + strconv.Itoa(st.TW) +
		" alloc " + strconv.Itoa(tcp.Allocated(h)) + " mem " + strconv.Itoa(pages) + "\n"
}

// NstatNames are the counters the nstat view lists (with -z, zeros too): /proc/net/snmp's Tcp
// line, then /proc/net/netstat's TcpExt ones the model counts, each in the kernel's file order.
var NstatNames = []string{
	"TcpActiveOpens", "TcpPassiveOpens", "TcpAttemptFails", "TcpEstabResets", "TcpInSegs", "TcpOutSegs",
	"TcpRetransSegs", "TcpOutRsts",
	"TcpExtSyncookiesSent", "TcpExtSyncookiesRecv", "TcpExtEmbryonicRsts", "TcpExtTW", "TcpExtTWRecycled",
	"TcpExtTWKilled", "TcpExtPAWSPassive", "TcpExtPAWSEstab", "TcpExtPAWSTimewait", "TcpExtDelayedACKs",
	"TcpExtDelayedACKLost", "TcpExtListenOverflows", "TcpExtListenDrops", "TcpExtTCPTimeouts",
	"TcpExtTCPLossProbes", "TcpExtTCPAbortOnSyn", "TcpExtTCPAbortOnData", "TcpExtTCPAbortOnClose",
	"TcpExtTCPAbortOnMemory", "TcpExtTCPAbortOnTimeout", "TcpExtTCPAbortOnLinger", "TcpExtTCPTimeWaitOverflow",
	"TcpExtTCPReqQFullDoCookies", "TcpExtTCPReqQFullDrop", "TcpExtTCPChallengeACK", "TcpExtTCPSYNChallenge",
	"TcpExtTCPACKSkippedSynRecv", "TcpExtTCPACKSkippedPAWS", "TcpExtTCPACKSkippedSeq",
	"TcpExtTCPACKSkippedTimeWait", "TcpExtTCPACKSkippedChallenge", "TcpExtTCPWinProbe", "TcpExtTCPKeepAlive",
	"TcpExtTCPZeroWindowDrop",
}

// Counters are the host's nstat counters at the moment: the model's counter events, and
// TcpInSegs/TcpOutSegs from its packets (tcp_v4_rcv counts every segment that arrives, a wire
// duplicate's copy too; __tcp_transmit_skb every one sent except a retransmission of sequence
// space; every SYN-ACK counts, tcp_v4_send_synack sending it outside that path).
func Counters(m *scenario.Moment, host string) map[string]int64 {
	out := map[string]int64{}
	tr, t := m.Trace, m.T
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.T > t {
			break // time-ordered: nothing later was sent or counted by t
		}
		if e.Kind == trace.KindCounter && e.Host == host {
			out[e.Name] += e.Delta
		}
		if e.Kind == trace.KindPacket && e.To == host && !e.Dropped && e.Arrive <= t {
			out["TcpInSegs"]++
		}
		if at, ok := tcp.DuplicateArrival(m.Net, i); ok && e.To == host && at <= t {
			out["TcpInSegs"]++
		}
	}
	sent(tr, host, t, func(e *trace.Event, rtx bool) {
		if !rtx || e.Flags == "S." {
			out["TcpOutSegs"]++
		}
	})
	return out
}

// sent calls fn for each segment host sent up to t, saying whether it retransmits sequence
// space: it ends at or before all the host had sent on its conn and takes some (a SYN, a FIN or
// data; an RST or a bare ACK is never a retransmission), as __tcp_transmit_skb tells them apart.
func sent(tr *trace.Trace, host string, t int64, fn func(e *trace.Event, rtx bool)) {
	high := map[int]uint32{} // per conn: one past the highest relative seq sent
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.T > t {
			break
		}
		if e.Kind != trace.KindPacket || e.From != host || e.Injected {
			continue
		}
		end := e.Seq + uint32(e.Len)
		if strings.ContainsAny(e.Flags, "SF") {
			end++
		}
		h, seen := high[e.Conn]
		ahead := !seen || int32(end-h) > 0
		if ahead {
			high[e.Conn] = end
		}
		fn(e, !ahead && end != e.Seq && !strings.Contains(e.Flags, "R"))
	}
}

// Nstat is `nstat -az` (prev nil: absolute values) or `nstat -z` run at the moment after one run
// at prev (the increments since), in nstat's columns: name, value, rate (0.0: no daemon).
func Nstat(cur, prev map[string]int64) string {
	var b strings.Builder
	b.WriteString("#kernel\n")
	for _, n := range NstatNames {
		v := cur[n] - prev[n]
		b.WriteString(pad(n, 32) + pad(strconv.FormatInt(v, 10), 16) + lpad("0.0", 6) + "\n")
	}
	return b.String()
}

// Tcpdump is `tcpdump -n` (abs: `-n -S`) on the host's interface up to the moment: the segments
// it sent (at their send time, also those the wire then drops) and those it received (at their
// arrival), time-ordered, each line "HH:MM:SS.µµµµµµ IP src.port > dst.port: Flags [F.], seq …".
// Without -S tcpdump prints a SYN's numbers absolute and the rest relative to each side's ISN.
// SYN options other than timestamps are not in the trace and are not shown.
func Tcpdump(m *scenario.Moment, host string, abs bool) string {
	type line struct {
		t int64
		e *trace.Event
	}
	var ls []line
	for i := range m.Trace.Events {
		e := &m.Trace.Events[i]
		if e.Kind != trace.KindPacket {
			continue
		}
		if e.From == host && !e.Injected && e.T <= m.T {
			ls = append(ls, line{e.T, e})
		}
		if e.To == host && !e.Dropped && e.Arrive <= m.T {
			ls = append(ls, line{e.Arrive, e})
		}
		if at, ok := tcp.DuplicateArrival(m.Net, i); ok && e.To == host && at <= m.T {
			ls = append(ls, line{at, e})
		}
	}
	sort.SliceStable(ls, func(i, j int) bool { return ls[i].t < ls[j].t })
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(clock(l.t) + " " + dumpLine(m.Net, l.e, abs) + "\n")
	}
	return b.String()
}

func clock(us int64) string {
	s := us / 1_000_000
	two := func(v int64) string { return string([]byte{byte('0' + v/10%10), byte('0' + v%10)}) }
	frac := strconv.FormatInt(us%1_000_000, 10)
	return two(s/3600) + ":" + two(s/60%60) + ":" + two(s%60) + "." + strings.Repeat("0", 6-len(frac)) + frac
}

func dumpLine(n *tcp.Net, e *trace.Event, abs bool) string {
	src, dst := "?", "?"
	var isnFrom, isnTo uint32
	if c, s, ok := n.ConnView(e.Conn); ok {
		cs := tcp.FormatAddr(c.Addr) + "." + strconv.Itoa(int(c.Port))
		ss := tcp.FormatAddr(s.Addr) + "." + strconv.Itoa(int(s.Port))
		src, dst, isnFrom, isnTo = cs, ss, c.ISN, s.ISN
		if c.Host == nil || c.Host.Name != e.From {
			src, dst, isnFrom, isnTo = ss, cs, s.ISN, c.ISN
		}
	}
	seq, ack := e.Seq, e.Ack
	if abs || strings.Contains(e.Flags, "S") {
		seq, ack = seq+isnFrom, ack+isnTo
	}
	var b strings.Builder
	b.WriteString("IP " + src + " > " + dst + ": Flags [" + e.Flags + "]")
	if e.Len > 0 || strings.ContainsAny(e.Flags, "SFR") {
		b.WriteString(", seq " + strconv.FormatUint(uint64(seq), 10))
		if e.Len > 0 {
			b.WriteString(":" + strconv.FormatUint(uint64(seq+uint32(e.Len)), 10))
		}
	}
	if e.HasAck {
		b.WriteString(", ack " + strconv.FormatUint(uint64(ack), 10))
	}
	b.WriteString(", win " + strconv.Itoa(e.Win))
	if e.HasTS {
		opt := "nop,nop,"
		if strings.Contains(e.Flags, "S") {
			opt = ""
		}
		b.WriteString(", options [" + opt + "TS val " + strconv.FormatUint(uint64(e.TSVal), 10) + " ecr " + strconv.FormatUint(uint64(e.TSEcr), 10) + "]")
	}
	b.WriteString(", length " + strconv.Itoa(e.Len))
	return b.String()
}
