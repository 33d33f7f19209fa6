// Command finwait is the CLI over the core: list the catalog, print a scenario's trace.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"finwait/cmd/finwait/cli"
)

func main() {
	if err := cli.Main(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		var ee *cli.ExitError
		if errors.As(err, &ee) {
			fmt.Fprintln(os.Stderr, ee.Msg)
			os.Exit(ee.Code)
		}
		fmt.Fprintln(os.Stderr, "finwait:", err)
		if err == cli.ErrUsage {
			os.Exit(2)
		}
		os.Exit(1)
	}
	_ = io.Discard
}
