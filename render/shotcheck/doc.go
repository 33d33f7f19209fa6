// Package shotcheck holds the headless screenshot test: it runs the desktop binary with
// -screenshot for three catalog scenarios and checks the PNGs for what must be there — the
// lifelines, a FIN arrow's colour at its place, the header's state text — at the places the
// layout package computes for the same moment. It needs a built binary (FINWAIT_DESKTOP) and a
// display (make test-render runs it under xvfb-run); without them it skips.
package shotcheck
