package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"finwait/core/scenario"
)

// scenarioFiles is the folder of scenario files beyond the catalog (the repository's
// testdata/scenarios): the harness records and compares them like the catalog's. They are
// validation the catalog was not tuned to: a model change that keeps the 18 scenarios right but
// breaks another close shows there.
var scenarioFiles = filepath.Join("testdata", "scenarios")

// fileScenarios is the parsed scenario files, read once (a run of the harness asks for them for
// every scenario it lists, looks up and reports on).
func fileScenarios() map[string]scenario.Scenario {
	fileOnce.Do(func() { files = readFileScenarios() })
	return files
}

var (
	fileOnce sync.Once
	files    map[string]scenario.Scenario
)

// readFileScenarios parses the scenario files; one that does not parse is left out (the core's
// tests parse them all).
func readFileScenarios() map[string]scenario.Scenario {
	out := map[string]scenario.Scenario{}
	ents, _ := os.ReadDir(scenarioFiles)
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(scenarioFiles, e.Name()))
		if err != nil {
			continue
		}
		if sc, err := scenario.Parse(b); err == nil {
			out[sc.Name] = sc
		}
	}
	return out
}

// lookupScenario finds a catalog scenario (core/scenario's catalog, spec §17), or one of the
// scenario files.
func lookupScenario(name string) (scenario.Scenario, bool) {
	if sc, ok := coreLookup(name); ok {
		return sc, true
	}
	sc, ok := fileScenarios()[name]
	return sc, ok
}

// scenarioNames lists the catalog's scenarios, the scenario files' and any the harness has
// notes about.
func scenarioNames() []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, n := range coreNames() {
		add(n)
	}
	for n := range fileScenarios() {
		add(n)
	}
	for n := range metas {
		add(n)
	}
	sort.Strings(out)
	return out
}
