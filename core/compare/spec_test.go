package compare

import (
	"testing"

	"finwait/core/scenario"
)

// A spec's form, then its names against the scenario: each refusal names the bad word.
func TestSpecRefusals(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2.6", `"2.6": want profile:, set:, drop: or kill: (profile:2.6, set:A.tcp_fin_timeout=10, drop:A>B:3, kill:A@1.5s)`},
		{"prof:2.6", `"prof": want profile:, set:, drop: or kill: (profile:2.6, set:A.tcp_fin_timeout=10, drop:A>B:3, kill:A@1.5s)`},
		{"profile:3.10", `"3.10": not a profile of the scenario (it has modern, 2.6)`},
		{"set:tcp_fin_timeout=10", `"tcp_fin_timeout=10": want HOST.NAME=VALUE, such as A.tcp_fin_timeout=10 or A.SO_LINGER=1,0`},
		{"set:C.tcp_fin_timeout=10", `"C": no such host (the scenario has A, B)`},
		{"set:A.SO_LINGER=on", `"on": SO_LINGER takes two integers, on and seconds, such as 1,0`},
		{"set:A.SO_LINGER=1", `"1": SO_LINGER takes two integers, on and seconds, such as 1,0`},
		{"set:A.TCP_LINGER2=1,5", `"1,5": TCP_LINGER2 takes one integer`},
		{"set:A.SO_RCVBUF=big", `"big": SO_RCVBUF takes one integer`},
		{"drop:A>B:0", `"A>B:0": want FROM>TO:N, the N-th segment (from 1) FROM sends TO, such as A>B:3`},
		{"drop:A>C:1", `"C": no such host (the scenario has A, B)`},
		{"kill:A@soon", `"soon": not a time (write 1.5s or 540ms)`},
	} {
		sc, err := scenario.Lookup("normal_active_close")
		if err != nil {
			t.Fatal(err)
		}
		sp, err := ParseSpec(c.in)
		if err == nil {
			_, _, err = Apply(sp, sc, "modern")
		}
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: got %v, want %s", c.in, err, c.want)
		}
	}
}

// Each kind of spec changes run 2 as it says, and names it.
func TestSpecApply(t *testing.T) {
	sc, err := scenario.Lookup("normal_active_close")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in, label, profile string
		check              func(sc2 scenario.Scenario) bool
	}{
		{"profile:2.6", "2.6", "2.6", func(sc2 scenario.Scenario) bool { return len(sc2.Actions) == len(sc.Actions) }},
		{"set:A.tcp_fin_timeout=10", "A.tcp_fin_timeout=10", "modern", func(sc2 scenario.Scenario) bool {
			return sc2.Hosts[0].Sysctls["tcp_fin_timeout"] == "10" && sc.Hosts[0].Sysctls["tcp_fin_timeout"] != "10"
		}},
		{"drop:A>B:3", "drop A>B #3", "modern", func(sc2 scenario.Scenario) bool {
			r := sc2.Wire.Rules[len(sc2.Wire.Rules)-1]
			return len(sc2.Wire.Rules) == len(sc.Wire.Rules)+1 && r.From == "A" && r.To == "B" && *r.Index == 2 && *r.Conn == 0
		}},
		{"kill:B@1.5s", "kill B at 1500.0 ms", "modern", func(sc2 scenario.Scenario) bool {
			a := sc2.Actions[len(sc2.Actions)-1]
			return a.Op == scenario.OpKill && a.Host == "B" && a.At == 1500000
		}},
	} {
		sp, err := ParseSpec(c.in)
		if err != nil {
			t.Fatal(c.in, err)
		}
		sc2, p, err := Apply(sp, sc, "modern")
		if err != nil || p != c.profile || Label(sp) != c.label || !c.check(sc2) {
			t.Errorf("%s: profile %s label %q err %v", c.in, p, Label(sp), err)
		}
		if _, err := scenario.Run(sc2, scenario.RunOptions{Profile: p, Seed: 1, Check: true}); err != nil {
			t.Errorf("%s: run 2: %v", c.in, err)
		}
	}
}
