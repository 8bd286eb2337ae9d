package sqltext

import "strings"

// Kind returns the statement's kind in upper case: the first keyword after
// an optional WITH … AS (…) list, so that WITH x AS (…) DELETE FROM t is a
// DELETE; for statements that are not queries (CREATE, ALTER, SET, …) it is
// the first keyword. It is "" for a statement without a leading keyword.
func (s Statement) Kind() string {
	i := s.mainIndex()
	if i < 0 {
		return ""
	}
	return strings.ToUpper(s.Tokens[i].Text)
}

var queryKeywords = []string{"select", "insert", "update", "delete", "merge", "values", "table"}

// mainIndex returns the index of the token that names the statement's kind,
// or -1.
func (s Statement) mainIndex() int {
	toks := s.Tokens
	i := 0
	for i < len(toks) && toks[i].IsPunct("(") {
		i++ // (SELECT …) UNION …
	}
	if i >= len(toks) || toks[i].Kind != Ident {
		return -1
	}
	if !toks[i].Is("with") {
		return i
	}
	for j := i + 1; j < len(toks); j++ {
		if toks[j].Depth == 0 && toks[j-1].IsPunct(")") && isAny(toks[j], queryKeywords...) {
			return j
		}
	}
	return -1
}

// HasTopLevelWhere reports whether the statement's main clause has a WHERE
// of its own: one in a CTE body or a subquery does not count.
func (s Statement) HasTopLevelWhere() bool {
	i := s.mainIndex()
	return i >= 0 && hasWhere(s.Tokens, i)
}

// Target returns the table the statement writes: the table of an UPDATE,
// DELETE FROM, INSERT INTO or MERGE INTO, or "" for other statements.
func (s Statement) Target() string {
	i := s.mainIndex()
	if i < 0 {
		return ""
	}
	switch t := s.Tokens[i]; {
	case t.Is("update"):
		return tableAfter(s.Tokens, i+1)
	case t.Is("delete"), t.Is("insert"), t.Is("merge"):
		return tableAfter(s.Tokens, i+2) // DELETE FROM, INSERT INTO, MERGE INTO
	}
	return ""
}

// Mutation is an UPDATE or DELETE found in a statement, either the
// statement itself or a data-modifying CTE inside it.
type Mutation struct {
	Kind     string // "UPDATE" or "DELETE"
	Table    string // target table, as in TableRef.Name
	HasWhere bool   // the mutation has a WHERE of its own
	Line     int    // line of its UPDATE or DELETE keyword
}

// Mutations returns every UPDATE and DELETE in the statement, including
// those in data-modifying CTEs (WITH d AS (DELETE FROM t) SELECT …) and
// after EXPLAIN ANALYZE, which also runs them. ON DELETE, FOR UPDATE,
// ON CONFLICT DO UPDATE and trigger events are not mutations.
func (s Statement) Mutations() []Mutation {
	toks := s.Tokens
	var ms []Mutation
	for i, t := range toks {
		var m Mutation
		switch {
		case t.Is("delete") && i+1 < len(toks) && toks[i+1].Is("from"):
			m = Mutation{Kind: "DELETE", Table: tableAfter(toks, i+2)}
		case t.Is("update") && startsStatement(toks, i):
			m = Mutation{Kind: "UPDATE", Table: tableAfter(toks, i+1)}
		default:
			continue
		}
		m.HasWhere = hasWhere(toks, i)
		m.Line = t.Line
		ms = append(ms, m)
	}
	return ms
}

// startsStatement reports whether toks[i] is in a position where a
// statement can begin: first, after "(" or a CTE's ")", or after EXPLAIN's
// options.
func startsStatement(toks []Token, i int) bool {
	if i == 0 {
		return true
	}
	p := toks[i-1]
	return p.IsPunct("(") || p.IsPunct(")") || isAny(p, "explain", "analyze", "analyse", "verbose")
}

// hasWhere reports whether a WHERE follows toks[start] at the same depth
// before the enclosing parenthesis closes.
func hasWhere(toks []Token, start int) bool {
	d := toks[start].Depth
	for _, t := range toks[start+1:] {
		if t.Depth < d {
			return false
		}
		if t.Depth == d && t.Is("where") {
			return true
		}
	}
	return false
}

// tableAfter returns the table name starting at toks[i], after an optional ONLY.
func tableAfter(toks []Token, i int) string {
	if i < len(toks) && toks[i].Is("only") {
		i++
	}
	name, _, _ := QualifiedName(toks, i)
	return name
}

// QualifiedName reads schema.name (or a bare name) at toks[i] and returns
// the name, the schema ("" when unqualified) and the index after it.
func QualifiedName(toks []Token, i int) (name, schema string, next int) {
	if i >= len(toks) || !toks[i].IsName() {
		return "", "", i
	}
	name, next = toks[i].Name(), i+1
	for next+1 < len(toks) && toks[next].IsPunct(".") && toks[next+1].IsName() {
		schema, name = name, toks[next+1].Name()
		next += 2
	}
	return name, schema, next
}

func isAny(t Token, words ...string) bool { return t.IsAny(words...) }
