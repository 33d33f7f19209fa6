package main

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// randomClass is one kind of model-vs-kernel difference seen in generated scenarios, with its
// resolution: known (being fixed on another branch), explained (the model is right or the
// comparison cannot judge it), or fixed (the kernel won; the minimised scenario is in
// testdata/scenarios).
type randomClass struct {
	Key    string
	Status string // "known", "explained", "fixed"
	Why    string
	// Match reports whether one difference (aspect, text as Compare writes it) is of this class.
	Match func(aspect, diff string) bool
	// Seeds were triaged by hand: their differences that no Match claims are of this class.
	Seeds []uint64
}

// randomClasses are tried in order; a difference that none matches is "unclassified".
var randomClasses = []randomClass{
	{Key: "psh-bulk", Status: "known (rule modelled: a PSH-only difference left is a case it misses)",
		Why: "PSH on bulk sends. The rule (found with seeds 100 and 274, now modelled: `psh_per_transmission`): tcp_push marks " +
			"each write's end, and __tcp_transmit_skb forces PSH on every transmission of more than one segment " +
			"(tcp_skb_pcount > 1, Linux 4.11 on), where tcp_write_xmit cuts transmissions of at most two segments " +
			"(tcp_tso_autosize) from the send head, fewer where the window or cwnd admits less. Not the send buffer: the " +
			"harness logs each sendmsg(), and in random/psh_exp.log and psh_sndbuf_exp.log (B's SO_SNDBUF 1048576) one " +
			"sendmsg() took all 20000 bytes, with the same PSH pattern in both recordings. The model does not send the " +
			"partial segments the kernel uses to fill a window that is not a whole number of segments (tcp_mss_split_point; " +
			"psh_exp's 2920- and 7300-byte windows: 24- and 60-byte segments)",
		Match: func(a, d string) bool { return a == "packets" && pshOnly(d) }},
	{Key: "sack-rack", Status: "explained",
		Why: "a hole in the data (a rule delayed (52) or dropped (243; 59 and 304: the first two of a 3000-byte write's three " +
			"segments, the model's tail loss probe resending the third where the kernel resends the first) earlier segments) " +
			"while later ones arrived, and the receiver's " +
			"duplicate ACKs carried SACK blocks: the kernel marks the missing segments lost by RACK (tcp_rack_detect_loss: sent before " +
			"a SACKed one and not acknowledged within RTT + min_rtt/4) and retransmits them in fast recovery, where the model, which " +
			"keeps no SACK scoreboard (docs/model.md, Congestion control), recovers only by tail loss probe and RTO; modelling SACK " +
			"recovery is beyond this issue",
		Seeds: []uint64{52, 243, 59, 304}},
	{Key: "late-harness-timers", Status: "explained (machine load)",
		Why: "the same segments, but the harness ran late while the kernel measured round trips (by 18 ms in seed 109, 140 ms in " +
			"seed 124: the machine's two cores are shared), so the kernel's RTT estimate and with it its loss-probe and " +
			"retransmission timers came later than the model's: two probes on opposite hosts a few ms apart flip order (109), " +
			"and a retransmission the model makes just before the end of the run falls after it on the kernel (124; in 191 the " +
			"forwarder delivered the handshake up to 11 ms late, so the kernel's RTO was 272 ms for the model's 240 and B's third " +
			"retransmission of 100 bytes, 2799 ms in the model, and A's RST to it would come after the run's end at 2843 ms; in 144 " +
			"the harness ran up to 128 ms late and B's data segment left 38 ms later on the kernel, acknowledging more)",
		Seeds: []uint64{109, 124, 191, 144}},
	{Key: "run-end-edge", Status: "explained (comparison edge)",
		Why: "the same segments up to the end of the kernel run, but a timer the kernel runs a little later (its RTO rounded up to " +
			"jiffies, 248 ms for the model's 240, doubled on each backoff, plus timer-wheel slack; within the timing tolerance) " +
			"puts its last retransmission and the answer to it after the run's end, where the model's fall just before it: seed " +
			"324's fourth FIN and A's ACK of it (2597 ms in the model, 2634 ms on the kernel; the run ends at 2648 ms)",
		Seeds: []uint64{324}},
	{Key: "receive-window-fills", Status: "explained (not modelled)",
		Why: "B's application never reads and A sends 100000 bytes (seeds 165, 320): on the kernel B's unread receive queue shrinks " +
			"the window it offers (45 KB, 16 KB, 1 KB, then zero at 90 KB received), so A sends a 1024-byte segment into the last KB " +
			"and then window probes (TCPWinProbe), while the model's receive window is constant unless SO_RCVBUF is set " +
			"(docs/model.md, Receive windows) and A sends on; receive-buffer accounting is beyond this issue",
		Seeds: []uint64{165, 320}},
	{Key: "timer-wheel-slack", Status: "explained (kernel timer granularity)",
		Why: "the same segments; a retransmission timer the kernel runs later than the model's exact RTO. Seed 152: A's FIN " +
			"(dropped by a rule, as are its retransmissions) leaves again at 743 ms (a tail loss probe, its timeout capped at " +
			"the RTO: 265.6 ms = the 65.6 ms handshake RTT + the 200 ms minimum) and 1009 ms (the RTO) in the model, at " +
			"771.7 and 1059.7 ms on the kernel (the harness at most 0.13 ms late in the kept run): the kernel " +
			"rounds the RTO up to 67 jiffies (268 ms at this kernel's HZ 250), and a timer 64 to 511 jiffies ahead sits in the " +
			"timer wheel's second level, whose 8-jiffy (32 ms) buckets fire up to 32 ms late (294.1 and 288.0 ms apart here). " +
			"Two such delays add up to 50.7 ms, 0.25 ms past the 5 % tolerance at 1009 ms",
		Seeds: []uint64{152}},
	{Key: "late-harness-timing", Status: "explained (machine load)",
		Why: "a segment's time differs by no more than the harness ran late in that scenario's runs plus the 5 ms tolerance: " +
			"the forwarder delivered a packet or the application acted late (the machine's two cores are shared)"},
}

const unclassified = "unclassified"

// pshOnly reports whether a packet difference ("… model [.] seq 1449, ack 1, len 1448 at 1.0 ms,
// kernel [P.] seq 1449, ack 1, len 1448 at 1.2 ms.") is the PSH flag alone: the same segment,
// flags that differ by P only.
func pshOnly(d string) bool {
	m, k := segmentAfter(d, "model ["), segmentAfter(d, "kernel [")
	if m == "" || k == "" || m == k {
		return false
	}
	return strings.Replace(m, "P", "", 1) == strings.Replace(k, "P", "", 1)
}

// segmentAfter returns the flags, seq, ack and len that follow marker in a difference
// ("F.] seq 1, ack 1, len 0"), or "" where marker is absent.
func segmentAfter(d, marker string) string {
	i := strings.Index(d, marker)
	if i < 0 {
		return ""
	}
	seg := d[i+len(marker):]
	if j := strings.Index(seg, " at "); j >= 0 {
		seg = seg[:j]
	}
	return seg
}

// classify returns the class key of one difference of a seed's scenario.
func classify(seed uint64, aspect, diff string) string {
	diff = strings.TrimPrefix(diff, behindPSH)
	for _, c := range randomClasses {
		if c.Match != nil && c.Match(aspect, diff) {
			return c.Key
		}
	}
	for _, c := range randomClasses {
		for _, s := range c.Seeds {
			if s == seed {
				return c.Key
			}
		}
	}
	return unclassified
}

// classOf classifies one difference of a result: a timing difference no larger than how late
// the harness ran (plus the tolerance) is the machine's load; else classify decides.
func classOf(r randomResult, aspect, diff string) string {
	if aspect == "timing" && r.Late {
		if d, ok := timingDelta(diff); ok && d <= float64(r.MaxLateUs)/1000+float64(DefaultCompareOptions().AbsTolUs)/1000 {
			return "late-harness-timing"
		}
	}
	return classify(r.Seed, aspect, diff)
}

// timingDelta reads the size of a timing difference ("… (+5.1 ms).") in ms.
func timingDelta(d string) (float64, bool) {
	i := strings.LastIndex(d, "(")
	j := strings.LastIndex(d, " ms)")
	if i < 0 || j < i {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimPrefix(d[i+1:j], "+"), 64)
	if err != nil {
		return 0, false
	}
	return math.Abs(v), true
}

// classesOf returns the sorted class keys of a result's differences.
func classesOf(r randomResult) []string {
	set := map[string]bool{}
	for _, a := range Aspects {
		for _, d := range r.modelDiffs()[a] {
			if strings.HasPrefix(d, "… ") {
				continue
			}
			set[classOf(r, a, d)] = true
		}
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// randomTally counts a random run's results.
type randomTally struct {
	Generated, NotRecorded, Unstable, UnstableLate, Stable, Match, Differ int
	// ByClass: differing scenarios per class (a scenario may count in several).
	ByClass map[string]int
	// Unexplained: differing scenarios with at least one unclassified difference; Known: the
	// others with a difference being fixed elsewhere; Explained: the rest.
	Unexplained, Known, Explained int
	// Fixed: stable scenarios whose difference was fixed in the model (randomFixes), matching now
	// unless something else differs.
	Fixed int
}

// randomFix is a model fix a random scenario found.
type randomFix struct {
	Seed     uint64
	What     string
	Scenario string // the minimised scenario in testdata/scenarios, recorded
}

// randomFixes are the differences found by random scenarios and fixed in the model (the kernel won).
var randomFixes = []randomFix{
	{17, "a connection without timestamps (tcp_timestamps 0 on either host) sends 1460-byte segments, not 1448 (hosts' SYNs offer MSS 1460)", "no_timestamps_mss_1460"},
	{26, "a connecting socket with SO_RCVBUF offers its window in whole 1460-byte segments (tcp_connect_init), so the peer's half-window segments are 730 bytes, not 724", "rcvbuf_connect_window"},
	{100, "a read that empties the queue after a short pushed segment sends the pending ACK at once (tcp_measure_rcv_mss, tcp_cleanup_rbuf), not at the delayed-ACK timer", "pushed_ack_after_read"},
	{185, "an ACK grows cubic's and reno's cwnd only when the sender used it (tcp_is_cwnd_limited: cwnd-limited, or in slow start below twice the most segments in flight), so after one small send the initial window is still ten segments and a bulk send's eleventh waits a round trip", "cwnd_after_small_send"},
	{210, "a killed process's sockets close last fd first (exit_files queues each final fput as task work, task_work_run runs the newest first), so of two FINs sent at once the later socket's leaves first and takes a one-FIN drop rule", "kill_closes_last_fd_first"},
	{211, "after an RTO (cwnd one segment, its retransmission in flight) close()'s FIN waits for an ACK to free the window: Linux 6.10 removed tcp_cwnd_test's exception for a final FIN (the 2.6 profile keeps it)", "fin_waits_for_cwnd_after_rto"},
	{274, "PSH goes on the second segment of each transmission of two (__tcp_transmit_skb forces it where tcp_skb_pcount > 1), counted from where each tcp_write_xmit pass starts, and on each write's end, not on the end of every two-segment skb a write fills: a window that admits one segment at a time (seed 100: 730-byte segments under a 1460-byte window) gets PSH on the first pair and the write's end only, and a pass that ends on an odd segment shifts the pairs (seed 274); the send buffer plays no part: one sendmsg() took all 20000 bytes in random/psh_exp.log and in psh_sndbuf_exp.log (B's SO_SNDBUF 1048576), whose PSH patterns are the same", "psh_per_transmission"},
}

func tallyRandom(rs []randomResult) randomTally {
	t := randomTally{ByClass: map[string]int{}}
	for _, r := range rs {
		t.Generated++
		switch {
		case r.Err != "":
			t.NotRecorded++
		case !r.stable():
			t.Unstable++
			if r.Late {
				t.UnstableLate++
			}
		default:
			t.Stable++
			if r.matches() {
				t.Match++
				continue
			}
			t.Differ++
			cs := classesOf(r)
			for _, c := range cs {
				t.ByClass[c]++
			}
			switch {
			case contains(cs, unclassified):
				t.Unexplained++
			case anyKnown(cs):
				t.Known++
			default:
				t.Explained++
			}
		}
	}
	for _, f := range randomFixes {
		for _, r := range rs {
			if r.Seed == f.Seed && r.stable() {
				t.Fixed++
			}
		}
	}
	return t
}

// anyKnown reports whether one of the classes is a known difference being fixed elsewhere.
func anyKnown(cs []string) bool {
	for _, c := range randomClasses {
		if contains(cs, c.Key) && strings.HasPrefix(c.Status, "known") {
			return true
		}
	}
	return false
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// renderRandom writes docs/conformance.md's section on the random run (empty without results).
func renderRandom(path string, rs []randomResult) string {
	if len(rs) == 0 {
		return ""
	}
	rs = mergeResults(rs)
	t := tallyRandom(rs)
	var b strings.Builder
	b.WriteString("\n## Random scenarios (differential testing)\n\n")
	fmt.Fprintf(&b, "Generated by `make conformance-random N=… SEED=…` (root): each seed's scenario comes from `core/scenario/gen` "+
		"(recordable flavour; `finwait gen -seed N` prints it), is recorded on the kernel three times, kept only if the three runs "+
		"agree in packets, states and counters by the comparison rules above, and then compared with the model by the same rules. "+
		"Runs that differ in timing alone are kept, but their timing is not judged against the model: on this machine's shared "+
		"cores the harness itself runs tens of milliseconds late at times, so the runs' timing measures the load. "+
		"Where a stream's first difference is the known PSH marking, the rest of it is compared with PSH cleared (\"behind PSH\"). "+
		"Results: `%s` (one JSON line per seed; `conformance random -recompare` refreshes the comparisons after a model change "+
		"from kernel traces kept with `-keep`).\n\n", path)
	rel := map[string]bool{}
	var rels []string
	for _, r := range rs {
		if r.Kernel != "" && !rel[r.Kernel] {
			rel[r.Kernel] = true
			rels = append(rels, r.Kernel)
		}
	}
	if len(rels) > 0 {
		sort.Strings(rels)
		fmt.Fprintf(&b, "Recorded on Linux %s.", strings.Join(rels, ", "))
		ccs := map[string]int{}
		for _, r := range rs {
			ccs[r.CC]++
		}
		fmt.Fprintf(&b, " Congestion control on the kernel (the harness sets each namespace's tcp_congestion_control to the "+
			"scenario's, else the model's default, cubic): %s. The recordable flavour draws SO_SNDBUF but leaves it out (in a "+
			"scenario it is the bytes send() accepts, on Linux a doubled value with overhead), so the seeds whose scenario set "+
			"it were recorded again without it.\n\n", ccSummary(ccs))
	}
	fmt.Fprintf(&b, "| generated | not recorded | kernel runs disagree (harness late) | stable on the kernel | match | of them fixed in the model | differ | known, being fixed elsewhere | explained | unclassified |\n|---|---|---|---|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| %d | %d | %d (%d) | %d | %d | %d | %d | %d | %d | %d |\n\n", t.Generated, t.NotRecorded, t.Unstable, t.UnstableLate,
		t.Stable, t.Match, t.Fixed, t.Differ, t.Known, t.Explained, t.Unexplained)
	b.WriteString("\"Fixed in the model\": differences these scenarios found, fixed (the kernel won), each pinned by a minimised scenario in " +
		"`testdata/scenarios/` with its kernel recording; the comparisons above are of the fixed model:\n\n")
	for _, f := range randomFixes {
		fmt.Fprintf(&b, "- seed %d: %s (`%s`).\n", f.Seed, f.What, f.Scenario)
	}
	b.WriteString("\n")
	b.WriteString("\"Harness late\": in at least one run the harness acted or delivered more than 2 ms after its time (this machine's two " +
		"cores are shared with other work), so a disagreement there is the machine's load rather than the kernel's own nondeterminism.\n\n")
	// the instability by aspect
	unst := map[string][2]int{}
	for _, r := range rs {
		if r.Err == "" && !r.stable() {
			for _, a := range r.Unstable {
				v := unst[a]
				v[0]++
				if r.Late {
					v[1]++
				}
				unst[a] = v
			}
		}
	}
	if kinds := unstableKinds(rs); len(kinds) > 0 {
		b.WriteString("Why the kernel's runs disagreed, from the first differences of each scenario excluded (one scenario may show several):\n\n| kind | scenarios | of them with the harness late |\n|---|---|---|\n")
		for _, k := range stabKindOrder {
			if v, ok := kinds[k]; ok {
				fmt.Fprintf(&b, "| %s | %d | %d |\n", k, v[0], v[1])
			}
		}
		b.WriteString("\n")
	}
	if len(unst) > 0 {
		b.WriteString("Kernel runs that disagreed, by aspect (scenarios; of them with the harness late): ")
		var parts []string
		for _, a := range Aspects {
			if v, ok := unst[a]; ok {
				parts = append(parts, fmt.Sprintf("%s %d (%d)", a, v[0], v[1]))
			}
		}
		b.WriteString(strings.Join(parts, ", ") + ".\n\n")
	}
	if t.Differ > 0 {
		b.WriteString("### Differences by class\n\n| class | status | scenarios | seeds | why |\n|---|---|---|---|---|\n")
		keys := []string{}
		for _, c := range randomClasses {
			keys = append(keys, c.Key)
		}
		keys = append(keys, unclassified)
		for _, k := range keys {
			if t.ByClass[k] == 0 {
				continue
			}
			status, why := "**open**", "not yet triaged"
			for _, c := range randomClasses {
				if c.Key == k {
					status, why = c.Status, c.Why
				}
			}
			var seeds []string
			for _, r := range rs {
				if r.stable() && contains(classesOf(r), k) {
					seeds = append(seeds, fmt.Sprint(r.Seed))
				}
			}
			if len(seeds) > 12 {
				seeds = append(seeds[:12], "…")
			}
			fmt.Fprintf(&b, "| %s | %s | %d | %s | %s |\n", k, status, t.ByClass[k], strings.Join(seeds, " "), why)
		}
		b.WriteString("\n")
	}
	var open []string
	for _, r := range rs {
		if !r.stable() || !contains(classesOf(r), unclassified) {
			continue
		}
		for _, a := range Aspects {
			for _, d := range r.modelDiffs()[a] {
				if classOf(r, a, d) == unclassified {
					open = append(open, fmt.Sprintf("- seed %d: %s: %s", r.Seed, a, d))
				}
			}
		}
	}
	if len(open) > 0 {
		b.WriteString("### Unclassified differences\n\n" + strings.Join(open, "\n") + "\n")
	}
	if t.NotRecorded > 0 {
		b.WriteString("\n### Not recorded\n\n")
		for _, r := range rs {
			if r.Err != "" {
				fmt.Fprintf(&b, "- seed %d: %s\n", r.Seed, r.Err)
			}
		}
	}
	return b.String()
}

// The kinds of run-to-run differences of the kernel, in report order.
var stabKindOrder = []string{"ACK coalescing (a pure ACK acknowledges more or less)", "PSH marking of bulk segments",
	"cross-stream order of near-simultaneous segments", "segments sent or not (retransmissions, probes, RSTs near the end)",
	"states (sampling missed a short state, or a race)", "counters", "timing only"}

// stabKind classifies one kernel-against-kernel difference (stability.add's wording).
func stabKind(d string) string {
	switch {
	case strings.Contains(d, ": timing: "):
		return "timing only"
	case strings.Contains(d, ": packets: order: "):
		return stabKindOrder[2]
	case strings.Contains(d, ": states: "):
		return stabKindOrder[4]
	case strings.Contains(d, ": counters: "):
		return stabKindOrder[5]
	case strings.Contains(d, "this run [.] seq") && strings.Contains(d, "kept run [.] seq") && strings.Count(d, "len 0") == 2:
		return stabKindOrder[0]
	case (strings.Contains(d, "this run [P.]") && strings.Contains(d, "kept run [.]") ||
		strings.Contains(d, "this run [.]") && strings.Contains(d, "kept run [P.]")) && strings.Count(d, "len 0") == 0:
		return stabKindOrder[1]
	}
	return stabKindOrder[3]
}

// unstableKinds counts, per kind, the excluded scenarios whose first kernel-against-kernel
// differences show it ([scenarios, of them late]); timing counts only where nothing else varied.
func unstableKinds(rs []randomResult) map[string][2]int {
	out := map[string][2]int{}
	for _, r := range rs {
		if r.Err != "" || r.stable() {
			continue
		}
		seen := map[string]bool{}
		for _, d := range r.StabDiffs {
			if k := stabKind(d); k != "timing only" && !strings.HasPrefix(d, "… ") {
				seen[k] = true
			}
		}
		for k := range seen {
			v := out[k]
			v[0]++
			if r.Late {
				v[1]++
			}
			out[k] = v
		}
	}
	return out
}

// ccSummary writes recordings counted by congestion control ("" = the machine's default, before
// the harness set it): "61 under the machine's default (bbr) …; 5 under cubic".
func ccSummary(ccs map[string]int) string {
	var parts []string
	for _, cc := range sortedKeys(ccs) {
		name := cc
		if cc == "" {
			name = "the machine's default (bbr), recorded before the harness set it"
		}
		parts = append(parts, fmt.Sprintf("%d under %s", ccs[cc], name))
	}
	return strings.Join(parts, "; ")
}

// sortedKeys returns a map's keys in order.
func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
