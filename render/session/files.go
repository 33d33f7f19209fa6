package session

import (
	"errors"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/render/layout"
)

// Files and packetdrill runs join the catalog after the built-in scenarios. A file's scenario
// replaces an earlier file's of the same name, never a built-in one (it is listed beside it).

// ParseFile reads a scenario file's text through the core's one size limit: the error says what
// was wrong and where (line, column and field, or the action or host that fails validation).
func ParseFile(data []byte) (scenario.Scenario, error) {
	if len(data) > scenario.MaxFileSize {
		return scenario.Scenario{}, scenario.ErrTooLarge
	}
	return scenario.Parse(data)
}

// Add lists sc in the catalog as a file's scenario and returns its choice (first profile);
// restore puts the catalog back as it was (for a run that then fails).
func Add(s *Session, sc scenario.Scenario) (c Choice, restore func()) {
	old := append([]scenario.Scenario(nil), s.catalog...)
	i := s.add(sc)
	c, _ = check(s.catalog, i, "", "")
	return c, func() { s.catalog = old }
}

// add appends a file's scenario, or replaces an earlier file's scenario of the same name, and
// returns its index.
func (s *Session) add(sc scenario.Scenario) int {
	for i := s.builtIn; i < len(s.catalog); i++ {
		if s.catalog[i].Name == sc.Name {
			s.catalog[i] = sc
			return i
		}
	}
	s.catalog = append(s.catalog, sc)
	return len(s.catalog) - 1
}

// Remember keeps the text a file's scenario was opened from, so that the editor and a share
// link carry the user's own text (its layout, its key order) rather than a re-encoding. A file
// of a packetdrill run's name replaces the run.
func Remember(s *Session, name string, data []byte) {
	if s.fileSrc == nil {
		s.fileSrc = map[string][]byte{}
	}
	s.fileSrc[name] = append([]byte(nil), data...)
	delete(s.pkts, name)
}

// Source is the text the scenario on screen was opened from (Remember), or nil: a catalog
// scenario (whose file is what `finwait show` prints), a desktop -file one, a packetdrill run.
func Source(s *Session) []byte {
	if From(s) != FromFile {
		return nil
	}
	return s.fileSrc[s.sc.Name]
}

// Open parses a scenario file, runs it in session s and shows it; its text is remembered
// (Source). On an error the catalog and the view stay as they were.
func Open(s *Session, data []byte) (Choice, error) {
	sc, err := ParseFile(data)
	if err != nil {
		return Choice{}, err
	}
	c, restore := Add(s, sc)
	if err := Load(s, c); err != nil {
		restore()
		return Choice{}, err
	}
	Remember(s, sc.Name, data)
	return c, nil
}

// PktLine is what a session needs of a packetdrill script line's verdict (core/pkt's Verdict;
// the session does not import core/pkt, so that the page's main module, which cannot show
// packetdrill runs, links none of it).
type PktLine struct {
	Line  int
	Kind  string // "outbound" for a ">" line; the other kinds are not marked
	Met   bool
	Event int // the trace event the line matched, or -1
}

// pktRun is a packetdrill script's run, shown as a scenario of its own: the trace comes from
// the script, not from running a scenario, and has no what-ifs.
type pktRun struct {
	tr      *trace.Trace
	expects []layout.Expect
	hosts   []scenario.HostSpec // its catalog entry's, to tell it from a file of the same name
}

var errPktHosts = errors.New("a packetdrill run has a local and a remote host")

// OpenPkt shows in session s the run of a packetdrill script (core/pkt.Run's trace, whose first
// host is the script's local host, and its lines' verdicts) under name: it joins the catalog like a file,
// in the modern profile, with each expected segment an Expect of the model, met or not (one
// that never came is due after the last line that matched).
func OpenPkt(s *Session, name string, tr *trace.Trace, lines []PktLine) (Choice, error) {
	if len(tr.Hosts) < 2 {
		return Choice{}, errPktHosts
	}
	run := &pktRun{tr: tr}
	due := int64(0)
	for _, l := range lines {
		if l.Event >= 0 && l.Event < len(tr.Events) {
			due = tr.Events[l.Event].T
		}
		if l.Kind != "outbound" {
			continue
		}
		if l.Event >= len(tr.Events) {
			l.Event = -1
		}
		run.expects = append(run.expects, layout.Expect{Line: l.Line, Met: l.Met, Event: l.Event, T: due, From: tr.Hosts[0], To: tr.Hosts[1]})
	}
	sc := scenario.Scenario{Name: name, Profiles: []string{"modern"}}
	for _, h := range tr.Hosts {
		sc.Hosts = append(sc.Hosts, scenario.HostSpec{Name: h}) // the trace has no addresses to show
	}
	c, _ := Add(s, sc)
	run.hosts = s.catalog[c.Index].Hosts
	if s.pkts == nil {
		s.pkts = map[string]*pktRun{}
	}
	s.pkts[name] = run
	delete(s.fileSrc, name)
	Show(s, c, nil)
	return c, nil
}

// pktOf is the packetdrill run catalog entry i stands for, or nil (a file of the same name
// replaces a run in the catalog: then its entry has hosts of its own).
func (s *Session) pktOf(i int) *pktRun {
	if i < s.builtIn || i >= len(s.catalog) {
		return nil
	}
	r := s.pkts[s.catalog[i].Name]
	if r == nil || len(s.catalog[i].Hosts) == 0 || &s.catalog[i].Hosts[0] != &r.hosts[0] {
		return nil
	}
	return r
}
