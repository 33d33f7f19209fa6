//go:build js

package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/internal/webstate"
	"finwait/render/app"
	"finwait/render/i18n"
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
	refused   []string       // why commands were refused since the last Update, for the page's list
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
	refused := w.refused
	w.refused = nil
	w.mu.Unlock()
	for _, c := range cmds {
		w.apply(c)
	}
	for _, n := range notes {
		w.post("error", object("message", n))
	}
	showErrors(refused) // and on the page, until dismissed: a teacher sees the typo in the slide
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
			resolve.Invoke(object("width", width, "height", height, "data", arr))
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
		Theme: p.Theme, Lang: p.Lang, Play: p.Autoplay && p.T < 0, Controls: p.Controls,
		Compare: p.Compare, Tool: p.Tool})
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
	g.SetToolsSwitch(switchToTools(g)) // tools_js.go
	pacePlayback(g)                    // pace_js.go
	publish(w, p, errs)
	w.listen()

	ebiten.SetScreenClearedEveryFrame(false) // the app paints only new frames (render/app/pace.go)
	if err := ebiten.RunGame(w); err != nil && err != ebiten.Termination {
		fatal(err)
	}
}

// showErrors lists the URL's and the commands' problems in #messages, as text only; it stays until
// dismissed, and keeps the last dozen (a11y.js).
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
	define("params", func() any { return object(p.Pairs()...) })
	api.Set("scenarios", js.FuncOf(func(js.Value, []js.Value) any {
		var names []any
		for _, sc := range source.Catalog() {
			names = append(names, sc.Name)
		}
		return js.ValueOf(names)
	}))
	api.Set("state", js.FuncOf(func(js.Value, []js.Value) any { return w.state() }))
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
			return object("ok", false, "error", "openScenario(fileName, text)")
		}
		if err := w.game.OpenScenarioFile(jsString(args[0]), []byte(args[1].String())); err != nil {
			return object("ok", false, "error", err.Error())
		}
		w.lastSig = "" // tell the parent page at the next Update
		ebiten.ScheduleFrame()
		return object("ok", true, "scenario", w.game.ScenarioName())
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
	global.Get("Object").Call("defineProperty", global, "finwait", object("value", api, "enumerable", true))
	global.Get("document").Call("dispatchEvent", global.Get("Event").New("finwait-ready-api"))
}
