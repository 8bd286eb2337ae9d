package sqltext

import "strings"

// Statement is one SQL statement of a script.
type Statement struct {
	// Text is the statement's source from its first code token to its last,
	// without the terminating semicolon.
	Text string
	// Line is the 1-based line of the statement's first code token.
	Line int
	// Tokens are the statement's code tokens, comments excluded, with
	// Depth relative to the statement.
	Tokens []Token
	// Comments are the statement's leading comments, those between the
	// previous statement's line and its first code token, followed by any
	// comment on the line of its terminating semicolon.
	Comments []Token
}

// FirstLine returns the first line of the statement's text.
func (s Statement) FirstLine() string {
	line, _, _ := strings.Cut(s.Text, "\n")
	return strings.TrimSpace(line)
}

// Split splits a script into statements at semicolons outside parentheses
// and outside the BEGIN ATOMIC … END body of a CREATE FUNCTION or
// PROCEDURE, as psql does. Empty statements are dropped, and so are
// comments after the last statement.
func Split(src string) []Statement {
	var (
		stmts  []Statement
		cur    Statement
		depth  int  // parenthesis depth within cur
		blocks int  // BEGIN/CASE … END nesting within a routine body
		ended  = -1 // line of the last statement's semicolon
	)
	flush := func(end int) {
		if len(cur.Tokens) > 0 {
			cur.Text = src[cur.Tokens[0].Offset:end]
			cur.Line = cur.Tokens[0].Line
			stmts = append(stmts, cur)
		}
		cur, depth, blocks = Statement{}, 0, 0
	}
	for _, t := range Tokenize(src) {
		if t.Kind == Comment {
			if len(cur.Tokens) == 0 && t.Line == ended && len(stmts) > 0 {
				stmts[len(stmts)-1].Comments = append(stmts[len(stmts)-1].Comments, t)
			} else if len(cur.Tokens) == 0 {
				cur.Comments = append(cur.Comments, t)
			}
			continue
		}
		if t.IsPunct(";") && depth == 0 && blocks == 0 {
			flush(t.Offset)
			ended = t.Line
			continue
		}
		depth = setDepth(&t, depth)
		if isRoutine(cur.Tokens) {
			switch {
			case t.Is("begin"), t.Is("case"):
				blocks++
			case t.Is("end") && blocks > 0:
				blocks--
			}
		}
		cur.Tokens = append(cur.Tokens, t)
	}
	if len(cur.Tokens) > 0 {
		last := cur.Tokens[len(cur.Tokens)-1]
		flush(last.Offset + len(srcText(src, last)))
	}
	return stmts
}

// setDepth sets t.Depth from the depth before t and returns the depth after it.
func setDepth(t *Token, depth int) int {
	switch {
	case t.IsPunct("("):
		t.Depth = depth
		return depth + 1
	case t.IsPunct(")"):
		if depth > 0 {
			depth--
		}
	}
	t.Depth = depth
	return depth
}

// isRoutine reports whether toks start a CREATE [OR REPLACE] FUNCTION or
// PROCEDURE statement, whose BEGIN ATOMIC body may contain semicolons.
func isRoutine(toks []Token) bool {
	i := 0
	if i < len(toks) && toks[i].Is("create") {
		i++
	} else {
		return false
	}
	if i+1 < len(toks) && toks[i].Is("or") && toks[i+1].Is("replace") {
		i += 2
	}
	return i < len(toks) && (toks[i].Is("function") || toks[i].Is("procedure"))
}

// srcText returns the source text of t (for quoted identifiers Text is unquoted).
func srcText(src string, t Token) string {
	lx := lexer{src: src, pos: t.Offset}
	lx.scan()
	return src[t.Offset:lx.pos]
}
