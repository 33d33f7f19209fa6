package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Module is what wasmsize reads from a WebAssembly binary.
type Module struct {
	FileBytes int
	DataBytes int            // size of the data section
	Imported  int            // imported functions: they come first in the function index space
	Bodies    []int          // code bytes of each defined function, in order
	Names     map[int]string // function index -> name, from the "name" custom section
}

// CodeBytes is the sum of the function bodies; 0 for a nil module.
func (m *Module) CodeBytes() int {
	if m == nil {
		return 0
	}
	n := 0
	for _, b := range m.Bodies {
		n += b
	}
	return n
}

// PackageCode sums the function bodies per Go package. The linker's name section spells a
// package path with '_' for '/' ("finwait_core_tcp.__Sock_.close"), so names are matched
// against the known package paths pkgs, longest first; a name that matches none is grouped by
// its text up to the first '.' after its first '_'.
func (m *Module) PackageCode(pkgs []string) map[string]int {
	if m == nil {
		return nil
	}
	ks := []knownPackage{{"main.", "main"}}
	for _, p := range pkgs {
		ks = append(ks, knownPackage{strings.ReplaceAll(p, "/", "_") + ".", p})
	}
	sort.Slice(ks, func(i, j int) bool { return len(ks[i].mangled) > len(ks[j].mangled) })
	out := map[string]int{}
	for i, b := range m.Bodies {
		out[packageOf(m.Names[m.Imported+i], ks)] += b
	}
	return out
}

// knownPackage is a package path and its spelling in the name section, with the dot that
// follows it.
type knownPackage struct{ mangled, path string }

func packageOf(fn string, ks []knownPackage) string {
	for _, k := range ks {
		if strings.HasPrefix(fn, k.mangled) {
			return k.path
		}
	}
	if fn == "" {
		return "?"
	}
	from := strings.IndexByte(fn, '_')
	if from < 0 {
		from = 0
	}
	if dot := strings.IndexByte(fn[from:], '.'); dot >= 0 {
		return fn[:from+dot]
	}
	return fn
}

type reader struct {
	b   []byte
	off int
}

var errShort = errors.New("unexpected end of file")

func (r *reader) byte() (byte, error) {
	if r.off >= len(r.b) {
		return 0, errShort
	}
	c := r.b[r.off]
	r.off++
	return c, nil
}

// uleb reads an unsigned LEB128 number.
func (r *reader) uleb() (int, error) {
	v, shift := 0, 0
	for {
		c, err := r.byte()
		if err != nil {
			return 0, err
		}
		v |= int(c&0x7f) << shift
		if c < 0x80 {
			return v, nil
		}
		shift += 7
		if shift > 35 {
			return 0, fmt.Errorf("LEB128 number too long at byte %d", r.off)
		}
	}
}

func (r *reader) bytes(n int) ([]byte, error) {
	if n < 0 || r.off+n > len(r.b) {
		return nil, errShort
	}
	s := r.b[r.off : r.off+n]
	r.off += n
	return s, nil
}

func (r *reader) name() (string, error) {
	n, err := r.uleb()
	if err != nil {
		return "", err
	}
	b, err := r.bytes(n)
	return string(b), err
}

// Parse reads the sections wasmsize needs: imports (to count imported functions), code, data
// and the function names.
func Parse(b []byte) (*Module, error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, errors.New("not a WebAssembly binary")
	}
	m := &Module{FileBytes: len(b), Names: map[int]string{}}
	r := &reader{b: b, off: 8}
	for r.off < len(b) {
		id, err := r.byte()
		if err != nil {
			return nil, err
		}
		size, err := r.uleb()
		if err != nil {
			return nil, err
		}
		body, err := r.bytes(size)
		if err != nil {
			return nil, fmt.Errorf("section %d: %w", id, err)
		}
		s := &reader{b: body}
		switch id {
		case 2:
			err = m.readImports(s)
		case 10:
			err = m.readCode(s)
		case 11:
			m.DataBytes = size
		case 0:
			err = m.readCustom(s)
		}
		if err != nil {
			return nil, fmt.Errorf("section %d: %w", id, err)
		}
	}
	return m, nil
}

func (m *Module) readImports(r *reader) error {
	n, err := r.uleb()
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if _, err := r.name(); err != nil {
			return err
		}
		if _, err := r.name(); err != nil {
			return err
		}
		kind, err := r.byte()
		if err != nil {
			return err
		}
		switch kind {
		case 0: // function: type index
			_, err = r.uleb()
			m.Imported++
		case 1: // table: element type, limits
			if _, err = r.byte(); err == nil {
				err = r.limits()
			}
		case 2: // memory: limits
			err = r.limits()
		case 3: // global: value type, mutability
			_, err = r.bytes(2)
		default:
			return fmt.Errorf("import %d: unknown kind %d", i, kind)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *reader) limits() error {
	flags, err := r.byte()
	if err != nil {
		return err
	}
	if _, err := r.uleb(); err != nil {
		return err
	}
	if flags&1 != 0 {
		_, err = r.uleb()
	}
	return err
}

func (m *Module) readCode(r *reader) error {
	n, err := r.uleb()
	if err != nil {
		return err
	}
	m.Bodies = make([]int, n)
	for i := range m.Bodies {
		size, err := r.uleb()
		if err != nil {
			return err
		}
		if _, err := r.bytes(size); err != nil {
			return err
		}
		m.Bodies[i] = size
	}
	return nil
}

// readCustom reads the function names (subsection 1) of the "name" section.
func (m *Module) readCustom(r *reader) error {
	name, err := r.name()
	if err != nil || name != "name" {
		return err
	}
	for r.off < len(r.b) {
		sub, err := r.byte()
		if err != nil {
			return err
		}
		size, err := r.uleb()
		if err != nil {
			return err
		}
		body, err := r.bytes(size)
		if err != nil {
			return err
		}
		if sub != 1 {
			continue
		}
		s := &reader{b: body}
		n, err := s.uleb()
		if err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			idx, err := s.uleb()
			if err != nil {
				return err
			}
			fn, err := s.name()
			if err != nil {
				return err
			}
			m.Names[idx] = fn
		}
	}
	return nil
}
