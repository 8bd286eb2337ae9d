package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"
)

// MaxIdentLen is the longest identifier PostgreSQL keeps, in bytes; longer
// names are silently truncated by the server, so plinth refuses or shortens them.
const MaxIdentLen = 63

// QuoteIdent returns name as a SQL identifier, double-quoted only when it
// needs to be: when it is not lower-case letters, digits, _ and $ starting
// with a letter or _, or when it is a keyword PostgreSQL would not accept bare.
func QuoteIdent(name string) string {
	if isBareIdent(name) && !keywords[name] {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteLiteral returns s as a SQL string literal.
// It relies on standard_conforming_strings, on by default since
// PostgreSQL 9.1, so a backslash is an ordinary character.
func QuoteLiteral(s string) string {
	return `'` + strings.ReplaceAll(s, `'`, `''`) + `'`
}

func isBareIdent(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r == '_':
		case (r >= '0' && r <= '9') || r == '$':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func quoteIdents(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = QuoteIdent(n)
	}
	return strings.Join(q, ", ")
}

// objectName builds a Postgres-like default name, table_part_part_suffix,
// and shortens it deterministically when it would exceed MaxIdentLen: the
// name is cut and a hash of the full name appended, so it stays unique.
func objectName(table string, parts []string, suffix string) string {
	name := table
	for _, p := range parts {
		name += "_" + p
	}
	name += "_" + suffix
	return shorten(name)
}

func shorten(name string) string {
	if len(name) <= MaxIdentLen {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	tail := "_" + hex.EncodeToString(sum[:4])
	cut := MaxIdentLen - len(tail)
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut] + tail
}

// keywords are the PostgreSQL keywords that are not unreserved: the ones
// quote_ident() quotes.
var keywords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
all analyse analyze and any array as asc asymmetric both case cast check
collate column constraint create current_catalog current_date current_role
current_time current_timestamp current_user default deferrable desc distinct
do else end except false fetch for foreign from grant group having in
initially intersect into lateral leading limit localtime localtimestamp not
null offset on only or order placing primary references returning select
session_user some symmetric system_user table then to trailing true union
unique user using variadic when where window with
authorization binary collation concurrently cross current_schema freeze full
ilike inner is isnull join left like natural notnull outer overlaps right
similar tablesample verbose
between bigint bit boolean char character coalesce dec decimal exists extract
float greatest grouping inout int integer interval json json_array
json_arrayagg json_exists json_object json_objectagg json_query json_scalar
json_serialize json_table json_value least merge_action national nchar none
normalize nullif numeric out overlay position precision real row setof
smallint substring time timestamp treat trim values varchar xmlattributes
xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot
xmlserialize xmltable`) {
		m[w] = true
	}
	return m
}()
