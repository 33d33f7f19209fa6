// Package displaycheck stops a desktop program with a plain message when there is no display to
// open: DISPLAY unset, or set to an X server that does not answer (xdisplay dials it). Ebiten's
// package initialisation on Linux panics with a GLFW stack trace in that case, before main runs.
// Go initialises packages in import-path order once their own imports are ready, so this package,
// which imports only the standard library (and xdisplay, which does too) and whose path sorts
// before github.com/hajimehoshi/ebiten, runs first: import it for its side effect (cmd/desktop
// does).
package displaycheck
