// Package warp is finwait's time-warp: a monotone, piecewise-linear map from virtual time (µs) to
// a vertical axis in scale-1 pixels ("units"). Stretches with activity keep a linear scale; idle
// gaps fold into a fixed band that states the real gap. The diagram, the seek bar and playback all
// use the same map, so it lives in its own package (layout and player both import it).
package warp

import (
	"sort"
)

// Params shape the map. Zero fields take the defaults.
type Params struct {
	RefPx     float64 // height of the trace's median gap between key times
	MinStepPx float64 // least height between two distinct key times (labels need room)
	MaxLinear float64 // a gap taller than this at the linear scale becomes an idle band
	BandPx    float64 // height of an idle band
	TopPx     float64 // room above the first key time
}

// Defaults are the design's proportions at scale 1 (20 ms ≈ 50 px in normal_active_close).
var Defaults = Params{RefPx: 50, MinStepPx: 28, MaxLinear: 110, BandPx: 32, TopPx: 0}

func (p Params) withDefaults() Params {
	d := Defaults
	if p.RefPx > 0 {
		d.RefPx = p.RefPx
	}
	if p.MinStepPx > 0 {
		d.MinStepPx = p.MinStepPx
	}
	if p.MaxLinear > 0 {
		d.MaxLinear = p.MaxLinear
	}
	if p.BandPx > 0 {
		d.BandPx = p.BandPx
	}
	d.TopPx = p.TopPx
	return d
}

// Knot is a key time and its position.
type Knot struct {
	T int64
	Y float64
}

// Band is an idle gap folded into a fixed height: from key time T0 (at Y0) to T1 (at Y1).
type Band struct {
	T0, T1 int64
	Y0, Y1 float64
}

// Gap is the real idle time the band stands for.
func (b Band) Gap() int64 { return b.T1 - b.T0 }

// Warp is the map. Build it once per (trace, connection); it is read-only afterwards.
type Warp struct {
	Knots   []Knot
	Bands   []Band
	PxPerUs float64 // the linear scale
}

// Build makes the map for the given key times (any order, duplicates allowed).
func Build(times []int64, p Params) *Warp {
	p = p.withDefaults()
	ts := append([]int64(nil), times...)
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	uniq := ts[:0]
	for i, t := range ts {
		if i == 0 || t != ts[i-1] {
			uniq = append(uniq, t)
		}
	}
	w := &Warp{}
	if len(uniq) == 0 {
		uniq = []int64{0}
	}
	gaps := make([]int64, 0, len(uniq))
	for i := 1; i < len(uniq); i++ {
		gaps = append(gaps, uniq[i]-uniq[i-1])
	}
	med := int64(20000)
	if len(gaps) > 0 {
		s := append([]int64(nil), gaps...)
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		med = s[len(s)/2]
		if med <= 0 {
			med = 1
		}
	}
	w.PxPerUs = p.RefPx / float64(med)
	y := p.TopPx
	w.Knots = make([]Knot, 0, len(uniq))
	w.Knots = append(w.Knots, Knot{uniq[0], y})
	for i := 1; i < len(uniq); i++ {
		g := uniq[i] - uniq[i-1]
		h := float64(g) * w.PxPerUs
		if h > p.MaxLinear {
			w.Bands = append(w.Bands, Band{T0: uniq[i-1], T1: uniq[i], Y0: y, Y1: y + p.BandPx})
			h = p.BandPx
		} else if h < p.MinStepPx {
			h = p.MinStepPx
		}
		y += h
		w.Knots = append(w.Knots, Knot{uniq[i], y})
	}
	return w
}

// Start and End are the first and last key times.
func (w *Warp) Start() int64 { return w.Knots[0].T }

// End is the last key time.
func (w *Warp) End() int64 { return w.Knots[len(w.Knots)-1].T }

// Height is the total height in units.
func (w *Warp) Height() float64 { return w.Knots[len(w.Knots)-1].Y }

// Y maps a virtual time to units; times outside the key range are clamped.
func (w *Warp) Y(t int64) float64 {
	k := w.Knots
	if t <= k[0].T {
		return k[0].Y
	}
	if t >= k[len(k)-1].T {
		return k[len(k)-1].Y
	}
	i := sort.Search(len(k), func(i int) bool { return k[i].T > t }) // k[i-1].T <= t < k[i].T
	a, b := k[i-1], k[i]
	return a.Y + (b.Y-a.Y)*float64(t-a.T)/float64(b.T-a.T)
}

// T maps units back to virtual time (the inverse of Y; clamped to the key range).
func (w *Warp) T(y float64) int64 {
	k := w.Knots
	if y <= k[0].Y {
		return k[0].T
	}
	if y >= k[len(k)-1].Y {
		return k[len(k)-1].T
	}
	i := sort.Search(len(k), func(i int) bool { return k[i].Y > y })
	a, b := k[i-1], k[i]
	return a.T + int64(float64(b.T-a.T)*(y-a.Y)/(b.Y-a.Y)+0.5)
}

// BandAt returns the band containing t strictly inside, if any.
func (w *Warp) BandAt(t int64) (Band, bool) {
	i := sort.Search(len(w.Bands), func(i int) bool { return w.Bands[i].T1 > t })
	if i < len(w.Bands) && w.Bands[i].T0 < t {
		return w.Bands[i], true
	}
	return Band{}, false
}
