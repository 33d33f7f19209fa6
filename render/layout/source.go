package layout

import (
	"strings"

	"finwait/core/xref"
	"finwait/render/i18n"
	"finwait/render/theme"
)

// CmdSource opens a kernel function's source: Arg is the index of a trace event whose Fn names
// it; the app builds the address with xref.URL for the profile on screen (issue 14).
const CmdSource Cmd = "source"

// fnLinks makes each kernel function name in a line drawn at (x, y) in the mono label font a
// CmdSource region: words of the line that are keys of ev (function name → event index).
func (b *builder) fnLinks(line string, x, y float64, ev map[string]int) {
	pos := 0
	for _, w := range strings.Split(line, " ") {
		if i, ok := ev[w]; ok {
			b.fnLink(x+b.width(line[:pos], theme.Mono, theme.SizeLabel), y, w, i)
		}
		pos += len(w) + 1
	}
}

// fnLink makes fn, drawn at (x, y) in the mono label font, a CmdSource region for event i.
func (b *builder) fnLink(x, y float64, fn string, i int) {
	if xref.Ident(fn) {
		b.cmd(Rect{x, y, b.width(fn, theme.Mono, theme.SizeLabel), b.lineH(theme.Mono, theme.SizeLabel)}, CmdSource, i)
	}
}

// sourceTip underlines the function name under the pointer and says what a click does.
func (b *builder) sourceTip() {
	m := b.in.Model
	v, ok := xref.Version(b.in.Profile)
	for _, h := range b.f.Hits {
		if h.Cmd != CmdSource || !ok || !h.Box.Contains(b.in.MouseX, b.in.MouseY) || h.Arg >= len(m.Trace.Events) {
			continue
		}
		r := h.Box
		b.line(r.X, r.Y+r.H-b.px(1), r.X+r.W, r.Y+r.H-b.px(1), b.px(1), b.p.Ink, 0)
		b.tipBox(r, b.msg(i18n.SourceHint, m.Trace.Events[h.Arg].Fn, v))
		return
	}
}
