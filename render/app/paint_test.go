package app

import (
	"image/color"
	"testing"

	"github.com/stretchr/testify/assert"

	"finwait/render/layout"
)

// The painter's strokes (issue 13, power and speed: every vertex is copied by Ebiten and checked
// by WebGL each frame): a stroke of 1 px or less is two quads across (no solid middle), a wider
// one three; a rounded box's border and a circle's ring are one band whose sides and arcs share
// vertices (the border was one segment per arc step, twice the vertices, with pinholes where the
// segments' feathered ends met).
func TestStrokeVertices(t *testing.T) {
	ink := color.NRGBA{0, 0, 0, 255}
	tests := []struct {
		name         string
		shape        layout.Shape
		wantV, wantI int
	}{
		{"thin line", layout.Shape{Kind: layout.Line, P: [4]float64{0, 0, 100, 0}, Width: 1, Stroke: ink}, 6, 12},
		{"wide line", layout.Shape{Kind: layout.Line, P: [4]float64{0, 0, 100, 0}, Width: 2, Stroke: ink}, 8, 18},
		{"dashed line: 5 dashes", layout.Shape{Kind: layout.Line, P: [4]float64{0, 0, 36, 0}, Width: 1, Dash: 4, Stroke: ink}, 5 * 6, 5 * 12},
		// segments(10) = 20 steps around, 3 lines of vertices, 2 quads between neighbours
		{"thin ring", layout.Shape{Kind: layout.Circle, P: [4]float64{50, 50}, Radius: 10, Width: 1, Stroke: ink}, 20 * 3, 20 * 2 * 6},
		{"wide ring", layout.Shape{Kind: layout.Circle, P: [4]float64{50, 50}, Radius: 10, Width: 1.5, Stroke: ink}, 20 * 4, 20 * 3 * 6},
		// radius 6: 6 steps, 7 points per corner arc, 28 around
		{"rounded border", layout.Shape{Kind: layout.Box, Rect: layout.Rect{X: 10, Y: 10, W: 80, H: 30}, Radius: 6, Width: 1, Stroke: ink}, 28 * 3, 28 * 2 * 6},
		// a pill: the arcs' ends meet (zero-length sides), still one closed band
		{"pill border", layout.Shape{Kind: layout.Box, Rect: layout.Rect{X: 10, Y: 10, W: 20, H: 20}, Radius: 10, Width: 1.5, Stroke: ink}, 44 * 4, 44 * 3 * 6},
		{"square border", layout.Shape{Kind: layout.Box, Rect: layout.Rect{X: 10, Y: 10, W: 80, H: 30}, Width: 1, Stroke: ink}, 4 * 6, 4 * 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPainter(nil)
			p.paint(nil, &layout.Frame{Shapes: []layout.Shape{tc.shape}})
			assert.Equal(t, tc.wantV, p.drawnV, "vertices")
			assert.Equal(t, tc.wantI, p.drawnI, "indices")
		})
	}
}
