//go:build !js

package webtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"finwait/core/scenario"
	"finwait/render/i18n"
)

// The toolbar's words come from the app's message table, in the language on screen, and follow
// the in-diagram language switch.
func TestToolbarWordsFollowTheLanguage(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&lang=zh&autoplay=0")
	var link, title, htmlLang string
	if err := chromedp.Run(ctx,
		chromedp.Poll(`!document.getElementById("share").hidden`, nil),
		chromedp.Evaluate(`document.getElementById("copy-link").textContent`, &link),
		chromedp.AttributeValue("#open-file", "title", &title, nil, chromedp.ByQuery),
		chromedp.Evaluate(`document.documentElement.lang`, &htmlLang)); err != nil {
		t.Fatal(err)
	}
	if link != i18n.Msg(i18n.ZH, i18n.WebCopyLink) || title != i18n.Msg(i18n.ZH, i18n.WebOpenFileTitle) || htmlLang != "zh-Hans" {
		t.Errorf("zh: link %q, title %q, lang %q", link, title, htmlLang)
	}
	want := i18n.Msg(i18n.EN, i18n.WebCopyLink)
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector("canvas").focus(); window.keyFrom = window.finwait.ticks; true`, nil),
		// hold the key for a few of the app's ticks: a press and release between two ticks is missed
		input.DispatchKeyEvent(input.KeyDown).WithKey("l").WithCode("KeyL").WithWindowsVirtualKeyCode(76).WithText("l"),
		chromedp.Poll(`window.finwait.ticks >= window.keyFrom + 3`, nil),
		input.DispatchKeyEvent(input.KeyUp).WithKey("l").WithCode("KeyL").WithWindowsVirtualKeyCode(76),
		chromedp.Poll(`document.getElementById("copy-link").textContent === `+jsQuote(want), nil)); err != nil {
		t.Fatalf("after pressing l the button did not read %q: %v", want, err)
	}
}

// jsQuote is s as a JavaScript string literal.
func jsQuote(s string) string {
	b, _ := json.Marshal(s) // JSON's string syntax is valid JavaScript
	return string(b)
}

// Opening a scenario file through the toolbar shows it, with the same trace the core gives on the
// desktop (byte for byte); a bad file says what was wrong and where, and the view stays.
func TestOpenScenarioFileThroughTheToolbar(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	file, err := filepath.Abs("../testdata/scenarios/lost_fin_long_rtt.json")
	if err != nil {
		t.Fatal(err)
	}
	var note, got string
	if err := chromedp.Run(ctx,
		chromedp.SetUploadFiles("#file-input", []string{file}, chromedp.ByQuery, chromedp.NodeReady),
		chromedp.Poll(`window.finwait.state().scenario === "lost_fin_long_rtt" && window.finwait.state().file === true`, nil),
		chromedp.Evaluate(`document.getElementById("share-note").textContent`, &note),
		chromedp.Evaluate(`window.finwait.exportTrace("json")`, &got)); err != nil {
		t.Fatal(err)
	}
	if want := i18n.Msg(i18n.EN, i18n.FileOpened, "lost_fin_long_rtt.json", "lost_fin_long_rtt"); note != want {
		t.Errorf("note %q, want %q", note, want)
	}
	data, _ := os.ReadFile(file)
	sc, err := scenario.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := scenario.Run(sc, scenario.RunOptions{Profile: "modern", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := tr.MarshalJSON()
	if got != string(want) {
		t.Errorf("the page's trace of the file differs from the core's (%d vs %d bytes)", len(got), len(want))
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{\n  \"name\": \"x\",\n  \"hosts\": [{\"name\": \"A\", \"addr\": \"10.0.0.1\", \"hz\": \"fast\"}]\n}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Run(ctx,
		chromedp.SetUploadFiles("#file-input", []string{bad}, chromedp.ByQuery, chromedp.NodeReady),
		chromedp.Poll(`document.getElementById("share-note").textContent.indexOf("bad.json") >= 0`, nil),
		chromedp.Evaluate(`document.getElementById("share-note").textContent`, &note)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(note, `line 3, column 53: hosts[0].hz: want a whole number, got "fast"`) {
		t.Errorf("bad file note %q", note)
	}
	if s := getState(t, ctx); s.Scenario != "lost_fin_long_rtt" {
		t.Errorf("after a bad file the page shows %q", s.Scenario)
	}
	// the title follows at the app's next update
	if err := chromedp.Run(ctx, chromedp.Poll(`document.title === "finwait — lost_fin_long_rtt"`, nil)); err != nil {
		var title string
		_ = chromedp.Run(ctx, chromedp.Title(&title))
		t.Errorf("the tab's title is %q: %v", title, err)
	}
	noCSPViolations(t, ctx)
}

// Save trace, Save listing and Save PNG hand the browser files of the right kind and size; the
// trace is the core's, and the PNG holds the frame at device pixels.
func TestSaveButtons(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&t=530ms")
	type saved struct {
		Name string `json:"name"`
		Size int    `json:"size"`
		Type string `json:"type"`
	}
	var got []saved
	sc, _ := scenario.Lookup("normal_active_close")
	tr, _ := scenario.Run(sc, scenario.RunOptions{Profile: "modern", Seed: 1})
	js, _ := tr.MarshalJSON()
	var txt strings.Builder
	_ = tr.WriteText(&txt)
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`window.saves = []; document.addEventListener("finwait-saved", e => window.saves.push(e.detail)); true`, nil),
		menuItem("#save-trace"),
		menuItem("#save-text"),
		menuItem("#save-png"),
		chromedp.Poll(`window.saves.length === 3`, nil),
		chromedp.Evaluate(`window.saves`, &got)); err != nil {
		t.Fatal(err)
	}
	want := []saved{
		{"finwait-normal_active_close-modern.json", len(js), "application/json"},
		{"finwait-normal_active_close-modern.txt", len(txt.String()), "text/plain;charset=utf-8"},
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("save %d: %+v, want %+v", i, got[i], w)
		}
	}
	if p := got[2]; p.Name != "finwait-normal_active_close-modern-530ms.png" || p.Type != "image/png" || p.Size < 20000 {
		t.Errorf("PNG: %+v", p)
	}
	var dims []int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.finwait.capture().then(c => [c.width, c.height, c.data.length,
		document.querySelector("canvas").width, document.querySelector("canvas").height])`, &dims, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	})); err != nil {
		t.Fatal(err)
	}
	if dims[0] != dims[3] || dims[1] != dims[4] || dims[2] != 4*dims[0]*dims[1] {
		t.Errorf("capture %dx%d (%d bytes), canvas %dx%d", dims[0], dims[1], dims[2], dims[3], dims[4])
	}
}

// A file dropped on the diagram opens (the page reads the drop itself); a dropped file that is
// not a scenario leaves the view and says why in the banner (state().notice).
func TestDropScenarioFile(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	data, err := os.ReadFile("../testdata/scenarios/lost_fin_long_rtt.json")
	if err != nil {
		t.Fatal(err)
	}
	drop := func(name, text string) string {
		return `(function () {
			const dt = new DataTransfer();
			dt.items.add(new File([` + jsQuote(text) + `], ` + jsQuote(name) + `, {type: "application/json"}));
			const c = document.querySelector("canvas");
			c.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
			c.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
			return true;
		})()`
	}
	var notice string
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(drop("lost_fin_long_rtt.json", string(data)), nil),
		chromedp.Poll(`window.finwait.state().scenario === "lost_fin_long_rtt"`, nil),
		chromedp.Evaluate(`window.finwait.state().notice`, &notice)); err != nil {
		t.Fatal(err)
	}
	if want := i18n.Msg(i18n.EN, i18n.FileOpened, "lost_fin_long_rtt.json", "lost_fin_long_rtt"); notice != want {
		t.Errorf("notice %q, want %q", notice, want)
	}
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(drop("notes.json", "PAWS rejects old duplicates"), nil),
		chromedp.Poll(`window.finwait.state().notice.indexOf("notes.json") >= 0`, nil),
		chromedp.Evaluate(`window.finwait.state().notice`, &notice)); err != nil {
		t.Fatal(err)
	}
	if want := `Could not open notes.json. scenario file: line 1, column 1: unexpected 'P': want a value`; notice != want {
		t.Errorf("notice %q, want %q", notice, want)
	}
	if s := getState(t, ctx); s.Scenario != "lost_fin_long_rtt" {
		t.Errorf("after a bad drop the page shows %q", s.Scenario)
	}
	noCSPViolations(t, ctx)
}

// menuItem clicks an item of the "Share & save" menu, opening the menu first when it is closed.
func menuItem(sel string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.Evaluate(`if (document.getElementById("share-menu").hidden) { document.getElementById("menu-button").click(); } true`, nil),
		chromedp.Click(sel, chromedp.ByQuery),
	}
}

// The menu button sits in the app's top bar, in room the app keeps free: the app's own controls
// end left of it. Escape closes the menu.
func TestMenuButtonInTheTopBar(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	var box []float64
	var open, closed bool
	if err := chromedp.Run(ctx,
		chromedp.Poll(`!document.getElementById("share").hidden`, nil),
		// the app measures the button every few ticks; wait for a frame laid out with the room
		chromedp.Evaluate(`window.from = window.finwait.ticks; true`, nil),
		chromedp.Poll(`window.finwait.ticks > window.from + 20`, nil),
		chromedp.Evaluate(`(function () { const r = document.getElementById("menu-button").getBoundingClientRect(); return [r.left, r.top, r.bottom]; })()`, &box),
		chromedp.Click("#menu-button", chromedp.ByQuery),
		chromedp.Evaluate(`!document.getElementById("share-menu").hidden`, &open),
		chromedp.KeyEvent("\x1b"),
		chromedp.Evaluate(`document.getElementById("share-menu").hidden`, &closed)); err != nil {
		t.Fatal(err)
	}
	if box[1] < 0 || box[2] > 48 {
		t.Errorf("menu button spans y %v..%v: not inside the 48 px top bar", box[1], box[2])
	}
	if !open || !closed {
		t.Errorf("menu opened %v, closed by Escape %v", open, closed)
	}
	// the app's help control ("?") must end left of the button: its hit box is in the layout
	var helpRight float64
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.finwait.state().topBarRight`, &helpRight)); err != nil {
		t.Fatal(err)
	}
	if helpRight <= 0 || helpRight > box[0] {
		t.Errorf("the app's top bar controls end at x=%v, the menu button starts at %v", helpRight, box[0])
	}
}
