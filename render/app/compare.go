package app

import (
	"errors"
	"finwait/render/session"
	"fmt"

	"finwait/core/compare"
	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/player"
	"finwait/render/source"
)

// comparing is the compare view's state: what run 2 changes (Options.Compare), and run 2 as
// last made for run 1's trace.
type comparing struct {
	spec compare.Spec
	base *trace.Trace // run 1's trace that view was made for
	tr2  *trace.Trace
	view *layout.CompareView
	err  string
}

// startCompare reads the compare spec (the desktop's -compare, the page's compare=): run 2 is
// made with run 1 (compareConn), and a spec the scenario cannot take is refused then.
func (g *Game) startCompare(spec string) error {
	sp, err := compare.ParseSpec(spec)
	if err != nil {
		return fmt.Errorf("compare %s: %w", spec, err)
	}
	g.cmp = &comparing{spec: sp}
	return nil
}

// compareNow is the compare view for this frame, or nil.
func (g *Game) compareNow() *layout.CompareView {
	if compareViewHook == nil {
		return nil
	}
	return compareViewHook(g)
}

// compareConn remakes the compare view after the connection or run 1 changed: run 2 is run
// again only when run 1's trace is new; the player then steps through both runs' moments.
func (g *Game) compareConn(now int64) {
	c := g.cmp
	if c == nil {
		return
	}
	c.view, c.err = nil, ""
	if c.base != g.tr {
		c.base, c.tr2 = g.tr, nil
		if err := g.runCompare(); err != nil {
			c.err = i18n.Msg(g.lang, i18n.CmpError, err.Error())
			g.err = c.err
			return
		}
	}
	if c.tr2 == nil {
		return
	}
	m2 := layout.Prepare(c.tr2, g.model.Conn)
	m2.HostInfo = append([]layout.HostInfo(nil), m2.HostInfo...)
	addr := map[string]string{}
	for _, h := range session.Current(g.s).Hosts {
		addr[h.Name] = h.Addr
	}
	m2.SetAddrs(addr)
	c.view = layout.NewCompare(g.model, m2)
	g.player = player.New(c.view.Moments, g.model.Warp)
	g.player.SeekTo(now)
}

func (g *Game) runCompare() error {
	if session.From(g.s) == session.FromPkt {
		return errors.New(i18n.Msg(g.lang, i18n.PktNoWhatIf))
	}
	sc2, p2, err := compare.Apply(g.cmp.spec, *session.Current(g.s), session.Profile(g.s))
	if err != nil {
		return err
	}
	g.cmp.tr2, err = source.Run(sc2, source.RunOptions{Profile: p2, Seed: g.opt.Seed})
	return err
}

// compareView is the view for this frame, its runs named in the language on screen.
func (g *Game) compareView() *layout.CompareView {
	if g.cmp == nil || g.cmp.view == nil {
		return nil
	}
	v, sp := g.cmp.view, g.cmp.spec
	switch sp.Kind {
	case "profile":
		v.Labels = [2]string{i18n.ProfileLabel(g.lang, session.Profile(g.s), false), i18n.ProfileLabel(g.lang, sp.Profile, false)}
	case "set":
		v.Labels = [2]string{i18n.Msg(g.lang, i18n.CmpAsIs), compare.Label(sp)}
	case "drop":
		v.Labels = [2]string{i18n.Msg(g.lang, i18n.CmpOriginal), i18n.Msg(g.lang, i18n.CmpDropRun, sp.Host, sp.To, sp.N)}
	default: // kill
		v.Labels = [2]string{i18n.Msg(g.lang, i18n.CmpOriginal), i18n.Msg(g.lang, i18n.CmpKillRun, sp.Host, layout.TimeText(sp.At))}
	}
	return v
}

// CompareState is the compare view for the page's state(): the runs' names and the differences
// in words, or nil when not comparing.
func (g *Game) CompareState() any {
	if compareStateHook == nil {
		return nil
	}
	return compareStateHook(g)
}

func (g *Game) compareState() any {
	v := g.compareView()
	if v == nil {
		return nil
	}
	words := make([]any, len(v.Diffs))
	for i, d := range v.Diffs {
		words[i] = layout.DiffText(g.lang, v.Labels, d)
	}
	return map[string]any{"labels": []any{v.Labels[0], v.Labels[1]}, "differences": words}
}
