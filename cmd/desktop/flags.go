package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"finwait/render/app"
	"finwait/render/layout"
	"finwait/render/player"
)

// The limits the flags are checked against. A screenshot is an image in memory twice (the GPU's
// and the PNG encoder's) and Ebiten refuses images past its own maximum, so its size in device
// pixels is capped; the window itself always opens at 1280×800 and is resized by hand.
const (
	minSide     = 200       // logical pixels: below this the layout has no room for a diagram
	maxSide     = 4096      // device pixels per side of a screenshot (64 MiB of RGBA)
	minScale    = 0.5       // device scale factors a screenshot may ask for
	maxScale    = 4.0       //
	maxFrames   = 1_000_000 // -frames: about 4.6 hours at 60 frames a second
	maxBulk     = 20000     // -bulk: packets of the synthetic trace (the layout's benchmark uses 1000)
	sizeExample = "1280x800"
)

// errHelp is -h: the usage was printed, exit 0.
var errHelp = errors.New("help")

// config is what the command line asks for.
type config struct {
	opt  app.Options
	list bool
	file string
	pkt  string
}

// parseFlags reads and checks the command line. Every refusal is one line naming the flag, the
// value and what would be right; main exits 2 with it.
func parseFlags(args []string, usage io.Writer) (config, error) {
	var c config
	o := &c.opt
	var at, size, speed string
	fs := flag.NewFlagSet("desktop", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed once, by main, on one line
	fs.BoolVar(&c.list, "list", false, "list the scenarios and exit")
	fs.StringVar(&o.Scenario, "scenario", "normal_active_close", "scenario `name` (see -list)")
	fs.StringVar(&c.file, "file", "", "open a scenario `file` (JSON, as finwait trace -file reads) and show it")
	fs.StringVar(&c.pkt, "pkt", "", "run a packetdrill `script` (.pkt) against the model and show it, each expected segment marked met or not (the verdicts are printed too)")
	fs.StringVar(&o.Profile, "profile", "", "kernel profile: modern or 2.6 (default: the scenario's first)")
	fs.Int64Var(&o.Seed, "seed", 1, "seed of the run")
	fs.StringVar(&speed, "speed", "1", "playback speed: 0.25, 0.5, 1, 2, 4, 8 or 16")
	fs.StringVar(&o.Theme, "theme", "light", "light or dark")
	fs.StringVar(&o.Lang, "lang", "en", "en or zh")
	fs.BoolVar(&o.Reveal, "reveal", false, "show what has not happened yet, faded")
	fs.BoolVar(&o.Play, "play", true, "start playing")
	fs.StringVar(&o.Shot, "screenshot", "", "write the moment -at to this PNG `file` and exit")
	fs.StringVar(&at, "at", "0", "moment for -screenshot: a Go duration (1.25s, 540ms) or seconds, up to 4h")
	fs.StringVar(&size, "size", sizeExample, fmt.Sprintf("screenshot size WxH (logical pixels, each side at least %d; at most %d device pixels after -scale)", minSide, maxSide))
	fs.Float64Var(&o.ShotScale, "scale", 1, fmt.Sprintf("device scale factor of the screenshot (%g to %g: 1, 1.5, 2…)", minScale, maxScale))
	fs.BoolVar(&o.Reduced, "reduced-motion", false, "packets jump from send to arrival instead of sliding")
	fs.StringVar(&o.Overlay, "overlay", "", "open an overlay: help, picker or settings")
	fs.StringVar(&o.Controls, "controls", "full", "full, minimal (transport bar only) or none")
	fs.StringVar(&o.Tool, "tool", "", "open the terminal panel on a `tool`: ss, nstat, sockstat, tcpdump or tcpdump-S")
	fs.StringVar(&o.ToolHost, "tool-host", "", "the `host` the terminal panel's tools run on (default: the first)")
	fs.StringVar(&o.Compare, "compare", "", "show a second run beside this one: profile:2.6, set:A.tcp_fin_timeout=10, drop:A>B:3 or kill:A@1.5s")
	fs.IntVar(&o.Frames, "frames", 0, fmt.Sprintf("measure: play `n` frames (up to %d), print Update and Draw times per frame, exit", maxFrames))
	fs.IntVar(&o.Bulk, "bulk", 0, fmt.Sprintf("measure with a synthetic trace of `n` packets (up to %d) instead of the scenario", maxBulk))
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(usage)
			fmt.Fprintln(usage, "Usage of desktop:")
			fs.PrintDefaults()
			return c, errHelp
		}
		return c, err // flag's own words: "invalid value "x" for flag -seed: parse error"
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q: flags only (desktop -h lists them)", fs.Arg(0))
	}

	f, err := strconv.ParseFloat(strings.TrimSuffix(speed, "x"), 64)
	if err != nil || !isSpeed(f) {
		return c, fmt.Errorf("-speed %q: want one of 0.25, 0.5, 1, 2, 4, 8, 16", speed)
	}
	o.Speed = f
	if err := oneOf("theme", o.Theme, "light", "dark"); err != nil {
		return c, err
	}
	if err := oneOf("lang", o.Lang, "en", "zh"); err != nil {
		return c, err
	}
	if err := oneOf("overlay", o.Overlay, "", "help", "picker", "settings"); err != nil {
		return c, fmt.Errorf("-overlay %q: want help, picker or settings (or leave it out)", o.Overlay)
	}
	if _, ok := layout.ParseControls(o.Controls); !ok || o.Controls == "" {
		return c, fmt.Errorf("-controls %q: want full, minimal or none", o.Controls)
	}
	us, prob := player.ParseMoment(at)
	switch prob {
	case player.MomentNotATime:
		return c, fmt.Errorf("-at %q: want a moment such as 1.25s, 540ms or a number of seconds", at)
	case player.MomentNegative:
		return c, fmt.Errorf("-at %q: a moment cannot be before the run starts", at)
	case player.MomentTooLate:
		return c, fmt.Errorf("-at %q: past 4h, the longest a run lasts", at)
	}
	o.At = us
	s := o.ShotScale
	if math.IsNaN(s) || s < minScale || s > maxScale { // NaN fails every comparison: test it first
		return c, fmt.Errorf("-scale %s: want a number from %g to %g", strconv.FormatFloat(s, 'g', -1, 64), minScale, maxScale)
	}
	if o.ShotW, o.ShotH, err = parseSize(size); err != nil {
		return c, err
	}
	if dw, dh := math.Ceil(float64(o.ShotW)*s), math.Ceil(float64(o.ShotH)*s); dw > maxSide || dh > maxSide {
		return c, fmt.Errorf("-size %s at -scale %g is %.0fx%.0f device pixels: at most %d per side", size, s, dw, dh, maxSide)
	}
	if o.Frames < 0 || o.Frames > maxFrames {
		return c, fmt.Errorf("-frames %d: want 0 (off) to %d", o.Frames, maxFrames)
	}
	if o.Bulk < 0 || o.Bulk > maxBulk {
		return c, fmt.Errorf("-bulk %d: want 0 (off) to %d", o.Bulk, maxBulk)
	}
	return c, nil
}

// parseSize reads WxH: two decimal integers joined by x, each side from minSide to maxSide.
func parseSize(s string) (w, h int, err error) {
	bad := fmt.Errorf("-size %q: want WxH such as %s", s, sizeExample)
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	if !ok {
		return 0, 0, bad
	}
	for _, part := range []string{ws, hs} {
		if part == "" || strings.Trim(part, "0123456789") != "" {
			return 0, 0, bad // 1280x800x3, -5x3, 12 80x800, 0x1p3x2
		}
	}
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if err1 != nil || err2 != nil || w < minSide || h < minSide || w > maxSide || h > maxSide {
		return 0, 0, fmt.Errorf("-size %q: each side from %d to %d pixels", s, minSide, maxSide)
	}
	return w, h, nil
}

func isSpeed(f float64) bool {
	for _, s := range player.Speeds {
		if f == s {
			return true
		}
	}
	return false
}

func oneOf(name, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("-%s %q: want %s", name, v, strings.Join(allowed, " or "))
}
