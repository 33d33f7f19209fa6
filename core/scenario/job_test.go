package scenario

import (
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A run carried out in slices (Job) is the same run: byte-identical traces for every catalog
// scenario in every profile, whatever the slice, and the same errors.
func TestJobSlicesGiveTheSameRun(t *testing.T) {
	for _, sc := range Catalog() {
		for _, prof := range sc.ProfilesOf() {
			opt := RunOptions{Profile: prof, Seed: 1}
			want, err := Run(sc, opt)
			require.NoError(t, err, sc.Name)
			wantJSON, err := want.MarshalJSON()
			require.NoError(t, err)
			for _, slice := range []uint64{1, 7, 1000} {
				j, err := Start(sc, opt)
				require.NoError(t, err)
				slices := 1
				for !j.Advance(slice) {
					slices++
				}
				got, err := j.Result()
				require.NoError(t, err, "%s %s slice %d", sc.Name, prof, slice)
				gotJSON, err := got.MarshalJSON()
				require.NoError(t, err)
				assert.Equal(t, string(wantJSON), string(gotJSON), "%s %s slice %d", sc.Name, prof, slice)
				_, steps := j.Progress()
				if slice == 1 {
					// one event a slice, plus the slice that finds nothing left
					assert.Equal(t, int(steps)+1, slices, "%s %s", sc.Name, prof)
				}
			}
		}
	}
}

// A run that hits its step bound fails the same way sliced, and Progress says how far it got.
func TestJobBoundAndProgress(t *testing.T) {
	data, err := os.ReadFile("../../testdata/long/heavy_read_loop.json")
	require.NoError(t, err)
	sc, err := Parse(data)
	require.NoError(t, err)
	opt := RunOptions{MaxSteps: 50_000}
	_, runErr := Run(sc, opt)
	require.True(t, errors.Is(runErr, ErrRunTooLong), "%v", runErr)
	j, err := Start(sc, opt)
	require.NoError(t, err)
	assert.False(t, j.Advance(20_000))
	now, steps := j.Progress()
	assert.Equal(t, uint64(20_000), steps)
	assert.Greater(t, now, int64(100_000), "the read loop has started at 100 ms")
	assert.True(t, j.Advance(0))
	_, err = j.Result()
	assert.Equal(t, runErr.Error(), err.Error())
	_, err = Start(Scenario{}, opt)
	assert.EqualError(t, err, "name: scenario has no name")
}
