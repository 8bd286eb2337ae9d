package sqltext

// TableRef is a table a statement reads or writes.
type TableRef struct {
	Name   string // table name as Postgres resolves it (unquoted names lower-cased)
	Schema string // schema qualifier, or ""
	Alias  string // alias, or ""
	// Clause is the keyword that introduced the reference: FROM, JOIN,
	// UPDATE, USING, INTO (INSERT INTO or MERGE INTO).
	Clause string
}

// Tables returns the tables the statement references in FROM, JOIN,
// UPDATE, DELETE FROM, USING and INTO clauses, at any depth, skipping
// subqueries, function calls and the statement's own CTE names. A FROM
// inside a function call's parentheses (EXTRACT(year FROM ts)) or after IS
// DISTINCT is not a table reference.
func (s Statement) Tables() []TableRef {
	toks := s.Tokens
	ctes := s.cteNames()
	query := queryScopes(toks)
	var refs []TableRef
	for i, t := range toks {
		if !query[i] {
			continue
		}
		var clause string
		switch {
		case t.Is("from") && !(i > 0 && toks[i-1].Is("distinct")):
			clause = "FROM"
		case t.Is("join"):
			clause = "JOIN"
		case t.Is("update") && startsStatement(toks, i):
			clause = "UPDATE"
		case t.Is("using"):
			clause = "USING"
		case t.Is("into"):
			clause = "INTO"
		default:
			continue
		}
		for _, r := range readRefs(toks, i+1, clause) {
			if r.Schema == "" && ctes[r.Name] {
				continue
			}
			refs = append(refs, r)
		}
	}
	return refs
}

// queryScopes marks the tokens that sit directly in a query: at depth 0,
// or inside parentheses that open with SELECT, WITH, VALUES, INSERT,
// UPDATE or DELETE (a subquery or a CTE body), as opposed to a function's
// argument list or a column list.
func queryScopes(toks []Token) []bool {
	in := make([]bool, len(toks))
	stack := []bool{true}
	for i, t := range toks {
		switch {
		case t.IsPunct("("):
			in[i] = stack[len(stack)-1]
			q := i+1 < len(toks) && isAny(toks[i+1], "select", "with", "values", "insert", "update", "delete")
			stack = append(stack, q)
		case t.IsPunct(")"):
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			in[i] = stack[len(stack)-1]
		default:
			in[i] = stack[len(stack)-1]
		}
	}
	return in
}

// aliasStop are the keywords that may follow a table name and are not its alias.
var aliasStop = []string{
	"where", "join", "inner", "left", "right", "full", "cross", "natural", "on", "using",
	"set", "group", "order", "limit", "offset", "fetch", "for", "returning", "union",
	"intersect", "except", "window", "having", "tablesample", "values", "select",
	"default", "overriding", "when", "as", "lateral", "do", "from", "into", "with",
}

// readRefs reads a table reference at toks[i], and, after FROM or USING,
// the further comma-separated references at the same depth.
func readRefs(toks []Token, i int, clause string) []TableRef {
	var refs []TableRef
	for {
		if i < len(toks) && isAny(toks[i], "only") {
			i++
		}
		name, schema, next := QualifiedName(toks, i)
		call := next < len(toks) && toks[next].IsPunct("(") && clause != "INTO" // INTO t (cols)
		if name == "" || name == "lateral" || call {
			return refs // a subquery, a function, or nothing we understand
		}
		if next < len(toks) && toks[next].Kind == Operator && toks[next].Text == "*" {
			next++ // ONLY t * / t *: descendant tables
		}
		r := TableRef{Name: name, Schema: schema, Clause: clause}
		if next < len(toks) && toks[next].Is("as") {
			next++
		}
		if next < len(toks) && toks[next].IsName() && !isAny(toks[next], aliasStop...) {
			r.Alias = toks[next].Name()
			next++
		}
		refs = append(refs, r)
		if clause != "FROM" && clause != "USING" {
			return refs
		}
		if next >= len(toks) || !toks[next].IsPunct(",") || toks[next].Depth != toks[i].Depth {
			return refs
		}
		i = next + 1
	}
}

// cteNames returns the names the statement's WITH lists define.
func (s Statement) cteNames() map[string]bool {
	toks := s.Tokens
	names := map[string]bool{}
	for i, t := range toks {
		if !t.Is("with") || i+1 >= len(toks) {
			continue
		}
		j := i + 1
		if toks[j].Is("recursive") {
			j++
		}
		for j < len(toks) && toks[j].IsName() {
			name := toks[j].Name()
			j++
			if j < len(toks) && toks[j].IsPunct("(") {
				j = Closing(toks, j) + 1 // column list
			}
			if j >= len(toks) || !toks[j].Is("as") {
				break
			}
			names[name] = true
			for j < len(toks) && !toks[j].IsPunct("(") {
				j++ // [NOT] MATERIALIZED
			}
			j = Closing(toks, j) + 1
			if j >= len(toks) || !toks[j].IsPunct(",") {
				break
			}
			j++
		}
	}
	return names
}

// Closing returns the index of the ")" matching the "(" at toks[open], or
// the last index if it is not closed.
func Closing(toks []Token, open int) int {
	if open >= len(toks) {
		return len(toks)
	}
	d := toks[open].Depth
	for j := open + 1; j < len(toks); j++ {
		if toks[j].IsPunct(")") && toks[j].Depth == d {
			return j
		}
	}
	return len(toks) - 1
}
