package trace

import (
	"bytes"
	"sort"
	"strconv"
	"unicode/utf8"
)

// The JSON form writes each event's keys in a fixed order with only the fields of its kind, so the
// same run always gives byte-identical output (spec §0; the core issue's trace contract).

// The encoder is written by hand, without encoding/json: Trace's methods are linked into the web
// page's .wasm, and encoding/json would add about 0.1 MB gzip to it. Its output is byte for byte
// what encoding/json writes for the same values (json_test.go checks that). ParseJSON, a plain
// function that only the CLI, the conformance harness and tests call, decodes.

// MarshalJSON writes the trace with top-level keys scenario, profile, seed, events, final.
func (t *Trace) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"scenario":`)
	writeString(&b, t.Scenario)
	b.WriteString(`,"profile":`)
	writeString(&b, t.Profile)
	b.WriteString(`,"seed":`)
	b.WriteString(strconv.FormatInt(t.Seed, 10))
	b.WriteString(`,"end_us":`)
	b.WriteString(strconv.FormatInt(t.EndUs, 10))
	b.WriteString(`,"hosts":[`)
	for i, h := range t.Hosts {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(&b, h)
	}
	b.WriteString(`],"events":[`)
	for i := range t.Events {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n")
		t.Events[i].appendJSON(&b)
	}
	b.WriteString("\n],\"final\":{")
	names := make([]string, 0, len(t.Final))
	for n := range t.Final { // map order: sorted below
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(&b, n)
		b.WriteByte(':')
		t.Final[n].appendJSON(&b)
	}
	b.WriteString("}}\n")
	return b.Bytes(), nil
}

// writeString writes s as a JSON string the way encoding/json does: HTML-safe (<, > and & as
// \u escapes), U+2028 and U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
func writeString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b.WriteString(s[start:i])
			b.WriteString(`\u202`)
			b.WriteByte(hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

// object writes one JSON object's members in the order they are added.
type object struct {
	b *bytes.Buffer
	n int
}

func openObject(b *bytes.Buffer) *object {
	b.WriteByte('{')
	return &object{b: b}
}

func (o *object) close() { o.b.WriteByte('}') }

// key starts a member and returns the buffer its value goes to.
func (o *object) key(k string) *bytes.Buffer {
	if o.n > 0 {
		o.b.WriteByte(',')
	}
	o.n++
	writeString(o.b, k)
	o.b.WriteByte(':')
	return o.b
}

func (o *object) str(k, v string) { writeString(o.key(k), v) }

func (o *object) int(k string, v int64) { o.key(k).WriteString(strconv.FormatInt(v, 10)) }

func (o *object) bool(k string, v bool) { o.key(k).WriteString(strconv.FormatBool(v)) }

// nullable writes v, or null when !ok.
func (o *object) nullable(k string, v int64, ok bool) {
	if ok {
		o.int(k, v)
		return
	}
	o.key(k).WriteString("null")
}

// appendJSON writes a host's final state as encoding/json writes HostFinal: struct keys in
// field order, counters with sorted keys, nil slices and maps as null.
func (h HostFinal) appendJSON(b *bytes.Buffer) {
	o := openObject(b)
	if h.Sockets == nil {
		o.key("sockets").WriteString("null")
	} else {
		o.key("sockets").WriteByte('[')
		for i, s := range h.Sockets {
			if i > 0 {
				b.WriteByte(',')
			}
			so := openObject(b)
			so.int("conn", int64(s.Conn))
			so.str("local", s.Local)
			so.str("remote", s.Remote)
			so.str("state", s.State)
			if s.Substate != "" {
				so.str("substate", s.Substate)
			}
			so.bool("orphan", s.Orphan)
			so.bool("tw", s.TW)
			so.int("send_q", int64(s.SendQ))
			so.int("recv_q", int64(s.RecvQ))
			so.close()
		}
		b.WriteByte(']')
	}
	ss := openObject(o.key("sockstat"))
	ss.int("inuse", int64(h.Sockstat.InUse))
	ss.int("orphan", int64(h.Sockstat.Orphan))
	ss.int("tw", int64(h.Sockstat.TW))
	ss.close()
	if h.Counters == nil {
		o.key("counters").WriteString("null")
	} else {
		names := make([]string, 0, len(h.Counters))
		for n := range h.Counters { // map order: sorted below
			names = append(names, n)
		}
		sort.Strings(names)
		co := openObject(o.key("counters"))
		for _, n := range names {
			co.int(n, h.Counters[n])
		}
		co.close()
	}
	o.close()
}

func (e *Event) appendJSON(b *bytes.Buffer) {
	o := openObject(b)
	o.int("t_us", e.T)
	o.str("kind", string(e.Kind))
	if e.Kind != KindPacket {
		o.str("host", e.Host)
	}
	o.nullable("conn", int64(e.Conn), e.Conn != NoConn)
	switch e.Kind {
	case KindPacket:
		o.str("from", e.From)
		o.str("to", e.To)
		o.str("flags", e.Flags)
		o.int("seq", int64(e.Seq))
		o.nullable("ack", int64(e.Ack), e.HasAck)
		o.int("len", int64(e.Len))
		o.int("win", int64(e.Win))
		o.nullable("arrive_us", e.Arrive, e.Arrive != NoTime)
		o.bool("dropped", e.Dropped)
		if e.Injected { // only when set: traces without injected segments stay byte-identical
			o.bool("injected", true)
		}
		if e.HasTS {
			o.int("tsval", int64(e.TSVal))
			o.int("tsecr", int64(e.TSEcr))
		}
		if e.Note != "" {
			o.str("note", e.Note)
		}
	case KindState:
		o.str("state_from", e.StateFrom)
		o.str("state_to", e.StateTo)
		if e.Substate != "" {
			o.str("substate", e.Substate)
		}
		o.str("fn", e.Fn)
	case KindTimer:
		o.str("timer", e.Timer)
		o.str("action", e.Action)
		o.int("expires_us", e.Expires)
		if e.Detail != "" {
			o.str("detail", e.Detail)
		}
	case KindCall:
		o.str("action", e.Action)
		if e.Detail != "" {
			o.str("args", e.Detail)
		}
		o.str("result", e.Result)
		o.nullable("returned_us", e.Returned, e.Returned != NoTime)
	case KindCounter:
		o.str("name", e.Name)
		o.int("delta", e.Delta)
	case KindPath:
		o.str("fn", e.Fn)
		o.str("branch", e.Branch)
	}
	o.close()
}
