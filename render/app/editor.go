package app

import (
	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/session"
)

// The page's editor and share links start from the scenario on screen as a file.

// ScenarioSource is the text the scenario on screen was opened from (a file, the page's editor
// or a share link), or nil for a catalog scenario, whose file is what `finwait show` prints (the
// page serves those, as it links no JSON encoder). Desktop -file scenarios have none either.
func (g *Game) ScenarioSource() []byte { return session.Source(g.s) }

// WhatIfs is the number of what-if changes (lost packets, killed processes) on screen.
func (g *Game) WhatIfs() int { return session.WhatIfs(g.s) }

// PktLine is what the app needs of a packetdrill script line's verdict (render/session's; the
// app does not import core/pkt, so that the page's main module, which cannot show packetdrill
// runs, links none of it: the page's packetdrill module, built with -tags pkt, does).
type PktLine = session.PktLine

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

// OpenPktRun shows the run of a packetdrill script (core/pkt.Run's trace, whose first host is
// the script's local host, and its lines' verdicts) under name: it joins the catalog like an
// opened file, with each expected segment marked on the diagram, met or not (render/session's
// OpenPkt). It is a function, not a method, so that programs that never call it do not link it
// (a Game reaches an interface, and the exported methods of such types are all kept).
func OpenPktRun(g *Game, name string, tr *trace.Trace, lines []PktLine) error {
	if len(tr.Hosts) >= 2 {
		g.cancelRun() // a script's run is already done: the view changes now
	}
	if _, err := session.OpenPkt(g.s, name, tr, lines); err != nil {
		return err
	}
	layout.EnableExpectMarks()
	g.view()
	g.err = ""
	g.notice, g.noticeErr = i18n.Msg(g.lang, i18n.FileOpened, name, name), false
	return nil
}
