package main

import (
	"sort"

	"finwait/core/scenario"
)

// lookupScenario finds a catalog scenario (core/scenario's catalog, spec §17).
func lookupScenario(name string) (scenario.Scenario, bool) { return coreLookup(name) }

// scenarioNames lists the catalog's scenarios and any the harness has notes about.
func scenarioNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range coreNames() {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for n := range metas {
		if !seen[n] {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}
