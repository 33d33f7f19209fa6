package shotcheck

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// desktop -pkt runs a packetdrill script, prints each line's verdict (met, or expected and got)
// and shows the run: here a screenshot of it (the marks themselves: render/layout TestExpectMarks).
func TestDesktopPkt(t *testing.T) {
	bin := os.Getenv("FINWAIT_DESKTOP")
	if bin == "" {
		t.Skip("FINWAIT_DESKTOP is not set: run `make test-render`")
	}
	shot := filepath.Join(t.TempDir(), "pkt.png")
	script := "../app/testdata/two_misses.pkt"
	out, err := exec.Command(bin, "-pkt", script, "-at", "300ms", "-screenshot", shot).Output()
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	require.Len(t, lines, 11, "one verdict per event line:\n%s", out)
	assert.Equal(t, script+":6: met: +0 > S 0:0(0) <...>", lines[2])
	assert.True(t, strings.HasPrefix(lines[7], script+":11: expected > F. 1:1(0) ack 1, got live packet field tcp_fin"), lines[7])
	assert.True(t, strings.HasPrefix(lines[10], script+":14: expected > F. 1:1(0) ack 1, got timed out waiting for packet"), lines[10])
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	assert.Equal(t, 1280, img.Bounds().Dx())
}
