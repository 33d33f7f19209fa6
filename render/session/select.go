package session

import (
	"fmt"
	"strings"

	"finwait/core/scenario"
)

// Choice is a checked selection: a scenario of a catalog and a profile it runs in. Only Select,
// Find and At make one, so holding a Choice means the name and profile were valid.
type Choice struct {
	Index    int                // in the catalog it was chosen from (the built-in catalog's indices are the session's too)
	Scenario *scenario.Scenario // that catalog's entry, or Select's copy of it (do not modify it); a pointer, so that a Choice is cheap to pass
	Profile  string             // never "": the scenario's first profile when none was asked for
}

// SelectError says why a selection was refused: which field, its value, and what would do.
type SelectError struct {
	Field    string   // "scenario" or "profile"
	Value    string   // the name or profile asked for
	Scenario string   // profile: the scenario's name
	Profiles []string // profile: the profiles the scenario runs in
}

// Error says which field was refused and why, in English (the page words its own: webstate).
func (e *SelectError) Error() string {
	if e.Field == "profile" {
		return fmt.Sprintf("scenario %s has no profile %q (has %s)", e.Scenario, e.Value, strings.Join(e.Profiles, ", "))
	}
	return fmt.Sprintf("unknown scenario %q", e.Value)
}

// Select checks a scenario name and a profile ("" = the scenario's first) against the built-in
// catalog: the one check the desktop's flags, the page's URL and embed commands and the CLI share.
func Select(name, profile string) (Choice, error) {
	// scenario.Find copies the one scenario; over scenario.Catalog(), which copies them all, a
	// Select took 20 times as long, and a page can be sent 10,000 loads between two frames
	sc, i, ok := scenario.Find(name)
	if !ok {
		return Choice{}, &SelectError{Field: "scenario", Value: name}
	}
	c, err := check([]scenario.Scenario{sc}, 0, name, profile)
	if err == nil {
		c.Index = i
	}
	return c, err
}

// check is the one check: catalog entry i of cat, or when i < 0 the last entry named name (a
// file's scenario listed beside a built-in one of the same name is the one opened last), in
// profile ("" = the entry's first).
func check(cat []scenario.Scenario, i int, name, profile string) (Choice, error) {
	if i < 0 {
		for i = len(cat) - 1; i >= 0 && cat[i].Name != name; i-- {
		}
	}
	if i < 0 || i >= len(cat) {
		return Choice{}, &SelectError{Field: "scenario", Value: name}
	}
	c := Choice{Index: i, Scenario: &cat[i], Profile: profile}
	profs := c.Scenario.ProfilesOf()
	if profile == "" {
		c.Profile = profs[0]
		return c, nil
	}
	for _, p := range profs {
		if p == profile {
			return c, nil
		}
	}
	return Choice{}, &SelectError{Field: "profile", Value: profile, Scenario: c.Scenario.Name, Profiles: profs}
}

// Closest lists up to three built-in scenario names within a few edits of name (about a third
// of its length, at least two) or holding it whole (three characters or more, ranked as one
// edit), nearest first, catalog order among equals: the fix of a typo, for a SelectError's
// message on the command line. (The page does not call it, so its .wasm does not hold it.)
func Closest(name string) []string {
	return closest(scenario.Catalog(), name)
}

func closest(cat []scenario.Scenario, name string) []string {
	limit := max(2, len(name)/3)
	var out []string
	var dist []int
	for _, sc := range cat {
		d := editDistance(name, sc.Name)
		if len(name) >= 3 && strings.Contains(sc.Name, name) {
			d = min(d, 1)
		}
		if d > limit {
			continue
		}
		j := len(out)
		for j > 0 && dist[j-1] > d {
			j--
		}
		out = append(out[:j], append([]string{sc.Name}, out[j:]...)...)
		dist = append(dist[:j], append([]int{d}, dist[j:]...)...)
	}
	return out[:min(len(out), 3)]
}

// editDistance is the Levenshtein distance of a and b, in bytes (names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
