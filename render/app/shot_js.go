//go:build js

package app

import "errors"

// writeShot is desktop-only: in the browser the page exports the canvas itself, and leaving
// image/png out keeps it out of the .wasm.
func (g *Game) writeShot() error {
	return errors.New("screenshots are written by the desktop app only")
}
