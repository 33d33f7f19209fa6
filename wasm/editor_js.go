//go:build js

package main

import (
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/render/layout"
)

// editorAPI adds what the page's editor (web/editor.js) and share links (web/share.js) need to
// window.finwait, before publish freezes it (few and plain values: each call site costs bytes):
//
//   - scenarioFile() is [text, whatIfs]: the text the scenario on screen was opened from (null
//     for a catalog scenario: the page serves scenarios/NAME.json, `finwait show`'s text) and the
//     number of what-if changes on screen that the text does not hold.
//   - openLink(text, name, profileIndex, t) opens a share link's scenario file exactly as an
//     opened file (the same parsing and validation; nothing but the model runs; name stands for
//     the file in messages), then shows the profile of that index in the file's list and the
//     moment t (µs; < 0: the start) the link names. It answers null, or the error.
func editorAPI(w *webGame, api js.Value) {
	api.Set("scenarioFile", js.FuncOf(func(js.Value, []js.Value) any {
		var text any
		if src := w.game.ScenarioSource(); src != nil {
			text = string(src)
		}
		return js.ValueOf([]any{text, w.game.WhatIfs()})
	}))
	api.Set("openLink", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 4 || args[2].Type() != js.TypeNumber || args[3].Type() != js.TypeNumber {
			return "openLink(text, name, profileIndex, t)"
		}
		if err := w.game.OpenScenarioFile(jsString(args[1]), []byte(jsString(args[0]))); err != nil {
			return err.Error()
		}
		w.lastSig = "" // tell the parent page at the next Update
		ebiten.ScheduleFrame()
		if j := args[2].Int(); j > 0 {
			w.game.Exec(layout.CmdProfile, j) // an index past the file's profiles changes nothing
		}
		if t := int64(args[3].Float()); t >= 0 {
			w.game.SeekTo(t)
		}
		return nil
	}))
	if pktAPI != nil {
		pktAPI(w, api)
	}
}

// pktAPI adds finwait.openPkt in the page's packetdrill module (editor_pkt_js.go, -tags pkt).
var pktAPI func(w *webGame, api js.Value)
