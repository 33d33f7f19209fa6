// Package webstate is the web page's pure Go side: URL parameters (validated, with plain-text
// messages) and the state the JS API reports. It has no syscall/js import, so it tests anywhere.
package webstate

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"finwait/core/scenario"
	"finwait/render/player"
	"finwait/render/source"
)

// DefaultScenario is shown when the URL names none (or a bad one).
const DefaultScenario = "normal_active_close"

// Params are the page's validated URL parameters.
type Params struct {
	Scenario string
	Profile  string // "" = the scenario's first
	T        int64  // µs; -1 = not given
	Speed    float64
	Autoplay bool
	Controls string // full, minimal, none
	Theme    string // light, dark
	Lang     string // en, zh
	Embed    bool   // embed mode (embed.html or embed=1): state events go to the parent page
	ID       string // names this instance in the events it posts (letters, digits, - and _)
}

// ParseParams validates the query string. Every bad value yields one specific message and falls
// back to its default; the messages are plain text (the page sets them with textContent).
func ParseParams(query string) (Params, []string) {
	p := Params{Scenario: DefaultScenario, T: -1, Speed: 1, Autoplay: true, Controls: "full", Theme: "light", Lang: "en"}
	var errs []string
	bad := func(name, val, why, fallback string) {
		errs = append(errs, fmt.Sprintf("%s=%q: %s; using %s.", name, clip(val), why, fallback))
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		errs = append(errs, "the URL's parameters could not all be read: "+clip(err.Error()))
	}
	get := func(k string) (string, bool) {
		v, ok := q[k]
		if !ok || len(v) == 0 {
			return "", false
		}
		return strings.TrimSpace(v[len(v)-1]), true
	}
	if v, ok := get("scenario"); ok {
		if sc, err := source.Lookup(v); err != nil {
			bad("scenario", v, "no such scenario", DefaultScenario)
		} else {
			p.Scenario = sc.Name
		}
	}
	if v, ok := get("profile"); ok && v != "" {
		sc, _ := source.Lookup(p.Scenario)
		profs := source.Profiles(sc)
		found := false
		for _, pr := range profs {
			found = found || pr == v
		}
		if found {
			p.Profile = v
		} else {
			bad("profile", v, "scenario "+p.Scenario+" has the profiles "+strings.Join(profs, ", "), profs[0])
		}
	}
	if v, ok := get("t"); ok {
		if d, err := scenario.ParseDuration(v); err != nil || d < 0 {
			bad("t", v, "not a time (write 1.5s, 540ms or seconds)", "0")
		} else {
			p.T = int64(d)
		}
	}
	if v, ok := get("speed"); ok {
		f, err := strconv.ParseFloat(strings.TrimSuffix(v, "x"), 64)
		okSpeed := false
		for _, s := range player.Speeds {
			okSpeed = okSpeed || (err == nil && f == s)
		}
		if okSpeed {
			p.Speed = f
		} else {
			bad("speed", v, "speeds are 0.25, 0.5, 1, 2, 4, 8 or 16", "1")
		}
	}
	autoplayGiven := false
	if v, ok := get("autoplay"); ok {
		switch strings.ToLower(v) {
		case "1", "true", "yes", "on", "":
			p.Autoplay, autoplayGiven = true, true
		case "0", "false", "no", "off":
			p.Autoplay, autoplayGiven = false, true
		default:
			bad("autoplay", v, "want 1 or 0", "1")
		}
	}
	if p.T >= 0 && !autoplayGiven {
		p.Autoplay = false // a link to a moment shows that moment
	}
	oneOf := func(name string, dst *string, allowed ...string) {
		v, ok := get(name)
		if !ok {
			return
		}
		for _, a := range allowed {
			if strings.EqualFold(v, a) {
				*dst = a
				return
			}
		}
		bad(name, v, "want "+strings.Join(allowed, ", "), *dst)
	}
	if v, ok := get("embed"); ok {
		switch strings.ToLower(v) {
		case "1", "true", "yes", "on", "":
			p.Embed = true
		case "0", "false", "no", "off":
		default:
			bad("embed", v, "want 1 or 0", "0")
		}
	}
	if v, ok := get("id"); ok {
		if validID(v) {
			p.ID = v
		} else {
			bad("id", v, "up to 32 letters, digits, - or _", "none")
		}
	}
	oneOf("controls", &p.Controls, "full", "minimal", "none")
	oneOf("theme", &p.Theme, "light", "dark")
	oneOf("lang", &p.Lang, "en", "zh")
	return p, errs
}

// clip keeps a message short whatever the URL holds.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

func validID(s string) bool {
	if len(s) == 0 || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
