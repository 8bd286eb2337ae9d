package schema_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/factory-kit/plinth/schema"
)

// line returns "validate_test.go:N" for the line that calls it, so a case
// can say where its error must point.
func line() string {
	_, _, n, _ := runtime.Caller(1)
	return fmt.Sprintf("validate_test.go:%d", n)
}

// nextLine returns "validate_test.go:N" for the line after the one that calls it.
func nextLine() string {
	_, _, n, _ := runtime.Caller(1)
	return fmt.Sprintf("validate_test.go:%d", n+1)
}

func TestValidationErrors(t *testing.T) {
	t.Parallel()
	table := schema.TableCreator(func(n string) string { return "x_" + n })
	orgs := func() *schema.TableBuilder { return table("orgs", schema.UUID("id").PrimaryKey()) }

	type want struct{ pos, table, column, msg string }
	cases := []struct {
		name  string
		build func() (schema.Registry, want)
	}{
		{"duplicate table", func() (schema.Registry, want) {
			a := table("a", schema.UUID("id").PrimaryKey())
			b, pos := table("a", schema.UUID("id").PrimaryKey()), line()
			return schema.Registry{a, b}, want{pos, "x_a", "", "declared twice"}
		}},
		{"collision after prefixing", func() (schema.Registry, want) {
			a := table("a", schema.UUID("id").PrimaryKey())
			b, pos := schema.TableCreator(nil)("x_a", schema.UUID("id").PrimaryKey()), line()
			return schema.Registry{a, b}, want{pos, "x_a", "", "collide after prefixing"}
		}},
		{"duplicate column", func() (schema.Registry, want) {
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.Text("id"))
			return schema.Registry{a}, want{pos, "x_a", "id", "column declared twice"}
		}},
		{"unknown FK table", func() (schema.Registry, want) {
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.UUID("b_id").References(schema.Ref("x_b", "id")))
			return schema.Registry{a}, want{pos, "x_a", "b_id", `references table "x_b", which is not in the registry`}
		}},
		{"unknown FK column", func() (schema.Registry, want) {
			b := table("b", schema.UUID("id").PrimaryKey())
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.UUID("b_id").References(b.Col("idd")))
			return schema.Registry{a, b}, want{pos, "x_a", "b_id", `references column "idd"`}
		}},
		{"FK type mismatch", func() (schema.Registry, want) {
			b := table("b", schema.UUID("id").PrimaryKey())
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.BigInt("b_id").References(b.Col("id")))
			return schema.Registry{a, b}, want{pos, "x_a", "b_id", "is bigint but references x_b.id, which is uuid"}
		}},
		{"FK to a non-key", func() (schema.Registry, want) {
			b := table("b", schema.UUID("id").PrimaryKey(), schema.Text("code"))
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.Text("b_code").References(b.Col("code")))
			return schema.Registry{a, b}, want{pos, "x_a", "b_code", "not its primary key or a unique key"}
		}},
		{"domain table not tenant-scoped", func() (schema.Registry, want) {
			o := orgs()
			c := table("customers", schema.UUID("id").PrimaryKey(), schema.Tenant(o))
			pos := nextLine()
			a := table("notes", schema.UUID("id").PrimaryKey(), schema.UUID("customer_id").References(c.Col("id")))
			return schema.Registry{o, c, a}, want{pos, "x_notes", "customer_id", `add schema.Tenant(…) with the "x_orgs" table`}
		}},
		{"tenant FK without cascade", func() (schema.Registry, want) {
			o := orgs()
			c := table("customers", schema.UUID("id").PrimaryKey(), schema.Tenant(o))
			pos := nextLine()
			a := table("notes", schema.UUID("id").PrimaryKey(), schema.UUID("org_id").NotNull().References(o.Col("id")))
			return schema.Registry{o, c, a}, want{pos, "x_notes", "org_id", "without ON DELETE CASCADE"}
		}},
		{"tenant table missing", func() (schema.Registry, want) {
			o := orgs()
			pos := nextLine()
			c := table("customers", schema.UUID("id").PrimaryKey(), schema.Tenant(o))
			return schema.Registry{c}, want{pos, "x_customers", "org_id", `tenant table "x_orgs" is not in the registry`}
		}},
		{"tenant reference table", func() (schema.Registry, want) {
			o := orgs()
			pos := nextLine()
			c := table("codes", schema.Reference(), schema.Text("code").PrimaryKey(), schema.Tenant(o))
			return schema.Registry{o, c}, want{pos, "x_codes", "org_id", "reference table is shared"}
		}},
		{"table of a multi-tenant schema neither tenant-scoped nor marked", func() (schema.Registry, want) {
			o := orgs()
			c := table("customers", schema.UUID("id").PrimaryKey(), schema.Tenant(o))
			n, pos := table("invoices", schema.UUID("id").PrimaryKey()), line()
			return schema.Registry{o, c, n}, want{pos, "x_invoices", "", "table is not tenant-scoped: add schema.Tenant(…)"}
		}},
		{"global and tenant-scoped at once", func() (schema.Registry, want) {
			o := orgs()
			c, pos := table("customers", schema.UUID("id").PrimaryKey(), schema.Tenant(o), schema.Global()), line()
			return schema.Registry{o, c}, want{pos, "x_customers", "", "keep one of schema.Tenant, schema.Reference and schema.Global"}
		}},
		{"long table name", func() (schema.Registry, want) {
			pos := nextLine()
			a := table(strings.Repeat("t", 62), schema.UUID("id").PrimaryKey())
			return schema.Registry{a}, want{pos, "x_" + strings.Repeat("t", 62), "", "is 64 bytes, PostgreSQL keeps 63"}
		}},
		{"long column name", func() (schema.Registry, want) {
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.Text(strings.Repeat("c", 64)))
			return schema.Registry{a}, want{pos, "x_a", strings.Repeat("c", 64), "is 64 bytes"}
		}},
		{"explicit name reused", func() (schema.Registry, want) {
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.Text("n"), schema.Index("n").Named("x_a_pkey"))
			return schema.Registry{a}, want{pos, "x_a", "", `name "x_a_pkey" is already used`}
		}},
		{"soft-delete unique key that is an FK target", func() (schema.Registry, want) {
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.Text("code").Unique(), schema.SoftDelete())
			b := table("b", schema.UUID("id").PrimaryKey(), schema.Text("a_code").References(a.Col("code")))
			return schema.Registry{a, b}, want{pos, "x_a", "code", "cannot become a partial index"}
		}},
		{"variant base missing", func() (schema.Registry, want) {
			base := table("base", schema.UUID("id").PrimaryKey())
			pos := nextLine()
			v := table("v", schema.Variant(base, "v"))
			return schema.Registry{v}, want{pos, "x_v", "", `variant base table "x_base" is not in the registry`}
		}},
		{"JSONB in an index", func() (schema.Registry, want) {
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.JSONB[map[string]any]("attrs"), schema.Index("((attrs->>'plan'))"))
			return schema.Registry{a}, want{pos, "x_a", "attrs", "a field that drives a query should be a real column — promote it"}
		}},
		{"JSON in a check", func() (schema.Registry, want) {
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.JSON[[]string]("tags"), schema.Check("json_array_length(tags) < 5"))
			return schema.Registry{a}, want{pos, "x_a", "tags", "drives a query"}
		}},
		{"no primary key", func() (schema.Registry, want) {
			a, pos := table("a", schema.Text("n")), line()
			return schema.Registry{a}, want{pos, "x_a", "", "table has no primary key"}
		}},
		{"two column primary keys", func() (schema.Registry, want) {
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.UUID("id2").PrimaryKey())
			return schema.Registry{a}, want{pos, "x_a", "", `schema.PrimaryKey("id", "id2")`}
		}},
		{"enum without values", func() (schema.Registry, want) {
			e, pos := schema.Enum("empty"), line()
			a := table("a", schema.UUID("id").PrimaryKey(), e.Column("e"))
			return schema.Registry{a}, want{pos, "", "", `enum "empty" has no values`}
		}},
		{"key on unknown column", func() (schema.Registry, want) {
			pos := nextLine()
			a := table("a", schema.UUID("id").PrimaryKey(), schema.Unique("nope"))
			return schema.Registry{a}, want{pos, "x_a", "nope", "names a column the table does not have"}
		}},
		{"seed on unknown column", func() (schema.Registry, want) {
			a := table("a", schema.Reference(), schema.Text("code").PrimaryKey())
			pos := nextLine()
			a.Seed(schema.Row{"code": "x", "nope": 1})
			return schema.Registry{a}, want{pos, "x_a", "nope", "seed row sets a column"}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			reg, w := tc.build()
			m, err := schema.New(reg...)
			if err == nil {
				t.Fatalf("New succeeded, want an error containing %q; DDL:\n%s", w.msg, m.SQL())
			}
			var found bool
			for _, e := range unjoin(err) {
				var se *schema.Error
				if !errors.As(e, &se) {
					t.Fatalf("error %v is not a *schema.Error", e)
				}
				if strings.Contains(se.Msg, w.msg) {
					found = true
					if !strings.HasSuffix(se.Pos, w.pos) || se.Table != w.table || se.Column != w.column {
						t.Errorf("error %q at pos %q table %q column %q, want pos %q table %q column %q",
							se.Msg, se.Pos, se.Table, se.Column, w.pos, w.table, w.column)
					}
					if !strings.Contains(se.Error(), w.pos+": ") {
						t.Errorf("Error() = %q, want the position %s first", se.Error(), w.pos)
					}
				}
			}
			if !found {
				t.Errorf("errors:\n%v\nwant one containing %q", err, w.msg)
			}
		})
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func TestAllErrorsAtOnce(t *testing.T) {
	t.Parallel()
	table := schema.TableCreator(nil)
	a := table("a", schema.Text("n"), schema.Text("n"))
	b := table("b", schema.UUID("id").PrimaryKey(), schema.UUID("a_id").References(schema.Ref("zz", "id")))
	_, err := schema.New(a, b)
	if got := len(unjoin(err)); got != 3 {
		t.Errorf("got %d errors, want 3 (duplicate column, no primary key, unknown table):\n%v", got, err)
	}
}

func TestErrorString(t *testing.T) {
	t.Parallel()
	e := &schema.Error{Pos: "fleet.go:42", Table: "fleet_customers", Column: "org_id", Msg: "fix it"}
	if got, want := e.Error(), `fleet.go:42: table "fleet_customers" column "org_id": fix it`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e = &schema.Error{Msg: "fix it"}
	if got := e.Error(); got != "fix it" {
		t.Errorf("Error() = %q, want %q", got, "fix it")
	}
}

// TestSingleTenantSchemaNeedsNoMarks: without tenant-scoped tables the
// tenancy rule does not apply.
func TestSingleTenantSchemaNeedsNoMarks(t *testing.T) {
	t.Parallel()
	table := schema.TableCreator(nil)
	a := table("a", schema.UUID("id").PrimaryKey())
	b := table("b", schema.UUID("id").PrimaryKey(), schema.UUID("a_id").References(a.Col("id")))
	if _, err := schema.New(a, b); err != nil {
		t.Fatal(err)
	}
}

// TestOptionalTenantLinkMaySetNull accepts a nullable link to the tenant
// table that is detached, not cascaded, when the tenant is deleted.
func TestOptionalTenantLinkMaySetNull(t *testing.T) {
	t.Parallel()
	table := schema.TableCreator(nil)
	orgs := table("orgs", schema.UUID("id").PrimaryKey())
	notes := table("notes", schema.UUID("id").PrimaryKey(), schema.Tenant(orgs))
	sessions := table("sessions",
		schema.Global(),
		schema.UUID("id").PrimaryKey(),
		schema.UUID("active_org_id").References(orgs.Col("id")).OnDelete(schema.SetNull),
	)
	if _, err := schema.New(orgs, notes, sessions); err != nil {
		t.Fatalf("SET NULL link to the tenant table rejected: %v", err)
	}
	restricted := table("sessions",
		schema.Global(),
		schema.UUID("id").PrimaryKey(),
		schema.UUID("active_org_id").References(orgs.Col("id")).OnDelete(schema.Restrict),
	)
	if _, err := schema.New(orgs, notes, restricted); err == nil || !strings.Contains(err.Error(), "without ON DELETE CASCADE") {
		t.Fatalf("RESTRICT link to the tenant table: %v", err)
	}
}
