//go:build js

package main

import (
	"strconv"
	"syscall/js"

	"finwait/render/app"
	"finwait/render/i18n"
)

// switchToTools is the main module's answer to the terminal panel's control and key: the panel
// and the compare view are in the page's full module (finwait-pkt.wasm, tools_pkt_js.go), which
// boot.js loads for a URL with tool= or compare=; so the page goes to its own URL with the
// scenario, profile and moment on screen and tool= the tool asked for. A scenario opened from a
// file travels in the fragment as a share link's does (share.js), so the switch never loses it
// (carryFile: where the page cannot make that link, it says so and stays).
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
			carryFile(g, src, visit)
			return
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

// carryFile goes to the full module with the file in the fragment (share.js's link). Where the
// page cannot make that link (embed.html has no toolbar.js, whose moment and base share.link
// reads; a browser without CompressionStream) or making it fails, #messages says so and the page
// stays: the file stays on screen, and no JavaScript exception reaches Go (js.Value.Call panics
// on one, which would end the app).
func carryFile(g *app.Game, src []byte, visit func(href string)) {
	global := js.Global()
	share := global.Get("finwaitShare")
	refuse := func() { showErrors([]string{i18n.Msg(i18n.Lang(g.Lang()), i18n.ToolNoFile)}) }
	if !share.Truthy() || !global.Get("finwaitToolbar").Truthy() || global.Get("CompressionStream").Type() != js.TypeFunction {
		refuse()
		return
	}
	var then, fail js.Func
	then = js.FuncOf(func(_ js.Value, a []js.Value) any {
		then.Release()
		fail.Release()
		visit(a[0].Get("url").String())
		return nil
	})
	fail = js.FuncOf(func(js.Value, []js.Value) any {
		then.Release()
		fail.Release()
		refuse()
		return nil
	})
	// index.html's link: embed.html never gets here (it has no toolbar.js)
	share.Call("link", "index.html", string(src)).Call("then", then, fail)
}
