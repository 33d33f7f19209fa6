package session

import (
	"strconv"
	"strings"

	"finwait/core/scenario"
)

// Choice is a checked selection: a scenario of a catalog and a profile it runs in. Only Select
// and (*Session).Select/At make one, so holding a Choice means the name and profile were valid.
type Choice struct {
	Index    int // in the catalog it was chosen from (the built-in catalog's indices are the session's too)
	Scenario scenario.Scenario
	Profile  string // never "": the scenario's first profile when none was asked for
}

// SelectError says why a selection was refused: which field, its value, and what would do.
type SelectError struct {
	Field    string   // "scenario" or "profile"
	Value    string   // the name or profile asked for
	Scenario string   // profile: the scenario's name
	Profiles []string // profile: the profiles the scenario runs in
	Closest  []string // scenario: up to three catalog names close to Value (a typo's fix), or none
}

func (e *SelectError) Error() string {
	if e.Field == "profile" {
		return "scenario " + e.Scenario + " has no profile " + strconv.Quote(e.Value) + " (has " + strings.Join(e.Profiles, ", ") + ")"
	}
	s := "unknown scenario " + strconv.Quote(e.Value)
	if len(e.Closest) > 0 {
		s += " (closest: " + strings.Join(e.Closest, ", ") + ")"
	}
	return s
}

// Select checks a scenario name and a profile ("" = the scenario's first) against the built-in
// catalog: the one check the desktop's flags, the page's URL and embed commands and the CLI share.
func Select(name, profile string) (Choice, error) {
	return choose(scenario.Catalog(), name, profile)
}

// choose finds name in cat (the last of that name: a file's scenario listed beside a built-in
// one of the same name is the one opened last) and checks profile.
func choose(cat []scenario.Scenario, name, profile string) (Choice, error) {
	for i := len(cat) - 1; i >= 0; i-- {
		if cat[i].Name == name {
			return at(cat, i, profile)
		}
	}
	return Choice{}, &SelectError{Field: "scenario", Value: name, Closest: closest(cat, name)}
}

// at checks profile for catalog entry i.
func at(cat []scenario.Scenario, i int, profile string) (Choice, error) {
	sc := cat[i]
	profs := sc.ProfilesOf()
	if profile == "" {
		return Choice{Index: i, Scenario: sc, Profile: profs[0]}, nil
	}
	for _, p := range profs {
		if p == profile {
			return Choice{Index: i, Scenario: sc, Profile: p}, nil
		}
	}
	return Choice{}, &SelectError{Field: "profile", Value: profile, Scenario: sc.Name, Profiles: profs}
}

// closest lists up to three names of cat within a few edits of name (about a third of its
// length, at least two) or holding it whole (three characters or more, ranked as one edit),
// nearest first, catalog order among equals.
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
