package scenario

import "testing"

// BenchmarkCatalog runs each catalog scenario with the trace on (target ≤ 50 µs each).
func BenchmarkCatalog(b *testing.B) {
	for _, sc := range Catalog() {
		p := sc.ProfilesOf()[0]
		b.Run(sc.Name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Run(sc, RunOptions{Profile: p}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
