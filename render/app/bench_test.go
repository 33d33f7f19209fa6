package app

import (
	"os"
	"testing"

	"finwait/render/source"
)

// BenchmarkUpdate1000 is the app's Update (input, playback, layout) with a 1000-packet trace,
// playing at 16×. Draw is measured in the real loop (desktop -frames).
func BenchmarkUpdate1000(b *testing.B) {
	g := newShotGame(b, source.Bulk(1000), 0)
	g.opt.Shot = ""
	g.player.SetSpeed(16)
	for i := 0; i < b.N; i++ {
		if !g.player.Playing() {
			g.player.Play()
		}
		if err := g.Update(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFramePlaying is one frame of playback of the catalog's largest scenario at 1280×800:
// the player advances a 60th of a second, the frame is laid out and its vertices are built (not
// handed to Ebiten: inside one Update its command queue would only grow). The page's own script
// time per frame while playing is mostly this.
func BenchmarkFramePlaying(b *testing.B) {
	g, err := New(Options{Scenario: "port_exhaustion", Shot: os.DevNull, ShotW: 1280, ShotH: 800})
	if err != nil {
		b.Fatal(err)
	}
	g.player.Play()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !g.player.Playing() {
			g.player.SeekTo(0)
			g.player.Play()
		}
		g.player.Advance(1.0 / 60)
		g.layout()
		g.painter().paint(nil, g.frame)
	}
	b.ReportMetric(float64(g.paint.drawnV)/float64(b.N), "vertices/op")
	b.ReportMetric(float64(g.paint.drawnI)/float64(b.N), "indices/op")
}
