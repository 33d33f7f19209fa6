//go:build js

package main

import (
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/core/trace"
	"finwait/internal/webstate"
	"finwait/render/app"
	"finwait/render/i18n"
)

// The embed API's postMessage side, a thin layer over internal/webstate (which parses and checks
// the commands: ParseCommand, table-tested without a browser) and render/session (which checks a
// load's scenario and profile: Select): listen turns a message into a webstate.Raw, Update takes
// the queued commands, apply carries them out, post and state answer the parent page.

// lang is the language of the page's messages about commands: the URL's (lang=).
func (w *webGame) lang() i18n.Lang { return i18n.Lang(w.p.Lang) }

func (w *webGame) apply(c webstate.Command) {
	switch c.Op {
	case "play":
		w.game.Play()
	case "pause":
		w.game.Pause()
	case "seek":
		w.game.SeekTo(c.T)
	case "load":
		app.Load(w.game, c.Choice) // checked by webstate.ParseCommand
		w.game.SeekTo(max(c.T, 0))
	}
	if msg := c.PastEnd(w.game.End(), w.lang()); msg != "" && (c.Op == "seek" || c.Op == "load") {
		w.post("error", object("message", msg))
		showErrors([]string{msg})
	}
}

// state is what state() returns and "state" events carry (a fresh JS object).
func (w *webGame) state() js.Value {
	now := w.game.Now()
	return object(
		"t", now, "time", trace.FormatTime(now), "end", w.game.End(),
		"scenario", w.game.ScenarioName(), "profile", w.game.ProfileName(),
		"playing", w.game.Playing(), "speed", w.game.Speed(), "ticks", w.game.Ticks(), "frames", w.frames,
		"hosts", webstate.HostsMap(webstate.StateAt(w.game.Trace(), now)),
		"file", w.game.FromFile(), "lang", w.game.Lang(), "notice", w.game.Notice(), "topBarRight", w.game.TopBarRight(),
		"step", w.game.Step(), "asleep", w.game.Asleep(),
		"tool", w.game.ToolState(), "compare", w.game.CompareState(),
	)
}

// object is a fresh JS object of key/value pairs: a map literal for js.ValueOf costs a map
// assignment per key in the .wasm (state's was 10 KB of code).
func object(kv ...any) js.Value {
	o := js.Global().Get("Object").New()
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

// post sends {finwait: kind, id, state} to the parent page (to this window when top-level).
func (w *webGame) post(kind string, st js.Value) {
	js.Global().Get("parent").Call("postMessage", object("finwait", kind, "id", w.p.ID, "state", st), "*")
}

// listen accepts commands from the parent page (or this window): {finwait: "play" | "pause" |
// "seek" (t: µs number or a duration such as "1.5s") | "load" (scenario, profile, t) | "get-state"}.
func (w *webGame) listen() {
	global := js.Global()
	global.Call("addEventListener", "message", js.FuncOf(func(_ js.Value, args []js.Value) any {
		ev := args[0]
		src := ev.Get("source")
		if !src.Equal(global.Get("parent")) && !src.Equal(global) {
			return nil
		}
		d := ev.Get("data")
		if d.Type() != js.TypeObject || d.Get("finwait").Type() != js.TypeString {
			return nil
		}
		r := webstate.Raw{Op: d.Get("finwait").String(), Scenario: jsString(d.Get("scenario"))}
		switch tv := d.Get("t"); tv.Type() {
		case js.TypeUndefined, js.TypeNull:
		case js.TypeNumber:
			r.TKind, r.TNum = webstate.TNumber, tv.Float()
		case js.TypeString:
			r.TKind, r.TStr = webstate.TString, tv.String()
		default:
			r.TKind = webstate.TOther
		}
		if pv := d.Get("profile"); pv.Type() != js.TypeUndefined {
			r.HasProfile, r.Profile = true, jsString(pv)
		}
		c, ok, why := webstate.ParseCommand(r, w.lang())
		w.mu.Lock()
		defer w.mu.Unlock()
		ebiten.ScheduleFrame() // the loop may sleep while paused (app/idle.go)
		switch {
		case !ok && why != "":
			w.queue.Refuse(why)
			if len(w.refused) < webstate.MaxNotes {
				w.refused = append(w.refused, why) // shown on the page too (not what a burst replaced)
			}
		case !ok: // one of the page's own events
		case c.Op == "get-state":
			w.lastSig = "" // the next Update posts the state
		default:
			w.queue.Push(c)
		}
		return nil
	}))
}

func jsString(v js.Value) string {
	if v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}
