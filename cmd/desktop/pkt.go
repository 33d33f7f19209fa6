package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"finwait/core/pkt"
	"finwait/render/app"
)

// runPkt parses and runs a packetdrill script (-pkt) and writes each line's verdict to w: met,
// or what the line expected and what the model did.
func runPkt(file string, w io.Writer) (*app.PktRun, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := pkt.ReadScript(f) // the one size limit
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	s, err := pkt.Parse(filepath.Base(file), data)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", file, err)
	}
	res, err := pkt.Run(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	run := &app.PktRun{Name: filepath.Base(file), Trace: res.Trace}
	for _, v := range res.Lines {
		run.Lines = append(run.Lines, app.PktLine{Line: v.Line, Kind: v.Kind, Met: v.Met, Event: v.Event})
		if v.Met {
			fmt.Fprintf(w, "%s:%d: met: %s\n", file, v.Line, v.Text)
		} else {
			fmt.Fprintf(w, "%s:%d: expected %s, got %s\n", file, v.Line, v.Expected, v.Got)
		}
	}
	return run, nil
}
