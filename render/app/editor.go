package app

import (
	"errors"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/layout"
)

// The page's editor and share links start from the scenario on screen as a file.

// rememberSource keeps the text a file's scenario was opened from, so that the editor and a
// share link carry the user's own text (its layout, its key order) rather than a re-encoding.
func (g *Game) rememberSource(name string, data []byte) {
	if g.fileSrc == nil {
		g.fileSrc = map[string][]byte{}
	}
	g.fileSrc[name] = append([]byte(nil), data...)
	delete(g.pkts, name) // a scenario file of the same name has replaced a script's run
}

// ScenarioSource is the text the scenario on screen was opened from (a file, the page's editor
// or a share link), or nil for a catalog scenario, whose file is what `finwait show` prints (the
// page serves those, as it links no JSON encoder). Desktop -file scenarios have none either.
func (g *Game) ScenarioSource() []byte {
	if !g.FromFile() {
		return nil
	}
	return g.fileSrc[g.sc.Name]
}

// WhatIfs is the number of what-if changes (lost packets, killed processes) on screen.
func (g *Game) WhatIfs() int { return len(g.forks) }

// PktLine is what the app needs of a packetdrill script line's verdict (core/pkt's Verdict; the
// app does not import core/pkt, so that the page's main module, which cannot show packetdrill
// runs, links none of it: the page's packetdrill module, built with -tags pkt, does).
type PktLine struct {
	Line  int
	Kind  string // "outbound" for a ">" line; the other kinds are not marked
	Met   bool
	Event int // the trace event the line matched, or -1
}

// PktRun is a packetdrill script's run for Options.Pkt: its name, core/pkt.Run's trace and the
// verdicts of its lines.
type PktRun struct {
	Name  string
	Trace *trace.Trace
	Lines []PktLine
}

// showPkt opens opt.Pkt at the start of the desktop app, at the moment and in the play state
// the options ask for, without the banner a file opened later gets.
func (g *Game) showPkt(opt Options) error {
	if err := OpenPktRun(g, opt.Pkt.Name, opt.Pkt.Trace, opt.Pkt.Lines); err != nil {
		return err
	}
	g.notice = ""
	if opt.Speed > 0 {
		g.player.SetSpeed(opt.Speed)
	}
	if opt.Shot != "" {
		g.player.SeekTo(opt.At)
	} else if opt.Play {
		g.player.Play()
	}
	return nil
}

// pktRun is a packetdrill script's run, shown as a scenario of its own: the trace comes from
// the script, not from running a scenario, and has no what-ifs.
type pktRun struct {
	tr      *trace.Trace
	expects []layout.Expect
	hosts   []scenario.HostSpec // its catalog entry's, to tell it from a file of the same name
}

// OpenPktRun shows the run of a packetdrill script (core/pkt.Run's trace, whose first host is
// the script's local host, and its lines' verdicts) under name: it joins the catalog like an
// opened file, with each expected segment marked on the diagram, met or not. It is a function,
// not a method, so that programs that never call it do not link it (a Game reaches an
// interface, and the exported methods of such types are all kept).
func OpenPktRun(g *Game, name string, tr *trace.Trace, lines []PktLine) error {
	if len(tr.Hosts) < 2 {
		return errPktHosts
	}
	layout.EnableExpectMarks()
	run := &pktRun{tr: tr}
	due := int64(0) // when a segment that never came was due: after the last line that matched
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
	run.hosts = sc.Hosts
	if g.pkts == nil {
		g.pkts = map[string]*pktRun{}
	}
	old, had := g.pkts[name]
	g.pkts[name] = run
	if err := g.openScenario(sc, func(error) {}); err != nil { // a script's run is already done: never a long run
		if had {
			g.pkts[name] = old
		} else {
			delete(g.pkts, name)
		}
		return err
	}
	delete(g.fileSrc, name)
	g.notice, g.noticeErr = i18n.Msg(g.lang, i18n.FileOpened, name, name), false
	return nil
}

// pktOf is the packetdrill run catalog entry i stands for, or nil (a file of the same name
// replaces a run in the catalog: then its entry has hosts of its own).
func (g *Game) pktOf(i int) *pktRun {
	r := g.pkts[g.catalog[i].Name]
	if r == nil || i < g.builtIn || &g.catalog[i].Hosts[0] != &r.hosts[0] {
		return nil
	}
	return r
}

var errPktHosts = errors.New("a packetdrill run has a local and a remote host")
