package webtest

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"finwait/render/i18n"
)

var keyBacktick = key{"`", "Backquote", 192, "`", 0}

type toolState struct {
	Tool string `json:"tool"`
	Host string `json:"host"`
	At   int64  `json:"at"`
	Text string `json:"text"`
}

type compareState struct {
	Labels      []string `json:"labels"`
	Differences []string `json:"differences"`
}

// pageJSON evaluates a JS expression to JSON and decodes it into v.
func pageJSON(t *testing.T, ctx context.Context, expr string, v any) {
	t.Helper()
	var raw string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`JSON.stringify(`+expr+`)`, &raw)); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		t.Fatalf("%s: %v (%s)", expr, err, raw)
	}
}

// waitFor evaluates a JS condition until it holds, through page loads (errors while the page
// navigates are retried), for up to a minute.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	for end := time.Now().Add(time.Minute); time.Now().Before(end); {
		var ok bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(`(function(){ try { return !!(`+cond+`); } catch (e) { return false; } })()`, &ok)); err == nil && ok {
			return
		}
		if ctx.Err() != nil {
			t.Fatalf("waiting for %s: %v", cond, ctx.Err())
		}
		time.Sleep(50 * time.Millisecond) // a poll interval, not a timed assertion
	}
	t.Fatalf("%s never held", cond)
}

// The ` key asks for the terminal panel: the main module, which has not its code, goes to the
// page's full module at the same moment with tool=ss (boot.js loads finwait-pkt.wasm for it),
// which shows what ss -tanoi prints on A at the player's moment (460 ms, the last event before
// 500 ms); pressed again there, the panel closes.
func TestToolPanelByKey(t *testing.T) {
	ctx := page(t, "?scenario=fin_lost_orphan_retries&t=500ms")
	var closed bool
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`window.finwait.state().tool === null`, &closed),
		chromedp.Evaluate(`document.querySelector("canvas").focus(); window.keyFrom = window.finwait.ticks; true`, nil),
		input.DispatchKeyEvent(input.KeyDown).WithKey(keyBacktick.key).WithCode(keyBacktick.code).WithWindowsVirtualKeyCode(keyBacktick.vk).WithText(keyBacktick.text),
	); err != nil {
		t.Fatal(err)
	}
	if !closed {
		t.Error("the panel was open before the key")
	}
	waitFor(t, ctx, `/[?&]tool=ss/.test(location.search) && window.finwait.ready && window.finwait.state().tool !== null`)
	var ts toolState
	pageJSON(t, ctx, `window.finwait.state().tool`, &ts)
	if ts.Tool != "ss" || ts.Host != "A" || ts.At != 460000 ||
		!strings.Contains(ts.Text, "FIN-WAIT-1 0      1           10.0.0.1:32768     10.0.0.2:5000 timer:(on,220ms,0)\n") {
		t.Errorf("panel %+v", ts)
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector("canvas").focus(); true`, nil), hold(keyBacktick),
		chromedp.Poll(`window.finwait.state().tool === null`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("the ` key did not close the panel: %v", err)
	}
	noCSPViolations(t, ctx)
}

// A compare URL shows 6.18 beside 2.6.32 with core/compare's differences in words; a bad one
// says which word is wrong and shows the run alone.
func TestCompareURL(t *testing.T) {
	ctx := page(t, "?scenario=fin_lost_orphan_retries&compare=profile:2.6&tool=tcpdump&t=1.2s")
	var cs compareState
	pageJSON(t, ctx, `window.finwait.state().compare`, &cs)
	if strings.Join(cs.Labels, "|") != "modern 6.18|2.6.32" || len(cs.Differences) != 9 ||
		cs.Differences[0] != "counter A TcpExtTCPLossProbes: 1 in modern 6.18, 0 in 2.6.32 at the end" ||
		cs.Differences[6] != "packet only in modern 6.18: A>B c0 F. seq 1 ack 1 win 502 len 0 (retransmit)" {
		t.Errorf("compare %+v", cs)
	}
	var tool any
	pageJSON(t, ctx, `window.finwait.state().tool`, &tool)
	if tool != nil {
		t.Errorf("the compare view takes the panel's place, yet tool is %v", tool)
	}

	ctx = page(t, "?scenario=fin_lost_orphan_retries&compare=profile:4.19")
	var text string
	var none bool
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.getElementById("messages").textContent`, &text),
		chromedp.Evaluate(`window.finwait.state().compare === null`, &none),
	); err != nil {
		t.Fatal(err)
	}
	if want := `compare="profile:4.19": 4.19 is not a profile of the scenario (it has modern, 2.6); using none.`; !strings.Contains(text, want) {
		t.Errorf("messages %q lack %q", text, want)
	}
	if !none {
		t.Error("a refused compare= still compares")
	}
	noCSPViolations(t, ctx)
}

// The terminal panel asked for with a scenario file on screen goes to the full module with the
// file in the fragment, as a share link carries it: the same file and moment are on screen after
// the switch, now with the panel, and nothing of the user's work is lost.
func TestToolPanelKeepsAnOpenedFile(t *testing.T) {
	text, err := os.ReadFile("../testdata/scenarios/lost_fin_long_rtt.json")
	if err != nil {
		t.Fatal(err)
	}
	ctx := page(t, "?scenario=normal_active_close")
	js, _ := json.Marshal(string(text))
	var opened any
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`window.finwait.openLink(`+string(js)+`, "mine.json", 0, 400000)`, &opened),
	); err != nil {
		t.Fatal(err)
	}
	if opened != nil {
		t.Fatalf("openLink: %v", opened)
	}
	waitFor(t, ctx, `window.finwait.state().scenario === "lost_fin_long_rtt" && window.finwait.state().file`)
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector("canvas").focus(); true`, nil),
		input.DispatchKeyEvent(input.KeyDown).WithKey(keyBacktick.key).WithCode(keyBacktick.code).WithWindowsVirtualKeyCode(keyBacktick.vk).WithText(keyBacktick.text),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `/[?&]tool=ss/.test(location.search) && /^#s=/.test(location.hash) && window.finwait.ready && window.finwait.state().tool !== null && window.finwait.state().scenario === "lost_fin_long_rtt"`)
	var st struct {
		File bool  `json:"file"`
		T    int64 `json:"t"`
	}
	pageJSON(t, ctx, `window.finwait.state()`, &st)
	if !st.File || st.T != 400000 {
		t.Errorf("after the switch: file %v, t %d; want the opened file at 400 ms", st.File, st.T)
	}
	noCSPViolations(t, ctx)
}

// Where the page cannot put an opened file in a link (embed.html has no toolbar.js, which
// share.link reads), asking for the terminal panel says so and leaves the file on screen: the
// switch threw inside share.link, and the exception, reaching Go through js.Value.Call, ended the app.
func TestToolPanelInEmbedKeepsAnOpenedFile(t *testing.T) {
	ctx := page(t, "embed.html?autoplay=0"+fragment(t, lostFin(t)))
	waitFor(t, ctx, `window.finwait.state().scenario === "my_lost_fin" && window.finwait.state().file`)
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector("canvas").focus(); true`, nil),
		input.DispatchKeyEvent(input.KeyDown).WithKey(keyBacktick.key).WithCode(keyBacktick.code).WithWindowsVirtualKeyCode(keyBacktick.vk).WithText(keyBacktick.text),
	); err != nil {
		t.Fatal(err)
	}
	want := i18n.Msg(i18n.EN, i18n.ToolNoFile)
	wantJS, _ := json.Marshal(want)
	waitFor(t, ctx, `document.getElementById("messages").textContent === `+string(wantJS))
	var st struct {
		Scenario string `json:"scenario"`
		File     bool   `json:"file"`
	}
	pageJSON(t, ctx, `window.finwait.state()`, &st) // the app still answers
	var where string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`location.pathname + location.search`, &where)); err != nil {
		t.Fatal(err)
	}
	if st.Scenario != "my_lost_fin" || !st.File || where != "/embed.html?autoplay=0" {
		t.Errorf("after asking for the panel: %s shows %q, file %v; want the opened file still on /embed.html?autoplay=0", where, st.Scenario, st.File)
	}
	noCSPViolations(t, ctx)
}

// boot.js picks the module from the query as the app reads it, decoded: an encoded "tool" key
// (%74ool) loads the module that has the panel instead of stopping the page.
func TestEncodedToolKeyLoadsThePanel(t *testing.T) {
	ctx := page(t, "?scenario=fin_lost_orphan_retries&t=500ms&%74ool=ss")
	waitFor(t, ctx, `window.finwait.ready && window.finwait.state().tool !== null`)
	var ts toolState
	pageJSON(t, ctx, `window.finwait.state().tool`, &ts)
	if ts.Tool != "ss" {
		t.Errorf("panel %+v", ts)
	}
}
