package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"finwait/core/scenario"
	"finwait/core/toolview"
	"finwait/core/trace"
)

// The tool views (core/toolview) against what the kernel printed: `ss -tanoi` and
// /proc/net/sockstat at each recorded checkpoint (the .log files), and the segment counters
// nstat reads (TcpInSegs, TcpOutSegs) at the end of each recording. Every difference must be
// one of toolDiffAccepted, whose reasons docs/conformance.md lists ("Tool views").

// ssKernelRow is one socket of a recorded `ss -tanoi`.
type ssKernelRow struct {
	state, recvQ, sendQ, local, peer, timer string
	info                                    map[string]string
}

type checkpoint struct {
	host  string
	at    int64 // µs, the checkpoint
	taken int64 // µs, when ss ran
	rows  []ssKernelRow
	tcp   map[string]string // sockstat's TCP line
}

// parseCheckpoints reads the "--- host A at 800 ms (taken at 804.5 ms)" blocks of a log.
func parseCheckpoints(log string) ([]checkpoint, error) {
	var out []checkpoint
	var cur *checkpoint
	for n, line := range strings.Split(log, "\n") {
		var h string
		var at int64
		var taken float64
		if _, err := fmt.Sscanf(line, "--- host %s at %d ms (taken at %f ms)", &h, &at, &taken); err == nil {
			out = append(out, checkpoint{host: h, at: at * 1000, taken: int64(taken*1000 + 0.5)})
			cur = &out[len(out)-1]
			continue
		}
		if cur == nil {
			continue
		}
		f := strings.Fields(line)
		switch {
		case strings.HasPrefix(line, "---") || strings.HasPrefix(line, "wire:") || strings.HasPrefix(line, "harness"):
			cur = nil
		case len(f) > 0 && f[0] == "State", strings.HasPrefix(line, "sockets:"), len(f) == 0 && !strings.HasPrefix(line, "\t"):
		case strings.HasPrefix(line, "\t"):
			if len(cur.rows) == 0 {
				return nil, fmt.Errorf("line %d: a tcp_info line before any socket", n+1)
			}
			r := &cur.rows[len(cur.rows)-1]
			for _, kv := range f {
				k, v, _ := strings.Cut(kv, ":")
				r.info[k] = v
			}
		case f[0] == "TCP:":
			cur.tcp = map[string]string{}
			for i := 1; i+1 < len(f); i += 2 {
				cur.tcp[f[i]] = f[i+1]
			}
		case strings.ToUpper(f[0]) == f[0] && len(f) >= 5 && !strings.Contains(f[0], ":"):
			r := ssKernelRow{state: f[0], recvQ: f[1], sendQ: f[2], local: f[3], peer: f[4], info: map[string]string{}}
			for _, x := range f[5:] {
				if strings.HasPrefix(x, "timer:(") {
					r.timer = x
				}
			}
			cur.rows = append(cur.rows, r)
		}
	}
	return out, nil
}

// parseMsTimer reads ss's time left back into ms (the inverse of toolview.MsTimer).
func parseMsTimer(s string) (int64, error) {
	var total int64
	rest := s
	if m, r, ok := strings.Cut(rest, "min"); ok {
		v, err := strconv.ParseInt(m, 10, 64)
		if err != nil {
			return 0, err
		}
		total, rest = v*60_000, r
	}
	switch {
	case rest == "":
	case strings.HasSuffix(rest, "sec"):
		v, err := strconv.ParseInt(strings.TrimSuffix(rest, "sec"), 10, 64)
		if err != nil {
			return 0, err
		}
		total += v * 1000
	case strings.HasSuffix(rest, "ms"):
		sec, msec, dot := strings.Cut(strings.TrimSuffix(rest, "ms"), ".")
		if !dot {
			sec, msec = "0", sec
		}
		a, err1 := strconv.ParseInt(sec, 10, 64)
		b, err2 := strconv.ParseInt(msec, 10, 64)
		if err1 != nil || err2 != nil {
			return 0, fmt.Errorf("timer %q", s)
		}
		total += a*1000 + b
	default:
		return 0, fmt.Errorf("timer %q", s)
	}
	return total, nil
}

// timerParts splits "timer:(on,380ms,1)" into its name, time left (ms) and count.
func timerParts(s string) (name string, left int64, n string) {
	in := strings.TrimSuffix(strings.TrimPrefix(s, "timer:("), ")")
	p := strings.Split(in, ",")
	if len(p) != 3 {
		return in, -1, ""
	}
	left, err := parseMsTimer(p[1])
	if err != nil {
		left = -1
	}
	return p[0], left, p[2]
}

// maskPort replaces an ephemeral port (the kernel's are random, the model's count from 32768)
// by "*": a listening port stays.
func maskPort(addr string, keep map[string]bool) string {
	i := strings.LastIndexByte(addr, ':')
	if i < 0 || keep[addr[i+1:]] || addr[i+1:] == "*" {
		return addr
	}
	return addr[:i] + ":*"
}

// timerSlack is how far the time left may differ: the sample is taken a few ms after the
// checkpoint on the kernel (the model is read at the same "taken at" moment), and the kernel's
// RTO is its measured RTT's (rto:244 … 248 where the model's is 240 … 244) and its timer wheel's slack.
const timerSlack = 40

// toolDiffAccepted explains the differences between the tool views and the recordings: each
// difference must contain one rule's match, and each rule must match one difference at least.
// docs/conformance.md ("Tool views") lists them with these reasons.
var toolDiffAccepted = []struct{ match, reason string }{
	{"wscale \"", "`wscale` is the window scale each side offered in its SYN: the model's hosts offer 7 " +
		"(tcp_select_initial_window with tcp_rmem's default maximum, 6 MiB), the recording machine's kernel 10 (its " +
		"tcp_rmem maximum is 32 MiB or more); the window field is not compared for the same reason."},
	{"mss \"724\" on the kernel, \"1448\" in the model", "after B's receive window shrank to 1448 bytes the kernel " +
		"reports a send MSS of half the largest window the peer offered (tcp_bound_to_half_wnd, via tcp_current_mss); " +
		"the model keeps its MSS and sizes the segments by the window (the segments sent are the same)."},
	{"linger_timeout A@3000ms: ss: FIN-WAIT-1 0 1001 10.0.0.1:* 10.0.0.2:5000 timer on,3: time left", "the third " +
		"retransmission's RTO has doubled three times from the kernel's measured 244 ms (RTT 40.9 ms) where the " +
		"model's is 240 ms, and the kernel's earlier retransmissions each fired a few ms late (timer-wheel slack): " +
		"the timer is due 92 ms later on the kernel (972 ms left against 880 ms)."},
	{"@450ms: sockstat orphan: 48 on the kernel, 0 in the model", "port_exhaustion was recorded again (for its " +
		"connect to B:5001) while other recordings ran on the same machine: the orphan count is the whole machine's " +
		"(tcp_orphan_count is not kept per network namespace), so the kernel's 48 are other runs' orphans; its " +
		"inuse and tw, which are per namespace, agree."},
}

// toolViewDiffs compares the tool views with every recording in dir: the `ss -tanoi` and
// sockstat checkpoints of the .log files and the segment counters at each run's end.
func toolViewDiffs(dir string) (diffs []string, checkpoints, sockets int, err error) {
	logs, _ := filepath.Glob(filepath.Join(dir, "*.log"))
	for _, lf := range logs {
		name := strings.TrimSuffix(filepath.Base(lf), ".log")
		sc, ok := lookupScenario(name)
		if !ok {
			continue
		}
		b, err := os.ReadFile(lf)
		if err != nil {
			return nil, 0, 0, err
		}
		cps, err := parseCheckpoints(string(b))
		if err != nil {
			return nil, 0, 0, fmt.Errorf("%s: %w", lf, err)
		}
		for _, cp := range cps {
			d, err := compareCheckpoint(sc, cp)
			if err != nil {
				return nil, 0, 0, fmt.Errorf("%s: %w", lf, err)
			}
			diffs = append(diffs, d...)
			checkpoints++
			sockets += len(cp.rows)
		}
		if tr, err := loadTrace(strings.TrimSuffix(lf, ".log") + ".json"); err == nil {
			d, err := compareSegCounters(sc, tr.EndUs, tr.Final)
			if err != nil {
				return nil, 0, 0, fmt.Errorf("%s: %w", lf, err)
			}
			diffs = append(diffs, d...)
		}
	}
	return diffs, checkpoints, sockets, nil
}

// acceptedReason is the reason of the first rule whose match d contains ("" for none).
func acceptedReason(d string) string {
	for _, r := range toolDiffAccepted {
		if strings.Contains(d, r.match) {
			return r.reason
		}
	}
	return ""
}

// toolViewReport is docs/conformance.md's "Tool views" section.
func toolViewReport(dir string) (string, error) {
	diffs, cps, socks, err := toolViewDiffs(dir)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("\n## Tool views\n\n")
	fmt.Fprintf(&b, "`finwait at` (core/toolview) prints what `ss -tanoi`, `nstat -az`, `/proc/net/sockstat` and `tcpdump` "+
		"would show at a virtual moment, from the model stopped there (scenario.RunUntil). Compared with the recordings: "+
		"%d `ss -tanoi`/sockstat checkpoints (%d sockets), read in the model at the moment the kernel's was taken. "+
		"Per socket: state, Recv-Q, Send-Q, addresses (ephemeral ports masked: the kernel's are random), the timer's name "+
		"and count, its time left within %d ms (within a second from 10 s, where ss prints whole seconds), and the "+
		"tcp_info fields backoff, unacked, retrans, notsent, mss and wscale; sockstat's inuse and tw, and orphan as the sum of "+
		"both hosts' (orphans are counted host-wide, spec §8); not alloc and mem, which count the whole machine's sockets. "+
		"And TcpInSegs and TcpOutSegs, which the views derive from the model's packets, against each recording's at its end.\n\n", cps, socks, timerSlack)
	if len(diffs) == 0 {
		b.WriteString("No differences.\n")
		return b.String(), nil
	}
	fmt.Fprintf(&b, "%d differences, each with its reason:\n\n", len(diffs))
	for _, r := range toolDiffAccepted {
		var mine []string
		for _, d := range diffs {
			if acceptedReason(d) == r.reason {
				mine = append(mine, d)
			}
		}
		if len(mine) == 0 {
			continue
		}
		b.WriteString("- " + r.reason + "\n")
		for _, d := range mine {
			b.WriteString("  - " + d + "\n")
		}
	}
	var un []string
	for _, d := range diffs {
		if acceptedReason(d) == "" {
			un = append(un, d)
		}
	}
	if len(un) > 0 {
		b.WriteString("- **unexplained**\n")
		for _, d := range un {
			b.WriteString("  - " + d + "\n")
		}
	}
	return b.String(), nil
}

func listenPorts(sc scenario.Scenario) map[string]bool {
	keep := map[string]bool{}
	for _, a := range sc.Actions {
		if a.Op == scenario.OpListen || a.Op == scenario.OpBind {
			keep[strconv.Itoa(a.Port)] = true
		}
	}
	return keep
}

func compareCheckpoint(sc scenario.Scenario, cp checkpoint) ([]string, error) {
	m, err := scenario.RunUntil(sc, scenario.RunOptions{Profile: "modern", Check: true}, cp.taken)
	if err != nil {
		return nil, err
	}
	h := m.Net.Host(cp.host)
	if h == nil {
		return nil, fmt.Errorf("%s: the recording's host %s is not in the scenario", sc.Name, cp.host)
	}
	where := fmt.Sprintf("%s %s@%dms: ", sc.Name, cp.host, cp.at/1000)
	keep := listenPorts(sc)
	key := func(state, rq, sq, local, peer, timer string) string {
		name, _, n := timerParts(timer)
		if timer == "" {
			name, n = "-", "-"
		}
		return state + " " + rq + " " + sq + " " + maskPort(local, keep) + " " + maskPort(peer, keep) + " timer " + name + "," + n
	}
	type pair struct {
		k     ssKernelRow
		model toolview.SSRow
	}
	model := toolview.SSRows(m, h)
	var kk, mk []string
	kRows, mRows := map[string][]ssKernelRow{}, map[string][]toolview.SSRow{}
	for _, r := range cp.rows {
		k := key(r.state, r.recvQ, r.sendQ, r.local, r.peer, r.timer)
		kk, kRows[k] = append(kk, k), append(kRows[k], r)
	}
	for _, r := range model {
		k := key(r.State, r.RecvQ, r.SendQ, r.Local, r.Peer, r.Timer)
		mk, mRows[k] = append(mk, k), append(mRows[k], r)
	}
	var out []string
	for _, k := range kk {
		if len(mRows[k]) == 0 {
			out = append(out, where+"ss: only the kernel shows "+k)
		}
	}
	for _, k := range mk {
		if len(kRows[k]) == 0 {
			out = append(out, where+"ss: only the model shows "+k)
		}
	}
	keys := make([]string, 0, len(kRows))
	for k := range kRows { // map order: sorted below
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for i, kr := range kRows[k] {
			if i >= len(mRows[k]) {
				break
			}
			mr := mRows[k][i]
			_, kl, _ := timerParts(kr.timer)
			_, ml, _ := timerParts(mr.Timer)
			if kr.timer != "" && (kl < 0 || ml < 0 || absDiff(kl, ml) > timerSlack && !(kl >= 10_000 && absDiff(kl, ml) < 1000+timerSlack)) {
				out = append(out, where+"ss: "+k+": time left "+kr.timer+" on the kernel, "+mr.Timer+" in the model")
			}
			if mr.Info == "" {
				continue
			}
			mi := map[string]string{}
			for _, kv := range strings.Fields(mr.Info) {
				a, v, _ := strings.Cut(kv, ":")
				mi[a] = v
			}
			for _, f := range []string{"backoff", "unacked", "retrans", "notsent", "mss", "wscale"} {
				if kr.info[f] != mi[f] {
					out = append(out, fmt.Sprintf("%sss -i: %s: %s %q on the kernel, %q in the model", where, k, f, kr.info[f], mi[f]))
				}
			}
		}
	}
	// sockstat: inuse and tw per namespace; orphan is host-wide on Linux (spec §8), so the
	// kernel's is the sum of both hosts' orphans; alloc and mem count the whole machine's sockets.
	st := h.Sockstat()
	orphans := 0
	for _, hn := range m.Trace.Hosts {
		orphans += m.Net.Host(hn).Sockstat().Orphan
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"inuse", st.InUse}, {"orphan", orphans}, {"tw", st.TW}} {
		if cp.tcp[f.name] != strconv.Itoa(f.v) {
			out = append(out, fmt.Sprintf("%ssockstat %s: %s on the kernel, %d in the model", where, f.name, cp.tcp[f.name], f.v))
		}
	}
	return out, nil
}

func absDiff(a, b int64) int64 {
	if a > b {
		return a - b
	}
	return b - a
}

// compareSegCounters checks the TcpInSegs and TcpOutSegs the views derive from the model's
// packets against the kernel's at the end of the recording.
func compareSegCounters(sc scenario.Scenario, end int64, final map[string]trace.HostFinal) ([]string, error) {
	if len(final) == 0 {
		return nil, nil
	}
	m, err := scenario.RunUntil(sc, scenario.RunOptions{Profile: "modern", Check: true}, end)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, h := range m.Trace.Hosts {
		got := toolview.Counters(m, h)
		for _, c := range []string{"TcpInSegs", "TcpOutSegs"} {
			if k := final[h].Counters[c]; k != got[c] {
				out = append(out, fmt.Sprintf("%s %s@end: nstat %s: %d on the kernel, %d in the model", sc.Name, h, c, k, got[c]))
			}
		}
	}
	return out, nil
}
