//go:build !js

package app

import (
	"errors"
	"os/exec"
	"runtime"
)

// openURL starts the system browser on u (xdg-open, open, or the URL handler on Windows)
// without waiting for it; the browser process is reaped in the background.
func openURL(u string) error {
	name, args := "xdg-open", []string{u}
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", u}
	}
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return errors.New("starting the system browser: " + err.Error())
	}
	go cmd.Wait() //nolint:errcheck // the browser's exit status says nothing about the link
	return nil
}
