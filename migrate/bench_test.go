package migrate_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/factory-kit/plinth/migrate"
	"github.com/factory-kit/plinth/schema"
)

// bigSchema returns the first n tables of a 200-table tenant schema; with
// extra, table 7 gains a column (the change the benchmarked migration writes).
func bigSchema(n int, extra bool) schema.Registry {
	o := orgs()
	reg := schema.Registry{o}
	for i := 1; i < n; i++ {
		parts := []schema.Part{
			schema.UUID("id").PrimaryKey().DefaultRandom(),
			schema.Tenant(o),
			schema.Text("name").NotNull(),
			schema.Varchar("code", 40).Unique(),
			schema.Integer("rank").NotNull().Default("0").Check("rank >= 0"),
			schema.Timestamps(),
			schema.Index("name"),
		}
		if extra && i == 7 {
			parts = append(parts, schema.Text("note"))
		}
		reg = append(reg, table(fmt.Sprintf("t%03d", i), parts...))
	}
	return reg
}

// benchDir writes a 20-file migrations directory that builds the 200-table
// schema, 10 tables a file, and returns its path.
func benchDir(b *testing.B, sb *migrate.Sandbox) string {
	b.Helper()
	path := b.TempDir()
	for k := 1; k <= 20; k++ {
		d, err := migrate.ReadDir(path, "")
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := migrate.Generate(context.Background(), sb, d, build(b, bigSchema(k*10, false)), fmt.Sprintf("step %d", k), migrate.GenerateOpts{}); err != nil {
			b.Fatal(err)
		}
	}
	return path
}

func copyDir(b *testing.B, from string) string {
	b.Helper()
	to := b.TempDir()
	entries, _ := os.ReadDir(from)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err == nil {
			err = os.WriteFile(filepath.Join(to, e.Name()), data, 0o644)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return to
}

// BenchmarkMigration200Tables measures plinth migration end to end on a
// 200-table schema with a 20-file directory: normalize the schema, replay
// the directory, diff, write the 21st file and the sum. "warm" reuses the
// templates a shared server keeps; "cold" builds both every time.
func BenchmarkMigration200Tables(b *testing.B) {
	ctx := context.Background()
	sb := sandbox(b)
	base := benchDir(b, sb)
	for _, cold := range []bool{false, true} {
		b.Run(map[bool]string{false: "warm", true: "cold"}[cold], func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				path := copyDir(b, base)
				want := build(b, bigSchema(200, true))
				if cold {
					uniquify(b, path, want, i)
				}
				d, err := migrate.ReadDir(path, "")
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				files, _, err := migrate.Generate(ctx, sb, d, want, "add note", migrate.GenerateOpts{})
				if err != nil || len(files) != 1 || files[0].Name != "0021_add_note.sql" {
					b.Fatalf("Generate: %+v, %v", files, err)
				}
			}
		})
	}
}

// BenchmarkCheck200Tables measures plinth check on the same directory,
// complete with its 21st file.
func BenchmarkCheck200Tables(b *testing.B) {
	ctx := context.Background()
	sb := sandbox(b)
	path := benchDir(b, sb)
	want := build(b, bigSchema(200, true))
	if _, _, err := migrate.Generate(ctx, sb, readDir(b, path), want, "add note", migrate.GenerateOpts{}); err != nil {
		b.Fatal(err)
	}
	for _, cold := range []bool{false, true} {
		b.Run(map[bool]string{false: "warm", true: "cold"}[cold], func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				p, w := path, want
				if cold {
					p, w = copyDir(b, path), build(b, bigSchema(200, true))
					uniquify(b, p, w, i)
				}
				d := readDir(b, p)
				b.StartTimer()
				if err := migrate.Check(ctx, sb, d, w, migrate.CheckOpts{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// uniquify makes the directory and the schema new content, so that no
// template is reused: a comment in the first file, and a table comment
// that the directory's last file sets too.
func uniquify(b *testing.B, path string, want *schema.Model, i int) {
	b.Helper()
	d := readDir(b, path)
	first := filepath.Join(path, d.Files[0].Name)
	tag := fmt.Sprintf("cold %d %p", i, want)
	if err := os.WriteFile(first, []byte("-- "+tag+"\n"+d.Files[0].SQL), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := readDir(b, path).WriteSum(); err != nil {
		b.Fatal(err)
	}
	want.Tables[0].Pos = tag // not SQL: the schema side is made unique below
	want.Tables[0].Columns[0].Default = "gen_random_uuid() /* " + tag + " */"
}
