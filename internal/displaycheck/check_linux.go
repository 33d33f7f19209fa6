//go:build linux && !android

package displaycheck

import (
	"fmt"
	"os"
	"path/filepath"

	"finwait/internal/displaycheck/xdisplay"
)

func init() {
	display := os.Getenv("DISPLAY")
	if display == "" && os.Getenv("WAYLAND_DISPLAY") != "" {
		return
	}
	why := "DISPLAY (and WAYLAND_DISPLAY) is unset"
	if display != "" {
		err := xdisplay.Reach(display)
		if err == nil {
			return
		}
		why = fmt.Sprintf("DISPLAY=%s cannot be reached (%v)", display, err)
	}
	fmt.Fprintf(os.Stderr, "%s: no display: %s. Run it in a desktop session, "+
		"or headless under Xvfb: xvfb-run -a %s …\n(finwait list and finwait trace need no display.)\n",
		filepath.Base(os.Args[0]), why, os.Args[0])
	os.Exit(2)
}
