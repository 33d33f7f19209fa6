package app

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"finwait/render/layout"
	"finwait/render/theme"
)

// painter draws a layout.Frame with Ebiten. It holds only caches (faces, vertex buffers).
type painter struct {
	fonts *theme.Fonts
	faces map[faceKey]*text.GoXFace
	white *ebiten.Image
	vs    []ebiten.Vertex
	is    []uint16
}

type faceKey struct {
	id   theme.FontID
	size float64
}

func newPainter(f *theme.Fonts) *painter {
	w := ebiten.NewImage(3, 3)
	w.Fill(color.White)
	return &painter{fonts: f, faces: map[faceKey]*text.GoXFace{}, white: w.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)}
}

func (p *painter) face(id theme.FontID, size float64) *text.GoXFace {
	k := faceKey{id, size}
	f, ok := p.faces[k]
	if !ok {
		f = text.NewGoXFace(p.fonts.Face(id, size))
		p.faces[k] = f
	}
	return f
}

func (p *painter) paint(dst *ebiten.Image, f *layout.Frame) {
	for i := range f.Shapes {
		s := &f.Shapes[i]
		switch s.Kind {
		case layout.Line:
			p.line(dst, s)
		case layout.Box:
			p.box(dst, s)
		case layout.Circle:
			if s.Fill.A > 0 {
				vector.DrawFilledCircle(dst, float32(s.P[0]), float32(s.P[1]), float32(s.Radius), s.Fill, true)
			}
			if s.Stroke.A > 0 && s.Width > 0 {
				vector.StrokeCircle(dst, float32(s.P[0]), float32(s.P[1]), float32(s.Radius), float32(s.Width), s.Stroke, true)
			}
		case layout.Poly:
			var path vector.Path
			for j := 0; j+1 < len(s.Pts); j += 2 {
				if j == 0 {
					path.MoveTo(float32(s.Pts[j]), float32(s.Pts[j+1]))
				} else {
					path.LineTo(float32(s.Pts[j]), float32(s.Pts[j+1]))
				}
			}
			path.Close()
			p.fill(dst, &path, s.Fill)
		case layout.Text:
			op := &text.DrawOptions{}
			if s.Rot != 0 {
				op.GeoM.Rotate(s.Rot)
			}
			op.GeoM.Translate(math.Round(s.Rect.X), math.Round(s.Rect.Y))
			op.ColorScale.ScaleWithColor(s.Fill)
			text.Draw(dst, s.Str, p.face(s.Font, s.Size), op)
		}
	}
}

func (p *painter) line(dst *ebiten.Image, s *layout.Shape) {
	x1, y1, x2, y2 := s.P[0], s.P[1], s.P[2], s.P[3]
	if s.Dash <= 0 {
		vector.StrokeLine(dst, float32(x1), float32(y1), float32(x2), float32(y2), float32(s.Width), s.Stroke, true)
		return
	}
	l := math.Hypot(x2-x1, y2-y1)
	if l == 0 {
		return
	}
	ux, uy := (x2-x1)/l, (y2-y1)/l
	for d := 0.0; d < l; d += 2 * s.Dash {
		e := math.Min(d+s.Dash, l)
		vector.StrokeLine(dst, float32(x1+ux*d), float32(y1+uy*d), float32(x1+ux*e), float32(y1+uy*e), float32(s.Width), s.Stroke, true)
	}
}

func (p *painter) box(dst *ebiten.Image, s *layout.Shape) {
	r := s.Rect
	if r.W <= 0 || r.H <= 0 {
		return
	}
	if s.Radius <= 0 {
		if s.Fill.A > 0 {
			vector.DrawFilledRect(dst, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), s.Fill, false)
		}
		if s.Stroke.A > 0 && s.Width > 0 {
			vector.StrokeRect(dst, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), float32(s.Width), s.Stroke, true)
		}
		return
	}
	rad := float32(math.Min(s.Radius, math.Min(r.W, r.H)/2))
	x, y, w, h := float32(r.X), float32(r.Y), float32(r.W), float32(r.H)
	var path vector.Path
	path.MoveTo(x+rad, y)
	path.LineTo(x+w-rad, y)
	path.Arc(x+w-rad, y+rad, rad, -math.Pi/2, 0, vector.Clockwise)
	path.LineTo(x+w, y+h-rad)
	path.Arc(x+w-rad, y+h-rad, rad, 0, math.Pi/2, vector.Clockwise)
	path.LineTo(x+rad, y+h)
	path.Arc(x+rad, y+h-rad, rad, math.Pi/2, math.Pi, vector.Clockwise)
	path.LineTo(x, y+rad)
	path.Arc(x+rad, y+rad, rad, math.Pi, 3*math.Pi/2, vector.Clockwise)
	path.Close()
	if s.Fill.A > 0 {
		p.fill(dst, &path, s.Fill)
	}
	if s.Stroke.A > 0 && s.Width > 0 {
		p.vs, p.is = path.AppendVerticesAndIndicesForStroke(p.vs[:0], p.is[:0], &vector.StrokeOptions{Width: float32(s.Width)})
		p.draw(dst, s.Stroke)
	}
}

func (p *painter) fill(dst *ebiten.Image, path *vector.Path, c color.NRGBA) {
	p.vs, p.is = path.AppendVerticesAndIndicesForFilling(p.vs[:0], p.is[:0])
	p.draw(dst, c)
}

func (p *painter) draw(dst *ebiten.Image, c color.NRGBA) {
	r, g, b, a := c.RGBA()
	for i := range p.vs {
		p.vs[i].SrcX, p.vs[i].SrcY = 1, 1
		p.vs[i].ColorR = float32(r) / 0xffff
		p.vs[i].ColorG = float32(g) / 0xffff
		p.vs[i].ColorB = float32(b) / 0xffff
		p.vs[i].ColorA = float32(a) / 0xffff
	}
	op := &ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha, AntiAlias: true}
	dst.DrawTriangles(p.vs, p.is, p.white, op)
}
