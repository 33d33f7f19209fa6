// Package xdisplay finds and dials the X server a DISPLAY value names (no Xlib: the standard
// library only, so internal/displaycheck can run it before Ebiten initialises).
package xdisplay

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// dialTimeout bounds the wait for a display on another host (ssh -X forwards to localhost:10).
const dialTimeout = 2 * time.Second

// Reach connects to the X server that display names (":0", ":1.0", "unix:0", "host:10.0",
// "/path/to/socket:0") and hangs up; the error says why it could not. It checks only that a server
// listens there: GLFW (under Ebiten) panics when the connection fails, a check this cheap keeps
// that to a plain message.
func Reach(display string) error {
	network, addrs, err := addresses(display)
	if err != nil {
		return err
	}
	var first error
	for _, a := range addrs {
		c, err := net.DialTimeout(network, a, dialTimeout)
		if err == nil {
			c.Close()
			return nil
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// addresses is where an X server for display listens: Xlib's rules (XOpenDisplay): an empty
// host or "unix" is the local socket /tmp/.X11-unix/X<n> (also in the abstract namespace on
// Linux), a path before the colon is that socket, anything else is TCP port 6000+n on that host.
func addresses(display string) (network string, addrs []string, err error) {
	i := strings.LastIndex(display, ":")
	if i < 0 {
		return "", nil, fmt.Errorf("want host:display such as :0")
	}
	host, rest := display[:i], display[i+1:]
	num, _, _ := strings.Cut(rest, ".") // the screen after the dot does not matter here
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || n > 59535 {
		return "", nil, fmt.Errorf("want host:display such as :0")
	}
	switch {
	case strings.HasPrefix(host, "/"):
		return "unix", []string{display[:i]}, nil
	case host == "" || host == "unix":
		sock := "/tmp/.X11-unix/X" + num
		return "unix", []string{sock, "@" + sock}, nil
	}
	return "tcp", []string{net.JoinHostPort(strings.Trim(host, "[]"), strconv.Itoa(6000+n))}, nil
}
