package main

import (
	"errors"

	"finwait/core/scenario"
	"finwait/core/trace"
)

// The bridge to the core's catalog and engine. Until core/scenario has Catalog, Lookup and Run,
// these report that the model is missing; after `git merge main` they call the core.

var errNoModel = errors.New("the core model (scenario.Run) is not available in this tree yet")

func coreLookup(name string) (scenario.Scenario, bool) { return scenario.Scenario{}, false }

func coreNames() []string { return nil }

// runModel runs the modern profile of a scenario in the core model.
func runModel(sc scenario.Scenario) (*trace.Trace, error) { return nil, errNoModel }
