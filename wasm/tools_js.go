//go:build js

package main

import (
	"strconv"
	"syscall/js"

	"finwait/render/app"
)

// switchToTools is the main module's answer to the terminal panel's control and key: the panel
// and the compare view are in the page's full module (finwait-pkt.wasm, tools_pkt_js.go), which
// boot.js loads for a URL with tool= or compare=; so the page goes to its own URL with the
// scenario, profile and moment on screen and tool= the tool asked for.
func switchToTools(g *app.Game) func(tool string) {
	return func(tool string) {
		loc := js.Global().Get("location")
		u := js.Global().Get("URL").New(loc.Get("href"))
		q := u.Get("searchParams")
		q.Call("set", "scenario", g.ScenarioName())
		q.Call("set", "profile", g.ProfileName())
		q.Call("set", "t", strconv.FormatInt(g.Now(), 10)+"us")
		q.Call("set", "tool", tool)
		q.Call("delete", "autoplay")
		loc.Call("assign", u.Call("toString"))
	}
}
