package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// section appends one section: id, LEB128 size, body (bodies here are shorter than 128 bytes).
func section(id byte, body ...byte) []byte { return append([]byte{id, byte(len(body))}, body...) }

func str(s string) []byte { return append([]byte{byte(len(s))}, s...) }

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// tinyModule: one imported function, two defined ones of 3 and 5 code bytes, a 4-byte data
// section, and names for all three.
func tinyModule() []byte {
	imports := cat([]byte{1}, str("go"), str("debug"), []byte{0, 0})
	code := cat([]byte{2}, []byte{3, 0, 0x01, 0x0b}, []byte{5, 0, 0x01, 0x01, 0x01, 0x0b})
	names := cat([]byte{3},
		[]byte{0}, str("runtime.debug"),
		[]byte{1}, str("finwait_core_tcp.__Sock_.close"),
		[]byte{2}, str("github.com_golang_freetype_raster.__Rasterizer_.Add1"))
	custom := cat(str("name"), []byte{1, byte(len(names))}, names)
	return cat([]byte("\x00asm\x01\x00\x00\x00"),
		section(2, imports...), section(10, code...), section(11, 1, 2, 3, 4), section(0, custom...))
}

func TestParseCountsCodePerPackage(t *testing.T) {
	m, err := Parse(tinyModule())
	require.NoError(t, err)
	assert.Equal(t, 1, m.Imported)
	assert.Equal(t, []int{3, 5}, m.Bodies)
	assert.Equal(t, 4, m.DataBytes)
	assert.Equal(t, 8, m.CodeBytes())
	assert.Equal(t, map[string]int{"finwait/core/tcp": 3, "github.com/golang/freetype/raster": 5},
		m.PackageCode([]string{"finwait/core/tcp", "finwait/core", "github.com/golang/freetype/raster"}))
	// without the package list: up to the first dot after the first underscore
	assert.Equal(t, map[string]int{"finwait_core_tcp": 3, "github.com_golang_freetype_raster": 5}, m.PackageCode(nil))
}

func TestParseRejectsBadInput(t *testing.T) {
	_, err := Parse([]byte("\x7fELF...."))
	assert.ErrorContains(t, err, "not a WebAssembly binary")
	b := tinyModule()
	_, err = Parse(b[:len(b)-5])
	assert.ErrorContains(t, err, "unexpected end of file")
}

func TestRunReportsGrowth(t *testing.T) {
	var out strings.Builder
	// the same module as app and baseline: no growth, so no package lines
	dir := t.TempDir()
	p := dir + "/m.wasm"
	require.NoError(t, writeFile(p, tinyModule()))
	require.NoError(t, run(&out, 10, nil, []string{p, p}))
	assert.Contains(t, out.String(), "code")
	assert.NotContains(t, out.String(), "finwait_core_tcp")
	out.Reset()
	require.NoError(t, run(&out, 10, nil, []string{p}))
	assert.Contains(t, out.String(), "         5  github.com_golang_freetype_raster\n         3  finwait_core_tcp\n")
}

func writeFile(p string, b []byte) error { return os.WriteFile(p, b, 0o644) }
