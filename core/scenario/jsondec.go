package scenario

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Scenario files are decoded here rather than by encoding/json, for two reasons. The web page
// opens scenario files, and encoding/json would add about 0.1 MB gzip to its .wasm (see
// docs/web-size.md). And every error can say where it is — line, column and the field's path,
// as in `line 4, column 12: hosts[0].hz: want a whole number, got "fast"`.
//
// The decoder reads RFC 8259 JSON into a tree of values that remember their offsets, then fills
// the Go value by reflection over its `json` field tags: structs (unknown fields are errors),
// slices, string-keyed maps, pointers, strings, whole numbers, booleans, and Duration (a Go
// duration string or a number of seconds).

// jsonValue is one parsed JSON value and where it starts in the file.
type jsonValue struct {
	kind    byte // '{', '[', '"', 'n' (number), 't'/'f' (boolean), '0' (null)
	off     int
	str     string // string contents, or a number's text
	items   []jsonValue
	members []jsonMember
}

type jsonMember struct {
	key string
	off int
	val jsonValue
}

// fileError is an error at a place in the file.
type fileError struct {
	line, col int
	path      string
	msg       string
}

func (e *fileError) Error() string {
	if e.path == "" {
		return fmt.Sprintf("line %d, column %d: %s", e.line, e.col, e.msg)
	}
	return fmt.Sprintf("line %d, column %d: %s: %s", e.line, e.col, e.path, e.msg)
}

type jsonParser struct {
	data []byte
	pos  int
}

func (p *jsonParser) errAt(off int, format string, args ...any) error {
	line, col := lineCol(p.data, int64(off))
	return &fileError{line: line, col: col, msg: fmt.Sprintf(format, args...)}
}

// parseJSON reads one JSON value that makes up the whole of data.
func parseJSON(data []byte) (jsonValue, error) {
	p := &jsonParser{data: data}
	if len(data) >= 3 && string(data[:3]) == "\xef\xbb\xbf" { // a byte-order mark some editors write
		p.pos = 3
	}
	v, err := p.value(0)
	if err != nil {
		return v, err
	}
	p.space()
	if p.pos < len(p.data) {
		return v, p.errAt(p.pos, "unexpected %s after the end of the scenario", p.describe())
	}
	return v, nil
}

// maxDepth bounds nesting, so a hostile file cannot exhaust the stack.
const maxDepth = 64

func (p *jsonParser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// describe names what is at the current position, for error messages.
func (p *jsonParser) describe() string {
	if p.pos >= len(p.data) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) value(depth int) (jsonValue, error) {
	p.space()
	if depth > maxDepth {
		return jsonValue{}, p.errAt(p.pos, "nested more than %d deep", maxDepth)
	}
	start := p.pos
	if p.pos >= len(p.data) {
		return jsonValue{}, p.errAt(p.pos, "unexpected end of file: want a value")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.string()
		return jsonValue{kind: '"', off: start, str: s}, err
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case p.literal("true"):
		return jsonValue{kind: 't', off: start}, nil
	case p.literal("false"):
		return jsonValue{kind: 'f', off: start}, nil
	case p.literal("null"):
		return jsonValue{kind: '0', off: start}, nil
	default:
		return jsonValue{}, p.errAt(p.pos, "unexpected %s: want a value", p.describe())
	}
}

func (p *jsonParser) literal(word string) bool {
	if strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+len(word))]), word) {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *jsonParser) object(depth int) (jsonValue, error) {
	v := jsonValue{kind: '{', off: p.pos}
	p.pos++
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return v, p.errAt(p.pos, "unexpected %s: want a field name in double quotes", p.describe())
		}
		koff := p.pos
		key, err := p.string()
		if err != nil {
			return v, err
		}
		for _, m := range v.members {
			if m.key == key {
				return v, p.errAt(koff, "field %q appears twice", key)
			}
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return v, p.errAt(p.pos, "unexpected %s after field name %q: want ':'", p.describe(), key)
		}
		p.pos++
		val, err := p.value(depth + 1)
		if err != nil {
			return v, err
		}
		v.members = append(v.members, jsonMember{key: key, off: koff, val: val})
		p.space()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			p.pos++
			return v, nil
		}
		return v, p.errAt(p.pos, "unexpected %s in an object: want ',' or '}'", p.describe())
	}
}

func (p *jsonParser) array(depth int) (jsonValue, error) {
	v := jsonValue{kind: '[', off: p.pos}
	p.pos++
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return v, nil
	}
	for {
		item, err := p.value(depth + 1)
		if err != nil {
			return v, err
		}
		v.items = append(v.items, item)
		p.space()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			return v, nil
		}
		return v, p.errAt(p.pos, "unexpected %s in a list: want ',' or ']'", p.describe())
	}
}

func (p *jsonParser) string() (string, error) {
	start := p.pos
	p.pos++ // the opening quote
	var b strings.Builder
	for {
		if p.pos >= len(p.data) {
			return "", p.errAt(start, "string never ends")
		}
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return b.String(), nil
		case c < 0x20:
			return "", p.errAt(p.pos, "control character %#02x inside a string (write it as an escape)", c)
		case c == '\\':
			if err := p.escape(&b); err != nil {
				return "", err
			}
		default:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			if r == utf8.RuneError && size == 1 {
				return "", p.errAt(p.pos, "invalid UTF-8 inside a string")
			}
			b.WriteRune(r)
			p.pos += size
		}
	}
}

func (p *jsonParser) escape(b *strings.Builder) error {
	at := p.pos
	if p.pos+1 >= len(p.data) {
		return p.errAt(at, "string never ends")
	}
	c := p.data[p.pos+1]
	p.pos += 2
	switch c {
	case '"', '\\', '/':
		b.WriteByte(c)
		return nil
	case 'b':
		b.WriteByte('\b')
		return nil
	case 'f':
		b.WriteByte('\f')
		return nil
	case 'n':
		b.WriteByte('\n')
		return nil
	case 'r':
		b.WriteByte('\r')
		return nil
	case 't':
		b.WriteByte('\t')
		return nil
	case 'u':
	default:
		return p.errAt(at, "unknown escape \\%c", c)
	}
	r, err := p.hex4(at)
	if err != nil {
		return err
	}
	if utf16.IsSurrogate(r) && p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
		save := p.pos
		p.pos += 2
		if r2, err := p.hex4(save); err == nil {
			if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
				b.WriteRune(d)
				return nil
			}
		}
		p.pos = save
	}
	if utf16.IsSurrogate(r) {
		r = utf8.RuneError
	}
	b.WriteRune(r)
	return nil
}

func (p *jsonParser) hex4(at int) (rune, error) {
	if p.pos+4 > len(p.data) {
		return 0, p.errAt(at, "\\u escape needs four hex digits")
	}
	v, err := strconv.ParseUint(string(p.data[p.pos:p.pos+4]), 16, 16)
	if err != nil {
		return 0, p.errAt(at, "\\u escape needs four hex digits")
	}
	p.pos += 4
	return rune(v), nil
}

func (p *jsonParser) number() (jsonValue, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.data[p.pos] == '-' {
		p.pos++
	}
	intStart := p.pos
	if digits() == 0 {
		return jsonValue{}, p.errAt(start, "malformed number")
	}
	if p.data[intStart] == '0' && p.pos-intStart > 1 {
		return jsonValue{}, p.errAt(start, "malformed number: leading zero")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return jsonValue{}, p.errAt(start, "malformed number: no digits after '.'")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return jsonValue{}, p.errAt(start, "malformed number: no digits in the exponent")
		}
	}
	return jsonValue{kind: 'n', off: start, str: string(p.data[start:p.pos])}, nil
}

var (
	durationType = reflect.TypeFor[Duration]()
	refType      = reflect.TypeFor[Ref]()
)

// decoder fills Go values from a parsed file.
type decoder struct{ data []byte }

func (d *decoder) errAt(off int, path, format string, args ...any) error {
	line, col := lineCol(d.data, int64(off))
	return &fileError{line: line, col: col, path: path, msg: fmt.Sprintf(format, args...)}
}

func (v jsonValue) describe() string {
	switch v.kind {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return strconv.Quote(v.str)
	case 'n':
		return "the number " + v.str
	case 't':
		return "true"
	case 'f':
		return "false"
	}
	return "null"
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// decode stores v into out (settable); path names the field for errors.
func (d *decoder) decode(v jsonValue, out reflect.Value, path string) error {
	t := out.Type()
	if v.kind == '0' { // null leaves the zero value, as encoding/json does
		out.Set(reflect.Zero(t))
		return nil
	}
	if t == durationType {
		return d.duration(v, out, path)
	}
	if t == refType { // an inject's number: a JSON number or a string, checked by Validate
		if v.kind != 'n' && v.kind != '"' {
			return d.errAt(v.off, path, "want a number or a string such as \"next\", got %s", v.describe())
		}
		out.SetString(v.str)
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		elem := reflect.New(t.Elem())
		if err := d.decode(v, elem.Elem(), path); err != nil {
			return err
		}
		out.Set(elem)
	case reflect.Struct:
		return d.object(v, out, path)
	case reflect.Slice:
		if v.kind != '[' {
			return d.errAt(v.off, path, "want a list, got %s", v.describe())
		}
		s := reflect.MakeSlice(t, len(v.items), len(v.items))
		for i, item := range v.items {
			if err := d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		out.Set(s)
	case reflect.Map:
		if v.kind != '{' {
			return d.errAt(v.off, path, "want an object, got %s", v.describe())
		}
		if t.Key().Kind() != reflect.String {
			return d.errAt(v.off, path, "cannot decode into %s", t)
		}
		m := reflect.MakeMapWithSize(t, len(v.members))
		for _, mem := range v.members {
			val := reflect.New(t.Elem()).Elem()
			if err := d.decode(mem.val, val, join(path, mem.key)); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(mem.key).Convert(t.Key()), val)
		}
		out.Set(m)
	case reflect.String:
		if v.kind != '"' {
			return d.errAt(v.off, path, "want a string, got %s", v.describe())
		}
		out.SetString(v.str)
	case reflect.Bool:
		if v.kind != 't' && v.kind != 'f' {
			return d.errAt(v.off, path, "want true or false, got %s", v.describe())
		}
		out.SetBool(v.kind == 't')
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.kind != 'n' {
			return d.errAt(v.off, path, "want a whole number, got %s", v.describe())
		}
		n, err := strconv.ParseInt(v.str, 10, t.Bits())
		if errors.Is(err, strconv.ErrRange) {
			return d.errAt(v.off, path, "%s is out of range (%d bits)", v.str, t.Bits())
		}
		if err != nil {
			return d.errAt(v.off, path, "want a whole number, got %s", v.str)
		}
		out.SetInt(n)
	case reflect.Float32, reflect.Float64:
		if v.kind != 'n' {
			return d.errAt(v.off, path, "want a number, got %s", v.describe())
		}
		f, err := strconv.ParseFloat(v.str, t.Bits())
		if err != nil {
			return d.errAt(v.off, path, "number %s out of range", v.str)
		}
		out.SetFloat(f)
	default:
		return d.errAt(v.off, path, "cannot decode into %s", t)
	}
	return nil
}

func (d *decoder) duration(v jsonValue, out reflect.Value, path string) error {
	switch v.kind {
	case '"':
		dur, err := ParseDuration(v.str)
		if err != nil {
			return d.errAt(v.off, path, "%v", err)
		}
		out.SetInt(int64(dur))
	case 'n':
		f, err := strconv.ParseFloat(v.str, 64)
		if err != nil {
			return d.errAt(v.off, path, "number %s out of range", v.str)
		}
		out.SetInt(int64(Duration(f * 1e6)))
	default:
		return d.errAt(v.off, path, "want a duration such as \"200ms\" or a number of seconds, got %s", v.describe())
	}
	return nil
}

// object fills a struct from a JSON object by the fields' json tags; a member that names no
// field is an error, so a misspelt key never passes unnoticed.
func (d *decoder) object(v jsonValue, out reflect.Value, path string) error {
	if v.kind != '{' {
		return d.errAt(v.off, path, "want an object, got %s", v.describe())
	}
	t := out.Type()
	for _, mem := range v.members {
		i := fieldIndex(t, mem.key)
		if i < 0 {
			return d.errAt(mem.off, path, "unknown field %q (known: %s)", mem.key, strings.Join(fieldNames(t), ", "))
		}
		if err := d.decode(mem.val, out.Field(i), join(path, mem.key)); err != nil {
			return err
		}
	}
	return nil
}

// fieldName is a struct field's JSON key ("" when it has none).
func fieldName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return ""
	}
	if name, _, _ := strings.Cut(tag, ","); name != "" {
		return name
	}
	return f.Name
}

func fieldIndex(t reflect.Type, key string) int {
	for i := 0; i < t.NumField(); i++ {
		if fieldName(t.Field(i)) == key {
			return i
		}
	}
	return -1
}

func fieldNames(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if n := fieldName(t.Field(i)); n != "" {
			out = append(out, n)
		}
	}
	return out
}
