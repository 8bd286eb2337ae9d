package sqltext

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestTokenizeQuoting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want []string // kind:text of every token
	}{
		{"line comment", "a -- where\nb", []string{"ident:a", "comment:-- where", "ident:b"}},
		{"nested block comment", "a /* x /* where */ y */ b", []string{"ident:a", "comment:/* x /* where */ y */", "ident:b"}},
		{"doubled quote", "'it''s where' x", []string{"string:'it''s where'", "ident:x"}},
		{"E string backslash quote", `E'a\'b' x`, []string{`string:E'a\'b'`, "ident:x"}},
		{"plain backslash", `'a\' x`, []string{`string:'a\'`, "ident:x"}},
		{"dollar quote", "$$ where ; $$ x", []string{"string:$$ where ; $$", "ident:x"}},
		{"tagged dollar quote", "$fn$ $$ ; $fn$ x", []string{"string:$fn$ $$ ; $fn$", "ident:x"}},
		{"param", "$1 $23", []string{"param:$1", "param:$23"}},
		{"quoted identifier", `"Where ""x""" y`, []string{`quoted:Where "x"`, "ident:y"}},
		{"unicode string", `U&'d\0061t' x`, []string{`string:U&'d\0061t'`, "ident:x"}},
		{"json operators", "a->>'k' #> b ?| c", []string{"ident:a", "op:->>", "string:'k'", "op:#>", "ident:b", "op:?|", "ident:c"}},
		{"trailing minus dropped", "a=-1", []string{"ident:a", "op:=", "op:-", "number:1"}},
		{"operator before comment", "a=--c\n1", []string{"ident:a", "op:=", "comment:--c", "number:1"}},
		{"cast", "x::jsonb", []string{"ident:x", "punct:::", "ident:jsonb"}},
		{"identifier with dollar", "a$b", []string{"ident:a$b"}},
		{"unterminated string", "'abc", []string{"string:'abc"}},
		{"unterminated comment", "/* abc", []string{"comment:/* abc"}},
	}
	kinds := map[Kind]string{Ident: "ident", QuotedIdent: "quoted", String: "string", Number: "number",
		Param: "param", Operator: "op", Punct: "punct", Comment: "comment"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, tok := range Tokenize(tt.src) {
				got = append(got, kinds[tok.Kind]+":"+tok.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokenize(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	t.Parallel()
	src := `-- plinth:no-transaction
CREATE TABLE a (id int); -- trailing

/* lead */ INSERT INTO a VALUES (';');
CREATE FUNCTION f() RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT 1;
  SELECT CASE WHEN true THEN 2 END;
END;
DO $$ BEGIN PERFORM 1; END $$;
;;
SELECT "a;b" FROM a`
	stmts := Split(src)
	var got []string
	for _, s := range stmts {
		var comments []string
		for _, c := range s.Comments {
			comments = append(comments, c.Text)
		}
		got = append(got, strings.Join([]string{strconv.Itoa(s.Line), s.Kind(), s.FirstLine(), strings.Join(comments, "|")}, " / "))
	}
	want := []string{
		"2 / CREATE / CREATE TABLE a (id int) / -- plinth:no-transaction|-- trailing",
		"4 / INSERT / INSERT INTO a VALUES (';') / /* lead */",
		"5 / CREATE / CREATE FUNCTION f() RETURNS int LANGUAGE sql / ",
		"10 / DO / DO $$ BEGIN PERFORM 1; END $$ / ",
		"12 / SELECT / SELECT \"a;b\" FROM a / ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Split:\n got %q\nwant %q", got, want)
	}
	if last := stmts[len(stmts)-1].Text; last != `SELECT "a;b" FROM a` {
		t.Errorf("last statement text = %q", last)
	}
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n/10%10)) + string(rune('0'+n%10)))
}

func one(t *testing.T, sql string) Statement {
	t.Helper()
	stmts := Split(sql)
	if len(stmts) != 1 {
		t.Fatalf("Split(%q): %d statements, want 1", sql, len(stmts))
	}
	return stmts[0]
}

func TestKindWhereTarget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sql       string
		kind      string
		where     bool
		target    string
		mutations string // kind:table:where, space separated
	}{
		{"DELETE FROM t", "DELETE", false, "t", "DELETE:t:false"},
		{"delete from public.t where id = $1", "DELETE", true, "t", "DELETE:t:true"},
		{"WITH x AS (SELECT 1 FROM u WHERE a) DELETE FROM t", "DELETE", false, "t", "DELETE:t:false"},
		{"WITH RECURSIVE x(n) AS MATERIALIZED (SELECT 1) UPDATE ONLY t SET a = 1", "UPDATE", false, "t", "UPDATE:t:false"},
		{"UPDATE t SET a = u.a FROM u WHERE t.id = u.id", "UPDATE", true, "t", "UPDATE:t:true"},
		{"UPDATE t SET a = (SELECT b FROM u WHERE u.id = 1)", "UPDATE", false, "t", "UPDATE:t:false"},
		{"DELETE FROM t -- WHERE id = 1", "DELETE", false, "t", "DELETE:t:false"},
		{"DELETE FROM t /* WHERE */ RETURNING 'WHERE'", "DELETE", false, "t", "DELETE:t:false"},
		{`DELETE FROM "Order" USING u WHERE "Order".u = u.id`, "DELETE", true, "Order", "DELETE:Order:true"},
		{"WITH d AS (DELETE FROM t RETURNING id) SELECT * FROM d WHERE id > 1", "SELECT", true, "", "DELETE:t:false"},
		{"INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2", "INSERT", false, "t", ""},
		{"SELECT * FROM t FOR UPDATE", "SELECT", false, "", ""},
		{"EXPLAIN ANALYZE DELETE FROM t", "EXPLAIN", false, "", "DELETE:t:false"},
		{"ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u ON DELETE CASCADE ON UPDATE CASCADE", "ALTER", false, "", ""},
		{"(SELECT 1) UNION (SELECT 2)", "SELECT", false, "", ""},
	}
	for _, tt := range tests {
		s := one(t, tt.sql)
		if got := s.Kind(); got != tt.kind {
			t.Errorf("%q: Kind = %q, want %q", tt.sql, got, tt.kind)
		}
		if got := s.HasTopLevelWhere(); got != tt.where {
			t.Errorf("%q: HasTopLevelWhere = %v, want %v", tt.sql, got, tt.where)
		}
		if got := s.Target(); got != tt.target {
			t.Errorf("%q: Target = %q, want %q", tt.sql, got, tt.target)
		}
		var ms []string
		for _, m := range s.Mutations() {
			ms = append(ms, m.Kind+":"+m.Table+":"+map[bool]string{true: "true", false: "false"}[m.HasWhere])
		}
		if got := strings.Join(ms, " "); got != tt.mutations {
			t.Errorf("%q: Mutations = %q, want %q", tt.sql, got, tt.mutations)
		}
	}
}

func TestTables(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sql  string
		want string // clause:schema.name/alias, space separated
	}{
		{"SELECT * FROM a, b AS bb JOIN c cc ON cc.id = bb.id", "FROM:a FROM:b/bb JOIN:c/cc"},
		{"SELECT extract(year FROM created_at) FROM s.t WHERE a IS DISTINCT FROM b", "FROM:s.t"},
		{"WITH x AS (SELECT * FROM a) SELECT * FROM x JOIN b USING (id)", "FROM:a JOIN:b"},
		{"SELECT * FROM (SELECT * FROM a) s, generate_series(1, 3) g", "FROM:a"},
		{"INSERT INTO a (id) SELECT id FROM b", "INTO:a FROM:b"},
		{"UPDATE a SET x = 1 FROM b WHERE a.id = b.id", "UPDATE:a FROM:b"},
		{"DELETE FROM a USING b, c WHERE true", "FROM:a USING:b USING:c"},
		{"SELECT * FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.a = a.id)", "FROM:a FROM:b"},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range one(t, tt.sql).Tables() {
			s := r.Clause + ":"
			if r.Schema != "" {
				s += r.Schema + "."
			}
			s += r.Name
			if r.Alias != "" {
				s += "/" + r.Alias
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q: Tables = %q, want %q", tt.sql, g, tt.want)
		}
	}
}

func TestMentionsColumn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sql        string
		qualifiers []string
		want       bool
	}{
		{"SELECT * FROM t WHERE deleted_at IS NULL", nil, true},
		{"SELECT deleted_at FROM t", nil, false},
		{"SELECT * FROM t WHERE id = 1 -- AND deleted_at IS NULL", nil, false},
		{"SELECT * FROM t WHERE note = 'deleted_at'", nil, false},
		{"SELECT * FROM t x WHERE x.deleted_at IS NULL", []string{"t", "x"}, true},
		{"SELECT * FROM t x JOIN u y ON y.deleted_at IS NULL", []string{"t", "x"}, false},
		{"UPDATE t SET deleted_at = now() WHERE id = 1", nil, false},
		{"SELECT * FROM t JOIN u ON u.t = t.id AND t.deleted_at IS NULL", []string{"t"}, true},
		{"SELECT * FROM t WHERE id = 1 ORDER BY deleted_at", nil, false},
		{`SELECT * FROM t WHERE "deleted_at" IS NULL`, nil, true},
	}
	for _, tt := range tests {
		if got := one(t, tt.sql).MentionsColumn("deleted_at", tt.qualifiers...); got != tt.want {
			t.Errorf("%q: MentionsColumn = %v, want %v", tt.sql, got, tt.want)
		}
	}
}

func TestJSONBUses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sql  string
		want string
	}{
		{"SELECT * FROM t WHERE attrs->>'tier' = 'gold'", "->>"},
		{"SELECT * FROM t WHERE attrs @> $1 AND attrs ? 'k' AND attrs ?| array['a'] AND a #>> '{a,b}' = ''", "@> ? ?| #>>"},
		{"SELECT * FROM t WHERE jsonb_path_exists(attrs, '$.a')", "jsonb_path_exists"},
		{"SELECT * FROM t WHERE tags @> ARRAY['a'] AND tstzrange(a, b) @> now() AND doc @@ q", ""},
		{"SELECT '{\"a\": 1}' AS x -- attrs->>'a'", ""},
		{"SELECT $$ a -> b $$", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range one(t, tt.sql).JSONBUses() {
			got = append(got, tok.Text)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q: JSONBUses = %q, want %q", tt.sql, g, tt.want)
		}
	}
}
