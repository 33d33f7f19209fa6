package main

import (
	"errors"

	"finwait/core/scenario"
	"finwait/core/trace"
)

// The bridge to the core: its catalog (scenario.Lookup) and its engine (scenario.Run).

var errNoModel = errors.New("the core model (scenario.Run) is not available in this tree")

func coreLookup(name string) (scenario.Scenario, bool) {
	sc, err := scenario.Lookup(name)
	return sc, err == nil
}

func coreNames() []string { return scenario.Names() }

// runModel runs the modern profile of a scenario in the core model.
func runModel(sc scenario.Scenario) (*trace.Trace, error) {
	return scenario.Run(sc, scenario.RunOptions{Profile: "modern", Check: true})
}
