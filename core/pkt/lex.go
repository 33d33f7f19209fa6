package pkt

import "strconv"

// tokKind is the kind of one lexical token of a packetdrill script.
type tokKind uint8

const (
	tEOF      tokKind = iota
	tInt              // 12, 0x1f
	tFloat            // .01, 1.5
	tWord             // socket, SOL_SOCKET, S, mss
	tString           // "text"
	tBack             // `shell command`
	tOption           // --tolerance_usecs
	tCode             // %{ python }%
	tEllipsis         // ...
	tPunct            // one of + ~ * < > ( ) [ ] { } , : = | - . ;
)

// token is one token with the line and column (1-based, in bytes) where it starts.
type token struct {
	kind      tokKind
	text      string // the token as written (without quotes for strings and backticks)
	line, col int
	nlBefore  bool // a newline separates this token from the previous one
}

// lexer splits a script into tokens, skipping blanks and // and /* */ comments.
type lexer struct {
	src       []byte
	i         int
	line, col int
	nl        bool
}

func (lx *lexer) peekByte(k int) byte {
	if lx.i+k < len(lx.src) {
		return lx.src[lx.i+k]
	}
	return 0
}

func (lx *lexer) advance(n int) {
	for ; n > 0 && lx.i < len(lx.src); n-- {
		if lx.src[lx.i] == '\n' {
			lx.line++
			lx.col = 1
			lx.nl = true
		} else {
			lx.col++
		}
		lx.i++
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isWordStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}
func isWordByte(c byte) bool { return isWordStart(c) || isDigit(c) }

// lex returns every token of src, or the first lexical error.
func lex(src []byte) ([]token, *Error) {
	lx := &lexer{src: src, line: 1, col: 1}
	var out []token
	for {
		if err := lx.skip(); err != nil {
			return nil, err
		}
		t := token{line: lx.line, col: lx.col, nlBefore: lx.nl || len(out) == 0}
		lx.nl = false
		if lx.i >= len(src) {
			t.kind = tEOF
			return append(out, t), nil
		}
		c := src[lx.i]
		start := lx.i
		switch {
		case c == '.' && lx.peekByte(1) == '.' && lx.peekByte(2) == '.':
			t.kind, t.text = tEllipsis, "..."
			lx.advance(3)
		case isDigit(c) || c == '.' && isDigit(lx.peekByte(1)):
			t.kind = tInt
			if c == '0' && (lx.peekByte(1) == 'x' || lx.peekByte(1) == 'X') {
				lx.advance(2)
				for lx.i < len(src) && (isDigit(src[lx.i]) || src[lx.i]|0x20 >= 'a' && src[lx.i]|0x20 <= 'f') {
					lx.advance(1)
				}
			} else {
				for lx.i < len(src) && isDigit(src[lx.i]) {
					lx.advance(1)
				}
				// a '.' belongs to the number unless it starts "..." (a blocking call's end time)
				if lx.peekByte(0) == '.' && !(lx.peekByte(1) == '.' && lx.peekByte(2) == '.') {
					t.kind = tFloat
					lx.advance(1)
					for lx.i < len(src) && isDigit(src[lx.i]) {
						lx.advance(1)
					}
				}
			}
			if lx.i < len(src) && isWordByte(src[lx.i]) {
				return nil, errAt(t.line, t.col, "bad number: a letter follows its digits")
			}
			t.text = string(src[start:lx.i])
		case isWordStart(c):
			for lx.i < len(src) && isWordByte(src[lx.i]) {
				lx.advance(1)
			}
			t.kind, t.text = tWord, string(src[start:lx.i])
		case c == '-' && lx.peekByte(1) == '-' && isWordStart(lx.peekByte(2)):
			lx.advance(2)
			for lx.i < len(src) && (isWordByte(src[lx.i]) || src[lx.i] == '-') {
				lx.advance(1)
			}
			t.kind, t.text = tOption, string(src[start+2:lx.i])
		case c == '"':
			lx.advance(1)
			for lx.i < len(src) && src[lx.i] != '"' && src[lx.i] != '\n' {
				if src[lx.i] == '\\' && lx.i+1 < len(src) && src[lx.i+1] != '\n' {
					lx.advance(1)
				}
				lx.advance(1)
			}
			if lx.i >= len(src) || src[lx.i] != '"' {
				return nil, errAt(t.line, t.col, "unterminated string")
			}
			t.kind, t.text = tString, string(src[start+1:lx.i])
			lx.advance(1)
		case c == '`':
			lx.advance(1)
			for lx.i < len(src) && src[lx.i] != '`' {
				lx.advance(1)
			}
			if lx.i >= len(src) {
				return nil, errAt(t.line, t.col, "unterminated backquoted command")
			}
			t.kind, t.text = tBack, string(src[start+1:lx.i])
			lx.advance(1)
		case c == '%' && lx.peekByte(1) == '{':
			for lx.i < len(src) && !(src[lx.i] == '}' && lx.peekByte(1) == '%') {
				lx.advance(1)
			}
			if lx.i >= len(src) {
				return nil, errAt(t.line, t.col, "unterminated %{ }% code block")
			}
			lx.advance(2)
			t.kind, t.text = tCode, string(src[start:lx.i])
		case isPunct(c):
			t.kind, t.text = tPunct, string(c)
			lx.advance(1)
		default:
			return nil, errAt(t.line, t.col, "unexpected character "+strconv.QuoteRune(rune(c)))
		}
		out = append(out, t)
	}
}

func isPunct(c byte) bool {
	switch c {
	case '+', '~', '*', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '=', '|', '-', '.', ';', '/', '&', '!':
		return true
	}
	return false
}

// skip passes blanks and comments.
func (lx *lexer) skip() *Error {
	for lx.i < len(lx.src) {
		c := lx.src[lx.i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v':
			lx.advance(1)
		case c == '/' && lx.peekByte(1) == '/':
			for lx.i < len(lx.src) && lx.src[lx.i] != '\n' {
				lx.advance(1)
			}
		case c == '/' && lx.peekByte(1) == '*':
			line, col := lx.line, lx.col
			lx.advance(2)
			for lx.i < len(lx.src) && !(lx.src[lx.i] == '*' && lx.peekByte(1) == '/') {
				lx.advance(1)
			}
			if lx.i >= len(lx.src) {
				return errAt(line, col, "unterminated /* comment")
			}
			lx.advance(2)
		default:
			return nil
		}
	}
	return nil
}
