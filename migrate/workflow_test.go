package migrate_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factory-kit/plinth/migrate"
	"github.com/factory-kit/plinth/schema"
)

func TestGenerateAndCheck(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := sandbox(t)
	path := filepath.Join(t.TempDir(), "migrations")
	v1 := build(t, schema.Registry{orgs(), customersV(false)})
	v2 := build(t, schema.Registry{orgs(), customersV(false, schema.Varchar("email", 200))})
	v3 := build(t, schema.Registry{orgs(), customersV(false, schema.Varchar("email", 200), schema.Integer("visits"))})

	generate := func(m *schema.Model, name string) *migrate.File {
		t.Helper()
		f, _, err := migrate.Generate(ctx, sb, readDir(t, path), m, name, migrate.GenerateOpts{})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	if f := generate(v1, "init"); f == nil || f.Name != "0001_init.sql" {
		t.Fatalf("first migration: %+v", f)
	}
	if f := generate(v1, "again"); f != nil {
		t.Fatalf("no change wrote %s", f.Name)
	}
	if f := generate(v2, "add email"); f == nil || f.Name != "0002_add_email.sql" ||
		f.SQL != "ALTER TABLE app_customers ADD COLUMN email character varying(200);\n" {
		t.Fatalf("second migration: %+v", f)
	}
	if err := migrate.Check(ctx, sb, readDir(t, path), v2, migrate.CheckOpts{}); err != nil {
		t.Errorf("Check of an up-to-date directory: %v", err)
	}
	err := migrate.Check(ctx, sb, readDir(t, path), v3, migrate.CheckOpts{})
	var drift *migrate.DriftError
	if !errors.As(err, &drift) || len(drift.Steps) != 1 || drift.Steps[0].Table != "app_customers" || drift.Steps[0].Column != "visits" {
		t.Errorf("Check of a schema change without its migration: %v, want a *DriftError naming app_customers.visits", err)
	}
	write(t, path, "0002_add_email.sql", "ALTER TABLE app_customers ADD COLUMN email text;\n")
	if err := migrate.Check(ctx, sb, readDir(t, path), v2, migrate.CheckOpts{}); !errors.As(err, new(*migrate.SumError)) {
		t.Errorf("Check of an edited file: %v, want a *SumError", err)
	}
}

func TestGenerateTimestampNaming(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := t.TempDir()
	d, err := migrate.ReadDir(path, migrate.Timestamp)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 5, 14, 9, 30, 0, 0, time.UTC)
	f, _, err := migrate.Generate(ctx, sandbox(t), d, build(t, schema.Registry{orgs()}), "create orgs", migrate.GenerateOpts{Now: now})
	if err != nil || f == nil || f.Name != "20260514093000_create_orgs.sql" {
		t.Fatalf("Generate: %+v, %v", f, err)
	}
	sum, _ := os.ReadFile(filepath.Join(path, migrate.SumFile))
	if !strings.HasPrefix(string(sum), "naming timestamp\ntotal h1:") {
		t.Errorf("plinth.sum starts %q", sum)
	}
}

func TestPush(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := sandbox(t)
	conn := database(t, build(t, schema.Registry{customersV(false, schema.Text("email"))}).SQL())
	v2 := build(t, schema.Registry{customersV(false)})
	if _, err := migrate.Push(ctx, conn, sb, v2, migrate.PushOpts{}); !errors.As(err, new(*migrate.DestructiveError)) {
		t.Fatalf("Push dropping a column: %v, want a *DestructiveError", err)
	}
	plan, err := migrate.Push(ctx, conn, sb, v2, migrate.PushOpts{AllowDestructive: true, DryRun: true})
	if err != nil || plan.SQL() != "ALTER TABLE app_customers DROP COLUMN email;\n" {
		t.Fatalf("dry run: %v\n%s", err, plan.SQL())
	}
	if _, err := migrate.Push(ctx, conn, sb, v2, migrate.PushOpts{AllowDestructive: true}); err != nil {
		t.Fatal(err)
	}
	want, err := sb.Normalize(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}
	assertState(t, conn, want)
}

func TestInspectSkipsBookkeepingAndOtherPrefixes(t *testing.T) {
	t.Parallel()
	conn := database(t, "CREATE TABLE plinth_migrations (version text); CREATE TABLE other (id int); CREATE TABLE app_x (id int);")
	m, err := migrate.Inspect(context.Background(), conn, migrate.InspectOpts{Prefix: "app_"})
	if err != nil || len(m.Tables) != 1 || m.Tables[0].Name != "app_x" {
		t.Fatalf("Inspect with prefix app_: %+v, %v", m, err)
	}
	m, err = migrate.Inspect(context.Background(), conn, migrate.InspectOpts{})
	if err != nil || len(m.Tables) != 2 {
		t.Fatalf("Inspect without prefix: %+v, %v", m, err)
	}
}
