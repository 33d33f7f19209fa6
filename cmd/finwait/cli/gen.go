package cli

import (
	"encoding/json"
	"flag"
	"io"

	"finwait/core/scenario/gen"
)

// genCmd is `finwait gen -seed N [-wild]`: it prints the random scenario that the seed names, as
// a scenario file (the JSON `finwait show` prints).
func genCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Uint64("seed", 1, "the seed that names the scenario")
	wild := fs.Bool("wild", false, "valid but hostile (extreme values, many actions, every op) instead of recordable by cmd/conformance")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return ErrUsage
	}
	f := gen.Recordable
	if *wild {
		f = gen.Wild
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(gen.Generate(*seed, f))
}
