//go:build js

package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/core/trace"
	"finwait/internal/webstate"
	"finwait/render/app"
	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/source"
)

// webGame wraps the unchanged app.Game: it counts frames and publishes readiness to the page.
type webGame struct {
	// game is a field, not embedded: an embedded *app.Game would have every exported method of
	// Game wrapped twice and linked (webGame reaches an interface), about 40 KB of code
	game   *app.Game
	frames int
	p      webstate.Params
	first  float64 // performance.now() at the first drawn frame: ms since navigation started

	mu        sync.Mutex
	queue     webstate.Queue // postMessage commands (bounded, coalesced), applied at the next Update
	lastSig   string         // what the last "state" event described
	lastLang  string         // the language the page's own controls were last told
	lastDark  bool           // the theme the page's own controls were last told
	lastName  string         // the scenario the document's title names
	menuW     float64        // the menu button's width the app keeps room for (CSS px)
	menuDirty bool           // the page's menu changed size (topBarChanged): read its width again
	captures  []js.Value     // resolve functions of capture() promises, answered at the next Draw
}

// Update applies the queued postMessage commands, runs the game, and posts a "state" event to the
// parent page when playing/paused, the scenario or a socket state changed.
func (w *webGame) Update() error {
	w.mu.Lock()
	cmds, notes := w.queue.Take(w.lang())
	w.mu.Unlock()
	for _, c := range cmds {
		w.apply(c)
	}
	for _, n := range notes {
		w.post("error", map[string]any{"message": n})
	}
	err := w.game.Update()
	if l := w.game.Lang(); l != w.lastLang {
		w.lastLang = l
		w.menuDirty = true // the page relabels its menu at the event below: measure it after
		doc := js.Global().Get("document")
		htmlLang := "en"
		if l == "zh" {
			htmlLang = "zh-Hans"
		}
		doc.Get("documentElement").Set("lang", htmlLang)
		doc.Call("dispatchEvent", js.Global().Get("Event").New("finwait-lang"))
	}
	if d := w.game.Dark(); d != w.lastDark || w.game.Ticks() == 1 {
		w.lastDark = d
		js.Global().Get("document").Get("body").Get("classList").Call("toggle", "dark", d)
	}
	w.reserveTopBar()
	if name := w.game.ScenarioName(); name != w.lastName { // the tab's title follows the scenario on screen
		w.lastName = name
		js.Global().Get("document").Set("title", "finwait — "+name)
	}
	if w.frames > 0 && w.game.Ticks()%3 == 0 {
		hosts := webstate.StateAt(w.game.Trace(), w.game.Now())
		sig := fmt.Sprint(w.game.ScenarioName(), "\x00", w.game.ProfileName(), "\x00", w.game.Playing(), "\x00", webstate.Signature(hosts))
		if sig != w.lastSig {
			w.lastSig = sig
			w.post("state", w.state())
		}
	}
	return err
}

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
		for i, sc := range source.Catalog() {
			if sc.Name != c.Scenario {
				continue
			}
			w.game.Exec(layout.CmdScenario, i)
			for j, pr := range source.Profiles(sc) {
				if pr == c.Profile {
					w.game.Exec(layout.CmdProfile, j)
				}
			}
			w.game.SeekTo(max(c.T, 0))
		}
	}
	if msg := c.PastEnd(w.game.End(), w.lang()); msg != "" && (c.Op == "seek" || c.Op == "load") {
		w.post("error", map[string]any{"message": msg})
	}
}

// state is what state() returns and "state" events carry.
func (w *webGame) state() map[string]any {
	now := w.game.Now()
	return map[string]any{
		"t": now, "time": trace.FormatTime(now), "end": w.game.End(),
		"scenario": w.game.ScenarioName(), "profile": w.game.ProfileName(),
		"playing": w.game.Playing(), "speed": w.game.Speed(), "ticks": w.game.Ticks(), "frames": w.frames,
		"hosts": webstate.HostsMap(webstate.StateAt(w.game.Trace(), now)),
		"file":  w.game.FromFile(), "lang": w.game.Lang(), "notice": w.game.Notice(), "topBarRight": w.game.TopBarRight(),
		"step": w.game.Step(), "asleep": w.game.Asleep(),
	}
}

// post sends {finwait: kind, id, state} to the parent page (to this window when top-level).
func (w *webGame) post(kind string, st map[string]any) {
	msg := js.ValueOf(map[string]any{"finwait": kind, "id": w.p.ID, "state": st})
	js.Global().Get("parent").Call("postMessage", msg, "*")
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

// reserveTopBar keeps room at the right end of the app's top bar for the page's menu button,
// whose width depends on the language (and is 0 in an embed, which has no menu).
func (w *webGame) reserveTopBar() {
	if !w.menuDirty && w.game.Ticks() != 1 {
		return
	}
	w.menuDirty = false
	width := 0.0
	if b := js.Global().Get("document").Call("getElementById", "share"); b.Truthy() && !b.Get("hidden").Bool() {
		width = b.Call("getBoundingClientRect").Get("width").Float()
	}
	if width != w.menuW {
		w.menuW = width
		if width > 0 {
			width += 8 // a gap before the app's own controls
		}
		w.game.SetTopBarReserve(width)
	}
}

// Layout is the app's (ebiten.Game).
func (w *webGame) Layout(outsideW, outsideH int) (int, int) { return w.game.Layout(outsideW, outsideH) }

func (w *webGame) Draw(screen *ebiten.Image) {
	w.game.Draw(screen)
	if len(w.captures) > 0 {
		width, height, pix := w.game.Capture()
		arr := js.Global().Get("Uint8ClampedArray").New(len(pix))
		js.CopyBytesToJS(arr, pix)
		for _, resolve := range w.captures {
			resolve.Invoke(map[string]any{"width": width, "height": height, "data": arr})
		}
		w.captures = nil
	}
	w.frames++
	if w.frames == 1 {
		w.first = js.Global().Get("performance").Call("now").Float()
		doc := js.Global().Get("document")
		if l := doc.Call("getElementById", "loading"); l.Truthy() {
			l.Set("hidden", true)
		}
		doc.Get("body").Get("classList").Call("add", "finwait-ready")
		w.post("ready", w.state())
	}
}

func main() {
	query := js.Global().Get("location").Get("search").String()
	if len(query) > 0 && query[0] == '?' {
		query = query[1:]
	}
	if strings.HasSuffix(js.Global().Get("location").Get("pathname").String(), "/embed.html") {
		if query != "" {
			query += "&"
		}
		query += "embed=1"
	}
	p, errs := webstate.ParseParams(query)

	g, err := app.New(app.Options{Scenario: p.Scenario, Profile: p.Profile, Seed: 1, Speed: p.Speed,
		Theme: p.Theme, Lang: p.Lang, Play: p.Autoplay && p.T < 0, Controls: p.Controls})
	if err != nil {
		showErrors(errs)
		fatal(err)
		return
	}
	if msg := p.PastEnd(g.End()); msg != "" {
		errs = append(errs, msg)
	}
	showErrors(errs)
	if p.T >= 0 {
		g.SeekTo(p.T)
		if p.Autoplay {
			g.Play()
		}
	}
	w := &webGame{game: g, p: p}
	publish(w, p, errs)
	w.listen()

	ebiten.SetScreenClearedEveryFrame(false) // the app paints only new frames (render/app/pace.go)
	if err := ebiten.RunGame(w); err != nil && err != ebiten.Termination {
		fatal(err)
	}
}

// showErrors lists the URL problems in #messages, as text only.
func showErrors(errs []string) {
	if len(errs) == 0 {
		return
	}
	doc := js.Global().Get("document")
	box := doc.Call("getElementById", "messages")
	if !box.Truthy() {
		return
	}
	for _, e := range errs {
		li := doc.Call("createElement", "li")
		li.Set("textContent", e)
		box.Call("appendChild", li)
	}
	box.Set("hidden", false)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "finwait:", err)
	doc := js.Global().Get("document")
	if el := doc.Call("getElementById", "fatal"); el.Truthy() {
		lang := i18n.EN
		if strings.Contains(js.Global().Get("location").Get("search").String(), "lang=zh") {
			lang = i18n.ZH
		}
		el.Set("textContent", i18n.Msg(lang, i18n.WebStartFailed, err.Error()))
		el.Set("hidden", false)
	}
	if l := doc.Call("getElementById", "loading"); l.Truthy() {
		l.Set("hidden", true)
	}
}

// publish defines the read-only window.finwait: ready, frames, ticks, errors, params, scenarios()
// and state(). Values are returned as fresh JS objects, so callers cannot change the app.
func publish(w *webGame, p webstate.Params, errs []string) {
	global := js.Global()
	api := global.Get("Object").New()
	define := func(name string, get func() any) {
		desc := global.Get("Object").New()
		desc.Set("enumerable", true)
		desc.Set("get", js.FuncOf(func(js.Value, []js.Value) any { return get() }))
		global.Get("Object").Call("defineProperty", api, name, desc)
	}
	define("ready", func() any { return w.frames > 0 })
	define("frames", func() any { return w.frames })
	define("ticks", func() any { return w.game.Ticks() })
	define("firstFrameMs", func() any { return w.first })
	define("errors", func() any { return js.ValueOf(webstate.ToAny(errs)) })
	define("params", func() any { return js.ValueOf(p.Map()) })
	api.Set("scenarios", js.FuncOf(func(js.Value, []js.Value) any {
		var names []any
		for _, sc := range source.Catalog() {
			names = append(names, sc.Name)
		}
		return js.ValueOf(names)
	}))
	api.Set("state", js.FuncOf(func(js.Value, []js.Value) any { return js.ValueOf(w.state()) }))
	// reducedMotion(on) turns reduced motion on or off (the page's a11y.js follows the browser's
	// prefers-reduced-motion with it); reducedMotion() says whether it is on
	api.Set("reducedMotion", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 1 {
			w.game.SetReduced(args[0].Truthy())
			ebiten.ScheduleFrame()
		}
		return w.game.Reduced()
	}))
	// msg(id) is a UI message in the language on screen: the page's buttons take their words
	// from the app's message table.
	api.Set("msg", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeString {
			return ""
		}
		rest := make([]any, 0, len(args)-1)
		for _, a := range args[1:] {
			rest = append(rest, jsString(a))
		}
		return w.game.Msg(args[0].String(), rest...)
	}))
	// openScenario(fileName, text) opens a scenario file: {ok: true, scenario} or {ok: false,
	// error} with the line, column and field of the problem; the view is kept on error.
	api.Set("openScenario", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 2 || args[1].Type() != js.TypeString {
			return js.ValueOf(map[string]any{"ok": false, "error": "openScenario(fileName, text)"})
		}
		if err := w.game.OpenScenarioFile(jsString(args[0]), []byte(args[1].String())); err != nil {
			return js.ValueOf(map[string]any{"ok": false, "error": err.Error()})
		}
		w.lastSig = "" // tell the parent page at the next Update
		ebiten.ScheduleFrame()
		return js.ValueOf(map[string]any{"ok": true, "scenario": w.game.ScenarioName()})
	}))
	// exportTrace("json" | "text") is the run on screen, as finwait trace writes it.
	api.Set("exportTrace", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) > 0 && jsString(args[0]) == "text" {
			s, _ := w.game.TraceText()
			return s
		}
		b, _ := w.game.TraceJSON()
		return string(b)
	}))
	// capture() resolves to {width, height, data} (RGBA pixels of the frame on screen, device
	// pixels) after the next drawn frame; the page turns it into a PNG.
	api.Set("capture", js.FuncOf(func(js.Value, []js.Value) any {
		var executor js.Func
		executor = js.FuncOf(func(_ js.Value, args []js.Value) any {
			w.captures = append(w.captures, args[0])
			ebiten.ScheduleFrame() // the next Draw answers
			executor.Release()     // runs once
			return nil
		})
		return global.Get("Promise").New(executor)
	}))
	// topBarChanged() tells the app the page's menu changed size (web/toolbar.js's
	// ResizeObserver): the app keeps room for it from its next frame on
	api.Set("topBarChanged", js.FuncOf(func(js.Value, []js.Value) any {
		w.menuDirty = true
		ebiten.ScheduleFrame()
		return nil
	}))
	editorAPI(w, api) // editor_js.go: the editor's and share links' calls
	global.Get("Object").Call("freeze", api)
	global.Get("Object").Call("defineProperty", global, "finwait", map[string]any{"value": api, "enumerable": true})
	global.Get("document").Call("dispatchEvent", global.Get("Event").New("finwait-ready-api"))
}
