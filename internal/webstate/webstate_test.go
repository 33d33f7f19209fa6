package webstate

import (
	"reflect"
	"strings"
	"testing"

	"finwait/render/source"
)

func TestParseParamsDefaultsAndValues(t *testing.T) {
	p, errs := ParseParams("")
	if len(errs) != 0 || p.Scenario != DefaultScenario || p.T != -1 || !p.Autoplay || p.Speed != 1 {
		t.Fatalf("defaults %+v %v", p, errs)
	}
	p, errs = ParseParams("scenario=close_with_unread_data&profile=modern&t=530ms&speed=4&controls=none&theme=dark&lang=zh")
	if len(errs) != 0 || p.Scenario != "close_with_unread_data" || p.T != 530000 || p.Autoplay || p.Speed != 4 ||
		p.Controls != "none" || p.Theme != "dark" || p.Lang != "zh" {
		t.Fatalf("%+v %v", p, errs)
	}
	if p, _ := ParseParams("t=1s&autoplay=1"); !p.Autoplay {
		t.Error("autoplay=1 with t= should play")
	}
}

func TestParseParamsBadValues(t *testing.T) {
	p, errs := ParseParams("scenario=nope&speed=3&t=-1&autoplay=maybe&theme=x&lang=fr&controls=y&profile=9")
	if p.Scenario != DefaultScenario || p.Speed != 1 || p.T != -1 || p.Theme != "light" || p.Lang != "en" || p.Controls != "full" || p.Profile != "" {
		t.Errorf("fallbacks %+v", p)
	}
	joined := strings.Join(errs, "\n")
	for _, k := range []string{`scenario="nope"`, `speed="3"`, `t="-1"`, `autoplay="maybe"`, `theme="x"`, `lang="fr"`, `controls="y"`, `profile="9"`} {
		if !strings.Contains(joined, k) {
			t.Errorf("no message for %s in\n%s", k, joined)
		}
	}
	if _, errs := ParseParams("scenario=" + strings.Repeat("x", 500)); len(errs[0]) > 200 {
		t.Errorf("message not clipped: %d bytes", len(errs[0]))
	}
}

func TestStateAt(t *testing.T) {
	sc, _ := source.Lookup("close_with_unread_data")
	tr, err := source.Run(sc, source.RunOptions{Profile: "modern", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	s := StateAt(tr, 0)
	if s["A"].Sockets[0].State != "SYN_SENT" || s["B"].RSTReceived != 0 {
		t.Errorf("at 0: %+v %+v", s["A"], s["B"])
	}
	s = StateAt(tr, tr.EndUs)
	if s["A"].Sockets[0].State != "CLOSE" || s["B"].RSTReceived == 0 || s["A"].RSTSent == 0 {
		t.Errorf("at end: %+v %+v", s["A"], s["B"])
	}
}

// The JS forms of the state: the keys the page's API documents (docs/embedding.md), and a
// signature that moves exactly when a socket state or an RST count does.
func TestHostsMapAndSignature(t *testing.T) {
	sc, _ := source.Lookup("close_with_unread_data")
	tr, err := source.Run(sc, source.RunOptions{Profile: "modern", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	end := StateAt(tr, tr.EndUs)
	m := HostsMap(end)
	a := m["A"].(map[string]any)
	socks := a["sockets"].([]any)
	if len(socks) != 1 || socks[0].(map[string]any)["state"] != "CLOSE" || socks[0].(map[string]any)["conn"] != 0 {
		t.Errorf("A at end: %#v", a)
	}
	if b := m["B"].(map[string]any); b["rstReceived"] != end["B"].RSTReceived || b["rstReceived"] == 0 {
		t.Errorf("B at end: %#v", b)
	}
	if got, want := Signature(end), "A{0:CLOSE 0/1}B{-1:LISTEN 0:CLOSE 1/0}"; got != want {
		t.Errorf("signature at end = %q, want %q", got, want)
	}
	seen := map[string]bool{}
	prev := ""
	changes := 0
	for _, e := range tr.Events {
		sig := Signature(StateAt(tr, e.T))
		if sig != prev {
			changes++
			prev = sig
		}
		seen[sig] = true
	}
	if changes < 5 || len(seen) != changes {
		t.Errorf("signature changed %d times over %d distinct values", changes, len(seen))
	}
	p, _ := ParseParams("scenario=simultaneous_close&t=1s&id=left")
	want := []any{"Scenario", "simultaneous_close", "Profile", "", "T", int64(1000000), "Speed", 1.0, "Autoplay", false,
		"Controls", "full", "Theme", "light", "Lang", "en", "Embed", false, "ID", "left"}
	if pm := p.Pairs(); !reflect.DeepEqual(pm, want) {
		t.Errorf("params pairs %#v", pm)
	}
}

// The query parser reads what browsers write (net/url's rules for the page's needs), and the
// messages speak the language the URL asks for.
func TestParseQueryAndMessageLanguage(t *testing.T) {
	q, bad, unknown := parseQuery("scenario=linger%5Fzero&t=1.5s&t=2s&id=a+b&x=%zz&empty=&&flag")
	if bad != "x=%zz" {
		t.Errorf("bad part %q", bad)
	}
	if strings.Join(unknown, " ") != "empty flag" {
		t.Errorf("unknown names %q, want empty flag (in the URL's order)", unknown)
	}
	for k, want := range map[string][]string{"scenario": {"linger_zero"}, "t": {"1.5s", "2s"}, "id": {"a b"}, "empty": {""}, "flag": {""}} {
		if got := q[k]; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if _, ok := q["x"]; ok {
		t.Error("a malformed escape must not give a value")
	}
	if _, bad, _ := parseQuery("a=1;b=2"); bad != "a=1;b=2" {
		t.Errorf("semicolons are refused (as net/url does): %q", bad)
	}
	p, errs := ParseParams("t=2s&t=3s&speed=3&lang=zh&x=%zz")
	if p.T != 3_000_000 || p.Lang != "zh" {
		t.Errorf("the last value wins: %+v", p)
	}
	joined := strings.Join(errs, "\n")
	for _, want := range []string{`speed="3": 速度可选 0.25、0.5、1、2、4、8 或 16; 改用 1。`, `URL 参数没能全部读出: "x=%zz"`} {
		if !strings.Contains(joined, want) {
			t.Errorf("no %q in\n%s", want, joined)
		}
	}
	if _, errs := ParseParams("speed=3"); len(errs) != 1 || errs[0] != `speed="3": speeds are 0.25, 0.5, 1, 2, 4, 8 or 16; using 1.` {
		t.Errorf("English message %q", errs)
	}
}
