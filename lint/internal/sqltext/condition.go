package sqltext

import "strings"

// conditionEnd are the keywords that end a WHERE, ON or HAVING condition
// at its own depth.
var conditionEnd = []string{
	"group", "order", "limit", "offset", "fetch", "returning", "union", "intersect",
	"except", "window", "for", "join", "inner", "left", "right", "full", "cross",
	"natural", "where", "having", "set", "from", "select", "when", "then",
}

// MentionsColumn reports whether a condition of the statement (a WHERE,
// ON, HAVING or JOIN … USING at any depth) names the column. A qualified
// mention (x.col) counts only when its qualifier is one of qualifiers,
// which should hold the table's name and alias; an unqualified one always
// counts. Columns are compared as Postgres resolves names.
func (s Statement) MentionsColumn(column string, qualifiers ...string) bool {
	toks := s.Tokens
	column = strings.ToLower(column)
	for i, t := range toks {
		if !isAny(t, "where", "on", "having", "using") {
			continue
		}
		if t.Is("using") && !(i+1 < len(toks) && toks[i+1].IsPunct("(")) {
			continue // DELETE … USING t, not JOIN … USING (col)
		}
		for j := i + 1; j < len(toks); j++ {
			u := toks[j]
			if u.Depth < t.Depth || (u.Depth == t.Depth && isAny(u, conditionEnd...)) {
				break
			}
			if u.IsName() && u.Name() == column && qualifierMatches(toks, j, qualifiers) {
				return true
			}
		}
	}
	return false
}

// qualifierMatches reports whether the name at toks[j] is unqualified or
// qualified by one of qualifiers.
func qualifierMatches(toks []Token, j int, qualifiers []string) bool {
	if j < 2 || !toks[j-1].IsPunct(".") || !toks[j-2].IsName() {
		return true
	}
	q := toks[j-2].Name()
	for _, want := range qualifiers {
		if q == want {
			return true
		}
	}
	return false
}

// jsonbOperators are the operators that reach inside a json or jsonb value.
// @@ is left out: it is far more often text search than a jsonpath match.
var jsonbOperators = map[string]bool{
	"->": true, "->>": true, "#>": true, "#>>": true, "@>": true, "<@": true,
	"?": true, "?|": true, "?&": true, "@?": true,
}

// JSONBUses returns the tokens that query inside JSONB: the operators
// -> ->> #> #>> @> <@ ? ?| ?& @? and calls of jsonb_path_* and
// jsonb_extract_path*. Containment (@>, <@) against an ARRAY or a range
// constructor is array or range containment, not JSONB, and is skipped.
func (s Statement) JSONBUses() []Token {
	toks := s.Tokens
	var uses []Token
	for i, t := range toks {
		switch {
		case t.Kind == Operator && jsonbOperators[t.Text]:
			if (t.Text == "@>" || t.Text == "<@") && containsNonJSON(toks, i) {
				continue
			}
		case t.Kind == Ident && i+1 < len(toks) && toks[i+1].IsPunct("("):
			name := strings.ToLower(t.Text)
			if !strings.HasPrefix(name, "jsonb_path_") && !strings.HasPrefix(name, "jsonb_extract_path") {
				continue
			}
		default:
			continue
		}
		uses = append(uses, t)
	}
	return uses
}

// containsNonJSON reports whether the containment operator at toks[i] has
// an ARRAY[…] or a range constructor as an operand next to it.
func containsNonJSON(toks []Token, i int) bool {
	isNonJSON := func(t Token) bool {
		name := strings.ToLower(t.Text)
		return t.Is("array") || (t.Kind == Ident && strings.HasSuffix(name, "range"))
	}
	if i+1 < len(toks) && isNonJSON(toks[i+1]) {
		return true
	}
	// the left operand: ARRAY[…] or xrange(…) ending just before the operator
	if i > 0 && (toks[i-1].IsPunct("]") || toks[i-1].IsPunct(")")) {
		for j := i - 1; j >= 0; j-- {
			if toks[j].Depth < toks[i].Depth {
				break
			}
			if (toks[j].IsPunct("(") || toks[j].IsPunct("[")) && toks[j].Depth == toks[i].Depth {
				return j > 0 && isNonJSON(toks[j-1])
			}
		}
	}
	return false
}
