//go:build js

package main

import (
	"syscall/js"

	"finwait/render/layout"
)

// editorAPI adds what the page's editor (web/editor.js) and share links (web/share.js) need to
// window.finwait, before publish freezes it:
//
//   - scenarioFile() is {name, text, whatIfs}: the scenario on screen, the text it was opened
//     from (null for a catalog scenario: the page serves scenarios/NAME.json, `finwait show`'s
//     text) and the number of what-if changes on screen that the text does not hold.
//   - openLink(text, profile, t, name) opens a share link's scenario file exactly as an opened file
//     (the same parsing and validation; nothing but the model runs), then shows the profile
//     ("" = the scenario's first) and the moment t (µs; < 0 = the start) the link names; name
//     stands for the file in messages (the words "the link", from messages.json):
//     {ok: true, scenario} or {ok: false, error}.
//     {ok: true, scenario} or {ok: false, error}.
func editorAPI(w *webGame, api js.Value) {
	api.Set("scenarioFile", js.FuncOf(func(js.Value, []js.Value) any {
		var text any
		if src := w.game.ScenarioSource(); src != nil {
			text = string(src)
		}
		return js.ValueOf(map[string]any{"name": w.game.ScenarioName(), "text": text, "whatIfs": w.game.WhatIfs()})
	}))
	api.Set("openLink", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 4 || args[0].Type() != js.TypeString || args[2].Type() != js.TypeNumber {
			return js.ValueOf(map[string]any{"ok": false, "error": "openLink(text, profile, t, name)"})
		}
		if err := w.game.OpenScenarioFile(jsString(args[3]), []byte(args[0].String())); err != nil {
			return js.ValueOf(map[string]any{"ok": false, "error": err.Error()})
		}
		w.lastSig = "" // tell the parent page at the next Update
		profile := jsString(args[1])
		for j, p := range w.game.Profiles() {
			if p == profile && j > 0 {
				w.game.Exec(layout.CmdProfile, j)
			}
		}
		if t := int64(args[2].Float()); t >= 0 {
			w.game.SeekTo(t)
		}
		return js.ValueOf(map[string]any{"ok": true, "scenario": w.game.ScenarioName()})
	}))
	if pktAPI != nil {
		pktAPI(w, api)
	}
}

// pktAPI adds finwait.openPkt in the page's packetdrill module (editor_pkt_js.go, -tags pkt).
var pktAPI func(w *webGame, api js.Value)
