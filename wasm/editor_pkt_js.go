//go:build js && pkt

package main

import (
	"errors"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/core/pkt"
	"finwait/render/app"
)

// The page's packetdrill module is this program built with -tags pkt (make web writes it as
// finwait-pkt.wasm): the main module cannot hold core/pkt (about 80 KB gzip over the size goal,
// docs/web-size.md), so opening a .pkt script switches the page to this module, fetched then.
//
// finwait.openPkt(name, text) parses the script and runs it against the modern model (nothing
// else runs), shows the run with each expected segment marked met or not, and answers {ok:
// true, scenario, met, lines: [{line, text, kind, met, expected, got, event}]} (the verdicts,
// for the page to list in words), or {ok: false, line, column, error} for a script that cannot
// run (the view stays as it was).
func init() {
	pktAPI = func(w *webGame, api js.Value) {
		api.Set("openPkt", js.FuncOf(func(_ js.Value, args []js.Value) any {
			if len(args) < 2 || args[1].Type() != js.TypeString {
				return js.ValueOf(map[string]any{"ok": false, "line": 0, "column": 0, "error": "openPkt(name, text)"})
			}
			ebiten.ScheduleFrame() // the loop may sleep (app/idle.go)
			return js.ValueOf(openPkt(w, jsString(args[0]), args[1].String()))
		}))
	}
}

func openPkt(w *webGame, name, text string) map[string]any {
	s, err := pkt.Parse(name, []byte(text))
	var res *pkt.Result
	if err == nil {
		res, err = pkt.Run(s)
	}
	lines := make([]app.PktLine, 0)
	if err == nil {
		for _, v := range res.Lines {
			lines = append(lines, app.PktLine{Line: v.Line, Kind: v.Kind, Met: v.Met, Event: v.Event})
		}
		err = app.OpenPktRun(w.game, name, res.Trace, lines)
	}
	if err != nil {
		line, col := 0, 0
		var pe *pkt.Error
		if errors.As(err, &pe) {
			line, col, err = pe.Line, pe.Col, errors.New(pe.Msg)
		}
		return map[string]any{"ok": false, "line": line, "column": col, "error": err.Error()}
	}
	w.lastSig = ""
	out := make([]any, len(res.Lines))
	for i, v := range res.Lines {
		out[i] = map[string]any{"line": v.Line, "text": v.Text, "kind": v.Kind, "met": v.Met,
			"expected": v.Expected, "got": v.Got, "event": v.Event}
	}
	return map[string]any{"ok": true, "scenario": w.game.ScenarioName(), "met": res.OK, "lines": out}
}
