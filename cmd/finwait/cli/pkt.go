package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"finwait/core/pkt"
)

// ExitError is an error that sets the process's exit status; Msg is printed as it is.
type ExitError struct {
	Code int
	Msg  string
}

func (e *ExitError) Error() string { return e.Msg }

// runPkt is `finwait pkt [-format text|json] script.pkt`: it runs a packetdrill script against
// the modern model and prints each line's verdict. A script that does not parse exits with
// status 2 and "file:line:col: message"; a line not met exits with status 1.
func runPkt(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pkt", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "text (each line with its verdict) or json (the trace and the verdicts)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return ErrUsage
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("unknown format %q (want json or text)", *format)
	}
	file := fs.Arg(0)
	src, err := readScript(file)
	if err != nil {
		return fmt.Errorf("reading script %s: %w", file, err)
	}
	s, err := pkt.Parse(file, src)
	if err != nil {
		return &ExitError{Code: 2, Msg: file + ":" + err.Error()}
	}
	res, err := pkt.Run(s)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if *format == "json" {
		if err := writePktJSON(stdout, file, res); err != nil {
			return err
		}
	} else {
		writePktText(stdout, res)
	}
	missed := 0
	for _, v := range res.Lines {
		if !v.Met {
			missed++
		}
	}
	if missed > 0 {
		return &ExitError{Code: 1, Msg: fmt.Sprintf("%s: %d of %d lines not met", file, missed, len(res.Lines))}
	}
	return nil
}

func writePktText(w io.Writer, res *pkt.Result) {
	for _, v := range res.Lines {
		if v.Met {
			fmt.Fprintf(w, "%4d met   %s\n", v.Line, v.Text)
			continue
		}
		fmt.Fprintf(w, "%4d MISS  %s\n           got:      %s\n           expected: %s\n", v.Line, v.Text, v.Got, v.Expected)
	}
	if res.OK {
		fmt.Fprintf(w, "every line met (%d lines)\n", len(res.Lines))
	}
}

// pktVerdict is a verdict in the JSON output.
type pktVerdict struct {
	Line     int    `json:"line"`
	Text     string `json:"text"`
	Kind     string `json:"kind"`
	Met      bool   `json:"met"`
	Expected string `json:"expected"`
	Got      string `json:"got"`
	Event    *int   `json:"event"` // index in trace.events, or null
}

func writePktJSON(w io.Writer, file string, res *pkt.Result) error {
	tr, err := res.Trace.MarshalJSON()
	if err != nil {
		return err
	}
	out := struct {
		Script string          `json:"script"`
		OK     bool            `json:"ok"`
		Lines  []pktVerdict    `json:"lines"`
		Trace  json.RawMessage `json:"trace"`
	}{Script: file, OK: res.OK, Lines: []pktVerdict{}, Trace: tr}
	for _, v := range res.Lines {
		pv := pktVerdict{Line: v.Line, Text: v.Text, Kind: v.Kind, Met: v.Met, Expected: v.Expected, Got: v.Got}
		if v.Event >= 0 {
			ev := v.Event
			pv.Event = &ev
		}
		out.Lines = append(out.Lines, pv)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// readScript reads a script file through the core's one size limit.
func readScript(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return pkt.ReadScript(f)
}
