package gen_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"finwait/core/scenario"
	"finwait/core/scenario/gen"
)

// maxSteps bounds each run (a two-hundredth of the default, ten times the catalog's longest run): a
// generated file whose application loops run on (a connect() retrying for hours, two servers
// replying to each other) is refused sooner, which keeps each fuzz input well under the fuzzer's
// hang limit.
const maxSteps = 10_000

// outcome is what became of one generated scenario.
type outcome struct {
	refused string // why it was refused ("" = it ran in both profiles)
}

// check is the property every generated scenario has: its file (the JSON the CLI prints) parses
// back to the same scenario, and in each profile it either runs within its bounds with every
// invariant checked after every event and gives byte-identical trace JSON on three runs, or is
// refused with a message. An invariant violation is never acceptable.
func check(t *testing.T, sc scenario.Scenario) outcome {
	t.Helper()
	js, err := json.MarshalIndent(sc, "", "  ")
	if err != nil {
		t.Fatalf("%s: encode: %v", sc.Name, err)
	}
	parsed, err := scenario.Parse(js)
	if err != nil {
		if err.Error() == "" {
			t.Fatalf("%s: refused without a message", sc.Name)
		}
		return outcome{refused: err.Error()}
	}
	again, err := json.MarshalIndent(parsed, "", "  ")
	if err != nil || !bytes.Equal(again, js) {
		t.Fatalf("%s: the file does not read back as the same scenario (%v)\n%s\n---\n%s", sc.Name, err, js, again)
	}
	var o outcome
	for _, p := range []string{"modern", "2.6"} {
		var first []byte
		for i := 0; i < 3; i++ {
			tr, err := scenario.Run(parsed, scenario.RunOptions{Profile: p, Seed: 1, Check: true, MaxSteps: maxSteps})
			if errors.Is(err, scenario.ErrInvariant) {
				t.Fatalf("%s (%s): %v\nscenario file:\n%s", sc.Name, p, err, js)
			}
			if err != nil {
				if err.Error() == "" {
					t.Fatalf("%s (%s): refused without a message", sc.Name, p)
				}
				if o.refused == "" {
					o.refused = p + ": " + err.Error()
				}
				break
			}
			b, err := tr.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = b
			} else if !bytes.Equal(b, first) {
				t.Fatalf("%s (%s): run %d's trace differs from run 1's\nscenario file:\n%s", sc.Name, p, i+1, js)
			}
		}
	}
	return o
}

// A seed names a scenario: the same seed gives the same file, another seed another one.
func TestSeedNamesAScenario(t *testing.T) {
	for _, f := range []gen.Flavour{gen.Recordable, gen.Wild} {
		a, _ := json.Marshal(gen.Generate(7, f))
		b, _ := json.Marshal(gen.Generate(7, f))
		c, _ := json.Marshal(gen.Generate(8, f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: seed 7 gave two scenarios", f)
		}
		if bytes.Equal(a, c) {
			t.Errorf("%s: seeds 7 and 8 gave the same scenario", f)
		}
	}
}

// Recordable scenarios stay within the conformance harness: two hosts, no NAT, kill only of a
// forked child, connections from A named in connection order, no call on a socket its host has
// closed; and every one of them runs.
func TestRecordableScenariosRun(t *testing.T) {
	for seed := uint64(0); seed < 60; seed++ {
		sc := gen.Generate(seed, gen.Recordable)
		if len(sc.Hosts) != 2 || sc.Wire.NAT != nil {
			t.Fatalf("seed %d: %d hosts, NAT %v", seed, len(sc.Hosts), sc.Wire.NAT)
		}
		conns := 0
		closed := map[string]bool{}
		finSent := map[string]bool{} // A's close or shutdown (its kill is checked by the harness's run)
		for _, a := range sc.Actions {
			if closed[a.Host+"/"+a.Conn] {
				t.Errorf("seed %d: %s %s on %s after its close (the harness names open sockets only)", seed, a.Host, a.Op, a.Conn)
			}
			if a.Host == "B" && finSent[a.Conn] && sc.Hosts[1].App.CloseOnEOF != nil {
				t.Errorf("seed %d: B %s on %s after A's FIN (B's application may have closed it on EOF)", seed, a.Op, a.Conn)
			}
			if a.Op == scenario.OpClose {
				closed[a.Host+"/"+a.Conn] = true
			}
			if a.Host == "A" && (a.Op == scenario.OpClose && a.Proc == "" || a.Op == scenario.OpShutdown) {
				finSent[a.Conn] = true
			}
			if a.Op == scenario.OpShutdown && a.How != "SHUT_WR" && sc.Hosts[hostIndex(a.Host)].App.Read {
				t.Errorf("seed %d: %s %s on a host whose application reads (it would read EOF and close on the kernel)", seed, a.How, a.Conn)
			}
			if a.Op == scenario.OpKill && a.Proc == "" {
				t.Errorf("seed %d: kill of the main process (the harness cannot record it)", seed)
			}
			if a.Op == scenario.OpConnect {
				if a.Host != "A" || a.Conn != "c"+string(rune('0'+conns)) || a.RetryEvery != 0 {
					t.Errorf("seed %d: connect %+v", seed, a)
				}
				conns++
			}
		}
		if conns < 1 || conns > 3 {
			t.Errorf("seed %d: %d connections", seed, conns)
		}
		if o := check(t, sc); o.refused != "" {
			t.Errorf("seed %d: a recordable scenario was refused: %s", seed, o.refused)
		}
	}
}

// Wild scenarios run or are refused with a message, never break an invariant or determinism.
func TestWildScenarios(t *testing.T) {
	ran := 0
	const n = 40
	for seed := uint64(0); seed < n; seed++ {
		if o := check(t, gen.Generate(seed, gen.Wild)); o.refused == "" {
			ran++
		}
	}
	if ran < n/4 {
		t.Errorf("only %d of %d wild scenarios ran: the generator mostly makes refused files", ran, n)
	}
}

// FuzzGenerated is the long run of the property: `go test -fuzz FuzzGenerated ./core/scenario/gen`.
func FuzzGenerated(f *testing.F) {
	for _, s := range []uint64{0, 1, 2, 3, 1 << 40} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, seed uint64, wild bool) {
		fl := gen.Recordable
		if wild {
			fl = gen.Wild
		}
		o := check(t, gen.Generate(seed, fl))
		if !wild && o.refused != "" {
			t.Fatalf("recordable seed %d refused: %s", seed, o.refused)
		}
	})
}

func hostIndex(name string) int {
	if name == "B" {
		return 1
	}
	return 0
}

// The recordable flavour no longer sets SO_SNDBUF (its meaning in a scenario differs from
// Linux's), but still draws it, so every seed's scenario is the one it named before, less its
// SO_SNDBUF options: testdata/before_sndbuf holds scenarios as `finwait gen` printed them before
// the change (seeds 165 and 210 set SO_SNDBUF, the others did not).
func TestRecordableKeepsScenariosWithoutSndbuf(t *testing.T) {
	for _, tc := range []struct {
		seed   uint64
		sndbuf int // SO_SNDBUF options the old scenario had
	}{{1, 0}, {2, 0}, {100, 0}, {211, 0}, {165, 1}, {210, 1}} {
		old, err := os.ReadFile(filepath.Join("testdata", "before_sndbuf", "gen_"+strconv.FormatUint(tc.seed, 10)+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if tc.sndbuf > 0 {
			sc, err := scenario.Parse(old)
			if err != nil {
				t.Fatalf("seed %d: %v", tc.seed, err)
			}
			n := len(sc.Actions)
			sc.Actions = slices.DeleteFunc(sc.Actions, func(a scenario.Action) bool { return a.Opt == "SO_SNDBUF" })
			if n-len(sc.Actions) != tc.sndbuf {
				t.Fatalf("seed %d: the old scenario had %d SO_SNDBUF options, want %d", tc.seed, n-len(sc.Actions), tc.sndbuf)
			}
			if old, err = encode(sc); err != nil {
				t.Fatal(err)
			}
		}
		now, err := encode(gen.Generate(tc.seed, gen.Recordable))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(now, old) {
			t.Errorf("seed %d: the scenario changed beyond its SO_SNDBUF options:\n%s\n--- want\n%s", tc.seed, now, old)
		}
	}
	for seed := uint64(0); seed < 2000; seed++ {
		for _, a := range gen.Generate(seed, gen.Recordable).Actions {
			if a.Opt == "SO_SNDBUF" {
				t.Fatalf("seed %d: a recordable scenario sets SO_SNDBUF", seed)
			}
		}
	}
}

// encode writes a scenario as `finwait gen` prints it.
func encode(sc scenario.Scenario) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	err := enc.Encode(sc)
	return b.Bytes(), err
}
