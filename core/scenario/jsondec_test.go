package scenario

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// distinctKeys is an object of n distinct keys, each on a line of its own, just under the size
// cap for n = 40,000.
func distinctKeys(n int) []byte {
	var b strings.Builder
	b.WriteString("{\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `"sysctl_number_%06d": "12345"`, i)
	}
	b.WriteString("\n}")
	return []byte(b.String())
}

// The duplicate-key check is linear: a file of distinct keys just under the size cap costs
// about one check per key (a scan of the first few members, then a set), not one per pair
// (480 million for this file).
func TestDuplicateKeyCheckIsLinear(t *testing.T) {
	data := distinctKeys(31_000)
	require.Less(t, len(data), MaxFileSize)
	require.Greater(t, len(data), MaxFileSize*9/10)
	p := &jsonParser{data: data}
	v, err := p.value(0)
	require.NoError(t, err)
	require.Len(t, v.members, 31_000)
	assert.Equal(t, smallObject*(smallObject-1)/2+smallObject+(31_000-smallObject), p.keyChecks)
}

// A key given twice is found wherever it is, in a small object (a scan) or a large one (a set).
func TestDuplicateKeyFoundInLargeObjects(t *testing.T) {
	for _, c := range []struct {
		name string
		n    int // distinct keys before the repeat
		want string
	}{
		{"small", 3, `line 5, column 1: field "sysctl_number_000001" appears twice`},
		{"at the switch", smallObject, `line 18, column 1: field "sysctl_number_000001" appears twice`},
		{"large", 5000, `line 5002, column 1: field "sysctl_number_000001" appears twice`},
	} {
		data := distinctKeys(c.n)
		data = append(data[:len(data)-2], ",\n\"sysctl_number_000001\": \"1\"\n}"...)
		_, err := parseJSON(data)
		require.Error(t, err, c.name)
		assert.Equal(t, c.want, err.Error(), c.name)
	}
}

// BenchmarkParseDistinctKeys parses a file of distinct keys just under the size cap (it took
// 55 s when the duplicate check compared each key with every earlier one).
func BenchmarkParseDistinctKeys(b *testing.B) {
	data := distinctKeys(31_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parseJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}
