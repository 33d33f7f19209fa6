package cli

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"finwait/core/compare"
	"finwait/core/scenario"
)

// setFlags collects repeated -set values.
type setFlags []string

func (s *setFlags) String() string     { return strings.Join(*s, " ") }
func (s *setFlags) Set(v string) error { *s = append(*s, v); return nil }

// diffCmd is `finwait diff`: two runs on one time axis and their differences in words
// (core/compare). Run 2 is run 1 with another profile (-profile2), with settings changed (-set),
// or another scenario (-scenario2, -file2).
func diffCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	name := fs.String("scenario", "", "catalog scenario name (run 1)")
	file := fs.String("file", "", "scenario file (run 1) instead of a catalog name")
	profile := fs.String("profile", "", "run 1's kernel profile: modern or 2.6")
	seed := fs.Int64("seed", 1, "seed of both runs")
	profile2 := fs.String("profile2", "", "run 2's profile (default: run 1's)")
	name2 := fs.String("scenario2", "", "run 2: another catalog scenario")
	file2 := fs.String("file2", "", "run 2: another scenario file")
	var sets setFlags
	fs.Var(&sets, "set", "run 2 changes a setting: HOST.sysctl=value (A.tcp_fin_timeout=10) or HOST.SOCKOPT=value[,value2] "+
		"(A.SO_LINGER=1,0: set on every socket the host opens with connect or listen, before it; repeatable)")
	if err := fs.Parse(args); err != nil {
		return ErrUsage
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("diff: unexpected argument %q", fs.Arg(0))
	}
	sc1, err := load(*name, *file)
	if err != nil {
		return err
	}
	sc2, l1, l2 := sc1, "run 1", "run 2"
	switch {
	case *name2 != "" || *file2 != "":
		if len(sets) > 0 {
			return fmt.Errorf("diff: -set changes run 1's scenario; it does not go with -scenario2 or -file2")
		}
		if sc2, err = load(*name2, *file2); err != nil {
			return err
		}
		l1, l2 = label(*name, *file), label(*name2, *file2)
	case len(sets) > 0:
		for _, s := range sets {
			if sc2, err = applySet(sc2, s); err != nil {
				return fmt.Errorf("diff: -set %s: %w", s, err)
			}
		}
		l1, l2 = "as is", strings.Join(sets, " ")
	case *profile2 != "":
	default:
		return fmt.Errorf("diff: say what run 2 changes: -profile2, -set, -scenario2 or -file2")
	}
	p2 := *profile2
	if p2 == "" {
		p2 = *profile
	} else if *name2 == "" && *file2 == "" && len(sets) == 0 {
		l1, l2 = orDefault(*profile, "modern"), p2
	}
	t1, err := scenario.Run(sc1, scenario.RunOptions{Profile: *profile, Seed: *seed, Check: true})
	if err != nil {
		return fmt.Errorf("diff: run 1: %w", err)
	}
	t2, err := scenario.Run(sc2, scenario.RunOptions{Profile: p2, Seed: *seed, Check: true})
	if err != nil {
		return fmt.Errorf("diff: run 2: %w", err)
	}
	fmt.Fprintf(stdout, "# %s vs %s, seed %d\n", withProfile(l1, t1.Profile), withProfile(l2, t2.Profile), *seed)
	_, err = io.WriteString(stdout, compare.Text(compare.Runs(t1, t2), l1, l2))
	return err
}

func label(name, file string) string {
	if file != "" {
		return file
	}
	return name
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// applySet returns sc with one HOST.NAME=VALUE setting changed: a sysctl in the host's
// sysctls, or a socket option (a name starting SO_, TCP_ or IP_) set before each connect and
// listen of the host. The scenario is validated again by the run.
func applySet(sc scenario.Scenario, s string) (scenario.Scenario, error) {
	lhs, val, ok := strings.Cut(s, "=")
	host, knob, ok2 := strings.Cut(lhs, ".")
	if !ok || !ok2 || host == "" || knob == "" || val == "" {
		return sc, fmt.Errorf("want HOST.NAME=VALUE, such as A.tcp_fin_timeout=10 or A.SO_LINGER=1,0")
	}
	hi := -1
	for i, h := range sc.Hosts {
		if h.Name == host {
			hi = i
		}
	}
	if hi < 0 {
		var names []string
		for _, h := range sc.Hosts {
			names = append(names, h.Name)
		}
		return sc, fmt.Errorf("no host %q in scenario %s (it has %s)", host, sc.Name, strings.Join(names, ", "))
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
	v1, v2, two := strings.Cut(val, ",")
	a, err := strconv.Atoi(v1)
	if err != nil {
		return sc, fmt.Errorf("value %q: want an integer, or two (1,0)", val)
	}
	b := 0
	if two {
		if b, err = strconv.Atoi(v2); err != nil {
			return sc, fmt.Errorf("value %q: want an integer, or two (1,0)", val)
		}
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
		return sc, fmt.Errorf("host %s opens no socket with connect or listen in scenario %s", host, sc.Name)
	}
	sc.Actions = acts
	return sc, nil
}

// withProfile names a run with its profile unless the name is the profile.
func withProfile(l, p string) string {
	if l == p {
		return l
	}
	return l + " (" + p + ")"
}
