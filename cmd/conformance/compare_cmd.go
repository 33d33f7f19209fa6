package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"finwait/core/trace"
)

// loadTrace reads a kernel (or model) trace written by trace.MarshalJSON.
func loadTrace(path string) (*trace.Trace, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := trace.ParseJSON(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// latestKernelDir picks the recordings to compare with: the current kernel's if present
// (releaseDir), else the last release directory under root in lexical order.
func latestKernelDir(root string) (string, error) {
	if d := releaseDir(root, kernelRelease()); dirExists(d) {
		return d, nil
	}
	ents, err := os.ReadDir(root)
	if err != nil {
		return "", err
	}
	var dirs []string
	for _, e := range ents {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 0 {
		return "", fmt.Errorf("no recordings under %s", root)
	}
	sort.Strings(dirs)
	return filepath.Join(root, dirs[len(dirs)-1]), nil
}

// recordedCC is the congestion control a recording's host A ran, from its .log ("" where the
// harness did not set it: the machine's default).
func recordedCC(dir, name string) string {
	b, err := os.ReadFile(filepath.Join(dir, name+".log"))
	if err != nil {
		return ""
	}
	const key = "sysctl tcp_congestion_control = "
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "host A ") {
			if _, v, ok := strings.Cut(line, key); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	return ""
}

// releaseDir is the folder under root that a kernel release's recordings go to and are read
// from: root/<release> if it exists, else an existing folder of the same release built another
// time (the same part before the local build suffix, the first '-': 6.18.44-fc-v1147 and
// 6.18.44-fc-v669 are both 6.18.44; the last such folder in lexical order), else root/<release>,
// to be made.
func releaseDir(root, release string) string {
	exact := filepath.Join(root, release)
	if dirExists(exact) {
		return exact
	}
	ents, err := os.ReadDir(root)
	if err != nil {
		return exact
	}
	base, _, _ := strings.Cut(release, "-")
	found := ""
	for _, e := range ents { // in lexical order
		if b, _, _ := strings.Cut(e.Name(), "-"); e.IsDir() && b == base {
			found = filepath.Join(root, e.Name())
		}
	}
	if found == "" {
		return exact
	}
	return found
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// row is one scenario of the report.
type row struct {
	Name     string
	Recorded bool
	Why      string // why not recorded / not compared
	Packets  int
	Stab     *stability // kernel against kernel over repeated runs, if recorded
	Cmp      *Comparison
}

// compareAll compares every scenario (catalog ∪ recordings) in dir with the model.
func compareAll(dir string, opt CompareOptions) ([]row, error) {
	names := map[string]bool{}
	for _, n := range scenarioNames() {
		names[n] = true
	}
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range ents {
		if isTraceFile(e.Name()) {
			names[strings.TrimSuffix(e.Name(), ".json")] = true
		}
	}
	var list []string
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	var rows []row
	for _, n := range list {
		r := row{Name: n}
		kt, err := loadTrace(filepath.Join(dir, n+".json"))
		if err != nil {
			r.Why = "not recorded"
			if _, ok := lookupScenario(n); !ok {
				r.Why = "not recorded: no scenario definition yet"
			}
			if s := metaFor(n).Skip; s != "" {
				r.Why = "not recorded: " + s
			}
			rows = append(rows, r)
			continue
		}
		r.Recorded = true
		r.Packets = len(kt.Packets())
		if b, err := os.ReadFile(filepath.Join(dir, n+".stability.json")); err == nil {
			var st stability
			if json.Unmarshal(b, &st) == nil {
				r.Stab = &st
			}
		}
		sc, ok := lookupScenario(n)
		if !ok {
			r.Why = "recorded, but the scenario is not in the catalog"
			rows = append(rows, r)
			continue
		}
		mt, err := runModel(sc)
		if err != nil {
			r.Why = "not compared: " + err.Error()
			rows = append(rows, r)
			continue
		}
		c := Compare(mt, kt, opt)
		r.Cmp = &c
		rows = append(rows, r)
	}
	return rows, nil
}

func cmdCompare(args []string) error {
	fset := flag.NewFlagSet("compare", flag.ExitOnError)
	root := fset.String("kernel-root", "testdata/kernel", "root of the recordings")
	dirFlag := fset.String("kernel", "", "recordings directory (default: the current or newest release under -kernel-root)")
	doc := fset.String("doc", "docs/conformance.md", "report to write ('-' for stdout)")
	randomPath := fset.String("random", "", "results of `conformance random` to report on (default <kernel dir>/random/results.jsonl)")
	fset.Parse(args)
	dir := *dirFlag
	if dir == "" {
		var err error
		if dir, err = latestKernelDir(*root); err != nil {
			return err
		}
	}
	opt := DefaultCompareOptions()
	rows, err := compareAll(dir, opt)
	if err != nil {
		return err
	}
	md := renderReport(filepath.Base(dir), dir, rows, opt)
	tools, err := toolViewReport(dir) // toolview.go
	if err != nil {
		return err
	}
	md += tools
	rp := *randomPath
	if rp == "" {
		rp = randomResultsPath(dir)
	}
	rs, err := readResults(rp)
	if err != nil {
		return err
	}
	md += renderRandom(filepath.ToSlash(rp), rs)
	if *doc == "-" {
		fmt.Print(md)
	} else {
		if err := os.MkdirAll(filepath.Dir(*doc), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(*doc, []byte(md), 0o644); err != nil {
			return err
		}
	}
	t := totals(rows)
	fmt.Printf("%d scenarios: %d recorded, %d compared, %d match, %d differ (accepted %d, unexplained %d) -> %s\n",
		len(rows), t.recorded, t.compared, t.match, t.differ, t.accepted, t.differ-t.accepted, *doc)
	return nil
}

type tally struct{ recorded, compared, match, differ, accepted int }

// accepted reports whether every differing aspect of a comparison has an accepted reason.
func accepted(r row) bool {
	m := metaFor(r.Name)
	for _, a := range Aspects {
		if !r.Cmp.Verdicts[a].OK && m.Accepted[a] == "" {
			return false
		}
	}
	return true
}

func totals(rows []row) tally {
	var t tally
	for _, r := range rows {
		if r.Recorded {
			t.recorded++
		}
		if r.Cmp == nil {
			continue
		}
		t.compared++
		if r.Cmp.OK() {
			t.match++
			continue
		}
		t.differ++
		if accepted(r) {
			t.accepted++
		}
	}
	return t
}

func renderReport(release, dir string, rows []row, opt CompareOptions) string {
	var b strings.Builder
	t := totals(rows)
	fmt.Fprintf(&b, "# Conformance: the model (modern profile) against Linux %s\n\n", release)
	b.WriteString("Generated by `make conformance` (or `go run ./cmd/conformance compare`); do not edit by hand.\n")
	fmt.Fprintf(&b, "Recordings: `%s/` (one JSON trace and one `.log` with `ss -tanoi`/sockstat checkpoints per scenario).\n\n", filepath.ToSlash(dir))
	fmt.Fprintf(&b, "**Totals:** %d scenarios; %d recorded on the kernel; %d compared with the model; %d match; %d differ "+
		"(%d with every difference explained and accepted, %d unexplained).\n\n", len(rows), t.recorded, t.compared, t.match, t.differ, t.accepted, t.differ-t.accepted)
	b.WriteString("The scenarios are the catalog's 18 (spec §17) and the scenario files in `testdata/scenarios/`: closes the " +
		"catalog was not built from (lost SYNs, SYN-ACKs, FINs and last ACKs, refused and half-finished connects, keepalive, " +
		"SYN cookies, data to orphans, shutdowns, and crafted segments a scenario injects: the forwarder writes them into the " +
		"receiver's TUN device at the action's time, their numbers resolved from the ISNs, sequence numbers and TS clocks it has seen), " +
		"recorded the same way and held to the same rules.\n\n")
	b.WriteString("## How the kernel runs were recorded\n\n")
	b.WriteString("`conformance record` (root) makes two network namespaces, each with one TUN device (A 10.0.0.1/24, B 10.0.0.2/24), " +
		"and forwards IPv4 between them in user space (Go), applying the scenario's one-way delays and its `wire.Rules` " +
		"(the same `Rules.Decide` the model uses; conn numbers in SYN order). This kernel has no netem/tbf, and this way both " +
		"ends stay the real kernel stack. Each segment is logged at the forwarder with its read and delivery times, " +
		"and seq/ack are made relative per conn as tcpdump does (spec §0). The scenario's per-namespace sysctls are set in " +
		"each namespace; the applications' actions run with real non-blocking sockets from one epoll loop at the scenario's " +
		"times (a lingering `close()` on its own thread, as it blocks). States come from sock_diag (what `ss` reads) sampled " +
		"every ~1 ms; counters are the nstat deltas of `/proc/net/{snmp,netstat}` per namespace. ")
	ccs := map[string]int{}
	for _, r := range rows {
		if r.Recorded {
			ccs[recordedCC(dir, r.Name)]++
		}
	}
	fmt.Fprintf(&b, "Each namespace's `tcp_congestion_control` is the scenario's, else the model's default, cubic (a new namespace "+
		"would inherit the machine's); recordings by congestion control: %s.\n\n", ccSummary(ccs))
	b.WriteString("## Comparison rules\n\n")
	fmt.Fprintf(&b, "- **packets**: per stream (conn, sender), the same segments in the same order: flags, relative seq, ack, length, dropped. "+
		"The window field is not compared (receive-buffer accounting is not modelled). Across streams the order must agree unless the model "+
		"sends two segments within the timing tolerance of each other.\n")
	fmt.Fprintf(&b, "- **states**: per socket, the kernel's sampled path must be an ordered subsequence of the model's, and every model state lasting "+
		"≥ %d ms must have been seen (zero-length states such as FIN_WAIT1 → FIN_WAIT2 → TIME_WAIT in one instant are invisible to sampling).\n", opt.MinStateUs/1000)
	fmt.Fprintf(&b, "- **counters**: kernel vs model deltas of %s.\n", strings.Join(opt.Counters, ", "))
	fmt.Fprintf(&b, "- **timing**: each matched segment's send time within max(%d ms, %.0f %% of its time): the kernel's RTO is rounded up to "+
		"jiffies (248 ms where the model says 240) and long timers fire a few per cent late (timer-wheel slack, spec §0).\n", opt.AbsTolUs/1000, opt.RelTol*100)
	b.WriteString("- Model events after the end of the kernel run (a TIME_WAIT expiring after 60 s) are not compared.\n\n")
	b.WriteString("## Results\n\n")
	b.WriteString("| scenario | kernel segments | kernel runs alike | packets | states | counters | timing | verdict |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		if r.Cmp == nil {
			seg := "—"
			if r.Recorded {
				seg = fmt.Sprint(r.Packets)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | — | — | — | — | %s |\n", r.Name, seg, stabCell(r.Stab), r.Why)
			continue
		}
		cells := []string{}
		for _, a := range Aspects {
			v := r.Cmp.Verdicts[a]
			switch {
			case v.OK:
				cells = append(cells, "match")
			case metaFor(r.Name).Accepted[a] != "":
				cells = append(cells, "differs (accepted)")
			default:
				cells = append(cells, "**differs**")
			}
		}
		verdict := "match"
		if !r.Cmp.OK() {
			verdict = "differs, accepted"
			if !accepted(r) {
				verdict = "**differs**"
			}
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s |\n", r.Name, r.Packets, stabCell(r.Stab), strings.Join(cells, " | "), verdict)
	}
	b.WriteString("\n\"Kernel runs alike\": the scenario was recorded N times (`record -repeat N`) and the runs compared with each other " +
		"by the same rules; where they varied (a race in the kernel or between the kernel and the application, or sampling " +
		"missing a sub-millisecond state) the aspect is named and the details are in `<scenario>.stability.json`.\n")
	var notes []string
	for _, r := range rows {
		if n := metaFor(r.Name).KernelNote; n != "" && r.Recorded {
			notes = append(notes, fmt.Sprintf("- %s: %s.", r.Name, n))
		}
	}
	if len(notes) > 0 {
		b.WriteString("\n## Kernel-side adaptations\n\n")
		b.WriteString("Where the model's knob and Linux's differ, the recording translates it (meta.go, `KernelSetup`); nothing compared is changed.\n\n")
		b.WriteString(strings.Join(notes, "\n") + "\n")
	}
	b.WriteString("\n## Differences\n\n")
	any := false
	for _, r := range rows {
		if r.Cmp == nil || r.Cmp.OK() {
			continue
		}
		any = true
		fmt.Fprintf(&b, "### %s\n\n", r.Name)
		for _, a := range Aspects {
			v := r.Cmp.Verdicts[a]
			if v.OK {
				continue
			}
			why := metaFor(r.Name).Accepted[a]
			if why == "" {
				why = "unexplained: to be fixed in the model or explained here"
			} else {
				why = "accepted: " + why
			}
			for _, d := range v.Diffs {
				fmt.Fprintf(&b, "- %s: %s (%s)\n", a, d, why)
			}
		}
		b.WriteString("\n")
	}
	if !any {
		b.WriteString("None among the compared scenarios.\n")
	}
	return b.String()
}

func stabCell(s *stability) string {
	if s == nil || s.Runs < 2 {
		return "—"
	}
	if len(s.Unstable) == 0 {
		return fmt.Sprintf("%d/%d", s.Runs, s.Runs)
	}
	var as []string
	for _, a := range Aspects {
		if s.Unstable[a] {
			as = append(as, a)
		}
	}
	return fmt.Sprintf("%d runs; %s varied", s.Runs, strings.Join(as, ", "))
}

// isTraceFile tells a recorded trace (<scenario>.json) from the sidecars next to it.
func isTraceFile(name string) bool {
	return strings.HasSuffix(name, ".json") && !strings.Contains(strings.TrimSuffix(name, ".json"), ".")
}
