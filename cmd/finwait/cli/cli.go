// Package cli implements the finwait command: a thin layer over core/scenario.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/core/xref"
	"finwait/render/session"
)

// ErrUsage reports a command line that could not be understood.
var ErrUsage = errors.New("usage: finwait list | finwait trace -scenario NAME [-profile modern|2.6] [-seed N] [-format json|text] [-links] [-file scenario.json] | finwait show -scenario NAME | finwait gen -seed N [-wild] | finwait at -scenario NAME -t 1.25s -host A -tool ss|nstat|sockstat|tcpdump [-S] [-since T] | finwait diff -scenario NAME -profile2 2.6|-set HOST.NAME=VALUE|-scenario2 NAME|-file2 F | finwait pkt [-format text|json] script.pkt")

// Main runs the command with its arguments.
func Main(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return ErrUsage
	}
	switch args[0] {
	case "pkt":
		return runPkt(args[1:], stdout, stderr)
	case "list":
		for _, sc := range scenario.Catalog() {
			name := sc.Name
			if len(sc.Profiles) == 1 {
				name += " (" + sc.Profiles[0] + " only)"
			}
			fmt.Fprintf(stdout, "%-34s %s\n", name, sc.Summary)
		}
		return nil
	case "gen":
		return genCmd(args[1:], stdout, stderr)
	case "at":
		return atCmd(args[1:], stdout, stderr)
	case "diff":
		return diffCmd(args[1:], stdout, stderr)
	case "trace", "show":
		fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
		fs.SetOutput(stderr)
		run := addRunFlags(fs)
		format := fs.String("format", "text", "json or text")
		links := fs.Bool("links", false, "text: end with each kernel function the trace names and its source on Bootlin Elixir (the profile's kernel version)")
		if err := fs.Parse(args[1:]); err != nil {
			return ErrUsage
		}
		sc, err := run.load()
		if err != nil {
			return err
		}
		if args[0] == "show" {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(sc)
		}
		tr, err := scenario.Run(sc, run.options())
		if err != nil {
			return err
		}
		if *links && *format != "text" {
			return fmt.Errorf("trace: -links goes with -format text")
		}
		if err := write(stdout, tr, *format); err != nil || !*links {
			return err
		}
		return writeLinks(stdout, tr)
	}
	return ErrUsage
}

func load(name, file string) (scenario.Scenario, error) {
	switch {
	case file != "":
		data, err := readFile(file)
		if err != nil {
			return scenario.Scenario{}, fmt.Errorf("reading scenario file %s: %w", file, err)
		}
		sc, err := scenario.Parse(data)
		if err != nil {
			return sc, fmt.Errorf("%s: %w", file, err)
		}
		return sc, nil
	case name != "":
		c, err := session.Select(name, "")
		if err != nil {
			return scenario.Scenario{}, unknown(name, err)
		}
		return *c.Scenario, nil
	}
	return scenario.Scenario{}, fmt.Errorf("name a scenario with -scenario (one of: %s) or -file", strings.Join(scenario.Names(), ", "))
}

// unknown is session.Select's refusal of a name on the command line: with the names it is
// closest to (a typo's fix), or else all the names there are.
func unknown(name string, err error) error {
	near := session.Closest(name)
	if len(near) == 0 {
		near = scenario.Names()
		sort.Strings(near)
		return fmt.Errorf("%w (known: %s)", err, strings.Join(near, ", "))
	}
	return fmt.Errorf("%w (closest: %s; finwait list names them all)", err, strings.Join(near, ", "))
}

// Stdin is what -file - reads.
var Stdin io.Reader = os.Stdin

// readFile reads a scenario file ("-": standard input) through the one size limit
// (scenario.MaxFileSize): a larger file, or a stream without end such as /dev/zero, stops one
// byte past it with scenario.ErrTooLarge.
func readFile(name string) ([]byte, error) {
	if name == "-" {
		return scenario.ReadFile(Stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return scenario.ReadFile(f)
}

func write(w io.Writer, tr *trace.Trace, format string) error {
	switch format {
	case "json":
		b, err := tr.MarshalJSON()
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case "text":
		return tr.WriteText(w)
	}
	return fmt.Errorf("unknown format %q (want json or text)", format)
}

// writeLinks ends a text trace with the kernel functions it names and their source links.
func writeLinks(w io.Writer, tr *trace.Trace) error {
	var fns []string
	for i := range tr.Events {
		fns = append(fns, tr.Events[i].Fn)
	}
	v, _ := xref.Version(tr.Profile)
	var b strings.Builder
	b.WriteString("# kernel source (Bootlin Elixir, " + v + ")\n")
	for _, fn := range xref.Functions(fns) {
		u, err := xref.URL(fn, tr.Profile)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%-32s %s\n", fn, u)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// runFlags are the flags that name a run: a catalog scenario or a file, a profile and a seed
// (trace, show, at and diff's run 1).
type runFlags struct {
	name, file, profile *string
	seed                *int64
}

func addRunFlags(fs *flag.FlagSet) runFlags {
	return runFlags{
		name:    fs.String("scenario", "", "catalog scenario name"),
		file:    fs.String("file", "", "scenario file (JSON, at most 1 MiB; - reads standard input) instead of a catalog name"),
		profile: fs.String("profile", "", "kernel profile: modern or 2.6 (default: modern, or the scenario's only profile)"),
		seed:    fs.Int64("seed", 1, "seed for what the kernel randomises (ISNs)"),
	}
}

// load reads the scenario the flags name.
func (r runFlags) load() (scenario.Scenario, error) { return load(*r.name, *r.file) }

// options are the run options the flags name, with the invariants checked on every event.
func (r runFlags) options() scenario.RunOptions {
	return scenario.RunOptions{Profile: *r.profile, Seed: *r.seed, Check: true}
}
