package app

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/core/scenario"
	"finwait/render/i18n"
	"finwait/render/session"
)

// Scenario files: dropped on the window (the desktop through Ebiten; the page reads drops in
// boot.js), chosen with the page's "Open scenario…" button, or named by the desktop's -file. A file that opens joins the catalog
// (replacing an earlier file's scenario of the same name) and is shown at once; one that does not
// leaves everything as it was and says what was wrong and where in the notice banner.

type droppedFile struct {
	name string
	data []byte
	err  error
}

// OpenScenarioFile parses, runs and shows a scenario file; name is only for messages. The
// error (also shown in the banner) says what was wrong and where.
func (g *Game) OpenScenarioFile(name string, data []byte) error {
	sc, err := session.ParseFile(data) // the core's one size limit, the same in the CLI and the desktop
	said := func(err error) {
		switch {
		case err == errCancelled: // cancelRun says so
		case err != nil:
			g.notice, g.noticeErr = i18n.Msg(g.lang, i18n.FileError, name, err.Error()), true
		default:
			g.notice, g.noticeErr = i18n.Msg(g.lang, i18n.FileOpened, name, sc.Name), false
			session.Remember(g.s, sc.Name, data)
		}
	}
	if err == nil {
		err = g.openScenario(sc, said)
	}
	if err != nil || g.long == nil { // a long run this started says how it went when it ends
		said(err)
	}
	return err
}

// openScenario adds sc to the catalog and loads it; when it cannot run, the catalog and the
// view stay as they were. A long run ends later (longrun.go); done hears how.
func (g *Game) openScenario(sc scenario.Scenario, done func(error)) error {
	c, restore := session.Add(g.s, sc)
	ended := func(err error) {
		if err != nil {
			restore()
		} else {
			g.err = ""
		}
	}
	err := g.load(c, func(err error) { ended(err); done(err) })
	if err != nil || g.long == nil {
		ended(err)
	}
	return err
}

// FromFile reports whether the scenario shown came from a file or a packetdrill script (it has
// no catalog link).
func (g *Game) FromFile() bool { return session.From(g.s) != session.FromCatalog }

// pollDropped starts reading files dropped on the window (in the browser reading waits for the
// page, so it runs beside the game loop) and opens what has arrived.
func (g *Game) pollDropped() {
	if fsys := ebiten.DroppedFiles(); fsys != nil {
		if g.dropped == nil {
			g.dropped = make(chan droppedFile, 8)
		}
		go readDropped(fsys, g.dropped)
	}
	for g.dropped != nil {
		select {
		case f := <-g.dropped:
			if f.err != nil {
				g.notice, g.noticeErr = i18n.Msg(g.lang, i18n.FileError, f.name, f.err.Error()), true
				continue
			}
			_ = g.OpenScenarioFile(f.name, f.data)
		default:
			return
		}
	}
}

// readDropped sends each dropped .json file (the first four, in the order given; folders are
// not searched). It reads the drop's top level itself rather than through fs.WalkDir, whose
// sorting and path handling would add 30 KB to the page.
func readDropped(fsys fs.FS, out chan<- droppedFile) {
	var names []string
	if dir, err := fsys.Open("."); err == nil {
		if rd, ok := dir.(fs.ReadDirFile); ok {
			entries, _ := rd.ReadDir(-1)
			for _, e := range entries {
				if !e.IsDir() && strings.HasSuffix(strings.ToLower(e.Name()), ".json") {
					names = append(names, e.Name())
				}
			}
		}
		dir.Close()
	}
	if len(names) == 0 {
		out <- droppedFile{name: "?", err: errNoJSON}
		ebiten.ScheduleFrame() // the loop may sleep (idle.go)
		return
	}
	for _, n := range names[:min(len(names), 4)] {
		data, err := readLimited(fsys, n)
		out <- droppedFile{name: n, data: data, err: err}
		ebiten.ScheduleFrame()
	}
}

var errNoJSON = errors.New("no .json file among the dropped files")

func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return scenario.ReadFile(f) // stops one byte past scenario.MaxFileSize
}

// Notice is the banner's text ("" when none is up).
func (g *Game) Notice() string { return g.notice }
