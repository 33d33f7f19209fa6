//go:build linux && !android

package displaycheck

import (
	"fmt"
	"os"
	"path/filepath"
)

func init() {
	if os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" {
		return
	}
	fmt.Fprintf(os.Stderr, "%s: no display: DISPLAY (and WAYLAND_DISPLAY) is unset. Run it in a desktop session, "+
		"or headless under Xvfb: xvfb-run -a %s …\n(finwait list and finwait trace need no display.)\n",
		filepath.Base(os.Args[0]), os.Args[0])
	os.Exit(2)
}
