// Command desktop is finwait's desktop app: the animated sequence diagram of a scenario in a
// window, or — with -screenshot — one moment of it written to a PNG (works under Xvfb). -file
// opens a scenario file; a .json file dropped on the window opens too. -pkt runs a packetdrill
// script against the model and shows its run, each expected segment marked met or not.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"finwait/core/scenario"
	_ "finwait/internal/displaycheck" // a plain message, not Ebiten's panic, when there is no display
	"finwait/render/app"
	"finwait/render/source"
)

func main() {
	var o app.Options
	var at, size string
	list := flag.Bool("list", false, "list the scenarios and exit")
	flag.StringVar(&o.Scenario, "scenario", "normal_active_close", "scenario `name` (see -list)")
	file := flag.String("file", "", "open a scenario `file` (JSON, as finwait trace -file reads) and show it")
	pktFile := flag.String("pkt", "", "run a packetdrill `script` (.pkt) against the model and show it, each expected segment marked met or not (the verdicts are printed too)")
	flag.StringVar(&o.Profile, "profile", "", "kernel profile: modern or 2.6 (default: the scenario's first)")
	flag.Int64Var(&o.Seed, "seed", 1, "seed of the run")
	flag.Float64Var(&o.Speed, "speed", 1, "playback speed, 0.25 to 16")
	flag.StringVar(&o.Theme, "theme", "light", "light or dark")
	flag.StringVar(&o.Lang, "lang", "en", "en or zh")
	flag.BoolVar(&o.Reveal, "reveal", false, "show what has not happened yet, faded")
	flag.BoolVar(&o.Play, "play", true, "start playing")
	flag.StringVar(&o.Shot, "screenshot", "", "write the moment -at to this PNG `file` and exit")
	flag.StringVar(&at, "at", "0", "moment for -screenshot: a Go duration (1.25s, 540ms) or seconds")
	flag.StringVar(&size, "size", "1280x800", "screenshot size WxH (logical pixels)")
	flag.Float64Var(&o.ShotScale, "scale", 1, "device scale factor of the screenshot (1, 1.5, 2)")
	flag.BoolVar(&o.Reduced, "reduced-motion", false, "packets jump from send to arrival instead of sliding")
	flag.StringVar(&o.Overlay, "overlay", "", "open an overlay: help or picker")
	flag.StringVar(&o.Controls, "controls", "full", "full, minimal (transport bar only) or none")
	flag.IntVar(&o.Frames, "frames", 0, "measure: play `n` frames, print Update and Draw times per frame, exit")
	flag.IntVar(&o.Bulk, "bulk", 0, "measure with a synthetic trace of `n` packets instead of the scenario")
	flag.Parse()

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
	if *pktFile != "" {
		run, err := runPkt(*pktFile, os.Stdout)
		if err != nil {
			fail(err)
		}
		o.Pkt = run
	}
	d, err := scenario.ParseDuration(at)
	if err != nil {
		fail(err)
	}
	o.At = int64(d)
	if _, err := fmt.Sscanf(strings.ToLower(size), "%dx%d", &o.ShotW, &o.ShotH); err != nil || o.ShotW <= 0 || o.ShotH <= 0 {
		fail(fmt.Errorf("-size %q: want WxH such as 1280x800", size))
	}
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

func fail(err error) {
	fmt.Fprintln(os.Stderr, "desktop:", err)
	os.Exit(1)
}
