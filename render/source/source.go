// Package source is the renderer's one door to the core: the catalog, lookup and run, with the
// exact signatures of core/scenario's Catalog, Lookup and Run. Until the core lands them, it serves
// hand-built synthetic traces of a few catalog scenarios (spec §17), marked as such; pointing it at
// the real functions is a change to this file only.
package source

import (
	"fmt"
	"strings"

	"finwait/core/scenario"
	"finwait/core/trace"
)

// RunOptions mirrors scenario.RunOptions.
type RunOptions struct {
	Profile string
	Seed    int64
}

// Catalog lists the scenarios in catalog order.
func Catalog() []scenario.Scenario {
	out := make([]scenario.Scenario, 0, len(synthetic))
	for _, s := range synthetic {
		out = append(out, s.sc)
	}
	return out
}

// Lookup finds a scenario by name.
func Lookup(name string) (scenario.Scenario, error) {
	for _, s := range synthetic {
		if s.sc.Name == name {
			return s.sc, nil
		}
	}
	names := make([]string, 0, len(synthetic))
	for _, s := range synthetic {
		names = append(names, s.sc.Name)
	}
	return scenario.Scenario{}, fmt.Errorf("no scenario %q (have: %s)", name, strings.Join(names, ", "))
}

// Run runs a scenario and returns its trace.
func Run(sc scenario.Scenario, opt RunOptions) (*trace.Trace, error) {
	for _, s := range synthetic {
		if s.sc.Name == sc.Name {
			p := opt.Profile
			if p == "" {
				p = "modern"
			}
			if len(sc.Profiles) > 0 && !contains(sc.Profiles, p) {
				return nil, fmt.Errorf("scenario %s has no profile %q (has %s)", sc.Name, p, strings.Join(sc.Profiles, ", "))
			}
			tr := s.build()
			tr.Profile, tr.Seed = p, opt.Seed
			return tr, nil
		}
	}
	return nil, fmt.Errorf("no scenario %q", sc.Name)
}

// Profiles lists the profiles a scenario runs in (empty Profiles = both).
func Profiles(sc scenario.Scenario) []string {
	if len(sc.Profiles) > 0 {
		return sc.Profiles
	}
	return []string{"modern", "2.6"}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
