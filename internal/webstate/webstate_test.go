package webstate

import (
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
	pm := p.Map()
	if pm["Scenario"] != "simultaneous_close" || pm["T"] != int64(1000000) || pm["ID"] != "left" || len(pm) != 10 {
		t.Errorf("params map %#v", pm)
	}
}
