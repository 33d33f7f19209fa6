package app

import (
	"errors"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/core/xref"
	"finwait/render/i18n"
	"finwait/render/session"
)

// SetOpener replaces how a kernel-source link is opened (tests inject a fake; nil restores the
// platform's: a new tab in the page, the system browser on the desktop).
func (g *Game) SetOpener(open func(url string) error) { g.opener = open }

// openSource opens the source of the kernel function trace event i names, in the kernel of the
// profile on screen (layout.CmdSource). Only an address xref.URL built is opened; a failure is
// told in the banner.
func (g *Game) openSource(i int) {
	if i < 0 || i >= len(g.tr.Events) {
		return
	}
	u, err := xref.URL(g.tr.Events[i].Fn, session.Profile(g.s))
	if err == nil {
		open := g.opener
		if open == nil {
			open = openURL
		}
		if err = open(u); err != nil {
			err = errors.New(u + ": " + err.Error())
		}
	}
	if err != nil {
		g.notice, g.noticeErr = i18n.Msg(g.lang, i18n.SourceOpenError, err.Error()), true
	}
}

// linkCursor shows the pointing hand over a kernel-source link (and the default elsewhere).
func (g *Game) linkCursor(on bool) {
	if on != g.onLink {
		g.onLink = on
		c := ebiten.CursorShapeDefault
		if on {
			c = ebiten.CursorShapePointer
		}
		ebiten.SetCursorShape(c)
	}
}
