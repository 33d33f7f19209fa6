package scenario

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Every catalog scenario and every scenario file in testdata/scenarios gives byte-identical JSON
// on three runs in each of its profiles (issue 11: a map walk once changed the order of timer
// cancellations from run to run).
func TestRunsAreByteIdentical(t *testing.T) {
	scs := Catalog()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.json"))
	if err != nil || len(files) < 5 {
		t.Fatalf("testdata/scenarios: %d files, %v", len(files), err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		scs = append(scs, sc)
	}
	for _, sc := range scs {
		for _, p := range sc.ProfilesOf() {
			var first []byte
			for i := 0; i < 3; i++ {
				tr, err := Run(sc, RunOptions{Profile: p, Seed: 1})
				if err != nil {
					t.Fatalf("%s (%s): %v", sc.Name, p, err)
				}
				js, err := tr.MarshalJSON()
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					first = js
				} else if !bytes.Equal(js, first) {
					t.Errorf("%s (%s): run %d differs from run 1", sc.Name, p, i+1)
				}
			}
		}
	}
}
