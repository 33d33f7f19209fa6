package compare

import (
	"strconv"
	"strings"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/core/wire"
)

// Spec says what run 2 of a comparison changes in run 1: its profile, one setting, or one
// what-if (a lost segment, a killed process). The page's compare= parameter and the desktop's
// -compare flag write it as one word (docs/embedding.md):
//
//	profile:2.6                 the same scenario in another kernel profile
//	set:A.tcp_fin_timeout=10    one sysctl of a host changed
//	set:A.SO_LINGER=1,0         a socket option set before each connect and listen of the host
//	drop:A>B:3                  what-if: the 3rd segment A→B of the first connection is lost
//	kill:A@1.5s                 what-if: host A's process is killed at 1.5 s
type Spec struct {
	Kind    string // profile, set, drop or kill
	Profile string // profile: the profile
	Set     string // set: HOST.NAME=VALUE
	Host    string // drop: the sender; kill: the host
	To      string // drop: the receiver
	N       int    // drop: which segment, from 1
	At      int64  // kill: µs
}

// Why says what is wrong with a Spec's word (SpecError); the page words each from its
// message table.
type Why uint8

// The reasons a Spec is refused.
const (
	WhyKind     Why = iota + 1 // the part before ':' is not profile, set, drop or kill, or kill's lacks HOST@ (Word: the whole spec)
	WhyProfile                 // not one of the scenario's profiles (Want lists them)
	WhySet                     // not HOST.NAME=VALUE
	WhyHost                    // the scenario has no such host (Want lists its hosts)
	WhyDrop                    // not FROM>TO:N with N a count from 1
	WhyTime                    // kill's time is not a duration
	WhyNoSocket                // set: a socket option on a host that opens no socket with connect or listen
	WhyValue                   // set: a socket option's value is not one integer (Want: the option)
	WhyLinger                  // set: SO_LINGER's value is not two integers, on and seconds
)

// SpecError is a refused Spec: Word is the part that is wrong, Want what would do.
type SpecError struct {
	Why  Why
	Word string
	Want string
}

func (e *SpecError) Error() string {
	w := strconv.Quote(e.Word)
	switch e.Why {
	case WhyKind:
		return w + ": want profile:, set:, drop: or kill: (profile:2.6, set:A.tcp_fin_timeout=10, drop:A>B:3, kill:A@1.5s)"
	case WhyProfile:
		return w + ": not a profile of the scenario (it has " + e.Want + ")"
	case WhySet:
		return w + ": want HOST.NAME=VALUE, such as A.tcp_fin_timeout=10 or A.SO_LINGER=1,0"
	case WhyHost:
		return w + ": no such host (the scenario has " + e.Want + ")"
	case WhyDrop:
		return w + ": want FROM>TO:N, the N-th segment (from 1) FROM sends TO, such as A>B:3"
	case WhyTime:
		return w + ": not a time (write 1.5s or 540ms)"
	case WhyNoSocket:
		return w + ": the host opens no socket with connect or listen"
	case WhyValue:
		return w + ": " + e.Want + " takes one integer"
	case WhyLinger:
		return w + ": SO_LINGER takes two integers, on and seconds, such as 1,0"
	}
	return w
}

func bad(why Why, word, want string) error { return &SpecError{Why: why, Word: word, Want: want} }

// ParseSpec reads a Spec's word; only its form is checked here, its names by Apply.
func ParseSpec(s string) (Spec, error) {
	kind, arg, ok := strings.Cut(s, ":")
	sp := Spec{Kind: kind}
	switch {
	case !ok:
		return sp, bad(WhyKind, s, "")
	case kind == "profile":
		sp.Profile = arg
	case kind == "set":
		lhs, val, ok := strings.Cut(arg, "=")
		host, knob, ok2 := strings.Cut(lhs, ".")
		if !ok || !ok2 || host == "" || knob == "" || val == "" {
			return sp, bad(WhySet, arg, "")
		}
		sp.Set, sp.Host = arg, host
	case kind == "drop":
		path, n, ok := strings.Cut(arg, ":")
		from, to, ok2 := strings.Cut(path, ">")
		v, err := strconv.Atoi(n)
		if !ok || !ok2 || from == "" || to == "" || err != nil || v < 1 {
			return sp, bad(WhyDrop, arg, "")
		}
		sp.Host, sp.To, sp.N = from, to, v
	case kind == "kill":
		host, at, ok := strings.Cut(arg, "@")
		if !ok || host == "" {
			return sp, bad(WhyKind, s, "")
		}
		d, err := scenario.ParseDuration(at)
		if err != nil || d < 0 {
			return sp, bad(WhyTime, at, "")
		}
		sp.Host, sp.At = host, int64(d)
	default:
		return sp, bad(WhyKind, kind, "")
	}
	return sp, nil
}

// Apply returns run 2's scenario and profile for run 1 (sc in profile), checking the Spec's
// names against the scenario. (Apply and Label are functions, not methods: the page holds a
// Spec in a value its reflection reaches, which would link every exported method.)
func Apply(sp Spec, sc scenario.Scenario, profile string) (scenario.Scenario, string, error) {
	if sp.Kind == "profile" {
		profs := sc.ProfilesOf()
		for _, p := range profs {
			if p == sp.Profile {
				return sc, p, nil
			}
		}
		return sc, profile, bad(WhyProfile, sp.Profile, strings.Join(profs, ", "))
	}
	for _, h := range []string{sp.Host, sp.To} {
		if h != "" && hostIndex(sc, h) < 0 {
			return sc, profile, bad(WhyHost, h, hostNames(sc))
		}
	}
	switch sp.Kind {
	case "set":
		sc2, err := ApplySet(sc, sp.Set)
		return sc2, profile, err
	case "drop":
		conn, idx := 0, sp.N-1
		sc.Wire.Rules = append(append([]wire.Rule(nil), sc.Wire.Rules...),
			wire.Rule{From: sp.Host, To: sp.To, Conn: &conn, Index: &idx, Action: wire.Drop})
	case "kill":
		sc.Actions = append(append([]scenario.Action(nil), sc.Actions...),
			scenario.Action{At: scenario.Duration(sp.At), Host: sp.Host, Op: scenario.OpKill})
	}
	return sc, profile, nil
}

// Label names run 2 in the difference list: the profile, the setting, or the what-if.
func Label(sp Spec) string {
	switch sp.Kind {
	case "profile":
		return sp.Profile
	case "set":
		return sp.Set
	case "drop":
		return "drop " + sp.Host + ">" + sp.To + " #" + strconv.Itoa(sp.N)
	}
	return "kill " + sp.Host + " at " + trace.FormatTime(sp.At)
}

func hostIndex(sc scenario.Scenario, name string) int {
	for i, h := range sc.Hosts {
		if h.Name == name {
			return i
		}
	}
	return -1
}

func hostNames(sc scenario.Scenario) string {
	var names []string
	for _, h := range sc.Hosts {
		names = append(names, h.Name)
	}
	return strings.Join(names, ", ")
}

// ApplySet returns sc with one HOST.NAME=VALUE setting changed: a sysctl in the host's
// sysctls, or a socket option (a name starting SO_, TCP_ or IP_) set before each connect and
// listen of the host. The scenario is validated again by the run.
func ApplySet(sc scenario.Scenario, s string) (scenario.Scenario, error) {
	lhs, val, ok := strings.Cut(s, "=")
	host, knob, ok2 := strings.Cut(lhs, ".")
	if !ok || !ok2 || host == "" || knob == "" || val == "" {
		return sc, bad(WhySet, s, "")
	}
	hi := hostIndex(sc, host)
	if hi < 0 {
		return sc, bad(WhyHost, host, hostNames(sc))
	}
	hosts := append([]scenario.HostSpec(nil), sc.Hosts...)
	sc.Hosts = hosts
	if !strings.HasPrefix(knob, "SO_") && !strings.HasPrefix(knob, "TCP_") && !strings.HasPrefix(knob, "IP_") {
		m := map[string]string{}
		for k, v := range hosts[hi].Sysctls { // map order: a copy
			m[k] = v
		}
		m[knob] = val
		hosts[hi].Sysctls = m
		return sc, nil
	}
	// SO_LINGER is a struct linger (l_onoff, l_linger); every other option here is one int
	v1, v2, two := strings.Cut(val, ",")
	a, err := strconv.Atoi(v1)
	b := 0
	if err == nil && two {
		b, err = strconv.Atoi(v2)
	}
	if linger := knob == "SO_LINGER"; linger && (err != nil || !two) {
		return sc, bad(WhyLinger, val, "")
	} else if !linger && (err != nil || two) {
		return sc, bad(WhyValue, val, knob)
	}
	var acts []scenario.Action
	n := 0
	for _, act := range sc.Actions {
		if act.Host == host && (act.Op == scenario.OpConnect || act.Op == scenario.OpListen) {
			acts = append(acts, scenario.Action{At: act.At, Op: scenario.OpSetsockopt, Host: host, Proc: act.Proc,
				Conn: act.Conn, Opt: knob, Value: a, Value2: b})
			n++
		}
		acts = append(acts, act)
	}
	if n == 0 {
		return sc, bad(WhyNoSocket, host, "")
	}
	sc.Actions = acts
	return sc, nil
}
