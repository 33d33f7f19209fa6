package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"finwait/core/scenario"
	"finwait/core/scenario/gen"
	"finwait/core/trace"
)

// Differential testing (issue 12): `conformance random` records generated scenarios
// (core/scenario/gen, recordable flavour; a seed names a scenario) on the kernel several times,
// keeps those whose runs agree, and compares them with the model as the catalog is compared.
// Each seed's outcome is one JSON line of the results file, written as soon as it is known, so
// that a long run can be stopped, resumed (seeds already in the file are skipped) and reported
// on at any point. The report (docs/conformance.md's "Random scenarios") classifies every
// difference with the rules of randomClasses.

// randomResult is one generated scenario's outcome.
type randomResult struct {
	Seed   uint64 `json:"seed"`
	Kernel string `json:"kernel,omitempty"` // uname -r of the machine that recorded it
	// CC: the congestion control the kernel ran (withModelCongestionControl); results recorded
	// before the harness set it have none: they ran under the machine's default.
	CC      string `json:"cc,omitempty"`
	Actions int    `json:"actions"`
	Packets int    `json:"packets,omitempty"` // in the kept kernel run
	Runs    int    `json:"runs,omitempty"`
	// Err: the scenario was not recorded or not compared (harness or model error).
	Err string `json:"err,omitempty"`
	// Unstable: the aspects in which the kernel's runs disagreed (then not compared with the
	// model), with the first differences; Late: some run's harness was later than -max-late in
	// every attempt (the machine's load, not the kernel).
	Unstable  []string `json:"unstable,omitempty"`
	StabDiffs []string `json:"stab_diffs,omitempty"`
	MaxLateUs int64    `json:"max_late_us,omitempty"`
	Late      bool     `json:"late,omitempty"`
	// Diffs: model against the kept kernel run, per aspect (stable scenarios only).
	Diffs map[string][]string `json:"diffs,omitempty"`
}

// stable reports whether the scenario was recorded and the kernel's runs agreed in packets,
// states and counters. Runs that differ in timing alone still count: on this machine's two
// shared cores the harness itself runs tens of milliseconds late at times, so the runs' timing
// measures the machine's load; the model's timing is then not judged (timingJudged).
func (r randomResult) stable() bool {
	if r.Err != "" {
		return false
	}
	for _, a := range r.Unstable {
		if a != "timing" {
			return false
		}
	}
	return true
}

// timingJudged reports whether the kernel's runs agreed in timing too.
func (r randomResult) timingJudged() bool { return !contains(r.Unstable, "timing") }

// modelDiffs returns the differences with the model that count: none for an unstable scenario,
// and none in timing where the kernel's own runs varied in it.
func (r randomResult) modelDiffs() map[string][]string {
	if !r.stable() {
		return nil
	}
	out := map[string][]string{}
	for a, ds := range r.Diffs {
		if a == "timing" && !r.timingJudged() {
			continue
		}
		out[a] = ds
	}
	return out
}

// matches reports whether a stable scenario matched the model in every aspect judged.
func (r randomResult) matches() bool { return r.stable() && len(r.modelDiffs()) == 0 }

// maxListed caps the differences kept per aspect in the results file.
const maxListed = 4

func capList(s []string) []string {
	if len(s) > maxListed {
		return append(append([]string(nil), s[:maxListed]...), fmt.Sprintf("… %d more", len(s)-maxListed))
	}
	return s
}

// randomRunner records and compares generated scenarios; record1 and model are the kernel and
// the core (replaced by fixtures in tests).
type randomRunner struct {
	ro      repeatOptions
	model   func(scenario.Scenario) (*trace.Trace, error)
	keepDir string // where the kept kernel traces go (for triage); "" = nowhere
	kernel  string // the release recorded on
}

// one generates, records and compares the scenario seed names.
func (rr randomRunner) one(seed uint64) randomResult {
	sc := gen.Generate(seed, gen.Recordable)
	res := randomResult{Seed: seed, Kernel: rr.kernel, Actions: len(sc.Actions),
		CC: withModelCongestionControl(sc).Hosts[0].Sysctls["tcp_congestion_control"]}
	mt, err := rr.model(sc)
	if err != nil {
		res.Err = "model: " + err.Error()
		return res
	}
	ro := rr.ro
	ro.name = sc.Name
	rec, stab, err := recordRepeated(sc, scenarioMeta{}, ro)
	if err != nil {
		res.Err = "kernel: " + err.Error()
		return res
	}
	if len(rec.Errs) > 0 {
		res.Err = "harness: " + rec.Errs[0]
	}
	res.Packets = len(rec.Trace.Packets())
	res.Runs, res.MaxLateUs = 1, rec.MaxLateUs
	if stab != nil {
		res.Runs, res.MaxLateUs = stab.Runs, stab.MaxLateUs
		for _, a := range Aspects {
			if stab.Unstable[a] {
				res.Unstable = append(res.Unstable, a)
			}
		}
		res.StabDiffs = capList(stab.Diffs)
	}
	res.Late = res.MaxLateUs > ro.maxLate.Microseconds()
	if rr.keepDir != "" {
		rec.Trace.Profile = "kernel " + kernelRelease()
		if b, err := json.Marshal(rec.Trace); err == nil {
			_ = os.WriteFile(filepath.Join(rr.keepDir, sc.Name+".json"), b, 0o644)
			_ = os.WriteFile(filepath.Join(rr.keepDir, sc.Name+".log"), []byte(rec.Log), 0o644)
		}
	}
	if res.Err == "" {
		// for every recorded scenario: the report decides which of them count as stable
		res.Diffs = modelDiffs(mt, rec.Trace)
	}
	return res
}

// behindPSH prefixes the differences that a comparison blind to PSH finds beyond the first:
// a PSH difference stops the comparison of its stream, and PSH marking on bulk sends is a known
// difference (issue 12), so what follows it in the stream is compared too.
const behindPSH = "behind PSH: "

// modelDiffs compares the model with a kernel trace: the differing aspects' first differences,
// and for each stream whose first packet difference is PSH alone, its next difference with PSH
// cleared on both sides.
func modelDiffs(model, kernel *trace.Trace) map[string][]string {
	var out map[string][]string
	c := Compare(model, kernel, DefaultCompareOptions())
	for _, a := range Aspects {
		if v := c.Verdicts[a]; !v.OK {
			if out == nil {
				out = map[string][]string{}
			}
			out[a] = capList(v.Diffs)
		}
	}
	psh := map[string]bool{} // streams ("c0 A>") whose first difference is PSH
	for _, d := range c.Verdicts["packets"].Diffs {
		if classify(0, "packets", d) == "psh-bulk" {
			psh[streamOf(d)] = true
		}
	}
	if len(psh) == 0 {
		return out
	}
	var more []string
	for _, d := range Compare(clearPSH(model), clearPSH(kernel), DefaultCompareOptions()).Verdicts["packets"].Diffs {
		if psh[streamOf(d)] {
			more = append(more, behindPSH+d)
		}
	}
	if len(more) > 0 {
		out["packets"] = append(out["packets"], capList(more)...)
	}
	return out
}

// streamOf is the stream a packet difference names ("c0 A>"), from its first two words.
func streamOf(d string) string {
	f := strings.SplitN(d, " ", 3)
	if len(f) < 2 {
		return d
	}
	return f[0] + " " + f[1]
}

// clearPSH returns a copy of a trace with the PSH flag cleared in every packet.
func clearPSH(t *trace.Trace) *trace.Trace {
	c := *t
	c.Events = append([]trace.Event(nil), t.Events...)
	for i := range c.Events {
		if c.Events[i].Kind == trace.KindPacket {
			c.Events[i].Flags = strings.Replace(c.Events[i].Flags, "P", "", 1)
		}
	}
	return &c
}

// readResults reads a results file (a missing file is no results).
func readResults(path string) ([]randomResult, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseResults(f, path)
}

func parseResults(r io.Reader, name string) ([]randomResult, error) {
	var out []randomResult
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var res randomResult
		if err := json.Unmarshal(sc.Bytes(), &res); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		out = append(out, res)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// mergeResults keeps the last result of each seed, in seed order.
func mergeResults(rs []randomResult) []randomResult {
	by := map[uint64]randomResult{}
	for _, r := range rs {
		by[r.Seed] = r
	}
	out := make([]randomResult, 0, len(by))
	for _, r := range by {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seed < out[j].Seed })
	return out
}

// randomResultsPath is where a release's random-run results are kept (committed: small).
func randomResultsPath(kernelDir string) string {
	return filepath.Join(kernelDir, "random", "results.jsonl")
}

func cmdRandom(args []string) error {
	fset := flag.NewFlagSet("random", flag.ExitOnError)
	n := fset.Int("n", 300, "number of generated scenarios")
	seed := fset.Uint64("seed", 1, "first seed; the scenarios are seeds seed … seed+n-1")
	repeat := fset.Int("repeat", 3, "kernel runs per scenario; only scenarios whose runs agree are compared with the model")
	attempts := fset.Int("attempts", 2, "record a run again (up to N times) when the harness ran late")
	maxLate := fset.Duration("max-late", 2*time.Millisecond, "the most an action or a delivery may run late before the run is retried")
	results := fset.String("results", "", "results file, one JSON line per seed, appended to (default random/results.jsonl in the recordings directory compare reads)")
	keep := fset.String("keep", "", "directory for the kept kernel traces, for triage (default: none)")
	seedList := fset.String("seeds", "", "comma-separated seeds to record, in this order, instead of -seed and -n (with -redo: again)")
	redo := fset.Bool("redo", false, "record seeds already in the results file again")
	recompare := fset.Bool("recompare", false, "no recording (no root): compare the model again with the kernel traces kept in -keep, updating the results file (after a model change)")
	fset.Parse(args)
	if *recompare {
		if *results == "" || *keep == "" {
			return fmt.Errorf("random -recompare: give -results FILE and -keep DIR")
		}
		return recompareResults(*results, *keep, runModel)
	}
	if *n < 1 || *repeat < 1 {
		return fmt.Errorf("random: -n and -repeat must be at least 1 (got -n %d -repeat %d)", *n, *repeat)
	}
	seeds, err := seedsToRun(*seedList, *seed, *n)
	if err != nil {
		return err
	}
	if err := checkPrivileges(); err != nil {
		return fmt.Errorf("cannot record: %v", err)
	}
	sweepStale()
	path := *results
	if path == "" {
		// next to the recordings compare reads (each line names the release it ran on)
		dir, err := latestKernelDir("testdata/kernel")
		if err != nil {
			dir = releaseDir("testdata/kernel", kernelRelease())
		}
		path = randomResultsPath(dir)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if *keep != "" {
		if err := os.MkdirAll(*keep, 0o755); err != nil {
			return err
		}
	}
	done := map[uint64]bool{}
	if !*redo {
		old, err := readResults(path)
		if err != nil {
			return err
		}
		for _, r := range old {
			done[r.Seed] = true
		}
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	rr := randomRunner{ro: repeatOptions{attempts: *attempts, maxLate: *maxLate, repeat: *repeat}, model: runModel, keepDir: *keep, kernel: kernelRelease()}
	for _, s := range seeds {
		if done[s] {
			continue
		}
		t0 := time.Now()
		res := rr.one(s)
		b, err := json.Marshal(res)
		if err != nil {
			return err
		}
		if _, err := f.Write(append(b, '\n')); err != nil {
			return err
		}
		fmt.Printf("seed %d: %s (%.1f s)\n", s, res.verdict(), time.Since(t0).Seconds())
	}
	return nil
}

// seedsToRun is the seeds a random run records: those of -seeds in its order, else first …
// first+n-1.
func seedsToRun(list string, first uint64, n int) ([]uint64, error) {
	var out []uint64
	if list == "" {
		for s := first; s < first+uint64(n); s++ {
			out = append(out, s)
		}
		return out, nil
	}
	for i, f := range strings.Split(list, ",") {
		s, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("random -seeds: item %d %q is not a seed (a whole number)", i+1, f)
		}
		out = append(out, s)
	}
	return out, nil
}

// verdict is a result in a few words.
func (r randomResult) verdict() string {
	switch {
	case r.Err != "":
		return "not recorded: " + r.Err
	case !r.stable():
		return "kernel runs disagree in " + strings.Join(r.Unstable, ", ")
	case r.matches():
		return "matches"
	}
	var as []string
	for _, a := range Aspects {
		if len(r.modelDiffs()[a]) > 0 {
			as = append(as, a)
		}
	}
	return "differs in " + strings.Join(as, ", ")
}

// recompareResults compares the model again with each recorded seed's kept kernel trace
// (keepDir/gen_<seed>.json) and rewrites the results file with the new differences.
func recompareResults(path, keepDir string, model func(scenario.Scenario) (*trace.Trace, error)) error {
	rs, err := readResults(path)
	if err != nil {
		return err
	}
	rs = mergeResults(rs)
	var b strings.Builder
	for i, r := range rs {
		if r.Err == "" {
			sc := gen.Generate(r.Seed, gen.Recordable)
			kt, err := loadTrace(filepath.Join(keepDir, sc.Name+".json"))
			if err != nil {
				return fmt.Errorf("seed %d: %w", r.Seed, err)
			}
			mt, err := model(sc)
			if err != nil {
				rs[i].Err, rs[i].Diffs = "model: "+err.Error(), nil
			} else {
				rs[i].Diffs = modelDiffs(mt, kt)
			}
			if rs[i].CC == "" {
				// a result written before it was kept: the run's log says what the harness set
				rs[i].CC = recordedCC(keepDir, sc.Name)
			}
		}
		line, err := json.Marshal(rs[i])
		if err != nil {
			return err
		}
		b.Write(append(line, '\n'))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
