package pkt

import (
	"errors"
	"io"

	"finwait/core/scenario"
)

// ErrTooLarge is the error for a script larger than scenario.MaxFileSize (1 MiB), the one size
// limit for every file finwait reads.
var ErrTooLarge = errors.New("larger than 1 MiB: not a packetdrill script")

// ReadScript reads a script from r, at most 1 MiB: one byte more is ErrTooLarge, and nothing
// past it is read (a stream without end, /dev/zero, costs no more memory than that).
func ReadScript(r io.Reader) ([]byte, error) { return scenario.ReadAtMost(r, ErrTooLarge) }
