package webstate

import (
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/scenario"
	"finwait/render/i18n"
	"finwait/render/session"
)

// Each hostile URL value gets the message the docs promise (docs/embedding.md), in the URL's
// language, and the value it falls back to; never a silent default.
func TestParseParamsHostileValues(t *testing.T) {
	for _, c := range []struct {
		query string
		want  string
		check func(p Params) bool
	}{
		{"t=NaN", `t="NaN": not a time (write 1.5s, 540ms or seconds); using 0.`, func(p Params) bool { return p.T == -1 }},
		{"t=Infinity", `t="Infinity": not a time (write 1.5s, 540ms or seconds); using 0.`, func(p Params) bool { return p.T == -1 }},
		{"t=-Infinity", `t="-Infinity": not a time (write 1.5s, 540ms or seconds); using 0.`, func(p Params) bool { return p.T == -1 }},
		{"t=99h", `t="99h": past 4h, the longest a run lasts; using 0.`, func(p Params) bool { return p.T == -1 }},
		{"t=1e300", `t="1e300": past 4h, the longest a run lasts; using 0.`, func(p Params) bool { return p.T == -1 }},
		{"t=-1s", `t="-1s": a moment cannot be before the run starts; using 0.`, func(p Params) bool { return p.T == -1 }},
		{"t=", `t="": not a time (write 1.5s, 540ms or seconds); using 0.`, func(p Params) bool { return p.T == -1 }},
		{"t=NaN&lang=zh", `t="NaN": 不是时间 (写 1.5s、540ms 或秒数); 改用 0。`, func(p Params) bool { return p.Lang == "zh" }},
		{"t=99h&lang=zh", `t="99h": 超过 4h, 即一次运行的最长时间; 改用 0。`, func(p Params) bool { return p.T == -1 }},
		{"autoplay=yes", `autoplay="yes": want 1 or 0; using 1.`, func(p Params) bool { return p.Autoplay }},
		{"autoplay=", `autoplay="": want 1 or 0; using 1.`, func(p Params) bool { return p.Autoplay }},
		{"autoplay=true&t=1s", `autoplay="true": want 1 or 0; using 1.`, func(p Params) bool { return !p.Autoplay && p.T == 1e6 }},
		{"embed=", `embed="": want 1 or 0; using 0.`, func(p Params) bool { return !p.Embed }},
		{"profile=", `profile="": scenario normal_active_close has the profiles modern, 2.6; using modern.`, func(p Params) bool { return p.Profile == "" }},
		{"profile=3.0", `profile="3.0": scenario normal_active_close has the profiles modern, 2.6; using modern.`, func(p Params) bool { return p.Profile == "" }},
		{"profile=&lang=zh", `profile="": 场景 normal_active_close 的内核版本是 modern, 2.6; 改用 modern。`, func(p Params) bool { return p.Profile == "" }},
	} {
		p, errs := ParseParams(c.query)
		assert.Equal(t, []string{c.want}, errs, c.query)
		assert.True(t, c.check(p), "%s: %+v", c.query, p)
	}
	for _, q := range []string{"autoplay=1", "autoplay=0", "t=4h", "t=0", "profile=2.6", "embed=1", "lang=zh&theme=dark&id=x&controls=none&speed=2"} {
		_, errs := ParseParams(q)
		assert.Empty(t, errs, q)
	}
}

// A teacher's typo in a parameter's name is named (with its last value, as for any parameter),
// once, after the parameters the page reads, in the URL's order and language; the parameters
// around it still count, and a scenario that does not exist says so.
func TestUnknownParametersAreNamed(t *testing.T) {
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"senario=linger_zero&t=1s&autoplay=0", []string{`senario="linger_zero": no such parameter (the page reads scenario, profile, t, speed, autoplay, embed, id, controls, theme and lang); using none.`}},
		{"Speed=2&x=1&Speed=4&lang=zh", []string{
			`Speed="4": 没有这个参数 (页面只读 scenario、profile、t、speed、autoplay、embed、id、controls、theme 和 lang); 改用 无。`,
			`x="1": 没有这个参数 (页面只读 scenario、profile、t、speed、autoplay、embed、id、controls、theme 和 lang); 改用 无。`}},
		{"scenario=linger_zeroo&autoplay=0", []string{`scenario="linger_zeroo": no such scenario; using normal_active_close.`}},
		{"t=1s&%zz=1", []string{`the URL's parameters could not all be read: "%zz=1"`}},
	} {
		_, errs := ParseParams(c.query)
		assert.Equal(t, c.want, errs, c.query)
	}
	p, _ := ParseParams("senario=linger_zero&t=1s&autoplay=0")
	assert.Equal(t, Params{Scenario: DefaultScenario, T: 1e6, TText: "1s", Speed: 1, Controls: "full", Theme: "light", Lang: "en"}, p, "the known parameters still count")
}

func TestParamsPastEnd(t *testing.T) {
	p, errs := ParseParams("t=10m")
	assert.Empty(t, errs)
	assert.Equal(t, `t="10m": the run ends at 60.560 s; using 60.560 s.`, p.PastEnd(60_560_000))
	assert.Equal(t, "", p.PastEnd(600_000_000))
	p, _ = ParseParams("t=10m&lang=zh")
	assert.Equal(t, `t="10m": 运行在 60.560 s 结束; 改用 60.560 s。`, p.PastEnd(60_560_000))
	p, _ = ParseParams("")
	assert.Equal(t, "", p.PastEnd(0), "no t, nothing to say")
}

func num(f float64) Raw { return Raw{Op: "seek", TKind: TNumber, TNum: f} }

// Each hostile command is refused with the specific message (the page posts it as an "error"
// event); the good ones come out checked.
func TestParseCommand(t *testing.T) {
	for _, c := range []struct {
		name string
		raw  Raw
		lang i18n.Lang
		cmd  Command
		msg  string
	}{
		{"play", Raw{Op: "play"}, i18n.EN, Command{Op: "play", T: -1}, ""},
		{"seek µs", num(530000), i18n.EN, Command{Op: "seek", T: 530000}, ""},
		{"seek string", Raw{Op: "seek", TKind: TString, TStr: "530ms"}, i18n.EN, Command{Op: "seek", T: 530000}, ""},
		{"seek NaN", num(math.NaN()), i18n.EN, Command{}, "seek: t=NaN: not a time (write 1.5s, 540ms or seconds)"},
		{"seek +Inf", num(math.Inf(1)), i18n.EN, Command{}, "seek: t=+Inf: not a time (write 1.5s, 540ms or seconds)"},
		{"seek -Inf", num(math.Inf(-1)), i18n.EN, Command{}, "seek: t=-Inf: not a time (write 1.5s, 540ms or seconds)"},
		{"seek negative", num(-5), i18n.EN, Command{}, "seek: t=-5: a moment cannot be before the run starts"},
		{"seek 1e300", num(1e300), i18n.EN, Command{}, "seek: t=1e+300: past 4h, the longest a run lasts"},
		{"seek \"Infinity\"", Raw{Op: "seek", TKind: TString, TStr: "Infinity"}, i18n.EN, Command{}, `seek: t="Infinity": not a time (write 1.5s, 540ms or seconds)`},
		{"seek -1s zh", Raw{Op: "seek", TKind: TString, TStr: "-1s"}, i18n.ZH, Command{}, `seek: t="-1s": 时刻不能早于运行开始`},
		{"seek missing", Raw{Op: "seek"}, i18n.EN, Command{}, "seek: t=undefined: missing"},
		{"seek object", Raw{Op: "seek", TKind: TOther}, i18n.EN, Command{}, "seek: t=?: not a time (write 1.5s, 540ms or seconds)"},
		{"load", Raw{Op: "load", Scenario: "linger_zero"}, i18n.EN, Command{Op: "load", T: -1, Choice: choice(t, "linger_zero", "modern")}, ""},
		{"load profile t", Raw{Op: "load", Scenario: "linger_zero", HasProfile: true, Profile: "2.6", TKind: TString, TStr: "1s"}, i18n.EN,
			Command{Op: "load", T: 1e6, Choice: choice(t, "linger_zero", "2.6")}, ""},
		{"load 2.6 only", Raw{Op: "load", Scenario: "tw_recycle_nat"}, i18n.EN, Command{Op: "load", T: -1, Choice: choice(t, "tw_recycle_nat", "2.6")}, ""},
		{"load 2.6 only, modern", Raw{Op: "load", Scenario: "tw_recycle_nat", HasProfile: true, Profile: "modern"}, i18n.ZH, Command{},
			`load: profile="modern": 场景 tw_recycle_nat 的内核版本是 2.6`},
		{"load empty profile", Raw{Op: "load", Scenario: "linger_zero", HasProfile: true}, i18n.EN, Command{},
			`load: profile="": scenario linger_zero has the profiles modern, 2.6`},
		{"load wrong profile", Raw{Op: "load", Scenario: "linger_zero", HasProfile: true, Profile: "4.19"}, i18n.EN, Command{},
			`load: profile="4.19": scenario linger_zero has the profiles modern, 2.6`},
		{"load unknown", Raw{Op: "load", Scenario: "nope"}, i18n.EN, Command{}, `load: scenario="nope": no such scenario`},
		{"load bad t", Raw{Op: "load", Scenario: "linger_zero", TKind: TNumber, TNum: math.NaN()}, i18n.EN, Command{}, "load: t=NaN: not a time (write 1.5s, 540ms or seconds)"},
		{"unknown", Raw{Op: "stop"}, i18n.EN, Command{}, `unknown command "stop" (want play, pause, seek, load or get-state)`},
		{"own event", Raw{Op: "state"}, i18n.EN, Command{}, ""},
	} {
		cmd, ok, msg := ParseCommand(c.raw, c.lang)
		assert.Equal(t, c.msg, msg, c.name)
		assert.Equal(t, c.msg == "" && c.name != "own event", ok, c.name)
		if ok {
			assert.Equal(t, c.cmd, cmd, c.name)
		}
	}
}

// choice is the checked choice of a catalog scenario in a profile.
func choice(t *testing.T, name, profile string) session.Choice {
	c, err := session.Select(name, profile)
	require.NoError(t, err)
	require.Equal(t, profile, c.Profile)
	return c
}

func TestCommandPastEnd(t *testing.T) {
	c := Command{Op: "seek", T: 99_000_000}
	assert.Equal(t, "seek: t=99.000 s: the run ends at 60.560 s; showing its end", c.PastEnd(60_560_000, i18n.EN))
	assert.Equal(t, "", c.PastEnd(99_000_000, i18n.EN))
}

func ops(cmds []Command) string {
	s := ""
	for _, c := range cmds {
		s += c.Op
		if c.Op == "load" {
			s += ":" + c.Choice.Scenario.Name
		}
		if c.T >= 0 {
			s += "@" + strconv.FormatInt(c.T, 10)
		}
		s += " "
	}
	return s
}

func TestQueueCoalescesAndBounds(t *testing.T) {
	load := func(name string) Command {
		return Command{Op: "load", Choice: session.Choice{Scenario: &scenario.Scenario{Name: name}}, T: -1}
	}
	seek := func(t int64) Command { return Command{Op: "seek", T: t} }
	play, pause := Command{Op: "play", T: -1}, Command{Op: "pause", T: -1}
	for _, c := range []struct {
		name  string
		push  []Command
		want  string
		notes []string
	}{
		{"in order", []Command{load("a"), seek(5), play}, "load:a seek@5 play ", nil},
		{"a burst of seeks", []Command{seek(1), seek(2), seek(3)}, "seek@3 ", []string{"seek: 2 commands replaced by a later one before they could be carried out"}},
		{"play then pause", []Command{play, pause}, "pause ", []string{"play/pause: 1 commands replaced by a later one before they could be carried out"}},
		{"load supersedes", []Command{seek(1), play, seek(2), load("b")}, "play load:b ", []string{"seek: 2 commands replaced by a later one before they could be carried out"}},
		{"seek, play, seek", []Command{seek(1), play, seek(2)}, "seek@1 play seek@2 ", nil},
	} {
		var q Queue
		for _, p := range c.push {
			q.Push(p)
		}
		cmds, notes := q.Take(i18n.EN)
		assert.Equal(t, c.want, ops(cmds), c.name)
		assert.Equal(t, c.notes, notes, c.name)
		assert.Equal(t, 0, q.Len(), "Take empties it")
	}

	// 10,000 loads: one is carried out, and the note says so
	var q Queue
	for i := 0; i < 10000; i++ {
		q.Push(load("s" + strconv.Itoa(i)))
	}
	cmds, notes := q.Take(i18n.EN)
	assert.Equal(t, "load:s9999 ", ops(cmds))
	assert.Equal(t, []string{"load: 9999 commands replaced by a later one before they could be carried out"}, notes)

	// alternating kinds cannot coalesce: the queue keeps the last MaxPending
	for i := 0; i < 100; i++ {
		q.Push(seek(int64(i)))
		q.Push(play)
	}
	cmds, notes = q.Take(i18n.ZH)
	assert.Len(t, cmds, MaxPending)
	assert.Equal(t, seek(68), cmds[0])
	assert.Equal(t, []string{"丢弃了 136 条命令: 等待中的命令超过 64 条"}, notes)

	// refusals: MaxNotes of them, then a count
	for i := 0; i < 20; i++ {
		q.Refuse("refused " + strconv.Itoa(i))
	}
	_, notes = q.Take(i18n.EN)
	assert.Len(t, notes, MaxNotes+1)
	assert.Equal(t, "refused 7", notes[MaxNotes-1])
	assert.Equal(t, "12 more commands refused", notes[MaxNotes])
}
