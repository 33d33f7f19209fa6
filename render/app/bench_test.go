package app

import (
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
