package scenario

import (
	"errors"
	"io"
)

// The limits on what a scenario may ask for, the same in every entry point (the CLI, the
// desktop app, the web page and its embed): each is checked once, here in the core, and a file
// beyond one is refused with a message that names it.
const (
	// MaxFileSize is the largest scenario file read (1 MiB): scenario files are a few kilobytes.
	// Readers stop one byte past it (ReadFile), so a stream without end (/dev/zero) costs no
	// more memory than this.
	MaxFileSize = 1 << 20

	// Horizon is when a run stops unless RunOptions.MaxTime says otherwise (4 h of virtual
	// time, far beyond any catalog scenario). An action due after a run's horizon is refused.
	Horizon Duration = 4 * 3600 * 1_000_000

	// MaxDuration is the longest duration a scenario, a URL or a message may give (4 h, the
	// horizon): anything longer could not happen within a run. Parsing refuses longer ones,
	// NaN and infinities, so every build (native and js/wasm alike) reads a duration the same way.
	MaxDuration = Horizon

	// MaxBytes bounds the byte counts of actions and application policies (send, recv,
	// read_loop, connect's request, reply) and the buffer sizes of SO_SNDBUF and SO_RCVBUF
	// (1 GiB): sequence numbers are 32 bits, and more could not be sent within a run anyway.
	MaxBytes = 1 << 30
)

// ErrTooLarge is the error for a scenario file larger than MaxFileSize.
var ErrTooLarge = errors.New("larger than 1 MiB: not a scenario file")

// ReadFile reads a scenario file from r, at most MaxFileSize bytes: one byte more is
// ErrTooLarge, and nothing past it is read.
func ReadFile(r io.Reader) ([]byte, error) { return ReadAtMost(r, ErrTooLarge) }

// ReadAtMost reads r, at most MaxFileSize bytes, for every file finwait takes (scenario files,
// packetdrill scripts): one byte more is tooLarge, and nothing past it is read.
func ReadAtMost(r io.Reader, tooLarge error) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, tooLarge
	}
	return data, nil
}
