package migrate_test

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/factory-kit/plinth/lint/migrationlint"
	"github.com/factory-kit/plinth/migrate"
	"github.com/factory-kit/plinth/schema"
)

var update = flag.Bool("update", false, "rewrite the want.sql files of testdata/diff")

var table = schema.TableCreator(func(name string) string { return "app_" + name })

func orgs() *schema.TableBuilder {
	return table("orgs", schema.UUID("id").PrimaryKey().DefaultRandom(), schema.Text("name").NotNull())
}

// diffCase is one golden case: v1 is applied, v2 is the desired schema.
type diffCase struct {
	v1, v2 func() schema.Registry
	// destructive lists the steps (as Step.String prints them) that Diff
	// must refuse without AllowDestructive; the golden plan allows them.
	destructive []string
}

var diffCases = map[string]diffCase{
	"create_from_empty": {
		v1: func() schema.Registry { return nil },
		v2: func() schema.Registry {
			o := orgs()
			status := schema.Enum("app_customer_status", "active", "churned")
			customers := table("customers",
				schema.UUID("id").PrimaryKey().DefaultRandom(),
				schema.Tenant(o, schema.RowLevelSecurity()),
				schema.Text("name").NotNull().Comment("Display name"),
				schema.Varchar("email", 200).Unique(),
				status.Column("status").NotNull().Default("'active'"),
				schema.Array(schema.Text("tags")).NotNull().Default("'{}'"),
				schema.SoftDelete(),
				schema.Timestamps(),
				schema.Index("(lower(name))"),
				schema.Index("tags").Using("gin"),
			).Comment("Customers of an organization")
			vehicles := table("vehicles",
				schema.BigInt("id").Identity().PrimaryKey(),
				schema.Tenant(o),
				schema.UUID("customer_id").NotNull().References(customers.Col("id")).OnDelete(schema.Cascade),
				schema.Integer("year").NotNull().Check("year > 1885"),
			)
			return schema.Registry{o, customers, vehicles, countries("US", "FR")}
		},
	},
	"add_column": {
		v1: func() schema.Registry { return schema.Registry{customersV(false)} },
		v2: func() schema.Registry {
			return schema.Registry{customersV(false,
				schema.Varchar("email", 200).Comment("Where invoices go"),
				schema.Integer("visits").NotNull().Default("0"),
			)}
		},
	},
	"add_not_null_column": {
		v1:          func() schema.Registry { return schema.Registry{customersV(false)} },
		v2:          func() schema.Registry { return schema.Registry{customersV(false, schema.Text("code").NotNull())} },
		destructive: []string{"add NOT NULL column without default app_customers.code"},
	},
	"drop_column": {
		v1: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Varchar("email", 200).Unique())}
		},
		v2:          func() schema.Registry { return schema.Registry{customersV(false)} },
		destructive: []string{"drop column app_customers.email"},
	},
	"drop_table": {
		v1: func() schema.Registry {
			o := orgs()
			return schema.Registry{o, table("notes", schema.UUID("id").PrimaryKey(), schema.Tenant(o))}
		},
		v2:          func() schema.Registry { return schema.Registry{orgs()} },
		destructive: []string{"drop table app_notes"},
	},
	"rename_table_column": {
		v1: func() schema.Registry {
			return schema.Registry{table("customers", schema.UUID("id").PrimaryKey(), schema.Text("name").NotNull().Unique())}
		},
		v2: func() schema.Registry {
			return schema.Registry{table("clients", schema.UUID("id").PrimaryKey(),
				schema.Text("full_name").NotNull().Unique().RenamedFrom("name")).RenamedFrom("app_customers")}
		},
	},
	"type_change": {
		v1: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Varchar("email", 80), schema.Varchar("code", 20), schema.Integer("visits"))}
		},
		v2: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Varchar("email", 200), schema.Varchar("code", 10), schema.BigInt("visits"))}
		},
		destructive: []string{"change column type app_customers.code"},
	},
	"set_not_null": {
		v1: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Text("email"), schema.Text("note"))}
		},
		v2: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Text("email").NotNull(), schema.Text("note").NotNull().Default("''"))}
		},
		destructive: []string{"set NOT NULL without default app_customers.email"},
	},
	"soft_delete_unique": {
		v1: func() schema.Registry { return schema.Registry{customersV(false, schema.Text("email").Unique())} },
		v2: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Text("email").Unique(), schema.SoftDelete())}
		},
	},
	"tenant_composite_fk": {
		v1: func() schema.Registry {
			o := orgs()
			c := table("customers", schema.UUID("id").PrimaryKey())
			v := table("vehicles", schema.UUID("id").PrimaryKey(), schema.UUID("customer_id").References(c.Col("id")).OnDelete(schema.SetNull))
			return schema.Registry{o, c, v}
		},
		v2: func() schema.Registry {
			o := orgs()
			c := table("customers", schema.UUID("id").PrimaryKey(), schema.Tenant(o))
			v := table("vehicles", schema.UUID("id").PrimaryKey(), schema.Tenant(o),
				schema.UUID("customer_id").References(c.Col("id")).OnDelete(schema.SetNull))
			return schema.Registry{o, c, v}
		},
		destructive: []string{"add NOT NULL column without default app_customers.org_id", "add NOT NULL column without default app_vehicles.org_id"},
	},
	"variants": {
		v1: func() schema.Registry {
			return schema.Registry{table("vehicle_types", schema.UUID("id").PrimaryKey(), schema.Text("make").NotNull())}
		},
		v2: func() schema.Registry {
			base := table("vehicle_types", schema.UUID("id").PrimaryKey(), schema.Text("make").NotNull())
			ice := table("ice_vehicles", schema.Variant(base, "ice"), schema.Numeric("mpg", 5, 1))
			bev := table("bev_vehicles", schema.Variant(base, "bev"), schema.Integer("battery_kwh"))
			return schema.Registry{base, ice, bev}
		},
		destructive: []string{"add NOT NULL column without default app_vehicle_types.kind"},
	},
	"enum_add_value": {
		v1: func() schema.Registry { return schema.Registry{withStatus("'active'", "active", "churned")} },
		v2: func() schema.Registry {
			return schema.Registry{withStatus("'paused'", "trial", "active", "paused", "churned")}
		},
	},
	"enum_remove_value": {
		v1: func() schema.Registry { return schema.Registry{withStatus("'active'", "active", "paused", "churned")} },
		v2: func() schema.Registry { return schema.Registry{withStatus("'active'", "active", "churned")} },
		destructive: []string{"remove or reorder enum values app_status",
			"remove or reorder enum values app_customers.history app_status", "remove or reorder enum values app_customers.status app_status"},
	},
	"default_change": {
		v1: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Text("a").Default("'x'"), schema.Text("b").Default("'y'"), schema.Integer("c"))}
		},
		v2: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Text("a").Default("'z'"), schema.Text("b"), schema.Integer("c").Default("42"))}
		},
	},
	"index_change": {
		v1: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Array(schema.Text("tags")), schema.Index("name"), schema.Index("tags"))}
		},
		v2: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Array(schema.Text("tags")),
				schema.Index("name").Where("name <> ''"), schema.Index("tags").Using("gin"), schema.Index("(lower(name))").Unique())}
		},
	},
	"check_change": {
		v1: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Integer("year").Check("year > 1885"), schema.Check("name <> ''").Named("app_customers_name_check"))}
		},
		v2: func() schema.Registry {
			return schema.Registry{customersV(false, schema.Integer("year").Check("year > 1900"), schema.Check("length(name) < 100").Named("app_customers_len_check"))}
		},
	},
	"policy_rls": {
		v1: func() schema.Registry {
			o := orgs()
			return schema.Registry{o, table("notes", schema.UUID("id").PrimaryKey(), schema.Tenant(o))}
		},
		v2: func() schema.Registry {
			o := orgs()
			return schema.Registry{o, table("notes", schema.UUID("id").PrimaryKey(), schema.Tenant(o, schema.RowLevelSecurity()))}
		},
	},
	"comment_change": {
		v1: func() schema.Registry {
			return schema.Registry{table("notes", schema.UUID("id").PrimaryKey().Comment("key"), schema.Text("body").Comment("old")).Comment("Notes")}
		},
		v2: func() schema.Registry {
			return schema.Registry{table("notes", schema.UUID("id").PrimaryKey(), schema.Text("body").Comment("the text")).Comment("Notes, edited")}
		},
	},
	"seed_rows": {
		v1: func() schema.Registry { return schema.Registry{countries("US", "FR")} },
		v2: func() schema.Registry {
			return schema.Registry{countries("US", "FR", "DE", "FR*")}
		},
	},
}

// customersV is a small customers table with extra parts.
func customersV(_ bool, parts ...schema.Part) *schema.TableBuilder {
	return table("customers", append([]schema.Part{schema.UUID("id").PrimaryKey(), schema.Text("name").NotNull()}, parts...)...)
}

func withStatus(def string, values ...string) *schema.TableBuilder {
	st := schema.Enum("app_status", values...)
	return customersV(false, st.Column("status").NotNull().Default(def), schema.Array(st.Column("history")))
}

// countries is a reference table seeded with the given codes.
func countries(codes ...string) *schema.TableBuilder {
	names := map[string]string{"US": "United States", "FR": "France", "DE": "Germany", "FR*": "France (République)"}
	var rows []schema.Row
	for _, c := range codes {
		rows = slices.DeleteFunc(rows, func(r schema.Row) bool { return r["code"] == strings.TrimSuffix(c, "*") })
		rows = append(rows, schema.Row{"code": strings.TrimSuffix(c, "*"), "name": names[c], "eu": c != "US"})
	}
	return table("countries", schema.Reference(),
		schema.Text("code").PrimaryKey(), schema.Text("name").NotNull(), schema.Boolean("eu").NotNull().Default("false"),
	).Seed(rows...)
}

func TestDiffGolden(t *testing.T) {
	t.Parallel()
	for name, c := range diffCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			v1, v2 := build(t, c.v1()), build(t, c.v2())
			conn := database(t, v1.SQL())
			want, err := sandbox(t).Normalize(ctx, v2)
			if err != nil {
				t.Fatal(err)
			}
			_, err = migrate.Diff(ctx, conn, want, migrate.DiffOpts{})
			var refused *migrate.DestructiveError
			switch {
			case len(c.destructive) == 0 && err != nil:
				t.Fatalf("Diff refused a safe change: %v", err)
			case len(c.destructive) > 0 && !errors.As(err, &refused):
				t.Fatalf("Diff without AllowDestructive: err %v, want a *DestructiveError", err)
			case refused != nil:
				var got []string
				for _, s := range refused.Steps {
					got = append(got, s.String())
				}
				if !slices.Equal(got, c.destructive) {
					t.Errorf("refused steps:\n got %q\nwant %q", got, c.destructive)
				}
			}
			plan, err := migrate.Diff(ctx, conn, want, migrate.DiffOpts{AllowDestructive: true})
			if err != nil {
				t.Fatal(err)
			}
			files := plan.Files()
			goldenFiles(t, filepath.Join("testdata", "diff", name), files)

			// The migration files pass the lint, v1's tables being
			// existing ones, and take v1 to v2 when Up applies them.
			dir := planDir(t, files)
			findings, err := migrationlint.LintDir(dir, migrationlint.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				if f.Severity == migrationlint.Error {
					t.Errorf("lint: %s", f)
				}
			}
			if _, err := migrate.Up(ctx, conn, readDir(t, dir), migrate.UpOpts{}); err != nil {
				t.Fatalf("applying the migration files: %v", err)
			}
			assertState(t, conn, want)

			// Push's plain form does too.
			pushed := database(t, v1.SQL())
			if err := migrate.Apply(ctx, pushed, plan); err != nil {
				t.Fatalf("applying the plan: %v", err)
			}
			assertState(t, pushed, want)
		})
	}
}

// goldenFiles compares the migration files of a plan with want.sql (the
// first) and want_SUFFIX.sql (a second) in dir.
func goldenFiles(t *testing.T, dir string, files []migrate.MigrationFile) {
	t.Helper()
	if *update {
		stale, _ := filepath.Glob(filepath.Join(dir, "want_*.sql"))
		for _, f := range stale {
			os.Remove(f)
		}
	}
	for i, f := range files {
		name := "want.sql"
		if i > 0 {
			name = "want_" + f.Suffix + ".sql"
		}
		golden(t, filepath.Join(dir, name), f.SQL)
	}
	if !*update {
		extra, _ := filepath.Glob(filepath.Join(dir, "want_*.sql"))
		if len(extra) != len(files)-1 {
			t.Errorf("%s holds %v, but the plan has %d file(s)", dir, extra, len(files))
		}
	}
}

// planDir writes the migration files of a plan into a new, hashed
// migrations directory as 0001_plan.sql and 0002_plan_SUFFIX.sql.
func planDir(t *testing.T, files []migrate.MigrationFile) string {
	t.Helper()
	m := map[string]string{}
	for i, f := range files {
		name := "plan"
		if f.Suffix != "" {
			name += "_" + f.Suffix
		}
		m[fmt.Sprintf("%04d_%s.sql", i+1, name)] = f.SQL
	}
	return writeDir(t, m)
}

// assertState checks that the database behind conn is exactly want, in
// the catalog view, and that diffing again plans nothing.
func assertState(t *testing.T, conn interface {
	migrate.Querier
}, want *schema.Model) {
	t.Helper()
	ctx := context.Background()
	seed := map[string][]string{}
	for _, t := range want.Tables {
		for _, r := range t.Seed {
			seed[t.Name] = r.Columns
		}
	}
	got, err := migrate.Inspect(ctx, conn, migrate.InspectOpts{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	if g, w := migrate.CatalogView(got), migrate.CatalogView(want); !reflect.DeepEqual(g, w) {
		gj, _ := json.MarshalIndent(g, "", "  ")
		wj, _ := json.MarshalIndent(w, "", "  ")
		t.Errorf("after the plan, the database differs from the schema:\n got %s\nwant %s", gj, wj)
	}
	if again := migrate.Compare(got, want); !again.Empty() {
		t.Errorf("diffing again plans:\n%s", again.SQL())
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./migrate -run %s -update)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs (go test ./migrate -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, strings.TrimSpace(string(want)))
	}
}
