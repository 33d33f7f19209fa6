package scenario

import (
	_ "embed"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"finwait/core/wire"
)

// The catalog: spec §17's teaching scenarios, each exactly as §17 sets it up, kept as the
// scenario file catalog.json (a list of scenarios in spec order, in the scenario-file form that
// Parse reads). It is data rather than Go code for the web page's size: the Go that built these
// values was about 70 KB of the page (code and stack maps; 14 KB gzip), the file is 2.5 KB gzip.
// The file is written from the Go statement of §17 in catalog_gen_test.go
// (go test ./core/scenario -run TestCatalogFile -args -update), and TestCatalogFile checks both
// agree value for value.

//go:embed catalog.json
var catalogFile []byte

// loadCatalog decodes catalog.json. The file is the program's own data, checked by the tests,
// so an error is a build mistake: it panics with the file's message.
func loadCatalog() []Scenario {
	var cat []Scenario
	v, err := parseJSON(catalogFile)
	if err == nil {
		err = (&decoder{data: catalogFile}).decode(v, reflect.ValueOf(&cat).Elem(), "")
	}
	if err != nil {
		panic("scenario: catalog.json: " + err.Error())
	}
	return cat
}

var catalog = loadCatalog()

// Catalog returns the catalog scenarios in spec order.
func Catalog() []Scenario {
	out := make([]Scenario, len(catalog))
	for i, sc := range catalog {
		out[i] = sc.Clone()
	}
	return out
}

// Names lists the catalog's scenario names.
func Names() []string {
	var n []string
	for _, sc := range catalog {
		n = append(n, sc.Name)
	}
	return n
}

// Lookup finds a catalog scenario by name.
func Lookup(name string) (Scenario, error) {
	if sc, _, ok := Find(name); ok {
		return sc, nil
	}
	names := Names()
	sort.Strings(names)
	return Scenario{}, fmt.Errorf("unknown scenario %q (known: %s)", name, strings.Join(names, ", "))
}

// Find is the catalog scenario named name (a copy, as Lookup gives) and its index in Catalog;
// false when there is none. It copies that one scenario only, not the catalog.
func Find(name string) (Scenario, int, bool) {
	for i := range catalog {
		if catalog[i].Name == name {
			return catalog[i].Clone(), i, true
		}
	}
	return Scenario{}, -1, false
}

// Clone is a deep copy: changing it (a what-if rule, another sysctl) leaves the original alone.
func (sc Scenario) Clone() Scenario {
	out := sc
	out.Profiles = append([]string(nil), sc.Profiles...)
	out.Hosts = make([]HostSpec, len(sc.Hosts))
	for i, h := range sc.Hosts {
		if h.Sysctls != nil {
			m := make(map[string]string, len(h.Sysctls))
			for k, v := range h.Sysctls { // map order: a copy
				m[k] = v
			}
			h.Sysctls = m
		}
		h.App.CloseOnEOF = clonePtr(h.App.CloseOnEOF)
		out.Hosts[i] = h
	}
	out.Actions = append([]Action(nil), sc.Actions...)
	for i := range out.Actions {
		a := &out.Actions[i]
		a.CloseAfter = clonePtr(a.CloseAfter)
		if a.Segment != nil {
			seg := *a.Segment
			seg.Win, seg.WScale, seg.TS = clonePtr(seg.Win), clonePtr(seg.WScale), clonePtr(seg.TS)
			a.Segment = &seg
		}
	}
	out.Wire.Rules = append([]wire.Rule(nil), sc.Wire.Rules...)
	for i := range out.Wire.Rules {
		r := &out.Wire.Rules[i]
		r.Conn, r.Index = clonePtr(r.Conn), clonePtr(r.Index)
	}
	if sc.Wire.Delays != nil {
		out.Wire.Delays = make(map[string]Duration, len(sc.Wire.Delays))
		for k, v := range sc.Wire.Delays { // map order: a copy
			out.Wire.Delays[k] = v
		}
	}
	if sc.Wire.NAT != nil {
		n := *sc.Wire.NAT
		n.Hosts = append([]string(nil), n.Hosts...)
		n.Ports = make(map[string]int, len(sc.Wire.NAT.Ports))
		for k, v := range sc.Wire.NAT.Ports { // map order: a copy
			n.Ports[k] = v
		}
		out.Wire.NAT = &n
	}
	return out
}

// clonePtr is a new copy of *p, or nil.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// ProfilesOf lists the profiles a scenario runs in.
func (sc *Scenario) ProfilesOf() []string {
	if len(sc.Profiles) == 0 {
		return []string{"modern", "2.6"}
	}
	return sc.Profiles
}
