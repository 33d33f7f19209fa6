// Package session is what is on screen, apart from how it is drawn: which scenario, from which
// source (the catalog, a file or share link, a packetdrill script's run), in which profile, its
// what-if forks and their undo, the trace, the layout model and the player. It has no Ebiten
// import, so selection, what-ifs, undo and opening files test without a display.
//
// The desktop app and the page (render/app's Game holds a Session), the page's URL and embed
// commands (internal/webstate), the desktop's flags and the CLI (cmd/finwait) all check a
// scenario name and profile with Select (Find and At over a session's catalog, files
// included): one check, one set of refusals (SelectError). There is no package-level state: a
// program may hold two sessions side by side (a compare view).
//
// Running a scenario is split in two so that the app can run a long one a slice a frame
// (render/app/longrun.go): Select, Find or At validates, the caller runs Choice.Scenario in
// Choice.Profile (unless Prepared says the choice brings its own trace), and Show shows the
// trace. Load does all three at once for callers that can wait (tests, a second session).
//
// A Session's operations and accessors are plain functions of a *Session, not methods: the
// page's Game holds a Session and reaches an interface, and Ebiten links reflect's
// MethodByName, so every exported method would be linked into the .wasm, and the small ones
// twice (inlined where called, and whole for reflection): 10 KB more than functions, measured.
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

// New is a session over the built-in catalog (Add lists files' scenarios after it), runs
// seeded with seed. Nothing is shown until Show or Load.
func New(seed int64) (*Session, error) {
	s := &Session{seed: seed, catalog: scenario.Catalog()}
	if len(s.catalog) == 0 {
		return nil, errors.New("the scenario catalog is empty")
	}
	s.builtIn = len(s.catalog)
	return s, nil
}

// Find is Select over session s's catalog, files' scenarios included (a file's scenario of a
// built-in name is the one opened last).
func Find(s *Session, name, profile string) (Choice, error) {
	return check(s.catalog, -1, name, profile)
}

// At checks profile ("" = the first) for entry i of session s's catalog (an index past it is
// an unknown scenario "#i").
func At(s *Session, i int, profile string) (Choice, error) {
	name := "#" + strconv.Itoa(i)
	if i < 0 {
		i = len(s.catalog) // not a search by name
	}
	return check(s.catalog, i, name, profile)
}

// Prepared reports whether c brings its own trace (a packetdrill script's run): Show it with a
// nil trace, nothing runs.
func Prepared(s *Session, c Choice) bool { return s.pktOf(c.Index) != nil }

// options is how session s runs a scenario (Load, Drop, Kill).
func options(s *Session, profile string) scenario.RunOptions {
	return scenario.RunOptions{Profile: profile, Seed: s.seed}
}

// Show makes c (a Choice of session s's Find or At, or of Select: the built-in indices are the
// same) the scenario on screen with tr, its run in c.Profile (nil for a Prepared choice), from
// its start, with no what-ifs; the playback speed is kept.
func Show(s *Session, c Choice, tr *trace.Trace) {
	speed := 1.0
	if s.player != nil {
		speed = s.player.Speed()
	}
	s.pkt = s.pktOf(c.Index)
	if s.pkt != nil {
		tr = s.pkt.tr
	}
	s.idx, s.sc, s.profile, s.tr, s.forks = c.Index, *c.Scenario, c.Profile, tr, nil
	SetConn(s, -1, 0)
	s.player.SetSpeed(speed)
}

// Load runs c in session s (unless it is Prepared) and shows it; on an error nothing changes.
func Load(s *Session, c Choice) error {
	var tr *trace.Trace
	if !Prepared(s, c) {
		var err error
		if tr, err = scenario.Run(*c.Scenario, options(s, c.Profile)); err != nil {
			return err
		}
	}
	Show(s, c, tr)
	return nil
}

// SetConn shows connection c (-1: the first) of the trace on screen at moment now: the layout
// model and a paused player are made anew.
func SetConn(s *Session, c int, now int64) {
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
func SetTrace(s *Session, tr *trace.Trace, now int64) {
	s.tr = tr
	SetConn(s, -1, now)
}

// Catalog is the catalog: built-in scenarios, then files' (do not modify it).
func Catalog(s *Session) []scenario.Scenario { return s.catalog }

// BuiltIn is the number of built-in scenarios at the head of Catalog.
func BuiltIn(s *Session) int { return s.builtIn }

// Index is the catalog index of the scenario on screen.
func Index(s *Session) int { return s.idx }

// Current is the scenario on screen, what-if changes included (do not modify it).
func Current(s *Session) *scenario.Scenario { return &s.sc }

// Profile is the kernel profile on screen.
func Profile(s *Session) string { return s.profile }

// Profiles are the profiles the scenario on screen runs in.
func Profiles(s *Session) []string { return s.catalog[s.idx].ProfilesOf() }

// From says where session s's scenario on screen came from.
func From(s *Session) Origin {
	switch {
	case s.pkt != nil:
		return FromPkt
	case s.idx >= s.builtIn:
		return FromFile
	}
	return FromCatalog
}

// Trace is the trace on screen (do not modify it).
func Trace(s *Session) *trace.Trace { return s.tr }

// Model is the layout model of the trace on screen.
func Model(s *Session) *layout.Model { return s.model }

// Player is the playback of the trace on screen.
func Player(s *Session) *player.Player { return s.player }
