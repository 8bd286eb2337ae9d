package migrate

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/factory-kit/plinth/schema"
	"github.com/jackc/pgx/v5"
)

// Querier is what Inspect reads the catalog through: a *pgx.Conn, a
// pgx.Tx or a *pgxpool.Pool.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// BookkeepingTable is the table Up records applied migrations in. The
// runtime reads the schema version from it; Inspect never reports it.
const BookkeepingTable = "plinth_migrations"

// InspectOpts says which part of a database Inspect reads.
type InspectOpts struct {
	// Schema is the PostgreSQL schema (namespace) to read, "public" when "".
	Schema string
	// Prefix limits the tables read to those whose name starts with it; ""
	// reads every table of the schema. Enums are read when a table read
	// uses them or their name starts with Prefix.
	Prefix string
	// Seed names, per table, the columns whose rows Inspect reads into
	// Table.Seed (reference tables); columns the table lacks are skipped.
	Seed map[string][]string
}

// Inspect reads the tables, columns, keys, checks, indexes, enums,
// comments, row security flags and policies of a live database from
// pg_catalog into a Model, spelled as PostgreSQL spells them (format_type,
// pg_get_expr), tables in name order and columns in table order. Only the
// catalog-visible fields are set; see CatalogView.
func Inspect(ctx context.Context, q Querier, opts InspectOpts) (*schema.Model, error) {
	in := &inspector{q: q, opts: opts, byOID: map[uint32]*schema.Table{}}
	if in.opts.Schema == "" {
		in.opts.Schema = "public"
	}
	for _, step := range []func(context.Context) error{
		in.tables, in.columns, in.constraints, in.indexes, in.policies, in.enums, in.seeds,
	} {
		if err := step(ctx); err != nil {
			return nil, fmt.Errorf("inspecting the database: %w", err)
		}
	}
	return in.m, nil
}

type inspector struct {
	q     Querier
	opts  InspectOpts
	m     *schema.Model
	oids  []uint32
	byOID map[uint32]*schema.Table
}

const tablesSQL = `
SELECT c.oid, c.relname, c.relrowsecurity, c.relforcerowsecurity,
       coalesce(obj_description(c.oid, 'pg_class'), '')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND starts_with(c.relname, $2) AND c.relname <> $3
ORDER BY c.relname`

func (in *inspector) tables(ctx context.Context) error {
	rows, err := in.q.Query(ctx, tablesSQL, in.opts.Schema, in.opts.Prefix, BookkeepingTable)
	if err != nil {
		return err
	}
	var tables []schema.Table
	var oids []uint32
	for rows.Next() {
		var t schema.Table
		var oid uint32
		if err := rows.Scan(&oid, &t.Name, &t.RowSecurity, &t.ForceRowSecurity, &t.Comment); err != nil {
			return err
		}
		tables = append(tables, t)
		oids = append(oids, oid)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	in.m = &schema.Model{Tables: tables}
	in.oids = oids
	for i, oid := range oids {
		in.byOID[oid] = &in.m.Tables[i]
	}
	return nil
}

// each runs sql with args and calls scan for every row.
func (in *inspector) each(ctx context.Context, sql string, scan func(rows pgx.Rows) error, args ...any) error {
	rows, err := in.q.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

const columnsSQL = `
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity::text,
       coalesce(col_description(a.attrelid, a.attnum), ''),
       CASE WHEN t.typtype = 'e' THEN t.typname WHEN et.typtype = 'e' THEN et.typname ELSE '' END
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typelem <> 0
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`

func (in *inspector) columns(ctx context.Context) error {
	return in.each(ctx, columnsSQL, func(rows pgx.Rows) error {
		var oid uint32
		var c schema.Column
		var identity string
		if err := rows.Scan(&oid, &c.Name, &c.Type, &c.NotNull, &c.Default, &identity, &c.Comment, &c.Enum); err != nil {
			return err
		}
		switch identity {
		case "a":
			c.Identity = "ALWAYS"
		case "d":
			c.Identity = "BY DEFAULT"
		}
		t := in.byOID[oid]
		t.Columns = append(t.Columns, c)
		return nil
	}, in.oids)
}

// attnames turns an attnum array of relation rel into column names, in order.
const attnames = `array(SELECT a.attname::text FROM unnest(%s) WITH ORDINALITY k(n, i)
	JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.n ORDER BY k.i)`

var constraintsSQL = `
SELECT con.conrelid, con.conname, con.contype::text,
       ` + fmt.Sprintf(attnames, "con.conkey", "con.conrelid") + `,
       coalesce(fc.relname, ''),
       ` + fmt.Sprintf(attnames, "con.confkey", "con.confrelid") + `,
       con.confdeltype::text, con.confupdtype::text,
       ` + fmt.Sprintf(attnames, "con.confdelsetcols", "con.conrelid") + `,
       coalesce(pg_get_expr(con.conbin, con.conrelid), '')
FROM pg_constraint con LEFT JOIN pg_class fc ON fc.oid = con.confrelid
WHERE con.conrelid = ANY($1) AND con.contype IN ('p', 'u', 'f', 'c')
ORDER BY con.conrelid, con.conname`

// actions maps pg_constraint's confdeltype letters to the model's words.
var actions = map[string]string{"a": "", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

func (in *inspector) constraints(ctx context.Context) error {
	return in.each(ctx, constraintsSQL, func(rows pgx.Rows) error {
		var oid uint32
		var name, kind, refTable, onDelete, onUpdate, expr string
		var cols, refCols, setCols []string
		if err := rows.Scan(&oid, &name, &kind, &cols, &refTable, &refCols, &onDelete, &onUpdate, &setCols, &expr); err != nil {
			return err
		}
		t := in.byOID[oid]
		switch kind {
		case "p":
			t.PrimaryKey = &schema.Key{Name: name, Columns: cols}
		case "u":
			t.Uniques = append(t.Uniques, schema.Key{Name: name, Columns: cols})
		case "c":
			t.Checks = append(t.Checks, schema.CheckDef{Name: name, Expr: expr})
		case "f":
			t.ForeignKeys = append(t.ForeignKeys, schema.ForeignKeyDef{
				Name: name, Columns: cols, RefTable: refTable, RefColumns: refCols,
				OnDelete: actions[onDelete], OnDeleteColumns: nilIfEmpty(setCols), OnUpdate: actions[onUpdate],
			})
		}
		return nil
	}, in.oids)
}

// indexesSQL reads the indexes that back no constraint; an entry is the
// column name, or the parenthesised expression as pg_get_indexdef prints it.
const indexesSQL = `
SELECT i.indrelid, ic.relname, i.indisunique, am.amname,
       array(SELECT CASE WHEN i.indkey[k - 1] = 0
                         THEN '(' || pg_get_indexdef(i.indexrelid, k, true) || ')'
                         ELSE (SELECT a.attname::text FROM pg_attribute a
                               WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]) END
             FROM generate_series(1, i.indnkeyatts) k ORDER BY k),
       coalesce(pg_get_expr(i.indpred, i.indrelid, true), '')
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE i.indrelid = ANY($1)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                  WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname`

func (in *inspector) indexes(ctx context.Context) error {
	return in.each(ctx, indexesSQL, func(rows pgx.Rows) error {
		var oid uint32
		var ix schema.IndexDef
		if err := rows.Scan(&oid, &ix.Name, &ix.Unique, &ix.Method, &ix.Columns, &ix.Where); err != nil {
			return err
		}
		t := in.byOID[oid]
		t.Indexes = append(t.Indexes, ix)
		return nil
	}, in.oids)
}

const policiesSQL = `
SELECT p.polrelid, p.polname, p.polcmd::text,
       coalesce(pg_get_expr(p.polqual, p.polrelid), ''),
       coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
FROM pg_policy p WHERE p.polrelid = ANY($1)
ORDER BY p.polrelid, p.polname`

var commands = map[string]string{"*": "ALL", "r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE"}

func (in *inspector) policies(ctx context.Context) error {
	return in.each(ctx, policiesSQL, func(rows pgx.Rows) error {
		var oid uint32
		var p schema.Policy
		if err := rows.Scan(&oid, &p.Name, &p.Command, &p.Using, &p.WithCheck); err != nil {
			return err
		}
		p.Command = commands[p.Command]
		t := in.byOID[oid]
		t.Policies = append(t.Policies, p)
		return nil
	}, in.oids)
}

const enumsSQL = `
SELECT t.typname, array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = $1 AND t.typtype = 'e'
  AND (starts_with(t.typname, $2) OR EXISTS (
       SELECT 1 FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
       WHERE a.attrelid = ANY($3) AND NOT a.attisdropped AND (a.atttypid = t.oid OR at.typelem = t.oid)))
ORDER BY t.typname`

func (in *inspector) enums(ctx context.Context) error {
	return in.each(ctx, enumsSQL, func(rows pgx.Rows) error {
		var e schema.EnumType
		if err := rows.Scan(&e.Name, &e.Values); err != nil {
			return err
		}
		in.m.Enums = append(in.m.Enums, e)
		return nil
	}, in.opts.Schema, in.opts.Prefix, in.oids)
}

// seeds reads the rows of the tables opts.Seed names, each value as the
// SQL literal quote_nullable spells, ordered by the columns read.
func (in *inspector) seeds(ctx context.Context) error {
	for i := range in.m.Tables {
		t := &in.m.Tables[i]
		want, ok := in.opts.Seed[t.Name]
		if !ok {
			continue
		}
		var cols, exprs []string
		for _, c := range t.Columns {
			if slices.Contains(want, c.Name) {
				cols = append(cols, c.Name)
				exprs = append(exprs, "quote_nullable("+schema.QuoteIdent(c.Name)+")")
			}
		}
		if len(cols) == 0 {
			continue
		}
		order := make([]string, len(cols))
		for j := range cols {
			order[j] = fmt.Sprint(j + 1)
		}
		sql := "SELECT " + strings.Join(exprs, ", ") + " FROM " + qualified(in.opts.Schema, t.Name) + " ORDER BY " + strings.Join(order, ", ")
		rows, err := in.q.Query(ctx, sql)
		if err != nil {
			return err
		}
		for rows.Next() {
			vals := make([]string, len(cols))
			dest := make([]any, len(cols))
			for j := range vals {
				dest[j] = &vals[j]
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return err
			}
			t.Seed = append(t.Seed, schema.SeedRow{Columns: cols, Values: vals})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func qualified(nsp, name string) string {
	return schema.QuoteIdent(nsp) + "." + schema.QuoteIdent(name)
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
