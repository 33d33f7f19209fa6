package layout

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"finwait/render/i18n"
	"finwait/render/theme"
)

// A phone held upright (390×844 CSS px at device scale 3) is laid out at a scale of at least 0.6,
// the diagram above and the panel below at a larger scale: the kernel path's explanation whole, in
// text at least 1.25 times the diagram's, and the sockets' state, every text of the panel inside
// the window and above the transport bar, none overlapping another. Held sideways (844×390) the
// panel stands beside the diagram (at 0.75), its explanation and state as whole and uncut.
func TestPhoneLayouts(t *testing.T) {
	for _, size := range [][3]float64{{390 * 3, 844 * 3, 3}, {844 * 3, 390 * 3, 3}, {390, 844, 1}} {
		scale := FitScale(size[0], size[1], size[2])
		assert.GreaterOrEqual(t, scale/size[2], 0.6, "%v", size)
		upright := size[1] > size[0]
		for _, lang := range i18n.Langs() {
			for name, ms := range models(t) {
				m := ms[0]
				for _, now := range m.Moments {
					in := input(m, now, false)
					in.W, in.H, in.Scale, in.Lang = size[0], size[1], scale, lang
					f := Build(in, nil)
					where := name + " at " + TimeText(now) + " " + string(lang)
					if !assert.Greater(t, f.Panel.H, 0.0, where) {
						return
					}
					if upright {
						assert.Equal(t, f.Diagram.Y+f.Diagram.H, f.Panel.Y, "%s: the panel right below the diagram", where)
						assert.Equal(t, in.W, f.Diagram.W, where)
					} else {
						assert.Equal(t, f.Diagram.X+f.Diagram.W, f.Panel.X, "%s: the panel beside the diagram", where)
					}
					var all strings.Builder
					var boxes []Rect
					var strs []string
					explainPx := 0.0
					path := m.snapshot(now).path
					explain := ""
					if path >= 0 {
						e := &m.Trace.Events[path]
						explain = i18n.Explain(lang, e.Fn, e.Branch)
					}
					for _, s := range f.Shapes {
						if s.Kind != Text || s.Str == "" || s.Rect.Y < f.Panel.Y {
							continue
						}
						w, h := fonts.Width(s.Font, s.Size, s.Str), fonts.LineHeight(s.Font, s.Size)
						r := Rect{s.Rect.X, s.Rect.Y + 1, w, h - 2}
						if r.Y > f.Panel.Y+f.Panel.H || r.X < f.Panel.X {
							continue // the transport bar
						}
						assert.True(t, r.X >= 0 && r.X+r.W <= in.W+0.5 && r.Y+r.H <= f.Panel.Y+f.Panel.H, "%s: %q at %+v runs out of the panel %+v", where, s.Str, r, f.Panel)
						all.WriteString(s.Str)
						boxes, strs = append(boxes, r), append(strs, s.Str)
						if explain != "" && strings.Contains(strings.ReplaceAll(explain, " ", ""), strings.ReplaceAll(s.Str, " ", "")) && s.Font == theme.UI {
							explainPx = s.Size
						}
					}
					got := strings.ReplaceAll(all.String(), " ", "")
					assert.Contains(t, got, strings.ReplaceAll(explain, " ", ""), "%s: the explanation whole", where)
					assert.Contains(t, got, i18n.Msg(lang, i18n.RowState), "%s: the sockets' state", where)
					if explain != "" && upright {
						assert.GreaterOrEqual(t, explainPx, 1.25*theme.SizeBody*scale, "%s: the explanation's text larger than the diagram's", where)
					}
					for i := range boxes {
						for j := i + 1; j < len(boxes); j++ {
							assert.False(t, boxes[i].Overlaps(boxes[j]), "%s: %q and %q overlap", where, strs[i], strs[j])
						}
					}
				}
			}
		}
	}
}
