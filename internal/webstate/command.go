package webstate

import (
	"strconv"

	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/player"
	"finwait/render/session"
)

// Kinds of value a command's t can hold, as JavaScript typed it.
const (
	TAbsent = iota // undefined or null
	TNumber        // µs
	TString        // a duration: "530ms", "1.5s", seconds
	TOther         // an object, a boolean…
)

// Raw is a postMessage command as the page reads it off the message's data object.
type Raw struct {
	Op         string
	TKind      int
	TNum       float64
	TStr       string
	Scenario   string
	HasProfile bool // the message has a profile key (an empty one is refused, not ignored)
	Profile    string
}

// Command is a checked command: T is µs, or -1 when none was given (load). A load's Choice
// is its scenario and profile (the scenario's first when the message has no profile key).
type Command struct {
	Op     string
	T      int64
	Choice session.Choice
}

// ParseCommand checks a command. ok is false when it is refused; msg then says why, in lang,
// naming the command, the field and its value. A message that is one of the page's own events
// is neither a command nor an error (ok false, msg "").
func ParseCommand(r Raw, lang i18n.Lang) (c Command, ok bool, msg string) {
	c = Command{Op: r.Op, T: -1}
	switch r.Op {
	case "play", "pause", "get-state":
		return c, true, ""
	case "seek", "load":
	case "ready", "state", "error": // the page's own events: a top-level page is its own parent
		return c, false, ""
	default:
		return c, false, i18n.Msg(lang, i18n.WebCmdUnknown, strconv.Quote(clip(r.Op)))
	}
	field, value, why, args := check(&c, r)
	if field == "" {
		return c, true, ""
	}
	return c, false, i18n.Msg(lang, i18n.WebCmdBad, r.Op, field, value, i18n.Msg(lang, why, args...))
}

// check fills c from a seek or load; a refusal names the field, its value as the message shows
// it, and why.
func check(c *Command, r Raw) (field, value string, why i18n.ID, args []any) {
	prob := player.MomentOK
	switch r.TKind {
	case TAbsent:
		if r.Op == "seek" {
			return "t", "undefined", i18n.WebCmdMissing, nil
		}
	case TNumber:
		c.T, prob = player.CheckMoment(r.TNum)
		value = strconv.FormatFloat(r.TNum, 'g', -1, 64)
	case TString:
		c.T, prob = player.ParseMoment(r.TStr)
		value = strconv.Quote(clip(r.TStr))
	default:
		return "t", "?", i18n.WebParamTime, nil
	}
	if prob != player.MomentOK {
		return "t", value, MomentWhy(prob), nil
	}
	if r.Op == "seek" {
		return "", "", "", nil
	}
	ch, e := choose(r.Scenario, r.Profile, r.HasProfile)
	switch {
	case e == nil:
		c.Choice = ch
		return "", "", "", nil
	case e.Field == "scenario":
		return "scenario", strconv.Quote(clip(r.Scenario)), i18n.WebParamNoScenario, nil
	}
	return "profile", strconv.Quote(clip(r.Profile)), i18n.WebParamProfiles, profilesArgs(e)
}

// PastEnd is the error for a seek or load whose t is past the end of the run it lands in (the
// page shows the end); "" when it is not.
func (c *Command) PastEnd(end int64, lang i18n.Lang) string {
	if c.T <= end {
		return ""
	}
	return i18n.Msg(lang, i18n.WebCmdBad, c.Op, "t", trace.FormatTime(c.T), i18n.Msg(lang, i18n.WebCmdPastEnd, trace.FormatTime(end)))
}
