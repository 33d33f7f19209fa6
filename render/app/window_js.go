//go:build js

package app

import "syscall/js"

// windowSize is the browser viewport's size in CSS pixels: ebiten.WindowSize is 0×0 on js, and
// Ebiten's canvas fills the page.
func windowSize() (int, int) {
	w := js.Global().Get("window")
	return w.Get("innerWidth").Int(), w.Get("innerHeight").Int()
}
