//go:build !js

// Package webtest drives the built page (dist/, from `make web`) in headless Chromium through
// chromedp. chromedp keeps the browser tests in `go test` with the rest of the suite: no Node, no
// npm lockfile, and the expected values come straight from the core (same module). Every wait is on
// the page's own flags (window.finwait.ready, state()), never on a wall-clock sleep; the timeouts are
// only there to fail instead of hanging.
package webtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"finwait/core/scenario"
	"finwait/core/trace"
	"finwait/internal/site"
	"finwait/render/i18n"
	"finwait/render/source"
)

var (
	baseURL  string
	browser  context.Context
	execOpts []chromedp.ExecAllocatorOption
)

func TestMain(m *testing.M) {
	dist := os.Getenv("FINWAIT_DIST")
	exe := os.Getenv("FINWAIT_CHROMIUM")
	if dist == "" || exe == "" {
		fmt.Println("webtest: FINWAIT_DIST and FINWAIT_CHROMIUM unset: skipping (run make test-web)")
		os.Exit(0)
	}
	if _, err := os.Stat(filepath.Join(dist, "finwait.wasm")); err != nil {
		fmt.Fprintln(os.Stderr, "webtest:", err, "(run make web)")
		os.Exit(1)
	}
	srv := httptest.NewServer(site.Handler(dist))
	baseURL = srv.URL
	udd, _ := os.MkdirTemp("", "finwait-chromium-")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(udd), chromedp.WindowSize(960, 600),
		chromedp.Flag("use-angle", "swiftshader"), chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	if os.Getuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	execOpts = opts
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	if err := chromedp.Run(bctx); err != nil {
		fmt.Fprintln(os.Stderr, "webtest: start chromium:", err)
		os.Exit(1)
	}
	browser = bctx
	code := m.Run()
	cancelB()
	cancelA()
	srv.Close()
	os.RemoveAll(udd)
	os.Exit(code)
}

// page opens a new tab on the query and waits until the app has drawn its first frame.
func page(t *testing.T, query string) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	start := time.Now()
	if err := chromedp.Run(ctx, chromedp.Navigate(baseURL+"/"+query),
		chromedp.Poll(`window.finwait !== undefined && window.finwait.ready === true`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		var fatal string
		_ = chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById("fatal").textContent`, &fatal))
		t.Fatalf("page %q never became ready: %v (fatal box: %q)", query, err, fatal)
	}
	t.Logf("%q: navigation to first frame %v", query, time.Since(start).Round(time.Millisecond))
	return ctx
}

type hostState struct {
	Sockets []struct {
		Conn  int    `json:"conn"`
		State string `json:"state"`
	} `json:"sockets"`
	RSTReceived int `json:"rstReceived"`
	RSTSent     int `json:"rstSent"`
}

type state struct {
	T        int64                 `json:"t"`
	End      int64                 `json:"end"`
	Scenario string                `json:"scenario"`
	Profile  string                `json:"profile"`
	Playing  bool                  `json:"playing"`
	Ticks    int                   `json:"ticks"`
	Hosts    map[string]*hostState `json:"hosts"`
}

func getState(t *testing.T, ctx context.Context) state {
	t.Helper()
	var raw string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`JSON.stringify(window.finwait.state())`, &raw)); err != nil {
		t.Fatal(err)
	}
	var s state
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func noCSPViolations(t *testing.T, ctx context.Context) {
	t.Helper()
	var v []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.finwaitCSPViolations || []`, &v)); err != nil {
		t.Fatal(err)
	}
	if len(v) > 0 {
		t.Errorf("Content-Security-Policy violations: %v", v)
	}
}

func TestLoadsAndReportsReady(t *testing.T) {
	ctx := page(t, "")
	s := getState(t, ctx)
	if s.Scenario != "normal_active_close" || s.Profile != "modern" {
		t.Errorf("default page shows %s/%s", s.Scenario, s.Profile)
	}
	var hidden bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById("loading").hidden && document.getElementById("messages").hidden`, &hidden)); err != nil {
		t.Fatal(err)
	}
	if !hidden {
		t.Error("loading screen or message box still shown on a clean URL")
	}
	noCSPViolations(t, ctx)
}

func TestScenarioListMatchesCLI(t *testing.T) {
	out, err := exec.Command("go", "run", "finwait/cmd/finwait", "list").Output()
	if err != nil {
		t.Fatalf("finwait list: %v", err)
	}
	var want []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			want = append(want, f[0])
		}
	}
	ctx := page(t, "?autoplay=0")
	var got []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.finwait.scenarios()`, &got)); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("page scenarios\n%v\nfinwait list\n%v", got, want)
	}
}

func TestAutoplayCloseWithUnreadData(t *testing.T) {
	ctx := page(t, "?scenario=close_with_unread_data&speed=16")
	cond := `(() => { const s = window.finwait.state(); const a = s.hosts.A, b = s.hosts.B;
		return a.sockets.some(k => k.conn === 0 && k.state === "CLOSE") && b.rstReceived > 0; })()`
	if err := chromedp.Run(ctx, chromedp.Poll(cond, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("never saw A CLOSE with B having received an RST: %v; last state %+v", err, getState(t, ctx))
	}
	s := getState(t, ctx)
	if s.Scenario != "close_with_unread_data" || s.T <= 0 {
		t.Errorf("state %+v", s)
	}
}

// catalogRun is the core's own run of a catalog scenario in its first profile, seed 1 (the page's
// defaults).
func catalogRun(t *testing.T, name string) *trace.Trace {
	t.Helper()
	sc, err := source.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := source.Run(sc, source.RunOptions{Profile: source.Profiles(sc)[0], Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// expected folds the core's own trace at t, independently of the page's code.
func expected(t *testing.T, name string, at int64) map[string]map[int]string {
	t.Helper()
	tr := catalogRun(t, name)
	out := map[string]map[int]string{}
	for _, e := range tr.States() {
		if e.T <= at {
			if out[e.Host] == nil {
				out[e.Host] = map[int]string{}
			}
			out[e.Host][e.Conn] = e.StateTo
		}
	}
	return out
}

func TestSeekByURL(t *testing.T) {
	for _, c := range []struct {
		query, scenario, at string
		a0                  string // A's conn 0 state there
	}{
		{"?scenario=normal_active_close&t=530ms", "normal_active_close", "530ms", "FIN_WAIT1"},
		{"?scenario=normal_active_close&t=0.6", "normal_active_close", "0.6", "TIME_WAIT"},
	} {
		d, err := scenario.ParseDuration(c.at)
		if err != nil {
			t.Fatal(err)
		}
		ctx := page(t, c.query)
		s := getState(t, ctx)
		if s.T != int64(d) || s.Playing {
			t.Errorf("%s: t=%d playing=%v, want t=%d paused", c.query, s.T, s.Playing, int64(d))
		}
		want := expected(t, c.scenario, int64(d))
		for host, conns := range want {
			got := map[int]string{}
			if s.Hosts[host] != nil {
				for _, k := range s.Hosts[host].Sockets {
					got[k.Conn] = k.State
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(conns) {
				t.Errorf("%s: host %s sockets %v, want %v", c.query, host, got, conns)
			}
		}
		if got := want["A"][0]; got != c.a0 {
			t.Errorf("%s: the core says A c0 is %s at %s; the test expects %s", c.query, got, trace.FormatTime(int64(d)), c.a0)
		}
	}
}

func TestBadParameterShowsErrorAndPageWorks(t *testing.T) {
	ctx := page(t, `?scenario=nope%3Cimg%20src%3Dx%3E&speed=3&theme=%3Cb%3Ebold%3C%2Fb%3E`)
	var text string
	var injected bool
	var shown bool
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.getElementById("messages").textContent`, &text),
		chromedp.Evaluate(`document.querySelector("#messages img, #messages b") !== null`, &injected),
		chromedp.Evaluate(`!document.getElementById("messages").hidden && document.getElementById("messages").getClientRects().length > 0`, &shown),
	); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`scenario="nope<img src=x>": no such scenario; using normal_active_close.`,
		`speed="3": speeds are 0.25, 0.5, 1, 2, 4, 8 or 16; using 1.`, `theme="<b>bold</b>": want light, dark; using light.`} {
		if !strings.Contains(text, want) {
			t.Errorf("messages %q lack %q", text, want)
		}
	}
	if injected {
		t.Error("URL text became HTML in the page")
	}
	if !shown {
		t.Error("the message box is not visible")
	}
	s := getState(t, ctx)
	if s.Scenario != "normal_active_close" {
		t.Errorf("fell back to %q", s.Scenario)
	}
	// Still works: it autoplays, so virtual time and ticks advance.
	if err := chromedp.Run(ctx, chromedp.Poll(fmt.Sprintf(`window.finwait.state().t > %d && window.finwait.ticks > %d`, s.T, s.Ticks), nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("playback does not advance after a bad parameter: %v", err)
	}
	noCSPViolations(t, ctx)
}

func TestEmbedExampleRunsTwoInstances(t *testing.T) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 120*time.Second)
	defer cancelT()
	poll := func(what, js string) {
		t.Helper()
		if err := chromedp.Run(ctx, chromedp.Poll(js, nil, chromedp.WithPollingInterval(25*time.Millisecond))); err != nil {
			var ev string
			_ = chromedp.Run(ctx, chromedp.Evaluate(`JSON.stringify(window.courseEvents)`, &ev))
			t.Fatalf("%s: %v (events %s)", what, err, ev)
		}
	}
	st := func(id string) string {
		return `document.getElementById("` + id + `").contentWindow.finwait.state()`
	}
	if err := chromedp.Run(ctx, chromedp.Navigate(baseURL+"/examples/course.html")); err != nil {
		t.Fatal(err)
	}
	poll("both ready", `["left", "right"].every(id => { const w = document.getElementById(id).contentWindow;
		return w.finwait && w.finwait.ready; }) && window.courseEvents.left.includes("ready") && window.courseEvents.right.includes("ready")`)
	if err := chromedp.Run(ctx, chromedp.Click(`button[data-frame="left"][data-op="seek"]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	poll("left seeks to 530 ms", st("left")+`.t === 530000 && !`+st("left")+`.playing && `+st("right")+`.t === 0 && `+
		st("right")+`.scenario === "close_with_unread_data"`)
	poll("left reports FIN_WAIT1 to the page", `document.getElementById("left-state").textContent.includes("A FIN_WAIT1")`)
	if err := chromedp.Run(ctx, chromedp.Click(`button[data-frame="right"][data-op="play"]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	poll("right plays on its own", st("right")+`.t > 0 && `+st("right")+`.playing && `+st("left")+`.t === 530000 && !`+st("left")+`.playing`)
	// A load command through postMessage from the host page.
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById("left").contentWindow.postMessage({finwait: "load", scenario: "linger_zero", t: "0"}, location.origin); true`, nil)); err != nil {
		t.Fatal(err)
	}
	poll("left loads linger_zero", st("left")+`.scenario === "linger_zero" && `+st("right")+`.scenario === "close_with_unread_data"`)
	var v []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`["left","right"].flatMap(id => document.getElementById(id).contentWindow.finwaitCSPViolations || [])`, &v)); err != nil {
		t.Fatal(err)
	}
	if len(v) > 0 {
		t.Errorf("CSP violations in the embeds: %v", v)
	}
}

func TestCopyEmbedCode(t *testing.T) {
	ctx := page(t, "?scenario=linger_zero&t=100ms")
	var snippet string
	if err := chromedp.Run(ctx, menuItem("#copy-embed"),
		chromedp.Poll(`document.getElementById("share-text").value.length > 0`, nil),
		chromedp.Evaluate(`document.getElementById("share-text").value`, &snippet)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(snippet, `<iframe src="`+baseURL+`/embed.html?scenario=linger_zero&amp;profile=modern&amp;t=100ms`) {
		t.Errorf("embed code %q", snippet)
	}
}

// TestLoadTime measures navigation to the first drawn frame (the page's own performance.now() at
// its first Draw), median of FINWAIT_LOADS fresh loads; make bench-web runs it.
func TestLoadTime(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("FINWAIT_LOADS"))
	if n <= 0 {
		t.Skip("FINWAIT_LOADS unset (make bench-web)")
	}
	var ms []float64
	for i := 0; i < n; i++ {
		ctx := page(t, fmt.Sprintf("?autoplay=0&n=%d", i))
		var v float64
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.finwait.firstFrameMs`, &v)); err != nil {
			t.Fatal(err)
		}
		ms = append(ms, v)
	}
	sort.Float64s(ms)
	t.Logf("navigation to first frame: median %.0f ms of %d loads (goal <= 1000 ms) %v", ms[len(ms)/2], n, rounded(ms))
}

// TestKeyboardInsideIframe: once the embedded diagram has focus, its keys work (space plays).
func TestKeyboardInsideIframe(t *testing.T) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()
	left := `document.getElementById("left").contentWindow`
	if err := chromedp.Run(ctx, chromedp.Navigate(baseURL+"/examples/course.html"),
		chromedp.Poll(left+`.finwait && `+left+`.finwait.ready`, nil, chromedp.WithPollingInterval(25*time.Millisecond)),
		chromedp.Evaluate(`document.getElementById("left").focus(); `+left+`.document.querySelector("canvas").focus(); true`, nil),
		// hold the key for a few of the app's ticks: a press and release between two ticks is missed
		chromedp.Evaluate(`window.keyFrom = `+left+`.finwait.ticks; true`, nil),
		input.DispatchKeyEvent(input.KeyDown).WithKey(" ").WithCode("Space").WithWindowsVirtualKeyCode(32).WithText(" "),
		chromedp.Poll(left+`.finwait.ticks >= window.keyFrom + 3`, nil, chromedp.WithPollingInterval(10*time.Millisecond)),
		input.DispatchKeyEvent(input.KeyUp).WithKey(" ").WithCode("Space").WithWindowsVirtualKeyCode(32),
		chromedp.Poll(left+`.finwait.state().playing && `+left+`.finwait.state().t > 0`, nil, chromedp.WithPollingInterval(25*time.Millisecond)),
	); err != nil {
		t.Fatalf("space inside the focused iframe did not start playback: %v", err)
	}
}

// TestNoWebGLMessage: in a browser without WebGL the page says so instead of failing silently.
func TestNoWebGLMessage(t *testing.T) {
	udd, err := os.MkdirTemp("", "finwait-nowebgl-")
	if err != nil {
		t.Fatal(err)
	}
	// Chromium may still be writing its profile as it exits: remove it best-effort, never fail on it.
	t.Cleanup(func() {
		for i := 0; i < 20 && os.RemoveAll(udd) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := append(append([]chromedp.ExecAllocatorOption{}, execOpts...), chromedp.UserDataDir(udd), chromedp.Flag("disable-3d-apis", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()
	var text string
	if err := chromedp.Run(ctx, chromedp.Navigate(baseURL+"/"),
		chromedp.Poll(`!document.getElementById("fatal").hidden`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		chromedp.Evaluate(`document.getElementById("fatal").textContent`, &text)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "WebGL is unavailable") {
		t.Errorf("fatal message %q", text)
	}
	// the loading screen's words come from the message table (dist/messages.json), in the URL's language
	if err := chromedp.Run(ctx, chromedp.Navigate(baseURL+"/?lang=zh"),
		chromedp.Poll(`!document.getElementById("fatal").hidden`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		chromedp.Evaluate(`document.getElementById("fatal").textContent`, &text)); err != nil {
		t.Fatal(err)
	}
	if want := i18n.Msg(i18n.ZH, i18n.WebNoWebGL); text != want {
		t.Errorf("zh fatal message %q, want %q", text, want)
	}
}

// TestCopyLinkRoundTrip: the copied link reopens the same scenario, profile and moment.
func TestCopyLinkRoundTrip(t *testing.T) {
	ctx := page(t, "?scenario=simultaneous_close&t=950ms&theme=dark")
	var link string
	if err := chromedp.Run(ctx, menuItem("#copy-link"),
		chromedp.Poll(`document.getElementById("share-text").value.length > 0`, nil),
		chromedp.Evaluate(`document.getElementById("share-text").value`, &link)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(link, baseURL+"/index.html?") || !strings.Contains(link, "theme=dark") {
		t.Fatalf("link %q", link)
	}
	ctx2 := page(t, strings.TrimPrefix(link, baseURL+"/"))
	s := getState(t, ctx2)
	if s.Scenario != "simultaneous_close" || s.T != 950000 || s.Playing {
		t.Errorf("link %q opens %+v", link, s)
	}
}
