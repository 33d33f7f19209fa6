package cli

import (
	"flag"
	"fmt"
	"io"

	"finwait/core/scenario"
	"finwait/core/toolview"
)

// atCmd is `finwait at`: what ss, nstat, sockstat or tcpdump would print on one host at one
// virtual moment of a run (core/toolview).
func atCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("at", flag.ContinueOnError)
	fs.SetOutput(stderr)
	run := addRunFlags(fs)
	at := fs.String("t", "", "the virtual moment, a duration such as 1.25s or 800ms")
	host := fs.String("host", "", "the host whose tools run (A, B …)")
	tool := fs.String("tool", "", "ss (ss -tanoi), nstat (nstat -az), sockstat (/proc/net/sockstat) or tcpdump (tcpdump -n)")
	abs := fs.Bool("S", false, "tcpdump: absolute sequence numbers (tcpdump -S)")
	since := fs.String("since", "", "nstat: print the increments since this earlier moment (nstat -z after a run then) instead of absolute values")
	if err := fs.Parse(args); err != nil {
		return ErrUsage
	}
	if *at == "" || *host == "" || *tool == "" {
		return fmt.Errorf("at: -t, -host and -tool are required (e.g. -t 1.25s -host A -tool ss)")
	}
	t, err := scenario.ParseDuration(*at)
	if err != nil {
		return fmt.Errorf("at: -t: %w", err)
	}
	sc, err := run.load()
	if err != nil {
		return err
	}
	opt := run.options()
	m, err := scenario.RunUntil(sc, opt, int64(t))
	if err != nil {
		return err
	}
	var prev *scenario.Moment
	if *since != "" {
		if *tool != "nstat" {
			return fmt.Errorf("at: -since applies to -tool nstat only")
		}
		st, err := scenario.ParseDuration(*since)
		if err != nil {
			return fmt.Errorf("at: -since: %w", err)
		}
		if prev, err = scenario.RunUntil(sc, opt, int64(st)); err != nil {
			return err
		}
	}
	out, err := toolview.Render(m, *host, *tool, prev, *abs)
	if err != nil {
		return fmt.Errorf("at: %w", err)
	}
	_, err = io.WriteString(stdout, out)
	return err
}
