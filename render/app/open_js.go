//go:build js

package app

import "syscall/js"

// openURL opens u in a new tab with no opener and no referrer (window.open; the click's user
// activation is still live in the next frame).
func openURL(u string) error {
	js.Global().Get("window").Call("open", u, "_blank", "noopener,noreferrer")
	return nil
}
