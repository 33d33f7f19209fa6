// Package webstate is the web page's pure Go side: URL parameters (validated, with plain-text
// messages) and the state the JS API reports. It has no syscall/js import, so it tests anywhere.
package webstate

import (
	"strconv"
	"strings"

	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/player"
	"finwait/render/session"
)

// DefaultScenario is shown when the URL names none (or a bad one).
const DefaultScenario = "normal_active_close"

// Params are the page's validated URL parameters.
type Params struct {
	Scenario string
	Profile  string // "" = the scenario's first
	T        int64  // µs; -1 = not given
	TText    string // t as the URL wrote it (for PastEnd's message)
	Speed    float64
	Autoplay bool
	Controls string // full, minimal, none
	Theme    string // light, dark
	Lang     string // en, zh
	Embed    bool   // embed mode (embed.html or embed=1): state events go to the parent page
	ID       string // names this instance in the events it posts (letters, digits, - and _)
	Compare  string // a second run beside this one (core/compare's Spec: profile:2.6 …), or ""
	Tool     string // the terminal panel open on this tool (layout.ToolTabs' Name), or ""
}

// ParseParams validates the query string. Every bad value yields one specific message and falls
// back to its default; the messages are plain text (the page sets them with textContent). An
// empty value (autoplay=, profile=) is a bad value like any other, never a silent default.
func ParseParams(query string) (Params, []string) {
	p := Params{Scenario: DefaultScenario, T: -1, Speed: 1, Autoplay: true, Controls: "full", Theme: "light", Lang: "en"}
	var errs []string
	q, bad0, unknown := parseQuery(query)
	// the messages speak the language the URL asks for (English when it asks for none we have)
	lang := i18n.EN
	if v := q["lang"]; len(v) > 0 && strings.EqualFold(strings.TrimSpace(v[len(v)-1]), "zh") {
		lang = i18n.ZH
	}
	if bad0 != "" {
		errs = append(errs, i18n.Msg(lang, i18n.WebParamUnreadable, strconv.Quote(clip(bad0))))
	}
	autoplayGiven := false
	for _, name := range append(paramOrder[:], unknown...) { // a typo (senario=) last, named
		vs := q[name]
		if len(vs) == 0 {
			continue
		}
		v := strings.TrimSpace(vs[len(vs)-1]) // the last value wins
		why, args, fallback := p.set(name, v)
		autoplayGiven = autoplayGiven || name == "autoplay" && why == ""
		if why == "" {
			continue
		}
		if fallback == "" {
			fallback = i18n.Msg(lang, i18n.WebParamNone)
		}
		errs = append(errs, i18n.Msg(lang, i18n.WebParamBad, clip(name), strconv.Quote(clip(v)), i18n.Msg(lang, why, args...), fallback))
	}
	if p.T >= 0 && !autoplayGiven {
		p.Autoplay = false // a link to a moment shows that moment
	}
	return p, errs
}

// paramOrder is the order parameters are read in (profile after scenario) and reported.
var paramOrder = [...]string{"scenario", "profile", "t", "speed", "autoplay", "embed", "id", "controls", "theme", "lang", "compare", "tool"}

func known(name string) bool {
	for _, n := range paramOrder {
		if n == name {
			return true
		}
	}
	return false
}

// set takes one parameter's value; a refusal says why (a message id and its arguments) and
// what is used instead ("" for none).
func (p *Params) set(name, v string) (why i18n.ID, args []any, fallback string) {
	switch name {
	case "scenario":
		if _, e := choose(v, "", false); e != nil {
			return i18n.WebParamNoScenario, nil, DefaultScenario
		}
		p.Scenario = v
	case "profile":
		if _, e := choose(p.Scenario, v, true); e != nil {
			return i18n.WebParamProfiles, profilesArgs(e), e.Profiles[0]
		}
		p.Profile = v
	case "t":
		us, prob := player.ParseMoment(v)
		if prob != player.MomentOK {
			return MomentWhy(prob), nil, "0"
		}
		p.T, p.TText = us, v
	case "speed":
		f, err := strconv.ParseFloat(strings.TrimSuffix(v, "x"), 64)
		for _, s := range player.Speeds {
			if err == nil && f == s {
				p.Speed = f
				return "", nil, ""
			}
		}
		return i18n.WebParamSpeed, nil, "1"
	case "autoplay", "embed":
		// 1 or 0 only: yes, true or an empty value get the message the docs promise
		dst, def := &p.Autoplay, "1"
		if name == "embed" {
			dst, def = &p.Embed, "0"
		}
		if v != "1" && v != "0" {
			return i18n.WebParamBool, nil, def
		}
		*dst = v == "1"
	case "id":
		if !validID(v) {
			return i18n.WebParamID, nil, ""
		}
		p.ID = v
	case "compare":
		why, args := p.takeCompare(v) // compare.go
		return why, args, ""
	case "tool":
		why, args := p.setTool(v)
		return why, args, ""
	case "controls", "theme", "lang":
		dst, allowed := &p.Controls, []string{"full", "minimal", "none"}
		switch name {
		case "theme":
			dst, allowed = &p.Theme, []string{"light", "dark"}
		case "lang":
			dst, allowed = &p.Lang, []string{"en", "zh"}
		}
		for _, a := range allowed {
			if strings.EqualFold(v, a) {
				*dst = a
				return "", nil, ""
			}
		}
		return i18n.WebParamOneOf, []any{strings.Join(allowed, ", ")}, *dst
	default: // a name the page does not read (parseQuery lists them)
		return i18n.WebParamUnknown, nil, ""
	}
	return "", nil, ""
}

// choose is session.Select, the one check of a scenario name and a profile, for the page's URL
// and commands: a profile given empty (profile=) is refused, not taken for the first.
func choose(name, profile string, given bool) (session.Choice, *session.SelectError) {
	if given && profile == "" {
		profile = "\x00" // checked as a profile no scenario has (the messages show what was written)
	}
	c, err := session.Select(name, profile)
	e, _ := err.(*session.SelectError)
	return c, e
}

// profilesArgs are WebParamProfiles' arguments for a profile refused: the scenario and its
// profiles.
func profilesArgs(e *session.SelectError) []any {
	return []any{e.Scenario, strings.Join(e.Profiles, ", ")}
}

// MomentWhy is the message id that says why a moment was refused.
func MomentWhy(prob player.Problem) i18n.ID {
	switch prob {
	case player.MomentNegative:
		return i18n.WebParamTimeNegative
	case player.MomentTooLate:
		return i18n.WebParamTimeLate
	}
	return i18n.WebParamTime
}

// PastEnd is the message for a URL whose t is past the end of the run it names (known only once
// the run is made): the page shows the run's end and says so; "" when t is within the run.
func (p *Params) PastEnd(end int64) string {
	if p.T <= end {
		return ""
	}
	lang := i18n.Lang(p.Lang)
	at := trace.FormatTime(end)
	return i18n.Msg(lang, i18n.WebParamBad, "t", strconv.Quote(clip(p.TText)), i18n.Msg(lang, i18n.WebParamPastEnd, at), at)
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

// parseQuery splits a URL query into its values the way browsers write them: pairs joined by &,
// each key=value percent-encoded with + for a space. (net/url does the same, with more than the
// page needs: 9 KB of the .wasm.) bad is the first part that could not be decoded, or "";
// unknown the names the page does not read, each once, in the order the URL has them.
func parseQuery(query string) (out map[string][]string, bad string, unknown []string) {
	out = map[string][]string{}
	for _, part := range strings.Split(query, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, ok1 := unescape(k)
		val, ok2 := unescape(v)
		if !ok1 || !ok2 || strings.Contains(part, ";") {
			if bad == "" {
				bad = part
			}
			continue
		}
		if len(out[key]) == 0 && !known(key) {
			unknown = append(unknown, key)
		}
		out[key] = append(out[key], val)
	}
	return out, bad, unknown
}

// unescape decodes %XX and + (a space); false for a malformed %.
func unescape(s string) (string, bool) {
	if !strings.ContainsAny(s, "%+") {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b.WriteByte(' ')
		case c == '%':
			if i+2 >= len(s) {
				return "", false
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", false
			}
			b.WriteByte(byte(v))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}
