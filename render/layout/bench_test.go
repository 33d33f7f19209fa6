package layout

import (
	"testing"

	"github.com/stretchr/testify/require"

	"finwait/render/source"
)

// largest is the catalog's scenario with the most trace events (the page's heaviest frame).
const largest = "port_exhaustion"

// BenchmarkBuildPlaying lays out the catalog's largest scenario as playback does: one frame per
// 60th of a second of its time-warped axis at 1×, the cursor sweeping the whole run, 1280×800.
func BenchmarkBuildPlaying(b *testing.B) {
	sc, err := source.Lookup(largest)
	require.NoError(b, err)
	tr, err := source.Run(sc, source.RunOptions{})
	require.NoError(b, err)
	m := Prepare(tr, -1)
	in := input(m, 0, false)
	in.Playing = true
	f := &Frame{}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in.Now = tr.EndUs * int64(i%600) / 600
		f = Build(in, f)
	}
}
