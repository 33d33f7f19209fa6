package app

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"finwait/render/layout"
	"finwait/render/theme"
)

// painter draws a layout.Frame with Ebiten. Shapes become triangles with a half-pixel feathered
// edge (anti-aliasing in the geometry itself) and text becomes textured quads from the glyph
// atlas (glyphs.go), all in one vertex batch: Ebiten's own AntiAlias option renders through a 2×
// offscreen image and flushes it at every switch between shapes and text, which under Xvfb's
// software GL cost ~0.7 s a frame.
type painter struct {
	fonts *theme.Fonts
	atlas *glyphAtlas
	vs    []ebiten.Vertex
	is    []uint16
	pts   []float64
	// drawn counts the vertices and indices flushed (benchmarks and tests)
	drawnV, drawnI int
}

// maxBatchVertices flushes the batch before its uint16 indices could overflow.
const maxBatchVertices = 60000

type faceKey struct {
	id   theme.FontID
	size float64
}

func newPainter(f *theme.Fonts) *painter {
	return &painter{fonts: f, atlas: newGlyphAtlas(f)}
}

func (p *painter) paint(dst *ebiten.Image, f *layout.Frame) {
	for i := range f.Shapes {
		s := &f.Shapes[i]
		switch s.Kind {
		case layout.Line:
			p.line(s)
		case layout.Box:
			p.box(s)
		case layout.Circle:
			if s.Fill.A > 0 {
				p.disc(s.P[0], s.P[1], s.Radius, s.Fill)
			}
			if s.Stroke.A > 0 && s.Width > 0 {
				p.band([][3]float64{{s.P[0], s.P[1], 0}}, 2*math.Pi, segments(s.Radius), 0, s.Radius, s.Width, s.Stroke)
			}
		case layout.Poly:
			p.convex(s.Pts, s.Fill)
		case layout.Text:
			p.text(dst, s.Str, s.Font, s.Size, s.Rect.X, s.Rect.Y, s.Rot, s.Fill)
		}
		if len(p.vs) > maxBatchVertices {
			p.flush(dst)
		}
	}
	p.flush(dst)
}

// flush draws the batch onto dst and empties it; a nil dst only empties it (benchmarks measure
// the vertex building without Ebiten's command queue, which only a frame's end drains).
func (p *painter) flush(dst *ebiten.Image) {
	if len(p.is) == 0 {
		return
	}
	p.drawnV, p.drawnI = p.drawnV+len(p.vs), p.drawnI+len(p.is)
	if dst != nil {
		dst.DrawTriangles(p.vs, p.is, p.atlas.img, &ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha})
	}
	p.vs, p.is = p.vs[:0], p.is[:0]
}

// vertex appends a shape vertex (sampling the atlas's white block) of colour c at coverage a
// and returns its index. Not inlined (nor texVertex): each of the dozen call sites would carry
// a copy, 2 KB of the page gzipped, for a call that costs nanoseconds.
//
//go:noinline
func (p *painter) vertex(x, y float64, c color.NRGBA, a float64) uint16 {
	al := float32(c.A) / 255 * float32(a)
	p.vs = append(p.vs, ebiten.Vertex{DstX: float32(x), DstY: float32(y), SrcX: whiteX, SrcY: whiteY,
		ColorR: float32(c.R) / 255 * al, ColorG: float32(c.G) / 255 * al, ColorB: float32(c.B) / 255 * al, ColorA: al})
	return uint16(len(p.vs) - 1)
}

// texVertex appends a glyph vertex: atlas texel (sx, sy), tinted with c.
//
//go:noinline
func (p *painter) texVertex(x, y, sx, sy float64, c color.NRGBA) uint16 {
	al := float32(c.A) / 255
	p.vs = append(p.vs, ebiten.Vertex{DstX: float32(x), DstY: float32(y), SrcX: float32(sx), SrcY: float32(sy),
		ColorR: float32(c.R) / 255 * al, ColorG: float32(c.G) / 255 * al, ColorB: float32(c.B) / 255 * al, ColorA: al})
	return uint16(len(p.vs) - 1)
}

func (p *painter) quad(a, b, c, d uint16) { p.is = append(p.is, a, b, c, a, c, d) }

// segment is a feathered stroke from (x1,y1) to (x2,y2): across it, coverage rises from 0 to
// its core over the outer half pixel on each side (profile): two or three quads.
func (p *painter) segment(x1, y1, x2, y2, w float64, c color.NRGBA) {
	l := math.Hypot(x2-x1, y2-y1)
	if l == 0 {
		return
	}
	nx, ny := -(y2-y1)/l, (x2-x1)/l
	offs, alpha, n := profile(w)
	base := uint16(len(p.vs))
	for i := 0; i < n; i++ {
		p.vertex(x1+nx*offs[i], y1+ny*offs[i], c, alpha[i])
		p.vertex(x2+nx*offs[i], y2+ny*offs[i], c, alpha[i])
	}
	for i := uint16(0); i < uint16(n-1); i++ {
		a := base + 2*i
		p.quad(a, a+2, a+3, a+1)
	}
}

func (p *painter) line(s *layout.Shape) {
	x1, y1, x2, y2 := s.P[0], s.P[1], s.P[2], s.P[3]
	if s.Dash <= 0 {
		p.segment(x1, y1, x2, y2, s.Width, s.Stroke)
		return
	}
	l := math.Hypot(x2-x1, y2-y1)
	if l == 0 {
		return
	}
	ux, uy := (x2-x1)/l, (y2-y1)/l
	for d := 0.0; d < l; d += 2 * s.Dash {
		e := math.Min(d+s.Dash, l)
		p.segment(x1+ux*d, y1+uy*d, x1+ux*e, y1+uy*e, s.Width, s.Stroke)
	}
}

func segments(r float64) int { return int(math.Max(12, math.Min(64, r*2))) }

func (p *painter) disc(cx, cy, r float64, c color.NRGBA) {
	n := segments(r)
	p.pts = p.pts[:0]
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		p.pts = append(p.pts, cx+r*math.Cos(a), cy+r*math.Sin(a))
	}
	p.convex(p.pts, c)
}

// band strokes a closed contour made of arcs of radius r (a feathered band from r-w/2 to r+w/2):
// arc k turns about centre cs[k][0], cs[k][1] from angle cs[k][2] by span in steps, with its
// end point when ends is 1 (a rounded box's corners, joined by its straight sides) or without
// it when 0 (a circle: one arc whose end is its start). Vertices lie on the arcs' radii, so the
// sides and corners share them and no join is blended twice.
func (p *painter) band(cs [][3]float64, span float64, steps, ends int, r, w float64, c color.NRGBA) {
	offs, alpha, lines := profile(w)
	base, n := uint16(len(p.vs)), 0
	for _, k := range cs {
		for i := 0; i < steps+ends; i++ {
			a := k[2] + span*float64(i)/float64(steps)
			for j := 0; j < lines; j++ {
				rr := math.Max(r+offs[j], 0)
				p.vertex(k[0]+rr*math.Cos(a), k[1]+rr*math.Sin(a), c, alpha[j])
			}
			n++
		}
	}
	for i := 0; i < n; i++ {
		a, b := base+uint16(i*lines), base+uint16((i+1)%n*lines)
		for k := uint16(0); k < uint16(lines-1); k++ {
			p.quad(a+k, a+k+1, b+k+1, b+k)
		}
	}
}

// convex fills a convex polygon (x y pairs) with a half-pixel feathered edge.
func (p *painter) convex(pts []float64, c color.NRGBA) {
	n := len(pts) / 2
	if n < 3 {
		return
	}
	var cx, cy float64
	for i := 0; i < n; i++ {
		cx += pts[2*i]
		cy += pts[2*i+1]
	}
	cx, cy = cx/float64(n), cy/float64(n)
	centre := p.vertex(cx, cy, c, 1)
	base := uint16(len(p.vs))
	for i := 0; i < n; i++ {
		x, y := pts[2*i], pts[2*i+1]
		// push each corner half a pixel outwards from the centre (in) and inwards (out)
		dx, dy := x-cx, y-cy
		l := math.Hypot(dx, dy)
		if l == 0 {
			l = 1
		}
		ox, oy := dx/l*0.5, dy/l*0.5
		p.vertex(x-ox, y-oy, c, 1)
		p.vertex(x+ox, y+oy, c, 0)
	}
	for i := 0; i < n; i++ {
		j := (i + 1) % n
		in0, out0 := base+uint16(2*i), base+uint16(2*i+1)
		in1, out1 := base+uint16(2*j), base+uint16(2*j+1)
		p.is = append(p.is, centre, in0, in1)
		p.quad(in0, out0, out1, in1)
	}
}

// roundCorners are a rounded box's corner arcs, clockwise from the top right: centre and start
// angle of each quarter turn, the radius (at most half the shorter side) and the steps per arc.
func roundCorners(r layout.Rect, rad float64) (cs [4][3]float64, rr float64, steps int) {
	rad = math.Min(rad, math.Min(r.W, r.H)/2)
	cs = [4][3]float64{{r.X + r.W - rad, r.Y + rad, -math.Pi / 2}, {r.X + r.W - rad, r.Y + r.H - rad, 0}, {r.X + rad, r.Y + r.H - rad, math.Pi / 2}, {r.X + rad, r.Y + rad, math.Pi}}
	return cs, rad, int(math.Max(3, math.Min(10, rad)))
}

func (p *painter) box(s *layout.Shape) {
	r := s.Rect
	if r.W <= 0 || r.H <= 0 {
		return
	}
	if s.Radius <= 0 {
		if s.Fill.A > 0 {
			a := p.vertex(r.X, r.Y, s.Fill, 1)
			b := p.vertex(r.X+r.W, r.Y, s.Fill, 1)
			c := p.vertex(r.X+r.W, r.Y+r.H, s.Fill, 1)
			d := p.vertex(r.X, r.Y+r.H, s.Fill, 1)
			p.quad(a, b, c, d)
		}
		if s.Stroke.A > 0 && s.Width > 0 {
			hw := s.Width / 2
			p.segment(r.X-hw, r.Y, r.X+r.W+hw, r.Y, s.Width, s.Stroke)
			p.segment(r.X-hw, r.Y+r.H, r.X+r.W+hw, r.Y+r.H, s.Width, s.Stroke)
			p.segment(r.X, r.Y+hw, r.X, r.Y+r.H-hw, s.Width, s.Stroke)
			p.segment(r.X+r.W, r.Y+hw, r.X+r.W, r.Y+r.H-hw, s.Width, s.Stroke)
		}
		return
	}
	cs, rad, steps := roundCorners(r, s.Radius)
	if s.Fill.A > 0 {
		p.pts = p.pts[:0]
		for _, k := range cs {
			for i := 0; i <= steps; i++ {
				a := k[2] + math.Pi/2*float64(i)/float64(steps)
				p.pts = append(p.pts, k[0]+rad*math.Cos(a), k[1]+rad*math.Sin(a))
			}
		}
		p.convex(p.pts, s.Fill)
	}
	if s.Stroke.A > 0 && s.Width > 0 {
		p.band(cs[:], math.Pi/2, steps, 1, rad, s.Width, s.Stroke)
	}
}

// profile is a feathered stroke's cross-section: offsets from the centre line and coverage at
// each, outermost first; a stroke of 1 px or less has no solid middle (n = 3 lines, not 4).
func profile(w float64) (offs, alpha [4]float64, n int) {
	hw := w / 2
	inner, outer, core := math.Max(hw-0.5, 0), hw+0.5, math.Min(1, w)
	offs, alpha, n = [4]float64{-outer, -inner, inner, outer}, [4]float64{0, core, core, 0}, 4
	if inner == 0 {
		offs[2], alpha[2], n = outer, 0, 3
	}
	return offs, alpha, n
}
