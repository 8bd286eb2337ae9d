// Package migrationlint checks SQL migration files for changes that are
// dangerous on a live Postgres database or that break plinth's schema
// conventions, and says what to do instead.
//
// A table is "existing" unless a statement earlier in the same file
// created it: a table created by an earlier migration may hold rows by the
// time a later one runs. LintFile looks at one file, LintDir at a
// directory's files in apply order (from Options.From on), each file on
// its own. Each Finding names the file, line, rule and severity, and its
// message says what to do:
//
//	findings, err := migrationlint.LintDir("db/migrations", migrationlint.Options{From: "0007"})
//	for _, f := range findings {
//		fmt.Println(f) // db/migrations/0007_x.sql:3: error: index-concurrently: …
//	}
//
// A statement's leading comments may carry directives:
//
//	-- plinth:lint-ignore destructive,lock-timeout the column has been unused since v2.3
//	-- plinth:rename declared with RenamedFrom("name"); the old name is unused
//
// An ignore without a reason is itself a finding. A file whose first line
// is -- plinth:no-transaction runs outside a transaction, which
// CONCURRENTLY requires.
package migrationlint
