// Command desktop is finwait's desktop app: the animated sequence diagram of a scenario in a
// window, or — with -screenshot — one moment of it written to a PNG (works under Xvfb). -file
// opens a scenario file; a .json file dropped on the window opens too. -pkt runs a packetdrill
// script against the model and shows its run, each expected segment marked met or not.
//
// Every flag is checked before a window opens; a bad one is refused with one line on stderr and
// exit status 2 (see flags.go for the limits: a screenshot is at most 4096 device pixels a side,
// -scale 0.5 to 4, -at up to 4h). Exit status 1 is a scenario file that cannot be read or run.
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"finwait/core/scenario"
	_ "finwait/internal/displaycheck" // a plain message, not Ebiten's panic, when there is no display
	"finwait/render/app"
	"finwait/render/session"
	"finwait/render/source"
)

func main() {
	c, err := parseFlags(os.Args[1:], os.Stdout)
	if errors.Is(err, errHelp) {
		return
	}
	if err != nil {
		usage(err)
	}
	o := c.opt
	list, file := &c.list, &c.file
	if *list {
		for _, sc := range source.Catalog() {
			only := ""
			if len(sc.Profiles) == 1 {
				only = " (" + sc.Profiles[0] + " only)"
			}
			fmt.Printf("%-28s %s%s\n", sc.Name, sc.Summary, only)
		}
		return
	}
	if *file != "" {
		data, err := readFile(*file)
		if err != nil {
			fail(fmt.Errorf("reading scenario file %s: %w", *file, err))
		}
		sc, err := scenario.Parse(data)
		if err != nil {
			fail(fmt.Errorf("%s: %w", *file, err))
		}
		o.Extra = append(o.Extra, sc)
		o.Scenario = sc.Name
	}
	if err := checkChoice(o); err != nil {
		usage(err)
	}
	if c.pkt != "" {
		run, err := runPkt(c.pkt, os.Stdout)
		if err != nil {
			fail(err)
		}
		o.Pkt = run
	}
	app.EnableTools() // the terminal panel and the compare view
	if err := app.Run(o); err != nil {
		fail(err)
	}
}

// readFile reads a scenario file through the core's one size limit (scenario.MaxFileSize), so
// -file /dev/zero stops one byte past it.
func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return scenario.ReadFile(f)
}

// checkChoice refuses a -scenario there is none of (naming the closest) and a -profile the
// scenario does not run in, before a window opens: render/session's one check, as the app
// makes it (-file's scenario included).
func checkChoice(o app.Options) error {
	s, err := session.New(o.Seed)
	if err == nil {
		for _, sc := range o.Extra {
			session.Add(s, sc)
		}
		_, err = session.Find(s, o.Scenario, o.Profile)
	}
	e, ok := err.(*session.SelectError)
	switch {
	case !ok:
		return err
	case e.Field == "profile":
		return fmt.Errorf("-profile %q: scenario %s runs in %s", e.Value, e.Scenario, strings.Join(e.Profiles, " and "))
	}
	hint := ""
	if near := session.Closest(e.Value); len(near) > 0 {
		hint = "closest: " + strings.Join(near, ", ") + "; "
	}
	return fmt.Errorf("-scenario %q: no such scenario (%sdesktop -list names them)", e.Value, hint)
}

// usage reports a bad flag on one line and exits 2, as flag's own errors do.
func usage(err error) {
	fmt.Fprintln(os.Stderr, "desktop:", err)
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "desktop:", err)
	os.Exit(1)
}
