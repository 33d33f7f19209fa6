package xdisplay

import (
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddresses(t *testing.T) {
	for _, c := range []struct {
		display, network string
		addrs            []string
		bad              bool
	}{
		{":0", "unix", []string{"/tmp/.X11-unix/X0", "@/tmp/.X11-unix/X0"}, false},
		{":99.0", "unix", []string{"/tmp/.X11-unix/X99", "@/tmp/.X11-unix/X99"}, false},
		{"unix:1", "unix", []string{"/tmp/.X11-unix/X1", "@/tmp/.X11-unix/X1"}, false},
		{"localhost:10.0", "tcp", []string{"localhost:6010"}, false},
		{"[::1]:2", "tcp", []string{"[::1]:6002"}, false},
		{"/private/tmp/launch-x/org.xquartz:0", "unix", []string{"/private/tmp/launch-x/org.xquartz"}, false},
		{"nonsense", "", nil, true},
		{":x", "", nil, true},
		{":-1", "", nil, true},
	} {
		network, addrs, err := addresses(c.display)
		if c.bad {
			assert.EqualError(t, err, "want host:display such as :0", c.display)
			continue
		}
		require.NoError(t, err, c.display)
		assert.Equal(t, c.network, network, c.display)
		assert.Equal(t, c.addrs, addrs, c.display)
	}
}

// A socket that listens is reached; one that is not there is not, with the dial's reason.
func TestReach(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "X")
	l, err := net.Listen("unix", sock)
	require.NoError(t, err)
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	assert.NoError(t, Reach(sock+":0"))
	missing := filepath.Join(dir, "gone")
	err = Reach(missing + ":0")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "connect: no such file or directory")
	_, statErr := os.Stat(missing)
	assert.True(t, os.IsNotExist(statErr))
	assert.EqualError(t, Reach("nonsense"), "want host:display such as :0")
}
