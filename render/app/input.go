package app

import (
	"github.com/hajimehoshi/ebiten/v2"

	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/layout"
	"finwait/render/session"
	"finwait/render/theme"
)

// keys are the keyboard shortcuts and their commands (the help overlay lists them from the
// message table). A list, not a map: keys pressed in one frame run in this order, and a map
// literal is built by code at start-up, which the page's download pays for.
var keys = [...]struct {
	key ebiten.Key
	cmd layout.Cmd
}{
	{ebiten.KeySpace, layout.CmdToggle}, {ebiten.KeyArrowLeft, layout.CmdPrev}, {ebiten.KeyArrowRight, layout.CmdNext},
	{ebiten.KeyPageUp, layout.CmdPrev}, {ebiten.KeyPageDown, layout.CmdNext}, {ebiten.KeyHome, layout.CmdFirst},
	{ebiten.KeyEnd, layout.CmdLast}, {ebiten.KeyT, layout.CmdTheme}, {ebiten.KeyL, layout.CmdLang},
	{ebiten.KeyV, layout.CmdReveal}, {ebiten.KeyR, layout.CmdRestart},
}

// watchedKeys are the keys the app reads edges of: the shortcuts and a few more.
func watchedKeys() []ebiten.Key {
	out := []ebiten.Key{ebiten.KeyKPAdd, ebiten.KeyKPSubtract, ebiten.KeyEscape, ebiten.KeyBackspace, ebiten.KeyU, ebiten.KeyArrowUp, ebiten.KeyArrowDown, ebiten.KeyEnter}
	for _, k := range keys {
		out = append(out, k.key)
	}
	return out
}

func (g *Game) input() {
	g.edge.update()
	for _, k := range keys {
		if g.edge.keyPressed(k.key) {
			g.Exec(k.cmd, 0)
		}
	}
	for _, r := range ebiten.AppendInputChars(nil) {
		switch r {
		case '+', '=':
			g.player.Faster()
		case '-', '_':
			g.player.Slower()
		case '?':
			g.Exec(layout.CmdHelp, 0)
		case 'm', 'M':
			g.reduced = !g.reduced
		case 'f', 'F':
			ebiten.SetFullscreen(!ebiten.IsFullscreen())
		case 'n', 'N': // not Tab: in the page Tab moves between the page's controls and the diagram
			g.nextConn()
		case 's', 'S':
			g.Exec(layout.CmdPicker, 0)
		case 'o', 'O':
			g.Exec(layout.CmdSettings, 0)
		case '`':
			g.Exec(layout.CmdTools, 0)
		}
		if r >= '1' && r <= '9' && int(r-'1') < len(session.Catalog(g.s)) {
			g.Exec(layout.CmdScenario, int(r-'1'))
		}
	}
	if g.edge.keyPressed(ebiten.KeyKPAdd) {
		g.player.Faster()
	}
	if g.edge.keyPressed(ebiten.KeyKPSubtract) {
		g.player.Slower()
	}
	if g.edge.keyPressed(ebiten.KeyEscape) {
		if !g.help && !g.picker && !g.set.open && !g.cancelRun() {
			g.notice = ""
		}
		g.help, g.picker, g.set.open = false, false, false
	}
	if g.picker { // the picker as a listbox: ↑ ↓ move, Enter picks
		n := len(session.Catalog(g.s))
		if g.edge.keyPressed(ebiten.KeyArrowDown) {
			g.pick = (g.pick + 1) % n
		}
		if g.edge.keyPressed(ebiten.KeyArrowUp) {
			g.pick = (g.pick + n - 1) % n
		}
		if g.edge.keyPressed(ebiten.KeyEnter) {
			g.Exec(layout.CmdScenario, g.pick)
		}
	}
	g.touch()
	cx, cy := ebiten.CursorPosition()
	g.mx, g.my = float64(cx), float64(cy)
	g.toolWheel()
	s := g.in.Scale
	h, ok := g.frame.HitTest(g.mx, g.my, s)
	g.hover = -1
	g.linkCursor(ok && h.Cmd == layout.CmdSource && !g.help && !g.picker)
	if ok && h.Kind == layout.HitPacket && !g.help && !g.picker {
		g.hover = h.Index
	} else if g.pinned >= 0 { // a clicked packet keeps its detail until the next click
		g.hover = g.pinned
		g.mx, g.my = g.pinX, g.pinY
	}
	if g.edge.buttonPressed(ebiten.MouseButtonRight) && ok && !g.help && !g.picker {
		switch h.Kind {
		case layout.HitPacket:
			g.Exec(layout.CmdDropPacket, h.Index)
		case layout.HitHost:
			g.Exec(layout.CmdKillHost, h.Index)
		}
	}
	if g.edge.keyPressed(ebiten.KeyBackspace) || g.edge.keyPressed(ebiten.KeyU) {
		g.Exec(layout.CmdUndo, 0)
	}
	if g.edge.buttonPressed(ebiten.MouseButtonLeft) {
		g.pinned = -1
		if ok && h.Kind == layout.HitPacket && !g.help && !g.picker {
			g.pinned, g.pinX, g.pinY = h.Index, float64(cx), float64(cy)
		}
		switch {
		case !ok:
			g.picker = false
		case h.Kind == layout.HitCommand:
			g.Exec(h.Cmd, h.Arg)
		case g.help || g.picker:
			g.help, g.picker = false, false
		case h.Kind == layout.HitPacket:
			g.player.Pause()
			g.player.SeekTo(g.tr.Events[h.Index].T)
		case h.Kind == layout.HitDiagram:
			g.player.Pause()
			g.player.SeekTo(g.frame.DiagramTime(g.model.Warp, s, g.my))
		}
	}
	if ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft) && ok && h.Kind == layout.HitSeek && !g.help && !g.picker {
		g.player.Pause()
		g.player.SeekTo(g.frame.SeekTime(g.model, g.mx))
	}
}

// Exec runs one command (controls, keys and tests share it).
func (g *Game) Exec(c layout.Cmd, arg int) {
	p := g.player
	switch c {
	case layout.CmdToggle:
		p.Toggle()
	case layout.CmdPrev:
		p.Prev()
	case layout.CmdNext:
		p.Next()
	case layout.CmdFirst:
		p.SeekStart()
	case layout.CmdLast:
		p.SeekEnd()
	case layout.CmdSpeed:
		if p.Speed() >= 16 {
			p.SetSpeed(0.25)
		} else {
			p.Faster()
		}
	case layout.CmdPicker:
		g.picker, g.pick = !g.picker, session.Index(g.s)
	case layout.CmdScenario:
		g.picker = false
		if c, err := session.At(g.s, arg, ""); err == nil {
			g.notice = ""
			g.run(g.load(c, nil))
		}
	case layout.CmdProfile:
		profs := session.Profiles(g.s)
		if arg >= 0 && arg < len(profs) && profs[arg] != session.Profile(g.s) {
			now := p.Now()
			c, _ := session.At(g.s, session.Index(g.s), profs[arg])
			g.run(g.load(c, nil))
			g.player.SeekTo(now)
		}
	case layout.CmdLang:
		if g.lang == i18n.EN {
			g.lang = i18n.ZH
		} else {
			g.lang = i18n.EN
		}
	case layout.CmdTheme:
		if g.pal.Dark {
			g.pal = theme.Light()
		} else {
			g.pal = theme.Dark()
		}
	case layout.CmdHelp:
		g.help = !g.help
	case layout.CmdSettings:
		g.set.open = !g.set.open
	case layout.CmdReveal:
		g.reveal = !g.reveal
	case layout.CmdRestart:
		c, _ := session.At(g.s, session.Index(g.s), session.Profile(g.s))
		g.run(g.load(c, nil))
		g.player.Play()
	case layout.CmdConn:
		session.SetConn(g.s, arg, p.Now())
		g.view()
	case layout.CmdDropPacket:
		if arg >= 0 && arg < len(g.tr.Events) && g.tr.Events[arg].Kind == trace.KindPacket {
			g.run(g.fork(session.DropRule(g.tr, arg), nil))
		}
	case layout.CmdKillHost:
		if arg >= 0 && arg < len(g.model.Hosts) {
			g.run(g.fork(nil, session.KillAction(g.s, arg)))
		}
	case layout.CmdSource:
		g.openSource(arg)
	case layout.CmdDismiss:
		if !g.cancelRun() {
			g.notice = ""
		}
	case layout.CmdTools, layout.CmdTool, layout.CmdToolHost:
		g.execTools(c, arg) // tools.go
	case layout.CmdUndo:
		if session.Undo(g.s) {
			g.view()
		}
	}
}

func (g *Game) run(err error) {
	g.err = ""
	if err != nil {
		g.err = err.Error()
	}
}

// touch: tap plays or pauses (or presses the control under the finger), a drag seeks on the
// diagram or the seek bar, a long press asks "what if" of the packet or host under the finger.
func (g *Game) touch() {
	if g.gest.longTicks == 0 {
		g.gest = newGesture(g.in.Scale, ebiten.TPS())
	}
	for _, id := range g.edge.touchesPressed() {
		if !g.gest.active {
			x, y := ebiten.TouchPosition(id)
			g.gest.down(int(id), float64(x), float64(y))
		}
	}
	if !g.gest.active {
		return
	}
	id := ebiten.TouchID(g.gest.id)
	if g.edge.touchReleased(id) {
		if g.gest.up() == gestureTap {
			h, ok := g.frame.HitTest(g.gest.x0, g.gest.y0, g.in.Scale)
			if ok && h.Kind == layout.HitCommand {
				g.Exec(h.Cmd, h.Arg)
			} else {
				g.Exec(layout.CmdToggle, 0)
			}
		}
		return
	}
	x, y := ebiten.TouchPosition(id)
	switch g.gest.held(float64(x), float64(y)) {
	case gestureDrag:
		start, ok := g.frame.HitTest(g.gest.x0, g.gest.y0, g.in.Scale)
		if !ok {
			return
		}
		g.player.Pause()
		switch start.Kind {
		case layout.HitSeek:
			g.player.SeekTo(g.frame.SeekTime(g.model, g.gest.x))
		case layout.HitDiagram, layout.HitPacket:
			g.player.SeekTo(g.frame.DiagramTime(g.model.Warp, g.in.Scale, g.gest.y))
		}
	case gestureLong:
		if h, ok := g.frame.HitTest(g.gest.x, g.gest.y, g.in.Scale); ok {
			switch h.Kind {
			case layout.HitPacket:
				g.Exec(layout.CmdDropPacket, h.Index)
			case layout.HitHost:
				g.Exec(layout.CmdKillHost, h.Index)
			}
		}
	}
}

// nextConn shows the next connection of the run (the first after the last).
func (g *Game) nextConn() {
	if len(g.model.Conns) < 2 {
		return
	}
	next := g.model.Conns[0]
	for i, c := range g.model.Conns {
		if c == g.model.Conn && i+1 < len(g.model.Conns) {
			next = g.model.Conns[i+1]
		}
	}
	g.Exec(layout.CmdConn, next)
}
