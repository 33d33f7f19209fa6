//go:build !js

package webtest

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"finwait/core/pkt"
	"finwait/core/scenario"
	"finwait/render/i18n"
)

// The scenario editor and share links (web/editor.js, web/share.js).

// openEditor opens the editor from the menu on a page whose stored draft was cleared first.
func openEditor(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`localStorage.clear(); sessionStorage.clear(); true`, nil),
		menuItem("#edit-scenario"),
		chromedp.Poll(`!document.getElementById("editor").hidden && document.getElementById("editor-text").value.length > 0`, nil)); err != nil {
		t.Fatalf("the editor did not open with a text: %v", err)
	}
}

// setText replaces the editor's text as typing would (an input event follows).
func setText(text string) chromedp.Action {
	return chromedp.Evaluate(`(function () { const a = document.getElementById("editor-text");
		a.value = `+jsQuote(text)+`; a.dispatchEvent(new Event("input")); return true; })()`, nil)
}

func editorText(t *testing.T, ctx context.Context) string {
	t.Helper()
	var s string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById("editor-text").value`, &s)); err != nil {
		t.Fatal(err)
	}
	return s
}

// finwaitShow is what `finwait show -scenario name` prints.
func finwaitShow(t *testing.T, name string) string {
	t.Helper()
	sc, err := scenario.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// coreTrace is the core's JSON trace of a scenario file in the modern profile, seed 1.
func coreTrace(t *testing.T, file string) string { return coreTraceIn(t, file, "modern") }

// coreTraceIn is the core's JSON trace of a scenario file in a profile, seed 1.
func coreTraceIn(t *testing.T, file, profile string) string {
	t.Helper()
	sc, err := scenario.Parse([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := scenario.Run(sc, scenario.RunOptions{Profile: profile, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := tr.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The editor starts from the scenario on screen (finwait show's file); a bad file is not run:
// its error is shown under the text, its line marked in the gutter, the caret at its column, and
// the view stays as it was.
func TestEditorBadFileInlineError(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	openEditor(t, ctx)
	if got, want := editorText(t, ctx), finwaitShow(t, "normal_active_close"); got != want {
		t.Fatalf("the editor starts from %q, want finwait show's %q", got, want)
	}
	bad := "{\n  \"name\": \"x\",\n  \"hosts\": [{\"name\": \"A\", \"addr\": \"10.0.0.1\", \"hz\": \"fast\"}]\n}"
	var shown struct {
		Error, Line, Column, Marked string
		Caret                       int
	}
	if err := chromedp.Run(ctx, setText(bad),
		chromedp.Click("#editor-run", chromedp.ByQuery),
		chromedp.Poll(`document.getElementById("editor-error").textContent.length > 0`, nil),
		chromedp.Evaluate(`(function () { const e = document.getElementById("editor-error");
			const m = document.querySelector(".editor-gutter .err");
			return {Error: e.textContent, Line: e.getAttribute("data-line"), Column: e.getAttribute("data-column"),
				Marked: m ? m.textContent : "", Caret: document.getElementById("editor-text").selectionStart}; })()`, &shown)); err != nil {
		t.Fatal(err)
	}
	wantErr := i18n.Msg(i18n.EN, i18n.WebEditorError, `scenario file: line 3, column 53: hosts[0].hz: want a whole number, got "fast"`)
	if shown.Error != wantErr || shown.Line != "3" || shown.Column != "53" || shown.Marked != "3" {
		t.Errorf("inline error %+v, want %q at line 3, column 53, line 3 marked", shown, wantErr)
	}
	if want := strings.Index(bad, `"fast"`); shown.Caret != want {
		t.Errorf("caret at %d, want %d (line 3, column 53)", shown.Caret, want)
	}
	if s := getState(t, ctx); s.Scenario != "normal_active_close" {
		t.Errorf("after a bad file the page shows %q", s.Scenario)
	}
	// a validation error names the value's line and column too: the editor marks it
	invalid := "{\"name\": \"y\",\n \"hosts\": [{\"name\": \"A\", \"addr\": \"10.0.0.1\"}],\n \"actions\": [\n" +
		"  {\"at\": \"0s\", \"host\": \"A\", \"op\": \"close\", \"conn\": \"c0\"},\n" +
		"  {\"at\": \"1s\", \"host\": \"Z\", \"op\": \"close\", \"conn\": \"c0\"}]}"
	if err := chromedp.Run(ctx, setText(invalid),
		chromedp.Click("#editor-run", chromedp.ByQuery),
		chromedp.Poll(`document.getElementById("editor-error").textContent.indexOf("unknown host") >= 0`, nil),
		chromedp.Evaluate(`(function () { const e = document.getElementById("editor-error");
			const m = document.querySelector(".editor-gutter .err");
			return {Error: e.textContent, Line: e.getAttribute("data-line"), Column: e.getAttribute("data-column"),
				Marked: m ? m.textContent : "", Caret: document.getElementById("editor-text").selectionStart}; })()`, &shown)); err != nil {
		t.Fatal(err)
	}
	wantErr = i18n.Msg(i18n.EN, i18n.WebEditorError, `scenario y: line 5, column 24: actions[1].host: unknown host "Z"`)
	if shown.Error != wantErr || shown.Line != "5" || shown.Column != "24" || shown.Marked != "5" || shown.Caret != strings.Index(invalid, `"Z"`) {
		t.Errorf("validation error %+v, want %q at line 5, column 24", shown, wantErr)
	}
	// the text is kept: a reload brings it back into the editor
	if err := chromedp.Run(ctx, chromedp.Reload(),
		chromedp.Poll(`window.finwait !== undefined && window.finwait.ready === true && window.finwaitEditor !== undefined`, nil),
		chromedp.Evaluate(`window.finwaitEditor.open(); true`, nil)); err != nil {
		t.Fatal(err)
	}
	if got := editorText(t, ctx); got != invalid {
		t.Errorf("after a reload the editor holds %q, want the text typed last", got)
	}
	noCSPViolations(t, ctx)
}

// lostFin is a scenario file of one's own: the recorded lost_fin_long_rtt under another name,
// with the file's own layout (the link must carry it byte for byte).
func lostFin(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../testdata/scenarios/lost_fin_long_rtt.json")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), `"name": "lost_fin_long_rtt"`, `"name":   "my_lost_fin"`, 1)
	if s == string(data) {
		t.Fatal("lost_fin_long_rtt.json has no name line to change")
	}
	return s + "\n\n"
}

// Ctrl+Enter runs the editor's text: the page shows the same trace as the core.
func TestEditorRun(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	openEditor(t, ctx)
	file := lostFin(t)
	var note, got string
	if err := chromedp.Run(ctx, setText(file),
		chromedp.Focus("#editor-text", chromedp.ByQuery),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(2)), // Ctrl+Enter
		chromedp.Poll(`window.finwait.state().scenario === "my_lost_fin" && window.finwait.state().file`, nil),
		chromedp.Evaluate(`document.getElementById("editor-note").textContent`, &note),
		chromedp.Evaluate(`window.finwait.exportTrace("json")`, &got)); err != nil {
		t.Fatal(err)
	}
	if want := i18n.Msg(i18n.EN, i18n.WebEditorRan, "my_lost_fin"); note != want {
		t.Errorf("note %q, want %q", note, want)
	}
	if got != coreTrace(t, file) {
		t.Error("the page's trace of the editor's text differs from the core's")
	}
	// "From the screen" now gives the text it ran, as typed
	if err := chromedp.Run(ctx, setText("draft"), chromedp.Click("#editor-reset", chromedp.ByQuery),
		chromedp.Poll(`document.getElementById("editor-text").value !== "draft"`, nil)); err != nil {
		t.Fatal(err)
	}
	if got := editorText(t, ctx); got != file {
		t.Errorf("from the screen: %q, want the text that ran", got)
	}
	noCSPViolations(t, ctx)
}

// copiedLink clicks a menu item and returns what it put up for copying (or the note it said).
func copiedLink(t *testing.T, ctx context.Context, item string) (text, note string) {
	t.Helper()
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.getElementById("share-text").value = ""; true`, nil),
		menuItem(item),
		chromedp.Poll(`document.getElementById("share-text").value.length > 0 || document.getElementById("share-note").textContent.length > 0`, nil),
		chromedp.Evaluate(`document.getElementById("share-text").value`, &text),
		chromedp.Evaluate(`document.getElementById("share-note").textContent`, &note)); err != nil {
		t.Fatal(err)
	}
	return text, note
}

// A share link of the editor's scenario round-trips byte for byte: the link opens the same
// scenario with the same trace at the same moment, and the editor shows the identical text.
func TestShareLinkRoundTrip(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	openEditor(t, ctx)
	file := lostFin(t)
	if err := chromedp.Run(ctx, setText(file), chromedp.Click("#editor-run", chromedp.ByQuery),
		chromedp.Poll(`window.finwait.state().scenario === "my_lost_fin"`, nil),
		chromedp.Evaluate(`window.postMessage({finwait: "seek", t: "400ms"}, "*"); true`, nil),
		chromedp.Poll(`window.finwait.state().t === 400000`, nil)); err != nil {
		t.Fatal(err)
	}
	link, _ := copiedLink(t, ctx, "#copy-link")
	if !strings.HasPrefix(link, baseURL+"/index.html?profile=modern&t=400ms") || !strings.Contains(link, "#s=") || len(link) > 2000 {
		t.Fatalf("link %q (%d characters)", link, len(link))
	}
	ctx2 := page(t, strings.TrimPrefix(link, baseURL+"/"))
	var got string
	if err := chromedp.Run(ctx2,
		chromedp.Poll(`window.finwait.state().scenario === "my_lost_fin"`, nil),
		chromedp.Evaluate(`window.finwait.exportTrace("json")`, &got)); err != nil {
		t.Fatal(err)
	}
	if s := getState(t, ctx2); s.T != 400000 || s.Playing {
		t.Errorf("the link opens at t=%d µs, playing %v; want 400 ms, paused", s.T, s.Playing)
	}
	if got != coreTrace(t, file) {
		t.Error("the link's trace differs from the core's trace of the file")
	}
	openEditor(t, ctx2)
	if got := editorText(t, ctx2); got != file {
		t.Errorf("the link's editor holds %q, want the file byte for byte %q", got, file)
	}
	// a copy of the link's own scenario is the same link
	if again, _ := copiedLink(t, ctx2, "#copy-link"); again != link {
		t.Errorf("the link's page copies %q, want %q", again, link)
	}
	noCSPViolations(t, ctx2)
}

// A link longer than the limit gets a message instead of a link.
func TestShareLinkTooLong(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	openEditor(t, ctx)
	// a summary that does not compress: 3,000 random letters
	r := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 3000)
	for i := range noise {
		noise[i] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[r.IntN(62)]
	}
	file := strings.Replace(lostFin(t), `"summary": "`, `"summary": "`+string(noise)+` `, 1)
	if err := chromedp.Run(ctx, setText(file), chromedp.Click("#editor-run", chromedp.ByQuery),
		chromedp.Poll(`window.finwait.state().scenario === "my_lost_fin"`, nil)); err != nil {
		t.Fatal(err)
	}
	text, note := copiedLink(t, ctx, "#copy-link")
	var n int
	if _, err := fmt.Sscanf(note, "This scenario's link would be %d characters long", &n); err != nil || n <= 2000 {
		t.Fatalf("note %q (%v), copied %q", note, err, text)
	}
	if want := i18n.Msg(i18n.EN, i18n.WebShareTooLong, fmt.Sprint(n), "2000"); note != want || text != "" {
		t.Errorf("note %q, want %q; copied %q", note, want, text)
	}
	if _, note := copiedLink(t, ctx, "#copy-embed"); !strings.HasPrefix(note, "This scenario's link would be") {
		t.Errorf("embed code of a too-long link: note %q", note)
	}
}

// fragment is the share link fragment of a file, made as any deflate-raw and base64url tool would.
func fragment(t *testing.T, file string) string {
	t.Helper()
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(file))
	w.Close()
	return "#s=" + base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// An embed opens the file in its fragment; a damaged fragment says so and runs nothing.
func TestEmbedOpensFragment(t *testing.T) {
	file := lostFin(t)
	ctx := page(t, "embed.html?autoplay=0"+fragment(t, file))
	var got string
	if err := chromedp.Run(ctx,
		chromedp.Poll(`window.finwait.state().scenario === "my_lost_fin" && window.finwait.state().file`, nil),
		chromedp.Evaluate(`window.finwait.exportTrace("json")`, &got)); err != nil {
		t.Fatal(err)
	}
	if got != coreTrace(t, file) {
		t.Error("the embed's trace differs from the core's trace of the file")
	}
	noCSPViolations(t, ctx)

	// the link's profile and moment
	ctx = page(t, "embed.html?profile=2.6&t=250ms"+fragment(t, file))
	if err := chromedp.Run(ctx,
		chromedp.Poll(`window.finwait.state().scenario === "my_lost_fin" && window.finwait.state().profile === "2.6"`, nil),
		chromedp.Evaluate(`window.finwait.exportTrace("json")`, &got)); err != nil {
		t.Fatal(err)
	}
	if got != coreTraceIn(t, file, "2.6") {
		t.Error("the embed's 2.6 trace differs from the core's")
	}
	if s := getState(t, ctx); s.T != 250000 || s.Playing {
		t.Errorf("the link opens at t=%d µs, playing %v; want 250 ms, paused", s.T, s.Playing)
	}

	for _, c := range []struct{ frag, why string }{
		{"#s=abc<b>def", i18n.Msg(i18n.EN, i18n.WebShareBadChars)},
		{fragment(t, file)[:200], i18n.Msg(i18n.EN, i18n.WebShareBadData)},
	} {
		ctx := page(t, "embed.html?autoplay=0"+c.frag)
		var msgs string
		if err := chromedp.Run(ctx,
			chromedp.Poll(`!document.getElementById("messages").hidden`, nil),
			chromedp.Evaluate(`document.getElementById("messages").textContent`, &msgs)); err != nil {
			t.Fatal(err)
		}
		if want := i18n.Msg(i18n.EN, i18n.WebShareBad, c.why); msgs != want {
			t.Errorf("fragment %.20q…: message %q, want %q", c.frag, msgs, want)
		}
		if s := getState(t, ctx); s.Scenario != "normal_active_close" {
			t.Errorf("a damaged link shows %q", s.Scenario)
		}
	}
}

// A .pkt script opened from the menu switches the page to its packetdrill module and shows the
// run: the core's trace, and the verdict of each line listed in words (two not met). A script
// that cannot run from the editor shows its error at its line and column.
func TestPktScriptOpensWithVerdicts(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&autoplay=0")
	file, err := filepath.Abs("../render/app/testdata/two_misses.pkt")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s, err := pkt.Parse("two_misses.pkt", src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := pkt.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`localStorage.clear(); true`, nil),
		chromedp.SetUploadFiles("#file-input", []string{file}, chromedp.ByQuery, chromedp.NodeReady)); err != nil {
		t.Fatal(err)
	}
	// the page reloads into the packetdrill module
	ready := `location.hash === "#pkt" && window.finwait !== undefined && window.finwait.ready === true &&
		window.finwait.state().scenario === "two_misses.pkt" && document.querySelectorAll("#editor-verdicts li").length > 0`
	var err2 error
	for try := 0; try < 5; try++ {
		if err2 = chromedp.Run(ctx, chromedp.Poll(ready, nil)); err2 == nil {
			break
		}
	}
	if err2 != nil {
		t.Fatalf("the script did not open: %v", err2)
	}
	var got, text, note string
	var items []string
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`window.finwait.exportTrace("json")`, &got),
		chromedp.Evaluate(`document.getElementById("editor-text").value`, &text),
		chromedp.Evaluate(`document.getElementById("editor-note").textContent`, &note),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#editor-verdicts li")).map(li => li.className + " " + li.textContent)`, &items)); err != nil {
		t.Fatal(err)
	}
	want, _ := res.Trace.MarshalJSON()
	if got != string(want) {
		t.Error("the page's trace of the script differs from the core's")
	}
	if text != string(src) {
		t.Errorf("the editor holds %q, want the script", text)
	}
	if want := i18n.Msg(i18n.EN, i18n.WebPktMissed, "2", fmt.Sprint(len(res.Lines))); note != want {
		t.Errorf("note %q, want %q", note, want)
	}
	if len(items) != len(res.Lines) {
		t.Fatalf("%d verdicts listed, want %d: %q", len(items), len(res.Lines), items)
	}
	for i, v := range res.Lines {
		want := "met " + i18n.Msg(i18n.EN, i18n.WebPktLineMet, fmt.Sprint(v.Line), v.Text)
		if !v.Met {
			want = "not " + i18n.Msg(i18n.EN, i18n.WebPktLineNot, fmt.Sprint(v.Line), v.Expected, v.Got)
		}
		if items[i] != want {
			t.Errorf("verdict %d: %q, want %q", i, items[i], want)
		}
	}

	// a script dropped on the diagram opens too (here, in the packetdrill module, at once)
	drop := `(function () {
		const dt = new DataTransfer();
		dt.items.add(new File([` + jsQuote(string(src)) + `], "dropped.pkt", {type: "text/plain"}));
		const c = document.querySelector("canvas");
		c.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		c.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true;
	})()`
	if err := chromedp.Run(ctx, chromedp.Evaluate(drop, nil),
		chromedp.Poll(`window.finwait.state().scenario === "dropped.pkt" && document.querySelectorAll("#editor-verdicts li.not").length === 2`, nil)); err != nil {
		t.Fatalf("a dropped script did not open: %v", err)
	}

	// a script that cannot run, from the editor: its error at line 2, column 4; the view stays
	var shown struct{ Error, Line, Column, Marked string }
	if err := chromedp.Run(ctx, setText("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 bogus(3) = 0\n"),
		chromedp.Click("#editor-run", chromedp.ByQuery),
		chromedp.Poll(`document.getElementById("editor-error").textContent.length > 0`, nil),
		chromedp.Evaluate(`(function () { const e = document.getElementById("editor-error"), m = document.querySelector(".editor-gutter .err");
			return {Error: e.textContent, Line: e.getAttribute("data-line"), Column: e.getAttribute("data-column"), Marked: m ? m.textContent : ""}; })()`, &shown)); err != nil {
		t.Fatal(err)
	}
	wantErr := i18n.Msg(i18n.EN, i18n.WebEditorError, i18n.Msg(i18n.EN, i18n.WebEditorErrorAt, "2", "4")+": system call bogus is not modelled")
	if shown.Error != wantErr || shown.Line != "2" || shown.Column != "4" || shown.Marked != "2" {
		t.Errorf("inline error %+v, want %q at line 2, column 4", shown, wantErr)
	}
	if st := getState(t, ctx); st.Scenario != "dropped.pkt" {
		t.Errorf("after a bad script the page shows %q", st.Scenario)
	}
	noCSPViolations(t, ctx)
}

// The editor's words come from the message table (messages.json) in the language on screen, and
// follow the in-diagram language switch; Escape closes the panel and gives the focus back.
func TestEditorWordsFollowTheLanguage(t *testing.T) {
	ctx := page(t, "?scenario=normal_active_close&lang=zh&autoplay=0")
	openEditor(t, ctx)
	var item, run, label string
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.getElementById("edit-scenario").textContent`, &item),
		chromedp.Evaluate(`document.getElementById("editor-run").textContent`, &run),
		chromedp.AttributeValue("#editor-text", "aria-label", &label, nil, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if item != i18n.Msg(i18n.ZH, i18n.WebEdit) || run != i18n.Msg(i18n.ZH, i18n.WebEditorRun) || label != i18n.Msg(i18n.ZH, i18n.WebEditorText) {
		t.Errorf("zh: menu item %q, run %q, text label %q", item, run, label)
	}
	want := i18n.Msg(i18n.EN, i18n.WebEditorRun)
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector("canvas").focus(); window.keyFrom = window.finwait.ticks; true`, nil),
		input.DispatchKeyEvent(input.KeyDown).WithKey("l").WithCode("KeyL").WithWindowsVirtualKeyCode(76).WithText("l"),
		chromedp.Poll(`window.finwait.ticks >= window.keyFrom + 3`, nil),
		input.DispatchKeyEvent(input.KeyUp).WithKey("l").WithCode("KeyL").WithWindowsVirtualKeyCode(76),
		chromedp.Poll(`document.getElementById("editor-run").textContent === `+jsQuote(want), nil)); err != nil {
		t.Fatalf("after pressing l the run button did not read %q: %v", want, err)
	}
	var hidden bool
	var focus string
	if err := chromedp.Run(ctx,
		chromedp.Focus("#editor-text", chromedp.ByQuery),
		chromedp.KeyEvent("\x1b"),
		chromedp.Evaluate(`document.getElementById("editor").hidden`, &hidden),
		chromedp.Evaluate(`document.activeElement.id`, &focus)); err != nil {
		t.Fatal(err)
	}
	if !hidden || focus != "menu-button" {
		t.Errorf("after Escape: panel hidden %v, focus on %q, want the menu button", hidden, focus)
	}
}
