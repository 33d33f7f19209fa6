// Package source is the renderer's one door to the core: the catalog, lookup and run
// (core/scenario's Catalog, Lookup and Run). It also keeps a trace builder and a few hand-built
// traces (synthetic.go) for tests and benchmarks that need a fixed or an outsized trace.
package source

import (
	"finwait/core/scenario"
	"finwait/core/trace"
)

// RunOptions are the options the renderer passes to the core.
type RunOptions struct {
	Profile string
	Seed    int64
}

// Catalog lists the scenarios in catalog order.
func Catalog() []scenario.Scenario { return scenario.Catalog() }

// Lookup finds a scenario by name.
func Lookup(name string) (scenario.Scenario, error) { return scenario.Lookup(name) }

// Run runs a scenario (possibly changed by a what-if) and returns its trace.
func Run(sc scenario.Scenario, opt RunOptions) (*trace.Trace, error) {
	return scenario.Run(sc, scenario.RunOptions{Profile: opt.Profile, Seed: opt.Seed})
}

// Profiles lists the profiles a scenario runs in (empty Profiles = both).
func Profiles(sc scenario.Scenario) []string { return sc.ProfilesOf() }

// Job is a run carried out in slices (core/scenario's Job): the app runs a long scenario a slice
// a frame, with its progress on screen and a way to cancel it.
type Job = scenario.Job

// Start prepares a run without running it.
func Start(sc scenario.Scenario, opt RunOptions) (*Job, error) {
	return scenario.Start(sc, scenario.RunOptions{Profile: opt.Profile, Seed: opt.Seed})
}
