package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// `finwait gen` prints the scenario a seed names; the file runs with `finwait trace -file`.
func TestGenThenTrace(t *testing.T) {
	for _, flags := range [][]string{{"-seed", "5"}, {"-seed", "5", "-wild"}} {
		js, err := runCLI(append([]string{"gen"}, flags...)...)
		require.NoError(t, err)
		again, err := runCLI(append([]string{"gen"}, flags...)...)
		require.NoError(t, err)
		assert.Equal(t, js, again, "a seed names one scenario")
		f := filepath.Join(t.TempDir(), "g.json")
		require.NoError(t, os.WriteFile(f, []byte(js), 0o644))
		if len(flags) == 2 {
			assert.Contains(t, js, `"name": "gen_5"`)
			_, err = runCLI("trace", "-file", f)
			require.NoError(t, err)
		} else {
			assert.Contains(t, js, `"name": "wild_5"`)
		}
	}
	_, err := runCLI("gen", "-seed", "x")
	assert.Equal(t, ErrUsage, err)
	_, err = runCLI("gen", "extra")
	assert.Equal(t, ErrUsage, err)
}
