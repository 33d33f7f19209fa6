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
		if err := checkProfile(sc, o.Profile); err != nil {
			usage(err)
		}
	} else {
		sc, err := source.Lookup(o.Scenario)
		if err != nil {
			usage(fmt.Errorf("-scenario %q: no such scenario (desktop -list names them)", o.Scenario))
		}
		if err := checkProfile(sc, o.Profile); err != nil {
			usage(err)
		}
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

// checkProfile refuses a -profile the scenario does not run in.
func checkProfile(sc scenario.Scenario, profile string) error {
	profs := source.Profiles(sc)
	if profile == "" {
		return nil
	}
	for _, p := range profs {
		if p == profile {
			return nil
		}
	}
	return fmt.Errorf("-profile %q: scenario %s runs in %s", profile, sc.Name, strings.Join(profs, " and "))
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
