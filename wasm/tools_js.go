//go:build js

package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"finwait/render/app"
)

// switchToTools is the main module's answer to the terminal panel's control and key: the panel
// and the compare view are in the page's full module (finwait-pkt.wasm, tools_pkt_js.go), which
// boot.js loads for a URL with tool= or compare=; so the page goes to its own URL with the
// scenario, profile and moment on screen and tool= the tool asked for. A scenario opened from a
// file travels in the fragment as a share link's does (share.js), so the switch never loses it.
func switchToTools(g *app.Game) func(tool string) {
	return func(tool string) {
		global := js.Global()
		loc := global.Get("location")
		visit := func(href string) {
			u := global.Get("URL").New(href)
			q := u.Get("searchParams")
			q.Call("set", "tool", tool)
			q.Call("delete", "autoplay")
			loc.Call("assign", u.Call("toString"))
		}
		if src := g.ScenarioSource(); src != nil {
			if share := global.Get("finwaitShare"); share.Truthy() {
				page := "index.html"
				if strings.HasSuffix(loc.Get("pathname").String(), "embed.html") {
					page = "embed.html"
				}
				var then js.Func
				then = js.FuncOf(func(_ js.Value, a []js.Value) any {
					then.Release()
					visit(a[0].Get("url").String())
					return nil
				})
				share.Call("link", page, string(src)).Call("then", then)
				return
			}
		}
		u := global.Get("URL").New(loc.Get("href"))
		q := u.Get("searchParams")
		q.Call("set", "scenario", g.ScenarioName())
		q.Call("set", "profile", g.ProfileName())
		q.Call("set", "t", strconv.FormatInt(g.Now(), 10)+"us")
		u.Set("hash", "")
		visit(u.Call("toString").String())
	}
}
