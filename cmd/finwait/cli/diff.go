package cli

import (
	"flag"
	"fmt"
	"io"
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
	run := addRunFlags(fs) // run 1's; its seed is both runs'
	name, file, profile, seed := run.name, run.file, run.profile, run.seed
	profile2 := fs.String("profile2", "", "run 2's profile (default: run 1's)")
	name2 := fs.String("scenario2", "", "run 2: another catalog scenario")
	file2 := fs.String("file2", "", "run 2: another scenario file")
	var sets setFlags
	fs.Var(&sets, "set", "run 2 changes a setting: HOST.sysctl=value (A.tcp_fin_timeout=10) or HOST.SOCKOPT=value "+
		"(SO_LINGER takes two: A.SO_LINGER=1,0; set on every socket the host opens with connect or listen, before it; repeatable)")
	if err := fs.Parse(args); err != nil {
		return ErrUsage
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("diff: unexpected argument %q", fs.Arg(0))
	}
	sc1, err := run.load()
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
			if sc2, err = compare.ApplySet(sc2, s); err != nil {
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
	t1, err := scenario.Run(sc1, run.options())
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

// withProfile names a run with its profile unless the name is the profile.
func withProfile(l, p string) string {
	if l == p {
		return l
	}
	return l + " (" + p + ")"
}
