// Package sqltext reads PostgreSQL source text well enough for lint rules:
// it splits a script into statements, tokenizes them the way the server's
// lexer does (comments, quoting, dollar quotes, operators), and answers the
// questions plinth's rules ask: what kind of statement is this, does the
// mutation have a top-level WHERE, which tables does it touch, does it use
// JSONB operators, does a condition mention a column.
//
// It is a tokenizer, not a parser: it never rejects input, and what it
// cannot recognise it passes over. Rules built on it must therefore err
// towards silence on statements they do not understand.
package sqltext

import "strings"

// Kind classifies a token.
type Kind int

// Token kinds.
const (
	Ident       Kind = iota // a keyword or unquoted identifier, in Text as written
	QuotedIdent             // "a ""quoted"" identifier", Text holds the unquoted name
	String                  // any string constant: '…', E'…', U&'…', B'…', X'…', $tag$…$tag$
	Number                  // a numeric constant
	Param                   // a positional parameter: $1
	Operator                // an operator: =, <>, ->>, @>, ?|, …
	Punct                   // ( ) [ ] , ; . : ::
	Comment                 // -- to end of line, or a (nested) /* */ block
)

// Token is one lexical token of a statement.
type Token struct {
	Kind Kind
	// Text is the token as written, except for QuotedIdent, where it is the
	// identifier with its quotes removed and "" unescaped.
	Text string
	// Offset is the byte offset of the token in the source.
	Offset int
	// Line is the 1-based line of the token's first byte.
	Line int
	// Depth is the parenthesis depth relative to the start of its statement.
	// A "(" and its matching ")" carry the depth outside them.
	Depth int
}

// Is reports whether t is the unquoted keyword or identifier word,
// compared case-insensitively.
func (t Token) Is(word string) bool {
	return t.Kind == Ident && strings.EqualFold(t.Text, word)
}

// IsAny reports whether t is one of the unquoted keywords or identifiers words.
func (t Token) IsAny(words ...string) bool {
	for _, w := range words {
		if t.Is(w) {
			return true
		}
	}
	return false
}

// IsName reports whether t is an identifier, quoted or not.
func (t Token) IsName() bool { return t.Kind == Ident || t.Kind == QuotedIdent }

// Name returns the identifier as Postgres resolves it: unquoted names are
// folded to lower case, quoted ones are kept as written.
func (t Token) Name() string {
	if t.Kind == Ident {
		return strings.ToLower(t.Text)
	}
	return t.Text
}

// IsPunct reports whether t is the punctuation p.
func (t Token) IsPunct(p string) bool { return t.Kind == Punct && t.Text == p }

// Tokenize returns the tokens of src, comments included, whitespace
// excluded. Depth is counted from the start of src and never goes below
// zero. Unterminated strings and comments run to the end of src.
func Tokenize(src string) []Token {
	lx := lexer{src: src, line: 1}
	var toks []Token
	depth := 0
	for {
		t, ok := lx.next()
		if !ok {
			return toks
		}
		depth = setDepth(&t, depth)
		toks = append(toks, t)
	}
}

type lexer struct {
	src  string
	pos  int
	line int
}

// next returns the next token, skipping whitespace.
func (lx *lexer) next() (Token, bool) {
	lx.skipSpace()
	if lx.pos >= len(lx.src) {
		return Token{}, false
	}
	start, line := lx.pos, lx.line
	kind := lx.scan()
	text := lx.src[start:lx.pos]
	lx.line += strings.Count(text, "\n")
	if kind == QuotedIdent {
		text = unquoteIdent(text)
	}
	return Token{Kind: kind, Text: text, Offset: start, Line: line}, true
}

func (lx *lexer) skipSpace() {
	for lx.pos < len(lx.src) {
		switch lx.src[lx.pos] {
		case '\n':
			lx.line++
		case ' ', '\t', '\r', '\f', '\v':
		default:
			return
		}
		lx.pos++
	}
}

// scan advances over one token starting at lx.pos and returns its kind.
func (lx *lexer) scan() Kind {
	s, i := lx.src, lx.pos
	c := s[i]
	switch {
	case strings.HasPrefix(s[i:], "--"):
		lx.pos = lineEnd(s, i)
		return Comment
	case strings.HasPrefix(s[i:], "/*"):
		lx.pos = blockCommentEnd(s, i)
		return Comment
	case c == '\'':
		lx.pos = quoteEnd(s, i, '\'', false)
		return String
	case c == '"':
		lx.pos = quoteEnd(s, i, '"', false)
		return QuotedIdent
	case c == '$':
		return lx.scanDollar()
	case isDigit(c) || (c == '.' && i+1 < len(s) && isDigit(s[i+1])):
		lx.pos = numberEnd(s, i)
		return Number
	case isIdentStart(c):
		return lx.scanWord()
	case c == ':':
		lx.pos = i + 1
		if strings.HasPrefix(s[i:], "::") {
			lx.pos = i + 2
		}
		return Punct
	case strings.IndexByte("()[],;.", c) >= 0:
		lx.pos = i + 1
		return Punct
	case isOpChar(c):
		lx.pos = operatorEnd(s, i)
		return Operator
	}
	lx.pos = i + 1 // a byte Postgres would reject; pass over it
	return Operator
}

// scanWord scans an identifier or keyword, and the string prefixes E”,
// B”, X”, N” and U&” / U&"" that start with a letter.
func (lx *lexer) scanWord() Kind {
	s, i := lx.src, lx.pos
	if i+1 < len(s) && s[i+1] == '\'' {
		switch s[i] {
		case 'e', 'E':
			lx.pos = quoteEnd(s, i+1, '\'', true)
			return String
		case 'b', 'B', 'x', 'X', 'n', 'N':
			lx.pos = quoteEnd(s, i+1, '\'', false)
			return String
		}
	}
	if (s[i] == 'u' || s[i] == 'U') && i+2 < len(s) && s[i+1] == '&' {
		switch s[i+2] {
		case '\'':
			lx.pos = quoteEnd(s, i+2, '\'', false)
			return String
		case '"':
			lx.pos = quoteEnd(s, i+2, '"', false)
			return QuotedIdent
		}
	}
	j := i + 1
	for j < len(s) && (isIdentStart(s[j]) || isDigit(s[j]) || s[j] == '$') {
		j++
	}
	lx.pos = j
	return Ident
}

// scanDollar scans $1, $$…$$ or $tag$…$tag$.
func (lx *lexer) scanDollar() Kind {
	s, i := lx.src, lx.pos
	j := i + 1
	if j < len(s) && isDigit(s[j]) {
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		lx.pos = j
		return Param
	}
	for j < len(s) && (isIdentStart(s[j]) || (j > i+1 && isDigit(s[j]))) {
		j++
	}
	if j >= len(s) || s[j] != '$' {
		lx.pos = i + 1 // a lone $: not valid SQL, pass over it
		return Operator
	}
	delim := s[i : j+1]
	end := strings.Index(s[j+1:], delim)
	if end < 0 {
		lx.pos = len(s)
	} else {
		lx.pos = j + 1 + end + len(delim)
	}
	return String
}

func lineEnd(s string, i int) int {
	if n := strings.IndexByte(s[i:], '\n'); n >= 0 {
		return i + n
	}
	return len(s)
}

// blockCommentEnd returns the offset after the /* */ comment at i,
// which, unlike in C, nests.
func blockCommentEnd(s string, i int) int {
	depth := 0
	for i < len(s) {
		switch {
		case strings.HasPrefix(s[i:], "/*"):
			depth++
			i += 2
		case strings.HasPrefix(s[i:], "*/"):
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	return len(s)
}

// quoteEnd returns the offset after the quoted text opening at i with q.
// A doubled quote is an escaped quote; with backslash set (E” strings),
// so is a backslash followed by any byte.
func quoteEnd(s string, i int, q byte, backslash bool) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if backslash {
				j++
			}
		case q:
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

func numberEnd(s string, i int) int {
	j := i
	for j < len(s) && (isDigit(s[j]) || s[j] == '.' || s[j] == '_' || isIdentStart(s[j])) {
		// A letter is part of the number only as an exponent or a
		// hex/octal/binary prefix, but gluing any following letters on is
		// harmless for lint purposes and keeps 1e10 and 0x1F whole.
		if (s[j] == 'e' || s[j] == 'E') && j+1 < len(s) && (s[j+1] == '+' || s[j+1] == '-') {
			j++
		}
		if s[j] == '.' && j+1 < len(s) && s[j+1] == '.' {
			break // 1..2 is not a number
		}
		j++
	}
	return j
}

// operatorEnd applies Postgres's rule for multi-character operators: the
// longest run of operator characters, cut before any "--" or "/*", and
// a trailing + or - is dropped unless the operator contains one of
// ~ ! @ # % ^ & | ` ?.
func operatorEnd(s string, i int) int {
	j := i
	for j < len(s) && isOpChar(s[j]) {
		if j > i && (strings.HasPrefix(s[j:], "--") || strings.HasPrefix(s[j:], "/*")) {
			break
		}
		j++
	}
	op := s[i:j]
	if len(op) > 1 && !strings.ContainsAny(op, "~!@#%^&|`?") {
		for len(op) > 1 && (op[len(op)-1] == '+' || op[len(op)-1] == '-') {
			op = op[:len(op)-1]
		}
	}
	return i + len(op)
}

func unquoteIdent(text string) string {
	if len(text) > 2 && (text[0] == 'u' || text[0] == 'U') && text[1] == '&' {
		text = text[2:]
	}
	text = strings.TrimPrefix(text, `"`)
	text = strings.TrimSuffix(text, `"`)
	return strings.ReplaceAll(text, `""`, `"`)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isIdentStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func isOpChar(c byte) bool { return strings.IndexByte("+-*/<>=~!@#%^&|`?", c) >= 0 }
