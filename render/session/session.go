// Package session is what is on screen, apart from how it is drawn: which scenario, from which
// source (the catalog, a file or share link, a packetdrill script's run), in which profile, its
// what-if forks and their undo, the trace, the layout model and the player. It has no Ebiten
// import, so selection, what-ifs, undo and opening files test without a display.
//
// The desktop app and the page (render/app's Game holds a Session), the page's URL and embed
// commands (internal/webstate), the desktop's flags and the CLI (cmd/finwait) all check a
// scenario name and profile with Select. A Session keeps no package-level state: a program may
// hold two side by side (a compare view).
//
// Running a scenario is split in two so that the app can run a long one a slice a frame
// (render/app/longrun.go): Select or At validates, the caller runs Choice.Scenario in
// Choice.Profile (unless Prepared says the choice brings its own trace), and Show shows the
// trace. Load does all three at once for callers that can wait (tests, a second session).
package session

import (
	"errors"
	"strconv"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/render/layout"
	"finwait/render/player"
)

// Origin is where the scenario on screen came from.
type Origin int

// The origins. A share link's scenario is opened exactly as a file (the same parsing and
// validation), so it is a File too; its text is kept like a file's (Source).
const (
	FromCatalog Origin = iota // a built-in catalog scenario
	FromFile                  // a scenario file: opened, dropped, named by -file, edited or a share link
	FromPkt                   // a packetdrill script's run (OpenPkt)
)

// ErrPktNoWhatIf refuses a what-if on a packetdrill script's run: the script is the run.
var ErrPktNoWhatIf = errors.New("a packetdrill script's run has no what-ifs")

// Session is one scenario on screen and how it got there. The zero value is not ready: use New.
type Session struct {
	seed    int64
	catalog []scenario.Scenario
	builtIn int // catalog[:builtIn] is the built-in catalog; files' scenarios follow

	idx     int
	sc      scenario.Scenario // the running scenario: the catalog's, plus what-if changes
	profile string
	forks   []fork // what-if history (Undo pops)
	tr      *trace.Trace
	model   *layout.Model
	player  *player.Player

	fileSrc map[string][]byte  // the text each file's scenario was opened from, by name (Source)
	pkts    map[string]*pktRun // packetdrill scripts' runs in the catalog, by name (OpenPkt)
	pkt     *pktRun            // the packetdrill run on screen, or nil
}

// New is a session over the built-in catalog and extra scenarios listed after it as if opened
// from files, runs seeded with seed. Nothing is shown until Show or Load.
func New(seed int64, extra ...scenario.Scenario) (*Session, error) {
	s := &Session{seed: seed, catalog: scenario.Catalog()}
	if len(s.catalog) == 0 {
		return nil, errors.New("the scenario catalog is empty")
	}
	s.builtIn = len(s.catalog)
	for _, sc := range extra {
		s.add(sc)
	}
	return s, nil
}

// Select checks name and profile ("" = the scenario's first) against this session's catalog,
// files' scenarios included (a file's scenario of a built-in name is the one opened last).
func (s *Session) Select(name, profile string) (Choice, error) {
	return choose(s.catalog, name, profile)
}

// At checks profile ("" = the first) for catalog entry i.
func (s *Session) At(i int, profile string) (Choice, error) {
	if i < 0 || i >= len(s.catalog) {
		return Choice{}, errors.New("no catalog entry " + strconv.Itoa(i))
	}
	return at(s.catalog, i, profile)
}

// Prepared reports whether c brings its own trace (a packetdrill script's run): Show it with a
// nil trace, nothing runs.
func (s *Session) Prepared(c Choice) bool { return s.pktOf(c.Index) != nil }

// Options is how the session runs a scenario (Run, Load, Drop, Kill).
func (s *Session) Options(profile string) scenario.RunOptions {
	return scenario.RunOptions{Profile: profile, Seed: s.seed}
}

// Show makes c the scenario on screen with tr, its run in c.Profile (nil for a Prepared choice),
// from its start, with no what-ifs; the playback speed is kept.
func (s *Session) Show(c Choice, tr *trace.Trace) {
	speed := 1.0
	if s.player != nil {
		speed = s.player.Speed()
	}
	s.pkt = s.pktOf(c.Index)
	if s.pkt != nil {
		tr = s.pkt.tr
	}
	s.idx, s.sc, s.profile, s.tr, s.forks = c.Index, c.Scenario, c.Profile, tr, nil
	s.SetConn(-1, 0)
	s.player.SetSpeed(speed)
}

// Load runs c (unless it is Prepared) and shows it; on an error nothing changes.
func (s *Session) Load(c Choice) error {
	var tr *trace.Trace
	if !s.Prepared(c) {
		var err error
		if tr, err = scenario.Run(c.Scenario, s.Options(c.Profile)); err != nil {
			return err
		}
	}
	s.Show(c, tr)
	return nil
}

// SetConn shows connection c (-1: the first) of the trace on screen at moment now: the layout
// model and a paused player are made anew.
func (s *Session) SetConn(c int, now int64) {
	s.model = layout.Prepare(s.tr, c)
	if s.pkt != nil {
		s.model.Expects = s.pkt.expects
	}
	addr := map[string]string{}
	for _, h := range s.sc.Hosts {
		addr[h.Name] = h.Addr
	}
	s.model.SetAddrs(addr)
	s.player = player.New(s.model.Moments, s.model.Warp)
	s.player.SeekTo(now)
}

// SetTrace replaces the trace on screen (a synthetic one: tests, benchmarks) and shows its
// first connection at now. The scenario, profile and what-ifs stay as they were.
func (s *Session) SetTrace(tr *trace.Trace, now int64) {
	s.tr = tr
	s.SetConn(-1, now)
}

// Catalog is the catalog: built-in scenarios, then files' (do not modify it).
func (s *Session) Catalog() []scenario.Scenario { return s.catalog }

// BuiltIn is the number of built-in scenarios at the head of Catalog.
func (s *Session) BuiltIn() int { return s.builtIn }

// Index is the catalog index of the scenario on screen.
func (s *Session) Index() int { return s.idx }

// Scenario is the scenario on screen, what-if changes included.
func (s *Session) Scenario() scenario.Scenario { return s.sc }

// Profile is the kernel profile on screen.
func (s *Session) Profile() string { return s.profile }

// Profiles are the profiles the scenario on screen runs in.
func (s *Session) Profiles() []string { return s.catalog[s.idx].ProfilesOf() }

// Origin says where the scenario on screen came from.
func (s *Session) Origin() Origin {
	switch {
	case s.pkt != nil:
		return FromPkt
	case s.idx >= s.builtIn:
		return FromFile
	}
	return FromCatalog
}

// Trace is the trace on screen (do not modify it).
func (s *Session) Trace() *trace.Trace { return s.tr }

// Model is the layout model of the trace on screen.
func (s *Session) Model() *layout.Model { return s.model }

// Player is the playback of the trace on screen.
func (s *Session) Player() *player.Player { return s.player }
