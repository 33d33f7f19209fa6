// Command conformance checks finwait's model against the real Linux kernel.
//
//	conformance record [-scenario a,b | -all] [-out testdata/kernel] [-global-sysctls] [-v]
//	    (root) runs each scenario with real sockets in two network namespaces joined by a
//	    user-space TUN wire and writes testdata/kernel/<uname -r>/<scenario>.json (+ .log)
//	conformance compare [-kernel testdata/kernel/<release>] [-doc docs/conformance.md]
//	    (no root) compares the model's modern-profile traces with the recordings and writes the report
//	conformance list
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"finwait/core/scenario"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case childArg:
		runChild()
		return
	case "record":
		err = cmdRecord(os.Args[2:])
	case "random":
		err = cmdRandom(os.Args[2:])
	case "compare":
		err = cmdCompare(os.Args[2:])
	case "list":
		for _, n := range scenarioNames() {
			m := metaFor(n)
			status := "recordable"
			if _, ok := lookupScenario(n); !ok {
				status = "no definition yet (waiting for the core catalog)"
			}
			if m.Skip != "" {
				status = "skip: " + m.Skip
			}
			fmt.Printf("%-30s %s\n", n, status)
		}
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: conformance record|compare|list [flags] (see -h of each)")
	os.Exit(2)
}

func kernelRelease() string {
	var u syscall.Utsname
	if err := syscall.Uname(&u); err != nil {
		return "unknown"
	}
	var b []byte
	for _, c := range u.Release {
		if c == 0 {
			break
		}
		b = append(b, byte(c))
	}
	return string(b)
}

// stability is the kernel-against-kernel comparison of repeated runs of one scenario: which
// aspects varied from run to run (a race inside the kernel or between the kernel and the
// application), so that a model-vs-kernel difference in them can be judged.
type stability struct {
	Runs     int             `json:"runs"`
	Kept     int             `json:"kept"`               // the run written as the recording (1-based)
	Unstable map[string]bool `json:"unstable,omitempty"` // aspect → varied
	Diffs    []string        `json:"diffs,omitempty"`
	// MaxLateUs is how late the harness ran at worst in any kept attempt of any run (µs).
	MaxLateUs int64 `json:"max_late_us,omitempty"`
}

func (s *stability) add(run, kept int, c Comparison) {
	for _, a := range Aspects {
		v := c.Verdicts[a]
		if v.OK {
			continue
		}
		if s.Unstable == nil {
			s.Unstable = map[string]bool{}
		}
		s.Unstable[a] = true
		for _, d := range v.Diffs {
			d = strings.Replace(strings.Replace(d, "model", "this run", -1), "kernel", "kept run", -1)
			s.Diffs = append(s.Diffs, fmt.Sprintf("run %d vs run %d: %s: %s", run, kept, a, d))
		}
	}
}

func (s stability) summary() string {
	if len(s.Unstable) == 0 {
		return "identical packets, states and counters; timing within tolerance"
	}
	var as []string
	for _, a := range Aspects {
		if s.Unstable[a] {
			as = append(as, a)
		}
	}
	return "varied in " + strings.Join(as, ", ")
}

func cmdRecord(args []string) error {
	fs := flag.NewFlagSet("record", flag.ExitOnError)
	names := fs.String("scenario", "", "comma-separated scenario names")
	all := fs.Bool("all", false, "every recordable scenario")
	out := fs.String("out", "testdata/kernel", "output root; files go to <out>/<uname -r>/, or to an existing folder of the same release built another time (the part of uname -r before its first '-')")
	global := fs.Bool("global-sysctls", false, "allow host-wide sysctls (tcp_max_orphans …), restored afterwards")
	verbose := fs.Bool("v", false, "log to stderr")
	tcpdump := fs.Bool("tcpdump", false, "also run tcpdump in each namespace and check it saw exactly the segments the wire logged")
	attempts := fs.Int("attempts", 4, "record a scenario again (up to N times) when the harness ran late by more than -max-late")
	maxLate := fs.Duration("max-late", 2*time.Millisecond, "the most an action or a delivery may run late before the run is retried")
	repeat := fs.Int("repeat", 1, "record each scenario N times; runs 2..N are compared with the first (kernel against kernel) and the result goes to <scenario>.stability.json")
	fs.Parse(args)
	if err := checkPrivileges(); err != nil {
		return fmt.Errorf("cannot record: %v", err)
	}
	sweepStale()
	var list []string
	switch {
	case *all:
		for _, n := range scenarioNames() {
			if _, ok := lookupScenario(n); ok && metaFor(n).Skip == "" {
				list = append(list, n)
			}
		}
	case *names != "":
		list = strings.Split(*names, ",")
	default:
		return fmt.Errorf("record: give -scenario NAME[,NAME] or -all")
	}
	dir := releaseDir(*out, kernelRelease())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	failed := 0
	for _, n := range list {
		sc, ok := lookupScenario(n)
		if !ok {
			fmt.Fprintf(os.Stderr, "%s: unknown scenario\n", n)
			failed++
			continue
		}
		m := metaFor(n)
		if m.Skip != "" && !*all && !(*global && strings.Contains(m.Skip, "host-wide")) {
			fmt.Fprintf(os.Stderr, "%s: skipped: %s\n", n, m.Skip)
			continue
		}
		ro := repeatOptions{record: recordOptions{GlobalSysctls: *global, Verbose: *verbose, Tcpdump: *tcpdump},
			attempts: *attempts, maxLate: *maxLate, repeat: *repeat, name: n}
		rec, stab, err := recordRepeated(sc, m, ro)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", n, err)
			failed++
			continue
		}
		if stab != nil {
			b, _ := json.MarshalIndent(stab, "", "  ")
			if err := os.WriteFile(filepath.Join(dir, n+".stability.json"), append(b, '\n'), 0o644); err != nil {
				return err
			}
			fmt.Printf("%-30s %d runs (kept run %d): %s\n", n, stab.Runs, stab.Kept, stab.summary())
		}
		rec.Trace.Profile = "kernel " + kernelRelease()
		b, err := json.Marshal(rec.Trace)
		if err != nil {
			return err
		}
		var pretty bytes.Buffer
		pretty.Write(b)
		p := filepath.Join(dir, n+".json")
		if err := os.WriteFile(p, pretty.Bytes(), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, n+".log"), []byte(rec.Log), 0o644); err != nil {
			return err
		}
		status := "ok"
		if len(rec.Errs) > 0 {
			status = fmt.Sprintf("%d harness errors (see .log)", len(rec.Errs))
			failed++
		}
		fmt.Printf("%-30s %4d packets  %s  -> %s\n", n, len(rec.Trace.Packets()), status, p)
	}
	if failed > 0 {
		return fmt.Errorf("%d scenario(s) failed", failed)
	}
	return nil
}

// repeatOptions steer recordRepeated.
type repeatOptions struct {
	record   recordOptions
	attempts int                                                                      // record again (up to N times) when the harness ran later than maxLate
	maxLate  time.Duration                                                            // the most an action or a delivery may run late
	repeat   int                                                                      // kernel runs of the scenario, compared with each other
	name     string                                                                   // for the progress lines on stderr
	record1  func(scenario.Scenario, scenarioMeta, recordOptions) (*recording, error) // record; nil: the kernel
}

// recordRepeated records a scenario repeat times (each run retried while the harness ran late)
// and keeps the medoid, the run that differs least from the others (a run that a loaded machine
// disturbed is outvoted; among equals, the one the harness ran most punctually). The stability
// (nil for a single run) compares the other runs with the kept one.
func recordRepeated(sc scenario.Scenario, m scenarioMeta, o repeatOptions) (*recording, *stability, error) {
	rec1 := o.record1
	if rec1 == nil {
		rec1 = record
	}
	recordOnce := func() (*recording, error) {
		var rec *recording
		for try := 1; try <= max(o.attempts, 1); try++ {
			r, err := rec1(sc, m, o.record)
			if err != nil {
				return nil, err
			}
			if rec == nil || r.MaxLateUs < rec.MaxLateUs {
				rec = r
			}
			if r.MaxLateUs <= o.maxLate.Microseconds() {
				break
			}
			if try < o.attempts {
				fmt.Fprintf(os.Stderr, "%s: try %d: the harness ran %.1f ms late (%s): machine busy, recording again\n",
					o.name, try, float64(r.MaxLateUs)/1000, r.LateWhat)
			}
		}
		if rec.MaxLateUs > o.maxLate.Microseconds() {
			rec.Log += fmt.Sprintf("warning: the best of %d tries still ran %.1f ms late (%s)\n", o.attempts, float64(rec.MaxLateUs)/1000, rec.LateWhat)
		}
		return rec, nil
	}
	rec, err := recordOnce()
	if err != nil {
		return nil, nil, err
	}
	if o.repeat <= 1 {
		return rec, nil, nil
	}
	runs := []*recording{rec}
	for i := 1; i < o.repeat; i++ {
		again, err := recordOnce()
		if err != nil {
			return nil, nil, fmt.Errorf("run %d: %w", i+1, err)
		}
		runs = append(runs, again)
	}
	best := medoid(runs)
	stab := &stability{Runs: len(runs), Kept: best + 1}
	for j := range runs {
		if j != best {
			stab.add(j+1, best+1, Compare(runs[j].Trace, runs[best].Trace, DefaultCompareOptions()))
		}
		stab.MaxLateUs = max(stab.MaxLateUs, runs[j].MaxLateUs)
	}
	return runs[best], stab, nil
}

// medoid returns the index of the run that differs least from the others (ties: the one the
// harness ran most punctually, then the first).
func medoid(runs []*recording) int {
	best, bestScore := 0, -1
	for i := range runs {
		score := 0
		for j := range runs {
			if i != j {
				c := Compare(runs[j].Trace, runs[i].Trace, DefaultCompareOptions())
				for _, a := range Aspects {
					score += len(c.Verdicts[a].Diffs)
				}
			}
		}
		if bestScore < 0 || score < bestScore || (score == bestScore && runs[i].MaxLateUs < runs[best].MaxLateUs) {
			best, bestScore = i, score
		}
	}
	return best
}
