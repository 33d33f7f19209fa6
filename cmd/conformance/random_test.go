package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"finwait/core/scenario"
	"finwait/core/scenario/gen"
	"finwait/core/trace"
)

// fakeKernel stands in for record(): it returns, run after run, the traces of a script (the
// model's own trace, changed by each step's edit), with the lateness given.
type fakeKernel struct {
	model  func(scenario.Scenario) (*trace.Trace, error)
	edits  []func(*trace.Trace) // one per run; nil: the model's trace unchanged
	late   []int64              // µs, one per run
	calls  int
	scSeen []string // the scenario files the kernel was asked to record
}

func (k *fakeKernel) record(sc scenario.Scenario, _ scenarioMeta, _ recordOptions) (*recording, error) {
	js, _ := json.Marshal(sc)
	k.scSeen = append(k.scSeen, string(js))
	t, err := k.model(sc)
	if err != nil {
		return nil, err
	}
	t.Events = append([]trace.Event(nil), t.Events...)
	i := k.calls
	k.calls++
	if i < len(k.edits) && k.edits[i] != nil {
		k.edits[i](t)
	}
	var late int64
	if i < len(k.late) {
		late = k.late[i]
	}
	return &recording{Trace: t, MaxLateUs: late, LateWhat: "a packet's delivery"}, nil
}

// firstPacket edits the first packet of a trace.
func firstPacket(edit func(*trace.Event)) func(*trace.Trace) {
	return func(t *trace.Trace) {
		for i := range t.Events {
			if t.Events[i].Kind == trace.KindPacket {
				edit(&t.Events[i])
				return
			}
		}
	}
}

// shiftPackets moves every packet later by d µs (a run the machine's load delayed).
func shiftPackets(d int64) func(*trace.Trace) {
	return func(t *trace.Trace) {
		t.EndUs += d
		for i := range t.Events {
			if t.Events[i].Kind == trace.KindPacket {
				t.Events[i].T += d
			}
		}
	}
}

func runner(k *fakeKernel, attempts int) randomRunner {
	return randomRunner{ro: repeatOptions{attempts: attempts, maxLate: 2 * time.Millisecond, repeat: 3, record1: k.record}, model: runModel}
}

// seed 1's scenario as generated: the same seed names the same scenario on every run of the runner.
func TestRandomSeedNamesScenario(t *testing.T) {
	k := &fakeKernel{model: runModel}
	rr := runner(k, 1)
	rr.one(1)
	rr.one(1)
	rr.one(2)
	if len(k.scSeen) != 9 {
		t.Fatalf("recorded %d times, want 3 runs × 3 calls", len(k.scSeen))
	}
	for i := 1; i < 6; i++ {
		if k.scSeen[i] != k.scSeen[0] {
			t.Fatalf("seed 1: run %d recorded another scenario:\n%s\nvs\n%s", i, k.scSeen[i], k.scSeen[0])
		}
	}
	if k.scSeen[6] == k.scSeen[0] {
		t.Fatal("seeds 1 and 2 recorded the same scenario")
	}
	want, _ := json.Marshal(gen.Generate(1, gen.Recordable))
	if k.scSeen[0] != string(want) {
		t.Fatal("seed 1's recording is not gen.Generate(1, Recordable)")
	}
}

func TestRandomRunnerBookkeeping(t *testing.T) {
	psh := firstPacket(func(e *trace.Event) { e.Flags = "P." })
	tests := []struct {
		name       string
		edits      []func(*trace.Trace)
		late       []int64
		attempts   int
		wantCalls  int
		verdict    string
		unstable   []string
		late2      bool
		stable     bool
		timing     bool // timing judged
		wantAspect string
	}{
		{name: "three alike, as the model", attempts: 1, wantCalls: 3, verdict: "matches", stable: true, timing: true},
		{name: "three alike, the kernel differs from the model", edits: []func(*trace.Trace){psh, psh, psh}, attempts: 1, wantCalls: 3,
			verdict: "differs in packets", stable: true, timing: true, wantAspect: "packets"},
		{name: "one run of three differs: outvoted, but unstable", edits: []func(*trace.Trace){nil, psh, nil}, attempts: 1, wantCalls: 3,
			verdict: "kernel runs disagree in packets", unstable: []string{"packets"}},
		{name: "a late run shifted in time: stable, timing not judged", edits: []func(*trace.Trace){nil, shiftPackets(8000), nil},
			late: []int64{0, 8000, 0}, attempts: 1, wantCalls: 3, verdict: "matches", unstable: []string{"timing"}, late2: true, stable: true},
		{name: "a late run is recorded again", edits: []func(*trace.Trace){nil, shiftPackets(8000), nil, nil},
			late: []int64{0, 8000, 0, 0}, attempts: 2, wantCalls: 4, verdict: "matches", stable: true, timing: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k := &fakeKernel{model: runModel, edits: tc.edits, late: tc.late}
			res := runner(k, tc.attempts).one(3)
			if k.calls != tc.wantCalls {
				t.Errorf("kernel runs %d, want %d", k.calls, tc.wantCalls)
			}
			if got := res.verdict(); got != tc.verdict {
				t.Errorf("verdict %q, want %q (diffs %v)", got, tc.verdict, res.Diffs)
			}
			if !reflect.DeepEqual(res.Unstable, tc.unstable) || res.Late != tc.late2 {
				t.Errorf("unstable %v late %v, want %v %v (%v)", res.Unstable, res.Late, tc.unstable, tc.late2, res.StabDiffs)
			}
			if res.stable() != tc.stable || (tc.stable && res.timingJudged() != tc.timing) {
				t.Errorf("stable %v timing judged %v, want %v %v", res.stable(), res.timingJudged(), tc.stable, tc.timing)
			}
			if res.Seed != 3 || res.Runs != 3 || res.Err != "" || res.CC != "cubic" {
				t.Errorf("seed %d runs %d err %q cc %q", res.Seed, res.Runs, res.Err, res.CC)
			}
			if tc.wantAspect != "" && !strings.Contains(res.modelDiffs()[tc.wantAspect][0], "model [S] seq 0, len 0") {
				t.Errorf("diff %q", res.modelDiffs()[tc.wantAspect])
			}
		})
	}
}

func TestRandomModelError(t *testing.T) {
	k := &fakeKernel{model: runModel}
	rr := runner(k, 1)
	rr.model = func(scenario.Scenario) (*trace.Trace, error) { return nil, errNoModel }
	res := rr.one(5)
	if res.Err != "model: "+errNoModel.Error() || k.calls != 0 || res.stable() {
		t.Fatalf("got %+v after %d kernel runs", res, k.calls)
	}
}

// fixtureResults is a results file as a run writes it (seed 4 recorded twice: the last counts).
const fixtureResults = `{"seed":1,"kernel":"6.18.44-x","actions":6,"packets":11,"runs":3,"diffs":{"packets":["c0 B> segment 3: model [.] seq 1449, ack 1, len 1448 at 135.5 ms, kernel [P.] seq 1449, ack 1, len 1448 at 136.5 ms."]}}
{"seed":2,"actions":5,"packets":13,"runs":3,"unstable":["timing"],"max_late_us":111548,"late":true,"diffs":{"timing":["c0 B> [.] seq 1, ack 1, len 730: model at 626.5 ms, kernel at 685.2 ms (+58.7 ms)."]}}
{"seed":3,"actions":9,"packets":40,"runs":3,"unstable":["packets","timing"],"max_late_us":58572,"late":true,"stab_diffs":["run 2 vs run 1: packets: c0 A> segment 33: this run [.] seq 3001, ack 47785, len 0 at 738.9 ms, kept run [.] seq 3001, ack 49233, len 0 at 738.6 ms.","run 2 vs run 1: timing: c0 A> [.] seq 1, ack 1, len 0: this run sends it at 73.0 ms, kept run at 54.3 ms (-18.6 ms)."],"diffs":{"counters":["A: TCPACKSkippedSeq model +1 kernel +0."]}}
{"seed":4,"actions":4,"err":"kernel: ip netns add: exit status 1"}

{"seed":5,"actions":7,"packets":9,"runs":3}
{"seed":6,"actions":7,"packets":9,"runs":3,"diffs":{"counters":["A: TCPACKSkippedSeq model +1 kernel +0."]}}
{"seed":4,"actions":4,"packets":7,"runs":3}
`

func TestRandomReport(t *testing.T) {
	rs, err := parseResults(strings.NewReader(fixtureResults), "results.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 7 {
		t.Fatalf("%d results, want 7", len(rs))
	}
	rs = mergeResults(rs)
	var seeds []uint64
	for _, r := range rs {
		seeds = append(seeds, r.Seed)
	}
	if !reflect.DeepEqual(seeds, []uint64{1, 2, 3, 4, 5, 6}) || rs[3].Err != "" {
		t.Fatalf("merged %v, seed 4 %+v", seeds, rs[3])
	}
	got := tallyRandom(rs)
	want := randomTally{Generated: 6, Unstable: 1, UnstableLate: 1, Stable: 5, Match: 3, Differ: 2,
		ByClass: map[string]int{"psh-bulk": 1, unclassified: 1}, Unexplained: 1, Known: 1}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("tally %+v, want %+v", got, want)
	}
	md := renderRandom("testdata/kernel/x/random/results.jsonl", rs)
	for _, s := range []string{
		"Recorded on Linux 6.18.44-x.",
		"| 6 | 0 | 1 (1) | 5 | 3 | 0 | 2 | 1 | 0 | 1 |",
		"- seed 17: a connection without timestamps",
		"Kernel runs that disagreed, by aspect (scenarios; of them with the harness late): packets 1 (1), timing 1 (1).",
		"| psh-bulk | known (rule modelled: a PSH-only difference left is a case it misses) | 1 | 1 |",
		"| ACK coalescing (a pure ACK acknowledges more or less) | 1 | 1 |",
		"| unclassified | **open** | 1 | 6 | not yet triaged |",
		"- seed 6: counters: A: TCPACKSkippedSeq model +1 kernel +0.",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("report lacks %q:\n%s", s, md)
		}
	}
	if strings.Contains(md, "seed 2: timing") || strings.Contains(md, "seed 3:") {
		t.Errorf("the report judges what it must not (seed 2's timing, unstable seed 3):\n%s", md)
	}
	if ft := tallyRandom([]randomResult{{Seed: 17, Runs: 3}, {Seed: 26, Runs: 3, Unstable: []string{"packets"}}}); ft.Fixed != 1 || ft.Match != 1 {
		t.Errorf("fixed seed 17 stable and matching, 26 unstable: %+v", ft)
	}
	if renderRandom("x", nil) != "" {
		t.Error("a report on no results")
	}
}

func TestRandomResultsErrors(t *testing.T) {
	_, err := parseResults(strings.NewReader("{\"seed\":1}\n{\"seed\":\"x\"}\n"), "r.jsonl")
	if err == nil || !strings.HasPrefix(err.Error(), "r.jsonl:2: ") {
		t.Fatalf("error %v, want one naming r.jsonl:2", err)
	}
	rs, err := readResults("testdata/no-such-file.jsonl")
	if err != nil || rs != nil {
		t.Fatalf("missing file: %v %v", rs, err)
	}
}

func TestRandomClassify(t *testing.T) {
	for _, tc := range []struct {
		seed               uint64
		aspect, diff, want string
	}{
		{1, "packets", "c0 B> segment 3: model [.] seq 1449, ack 1, len 1448 at 135.5 ms, kernel [P.] seq 1449, ack 1, len 1448 at 136.5 ms.", "psh-bulk"},
		{52, "packets", "behind PSH: c0 B> segment 3: model [.] seq 1449, ack 1, len 1448 at 135.5 ms, kernel [P.] seq 1449, ack 1, len 1448 at 136.5 ms.", "psh-bulk"},
		{1, "packets", "c0 A> segment 2: model [F.] seq 1, ack 1, len 0 at 1.0 ms, kernel [R.] seq 1, ack 1, len 0 at 1.0 ms.", unclassified},
		{52, "counters", "A: TcpRetransSegs model +0 kernel +1.", "sack-rack"},
		{165, "counters", "A: TCPWinProbe model +0 kernel +2.", "receive-window-fills"},
		// not PSH alone (the lengths differ): the seed's class
		{165, "packets", "c2 A> segment 65: model [.] seq 89777, ack 1, len 1448 at 1238.1 ms, kernel [P.] seq 89777, ack 1, len 1024 at 1612.8 ms.", "receive-window-fills"},
		{7, "packets", "c0 A> segment 3: model [.] seq 1, ack 1, len 1448 at 1.0 ms, kernel [P.] seq 1, ack 1, len 1000 at 1.0 ms.", unclassified},
		{7, "packets", "c0 B> segment 3: model [FP.] seq 1449, ack 1, len 1448 at 135.5 ms, kernel [F.] seq 1449, ack 1, len 1448 at 136.5 ms.", "psh-bulk"},
	} {
		if got := classify(tc.seed, tc.aspect, tc.diff); got != tc.want {
			t.Errorf("classify(%s, %q) = %s, want %s", tc.aspect, tc.diff, got, tc.want)
		}
	}
}

// A PSH difference stops the comparison of its stream; what follows it is compared with PSH
// cleared and reported behind it, and classified by its own content.
func TestRandomBehindPSH(t *testing.T) {
	sc := gen.Generate(1, gen.Recordable)
	mt, err := runModel(sc)
	if err != nil {
		t.Fatal(err)
	}
	kt := *mt
	kt.Events = append([]trace.Event(nil), mt.Events...)
	var data []int // B's data segments on c0
	for i, e := range kt.Events {
		if e.Kind == trace.KindPacket && e.Len > 0 && e.From == "B" && e.Conn == 0 {
			data = append(data, i)
		}
	}
	if len(data) < 3 {
		t.Fatalf("seed 1: B sends %d data segments, the test needs 3", len(data))
	}
	first, last := &kt.Events[data[0]], &kt.Events[data[len(data)-1]]
	first.Flags = "P."
	last.Flags = "R."
	d := modelDiffs(mt, &kt)
	if len(d["packets"]) != 2 || !strings.HasPrefix(d["packets"][1], behindPSH) || !strings.Contains(d["packets"][1], "kernel [R.]") {
		t.Fatalf("packets diffs %q", d["packets"])
	}
	if got := classify(1, "packets", d["packets"][0]); got != "psh-bulk" {
		t.Errorf("the PSH difference classified %s", got)
	}
	if got := classify(1, "packets", d["packets"][1]); got != unclassified {
		t.Errorf("the difference behind it classified %s", got)
	}
	if d := modelDiffs(mt, mt); d != nil {
		t.Errorf("a trace against itself: %v", d)
	}
}

func TestStabKind(t *testing.T) {
	for _, tc := range []struct{ d, want string }{
		{"run 2 vs run 1: packets: c0 A> segment 33: this run [.] seq 3001, ack 47785, len 0 at 738.9 ms, kept run [.] seq 3001, ack 49233, len 0 at 738.6 ms.", stabKindOrder[0]},
		{"run 2 vs run 3: packets: c0 B> segment 13: this run [P.] seq 15929, ack 1, len 1448 at 1568.2 ms, kept run [.] seq 15929, ack 1, len 1448 at 1629.7 ms.", stabKindOrder[1]},
		{"run 2 vs run 1: packets: order: the this run sends c2 A>[S] seq 0, len 0 before c1 B>[S.] seq 0, ack 1, len 0, the kept run the other way round.", stabKindOrder[2]},
		{"run 1 vs run 3: packets: c0 B> the kept run sends 1 more segment(s) than the this run: [P.] seq 1, ack 1, len 1 (dropped) at 2653.4 ms.", stabKindOrder[3]},
		{"run 1 vs run 2: states: B c0: this run ESTABLISHED, kept run SYN_RECV → ESTABLISHED.", stabKindOrder[4]},
		{"run 3 vs run 2: counters: A: DelayedACKs this run +0 kept run +1.", stabKindOrder[5]},
		{"run 2 vs run 1: timing: c0 A> [.] seq 1, ack 1, len 0: this run sends it at 73.0 ms, kept run at 54.3 ms (-18.6 ms).", "timing only"},
	} {
		if got := stabKind(tc.d); got != tc.want {
			t.Errorf("stabKind(%q) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestRandomLateTiming(t *testing.T) {
	d := "c2 B> [S.] seq 0, ack 1, len 0: model sends it at 97.3 ms, kernel at 102.4 ms (+5.1 ms)."
	if v, ok := timingDelta(d); !ok || v != 5.1 {
		t.Fatalf("timingDelta = %v %v", v, ok)
	}
	for _, tc := range []struct {
		late   bool
		lateUs int64
		want   string
	}{
		{true, 80710, "late-harness-timing"},
		{true, 200, "late-harness-timing"}, // 5.1 ms ≤ 0.2 + 5
		{false, 0, unclassified},
	} {
		r := randomResult{Seed: 6, Late: tc.late, MaxLateUs: tc.lateUs}
		if got := classOf(r, "timing", d); got != tc.want {
			t.Errorf("late %v %d µs: %s, want %s", tc.late, tc.lateUs, got, tc.want)
		}
	}
	r := randomResult{Seed: 6, Late: true, MaxLateUs: 50}
	if got := classOf(r, "timing", strings.Replace(d, "+5.1", "+25.1", 1)); got != unclassified {
		t.Errorf("25 ms past a harness 0.05 ms late: %s", got)
	}
}

// -recompare compares the model again with each kept kernel trace and rewrites the results: old
// differences go, and a result written before results named their congestion control takes it
// from the kept run's log.
func TestRandomRecompare(t *testing.T) {
	dir := t.TempDir()
	sc := gen.Generate(3, gen.Recordable)
	mt, err := runModel(sc)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(mt)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		sc.Name + ".json": string(b),
		sc.Name + ".log":  "host A (fw-a-1): sysctl tcp_congestion_control = cubic\n",
		"r.jsonl": `{"seed":3,"actions":1,"diffs":{"packets":["stale"]}}` + "\n" +
			`{"seed":9,"actions":1,"err":"kernel: not recorded"}` + "\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := recompareResults(filepath.Join(dir, "r.jsonl"), dir, runModel); err != nil {
		t.Fatal(err)
	}
	rs, err := readResults(filepath.Join(dir, "r.jsonl"))
	if err != nil || len(rs) != 2 {
		t.Fatalf("results %v, %v", rs, err)
	}
	if rs[0].Seed != 3 || len(rs[0].Diffs) != 0 || rs[0].CC != "cubic" || !rs[0].matches() {
		t.Errorf("seed 3 after recompare: %+v", rs[0])
	}
	if rs[1].Seed != 9 || rs[1].Err != "kernel: not recorded" || rs[1].CC != "" {
		t.Errorf("seed 9 (not recorded) after recompare: %+v", rs[1])
	}
}
