// Package devdb runs throwaway PostgreSQL servers from the machine's own
// binaries and hands out isolated databases cloned from migrated templates.
//
// It is plinth's embedded default database: no Docker, no download, no
// server to configure. A cluster lives in a private directory, listens on a
// Unix socket only (unless TCP is asked for), and runs with fsync off
// because its data is disposable.
//
// In tests, one server is shared by every test of the process:
//
//	func TestMain(m *testing.M) { os.Exit(devdb.Main(m)) }
//
//	func TestCustomers(t *testing.T) {
//		t.Parallel()
//		srv := devdb.ForTest(t)
//		tpl, err := srv.Template(ctx, schemaHash, func(ctx context.Context, conn *pgx.Conn) error {
//			_, err := conn.Exec(ctx, ddl)
//			return err
//		})
//		if err != nil {
//			t.Fatal(err)
//		}
//		url := tpl.Branch(t) // this test's own database, dropped when the test passes
//		...
//	}
//
// A template is built once per content key and reused by every process that
// uses the same server, so the migrations run once, not once per test.
// Branch clones it with CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY,
// which takes milliseconds. A failed test keeps its branch and logs its URL.
//
// PLINTH_TEST_DATABASE_URL points the tests at an existing server instead of
// a throwaway cluster; templates and branches work the same way there.
//
// Started as root, devdb runs the server as an unprivileged OS user (the
// "postgres" system user by default, or PLINTH_DEVDB_USER), because initdb
// refuses to run as root. A cluster started by a process is stopped when
// that process ends, even when it is killed.
package devdb
