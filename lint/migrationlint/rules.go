package migrationlint

import (
	"fmt"
	"strings"

	"github.com/factory-kit/plinth/lint/internal/sqltext"
)

// statement applies the rules to one statement and records what it creates.
func (l *linter) statement(fs *fileState, s sqltext.Statement, d directives) []Finding {
	toks := s.Tokens
	if isSetLockTimeout(toks) {
		fs.lockTimeout = true
	}
	switch {
	case at(toks, 0, "create"):
		return l.create(fs, s)
	case at(toks, 0, "alter", "table"):
		return l.alterTable(fs, s, d)
	case at(toks, 0, "drop", "table"):
		return l.drop(fs, s, "TABLE", l.created)
	case at(toks, 0, "drop", "type"):
		return l.drop(fs, s, "TYPE", l.types)
	case at(toks, 0, "truncate"):
		return l.drop(fs, s, "TRUNCATE", l.created)
	case at(toks, 0, "drop", "index"), at(toks, 0, "reindex"):
		return l.concurrentlyInTransaction(fs, s)
	}
	return nil
}

// create handles CREATE TABLE, CREATE INDEX and CREATE TYPE.
func (l *linter) create(fs *fileState, s sqltext.Statement) []Finding {
	toks := s.Tokens
	i := skip(toks, 1, "or", "replace", "global", "local", "temp", "temporary", "unlogged", "unique")
	switch {
	case at(toks, i, "table"):
		temp := at(toks, 1, "temp") || at(toks, 1, "temporary") || at(toks, 2, "temp") || at(toks, 2, "temporary")
		return l.createTable(fs, s, skip(toks, i+1, "if", "not", "exists"), temp)
	case at(toks, i, "index"):
		return l.createIndex(fs, s)
	case at(toks, i, "type"):
		name, _, _ := sqltext.QualifiedName(toks, i+1)
		l.types[name] = true
	}
	return nil
}

func (l *linter) createIndex(fs *fileState, s sqltext.Statement) []Finding {
	toks := s.Tokens
	if has(toks, "concurrently") {
		return l.concurrentlyInTransaction(fs, s)
	}
	for i, t := range toks {
		if t.Depth == 0 && t.Is("on") {
			table, _, _ := sqltext.QualifiedName(toks, skip(toks, i+1, "only"))
			if l.created[table] {
				return nil
			}
			return []Finding{l.finding(fs, s, 0, RuleIndexConcurrently, Error, fmt.Sprintf(
				"CREATE INDEX on existing table %s blocks its writes while the index builds: "+
					"use CREATE INDEX CONCURRENTLY, in a file whose first line is -- plinth:no-transaction", table))}
		}
	}
	return nil
}

// concurrentlyInTransaction reports CONCURRENTLY in a file that runs in a
// transaction, where Postgres refuses it.
func (l *linter) concurrentlyInTransaction(fs *fileState, s sqltext.Statement) []Finding {
	if fs.noTransaction || !has(s.Tokens, "concurrently") {
		return nil
	}
	return []Finding{l.finding(fs, s, 0, RuleTransaction, Error,
		"CONCURRENTLY cannot run inside a transaction block: make -- plinth:no-transaction the file's first line "+
			"(and keep the file to this one statement, so a failure leaves nothing half-applied)")}
}

// drop handles DROP TABLE, DROP TYPE and TRUNCATE of objects that exist.
func (l *linter) drop(fs *fileState, s sqltext.Statement, what string, created map[string]bool) []Finding {
	var existing []string
	for _, name := range names(s.Tokens) {
		if !created[name] {
			existing = append(existing, name)
		}
	}
	if len(existing) == 0 {
		return nil
	}
	list := strings.Join(existing, ", ")
	var msg string
	switch what {
	case "TRUNCATE":
		msg = "TRUNCATE " + list + " deletes every row"
	default:
		msg = "DROP " + what + " " + list + " destroys it and its data"
	}
	return []Finding{l.finding(fs, s, 0, RuleDestructive, Error, msg+
		": make sure no deployed code still uses it and the data is backed up or no longer needed, "+
		"then say so with -- plinth:lint-ignore destructive <why>")}
}

// names returns the object names of a DROP TABLE / DROP TYPE / TRUNCATE list.
func names(toks []sqltext.Token) []string {
	i := skip(toks, 1, "table", "type", "if", "exists", "only")
	var out []string
	for i < len(toks) {
		name, _, next := sqltext.QualifiedName(toks, i)
		if name == "" {
			break
		}
		out = append(out, name)
		if next >= len(toks) || !toks[next].IsPunct(",") {
			break
		}
		i = skip(toks, next+1, "only")
	}
	return out
}

// isSetLockTimeout reports whether the statement sets lock_timeout, by SET
// [LOCAL|SESSION] lock_timeout or set_config('lock_timeout', …).
func isSetLockTimeout(toks []sqltext.Token) bool {
	if at(toks, 0, "set") {
		return at(toks, skip(toks, 1, "local", "session"), "lock_timeout")
	}
	for _, t := range toks {
		if t.Kind == sqltext.String && strings.Contains(t.Text, "'lock_timeout'") {
			return true
		}
	}
	return false
}

// at reports whether the tokens from i on are the given words.
func at(toks []sqltext.Token, i int, words ...string) bool {
	for k, w := range words {
		if i+k >= len(toks) || !toks[i+k].Is(w) {
			return false
		}
	}
	return true
}

// skip returns the index of the first token from i on that is none of words.
func skip(toks []sqltext.Token, i int, words ...string) int {
	for i < len(toks) && toks[i].IsAny(words...) {
		i++
	}
	return i
}

// has reports whether the statement contains the keyword at depth 0.
func has(toks []sqltext.Token, word string) bool {
	for _, t := range toks {
		if t.Depth == 0 && t.Is(word) {
			return true
		}
	}
	return false
}

// hasSeq reports whether toks contain the words in a row, at any depth.
func hasSeq(toks []sqltext.Token, words ...string) bool {
	for i := range toks {
		if at(toks, i, words...) {
			return true
		}
	}
	return false
}

// splitTop splits toks at commas of the given depth.
func splitTop(toks []sqltext.Token, depth int) [][]sqltext.Token {
	var parts [][]sqltext.Token
	start := 0
	for i, t := range toks {
		if t.IsPunct(",") && t.Depth == depth {
			parts = append(parts, toks[start:i])
			start = i + 1
		}
	}
	return append(parts, toks[start:])
}
