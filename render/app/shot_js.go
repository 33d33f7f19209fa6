//go:build js

package app

import (
	"errors"

	"finwait/core/trace"
)

// bulkTrace: the page has no -bulk measurement, and the generator stays out of the .wasm.
func bulkTrace(int) *trace.Trace { return nil }

// writeShot is desktop-only: in the browser the page exports the canvas itself, and leaving
// image/png out keeps it out of the .wasm.
func (g *Game) writeShot() error {
	return errors.New("screenshots are written by the desktop app only")
}
