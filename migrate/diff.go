package migrate

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/factory-kit/plinth/schema"
	"github.com/jackc/pgx/v5"
)

// DiffOpts configures Diff.
type DiffOpts struct {
	// Schema is the PostgreSQL schema the tables live in, "public" when "".
	Schema string
	// Prefix limits the current side to the tables the schema owns: those
	// whose name starts with Prefix. "" owns every table of Schema.
	Prefix string
	// AllowDestructive lets the plan drop tables and columns, change
	// column types, set NOT NULL without a default and remove enum values.
	AllowDestructive bool
}

// Diff plans the statements that take the database behind conn to
// desired. desired must be normalized by PostgreSQL (Normalize), so that
// both sides are spelled alike; its RenamedFrom fields and seed rows are
// honoured. The renames are tried inside a transaction that is rolled
// back, so the rest of the diff compares against the renamed state as
// PostgreSQL itself records it; conn is left unchanged.
//
// A plan with destructive steps is returned together with a
// *DestructiveError unless opts.AllowDestructive.
func Diff(ctx context.Context, conn *pgx.Conn, desired *schema.Model, opts DiffOpts) (*Plan, error) {
	in := InspectOpts{Schema: opts.Schema, Prefix: opts.Prefix, Seed: seedColumns(desired)}
	cur, err := Inspect(ctx, conn, in)
	if err != nil {
		return nil, err
	}
	renames := renameSteps(cur, desired)
	if len(renames) > 0 {
		if cur, err = inspectRenamed(ctx, conn, renames, in); err != nil {
			return nil, err
		}
	}
	plan := Compare(cur, desired)
	plan.Steps = append(renames, plan.Steps...)
	if !opts.AllowDestructive {
		if d := plan.Destructive(); len(d) > 0 {
			return plan, &DestructiveError{Steps: d}
		}
	}
	return plan, nil
}

// seedColumns lists, per table with seed rows, every column a row sets.
func seedColumns(m *schema.Model) map[string][]string {
	out := map[string][]string{}
	for _, t := range m.Tables {
		for _, r := range t.Seed {
			for _, c := range r.Columns {
				if !slices.Contains(out[t.Name], c) {
					out[t.Name] = append(out[t.Name], c)
				}
			}
		}
	}
	return out
}

// renameSteps renames the tables and columns desired declares RenamedFrom
// when the old name exists and the new one does not yet.
func renameSteps(cur, desired *schema.Model) []Step {
	var steps []Step
	for _, w := range desired.Tables {
		name := w.Name
		if _, exists := cur.Table(w.Name); !exists && w.RenamedFrom != "" {
			if _, old := cur.Table(w.RenamedFrom); old {
				steps = append(steps, Step{
					SQL:  "ALTER TABLE " + schema.QuoteIdent(w.RenamedFrom) + " RENAME TO " + schema.QuoteIdent(w.Name) + ";\n",
					Kind: RenameTable, Table: w.Name, Object: "from " + w.RenamedFrom,
					locks: true, directive: renameNote,
				})
				name = w.RenamedFrom
			}
		}
		c, ok := cur.Table(name)
		if !ok {
			continue
		}
		for _, col := range w.Columns {
			if _, exists := c.Column(col.Name); exists || col.RenamedFrom == "" {
				continue
			}
			if _, old := c.Column(col.RenamedFrom); old {
				steps = append(steps, Step{
					SQL: "ALTER TABLE " + schema.QuoteIdent(w.Name) + " RENAME COLUMN " +
						schema.QuoteIdent(col.RenamedFrom) + " TO " + schema.QuoteIdent(col.Name) + ";\n",
					Kind: RenameColumn, Table: w.Name, Column: col.Name, Object: "from " + col.RenamedFrom,
					locks: true, directive: renameNote,
				})
			}
		}
	}
	return steps
}

// The -- plinth: comments migration files carry above statements the
// migration lint would otherwise report: renames come from RenamedFrom,
// and destructive steps are in a plan only when AllowDestructive allowed
// them.
const (
	renameNote         = "plinth:rename declared with RenamedFrom in the schema"
	allowedNote        = " allowed with --allow-destructive (AllowDestructive)"
	unusedTypeNote     = "plinth:lint-ignore destructive no column uses the type any more"
	replacedUniqueNote = "plinth:lint-ignore index-concurrently it replaces a unique key dropped above, in the same transaction, " +
		"so that uniqueness is enforced throughout"
)

// inspectRenamed applies the renames in a transaction, inspects the
// result and rolls back.
func inspectRenamed(ctx context.Context, conn *pgx.Conn, renames []Step, in InspectOpts) (*schema.Model, error) {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	for _, s := range renames {
		if _, err := tx.Exec(ctx, s.SQL); err != nil {
			return nil, fmt.Errorf("trying %s: %w", s, err)
		}
	}
	return Inspect(ctx, tx, in)
}

// phase orders the steps of a plan: everything that depends on an object
// is dropped before it, and everything an object needs exists before it.
type phase int

const (
	phRename phase = iota
	phCreateEnum
	phDropPolicy
	phDropFK
	phDropKey
	phDropTable
	phDropColumn
	phRecreateEnum
	phCreateTable
	phAlterColumn
	phAddKey
	phAddFK
	phDropEnum
	phSecurity
	phComment
	phSeed
	phaseCount
)

// Compare plans the statements from cur to desired, both as Inspect reads
// them (desired normalized by PostgreSQL), without a database: renames
// are not applied (Diff does them). It never refuses destructive steps;
// Plan.Destructive lists them.
func Compare(cur, desired *schema.Model) *Plan {
	d := &differ{
		cur: CatalogView(cur), raw: cur, want: desired,
		typeChanged: map[string]bool{}, keyDropped: map[string][][]string{}, defaultSet: map[string]bool{},
	}
	d.renameObjects()
	d.enums()
	d.tables()
	d.foreignKeys()
	d.seeds()
	p := &Plan{}
	for _, steps := range d.phases {
		p.Steps = append(p.Steps, steps...)
	}
	for i := range p.Steps {
		if _, ok := d.cur.Table(p.Steps[i].Table); ok && p.Steps[i].Table != "" {
			p.Steps[i].locks = true
		}
	}
	p.NoTransaction = usesNewEnumValue(p.Steps)
	return p
}

type differ struct {
	cur  *schema.Model // catalog view of the current state; renames of objects are applied to it
	raw  *schema.Model // the current state as inspected, for its seed rows
	want *schema.Model

	phases      [phaseCount][]Step
	typeChanged map[string]bool       // "table.column" whose type changes
	keyDropped  map[string][][]string // table → column sets of keys dropped or rebuilt
	defaultSet  map[string]bool       // "table.column" whose default a step already set
}

func (d *differ) add(ph phase, s Step) { d.phases[ph] = append(d.phases[ph], s) }

func alter(table string) string { return "ALTER TABLE " + schema.QuoteIdent(table) + " " }

func alterColumn(table, column string) string {
	return alter(table) + "ALTER COLUMN " + schema.QuoteIdent(column) + " "
}

// renameObjects renames constraints and indexes whose definition is
// unchanged but whose name is not (as after a table rename, whose
// constraints keep their old generated names), instead of rebuilding them.
func (d *differ) renameObjects() {
	for i := range d.cur.Tables {
		c := &d.cur.Tables[i]
		w, ok := d.want.Table(c.Name)
		if !ok {
			continue
		}
		renameConstraint := func(old, new string) {
			d.add(phRename, Step{SQL: alter(c.Name) + "RENAME CONSTRAINT " + schema.QuoteIdent(old) + " TO " + schema.QuoteIdent(new) + ";\n",
				Kind: RenameObject, Table: c.Name, Object: old + " to " + new})
		}
		if c.PrimaryKey != nil && w.PrimaryKey != nil && c.PrimaryKey.Name != w.PrimaryKey.Name &&
			slices.Equal(c.PrimaryKey.Columns, w.PrimaryKey.Columns) {
			renameConstraint(c.PrimaryKey.Name, w.PrimaryKey.Name)
			c.PrimaryKey.Name = w.PrimaryKey.Name
		}
		renameMatching(c.Uniques, w.Uniques, func(k schema.Key) string { return k.Name }, func(k *schema.Key, n string) { k.Name = n },
			sameKey, renameConstraint)
		renameMatching(c.Checks, w.Checks, func(k schema.CheckDef) string { return k.Name }, func(k *schema.CheckDef, n string) { k.Name = n },
			sameCheck, renameConstraint)
		renameMatching(c.ForeignKeys, w.ForeignKeys, func(k schema.ForeignKeyDef) string { return k.Name },
			func(k *schema.ForeignKeyDef, n string) { k.Name = n }, sameFK, renameConstraint)
		renameMatching(c.Indexes, w.Indexes, func(k schema.IndexDef) string { return k.Name }, func(k *schema.IndexDef, n string) { k.Name = n },
			sameIndex, func(old, new string) {
				d.add(phRename, Step{SQL: "ALTER INDEX " + schema.QuoteIdent(old) + " RENAME TO " + schema.QuoteIdent(new) + ";\n",
					Kind: RenameObject, Table: c.Name, Object: old + " to " + new})
			})
	}
}

// renameMatching renames each object of cur that want has under another,
// unused name with the same definition.
func renameMatching[T any](cur, want []T, name func(T) string, setName func(*T, string), same func(a, b T) bool, rename func(old, new string)) {
	has := func(s []T, n string) bool { return slices.ContainsFunc(s, func(x T) bool { return name(x) == n }) }
	for i := range cur {
		if has(want, name(cur[i])) {
			continue
		}
		for _, w := range want {
			if !has(cur, name(w)) && same(cur[i], w) {
				rename(name(cur[i]), name(w))
				setName(&cur[i], name(w))
				break
			}
		}
	}
}

func sameKey(a, b schema.Key) bool        { return slices.Equal(a.Columns, b.Columns) }
func sameCheck(a, b schema.CheckDef) bool { return a.Expr == b.Expr }
func sameFK(a, b schema.ForeignKeyDef) bool {
	return slices.Equal(a.Columns, b.Columns) && a.RefTable == b.RefTable && slices.Equal(a.RefColumns, b.RefColumns) &&
		a.OnDelete == b.OnDelete && slices.Equal(a.OnDeleteColumns, b.OnDeleteColumns) && a.OnUpdate == b.OnUpdate
}
func sameIndex(a, b schema.IndexDef) bool {
	return a.Unique == b.Unique && a.Method == b.Method && slices.Equal(a.Columns, b.Columns) && a.Where == b.Where
}
func samePolicy(a, b schema.Policy) bool {
	return a.Command == b.Command && a.Using == b.Using && a.WithCheck == b.WithCheck
}

// diffNamed calls drop for each object of cur that want lacks or defines
// differently, and add for each object of want that cur lacks or defines
// differently.
func diffNamed[T any](cur, want []T, name func(T) string, same func(a, b T) bool, drop, add func(T)) {
	find := func(s []T, n string) (T, bool) {
		i := slices.IndexFunc(s, func(x T) bool { return name(x) == n })
		if i < 0 {
			var zero T
			return zero, false
		}
		return s[i], true
	}
	for _, c := range cur {
		if w, ok := find(want, name(c)); !ok || !same(c, w) {
			drop(c)
		}
	}
	for _, w := range want {
		if c, ok := find(cur, name(w)); !ok || !same(c, w) {
			add(w)
		}
	}
}

func (d *differ) enums() {
	for _, w := range d.want.Enums {
		c, ok := d.cur.Enum(w.Name)
		switch {
		case !ok:
			d.add(phCreateEnum, Step{SQL: schema.EnumSQL(w), Kind: CreateEnum, Object: w.Name})
		case slices.Equal(c.Values, w.Values):
		case isSubsequence(c.Values, w.Values):
			d.addEnumValues(*c, w)
		default:
			d.recreateEnum(w)
		}
	}
	for _, c := range d.cur.Enums {
		if _, ok := d.want.Enum(c.Name); !ok {
			d.add(phDropEnum, Step{SQL: "DROP TYPE " + schema.QuoteIdent(c.Name) + ";\n", Kind: DropEnum, Object: c.Name,
				directive: unusedTypeNote})
		}
	}
}

// isSubsequence reports whether every element of a appears in b, in order.
func isSubsequence(a, b []string) bool {
	i := 0
	for _, v := range b {
		if i < len(a) && a[i] == v {
			i++
		}
	}
	return i == len(a)
}

func (d *differ) addEnumValues(c, w schema.EnumType) {
	for i, v := range w.Values {
		if slices.Contains(c.Values, v) {
			continue
		}
		where := " BEFORE " + schema.QuoteLiteral(c.Values[0])
		if i > 0 {
			where = " AFTER " + schema.QuoteLiteral(w.Values[i-1])
		}
		if len(c.Values) == 0 && i == 0 {
			where = ""
		}
		d.add(phCreateEnum, Step{
			SQL:  "ALTER TYPE " + schema.QuoteIdent(w.Name) + " ADD VALUE " + schema.QuoteLiteral(v) + where + ";\n",
			Kind: AddEnumValue, Object: w.Name + " " + schema.QuoteLiteral(v),
		})
	}
}

// recreateEnum replaces an enum whose values were removed or reordered,
// converting the columns that keep using it through text.
func (d *differ) recreateEnum(w schema.EnumType) {
	old := w.Name + "_plinth_old"
	add := func(s Step) { d.add(phRecreateEnum, s) }
	add(Step{SQL: "ALTER TYPE " + schema.QuoteIdent(w.Name) + " RENAME TO " + schema.QuoteIdent(old) + ";\n",
		Kind: RemoveEnumValue, Object: w.Name})
	add(Step{SQL: schema.EnumSQL(w), Kind: CreateEnum, Object: w.Name})
	for _, c := range d.cur.Tables {
		wt, ok := d.want.Table(c.Name)
		if !ok {
			continue
		}
		for _, col := range c.Columns {
			wc, ok := wt.Column(col.Name)
			if col.Enum != w.Name || !ok {
				continue
			}
			if col.Default != "" {
				add(Step{SQL: alterColumn(c.Name, col.Name) + "DROP DEFAULT;\n", Kind: AlterColumn, Table: c.Name, Column: col.Name})
			}
			via := "text"
			if strings.HasSuffix(wc.Type, "[]") {
				via = "text[]"
			}
			add(Step{SQL: alterColumn(c.Name, col.Name) + "TYPE " + wc.Type + " USING " + schema.QuoteIdent(col.Name) + "::" + via + "::" + wc.Type + ";\n",
				Kind: RemoveEnumValue, Table: c.Name, Column: col.Name, Object: w.Name,
				directive: "plinth:lint-ignore column-type" + allowedNote})
			if wc.Default != "" {
				add(Step{SQL: alterColumn(c.Name, col.Name) + "SET DEFAULT " + wc.Default + ";\n", Kind: AlterColumn, Table: c.Name, Column: col.Name})
			}
			d.defaultSet[c.Name+"."+col.Name] = true
		}
	}
	add(Step{SQL: "DROP TYPE " + schema.QuoteIdent(old) + ";\n", Kind: DropEnum, Object: old, directive: unusedTypeNote})
}

func (d *differ) tables() {
	for _, w := range d.want.Tables {
		if c, ok := d.cur.Table(w.Name); ok {
			d.alterTable(c, w)
		} else {
			d.createTable(w)
		}
	}
	for _, c := range d.cur.Tables {
		if _, ok := d.want.Table(c.Name); !ok {
			d.add(phDropTable, Step{SQL: "DROP TABLE " + schema.QuoteIdent(c.Name) + ";\n", Kind: DropTable, Table: c.Name,
				directive: "plinth:lint-ignore destructive" + allowedNote})
		}
	}
}

func (d *differ) createTable(w schema.Table) {
	d.add(phCreateTable, Step{SQL: schema.CreateTableSQL(w), Kind: CreateTable, Table: w.Name})
	for _, ix := range w.Indexes {
		d.add(phAddKey, Step{SQL: schema.IndexSQL(w, ix), Kind: AddConstraint, Table: w.Name, Object: ix.Name})
	}
	if s := schema.RowSecuritySQL(w); s != "" {
		d.add(phSecurity, Step{SQL: s, Kind: RowSecurity, Table: w.Name})
	}
	for _, p := range w.Policies {
		d.add(phSecurity, Step{SQL: schema.PolicySQL(w, p), Kind: AddPolicy, Table: w.Name, Object: p.Name})
	}
	if s := schema.CommentSQL(w); s != "" {
		d.add(phComment, Step{SQL: s, Kind: Comment, Table: w.Name})
	}
}

func (d *differ) alterTable(c *schema.Table, w schema.Table) {
	for _, wc := range w.Columns {
		if cc, ok := c.Column(wc.Name); ok {
			d.alterColumn(w, *cc, wc)
		} else {
			d.addColumn(w, wc)
		}
	}
	for _, cc := range c.Columns {
		if _, ok := w.Column(cc.Name); !ok {
			d.add(phDropColumn, Step{SQL: alter(c.Name) + "DROP COLUMN " + schema.QuoteIdent(cc.Name) + ";\n",
				Kind: DropColumn, Table: c.Name, Column: cc.Name, directive: "plinth:lint-ignore destructive" + allowedNote})
		}
	}
	d.keys(c, w)
	d.security(c, w)
	if c.Comment != w.Comment {
		text := "NULL"
		if w.Comment != "" {
			text = schema.QuoteLiteral(w.Comment)
		}
		d.add(phComment, Step{SQL: "COMMENT ON TABLE " + schema.QuoteIdent(w.Name) + " IS " + text + ";\n", Kind: Comment, Table: w.Name})
	}
}

func (d *differ) addColumn(t schema.Table, c schema.Column) {
	kind, directive := AddColumn, ""
	if c.NotNull && c.Default == "" && c.Identity == "" {
		kind, directive = AddNotNullColumn, "plinth:lint-ignore not-null"+allowedNote
	}
	d.add(phAlterColumn, Step{SQL: alter(t.Name) + "ADD COLUMN " + schema.ColumnSQL(c) + ";\n", Kind: kind, Table: t.Name, Column: c.Name,
		directive: directive})
	if c.Comment != "" {
		d.add(phComment, Step{SQL: schema.ColumnCommentSQL(t, c), Kind: Comment, Table: t.Name, Column: c.Name})
	}
}

func (d *differ) alterColumn(t schema.Table, c, w schema.Column) {
	key := t.Name + "." + w.Name
	step := func(kind Kind, sql string, directive ...string) {
		d.add(phAlterColumn, Step{SQL: alterColumn(t.Name, w.Name) + sql + ";\n", Kind: kind, Table: t.Name, Column: w.Name,
			directive: strings.Join(directive, "")})
	}
	if c.Type != w.Type {
		if c.Default != "" && !d.defaultSet[key] {
			step(AlterColumn, "DROP DEFAULT")
			c.Default = ""
		}
		if widens(c.Type, w.Type) {
			step(WidenType, "TYPE "+w.Type, widenNote(c.Type, w.Type))
		} else {
			step(ChangeType, "TYPE "+w.Type+" USING "+schema.QuoteIdent(w.Name)+"::"+w.Type, "plinth:lint-ignore column-type"+allowedNote)
		}
		d.typeChanged[key] = true
	}
	if c.Identity != "" && w.Identity == "" {
		step(AlterColumn, "DROP IDENTITY")
	}
	if c.Default != w.Default && !d.defaultSet[key] {
		if w.Default == "" {
			step(AlterColumn, "DROP DEFAULT")
		} else {
			step(AlterColumn, "SET DEFAULT "+w.Default)
		}
	}
	switch {
	case w.NotNull && !c.NotNull && w.Default == "" && w.Identity == "":
		step(SetNotNull, "SET NOT NULL", "plinth:lint-ignore not-null"+allowedNote)
	case w.NotNull && !c.NotNull:
		step(AlterColumn, "SET NOT NULL",
			"plinth:lint-ignore not-null the column has a default for new rows; the scan fails the migration, not the data, on an old NULL")
	case !w.NotNull && c.NotNull:
		step(AlterColumn, "DROP NOT NULL")
	}
	switch {
	case w.Identity == "" || c.Identity == w.Identity:
	case c.Identity == "":
		step(AlterColumn, "ADD GENERATED "+w.Identity+" AS IDENTITY")
	default:
		step(AlterColumn, "SET GENERATED "+w.Identity)
	}
	if c.Comment != w.Comment {
		d.add(phComment, Step{SQL: schema.ColumnCommentSQL(t, w), Kind: Comment, Table: t.Name, Column: w.Name})
	}
}

var (
	varcharType = regexp.MustCompile(`^character varying\((\d+)\)$`)
	numericType = regexp.MustCompile(`^numeric\((\d+),(\d+)\)$`)
)

// widenNote is the lint-ignore of a widening type change: it keeps every
// value, but an integer or float widening rewrites the table under its
// lock, which the note says.
func widenNote(from, to string) string {
	note := "plinth:lint-ignore column-type widening " + from + " to " + to + " keeps every value"
	switch from {
	case "smallint", "integer", "real":
		return note + ", but rewrites the table under its lock: on a large table, add a column and backfill it instead"
	}
	return note + " and does not rewrite the table"
}

// widens reports whether converting from to to keeps every value: a
// longer varchar, varchar to text, a wider integer or numeric.
func widens(from, to string) bool {
	switch {
	case from == "smallint":
		return to == "integer" || to == "bigint"
	case from == "integer":
		return to == "bigint"
	case from == "real":
		return to == "double precision"
	case varcharType.MatchString(from):
		if to == "text" || to == "character varying" {
			return true
		}
		f, t := varcharType.FindStringSubmatch(from), varcharType.FindStringSubmatch(to)
		return t != nil && atoi(t[1]) >= atoi(f[1])
	case numericType.MatchString(from):
		if to == "numeric" {
			return true
		}
		f, t := numericType.FindStringSubmatch(from), numericType.FindStringSubmatch(to)
		return t != nil && f[2] == t[2] && atoi(t[1]) >= atoi(f[1])
	}
	return false
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// keys diffs the primary key, unique constraints, checks and indexes.
func (d *differ) keys(c *schema.Table, w schema.Table) {
	t := w.Name
	dropConstraint := func(name string) {
		d.add(phDropKey, Step{SQL: alter(t) + "DROP CONSTRAINT " + schema.QuoteIdent(name) + ";\n", Kind: DropConstraint, Table: t, Object: name})
	}
	addStep := func(sql, name string) { d.add(phAddKey, Step{SQL: sql, Kind: AddConstraint, Table: t, Object: name}) }
	var curPK, wantPK []schema.Key
	if c.PrimaryKey != nil {
		curPK = []schema.Key{*c.PrimaryKey}
	}
	if w.PrimaryKey != nil {
		wantPK = []schema.Key{*w.PrimaryKey}
	}
	keyName := func(k schema.Key) string { return k.Name }
	uniqueDropped := false // a unique key or index of the table is dropped
	diffNamed(curPK, wantPK, keyName, sameKey,
		func(k schema.Key) {
			dropConstraint(k.Name)
			d.keyDropped[t] = append(d.keyDropped[t], k.Columns)
			uniqueDropped = true
		},
		func(k schema.Key) { addStep(schema.PrimaryKeySQL(w, k), k.Name) })
	diffNamed(c.Uniques, w.Uniques, keyName, sameKey,
		func(k schema.Key) {
			dropConstraint(k.Name)
			d.keyDropped[t] = append(d.keyDropped[t], k.Columns)
			uniqueDropped = true
		},
		func(k schema.Key) { addStep(schema.UniqueSQL(w, k), k.Name) })
	// The table exists: checks are added NOT VALID and validated later,
	// indexes built and dropped concurrently (see Plan.Files). A unique
	// index is dropped in place: a foreign key rebuilt in the same
	// migration may depend on it until then. And when a unique key or
	// index is dropped, a new unique index is built in place too, in the
	// same transaction, so that no row breaks the uniqueness in between
	// (as when a soft-deleted table's unique key becomes a partial index).
	diffNamed(c.Checks, w.Checks, func(k schema.CheckDef) string { return k.Name }, sameCheck,
		func(k schema.CheckDef) { dropConstraint(k.Name) },
		func(k schema.CheckDef) {
			d.add(phAddKey, Step{SQL: schema.CheckSQL(w, k), Kind: AddConstraint, Table: t, Object: k.Name, online: notValid})
		})
	diffNamed(c.Indexes, w.Indexes, func(k schema.IndexDef) string { return k.Name }, sameIndex,
		func(ix schema.IndexDef) {
			online := dropConcurrently
			if ix.Unique {
				online = inPlace
			}
			d.add(phDropKey, Step{SQL: "DROP INDEX " + schema.QuoteIdent(ix.Name) + ";\n", Kind: DropConstraint, Table: t, Object: ix.Name,
				online: online})
			if ix.Unique && ix.Where == "" {
				d.keyDropped[t] = append(d.keyDropped[t], ix.Columns)
			}
			uniqueDropped = uniqueDropped || ix.Unique
		},
		func(ix schema.IndexDef) {
			s := Step{SQL: schema.IndexSQL(w, ix), Kind: AddConstraint, Table: t, Object: ix.Name, online: concurrently}
			if ix.Unique && uniqueDropped {
				s.online, s.directive = inPlace, replacedUniqueNote
			}
			d.add(phAddKey, s)
		})
}

func (d *differ) security(c *schema.Table, w schema.Table) {
	t := w.Name
	rls := func(sql string) { d.add(phSecurity, Step{SQL: alter(t) + sql + ";\n", Kind: RowSecurity, Table: t}) }
	switch {
	case w.RowSecurity && !c.RowSecurity:
		rls("ENABLE ROW LEVEL SECURITY")
	case !w.RowSecurity && c.RowSecurity:
		rls("DISABLE ROW LEVEL SECURITY")
	}
	switch {
	case w.ForceRowSecurity && !c.ForceRowSecurity:
		rls("FORCE ROW LEVEL SECURITY")
	case !w.ForceRowSecurity && c.ForceRowSecurity:
		rls("NO FORCE ROW LEVEL SECURITY")
	}
	diffNamed(c.Policies, w.Policies, func(p schema.Policy) string { return p.Name }, samePolicy,
		func(p schema.Policy) {
			d.add(phDropPolicy, Step{SQL: "DROP POLICY " + schema.QuoteIdent(p.Name) + " ON " + schema.QuoteIdent(t) + ";\n",
				Kind: DropPolicy, Table: t, Object: p.Name})
		},
		func(p schema.Policy) {
			d.add(phSecurity, Step{SQL: schema.PolicySQL(w, p), Kind: AddPolicy, Table: t, Object: p.Name})
		})
}

// foreignKeys diffs the foreign keys of every table once the columns and
// keys are known: a foreign key whose columns change type, or whose target
// key is rebuilt, is dropped before and added again after.
func (d *differ) foreignKeys() {
	fkName := func(fk schema.ForeignKeyDef) string { return fk.Name }
	for _, w := range d.want.Tables {
		c, ok := d.cur.Table(w.Name)
		add := func(fk schema.ForeignKeyDef) {
			s := Step{SQL: schema.ForeignKeySQL(w, fk), Kind: AddConstraint, Table: w.Name, Object: fk.Name}
			if ok { // on an existing table: NOT VALID, validated later (see Plan.Files)
				s.online = notValid
			}
			if _, refExists := d.cur.Table(fk.RefTable); refExists { // the foreign key locks the table it references
				s.locks = true
			}
			d.add(phAddFK, s)
		}
		if !ok {
			for _, fk := range w.ForeignKeys {
				add(fk)
			}
			continue
		}
		same := func(a, b schema.ForeignKeyDef) bool { return sameFK(a, b) && !d.affected(w.Name, a) }
		diffNamed(c.ForeignKeys, w.ForeignKeys, fkName, same, func(fk schema.ForeignKeyDef) { d.dropFK(w.Name, fk) }, add)
	}
	for _, c := range d.cur.Tables {
		if _, ok := d.want.Table(c.Name); ok {
			continue
		}
		for _, fk := range c.ForeignKeys {
			if fk.RefTable != c.Name { // let the dropped tables go one by one
				d.dropFK(c.Name, fk)
			}
		}
	}
}

func (d *differ) dropFK(table string, fk schema.ForeignKeyDef) {
	d.add(phDropFK, Step{SQL: alter(table) + "DROP CONSTRAINT " + schema.QuoteIdent(fk.Name) + ";\n",
		Kind: DropConstraint, Table: table, Object: fk.Name})
}

// affected reports whether the foreign key fk of table must be rebuilt
// because a column it joins changes type or the key it targets is rebuilt.
func (d *differ) affected(table string, fk schema.ForeignKeyDef) bool {
	for _, c := range fk.Columns {
		if d.typeChanged[table+"."+c] {
			return true
		}
	}
	for _, c := range fk.RefColumns {
		if d.typeChanged[fk.RefTable+"."+c] {
			return true
		}
	}
	return slices.ContainsFunc(d.keyDropped[fk.RefTable], func(cols []string) bool {
		return len(cols) == len(fk.RefColumns) && !slices.ContainsFunc(cols, func(c string) bool { return !slices.Contains(fk.RefColumns, c) })
	})
}

// seeds inserts the seed rows the current table lacks (ON CONFLICT DO
// NOTHING, so a row added by hand meanwhile is kept) and updates those
// whose primary key is there with other values. Rows the schema no longer
// lists are left alone: deleting data is a decision for a hand-written
// migration.
func (d *differ) seeds() {
	for _, w := range d.want.Tables {
		if len(w.Seed) == 0 {
			continue
		}
		have := map[string]schema.SeedRow{}
		var pk []string
		if w.PrimaryKey != nil {
			pk = w.PrimaryKey.Columns
		}
		if c, ok := d.raw.Table(w.Name); ok {
			for _, r := range c.Seed {
				have[rowKey(r, nil)] = r
				if k := rowKey(r, pk); k != "" {
					have["pk:"+k] = r
				}
			}
		}
		for _, r := range w.Seed {
			if _, ok := have[rowKey(r, nil)]; ok {
				continue
			}
			if old, ok := have["pk:"+rowKey(r, pk)]; ok && rowKey(r, pk) != "" {
				if sql := updateRow(w.Name, old, r, pk); sql != "" {
					d.add(phSeed, Step{SQL: sql, Kind: SeedRows, Table: w.Name})
				}
				continue
			}
			ins := schema.SeedSQL(schema.Table{Name: w.Name, Seed: []schema.SeedRow{r}})
			d.add(phSeed, Step{SQL: strings.TrimSuffix(ins, ";\n") + " ON CONFLICT DO NOTHING;\n", Kind: SeedRows, Table: w.Name})
		}
	}
}

// rowKey joins the values of r's columns cols (all columns when cols is
// nil); "" when r lacks one of cols.
func rowKey(r schema.SeedRow, cols []string) string {
	if cols == nil {
		return strings.Join(r.Columns, ",") + "=" + strings.Join(r.Values, "\x00")
	}
	var parts []string
	for _, c := range cols {
		i := slices.Index(r.Columns, c)
		if i < 0 {
			return ""
		}
		parts = append(parts, r.Values[i])
	}
	return strings.Join(parts, "\x00")
}

func updateRow(table string, old, r schema.SeedRow, pk []string) string {
	var set, where []string
	for i, c := range r.Columns {
		eq := schema.QuoteIdent(c) + " = " + r.Values[i]
		if slices.Contains(pk, c) {
			where = append(where, eq)
		} else if j := slices.Index(old.Columns, c); j < 0 || old.Values[j] != r.Values[i] {
			set = append(set, eq)
		}
	}
	if len(set) == 0 {
		return ""
	}
	return "UPDATE " + schema.QuoteIdent(table) + " SET " + strings.Join(set, ", ") + " WHERE " + strings.Join(where, " AND ") + ";\n"
}

// usesNewEnumValue reports whether a statement uses an enum value added
// by an earlier statement of the same plan.
func usesNewEnumValue(steps []Step) bool {
	var added []string
	for _, s := range steps {
		if s.Kind == AddEnumValue {
			added = append(added, s.Object[strings.IndexByte(s.Object, ' ')+1:])
			continue
		}
		for _, v := range added {
			if strings.Contains(s.SQL, v) {
				return true
			}
		}
	}
	return false
}
